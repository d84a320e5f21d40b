//! A project's settings form: name, product description, timezone (a searchable choice over the
//! browser's IANA names; a change is asked first), week start, app URLs, anonymize IPs and the
//! capture toggles. Only the changed fields are sent.

use api::endpoints::projects;
use api::models::{Project, ProjectPatch, WeekStartDay};
use api::project_rules::{check_app_urls, PROJECT_NAME_MAX_LEN};
use leptos::prelude::*;

use super::PROJECT_FIELDS;
use crate::components::choice::{is_choice, time_zones, ChoiceField};
use crate::components::copy::CopyAsCurl;
use crate::components::dialog::{Confirm, ConfirmState};
use crate::components::form::{
    use_unsaved_guard, CheckboxField, FormError, FormErrors, SelectField, SubmitButton,
    TextAreaField, TextField,
};
use crate::components::list_field::ListField;
use crate::components::review::use_review;
use crate::components::toast::use_toasts;
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

/// The form's values, one signal per field.
#[derive(Clone, Copy)]
struct SettingsForm {
    name: RwSignal<String>,
    description: RwSignal<String>,
    timezone: RwSignal<String>,
    /// "" by locale, "0" Sunday, "1" Monday.
    week_start: RwSignal<String>,
    app_urls: RwSignal<Vec<String>>,
    url_errors: RwSignal<Vec<Option<String>>>,
    anonymize_ips: RwSignal<bool>,
    autocapture: RwSignal<bool>,
    session_recording: RwSignal<bool>,
    console_logs: RwSignal<bool>,
    performance: RwSignal<bool>,
    heatmaps: RwSignal<bool>,
    surveys: RwSignal<bool>,
}

/// A toggle as the form shows it: `None` (never set) is off.
fn on(value: Option<bool>) -> bool {
    value.unwrap_or(false)
}

/// Keeps `before` when the box shows what it already meant (so `None` is not sent as `false`).
fn toggle(before: Option<bool>, shown: bool) -> Option<bool> {
    if on(before) == shown {
        before
    } else {
        Some(shown)
    }
}

impl SettingsForm {
    fn new(p: &Project) -> Self {
        SettingsForm {
            name: RwSignal::new(p.name.clone()),
            description: RwSignal::new(p.product_description.clone().unwrap_or_default()),
            timezone: RwSignal::new(p.timezone.clone()),
            week_start: RwSignal::new(week_value(p.week_start_day.as_ref())),
            app_urls: RwSignal::new(p.app_urls.clone()),
            url_errors: RwSignal::new(Vec::new()),
            anonymize_ips: RwSignal::new(p.anonymize_ips),
            autocapture: RwSignal::new(!on(p.autocapture_opt_out)),
            session_recording: RwSignal::new(p.session_recording_opt_in),
            console_logs: RwSignal::new(on(p.capture_console_log_opt_in)),
            performance: RwSignal::new(on(p.capture_performance_opt_in)),
            heatmaps: RwSignal::new(on(p.heatmaps_opt_in)),
            surveys: RwSignal::new(on(p.surveys_opt_in)),
        }
    }

    /// `base` with the form's values.
    fn edited(&self, base: &Project) -> Project {
        let description = self.description.get().trim().to_string();
        let description = if description.is_empty() && base.product_description.is_none() {
            None
        } else {
            Some(description)
        };
        let autocapture_off = !self.autocapture.get();
        Project {
            name: self.name.get().trim().to_string(),
            product_description: description,
            timezone: self.timezone.get().trim().to_string(),
            week_start_day: match self.week_start.get().as_str() {
                "0" => Some(WeekStartDay::Sunday),
                "1" => Some(WeekStartDay::Monday),
                "" => None,
                _ => base.week_start_day.clone(),
            },
            app_urls: self
                .app_urls
                .get()
                .iter()
                .map(|u| u.trim().to_string())
                .collect(),
            anonymize_ips: self.anonymize_ips.get(),
            autocapture_opt_out: toggle(base.autocapture_opt_out, autocapture_off),
            session_recording_opt_in: self.session_recording.get(),
            capture_console_log_opt_in: toggle(
                base.capture_console_log_opt_in,
                self.console_logs.get(),
            ),
            capture_performance_opt_in: toggle(
                base.capture_performance_opt_in,
                self.performance.get(),
            ),
            heatmaps_opt_in: toggle(base.heatmaps_opt_in, self.heatmaps.get()),
            surveys_opt_in: toggle(base.surveys_opt_in, self.surveys.get()),
            ..base.clone()
        }
    }

    /// The browser's checks; errors go next to their field. True when all pass.
    fn check(&self, errors: FormErrors, zones: &[String]) -> bool {
        let mut ok = true;
        let name = self.name.get_untracked();
        let name = name.trim();
        if name.is_empty() {
            errors.set_field("name", "A project needs a name.");
            ok = false;
        } else if name.chars().count() > PROJECT_NAME_MAX_LEN {
            errors.set_field(
                "name",
                format!("Use at most {PROJECT_NAME_MAX_LEN} characters."),
            );
            ok = false;
        }
        if !is_choice(&self.timezone.get_untracked(), zones) {
            errors.set_field(
                "timezone",
                "Choose a time zone from the list, such as Europe/Berlin or America/New_York.",
            );
            ok = false;
        }
        let url_errors = check_app_urls(&self.app_urls.get_untracked());
        if url_errors.iter().any(Option::is_some) {
            errors.set_field("app_urls", "Fix the app URLs marked below.");
            ok = false;
        }
        self.url_errors.set(url_errors);
        ok
    }
}

