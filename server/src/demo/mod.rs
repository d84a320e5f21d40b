//! Demo mode: answers PostHog's 50 organization endpoints (and `/api/users/@me/`) from seeded
//! in-memory data, with PostHog's auth, errors, pagination, validation and permission rules.
//!
//! [`router`] is the API as an axum `Router`, one `.route` per path with the methods PostHog
//! allows there. It is served under `/api` with trailing slashes trimmed (PostHog answers both
//! forms). Before routing, a body over the limit is a 413; an unknown path is a 404 whatever the
//! key; then the key is checked (401), then the method (405, with PostHog's `Allow`).

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

use std::future::{ready, Ready};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, OriginalUri, RawPathParams, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post, MethodRouter};
use axum::Router;
use serde_json::{json, Map, Value};

use percent_encoding::{percent_decode_str, utf8_percent_encode};

use crate::errors::{json_response, posthog_allow, ErrorReply};
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

pub type Outcome = Result<Reply, ErrorReply>;

/// One request, as the handlers see it.
pub struct Ctx {
    pub url: RequestUrl,
    /// The path parameters, decoded (`org`, `id`, `membership`).
    pub params: Vec<(String, String)>,
    pub content_type: Option<String>,
    pub body: Bytes,
}

impl Ctx {
    /// A path parameter (empty when the route has none of that name).
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The `{id}` of the path.
    pub fn id(&self) -> &str {
        self.param("id")
    }

    /// The JSON body (`{}` when empty); 400 `parse_error` when it is not JSON.
    pub fn json(&self) -> Result<Value, ErrorReply> {
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
                return Err(ErrorReply::unsupported_media_type(ct));
            }
        }
        serde_json::from_slice(&self.body).map_err(ErrorReply::parse_error)
    }

    /// The JSON body as an object.
    pub fn object(&self) -> Result<Map<String, Value>, ErrorReply> {
        let value = self.json()?;
        validate::expect_object(&value).cloned()
    }
}

impl<S: Send + Sync> FromRequest<S> for Ctx {
    type Rejection = ErrorReply;

    async fn from_request(request: Request, state: &S) -> Result<Ctx, ErrorReply> {
        let (mut parts, body) = request.into_parts();
        // a parameter that does not decode to UTF-8 names nothing
        let params = RawPathParams::from_request_parts(&mut parts, state)
            .await
            .map_err(|_| ErrorReply::not_found())?;
        let params = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        // the path as the client wrote it, for the pagination links
        let uri = match parts.extensions.get::<OriginalUri>() {
            Some(OriginalUri(uri)) => uri.clone(),
            None => parts.uri.clone(),
        };
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .map_err(|_| ErrorReply::parse_error("the request body could not be read"))?;
        Ok(Ctx {
            url: RequestUrl {
                base: base_url(&parts.headers, &uri),
                path: uri.path().to_string(),
                query: pagination::parse_query(uri.query().unwrap_or("")),
            },
            params,
            content_type: parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            body,
        })
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

    /// Runs a handler on the store (deleted proxy records purged first) and answers.
    fn run(&self, handler: impl FnOnce(&mut Store) -> Outcome) -> Response {
        let mut store = self.lock();
        proxy_records::purge_deleted(&mut store);
        match handler(&mut store) {
            Ok(Reply::Json(status, value)) => json_response(status, &value),
            Ok(Reply::NoContent) => StatusCode::NO_CONTENT.into_response(),
            Err(e) => e.into_response(),
        }
    }
}

/// A handler outside any organization.
type TopFn = fn(&mut Store, &Ctx) -> Outcome;
/// A handler under `/organizations/{org}`: it gets the organization's index (404 first when the
/// key's user is not in it).
type OrgFn = fn(&mut Store, usize, &Ctx) -> Outcome;

/// What axum calls for a [`TopFn`].
fn top(
    handler: TopFn,
) -> impl FnOnce(State<Arc<Demo>>, Ctx) -> Ready<Response> + Clone + Send + Sync + 'static {
    move |State(demo), ctx| ready(demo.run(|store| handler(store, &ctx)))
}

/// What axum calls for an [`OrgFn`].
fn org(
    handler: OrgFn,
) -> impl FnOnce(State<Arc<Demo>>, Ctx) -> Ready<Response> + Clone + Send + Sync + 'static {
    move |State(demo), ctx| {
        ready(demo.run(|store| {
            let oi = store.org_index(ctx.param("org"))?;
            handler(store, oi, &ctx)
        }))
    }
}

