//! Managed reverse proxy records (a CNAME to PostHog, with a certificate PostHog issues).

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::enums::ProxyRecordStatus;
use super::serde_util::null_default;

/// A proxy record as the server answers it (who and when updated with the `full` feature).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProxyRecord {
    pub id: String,
    pub domain: String,
    /// Where the person's CNAME must point.
    #[serde(deserialize_with = "null_default")]
    pub target_cname: String,
    #[serde(deserialize_with = "null_default")]
    pub status: ProxyRecordStatus,
    /// Explains a warning or error.
    pub message: Option<String>,
    pub created_at: String,
    #[cfg(feature = "full")]
    pub updated_at: String,
    #[cfg(feature = "full")]
    pub created_by: Option<i64>,
}

/// Body of `POST .../proxy_records/`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProxyRecordCreate {
    pub domain: String,
}

/// Body of `PATCH .../proxy_records/:id/`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProxyRecordPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
}

/// Answer of `GET .../proxy_records/`: older servers send a plain array, newer ones
/// `{"results": [...], "max_proxy_records": N}` (a paginated object also reads).
/// Serializes as the object.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ProxyRecordList {
    pub results: Vec<ProxyRecord>,
    /// The organization's limit, when the server tells it.
    pub max_proxy_records: Option<u32>,
}

impl ProxyRecordList {
    /// No more records can be added (known only when the server sends the limit).
    pub fn at_limit(&self) -> bool {
        self.max_proxy_records
            .is_some_and(|max| self.results.len() >= max as usize)
    }
}

impl<'de> Deserialize<'de> for ProxyRecordList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped {
            #[serde(default, deserialize_with = "null_default")]
            results: Vec<ProxyRecord>,
            #[serde(default)]
            max_proxy_records: Option<u32>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            List(Vec<ProxyRecord>),
            Wrapped(Wrapped),
        }
        Ok(match Shape::deserialize(deserializer)? {
            Shape::List(results) => ProxyRecordList {
                results,
                max_proxy_records: None,
            },
            Shape::Wrapped(w) => ProxyRecordList {
                results: w.results,
                max_proxy_records: w.max_proxy_records,
            },
        })
    }
}
