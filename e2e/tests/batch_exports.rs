//! Journeys of batch exports: the cross-project list and its filters, create (a missing
//! required field on its field, then a good one), edit leaving the secret empty (the PATCH left
//! it out), pause and resume with the gap, a backfill refused in the browser then one started,
//! a failed run's logs from the runs table, delete behind the confirm, a Databricks export with
//! its integration, Redshift's COPY inputs (their credentials typed again on edit).
//! Each runs in headless Chromium against its own fresh demo server.

use e2e::Journey;
use serde_json::{json, Value};

/// Records the method, URL and body of every request the page sends from now on (the page's
/// own `fetch`, wrapped), so a journey can see what a form sent.
async fn record_requests(j: &Journey) {
    j.browser
        .execute(
            r#"
            window.__sent = [];
            const fetch = window.fetch;
            window.fetch = function (input, init) {
                if (input instanceof Request) {
                    const copy = input.clone();
                    copy.text().then(body => window.__sent.push({method: copy.method, url: copy.url, body}));
                } else {
                    window.__sent.push({method: (init && init.method) || 'GET', url: String(input), body: init && init.body ? String(init.body) : ''});
                }
                return fetch.apply(this, arguments);
            };
            "#,
            vec![],
        )
        .await
        .unwrap();
}

/// The requests recorded since `record_requests` with this method.
async fn sent(j: &Journey, method: &str) -> Vec<Value> {
    let all = j
        .browser
        .execute("return window.__sent || [];", vec![])
        .await
        .unwrap();
    all.as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r["method"] == method)
        .collect()
}

/// Sets an input's value as typing would (input event), for date and time inputs whose typing
/// depends on the browser's locale.
async fn set_value(j: &Journey, css: &str, value: &str) {
    j.find(css).await;
    j.browser
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1];
             el.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![json!(css), json!(value)],
        )
        .await
        .unwrap();
}

/// The seeded export called `name`, from the API.
async fn export_named(j: &Journey, org: &str, name: &str) -> Value {
    let list = j
        .api_get(&format!(
            "/api/organizations/{org}/batch_exports/?limit=100"
        ))
        .await;
    list["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no export named {name}"))
        .clone()
}

async fn confirm_dialog(j: &Journey) {
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
}