/// What axum calls for an [`OrgFn`] under `/projects/{project}`: the project's organization
/// (404 when there is no such project, or the key's user is not in its organization).
fn in_project(
    handler: OrgFn,
) -> impl FnOnce(State<Arc<Demo>>, Ctx) -> Ready<Response> + Clone + Send + Sync + 'static {
    move |State(demo), ctx| {
        ready(demo.run(|store| {
            let oi = store.project_org_index(ctx.param("project"))?;
            handler(store, oi, &ctx)
        }))
    }
}

/// GET, PUT, PATCH and DELETE of one item.
fn item(retrieve: OrgFn, update: OrgFn, delete: OrgFn) -> MethodRouter<Arc<Demo>> {
    get(org(retrieve))
        .put(org(update))
        .patch(org(update))
        .delete(org(delete))
}

/// GET (a page) and POST (create) of a collection.
fn collection(list: OrgFn, create: OrgFn) -> MethodRouter<Arc<Demo>> {
    get(org(list)).post(org(create))
}

/// The demo API, to serve under `/api`.
pub fn router(demo: Arc<Demo>) -> Router {
    // what runs here runs before the routes are matched: the path as Django resolves it, then
    // (after routing) the `Allow` of a 405
    Router::new()
        .fallback_service(routes(demo))
        .layer(middleware::map_request(plain_path))
        .layer(middleware::map_response(posthog_allow))
}

/// The demo API's routes, paths relative to `/api` and without their trailing slash.
fn routes(demo: Arc<Demo>) -> Router {
    use self::{
        batch_exports as exports, domains as d, invites as i, members as m, organizations as orgs,
        projects as p, proxy_records as px, roles as r,
    };
    const O: &str = "/organizations/{org}";
    Router::new()
        .route("/users/@me", get(top(orgs::me)))
        .route(
            "/organizations",
            get(top(orgs::list)).post(top(orgs::create)),
        )
        .route(O, item(orgs::retrieve, orgs::update, orgs::delete))
        .route(&format!("{O}/members"), get(org(m::list)))
        .route(
            &format!("{O}/members/{{id}}"),
            MethodRouter::new()
                .put(org(m::update))
                .patch(org(m::update))
                .delete(org(m::delete)),
        )
        .route(&format!("{O}/invites"), collection(i::list, i::create))
        .route(&format!("{O}/invites/bulk"), post(org(i::bulk)))
        .route(
            &format!("{O}/invites/{{id}}"),
            axum::routing::delete(org(i::delete)),
        )
        .route(&format!("{O}/domains"), collection(d::list, d::create))
        .route(
            &format!("{O}/domains/{{id}}"),
            item(d::retrieve, d::update, d::delete),
        )
        .route(&format!("{O}/domains/{{id}}/verify"), post(org(d::verify)))
        .route(&format!("{O}/roles"), collection(r::list, r::create))
        .route(
            &format!("{O}/roles/{{id}}"),
            item(r::retrieve, r::update, r::delete),
        )
        .route(
            &format!("{O}/roles/{{id}}/role_memberships"),
            collection(r::list_members, r::add_member),
        )
        .route(
            &format!("{O}/roles/{{id}}/role_memberships/{{membership}}"),
            axum::routing::delete(org(r::remove_member)),
        )
        .route(
            &format!("{O}/proxy_records"),
            collection(px::list, px::create),
        )
        .route(
            &format!("{O}/proxy_records/{{id}}"),
            item(px::retrieve, px::update, px::delete),
        )
        .route(&format!("{O}/projects"), collection(p::list, p::create))
        .route(
            &format!("{O}/projects/{{id}}"),
            item(p::retrieve, p::update, p::delete),
        )
        .route(
            &format!("{O}/projects/{{id}}/activity"),
            get(org(|s, oi, c| p::action(s, oi, c, "activity"))),
        )
        .route(
            &format!("{O}/projects/{{id}}/is_generating_demo_data"),
            get(org(|s, oi, c| {
                p::action(s, oi, c, "is_generating_demo_data")
            })),
        )
        .route(
            &format!("{O}/projects/{{id}}/add_product_intent"),
            patch(org(|s, oi, c| p::action(s, oi, c, "add_product_intent"))),
        )
        .route(
            &format!("{O}/projects/{{id}}/complete_product_onboarding"),
            patch(org(|s, oi, c| {
                p::action(s, oi, c, "complete_product_onboarding")
            })),
        )
        .route(
            &format!("{O}/projects/{{id}}/reset_token"),
            patch(org(|s, oi, c| p::action(s, oi, c, "reset_token"))),
        )
        .route(
            &format!("{O}/batch_exports"),
            collection(exports::list, exports::create),
        )
        .route(
            &format!("{O}/batch_exports/{{id}}"),
            item(exports::retrieve, exports::update, exports::delete),
        )
        .route(
            &format!("{O}/batch_exports/{{id}}/logs"),
            get(org(|s, oi, c| exports::action(s, oi, c, "logs"))),
        )
        .route(
            &format!("{O}/batch_exports/{{id}}/backfill"),
            post(org(|s, oi, c| exports::action(s, oi, c, "backfill"))),
        )
        .route(
            &format!("{O}/batch_exports/{{id}}/pause"),
            post(org(|s, oi, c| exports::action(s, oi, c, "pause"))),
        )
        .route(
            &format!("{O}/batch_exports/{{id}}/unpause"),
            post(org(|s, oi, c| exports::action(s, oi, c, "unpause"))),
        )
        // a project's exports: the console creates there (PostHog's organization-level create
        // has no project to put the export in)
        .route(
            "/projects/{project}/batch_exports",
            get(in_project(exports::list)).post(in_project(exports::create)),
        )
        .method_not_allowed_fallback(|method: Method| async move {
            ErrorReply::method_not_allowed(method.as_str())
        })
        .route_layer(middleware::from_fn(require_key))
        .fallback(|| async { ErrorReply::not_found() })
        .layer(middleware::from_fn(limit_body))
        .with_state(demo)
}

