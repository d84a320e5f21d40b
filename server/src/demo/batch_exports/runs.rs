//! The run and log simulator: run statuses that follow the clock, backfills that add runs, the
//! log lines of each run, and believable past runs for the seed.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde_json::{json, Value};

use super::super::pagination::{page_with, LimitOffset};
use super::super::store::{thousands, ts, ts_opt, BatchExport, Run, Store};
use super::super::{Ctx, Outcome, Reply};
use super::body::{datetime_field, parse_datetime};
use crate::errors::ErrorReply;

/// Runs listed in `latest_runs`.
pub const LATEST_RUNS: usize = 10;
/// Logs: default and largest page.
pub const LOGS_DEFAULT_LIMIT: usize = 50;
pub const LOGS_MAX_LIMIT: usize = 500;
/// Log levels.
pub const LOG_LEVELS: &[&str] = &["DEBUG", "LOG", "INFO", "WARNING", "ERROR"];
/// Most runs one backfill adds.
pub const MAX_BACKFILL_RUNS: usize = 24;

/// The status a run shows now (runs in progress are Starting, then Running, until they settle).
pub fn run_status(run: &Run, now: DateTime<Utc>) -> &str {
    match run.settles_at {
        Some(at) if now < at => {
            if now - run.created_at < Duration::seconds(2) {
                "Starting"
            } else {
                "Running"
            }
        }
        _ => run.status.as_str(),
    }
}

fn settled(run: &Run, now: DateTime<Utc>) -> bool {
    run.settles_at.is_none_or(|at| now >= at)
}

/// PostHog's `BatchExportRun`.
pub fn run_json(be: &BatchExport, run: &Run) -> Value {
    let now = Utc::now();
    let done = settled(run, now);
    let finished_at = if done {
        run.finished_at.or(run.settles_at)
    } else {
        None
    };
    json!({
        "id": run.id,
        "status": run_status(run, now),
        "records_completed": if done { json!(run.records_completed) } else { Value::Null },
        "latest_error": if done { json!(run.latest_error) } else { Value::Null },
        "data_interval_start": ts_opt(&run.data_interval_start),
        "data_interval_end": ts(&run.data_interval_end),
        "cursor": null,
        "created_at": ts(&run.created_at),
        "finished_at": ts_opt(&finished_at),
        "last_updated_at": ts(&if done { run.settles_at.unwrap_or(run.last_updated_at).max(run.last_updated_at) } else { run.last_updated_at }),
        "records_total_count": run.records_total_count,
        "bytes_exported": if done { json!(run.bytes_exported) } else { Value::Null },
        "batch_export": be.id,
        "backfill": run.backfill,
    })
}

/// The length of one run's data interval.
pub fn interval_length(interval: &str) -> Duration {
    match interval {
        "day" => Duration::days(1),
        "week" => Duration::weeks(1),
        "every 5 minutes" => Duration::minutes(5),
        "every 15 minutes" => Duration::minutes(15),
        _ => Duration::hours(1),
    }
}

pub(super) fn backfill(store: &mut Store, oi: usize, bi: usize, ctx: &Ctx) -> Outcome {
    let body = ctx.object()?;
    let start = datetime_field(&body, "start_at")?
        .flatten()
        .ok_or_else(|| ErrorReply::required("start_at"))?;
    let now = Utc::now();
    let end = match datetime_field(&body, "end_at")?.flatten() {
        Some(end) => end,
        // only HTTP exports may backfill up to "now, and keep going"
        None if store.orgs[oi].batch_exports[bi].destination_type == "HTTP" => now,
        None => return Err(ErrorReply::required("end_at")),
    };
    if start >= end {
        return Err(ErrorReply::validation(
            "invalid",
            "The initial backfill datetime 'start_at' happens after 'end_at'",
            None,
        ));
    }
    if end > now + Duration::seconds(1) {
        return Err(ErrorReply::validation(
            "invalid",
            format!("The provided 'end_at' ({}) is in the future", ts(&end)),
            None,
        ));
    }
    let backfill_id = add_backfill_runs(store, oi, bi, start, end, now);
    Ok(Reply::ok(json!({ "backfill_id": backfill_id })))
}

