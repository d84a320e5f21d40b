//! Fault injection on `/api`: random 500/429/dropped answers and a delay (`--fault-*` flags),
//! plus the test-only control endpoint `POST/DELETE /_demo/faults` (`--fault-control`) that
//! queues exact faults for the next N matching requests.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use serde_json::{json, Value};

use crate::access_log::Dropped;
use crate::errors::{json_response, ErrorReply};
use crate::{AppState, FaultConfig};

/// Seconds named in the injected 429's detail.
pub const THROTTLE_SECONDS: u64 = 2;

/// What an injected fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// Answer with this status and a PostHog-shaped body.
    Status(u16),
    /// Close the connection without an answer.
    Drop,
}

impl FaultKind {
    fn to_json(self) -> Value {
        match self {
            FaultKind::Status(code) => json!(code),
            FaultKind::Drop => json!("drop"),
        }
    }
}

/// A fault queued by the control endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingFault {
    pub kind: FaultKind,
    pub remaining: u32,
    pub path_prefix: String,
}

pub struct Faults {
    config: FaultConfig,
    pending: Mutex<Vec<PendingFault>>,
}

impl Faults {
    pub fn new(config: FaultConfig) -> Faults {
        Faults {
            config,
            pending: Mutex::new(Vec::new()),
        }
    }

    /// The fault for a request to `path`, if any: a queued one first, then the random ratios.
    pub fn take(&self, path: &str) -> Option<FaultKind> {
        {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(i) = pending
                .iter()
                .position(|f| path.starts_with(&f.path_prefix))
            {
                let kind = pending[i].kind;
                pending[i].remaining -= 1;
                if pending[i].remaining == 0 {
                    pending.remove(i);
                }
                return Some(kind);
            }
        }
        let c = &self.config;
        if c.ratio_drop + c.ratio_500 + c.ratio_429 <= 0.0 {
            return None;
        }
        let r: f64 = rand::thread_rng().gen();
        if r < c.ratio_drop {
            Some(FaultKind::Drop)
        } else if r < c.ratio_drop + c.ratio_500 {
            Some(FaultKind::Status(500))
        } else if r < c.ratio_drop + c.ratio_500 + c.ratio_429 {
            Some(FaultKind::Status(429))
        } else {
            None
        }
    }

    pub fn add(&self, fault: PendingFault) {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(fault);
    }

    pub fn clear(&self) {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    pub fn pending(&self) -> Vec<PendingFault> {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// The answer of an injected fault.
pub fn fault_response(kind: FaultKind) -> Response {
    match kind {
        FaultKind::Drop => {
            let stream = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "fault injection: connection dropped",
                ))
            });
            let mut response = Response::new(Body::from_stream(stream));
            response.extensions_mut().insert(Dropped);
            response
        }
        FaultKind::Status(429) => ErrorReply::throttled(THROTTLE_SECONDS).into_response(),
        FaultKind::Status(503) => ErrorReply::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "server_error",
            "service_unavailable",
            "The service is temporarily unavailable.",
            None,
        )
        .into_response(),
        FaultKind::Status(code) => {
            let mut e = ErrorReply::server_error();
            e.status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            e.into_response()
        }
    }
}

/// Middleware on `/api`: delay, then a fault or the real answer. Preflights pass untouched.
pub async fn inject(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if request.method() == Method::OPTIONS {
        return next.run(request).await;
    }
    let faults = &state.faults;
    if faults.config.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.config.delay_ms)).await;
    }
    match faults.take(request.uri().path()) {
        Some(kind) => fault_response(kind),
        None => next.run(request).await,
    }
}

/// Reads the control body: `{"status": 500|429|"drop", "count": N, "path_prefix": "/api/..."}`.
pub fn parse_control(body: &[u8]) -> Result<PendingFault, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("JSON parse error - {e}"))?;
    let obj = value.as_object().ok_or("expected a JSON object")?;
    let kind = match obj.get("status") {
        Some(Value::String(s)) if s == "drop" => FaultKind::Drop,
        Some(Value::Number(n)) => match n.as_u64() {
            Some(code @ 400..=599) => FaultKind::Status(code as u16),
            _ => return Err("status must be 400-599 or \"drop\"".to_string()),
        },
        _ => return Err("status must be 500, 429 (any 400-599) or \"drop\"".to_string()),
    };
    let count = match obj.get("count") {
        None | Some(Value::Null) => 1,
        Some(v) => match v.as_u64() {
            Some(n @ 1..=1_000_000) => n as u32,
            _ => return Err("count must be a positive integer".to_string()),
        },
    };
    let path_prefix = match obj.get("path_prefix") {
        None | Some(Value::Null) => "/api/".to_string(),
        Some(Value::String(s)) if s.starts_with('/') => s.clone(),
        _ => return Err("path_prefix must be a path starting with /".to_string()),
    };
    Ok(PendingFault {
        kind,
        remaining: count,
        path_prefix,
    })
}

fn pending_json(faults: &Faults) -> Value {
    let pending: Vec<Value> = faults
        .pending()
        .into_iter()
        .map(|f| json!({"status": f.kind.to_json(), "count": f.remaining, "path_prefix": f.path_prefix}))
        .collect();
    json!({ "pending": pending })
}

/// `POST /_demo/faults`.
pub async fn control_add(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match crate::read_body(&parts.headers, body).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    match parse_control(&bytes) {
        Ok(fault) => {
            state.faults.add(fault);
            json_response(StatusCode::OK, &pending_json(&state.faults))
        }
        Err(detail) => json_response(StatusCode::BAD_REQUEST, &json!({ "detail": detail })),
    }
}

/// `DELETE /_demo/faults`.
pub async fn control_clear(State(state): State<Arc<AppState>>) -> Response {
    state.faults.clear();
    StatusCode::NO_CONTENT.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queued_faults_hit_matching_paths_count_times() {
        let faults = Faults::new(FaultConfig::default());
        faults.add(
            parse_control(br#"{"status": 500, "count": 2, "path_prefix": "/api/organizations/"}"#)
                .unwrap(),
        );
        assert_eq!(faults.take("/api/users/@me/"), None);
        assert_eq!(
            faults.take("/api/organizations/x/"),
            Some(FaultKind::Status(500))
        );
        assert_eq!(
            faults.take("/api/organizations/"),
            Some(FaultKind::Status(500))
        );
        assert_eq!(faults.take("/api/organizations/"), None);
    }

    #[test]
    fn control_body_defaults_and_errors() {
        let f = parse_control(br#"{"status": "drop"}"#).unwrap();
        assert_eq!(f.kind, FaultKind::Drop);
        assert_eq!(f.remaining, 1);
        assert_eq!(f.path_prefix, "/api/");
        assert!(parse_control(br#"{"status": 200}"#).is_err());
        assert!(parse_control(br#"{"status": 429, "count": 0}"#).is_err());
        assert!(parse_control(b"nope").is_err());
    }

    #[test]
    fn ratios_of_one_always_fault() {
        let faults = Faults::new(FaultConfig {
            ratio_500: 1.0,
            ..Default::default()
        });
        assert_eq!(faults.take("/api/x"), Some(FaultKind::Status(500)));
        let none = Faults::new(FaultConfig::default());
        assert_eq!(none.take("/api/x"), None);
    }
}
