//! Every error shape PostHog (or something in front of it) answers, and the bodies the demo
//! server produces with `ErrorBody`.

use api::endpoints::{organizations, proxy_records};
use api::models::{Organization, ProxyRecordCreate};
use api::{ApiError, ErrorBody, Request};
use serde_json::json;

fn err(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
    ApiError::from_response(status, retry_after, body)
}

#[test]
fn validation_with_attr() {
    let body = r#"{"type": "validation_error", "code": "max_length", "detail": "Ensure this field has no more than 64 characters.", "attr": "name"}"#;
    let e = err(400, None, body);
    assert_eq!(
        e,
        ApiError::Validation {
            detail: "Ensure this field has no more than 64 characters.".into(),
            attr: Some("name".into()),
            code: Some("max_length".into()),
        }
    );
    assert_eq!(e.field(), Some("name"));
    assert!(!e.is_retryable());
    assert_eq!(e.status(), Some(400));
    assert_eq!(
        e.to_string(),
        "Ensure this field has no more than 64 characters. (field: name)"
    );
    // Through a request, too.
    let r: Request<Organization> = organizations::retrieve("o");
    assert_eq!(r.decode(400, None, body), Err(e));
}

#[test]
fn validation_nested_attr_and_null_attr() {
    let nested = err(
        400,
        None,
        r#"{"type": "validation_error", "code": "invalid", "detail": "Enter a valid URL.", "attr": "destination__config__host"}"#,
    );
    assert_eq!(nested.field(), Some("destination__config__host"));
    let null = err(
        400,
        None,
        r#"{"type": "validation_error", "code": "already_verified", "detail": "This domain is already verified.", "attr": null}"#,
    );
    assert_eq!(
        null,
        ApiError::Validation {
            detail: "This domain is already verified.".into(),
            attr: None,
            code: Some("already_verified".into())
        }
    );
    assert_eq!(null.field(), None);
    assert_eq!(null.to_string(), "This domain is already verified.");
}

