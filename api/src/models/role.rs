//! Roles of an organization and their memberships.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::changed;
use super::enums::FeatureFlagsAccessLevel;
use super::member::{OrganizationMember, UserBasic};
use super::serde_util::{lenient_bool, list_or_empty};

/// A role as the server answers it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Role {
    pub id: String,
    pub name: String,
    /// Older servers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_flags_access_level: Option<FeatureFlagsAccessLevel>,
    pub created_at: String,
    pub created_by: Option<UserBasic>,
    /// The role's memberships (a list on real servers; anything else reads as empty).
    #[serde(deserialize_with = "list_or_empty")]
    pub members: Vec<RoleMembership>,
    /// The organization's default role for new members.
    #[serde(deserialize_with = "lenient_bool")]
    pub is_default: bool,
    /// Older servers only.
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
        RolePatch {
            name: changed(&before.name, &edited.name),
            feature_flags_access_level: edited
                .feature_flags_access_level
                .clone()
                .filter(|level| Some(level) != before.feature_flags_access_level.as_ref()),
        }
    }

    /// Nothing to send.
    pub fn is_empty(&self) -> bool {
        *self == RolePatch::default()
    }
}

/// A user's membership in a role.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleMembership {
    pub id: String,
    pub role_id: String,
    pub organization_member: Option<OrganizationMember>,
    pub user: Option<UserBasic>,
    pub joined_at: String,
    pub updated_at: String,
    /// Write-only on real servers; some answers echo it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_uuid: Option<String>,
}

/// Body of `POST .../roles/:role_id/role_memberships/`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoleMembershipCreate {
    pub user_uuid: String,
}
