//! Batch exports: CRUD with destination config checks (unknown keys refused, secrets never
//! returned), pause/unpause, backfill (adds runs), runs with believable statuses, and logs.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use serde_json::{json, Map, Value};

use super::pagination::{page, page_with, LimitOffset, DEFAULT_LIMIT};
use super::store::{thousands, ts, ts_opt, BatchExport, Run, Store};
use super::timezones::is_timezone;
use super::validate::{self, Str};
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;

/// `interval` choices.
pub const INTERVALS: &[&str] = &["hour", "day", "week", "every 5 minutes", "every 15 minutes"];
/// `model` choices.
pub const MODELS: &[&str] = &["events", "persons", "sessions"];
/// Runs listed in `latest_runs`.
pub const LATEST_RUNS: usize = 10;
/// Logs: default and largest page.
pub const LOGS_DEFAULT_LIMIT: usize = 50;
pub const LOGS_MAX_LIMIT: usize = 500;
/// Log levels.
pub const LOG_LEVELS: &[&str] = &["DEBUG", "LOG", "INFO", "WARNING", "ERROR"];
/// Most runs one backfill adds.
pub const MAX_BACKFILL_RUNS: usize = 24;

/// A destination type: the config keys it accepts, needs, and never returns.
pub struct Destination {
    pub kind: &'static str,
    pub fields: &'static [&'static str],
    pub required: &'static [&'static str],
    pub secret: &'static [&'static str],
}

const EVENTS: [&str; 2] = ["exclude_events", "include_events"];

