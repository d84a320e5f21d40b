//! Organizations: list (yours only), create (you become owner), retrieve, update (admin),
//! delete (owner); plus `/api/users/@me/`.

use chrono::Utc;
use serde_json::{json, Value};

use super::levels::{ADMIN, OWNER};
use super::pagination::{page, DEFAULT_LIMIT};
use super::store::{ts, Member, Org, Store};
use super::validate::{self, Str};
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;

/// Longest organization name.
pub const NAME_MAX_LEN: usize = 64;

/// PostHog's `Organization`, seen by you.
pub fn org_json(store: &Store, oi: usize) -> Value {
    let org = &store.orgs[oi];
    let projects: Vec<Value> = org
        .projects
        .iter()
        .map(|p| store.project_basic_json(oi, p))
        .collect();
    json!({
        "id": org.id,
        "name": org.name,
        "slug": org.slug,
        "logo_media_id": org.logo_media_id,
        "created_at": ts(&org.created_at),
        "updated_at": ts(&org.updated_at),
        "membership_level": store.my_level(oi),
        "plugins_access_level": org.plugins_access_level,
        "teams": projects,
        "projects": projects,
        "available_product_features": org.available_product_features,
        "is_member_join_email_enabled": org.is_member_join_email_enabled,
        "metadata": {"instance_tag": "none"},
        "customer_id": org.customer_id,
        "enforce_2fa": org.enforce_2fa,
        "members_can_invite": org.members_can_invite,
        "members_can_use_personal_api_keys": org.members_can_use_personal_api_keys,
        "allow_publicly_shared_resources": org.allow_publicly_shared_resources,
        "member_count": org.members.len(),
        "is_ai_data_processing_approved": org.is_ai_data_processing_approved,
        "default_experiment_stats_method": org.default_experiment_stats_method,
        "default_anonymize_ips": org.default_anonymize_ips,
        "default_role_id": org.default_role_id,
    })
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
    let logo = logo_field(&body)?;
    let join_email = validate::opt_bool(&body, "is_member_join_email_enabled")?;
    let enforce_2fa = validate::boolean(&body, "enforce_2fa", true)?;
    let now = Utc::now();
    let id = store.uuid();
    let slug = slugify(store, &name);
    let me = store.me;
    let member_id = store.uuid();
    store.orgs.push(Org {
        id,
        name,
        slug,
        logo_media_id: logo.flatten(),
        created_at: now,
        updated_at: now,
        plugins_access_level: 9,
        is_member_join_email_enabled: join_email.unwrap_or(true),
        enforce_2fa: enforce_2fa.flatten(),
        members_can_invite: Some(true),
        members_can_use_personal_api_keys: true,
        allow_publicly_shared_resources: true,
        is_ai_data_processing_approved: None,
        default_experiment_stats_method: Some("bayesian".to_string()),
        default_anonymize_ips: false,
        default_role_id: None,
        customer_id: None,
        available_product_features: Vec::new(),
        members: vec![Member {
            id: member_id,
            user: me,
            level: OWNER,
            joined_at: now,
            updated_at: now,
        }],
        invites: Vec::new(),
        domains: Vec::new(),
        roles: Vec::new(),
        proxy_records: Vec::new(),
        projects: Vec::new(),
        batch_exports: Vec::new(),
    });
    let oi = store.orgs.len() - 1;
    // PostHog creates a first project with every new organization
    let project = super::projects::new_project(store, "Default project", "UTC");
    store.orgs[oi].projects.push(project);
    Ok(Reply::created(org_json(store, oi)))
}

fn logo_field(body: &serde_json::Map<String, Value>) -> Result<Option<Option<String>>, ErrorReply> {
    let logo = validate::string(body, "logo_media_id", Str::max(36).nullable())?;
    if let Some(Some(id)) = &logo {
        if !validate::is_uuid(id) {
            return Err(ErrorReply::field(
                "logo_media_id",
                "invalid",
                "Must be a valid UUID.",
            ));
        }
    }
    Ok(logo)
}

pub fn update(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    if store.my_level(oi) < ADMIN {
        return Err(ErrorReply::insufficient_level());
    }
    let body = ctx.object()?;
    let name = validate::opt_string(&body, "name", Str::max(NAME_MAX_LEN))?;
    let logo = logo_field(&body)?;
    let join_email = validate::opt_bool(&body, "is_member_join_email_enabled")?;
    let enforce_2fa = validate::boolean(&body, "enforce_2fa", true)?;
    let members_can_invite = validate::boolean(&body, "members_can_invite", true)?;
    let personal_keys = validate::opt_bool(&body, "members_can_use_personal_api_keys")?;
    let public_sharing = validate::opt_bool(&body, "allow_publicly_shared_resources")?;
    let ai = validate::boolean(&body, "is_ai_data_processing_approved", true)?;
    let anonymize = validate::opt_bool(&body, "default_anonymize_ips")?;
    let stats = match body.get("default_experiment_stats_method") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(_) => validate::choice(
            &body,
            "default_experiment_stats_method",
            &["bayesian", "frequentist", ""],
        )?
        .map(|s| Some(s.to_string())),
    };
    let default_role =
        validate::string(&body, "default_role_id", Str::max(36).blank_ok().nullable())?;
    if let Some(Some(role_id)) = &default_role {
        if !role_id.is_empty() && !store.orgs[oi].roles.iter().any(|r| &r.id == role_id) {
            return Err(ErrorReply::field(
                "default_role_id",
                "invalid",
                "Role does not exist in this organization.",
            ));
        }
    }
    let org = &mut store.orgs[oi];
    if let Some(v) = name {
        org.name = v;
    }
    if let Some(v) = logo {
        org.logo_media_id = v;
    }
    if let Some(v) = join_email {
        org.is_member_join_email_enabled = v;
    }
    if let Some(v) = enforce_2fa {
        org.enforce_2fa = v;
    }
    if let Some(v) = members_can_invite {
        org.members_can_invite = v;
    }
    if let Some(v) = personal_keys {
        org.members_can_use_personal_api_keys = v;
    }
    if let Some(v) = public_sharing {
        org.allow_publicly_shared_resources = v;
    }
    if let Some(v) = ai {
        org.is_ai_data_processing_approved = v;
    }
    if let Some(v) = anonymize {
        org.default_anonymize_ips = v;
    }
    if let Some(v) = stats {
        org.default_experiment_stats_method = v;
    }
    if let Some(v) = default_role {
        org.default_role_id = v.filter(|s| !s.is_empty());
    }
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
                "name": o.name,
                "slug": o.slug,
                "logo_media_id": o.logo_media_id,
                "membership_level": store.my_level(oi),
                "members_can_use_personal_api_keys": o.members_can_use_personal_api_keys,
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
