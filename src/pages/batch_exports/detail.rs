//! One export: its configuration (secrets never shown: the server does not return them, and the
//! page only says they are saved), the latest runs with a one-click way to a run's logs, pause
//! and resume, backfill, the logs, and delete behind a confirm that names what stops.

use api::destinations::{config_value, destination, form_config, top_key, ExportState, FieldKind};
use api::endpoints::batch_exports;
use api::models::{BatchExport, BatchExportRun};
use api::NoContent;
use leptos::prelude::*;
use serde_json::Value;

use super::{
    duration_text, export_path, human_bytes, project_name, run_badge, state_badge, use_projects,
};
use crate::areas::{disclosure, on_demand, Page};
use crate::components::copy::CopyButton;
use crate::components::dialog::{Confirm, ConfirmState};
use crate::components::feedback::{load_or, use_detail};
use crate::components::form_dialog::FormDialog;
use crate::components::table::{column, text_column, DataTable};
use crate::components::util::{optional_datetime, short_datetime};
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

/// How often the page refreshes while a run is in progress.
const POLL_SECONDS: u32 = 4;

/// What the parts of the page fetched on demand (areas.rs: the logs, the resume and backfill
/// dialogs) need from it, given through context.
#[derive(Clone, Copy)]
pub(super) struct ExportParts {
    pub org: Signal<String>,
    pub export: RwSignal<BatchExport>,
    pub reload: Callback<()>,
    /// The backfill id of the last backfill started here.
    pub started: RwSignal<Option<String>>,
    pub resume: FormDialog,
    pub backfill: FormDialog,
    /// The run whose logs to show (a Logs button of the runs table).
    pub log_run: RwSignal<Option<String>>,
}

#[component]
pub fn BatchExportPage() -> impl IntoView {
    let current = use_current_org();
    let export = use_detail(batch_exports::retrieve);
    let gone = ViewFn::from(move || {
        view! {
            <h1>"Batch export"</h1>
            <p>"This batch export no longer exists (it may have been deleted)."</p>
            <a href=move || format!("/orgs/{}/batch-exports", current.id.get())>"Back to batch exports"</a>
        }
    });
    // the first answer builds the page; later ones (after an action, while runs go on) update
    // it, so the logs' filters, the dialogs and the backfill id stay
    let shown = RwSignal::new(BatchExport::default());
    let ready = RwSignal::new(false);
    crate::reactive::watch(move || {
        if let Some(Ok(e)) = export.get() {
            shown.set(e);
            if !ready.get_untracked() {
                ready.set(true);
            }
        }
    });
    let reload = Callback::new(move |_| export.refetch());
    move || {
        if ready.get() {
            export_view(shown, reload)
        } else {
            load_or(export, Some(gone.clone()), |_| ()).into_any()
        }
    }
}