/// Adds the runs of a backfill from `start` to `end` (at most [`MAX_BACKFILL_RUNS`]), settling
/// one after the other over the next seconds; answers the backfill's id.
pub(super) fn add_backfill_runs(
    store: &mut Store,
    oi: usize,
    bi: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> String {
    let backfill_id = store.uuid();
    let step = interval_length(&store.orgs[oi].batch_exports[bi].interval);
    let mut intervals = Vec::new();
    let mut at = start;
    while at < end && intervals.len() < MAX_BACKFILL_RUNS {
        let next = (at + step).min(end);
        intervals.push((at, next));
        at = next;
    }
    for (i, (from, to)) in intervals.into_iter().enumerate() {
        let total = store.rng.gen_range(800..60_000);
        let run = Run {
            id: store.uuid(),
            status: "Completed".to_string(),
            records_completed: Some(total),
            records_total_count: Some(total),
            bytes_exported: Some(total * store.rng.gen_range(300..900)),
            latest_error: None,
            data_interval_start: Some(from),
            data_interval_end: to,
            created_at: now,
            finished_at: None,
            last_updated_at: now,
            backfill: Some(backfill_id.clone()),
            settles_at: Some(now + Duration::seconds(4 + 2 * i as i64)),
        };
        store.orgs[oi].batch_exports[bi].runs.insert(0, run);
    }
    backfill_id
}

/// What PostHog does when it gives up on an export that keeps failing: its newest runs failed
/// with the same error, and it is paused since the last of them.
pub fn fail_and_pause(store: &mut Store, oi: usize, bi: usize, failures: usize, error: &str) {
    let be = &mut store.orgs[oi].batch_exports[bi];
    for run in be.runs.iter_mut().take(failures) {
        run.status = "Failed".to_string();
        run.latest_error = Some(error.to_string());
        run.records_completed = Some(0);
        run.bytes_exported = Some(0);
        run.settles_at = None;
        if run.finished_at.is_none() {
            run.finished_at = Some(run.created_at + Duration::seconds(40));
            run.last_updated_at = run.created_at + Duration::seconds(40);
        }
    }
    be.paused = true;
    be.last_paused_at = be.runs.first().and_then(|r| r.finished_at);
}

/// The log lines of one run (oldest first), as the status shows now.
fn run_log(
    be: &BatchExport,
    run: &Run,
    now: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, &'static str, String)> {
    let status = run_status(run, now);
    let t0 = run.created_at;
    let mut lines = vec![(t0, "INFO", "Batch export run started".to_string())];
    if status == "Starting" {
        return lines;
    }
    let from = run
        .data_interval_start
        .map(|t| ts(&t))
        .unwrap_or_else(|| "the beginning".to_string());
    lines.push((
        t0 + Duration::milliseconds(850),
        "INFO",
        format!(
            "Exporting data from {from} to {} to {}",
            ts(&run.data_interval_end),
            be.destination_type
        ),
    ));
    lines.push((
        t0 + Duration::milliseconds(900),
        "LOG",
        format!("Connected to the {} destination", be.destination_type),
    ));
    if let Some(b) = &run.backfill {
        lines.push((
            t0 + Duration::seconds(1),
            "DEBUG",
            format!("Run is part of backfill {b}"),
        ));
    }
    // a stable pseudo-random pick per run
    let salt = run
        .id
        .bytes()
        .fold(0u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32));
    let records = run.records_completed.unwrap_or(0);
    match status {
        "Running" => {}
        "Completed" => {
            if salt % 4 == 0 {
                lines.push((
                    t0 + Duration::seconds(21),
                    "WARNING",
                    format!(
                        "Upload of part 2 to {} timed out, retrying (attempt 2 of 10)",
                        be.destination_type
                    ),
                ));
            }
            lines.push((
                t0 + Duration::seconds(34),
                "DEBUG",
                format!("Flushed batch of {} rows", thousands(records.min(10_000))),
            ));
            lines.push((
                t0 + Duration::seconds(47),
                "INFO",
                format!("Exported {} rows", thousands(records)),
            ));
            lines.push((
                t0 + Duration::seconds(48),
                "INFO",
                "Batch export run finished successfully".to_string(),
            ));
        }
        failed => {
            let error = run
                .latest_error
                .clone()
                .unwrap_or_else(|| "The run did not complete".to_string());
            if failed == "FailedRetryable" {
                lines.push((
                    t0 + Duration::seconds(12),
                    "WARNING",
                    "Activity failed, will retry in 30 seconds (attempt 1 of 3)".to_string(),
                ));
            }
            lines.push((
                t0 + Duration::seconds(40),
                "ERROR",
                format!("Batch export run failed: {error}"),
            ));
        }
    }
    lines
}

