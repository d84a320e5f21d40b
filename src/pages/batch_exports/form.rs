//! Create and edit: one form for every destination, drawn from `api::destinations` (each
//! destination's fields: required, secret, default, shown when). Secrets are password inputs;
//! on edit they say "leave empty to keep" and an empty one is left out of the PATCH. BigQuery's
//! fields can be filled from a service-account JSON key, read here in the browser. The
//! destination type and the model are fixed once the export exists.

use std::rc::Rc;

use api::destinations::{
    destination, error_fields, form_config, patch_changes, service_account_fields, ExportForm,
    FieldError, FieldKind, FieldSpec, DESTINATIONS,
};
use api::endpoints::batch_exports;
use api::models::{BatchExport, BatchExportCreate, BatchExportModel, BatchExportPatch, Interval};
use api::ApiError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{export_path, use_projects};
use crate::components::copy::CopyAsCurl;
use crate::components::feedback::{describe_error, load, use_detail};
use crate::components::form::{
    use_unsaved_guard, CheckboxField, FormError, FormErrors, SelectField, SubmitButton,
    TextAreaField, TextField,
};
use crate::components::review::use_review;
use crate::components::toast::use_toasts;
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

#[component]
pub fn BatchExportCreatePage() -> impl IntoView {
    view! {
        <h1>"New batch export"</h1>
        <p class="muted">
            "The export starts on its schedule once created; pause it from its page. Secrets are sent to PostHog only and never shown again."
        </p>
        {export_form(None)}
    }
}

#[component]
pub fn BatchExportEditPage() -> impl IntoView {
    let export = use_detail(batch_exports::retrieve);
    view! {
        <h1>"Edit batch export"</h1>
        {load(export, |e| export_form(Some(e)))}
    }
}

/// A config field's value in the form.
#[derive(Clone, Copy)]
enum Input {
    Text(RwSignal<String>),
    Check(RwSignal<bool>),
}

impl Input {
    fn new(spec: &FieldSpec, value: String) -> Input {
        if spec.kind == FieldKind::Bool {
            Input::Check(RwSignal::new(value == "true"))
        } else {
            Input::Text(RwSignal::new(value))
        }
    }

    fn get(&self) -> String {
        match self {
            Input::Text(s) => s.get(),
            Input::Check(b) => b.get().to_string(),
        }
    }
}

/// Everything the form holds, as signals: the export's own fields and every destination's
/// config fields (switching destination and back keeps what was typed).
#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    kind: RwSignal<String>,
    model: RwSignal<String>,
    interval: RwSignal<String>,
    offset_hour: RwSignal<String>,
    offset_day: RwSignal<String>,
    /// (destination type, field, value).
    inputs: StoredValue<Vec<(&'static str, &'static FieldSpec, Input)>>,
}

impl Fields {
    fn new(start: &ExportForm, export: Option<&BatchExport>) -> Fields {
        let mut inputs = Vec::new();
        for spec in DESTINATIONS {
            let config = match export {
                Some(e) if e.destination.kind.as_str() == spec.kind => {
                    Some(form_config(&e.destination))
                }
                Some(_) => continue,
                None => None,
            };
            let values = spec.initial_values(config.as_ref());
            for (field, (_, value)) in spec.fields.iter().zip(values) {
                inputs.push((spec.kind, field, Input::new(field, value)));
            }
        }
        let text = |s: &String| RwSignal::new(s.clone());
        Fields {
            name: text(&start.name),
            kind: text(&start.kind),
            model: text(&start.model),
            interval: text(&start.interval),
            offset_hour: text(&start.offset_hour),
            offset_day: text(&start.offset_day),
            inputs: StoredValue::new(inputs),
        }
    }

    fn input(&self, kind: &str, key: &str) -> Option<Input> {
        self.inputs.with_value(|inputs| {
            inputs
                .iter()
                .find(|(k, f, _)| *k == kind && f.key == key)
                .map(|(_, _, i)| *i)
        })
    }

    /// The form as `api` reads it (tracked: a change of any field changes it).
    fn value(&self) -> ExportForm {
        let kind = self.kind.get();
        let values = self.inputs.with_value(|inputs| {
            inputs
                .iter()
                .filter(|(k, _, _)| *k == kind)
                .map(|(_, f, i)| (f.key.to_string(), i.get()))
                .collect()
        });
        ExportForm {
            name: self.name.get(),
            kind,
            model: self.model.get(),
            interval: self.interval.get(),
            offset_hour: self.offset_hour.get(),
            offset_day: self.offset_day.get(),
            values,
        }
    }

