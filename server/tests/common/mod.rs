//! What the server's HTTP tests share: a server in-process on 127.0.0.1:0, a dist/ like trunk's,
//! and a client with the demo key.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use reqwest::header;
use serde_json::Value;
use server::{Config, DEMO_KEY};

pub const INLINE_SCRIPT: &str =
    "\nimport init from '/posthog-console-0123456789abcdef.js';\nawait init();\n";
pub const JS_NAME: &str = "posthog-console-0123456789abcdef.js";
pub const WASM_NAME: &str = "posthog-console-0123456789abcdef_bg.wasm";
pub const GZIP_COPY: &[u8] = b"\x1f\x8b pre-compressed by the build (gzip)";
pub const BROTLI_COPY: &[u8] = b"pre-compressed by the build (brotli)";

pub async fn start(config: Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::serve(listener, config));
    format!("http://{addr}")
}

/// A dist/ like trunk's: index.html with an inline module script, hashed js and wasm.
pub fn temp_dist() -> PathBuf {
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

pub fn demo_config() -> Config {
    Config {
        dist: temp_dist(),
        deterministic: true,
        ..Config::default()
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::new()
}

pub fn auth() -> String {
    format!("Bearer {DEMO_KEY}")
}

pub async fn get_json(url: &str) -> (u16, Value) {
    get_json_as(url, &auth()).await
}

/// A GET with this Authorization header (a wrong key, say): status and JSON body.
pub async fn get_json_as(url: &str, authorization: &str) -> (u16, Value) {
    let r = client()
        .get(url)
        .header(header::AUTHORIZATION, authorization)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

pub fn header_str(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}
