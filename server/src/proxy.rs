//! Proxy mode (`--upstream URL`): forwards `/api/*` to a PostHog host with the same method, path,
//! query and body, passing the Authorization and Content-Type headers through untouched (never
//! stored or logged), and streams the answer back without hop-by-hop headers.
//!
//! Only what is under `/api/` is forwarded: the path is normalised here first (percent-encoding
//! decoded until it stops changing, dot segments resolved) and re-encoded, so that no request
//! path can climb out of `/api/` on the upstream host, whatever the upstream does with it.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

use crate::errors::ErrorReply;

/// Bytes percent-encoded in a forwarded path segment: everything but RFC 3986's unreserved
/// characters and the sub-delimiters PostHog's paths may hold. `%` itself is encoded, so what
/// reaches the upstream decodes exactly once, to the normalised segment.
pub(crate) const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// How many rounds of percent-decoding a path may need (a triple-encoded path is refused).
const MAX_DECODE_ROUNDS: usize = 3;

/// The path to forward for a request path, or `None` when it is not under `/api/` once
/// normalised: percent-encoding is decoded until it stops changing (so `%2e`, `%252e`, `%2f`,
/// `%5c` are what they decode to), backslashes count as slashes, `.` and `..` segments are
/// resolved (a `..` above the root is refused), and every segment is re-encoded. Control
/// characters and invalid UTF-8 are refused.
pub fn normalise_api_path(raw_path: &str) -> Option<String> {
    let mut decoded = raw_path.to_string();
    let mut rounds = 0;
    while decoded.contains('%') {
        let next = percent_decode_str(&decoded)
            .decode_utf8()
            .ok()?
            .into_owned();
        if next == decoded {
            break;
        }
        rounds += 1;
        if rounds > MAX_DECODE_ROUNDS {
            return None;
        }
        decoded = next;
    }
    if decoded.chars().any(char::is_control) {
        return None;
    }
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = decoded.split(['/', '\\']).collect();
    let last = parts.len() - 1;
    let mut trailing_slash = false;
    for (i, segment) in parts.into_iter().enumerate() {
        match segment {
            "" | "." => trailing_slash = i == last && !segments.is_empty(),
            ".." => {
                segments.pop()?;
                trailing_slash = i == last;
            }
            s => {
                segments.push(s);
                trailing_slash = false;
            }
        }
    }
    if segments.first() != Some(&"api") {
        return None;
    }
    let mut path = String::with_capacity(raw_path.len());
    for segment in &segments {
        path.push('/');
        path.extend(utf8_percent_encode(segment, SEGMENT));
    }
    if trailing_slash || segments.len() == 1 {
        path.push('/');
    }
    Some(path)
}

/// Request headers passed to the upstream.
const FORWARDED_REQUEST_HEADERS: &[HeaderName] =
    &[header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT];

/// Response headers passed back (hop-by-hop ones, cookies and the upstream's CORS headers are not:
/// this server adds its own CORS headers).
const FORWARDED_RESPONSE_HEADERS: &[HeaderName] = &[
    header::CONTENT_TYPE,
    header::CONTENT_ENCODING,
    header::RETRY_AFTER,
    header::ALLOW,
    header::WWW_AUTHENTICATE,
    header::CACHE_CONTROL,
    header::LOCATION,
];

pub struct Proxy {
    upstream: String,
    client: reqwest::Client,
}

impl Proxy {
    pub fn new(upstream: &str) -> Proxy {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .user_agent(concat!(
                "posthog-console-server/",
                env!("CARGO_PKG_VERSION")
            ))
            .build()
            .expect("TLS client");
        Proxy {
            upstream: upstream.trim_end_matches('/').to_string(),
            client,
        }
    }

    /// The upstream URL for a request path (normalised, under `/api/`) and query (unchanged).
    pub fn target_url(&self, path: &str, query: Option<&str>) -> Option<String> {
        let path = normalise_api_path(path)?;
        Some(match query {
            Some(q) => format!("{}{path}?{q}", self.upstream),
            None => format!("{}{path}", self.upstream),
        })
    }

