//! Demo resources beyond CRUD: domain verification, the proxy record limit, batch export secrets.

mod common;

/// A demo server's client and its Hogflix organization URL.
async fn hogflix() -> (reqwest::Client, String) {
    let base = start(demo_config()).await;
    (
        client(),
        format!("{base}/api/organizations/{HOGFLIX_ORG_ID}"),
    )
}

use common::*;
use reqwest::header;
use serde_json::{json, Value};
use server::HOGFLIX_ORG_ID;

#[tokio::test]
async fn domains_under_the_test_suffix_verify_once() {
    let (c, org) = hogflix().await;

    // a domain under the test suffix verifies at once
    let r = c
        .post(format!("{org}/domains/"))
        .header(header::AUTHORIZATION, auth())
        .json(&json!({"domain": format!("acme{}", server::VERIFIED_DOMAIN_SUFFIX)}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let domain: Value = r.json().await.unwrap();
    assert_eq!(domain["is_verified"], false);
    let verify = format!("{org}/domains/{}/verify/", domain["id"].as_str().unwrap());
    let r = c
        .post(&verify)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    let verified: Value = r.json().await.unwrap();
    assert_eq!(verified["is_verified"], true);
    let r = c
        .post(&verify)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "already_verified");
}

#[tokio::test]
async fn proxy_records_up_to_the_limit_then_a_bare_detail() {
    let (c, org) = hogflix().await;
    let mut last = None;
    for i in 0..server::MAX_PROXY_RECORDS {
        let r = c
            .post(format!("{org}/proxy_records/"))
            .header(header::AUTHORIZATION, auth())
            .json(&json!({"domain": format!("p{i}.hogflix.example")}))
            .send()
            .await
            .unwrap();
        last = Some(r.status().as_u16());
        if r.status() == 400 {
            let body: Value = r.json().await.unwrap();
            assert_eq!(
                body,
                json!({"detail": format!("Maximum of {} proxy records per organization.", server::MAX_PROXY_RECORDS)})
            );
            break;
        }
        let created: Value = r.json().await.unwrap();
        assert_eq!(created["status"], "waiting");
        assert!(created["target_cname"]
            .as_str()
            .unwrap()
            .ends_with(".proxy-demo.posthog.example"));
    }
    assert_eq!(last, Some(400));
}

#[tokio::test]
async fn batch_exports_never_return_secrets() {
    let (c, org) = hogflix().await;
    let r = c
        .post(format!("{org}/batch_exports/"))
        .header(header::AUTHORIZATION, auth())
        .json(&json!({
            "name": "Warehouse",
            "interval": "hour",
            "destination": {"type": "Postgres", "config": {
                "host": "db.example.com", "user": "u", "password": "hunter2",
                "database": "d", "table_name": "events"}}
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let text = r.text().await.unwrap();
    assert!(!text.contains("hunter2"));
    let export: Value = serde_json::from_str(&text).unwrap();
    let id = export["id"].as_str().unwrap();
    let r = c
        .post(format!("{org}/batch_exports/{id}/pause/"))
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"paused": true}));
}
