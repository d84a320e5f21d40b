//! Browser journeys of the console (issue: connecting, the shell, organizations, members and
//! invites), each in headless Chromium against its own fresh demo server.

use e2e::Journey;
use serde_json::json;

#[tokio::test]
async fn connect_with_the_demo_key_lists_organizations() {
    let j = Journey::start().await;
    j.connect().await;
    j.goto("/orgs").await;
    j.wait_for_text("Hogflix").await;
    j.wait_for_text("Hedgebox Labs").await;
    j.wait_for_text("Burrow Analytics").await;
    // the key is in sessionStorage (this tab), never in the URL
    assert!(!j.current_path().await.contains("phx_"));
    let stored = j
        .browser
        .execute(
            "return sessionStorage.getItem('posthog-console.connection') || ''",
            vec![],
        )
        .await
        .unwrap();
    assert!(stored.as_str().unwrap().contains(e2e::DEMO_KEY));
    // sign out forgets it everywhere and goes back to connect
    j.click_button("Sign out").await;
    j.wait_for_path_starting("/connect").await;
    let stored = j
        .browser
        .execute(
            "return (sessionStorage.getItem('posthog-console.connection') || '') + (localStorage.getItem('posthog-console.connection') || '')",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(stored.as_str().unwrap(), "");
    j.finish().await;
}

#[tokio::test]
async fn a_wrong_key_is_refused_and_the_text_kept() {
    let j = Journey::start().await;
    j.goto("/connect").await;
    j.fill("#api-key", "phx_this_is_not_the_key").await;
    j.click_button("Connect").await;
    j.wait_for_text_in("#api-key-error", "refused this key")
        .await;
    assert_eq!(j.value_of("#api-key").await, "phx_this_is_not_the_key");
    assert!(j.current_path().await.starts_with("/connect"));
    j.finish().await;
}

#[tokio::test]
async fn a_page_asked_for_before_connecting_is_shown_after_connecting() {
    let j = Journey::start().await;
    let hedgebox = j.org_id("Hedgebox Labs").await;
    j.goto(&format!("/orgs/{hedgebox}/invites")).await;
    j.wait_for_path_starting("/connect?next=").await;
    j.fill("#api-key", e2e::DEMO_KEY).await;
    j.click_button("Connect").await;
    j.wait_for_path(&format!("/orgs/{hedgebox}/invites")).await;
    j.finish().await;
}

#[tokio::test]
async fn switching_organization_keeps_the_section() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    let hedgebox = j.org_id("Hedgebox Labs").await;
    j.goto(&format!("/orgs/{hogflix}/invites")).await;
    j.wait_for_text("Invites are valid for 3 days").await;
    j.select_option(".org-switcher select", "Hedgebox Labs")
        .await;
    j.wait_for_path(&format!("/orgs/{hedgebox}/invites")).await;
    j.wait_for_text_in(".breadcrumbs", "Hedgebox Labs").await;
    j.finish().await;
}

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

/// A member of Hogflix at the given level who is not the demo user, from the API.
async fn some_member(j: &Journey, org: &str, level: u64) -> (String, String) {
    let me = j.api_get("/api/users/@me/").await;
    let page = j
        .api_get(&format!("/api/organizations/{org}/members/?limit=500"))
        .await;
    let member = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["level"] == level && m["user"]["uuid"] != me["uuid"])
        .expect("a member at that level")
        .clone();
    let email = member["user"]["email"].as_str().unwrap().to_string();
    let uuid = member["user"]["uuid"].as_str().unwrap().to_string();
    (email, uuid)
}

#[tokio::test]
async fn changing_a_members_level() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    let (email, uuid) = some_member(&j, &hogflix, 1).await;
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
    let (email, _) = some_member(&j, &hogflix, 1).await;
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
    let (member_email, _) = some_member(&j, &hogflix, 1).await;
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
    j.click_button("Save changes").await;
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

#[tokio::test]
async fn a_server_error_is_shown_with_retry_that_then_succeeds() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    j.inject_fault(
        json!(500),
        1,
        &format!("/api/organizations/{hogflix}/members"),
    )
    .await;
    j.goto(&format!("/orgs/{hogflix}/members")).await;
    j.wait_for_text("The server had a problem (HTTP 500)").await;
    j.click_button("Retry").await;
    j.wait_for_text_in(".pager-range", " of ").await;
    j.wait_for_no_text("The server had a problem").await;
    j.finish().await;
}

#[tokio::test]
async fn a_throttled_request_is_waited_out() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    j.inject_fault(
        json!(429),
        1,
        &format!("/api/organizations/{hogflix}/invites"),
    )
    .await;
    j.goto(&format!("/orgs/{hogflix}/invites")).await;
    j.wait_for_text("PostHog asked us to slow down").await;
    j.wait_for_text_in(".pager-range", " of ").await;
    j.wait_for_no_text("PostHog asked us to slow down").await;
    j.finish().await;
}

#[tokio::test]
async fn an_unknown_address_shows_not_found() {
    let j = Journey::start().await;
    j.connect().await;
    j.goto("/no/such/page").await;
    j.wait_for_text("Page not found").await;
    j.finish().await;
}

#[tokio::test]
async fn a_refused_key_mid_session_goes_to_connect_and_comes_back() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    j.inject_fault(
        json!(401),
        1,
        &format!("/api/organizations/{hogflix}/invites"),
    )
    .await;
    j.goto(&format!("/orgs/{hogflix}/invites")).await;
    j.wait_for_path_starting("/connect?next=").await;
    j.wait_for_text("refused the API key").await;
    // the key was forgotten, and is never in the address
    let path = j.current_path().await;
    assert!(!path.contains("phx_"), "{path}");
    j.fill("#api-key", e2e::DEMO_KEY).await;
    j.click_button("Connect").await;
    j.wait_for_path(&format!("/orgs/{hogflix}/invites")).await;
    j.wait_for_text("Invites are valid for 3 days").await;
    j.finish().await;
}

#[tokio::test]
async fn leaving_a_form_with_unsaved_changes_asks_first() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{hogflix}/invites/new")).await;
    j.fill("#target_email", "half.typed@example.com").await;
    j.click_xpath("//nav[@aria-label='Organization']//a[contains(., 'Members')]")
        .await;
    let question = j.browser.get_alert_text().await.unwrap();
    assert!(question.contains("unsaved changes"), "{question}");
    j.browser.dismiss_alert().await.unwrap();
    assert_eq!(
        j.current_path().await,
        format!("/orgs/{hogflix}/invites/new")
    );
    assert_eq!(j.value_of("#target_email").await, "half.typed@example.com");
    j.click_xpath("//nav[@aria-label='Organization']//a[contains(., 'Members')]")
        .await;
    j.browser.accept_alert().await.unwrap();
    j.wait_for_path(&format!("/orgs/{hogflix}/members")).await;
    j.finish().await;
}

#[tokio::test]
async fn the_theme_toggle_cycles_system_light_dark() {
    let j = Journey::start().await;
    j.connect().await;
    let theme = || async {
        j.browser
            .execute("return document.documentElement.dataset.theme", vec![])
            .await
            .unwrap()
    };
    assert_eq!(theme().await, "system");
    j.click_button("Theme: system").await;
    assert_eq!(theme().await, "light");
    j.click_button("Theme: light").await;
    assert_eq!(theme().await, "dark");
    // remembered on this device
    j.browser.refresh().await.unwrap();
    j.wait_for_text("Theme: dark").await;
    assert_eq!(theme().await, "dark");
    j.finish().await;
}
