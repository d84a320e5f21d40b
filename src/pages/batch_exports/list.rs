//! Every batch export of the organization in one table, whatever its project: destination,
//! interval, model, state (active, paused by a person, paused after failures) and health from
//! its latest runs. Filters (project, destination type, state) and the page live in the URL.
//! The organization's list has no filters of its own, so every page of it is loaded and the
//! table filters and pages it here.

use api::destinations::{health, ExportState, DESTINATIONS};
use api::endpoints::batch_exports;
use api::models::BatchExportSummary;
use api::ApiError;
use leptos::prelude::*;

use super::{export_path, project_name, run_badge, state_badge, use_projects, Projects};
use crate::components::feedback::load;
use crate::components::list_state::{use_list_state, ListState};
use crate::components::table::{column, link_column, text_column, Column, DataTable, Pager};
use crate::components::util::short_datetime;
use crate::hooks::use_current_org;
use crate::http::Loaded;
use crate::http::{use_http, Http};
use crate::nav::{navigate_to_query, use_query_map};

/// Pages of the organization's list fetched at most (100 exports each).
const MAX_PAGES: u32 = 20;

/// Every export of the organization, page after page.
async fn all_exports(http: Http, org: String) -> Result<Vec<BatchExportSummary>, ApiError> {
    let mut all = Vec::new();
    for page in 0..MAX_PAGES {
        let got = http
            .send(batch_exports::list_summaries(
                &org,
                Some(100),
                Some(page * 100),
            ))
            .await?;
        let done = got.next.is_none() || got.results.is_empty();
        all.extend(got.results);
        if done {
            break;
        }
    }
    Ok(all)
}

/// The filters of the URL: project id, destination type, state ("" = any).
#[derive(Clone, PartialEq, Default)]
struct Filters {
    project: String,
    kind: String,
    state: String,
}

impl Filters {
    fn keeps(&self, export: &BatchExportSummary) -> bool {
        (self.project.is_empty() || self.project == export.team_id.to_string())
            && (self.kind.is_empty() || self.kind == export.destination.kind.as_str())
            && (self.state.is_empty()
                || self.state
                    == ExportState::from_runs(export.paused, &export.latest_runs).as_str())
    }

    fn query(&self) -> String {
        [
            ("project", &self.project),
            ("destination", &self.kind),
            ("state", &self.state),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", api::request::percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

#[component]
pub fn BatchExportsPage() -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let projects = use_projects();
    let exports = Loaded::new(move || all_exports(http, current.id.get()));

    let query = use_query_map();
    let filters = crate::reactive::memo(move || {
        query.with(|q| Filters {
            project: q.get("project").unwrap_or_default(),
            kind: q.get("destination").unwrap_or_default(),
            state: q.get("state").unwrap_or_default(),
        })
    });
    let (state, _) = use_list_state();
    let go = Callback::new(move |(list, f): (ListState, Filters)| {
        let q = [list.to_query(), f.query()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("&");
        navigate_to_query(&q);
    });
    let set_state = Callback::new(move |list: ListState| go.run((list, filters.get_untracked())));
    let set_filter = move |change: fn(&mut Filters, String), value: String| {
        let mut f = filters.get_untracked();
        change(&mut f, value);
        go.run((state.get_untracked().with_page(1), f));
    };

    let columns = export_columns(current.id, projects);
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), "Any destination".into()))
        .chain(
            DESTINATIONS
                .iter()
                .map(|d| (d.kind.to_string(), d.label.to_string())),
        )
        .collect();
    let states: Vec<(String, String)> = std::iter::once((String::new(), "Any state".into()))
        .chain(
            ExportState::ALL
                .iter()
                .map(|s| (s.as_str().to_string(), s.label().to_string())),
        )
        .collect();
    let project_options = move || {
        let mut options = vec![(String::new(), "Every project".to_string())];
        if let Some(list) = projects.get() {
            options.extend(list.into_iter().map(|(id, name)| (id.to_string(), name)));
        }
        options
    };

