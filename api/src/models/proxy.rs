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

/// Either shape PostHog answers with: a bare list, or `{"results": [...], "max_proxy_records": n}`.
/// Read by a visitor of its own rather than an untagged enum: serde's untagged enums buffer the
/// input and compile a second decoder of `ProxyRecord` for the buffer (about 2 KB of wasm).
impl<'de> Deserialize<'de> for ProxyRecordList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Shapes;
        impl<'de> serde::de::Visitor<'de> for Shapes {
            type Value = ProxyRecordList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of proxy records, or an object with `results`")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut results = Vec::new();
                while let Some(record) = seq.next_element::<ProxyRecord>()? {
                    results.push(record);
                }
                Ok(ProxyRecordList {
                    results,
                    max_proxy_records: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut list = ProxyRecordList {
                    results: Vec::new(),
                    max_proxy_records: None,
                };
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "results" => {
                            list.results = map
                                .next_value::<Option<Vec<ProxyRecord>>>()?
                                .unwrap_or_default()
                        }
                        "max_proxy_records" => list.max_proxy_records = map.next_value()?,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(list)
            }
        }
        deserializer.deserialize_any(Shapes)
    }
}
