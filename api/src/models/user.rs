//! The user a personal API key belongs to (`GET /api/users/@me/`), trimmed to what the console
//! needs to recognise "you".

use serde::{Deserialize, Serialize};

use super::enums::MembershipLevel;
use super::serde_util::null_default;

/// An organization as listed in the current user's `organizations`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganizationBasic {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub logo_media_id: Option<String>,
    pub membership_level: Option<MembershipLevel>,
}

/// The current user.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CurrentUser {
    pub uuid: String,
    pub distinct_id: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    pub last_name: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub email: String,
    pub is_email_verified: Option<bool>,
    #[serde(deserialize_with = "null_default")]
    pub is_staff: bool,
    /// The organization currently selected in PostHog's own UI.
    pub organization: Option<OrganizationBasic>,
    #[serde(deserialize_with = "null_default")]
    pub organizations: Vec<OrganizationBasic>,
}
