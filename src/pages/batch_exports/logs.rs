//! An export's logs: newest first, filtered by level (several), text, run and time window, with
//! "load older" (the next lines `before` the oldest shown), each line's level as a badge and a
//! copy button per line.

use api::destinations::parse_instant;
use api::endpoints::batch_exports;
use api::models::{BatchExportLogEntry, LogLevel, LogsQuery};
use leptos::prelude::*;

use super::detail::ExportParts;
use crate::components::copy::CopyButton;
use crate::components::feedback::ErrorPanel;
use crate::components::form::{CheckboxField, FormErrors, TextField};
use crate::components::table::{column, text_column, DataTable};
use crate::components::util::short_datetime;
use crate::http::use_http;
use crate::http::Loaded;

/// Lines asked for at a time.
const PAGE: u32 = 50;

const LEVELS: [(LogLevel, &str); 5] = [
    (LogLevel::Error, "log-level-error"),
    (LogLevel::Warning, "log-level-warning"),
    (LogLevel::Info, "log-level-info"),
    (LogLevel::Log, "log-level-log"),
    (LogLevel::Debug, "log-level-debug"),
];

/// The query shown, and whether its lines go after the ones already shown ("load older").
#[derive(Clone, PartialEq, Default)]
struct Shown {
    query: LogsQuery,
    older: bool,
}

/// The logs' filters as typed, and the query last applied. The runs table's Logs buttons set
/// `run` and apply it (a failed run's logs in one click).
#[derive(Clone, Copy)]
struct LogFilters {
    levels: [RwSignal<bool>; 5],
    search: RwSignal<String>,
    run: RwSignal<String>,
    after: RwSignal<String>,
    before: RwSignal<String>,
    errors: FormErrors,
    shown: RwSignal<Shown>,
}

impl LogFilters {
    fn new() -> LogFilters {
        LogFilters {
            levels: [(); 5].map(|_| RwSignal::new(false)),
            search: RwSignal::new(String::new()),
            run: RwSignal::new(String::new()),
            after: RwSignal::new(String::new()),
            before: RwSignal::new(String::new()),
            errors: FormErrors::new(),
            shown: RwSignal::new(Shown {
                query: LogsQuery {
                    limit: Some(PAGE),
                    ..Default::default()
                },
                older: false,
            }),
        }
    }

    /// Shows the logs the filters describe (errors under the time fields otherwise).
    fn apply(&self) {
        self.errors.clear();
        let text = |s: RwSignal<String>| {
            let v = s.get_untracked().trim().to_string();
            (!v.is_empty()).then_some(v)
        };
        let mut bad = false;
        let mut bounds = [None, None];
        for (i, (signal, field)) in [(self.after, "log-after"), (self.before, "log-before")]
            .into_iter()
            .enumerate()
        {
            if let Some(value) = text(signal) {
                match parse_instant(&value) {
                    Some(at) if value.contains('T') => bounds[i] = Some((at, value)),
                    _ => {
                        bad = true;
                        self.errors.set_field(field, "Enter a date and time.");
                    }
                }
            }
        }
        if let [Some((a, _)), Some((b, _))] = &bounds {
            if a >= b {
                bad = true;
                self.errors.set_field(
                    "log-before",
                    "The end of the window must be after its start.",
                );
            }
        }
        if bad {
            return;
        }
        let [after, before] =
            bounds.map(|b| b.map(|(_, v)| format!("{}:00Z", &v[..16.min(v.len())])));
        let levels = LEVELS
            .iter()
            .zip(self.levels)
            .filter(|(_, on)| on.get_untracked())
            .map(|((level, _), _)| level.clone())
            .collect();
        self.shown.set(Shown {
            query: LogsQuery {
                limit: Some(PAGE),
                after,
                before,
                levels,
                search: text(self.search),
                instance_id: text(self.run),
                ..Default::default()
            },
            older: false,
        });
    }

    fn clear(&self) {
        for level in self.levels {
            level.set(false);
        }
        for s in [self.search, self.run, self.after, self.before] {
            s.set(String::new());
        }
        self.apply();
    }
}

/// The logs section of an export's page, fetched the first time it is opened (areas.rs).
pub fn logs_part() -> AnyView {
    let parts = expect_context::<ExportParts>();
    let filters = LogFilters::new();
    // a run's Logs button: that run's lines
    crate::reactive::watch(move || {
        if let Some(run) = parts.log_run.get() {
            filters.run.set(run);
            filters.apply();
        }
    });
    let id = parts.export.with_untracked(|e| e.id.clone());
    export_logs(parts.org, id, filters)
}