    pub async fn handle(&self, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        // checked before the body is read: a path that leaves /api/ is never forwarded
        let Some(url) = self.target_url(parts.uri.path(), parts.uri.query()) else {
            return ErrorReply::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "invalid_path",
                "The path is not under /api/ once normalised; it was not forwarded.",
                None,
            )
            .into_response();
        };
        let body = match crate::read_body(&parts.headers, body).await {
            Ok(b) => b,
            Err(e) => return e.into_response(),
        };
        let method = match reqwest::Method::from_bytes(parts.method.as_str().as_bytes()) {
            Ok(m) => m,
            Err(_) => return ErrorReply::method_not_allowed(parts.method.as_str()).into_response(),
        };
        let mut upstream_request = self.client.request(method, url);
        for name in FORWARDED_REQUEST_HEADERS {
            for value in parts.headers.get_all(name) {
                upstream_request = upstream_request.header(name.as_str(), value.as_bytes());
            }
        }
        if !body.is_empty() {
            upstream_request = upstream_request.body(body);
        }
        let upstream_response = match upstream_request.send().await {
            Ok(r) => r,
            Err(err) => return self.unreachable(&err).into_response(),
        };
        let status = StatusCode::from_u16(upstream_response.status().as_u16())
            .unwrap_or(StatusCode::BAD_GATEWAY);
        let mut headers = Vec::new();
        for name in FORWARDED_RESPONSE_HEADERS {
            for value in upstream_response.headers().get_all(name.as_str()) {
                if let Ok(v) = HeaderValue::from_bytes(value.as_bytes()) {
                    headers.push((name.clone(), v));
                }
            }
        }
        let mut response = Response::new(Body::from_stream(upstream_response.bytes_stream()));
        *response.status_mut() = status;
        for (name, value) in headers {
            response.headers_mut().append(name, value);
        }
        response
    }

    /// 502 in PostHog's shape; no request data (and so no key) in it.
    fn unreachable(&self, err: &reqwest::Error) -> ErrorReply {
        let why = if err.is_timeout() {
            "timed out"
        } else if err.is_connect() {
            "could not connect"
        } else {
            "the connection failed"
        };
        ErrorReply::new(
            StatusCode::BAD_GATEWAY,
            "server_error",
            "upstream_unreachable",
            format!("The PostHog host {} is unreachable ({why}).", self.upstream),
            None,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_keeps_path_and_query() {
        let p = Proxy::new("https://us.posthog.com/");
        assert_eq!(
            p.target_url("/api/organizations/", Some("limit=10&search=a%2Fb")),
            Some("https://us.posthog.com/api/organizations/?limit=10&search=a%2Fb".to_string())
        );
        assert_eq!(p.target_url("/api/../_demo/reset", None), None);
    }

    #[test]
    fn paths_are_normalised_under_api() {
        let ok = |raw: &str, want: &str| {
            assert_eq!(normalise_api_path(raw).as_deref(), Some(want), "{raw}")
        };
        ok("/api/organizations/", "/api/organizations/");
        ok("/api/organizations", "/api/organizations");
        ok("/api", "/api/");
        ok("/api/", "/api/");
        ok("/api/./organizations/x/../", "/api/organizations/");
        ok(
            "/api/organizations/%40current/",
            "/api/organizations/@current/",
        );
        ok("/api/organizations/a%20b/", "/api/organizations/a%20b/");
        ok("//api//organizations//", "/api/organizations/");
        ok("/api/organizations/..", "/api/");
        for escaping in [
            "/api/../_demo/reset",
            "/api/..",
            "/api/%2e%2e/_demo/reset",
            "/api/%2E%2E/_demo/reset",
            "/api/%252e%252e/_demo/reset",
            "/api/%25252e%25252e/_demo/reset",
            "/api/.%2e/x",
            "/api%2f..%2f_demo%2freset",
            "/api/..\\_demo/reset",
            "/api\\..\\x",
            "/api/%5c..%5cx",
            "/api/organizations/../../x",
            "/api/./../x/",
            "/../api/../x",
            "/x/../api/../../etc",
            "/apix/",
            "/",
            "",
            "/api/a%00b",
            "/api/%ff",
        ] {
            assert_eq!(normalise_api_path(escaping), None, "{escaping}");
        }
    }
}
