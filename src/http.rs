//! The one place that touches the network: sends an `api::Request` with the session's key to the
//! session's host (never anywhere else), aborts it when the view that asked for it goes away,
//! waits out 429s as PostHog asks, and turns a 401 into "back to connect".

use api::{ApiError, Request};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

use crate::session::{Connection, Session};

/// How many times a throttled request is retried before the 429 is shown.
const THROTTLE_RETRIES: u32 = 3;
/// Longest wait we accept from a 429 before giving up and showing it.
const MAX_THROTTLE_WAIT_SECONDS: u64 = 60;

/// App-wide network state: the session, and a notice while a 429 is being waited out.
#[derive(Clone, Copy)]
pub struct Http {
    pub session: Session,
    /// Seconds left of a throttle wait, shown in the shell.
    pub throttled: RwSignal<Option<u64>>,
}

pub fn use_http() -> Http {
    expect_context()
}

/// A response as it came: status, Retry-After header and body text.
struct Raw {
    status: u16,
    retry_after: Option<String>,
    text: String,
}

impl Http {
    /// Sends `request`; the key and host come from the current session. Only the decoding is
    /// generic: the network part is one function for all response types (smaller wasm).
    pub async fn send<T: DeserializeOwned>(self, request: Request<T>) -> Result<T, ApiError> {
        let raw = self
            .send_raw(
                request.method,
                request.path_and_query(),
                request.body_json(),
            )
            .await?;
        request.decode(raw.status, raw.retry_after.as_deref(), &raw.text)
    }

    fn send_raw(
        self,
        method: api::Method,
        path: String,
        body: Option<String>,
    ) -> Pin<Box<dyn Future<Output = Result<Raw, ApiError>>>> {
        Box::pin(async move {
            let Some(connection) = self.session.connection.get_untracked() else {
                return Err(ApiError::Unauthorized {
                    detail: "You are not connected.".into(),
                });
            };
            let mut attempt = 0;
            loop {
                let raw = send_once_raw(&connection, method, &path, body.as_deref()).await?;
                match raw.status {
                    429 if attempt < THROTTLE_RETRIES => {
                        let error =
                            ApiError::from_response(429, raw.retry_after.as_deref(), &raw.text);
                        let wait = match error {
                            ApiError::Throttled { wait_seconds, .. } => {
                                wait_seconds.unwrap_or(1).max(1)
                            }
                            _ => 1,
                        };
                        if wait > MAX_THROTTLE_WAIT_SECONDS {
                            return Ok(raw);
                        }
                        attempt += 1;
                        for left in (1..=wait).rev() {
                            self.throttled.set(Some(left));
                            TimeoutFuture::new(1_000).await;
                        }
                        self.throttled.set(None);
                    }
                    401 => {
                        // Only end the session if the key that failed is still the current one.
                        if self.session.connection.get_untracked().as_ref() == Some(&connection) {
                            let detail = match ApiError::from_response(401, None, &raw.text) {
                                ApiError::Unauthorized { detail } => detail,
                                _ => String::new(),
                            };
                            self.session.expire(format!(
                                "{} refused the API key: {detail} Connect again to continue.",
                                connection.host.label()
                            ));
                        }
                        return Ok(raw);
                    }
                    _ => return Ok(raw),
                }
            }
        })
    }
}

/// One round trip with a connection that is not kept yet: the connect screen tries a key with it.
pub async fn send_once<T: DeserializeOwned>(
    connection: &Connection,
    request: &Request<T>,
) -> Result<T, ApiError> {
    let raw = send_once_raw(
        connection,
        request.method,
        &request.path_and_query(),
        request.body_json().as_deref(),
    )
    .await?;
    request.decode(raw.status, raw.retry_after.as_deref(), &raw.text)
}

async fn send_once_raw(
    connection: &Connection,
    method: api::Method,
    path: &str,
    body: Option<&str>,
) -> Result<Raw, ApiError> {
    let abort = web_sys::AbortController::new().ok();
    let signal = abort.as_ref().map(|a| a.signal());
    // Abort the request if the view (the reactive owner) that asked for it is cleaned up.
    let abort = SendWrapper::new(abort);
    on_cleanup(move || {
        if let Some(controller) = abort.take() {
            controller.abort();
        }
    });

    let url = format!("{}{}", connection.base_url(), path);
    let method = match method {
        api::Method::Get => gloo_net::http::Method::GET,
        api::Method::Post => gloo_net::http::Method::POST,
        api::Method::Patch => gloo_net::http::Method::PATCH,
        api::Method::Delete => gloo_net::http::Method::DELETE,
    };
    let builder = gloo_net::http::RequestBuilder::new(&url)
        .method(method)
        .credentials(web_sys::RequestCredentials::Omit)
        .header("Authorization", &format!("Bearer {}", connection.key))
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref());
    let built = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    };
    let network = |_| ApiError::Network {
        message: format!("Could not reach {}.", connection.host.label()),
    };
    let response = built.map_err(network)?.send().await.map_err(network)?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let text = response.text().await.map_err(network)?;
    Ok(Raw {
        status,
        retry_after,
        text,
    })
}
