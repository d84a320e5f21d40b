//! Invites to an organization: the answer model and the create body (single or bulk).

use serde::{Deserialize, Serialize};

use super::enums::{MembershipLevel, ProjectAccessLevel};
use super::member::UserBasic;
use super::serde_util::null_default;
use crate::error::ApiError;

/// Most invites one bulk request may carry.
pub const MAX_BULK_INVITES: usize = 20;
/// How long an invite stays valid.
pub const INVITE_VALID_DAYS: u32 = 3;

/// Access to one private project granted with an invite.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PrivateProjectAccess {
    /// The project id.
    pub id: i64,
    pub level: ProjectAccessLevel,
}

/// An invite as the server answers it (valid for [`INVITE_VALID_DAYS`] days: see `is_expired`);
/// the fields the console does not show come with the `full` feature.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganizationInvite {
    pub id: String,
    pub target_email: String,
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    pub level: MembershipLevel,
    #[serde(deserialize_with = "null_default")]
    pub is_expired: bool,
    pub created_by: Option<UserBasic>,
    pub created_at: String,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub emailing_attempt_made: bool,
    #[cfg(feature = "full")]
    pub updated_at: String,
    #[cfg(feature = "full")]
    pub message: Option<String>,
    #[cfg(feature = "full")]
    pub private_project_access: Option<Vec<PrivateProjectAccess>>,
    /// Write-only on real servers; some answers echo it.
    #[cfg(feature = "full")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_email: Option<bool>,
}

/// Body of `POST .../invites/` (and one row of `.../invites/bulk/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCreate {
    pub target_email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub first_name: String,
    #[serde(default)]
    pub level: MembershipLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub private_project_access: Vec<PrivateProjectAccess>,
    #[serde(default = "default_true")]
    pub send_email: bool,
}

fn default_true() -> bool {
    true
}

impl Default for InviteCreate {
    fn default() -> Self {
        InviteCreate {
            target_email: String::new(),
            first_name: String::new(),
            level: MembershipLevel::Member,
            message: None,
            private_project_access: Vec::new(),
            send_email: true,
        }
    }
}

impl InviteCreate {
    /// An invite as a member, with an email sent.
    pub fn new(target_email: impl Into<String>) -> Self {
        InviteCreate {
            target_email: target_email.into(),
            ..Default::default()
        }
    }

    /// The checks PostHog makes that a client can make first (an email shape, `first_name` at
    /// most 30 characters), as the `Validation` error the server would answer.
    pub fn validate(&self) -> Result<(), ApiError> {
        let invalid = |code: &str, detail: &str, attr: &str| ApiError::Validation {
            detail: detail.to_string(),
            attr: Some(attr.to_string()),
            code: Some(code.to_string()),
        };
        let email = self.target_email.trim();
        if email.is_empty() {
            return Err(invalid(
                "required",
                "This field is required.",
                "target_email",
            ));
        }
        if !crate::validate::looks_like_email(email) {
            return Err(invalid(
                "invalid",
                "Enter a valid email address.",
                "target_email",
            ));
        }
        if self.first_name.chars().count() > crate::validate::INVITE_FIRST_NAME_MAX_LEN {
            return Err(invalid(
                "max_length",
                "Ensure this field has no more than 30 characters.",
                "first_name",
            ));
        }
        Ok(())
    }
}
