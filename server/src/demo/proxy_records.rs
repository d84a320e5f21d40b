//! Managed reverse proxy records: the status follows the clock (waiting, issuing, then valid; a
//! domain starting with `fail-` goes to erroring), a per-organization limit answered with a bare
//! `{"detail"}`, and DELETE that removes at once or goes through `deleting`.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::store::{ts, ProxyRecord, Store};
use super::validate::{self, Str, PROXY_DOMAIN_MAX_LEN};
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;

/// Records per organization (the list's `max_proxy_records`).
pub const MAX_PROXY_RECORDS: usize = 3;
/// A new record is `waiting` (for its CNAME) this many seconds...
pub const PROXY_WAITING_SECS: i64 = 3;
/// ...then `issuing` (its certificate) until this age, then `valid`.
pub const PROXY_ISSUING_UNTIL_SECS: i64 = 8;
/// A deleted live record stays `deleting` this many seconds before it disappears.
pub const PROXY_DELETING_SECS: i64 = 3;
/// Domains starting with this go to `erroring` after waiting.
pub const FAILING_DOMAIN_PREFIX: &str = "fail-";

/// The status and message of a record at `now`.
pub fn status_at(rec: &ProxyRecord, now: DateTime<Utc>) -> (String, Option<String>) {
    if rec.deleting_since.is_some() {
        return ("deleting".to_string(), None);
    }
    if let Some((status, message)) = &rec.fixed_status {
        return (status.clone(), message.clone());
    }
    let age = now - rec.created_at;
    if age < Duration::seconds(PROXY_WAITING_SECS) {
        return ("waiting".to_string(), None);
    }
    if rec.domain.starts_with(FAILING_DOMAIN_PREFIX) {
        return (
            "erroring".to_string(),
            Some(format!(
                "The CNAME record of {} does not point to {}. Check the record at your DNS provider; \
                 this can take a few minutes to update.",
                rec.domain, rec.target_cname
            )),
        );
    }
    if age < Duration::seconds(PROXY_ISSUING_UNTIL_SECS) {
        return ("issuing".to_string(), None);
    }
    ("valid".to_string(), None)
}

/// PostHog's `ProxyRecord`.
pub fn record_json(rec: &ProxyRecord) -> Value {
    let (status, message) = status_at(rec, Utc::now());
    json!({
        "id": rec.id,
        "domain": rec.domain,
        "target_cname": rec.target_cname,
        "status": status,
        "message": message,
        "created_at": ts(&rec.created_at),
        "updated_at": ts(&rec.updated_at),
        "created_by": rec.created_by,
    })
}

/// Drops records whose deletion finished.
pub fn purge_deleted(store: &mut Store) {
    let now = Utc::now();
    for org in &mut store.orgs {
        org.proxy_records.retain(|r| {
            r.deleting_since
                .is_none_or(|since| now - since < Duration::seconds(PROXY_DELETING_SECS))
        });
    }
}

fn check_domain(store: &Store, domain: &str, except: Option<&str>) -> Result<(), ErrorReply> {
    validate::domain_field(domain, PROXY_DOMAIN_MAX_LEN)?;
    let taken = store
        .orgs
        .iter()
        .flat_map(|o| o.proxy_records.iter())
        .any(|r| r.domain == domain && Some(r.id.as_str()) != except);
    if taken {
        return Err(ErrorReply::field(
            "domain",
            "unique",
            "proxy record with this domain already exists.",
        ));
    }
    Ok(())
}

fn find(store: &Store, oi: usize, id: &str) -> Result<usize, ErrorReply> {
    let wanted = id.to_ascii_lowercase();
    store.orgs[oi]
        .proxy_records
        .iter()
        .position(|r| r.id == wanted)
        .ok_or_else(ErrorReply::not_found)
}

pub fn list(store: &mut Store, oi: usize, _: &Ctx) -> Outcome {
    let results: Vec<Value> = store.orgs[oi]
        .proxy_records
        .iter()
        .map(record_json)
        .collect();
    Ok(Reply::ok(json!({
        "results": results,
        "max_proxy_records": MAX_PROXY_RECORDS,
    })))
}

pub fn retrieve(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let ri = find(store, oi, id)?;
    Ok(Reply::ok(record_json(&store.orgs[oi].proxy_records[ri])))
}

