//! Proxy mode (`--upstream URL`): forwards `/api/*` to a PostHog host with the same method, path,
//! query and body, passing the Authorization and Content-Type headers through untouched (never
//! stored or logged), and streams the answer back without hop-by-hop headers.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;

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

    /// The upstream URL for a request path and query.
    pub fn target_url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.upstream, path_and_query)
    }

    pub async fn handle(&self, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        let body = match crate::read_body(&parts.headers, body).await {
            Ok(b) => b,
            Err(e) => return e.into_response(),
        };
        let path_and_query = parts
            .uri
            .path_and_query()
            .map(|pq| pq.as_str().to_string())
            .unwrap_or_else(|| parts.uri.path().to_string());
        let method = match reqwest::Method::from_bytes(parts.method.as_str().as_bytes()) {
            Ok(m) => m,
            Err(_) => {
                return ApiError::method_not_allowed(parts.method.as_str(), &[]).into_response()
            }
        };
        let mut upstream_request = self
            .client
            .request(method, self.target_url(&path_and_query));
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
    fn unreachable(&self, err: &reqwest::Error) -> ApiError {
        let why = if err.is_timeout() {
            "timed out"
        } else if err.is_connect() {
            "could not connect"
        } else {
            "the connection failed"
        };
        ApiError::new(
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
            p.target_url("/api/organizations/?limit=10"),
            "https://us.posthog.com/api/organizations/?limit=10"
        );
    }
}