    /// Fills a text field of the current destination (from a service-account key).
    fn fill(&self, key: &str, value: String) {
        if let Some(Input::Text(s)) = self.input(&self.kind.get_untracked(), key) {
            s.set(value);
        }
    }
}

/// Puts the browser's or the server's field errors under their fields, says so above the
/// form, and moves the focus to the first.
fn show_errors(errors: FormErrors, list: &[FieldError]) {
    for (field, message) in list {
        errors.set_field(field, message.as_str());
    }
    if let Some((first, _)) = list.first() {
        errors.set_general("Some fields need attention: see the messages under them.");
        let el = document()
            .get_element_by_id(first)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    }
}

fn export_form(export: Option<BatchExport>) -> AnyView {
    let http = use_http();
    let current = use_current_org();
    let toasts = use_toasts();
    let editing = export.is_some();
    let start = export.as_ref().map_or_else(
        || ExportForm {
            kind: "S3".into(),
            model: BatchExportModel::Events.as_str().into(),
            interval: Interval::Hour.as_str().into(),
            ..Default::default()
        },
        ExportForm::from_export,
    );
    let fields = Fields::new(&start, export.as_ref());
    let initial = StoredValue::new(untrack(|| fields.value()));
    let before = StoredValue::new(export);
    let errors = FormErrors::new();
    let dirty = Signal::derive(move || initial.with_value(|i| *i != fields.value()));
    use_unsaved_guard(dirty);

    // HTTP exports export events only
    crate::reactive::watch(move || {
        if let Some(spec) = destination(&fields.kind.get()) {
            if !spec.models.contains(&fields.model.get_untracked().as_str()) {
                fields.model.set(spec.models[0].to_string());
            }
        }
    });

    let server_error = Failure::Handle(Rc::new(move |error: ApiError| {
        let placed = match &error {
            ApiError::Validation { detail, attr, .. } => {
                let spec = destination(&fields.kind.get_untracked());
                error_fields(attr.as_deref(), detail, spec)
                    .into_iter()
                    .map(|f| (f, detail.clone()))
                    .collect::<Vec<_>>()
            }
            _ => Vec::new(),
        };
        if placed.is_empty() {
            errors.set_general(describe_error(&error));
        } else {
            show_errors(errors, &placed);
        }
    }));
    let org = move || current.id.get_untracked();
    // the project a new export reads from: the first one until another is chosen
    let projects = use_projects();
    let project = RwSignal::new(before.with_value(|b| {
        b.as_ref()
            .map(|b| b.team_id.to_string())
            .unwrap_or_default()
    }));
    let project_options = move || match projects.get() {
        Some(list) if !list.is_empty() => list
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect::<Vec<_>>(),
        Some(_) => vec![(String::new(), "No project yet".into())],
        None => vec![(String::new(), "Loading projects\u{2026}".into())],
    };
    if !editing {
        crate::reactive::watch(move || {
            if let Some((first, _)) = project_options().into_iter().find(|(id, _)| !id.is_empty()) {
                if project.get_untracked().is_empty() {
                    project.set(first);
                }
            }
        });
    }
    let create = http.mutation(
        move |body: &BatchExportCreate| match project.get_untracked().parse::<i64>() {
            Ok(id) => batch_exports::create_in_project(id, body),
            // (only for Copy as curl before a project is chosen: submit asks for one)
            Err(_) => batch_exports::create(&org(), body),
        },
        move |_, created| {
            initial.set_value(untrack(|| fields.value()));
            Done::toast(format!(
                "Batch export \u{201c}{}\u{201d} created",
                created.name
            ))
            .go(export_path(&org(), &created.id))
        },
        server_error.clone(),
    );
    let update = http.mutation(
        move |patch: &BatchExportPatch| {
            let id = before.with_value(|b| b.as_ref().map(|b| b.id.clone()).unwrap_or_default());
            batch_exports::update(&org(), &id, patch)
        },
        move |_, saved| {
            initial.set_value(untrack(|| fields.value()));
            Done::toast(format!("Batch export \u{201c}{}\u{201d} saved", saved.name))
                .go(export_path(&org(), &saved.id))
        },
        server_error,
    );
    let pending = Signal::derive(move || create.pending().get() || update.pending().get());
    let review = use_review();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let form = untrack(|| fields.value());
        let outcome = before.with_value(|b| match b {
            None if project.get_untracked().is_empty() => Err(vec![(
                "project".to_string(),
                "Choose the project whose data it exports (an organization without a project has nothing to export).".to_string(),
            )]),
            None => form.create_body().map(|body| create.dispatch(body)),
            Some(b) => form.edit_patch(b).map(|patch| {
                if patch.is_empty() {
                    toasts.success("Nothing to save");
                } else {
                    // the review first (secrets only as "changed")
                    review.ask(patch_changes(&patch, b), move || update.dispatch(patch));
                }
            }),
        });
        if let Err(list) = outcome {
            show_errors(errors, &list);
        }
    };

    let fixed = editing.then(|| "Fixed once the export exists.".to_string());
    let kinds = DESTINATIONS
        .iter()
        .map(|d| (d.kind.to_string(), d.label.to_string()))
        .collect::<Vec<_>>();
    let models = BatchExportModel::known()
        .iter()
        .map(|m| (m.as_str().to_string(), m.label().to_string()))
        .collect::<Vec<_>>();
    let intervals = Interval::known()
        .iter()
        .map(|i| (i.as_str().to_string(), i.label().to_string()))
        .collect::<Vec<_>>();
    let hours = std::iter::once((String::new(), "At midnight UTC (default)".to_string()))
        .chain((0..24).map(|h| (h.to_string(), format!("{h:02}:00 UTC"))))
        .collect::<Vec<_>>();
    let days = std::iter::once((String::new(), "Sunday (default)".to_string()))
        .chain(
            [
                "Sunday",
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
            ]
            .iter()
            .enumerate()
            .map(|(i, d)| (i.to_string(), d.to_string())),
        )
        .collect::<Vec<_>>();
    let daily = move || matches!(fields.interval.get().as_str(), "day" | "week");
    let weekly = move || fields.interval.get() == "week";
    let cancel = move || match before.with_value(|b| b.as_ref().map(|b| b.id.clone())) {
        Some(id) => export_path(&current.id.get(), &id),
        None => format!("/orgs/{}/batch-exports", current.id.get()),
    };

    let destination_fields = move || {
        let kind = fields.kind.get();
        let spec = destination(&kind)?;
        let list = fields.inputs.with_value(|inputs| {
            inputs
                .iter()
                .filter(|(k, _, _)| *k == kind)
                .map(|(_, f, i)| (*f, *i))
                .collect::<Vec<_>>()
        });
        let views = list
            .into_iter()
            .map(|(field, input)| {
                let condition = field
                    .when
                    .and_then(|(key, value)| fields.input(spec.kind, key).map(|i| (i, value)));
                match condition {
                    None => field_view(field, input, editing, errors),
                    Some((other, value)) => (move || {
                        (other.get() == value).then(|| field_view(field, input, editing, errors))
                    })
                    .into_any(),
                }
            })
            .collect_view();
        let key_import = (spec.kind == "BigQuery").then(|| service_account_import(fields));
        Some(view! {
            <fieldset class="plain">
                <legend>{format!("{} settings", spec.label)}</legend>
                {key_import}
                {views}
            </fieldset>
        })
    };

    view! {
        <form class="card form" on:submit=submit novalidate=true>
            <FormError errors=errors />
            <TextField id="name" label="Name" value=fields.name required=true maxlength=255 error=errors.field("name") />
            {move || view! {
                <SelectField id="project" label="Project" value=project options=project_options() disabled=editing
                    error=errors.field("project") hint="The project whose data it exports. Fixed once the export exists." />
            }}
            <SelectField id="kind" label="Destination" value=fields.kind options=kinds disabled=editing error=errors.field("kind") hint=fixed.clone().unwrap_or_default() />
            <SelectField id="model" label="What to export" value=fields.model options=models disabled=editing error=errors.field("model")
                hint=fixed.clone().unwrap_or_else(|| "HTTP exports send events only.".into()) />
            <SelectField id="interval" label="How often" value=fields.interval options=intervals error=errors.field("interval") />
            {offset_field(daily, "offset_hour", "Hour of the day it runs", fields.offset_hour, hours, errors)}
            {offset_field(weekly, "offset_day", "Day of the week it runs", fields.offset_day, days, errors)}
            {destination_fields}
            <div class="form-actions">
                <SubmitButton label=if editing { "Save changes" } else { "Create export" } pending=pending />
                <CopyAsCurl command=Signal::derive(move || {
                    let form = untrack(|| fields.value());
                    before
                        .with_value(|b| match b {
                            None => form.create_body().ok().and_then(|body| create.curl(body)),
                            Some(b) => form.edit_patch(b).ok().and_then(|patch| update.curl(patch)),
                        })
                        .unwrap_or_default()
                }) />
                <a href=cancel class="btn">"Cancel"</a>
            </div>
        </form>
    }
    .into_any()
}

