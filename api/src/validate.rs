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
/// Longest role name PostHog accepts.
pub const ROLE_NAME_MAX_LEN: usize = 200;
/// Longest SAML entity ID or ACS URL PostHog accepts.
pub const SAML_FIELD_MAX_LEN: usize = 512;

/// A required name (of an organization, a role): not blank, at most `max_len` characters once
/// trimmed. `what` names the thing in the message ("Give the role a name.").
pub fn name(value: &str, max_len: usize, what: &str) -> Result<(), String> {
    let value = value.trim();
    if value.is_empty() {
        Err(format!("Give the {what} a name."))
    } else if value.chars().count() > max_len {
        Err(format!("At most {max_len} characters."))
    } else {
        Ok(())
    }
}

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

/// The sign-in settings of a verified domain as a form holds them (trimmed text, "" for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SamlSettings<'a> {
    pub sso_enforcement: &'a crate::models::SsoEnforcement,
    pub entity_id: &'a str,
    pub acs_url: &'a str,
    pub x509_cert: &'a str,
}

/// The checks of a domain's sign-in settings a client can make first: a PEM certificate, an
/// ACS URL that is a web address, [`SAML_FIELD_MAX_LEN`], and enforcing SAML only with all three
/// SAML fields. Each problem as (field, sentence for the form).
pub fn saml_settings(settings: &SamlSettings) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    let SamlSettings {
        sso_enforcement,
        entity_id,
        acs_url,
        x509_cert,
    } = *settings;
    if !x509_cert.is_empty() && !looks_like_pem_certificate(x509_cert) {
        problems.push((
            "saml_x509_cert",
            "This does not look like a PEM certificate: it should start with -----BEGIN CERTIFICATE----- and end with -----END CERTIFICATE-----.".to_string(),
        ));
    }
    if !acs_url.is_empty() && !acs_url.starts_with("https://") && !acs_url.starts_with("http://") {
        problems.push((
            "saml_acs_url",
            "The ACS URL must be a web address (https://...).".to_string(),
        ));
    }
    for (field, value) in [("saml_entity_id", entity_id), ("saml_acs_url", acs_url)] {
        if value.chars().count() > SAML_FIELD_MAX_LEN {
            problems.push((field, format!("At most {SAML_FIELD_MAX_LEN} characters.")));
        }
    }
    if *sso_enforcement == crate::models::SsoEnforcement::Saml
        && [entity_id, acs_url, x509_cert].iter().any(|v| v.is_empty())
    {
        problems.push((
            "sso_enforcement",
            "Enforcing SAML needs the entity ID, ACS URL and certificate below.".to_string(),
        ));
    }
    problems
}
