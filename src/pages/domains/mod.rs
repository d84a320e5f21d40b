//! Verified domains: the table (verification, JIT provisioning, SSO enforcement, SAML state, a
//! Verify action), adding a domain, and the walkthrough page of one domain: the DNS TXT record
//! with copy buttons, verify (where "not yet" is a normal answer), then sign-in settings.

mod list;
mod walkthrough;

pub use list::DomainsPage;
pub use walkthrough::DomainPage;

use api::models::OrganizationDomain;

const DOMAIN_FIELDS: &[&str] = &[
    "domain",
    "jit_provisioning_enabled",
    "sso_enforcement",
    "saml_entity_id",
    "saml_acs_url",
    "saml_x509_cert",
];

/// PostHog's answer when verifying a domain that already is.
fn already_verified(error: &api::ApiError) -> bool {
    matches!(error, api::ApiError::Validation { code: Some(code), .. } if code == "already_verified")
}

/// "Configured", "Partly set up" or "Not set up", from the three SAML fields.
fn saml_state(d: &OrganizationDomain) -> &'static str {
    let set = [&d.saml_entity_id, &d.saml_acs_url, &d.saml_x509_cert]
        .iter()
        .filter(|f| f.as_deref().is_some_and(|v| !v.trim().is_empty()))
        .count();
    match (d.has_saml, set) {
        (true, _) | (_, 3) => "Configured",
        (_, 0) => "Not set up",
        _ => "Partly set up",
    }
}