/// One config field, drawn from its description.
/// The hour or day an export runs at, shown while `when` (its interval takes one).
fn offset_field(
    when: impl Fn() -> bool + Send + Sync + 'static,
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    errors: FormErrors,
) -> AnyView {
    crate::reactive::shown(when, move || {
        view! { <SelectField id=id label=label value=value options=options.clone() error=errors.field(id) /> }
            .into_any()
    })
}

fn field_view(
    field: &'static FieldSpec,
    input: Input,
    editing: bool,
    errors: FormErrors,
) -> AnyView {
    let id = field.key;
    let error = errors.field(id);
    let mut hint = field.hint.to_string();
    if field.secret {
        hint = if editing {
            "Saved and never shown. Leave empty to keep it; type a new one to replace it.".into()
        } else {
            "Sent to PostHog only; it is never shown again.".into()
        };
    }
    let hint = (!hint.is_empty()).then_some(hint);
    let required = field.required && !(editing && field.secret);
    let label = field.label;
    match (field.kind, input) {
        (_, Input::Check(checked)) => {
            view! { <CheckboxField id=id label=label checked=checked error=error hint=hint.unwrap_or_default() /> }
                .into_any()
        }
        (FieldKind::Choice(options), Input::Text(value)) => {
            let options = options
                .iter()
                .map(|(v, l)| (v.to_string(), l.to_string()))
                .collect::<Vec<_>>();
            view! { <SelectField id=id label=label value=value options=options error=error hint=hint.unwrap_or_default() /> }
                .into_any()
        }
        (FieldKind::Events | FieldKind::LongText, Input::Text(value)) => {
            let label = if required { format!("{label} *") } else { label.to_string() };
            view! { <TextAreaField id=id label=label value=value error=error hint=hint.unwrap_or_default() rows=3 /> }
                .into_any()
        }
        (_, Input::Text(value)) => {
            let (kind, autocomplete) = if field.secret {
                ("password", Some("new-password"))
            } else {
                ("text", Some("off"))
            };
            view! {
                <TextField id=id label=label value=value kind=kind required=required
                    autocomplete=autocomplete.unwrap_or("off") error=error hint=hint.unwrap_or_default() />
            }
            .into_any()
        }
    }
}

