//! What an edit will change, for the review before saving: each changed field with its value
//! before and after, written for people. Secrets are only said to change, never shown.

use crate::models::{
    DomainPatch, Organization, OrganizationDomain, OrganizationPatch, Project, ProjectPatch, Role,
    RolePatch, WeekStartDay,
};

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    /// `None` for a secret: its values are not shown.
    pub values: Option<(String, String)>,
}

impl Change {
    pub fn text(
        field: &'static str,
        before: impl Into<String>,
        after: impl Into<String>,
    ) -> Change {
        Change {
            field,
            values: Some((before.into(), after.into())),
        }
    }

    /// A secret that changes (the review says "changed" without its values).
    pub fn secret(field: &'static str) -> Change {
        Change {
            field,
            values: None,
        }
    }

    fn flag(field: &'static str, before: bool, after: bool) -> Change {
        Change::text(field, on_off(before), on_off(after))
    }

    fn optional(field: &'static str, before: &Option<String>, after: &Option<String>) -> Change {
        Change::text(field, or_empty(before), or_empty(after))
    }
}

fn on_off(value: bool) -> &'static str {
    if value {
        "on"
    } else {
        "off"
    }
}

/// A value, or "(empty)".
pub fn or_empty(value: &Option<String>) -> String {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => "(empty)".to_string(),
    }
}

/// A long value (a certificate) as its first line and length.
fn summary(value: &Option<String>) -> String {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => {
            let first = v.lines().next().unwrap_or_default();
            format!("{first}\u{2026} ({} characters)", v.len())
        }
        _ => "(empty)".to_string(),
    }
}

impl OrganizationPatch {
    /// The changes this patch makes to `before` (labels as the settings form names the fields).
    pub fn changes(&self, before: &Organization) -> Vec<Change> {
        let mut changes = Vec::new();
        if let Some(name) = &self.name {
            changes.push(Change::text("Name", &before.name, name));
        }
        if let Some(logo) = &self.logo_media_id {
            changes.push(Change::optional(
                "Logo media ID",
                &before.logo_media_id,
                logo,
            ));
        }
        if let Some(on) = self.is_member_join_email_enabled {
            changes.push(Change::flag(
                "Email members when someone joins",
                before.is_member_join_email_enabled,
                on,
            ));
        }
        if let Some(on) = self.enforce_2fa {
            changes.push(Change::flag(
                "Require two-factor authentication",
                before.enforce_2fa.unwrap_or(false),
                on,
            ));
        }
        changes
    }
}

impl DomainPatch {
    /// The changes this patch makes to `before` (the sign-in settings form's labels).
    pub fn changes(&self, before: &OrganizationDomain) -> Vec<Change> {
        let mut changes = Vec::new();
        if let Some(domain) = &self.domain {
            changes.push(Change::text("Domain", &before.domain, domain));
        }
        if let Some(on) = self.jit_provisioning_enabled {
            changes.push(Change::flag(
                "Automatic provisioning",
                before.jit_provisioning_enabled,
                on,
            ));
        }
        if let Some(sso) = &self.sso_enforcement {
            changes.push(Change::text(
                "Enforce sign-in with",
                before.sso_enforcement.label(),
                sso.label(),
            ));
        }
        if let Some(value) = &self.saml_entity_id {
            changes.push(Change::optional("Entity ID", &before.saml_entity_id, value));
        }
        if let Some(value) = &self.saml_acs_url {
            changes.push(Change::optional("ACS URL", &before.saml_acs_url, value));
        }
        if let Some(value) = &self.saml_x509_cert {
            changes.push(Change::text(
                "X.509 certificate",
                summary(&before.saml_x509_cert),
                summary(value),
            ));
        }
        changes
    }
}

impl RolePatch {
    /// The changes this patch makes to `before` (the console renames; the access level is not
    /// edited here).
    pub fn changes(&self, before: &Role) -> Vec<Change> {
        let mut changes = Vec::new();
        if let Some(name) = &self.name {
            changes.push(Change::text("Name", &before.name, name));
        }
        changes
    }
}

fn week_start(day: &Option<WeekStartDay>) -> String {
    day.as_ref()
        .map_or("By the viewer's locale", |d| d.label())
        .to_string()
}

fn url_list(urls: &[String]) -> String {
    if urls.is_empty() {
        "(none)".to_string()
    } else {
        urls.join(", ")
    }
}

impl ProjectPatch {
    /// The changes this patch makes to `before` (the project settings form's labels).
    pub fn changes(&self, before: &Project) -> Vec<Change> {
        let mut changes = Vec::new();
        if let Some(name) = &self.name {
            changes.push(Change::text("Name", &before.name, name));
        }
        if let Some(text) = &self.product_description {
            changes.push(Change::optional(
                "Product description",
                &before.product_description,
                text,
            ));
        }
        if let Some(zone) = &self.timezone {
            changes.push(Change::text("Timezone", &before.timezone, zone));
        }
        if let Some(day) = &self.week_start_day {
            changes.push(Change::text(
                "Week starts on",
                week_start(&before.week_start_day),
                week_start(day),
            ));
        }
        if let Some(urls) = &self.app_urls {
            changes.push(Change::text(
                "App URLs",
                url_list(&before.app_urls),
                url_list(urls),
            ));
        }
        if let Some(on) = self.anonymize_ips {
            changes.push(Change::flag(
                "Anonymize IP addresses",
                before.anonymize_ips,
                on,
            ));
        }
        // autocapture is stored as an opt-out; the form asks the other way round
        if let Some(out) = self.autocapture_opt_out {
            changes.push(Change::flag(
                "Autocapture clicks and page views",
                !before.autocapture_opt_out.unwrap_or(false),
                !out,
            ));
        }
        let toggles = [
            (
                "Record sessions",
                Some(before.session_recording_opt_in),
                self.session_recording_opt_in,
            ),
            (
                "Capture console logs in recordings",
                before.capture_console_log_opt_in,
                self.capture_console_log_opt_in,
            ),
            (
                "Capture network performance",
                before.capture_performance_opt_in,
                self.capture_performance_opt_in,
            ),
            ("Heatmaps", before.heatmaps_opt_in, self.heatmaps_opt_in),
            ("Surveys", before.surveys_opt_in, self.surveys_opt_in),
        ];
        for (field, was, now) in toggles {
            if let Some(now) = now {
                changes.push(Change::flag(field, was.unwrap_or(false), now));
            }
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organization_patch_lists_only_what_changes() {
        let before: Organization = serde_json::from_value(serde_json::json!({
            "id": "o", "name": "Hogflix", "slug": "hogflix", "created_at": "2024-01-01T00:00:00Z",
            "updated_at": "2024-01-01T00:00:00Z", "is_member_join_email_enabled": true,
            "enforce_2fa": null, "logo_media_id": null
        }))
        .unwrap();
        let patch = OrganizationPatch {
            name: Some("Hogflix Studios".into()),
            enforce_2fa: Some(true),
            ..Default::default()
        };
        assert_eq!(
            patch.changes(&before),
            vec![
                Change::text("Name", "Hogflix", "Hogflix Studios"),
                Change::text("Require two-factor authentication", "off", "on"),
            ]
        );
        assert!(OrganizationPatch::default().changes(&before).is_empty());
    }

    #[test]
    fn a_certificate_is_summarised_and_an_empty_value_named() {
        assert_eq!(
            summary(&Some(
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----".into()
            )),
            "-----BEGIN CERTIFICATE-----\u{2026} (58 characters)"
        );
        assert_eq!(or_empty(&Some("  ".into())), "(empty)");
        assert_eq!(Change::secret("Secret access key").values, None);
    }
}