pub fn create(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    store.require_admin(oi)?;
    let body = ctx.object()?;
    let domain = validate::required_string(&body, "domain", Str::max(usize::MAX))?;
    check_domain(store, &domain, None)?;
    if store.orgs[oi].proxy_records.len() >= MAX_PROXY_RECORDS {
        return Err(ErrorReply::bare(
            StatusCode::BAD_REQUEST,
            json!({"detail": format!("Maximum of {MAX_PROXY_RECORDS} proxy records per organization.")}),
        ));
    }
    let now = Utc::now();
    let target_cname = format!("{}.proxy-demo.posthog.example", store.hex(20));
    let rec = ProxyRecord {
        id: store.uuid(),
        domain,
        target_cname,
        created_at: now,
        updated_at: now,
        created_by: Some(store.users[store.me].id),
        fixed_status: None,
        deleting_since: None,
    };
    let out = record_json(&rec);
    store.orgs[oi].proxy_records.push(rec);
    Ok(Reply::created(out))
}

pub fn update(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let ri = find(store, oi, id)?;
    store.require_admin(oi)?;
    let body = ctx.object()?;
    if store.orgs[oi].proxy_records[ri].deleting_since.is_some() {
        return Err(ErrorReply::bare(
            StatusCode::BAD_REQUEST,
            json!({"detail": "This proxy record is being deleted."}),
        ));
    }
    if let Some(domain) = validate::opt_string(&body, "domain", Str::max(usize::MAX))? {
        let rec_id = store.orgs[oi].proxy_records[ri].id.clone();
        if domain != store.orgs[oi].proxy_records[ri].domain {
            check_domain(store, &domain, Some(&rec_id))?;
            let now = Utc::now();
            let rec = &mut store.orgs[oi].proxy_records[ri];
            // a new domain starts over: wait for its CNAME, then issue
            rec.domain = domain;
            rec.created_at = now;
            rec.fixed_status = None;
            rec.updated_at = now;
        }
    }
    Ok(Reply::ok(record_json(&store.orgs[oi].proxy_records[ri])))
}

pub fn delete(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let ri = find(store, oi, id)?;
    store.require_admin(oi)?;
    let now = Utc::now();
    let rec = &mut store.orgs[oi].proxy_records[ri];
    let (status, _) = status_at(rec, now);
    match status.as_str() {
        "waiting" | "erroring" | "timed_out" => {
            store.orgs[oi].proxy_records.remove(ri);
        }
        "deleting" => {}
        _ => {
            rec.deleting_since = Some(now);
            rec.updated_at = now;
        }
    }
    Ok(Reply::NoContent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(domain: &str, age_ms: i64, now: DateTime<Utc>) -> ProxyRecord {
        ProxyRecord {
            id: "r".to_string(),
            domain: domain.to_string(),
            target_cname: "abc.proxy-demo.posthog.example".to_string(),
            created_at: now - Duration::milliseconds(age_ms),
            updated_at: now,
            created_by: Some(1),
            fixed_status: None,
            deleting_since: None,
        }
    }

    #[test]
    fn status_follows_the_clock() {
        let now = Utc::now();
        let at = |ms| status_at(&record("t.example.com", ms, now), now).0;
        assert_eq!(at(0), "waiting");
        assert_eq!(at(PROXY_WAITING_SECS * 1000 - 1), "waiting");
        assert_eq!(at(PROXY_WAITING_SECS * 1000), "issuing");
        assert_eq!(at(PROXY_ISSUING_UNTIL_SECS * 1000 - 1), "issuing");
        assert_eq!(at(PROXY_ISSUING_UNTIL_SECS * 1000), "valid");
        assert_eq!(at(86_400_000), "valid");
    }

    #[test]
    fn failing_domains_error_after_waiting() {
        let now = Utc::now();
        let (s, m) = status_at(&record("fail-x.example.com", 1000, now), now);
        assert_eq!((s.as_str(), m), ("waiting", None));
        let (s, m) = status_at(&record("fail-x.example.com", 60_000, now), now);
        assert_eq!(s, "erroring");
        assert!(m.unwrap().contains("fail-x.example.com"));
    }

    #[test]
    fn deleting_and_fixed() {
        let now = Utc::now();
        let mut r = record("t.example.com", 60_000, now);
        r.fixed_status = Some(("warning".to_string(), Some("Renewal pending".to_string())));
        assert_eq!(status_at(&r, now).0, "warning");
        r.deleting_since = Some(now);
        assert_eq!(status_at(&r, now).0, "deleting");
    }
}
