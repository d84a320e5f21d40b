//! "Copy as curl": a call written as a curl command that does the same request, with the key as
//! the shell variable `$POSTHOG_PERSONAL_API_KEY`, never the key itself.

use crate::Method;

/// The shell variable the command reads the key from.
pub const KEY_VARIABLE: &str = "$POSTHOG_PERSONAL_API_KEY";

/// `url` is absolute (the chosen host and the path with its query); `body` is the JSON sent.
pub fn curl(method: Method, url: &str, body: Option<&str>) -> String {
    let mut command = String::from("curl");
    if method != Method::Get {
        command.push_str(" -X ");
        command.push_str(method.as_str());
    }
    command.push(' ');
    command.push_str(&quote(url));
    // double quotes: the shell expands the variable (and only it: the rest is fixed text)
    command.push_str(" \\\n  -H \"Authorization: Bearer ");
    command.push_str(KEY_VARIABLE);
    command.push('"');
    command.push_str(" \\\n  -H 'Accept: application/json'");
    if let Some(body) = body {
        command.push_str(" \\\n  -H 'Content-Type: application/json' \\\n  --data-raw ");
        command.push_str(&quote(body));
    }
    command
}

/// Single-quoted for a POSIX shell: nothing inside is expanded; a `'` is closed, escaped and
/// reopened.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_get_has_no_method_flag_and_no_body() {
        assert_eq!(
            curl(
                Method::Get,
                "https://us.posthog.com/api/organizations/?limit=20",
                None
            ),
            "curl 'https://us.posthog.com/api/organizations/?limit=20' \\\n  -H \"Authorization: Bearer $POSTHOG_PERSONAL_API_KEY\" \\\n  -H 'Accept: application/json'"
        );
    }

    #[test]
    fn a_post_sends_its_json_quoted_for_the_shell() {
        let command = curl(
            Method::Post,
            "http://127.0.0.1:8080/api/organizations/x/roles/",
            Some(r#"{"name":"Dana's $HOME `team`"}"#),
        );
        assert!(
            command.starts_with("curl -X POST 'http://127.0.0.1:8080/api/organizations/x/roles/'")
        );
        assert!(command.contains("-H 'Content-Type: application/json'"));
        // the quote is closed, escaped and reopened; $HOME and backticks stay inside '...'
        assert!(command.ends_with(r#"--data-raw '{"name":"Dana'\''s $HOME `team`"}'"#));
    }

    #[test]
    fn the_key_is_only_ever_the_variable() {
        for method in [Method::Get, Method::Post, Method::Patch, Method::Delete] {
            let command = curl(method, "https://eu.posthog.com/api/x/", Some("{}"));
            assert!(command.contains("Bearer $POSTHOG_PERSONAL_API_KEY\""));
            assert!(!command.contains("phx_"));
        }
    }
}
