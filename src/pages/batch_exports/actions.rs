//! An export's actions that ask first: resume (and export the gap since it was paused, from
//! when to now) and backfill (start and end checked here as PostHog checks them, with a preview:
//! how many runs, and a warning when completed runs already covered part of the range).

use api::destinations::{backfill_in_dates, format_instant, parse_instant, plan_backfill};
use api::endpoints::batch_exports;
use api::models::{BackfillRequest, BatchExport, UnpauseRequest};
use leptos::prelude::*;
use serde_json::Value;

use super::detail::ExportParts;
use super::now_secs;
use crate::components::form::{CheckboxField, TextField};
use crate::components::form_dialog::FormDialog;
use crate::components::util::short_datetime;
use crate::http::{use_http, Done, Failure};

/// The resume and backfill dialogs of an export's page, fetched the first time one of them is
/// opened (areas.rs).
pub fn actions_part() -> AnyView {
    let p = expect_context::<ExportParts>();
    view! {
        {resume_dialog(p.resume, p.org, p.export, p.reload)}
        {backfill_dialog(p.backfill, p.org, p.export, p.started, p.reload)}
    }
    .into_any()
}

/// The resume dialog: with the export's pause time, offers to export the gap too.
fn resume_dialog(
    dialog: FormDialog,
    org: Signal<String>,
    export: RwSignal<BatchExport>,
    reload: Callback<()>,
) -> AnyView {
    let backfill = RwSignal::new(true);
    let resume = use_http().mutation(
        move |request: &UnpauseRequest| {
            batch_exports::unpause_with(
                &org.get_untracked(),
                &export.with_untracked(|e| e.id.clone()),
                request,
            )
        },
        move |request, _| {
            dialog.close();
            reload.run(());
            let since = export.with_untracked(|e| e.last_paused_at.clone());
            match (request.backfill, since) {
                (true, Some(since)) => Done::toast(format!(
                    "Resumed; the data from {} to now is being exported",
                    short_datetime(&since)
                )),
                _ => Done::toast("Resumed: the next run starts on schedule"),
            }
        },
        Failure::Form(dialog.errors, &[]),
    );
    let since = move || export.with(|e| e.last_paused_at.clone());
    let body = view! {
        <p>
            "The export runs again on its schedule from the next interval. "
            {move || since().map(|s| format!("It was paused on {} UTC.", short_datetime(&s)))}
        </p>
        {move || {
            since()
                .map(|s| {
                    let label = format!(
                        "Also export the data from {} UTC (when it was paused) to now",
                        short_datetime(&s)
                    );
                    view! { <CheckboxField id="resume-backfill" label=label checked=backfill
                        hint="Without it, the data that arrived while it was paused is not exported (you can backfill it later)." /> }
                })
        }}
    }
    .into_any();
    let request = move || UnpauseRequest {
        backfill: backfill.get() && since().is_some(),
    };
    let curl = Signal::derive(move || resume.curl(request()).unwrap_or_default());
    let submit = Box::new(move || resume.dispatch(untrack(request)));
    dialog.view(body, "Resume", resume.pending(), curl, submit)
}

