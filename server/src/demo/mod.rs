//! Demo mode: answers PostHog's 50 organization endpoints (and `/api/users/@me/`) from seeded
//! in-memory data, with PostHog's auth, errors, pagination, validation and permission rules.

pub mod batch_exports;
pub mod domains;
pub mod invites;
pub mod levels;
pub mod members;
pub mod organizations;
pub mod pagination;
pub mod projects;
pub mod proxy_records;
pub mod roles;
pub mod seed;
pub mod store;
pub mod timezones;
pub mod validate;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use crate::errors::{json_response, ApiError};
use crate::{AppState, Backend};
use pagination::RequestUrl;
use store::Store;

/// A successful answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Json(StatusCode, Value),
    NoContent,
}

impl Reply {
    pub fn ok(value: Value) -> Reply {
        Reply::Json(StatusCode::OK, value)
    }
    pub fn created(value: Value) -> Reply {
        Reply::Json(StatusCode::CREATED, value)
    }
}

pub type Outcome = Result<Reply, ApiError>;

/// One request, as the handlers see it.
pub struct Ctx {
    pub method: Method,
    pub url: RequestUrl,
    pub content_type: Option<String>,
    pub body: Bytes,
}

impl Ctx {
    /// The JSON body (`{}` when empty); 400 `parse_error` when it is not JSON.
    pub fn json(&self) -> Result<Value, ApiError> {
        if self.body.iter().all(|b| b.is_ascii_whitespace()) {
            return Ok(Value::Object(Map::new()));
        }
        if let Some(ct) = &self.content_type {
            let essence = ct
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if essence.starts_with("multipart/")
                || essence == "application/x-www-form-urlencoded"
                || essence.starts_with("text/")
            {
                return Err(ApiError::unsupported_media_type(ct));
            }
        }
        serde_json::from_slice(&self.body).map_err(ApiError::parse_error)
    }

    /// The JSON body as an object.
    pub fn object(&self) -> Result<Map<String, Value>, ApiError> {
        let value = self.json()?;
        validate::expect_object(&value).cloned()
    }
}

pub struct Demo {
    seed: u64,
    /// The time the seed is relative to: a reset restores exactly the same data.
    seeded_at: chrono::DateTime<chrono::Utc>,
    deterministic: bool,
    store: Mutex<Store>,
}

impl Demo {
    pub fn new(deterministic: bool) -> Demo {
        let seed = if deterministic {
            seed::DETERMINISTIC_SEED
        } else {
            rand::random()
        };
        let seeded_at = chrono::Utc::now();
        Demo {
            seed,
            seeded_at,
            deterministic,
            store: Mutex::new(seed::build(seed, deterministic, seeded_at)),
        }
    }

    /// Restores the seed data (same ids as at start).
    pub fn reset(&self) {
        *self.lock() = seed::build(self.seed, self.deterministic, self.seeded_at);
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub async fn handle(&self, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        let body = match crate::read_body(&parts.headers, body).await {
            Ok(b) => b,
            Err(e) => return e.into_response(),
        };
        let ctx = Ctx {
            method: parts.method.clone(),
            url: RequestUrl {
                base: base_url(&parts.headers, &parts.uri),
                path: parts.uri.path().to_string(),
                query: pagination::parse_query(parts.uri.query().unwrap_or("")),
            },
            content_type: parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            body,
        };
        let outcome = self.answer(&parts.headers, &ctx);
        match outcome {
            Ok(Reply::Json(status, value)) => json_response(status, &value),
            Ok(Reply::NoContent) => StatusCode::NO_CONTENT.into_response(),
            Err(e) => e.into_response(),
        }
    }

    /// Route, authenticate, check the method, then run the handler.
    pub fn answer(&self, headers: &HeaderMap, ctx: &Ctx) -> Outcome {
        let segments = path_segments(&ctx.url.path).ok_or_else(ApiError::not_found)?;
        let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
        let (route, allowed) = resolve(&segs).ok_or_else(ApiError::not_found)?;
        authenticate(headers)?;
        let method = ctx.method.as_str();
        let allowed_now =
            allowed.contains(&method) || (method == "HEAD" && allowed.contains(&"GET"));
        if !allowed_now {
            return Err(ApiError::method_not_allowed(method, allowed));
        }
        let mut store = self.lock();
        proxy_records::purge_deleted(&mut store);
        route.run(&mut store, ctx)
    }
}

/// `http://host` of the request (Host header, or the URI's authority for HTTP/2).
fn base_url(headers: &HeaderMap, uri: &axum::http::Uri) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| uri.authority().map(|a| a.to_string()))
        .unwrap_or_else(|| "localhost".to_string());
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .filter(|p| *p == "https" || *p == "http")
        .unwrap_or("http");
    format!("{scheme}://{host}")
}