/// The logs of export `id` of organization `org`.
fn export_logs(org: Signal<String>, id: String, filters: LogFilters) -> AnyView {
    let http = use_http();
    let shown = filters.shown;
    let logs = Loaded::new(move || {
        let query = shown.with(|s| s.query.clone());
        http.send(batch_exports::logs(&org.get(), &id, &query))
    });
    let lines = RwSignal::new(Vec::<BatchExportLogEntry>::new());
    let more = RwSignal::new(false);
    crate::reactive::watch(move || {
        if let Some(Ok(page)) = logs.get() {
            let older = shown.with_untracked(|s| s.older);
            more.set(page.next.is_some() || page.results.len() as u32 >= PAGE);
            lines.update(|l| {
                if !older {
                    l.clear();
                }
                l.extend(page.results);
            });
        }
    });
    let load_older = move |_| {
        let oldest = lines.with_untracked(|l| l.last().map(|e| e.timestamp.clone()));
        if let Some(oldest) = oldest {
            shown.update(|s| {
                s.query.before = Some(oldest);
                s.older = true;
            });
        }
    };
    let columns = vec![
        text_column("Time (UTC)", |e: &BatchExportLogEntry| {
            short_datetime_seconds(&e.timestamp)
        }),
        column("Level", |e: &BatchExportLogEntry| level_badge(&e.level)),
        column("Message", |e: &BatchExportLogEntry| {
            view! { <span class="log-message">{e.message.clone()}</span> }.into_any()
        }),
        text_column("Run", |e: &BatchExportLogEntry| {
            e.instance_id
                .as_deref()
                .map(|r| r.get(..8).unwrap_or(r).to_string())
                .unwrap_or_default()
        }),
        column("", |e: &BatchExportLogEntry| {
            let line = format!(
                "{} {} {}{}",
                e.timestamp,
                e.level.as_str(),
                e.message,
                e.instance_id
                    .as_deref()
                    .map(|r| format!(" (run {r})"))
                    .unwrap_or_default()
            );
            view! { <CopyButton value=line label="Copy log line" /> }.into_any()
        }),
    ];
    let errors = filters.errors;
    let level_boxes = LEVELS
        .iter()
        .zip(filters.levels)
        .map(|((level, id), on)| {
            view! { <CheckboxField id=*id label=level.label().to_string() checked=on /> }
        })
        .collect_view();
    view! {
        <form
            class="form log-filters"
            role="search"
            aria-label="Filter the logs"
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                filters.apply();
            }
        >
            <fieldset class="plain">
                <legend>"Levels (none ticked: every level)"</legend>
                <div class="toolbar">{level_boxes}</div>
            </fieldset>
            <div class="toolbar">
                <TextField id="log-search" label="Message contains" value=filters.search />
                <TextField id="log-run" label="Run ID" value=filters.run />
                <TextField id="log-after" label="From (UTC)" kind="datetime-local" value=filters.after error=errors.field("log-after") />
                <TextField id="log-before" label="To (UTC)" kind="datetime-local" value=filters.before error=errors.field("log-before") />
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">"Apply filters"</button>
                <button type="button" class="btn" on:click=move |_| filters.clear()>"Clear filters"</button>
            </div>
        </form>
        {move || match logs.get() {
            Some(Err(error)) => {
                view! { <ErrorPanel error=error on_retry=Callback::new(move |_| logs.refetch()) /> }.into_any()
            }
            None => view! { <p class="muted" role="status">"Loading the logs\u{2026}"</p> }.into_any(),
            Some(Ok(_)) => ().into_any(),
        }}
        <DataTable caption="Log lines, newest first" columns=columns rows=lines
            key=|e: &BatchExportLogEntry| format!("{}-{}-{}", e.timestamp, e.instance_id.as_deref().unwrap_or(""), e.message)
            empty="No log lines match these filters." />
        <div class="form-actions">
            <button type="button" class="btn" disabled=move || !more.get() on:click=load_older>
                "Load older lines"
            </button>
        </div>
    }
    .into_any()
}

/// "2025-01-31T12:34:56.789Z" -> "2025-01-31 12:34:56".
fn short_datetime_seconds(iso: &str) -> String {
    match iso.get(16..19) {
        Some(secs) if secs.starts_with(':') => format!("{}{secs}", short_datetime(iso)),
        _ => short_datetime(iso),
    }
}

fn level_badge(level: &LogLevel) -> AnyView {
    let class = match level {
        LogLevel::Error => "badge badge-danger",
        LogLevel::Warning => "badge badge-warn",
        LogLevel::Info => "badge badge-ok",
        _ => "badge badge-muted",
    };
    view! { <span class=class>{level.as_str().to_string()}</span> }.into_any()
}