#[tokio::test]
async fn s3_export_created_edited_with_secret_kept_and_deleted() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{org}/batch-exports/new")).await;
    // the project: the first one until another is chosen
    j.wait_for_text_in("#project", "Hogflix iOS").await;
    j.select_option("#project", "Hogflix iOS").await;
    j.fill("#name", "Lake copy").await;
    j.fill("#bucket_name", "lake-copy").await;
    j.fill("#region", "eu-west-1").await;
    j.fill("#aws_access_key_id", "AKIAJOURNEY").await;
    j.fill("#aws_secret_access_key", "journey-secret").await;
    // the prefix is required: the browser says so on the field and keeps what was typed
    j.click_button("Create export").await;
    j.wait_for_text_in("#prefix-error", "Key prefix is required.")
        .await;
    assert_eq!(j.value_of("#bucket_name").await, "lake-copy");
    assert_eq!(j.value_of("#aws_secret_access_key").await, "journey-secret");
    j.fill("#prefix", "events/").await;
    j.click_button("Create export").await;
    j.wait_for_text("Batch export \u{201c}Lake copy\u{201d} created")
        .await;
    let created = export_named(&j, &org, "Lake copy").await;
    let id = created["id"].as_str().unwrap().to_string();
    j.wait_for_path(&format!("/orgs/{org}/batch-exports/{id}"))
        .await;
    assert_eq!(created["destination"]["config"]["prefix"], "events/");
    let projects = j
        .api_get(&format!("/api/organizations/{org}/projects/?limit=100"))
        .await;
    let ios = projects["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Hogflix iOS")
        .unwrap();
    assert_eq!(
        created["team_id"], ios["id"],
        "created in the chosen project"
    );
    // the page shows the settings, and names the secrets without showing them
    j.wait_for_text("saved, never shown").await;
    assert!(!j.body_text().await.contains("journey-secret"));

    // edit: the secrets stay empty ("leave empty to keep"); only the bucket changes
    j.click_link("Edit").await;
    j.wait_for_text("Leave empty to keep it").await;
    assert_eq!(j.value_of("#aws_secret_access_key").await, "");
    assert_eq!(j.value_of("#bucket_name").await, "lake-copy");
    record_requests(&j).await;
    j.fill("#bucket_name", "lake-copy-2").await;
    j.click_button("Save changes").await;
    // the review: the bucket, from and to; nothing else (the secrets were left empty)
    j.review("lake-copy-2").await;
    let review = j
        .find("dialog[open] .review-table tbody")
        .await
        .text()
        .await
        .unwrap();
    assert!(review.contains("lake-copy"), "{review}");
    assert_eq!(review.lines().count(), 1, "{review}");
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text("Batch export \u{201c}Lake copy\u{201d} saved")
        .await;
    let patches = sent(&j, "PATCH").await;
    assert_eq!(patches.len(), 1, "one PATCH: {patches:?}");
    let body: Value = serde_json::from_str(patches[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"destination": {"type": "S3", "config": {"bucket_name": "lake-copy-2"}}}),
        "only the changed field, no secret"
    );
    let saved = j
        .api_get(&format!("/api/organizations/{org}/batch_exports/{id}/"))
        .await;
    assert_eq!(saved["destination"]["config"]["bucket_name"], "lake-copy-2");
    assert_eq!(saved["destination"]["config"]["prefix"], "events/");

    // delete, behind a confirm that says what stops
    j.wait_for_path(&format!("/orgs/{org}/batch-exports/{id}"))
        .await;
    j.click_button("Delete export").await;
    j.wait_for_text("Its schedule stops at once").await;
    confirm_dialog(&j).await;
    j.wait_for_path(&format!("/orgs/{org}/batch-exports")).await;
    j.wait_for_text("Batch export \u{201c}Lake copy\u{201d} deleted")
        .await;
    let gone = j
        .api_get(&format!("/api/organizations/{org}/batch_exports/{id}/"))
        .await;
    assert!(gone.get("id").is_none(), "deleted: {gone}");
    j.finish().await;
}

