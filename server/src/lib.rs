//! The console's server: serves the built app (dist/) and answers `/api` either by proxying it to
//! a PostHog host (`--upstream`) or, in demo mode, from an in-memory PostHog-compatible store.
//!
//! Tests run it in-process: `serve(TcpListener::bind("127.0.0.1:0"), config)`.

pub mod access_log;
pub mod csp;
pub mod demo;
pub mod errors;
pub mod faults;
pub mod proxy;
pub mod static_files;

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use axum::{middleware, Router};
use futures_util::StreamExt;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::errors::ErrorReply;

/// The documented demo key: `Authorization: Bearer phx_demo_console`.
pub const DEMO_KEY: &str = "phx_demo_console";
/// Demo domains ending with this verify at once on `POST .../domains/:id/verify/`.
pub const VERIFIED_DOMAIN_SUFFIX: &str = ".verified.example";
/// Largest request body accepted (1 MiB); more: 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// How much of an oversized body is read (and dropped) before answering 413, so the client gets
/// to read the answer instead of a reset connection.
const DRAIN_LIMIT_BYTES: usize = 32 * 1024 * 1024;

pub use demo::proxy_records::{
    MAX_PROXY_RECORDS, PROXY_DELETING_SECS, PROXY_ISSUING_UNTIL_SECS, PROXY_WAITING_SECS,
};
pub use demo::seed::{
    BURROW_ORG_ID, DEMO_USER_EMAIL, DEMO_USER_UUID, DETERMINISTIC_SEED, HEDGEBOX_ORG_ID,
    HOGFLIX_ORG_ID,
};

/// Everything the server is started with (the command line's flags).
#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    /// The built app (trunk's dist/).
    pub dist: PathBuf,
    /// Proxy `/api` to this PostHog host instead of answering it in demo mode.
    pub upstream: Option<String>,
    /// Demo data with the same ids on every start.
    pub deterministic: bool,
    /// Extra hosts allowed in the CSP `connect-src`.
    pub connect_src: Vec<String>,
    pub faults: FaultConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".to_string(),
            port: 8080,
            dist: PathBuf::from("dist"),
            upstream: None,
            deterministic: false,
            connect_src: Vec::new(),
            faults: FaultConfig::default(),
        }
    }
}

/// Fault injection on `/api` requests; all off by default.
#[derive(Debug, Clone, Default)]
pub struct FaultConfig {
    /// Share of requests answered 500.
    pub ratio_500: f64,
    /// Share of requests answered 429 (PostHog's throttle body).
    pub ratio_429: f64,
    /// Delay added to every request.
    pub delay_ms: u64,
    /// Share of requests whose connection is dropped without an answer.
    pub ratio_drop: f64,
    /// Enables `POST/DELETE /_demo/faults` and `POST /_demo/reset`.
    pub control: bool,
}

/// What answers `/api`.
pub enum Backend {
    Demo(Arc<demo::Demo>),
    Proxy(proxy::Proxy),
}

/// Shared by every handler.
pub struct AppState {
    pub backend: Backend,
    pub faults: faults::Faults,
}

/// The whole application as a router.
pub fn app(config: Config) -> Router {
    let backend = match &config.upstream {
        Some(upstream) => Backend::Proxy(proxy::Proxy::new(upstream)),
        None => Backend::Demo(Arc::new(demo::Demo::new(config.deterministic))),
    };
    let state = Arc::new(AppState {
        backend,
        faults: faults::Faults::new(config.faults.clone()),
    });

    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .max_age(std::time::Duration::from_secs(600));

    let api = match &state.backend {
        Backend::Demo(demo) => Router::new().nest_service("/api", demo::router(demo.clone())),
        Backend::Proxy(_) => Router::new()
            .route("/api", any(proxy_handler))
            .route("/api/", any(proxy_handler))
            .route("/api/{*rest}", any(proxy_handler)),
    };
    let api = api
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .layer(cors)
        .layer(CompressionLayer::new());

    let mut router = Router::new().merge(api);
    if config.faults.control {
        router = router
            .route(
                "/_demo/faults",
                post(faults::control_add).delete(faults::control_clear),
            )
            .route("/_demo/reset", post(demo::reset_handler));
    }
    router
        .fallback_service(static_files::router(config.dist, config.connect_src))
        .with_state(state)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(middleware::from_fn(access_log::log_request))
}

/// Serves the application on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) {
    if let Err(err) = axum::serve(listener, app(config)).await {
        eprintln!("server error: {err}");
    }
}

async fn proxy_handler(State(state): State<Arc<AppState>>, request: Request) -> Response {
    match &state.backend {
        Backend::Proxy(proxy) => proxy.handle(request).await,
        Backend::Demo(_) => ErrorReply::not_found().into_response(),
    }
}

/// Reads a request body of at most [`MAX_BODY_BYTES`]; a larger one is drained (up to a bound)
/// and answered 413.
pub async fn read_body(headers: &HeaderMap, body: Body) -> Result<Bytes, ErrorReply> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let mut too_large = declared.is_some_and(|n| n > MAX_BODY_BYTES as u64);
    let mut stream = body.into_data_stream();
    let mut buffer: Vec<u8> = Vec::new();
    let mut seen: usize = 0;
    while let Some(chunk) = stream.next().await {
        let chunk =
            chunk.map_err(|_| ErrorReply::parse_error("the request body could not be read"))?;
        seen += chunk.len();
        if seen > MAX_BODY_BYTES {
            too_large = true;
            buffer = Vec::new();
        }
        if too_large {
            if seen > DRAIN_LIMIT_BYTES {
                break;
            }
            continue;
        }
        buffer.extend_from_slice(&chunk);
    }
    if too_large {
        return Err(ErrorReply::too_large());
    }
    Ok(Bytes::from(buffer))
}
