//! The request inspector and "Copy as curl": the panel lists this tab's requests newest first
//! (opened with its button and with Alt+Shift+R); a row's command and a form's command, run with
//! the real curl against the demo server (the key from $POSTHOG_PERSONAL_API_KEY), get the same
//! answer, and so does the connect screen's; the key is in no copied text, no panel row and no
//! storage but the session's own.

use e2e::{Journey, DEMO_KEY};
use fantoccini::key::Key;
use serde_json::Value;

/// Runs a copied command with `sh`, the key in the environment; returns (status, body). (On a
/// blocking thread: the demo server answers on this test's runtime.)
async fn run_curl(command: &str) -> (u16, String) {
    assert!(
        !command.contains(DEMO_KEY),
        "the key is in the command: {command}"
    );
    let script = format!("{command} --silent --show-error -w '\\n%{{http_code}}'");
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(script)
            .env("POSTHOG_PERSONAL_API_KEY", DEMO_KEY)
            .output()
    })
    .await
    .unwrap()
    .expect("curl runs (scripts/setup.sh installs it)");
    assert!(
        output.status.success(),
        "curl failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let (body, status) = text.rsplit_once('\n').unwrap();
    (status.parse().unwrap(), body.to_string())
}

/// No storage entry holds the key except the session's own connection.
async fn key_only_in_the_session(j: &Journey) {
    let leaks = j
        .browser
        .execute(
            "const key = arguments[0]; const found = [];
             for (const store of [localStorage, sessionStorage]) {
               for (let i = 0; i < store.length; i++) {
                 const name = store.key(i);
                 if (name !== 'posthog-console.connection' && (store.getItem(name) || '').includes(key)) found.push(name);
               }
             }
             return found;",
            vec![Value::from(DEMO_KEY)],
        )
        .await
        .unwrap();
    assert_eq!(
        leaks,
        Value::Array(vec![]),
        "storage entries holding the key"
    );
}

#[tokio::test]
async fn the_inspector_lists_requests_and_copies_them_as_curl() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{hogflix}/roles")).await;
    j.wait_for_text("Engineering").await;
    j.grant_clipboard().await;

    // Alt+Shift+R opens the panel
    j.find("button[aria-keyshortcuts]")
        .await
        .send_keys(&format!("{}{}r", Key::Alt, Key::Shift))
        .await
        .unwrap();
    j.wait_for_text_in(".inspector", "Requests").await;
    let panel = j.find(".inspector").await.text().await.unwrap();
    assert!(!panel.contains(DEMO_KEY));
    // newest first: the roles list came after the organization it belongs to
    let first_row = j.find(".inspector-row").await.text().await.unwrap();
    assert!(first_row.contains("GET"), "{first_row}");
    let roles_row = format!("/api/organizations/{hogflix}/roles/");
    assert!(panel.contains(&roles_row), "{panel}");

    // the roles list's row, copied and run: the same answer as the API gives
    let button = format!("button[aria-label^='Copy as curl: GET {roles_row}']");
    j.click_css(&button).await;
    j.wait_for_text_in(&button, "Copied").await;
    let command = j.clipboard_text().await;
    assert!(command.contains("$POSTHOG_PERSONAL_API_KEY"), "{command}");
    let (status, body) = run_curl(&command).await;
    assert_eq!(status, 200);
    let path = command
        .split('\'')
        .nth(1)
        .unwrap()
        .trim_start_matches(&j.url(""))
        .to_string();
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        j.api_get(&path).await
    );

    // a failure shows PostHog's error body in its row
    j.inject_fault(
        Value::from(500),
        1,
        &format!("/api/organizations/{hogflix}/roles"),
    )
    .await;
    j.click_button("Close").await;
    j.goto(&format!("/orgs/{hogflix}/roles")).await;
    j.wait_for_text("Retry").await;
    j.click_button("Requests").await;
    j.wait_for_text_in(".inspector-row", "500").await;
    j.click_css(".inspector-row details summary").await;
    j.wait_for_text_in(".inspector-row details pre", "server_error")
        .await;
    // Escape closes it
    j.find(".inspector")
        .await
        .send_keys(&Key::Escape.to_string())
        .await
        .unwrap();
    j.wait_for_no_text("Copy as curl writes the key").await;
    key_only_in_the_session(&j).await;
    j.finish().await;
}

#[tokio::test]
async fn a_form_copies_the_request_it_would_send() {
    let j = Journey::start().await;
    j.connect().await;
    let hogflix = j.org_id("Hogflix").await;
    j.goto(&format!("/orgs/{hogflix}/roles")).await;
    j.wait_for_text("Engineering").await;
    j.grant_clipboard().await;
    j.fill("#name", "Dana's curl role").await;
    let button = "button[aria-label='Copy as curl: the request this form would send']";
    j.click_css(button).await;
    j.wait_for_text_in(button, "Copied").await;
    let command = j.clipboard_text().await;
    assert!(command.starts_with("curl -X POST"), "{command}");
    // nothing was sent by copying
    let roles = j
        .api_get(&format!("/api/organizations/{hogflix}/roles/?limit=100"))
        .await;
    assert!(!roles.to_string().contains("Dana's curl role"));
    // what the form kept is still there
    assert_eq!(j.value_of("#name").await, "Dana's curl role");

    // run: the role is created, as Create would have
    let (status, body) = run_curl(&command).await;
    assert_eq!(status, 201, "{body}");
    let created: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(created["name"], "Dana's curl role");
    let role = j
        .api_get(&format!(
            "/api/organizations/{hogflix}/roles/{}/",
            created["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(role["name"], "Dana's curl role");
    key_only_in_the_session(&j).await;
    j.finish().await;
}

#[tokio::test]
async fn the_connect_screen_copies_the_key_check_as_curl() {
    let j = Journey::start().await;
    j.goto("/connect").await;
    j.wait_for_text("Connect to PostHog").await;
    j.grant_clipboard().await;
    let button = "button[aria-label='Copy as curl: the request this form would send']";

    // a custom address as typed, so far
    j.click_css("#host-custom").await;
    j.fill("#custom-host", "https://posthog.example.com/").await;
    j.click_css(button).await;
    j.wait_for_text_in(button, "Copied").await;
    let command = j.clipboard_text().await;
    assert!(
        command.starts_with("curl 'https://posthog.example.com/api/organizations/?limit=1'"),
        "{command}"
    );

    // this server: the command runs and gets what Connect would get; the key typed stays put
    j.click_css("#host-same").await;
    j.fill("#api-key", DEMO_KEY).await;
    j.click_css(button).await;
    j.wait_for_text_in(button, "Copied").await;
    let command = j.clipboard_text().await;
    assert!(command.contains("$POSTHOG_PERSONAL_API_KEY"), "{command}");
    assert!(
        command.contains(&j.url("/api/organizations/?limit=1")),
        "{command}"
    );
    let (status, body) = run_curl(&command).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        j.api_get("/api/organizations/?limit=1").await
    );
    assert_eq!(j.value_of("#api-key").await, DEMO_KEY);
    // nothing was kept by copying
    assert_eq!(j.current_path().await, "/connect");
    key_only_in_the_session(&j).await;
    j.finish().await;
}