/// BigQuery: fill the key fields from a pasted or chosen service-account JSON key. The key is
/// read here; only its fields go into the form (and from there only to PostHog).
fn service_account_import(fields: Fields) -> AnyView {
    let pasted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let filled = RwSignal::new(None::<String>);
    let apply = move |json: String| match service_account_fields(&json) {
        Ok(values) => {
            let email = values
                .iter()
                .find(|(k, _)| *k == "client_email")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            for (key, value) in values {
                fields.fill(key, value);
            }
            pasted.set(String::new());
            error.set(None);
            filled.set(Some(format!(
                "Filled the project and key fields from the key of {email}."
            )));
        }
        Err(message) => {
            filled.set(None);
            error.set(Some(message));
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(promise) = ev.target().and_then(|target| first_file_text(&target)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(text) => apply(text.as_string().unwrap_or_default()),
                Err(_) => error.set(Some("The file could not be read.".into())),
            }
        });
    };
    view! {
        <div class="card">
            <TextAreaField id="service_account_key" label="Service-account JSON key (optional)" value=pasted rows=3
                error=Signal::derive(move || error.get())
                hint="Paste the key file's contents, or choose the file: its fields are filled in below. The key is read in this browser and goes nowhere else." />
            <div class="form-actions">
                <button type="button" class="btn" on:click=move |_| apply(pasted.get_untracked())>"Fill from the pasted key"</button>
                <label class="btn" for="service_account_file">"Choose the key file\u{2026}"</label>
                <input id="service_account_file" class="visually-hidden" type="file" accept=".json,application/json" on:change=on_file />
            </div>
            <p role="status" class="muted">{move || filled.get()}</p>
        </div>
    }
    .into_any()
}

/// The text of the first file an `<input type=file>` holds, as a promise (`File.text()`).
fn first_file_text(target: &web_sys::EventTarget) -> Option<js_sys::Promise> {
    use js_sys::Reflect;
    let files = Reflect::get(target, &"files".into()).ok()?;
    let file = Reflect::get(&files, &0.into())
        .ok()
        .filter(|f| !f.is_undefined() && !f.is_null())?;
    let text = Reflect::get(&file, &"text".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    text.call0(&file).ok()?.dyn_into::<js_sys::Promise>().ok()
}