fn export_view(export: RwSignal<BatchExport>, reload: Callback<()>) -> AnyView {
    let http = use_http();
    let current = use_current_org();
    let org = Signal::derive(move || current.id.get());
    let projects = use_projects();

    // refresh while a run is in progress (backfills settle over a few seconds)
    let running = crate::reactive::memo(move || {
        export.with(|e| e.latest_runs.iter().any(|r| r.status.is_in_progress()))
    });
    let poll = StoredValue::new_local(None::<gloo_timers::callback::Interval>);
    crate::reactive::watch(move || {
        if !running.get() {
            poll.set_value(None);
        } else if poll.with_value(Option::is_none) {
            let every =
                gloo_timers::callback::Interval::new(POLL_SECONDS * 1000, move || reload.run(()));
            poll.set_value(Some(every));
        }
    });
    on_cleanup(move || poll.set_value(None));

    let pause = http.mutation(
        move |_: &()| {
            batch_exports::pause(
                &org.get_untracked(),
                &export.with_untracked(|e| e.id.clone()),
            )
        },
        move |_, _: NoContent| {
            reload.run(());
            Done::toast("Paused: no new runs start until it is resumed")
        },
        Failure::Toast,
    );
    let resume = FormDialog::new("resume-dialog", "Resume export");
    let backfill = FormDialog::new("backfill-dialog", "Backfill");
    let started = RwSignal::new(None::<String>);
    let delete_confirm = ConfirmState::new(
        Confirm::danger(
            "Delete batch export",
            "Delete export",
            (
                "Delete ",
                "? Its schedule stops at once, its running runs and backfills are cancelled, and its configuration and run history are removed. Data already exported stays at the destination.",
            ),
        ),
        |e: &BatchExport| e.name.clone(),
    );
    let delete = http.mutation(
        move |e: &BatchExport| batch_exports::delete(&org.get_untracked(), &e.id),
        move |e, _| {
            Done::toast(format!("Batch export \u{201c}{}\u{201d} deleted", e.name))
                .go(format!("/orgs/{}/batch-exports", org.get_untracked()))
        },
        delete_confirm.failure(),
    );

    let log_run = RwSignal::new(None::<String>);
    let logs_open = RwSignal::new(false);
    // the dialogs' code is fetched when one of them is first opened
    let dialogs_wanted = RwSignal::new(false);
    provide_context(ExportParts {
        org,
        export,
        reload,
        started,
        resume,
        backfill,
        log_run,
    });
    let show_run_logs = move |run: String| {
        log_run.set(Some(run));
        logs_open.set(true);
        if let Some(el) = document().get_element_by_id("logs") {
            el.scroll_into_view();
        }
    };
    let runs_columns = vec![
        column("Status", |r: &BatchExportRun| run_badge(&r.status)),
        text_column("Interval start", |r: &BatchExportRun| {
            optional_datetime(&r.data_interval_start)
        }),
        text_column("Interval end", |r: &BatchExportRun| {
            short_datetime(&r.data_interval_end)
        }),
        text_column("Records", |r: &BatchExportRun| {
            match (r.records_completed, r.records_total_count) {
                (Some(done), Some(total)) if done != total => format!("{done} of {total}"),
                (Some(done), _) => done.to_string(),
                (None, _) => "\u{2014}".into(),
            }
        }),
        text_column("Bytes", |r: &BatchExportRun| {
            r.bytes_exported
                .map(human_bytes)
                .unwrap_or_else(|| "\u{2014}".into())
        }),
        column("Error", |r: &BatchExportRun| {
            let error = r.latest_error.clone().unwrap_or_default();
            view! { <span class="row-error">{error}</span> }.into_any()
        }),
        text_column("Duration", |r: &BatchExportRun| {
            duration_text(&r.created_at, r.finished_at.as_deref())
        }),
        column("", move |r: &BatchExportRun| {
            let run = r.id.clone();
            let failed = r.status.is_failure();
            let label = if failed { "Error logs" } else { "Logs" };
            // the accessible name starts with the visible words (WCAG 2.5.3, axe checks it)
            let aria = format!(
                "{label} of the run ending {}",
                short_datetime(&r.data_interval_end)
            );
            view! {
                <button type="button" class=if failed { "btn btn-small btn-danger-outline" } else { "btn btn-small" }
                    aria-label=aria on:click=move |_| show_run_logs(run.clone())>{label}</button>
            }
            .into_any()
        }),
    ];
    let runs = Signal::derive(move || export.with(|e| e.latest_runs.clone()));
    let state = crate::reactive::memo(move || export.with(ExportState::of));

    view! {
        <div class="page-header">
            <h1>{move || export.with(|e| e.name.clone())}</h1>
            {move || state_badge(state.get())}
            <div class="page-actions">
                <a href=move || format!("{}/edit", export_path(&org.get(), &export.with(|e| e.id.clone()))) class="btn">"Edit"</a>
                {move || {
                    if state.get() == ExportState::Active {
                        view! {
                            <button type="button" class="btn" disabled=move || pause.pending().get() on:click=move |_| pause.dispatch(())>
                                "Pause"
                            </button>
                        }
                            .into_any()
                    } else {
                        view! { <button type="button" class="btn btn-primary" on:click=move |_| { dialogs_wanted.set(true); resume.show() }>"Resume\u{2026}"</button> }.into_any()
                    }
                }}
                <button type="button" class="btn" on:click=move |_| { dialogs_wanted.set(true); backfill.show() }>"Backfill\u{2026}"</button>
                <button type="button" class="btn" on:click=move |_| reload.run(())>"Refresh"</button>
            </div>
        </div>
        {move || {
            (state.get() == ExportState::PausedAfterFailures)
                .then(|| view! {
                    <p class="notice" role="status">
                        "PostHog paused this export after its runs kept failing. Fix the cause (see the error below and the logs), then resume it."
                    </p>
                })
        }}
        {move || {
            started.get().map(|id| {
                let value = Signal::stored(id.clone());
                view! {
                    <p class="notice backfill-started" role="status">
                        "Backfill started, id " <code>{id}</code> " " <CopyButton value=value label="Copy backfill id" />
                    </p>
                }
            })
        }}
        <section class="card">
            <h2>"Configuration"</h2>
            {move || export.with(|e| summary(e, project_name(projects, e.team_id)))}
        </section>
        <section class="card">
            <h2>"Latest runs"</h2>
            <DataTable caption="Latest runs, newest first" columns=runs_columns rows=runs
                key=|r: &BatchExportRun| format!("{}-{}", r.id, r.status.as_str()) empty="No runs yet: the first starts at the end of the current interval." />
        </section>
        {disclosure("logs", "Logs", "logs", Page::BatchExportLogs, logs_open)}
        <section class="card danger-zone">
            <h2>"Delete export"</h2>
            <p>"Stops the schedule, cancels running runs and backfills, and removes the export."</p>
            {delete_confirm.ask_button("btn btn-danger", "Delete export\u{2026}", false, move || export.get_untracked())}
        </section>
        {on_demand(Page::BatchExportActions, dialogs_wanted)}
        {delete_confirm.view(delete)}
    }
    .into_any()
}

