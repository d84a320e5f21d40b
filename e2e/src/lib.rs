//! Test harness for the browser journeys: starts the demo server in-process on a free port (fresh
//! seeded data, deterministic ids, fault control on) serving the release build in dist/, starts
//! chromedriver on another free port, and opens a headless Chromium session on them. Helpers wait
//! for what a person would wait for (text, an enabled button) instead of sleeping.

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wait::Wait;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

pub const DEMO_KEY: &str = server::DEMO_KEY;
/// How long a journey waits for something to appear before failing.
pub const WAIT: Duration = Duration::from_secs(15);
/// How often a journey looks again.
const POLL: Duration = Duration::from_millis(50);

pub struct Journey {
    pub browser: Client,
    pub base: String,
    chromedriver: Child,
    _profile: TempDir,
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn dist_dir() -> PathBuf {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist");
    assert!(
        dist.join("index.html").exists(),
        "dist/index.html is missing: build the app first (bash scripts/build-app.sh); the README test command does"
    );
    dist
}

impl Journey {
    /// A fresh demo server and a fresh browser profile. With `E2E_VIA_PROXY=1` the console
    /// server runs in proxy mode (`--upstream`) in front of a second, demo server on another
    /// port: the path real users take to PostHog.
    pub async fn start() -> Journey {
        let upstream = if std::env::var("E2E_VIA_PROXY").is_ok_and(|v| v == "1") {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let upstream = format!("http://{}", listener.local_addr().unwrap());
            let demo = server::Config {
                dist: dist_dir(),
                deterministic: true,
                ..server::Config::default()
            };
            tokio::spawn(server::serve(listener, demo));
            Some(upstream)
        } else {
            None
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let config = server::Config {
            dist: dist_dir(),
            deterministic: true,
            upstream,
            // in proxy mode the faults are injected by the console server, in front of the proxy
            faults: server::FaultConfig {
                control: true,
                ..Default::default()
            },
            ..server::Config::default()
        };
        tokio::spawn(server::serve(listener, config));

        let driver_port = free_port();
        let chromedriver = Command::new(
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
        )
        .arg(format!("--port={driver_port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "chromedriver is missing: the README test command installs it (apt chromium-driver)",
        );
        let profile = std::env::temp_dir().join(format!("phc-e2e-{driver_port}"));
        let caps = json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-extensions",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let caps = match caps {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let started = Instant::now();
        let browser = loop {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{driver_port}"))
                .await
            {
                Ok(client) => break client,
                Err(e) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("could not start a Chromium session: {e}"),
            }
        };
        Journey {
            browser,
            base,
            chromedriver,
            _profile: TempDir(profile),
        }
    }

    /// Lets the current page's origin read the clipboard, so a journey can check what a copy
    /// button copied (permissions are per origin: call it after the first `goto`).
    pub async fn grant_clipboard(&self) {
        for permission in ["clipboard-read", "clipboard-write"] {
            self.browser
                .issue_cmd(SessionPost::grant_permission(permission))
                .await
                .unwrap();
        }
    }

    /// The open review of an edit ("what will change") once it shows `expected`: its table's text.
    pub async fn review(&self, expected: &str) -> String {
        let table = "dialog[open] .review-table";
        self.wait_for_text_in(table, expected).await;
        self.find(table).await.text().await.unwrap()
    }

    /// The question of a `confirm()` once it is open (Back runs the page's popstate listener
    /// after `history.back()` has returned).
    pub async fn alert_text(&self) -> String {
        let started = std::time::Instant::now();
        loop {
            match self.browser.get_alert_text().await {
                Ok(text) => return text,
                Err(_) if started.elapsed() < WAIT => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await
                }
                Err(e) => panic!("no question was asked: {e}"),
            }
        }
    }

    /// What the clipboard holds (after `grant_clipboard`).
    pub async fn clipboard_text(&self) -> String {
        let text = self
            .browser
            .execute_async(
                "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));",
                vec![],
            )
            .await
            .unwrap();
        text.as_str().unwrap_or_default().to_string()
    }

    /// Makes the browser fail every request whose URL matches one of `patterns` (`*` wildcards),
    /// as a dropped connection would; an empty list lets everything through again.
    pub async fn block_urls(&self, patterns: &[&str]) {
        self.browser
            .issue_cmd(SessionPost::cdp("Network.enable", json!({})))
            .await
            .unwrap();
        self.browser
            .issue_cmd(SessionPost::cdp(
                "Network.setBlockedURLs",
                json!({ "urls": patterns }),
            ))
            .await
            .unwrap();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn goto(&self, path: &str) {
        self.browser.goto(&self.url(path)).await.unwrap();
    }

    /// The organization ids of the seed, by name (from the API itself).
    pub async fn org_id(&self, name: &str) -> String {
        let body = self.api_get("/api/organizations/?limit=100").await;
        body["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .unwrap_or_else(|| panic!("no organization named {name}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// A GET against the demo API with the demo key (for checking what the server now holds).
    pub async fn api_get(&self, path: &str) -> serde_json::Value {
        reqwest::Client::new()
            .get(self.url(path))
            .header("Authorization", format!("Bearer {DEMO_KEY}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// A member of an organization at the given level who is not the demo user, from the API.
    pub async fn some_member(&self, org: &str, level: u64) -> (String, String) {
        let me = self.api_get("/api/users/@me/").await;
        let page = self
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

    /// Tells the demo server to answer the next `count` API requests under `path_prefix` with a
    /// fault: 500, 429 or "drop".
    pub async fn inject_fault(&self, status: serde_json::Value, count: u32, path_prefix: &str) {
        let response = reqwest::Client::new()
            .post(self.url("/_demo/faults"))
            .json(&json!({"status": status, "count": count, "path_prefix": path_prefix}))
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "fault control answered {}",
            response.status()
        );
    }

    /// Connects with the demo key through the connect screen (this tab only).
    pub async fn connect(&self) {
        self.goto("/connect").await;
        self.fill("#api-key", DEMO_KEY).await;
        self.click_button("Connect").await;
        self.wait_for_path_starting("/orgs").await;
    }

    /// fantoccini's wait with the journeys' timeout and period.
    fn wait(&self) -> Wait<'_> {
        self.browser.wait().at_most(WAIT).every(POLL)
    }

    /// Polls `check` until it gives a value, or fails the journey saying what it waited for and
    /// what the page shows. (fantoccini's `Wait` covers elements and URLs; this covers the rest:
    /// text, path prefixes, clicks that need a settled element.)
    async fn until<T>(&self, what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(found) = check().await {
                return found;
            }
            if started.elapsed() > WAIT {
                panic!(
                    "waited {WAIT:?} for {what} at {}; the page shows:\n{}",
                    self.current_path().await,
                    self.body_text().await
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn find(&self, css: &str) -> Element {
        match self.wait().for_element(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => panic!(
                "no element matches {css} on {}: {e}",
                self.current_path().await
            ),
        }
    }

    /// Clears an input the way a person does (select all, delete: input events fire) and types.
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.find(css).await;
        input.click().await.unwrap();
        input
            .send_keys(&format!("{}a{}", Key::Control, Key::Null))
            .await
            .unwrap();
        input.send_keys(&Key::Backspace).await.unwrap();
        if !text.is_empty() {
            input.send_keys(text).await.unwrap();
        }
    }

    pub async fn value_of(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Clicks the first enabled button whose text contains `label`.
    pub async fn click_button(&self, label: &str) {
        let xpath = format!(
            "//button[contains(normalize-space(.), {}) and not(@disabled)]",
            xpath_literal(label)
        );
        self.click_xpath(&xpath).await;
    }

    /// Clicks the first link whose text contains `label`.
    pub async fn click_link(&self, label: &str) {
        let xpath = format!(
            "//a[contains(normalize-space(.), {})]",
            xpath_literal(label)
        );
        self.click_xpath(&xpath).await;
    }

    pub async fn click_xpath(&self, xpath: &str) {
        self.click(Locator::XPath(xpath)).await;
    }

    pub async fn click_css(&self, css: &str) {
        self.click(Locator::Css(css)).await;
    }

    /// Waits for the element, then clicks it; an element re-rendered or still covered when
    /// clicked is found again.
    async fn click(&self, locator: Locator<'_>) {
        let what = format!("something clickable at {locator:?}");
        self.until(&what, async || {
            let element = self.wait().for_element(locator).await.ok()?;
            element.click().await.ok()
        })
        .await
    }

    /// Chooses an option (by its visible text) in a select; options may arrive with data.
    pub async fn select_option(&self, select_css: &str, option_text: &str) {
        let what = format!("an option {option_text:?} in {select_css}");
        self.until(&what, async || {
            let select = self.browser.find(Locator::Css(select_css)).await.ok()?;
            select.select_by_label(option_text).await.ok()
        })
        .await
    }

    pub async fn body_text(&self) -> String {
        match self.browser.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits until the page shows `text` somewhere.
    pub async fn wait_for_text(&self, text: &str) {
        self.until(&format!("the text {text:?}"), async || {
            self.body_text().await.contains(text).then_some(())
        })
        .await
    }

    /// Waits until `text` is gone from the page.
    pub async fn wait_for_no_text(&self, text: &str) {
        self.until(&format!("the text {text:?} to go"), async || {
            (!self.body_text().await.contains(text)).then_some(())
        })
        .await
    }

    /// Waits until the text of the element at `css` contains `text`.
    pub async fn wait_for_text_in(&self, css: &str, text: &str) {
        self.until(&format!("{text:?} in {css}"), async || {
            let element = self.browser.find(Locator::Css(css)).await.ok()?;
            let shown = element.text().await.unwrap_or_default();
            shown.contains(text).then_some(())
        })
        .await
    }

    pub async fn current_path(&self) -> String {
        let url = self.browser.current_url().await.unwrap();
        let mut path = url.path().to_string();
        if let Some(q) = url.query() {
            path.push('?');
            path.push_str(q);
        }
        path
    }

    pub async fn wait_for_path(&self, expected: &str) {
        let url = url::Url::parse(&self.url(expected)).unwrap();
        if let Err(e) = self.wait().for_url(&url).await {
            panic!(
                "expected to be at {expected}, but at {}: {e}",
                self.current_path().await
            );
        }
    }

    pub async fn wait_for_path_starting(&self, prefix: &str) {
        self.until(&format!("a path under {prefix}"), async || {
            self.current_path().await.starts_with(prefix).then_some(())
        })
        .await
    }

    /// Ends the browser session and chromedriver.
    pub async fn finish(mut self) {
        let _ = self.browser.clone().close().await;
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
    }

    /// Saves a PNG of the current page (for the README).
    pub async fn screenshot(&self, path: &std::path::Path) {
        let png = self.browser.screenshot().await.unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Journey {
    fn drop(&mut self) {
        let _ = self.chromedriver.kill();
    }
}

/// WebDriver's "set permission" extension (chromedriver supports it).
/// A POST to a WebDriver session endpoint that fantoccini has no method for: `permissions`
/// (grant a permission) or chromedriver's `goog/cdp/execute` (a DevTools Protocol command).
#[derive(Debug)]
struct SessionPost(&'static str, serde_json::Value);

impl SessionPost {
    fn grant_permission(name: &str) -> SessionPost {
        SessionPost(
            "permissions",
            json!({"descriptor": {"name": name}, "state": "granted"}),
        )
    }

    fn cdp(command: &str, params: serde_json::Value) -> SessionPost {
        SessionPost(
            "goog/cdp/execute",
            json!({"cmd": command, "params": params}),
        )
    }
}

impl fantoccini::wd::WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.0
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.1.to_string()))
    }
}

/// An XPath string literal for any text (handles quotes).
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