/// The backfill dialog; `started` gets the answer's backfill id.
fn backfill_dialog(
    dialog: FormDialog,
    org: Signal<String>,
    export: RwSignal<BatchExport>,
    started: RwSignal<Option<String>>,
    reload: Callback<()>,
) -> AnyView {
    let (interval, timezone) = export.with_untracked(|e| (e.interval.clone(), e.timezone.clone()));
    let dates = backfill_in_dates(&interval);
    let known = timezone
        .as_deref()
        .and_then(|tz| Some((tz, tz_offset_minutes(tz)?)));
    let offset = known.map_or(0, |(_, o)| o);
    let zone = known.map_or("UTC", |(tz, _)| tz).to_string();
    let every = if dates {
        "one per day".to_string()
    } else {
        format!(
            "one per interval ({})",
            interval.label().to_ascii_lowercase()
        )
    };
    // the end defaults to the last whole interval (today for dates), the start to one before
    let now_local = now_secs() + i64::from(offset) * 60;
    let step = if dates { 86_400 } else { 3_600 };
    let end_default = format_instant(now_local - now_local.rem_euclid(step));
    let start_default = format_instant(now_local - now_local.rem_euclid(step) - step);
    let shape = |s: String| if dates { s[..10].to_string() } else { s };
    let start = RwSignal::new(shape(start_default));
    let end = RwSignal::new(shape(end_default));
    let errors = dialog.errors;

    let plan = crate::reactive::memo(move || {
        let runs = export.with(|e| e.latest_runs.clone());
        plan_backfill(
            &interval,
            &start.get(),
            &end.get(),
            offset,
            now_secs(),
            &runs,
        )
    });
    let send = use_http().mutation(
        move |request: &BackfillRequest| {
            batch_exports::backfill(
                &org.get_untracked(),
                &export.with_untracked(|e| e.id.clone()),
                request,
            )
        },
        move |_, answer: Value| {
            let id = answer
                .get("backfill_id")
                .and_then(Value::as_str)
                .map(str::to_string);
            started.set(Some(
                id.clone().unwrap_or_else(|| "(no id in the answer)".into()),
            ));
            dialog.close();
            reload.run(());
            Done::toast(match id {
                Some(id) => format!("Backfill {id} started"),
                None => "Backfill started".to_string(),
            })
        },
        Failure::Form(errors, &["start_at", "end_at"]),
    );
    let kind = if dates { "date" } else { "datetime-local" };
    let (start_label, end_label) = (format!("Start ({zone})"), format!("End ({zone})"));
    let preview = move || match plan.get() {
        Ok(p) => {
            let runs = format!(
                "{} run{} will export the data from {} to {} ({zone}), {every}.",
                p.intervals,
                if p.intervals == 1 { "" } else { "s" },
                p.start_at,
                p.end_at,
            );
            let overlap = (p.overlapping > 0).then(|| {
                format!(
                    "{} run{} that already completed cover part of this range: exporting it again writes duplicate rows at most destinations.",
                    p.overlapping,
                    if p.overlapping == 1 { "" } else { "s" }
                )
            });
            view! {
                <p>{runs}</p>
                {overlap.map(|o| view! { <p class="notice">{o}</p> })}
            }
            .into_any()
        }
        Err(_) => view! { <p class="muted">"The preview appears once both ends are valid."</p> }
            .into_any(),
    };
    let body = view! {
        <p>
            "Exports a past range again, one run per interval. The end cannot be in the future."
        </p>
        <TextField id="start_at" label=start_label kind=kind value=start error=errors.field("start_at") required=true />
        <TextField id="end_at" label=end_label kind=kind value=end error=errors.field("end_at") required=true />
        <div class="backfill-preview" role="status" aria-live="polite">{preview}</div>
    }
    .into_any();
    // (the range as it stands; an invalid one gives the request with what was typed)
    let curl = Signal::derive(move || {
        let request = match plan.get() {
            Ok(p) => BackfillRequest::new(p.start_at, p.end_at),
            Err(_) => BackfillRequest::new(start.get(), end.get()),
        };
        send.curl(request).unwrap_or_default()
    });
    let submit = Box::new(move || {
        errors.clear();
        match plan.get_untracked() {
            Ok(p) => send.dispatch(BackfillRequest::new(p.start_at, p.end_at)),
            Err((field, message)) => errors.set_field(field, message),
        }
    });
    dialog.view(body, "Start backfill", send.pending(), curl, submit)
}

/// Minutes `tz` (an IANA name) is ahead of UTC now, from the browser's own time zone data;
/// `None` for a zone the browser does not know.
fn tz_offset_minutes(tz: &str) -> Option<i32> {
    use js_sys::{Array, Date, Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let options = Object::new();
    for (key, value) in [
        ("timeZone", tz),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
    ] {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    // new Intl.DateTimeFormat("en-CA", options): "2024-03-01, 02:00:00"; an unknown zone
    // throws, which `construct` returns as an error
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let class = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let format = Reflect::construct(&class, &Array::of2(&"en-CA".into(), &options)).ok()?;
    let format_fn = Reflect::get(&format, &"format".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let now = Date::now();
    let text = format_fn
        .call1(&format, &JsValue::from(Date::new(&now.into())))
        .ok()?
        .as_string()?;
    let local = parse_instant(&text.replace(", ", "T"))?;
    let utc = (now / 1000.0) as i64;
    Some(((local - utc) as f64 / 60.0).round() as i32)
}