/// The configuration as facts: the export's own fields, then the destination's non-secret
/// fields; secrets are only named (the server never returns them).
fn summary(e: &BatchExport, project: String) -> AnyView {
    let mut facts: Vec<(String, String)> = vec![
        ("Project".into(), project),
        ("Destination".into(), e.destination.kind.label().to_string()),
        (
            "Model".into(),
            e.model.as_ref().map_or("Events", |m| m.label()).to_string(),
        ),
        ("Interval".into(), e.interval.label().to_string()),
    ];
    if let Some(h) = e.offset_hour {
        facts.push(("Runs at".into(), format!("{h:02}:00")));
    }
    if let Some(d) = e.offset_day {
        let days = [
            "Sunday",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
        ];
        facts.push((
            "On".into(),
            days.get(d as usize).unwrap_or(&"?").to_string(),
        ));
    }
    if let Some(tz) = &e.timezone {
        facts.push(("Timezone".into(), tz.clone()));
    }
    facts.push(("Created".into(), short_datetime(&e.created_at)));
    facts.push(("Last updated".into(), short_datetime(&e.last_updated_at)));
    if e.paused {
        facts.push(("Paused since".into(), optional_datetime(&e.last_paused_at)));
    }
    let spec = destination(e.destination.kind.as_str());
    let mut secrets = Vec::new();
    let config = form_config(&e.destination);
    if let Some(spec) = spec {
        for field in spec.fields {
            if field.secret {
                secrets.push(field.label);
                continue;
            }
            if let Some(value) = config_value(&config, field.key) {
                facts.push((field.label.to_string(), fact_text(value, field.kind)));
            }
        }
    }
    // settings the form does not know (newer servers), shown as they came
    for (key, value) in &e.destination.config {
        let known = spec.is_some_and(|s| s.fields.iter().any(|f| top_key(f.key) == key));
        if !known {
            facts.push((key.clone(), fact_text(value, FieldKind::Text)));
        }
    }
    if !secrets.is_empty() {
        facts.push((
            "Secrets".into(),
            format!("{}: saved, never shown", secrets.join(", ")),
        ));
    }
    let items = facts
        .into_iter()
        .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
        .collect_view();
    view! { <dl class="facts">{items}</dl> }.into_any()
}

fn fact_text(value: &Value, kind: FieldKind) -> String {
    match value {
        Value::Bool(true) => "Yes".into(),
        Value::Bool(false) => "No".into(),
        Value::String(s) if s.is_empty() => "\u{2014}".into(),
        Value::String(s) => s.clone(),
        Value::Null => "\u{2014}".into(),
        Value::Number(n) => api::destinations::number_text(n),
        Value::Array(items) if kind == FieldKind::Events || items.iter().all(Value::is_string) => {
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        }
        other => api::json::to_text(other),
    }
}
