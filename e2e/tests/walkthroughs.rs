//! Browser journeys of verified domains (the verification walkthrough), roles and their members,
//! and proxy records, each in headless Chromium against its own fresh demo server.

use e2e::Journey;

const GOOD_CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIC4jCCAcqgAwIBAgIQbHWS8gGZ2ElBpZ0FxLgqKDANBgkqhkiG9w0BAQsFADAt\nMSswKQYDVQQDEyJhY2NvdW50cy5hY21lLWlkcC5leGFtcGxlIFNpZ25pbmcwHhcN\nMjUwMTAxMDAwMDAwWhcNMzUwMTAxMDAwMDAwWjAtMSswKQYDVQQDEyJhY2NvdW50\n-----END CERTIFICATE-----";

async fn hogflix(j: &Journey) -> String {
    j.org_id("Hogflix").await
}

#[tokio::test]
async fn adding_a_domain_and_copying_its_txt_record() {
    let j = Journey::start().await;
    j.connect().await;
    let org = hogflix(&j).await;
    j.goto(&format!("/orgs/{org}/domains")).await;
    // refused before sending, with the text kept
    j.fill("#domain", "Not A Domain").await;
    j.click_button("Add domain").await;
    j.wait_for_text_in("#domain-error", "").await;
    assert_eq!(j.value_of("#domain").await, "Not A Domain");
    // a duplicate is refused by the server, on the field
    j.fill("#domain", "hogflix.example").await;
    j.click_button("Add domain").await;
    j.wait_for_text_in("#domain-error", "").await;
    let error = j.find("#domain-error").await.text().await.unwrap();
    assert!(!error.is_empty());
    assert_eq!(j.value_of("#domain").await, "hogflix.example");
    // a new one goes to its walkthrough
    j.fill("#domain", "acme-films.example").await;
    j.click_button("Add domain").await;
    j.wait_for_text("1. Add a DNS TXT record").await;
    j.wait_for_text_in(".record-name", "_posthog-challenge.acme-films.example.")
        .await;
    let challenge = j.find(".record-value").await.text().await.unwrap();
    assert!(challenge.len() > 10, "a challenge is shown: {challenge:?}");
    j.grant_clipboard().await;
    j.click_css("button[aria-label='Copy record name']").await;
    j.wait_for_text_in("button[aria-label='Copy record name']", "Copied")
        .await;
    let copied = j
        .browser
        .execute_async(
            "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        copied.as_str().unwrap_or_default(),
        "_posthog-challenge.acme-films.example."
    );
    j.finish().await;
}

#[tokio::test]
async fn a_verify_that_is_not_yet_verified_explains_and_offers_to_retry() {
    let j = Journey::start().await;
    j.connect().await;
    let org = hogflix(&j).await;
    j.goto(&format!("/orgs/{org}/domains")).await;
    j.fill("#domain", "not-yet.example").await;
    j.click_button("Add domain").await;
    j.wait_for_text("2. Verify").await;
    // sign-in settings are locked until verified
    assert!(j
        .find("#jit_provisioning_enabled")
        .await
        .attr("disabled")
        .await
        .unwrap()
        .is_some());
    j.click_button("Verify domain").await;
    j.wait_for_text("Not verified yet.").await;
    j.wait_for_text("DNS changes can take").await;
    j.click_button("Try again").await;
    j.wait_for_text("Not verified yet.").await;
    j.click_link("Verify later").await;
    j.wait_for_path(&format!("/orgs/{org}/domains")).await;
    j.wait_for_text("not-yet.example").await;
    j.wait_for_text("Pending").await;
    j.finish().await;
}

#[tokio::test]
async fn a_verify_that_succeeds_then_saml_with_a_bad_and_a_good_certificate() {
    let j = Journey::start().await;
    j.connect().await;
    let org = hogflix(&j).await;
    let domain = format!("sso{}", server::VERIFIED_DOMAIN_SUFFIX);
    j.goto(&format!("/orgs/{org}/domains")).await;
    j.fill("#domain", &domain).await;
    j.click_button("Add domain").await;
    j.wait_for_text("2. Verify").await;
    j.click_button("Verify domain").await;
    j.wait_for_text("Verified on").await;
    j.wait_for_no_text("These settings unlock once").await;
    // SAML: a bad certificate is refused on its field, nothing typed is lost
    j.fill("#saml_entity_id", "https://idp.acme.example/entity")
        .await;
    j.fill("#saml_acs_url", "https://idp.acme.example/acs")
        .await;
    j.fill("#saml_x509_cert", "this is not a certificate").await;
    j.click_button("Save sign-in settings").await;
    j.wait_for_text_in("#saml_x509_cert-error", "PEM").await;
    assert_eq!(
        j.value_of("#saml_entity_id").await,
        "https://idp.acme.example/entity"
    );
    // a good one is saved
    j.fill("#saml_x509_cert", GOOD_CERT).await;
    j.select_option("#sso_enforcement", "SAML").await;
    j.click_css("#jit_provisioning_enabled").await;
    j.click_button("Save sign-in settings").await;
    j.wait_for_text("Sign-in settings saved").await;
    let domains = j
        .api_get(&format!("/api/organizations/{org}/domains/?limit=100"))
        .await;
    let saved = domains["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain"] == domain.as_str())
        .unwrap()
        .clone();
    assert_eq!(saved["is_verified"], true);
    assert_eq!(saved["has_saml"], true);
    assert_eq!(saved["sso_enforcement"], "saml");
    assert_eq!(saved["jit_provisioning_enabled"], true);
    j.goto(&format!("/orgs/{org}/domains")).await;
    j.wait_for_text("Configured").await;
    j.finish().await;
}

#[tokio::test]
async fn removing_a_domain() {
    let j = Journey::start().await;
    j.connect().await;
    let org = hogflix(&j).await;
    j.goto(&format!("/orgs/{org}/domains")).await;
    j.fill("#domain", "short-lived.example").await;
    j.click_button("Add domain").await;
    j.wait_for_text("1. Add a DNS TXT record").await;
    j.click_button("Remove domain").await;
    j.wait_for_text("SSO enforcement for this domain stop at once")
        .await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_path(&format!("/orgs/{org}/domains")).await;
    j.wait_for_text("short-lived.example removed").await;
    let domains = j
        .api_get(&format!("/api/organizations/{org}/domains/?limit=100"))
        .await;
    assert!(!domains.to_string().contains("short-lived.example"));
    j.finish().await;
}

#[tokio::test]
async fn roles_create_duplicate_members_and_delete() {
    let j = Journey::start().await;
    j.connect().await;
    let org = hogflix(&j).await;
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
    // open the role and add a member found by search
    j.click_link("Data team").await;
    j.wait_for_text("Members of this role").await;
    j.wait_for_text("Nobody has this role yet.").await;
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
    // delete the role
    j.click_button("Delete role").await;
    j.wait_for_text("Its members lose the access").await;
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
    j.wait_for_path(&format!("/orgs/{org}/roles")).await;
    j.wait_for_text("Role \u{201c}Data team\u{201d} deleted")
        .await;
    let roles = j
        .api_get(&format!("/api/organizations/{org}/roles/?limit=100"))
        .await;
    assert!(!roles.to_string().contains("Data team"));
    j.finish().await;
}

#[tokio::test]
async fn adding_a_proxy_record_and_watching_it_go_live_then_deleting_it() {
    let j = Journey::start().await;
    j.connect().await;
    let org = hogflix(&j).await;
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
    let org = hogflix(&j).await;
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
