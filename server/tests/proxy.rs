//! Proxy mode (`--upstream`), against a second in-process demo server.

mod common;

use common::*;
use reqwest::header;
use serde_json::{json, Value};
use server::{Config, HOGFLIX_ORG_ID};

#[tokio::test]
async fn proxy_mode_passes_requests_through() {
    let upstream = start(demo_config()).await;
    let proxy = start(Config {
        dist: temp_dist(),
        upstream: Some(upstream.clone()),
        ..Config::default()
    })
    .await;
    let c = client();

    // the key passes through: the upstream demo accepts it
    let path = format!("/api/organizations/{HOGFLIX_ORG_ID}/members/?limit=5&offset=5");
    let via_proxy = c
        .get(format!("{proxy}{path}"))
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(via_proxy.status(), 200);
    assert_eq!(header_str(&via_proxy, "content-type"), "application/json");
    let proxied: Value = via_proxy.json().await.unwrap();
    let (_, direct) = get_json(&format!("{upstream}{path}")).await;
    assert_eq!(proxied, direct);
    // links name the host the upstream was asked with
    assert!(proxied["next"].as_str().unwrap().contains("offset=10"));

    // a bad key is the upstream's answer
    let (status, body) =
        get_json_as(&format!("{proxy}/api/organizations/"), "Bearer phx_wrong").await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "authentication_failed");

    // bodies and content types go up
    let r = c
        .post(format!("{proxy}/api/organizations/{HOGFLIX_ORG_ID}/roles/"))
        .header(header::AUTHORIZATION, auth())
        .json(&json!({"name": "Proxied role"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let role: Value = r.json().await.unwrap();
    let (status, fetched) = get_json(&format!(
        "{upstream}/api/organizations/{HOGFLIX_ORG_ID}/roles/{}/",
        role["id"].as_str().unwrap()
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(fetched["name"], "Proxied role");

    // the app is still served by the proxy server itself
    let r = c.get(format!("{proxy}/orgs/x")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(header_str(&r, "content-type").starts_with("text/html"));
}

#[tokio::test]
async fn unreachable_upstream_is_a_502() {
    // a port nothing listens on
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let proxy = start(Config {
        dist: temp_dist(),
        upstream: Some(dead),
        ..Config::default()
    })
    .await;
    let r = client()
        .get(format!("{proxy}/api/organizations/"))
        .header(header::AUTHORIZATION, "Bearer phx_secret_should_not_leak")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 502);
    let text = r.text().await.unwrap();
    assert!(!text.contains("phx_secret_should_not_leak"));
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["type"], "server_error");
    assert_eq!(body["code"], "upstream_unreachable");
    assert_eq!(body["attr"], Value::Null);
}
