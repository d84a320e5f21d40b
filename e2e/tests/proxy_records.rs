//! Journeys of proxy records: the CNAME walkthrough until live, deletion, the limit.
//! Each runs in headless Chromium against its own fresh demo server.

use e2e::Journey;

#[tokio::test]
async fn adding_a_proxy_record_and_watching_it_go_live_then_deleting_it() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{org}/proxy-records")).await;
    j.fill("#domain", "e.hogflix-films.example").await;
    j.click_button("Add proxy").await;
    j.wait_for_text("1. Create a CNAME record").await;
    j.wait_for_text_in(".record-name", "e.hogflix-films.example")
        .await;
    let target = j.find(".record-value").await.text().await.unwrap();
    assert!(target.contains('.'), "a CNAME target is shown: {target}");
    j.wait_for_text("This page checks every few seconds").await;
    // the page refreshes the status by itself until it is live
    let started = std::time::Instant::now();
    while !j.body_text().await.contains("Live: the proxy is serving.") {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "never went live"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    j.wait_for_text("api_host: 'https://e.hogflix-films.example'")
        .await;
    // delete: a live record goes to deleting first
    j.click_button("Delete").await;
    j.wait_for_text("Events sent through it stop arriving")
        .await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_path(&format!("/orgs/{org}/proxy-records")).await;
    j.wait_for_text("e.hogflix-films.example is being removed")
        .await;
    let records = j
        .api_get(&format!("/api/organizations/{org}/proxy_records/"))
        .await;
    let record = records["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["domain"] == "e.hogflix-films.example")
        .cloned();
    if let Some(record) = record {
        assert_eq!(record["status"], "deleting");
        j.wait_for_text("Deleting").await;
    }
    j.finish().await;
}

#[tokio::test]
async fn the_proxy_record_limit_is_shown_as_such() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    let max = j
        .api_get(&format!("/api/organizations/{org}/proxy_records/"))
        .await["max_proxy_records"]
        .as_u64()
        .unwrap();
    let mut count = j
        .api_get(&format!("/api/organizations/{org}/proxy_records/"))
        .await["results"]
        .as_array()
        .unwrap()
        .len() as u64;
    while count < max {
        j.goto(&format!("/orgs/{org}/proxy-records")).await;
        j.fill("#domain", &format!("p{count}.hogflix-films.example"))
            .await;
        j.click_button("Add proxy").await;
        j.wait_for_text("1. Create a CNAME record").await;
        count += 1;
    }
    j.goto(&format!("/orgs/{org}/proxy-records")).await;
    j.wait_for_text(&format!("{max} of {max} proxy records used."))
        .await;
    j.fill("#domain", "one-too-many.hogflix-films.example")
        .await;
    j.click_button("Add proxy").await;
    j.wait_for_text_in(".form-error", &format!("Maximum of {max} proxy records"))
        .await;
    assert_eq!(
        j.value_of("#domain").await,
        "one-too-many.hogflix-films.example"
    );
    j.finish().await;
}
