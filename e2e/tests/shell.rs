//! Journeys of the shell: connecting with a key, the organization switcher, not-found pages,
//! errors (5xx with Retry, 429 waited out, 401 mid-session), an area's code that fails to
//! load, unsaved changes and the theme.
//! Each runs in headless Chromium against its own fresh demo server.

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
    // every link of the console asks, not only the navigation's: here a breadcrumb
    j.click_xpath("//nav[@aria-label='Breadcrumb']//a[contains(., 'Organizations')]")
        .await;
    assert!(j.alert_text().await.contains("unsaved changes"));
    j.browser.dismiss_alert().await.unwrap();
    assert_eq!(j.value_of("#target_email").await, "half.typed@example.com");
    j.click_xpath("//nav[@aria-label='Organization']//a[contains(., 'Members')]")
        .await;
    j.browser.accept_alert().await.unwrap();
    j.wait_for_path(&format!("/orgs/{hogflix}/members")).await;
    j.finish().await;
}

#[tokio::test]
async fn back_and_forward_with_unsaved_changes_ask_first() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    let invites = format!("/orgs/{hogflix}/invites");
    j.goto(&invites).await;
    j.click_link("Invite someone").await;
    j.wait_for_path(&format!("{invites}/new")).await;
    j.fill("#target_email", "half.typed@example.com").await;

    // Back, then Stay: the form, its address and what was typed are all still there
    j.browser.execute("history.back()", vec![]).await.unwrap();
    let question = j.alert_text().await;
    assert!(question.contains("unsaved changes"), "{question}");
    j.browser.dismiss_alert().await.unwrap();
    j.wait_for_path(&format!("{invites}/new")).await;
    assert_eq!(j.value_of("#target_email").await, "half.typed@example.com");

    // Back again, then Leave: the invites list
    j.browser.execute("history.back()", vec![]).await.unwrap();
    j.alert_text().await;
    j.browser.accept_alert().await.unwrap();
    j.wait_for_path(&invites).await;

    // nothing is asked once the form is gone (Forward to an empty form)
    j.browser
        .execute("history.forward()", vec![])
        .await
        .unwrap();
    j.wait_for_path(&format!("{invites}/new")).await;
    assert_eq!(j.value_of("#target_email").await, "");
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

#[tokio::test]
async fn an_area_whose_code_fails_to_load_offers_retry() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    // the roles area's chunk cannot be fetched (as on a dropped connection)
    j.block_urls(&["*split_roles*"]).await;
    j.goto(&format!("/orgs/{hogflix}/roles")).await;
    j.wait_for_text("The code of this page could not be loaded.")
        .await;
    // the shell stays: navigation and the organization are still there
    j.wait_for_text_in("nav.sidebar", "Members").await;
    j.block_urls(&[]).await;
    j.click_button("Retry").await;
    j.wait_for_text_in("h1", "Roles").await;
    j.wait_for_no_text("could not be loaded").await;
    j.finish().await;
}
