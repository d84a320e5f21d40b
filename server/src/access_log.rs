//! One line per request on stderr: method, path, status and milliseconds. Never a header value
//! (the Authorization header carries the PostHog key) and never the query string.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Marks a response whose connection the fault injector drops (logged as "drop").
#[derive(Debug, Clone, Copy)]
pub struct Dropped;

pub async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let start = Instant::now();
    let response = next.run(request).await;
    let status = if response.extensions().get::<Dropped>().is_some() {
        "drop".to_string()
    } else {
        response.status().as_u16().to_string()
    };
    eprintln!("{method} {path} {status} {}ms", start.elapsed().as_millis());
    response
}