pub(super) fn logs(store: &Store, oi: usize, bi: usize, ctx: &Ctx) -> Outcome {
    let be = &store.orgs[oi].batch_exports[bi];
    let url = &ctx.url;
    let limit = match url.param("limit") {
        None | Some("") => LOGS_DEFAULT_LIMIT,
        Some(v) => match v.trim().parse::<i64>() {
            Ok(n) if n < 1 => {
                return Err(ErrorReply::field(
                    "limit",
                    "min_value",
                    "Ensure this value is greater than or equal to 1.",
                ))
            }
            Ok(n) if n > LOGS_MAX_LIMIT as i64 => {
                return Err(ErrorReply::field(
                    "limit",
                    "max_value",
                    format!("Ensure this value is less than or equal to {LOGS_MAX_LIMIT}."),
                ))
            }
            Ok(n) => n as usize,
            Err(_) => {
                return Err(ErrorReply::field(
                    "limit",
                    "invalid",
                    "A valid integer is required.",
                ))
            }
        },
    };
    // `level` may repeat (level=ERROR&level=WARNING), and each may list several by commas
    let mut wanted = Vec::new();
    for (_, v) in url.query.iter().filter(|(k, _)| k == "level") {
        for level in v.split(',').map(|l| l.trim().to_ascii_uppercase()) {
            if level.is_empty() {
                continue;
            }
            if !LOG_LEVELS.contains(&level.as_str()) {
                return Err(ErrorReply::invalid_choice("level", &json!(v)));
            }
            wanted.push(level);
        }
    }
    let levels = (!wanted.is_empty()).then_some(wanted);
    let search = url
        .param("search")
        .map(|s| s.to_lowercase())
        .filter(|s| !s.is_empty());
    let bound = |key: &str| -> Result<Option<DateTime<Utc>>, ErrorReply> {
        match url.param(key) {
            None | Some("") => Ok(None),
            Some(v) => parse_datetime(v)
                .map(Some)
                .ok_or_else(|| ErrorReply::field(key, "invalid", "Datetime has wrong format.")),
        }
    };
    let after = bound("after")?;
    let before = bound("before")?;
    // the run: `instance_id` as PostHog names it (`run_id` as this demo used to)
    let run_filter = url
        .param("instance_id")
        .or_else(|| url.param("run_id"))
        .filter(|s| !s.is_empty());
    let now = Utc::now();
    let mut lines = Vec::new();
    for run in &be.runs {
        if run_filter.is_some_and(|r| r != run.id) {
            continue;
        }
        for (t, level, message) in run_log(be, run, now) {
            if t > now {
                continue;
            }
            lines.push((t, level, message, run.id.as_str()));
        }
    }
    lines.retain(|(t, level, message, _)| {
        levels
            .as_ref()
            .is_none_or(|ls| ls.iter().any(|l| l == level))
            && search
                .as_ref()
                .is_none_or(|s| message.to_lowercase().contains(s.as_str()))
            && after.is_none_or(|a| *t > a)
            && before.is_none_or(|b| *t < b)
    });
    lines.sort_by_key(|l| std::cmp::Reverse(l.0));
    let items: Vec<Value> = lines
        .into_iter()
        .map(|(t, level, message, run_id)| {
            json!({
                "log_source_id": be.id,
                "instance_id": run_id,
                "timestamp": ts(&t),
                "level": level,
                "message": message,
            })
        })
        .collect();
    let lo = LimitOffset {
        limit,
        offset: LimitOffset::from_url(url, limit).offset,
    };
    Ok(Reply::ok(page_with(url, items, lo)))
}

/// Believable past runs for a seeded export: `count` runs, one per interval back from now.
pub fn seed_runs(
    store: &mut Store,
    oi: usize,
    bi: usize,
    count: usize,
    failing: Option<&str>,
    now: DateTime<Utc>,
) {
    let (interval, paused, created, paused_at) = {
        let be = &store.orgs[oi].batch_exports[bi];
        (
            be.interval.clone(),
            be.paused,
            be.created_at,
            be.last_paused_at,
        )
    };
    let step = interval_length(&interval);
    // intervals end on their boundaries (whole hours, midnights, 5-minute marks)
    let period = match interval.as_str() {
        "every 5 minutes" => 300,
        "every 15 minutes" => 900,
        "hour" => 3600,
        _ => 86_400,
    };
    // paused exports stopped running when they were paused
    let until = if paused {
        paused_at.unwrap_or(now)
    } else {
        now
    };
    let secs = until.timestamp();
    let last_end = DateTime::from_timestamp(secs - secs.rem_euclid(period), 0).unwrap_or(until);
    let mut runs = Vec::new();
    for i in 0..count {
        let end = last_end - step * i as i32;
        let start = end - step;
        if start < created {
            break;
        }
        let total: i64 = store.rng.gen_range(1_200..180_000);
        let roll: f64 = store.rng.gen();
        let fresh = now - end < Duration::minutes(10);
        let (status, error) = if i == 0 && !paused && (fresh || roll < 0.35) {
            ("Running", None)
        } else if i == 1 && failing.is_some() {
            ("Failed", failing.map(str::to_string))
        } else if roll < 0.06 {
            (
                "FailedRetryable",
                Some(
                    "TimeoutError: timed out waiting for the destination to accept a connection"
                        .to_string(),
                ),
            )
        } else if roll < 0.08 {
            ("Cancelled", None)
        } else {
            ("Completed", None)
        };
        let created_at =
            (end + Duration::seconds(store.rng.gen_range(20..120))).min(now - Duration::seconds(5));
        let took = Duration::seconds(store.rng.gen_range(30..600));
        let took = if i == 0 {
            took.min(now - created_at)
        } else {
            took
        };
        let done = status != "Running";
        let completed = match status {
            "Completed" => Some(total),
            "Running" => None,
            _ => Some(store.rng.gen_range(0..total / 2)),
        };
        runs.push(Run {
            id: store.uuid(),
            status: status.to_string(),
            records_completed: completed,
            records_total_count: Some(total),
            bytes_exported: completed.map(|c| c * store.rng.gen_range(300..900)),
            latest_error: error,
            data_interval_start: Some(start),
            data_interval_end: end,
            created_at,
            finished_at: done.then_some(created_at + took),
            last_updated_at: if done { created_at + took } else { created_at },
            backfill: None,
            settles_at: None,
        });
    }
    store.orgs[oi].batch_exports[bi].runs = runs;
}
