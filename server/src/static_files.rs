//! Serves the built app from --dist with tower-http's `ServeDir`: the pre-compressed copies the
//! build writes beside each asset (`.br`, `.gz`), index.html for every other path (client
//! routes) unless the path looks like a file by its extension (then a 404), and a 503 while the
//! app is not built. What is ours comes as layers: only GET and HEAD, no path outside dist/ (nor
//! a dot file), `Cache-Control` (immutable for trunk's hashed names), `charset=utf-8` on text, and
//! the Content-Security-Policy of HTML.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::services::ServeDir;

/// `Cache-Control` of hashed assets.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of index.html, the fallback and unhashed files.
pub const NO_CACHE: &str = "no-cache";
/// The largest HTML page read to write its CSP.
const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

/// Extensions of files (rather than client routes): a missing one is a 404, not index.html.
const ASSET_EXTENSIONS: &[&str] = &[
    "js",
    "mjs",
    "wasm",
    "css",
    "map",
    "svg",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "ico",
    "json",
    "txt",
    "woff",
    "woff2",
    "ttf",
    "webmanifest",
    "html",
    "xml",
];

/// The static side of the server, for the main router's fallback.
pub fn router(dist: PathBuf, connect_src: Vec<String>) -> Router {
    let index = dist.join("index.html");
    let client_route = move |uri: Uri| client_route(uri, index.clone());
    let files = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(client_route.into_service());
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(
            Arc::new(connect_src),
            our_headers,
        ))
        .layer(middleware::from_fn(guard))
}

/// Only GET and HEAD, and only paths that stay inside dist/ without naming a dot file. HEAD is
/// served as GET (hyper sends no body for it) so that an HTML answer still gets its whole CSP.
async fn guard(mut request: Request, next: Next) -> Response {
    match *request.method() {
        Method::GET => {}
        Method::HEAD => *request.method_mut() = Method::GET,
        _ => {
            return (
                StatusCode::METHOD_NOT_ALLOWED,
                [(header::ALLOW, "GET, HEAD")],
                "Method not allowed.\n",
            )
                .into_response()
        }
    }
    if safe_relative_path(request.uri().path()).is_none() {
        return not_found();
    }
    next.run(request).await
}

/// Cache-Control, charset and, on HTML, the CSP.
async fn our_headers(
    State(connect_src): State<Arc<Vec<String>>>,
    request: Request,
    next: Next,
) -> Response {
    let name = request.uri().path().rsplit('/').next().unwrap_or_default();
    let hashed = is_hashed_name(name);
    let mut response = next.run(request).await;
    let status = response.status();
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        let found = status.is_success() || status == StatusCode::NOT_MODIFIED;
        let cache = if hashed && found { IMMUTABLE } else { NO_CACHE };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if content_type.starts_with("text/") && !content_type.contains("charset") {
        if let Ok(value) = HeaderValue::from_str(&format!("{content_type}; charset=utf-8")) {
            headers.insert(header::CONTENT_TYPE, value);
        }
    }
    if content_type.starts_with("text/html") && !headers.contains_key(header::CONTENT_ENCODING) {
        return with_csp(response, &connect_src).await;
    }
    response
}

/// The CSP of an HTML answer, from the page's own inline scripts.
async fn with_csp(response: Response, connect_src: &[String]) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(html) = axum::body::to_bytes(body, MAX_HTML_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let policy = crate::csp::policy(&String::from_utf8_lossy(&html), connect_src);
    if let Ok(value) = HeaderValue::from_str(&policy) {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Response::from_parts(parts, Body::from(html))
}

/// What `ServeDir` does not find: index.html for a client route, a 404 for a missing file, or a
/// 503 while the app is not built.
async fn client_route(uri: Uri, index: PathBuf) -> Response {
    if is_asset_path(uri.path()) {
        return not_found();
    }
    match tokio::fs::read(&index).await {
        Ok(html) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, NO_CACHE),
            ],
            html,
        )
            .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, NO_CACHE),
            ],
            format!(
                "The console app is not built: {} has no index.html.\n\
                 Build it with `bash scripts/build-app.sh` (trunk build --release), then reload.\n\
                 The API under /api works meanwhile.\n",
                index.parent().unwrap_or(&index).display()
            ),
        )
            .into_response(),
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, NO_CACHE),
        ],
        "Not found.\n",
    )
        .into_response()
}

/// The request path as a relative path inside dist/, or `None` when it tries to leave it.
pub fn safe_relative_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut out = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') {
            return None;
        }
        match Path::new(segment).components().next() {
            Some(Component::Normal(_)) => out.push(segment),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether a path names a file (by its extension) rather than a client route.
pub fn is_asset_path(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or(path);
    last.rsplit_once('.')
        .is_some_and(|(_, ext)| ASSET_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Trunk's hashed names: `<stem>-<hash>[_bg].<ext>` where the hash is 12 to 16 lower-case hex
/// digits (a 64-bit hash printed without leading zeros, e.g. `favicon-c3d1a89adf5dc73.svg`).
pub fn is_hashed_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    (12..=16).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed_name("posthog-console-5cec1c9510cf9bb3_bg.wasm"));
        assert!(is_hashed_name("posthog-console-5cec1c9510cf9bb3.js"));
        assert!(is_hashed_name("main-9b4de0af09972bb1.css"));
        assert!(is_hashed_name("favicon-c3d1a89adf5dc73.svg"));
        assert!(!is_hashed_name("index.html"));
        assert!(!is_hashed_name("posthog-console.js"));
        assert!(!is_hashed_name("robots.txt"));
        assert!(!is_hashed_name("logo-deadbeef.png"));
    }

    #[test]
    fn paths_stay_inside_dist() {
        assert_eq!(safe_relative_path("/"), Some(PathBuf::new()));
        assert_eq!(
            safe_relative_path("/a/b.js"),
            Some(PathBuf::from("a").join("b.js"))
        );
        assert_eq!(safe_relative_path("/../etc/passwd"), None);
        assert_eq!(safe_relative_path("/%2e%2e/etc/passwd"), None);
        assert_eq!(safe_relative_path("/.git/config"), None);
        assert_eq!(safe_relative_path("/a\\b"), None);
    }

    #[test]
    fn assets_versus_routes() {
        assert!(is_asset_path("posthog-console-5cec1c9510cf9bb3_bg.wasm"));
        assert!(is_asset_path("missing.js"));
        assert!(!is_asset_path("orgs/x/members"));
        assert!(!is_asset_path("orgs/0190-abc/settings"));
    }
}
