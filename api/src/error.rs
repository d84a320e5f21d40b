//! Errors of the API as the app sees them ([`ApiError`], read from any of PostHog's error bodies),
//! and the error body PostHog sends ([`ErrorBody`], used by the demo server to answer alike).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How many characters of an undecodable body [`ApiError::Decode`] keeps.
pub const EXCERPT_CHARS: usize = 200;

/// What went wrong with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// 401: missing or invalid personal API key.
    Unauthorized { detail: String },
    /// 403: the key or the user may not do this; `missing_scope` when the key lacks a scope.
    Forbidden {
        detail: String,
        missing_scope: Option<String>,
    },
    /// 404 (also for an organization you do not belong to).
    NotFound { detail: String },
    /// 400: invalid input; `attr` names the field (nested fields joined with `__`).
    Validation {
        detail: String,
        attr: Option<String>,
        code: Option<String>,
    },
    /// 429: wait `wait_seconds` (from `Retry-After`, else from the detail text) before retrying.
    Throttled {
        detail: String,
        wait_seconds: Option<u64>,
    },
    /// 5xx and any other unexpected status.
    Server { status: u16, detail: String },
    /// The request did not reach the server or no answer came back (built by the app).
    Network { message: String },
    /// The answer could not be read: not JSON, or not the expected shape.
    Decode {
        status: u16,
        message: String,
        excerpt: String,
    },
}

impl ApiError {
    /// Reads an error answer: PostHog's `{type, code, detail, attr}`, a bare `{detail}` or
    /// `{error}`, DRF's `{"field": ["message"]}`, an empty body, or a body that is not JSON
    /// (`Decode`, except for 429, which stays `Throttled`).
    pub fn from_response(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
        let trimmed = body.trim();
        let parsed = if trimmed.is_empty() {
            Some(Value::Null)
        } else {
            serde_json::from_str::<Value>(trimmed).ok()
        };
        let Some(json) = parsed else {
            if status == 429 {
                return ApiError::Throttled {
                    detail: default_detail(status),
                    wait_seconds: retry_after.and_then(parse_retry_after),
                };
            }
            return ApiError::decode(status, "the answer is not JSON", body);
        };
        let fields = ErrorFields::read(&json);
        let detail = fields.detail.unwrap_or_else(|| default_detail(status));
        match status {
            400 | 409 | 422 => ApiError::Validation {
                detail,
                attr: fields.attr,
                code: fields.code,
            },
            401 => ApiError::Unauthorized { detail },
            403 => {
                let missing_scope = missing_scope(&detail);
                ApiError::Forbidden {
                    detail,
                    missing_scope,
                }
            }
            404 => ApiError::NotFound { detail },
            429 => {
                let wait_seconds = retry_after
                    .and_then(parse_retry_after)
                    .or_else(|| seconds_in_detail(&detail));
                ApiError::Throttled {
                    detail,
                    wait_seconds,
                }
            }
            _ => ApiError::Server { status, detail },
        }
    }

    /// A `Decode` error keeping the first [`EXCERPT_CHARS`] characters of the body.
    pub fn decode(status: u16, message: impl Into<String>, body: &str) -> ApiError {
        ApiError::Decode {
            status,
            message: message.into(),
            excerpt: excerpt(body),
        }
    }

    /// A `Network` error.
    pub fn network(message: impl Into<String>) -> ApiError {
        ApiError::Network {
            message: message.into(),
        }
    }

