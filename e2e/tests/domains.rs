//! Journeys of verified domains: the TXT record walkthrough, verification, SAML, removal.
//! Each runs in headless Chromium against its own fresh demo server.

use e2e::Journey;

const GOOD_CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIC4jCCAcqgAwIBAgIQbHWS8gGZ2ElBpZ0FxLgqKDANBgkqhkiG9w0BAQsFADAt\nMSswKQYDVQQDEyJhY2NvdW50cy5hY21lLWlkcC5leGFtcGxlIFNpZ25pbmcwHhcN\nMjUwMTAxMDAwMDAwWhcNMzUwMTAxMDAwMDAwWjAtMSswKQYDVQQDEyJhY2NvdW50\n-----END CERTIFICATE-----";

#[tokio::test]
async fn adding_a_domain_and_copying_its_txt_record() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
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
    let copied = j.clipboard_text().await;
    assert_eq!(copied, "_posthog-challenge.acme-films.example.");
    j.finish().await;
}

#[tokio::test]
async fn a_verify_that_is_not_yet_verified_explains_and_offers_to_retry() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;
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
    let org = j.org_id("Hogflix").await;
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
    let review = j.review("X.509 certificate").await;
    assert!(review.contains("Enforce sign-in with"), "{review}");
    assert!(review.contains("Automatic provisioning"), "{review}");
    j.click_xpath("//dialog[@open]//button[@type='submit']")
        .await;
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
    let org = j.org_id("Hogflix").await;
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
