//! Roles and their memberships: names unique per organization ignoring case; members must belong
//! to the organization and join a role once.

use chrono::Utc;
use serde_json::{json, Value};

use super::pagination::{page, DEFAULT_LIMIT};
use super::store::{ts, Role, RoleMembership, Store};
use super::validate::{self, Str};
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;

/// Longest role name (api's, which the console checks too).
pub use api::validate::ROLE_NAME_MAX_LEN as NAME_MAX_LEN;

/// PostHog's `RoleMembership`.
pub fn membership_json(store: &Store, oi: usize, role: &Role, rm: &RoleMembership) -> Value {
    let member = store.orgs[oi]
        .members
        .iter()
        .find(|m| m.user == rm.user)
        .map(|m| store.member_json(m))
        .unwrap_or(Value::Null);
    json!({
        "id": rm.id,
        "role_id": role.id,
        "organization_member": member,
        "user": store.user_basic(rm.user),
        "joined_at": ts(&rm.joined_at),
        "updated_at": ts(&rm.updated_at),
    })
}

/// PostHog's `Role`.
pub fn role_json(store: &Store, oi: usize, role: &Role) -> Value {
    let members: Vec<Value> = role
        .memberships
        .iter()
        .map(|rm| membership_json(store, oi, role, rm))
        .collect();
    json!({
        "id": role.id,
        "name": role.name,
        "created_at": ts(&role.created_at),
        "created_by": store.user_basic_opt(role.created_by),
        "members": members,
        "is_default": store.orgs[oi].settings.get("default_role_id") == Some(&json!(role.id)),
    })
}

fn find(store: &Store, oi: usize, id: &str) -> Result<usize, ErrorReply> {
    let wanted = id.to_ascii_lowercase();
    store.orgs[oi]
        .roles
        .iter()
        .position(|r| r.id == wanted)
        .ok_or_else(ErrorReply::not_found)
}

fn check_name(
    store: &Store,
    oi: usize,
    name: &str,
    except: Option<&str>,
) -> Result<(), ErrorReply> {
    let lower = name.to_lowercase();
    let taken = store.orgs[oi]
        .roles
        .iter()
        .any(|r| r.name.to_lowercase() == lower && Some(r.id.as_str()) != except);
    if taken {
        return Err(ErrorReply::field(
            "name",
            "unique",
            "There is already a role with this name.",
        ));
    }
    Ok(())
}

pub fn list(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let org = &store.orgs[oi];
    let items = org.roles.iter().map(|r| role_json(store, oi, r)).collect();
    Ok(Reply::ok(page(&ctx.url, items, DEFAULT_LIMIT)))
}

pub fn retrieve(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let ri = find(store, oi, id)?;
    Ok(Reply::ok(role_json(store, oi, &store.orgs[oi].roles[ri])))
}

pub fn create(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    store.require_admin(oi)?;
    let body = ctx.object()?;
    let name = validate::required_string(&body, "name", Str::max(NAME_MAX_LEN))?;
    check_name(store, oi, &name, None)?;
    let role = Role {
        id: store.uuid(),
        name,
        created_at: Utc::now(),
        created_by: Some(store.me),
        memberships: Vec::new(),
    };
    let out = role_json(store, oi, &role);
    store.orgs[oi].roles.push(role);
    Ok(Reply::created(out))
}

pub fn update(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let ri = find(store, oi, id)?;
    store.require_admin(oi)?;
    let body = ctx.object()?;
    if let Some(name) = validate::opt_string(&body, "name", Str::max(NAME_MAX_LEN))? {
        let role_id = store.orgs[oi].roles[ri].id.clone();
        check_name(store, oi, &name, Some(&role_id))?;
        store.orgs[oi].roles[ri].name = name;
    }
    Ok(Reply::ok(role_json(store, oi, &store.orgs[oi].roles[ri])))
}

pub fn delete(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let ri = find(store, oi, id)?;
    store.require_admin(oi)?;
    let org = &mut store.orgs[oi];
    let role = org.roles.remove(ri);
    if org.settings.get("default_role_id") == Some(&json!(role.id)) {
        org.settings
            .insert("default_role_id".to_string(), Value::Null);
    }
    Ok(Reply::NoContent)
}

pub fn list_members(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let role_id = ctx.id();
    let ri = find(store, oi, role_id)?;
    let role = &store.orgs[oi].roles[ri];
    let items = role
        .memberships
        .iter()
        .map(|rm| membership_json(store, oi, role, rm))
        .collect();
    Ok(Reply::ok(page(&ctx.url, items, DEFAULT_LIMIT)))
}

pub fn add_member(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let role_id = ctx.id();
    let ri = find(store, oi, role_id)?;
    store.require_admin(oi)?;
    let body = ctx.object()?;
    let user_uuid =
        validate::required_string(&body, "user_uuid", Str::max(64))?.to_ascii_lowercase();
    if !validate::is_uuid(&user_uuid) {
        return Err(ErrorReply::field(
            "user_uuid",
            "invalid",
            "Must be a valid UUID.",
        ));
    }
    let user = store.orgs[oi]
        .members
        .iter()
        .map(|m| m.user)
        .find(|&u| store.users[u].uuid == user_uuid)
        .ok_or_else(|| ErrorReply::field("user_uuid", "invalid", "User does not exist."))?;
    if store.orgs[oi].roles[ri]
        .memberships
        .iter()
        .any(|rm| rm.user == user)
    {
        return Err(ErrorReply::validation(
            "invalid",
            "User is already part of the role.",
            None,
        ));
    }
    let now = Utc::now();
    let rm = RoleMembership {
        id: store.uuid(),
        user,
        joined_at: now,
        updated_at: now,
    };
    store.orgs[oi].roles[ri].memberships.push(rm.clone());
    let role = &store.orgs[oi].roles[ri];
    Ok(Reply::created(membership_json(store, oi, role, &rm)))
}

pub fn remove_member(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let (role_id, id) = (ctx.id(), ctx.param("membership"));
    let ri = find(store, oi, role_id)?;
    store.require_admin(oi)?;
    let wanted = id.to_ascii_lowercase();
    let role = &mut store.orgs[oi].roles[ri];
    let i = role
        .memberships
        .iter()
        .position(|rm| rm.id == wanted)
        .ok_or_else(ErrorReply::not_found)?;
    role.memberships.remove(i);
    Ok(Reply::NoContent)
}
