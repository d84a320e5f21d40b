//! Organizations: the answer model, the create body (also the edit form's value) and the patch.

use serde::{Deserialize, Serialize};
#[cfg(feature = "full")]
use serde_json::Value;

use super::enums::MembershipLevel;
#[cfg(feature = "full")]
use super::enums::PluginsAccessLevel;
use super::serde_util::{
    double_option, id_name_objects, id_name_pairs, lenient_count, null_default,
};

/// An organization as the server answers it: what the console shows, and with the `full`
/// feature every field PostHog sends (the fields not read are skipped when decoding).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub logo_media_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Your level in it (null for staff without membership).
    pub membership_level: Option<MembershipLevel>,
    #[serde(deserialize_with = "null_default")]
    pub is_member_join_email_enabled: bool,
    pub enforce_2fa: Option<bool>,
    /// A number on real servers (the schema says string): read from either.
    #[serde(deserialize_with = "lenient_count")]
    pub member_count: Option<u64>,
    #[cfg(feature = "full")]
    pub plugins_access_level: Option<PluginsAccessLevel>,
    /// Its projects that the key can see, as (id, name): an export names its project by id.
    #[serde(deserialize_with = "id_name_pairs", serialize_with = "id_name_objects")]
    pub teams: Vec<(i64, String)>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub projects: Vec<Value>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub available_product_features: Vec<Value>,
    #[cfg(feature = "full")]
    pub metadata: Value,
    #[cfg(feature = "full")]
    pub customer_id: Option<String>,
    #[cfg(feature = "full")]
    pub members_can_invite: Option<bool>,
    #[cfg(feature = "full")]
    pub members_can_use_personal_api_keys: Option<bool>,
    #[cfg(feature = "full")]
    pub allow_publicly_shared_resources: Option<bool>,
    #[cfg(feature = "full")]
    pub is_ai_data_processing_approved: Option<bool>,
    #[cfg(feature = "full")]
    pub default_experiment_stats_method: Option<String>,
    #[cfg(feature = "full")]
    pub default_anonymize_ips: Option<bool>,
    #[cfg(feature = "full")]
    pub default_role_id: Option<String>,
}

/// Body of `POST /api/organizations/`, and the value of an organization form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrganizationCreate {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_media_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_member_join_email_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforce_2fa: Option<bool>,
}

impl OrganizationCreate {
    /// Just a name; the server's defaults for the rest.
    pub fn new(name: impl Into<String>) -> Self {
        OrganizationCreate {
            name: name.into(),
            ..Default::default()
        }
    }

    /// The editable values of an existing organization (to prefill a form).
    pub fn from_organization(org: &Organization) -> Self {
        OrganizationCreate {
            name: org.name.clone(),
            logo_media_id: org.logo_media_id.clone(),
            is_member_join_email_enabled: Some(org.is_member_join_email_enabled),
            enforce_2fa: org.enforce_2fa,
        }
    }
}

/// Body of `PATCH /api/organizations/:id/`: only the fields that are `Some` are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrganizationPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `Some(None)` clears the logo.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub logo_media_id: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_member_join_email_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforce_2fa: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_can_invite: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_can_use_personal_api_keys: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_publicly_shared_resources: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_anonymize_ips: Option<bool>,
    /// `Some(None)` clears the default role.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub default_role_id: Option<Option<String>>,
}

impl OrganizationPatch {
    /// The changes from `before` to the form value `edited` (a `None` flag in `edited` means
    /// "not edited"; a `None` logo means "no logo").
    pub fn diff(before: &Organization, edited: &OrganizationCreate) -> OrganizationPatch {
        OrganizationPatch {
            name: (edited.name != before.name).then(|| edited.name.clone()),
            logo_media_id: (edited.logo_media_id != before.logo_media_id)
                .then(|| edited.logo_media_id.clone()),
            is_member_join_email_enabled: edited
                .is_member_join_email_enabled
                .filter(|v| *v != before.is_member_join_email_enabled),
            enforce_2fa: edited
                .enforce_2fa
                .filter(|v| Some(*v) != before.enforce_2fa),
            ..Default::default()
        }
    }

    /// Nothing to send.
    pub fn is_empty(&self) -> bool {
        *self == OrganizationPatch::default()
    }
}
