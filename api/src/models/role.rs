//! Roles of an organization and their memberships.

use serde::{Deserialize, Serialize};
#[cfg(feature = "full")]
use serde_json::Value;

use super::changed;
use super::enums::FeatureFlagsAccessLevel;
#[cfg(feature = "full")]
use super::member::OrganizationMember;
use super::member::UserBasic;
#[cfg(feature = "full")]
use super::serde_util::lenient_bool;
use super::serde_util::list_or_empty;

/// A role as the server answers it (the flags with the `full` feature).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub created_by: Option<UserBasic>,
    /// The role's memberships (a list on real servers; anything else reads as empty).
    #[serde(deserialize_with = "list_or_empty")]
    pub members: Vec<RoleMembership>,
    /// Older servers only.
    #[cfg(feature = "full")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_flags_access_level: Option<FeatureFlagsAccessLevel>,
    /// The organization's default role for new members.
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "lenient_bool")]
    pub is_default: bool,
    /// Older servers only.
    #[cfg(feature = "full")]
    #[serde(skip_serializing_if = "Value::is_null")]
    pub associated_flags: Value,
}

/// Body of `POST .../roles/`, and the value of a role form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoleCreate {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_flags_access_level: Option<FeatureFlagsAccessLevel>,
}

impl RoleCreate {
    pub fn new(name: impl Into<String>) -> Self {
        RoleCreate {
            name: name.into(),
            feature_flags_access_level: None,
        }
    }
}

/// Body of `PATCH .../roles/:id/`: only `Some` fields are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RolePatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_flags_access_level: Option<FeatureFlagsAccessLevel>,
}

impl RolePatch {
    /// The changes from `before` to the form value `edited` (a `None` access level: not edited).
    pub fn diff(before: &Role, edited: &RoleCreate) -> RolePatch {
        #[cfg(feature = "full")]
        let before_level = before.feature_flags_access_level.as_ref();
        #[cfg(not(feature = "full"))]
        let before_level = None;
        RolePatch {
            name: changed(&before.name, &edited.name),
            feature_flags_access_level: edited
                .feature_flags_access_level
                .clone()
                .filter(|level| Some(level) != before_level),
        }
    }

    /// Nothing to send.
    pub fn is_empty(&self) -> bool {
        *self == RolePatch::default()
    }
}

/// A user's membership in a role (the rest with the `full` feature).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleMembership {
    pub id: String,
    pub user: Option<UserBasic>,
    pub joined_at: String,
    #[cfg(feature = "full")]
    pub role_id: String,
    #[cfg(feature = "full")]
    pub organization_member: Option<OrganizationMember>,
    #[cfg(feature = "full")]
    pub updated_at: String,
    /// Write-only on real servers; some answers echo it.
    #[cfg(feature = "full")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_uuid: Option<String>,
}

/// Body of `POST .../roles/:role_id/role_memberships/`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoleMembershipCreate {
    pub user_uuid: String,
}
