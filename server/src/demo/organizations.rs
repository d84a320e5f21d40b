//! Organizations: list (yours only), create (you become owner), retrieve, update (admin),
//! delete (owner); plus `/api/users/@me/`.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::levels::{ADMIN, OWNER};
use super::pagination::{page, DEFAULT_LIMIT};
use super::store::{fields, ts, Member, Org, Role, Store};
use super::validate::{self, Kind, Str};
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;

/// Longest organization name (api's, which the console checks too).
pub use api::validate::ORGANIZATION_NAME_MAX_LEN as NAME_MAX_LEN;

/// The writable fields, in the order their errors are answered.
const FIELDS: &[(&str, Kind)] = &[
    ("name", Kind::Text(Str::max(NAME_MAX_LEN))),
    ("logo_media_id", Kind::Uuid),
    (
        "is_member_join_email_enabled",
        Kind::Bool { nullable: false },
    ),
    ("enforce_2fa", Kind::Bool { nullable: true }),
    ("members_can_invite", Kind::Bool { nullable: true }),
    (
        "members_can_use_personal_api_keys",
        Kind::Bool { nullable: false },
    ),
    (
        "allow_publicly_shared_resources",
        Kind::Bool { nullable: false },
    ),
    (
        "is_ai_data_processing_approved",
        Kind::Bool { nullable: true },
    ),
    ("default_anonymize_ips", Kind::Bool { nullable: false }),
    (
        "default_experiment_stats_method",
        Kind::Choice(&["bayesian", "frequentist", ""]),
    ),
    (
        "default_role_id",
        Kind::Text(Str::max(36).blank_ok().nullable()),
    ),
];

/// An organization as PostHog creates it, without members.
pub fn new_org(id: String, name: &str, slug: String, created_at: DateTime<Utc>) -> Org {
    let settings = json!({
        "name": name,
        "logo_media_id": null,
        "plugins_access_level": 9,
        "available_product_features": [],
        "customer_id": null,
        "is_member_join_email_enabled": true,
        "enforce_2fa": null,
        "members_can_invite": true,
        "members_can_use_personal_api_keys": true,
        "allow_publicly_shared_resources": true,
        "is_ai_data_processing_approved": null,
        "default_experiment_stats_method": "bayesian",
        "default_anonymize_ips": false,
        "default_role_id": null,
    });
    Org {
        id,
        slug,
        created_at,
        updated_at: created_at,
        settings: fields(settings),
        ..Org::default()
    }
}

/// PostHog's `Organization`, seen by you.
pub fn org_json(store: &Store, oi: usize) -> Value {
    let org = &store.orgs[oi];
    let projects: Vec<Value> = org
        .projects
        .iter()
        .map(|p| store.project_basic_json(oi, p))
        .collect();
    let mut out = json!({
        "id": org.id,
        "slug": org.slug,
        "created_at": ts(&org.created_at),
        "updated_at": ts(&org.updated_at),
        "membership_level": store.my_level(oi),
        "teams": projects,
        "projects": projects,
        "metadata": {"instance_tag": "none"},
        "member_count": org.members.len(),
    });
    if let Value::Object(out) = &mut out {
        out.extend(org.settings.clone());
    }
    out
}

/// The writable fields a body sets, checked (nothing to apply on error); a default role must be
/// one of `roles` ("" is none).
fn read_fields(
    roles: &[Role],
    body: &Map<String, Value>,
) -> Result<Vec<(String, Value)>, ErrorReply> {
    let mut changes = validate::settings(body, FIELDS)?;
    for (key, value) in &mut changes {
        match value.as_str() {
            Some("") if key == "default_role_id" => *value = Value::Null,
            Some(id) if key == "default_role_id" && !roles.iter().any(|r| r.id == id) => {
                return Err(ErrorReply::field(
                    "default_role_id",
                    "invalid",
                    "Role does not exist in this organization.",
                ));
            }
            _ => {}
        }
    }
    Ok(changes)
}

