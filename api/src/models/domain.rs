//! Verified domains of an organization (DNS verification, JIT provisioning, SSO/SAML, SCIM).

use serde::{Deserialize, Serialize};

use super::changed;
use super::enums::SsoEnforcement;
use super::serde_util::{double_option, null_default};

/// TTL PostHog suggests for the verification TXT record.
pub const CHALLENGE_TTL_SECONDS: u32 = 3600;

/// A domain as the server answers it (the SCIM fields with the `full` feature).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganizationDomain {
    pub id: String,
    pub domain: String,
    #[serde(deserialize_with = "null_default")]
    pub is_verified: bool,
    pub verified_at: Option<String>,
    /// Value of the TXT record to add.
    #[serde(deserialize_with = "null_default")]
    pub verification_challenge: String,
    #[serde(deserialize_with = "null_default")]
    pub jit_provisioning_enabled: bool,
    #[serde(deserialize_with = "null_default")]
    pub sso_enforcement: SsoEnforcement,
    /// All three SAML fields are set.
    #[serde(deserialize_with = "null_default")]
    pub has_saml: bool,
    pub saml_entity_id: Option<String>,
    pub saml_acs_url: Option<String>,
    pub saml_x509_cert: Option<String>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub has_scim: bool,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub scim_enabled: bool,
    #[cfg(feature = "full")]
    pub scim_base_url: Option<String>,
    #[cfg(feature = "full")]
    pub scim_bearer_token: Option<String>,
}

impl OrganizationDomain {
    /// Name of the TXT record that proves ownership: `_posthog-challenge.<domain>.`
    pub fn challenge_record_name(&self) -> String {
        format!("_posthog-challenge.{}.", self.domain)
    }
}

/// Body of `POST .../domains/`. Only `domain` is accepted before verification.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DomainCreate {
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jit_provisioning_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_enforcement: Option<SsoEnforcement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saml_entity_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saml_acs_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saml_x509_cert: Option<String>,
}

impl DomainCreate {
    pub fn new(domain: impl Into<String>) -> Self {
        DomainCreate {
            domain: domain.into(),
            ..Default::default()
        }
    }

    /// PostHog's rule (see [`crate::validate::domain`]): lower-case labels of `a-z0-9` and inner
    /// `-`, a TLD of 2+ letters, at most 128 characters.
    pub fn is_valid_domain(domain: &str) -> bool {
        crate::validate::domain(domain, crate::validate::DOMAIN_MAX_LEN).is_ok()
    }
}

/// Body of `PATCH .../domains/:id/`: only `Some` fields are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DomainPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jit_provisioning_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_enforcement: Option<SsoEnforcement>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub saml_entity_id: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub saml_acs_url: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub saml_x509_cert: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scim_enabled: Option<bool>,
}

impl DomainPatch {
    /// The changes of the editable fields from `before` to `edited` (a copy the form changed).
    pub fn diff(before: &OrganizationDomain, edited: &OrganizationDomain) -> DomainPatch {
        DomainPatch {
            domain: changed(&before.domain, &edited.domain),
            jit_provisioning_enabled: changed(
                &before.jit_provisioning_enabled,
                &edited.jit_provisioning_enabled,
            ),
            sso_enforcement: changed(&before.sso_enforcement, &edited.sso_enforcement),
            saml_entity_id: changed(&before.saml_entity_id, &edited.saml_entity_id),
            saml_acs_url: changed(&before.saml_acs_url, &edited.saml_acs_url),
            saml_x509_cert: changed(&before.saml_x509_cert, &edited.saml_x509_cert),
            #[cfg(feature = "full")]
            scim_enabled: changed(&before.scim_enabled, &edited.scim_enabled),
            #[cfg(not(feature = "full"))]
            scim_enabled: None,
        }
    }

    /// Nothing to send.
    pub fn is_empty(&self) -> bool {
        *self == DomainPatch::default()
    }
}
