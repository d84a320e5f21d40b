//! The built app: content types, caching, the build's pre-compressed copies, the CSP, client
//! routes, missing files, and a missing dist/.

mod common;

use base64::Engine;
use common::*;
use reqwest::header;
use server::static_files::IMMUTABLE;
use server::Config;
use sha2::{Digest, Sha256};

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
async fn every_kind_of_asset_and_method() {
    let config = demo_config();
    for (name, text) in [
        ("main-9b4de0af09972bb1.css", "body{}"),
        ("favicon-c3d1a89adf5dc73.svg", "<svg/>"),
        ("__wasm_split.js", "export {}"),
        ("chunk-0123456789abcdef_bg.wasm", "\0asm"),
    ] {
        std::fs::write(config.dist.join(name), text).unwrap();
    }
    let base = start(config).await;
    let c = client();
    for (path, content_type, cache) in [
        (
            "/main-9b4de0af09972bb1.css",
            "text/css; charset=utf-8",
            IMMUTABLE,
        ),
        ("/favicon-c3d1a89adf5dc73.svg", "image/svg+xml", IMMUTABLE),
        (
            "/__wasm_split.js",
            "text/javascript; charset=utf-8",
            "no-cache",
        ),
        (
            "/chunk-0123456789abcdef_bg.wasm",
            "application/wasm",
            IMMUTABLE,
        ),
        ("/index.html", "text/html; charset=utf-8", "no-cache"),
    ] {
        let r = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(header_str(&r, "content-type"), content_type, "{path}");
        assert_eq!(header_str(&r, "cache-control"), cache, "{path}");
    }
    // HEAD of the app carries the same CSP as GET
    let get = c.get(format!("{base}/orgs/x")).send().await.unwrap();
    let head = c.head(format!("{base}/orgs/x")).send().await.unwrap();
    assert_eq!(head.status(), 200);
    let csp = header_str(&get, "content-security-policy");
    assert!(csp.contains("'sha256-"), "{csp}");
    assert_eq!(header_str(&head, "content-security-policy"), csp);
    // the app is read-only; dot files and directories are not files
    let r = c.post(format!("{base}/")).send().await.unwrap();
    assert_eq!(
        (r.status().as_u16(), header_str(&r, "allow")),
        (405, "GET, HEAD".to_string())
    );
    let r = c.get(format!("{base}/.hidden.txt")).send().await.unwrap();
    assert_eq!(r.status(), 404);
}
