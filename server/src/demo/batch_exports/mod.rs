//! Batch exports: CRUD with destination config checks (unknown keys refused, secrets never
//! returned), pause/unpause, backfill (adds runs), runs with believable statuses, and logs.
//! This file has the CRUD; `destinations` the catalogue, `runs` the run and log simulator, `body`
//! the reading of bodies.

mod body;
pub mod destinations;
pub mod runs;

use chrono::Utc;
use serde_json::{json, Value};

use super::pagination::{page, DEFAULT_LIMIT};
use super::store::{ts, ts_opt, BatchExport, Store};
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;
use body::{read_destination, read_fields};
use destinations::{check_config, needs_integration, public_config};
use runs::{backfill, logs, run_json, LATEST_RUNS};
pub use runs::{fail_and_pause, seed_runs};

/// `interval` choices.
pub const INTERVALS: &[&str] = &["hour", "day", "week", "every 5 minutes", "every 15 minutes"];
/// `model` choices.
pub const MODELS: &[&str] = &["events", "persons", "sessions"];

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
            "integration": be.integration,
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

/// The project of a `/projects/{project}/batch_exports/` route (its organization was checked by
/// the router); `None` at organization level.
fn route_project(ctx: &Ctx) -> Option<i64> {
    ctx.param("project").parse().ok()
}

pub fn list(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let project = route_project(ctx);
    let mut exports: Vec<&BatchExport> = store.orgs[oi]
        .batch_exports
        .iter()
        .filter(|b| project.is_none_or(|p| b.team_id == p))
        .collect();
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
    let (kind, config, integration) =
        read_destination(&body)?.ok_or_else(|| ErrorReply::required("destination"))?;
    let kind = kind.ok_or_else(|| ErrorReply::required("destination__type"))?;
    check_config(&kind, &config)?;
    let integration = integration.flatten();
    if integration.is_none() && needs_integration(&kind) {
        return Err(ErrorReply::required("destination__integration_id"));
    }
    let interval = f
        .interval
        .clone()
        .ok_or_else(|| ErrorReply::required("interval"))?;
    // under a project's route, that project; at organization level (where PostHog has no
    // project to use) the demo takes the first
    let team_id = route_project(ctx)
        .or_else(|| store.orgs[oi].projects.first().map(|p| p.id))
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
        integration,
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
    if let Some((kind, config, integration)) = read_destination(&body)? {
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
        if let Some(integration) = integration {
            if integration.is_none() && needs_integration(&be.destination_type) {
                return Err(ErrorReply::required("destination__integration_id"));
            }
            be.integration = integration;
        }
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
            // unpause takes {"backfill": true}: export the gap since the export was paused
            let backfill = if paused {
                false
            } else {
                super::validate::opt_bool(&ctx.object()?, "backfill")?.unwrap_or(false)
            };
            let now = Utc::now();
            let be = &mut store.orgs[oi].batch_exports[bi];
            let gap_from = (backfill && be.paused)
                .then_some(be.last_paused_at)
                .flatten();
            if paused && !be.paused {
                be.last_paused_at = Some(now);
            }
            be.paused = paused;
            be.last_updated_at = now;
            if let Some(from) = gap_from.filter(|from| *from < now) {
                runs::add_backfill_runs(store, oi, bi, from, now, now);
            }
            Ok(Reply::ok(json!({ "paused": paused })))
        }
        "backfill" => backfill(store, oi, bi, ctx),
        "logs" => logs(store, oi, bi, ctx),
        _ => Err(ErrorReply::not_found()),
    }
}
