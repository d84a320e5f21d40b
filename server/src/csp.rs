//! The Content-Security-Policy of the app's HTML: the sha256 of each inline script trunk writes
//! into index.html goes into `script-src`, and `--connect-src` hosts into `connect-src`.

use base64::Engine;
use sha2::{Digest, Sha256};

/// PostHog's cloud hosts, which the console may call directly.
pub const POSTHOG_CLOUD_HOSTS: &[&str] = &["https://us.posthog.com", "https://eu.posthog.com"];

/// The exact text of every inline `<script>` (one without `src`) in `html`.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<script") {
        let tag_start = from + found;
        let after_name = tag_start + "<script".len();
        // `<scripts>` or `<script-x>` are other elements
        if !lower[after_name..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            from = after_name;
            continue;
        }
        let Some(tag_len) = lower[after_name..].find('>') else {
            break;
        };
        let tag_end = after_name + tag_len;
        let attrs = &lower[after_name..tag_end];
        let content_start = tag_end + 1;
        let Some(close) = lower[content_start..].find("</script") else {
            break;
        };
        let content_end = content_start + close;
        if !has_src(attrs) {
            scripts.push(&html[content_start..content_end]);
        }
        from = content_end;
    }
    scripts
}

fn has_src(attrs: &str) -> bool {
    let bytes = attrs.as_bytes();
    attrs.match_indices("src").any(|(i, _)| {
        let before_ok = i == 0 || bytes[i - 1].is_ascii_whitespace();
        let rest = attrs[i + 3..].trim_start();
        before_ok && rest.starts_with('=')
    })
}

/// `'sha256-<base64>'` of a script's text.
pub fn hash_source(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy for an HTML page with this text.
pub fn policy(html: &str, connect_src: &[String]) -> String {
    let mut script_src = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    for script in inline_scripts(html) {
        let hash = hash_source(script);
        if !script_src.contains(&hash) {
            script_src.push(hash);
        }
    }
    let mut connect = vec!["'self'".to_string()];
    connect.extend(POSTHOG_CLOUD_HOSTS.iter().map(|h| h.to_string()));
    for host in connect_src {
        let clean: String = host
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && *c != ';' && *c != ',')
            .collect();
        if !clean.is_empty() && !connect.contains(&clean) {
            connect.push(clean);
        }
    }
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' data:; connect-src {}; \
         object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        script_src.join(" "),
        connect.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = "<html><head><script type=\"module\">\nimport init from '/a.js';\n</script>\
                    <script src=\"/x.js\"></script><SCRIPT>b()</SCRIPT><scripts>no</scripts></head></html>";
        assert_eq!(
            inline_scripts(html),
            vec!["\nimport init from '/a.js';\n", "b()"]
        );
    }

    #[test]
    fn data_src_is_not_src() {
        let html = "<script data-src=\"x\">a()</script>";
        assert_eq!(inline_scripts(html), vec!["a()"]);
    }

    #[test]
    fn hash_matches_known_value() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash_source("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn policy_lists_hashes_and_hosts() {
        let p = policy(
            "<script>alert(1)</script>",
            &[
                "https://ph.example.com".to_string(),
                "bad; value".to_string(),
            ],
        );
        assert!(p.contains(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        ));
        assert!(p.contains(
            "connect-src 'self' https://us.posthog.com https://eu.posthog.com https://ph.example.com badvalue;"
        ));
        assert!(p.ends_with("frame-ancestors 'none'"));
        assert!(p.contains("object-src 'none'; base-uri 'none'; form-action 'none'"));
    }
}
