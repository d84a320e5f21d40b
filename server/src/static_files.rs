//! Serves the built app from --dist: files with their content types and cache headers, the
//! CSP on HTML, and index.html for every other path (client routes), or a 503 when not built.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// `Cache-Control` of hashed assets.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of index.html, the fallback and unhashed files.
pub const NO_CACHE: &str = "no-cache";

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

pub struct StaticFiles {
    dist: PathBuf,
    connect_src: Vec<String>,
}

impl StaticFiles {
    pub fn new(dist: PathBuf, connect_src: Vec<String>) -> StaticFiles {
        StaticFiles { dist, connect_src }
    }

    async fn serve(&self, method: &Method, path: &str) -> Response {
        if method != Method::GET && method != Method::HEAD {
            return (
                StatusCode::METHOD_NOT_ALLOWED,
                [(header::ALLOW, "GET, HEAD")],
                "Method not allowed.\n",
            )
                .into_response();
        }
        let Some(relative) = safe_relative_path(path) else {
            return not_found();
        };
        if relative.as_os_str().is_empty() {
            return self.index().await;
        }
        let file = self.dist.join(&relative);
        if let Ok(bytes) = tokio::fs::read(&file).await {
            return self.file_response(&file, bytes);
        }
        let name = relative.to_string_lossy();
        if is_asset_path(&name) {
            return not_found();
        }
        self.index().await
    }

    /// index.html (no-cache, with the CSP), or 503 when the app is not built.
    async fn index(&self) -> Response {
        let file = self.dist.join("index.html");
        match tokio::fs::read(&file).await {
            Ok(bytes) => self.file_response(&file, bytes),
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
                    self.dist.display()
                ),
            )
                .into_response(),
        }
    }

    fn file_response(&self, file: &Path, bytes: Vec<u8>) -> Response {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let content_type = content_type(&name);
        let cache = if is_hashed_name(&name) {
            IMMUTABLE
        } else {
            NO_CACHE
        };
        let mut response = Response::new(axum::body::Body::empty());
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        if content_type.starts_with("text/html") {
            let html = String::from_utf8_lossy(&bytes);
            let policy = crate::csp::policy(&html, &self.connect_src);
            if let Ok(value) = HeaderValue::from_str(&policy) {
                headers.insert(header::CONTENT_SECURITY_POLICY, value);
            }
        }
        *response.body_mut() = axum::body::Body::from(bytes);
        response
    }
}

/// The fallback handler: everything that is not `/api` or `/_demo`.
pub async fn handle(State(state): State<Arc<AppState>>, request: Request) -> Response {
    state
        .static_files
        .serve(request.method(), request.uri().path())
        .await
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

/// Content type by extension (`application/wasm` for .wasm).
pub fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
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
    fn content_types() {
        assert_eq!(content_type("a_bg.wasm"), "application/wasm");
        assert_eq!(content_type("a.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("blob"), "application/octet-stream");
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
