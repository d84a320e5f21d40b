//! Takes the README's screenshots (members page, domain walkthrough, batch exports, a project's
//! page, the request inspector) from the release build on a fresh demo server:
//! `cargo run -p e2e --bin screenshots` writes docs/*.png.

use e2e::Journey;

#[tokio::main]
async fn main() {
    let out = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs");
    std::fs::create_dir_all(&out).unwrap();
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;

    j.goto(&format!("/orgs/{org}/members?size=10")).await;
    j.wait_for_text_in(".pager-range", "1\u{2013}10 of").await;
    j.screenshot(&out.join("members.png")).await;

    j.browser.set_window_size(1280, 1500).await.unwrap();
    j.goto(&format!("/orgs/{org}/domains")).await;
    j.fill("#domain", "acme-films.example").await;
    j.click_button("Add domain").await;
    j.wait_for_text("1. Add a DNS TXT record").await;
    j.click_button("Verify domain").await;
    j.wait_for_text("Not verified yet.").await;
    j.grant_clipboard().await;
    j.wait_for_no_text("added: verify it next").await;
    j.click_css("button[aria-label='Copy record value']").await;
    j.screenshot(&out.join("domain-walkthrough.png")).await;

    j.browser.set_window_size(1280, 900).await.unwrap();
    j.goto(&format!("/orgs/{org}/batch-exports")).await;
    j.wait_for_text("Snowflake finance mart").await;
    j.screenshot(&out.join("batch-exports.png")).await;

    j.browser.set_window_size(1280, 1400).await.unwrap();
    let projects = j
        .api_get(&format!("/api/organizations/{org}/projects/?limit=1"))
        .await;
    j.goto(&format!(
        "/orgs/{org}/projects/{}",
        projects["results"][0]["id"]
    ))
    .await;
    // the activity log, opened (it is fetched when first shown)
    j.click_button("Show activity").await;
    j.find("#activity-body .activity-list").await;
    j.browser
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .unwrap();
    j.screenshot(&out.join("project.png")).await;

    j.browser.set_window_size(1280, 900).await.unwrap();
    j.goto(&format!("/orgs/{org}/roles")).await;
    j.wait_for_text("Engineering").await;
    j.fill("#name", "Data platform").await;
    j.click_button("Create role").await;
    j.wait_for_text("created").await;
    j.click_button("Requests").await;
    j.wait_for_text_in(".inspector", "POST").await;
    j.screenshot(&out.join("inspector.png")).await;
    j.finish().await;
    println!("wrote {}", out.display());
}
