//! axe-core on every page of the console, in the light and the dark theme: any serious or
//! critical violation fails the journey, with the rule, the page, the theme and the elements.
//!
//! axe-core comes from npm (installed by scripts/setup.sh next to wasm-opt) and is injected
//! through WebDriver, which runs outside the page's Content-Security-Policy: the app keeps its
//! strict CSP while it is checked.

use e2e::Journey;
use serde_json::Value;

/// axe.min.js, from the tools directory (scripts/env.sh sets PHC_TOOLS_DIR).
fn axe_source() -> String {
    let dir = std::env::var("PHC_TOOLS_DIR").unwrap_or_else(|_| {
        format!(
            "{}/.local/share/posthog-console-tools",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    let path = format!("{dir}/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (scripts/setup.sh installs axe-core from npm)"))
}

/// The first id of a list endpoint of an organization (a domain, a role...), as a string.
async fn first_id(j: &Journey, org: &str, resource: &str) -> String {
    let page = j
        .api_get(&format!("/api/organizations/{org}/{resource}/?limit=1"))
        .await;
    match &page["results"][0]["id"] {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("{resource}: no first id in the demo data ({other})"),
    }
}

/// Waits until the page has its heading and nothing is loading any more.
async fn settle(j: &Journey) {
    j.find("h1").await;
    let started = std::time::Instant::now();
    loop {
        let busy = j
            .browser
            .execute(
                "return document.querySelectorAll('.skeleton-row, [aria-busy=\"true\"]').length",
                vec![],
            )
            .await
            .unwrap();
        if busy.as_u64() == Some(0) || started.elapsed() > e2e::WAIT {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Runs axe on the current page; returns one line per serious or critical violation.
async fn violations(j: &Journey, axe: &str, page: &str, theme: &str) -> Vec<String> {
    let loaded = j
        .browser
        .execute(&format!("{axe}\n;return typeof axe === 'object';"), vec![])
        .await
        .unwrap();
    assert_eq!(loaded, Value::Bool(true), "axe-core did not load on {page}");
    let found = j
        .browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(
               (r) => done(r.violations
                 .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                 .map((v) => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                   + v.nodes.map((n) => n.target.join(' ')).join(', '))),
               (e) => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("{page} ({theme}): {}", v.as_str().unwrap_or_default()))
        .collect()
}

#[tokio::test]
async fn no_serious_violation_on_any_page_in_either_theme() {
    let axe = axe_source();
    let j = Journey::start().await;
    let org = j.org_id("Hogflix").await;
    let domain = first_id(&j, &org, "domains").await;
    let role = first_id(&j, &org, "roles").await;
    let proxy = first_id(&j, &org, "proxy_records").await;
    let project = first_id(&j, &org, "projects").await;
    let export = first_id(&j, &org, "batch_exports").await;
    let mut pages = vec!["/orgs".to_string(), "/orgs/new".to_string()];
    for section in [
        "members",
        "invites",
        "invites/new",
        "invites/bulk",
        "settings",
        "domains",
        &format!("domains/{domain}"),
        "roles",
        &format!("roles/{role}"),
        "proxy-records",
        &format!("proxy-records/{proxy}"),
        "projects",
        "projects/new",
        &format!("projects/{project}"),
        "batch-exports",
        "batch-exports/new",
        &format!("batch-exports/{export}"),
        &format!("batch-exports/{export}/edit"),
        "no-such-section",
    ] {
        pages.push(format!("/orgs/{org}/{section}"));
    }

    let mut failures = Vec::new();
    for theme in ["light", "dark"] {
        // the connect screen, before any key is kept
        j.goto("/connect").await;
        j.browser
            .execute(
                &format!("localStorage.setItem('posthog-console.theme', '{theme}'); sessionStorage.clear();"),
                vec![],
            )
            .await
            .unwrap();
        j.goto("/connect").await;
        settle(&j).await;
        failures.extend(violations(&j, &axe, "/connect", theme).await);
        j.connect().await;
        for page in &pages {
            j.goto(page).await;
            settle(&j).await;
            let applied = j
                .browser
                .execute("return document.documentElement.dataset.theme", vec![])
                .await
                .unwrap();
            assert_eq!(applied.as_str(), Some(theme), "theme not applied on {page}");
            // the tokens follow the theme (light-dark() in style/main.css)
            let background = j
                .browser
                .execute(
                    "return getComputedStyle(document.body).backgroundColor",
                    vec![],
                )
                .await
                .unwrap();
            let expected = if theme == "light" {
                "rgb(246, 246, 243)"
            } else {
                "rgb(17, 18, 20)"
            };
            assert_eq!(
                background.as_str(),
                Some(expected),
                "{theme} background on {page}"
            );
            failures.extend(violations(&j, &axe, page, theme).await);
        }
        // a confirm dialog (its code is fetched when the first one opens)
        j.goto(&format!("/orgs/{org}/roles")).await;
        settle(&j).await;
        j.click_css("button.btn-danger-outline").await;
        j.find("dialog[open] .dialog-actions").await;
        failures.extend(violations(&j, &axe, "confirm dialog", theme).await);
        j.click_xpath("//dialog[@open]//button[normalize-space(.)='Cancel']")
            .await;
        // a role's member search, fetched when opened on its page
        j.goto(&format!("/orgs/{org}/roles/{role}")).await;
        settle(&j).await;
        j.click_button("Show the member search").await;
        j.find("#member-search").await;
        failures.extend(violations(&j, &axe, "role member search", theme).await);
        // a project's products and activity, fetched when opened on its page
        j.goto(&format!("/orgs/{org}/projects/{project}")).await;
        settle(&j).await;
        j.click_button("Show products").await;
        j.find("#products-body .product-list").await;
        j.click_button("Show activity").await;
        j.find("#activity-body .activity-list").await;
        failures.extend(violations(&j, &axe, "project products and activity", theme).await);
        // a batch export's logs and its backfill dialog, fetched when opened on its page
        j.goto(&format!("/orgs/{org}/batch-exports/{export}")).await;
        settle(&j).await;
        j.click_button("Show logs").await;
        j.find("#logs-body table tbody tr").await;
        failures.extend(violations(&j, &axe, "batch export logs", theme).await);
        j.click_button("Backfill").await;
        j.find("dialog[open]#backfill-dialog").await;
        failures.extend(violations(&j, &axe, "backfill dialog", theme).await);
        j.click_xpath("//dialog[@open]//button[normalize-space(.)='Cancel']")
            .await;
        // the request inspector, open over the last page
        j.click_button("Requests").await;
        j.find(".inspector-row").await;
        failures.extend(violations(&j, &axe, "request inspector", theme).await);
        // the review of an edit, open over the organization's settings
        j.goto(&format!("/orgs/{org}/settings")).await;
        settle(&j).await;
        j.fill("#name", &format!("Hogflix {theme}")).await;
        j.click_button("Save changes").await;
        j.find("dialog[open] .review-table").await;
        failures.extend(violations(&j, &axe, "review of the changes", theme).await);
        j.click_button("Back to editing").await;
    }
    assert!(
        failures.is_empty(),
        "axe-core found {} serious or critical violations:\n{}",
        failures.len(),
        failures.join("\n")
    );
    j.finish().await;
}