pub const DESTINATIONS: &[Destination] = &[
    Destination {
        kind: "S3",
        fields: &[
            "bucket_name",
            "region",
            "prefix",
            "aws_access_key_id",
            "aws_secret_access_key",
            "compression",
            "encryption",
            "kms_key_id",
            "endpoint_url",
            "file_format",
            "max_file_size_mb",
            "use_virtual_style_addressing",
            "credentials",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &["bucket_name", "region"],
        secret: &["aws_access_key_id", "aws_secret_access_key", "credentials"],
    },
    Destination {
        kind: "Snowflake",
        fields: &[
            "account",
            "user",
            "password",
            "private_key",
            "private_key_passphrase",
            "authentication_type",
            "database",
            "warehouse",
            "schema",
            "table_name",
            "role",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &[
            "account",
            "user",
            "database",
            "warehouse",
            "schema",
            "table_name",
        ],
        secret: &["password", "private_key", "private_key_passphrase"],
    },
    Destination {
        kind: "Postgres",
        fields: &[
            "host",
            "port",
            "user",
            "password",
            "database",
            "schema",
            "table_name",
            "has_self_signed_cert",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &["host", "user", "password", "database", "table_name"],
        secret: &["password"],
    },
    Destination {
        kind: "Redshift",
        fields: &[
            "host",
            "port",
            "user",
            "password",
            "database",
            "schema",
            "table_name",
            "properties_data_type",
            "mode",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &["host", "user", "password", "database", "table_name"],
        secret: &["password"],
    },
    Destination {
        kind: "BigQuery",
        fields: &[
            "project_id",
            "dataset_id",
            "table_id",
            "private_key",
            "private_key_id",
            "token_uri",
            "client_email",
            "use_json_type",
            "credentials",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &["project_id", "dataset_id", "table_id"],
        secret: &[
            "private_key",
            "private_key_id",
            "token_uri",
            "client_email",
            "credentials",
        ],
    },
    Destination {
        kind: "Databricks",
        fields: &[
            "server_hostname",
            "http_path",
            "catalog",
            "schema",
            "table_name",
            "use_variant_type",
            "use_automatic_schema_evolution",
            "client_id",
            "client_secret",
        ],
        required: &[
            "server_hostname",
            "http_path",
            "catalog",
            "schema",
            "table_name",
        ],
        secret: &["client_secret"],
    },
    Destination {
        kind: "HTTP",
        fields: &["url", "token", EVENTS[0], EVENTS[1]],
        required: &["url", "token"],
        secret: &["token"],
    },
    Destination {
        kind: "NoOp",
        fields: &[],
        required: &[],
        secret: &[],
    },
];

pub fn destination(kind: &str) -> Option<&'static Destination> {
    DESTINATIONS.iter().find(|d| d.kind == kind)
}

/// The config as returned: secrets left out.
pub fn public_config(kind: &str, config: &Map<String, Value>) -> Map<String, Value> {
    let secret = destination(kind).map(|d| d.secret).unwrap_or(&[]);
    config
        .iter()
        .filter(|(k, _)| !secret.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Unknown keys, then missing required ones (`NoOp` takes anything).
pub fn check_config(kind: &str, config: &Map<String, Value>) -> Result<(), ErrorReply> {
    let Some(dest) = destination(kind) else {
        return Err(ErrorReply::invalid_choice(
            "destination__type",
            &json!(kind),
        ));
    };
    if dest.kind == "NoOp" {
        return Ok(());
    }
    let mut unknown: Vec<&str> = config
        .keys()
        .map(String::as_str)
        .filter(|k| !dest.fields.contains(k))
        .collect();
    if !unknown.is_empty() {
        unknown.sort();
        return Err(ErrorReply::field(
            "destination",
            "invalid",
            format!("Configuration has unknown field/s: {}", unknown.join(", ")),
        ));
    }
    let missing: Vec<&str> = dest
        .required
        .iter()
        .copied()
        .filter(|k| config.get(*k).is_none_or(|v| v.is_null() || v == ""))
        .collect();
    if !missing.is_empty() {
        return Err(ErrorReply::field(
            "destination",
            "required",
            format!(
                "Configuration is missing required field/s: {}",
                missing.join(", ")
            ),
        ));
    }
    Ok(())
}

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

/// PostHog's `BatchExport`.
pub fn export_json(be: &BatchExport) -> Value {
    let latest: Vec<Value> = be
        .runs
        .iter()
        .take(LATEST_RUNS)
        .map(|r| run_json(be, r))
        .collect();
    let mut out = json!({
        "id": be.id,
        "team_id": be.team_id,
        "name": be.name,
        "model": be.model,
        "destination": {
            "type": be.destination_type,
            "config": public_config(&be.destination_type, &be.config),
            "integration": null,
        },
        "interval": be.interval,
        "paused": be.paused,
        "created_at": ts(&be.created_at),
        "last_updated_at": ts(&be.last_updated_at),
        "last_paused_at": ts_opt(&be.last_paused_at),
        "start_at": ts_opt(&be.start_at),
        "end_at": ts_opt(&be.end_at),
        "latest_runs": latest,
        "hogql_query": be.hogql_query,
        "schema": null,
        "filters": null,
    });
    if let Some(obj) = out.as_object_mut() {
        if let Some(tz) = &be.timezone {
            obj.insert("timezone".to_string(), json!(tz));
        }
        if let Some(d) = be.offset_day {
            obj.insert("offset_day".to_string(), json!(d));
        }
        if let Some(h) = be.offset_hour {
            obj.insert("offset_hour".to_string(), json!(h));
        }
    }
    out
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

/// A datetime (with offset or `Z`) or a date (midnight UTC).
pub fn parse_datetime(value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(value) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(t.and_utc());
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M") {
        return Some(t.and_utc());
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

fn datetime_field(
    body: &Map<String, Value>,
    key: &str,
) -> Result<Option<Option<DateTime<Utc>>>, ErrorReply> {
    match body.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(Some(None)),
        Some(Value::String(s)) => parse_datetime(s).map(|t| Some(Some(t))).ok_or_else(|| {
            ErrorReply::field(
                key,
                "invalid",
                "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
            )
        }),
        Some(_) => Err(ErrorReply::field(
            key,
            "invalid",
            "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
        )),
    }
}

/// The destination of a body: `(type, config)`.
/// A body's destination: its type (if given) and config.
type DestinationInput = (Option<String>, Map<String, Value>);

fn read_destination(body: &Map<String, Value>) -> Result<Option<DestinationInput>, ErrorReply> {
    let Some(value) = body.get("destination") else {
        return Ok(None);
    };
    let Value::Object(dest) = value else {
        return Err(ErrorReply::field(
            "destination",
            "invalid",
            format!(
                "Invalid data. Expected a dictionary, but got {}.",
                validate::json_type_name(value)
            ),
        ));
    };
    let kind = match dest.get("type") {
        None => None,
        Some(Value::String(k)) if destination(k).is_some() => Some(k.clone()),
        Some(other) => return Err(ErrorReply::invalid_choice("destination__type", other)),
    };
    let config = match dest.get("config") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(c)) => c.clone(),
        Some(other) => {
            return Err(ErrorReply::field(
                "destination__config",
                "invalid",
                format!(
                    "Expected a dictionary of items but got type \"{}\".",
                    validate::json_type_name(other)
                ),
            ))
        }
    };
    Ok(Some((kind, config)))
}

/// The fields shared by create and update, checked.
struct Fields {
    name: Option<String>,
    model: Option<Option<String>>,
    interval: Option<String>,
    paused: Option<bool>,
    start_at: Option<Option<DateTime<Utc>>>,
    end_at: Option<Option<DateTime<Utc>>>,
    hogql_query: Option<String>,
    timezone: Option<Option<String>>,
    offset_day: Option<Option<i64>>,
    offset_hour: Option<Option<i64>>,
}

fn read_fields(body: &Map<String, Value>) -> Result<Fields, ErrorReply> {
    let name = validate::opt_string(body, "name", Str::max(255))?;
    let model = match body.get("model") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(s)) if s.is_empty() => Some(None),
        Some(_) => validate::choice(body, "model", MODELS)?.map(|m| Some(m.to_string())),
    };
    let interval = validate::choice(body, "interval", INTERVALS)?.map(str::to_string);
    let paused = validate::opt_bool(body, "paused")?;
    let start_at = datetime_field(body, "start_at")?;
    let end_at = datetime_field(body, "end_at")?;
    let hogql_query = validate::opt_string(body, "hogql_query", Str::max(100_000).blank_ok())?;
    let timezone = match body.get("timezone") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(tz)) if is_timezone(tz) => Some(Some(tz.clone())),
        Some(other) => return Err(ErrorReply::invalid_choice("timezone", other)),
    };
    let offset_day = validate::integer(body, "offset_day", 0, 6, true)?;
    let offset_hour = validate::integer(body, "offset_hour", 0, 23, true)?;
    if let (Some(Some(s)), Some(Some(e))) = (&start_at, &end_at) {
        if s >= e {
            return Err(ErrorReply::field(
                "end_at",
                "invalid",
                "end_at must be after start_at.",
            ));
        }
    }
    Ok(Fields {
        name,
        model,
        interval,
        paused,
        start_at,
        end_at,
        hogql_query,
        timezone,
        offset_day,
        offset_hour,
    })
}

pub fn list(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let mut exports: Vec<&BatchExport> = store.orgs[oi].batch_exports.iter().collect();
    exports.sort_by_key(|b| std::cmp::Reverse(b.created_at));
    let items = exports.into_iter().map(export_json).collect();
    Ok(Reply::ok(page(&ctx.url, items, DEFAULT_LIMIT)))
}

fn find(store: &Store, oi: usize, id: &str) -> Result<usize, ErrorReply> {
    let wanted = id.to_ascii_lowercase();
    store.orgs[oi]
        .batch_exports
        .iter()
        .position(|b| b.id == wanted)
        .ok_or_else(ErrorReply::not_found)
}

pub fn retrieve(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let bi = find(store, oi, id)?;
    Ok(Reply::ok(export_json(&store.orgs[oi].batch_exports[bi])))
}

pub fn create(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let body = ctx.object()?;
    let f = read_fields(&body)?;
    let name = f.name.clone().ok_or_else(|| ErrorReply::required("name"))?;
    let (kind, config) =
        read_destination(&body)?.ok_or_else(|| ErrorReply::required("destination"))?;
    let kind = kind.ok_or_else(|| ErrorReply::required("destination__type"))?;
    check_config(&kind, &config)?;
    let interval = f
        .interval
        .clone()
        .ok_or_else(|| ErrorReply::required("interval"))?;
    let team_id = store.orgs[oi]
        .projects
        .first()
        .map(|p| p.id)
        .ok_or_else(|| {
            ErrorReply::validation(
                "invalid",
                "The organization has no project to export from.",
                None,
            )
        })?;
    let now = Utc::now();
    let paused = f.paused.unwrap_or(false);
    let be = BatchExport {
        id: store.uuid(),
        team_id,
        name,
        model: f.model.clone().unwrap_or(Some("events".to_string())),
        destination_type: kind,
        config,
        interval,
        paused,
        created_at: now,
        last_updated_at: now,
        last_paused_at: paused.then_some(now),
        start_at: f.start_at.flatten(),
        end_at: f.end_at.flatten(),
        hogql_query: f.hogql_query.clone().unwrap_or_default(),
        timezone: f.timezone.clone().flatten(),
        offset_day: f.offset_day.flatten(),
        offset_hour: f.offset_hour.flatten(),
        runs: Vec::new(),
    };
    let out = export_json(&be);
    store.orgs[oi].batch_exports.push(be);
    Ok(Reply::created(out))
}

pub fn update(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let bi = find(store, oi, id)?;
    let body = ctx.object()?;
    let f = read_fields(&body)?;
    let mut be = store.orgs[oi].batch_exports[bi].clone();
    if let Some((kind, config)) = read_destination(&body)? {
        if let Some(kind) = kind {
            if kind != be.destination_type {
                return Err(ErrorReply::field(
                    "destination__type",
                    "invalid",
                    "The destination type of a batch export cannot be changed.",
                ));
            }
        }
        // a patched config is merged into the stored one
        let mut merged = be.config.clone();
        merged.extend(config);
        check_config(&be.destination_type, &merged)?;
        be.config = merged;
    }
    let now = Utc::now();
    if let Some(v) = f.name {
        be.name = v;
    }
    if let Some(v) = f.model {
        be.model = v.or(Some("events".to_string()));
    }
    if let Some(v) = f.interval {
        be.interval = v;
    }
    if let Some(v) = f.paused {
        if v && !be.paused {
            be.last_paused_at = Some(now);
        }
        be.paused = v;
    }
    if let Some(v) = f.start_at {
        be.start_at = v;
    }
    if let Some(v) = f.end_at {
        be.end_at = v;
    }
    if let Some(v) = f.hogql_query {
        be.hogql_query = v;
    }
    if let Some(v) = f.timezone {
        be.timezone = v;
    }
    if let Some(v) = f.offset_day {
        be.offset_day = v;
    }
    if let Some(v) = f.offset_hour {
        be.offset_hour = v;
    }
    be.last_updated_at = now;
    let out = export_json(&be);
    store.orgs[oi].batch_exports[bi] = be;
    Ok(Reply::ok(out))
}

pub fn delete(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let bi = find(store, oi, id)?;
    store.orgs[oi].batch_exports.remove(bi);
    Ok(Reply::NoContent)
}

pub fn action(store: &mut Store, oi: usize, ctx: &Ctx, action: &str) -> Outcome {
    let id = ctx.id();
    let bi = find(store, oi, id)?;
    match action {
        "pause" | "unpause" => {
            let paused = action == "pause";
            let now = Utc::now();
            let be = &mut store.orgs[oi].batch_exports[bi];
            if paused && !be.paused {
                be.last_paused_at = Some(now);
            }
            be.paused = paused;
            be.last_updated_at = now;
            Ok(Reply::ok(json!({ "paused": paused })))
        }
        "backfill" => backfill(store, oi, bi, ctx),
        "logs" => logs(store, oi, bi, ctx),
        _ => Err(ErrorReply::not_found()),
    }
}

fn backfill(store: &mut Store, oi: usize, bi: usize, ctx: &Ctx) -> Outcome {
    let body = ctx.object()?;
    let start = datetime_field(&body, "start_at")?
        .flatten()
        .ok_or_else(|| ErrorReply::required("start_at"))?;
    let now = Utc::now();
    let end = datetime_field(&body, "end_at")?.flatten().unwrap_or(now);
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
    Ok(Reply::ok(json!({ "backfill_id": backfill_id })))
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

fn logs(store: &Store, oi: usize, bi: usize, ctx: &Ctx) -> Outcome {
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
    let levels: Option<Vec<String>> = match url.param("level") {
        None | Some("") => None,
        Some(v) => {
            let mut out = Vec::new();
            for level in v.split(',').map(|l| l.trim().to_ascii_uppercase()) {
                if !LOG_LEVELS.contains(&level.as_str()) {
                    return Err(ErrorReply::invalid_choice("level", &json!(v)));
                }
                out.push(level);
            }
            Some(out)
        }
    };
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
    let run_filter = url.param("run_id").filter(|s| !s.is_empty());
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
                "team_id": be.team_id,
                "batch_export_id": be.id,
                "run_id": run_id,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_checks() {
        let cfg = |v: Value| v.as_object().unwrap().clone();
        assert!(check_config(
            "S3",
            &cfg(json!({"bucket_name": "b", "region": "us-east-1"}))
        )
        .is_ok());
        let e = check_config(
            "S3",
            &cfg(json!({"bucket_name": "b", "region": "r", "nope": 1, "also": 2})),
        )
        .unwrap_err();
        assert_eq!(
            e.body["detail"],
            "Configuration has unknown field/s: also, nope"
        );
        let e = check_config("Postgres", &cfg(json!({"host": "h"}))).unwrap_err();
        assert_eq!(e.body["code"], "required");
        assert_eq!(
            check_config("Kafka", &Map::new()).unwrap_err().body["code"],
            "invalid_choice"
        );
        assert!(check_config("NoOp", &cfg(json!({"anything": true}))).is_ok());
    }

    #[test]
    fn secrets_are_hidden() {
        let cfg =
            json!({"host": "h", "user": "u", "password": "p", "database": "d", "table_name": "t"});
        let public = public_config("Postgres", cfg.as_object().unwrap());
        assert!(!public.contains_key("password"));
        assert_eq!(public["host"], "h");
    }

    #[test]
    fn datetimes_and_dates() {
        assert!(parse_datetime("2024-05-01").is_some());
        assert!(parse_datetime("2024-05-01T10:00:00+02:00").is_some());
        assert!(parse_datetime("2024-05-01T10:00:00Z").is_some());
        assert!(parse_datetime("yesterday").is_none());
    }
}
