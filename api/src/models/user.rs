//! The user a personal API key belongs to (`GET /api/users/@me/`), trimmed to what the console
//! needs to recognise "you".

use serde::{Deserialize, Serialize};

use super::enums::MembershipLevel;
#[cfg(feature = "full")]
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

/// The current user: its uuid (to recognise "you"), the rest with the `full` feature.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CurrentUser {
    pub uuid: String,
    #[cfg(feature = "full")]
    pub distinct_id: Option<String>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    #[cfg(feature = "full")]
    pub last_name: Option<String>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub email: String,
    #[cfg(feature = "full")]
    pub is_email_verified: Option<bool>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub is_staff: bool,
    /// The organization currently selected in PostHog's own UI.
    #[cfg(feature = "full")]
    pub organization: Option<OrganizationBasic>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub organizations: Vec<OrganizationBasic>,
}
