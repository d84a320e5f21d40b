//! Members of an organization, the basic user they wrap, and the member list's filters.

use serde::{Deserialize, Serialize};
#[cfg(feature = "full")]
use serde_json::Value;

use super::enums::MembershipLevel;
use super::serde_util::null_default;

/// A user as PostHog nests it in other objects (`UserBasic`); the rest with the `full` feature.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UserBasic {
    pub uuid: String,
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    pub last_name: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub email: String,
    #[cfg(feature = "full")]
    pub id: i64,
    #[cfg(feature = "full")]
    pub distinct_id: Option<String>,
    #[cfg(feature = "full")]
    pub is_email_verified: Option<bool>,
    #[cfg(feature = "full")]
    pub hedgehog_config: Option<Value>,
    /// engineering, data, product, founder, leadership, marketing, sales, other, "" or null.
    #[cfg(feature = "full")]
    pub role_at_organization: Option<String>,
}

impl UserBasic {
    /// "First Last", or the email when there is no name.
    pub fn display_name(&self) -> String {
        let name = format!(
            "{} {}",
            self.first_name,
            self.last_name.as_deref().unwrap_or("")
        );
        let name = name.trim();
        if name.is_empty() {
            self.email.clone()
        } else {
            name.to_string()
        }
    }
}

/// A membership of a user in an organization (`updated_at` with the `full` feature).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganizationMember {
    pub id: String,
    pub user: UserBasic,
    pub level: MembershipLevel,
    pub joined_at: String,
    #[cfg(feature = "full")]
    pub updated_at: String,
    #[serde(deserialize_with = "null_default")]
    pub is_2fa_enabled: bool,
    #[serde(deserialize_with = "null_default")]
    pub has_social_auth: bool,
    pub last_login: Option<String>,
}

/// Body of `PATCH .../members/:user_uuid/`: the new level (the only editable field).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MemberPatch {
    pub level: MembershipLevel,
}

/// Order of the member list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberOrder {
    /// Oldest first: "joined_at".
    JoinedAt,
    /// Newest first: "-joined_at".
    JoinedAtDesc,
}

impl MemberOrder {
    pub fn as_str(&self) -> &'static str {
        match self {
            MemberOrder::JoinedAt => "joined_at",
            MemberOrder::JoinedAtDesc => "-joined_at",
        }
    }

    /// "joined_at" or "-joined_at".
    pub fn parse(value: &str) -> Option<MemberOrder> {
        match value {
            "joined_at" => Some(MemberOrder::JoinedAt),
            "-joined_at" => Some(MemberOrder::JoinedAtDesc),
            _ => None,
        }
    }
}

/// Query of `GET .../members/`; empty strings are not sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberListQuery {
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    /// Exact email.
    pub email: Option<String>,
    /// Name or email contains (at most 200 characters).
    pub search: Option<String>,
    pub order: Option<MemberOrder>,
}

impl MemberListQuery {
    /// The query pairs, in a stable order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if let Some(limit) = self.limit {
            pairs.push(("limit".to_string(), limit.to_string()));
        }
        if let Some(offset) = self.offset {
            pairs.push(("offset".to_string(), offset.to_string()));
        }
        for (key, value) in [("email", &self.email), ("search", &self.search)] {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                pairs.push((key.to_string(), v.to_string()));
            }
        }
        if let Some(order) = self.order {
            pairs.push(("order".to_string(), order.as_str().to_string()));
        }
        pairs
    }
}