#[tokio::test]
async fn pause_resume_with_the_gap_and_backfills_checked_in_the_browser() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    let lake = export_named(&j, &org, "Events to S3 data lake").await;
    let id = lake["id"].as_str().unwrap().to_string();
    j.goto(&format!("/orgs/{org}/batch-exports/{id}")).await;
    j.wait_for_text("Latest runs").await;

    // pause at once, then resume and export the gap
    j.click_button("Pause").await;
    j.wait_for_text("Paused: no new runs start").await;
    j.click_button("Resume").await;
    j.wait_for_text("Also export the data from").await;
    assert_eq!(
        j.find("#resume-backfill")
            .await
            .prop("checked")
            .await
            .unwrap(),
        Some("true".into())
    );
    confirm_dialog(&j).await;
    j.wait_for_text("Resumed; the data from").await;
    let resumed = j
        .api_get(&format!("/api/organizations/{org}/batch_exports/{id}/"))
        .await;
    assert_eq!(resumed["paused"], false);
    assert!(
        resumed["latest_runs"][0]["backfill"].is_string(),
        "the gap is exported"
    );

    // a backfill ending in the future is refused here, before anything is sent
    record_requests(&j).await;
    j.click_button("Backfill").await;
    j.wait_for_text("The end cannot be in the future").await;
    set_value(&j, "#start_at", "2999-01-01T00:00").await;
    set_value(&j, "#end_at", "2999-01-01T06:00").await;
    confirm_dialog(&j).await;
    j.wait_for_text_in("#end_at-error", "in the future").await;
    assert!(sent(&j, "POST").await.is_empty(), "nothing sent");

    // a good one: the preview counts the runs, the answer's id is shown
    set_value(&j, "#start_at", "2025-01-01T00:00").await;
    set_value(&j, "#end_at", "2025-01-01T03:00").await;
    j.wait_for_text("3 runs will export the data").await;
    // Copy as curl in the dialog: the request Start backfill would send, nothing sent
    j.grant_clipboard().await;
    let copy =
        "#backfill-dialog button[aria-label='Copy as curl: the request this form would send']";
    j.click_css(copy).await;
    j.wait_for_text_in(copy, "Copied").await;
    let command = j.clipboard_text().await;
    assert!(command.starts_with("curl -X POST"), "{command}");
    assert!(
        command.contains(&format!("/batch_exports/{id}/backfill/")),
        "{command}"
    );
    assert!(command.contains("2025-01-01T00:00"), "{command}");
    assert!(command.contains("$POSTHOG_PERSONAL_API_KEY"), "{command}");
    assert!(!command.contains("phx_demo_console"), "no key in {command}");
    assert!(sent(&j, "POST").await.is_empty(), "copying sends nothing");
    confirm_dialog(&j).await;
    j.wait_for_text("Backfill started, id").await;
    let posts = sent(&j, "POST").await;
    assert_eq!(posts.len(), 1);
    assert!(posts[0]["url"].as_str().unwrap().ends_with("/backfill/"));
    let shown = j.find(".backfill-started code").await.text().await.unwrap();
    let after = j
        .api_get(&format!("/api/organizations/{org}/batch_exports/{id}/"))
        .await;
    assert!(after["latest_runs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["backfill"] == json!(shown)));
    j.finish().await;
}

#[tokio::test]
async fn list_filters_and_a_failed_runs_logs() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{org}/batch-exports")).await;
    // every project's exports in one list, with their projects' names
    j.wait_for_text("Snowflake finance mart").await;
    j.wait_for_text("Weekly Redshift archive").await;
    j.wait_for_text("Paused after failures").await;
    j.select_option("#filter-state", "Paused after failures")
        .await;
    j.wait_for_path(&format!("/orgs/{org}/batch-exports?state=failing"))
        .await;
    j.wait_for_no_text("Weekly Redshift archive").await;
    j.wait_for_text_in(".data-table", "Snowflake finance mart")
        .await;

    // from the failed run to its logs in one click
    let snowflake = export_named(&j, &org, "Snowflake finance mart").await;
    let failed_run = snowflake["latest_runs"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    j.click_link("Snowflake finance mart").await;
    j.wait_for_text("PostHog paused this export after its runs kept failing")
        .await;
    // the logs are fetched when opened: closed at first
    assert!(j
        .browser
        .find_all(fantoccini::Locator::Css("#log-run"))
        .await
        .unwrap()
        .is_empty());
    j.click_button("Error logs").await;
    j.wait_for_text("Batch export run failed: SnowflakeAuthenticationError")
        .await;
    assert_eq!(j.value_of("#log-run").await, failed_run);
    let logs = j.find("#logs").await.text().await.unwrap();
    assert!(logs.contains(&failed_run[..8]));
    // only errors, across every run
    j.fill("#log-run", "").await;
    j.click_css("#log-level-error").await;
    j.click_button("Apply filters").await;
    j.wait_for_no_text("Batch export run started").await;
    let logs = j.find("#logs table").await.text().await.unwrap();
    assert!(logs.contains("ERROR") && !logs.contains("INFO"));
    // Hide logs closes the section, Show logs opens it again
    j.click_button("Hide logs").await;
    j.wait_for_no_text("Apply filters").await;
    j.click_button("Show logs").await;
    j.find("#log-run").await;
    j.finish().await;
}

#[tokio::test]
async fn databricks_export_created_with_its_integration() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{org}/batch-exports/new")).await;
    j.wait_for_text_in("#project", "Hogflix Web").await;
    j.select_option("#kind", "Databricks").await;
    j.fill("#name", "Lakehouse").await;
    j.fill("#http_path", "/sql/1.0/warehouses/abc").await;
    j.fill("#catalog", "main").await;
    j.fill("#schema", "posthog").await;
    // the integration is required: said on its field, nothing lost
    j.click_button("Create export").await;
    j.wait_for_text_in("#integration_id-error", "Integration ID is required.")
        .await;
    assert_eq!(j.value_of("#catalog").await, "main");
    j.fill("#integration_id", "7").await;
    j.click_button("Create export").await;
    j.wait_for_text("Batch export \u{201c}Lakehouse\u{201d} created")
        .await;
    let created = export_named(&j, &org, "Lakehouse").await;
    assert_eq!(created["destination"]["integration"], 7);
    assert_eq!(
        created["destination"]["config"]["http_path"],
        "/sql/1.0/warehouses/abc"
    );
    assert!(created["destination"]["config"]
        .get("integration_id")
        .is_none());
    // its page shows the integration with the settings
    j.wait_for_text("Integration ID").await;
    j.finish().await;
}

