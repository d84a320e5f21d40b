//! Batch exports: one list across every project of the organization with each export's state
//! and health, create and edit with one form driven by the destinations' description (in
//! `api::destinations`), and an export's page: its configuration (secrets never shown), latest
//! runs, pause and resume (with the gap exported), backfill with a preview, logs, delete.

mod actions;
mod detail;
mod form;
mod list;
mod logs;

pub use actions::actions_part;
pub use detail::BatchExportPage;
pub use form::{BatchExportCreatePage, BatchExportEditPage};
pub use list::BatchExportsPage;
pub use logs::logs_part;

use api::destinations::{parse_instant, status_label, ExportState};
use api::models::RunStatus;
use leptos::prelude::*;

use crate::hooks::use_current_org;

/// The organization's projects (id and name), from the organization the shell loaded: an export
/// only has `team_id`. `None` until the organization is here.
type Projects = Signal<Option<Vec<(i64, String)>>>;

fn use_projects() -> Projects {
    let current = use_current_org();
    Signal::derive(move || current.org.get().and_then(Result::ok).map(|o| o.teams))
}

/// A project's name, or its id while the names are not here (or it is not in the list).
fn project_name(projects: Projects, team_id: i64) -> String {
    projects
        .with(|list| {
            list.as_ref()
                .and_then(|list| list.iter().find(|(id, _)| *id == team_id))
                .map(|(_, name)| name.clone())
        })
        .unwrap_or_else(|| format!("Project {team_id}"))
}

fn state_badge(state: ExportState) -> AnyView {
    let class = match state {
        ExportState::Active => "badge badge-ok",
        ExportState::Paused => "badge badge-muted",
        ExportState::PausedAfterFailures => "badge badge-danger",
    };
    view! { <span class=class>{state.label()}</span> }.into_any()
}

fn run_badge(status: &RunStatus) -> AnyView {
    let class = if status.is_failure() {
        "badge badge-danger"
    } else if status.is_in_progress() {
        "badge badge-warn"
    } else if *status == RunStatus::Completed {
        "badge badge-ok"
    } else {
        "badge badge-muted"
    };
    view! { <span class=class>{status_label(status).to_string()}</span> }.into_any()
}

/// 1234567 -> "1.2 MB" (integer arithmetic: float formatting is a lot of code).
fn human_bytes(bytes: i64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut unit = 0;
    let mut scale: i64 = 1;
    while bytes / scale >= 1000 && unit < UNITS.len() - 1 {
        scale *= 1000;
        unit += 1;
    }
    if unit == 0 {
        return format!("{bytes} B");
    }
    let tenths = bytes * 10 / scale;
    format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

/// "4 min 12 s" between two timestamps, or "—".
fn duration_text(from: &str, to: Option<&str>) -> String {
    let (Some(a), Some(b)) = (parse_instant(from), to.and_then(parse_instant)) else {
        return "\u{2014}".into();
    };
    let secs = (b - a).max(0);
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min {} s", secs / 60, secs % 60),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    }
}

/// Now, in Unix seconds (the browser's clock).
fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The export's pages: `/orgs/:org/batch-exports/:id`.
fn export_path(org: &str, id: &str) -> String {
    format!("/orgs/{org}/batch-exports/{id}")
}
