//! Journeys of projects: create (a duplicate name refused on the field), change the timezone
//! (asked first) and read it in the activity log, reset the API key (the old one masked in the
//! log), delete after typing the name, a demo project's data generation followed until done,
//! products added and their onboarding completed.
//! Each runs in headless Chromium against its own fresh demo server.

use e2e::{Journey, DEMO_KEY};

/// The text of the project API key on a project page.
async fn api_key(j: &Journey) -> String {
    j.find("#project-api-key").await.text().await.unwrap()
}

/// A DELETE against the demo API with the demo key: its status.
async fn api_delete(j: &Journey, path: &str) -> u16 {
    reqwest::Client::new()
        .delete(j.url(path))
        .header("Authorization", format!("Bearer {DEMO_KEY}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn projects_create_timezone_and_token_reset() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{org}/projects")).await;
    j.wait_for_text("Hogflix Web").await;
    j.click_link("New project").await;
    j.wait_for_text("PostHog names it").await;
    // a duplicate name (any case): the error is on the field, the input kept
    j.fill("#name", "hogflix WEB").await;
    j.click_button("Create project").await;
    j.wait_for_text_in("#name-error", "already exists").await;
    assert_eq!(j.value_of("#name").await, "hogflix WEB");
    // a good name: the project's page
    j.fill("#name", "Hogflix TV").await;
    j.click_button("Create project").await;
    j.wait_for_text("Project \u{201c}Hogflix TV\u{201d} created")
        .await;
    j.wait_for_path_starting(&format!("/orgs/{org}/projects/"))
        .await;
    j.wait_for_text("Project API key").await;
    // the activity log is fetched when opened
    j.click_button("Show activity").await;
    j.wait_for_text("Dana Demo created the project").await;

    // change the timezone: asked first, then in the activity log as a sentence
    j.fill("#timezone", "Europe/Berlin").await;
    j.click_button("Save settings").await;
    // the review says what changes
    let review = j.review("Europe/Berlin").await;
    assert!(
        review.contains("Timezone") && review.contains("UTC"),
        "{review}"
    );
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text("Day and week buckets").await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text("Project settings saved").await;
    j.wait_for_text("Dana Demo changed the timezone from UTC to Europe/Berlin")
        .await;

    // an app URL that is not one: the error under it, the text kept
    j.click_button("Add an app URL").await;
    j.fill("#app_urls-0", "hogflix.tv").await;
    j.click_button("Save settings").await;
    j.wait_for_text_in("#app_urls-0-error", "https://").await;
    assert_eq!(j.value_of("#app_urls-0").await, "hogflix.tv");
    j.fill("#app_urls-0", "https://hogflix.tv").await;
    j.click_button("Save settings").await;
    j.review("App URLs").await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text("Dana Demo added the app URL https://hogflix.tv")
        .await;

    // reset the key: the confirm says there is no grace period; the new key differs, and the
    // log names both masked
    let old = api_key(&j).await;
    assert!(old.starts_with("phc_"));
    j.click_button("Reset key").await;
    j.wait_for_text("no grace period").await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_text("This is the new key").await;
    let new = api_key(&j).await;
    assert_ne!(new, old);
    let masked_old = format!("phc_\u{2026}{}", &old[old.len() - 4..]);
    let masked_new = format!("phc_\u{2026}{}", &new[new.len() - 4..]);
    j.wait_for_text(&format!(
        "Dana Demo reset the project API key from {masked_old} to {masked_new}"
    ))
    .await;
    assert!(!j
        .find(".activity")
        .await
        .text()
        .await
        .unwrap()
        .contains(&old));
    j.finish().await;
}

#[tokio::test]
async fn projects_delete_by_typing_the_name() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{org}/projects")).await;
    j.click_link("Hogflix Android").await;
    j.wait_for_text("Delete project").await;
    let path = j.current_path().await;
    let id = path.rsplit('/').next().unwrap().to_string();
    j.click_button("Delete project").await;
    j.wait_for_text("This cannot be undone").await;
    // the button waits for the name, in any case
    let confirm = "//dialog[@open]//button[@type='submit']";
    j.fill("#confirm-typed", "hogflix").await;
    assert!(!j
        .browser
        .find(fantoccini::Locator::XPath(confirm))
        .await
        .unwrap()
        .is_enabled()
        .await
        .unwrap());
    j.fill("#confirm-typed", "HOGFLIX android").await;
    j.click_xpath(confirm).await;
    j.wait_for_path(&format!("/orgs/{org}/projects")).await;
    j.wait_for_text("Project \u{201c}Hogflix Android\u{201d} is being deleted")
        .await;
    j.wait_for_text("Pending deletion").await;
    // a second delete is refused while PostHog deletes it
    assert_eq!(
        api_delete(&j, &format!("/api/organizations/{org}/projects/{id}/")).await,
        400
    );
    j.finish().await;
}

#[tokio::test]
async fn demo_data_progress_and_products() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
    // a demo project: PostHog generates its data for a while after creation (6 s in the demo)
    let created: serde_json::Value = reqwest::Client::new()
        .post(j.url(&format!("/api/organizations/{org}/projects/")))
        .header("Authorization", format!("Bearer {DEMO_KEY}"))
        .json(&serde_json::json!({"name": "Hogflix Demo", "is_demo": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().expect("created");
    j.goto(&format!("/orgs/{org}/projects/{id}")).await;
    j.wait_for_text("PostHog is generating this project's demo data")
        .await;
    // the page asks again every 2 s and says when it is done, without a reload
    j.wait_for_text("Demo data is ready.").await;

    // products (fetched when opened): none yet; add one, then mark its onboarding complete
    // from its row
    j.click_button("Show products").await;
    j.wait_for_text("No products chosen yet.").await;
    j.select_option("#product_type", "Session replay").await;
    j.click_button("Add product").await;
    j.wait_for_text("Session replay added to the project").await;
    j.wait_for_text("Onboarding not finished").await;
    j.click_css("button[aria-label='Mark Session replay onboarding complete']")
        .await;
    j.wait_for_text("Session replay onboarding marked complete")
        .await;
    j.wait_for_text("Onboarding complete (").await;
    let project = j
        .api_get(&format!("/api/organizations/{org}/projects/{id}/"))
        .await;
    let intents = project["product_intents"].as_array().unwrap();
    assert_eq!(intents.len(), 1, "{project}");
    assert_eq!(intents[0]["product_type"], "session_replay");
    assert!(
        intents[0]["onboarding_completed_at"].is_string(),
        "{project}"
    );
    assert_eq!(
        project["has_completed_onboarding_for"]["session_replay"],
        true
    );
    j.finish().await;
}