#[tokio::test]
async fn redshift_copy_inputs_created_and_edited_with_their_credentials_typed_again() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{org}/batch-exports/new")).await;
    j.wait_for_text_in("#project", "Hogflix Web").await;
    j.select_option("#kind", "Redshift").await;
    j.fill("#name", "Warehouse COPY").await;
    j.fill("#host", "rs.example.com").await;
    j.fill("#user", "posthog").await;
    j.fill("#password", "db-secret").await;
    j.fill("#database", "dev").await;
    // COPY's inputs appear only with COPY
    assert!(!j.body_text().await.contains("S3 bucket for COPY"));
    j.select_option("#mode", "COPY from an S3 bucket (large volumes)")
        .await;
    j.fill("[id='copy_inputs.s3_bucket']", "staging").await;
    j.fill("[id='copy_inputs.region_name']", "eu-west-1").await;
    j.fill(
        "[id='copy_inputs.authorization']",
        "arn:aws:iam::1:role/Copy",
    )
    .await;
    j.fill(
        "[id='copy_inputs.bucket_credentials.aws_access_key_id']",
        "AKIA1",
    )
    .await;
    j.fill(
        "[id='copy_inputs.bucket_credentials.aws_secret_access_key']",
        "bucket-secret",
    )
    .await;
    j.click_button("Create export").await;
    j.wait_for_text("Batch export \u{201c}Warehouse COPY\u{201d} created")
        .await;
    let created = export_named(&j, &org, "Warehouse COPY").await;
    let copy = &created["destination"]["config"]["copy_inputs"];
    assert_eq!(copy["s3_bucket"], "staging");
    assert!(copy.get("bucket_credentials").is_none(), "{copy}");
    // the page lists the COPY inputs and names the credentials without showing them
    j.wait_for_text("S3 bucket for COPY").await;
    assert!(!j.body_text().await.contains("bucket-secret"));

    // edit the bucket: PostHog replaces the COPY inputs as a whole, so the credentials are
    // asked for again, on their fields
    j.click_link("Edit").await;
    j.wait_for_text("Leave empty to keep it").await;
    j.fill("[id='copy_inputs.s3_bucket']", "staging-2").await;
    j.click_button("Save changes").await;
    j.wait_for_text_in(
        "[id='copy_inputs.bucket_credentials.aws_secret_access_key-error']",
        "again",
    )
    .await;
    assert_eq!(
        j.value_of("[id='copy_inputs.s3_bucket']").await,
        "staging-2"
    );
    j.fill(
        "[id='copy_inputs.bucket_credentials.aws_access_key_id']",
        "AKIA2",
    )
    .await;
    j.fill(
        "[id='copy_inputs.bucket_credentials.aws_secret_access_key']",
        "bucket-secret-2",
    )
    .await;
    j.click_button("Save changes").await;
    let review = j.review("staging-2").await;
    assert!(review.contains("Bucket secret access key"), "{review}");
    assert!(
        !review.contains("bucket-secret-2"),
        "a secret shows no value: {review}"
    );
    confirm_dialog(&j).await;
    j.wait_for_text("Batch export \u{201c}Warehouse COPY\u{201d} saved")
        .await;
    let saved = export_named(&j, &org, "Warehouse COPY").await;
    assert_eq!(
        saved["destination"]["config"]["copy_inputs"]["s3_bucket"],
        "staging-2"
    );
    assert_eq!(
        saved["destination"]["config"]["copy_inputs"]["region_name"],
        "eu-west-1"
    );
    j.finish().await;
}