    /// The field a `Validation` error is about (PostHog's `attr`).
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Validation { attr, .. } => attr.as_deref(),
            _ => None,
        }
    }

    /// Worth trying again later: network failures, throttling, 5xx (including a 5xx whose body
    /// was not JSON, e.g. a gateway's page) and 408.
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::Network { .. } | ApiError::Throttled { .. } => true,
            ApiError::Server { status, .. } | ApiError::Decode { status, .. } => {
                *status >= 500 || *status == 408
            }
            _ => false,
        }
    }

    /// The HTTP status this error came with (none for `Network`).
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Unauthorized { .. } => Some(401),
            ApiError::Forbidden { .. } => Some(403),
            ApiError::NotFound { .. } => Some(404),
            ApiError::Validation { .. } => Some(400),
            ApiError::Throttled { .. } => Some(429),
            ApiError::Server { status, .. } | ApiError::Decode { status, .. } => Some(*status),
            ApiError::Network { .. } => None,
        }
    }

    /// The server's (or the app's) message.
    pub fn detail(&self) -> &str {
        match self {
            ApiError::Unauthorized { detail }
            | ApiError::Forbidden { detail, .. }
            | ApiError::NotFound { detail }
            | ApiError::Validation { detail, .. }
            | ApiError::Throttled { detail, .. }
            | ApiError::Server { detail, .. } => detail,
            ApiError::Network { message } | ApiError::Decode { message, .. } => message,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Unauthorized { detail } => {
                write!(f, "The API key was not accepted: {detail}")
            }
            ApiError::Forbidden {
                missing_scope: Some(scope),
                ..
            } => {
                write!(f, "The API key is missing the '{scope}' scope.")
            }
            ApiError::Forbidden { detail, .. } => write!(f, "Permission denied: {detail}"),
            ApiError::NotFound { detail } if detail.is_empty() || detail == "Not found." => {
                f.write_str("Not found.")
            }
            ApiError::NotFound { detail } => write!(f, "Not found: {detail}"),
            ApiError::Validation {
                detail,
                attr: Some(attr),
                ..
            } => write!(f, "{detail} (field: {attr})"),
            ApiError::Validation { detail, .. } => f.write_str(detail),
            ApiError::Throttled {
                wait_seconds: Some(n),
                ..
            } => {
                write!(
                    f,
                    "Too many requests; try again in {n} second{}.",
                    if *n == 1 { "" } else { "s" }
                )
            }
            ApiError::Throttled { .. } => f.write_str("Too many requests; try again later."),
            ApiError::Server { status, detail } => {
                write!(f, "The server answered {status}: {detail}")
            }
            ApiError::Network { message } => write!(f, "Could not reach the server: {message}"),
            ApiError::Decode {
                status, message, ..
            } => {
                write!(
                    f,
                    "Could not read the server's answer (HTTP {status}): {message}"
                )
            }
        }
    }
}

impl std::error::Error for ApiError {}

/// The fields an error body may carry, whichever of the shapes it has.
struct ErrorFields {
    detail: Option<String>,
    attr: Option<String>,
    code: Option<String>,
}

impl ErrorFields {
    fn read(json: &Value) -> ErrorFields {
        let mut fields = ErrorFields {
            detail: None,
            attr: None,
            code: None,
        };
        match json {
            Value::Object(map) => {
                fields.detail = map
                    .get("detail")
                    .and_then(text)
                    .or_else(|| map.get("error").and_then(text));
                fields.attr = map.get("attr").and_then(|v| v.as_str()).map(str::to_string);
                fields.code = map.get("code").and_then(|v| v.as_str()).map(str::to_string);
                if fields.detail.is_none() {
                    // DRF's own shape, {"field": ["message", ...]}: take the first field.
                    let first = map
                        .iter()
                        .find(|(k, _)| !matches!(k.as_str(), "type" | "code" | "attr"));
                    if let Some((key, value)) = first.filter(|(_, v)| v.is_array() || v.is_string())
                    {
                        if let Some(message) = text(value) {
                            fields.detail = Some(message);
                            if key != "non_field_errors" && fields.attr.is_none() {
                                fields.attr = Some(key.clone());
                            }
                        }
                    }
                }
            }
            other => fields.detail = text(other),
        }
        fields
    }
}

/// A human text out of a JSON value: a string, the first text of an array, or a nested detail.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(text),
        Value::Object(map) => map
            .get("detail")
            .or_else(|| map.get("message"))
            .and_then(text),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn default_detail(status: u16) -> String {
    match status {
        400 => "The request was not valid.",
        401 => "Authentication credentials were not provided.",
        403 => "You do not have permission to perform this action.",
        404 => "Not found.",
        405 => "Method not allowed.",
        429 => "Request was throttled.",
        500..=599 => "A server error occurred.",
        _ => "Unexpected answer from the server.",
    }
    .to_string()
}

/// "API key missing required scope 'organization:write'" -> "organization:write".
fn missing_scope(detail: &str) -> Option<String> {
    let start = detail.find("required scope")?;
    let rest = &detail[start..];
    let open = rest.find(['\'', '"'])?;
    let quote = rest[open..].chars().next()?;
    let inner = &rest[open + 1..];
    let close = inner.find(quote)?;
    let scope = inner[..close].trim();
    (!scope.is_empty()).then(|| scope.to_string())
}

