//! Journeys of roles and their members.
//! Each runs in headless Chromium against its own fresh demo server.

use e2e::Journey;

#[tokio::test]
async fn roles_create_duplicate_members_and_delete() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{org}/roles")).await;
    j.fill("#name", "Data team").await;
    j.click_button("Create role").await;
    j.wait_for_text("Role \u{201c}Data team\u{201d} created")
        .await;
    // a duplicate name (any case) is refused on the field
    j.fill("#name", "data TEAM").await;
    j.click_button("Create role").await;
    j.wait_for_text_in("#name-error", "").await;
    assert_eq!(j.value_of("#name").await, "data TEAM");
    // open the role and add a member found by search (the name typed in the create form is
    // unsaved: the console asks first)
    j.click_link("Data team").await;
    assert!(j.alert_text().await.contains("unsaved changes"));
    j.browser.accept_alert().await.unwrap();
    j.wait_for_text("Members of this role").await;
    j.wait_for_text("Nobody has this role yet.").await;
    // the member search is fetched when opened
    j.click_button("Show the member search").await;
    let members = j
        .api_get(&format!(
            "/api/organizations/{org}/members/?limit=3&offset=10"
        ))
        .await;
    let email = members["results"][0]["user"]["email"]
        .as_str()
        .unwrap()
        .to_string();
    j.fill("#member-search", &email).await;
    j.click_xpath("//ul[contains(@class,'pick-list')]//button[not(@disabled)]")
        .await;
    j.wait_for_text("added to the role").await;
    j.wait_for_text_in(".data-table", &email).await;
    // adding the same person again: the server's answer is shown plainly
    j.fill("#member-search", &email).await;
    j.click_xpath("//ul[contains(@class,'pick-list')]//button[not(@disabled)]")
        .await;
    j.wait_for_text("already part of the role").await;
    // remove them
    j.click_xpath("//table//button[starts-with(@aria-label,'Remove')]")
        .await;
    j.wait_for_text("They stay a member of the organization")
        .await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text("removed from the role").await;
    j.wait_for_text("Nobody has this role yet.").await;
    // rename: reviewed first (Data team -> Data platform), then saved
    j.fill("#name", "Data platform").await;
    j.click_button("Rename").await;
    j.review("Data platform").await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text("Role renamed to \u{201c}Data platform\u{201d}")
        .await;
    // delete the role
    j.click_button("Delete role").await;
    j.wait_for_text("Its members lose the access").await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_path(&format!("/orgs/{org}/roles")).await;
    j.wait_for_text("Role \u{201c}Data platform\u{201d} deleted")
        .await;
    let roles = j
        .api_get(&format!("/api/organizations/{org}/roles/?limit=100"))
        .await;
    assert!(!roles.to_string().contains("Data platform"));
    j.finish().await;
}
