//! Journeys of organizations: create, rename, delete.
//! Each runs in headless Chromium against its own fresh demo server.

use e2e::Journey;

#[tokio::test]
async fn creating_renaming_and_deleting_an_organization() {
    let j = Journey::start().await;
    j.connect().await;
    j.goto("/orgs/new").await;
    j.fill("#name", "Quill Works").await;
    j.click_button("Create organization").await;
    j.wait_for_text("Organization \u{201c}Quill Works\u{201d} created")
        .await;
    j.wait_for_path_starting("/orgs/").await;
    let path = j.current_path().await;
    assert!(path.ends_with("/settings"), "{path}");
    // rename
    j.wait_for_text("Organization settings").await;
    j.fill("#name", "Quill Works Ltd").await;
    // the review says what changes; Back keeps the edit and sends nothing
    j.click_button("Save changes").await;
    let review = j.review("Quill Works Ltd").await;
    assert!(
        review.contains("Name") && review.contains("Quill Works"),
        "{review}"
    );
    j.click_button("Back to editing").await;
    j.wait_for_no_text("Review the changes").await;
    assert_eq!(j.value_of("#name").await, "Quill Works Ltd");
    let org_id = path.split('/').nth(2).unwrap().to_string();
    let unsaved = j.api_get(&format!("/api/organizations/{org_id}/")).await;
    assert_eq!(unsaved["name"], "Quill Works");
    // and Save in the review sends it
    j.click_button("Save changes").await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text("Organization settings saved").await;
    j.wait_for_text_in(".org-switcher", "Quill Works Ltd").await;
    // an empty name is refused next to the field, nothing sent
    j.fill("#name", "").await;
    j.click_button("Save changes").await;
    j.wait_for_text_in("#name-error", "name").await;
    j.fill("#name", "Quill Works Ltd").await;
    // delete: must type the name
    j.click_button("Delete organization").await;
    j.fill("#confirm-typed", "Quill Works Ltd").await;
    j.click_xpath("//dialog[@open]//button[@type='submit' and not(@disabled)]")
        .await;
    j.wait_for_path("/orgs").await;
    j.wait_for_text("Organization \u{201c}Quill Works Ltd\u{201d} deleted")
        .await;
    let orgs = j.api_get("/api/organizations/?limit=100").await;
    assert!(!orgs.to_string().contains("Quill Works"));
    j.finish().await;
}
