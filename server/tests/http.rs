//! The server over HTTP, in-process on 127.0.0.1:0: static files, CSP, auth, errors, faults,
//! pagination links and the upstream proxy (against a second in-process demo server).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine;
use reqwest::header;
use serde_json::{json, Value};
use server::{Config, FaultConfig, DEMO_KEY, HOGFLIX_ORG_ID};
use sha2::{Digest, Sha256};

const INLINE_SCRIPT: &str =
    "\nimport init from '/posthog-console-0123456789abcdef.js';\nawait init();\n";
const JS_NAME: &str = "posthog-console-0123456789abcdef.js";
const WASM_NAME: &str = "posthog-console-0123456789abcdef_bg.wasm";
const GZIP_COPY: &[u8] = b"\x1f\x8b pre-compressed by the build (gzip)";
const BROTLI_COPY: &[u8] = b"pre-compressed by the build (brotli)";

async fn start(config: Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::serve(listener, config));
    format!("http://{addr}")
}

/// A dist/ like trunk's: index.html with an inline module script, hashed js and wasm.
fn temp_dist() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "posthog-console-server-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let index = format!(
        "<!DOCTYPE html><html><head><title>Console</title>\n<script type=\"module\">{INLINE_SCRIPT}</script>\n\
         <link rel=\"modulepreload\" href=\"/{JS_NAME}\"></head><body>{}</body></html>\n",
        "<p>padding so the page is worth compressing</p>".repeat(20)
    );
    std::fs::write(dir.join("index.html"), index).unwrap();
    std::fs::write(
        dir.join(JS_NAME),
        "export default function init() { return 42; }\n".repeat(50),
    )
    .unwrap();
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(7u8, 4096));
    std::fs::write(dir.join(WASM_NAME), wasm).unwrap();
    // the build's pre-compressed copies (their bytes only need to be told apart here)
    for name in [JS_NAME, WASM_NAME] {
        std::fs::write(dir.join(format!("{name}.gz")), GZIP_COPY).unwrap();
        std::fs::write(dir.join(format!("{name}.br")), BROTLI_COPY).unwrap();
    }
    std::fs::write(dir.join("robots.txt"), "User-agent: *\n").unwrap();
    dir
}

