//! PostHog-shaped error answers: `{"type", "code", "detail", "attr"}` (as PostHog's exception
//! handler writes them) and the bare `{"detail": ...}` / `{"error": ...}` shapes some endpoints use.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// An error answer of the demo API and of the server itself (413, 502, injected faults), in
/// PostHog's shapes. Not `api::ApiError`, which is what a client makes of such an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorReply {
    pub status: StatusCode,
    pub body: Value,
    /// `WWW-Authenticate` for 401.
    pub extra_header: Option<(header::HeaderName, String)>,
}

impl ErrorReply {
    /// PostHog's standard body.
    pub fn new(
        status: StatusCode,
        kind: &str,
        code: &str,
        detail: impl Into<String>,
        attr: Option<&str>,
    ) -> ErrorReply {
        ErrorReply {
            status,
            body: json!({"type": kind, "code": code, "detail": detail.into(), "attr": attr}),
            extra_header: None,
        }
    }

    /// 400 `validation_error`.
    pub fn validation(code: &str, detail: impl Into<String>, attr: Option<&str>) -> ErrorReply {
        ErrorReply::new(
            StatusCode::BAD_REQUEST,
            "validation_error",
            code,
            detail,
            attr,
        )
    }

    /// 400 `validation_error` on a field.
    pub fn field(attr: &str, code: &str, detail: impl Into<String>) -> ErrorReply {
        ErrorReply::validation(code, detail, Some(attr))
    }

    pub fn required(attr: &str) -> ErrorReply {
        ErrorReply::field(attr, "required", "This field is required.")
    }

    pub fn blank(attr: &str) -> ErrorReply {
        ErrorReply::field(attr, "blank", "This field may not be blank.")
    }

    pub fn null(attr: &str) -> ErrorReply {
        ErrorReply::field(attr, "null", "This field may not be null.")
    }

    pub fn max_length(attr: &str, max: usize) -> ErrorReply {
        ErrorReply::field(
            attr,
            "max_length",
            format!("Ensure this field has no more than {max} characters."),
        )
    }

    /// 400 `invalid_choice`: `"value" is not a valid choice.`
    pub fn invalid_choice(attr: &str, value: &Value) -> ErrorReply {
        let shown = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        ErrorReply::field(
            attr,
            "invalid_choice",
            format!("\"{shown}\" is not a valid choice."),
        )
    }

    /// 404 `not_found`, for unknown ids and unknown routes alike.
    pub fn not_found() -> ErrorReply {
        ErrorReply::new(
            StatusCode::NOT_FOUND,
            "invalid_request",
            "not_found",
            "Not found.",
            None,
        )
    }

    /// 403 `permission_denied` (PostHog files it under `authentication_error`).
    pub fn forbidden(detail: impl Into<String>) -> ErrorReply {
        ErrorReply::new(
            StatusCode::FORBIDDEN,
            "authentication_error",
            "permission_denied",
            detail,
            None,
        )
    }

    /// 403 for an action that needs a higher organization level.
    pub fn insufficient_level() -> ErrorReply {
        ErrorReply::forbidden("Your organization access level is insufficient.")
    }

    /// 401 without an Authorization header.
    pub fn not_authenticated() -> ErrorReply {
        let mut e = ErrorReply::new(
            StatusCode::UNAUTHORIZED,
            "authentication_error",
            "not_authenticated",
            "Authentication credentials were not provided.",
            None,
        );
        e.extra_header = Some((header::WWW_AUTHENTICATE, "Bearer realm=\"api\"".to_string()));
        e
    }

    /// 401 for a key that is not valid.
    pub fn authentication_failed() -> ErrorReply {
        let mut e = ErrorReply::new(
            StatusCode::UNAUTHORIZED,
            "authentication_error",
            "authentication_failed",
            "Personal API key found in request Authorization header is invalid.",
            None,
        );
        e.extra_header = Some((header::WWW_AUTHENTICATE, "Bearer realm=\"api\"".to_string()));
        e
    }