/// The decoded segments after `/api/`, trailing slash or not.
fn path_segments(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix("/api")?;
    rest.split('/')
        .filter(|s| !s.is_empty())
        .map(pagination::percent_decode)
        .collect()
}

/// 401 unless the Authorization header carries the demo key.
pub fn authenticate(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::not_authenticated());
    };
    let value = value
        .to_str()
        .map_err(|_| ApiError::authentication_failed())?;
    let mut words = value.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(scheme), Some(key), None) if scheme.eq_ignore_ascii_case("bearer") => {
            if key == crate::DEMO_KEY {
                Ok(())
            } else {
                Err(ApiError::authentication_failed())
            }
        }
        (Some(scheme), _, _) if scheme.eq_ignore_ascii_case("bearer") => {
            Err(ApiError::authentication_failed())
        }
        _ => Err(ApiError::not_authenticated()),
    }
}

const GET: &[&str] = &["GET"];
const POST: &[&str] = &["POST"];
const PATCH: &[&str] = &["PATCH"];
const DELETE: &[&str] = &["DELETE"];
const LIST_CREATE: &[&str] = &["GET", "POST"];
const ITEM: &[&str] = &["GET", "PUT", "PATCH", "DELETE"];
const ITEM_NO_GET: &[&str] = &["PUT", "PATCH", "DELETE"];

