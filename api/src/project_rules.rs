//! Projects as a person reads them: the known product keys, a token masked for display, the
//! check of an app URL, and each activity log entry written as one sentence ("Dana Demo changed
//! the timezone from UTC to Europe/Berlin"), for every field, tokens masked.

use serde_json::Value;

use crate::models::ActivityLogEntry;

/// PostHog's product keys (`ProductKey`) a project can have an intent for or finish the
/// onboarding of, with their names.
pub const PRODUCT_KEYS: &[(&str, &str)] = &[
    ("product_analytics", "Product analytics"),
    ("web_analytics", "Web analytics"),
    ("session_replay", "Session replay"),
    ("feature_flags", "Feature flags"),
    ("experiments", "Experiments"),
    ("surveys", "Surveys"),
    ("data_warehouse", "Data warehouse"),
    ("error_tracking", "Error tracking"),
    ("llm_analytics", "LLM analytics"),
    ("revenue_analytics", "Revenue analytics"),
];

/// The name of a product key ("session_replay" -> "Session replay"); an unknown key as it is.
pub fn product_label(key: &str) -> String {
    PRODUCT_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(|| key.to_string(), |(_, label)| label.to_string())
}

/// Whether PostHog knows this product key.
pub fn is_product_key(key: &str) -> bool {
    PRODUCT_KEYS.iter().any(|(k, _)| *k == key)
}

/// Longest project name.
pub const PROJECT_NAME_MAX_LEN: usize = 200;

/// What a project gets called when it is created without a name (PostHog's model default).
pub const DEFAULT_PROJECT_NAME: &str = "Default project";

/// A token for display: its first 4 and last 4 characters ("phc_…x9Qz"); a token of 12
/// characters or fewer shows none of them.
pub fn mask_token(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() <= 12 {
        return "\u{2022}\u{2022}\u{2022}\u{2022}".into();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}\u{2026}{tail}")
}

/// An app URL as PostHog takes it (toolbar and heatmaps): `http(s)://host[:port][/path]`, the
/// host may start with a `*.` wildcard. The error says what is wrong.
pub fn check_app_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("Enter a URL, or remove this row.".into());
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("Start the URL with https:// or http://.")?;
    if url.chars().any(char::is_whitespace) {
        return Err("A URL cannot contain spaces.".into());
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    let bare = host.strip_prefix("*.").unwrap_or(host);
    let valid = !bare.is_empty()
        && bare.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label
                    .chars()
                    // letters and digits; any non-ASCII one is taken as an IDN's (checking
                    // Unicode classes would bring their tables into the browser's code)
                    .all(|c| c.is_ascii_alphanumeric() || !c.is_ascii() || c == '-' || c == '_')
        });
    if !valid {
        return Err(format!("\u{201c}{host}\u{201d} is not a valid host name."));
    }
    Ok(())
}

/// The checks of a list of app URLs: one entry per URL, `None` when it is fine.
pub fn check_app_urls(urls: &[String]) -> Vec<Option<String>> {
    urls.iter().map(|u| check_app_url(u).err()).collect()
}

/// Who did it: the person's name (or email), or "System".
fn actor(entry: &ActivityLogEntry) -> String {
    match &entry.user {
        Some(user) if entry.is_system != Some(true) => {
            let name = user.display_name();
            if name.is_empty() || user.first_name == "System" && user.email.is_empty() {
                "System".into()
            } else {
                name
            }
        }
        _ => "System".into(),
    }
}

/// A field's name in a sentence, and whether its on/off is reversed (`autocapture_opt_out`).
fn field_name(field: &str) -> (String, bool) {
    let name = match field {
        "name" => "the name",
        "product_description" => "the product description",
        "timezone" => "the timezone",
        "week_start_day" => "the week start",
        "app_urls" => "the app URLs",
        "anonymize_ips" => "IP anonymization",
        "api_token" => "the project API key",
        "session_recording_opt_in" => "session recording",
        "capture_console_log_opt_in" => "console log capture",
        "capture_performance_opt_in" => "performance capture",
        "surveys_opt_in" => "surveys",
        "heatmaps_opt_in" => "heatmaps",
        "access_control" => "private access",
        "recording_domains" => "the recording domains",
        "autocapture_opt_out" => return ("autocapture".into(), true),
        other => return (format!("the {}", other.replace('_', " ")), false),
    };
    (name.into(), false)
}

fn is_secret_field(field: &str) -> bool {
    field.contains("token") || field.contains("secret") || field.contains("password")
}