fn demo_config() -> Config {
    Config {
        dist: temp_dist(),
        deterministic: true,
        ..Config::default()
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

fn auth() -> String {
    format!("Bearer {DEMO_KEY}")
}

async fn get_json(url: &str) -> (u16, Value) {
    let r = client()
        .get(url)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

fn header_str(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn static_files_types_caching_compression_and_fallback() {
    let base = start(Config {
        connect_src: vec!["https://ph.example.com".to_string()],
        ..demo_config()
    })
    .await;
    let c = client();

    let index = c.get(format!("{base}/")).send().await.unwrap();
    assert_eq!(index.status(), 200);
    assert_eq!(
        header_str(&index, "content-type"),
        "text/html; charset=utf-8"
    );
    assert_eq!(header_str(&index, "cache-control"), "no-cache");
    assert_eq!(header_str(&index, "x-content-type-options"), "nosniff");
    assert_eq!(header_str(&index, "referrer-policy"), "no-referrer");
    let csp = header_str(&index, "content-security-policy");
    let hash =
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(INLINE_SCRIPT.as_bytes()));
    assert!(
        csp.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'"
        )),
        "{csp}"
    );
    assert!(csp.contains(
        "connect-src 'self' https://us.posthog.com https://eu.posthog.com https://ph.example.com;"
    ));
    assert!(csp.starts_with("default-src 'self';"));
    assert!(csp.contains("frame-ancestors 'none'"));

    let wasm = c.get(format!("{base}/{WASM_NAME}")).send().await.unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(header_str(&wasm, "content-type"), "application/wasm");
    assert_eq!(
        header_str(&wasm, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(&wasm.bytes().await.unwrap()[..4], b"\0asm");

    let js = c
        .get(format!("{base}/{JS_NAME}"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(
        header_str(&js, "content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(header_str(&js, "content-encoding"), "gzip");
    assert_eq!(
        header_str(&js, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(js.bytes().await.unwrap(), GZIP_COPY);

    let wasm_gz = c
        .get(format!("{base}/{WASM_NAME}"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(header_str(&wasm_gz, "content-encoding"), "gzip");
    let wasm_br = c
        .get(format!("{base}/{WASM_NAME}"))
        .header(header::ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(header_str(&wasm_br, "content-encoding"), "br");
    assert_eq!(header_str(&wasm_br, "content-type"), "application/wasm");
    assert_eq!(wasm_br.bytes().await.unwrap(), BROTLI_COPY);

    // client routes get index.html, uncached and with the CSP
    let route = c
        .get(format!("{base}/orgs/x/members"))
        .send()
        .await
        .unwrap();
    assert_eq!(route.status(), 200);
    assert_eq!(header_str(&route, "cache-control"), "no-cache");
    assert!(header_str(&route, "content-security-policy").contains(&hash));
    assert!(route
        .text()
        .await
        .unwrap()
        .contains("<script type=\"module\">"));

    // a missing asset is a 404, not the app
    let missing = c
        .get(format!("{base}/nope-0123456789abcdef.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    // unhashed files are revalidated
    let robots = c.get(format!("{base}/robots.txt")).send().await.unwrap();
    assert_eq!(header_str(&robots, "cache-control"), "no-cache");
    assert_eq!(
        header_str(&robots, "content-type"),
        "text/plain; charset=utf-8"
    );
    assert!(header_str(&robots, "content-security-policy").is_empty());
}

#[tokio::test]
async fn missing_dist_answers_503_and_the_api_still_works() {
    let base = start(Config {
        dist: std::env::temp_dir().join("posthog-console-no-such-dist"),
        deterministic: true,
        ..Config::default()
    })
    .await;
    let r = client().get(format!("{base}/")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    assert!(header_str(&r, "content-type").starts_with("text/plain"));
    assert!(r.text().await.unwrap().contains("build"));
    let (status, body) = get_json(&format!("{base}/api/organizations/")).await;
    assert_eq!(status, 200);
    assert_eq!(body["count"], 3);
}

#[tokio::test]
async fn authentication_errors() {
    let base = start(demo_config()).await;
    let c = client();
    let r = c
        .get(format!("{base}/api/organizations/"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(header_str(&r, "access-control-allow-origin"), "*");
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({"type": "authentication_error", "code": "not_authenticated",
               "detail": "Authentication credentials were not provided.", "attr": null})
    );
    let r = c
        .get(format!("{base}/api/organizations/"))
        .header(header::AUTHORIZATION, "Bearer phx_wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "authentication_failed");
    assert_eq!(
        body["detail"],
        "Personal API key found in request Authorization header is invalid."
    );
}

#[tokio::test]
async fn request_errors_are_posthog_shaped() {
    let base = start(demo_config()).await;
    let c = client();
    let org = format!("{base}/api/organizations/{HOGFLIX_ORG_ID}/");

    let r = c
        .patch(&org)
        .header(header::AUTHORIZATION, auth())
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let text = r.text().await.unwrap();
    assert!(
        text.starts_with(
            r#"{"type":"invalid_request","code":"parse_error","detail":"JSON parse error - "#
        ),
        "{text}"
    );

    for path in ["/api/organizations/x/nope/", "/api/nothing", "/api/"] {
        let r = c
            .get(format!("{base}{path}"))
            .header(header::AUTHORIZATION, auth())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(
            body,
            json!({"type": "invalid_request", "code": "not_found", "detail": "Not found.", "attr": null})
        );
    }

    // an organization you do not belong to, or that does not exist
    let (status, _) = get_json(&format!(
        "{base}/api/organizations/00000000-0000-4000-8000-000000000000/"
    ))
    .await;
    assert_eq!(status, 404);

    let r = c
        .put(format!("{org}members/"))
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert!(header_str(&r, "allow").contains("GET"));

    let r = c
        .patch(&org)
        .header(header::AUTHORIZATION, auth())
        .header(header::CONTENT_TYPE, "application/json")
        .body(json!({"name": "x".repeat(65)}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["attr"], "name");
    assert_eq!(body["type"], "validation_error");

    let big = format!(
        "{{\"name\": \"{}\"}}",
        "a".repeat(server::MAX_BODY_BYTES + 10)
    );
    let r = c
        .post(format!("{base}/api/organizations/"))
        .header(header::AUTHORIZATION, auth())
        .header(header::CONTENT_TYPE, "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["type"], "invalid_request");
}

#[tokio::test]
async fn trailing_slashes_current_org_and_pagination_links() {
    let base = start(demo_config()).await;
    let (s1, with) = get_json(&format!("{base}/api/organizations/@current/")).await;
    let (s2, without) = get_json(&format!("{base}/api/organizations/@current")).await;
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(with["id"], HOGFLIX_ORG_ID);
    assert_eq!(without["id"], HOGFLIX_ORG_ID);
    assert_eq!(with["name"], "Hogflix");
    assert_eq!(with["membership_level"], 15);

    let host = base.trim_start_matches("http://");
    let url = format!(
        "{base}/api/organizations/{HOGFLIX_ORG_ID}/members/?limit=10&offset=20&order=-joined_at"
    );
    let (status, page) = get_json(&url).await;
    assert_eq!(status, 200);
    assert_eq!(page["count"], 120);
    assert_eq!(page["results"].as_array().unwrap().len(), 10);
    assert_eq!(
        page["next"],
        format!("http://{host}/api/organizations/{HOGFLIX_ORG_ID}/members/?limit=10&offset=30&order=-joined_at")
    );
    assert_eq!(
        page["previous"],
        format!("http://{host}/api/organizations/{HOGFLIX_ORG_ID}/members/?limit=10&offset=10&order=-joined_at")
    );

    let (_, me) = get_json(&format!(
        "{base}/api/organizations/{HOGFLIX_ORG_ID}/members/?email=DANA@hogflix.example"
    ))
    .await;
    assert_eq!(me["count"], 1);
    assert_eq!(me["results"][0]["user"]["uuid"], server::DEMO_USER_UUID);
}

#[tokio::test]
async fn cors_preflight() {
    let base = start(demo_config()).await;
    let r = client()
        .request(
            reqwest::Method::OPTIONS,
            format!("{base}/api/organizations/"),
        )
        .header(header::ORIGIN, "https://console.example")
        .header("access-control-request-method", "PATCH")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert_eq!(header_str(&r, "access-control-allow-origin"), "*");
    let allowed = header_str(&r, "access-control-allow-headers").to_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("content-type"));
}

#[tokio::test]
async fn fault_control_endpoint() {
    let base = start(Config {
        faults: FaultConfig {
            control: true,
            ..FaultConfig::default()
        },
        ..demo_config()
    })
    .await;
    let c = client();
    let control = format!("{base}/_demo/faults");
    let orgs = format!("{base}/api/organizations/");

    let r = c
        .post(&control)
        .json(&json!({"status": 500, "count": 1, "path_prefix": "/api/organizations/"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .post(&control)
        .json(&json!({"status": 429, "count": 1, "path_prefix": "/api/organizations/"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // another prefix is not affected
    let (status, _) = get_json(&format!("{base}/api/users/@me/")).await;
    assert_eq!(status, 200);

    let (status, body) = get_json(&orgs).await;
    assert_eq!(status, 500);
    assert_eq!(body["type"], "server_error");

    let r = c
        .get(&orgs)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().get(header::RETRY_AFTER).is_none());
    assert_eq!(header_str(&r, "access-control-allow-origin"), "*");
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body,
        json!({"type": "throttled_error", "code": "throttled",
               "detail": "Request was throttled. Expected available in 2 seconds.", "attr": null})
    );

    let (status, _) = get_json(&orgs).await;
    assert_eq!(status, 200);

    // a dropped connection has no answer
    c.post(&control)
        .json(&json!({"status": "drop"}))
        .send()
        .await
        .unwrap();
    let dropped = match c
        .get(&orgs)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
    {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(dropped);

    // DELETE clears what is queued
    c.post(&control)
        .json(&json!({"status": 500, "count": 3}))
        .send()
        .await
        .unwrap();
    let r = c.delete(&control).send().await.unwrap();
    assert_eq!(r.status(), 204);
    let (status, _) = get_json(&orgs).await;
    assert_eq!(status, 200);

    let r = c
        .post(&control)
        .json(&json!({"status": "teapot"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    // reset restores the seed
    let invites = format!("{base}/api/organizations/{HOGFLIX_ORG_ID}/invites/");
    let (_, before) = get_json(&invites).await;
    let r = c
        .post(&invites)
        .header(header::AUTHORIZATION, auth())
        .json(&json!({"target_email": "someone.new@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let (_, after) = get_json(&invites).await;
    assert_eq!(
        after["count"].as_u64().unwrap(),
        before["count"].as_u64().unwrap() + 1
    );
    let r = c.post(format!("{base}/_demo/reset")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let (_, reset) = get_json(&invites).await;
    assert_eq!(reset, before);
}

#[tokio::test]
async fn fault_control_is_off_by_default() {
    let base = start(demo_config()).await;
    let r = client()
        .post(format!("{base}/_demo/faults"))
        .json(&json!({"status": 500}))
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 200);
}

#[tokio::test]
async fn proxy_mode_passes_requests_through() {
    let upstream = start(demo_config()).await;
    let proxy = start(Config {
        dist: temp_dist(),
        upstream: Some(upstream.clone()),
        ..Config::default()
    })
    .await;
    let c = client();

    // the key passes through: the upstream demo accepts it
    let path = format!("/api/organizations/{HOGFLIX_ORG_ID}/members/?limit=5&offset=5");
    let via_proxy = c
        .get(format!("{proxy}{path}"))
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(via_proxy.status(), 200);
    assert_eq!(header_str(&via_proxy, "content-type"), "application/json");
    let proxied: Value = via_proxy.json().await.unwrap();
    let (_, direct) = get_json(&format!("{upstream}{path}")).await;
    assert_eq!(proxied, direct);
    // links name the host the upstream was asked with
    assert!(proxied["next"].as_str().unwrap().contains("offset=10"));

    // a bad key is the upstream's answer
    let r = c
        .get(format!("{proxy}/api/organizations/"))
        .header(header::AUTHORIZATION, "Bearer phx_wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "authentication_failed");

    // bodies and content types go up
    let r = c
        .post(format!("{proxy}/api/organizations/{HOGFLIX_ORG_ID}/roles/"))
        .header(header::AUTHORIZATION, auth())
        .json(&json!({"name": "Proxied role"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let role: Value = r.json().await.unwrap();
    let (status, fetched) = get_json(&format!(
        "{upstream}/api/organizations/{HOGFLIX_ORG_ID}/roles/{}/",
        role["id"].as_str().unwrap()
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(fetched["name"], "Proxied role");

    // the app is still served by the proxy server itself
    let r = c.get(format!("{proxy}/orgs/x")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(header_str(&r, "content-type").starts_with("text/html"));
}

#[tokio::test]
async fn unreachable_upstream_is_a_502() {
    // a port nothing listens on
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let proxy = start(Config {
        dist: temp_dist(),
        upstream: Some(dead),
        ..Config::default()
    })
    .await;
    let r = client()
        .get(format!("{proxy}/api/organizations/"))
        .header(header::AUTHORIZATION, "Bearer phx_secret_should_not_leak")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 502);
    let text = r.text().await.unwrap();
    assert!(!text.contains("phx_secret_should_not_leak"));
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["type"], "server_error");
    assert_eq!(body["code"], "upstream_unreachable");
    assert_eq!(body["attr"], Value::Null);
}

#[tokio::test]
async fn demo_walkthroughs() {
    let base = start(demo_config()).await;
    let c = client();
    let org = format!("{base}/api/organizations/{HOGFLIX_ORG_ID}");

    // a domain under the test suffix verifies at once
    let r = c
        .post(format!("{org}/domains/"))
        .header(header::AUTHORIZATION, auth())
        .json(&json!({"domain": format!("acme{}", server::VERIFIED_DOMAIN_SUFFIX)}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let domain: Value = r.json().await.unwrap();
    assert_eq!(domain["is_verified"], false);
    let verify = format!("{org}/domains/{}/verify/", domain["id"].as_str().unwrap());
    let r = c
        .post(&verify)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    let verified: Value = r.json().await.unwrap();
    assert_eq!(verified["is_verified"], true);
    let r = c
        .post(&verify)
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "already_verified");

    // proxy records: up to the limit, then a bare detail
    let mut last = None;
    for i in 0..server::MAX_PROXY_RECORDS {
        let r = c
            .post(format!("{org}/proxy_records/"))
            .header(header::AUTHORIZATION, auth())
            .json(&json!({"domain": format!("p{i}.hogflix.example")}))
            .send()
            .await
            .unwrap();
        last = Some(r.status().as_u16());
        if r.status() == 400 {
            let body: Value = r.json().await.unwrap();
            assert_eq!(
                body,
                json!({"detail": format!("Maximum of {} proxy records per organization.", server::MAX_PROXY_RECORDS)})
            );
            break;
        }
        let created: Value = r.json().await.unwrap();
        assert_eq!(created["status"], "waiting");
        assert!(created["target_cname"]
            .as_str()
            .unwrap()
            .ends_with(".proxy-demo.posthog.example"));
    }
    assert_eq!(last, Some(400));

    // batch exports never return secrets
    let r = c
        .post(format!("{org}/batch_exports/"))
        .header(header::AUTHORIZATION, auth())
        .json(&json!({
            "name": "Warehouse",
            "interval": "hour",
            "destination": {"type": "Postgres", "config": {
                "host": "db.example.com", "user": "u", "password": "hunter2",
                "database": "d", "table_name": "events"}}
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let text = r.text().await.unwrap();
    assert!(!text.contains("hunter2"));
    let export: Value = serde_json::from_str(&text).unwrap();
    let id = export["id"].as_str().unwrap();
    let r = c
        .post(format!("{org}/batch_exports/{id}/pause/"))
        .header(header::AUTHORIZATION, auth())
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"paused": true}));
}
