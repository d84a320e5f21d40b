//! Projects of an organization (PostHog's `ProjectBackwardCompat`), their list item, bodies,
//! and the answers of the project actions (activity, demo data, product intents).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::changed;
#[cfg(feature = "full")]
use super::enums::MembershipLevel;
use super::enums::WeekStartDay;
use super::member::UserBasic;
use super::serde_util::{double_option, null_default, strings_skip_null};
use crate::request::query_pairs;

/// A project as the server answers it (the fields an admin console needs; others are ignored,
/// and those the console does not show only with the `full` feature).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    pub id: i64,
    #[cfg(feature = "full")]
    pub uuid: String,
    #[cfg(feature = "full")]
    pub organization: String,
    /// The project's public token (for SDKs).
    pub api_token: String,
    pub name: String,
    pub product_description: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// IANA time zone name, e.g. "Europe/Berlin".
    #[serde(deserialize_with = "null_default")]
    pub timezone: String,
    /// `None`: by the viewer's locale.
    pub week_start_day: Option<WeekStartDay>,
    #[serde(deserialize_with = "null_default")]
    pub anonymize_ips: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_demo: bool,
    #[cfg(feature = "full")]
    /// Private project (access control on).
    #[serde(deserialize_with = "null_default")]
    pub access_control: bool,
    #[serde(deserialize_with = "strings_skip_null")]
    pub app_urls: Vec<String>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "strings_skip_null")]
    pub recording_domains: Vec<String>,
    #[cfg(feature = "full")]
    pub slack_incoming_webhook: Option<String>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub completed_snippet_onboarding: bool,
    #[serde(deserialize_with = "null_default")]
    pub ingested_event: bool,
    /// Product key -> done (an object on real servers).
    pub has_completed_onboarding_for: Value,
    #[cfg(feature = "full")]
    pub effective_membership_level: Option<MembershipLevel>,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub has_group_types: bool,
    #[cfg(feature = "full")]
    pub live_events_token: Option<String>,
    #[cfg(feature = "full")]
    pub secret_api_token: Option<String>,
    #[cfg(feature = "full")]
    pub primary_dashboard: Option<i64>,
    #[serde(deserialize_with = "null_default")]
    pub session_recording_opt_in: bool,
    pub autocapture_opt_out: Option<bool>,
    pub capture_console_log_opt_in: Option<bool>,
    pub capture_performance_opt_in: Option<bool>,
    pub surveys_opt_in: Option<bool>,
    pub heatmaps_opt_in: Option<bool>,
    pub product_intents: Value,
}

/// A project as the list answers it (`ProjectBackwardCompatBasic`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectBasic {
    pub id: i64,
    #[cfg(feature = "full")]
    pub uuid: String,
    #[cfg(feature = "full")]
    pub organization: String,
    #[cfg(feature = "full")]
    pub api_token: String,
    pub name: String,
    #[cfg(feature = "full")]
    #[serde(deserialize_with = "null_default")]
    pub completed_snippet_onboarding: bool,
    #[cfg(feature = "full")]
    pub has_completed_onboarding_for: Value,
    #[serde(deserialize_with = "null_default")]
    pub ingested_event: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_demo: bool,
    #[serde(deserialize_with = "null_default")]
    pub timezone: String,
    #[serde(deserialize_with = "null_default")]
    pub access_control: bool,
}

#[cfg(feature = "full")]
impl From<&Project> for ProjectBasic {
    fn from(p: &Project) -> Self {
        ProjectBasic {
            id: p.id,
            uuid: p.uuid.clone(),
            organization: p.organization.clone(),
            api_token: p.api_token.clone(),
            name: p.name.clone(),
            completed_snippet_onboarding: p.completed_snippet_onboarding,
            has_completed_onboarding_for: p.has_completed_onboarding_for.clone(),
            ingested_event: p.ingested_event,
            is_demo: p.is_demo,
            timezone: p.timezone.clone(),
            access_control: p.access_control,
        }
    }
}

/// Body of `POST .../projects/`: all optional; an empty name is left out, and PostHog names the
/// project "Default project".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProjectCreate {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub week_start_day: Option<WeekStartDay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymize_ips: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_urls: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_control: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_demo: Option<bool>,
}

impl ProjectCreate {
    pub fn new(name: impl Into<String>) -> Self {
        ProjectCreate {
            name: name.into(),
            ..Default::default()
        }
    }
}

