//! Batch exports: the export, its destination and runs, bodies, backfills and log entries.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[cfg(feature = "full")]
use super::changed;
use super::enums::{BatchExportModel, DestinationType, Interval, LogLevel, RunStatus};
use super::serde_util::{double_option, empty_as_none, null_default};

/// Where a batch export sends data. `config` depends on `kind` (secret fields are never returned;
/// the server merges a patched config into the stored one).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchExportDestination {
    #[serde(rename = "type")]
    pub kind: DestinationType,
    #[serde(deserialize_with = "null_default")]
    pub config: Map<String, Value>,
    /// Integration holding the credentials (newer servers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration: Option<i64>,
    /// Write-only: the integration to use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_id: Option<i64>,
}

impl BatchExportDestination {
    pub fn new(kind: DestinationType, config: Map<String, Value>) -> Self {
        BatchExportDestination {
            kind,
            config,
            integration: None,
            integration_id: None,
        }
    }
}

/// One run of a batch export.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchExportRun {
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub status: RunStatus,
    pub records_completed: Option<i64>,
    pub latest_error: Option<String>,
    pub data_interval_start: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub data_interval_end: String,
    #[cfg(feature = "full")]
    pub cursor: Option<String>,
    pub created_at: String,
    pub finished_at: Option<String>,
    pub last_updated_at: String,
    pub records_total_count: Option<i64>,
    pub bytes_exported: Option<i64>,
    #[cfg(feature = "full")]
    pub batch_export: String,
    pub backfill: Option<String>,
}

/// A batch export as the server answers it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchExport {
    pub id: String,
    pub team_id: i64,
    pub name: String,
    /// `None` for "" or null (events, for older exports).
    #[serde(deserialize_with = "empty_as_none")]
    pub model: Option<BatchExportModel>,
    pub destination: BatchExportDestination,
    #[serde(deserialize_with = "null_default")]
    pub interval: Interval,
    #[serde(deserialize_with = "null_default")]
    pub paused: bool,
    pub created_at: String,
    pub last_updated_at: String,
    pub last_paused_at: Option<String>,
    #[cfg(feature = "full")]
    pub start_at: Option<String>,
    #[cfg(feature = "full")]
    pub end_at: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub latest_runs: Vec<BatchExportRun>,
    #[cfg(feature = "full")]
    pub hogql_query: Option<String>,
    #[cfg(feature = "full")]
    pub schema: Option<Value>,
    #[cfg(feature = "full")]
    pub filters: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Weekly exports: day of the week, 0-6.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset_day: Option<u8>,
    /// Daily and weekly exports: hour of the day, 0-23.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset_hour: Option<u8>,
}

/// A batch export as the console's list shows it: [`BatchExport`] less the destination's settings
/// and the fields only its page and form read (serde skips the rest of the answer).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct BatchExportSummary {
    pub id: String,
    pub team_id: i64,
    pub name: String,
    #[serde(deserialize_with = "empty_as_none")]
    pub model: Option<BatchExportModel>,
    pub destination: DestinationKind,
    #[serde(deserialize_with = "null_default")]
    pub interval: Interval,
    #[serde(deserialize_with = "null_default")]
    pub paused: bool,
    pub last_updated_at: String,
    #[serde(deserialize_with = "null_default")]
    pub latest_runs: Vec<BatchExportRun>,
}

/// A destination's type alone (the list's [`BatchExportSummary`]).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct DestinationKind {
    #[serde(rename = "type")]
    pub kind: DestinationType,
}

/// Body of `POST .../batch_exports/`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BatchExportCreate {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<BatchExportModel>,
    pub destination: BatchExportDestination,
    #[serde(default)]
    pub interval: Interval,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hogql_query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_day: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_hour: Option<u8>,
}

/// Body of `PATCH .../batch_exports/:id/`: only `Some` fields are sent. The destination type
/// cannot change; a config sent is merged into the stored one.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BatchExportPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<BatchExportModel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<BatchExportDestination>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub start_at: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub end_at: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hogql_query: Option<String>,
    /// Daily and weekly exports: hour of the day (`Some(None)` clears it).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub offset_hour: Option<Option<u8>>,
    /// Weekly exports: day of the week, 0 = Sunday.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub offset_day: Option<Option<u8>>,
}

