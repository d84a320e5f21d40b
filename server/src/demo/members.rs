//! Organization members: list (email/search/order filters), change a level, remove (or leave),
//! under PostHog's level rules.

use chrono::Utc;
use serde_json::Value;

use super::levels;
use super::pagination::{page, DEFAULT_LIMIT};
use super::store::Store;
use super::validate;
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;

/// Longest `search` accepted.
pub const SEARCH_MAX_LEN: usize = 200;

pub fn list(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let url = &ctx.url;
    let email = url
        .param("email")
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty());
    let search = url
        .param("search")
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty());
    if search
        .as_ref()
        .is_some_and(|s| s.chars().count() > SEARCH_MAX_LEN)
    {
        return Err(ErrorReply::max_length("search", SEARCH_MAX_LEN));
    }
    let descending = match url.param("order") {
        None | Some("") | Some("joined_at") => false,
        Some("-joined_at") => true,
        Some(other) => {
            return Err(ErrorReply::invalid_choice(
                "order",
                &Value::String(other.to_string()),
            ))
        }
    };
    let mut members: Vec<_> = store.orgs[oi]
        .members
        .iter()
        .filter(|m| {
            let u = &store.users[m.user];
            let email_ok = email.as_ref().is_none_or(|e| u.email.to_lowercase() == *e);
            let search_ok = search.as_ref().is_none_or(|s| {
                let name = format!("{} {}", u.first_name, u.last_name).to_lowercase();
                name.contains(s.as_str()) || u.email.to_lowercase().contains(s.as_str())
            });
            email_ok && search_ok
        })
        .collect();
    members.sort_by_key(|m| m.joined_at);
    if descending {
        members.reverse();
    }
    let items = members.into_iter().map(|m| store.member_json(m)).collect();
    Ok(Reply::ok(page(url, items, DEFAULT_LIMIT)))
}

fn find(store: &Store, oi: usize, user_uuid: &str) -> Result<usize, ErrorReply> {
    let wanted = user_uuid.to_ascii_lowercase();
    store.orgs[oi]
        .members
        .iter()
        .position(|m| store.users[m.user].uuid == wanted)
        .ok_or_else(ErrorReply::not_found)
}

pub fn update(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let user_uuid = ctx.id();
    let mi = find(store, oi, user_uuid)?;
    let body = ctx.object()?;
    let new_level =
        validate::level(&body, "level")?.ok_or_else(|| ErrorReply::required("level"))?;
    let target = &store.orgs[oi].members[mi];
    let is_me = target.user == store.me;
    levels::check_level_change(store.my_level(oi), target.level, new_level, is_me)
        .map_err(ErrorReply::forbidden)?;
    let member = &mut store.orgs[oi].members[mi];
    member.level = new_level;
    member.updated_at = Utc::now();
    let member = store.orgs[oi].members[mi].clone();
    Ok(Reply::ok(store.member_json(&member)))
}

pub fn delete(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let user_uuid = ctx.id();
    let mi = find(store, oi, user_uuid)?;
    let target = &store.orgs[oi].members[mi];
    let is_me = target.user == store.me;
    levels::check_removal(store.my_level(oi), target.level, is_me)
        .map_err(ErrorReply::forbidden)?;
    let org = &mut store.orgs[oi];
    let user = org.members.remove(mi).user;
    for role in &mut org.roles {
        role.memberships.retain(|rm| rm.user != user);
    }
    Ok(Reply::NoContent)
}