/// A value in a sentence; `None` when it has no short form (an object).
fn show(field: &str, value: &Value) -> Option<String> {
    let shown = match value {
        Value::Null if field == "week_start_day" => "by locale".into(),
        Value::Null => "nothing".into(),
        Value::String(s) if is_secret_field(field) => mask_token(s),
        Value::String(s) if s.is_empty() => "nothing".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) if field == "week_start_day" => match n.as_i64() {
            Some(0) => "Sunday".into(),
            Some(1) => "Monday".into(),
            _ => n.to_string(),
        },
        Value::Number(n) => n.to_string(),
        Value::Bool(true) => "on".into(),
        Value::Bool(false) => "off".into(),
        Value::Array(items) if items.is_empty() => "none".into(),
        Value::Array(items) => items
            .iter()
            .map(|i| show(field, i))
            .collect::<Option<Vec<_>>>()?
            .join(", "),
        Value::Object(_) => return None,
    };
    Some(shown)
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// One change as the words after the actor ("changed the timezone from UTC to Europe/Berlin").
pub fn change_clause(field: &str, before: &Value, after: &Value) -> String {
    let (name, reversed) = field_name(field);
    if field == "api_token" {
        return match (before.as_str(), after.as_str()) {
            (Some(b), Some(a)) => format!(
                "reset the project API key from {} to {}",
                mask_token(b),
                mask_token(a)
            ),
            _ => "reset the project API key".into(),
        };
    }
    if let (Value::Bool(_) | Value::Null, Value::Bool(on)) = (before, after) {
        let on = *on != reversed;
        return format!("turned {} {name}", if on { "on" } else { "off" });
    }
    if field.ends_with("urls") || field.ends_with("domains") {
        let (b, a) = (strings(before), strings(after));
        let added: Vec<&String> = a.iter().filter(|u| !b.contains(u)).collect();
        let removed: Vec<&String> = b.iter().filter(|u| !a.contains(u)).collect();
        let single = name.trim_start_matches("the ").trim_end_matches('s');
        let mut parts = Vec::new();
        for u in &added {
            parts.push(format!("added the {single} {u}"));
        }
        for u in &removed {
            parts.push(format!("removed the {single} {u}"));
        }
        if !parts.is_empty() {
            return join_clauses(parts);
        }
        if !before.is_null() || !after.is_null() {
            return format!("reordered {name}");
        }
    }
    if before.is_null() && after.is_null() {
        return format!("changed {name}");
    }
    match (show(field, before), show(field, after)) {
        (Some(b), Some(a)) if field == "product_description" && (b.len() > 60 || a.len() > 60) => {
            format!("changed {name}")
        }
        (Some(b), Some(a)) if before.is_null() && field != "week_start_day" => {
            let _ = b;
            format!("set {name} to {a}")
        }
        (Some(b), Some(a)) => format!("changed {name} from {b} to {a}"),
        _ => format!("changed {name}"),
    }
}

/// "a", "a and b", "a, b and c".
fn join_clauses(mut parts: Vec<String>) -> String {
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("{} and {last}", parts.join(", "))
        }
    }
}

/// The thing an entry is about: "the project Hogflix Web", "the feature flag dark-mode".
fn subject(entry: &ActivityLogEntry) -> String {
    let name = entry
        .detail
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty());
    let mut kind = String::new();
    for (i, c) in entry.scope.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            kind.push(' ');
        }
        kind.push(c.to_ascii_lowercase());
    }
    if kind.is_empty() {
        kind = "item".into();
    }
    match name {
        Some(name) => format!("the {kind} \u{201c}{name}\u{201d}"),
        None => format!("the {kind}"),
    }
}