/// A route of the API with its path parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route<'a> {
    Me,
    Orgs,
    Org(&'a str),
    Members(&'a str),
    Member(&'a str, &'a str),
    Invites(&'a str),
    InvitesBulk(&'a str),
    Invite(&'a str, &'a str),
    Domains(&'a str),
    Domain(&'a str, &'a str),
    DomainVerify(&'a str, &'a str),
    Roles(&'a str),
    Role(&'a str, &'a str),
    RoleMemberships(&'a str, &'a str),
    RoleMembership(&'a str, &'a str, &'a str),
    ProxyRecords(&'a str),
    ProxyRecord(&'a str, &'a str),
    Projects(&'a str),
    Project(&'a str, &'a str),
    ProjectAction(&'a str, &'a str, &'a str),
    BatchExports(&'a str),
    BatchExport(&'a str, &'a str),
    BatchExportAction(&'a str, &'a str, &'a str),
}

/// The route for a path and the methods it allows.
pub fn resolve<'a>(segs: &[&'a str]) -> Option<(Route<'a>, &'static [&'static str])> {
    use Route::*;
    Some(match *segs {
        ["users", "@me"] => (Me, GET),
        ["organizations"] => (Orgs, LIST_CREATE),
        ["organizations", o] => (Org(o), ITEM),
        ["organizations", o, "members"] => (Members(o), GET),
        ["organizations", o, "members", id] => (Member(o, id), ITEM_NO_GET),
        ["organizations", o, "invites"] => (Invites(o), LIST_CREATE),
        ["organizations", o, "invites", "bulk"] => (InvitesBulk(o), POST),
        ["organizations", o, "invites", id] => (Invite(o, id), DELETE),
        ["organizations", o, "domains"] => (Domains(o), LIST_CREATE),
        ["organizations", o, "domains", id] => (Domain(o, id), ITEM),
        ["organizations", o, "domains", id, "verify"] => (DomainVerify(o, id), POST),
        ["organizations", o, "roles"] => (Roles(o), LIST_CREATE),
        ["organizations", o, "roles", id] => (Role(o, id), ITEM),
        ["organizations", o, "roles", r, "role_memberships"] => {
            (RoleMemberships(o, r), LIST_CREATE)
        }
        ["organizations", o, "roles", r, "role_memberships", id] => {
            (RoleMembership(o, r, id), DELETE)
        }
        ["organizations", o, "proxy_records"] => (ProxyRecords(o), LIST_CREATE),
        ["organizations", o, "proxy_records", id] => (ProxyRecord(o, id), ITEM),
        ["organizations", o, "projects"] => (Projects(o), LIST_CREATE),
        ["organizations", o, "projects", id] => (Project(o, id), ITEM),
        ["organizations", o, "projects", id, action] => {
            let methods = match action {
                "activity" | "is_generating_demo_data" => GET,
                "add_product_intent" | "complete_product_onboarding" | "reset_token" => PATCH,
                _ => return None,
            };
            (ProjectAction(o, id, action), methods)
        }
        ["organizations", o, "batch_exports"] => (BatchExports(o), LIST_CREATE),
        ["organizations", o, "batch_exports", id] => (BatchExport(o, id), ITEM),
        ["organizations", o, "batch_exports", id, action] => {
            let methods = match action {
                "logs" => GET,
                "backfill" | "pause" | "unpause" => POST,
                _ => return None,
            };
            (BatchExportAction(o, id, action), methods)
        }
        _ => return None,
    })
}

impl Route<'_> {
    fn run(&self, store: &mut Store, ctx: &Ctx) -> Outcome {
        use Route::*;
        let m = ctx.method.as_str();
        let write = matches!(m, "PUT" | "PATCH");
        match *self {
            Me => organizations::me(store),
            Orgs if m == "POST" => organizations::create(store, ctx),
            Orgs => organizations::list(store, ctx),
            Org(o) => {
                let oi = store.org_index(o)?;
                match m {
                    "DELETE" => organizations::delete(store, oi),
                    _ if write => organizations::update(store, oi, ctx),
                    _ => organizations::retrieve(store, oi),
                }
            }
            Members(o) => members::list(store, store.org_index(o)?, ctx),
            Member(o, id) => {
                let oi = store.org_index(o)?;
                if m == "DELETE" {
                    members::delete(store, oi, id)
                } else {
                    members::update(store, oi, id, ctx)
                }
            }
            Invites(o) => {
                let oi = store.org_index(o)?;
                if m == "POST" {
                    invites::create(store, oi, ctx)
                } else {
                    invites::list(store, oi, ctx)
                }
            }
            InvitesBulk(o) => invites::bulk(store, store.org_index(o)?, ctx),
            Invite(o, id) => invites::delete(store, store.org_index(o)?, id),
            Domains(o) => {
                let oi = store.org_index(o)?;
                if m == "POST" {
                    domains::create(store, oi, ctx)
                } else {
                    domains::list(store, oi, ctx)
                }
            }
            Domain(o, id) => {
                let oi = store.org_index(o)?;
                match m {
                    "DELETE" => domains::delete(store, oi, id),
                    _ if write => domains::update(store, oi, id, ctx),
                    _ => domains::retrieve(store, oi, id),
                }
            }
            DomainVerify(o, id) => domains::verify(store, store.org_index(o)?, id),
            Roles(o) => {
                let oi = store.org_index(o)?;
                if m == "POST" {
                    roles::create(store, oi, ctx)
                } else {
                    roles::list(store, oi, ctx)
                }
            }
            Role(o, id) => {
                let oi = store.org_index(o)?;
                match m {
                    "DELETE" => roles::delete(store, oi, id),
                    _ if write => roles::update(store, oi, id, ctx),
                    _ => roles::retrieve(store, oi, id),
                }
            }
            RoleMemberships(o, r) => {
                let oi = store.org_index(o)?;
                if m == "POST" {
                    roles::add_member(store, oi, r, ctx)
                } else {
                    roles::list_members(store, oi, r, ctx)
                }
            }
            RoleMembership(o, r, id) => roles::remove_member(store, store.org_index(o)?, r, id),
            ProxyRecords(o) => {
                let oi = store.org_index(o)?;
                if m == "POST" {
                    proxy_records::create(store, oi, ctx)
                } else {
                    proxy_records::list(store, oi)
                }
            }
            ProxyRecord(o, id) => {
                let oi = store.org_index(o)?;
                match m {
                    "DELETE" => proxy_records::delete(store, oi, id),
                    _ if write => proxy_records::update(store, oi, id, ctx),
                    _ => proxy_records::retrieve(store, oi, id),
                }
            }
            Projects(o) => {
                let oi = store.org_index(o)?;
                if m == "POST" {
                    projects::create(store, oi, ctx)
                } else {
                    projects::list(store, oi, ctx)
                }
            }
            Project(o, id) => {
                let oi = store.org_index(o)?;
                match m {
                    "DELETE" => projects::delete(store, oi, id),
                    _ if write => projects::update(store, oi, id, ctx),
                    _ => projects::retrieve(store, oi, id),
                }
            }
            ProjectAction(o, id, action) => {
                projects::action(store, store.org_index(o)?, id, action, ctx)
            }
            BatchExports(o) => {
                let oi = store.org_index(o)?;
                if m == "POST" {
                    batch_exports::create(store, oi, ctx)
                } else {
                    batch_exports::list(store, oi, ctx)
                }
            }
            BatchExport(o, id) => {
                let oi = store.org_index(o)?;
                match m {
                    "DELETE" => batch_exports::delete(store, oi, id),
                    _ if write => batch_exports::update(store, oi, id, ctx),
                    _ => batch_exports::retrieve(store, oi, id),
                }
            }
            BatchExportAction(o, id, action) => {
                batch_exports::action(store, store.org_index(o)?, id, action, ctx)
            }
        }
    }
}

/// `POST /_demo/reset` (with `--fault-control`): restores the seed data.
pub async fn reset_handler(State(state): State<Arc<AppState>>) -> Response {
    match &state.backend {
        Backend::Demo(demo) => {
            demo.reset();
            json_response(StatusCode::OK, &json!({"reset": true}))
        }
        Backend::Proxy(_) => ApiError::not_found().into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_resolve_with_methods() {
        let (r, m) = resolve(&["organizations", "x", "members", "u"]).unwrap();
        assert_eq!(r, Route::Member("x", "u"));
        assert!(m.contains(&"PATCH") && !m.contains(&"GET"));
        let (r, m) = resolve(&["organizations", "x", "invites", "bulk"]).unwrap();
        assert_eq!(r, Route::InvitesBulk("x"));
        assert_eq!(m, POST);
        assert!(resolve(&["organizations", "x", "nope"]).is_none());
        assert!(resolve(&["organizations", "x", "projects", "1", "nope"]).is_none());
        assert!(resolve(&[]).is_none());
    }

    #[test]
    fn segments_accept_both_slash_forms() {
        assert_eq!(
            path_segments("/api/organizations/%40current/"),
            Some(vec!["organizations".to_string(), "@current".to_string()])
        );
        assert_eq!(
            path_segments("/api/organizations"),
            Some(vec!["organizations".to_string()])
        );
    }

    #[test]
    fn auth_rules() {
        let mut h = HeaderMap::new();
        assert_eq!(
            authenticate(&h).unwrap_err().body["code"],
            "not_authenticated"
        );
        h.insert(header::AUTHORIZATION, "Bearer phx_nope".parse().unwrap());
        assert_eq!(
            authenticate(&h).unwrap_err().body["code"],
            "authentication_failed"
        );
        h.insert(
            header::AUTHORIZATION,
            "Bearer phx_demo_console".parse().unwrap(),
        );
        assert!(authenticate(&h).is_ok());
        h.insert(header::AUTHORIZATION, "Basic abc".parse().unwrap());
        assert_eq!(
            authenticate(&h).unwrap_err().body["code"],
            "not_authenticated"
        );
    }
}