    /// 405 (its `Allow` is written by the router, see [`posthog_allow`]).
    pub fn method_not_allowed(method: &str) -> ErrorReply {
        ErrorReply::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "invalid_request",
            "method_not_allowed",
            format!("Method \"{method}\" not allowed."),
            None,
        )
    }

    /// 400 `parse_error` for a body that is not JSON.
    pub fn parse_error(message: impl std::fmt::Display) -> ErrorReply {
        ErrorReply::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "parse_error",
            format!("JSON parse error - {message}"),
            None,
        )
    }

    /// 415 for a body sent as a form rather than JSON.
    pub fn unsupported_media_type(content_type: &str) -> ErrorReply {
        ErrorReply::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "invalid_request",
            "unsupported_media_type",
            format!("Unsupported media type \"{content_type}\" in request."),
            None,
        )
    }

    /// 413 for a body over [`crate::MAX_BODY_BYTES`].
    pub fn too_large() -> ErrorReply {
        ErrorReply::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalid_request",
            "request_too_large",
            format!(
                "Request body is larger than {} bytes.",
                crate::MAX_BODY_BYTES
            ),
            None,
        )
    }

    /// 429 as PostHog throttles: no Retry-After header, the wait is in `detail`.
    pub fn throttled(seconds: u64) -> ErrorReply {
        ErrorReply::new(
            StatusCode::TOO_MANY_REQUESTS,
            "throttled_error",
            "throttled",
            format!("Request was throttled. Expected available in {seconds} seconds."),
            None,
        )
    }

    /// 500.
    pub fn server_error() -> ErrorReply {
        ErrorReply::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "error",
            "A server error occurred.",
            None,
        )
    }

    /// A bare body (`{"detail": ...}` or `{"error": ...}`) as some PostHog endpoints answer.
    pub fn bare(status: StatusCode, body: Value) -> ErrorReply {
        ErrorReply {
            status,
            body,
            extra_header: None,
        }
    }
}

impl ErrorReply {
    /// The body as text; PostHog's standard shape keeps its key order (type, code, detail, attr).
    pub fn body_text(&self) -> String {
        let standard = self.body.as_object().filter(|o| {
            o.len() == 4
                && ["type", "code", "detail", "attr"]
                    .iter()
                    .all(|k| o.contains_key(*k))
        });
        match standard {
            Some(o) => format!(
                "{{\"type\":{},\"code\":{},\"detail\":{},\"attr\":{}}}",
                o["type"], o["code"], o["detail"], o["attr"]
            ),
            None => self.body.to_string(),
        }
    }
}

impl IntoResponse for ErrorReply {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            self.body_text(),
        )
            .into_response();
        if let Some((name, value)) = self.extra_header {
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().insert(name, value);
            }
        }
        response
    }
}

/// The `Allow` of a 405 as PostHog's API writes it: axum's `GET,HEAD,POST` becomes
/// `GET, POST, OPTIONS`; other answers (a 401 of a wrong method) have none.
pub async fn posthog_allow(mut response: Response) -> Response {
    if response.status() != StatusCode::METHOD_NOT_ALLOWED {
        response.headers_mut().remove(header::ALLOW);
        return response;
    }
    let Some(allow) = response.headers().get(header::ALLOW) else {
        return response;
    };
    let mut methods: Vec<&str> = allow
        .to_str()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty() && *m != "HEAD")
        .collect();
    methods.push("OPTIONS");
    if let Ok(value) = HeaderValue::from_str(&methods.join(", ")) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// A JSON answer with its content type.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_bodies_keep_posthog_key_order() {
        assert_eq!(
            ErrorReply::not_found().body_text(),
            r#"{"type":"invalid_request","code":"not_found","detail":"Not found.","attr":null}"#
        );
        assert_eq!(
            ErrorReply::field("name", "blank", "This field may not be blank.").body_text(),
            r#"{"type":"validation_error","code":"blank","detail":"This field may not be blank.","attr":"name"}"#
        );
        let bare = ErrorReply::bare(StatusCode::BAD_REQUEST, json!({"detail": "x"}));
        assert_eq!(bare.body_text(), r#"{"detail":"x"}"#);
    }
}
