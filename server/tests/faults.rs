//! Fault injection: the control endpoint (`--fault-control`) and its absence by default.

mod common;

use common::*;
use reqwest::header;
use serde_json::{json, Value};
use server::{Config, FaultConfig, HOGFLIX_ORG_ID};

#[tokio::test]
async fn fault_control_endpoint() {
    let base = start(Config {
        faults: FaultConfig {
            control: true,
            ..FaultConfig::default()
        },
        ..demo_config()
    })
    .await;
    let c = client();
    let control = format!("{base}/_demo/faults");
    let orgs = format!("{base}/api/organizations/");

    let r = c
        .post(&control)
        .json(&json!({"status": 500, "count": 1, "path_prefix": "/api/organizations/"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .post(&control)
        .json(&json!({"status": 429, "count": 1, "path_prefix": "/api/organizations/"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // another prefix is not affected
    let (status, _) = get_json(&format!("{base}/api/users/@me/")).await;
    assert_eq!(status, 200);

    let (status, body) = get_json(&orgs).await;
    assert_eq!(status, 500);
    assert_eq!(body["type"], "server_error");

    let r = c
        .get(&orgs)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().get(header::RETRY_AFTER).is_none());
    assert_eq!(header_str(&r, "access-control-allow-origin"), "*");
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({"type": "throttled_error", "code": "throttled",
               "detail": "Request was throttled. Expected available in 2 seconds.", "attr": null})
    );

    let (status, _) = get_json(&orgs).await;
    assert_eq!(status, 200);

    // a dropped connection has no answer
    c.post(&control)
        .json(&json!({"status": "drop"}))
        .send()
        .await
        .unwrap();
    let dropped = match c
        .get(&orgs)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
    {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(dropped);

    // DELETE clears what is queued
    c.post(&control)
        .json(&json!({"status": 500, "count": 3}))
        .send()
        .await
        .unwrap();
    let r = c.delete(&control).send().await.unwrap();
    assert_eq!(r.status(), 204);
    let (status, _) = get_json(&orgs).await;
    assert_eq!(status, 200);

    let r = c
        .post(&control)
        .json(&json!({"status": "teapot"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    // reset restores the seed
    let invites = format!("{base}/api/organizations/{HOGFLIX_ORG_ID}/invites/");
    let (_, before) = get_json(&invites).await;
    let r = c
        .post(&invites)
        .header(header::AUTHORIZATION, auth())
        .json(&json!({"target_email": "someone.new@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let (_, after) = get_json(&invites).await;
    assert_eq!(
        after["count"].as_u64().unwrap(),
        before["count"].as_u64().unwrap() + 1
    );
    let r = c.post(format!("{base}/_demo/reset")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let (_, reset) = get_json(&invites).await;
    assert_eq!(reset, before);
}

#[tokio::test]
async fn fault_control_is_off_by_default() {
    let base = start(demo_config()).await;
    let r = client()
        .post(format!("{base}/_demo/faults"))
        .json(&json!({"status": 500}))
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 200);
}
