//! Organization invites: list, create (re-inviting replaces earlier invites), bulk create (at most
//! 20), delete. Invites are valid for 3 days.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};

use super::levels::{self, ADMIN, MEMBER};
use super::pagination::{page, DEFAULT_LIMIT};
use super::store::{fields, ts, Invite, Store};
use super::validate::{self, Str};
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;

/// Days an invite stays valid, most invites in one bulk request, longest `first_name` (api's,
/// which the console uses too).
pub use api::models::{INVITE_VALID_DAYS, MAX_BULK_INVITES};
pub use api::validate::INVITE_FIRST_NAME_MAX_LEN as FIRST_NAME_MAX_LEN;

pub fn is_expired(created_at: &DateTime<Utc>, now: &DateTime<Utc>) -> bool {
    *created_at + Duration::days(INVITE_VALID_DAYS.into()) < *now
}

/// PostHog's `OrganizationInvite`.
pub fn invite_json(store: &Store, inv: &Invite) -> Value {
    let mut out = json!({
        "id": inv.id,
        "target_email": inv.target_email,
        "is_expired": is_expired(&inv.created_at, &Utc::now()),
        "created_by": store.user_basic_opt(inv.created_by),
        "created_at": ts(&inv.created_at),
        "updated_at": ts(&inv.created_at),
    });
    if let Value::Object(out) = &mut out {
        out.extend(inv.rest.clone());
    }
    out
}

pub fn list(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let mut invites: Vec<&Invite> = store.orgs[oi].invites.iter().collect();
    invites.sort_by_key(|i| std::cmp::Reverse(i.created_at));
    let items = invites.into_iter().map(|i| invite_json(store, i)).collect();
    Ok(Reply::ok(page(&ctx.url, items, DEFAULT_LIMIT)))
}

/// A checked invite body: the email, and the rest of the invite as answered.
fn validate_invite(
    store: &Store,
    oi: usize,
    body: &Map<String, Value>,
) -> Result<(String, Map<String, Value>), ErrorReply> {
    let target_email = validate::required_string(body, "target_email", Str::max(254))?;
    if !validate::is_email(&target_email) {
        return Err(ErrorReply::field(
            "target_email",
            "invalid",
            "Enter a valid email address.",
        ));
    }
    let first_name =
        validate::opt_string(body, "first_name", Str::max(FIRST_NAME_MAX_LEN).blank_ok())?
            .unwrap_or_default();
    let level = validate::level(body, "level")?.unwrap_or(MEMBER);
    let message =
        validate::string(body, "message", Str::max(10_000).blank_ok().nullable())?.flatten();
    let send_email = validate::opt_bool(body, "send_email")?.unwrap_or(true);
    let private_project_access = match body.get("private_project_access") {
        None | Some(Value::Null) => None,
        Some(value) => Some(validate_project_access(store, oi, value)?),
    };
    let org = &store.orgs[oi];
    let my_level = store.my_level(oi);
    if my_level < ADMIN && org.settings.get("members_can_invite") == Some(&Value::Bool(false)) {
        return Err(ErrorReply::insufficient_level());
    }
    levels::check_invite(my_level, level).map_err(ErrorReply::forbidden)?;
    let lower = target_email.to_lowercase();
    if org
        .members
        .iter()
        .any(|m| store.users[m.user].email.to_lowercase() == lower)
    {
        return Err(ErrorReply::field(
            "target_email",
            "invalid",
            "A user with this email address already belongs to the organization.",
        ));
    }
    let rest = json!({
        "first_name": first_name,
        "level": level,
        "message": message,
        "private_project_access": private_project_access,
        "emailing_attempt_made": send_email,
    });
    Ok((target_email, fields(rest)))
}

/// `[{"id": <project id>, "level": "member"|"admin"}]`, each project of this organization.
fn validate_project_access(store: &Store, oi: usize, value: &Value) -> Result<Value, ErrorReply> {
    const ATTR: &str = "private_project_access";
    let Value::Array(items) = value else {
        return Err(ErrorReply::field(
            ATTR,
            "not_a_list",
            "Expected a list of items.",
        ));
    };
    let mut out = Vec::new();
    for item in items {
        let id = item.get("id").and_then(validate::parse_int);
        let level = item.get("level").and_then(Value::as_str);
        let (Some(id), Some(level)) = (id, level) else {
            return Err(ErrorReply::field(
                ATTR,
                "invalid",
                "Each entry needs an \"id\" and a \"level\".",
            ));
        };
        if level != "member" && level != "admin" {
            return Err(ErrorReply::invalid_choice(ATTR, &json!(level)));
        }
        if !store.orgs[oi].projects.iter().any(|p| p.id == id) {
            return Err(ErrorReply::field(
                ATTR,
                "invalid",
                "Project does not exist.",
            ));
        }
        out.push(json!({"id": id, "level": level}));
    }
    Ok(Value::Array(out))
}

/// Stores an invite of yours, replacing earlier invites to the same email.
fn insert(
    store: &mut Store,
    oi: usize,
    (target_email, rest): (String, Map<String, Value>),
) -> Invite {
    let invite = Invite {
        id: store.uuid(),
        target_email,
        created_by: Some(store.me),
        created_at: Utc::now(),
        rest,
    };
    let lower = invite.target_email.to_lowercase();
    let org = &mut store.orgs[oi];
    org.invites
        .retain(|i| i.target_email.to_lowercase() != lower);
    org.invites.push(invite.clone());
    invite
}

pub fn create(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let body = ctx.object()?;
    let new = validate_invite(store, oi, &body)?;
    let invite = insert(store, oi, new);
    Ok(Reply::created(invite_json(store, &invite)))
}

pub fn bulk(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let body = ctx.json()?;
    let Value::Array(rows) = body else {
        return Err(ErrorReply::validation(
            "invalid",
            "This endpoint needs an array of data for bulk invite creation.",
            None,
        ));
    };
    if rows.len() > MAX_BULK_INVITES {
        return Err(ErrorReply::validation(
            "max_length",
            format!("A maximum of {MAX_BULK_INVITES} invites can be sent in a single request."),
            None,
        ));
    }
    let mut valid = Vec::new();
    for row in &rows {
        let obj = validate::expect_object(row)?;
        valid.push(validate_invite(store, oi, obj)?);
    }
    let created: Vec<Invite> = valid
        .into_iter()
        .map(|new| insert(store, oi, new))
        .collect();
    // a later row to the same email replaced an earlier one
    let kept: Vec<Value> = created
        .iter()
        .filter(|i| store.orgs[oi].invites.iter().any(|x| x.id == i.id))
        .map(|i| invite_json(store, i))
        .collect();
    Ok(Reply::created(Value::Array(kept)))
}

pub fn delete(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let wanted = id.to_ascii_lowercase();
    let org = &mut store.orgs[oi];
    let i = org
        .invites
        .iter()
        .position(|inv| inv.id == wanted)
        .ok_or_else(ErrorReply::not_found)?;
    org.invites.remove(i);
    Ok(Reply::NoContent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_days_validity() {
        let now = Utc::now();
        assert!(!is_expired(&(now - Duration::hours(71)), &now));
        assert!(is_expired(&(now - Duration::hours(73)), &now));
    }
}
