//! Client-side checks mirroring PostHog's own validation, so a form can answer before a round
//! trip (the server still has the last word).

/// Longest organization domain PostHog accepts.
pub const DOMAIN_MAX_LEN: usize = 128;
/// Longest proxy record domain PostHog accepts.
pub const PROXY_DOMAIN_MAX_LEN: usize = 64;
/// Longest organization name PostHog accepts.
pub const ORGANIZATION_NAME_MAX_LEN: usize = 64;
/// Longest invite `first_name` PostHog accepts.
pub const INVITE_FIRST_NAME_MAX_LEN: usize = 30;

/// A domain as PostHog wants it: `^([a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,}$`, at most `max_len`
/// characters. The error is a sentence for the form.
pub fn domain(value: &str, max_len: usize) -> Result<(), String> {
    if value.is_empty() {
        return Err("Enter a domain, like example.com.".to_string());
    }
    if value.contains("://") || value.contains('/') {
        return Err("Enter just the domain, without https:// or a path.".to_string());
    }
    if value.chars().count() > max_len {
        return Err(format!("At most {max_len} characters."));
    }
    if value.chars().any(|c| c.is_ascii_uppercase()) {
        return Err("Use lower-case letters.".to_string());
    }
    if !is_domain(value) {
        return Err(
            "Enter a domain like example.com: letters, digits and hyphens, separated by dots."
                .to_string(),
        );
    }
    Ok(())
}

/// The shape check of [`domain`] alone (no length limit).
pub fn is_domain(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    let Some((tld, labels)) = parts.split_last() else {
        return false;
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && !l.contains("--")
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    !labels.is_empty()
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_lowercase())
        && labels.iter().all(|l| label_ok(l))
}

/// A simple email check: something@something.tld, no spaces, at most 254 characters.
pub fn looks_like_email(value: &str) -> bool {
    let value = value.trim();
    let Some((local, host)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !host.contains('@')
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !value.contains(char::is_whitespace)
        && value.chars().count() <= 254
}

/// A PEM certificate: `-----BEGIN CERTIFICATE-----`, base64 lines, `-----END CERTIFICATE-----`.
pub fn looks_like_pem_certificate(value: &str) -> bool {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let value = value.trim();
    let Some(body) = value
        .strip_prefix(BEGIN)
        .and_then(|rest| rest.strip_suffix(END))
    else {
        return false;
    };
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
}