fn my_org_indexes(store: &Store) -> Vec<usize> {
    (0..store.orgs.len())
        .filter(|&oi| store.orgs[oi].members.iter().any(|m| m.user == store.me))
        .collect()
}

pub fn list(store: &mut Store, ctx: &Ctx) -> Outcome {
    let items = my_org_indexes(store)
        .into_iter()
        .map(|oi| org_json(store, oi))
        .collect();
    Ok(Reply::ok(page(&ctx.url, items, DEFAULT_LIMIT)))
}

pub fn retrieve(store: &mut Store, oi: usize, _: &Ctx) -> Outcome {
    Ok(Reply::ok(org_json(store, oi)))
}

/// A slug from a name, unique among the organizations.
pub fn slugify(store: &Store, name: &str) -> String {
    let mut base = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.ends_with('-') && !base.is_empty() {
            base.push('-');
        }
    }
    let base = base.trim_end_matches('-').to_string();
    let base = if base.is_empty() {
        "organization".to_string()
    } else {
        base
    };
    let mut slug = base.clone();
    let mut n = 2;
    while store.orgs.iter().any(|o| o.slug == slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

pub fn create(store: &mut Store, ctx: &Ctx) -> Outcome {
    let body = ctx.object()?;
    let name = validate::required_string(&body, "name", Str::max(NAME_MAX_LEN))?;
    let fields = read_fields(&[], &body)?;
    let now = Utc::now();
    let id = store.uuid();
    let slug = slugify(store, &name);
    let mut org = new_org(id, &name, slug, now);
    org.settings.extend(fields);
    org.members.push(Member {
        id: store.uuid(),
        user: store.me,
        level: OWNER,
        joined_at: now,
        updated_at: now,
    });
    store.orgs.push(org);
    let oi = store.orgs.len() - 1;
    // PostHog creates a first project with every new organization
    let project = super::projects::new_project(store, "Default project", "UTC");
    store.orgs[oi].projects.push(project);
    Ok(Reply::created(org_json(store, oi)))
}

pub fn update(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    if store.my_level(oi) < ADMIN {
        return Err(ErrorReply::insufficient_level());
    }
    let body = ctx.object()?;
    let fields = read_fields(&store.orgs[oi].roles, &body)?;
    let org = &mut store.orgs[oi];
    org.settings.extend(fields);
    org.updated_at = Utc::now();
    Ok(Reply::ok(org_json(store, oi)))
}

pub fn delete(store: &mut Store, oi: usize, _: &Ctx) -> Outcome {
    if store.my_level(oi) < OWNER {
        return Err(ErrorReply::insufficient_level());
    }
    store.orgs.remove(oi);
    Ok(Reply::NoContent)
}

/// `GET /api/users/@me/`: you, with your organizations.
pub fn me(store: &mut Store, _: &Ctx) -> Outcome {
    let orgs: Vec<Value> = my_org_indexes(store)
        .into_iter()
        .map(|oi| {
            let o = &store.orgs[oi];
            json!({
                "id": o.id,
                "name": o.settings.get("name"),
                "slug": o.slug,
                "logo_media_id": o.settings.get("logo_media_id"),
                "membership_level": store.my_level(oi),
                "members_can_use_personal_api_keys": o.settings.get("members_can_use_personal_api_keys"),
            })
        })
        .collect();
    let u = &store.users[store.me];
    let mut me = store.user_basic(store.me);
    let extra = json!({
        "date_joined": ts(&u.date_joined),
        "pending_email": null,
        "has_password": true,
        "is_staff": false,
        "is_impersonated": false,
        "is_2fa_enabled": u.is_2fa_enabled,
        "has_social_auth": u.has_social_auth,
        "organization": orgs.first().cloned(),
        "organizations": orgs,
    });
    if let (Some(me), Some(extra)) = (me.as_object_mut(), extra.as_object()) {
        me.extend(extra.clone());
    }
    Ok(Reply::ok(me))
}