/// Body of `PATCH .../projects/:id/`: only `Some` fields are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProjectPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub product_description: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// `Some(None)`: by the viewer's locale.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub week_start_day: Option<Option<WeekStartDay>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymize_ips: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_urls: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_domains: Option<Vec<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub slack_incoming_webhook: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_control: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_snippet_onboarding: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_recording_opt_in: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autocapture_opt_out: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_console_log_opt_in: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_performance_opt_in: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surveys_opt_in: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heatmaps_opt_in: Option<bool>,
}

impl ProjectPatch {
    /// The changes of the editable fields from `before` to `edited` (a copy the form changed).
    pub fn diff(before: &Project, edited: &Project) -> ProjectPatch {
        ProjectPatch {
            name: changed(&before.name, &edited.name),
            product_description: changed(&before.product_description, &edited.product_description),
            timezone: changed(&before.timezone, &edited.timezone),
            week_start_day: changed(&before.week_start_day, &edited.week_start_day),
            anonymize_ips: changed(&before.anonymize_ips, &edited.anonymize_ips),
            app_urls: changed(&before.app_urls, &edited.app_urls),
            // The console neither shows nor edits these (its model leaves them out).
            #[cfg(feature = "full")]
            recording_domains: changed(&before.recording_domains, &edited.recording_domains),
            #[cfg(not(feature = "full"))]
            recording_domains: None,
            #[cfg(feature = "full")]
            slack_incoming_webhook: changed(
                &before.slack_incoming_webhook,
                &edited.slack_incoming_webhook,
            ),
            #[cfg(not(feature = "full"))]
            slack_incoming_webhook: None,
            #[cfg(feature = "full")]
            access_control: changed(&before.access_control, &edited.access_control),
            #[cfg(not(feature = "full"))]
            access_control: None,
            #[cfg(feature = "full")]
            completed_snippet_onboarding: changed(
                &before.completed_snippet_onboarding,
                &edited.completed_snippet_onboarding,
            ),
            #[cfg(not(feature = "full"))]
            completed_snippet_onboarding: None,
            session_recording_opt_in: changed(
                &before.session_recording_opt_in,
                &edited.session_recording_opt_in,
            ),
            autocapture_opt_out: changed(&before.autocapture_opt_out, &edited.autocapture_opt_out)
                .flatten(),
            capture_console_log_opt_in: changed(
                &before.capture_console_log_opt_in,
                &edited.capture_console_log_opt_in,
            )
            .flatten(),
            capture_performance_opt_in: changed(
                &before.capture_performance_opt_in,
                &edited.capture_performance_opt_in,
            )
            .flatten(),
            surveys_opt_in: changed(&before.surveys_opt_in, &edited.surveys_opt_in).flatten(),
            heatmaps_opt_in: changed(&before.heatmaps_opt_in, &edited.heatmaps_opt_in).flatten(),
        }
    }

    /// Nothing to send.
    pub fn is_empty(&self) -> bool {
        *self == ProjectPatch::default()
    }
}

/// One entry of a project's activity log.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityLogEntry {
    pub id: String,
    pub user: Option<UserBasic>,
    /// What happened, e.g. "created", "updated", "deleted".
    #[serde(deserialize_with = "null_default")]
    pub activity: String,
    /// What it happened to, e.g. "Project", "FeatureFlag".
    #[serde(deserialize_with = "null_default")]
    pub scope: String,
    pub item_id: Option<String>,
    /// Changes and names: free-form.
    pub detail: Value,
    pub created_at: String,
    pub is_system: Option<bool>,
    pub unread: Option<bool>,
}

/// Answer of `GET .../projects/:id/activity/` (page-numbered, not limit/offset).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectActivity {
    #[serde(deserialize_with = "null_default")]
    pub results: Vec<ActivityLogEntry>,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub total_count: u64,
}

impl ProjectActivity {
    /// The `page` number in the `next` link.
    pub fn next_page(&self) -> Option<u32> {
        self.next.as_deref().and_then(page_number)
    }

    /// The `page` number in the `previous` link (1 when the link has none).
    pub fn previous_page(&self) -> Option<u32> {
        self.previous
            .as_deref()
            .map(|url| page_number(url).unwrap_or(1))
    }
}

fn page_number(url: &str) -> Option<u32> {
    query_pairs(url)
        .into_iter()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.parse().ok())
}

/// Answer of `GET .../projects/:id/is_generating_demo_data/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IsGeneratingDemoData {
    pub is_generating_demo_data: bool,
}

/// Body of `PATCH .../projects/:id/add_product_intent/`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProductIntent {
    /// A product key, e.g. "product_analytics", "session_replay", "feature_flags".
    pub product_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent_context: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
}

/// Body of `PATCH .../projects/:id/complete_product_onboarding/`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CompleteOnboarding {
    pub product_type: String,
}