/// An activity log entry as one sentence, tokens masked.
pub fn activity_sentence(entry: &ActivityLogEntry) -> String {
    let who = actor(entry);
    let changes: Vec<String> = entry
        .detail
        .get("changes")
        .and_then(Value::as_array)
        .map(|changes| {
            changes
                .iter()
                .filter_map(|c| {
                    let field = c.get("field").and_then(Value::as_str)?;
                    let null = Value::Null;
                    let before = c.get("before").unwrap_or(&null);
                    let after = c.get("after").unwrap_or(&null);
                    Some(change_clause(field, before, after))
                })
                .collect()
        })
        .unwrap_or_default();
    let about = subject(entry);
    let action = entry.activity.as_str();
    if !changes.is_empty() {
        let what = join_clauses(changes);
        if entry.scope == "Project" {
            return format!("{who} {what}");
        }
        return format!("{who} {what} of {about}");
    }
    match action {
        "created" | "deleted" | "updated" | "restored" | "exported" => {
            format!("{who} {action} {about}")
        }
        "" => format!("{who} changed {about}"),
        other => format!("{who} did \u{201c}{other}\u{201d} on {about}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::UserBasic;
    use serde_json::json;

    fn entry(user: Option<&str>, scope: &str, activity: &str, detail: Value) -> ActivityLogEntry {
        ActivityLogEntry {
            user: user.map(|first| UserBasic {
                first_name: first.into(),
                last_name: Some("Demo".into()),
                email: "dana@hogflix.example".into(),
                ..Default::default()
            }),
            scope: scope.into(),
            activity: activity.into(),
            detail,
            ..Default::default()
        }
    }

    fn changed(field: &str, before: Value, after: Value) -> Value {
        json!({"name": "Hogflix Web", "changes": [{"type": "Project", "action": "changed", "field": field, "before": before, "after": after}]})
    }

    #[test]
    fn masks_tokens() {
        assert_eq!(
            mask_token("phc_abcdefghijklmnopqrstuvwxyz0123"),
            "phc_\u{2026}0123"
        );
        assert_eq!(mask_token("short"), "\u{2022}\u{2022}\u{2022}\u{2022}");
        assert_eq!(mask_token(""), "\u{2022}\u{2022}\u{2022}\u{2022}");
    }

    #[test]
    fn checks_app_urls() {
        assert!(check_app_url("https://hogflix.example").is_ok());
        assert!(check_app_url("http://localhost:3000/app").is_ok());
        assert!(check_app_url("https://*.hogflix.example").is_ok());
        assert!(check_app_url("hogflix.example").is_err());
        assert!(check_app_url("").is_err());
        assert!(check_app_url("https://").is_err());
        assert!(check_app_url("https://bad host").is_err());
        assert!(check_app_url("ftp://x.example").is_err());
        assert_eq!(
            check_app_urls(&["https://a.example".into(), "nope".into()])
                .iter()
                .map(Option::is_some)
                .collect::<Vec<_>>(),
            vec![false, true]
        );
    }

    #[test]
    fn sentences_for_every_project_field() {
        let s = |field, b, a| {
            activity_sentence(&entry(
                Some("Dana"),
                "Project",
                "updated",
                changed(field, b, a),
            ))
        };
        assert_eq!(
            s("timezone", json!("UTC"), json!("Europe/Berlin")),
            "Dana Demo changed the timezone from UTC to Europe/Berlin"
        );
        assert_eq!(
            s(
                "api_token",
                json!("phc_aaaaaaaaaaaaaaaaaaaa1111"),
                json!("phc_bbbbbbbbbbbbbbbbbbbb2222")
            ),
            "Dana Demo reset the project API key from phc_\u{2026}1111 to phc_\u{2026}2222"
        );
        assert_eq!(
            s("week_start_day", json!(0), json!(1)),
            "Dana Demo changed the week start from Sunday to Monday"
        );
        assert_eq!(
            s("week_start_day", json!(1), Value::Null),
            "Dana Demo changed the week start from Monday to by locale"
        );
        assert_eq!(
            s("anonymize_ips", json!(false), json!(true)),
            "Dana Demo turned on IP anonymization"
        );
        assert_eq!(
            s("autocapture_opt_out", json!(false), json!(true)),
            "Dana Demo turned off autocapture"
        );
        assert_eq!(
            s("app_urls", json!(["https://a.example"]), json!(["https://b.example"])),
            "Dana Demo added the app URL https://b.example and removed the app URL https://a.example"
        );
        assert_eq!(
            s("name", json!("Old"), json!("New")),
            "Dana Demo changed the name from Old to New"
        );
        assert_eq!(
            s("timezone", Value::Null, Value::Null),
            "Dana Demo changed the timezone"
        );
        assert_eq!(
            s("product_description", Value::Null, json!("A video app")),
            "Dana Demo set the product description to A video app"
        );
        assert_eq!(
            s(
                "secret_api_token",
                json!("phs_1234567890abcdefgh"),
                Value::Null
            ),
            "Dana Demo changed the secret api token from phs_\u{2026}efgh to nothing"
        );
    }

    #[test]
    fn system_and_other_scopes() {
        let created = entry(None, "Project", "created", json!({"name": "Web"}));
        assert_eq!(
            activity_sentence(&created),
            "System created the project \u{201c}Web\u{201d}"
        );
        let flag = entry(
            Some("Dana"),
            "FeatureFlag",
            "deleted",
            json!({"name": "dark-mode"}),
        );
        assert_eq!(
            activity_sentence(&flag),
            "Dana Demo deleted the feature flag \u{201c}dark-mode\u{201d}"
        );
        let insight = entry(
            Some("Dana"),
            "Insight",
            "updated",
            json!({"name": "DAU", "changes": [{"field": "description", "before": null, "after": null}]}),
        );
        assert_eq!(
            activity_sentence(&insight),
            "Dana Demo changed the description of the insight \u{201c}DAU\u{201d}"
        );
    }

    #[test]
    fn product_keys() {
        assert!(is_product_key("session_replay"));
        assert!(!is_product_key("max_ai"));
        assert_eq!(product_label("surveys"), "Surveys");
        assert_eq!(product_label("max_ai"), "max_ai");
    }
}
