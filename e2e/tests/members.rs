//! Journeys of members: paging, filtering, level changes, removal.
//! Each runs in headless Chromium against its own fresh demo server.

use e2e::Journey;
use serde_json::json;

#[tokio::test]
async fn paging_through_members_and_back_returns_to_the_same_page() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    let total = j
        .api_get(&format!("/api/organizations/{hogflix}/members/?limit=1"))
        .await["count"]
        .as_u64()
        .unwrap();
    assert!(total > 100, "the seed has over 100 members, got {total}");
    j.goto(&format!("/orgs/{hogflix}/members")).await;
    j.wait_for_text_in(".pager-range", &format!("1\u{2013}25 of {total}"))
        .await;
    j.click_button("Next").await;
    j.wait_for_text_in(".pager-range", &format!("26\u{2013}50 of {total}"))
        .await;
    j.click_button("Next").await;
    j.wait_for_text_in(".pager-range", &format!("51\u{2013}75 of {total}"))
        .await;
    j.wait_for_path(&format!("/orgs/{hogflix}/members?page=3"))
        .await;
    // page size: back to page 1 with 50 rows
    j.select_option(".pager-size select", "50").await;
    j.wait_for_text_in(".pager-range", &format!("1\u{2013}50 of {total}"))
        .await;
    // leave, then come back with the browser's back button
    j.click_link("Invites").await;
    j.wait_for_path(&format!("/orgs/{hogflix}/invites")).await;
    j.browser.back().await.unwrap();
    j.wait_for_path(&format!("/orgs/{hogflix}/members?size=50"))
        .await;
    j.wait_for_text_in(".pager-range", &format!("1\u{2013}50 of {total}"))
        .await;
    j.browser.back().await.unwrap();
    j.wait_for_path(&format!("/orgs/{hogflix}/members?page=3"))
        .await;
    j.wait_for_text_in(".pager-range", &format!("51\u{2013}75 of {total}"))
        .await;
    // a reload keeps it
    j.browser.refresh().await.unwrap();
    j.wait_for_text_in(".pager-range", &format!("51\u{2013}75 of {total}"))
        .await;
    j.finish().await;
}

#[tokio::test]
async fn filtering_members_returns_to_page_one() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    let first = j
        .api_get(&format!(
            "/api/organizations/{hogflix}/members/?limit=1&offset=5"
        ))
        .await;
    let email = first["results"][0]["user"]["email"]
        .as_str()
        .unwrap()
        .to_string();
    j.goto(&format!("/orgs/{hogflix}/members?page=2")).await;
    j.wait_for_text_in(".pager-range", "26\u{2013}").await;
    j.fill(".filter-box input", &email).await;
    j.click_button("Search").await;
    j.wait_for_text_in(".pager-range", "1\u{2013}1 of 1").await;
    let path = j.current_path().await;
    assert!(
        !path.contains("page="),
        "a new filter returns to page 1: {path}"
    );
    j.wait_for_text(&email).await;
    j.finish().await;
}

#[tokio::test]
async fn changing_a_members_level() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    let (email, uuid) = j.some_member(&hogflix, 1).await;
    j.goto(&format!("/orgs/{hogflix}/members?q={email}")).await;
    j.wait_for_text_in(".pager-range", "of 1").await;
    j.select_option(".level-select", "Admin").await;
    j.wait_for_text("is now admin").await;
    let after = j
        .api_get(&format!(
            "/api/organizations/{hogflix}/members/?email={email}"
        ))
        .await;
    assert_eq!(after["results"][0]["level"], 8);
    assert_eq!(after["results"][0]["user"]["uuid"], json!(uuid));
    // making someone owner asks first
    j.select_option(".level-select", "Owner").await;
    j.wait_for_text("Owners can delete the organization").await;
    j.click_button("Make owner").await;
    j.wait_for_text("is now owner").await;
    let after = j
        .api_get(&format!(
            "/api/organizations/{hogflix}/members/?email={email}"
        ))
        .await;
    assert_eq!(after["results"][0]["level"], 15);
    j.finish().await;
}

#[tokio::test]
async fn removing_a_member() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    let (email, _) = j.some_member(&hogflix, 1).await;
    j.goto(&format!("/orgs/{hogflix}/members?q={email}")).await;
    j.wait_for_text_in(".pager-range", "of 1").await;
    j.click_button("Remove").await;
    j.wait_for_text("They lose access").await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text("was removed").await;
    j.wait_for_text("No members match this filter.").await;
    let after = j
        .api_get(&format!(
            "/api/organizations/{hogflix}/members/?email={email}"
        ))
        .await;
    assert_eq!(after["count"], 0);
    j.finish().await;
}
