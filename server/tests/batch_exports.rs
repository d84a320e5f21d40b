//! The demo's batch exports answer like PostHog: one export paused after failures, backfill
//! validation, unpause with a backfill, and logs with every level and the query parameters.

mod common;

use common::*;
use reqwest::header;
use serde_json::{json, Value};
use server::HOGFLIX_ORG_ID;

async fn hogflix() -> String {
    let base = start(demo_config()).await;
    format!("{base}/api/organizations/{HOGFLIX_ORG_ID}/batch_exports")
}

async fn post(url: &str, body: Value) -> (u16, Value) {
    let r = client()
        .post(url)
        .header(header::AUTHORIZATION, auth())
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn exports(base: &str) -> Vec<Value> {
    let (status, page) = get_json(&format!("{base}/")).await;
    assert_eq!(status, 200);
    page["results"].as_array().unwrap().clone()
}

fn named<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter().find(|b| b["name"] == name).unwrap()
}

#[tokio::test]
async fn one_export_is_paused_after_failures_and_another_fails_sometimes() {
    let base = hogflix().await;
    let list = exports(&base).await;
    let snowflake = named(&list, "Snowflake finance mart");
    assert_eq!(snowflake["paused"], true);
    let runs = snowflake["latest_runs"].as_array().unwrap();
    assert!(runs[..4].iter().all(|r| r["status"] == "Failed"));
    assert!(runs[0]["latest_error"]
        .as_str()
        .unwrap()
        .contains("Incorrect username or password"));
    assert_eq!(snowflake["last_paused_at"], runs[0]["finished_at"]);
    let bigquery = named(&list, "BigQuery warehouse sync");
    assert_eq!(bigquery["paused"], false);
    assert!(bigquery["latest_runs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["status"] == "Failed"));
}

#[tokio::test]
async fn backfills_are_validated() {
    let base = hogflix().await;
    let list = exports(&base).await;
    let s3 = named(&list, "Events to S3 data lake")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let url = format!("{base}/{s3}/backfill/");
    let (status, body) = post(
        &url,
        json!({"start_at": "2025-01-03", "end_at": "2025-01-01"}),
    )
    .await;
    assert_eq!((status, body["code"].clone()), (400, json!("invalid")));
    let (status, body) = post(
        &url,
        json!({"start_at": "2025-01-01T00:00:00Z", "end_at": "2999-01-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(body["detail"].as_str().unwrap().contains("in the future"));
    let (status, body) = post(&url, json!({"start_at": "2025-01-01T00:00:00Z"})).await;
    assert_eq!((status, body["attr"].clone()), (400, json!("end_at")));
    let (status, body) = post(
        &url,
        json!({"start_at": "yesterday", "end_at": "2025-01-02"}),
    )
    .await;
    assert_eq!((status, body["attr"].clone()), (400, json!("start_at")));
    let (status, body) = post(
        &url,
        json!({"start_at": "2025-01-01T00:00:00Z", "end_at": "2025-01-01T03:00:00Z"}),
    )
    .await;
    assert_eq!(status, 200);
    let id = body["backfill_id"].as_str().unwrap().to_string();
    let (_, export) = get_json(&format!("{base}/{s3}/")).await;
    let from_backfill = export["latest_runs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["backfill"] == json!(id))
        .count();
    assert_eq!(from_backfill, 3);
}

#[tokio::test]
async fn unpause_with_backfill_exports_the_gap() {
    let base = hogflix().await;
    let list = exports(&base).await;
    let pg = named(&list, "Persons to Postgres replica");
    assert_eq!(pg["paused"], true);
    let id = pg["id"].as_str().unwrap().to_string();
    let before = pg["latest_runs"].as_array().unwrap().len();
    let (status, body) = post(&format!("{base}/{id}/unpause/"), json!({"backfill": true})).await;
    assert_eq!((status, body), (200, json!({"paused": false})));
    let (_, export) = get_json(&format!("{base}/{id}/")).await;
    let runs = export["latest_runs"].as_array().unwrap();
    assert!(runs[0]["backfill"].is_string(), "the gap is backfilled");
    assert!(runs.len() >= before.min(10));
    // without backfill nothing is added
    let http = named(&list, "Webhook to ingest service");
    let id = http["id"].as_str().unwrap();
    let newest = http["latest_runs"][0]["id"].clone();
    let (status, _) = post(&format!("{base}/{id}/unpause/"), json!({"backfill": false})).await;
    assert_eq!(status, 200);
    let (_, export) = get_json(&format!("{base}/{id}/")).await;
    assert_eq!(export["latest_runs"][0]["id"], newest);
    let (status, body) = post(
        &format!("{base}/{id}/unpause/"),
        json!({"backfill": "maybe"}),
    )
    .await;
    assert_eq!((status, body["attr"].clone()), (400, json!("backfill")));
}

#[tokio::test]
async fn logs_take_levels_search_run_and_time_window() {
    let base = hogflix().await;
    let list = exports(&base).await;
    let snowflake = named(&list, "Snowflake finance mart");
    let id = snowflake["id"].as_str().unwrap();
    let failed_run = snowflake["latest_runs"][0]["id"].as_str().unwrap();
    let logs = format!("{base}/{id}/logs/");

    let (status, all) = get_json(&format!("{logs}?limit=500")).await;
    assert_eq!(status, 200);
    let rows = all["results"].as_array().unwrap();
    let row = &rows[0];
    for key in [
        "log_source_id",
        "instance_id",
        "timestamp",
        "level",
        "message",
    ] {
        assert!(row.get(key).is_some(), "{key} in {row}");
    }
    let times: Vec<&str> = rows
        .iter()
        .map(|r| r["timestamp"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");

    let (_, errors) = get_json(&format!("{logs}?level=ERROR&level=WARNING")).await;
    let levels: Vec<&str> = errors["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert!(levels.contains(&"ERROR"));
    assert!(levels.iter().all(|l| *l == "ERROR" || *l == "WARNING"));

    let (_, run) = get_json(&format!("{logs}?instance_id={failed_run}&level=ERROR")).await;
    let run = run["results"].as_array().unwrap();
    assert_eq!(run.len(), 1);
    assert!(run[0]["message"]
        .as_str()
        .unwrap()
        .contains("Incorrect username"));

    let (_, found) = get_json(&format!("{logs}?search=INCORRECT%20USERNAME")).await;
    assert_eq!(found["results"].as_array().unwrap().len(), 4);

    let newest = times[0];
    let (_, older) = get_json(&format!("{logs}?before={newest}&limit=2")).await;
    let older = older["results"].as_array().unwrap();
    assert_eq!(older.len(), 2);
    assert!(older
        .iter()
        .all(|r| r["timestamp"].as_str().unwrap() < newest));
    let (_, after) = get_json(&format!("{logs}?after={}", times[1])).await;
    assert!(after["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["timestamp"].as_str().unwrap() > times[1]));

    // every level appears across the seed's exports
    let mut seen = std::collections::BTreeSet::new();
    for export in &list {
        let (_, page) = get_json(&format!(
            "{base}/{}/logs/?limit=500",
            export["id"].as_str().unwrap()
        ))
        .await;
        for r in page["results"].as_array().unwrap() {
            seen.insert(r["level"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        ["DEBUG", "ERROR", "INFO", "LOG", "WARNING"]
    );

    let (status, body) = get_json(&format!("{logs}?level=TRACE")).await;
    assert_eq!((status, body["attr"].clone()), (400, json!("level")));
    let (status, _) = get_json(&format!("{logs}?limit=501")).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_projects_route_creates_in_that_project_and_lists_its_exports() {
    let base = start(demo_config()).await;
    let (_, projects) = get_json(&format!(
        "{base}/api/organizations/{HOGFLIX_ORG_ID}/projects/?limit=100"
    ))
    .await;
    let projects = projects["results"].as_array().unwrap().clone();
    let ios = projects
        .iter()
        .find(|p| p["name"] == "Hogflix iOS")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_ne!(ios, projects[0]["id"].as_i64().unwrap(), "not the first");
    let body = json!({
        "name": "iOS events",
        "interval": "hour",
        "destination": {"type": "HTTP", "config": {"url": "https://us.i.posthog.com/batch/", "token": "phc_x"}},
    });
    let (status, created) = post(
        &format!("{base}/api/projects/{ios}/batch_exports/"),
        body.clone(),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["team_id"], ios);
    // the project's list has it and only its own; the organization's list has it too
    let (status, listed) = get_json(&format!("{base}/api/projects/{ios}/batch_exports/")).await;
    assert_eq!(status, 200);
    let listed = listed["results"].as_array().unwrap();
    assert!(listed.iter().any(|b| b["id"] == created["id"]));
    assert!(listed.iter().all(|b| b["team_id"] == ios));
    let org_list = exports(&format!(
        "{base}/api/organizations/{HOGFLIX_ORG_ID}/batch_exports"
    ))
    .await;
    assert!(org_list.iter().any(|b| b["id"] == created["id"]));
    // a project the key cannot see, or none at all: 404
    let (status, answer) = post(
        &format!("{base}/api/projects/999999/batch_exports/"),
        body.clone(),
    )
    .await;
    assert_eq!(status, 404, "{answer}");
    let (status, _) = post(&format!("{base}/api/projects/ios/batch_exports/"), body).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn databricks_keeps_its_credentials_in_an_integration() {
    let base = hogflix().await;
    let config = json!({"http_path": "/sql/1.0/warehouses/abc", "catalog": "main", "schema": "posthog", "table_name": "events"});
    let body =
        |destination: Value| json!({"name": "DBX", "interval": "hour", "destination": destination});
    // without the integration: refused on destination.integration_id
    let (status, answer) = post(
        &format!("{base}/"),
        body(json!({"type": "Databricks", "config": config})),
    )
    .await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(answer["attr"], "destination__integration_id");
    // not a pk
    let (status, answer) = post(
        &format!("{base}/"),
        body(json!({"type": "Databricks", "config": config, "integration_id": "seven"})),
    )
    .await;
    assert_eq!(status, 400, "{answer}");
    assert!(answer["detail"]
        .as_str()
        .unwrap()
        .contains("Expected pk value"));
    // the server and the service principal are not config keys any more
    let mut with_host = config.clone();
    with_host["server_hostname"] = json!("dbc.cloud.databricks.com");
    let (status, answer) = post(
        &format!("{base}/"),
        body(json!({"type": "Databricks", "config": with_host, "integration_id": 7})),
    )
    .await;
    assert_eq!(status, 400, "{answer}");
    // with it: created, and answered as `integration`
    let (status, created) = post(
        &format!("{base}/"),
        body(json!({"type": "Databricks", "config": config, "integration_id": 7})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["destination"]["integration"], 7);
    assert_eq!(created["destination"]["config"]["catalog"], "main");
}

#[tokio::test]
async fn redshift_copy_inputs_keep_their_credentials_secret() {
    let base = hogflix().await;
    let copy_inputs = json!({"s3_bucket": "staging", "region_name": "eu-west-1",
        "authorization": "arn:aws:iam::1:role/Copy",
        "bucket_credentials": {"aws_access_key_id": "AKIA1", "aws_secret_access_key": "s3cret"}});
    let (status, created) = post(
        &format!("{base}/"),
        json!({"name": "RS", "interval": "hour", "destination": {"type": "Redshift", "config": {
            "host": "rs.example.com", "user": "u", "password": "p", "database": "dev",
            "table_name": "events", "mode": "COPY", "copy_inputs": copy_inputs}}}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let answered = &created["destination"]["config"]["copy_inputs"];
    assert_eq!(answered["s3_bucket"], "staging");
    assert!(answered.get("bucket_credentials").is_none(), "{answered}");
    assert!(!created.to_string().contains("s3cret"));
    assert!(created["destination"]["config"].get("password").is_none());
}
