//! The demo API as a whole: authentication, PostHog-shaped errors, routing (trailing slashes,
//! 404, 405), pagination links and CORS.

mod common;

use common::*;
use reqwest::header;
use serde_json::{json, Value};
use server::HOGFLIX_ORG_ID;

#[tokio::test]
async fn authentication_errors() {
    let base = start(demo_config()).await;
    let c = client();
    let r = c
        .get(format!("{base}/api/organizations/"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(header_str(&r, "access-control-allow-origin"), "*");
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({"type": "authentication_error", "code": "not_authenticated",
               "detail": "Authentication credentials were not provided.", "attr": null})
    );
    let (status, body) =
        get_json_as(&format!("{base}/api/organizations/"), "Bearer phx_wrong").await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "authentication_failed");
    assert_eq!(
        body["detail"],
        "Personal API key found in request Authorization header is invalid."
    );
}

#[tokio::test]
async fn request_errors_are_posthog_shaped() {
    let base = start(demo_config()).await;
    let c = client();
    let org = format!("{base}/api/organizations/{HOGFLIX_ORG_ID}/");

    let r = c
        .patch(&org)
        .header(header::AUTHORIZATION, auth())
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let text = r.text().await.unwrap();
    assert!(
        text.starts_with(
            r#"{"type":"invalid_request","code":"parse_error","detail":"JSON parse error - "#
        ),
        "{text}"
    );

    for path in ["/api/organizations/x/nope/", "/api/nothing", "/api/"] {
        let r = c
            .get(format!("{base}{path}"))
            .header(header::AUTHORIZATION, auth())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(
            body,
            json!({"type": "invalid_request", "code": "not_found", "detail": "Not found.", "attr": null})
        );
    }

    // an organization you do not belong to, or that does not exist
    let (status, _) = get_json(&format!(
        "{base}/api/organizations/00000000-0000-4000-8000-000000000000/"
    ))
    .await;
    assert_eq!(status, 404);

    let r = c
        .put(format!("{org}members/"))
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert!(header_str(&r, "allow").contains("GET"));

    let r = c
        .patch(&org)
        .header(header::AUTHORIZATION, auth())
        .header(header::CONTENT_TYPE, "application/json")
        .body(json!({"name": "x".repeat(65)}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["attr"], "name");
    assert_eq!(body["type"], "validation_error");

    let big = format!(
        "{{\"name\": \"{}\"}}",
        "a".repeat(server::MAX_BODY_BYTES + 10)
    );
    let r = c
        .post(format!("{base}/api/organizations/"))
        .header(header::AUTHORIZATION, auth())
        .header(header::CONTENT_TYPE, "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["type"], "invalid_request");
}

#[tokio::test]
async fn trailing_slashes_current_org_and_pagination_links() {
    let base = start(demo_config()).await;
    let (s1, with) = get_json(&format!("{base}/api/organizations/@current/")).await;
    let (s2, without) = get_json(&format!("{base}/api/organizations/@current")).await;
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(with["id"], HOGFLIX_ORG_ID);
    assert_eq!(without["id"], HOGFLIX_ORG_ID);
    assert_eq!(with["name"], "Hogflix");
    assert_eq!(with["membership_level"], 15);

    let host = base.trim_start_matches("http://");
    let url = format!(
        "{base}/api/organizations/{HOGFLIX_ORG_ID}/members/?limit=10&offset=20&order=-joined_at"
    );
    let (status, page) = get_json(&url).await;
    assert_eq!(status, 200);
    assert_eq!(page["count"], 120);
    assert_eq!(page["results"].as_array().unwrap().len(), 10);
    assert_eq!(
        page["next"],
        format!("http://{host}/api/organizations/{HOGFLIX_ORG_ID}/members/?limit=10&offset=30&order=-joined_at")
    );
    assert_eq!(
        page["previous"],
        format!("http://{host}/api/organizations/{HOGFLIX_ORG_ID}/members/?limit=10&offset=10&order=-joined_at")
    );

    let (_, me) = get_json(&format!(
        "{base}/api/organizations/{HOGFLIX_ORG_ID}/members/?email=DANA@hogflix.example"
    ))
    .await;
    assert_eq!(me["count"], 1);
    assert_eq!(me["results"][0]["user"]["uuid"], server::DEMO_USER_UUID);
}

#[tokio::test]
async fn cors_preflight() {
    let base = start(demo_config()).await;
    let r = client()
        .request(
            reqwest::Method::OPTIONS,
            format!("{base}/api/organizations/"),
        )
        .header(header::ORIGIN, "https://console.example")
        .header("access-control-request-method", "PATCH")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert_eq!(header_str(&r, "access-control-allow-origin"), "*");
    let allowed = header_str(&r, "access-control-allow-headers").to_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("content-type"));
}

#[tokio::test]
async fn routes_as_django_resolves_them_and_posthogs_405() {
    let base = start(demo_config()).await;
    let c = client();
    // encoded, doubled and trailing slashes resolve as one path
    for path in ["/api/users/%40me/", "/api//users/@me", "/api/users/@me//"] {
        let (status, me) = get_json(&format!("{base}{path}")).await;
        assert_eq!(
            (status, me["email"].as_str()),
            (200, Some(server::DEMO_USER_EMAIL)),
            "{path}"
        );
    }
    // a method the path does not take: the key first, then 405 with PostHog's Allow
    let members = format!("{base}/api/organizations/{HOGFLIX_ORG_ID}/members/");
    let r = c.put(&members).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get(header::ALLOW).is_none());
    let org = format!("{base}/api/organizations/{HOGFLIX_ORG_ID}/");
    let r = c
        .post(&org)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert_eq!(header_str(&r, "allow"), "GET, PUT, PATCH, DELETE, OPTIONS");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["detail"], "Method \"POST\" not allowed.");
    // an unknown action is a 404 whatever the key
    let r = c
        .get(format!("{org}projects/17001/nope/"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // HEAD where GET is
    let r = c
        .head(&members)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