/// The path as Django resolves it: each segment decoded (re-encoded only where a URI needs it),
/// and empty segments (a doubled or a trailing slash: PostHog answers both forms) left out.
async fn plain_path(mut request: Request) -> Request {
    let mut path = String::new();
    for segment in request.uri().path().split('/').filter(|s| !s.is_empty()) {
        path.push('/');
        match percent_decode_str(segment).decode_utf8() {
            Ok(decoded) => path.extend(utf8_percent_encode(&decoded, crate::proxy::SEGMENT)),
            // not UTF-8: routed as it is, then a 404 (see `Ctx`)
            Err(_) => path.push_str(segment),
        }
    }
    if path.is_empty() {
        path.push('/');
    }
    if let Some(query) = request.uri().query() {
        path = format!("{path}?{query}");
    }
    let mut parts = request.uri().clone().into_parts();
    parts.path_and_query = path.parse().ok();
    if let Ok(uri) = axum::http::Uri::from_parts(parts) {
        *request.uri_mut() = uri;
    }
    request
}

/// 413 for a body over the limit, before anything else.
async fn limit_body(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    match crate::read_body(&parts.headers, body).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(e) => e.into_response(),
    }
}

/// 401 without the demo key.
async fn require_key(request: Request, next: Next) -> Response {
    match authenticate(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
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

/// 401 unless the Authorization header carries the demo key.
pub fn authenticate(headers: &HeaderMap) -> Result<(), ErrorReply> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ErrorReply::not_authenticated());
    };
    let value = value
        .to_str()
        .map_err(|_| ErrorReply::authentication_failed())?;
    let mut words = value.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(scheme), Some(key), None) if scheme.eq_ignore_ascii_case("bearer") => {
            if key == crate::DEMO_KEY {
                Ok(())
            } else {
                Err(ErrorReply::authentication_failed())
            }
        }
        (Some(scheme), _, _) if scheme.eq_ignore_ascii_case("bearer") => {
            Err(ErrorReply::authentication_failed())
        }
        _ => Err(ErrorReply::not_authenticated()),
    }
}

/// `POST /_demo/reset` (with `--fault-control`): restores the seed data.
pub async fn reset_handler(State(state): State<Arc<AppState>>) -> Response {
    match &state.backend {
        Backend::Demo(demo) => {
            demo.reset();
            json_response(StatusCode::OK, &json!({"reset": true}))
        }
        Backend::Proxy(_) => ErrorReply::not_found().into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