impl BatchExportPatch {
    /// The changes of the editable fields from `before` to `edited` (a copy the form changed):
    /// name, model, destination config, interval, paused, start/end. (The console's form builds
    /// its patch in `destinations::ExportForm::edit_patch`.)
    #[cfg(feature = "full")]
    pub fn diff(before: &BatchExport, edited: &BatchExport) -> BatchExportPatch {
        BatchExportPatch {
            name: changed(&before.name, &edited.name),
            model: changed(&before.model, &edited.model).flatten(),
            destination: (before.destination.config != edited.destination.config
                || before.destination.integration_id != edited.destination.integration_id)
                .then(|| BatchExportDestination {
                    kind: before.destination.kind.clone(),
                    config: edited.destination.config.clone(),
                    integration: None,
                    integration_id: edited.destination.integration_id,
                }),
            interval: changed(&before.interval, &edited.interval),
            paused: changed(&before.paused, &edited.paused),
            start_at: changed(&before.start_at, &edited.start_at),
            end_at: changed(&before.end_at, &edited.end_at),
            hogql_query: changed(&before.hogql_query, &edited.hogql_query).flatten(),
            offset_hour: changed(&before.offset_hour, &edited.offset_hour),
            offset_day: changed(&before.offset_day, &edited.offset_day),
        }
    }

    /// Nothing to send.
    pub fn is_empty(&self) -> bool {
        *self == BatchExportPatch::default()
    }
}

/// Body of `POST .../batch_exports/:id/backfill/`: dates for daily/weekly exports, datetimes
/// with an offset otherwise; start before end, end not in the future.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackfillRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_at: Option<String>,
}

impl BackfillRequest {
    pub fn new(start_at: impl Into<String>, end_at: impl Into<String>) -> Self {
        BackfillRequest {
            start_at: Some(start_at.into()),
            end_at: Some(end_at.into()),
        }
    }
}

/// One line of a batch export's log (PostHog's `LogEntry`; older demo answers named the
/// export `batch_export_id` and the run `run_id`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchExportLogEntry {
    #[serde(alias = "batch_export_id")]
    pub log_source_id: String,
    /// The run that wrote it.
    #[serde(alias = "run_id")]
    pub instance_id: Option<String>,
    pub timestamp: String,
    #[serde(deserialize_with = "null_default")]
    pub level: LogLevel,
    #[serde(deserialize_with = "null_default")]
    pub message: String,
}

/// Query of `GET .../batch_exports/:id/logs/` (limit 1-500, default 50).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogsQuery {
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    /// Entries after this timestamp.
    pub after: Option<String>,
    /// Entries before this timestamp.
    pub before: Option<String>,
    /// Only these levels (repeated `level=` parameters); empty: every level.
    pub levels: Vec<LogLevel>,
    /// Text the message contains (case ignored).
    pub search: Option<String>,
    /// Only the lines of this run.
    pub instance_id: Option<String>,
}

impl LogsQuery {
    /// The query pairs, in a stable order; empty strings are not sent.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if let Some(limit) = self.limit {
            pairs.push(("limit".to_string(), limit.to_string()));
        }
        if let Some(offset) = self.offset {
            pairs.push(("offset".to_string(), offset.to_string()));
        }
        for (key, value) in [("after", &self.after), ("before", &self.before)] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                pairs.push((key.to_string(), v.to_string()));
            }
        }
        for level in &self.levels {
            pairs.push(("level".to_string(), level.as_str().to_string()));
        }
        for (key, value) in [("search", &self.search), ("instance_id", &self.instance_id)] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                pairs.push((key.to_string(), v.to_string()));
            }
        }
        pairs
    }
}

/// Body of `POST .../batch_exports/:id/unpause/`: with `backfill`, the time since the export
/// was paused is exported too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UnpauseRequest {
    pub backfill: bool,
}