/// Retry-After as delay-seconds ("30", or "2.5" rounded up). HTTP dates are not read. Read
/// by hand rather than as an `f64`: float parsing would bring core's 10 KB table of powers of
/// five into the browser's first download.
fn parse_retry_after(value: &str) -> Option<u64> {
    let (whole, fraction) = match value.trim().split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (value.trim(), None),
    };
    let whole = whole.strip_prefix('+').unwrap_or(whole);
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || whole.is_empty() && fraction.is_none_or(str::is_empty) {
        return None;
    }
    let seconds = if whole.is_empty() {
        0
    } else {
        whole.parse::<u64>().ok()?
    };
    match fraction {
        None => Some(seconds),
        Some(f) if !digits(f) => None,
        Some(f) if f.bytes().any(|b| b != b'0') => seconds.checked_add(1),
        Some(_) => Some(seconds),
    }
}

/// "Request was throttled. Expected available in 12 seconds." -> 12.
fn seconds_in_detail(detail: &str) -> Option<u64> {
    let start = detail.find("available in")? + "available in".len();
    let digits: String = detail[start..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

fn excerpt(body: &str) -> String {
    match body.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => body[..end].to_string(),
        None => body.to_string(),
    }
}

/// PostHog's error body: `{"type", "code", "detail", "attr"}` (`attr` always present, maybe null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// validation_error, authentication_error, invalid_request, throttled_error or server_error.
    #[serde(rename = "type")]
    pub kind: String,
    pub code: String,
    pub detail: String,
    pub attr: Option<String>,
}

impl ErrorBody {
    pub fn new(kind: &str, code: &str, detail: impl Into<String>, attr: Option<&str>) -> ErrorBody {
        ErrorBody {
            kind: kind.to_string(),
            code: code.to_string(),
            detail: detail.into(),
            attr: attr.map(str::to_string),
        }
    }

    /// 400 `validation_error`, e.g. `("unique", "This field must be unique.", Some("name"))`.
    pub fn validation(code: &str, detail: impl Into<String>, attr: Option<&str>) -> ErrorBody {
        ErrorBody::new("validation_error", code, detail, attr)
    }

    /// 401 `authentication_failed`, e.g. "Personal API key found in request Authorization header is invalid."
    pub fn unauthorized(detail: impl Into<String>) -> ErrorBody {
        ErrorBody::new(
            "authentication_error",
            "authentication_failed",
            detail,
            None,
        )
    }

    /// 401 `not_authenticated`: no key at all.
    pub fn not_authenticated() -> ErrorBody {
        ErrorBody::new(
            "authentication_error",
            "not_authenticated",
            "Authentication credentials were not provided.",
            None,
        )
    }

    /// 403 `permission_denied` (PostHog types these as `authentication_error`).
    pub fn forbidden(detail: impl Into<String>) -> ErrorBody {
        ErrorBody::new("authentication_error", "permission_denied", detail, None)
    }

    /// 403 for a key without the scope, e.g. "API key missing required scope 'organization:write'".
    pub fn missing_scope(scope: &str) -> ErrorBody {
        ErrorBody::forbidden(format!("API key missing required scope '{scope}'"))
    }

    /// 404 `not_found`, "Not found.".
    pub fn not_found() -> ErrorBody {
        ErrorBody::new("invalid_request", "not_found", "Not found.", None)
    }

    /// 429 `throttled`, "Request was throttled. Expected available in N seconds."
    pub fn throttled(seconds: u64) -> ErrorBody {
        ErrorBody::new(
            "throttled_error",
            "throttled",
            format!(
                "Request was throttled. Expected available in {seconds} second{}.",
                if seconds == 1 { "" } else { "s" }
            ),
            None,
        )
    }

    /// 500 `error`, "A server error occurred."
    pub fn server_error() -> ErrorBody {
        ErrorBody::new("server_error", "error", "A server error occurred.", None)
    }

    /// 400 `parse_error` (malformed JSON).
    pub fn parse_error(detail: impl Into<String>) -> ErrorBody {
        ErrorBody::new("invalid_request", "parse_error", detail, None)
    }

    /// 405 `method_not_allowed`.
    pub fn method_not_allowed(method: &str) -> ErrorBody {
        ErrorBody::new(
            "invalid_request",
            "method_not_allowed",
            format!("Method \"{method}\" not allowed."),
            None,
        )
    }

    /// The HTTP status this body goes with.
    pub fn status(&self) -> u16 {
        match (self.kind.as_str(), self.code.as_str()) {
            ("validation_error", _) => 400,
            ("authentication_error", "permission_denied") => 403,
            ("authentication_error", _) => 401,
            ("invalid_request", "not_found") => 404,
            ("invalid_request", "method_not_allowed") => 405,
            ("invalid_request", _) => 400,
            ("throttled_error", _) => 429,
            _ => 500,
        }
    }

    /// The body as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
