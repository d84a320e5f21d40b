//! Journeys of invites: one, with a server validation error, bulk with a bad row, revoke.
//! Each runs in headless Chromium against its own fresh demo server.

use e2e::Journey;

#[tokio::test]
async fn inviting_one_person() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{hogflix}/invites/new")).await;
    j.fill("#target_email", "new.person@example.com").await;
    j.fill("#first_name", "Nova").await;
    j.select_option("#level", "Admin").await;
    j.fill("#message", "Welcome aboard").await;
    j.click_button("Send invite").await;
    j.wait_for_path(&format!("/orgs/{hogflix}/invites")).await;
    j.wait_for_text("Invite sent to new.person@example.com")
        .await;
    let invites = j
        .api_get(&format!("/api/organizations/{hogflix}/invites/?limit=500"))
        .await;
    let invite = invites["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["target_email"] == "new.person@example.com")
        .expect("the invite exists")
        .clone();
    assert_eq!(invite["level"], 8);
    assert_eq!(invite["first_name"], "Nova");
    j.finish().await;
}

#[tokio::test]
async fn a_server_validation_error_is_shown_on_its_field_with_the_input_kept() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    let (member_email, _) = j.some_member(&hogflix, 1).await;
    j.goto(&format!("/orgs/{hogflix}/invites/new")).await;
    j.fill("#target_email", &member_email).await;
    j.fill("#first_name", "Again").await;
    j.click_button("Send invite").await;
    // the server refuses (already a member) with attr target_email: shown under that field
    j.wait_for_text_in("#target_email-error", "").await;
    let error = j.find("#target_email-error").await.text().await.unwrap();
    assert!(!error.is_empty());
    assert_eq!(j.value_of("#target_email").await, member_email);
    assert_eq!(j.value_of("#first_name").await, "Again");
    assert_eq!(
        j.current_path().await,
        format!("/orgs/{hogflix}/invites/new")
    );
    j.finish().await;
}

#[tokio::test]
async fn bulk_invite_with_one_bad_row() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{hogflix}/invites/bulk")).await;
    j.fill(
        "#bulk-lines",
        "ada@example.com,Ada,admin\nnot-an-email\ngrace@example.com,Grace",
    )
    .await;
    j.wait_for_text("2 ready to send, 1 with problems").await;
    j.wait_for_text("Not a valid email address").await;
    j.click_button("Send 2 invites").await;
    j.wait_for_text("2 invites sent").await;
    j.wait_for_text_in(".bulk-preview", "Invited").await;
    let invites = j
        .api_get(&format!("/api/organizations/{hogflix}/invites/?limit=500"))
        .await;
    let emails: Vec<&str> = invites["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["target_email"].as_str())
        .collect();
    assert!(emails.contains(&"ada@example.com") && emails.contains(&"grace@example.com"));
    // what was typed is still there
    assert!(j.value_of("#bulk-lines").await.contains("not-an-email"));
    j.finish().await;
}

#[tokio::test]
async fn revoking_an_invite() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    let invites = j
        .api_get(&format!("/api/organizations/{hogflix}/invites/?limit=500"))
        .await;
    let valid = invites["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["is_expired"] == false)
        .expect("a valid invite in the seed")["target_email"]
        .as_str()
        .unwrap()
        .to_string();
    j.goto(&format!("/orgs/{hogflix}/invites?size=100")).await;
    j.click_css(&format!("button[aria-label='Revoke invite for {valid}']"))
        .await;
    j.wait_for_text("Its link stops working").await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text(&format!("Invite for {valid} revoked"))
        .await;
    let after = j
        .api_get(&format!("/api/organizations/{hogflix}/invites/?limit=500"))
        .await;
    assert!(!after.to_string().contains(&valid));
    j.finish().await;
}