fn week_value(day: Option<&WeekStartDay>) -> String {
    day.map(|d| d.as_u8().to_string()).unwrap_or_default()
}

/// The settings form of `project` (the saved state; the form sets it after a save).
#[component]
pub fn ProjectSettings(project: RwSignal<Project>, on_saved: Callback<()>) -> impl IntoView {
    let current = use_current_org();
    let toasts = use_toasts();
    let initial = project.get_untracked();
    let form = SettingsForm::new(&initial);
    let zones = StoredValue::new(time_zones(&initial.timezone));
    let zone_options = Signal::stored(zones.get_value());
    let errors = FormErrors::new();
    let dirty = Signal::derive(move || {
        project.with(|base| !ProjectPatch::diff(base, &form.edited(base)).is_empty())
    });
    use_unsaved_guard(dirty);

    let timezone_confirm = ConfirmState::new(
        Confirm::plain(
            "Change the timezone",
            "Change timezone",
            (
                "Change the project's timezone to ",
                "? Day and week buckets of insights, dashboards and exports are recalculated in the new timezone, so past numbers per day or week shift.",
            ),
        ),
        |p: &ProjectPatch| p.timezone.clone().unwrap_or_default(),
    );
    let save = use_http().mutation_with(
        move |patch: &ProjectPatch| {
            projects::update(
                &current.id.get_untracked(),
                project.with_untracked(|p| p.id),
                patch,
            )
        },
        move |_, result| {
            timezone_confirm.dialog.open.set(false);
            let updated = result?;
            form.url_errors.set(Vec::new());
            project.set(updated);
            on_saved.run(());
            Ok(Done::toast("Project settings saved"))
        },
        Failure::Form(errors, PROJECT_FIELDS),
    );
    let review = use_review();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if !zones.with_value(|z| form.check(errors, z)) {
            return;
        }
        let patch = project.with_untracked(|base| ProjectPatch::diff(base, &form.edited(base)));
        if patch.is_empty() {
            toasts.success("Nothing to save");
            return;
        }
        // the review first; a new timezone is then asked about on its own
        let changes = project.with_untracked(|base| patch.changes(base));
        review.ask(changes, move || {
            if patch.timezone.is_some() {
                timezone_confirm.ask(patch);
            } else {
                save.dispatch(patch);
            }
        });
    };
    let week_options = vec![
        (String::new(), "By the viewer's locale".to_string()),
        ("0".to_string(), "Sunday".to_string()),
        ("1".to_string(), "Monday".to_string()),
    ];
    view! {
        <form class="card form" on:submit=submit novalidate=true aria-labelledby="settings-heading">
            <h2 id="settings-heading">"Settings"</h2>
            <FormError errors=errors />
            <TextField id="name" label="Name" value=form.name error=errors.field("name")
                required=true maxlength=PROJECT_NAME_MAX_LEN as u32 />
            <TextAreaField id="product_description" label="Product description" value=form.description
                error=errors.field("product_description") rows=3
                hint="What the product does, in a sentence or two (PostHog's AI features read it)." />
            <ChoiceField id="timezone" label="Timezone" value=form.timezone options=zone_options
                error=errors.field("timezone")
                hint="Type to search the IANA names. Changing it recalculates day and week buckets: you are asked first." />
            <SelectField id="week_start_day" label="Week starts on" value=form.week_start
                options=week_options error=errors.field("week_start_day") />
            <ListField id="app_urls" legend="App URLs" item_label="App URL" items=form.app_urls
                errors=form.url_errors add_label="Add an app URL" placeholder="https://app.example.com"
                hint="Where the toolbar and heatmaps may open: each must start with https:// or http:// (a *. wildcard is allowed)." />
            {move || errors.field("app_urls").get().map(|e| view! { <p class="field-error" role="alert">{e}</p> }.into_any())}
            <fieldset class="field plain">
                <legend>"Privacy and capture"</legend>
                <CheckboxField id="anonymize_ips" label="Anonymize IP addresses" checked=form.anonymize_ips
                    hint="Events are stored without the sender's IP address." />
                <CheckboxField id="autocapture" label="Autocapture clicks and page views" checked=form.autocapture />
                <CheckboxField id="session_recording_opt_in" label="Record sessions" checked=form.session_recording />
                <CheckboxField id="capture_console_log_opt_in" label="Capture console logs in recordings" checked=form.console_logs />
                <CheckboxField id="capture_performance_opt_in" label="Capture network performance" checked=form.performance />
                <CheckboxField id="heatmaps_opt_in" label="Heatmaps" checked=form.heatmaps />
                <CheckboxField id="surveys_opt_in" label="Surveys" checked=form.surveys />
            </fieldset>
            <div class="form-actions">
                <SubmitButton label="Save settings" pending=save.pending() disabled=Signal::derive(move || !dirty.get()) />
                <CopyAsCurl command=Signal::derive(move || {
                    let patch = project.with_untracked(|base| ProjectPatch::diff(base, &form.edited(base)));
                    save.curl(patch).unwrap_or_default()
                }) />
            </div>
        </form>
        {timezone_confirm.view(save)}
    }
}