    view! {
        <div class="page-header">
            <h1>"Batch exports"</h1>
            <div class="page-actions">
                <a href=move || format!("/orgs/{}/batch-exports/new", current.id.get()) class="btn btn-primary">
                    "New export"
                </a>
            </div>
        </div>
        <p class="muted">"Every project's exports in one place, with how their latest runs went."</p>
        <div class="toolbar" role="group" aria-label="Filters">
            {filter_select("filter-project", "Project", Signal::derive(move || filters.with(|f| f.project.clone())), Signal::derive(project_options), move |v| set_filter(|f, v| f.project = v, v))}
            {filter_select("filter-destination", "Destination", Signal::derive(move || filters.with(|f| f.kind.clone())), Signal::stored(kinds), move |v| set_filter(|f, v| f.kind = v, v))}
            {filter_select("filter-state", "State", Signal::derive(move || filters.with(|f| f.state.clone())), Signal::stored(states), move |v| set_filter(|f, v| f.state = v, v))}
        </div>
        {load(exports, move |all: Vec<BatchExportSummary>| {
            let all = StoredValue::new(all);
            let shown = crate::reactive::memo(move || {
                let f = filters.get();
                all.with_value(|all| all.iter().filter(|e| f.keeps(e)).cloned().collect::<Vec<_>>())
            });
            let rows = Signal::derive(move || {
                let s = state.get();
                shown.with(|rows| {
                    rows.iter().skip(s.offset() as usize).take(s.limit() as usize).cloned().collect::<Vec<_>>()
                })
            });
            let count = Signal::derive(move || shown.with(Vec::len) as u64);
            let empty = if all.with_value(Vec::is_empty) {
                "No batch exports yet. Create one to send your data to a warehouse or bucket."
            } else {
                "No export matches these filters."
            };
            view! {
                <DataTable caption="Batch exports" columns=columns.clone() rows=rows
                    key=|e: &BatchExportSummary| format!("{}-{}-{}", e.id, e.paused, e.last_updated_at) empty=empty />
                <Pager count=count state=state set_state=set_state />
            }
        })}
    }
}

/// A labelled select that applies at once.
fn filter_select(
    id: &'static str,
    label: &'static str,
    value: Signal<String>,
    options: Signal<Vec<(String, String)>>,
    on_change: impl Fn(String) + 'static,
) -> AnyView {
    view! {
        <label class="inline-select" for=id>
            {label} " "
            <select id=id prop:value=move || value.get() on:change=move |ev| on_change(event_target_value(&ev))>
                {move || {
                    let selected = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let is = v == selected;
                            view! { <option value=v selected=is>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
    .into_any()
}

fn export_columns(org: Memo<String>, projects: Projects) -> Vec<Column<BatchExportSummary>> {
    vec![
        link_column("Name", move |e: &BatchExportSummary| {
            (export_path(&org.get_untracked(), &e.id), e.name.clone())
        }),
        column("Project", move |e: &BatchExportSummary| {
            let team = e.team_id;
            (move || project_name(projects, team)).into_any()
        }),
        text_column("Destination", |e: &BatchExportSummary| {
            e.destination.kind.label().to_string()
        }),
        text_column("Interval", |e: &BatchExportSummary| {
            e.interval.label().to_string()
        }),
        text_column("Model", |e: &BatchExportSummary| {
            e.model.as_ref().map_or("Events", |m| m.label()).to_string()
        }),
        column("State", |e: &BatchExportSummary| {
            state_badge(ExportState::from_runs(e.paused, &e.latest_runs))
        }),
        column("Last run", |e: &BatchExportSummary| {
            match health(&e.latest_runs).last {
                Some(run) => {
                    let when =
                        short_datetime(run.finished_at.as_deref().unwrap_or(&run.created_at));
                    view! { <span class="status-cell">{run_badge(&run.status)} <span class="muted">{when}</span></span> }
                    .into_any()
                }
                None => view! { <span class="muted">"No runs yet"</span> }.into_any(),
            }
        }),
        column("Recent failures", |e: &BatchExportSummary| {
            let h = health(&e.latest_runs);
            let text = if h.runs == 0 {
                "\u{2014}".to_string()
            } else {
                format!("{} of {} runs", h.failures, h.runs)
            };
            let class = if h.failures > 0 {
                "badge badge-danger"
            } else {
                "muted"
            };
            view! { <span class=class>{text}</span> }.into_any()
        }),
    ]
}