#[test]
fn bare_detail_and_error_bodies() {
    // Proxy records over the limit.
    let r = proxy_records::create(
        "o",
        &ProxyRecordCreate {
            domain: "e.acme.com".into(),
        },
    );
    assert_eq!(
        r.decode(
            400,
            None,
            r#"{"detail": "Maximum of 2 proxy records per organization."}"#
        ),
        Err(ApiError::Validation {
            detail: "Maximum of 2 proxy records per organization.".into(),
            attr: None,
            code: None
        })
    );
    // complete_product_onboarding and friends.
    assert_eq!(
        err(400, None, r#"{"error": "product_type is required"}"#),
        ApiError::Validation {
            detail: "product_type is required".into(),
            attr: None,
            code: None
        }
    );
    assert_eq!(
        err(404, None, r#"{"error": "Project not found"}"#),
        ApiError::NotFound {
            detail: "Project not found".into()
        }
    );
    // DRF's own field shape, e.g. a flattened bulk invite error.
    assert_eq!(
        err(
            400,
            None,
            r#"{"target_email": ["Enter a valid email address."]}"#
        ),
        ApiError::Validation {
            detail: "Enter a valid email address.".into(),
            attr: Some("target_email".into()),
            code: None
        }
    );
    assert_eq!(
        err(
            400,
            None,
            r#"{"non_field_errors": ["Start must be before end."]}"#
        ),
        ApiError::Validation {
            detail: "Start must be before end.".into(),
            attr: None,
            code: None
        }
    );
    assert_eq!(
        err(
            400,
            None,
            r#"["Ensure this field has no more than 20 elements."]"#
        ),
        ApiError::Validation {
            detail: "Ensure this field has no more than 20 elements.".into(),
            attr: None,
            code: None
        }
    );
}

#[test]
fn not_json_bodies_are_decode_errors() {
    let html = format!(
        "<!DOCTYPE html><html><body>{}</body></html>",
        "x".repeat(500)
    );
    let e = err(502, None, &html);
    match &e {
        ApiError::Decode {
            status, excerpt, ..
        } => {
            assert_eq!(*status, 502);
            assert_eq!(excerpt.chars().count(), 200);
            assert!(excerpt.starts_with("<!DOCTYPE html>"));
        }
        other => panic!("{other:?}"),
    }
    // A gateway's page on a 5xx is still worth a retry; a 4xx page is not.
    assert!(e.is_retryable());
    let e = err(400, None, "Bad Request");
    assert_eq!(
        e,
        ApiError::Decode {
            status: 400,
            message: "the answer is not JSON".into(),
            excerpt: "Bad Request".into()
        }
    );
    assert!(!e.is_retryable());
    assert_eq!(e.status(), Some(400));
    assert!(e.to_string().contains("HTTP 400"));
    // Multi-byte characters are cut on a character boundary.
    let e = err(500, None, &"é".repeat(300));
    assert!(matches!(e, ApiError::Decode { excerpt, .. } if excerpt == "é".repeat(200)));
}

#[test]
fn success_with_a_bad_body_is_a_decode_error() {
    let r = organizations::retrieve("o");
    match r.decode(200, None, "<html>login</html>") {
        Err(ApiError::Decode {
            status: 200,
            excerpt,
            message,
        }) => {
            assert_eq!(excerpt, "<html>login</html>");
            assert!(!message.is_empty());
        }
        other => panic!("{other:?}"),
    }
    // JSON, but not an organization.
    assert!(matches!(
        r.decode(200, None, r#"{"name": 5}"#),
        Err(ApiError::Decode { status: 200, .. })
    ));
    assert!(matches!(
        r.decode(201, None, ""),
        Err(ApiError::Decode { status: 201, .. })
    ));
    assert!(matches!(
        organizations::list(None, None).decode(200, None, "[1, 2]"),
        Err(ApiError::Decode { .. })
    ));
}

#[test]
fn unauthorized() {
    let body = ErrorBody::unauthorized(
        "Personal API key found in request Authorization header is invalid.",
    )
    .to_json();
    let e = organizations::list(None, None)
        .decode(401, None, &body)
        .unwrap_err();
    assert_eq!(
        e,
        ApiError::Unauthorized {
            detail: "Personal API key found in request Authorization header is invalid.".into()
        }
    );
    assert!(!e.is_retryable());
    assert_eq!(
        err(401, None, ""),
        ApiError::Unauthorized {
            detail: "Authentication credentials were not provided.".into()
        }
    );
}

#[test]
fn forbidden_with_missing_scope() {
    let e = err(
        403,
        None,
        r#"{"type": "authentication_error", "code": "permission_denied", "detail": "API key missing required scope 'organization:write'", "attr": null}"#,
    );
    assert_eq!(
        e,
        ApiError::Forbidden {
            detail: "API key missing required scope 'organization:write'".into(),
            missing_scope: Some("organization:write".into()),
        }
    );
    assert_eq!(
        e.to_string(),
        "The API key is missing the 'organization:write' scope."
    );
    let e = err(
        403,
        None,
        r#"{"type": "authentication_error", "code": "permission_denied", "detail": "Your organization access level is insufficient.", "attr": null}"#,
    );
    assert_eq!(
        e,
        ApiError::Forbidden {
            detail: "Your organization access level is insufficient.".into(),
            missing_scope: None
        }
    );
    assert_eq!(
        e.to_string(),
        "Permission denied: Your organization access level is insufficient."
    );
}

#[test]
fn not_found() {
    let e = err(404, None, &ErrorBody::not_found().to_json());
    assert_eq!(
        e,
        ApiError::NotFound {
            detail: "Not found.".into()
        }
    );
    assert_eq!(e.to_string(), "Not found.");
    assert_eq!(
        err(404, None, ""),
        ApiError::NotFound {
            detail: "Not found.".into()
        }
    );
}

#[test]
fn throttled() {
    let body = r#"{"type": "throttled_error", "code": "throttled", "detail": "Request was throttled. Expected available in 37 seconds.", "attr": null}"#;
    // PostHog sends no Retry-After: the seconds come from the detail.
    let e = err(429, None, body);
    assert_eq!(
        e,
        ApiError::Throttled {
            detail: "Request was throttled. Expected available in 37 seconds.".into(),
            wait_seconds: Some(37)
        }
    );
    assert!(e.is_retryable());
    assert_eq!(e.to_string(), "Too many requests; try again in 37 seconds.");
    // A Retry-After header wins.
    assert!(matches!(
        err(429, Some("5"), body),
        ApiError::Throttled {
            wait_seconds: Some(5),
            ..
        }
    ));
    assert!(matches!(
        err(429, Some(" 2.5 "), body),
        ApiError::Throttled {
            wait_seconds: Some(3),
            ..
        }
    ));
    // Fractions round up, a zero fraction does not; what is not delay-seconds is not read.
    for (header, seconds) in [
        ("0.01", Some(1)),
        (".5", Some(1)),
        ("4.000", Some(4)),
        ("7.", Some(7)),
        ("+2", Some(2)),
        ("-1", Some(37)),
        ("1e3", Some(37)),
        ("2.5.1", Some(37)),
        (".", Some(37)),
        ("", Some(37)),
    ] {
        assert!(
            matches!(err(429, Some(header), body), ApiError::Throttled { wait_seconds, .. } if wait_seconds == seconds),
            "{header:?}"
        );
    }
    // An HTTP-date header is not read: the detail's seconds are used.
    assert!(matches!(
        err(429, Some("Wed, 21 Oct 2015 07:28:00 GMT"), body),
        ApiError::Throttled {
            wait_seconds: Some(37),
            ..
        }
    ));
    assert_eq!(
        err(429, None, r#"{"detail": "Slow down."}"#),
        ApiError::Throttled {
            detail: "Slow down.".into(),
            wait_seconds: None
        }
    );
    // A proxy's plain-text 429 is still throttling.
    assert_eq!(
        err(429, Some("10"), "Too Many Requests"),
        ApiError::Throttled {
            detail: "Request was throttled.".into(),
            wait_seconds: Some(10)
        }
    );
    let one = ErrorBody::throttled(1);
    assert_eq!(
        one.detail,
        "Request was throttled. Expected available in 1 second."
    );
    assert!(matches!(
        err(429, None, &one.to_json()),
        ApiError::Throttled {
            wait_seconds: Some(1),
            ..
        }
    ));
}

#[test]
fn server_errors() {
    let e = err(500, None, &ErrorBody::server_error().to_json());
    assert_eq!(
        e,
        ApiError::Server {
            status: 500,
            detail: "A server error occurred.".into()
        }
    );
    assert!(e.is_retryable());
    assert_eq!(
        e.to_string(),
        "The server answered 500: A server error occurred."
    );
    let e = err(
        503,
        Some("60"),
        r#"{"type": "server_error", "code": "database_unavailable", "detail": "Database is unavailable.", "attr": null}"#,
    );
    assert_eq!(
        e,
        ApiError::Server {
            status: 503,
            detail: "Database is unavailable.".into()
        }
    );
    assert!(e.is_retryable());
    assert_eq!(
        err(503, None, ""),
        ApiError::Server {
            status: 503,
            detail: "A server error occurred.".into()
        }
    );
    // Other unexpected statuses.
    let e = err(405, None, &ErrorBody::method_not_allowed("PUT").to_json());
    assert_eq!(
        e,
        ApiError::Server {
            status: 405,
            detail: "Method \"PUT\" not allowed.".into()
        }
    );
    assert!(!e.is_retryable());
}

#[test]
fn network_errors() {
    let e = ApiError::network("Failed to fetch");
    assert_eq!(
        e,
        ApiError::Network {
            message: "Failed to fetch".into()
        }
    );
    assert!(e.is_retryable());
    assert_eq!(e.status(), None);
    assert_eq!(e.to_string(), "Could not reach the server: Failed to fetch");
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(!boxed.to_string().is_empty());
}

#[test]
fn error_bodies_match_posthog() {
    assert_eq!(
        serde_json::to_value(ErrorBody::validation(
            "unique",
            "This field must be unique.",
            Some("name")
        ))
        .unwrap(),
        json!({"type": "validation_error", "code": "unique", "detail": "This field must be unique.", "attr": "name"})
    );
    assert_eq!(
        serde_json::to_value(ErrorBody::unauthorized(
            "Personal API key found in request Authorization header is invalid."
        ))
        .unwrap(),
        json!({"type": "authentication_error", "code": "authentication_failed",
               "detail": "Personal API key found in request Authorization header is invalid.", "attr": null})
    );
    assert_eq!(
        serde_json::to_value(ErrorBody::missing_scope("organization:write")).unwrap(),
        json!({"type": "authentication_error", "code": "permission_denied",
               "detail": "API key missing required scope 'organization:write'", "attr": null})
    );
    assert_eq!(
        serde_json::to_value(ErrorBody::not_found()).unwrap(),
        json!({"type": "invalid_request", "code": "not_found", "detail": "Not found.", "attr": null})
    );
    assert_eq!(
        serde_json::to_value(ErrorBody::throttled(12)).unwrap(),
        json!({"type": "throttled_error", "code": "throttled", "detail": "Request was throttled. Expected available in 12 seconds.", "attr": null})
    );
    assert_eq!(
        serde_json::to_value(ErrorBody::server_error()).unwrap(),
        json!({"type": "server_error", "code": "error", "detail": "A server error occurred.", "attr": null})
    );
    assert_eq!(
        ErrorBody::parse_error("JSON parse error").kind,
        "invalid_request"
    );
    assert_eq!(ErrorBody::not_authenticated().code, "not_authenticated");

    let statuses: Vec<u16> = [
        ErrorBody::validation("invalid", "x", None),
        ErrorBody::unauthorized("x"),
        ErrorBody::not_authenticated(),
        ErrorBody::forbidden("x"),
        ErrorBody::not_found(),
        ErrorBody::method_not_allowed("PUT"),
        ErrorBody::parse_error("x"),
        ErrorBody::throttled(1),
        ErrorBody::server_error(),
    ]
    .iter()
    .map(ErrorBody::status)
    .collect();
    assert_eq!(statuses, vec![400, 401, 401, 403, 404, 405, 400, 429, 500]);

    // Each body reads back as the matching ApiError.
    let round = |b: ErrorBody| ApiError::from_response(b.status(), None, &b.to_json());
    assert!(
        matches!(round(ErrorBody::validation("invalid", "x", Some("a__b"))), ApiError::Validation { attr: Some(a), .. } if a == "a__b")
    );
    assert!(matches!(
        round(ErrorBody::unauthorized("x")),
        ApiError::Unauthorized { .. }
    ));
    assert!(
        matches!(round(ErrorBody::missing_scope("project:read")), ApiError::Forbidden { missing_scope: Some(s), .. } if s == "project:read")
    );
    assert!(matches!(
        round(ErrorBody::not_found()),
        ApiError::NotFound { .. }
    ));
    assert!(matches!(
        round(ErrorBody::throttled(4)),
        ApiError::Throttled {
            wait_seconds: Some(4),
            ..
        }
    ));
    assert!(matches!(
        round(ErrorBody::server_error()),
        ApiError::Server { status: 500, .. }
    ));
    assert!(
        matches!(round(ErrorBody::parse_error("JSON parse error - x")), ApiError::Validation { code: Some(c), .. } if c == "parse_error")
    );
}
