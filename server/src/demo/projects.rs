//! Projects of an organization: list (basic fields), create (admin), retrieve, update, delete
//! (admin), and the actions: activity (page-numbered), is_generating_demo_data, reset_token,
//! add_product_intent, complete_product_onboarding.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use serde_json::{json, Map, Value};

use super::levels::ADMIN;
use super::pagination::{page, DEFAULT_LIMIT};
use super::store::{fields, ts, Activity, Project, Store};
use super::validate::{self, Kind, Str};
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;

/// Longest project name (api's, which the console checks too).
pub use api::project_rules::PROJECT_NAME_MAX_LEN as NAME_MAX_LEN;
/// Default page size of the activity log.
pub const ACTIVITY_DEFAULT_LIMIT: usize = 10;
/// How long a new demo project generates its data.
pub const DEMO_DATA_SECONDS: i64 = 6;
/// How long a deleted project stays listed, pending deletion, before it is gone.
pub const PENDING_DELETION_SECONDS: i64 = 10;
/// The hidden setting that marks a project pending deletion (its value: when it was deleted);
/// never answered.
const PENDING_DELETION: &str = "__pending_deletion_since";

/// The writable settings, in the order their errors are answered.
const FIELDS: &[(&str, Kind)] = &[
    (
        "product_description",
        Kind::Text(Str::max(1000).blank_ok().nullable()),
    ),
    ("app_urls", Kind::TextList { nullable: false }),
    (
        "slack_incoming_webhook",
        Kind::Text(Str::max(500).blank_ok().nullable()),
    ),
    ("anonymize_ips", Kind::Bool { nullable: false }),
    (
        "completed_snippet_onboarding",
        Kind::Bool { nullable: false },
    ),
    ("test_account_filters", Kind::Any),
    (
        "test_account_filters_default_checked",
        Kind::Bool { nullable: true },
    ),
    ("path_cleaning_filters", Kind::Any),
    ("is_demo", Kind::Bool { nullable: false }),
    ("timezone", Kind::Timezone),
    ("data_attributes", Kind::Any),
    (
        "person_display_name_properties",
        Kind::TextList { nullable: true },
    ),
    ("correlation_config", Kind::Any),
    ("autocapture_opt_out", Kind::Bool { nullable: true }),
    (
        "autocapture_exceptions_opt_in",
        Kind::Bool { nullable: true },
    ),
    (
        "autocapture_web_vitals_opt_in",
        Kind::Bool { nullable: true },
    ),
    ("autocapture_web_vitals_allowed_metrics", Kind::Any),
    ("autocapture_exceptions_errors_to_ignore", Kind::Any),
    ("capture_console_log_opt_in", Kind::Bool { nullable: true }),
    ("capture_performance_opt_in", Kind::Bool { nullable: true }),
    ("session_recording_opt_in", Kind::Bool { nullable: false }),
    ("session_recording_sample_rate", Kind::SampleRate),
    (
        "session_recording_minimum_duration_milliseconds",
        Kind::Int { min: 0, max: 30000 },
    ),
    ("session_recording_linked_flag", Kind::Any),
    (
        "session_recording_network_payload_capture_config",
        Kind::Any,
    ),
    ("session_recording_masking_config", Kind::Any),
    ("session_replay_config", Kind::Any),
    ("survey_config", Kind::Any),
    ("access_control", Kind::Bool { nullable: false }),
    ("week_start_day", Kind::WeekStartDay),
    (
        "primary_dashboard",
        Kind::Int {
            min: 1,
            max: i64::MAX,
        },
    ),
    ("live_events_columns", Kind::TextList { nullable: true }),
    ("recording_domains", Kind::TextList { nullable: true }),
    ("inject_web_apps", Kind::Bool { nullable: true }),
    ("extra_settings", Kind::Any),
    ("modifiers", Kind::Any),
    ("has_completed_onboarding_for", Kind::Any),
    ("surveys_opt_in", Kind::Bool { nullable: true }),
    ("heatmaps_opt_in", Kind::Bool { nullable: true }),
    ("flags_persistence_default", Kind::Bool { nullable: true }),
    (
        "receive_org_level_activity_logs",
        Kind::Bool { nullable: true },
    ),
];

/// The settings of a new project.
pub fn default_settings(timezone: &str) -> Map<String, Value> {
    let v = json!({
        "product_description": null,
        "app_urls": [],
        "slack_incoming_webhook": null,
        "anonymize_ips": false,
        "completed_snippet_onboarding": false,
        "test_account_filters": [],
        "test_account_filters_default_checked": false,
        "path_cleaning_filters": [],
        "is_demo": false,
        "timezone": timezone,
        "data_attributes": ["data-attr"],
        "person_display_name_properties": ["email", "name", "username"],
        "correlation_config": {},
        "autocapture_opt_out": false,
        "autocapture_exceptions_opt_in": false,
        "autocapture_web_vitals_opt_in": false,
        "autocapture_web_vitals_allowed_metrics": null,
        "autocapture_exceptions_errors_to_ignore": null,
        "capture_console_log_opt_in": true,
        "capture_performance_opt_in": true,
        "session_recording_opt_in": false,
        "session_recording_sample_rate": null,
        "session_recording_minimum_duration_milliseconds": null,
        "session_recording_linked_flag": null,
        "session_recording_network_payload_capture_config": null,
        "session_recording_masking_config": null,
        "session_replay_config": null,
        "survey_config": null,
        "access_control": false,
        "week_start_day": null,
        "primary_dashboard": null,
        "live_events_columns": null,
        "recording_domains": [],
        "inject_web_apps": false,
        "extra_settings": null,
        "modifiers": null,
        "has_completed_onboarding_for": null,
        "surveys_opt_in": null,
        "heatmaps_opt_in": null,
        "flags_persistence_default": false,
        "receive_org_level_activity_logs": false,
    });
    fields(v)
}

/// `phc_` and 43 random characters.
pub fn new_api_token(store: &mut Store) -> String {
    format!("phc_{}", store.token(43))
}

/// A project with default settings and the next id.
pub fn new_project(store: &mut Store, name: &str, timezone: &str) -> Project {
    let now = Utc::now();
    let id = store.next_project_id;
    store.next_project_id += 1;
    Project {
        id,
        uuid: store.uuid(),
        name: name.to_string(),
        api_token: new_api_token(store),
        created_at: now,
        updated_at: now,
        ingested_event: false,
        has_group_types: false,
        settings: default_settings(timezone),
        product_intents: Vec::new(),
        activity: Vec::new(),
    }
}

/// PostHog's `ProjectBackwardCompat`.
pub fn project_json(store: &Store, oi: usize, p: &Project) -> Value {
    let mut out = p.settings.clone();
    out.remove(PENDING_DELETION);
    let fixed = json!({
        "id": p.id,
        "uuid": p.uuid,
        "organization": store.orgs[oi].id,
        "name": p.name,
        "api_token": p.api_token,
        "created_at": ts(&p.created_at),
        "updated_at": ts(&p.updated_at),
        "effective_membership_level": store.my_level(oi),
        "has_group_types": p.has_group_types,
        "group_types": [],
        "live_events_token": null,
        "ingested_event": p.ingested_event,
        "person_on_events_querying_enabled": true,
        "default_modifiers": {
            "personsOnEventsMode": "person_id_override_properties_on_events",
            "personsArgMaxVersion": "auto",
            "inCohortVia": "auto",
            "materializationMode": "legacy_null_as_null",
            "bounceRatePageViewMode": "count_pageviews",
            "sessionTableVersion": "auto",
        },
        "product_intents": p.product_intents,
        "secret_api_token": null,
        "secret_api_token_backup": null,
    });
    if let Some(fixed) = fixed.as_object() {
        out.extend(fixed.clone());
    }
    Value::Object(out)
}

fn record_activity(store: &mut Store, oi: usize, pi: usize, activity: &str, changes: Vec<Value>) {
    let id = store.uuid();
    let me = store.me;
    let p = &mut store.orgs[oi].projects[pi];
    p.activity.insert(
        0,
        Activity {
            id,
            user: Some(me),
            activity: activity.to_string(),
            scope: "Project".to_string(),
            item_id: Some(p.id.to_string()),
            detail: json!({
                "id": p.id.to_string(),
                "name": p.name,
                "type": null,
                "changes": if changes.is_empty() { Value::Null } else { Value::Array(changes) },
                "trigger": null,
                "short_id": null,
                "context": null,
            }),
            created_at: Utc::now(),
        },
    );
}

/// Whether the project was deleted (and is still being deleted).
fn is_pending_deletion(p: &Project) -> bool {
    p.settings.contains_key(PENDING_DELETION)
}

/// Removes the projects whose deletion has finished.
fn purge_deleted(store: &mut Store, oi: usize) {
    let cutoff = Utc::now() - Duration::seconds(PENDING_DELETION_SECONDS);
    store.orgs[oi].projects.retain(|p| {
        p.settings
            .get(PENDING_DELETION)
            .and_then(Value::as_str)
            .and_then(|since| chrono::DateTime::parse_from_rfc3339(since).ok())
            .is_none_or(|since| since > cutoff)
    });
}

/// 409 when another project of the organization has this name (case ignored).
fn check_unique_name(
    store: &Store,
    oi: usize,
    name: &str,
    except: Option<i64>,
) -> Result<(), ErrorReply> {
    let taken = store.orgs[oi].projects.iter().any(|p| {
        Some(p.id) != except
            && !is_pending_deletion(p)
            && p.name.to_lowercase() == name.to_lowercase()
    });
    if taken {
        return Err(ErrorReply::new(
            StatusCode::CONFLICT,
            "validation_error",
            "unique",
            "A project with this name already exists in this organization.",
            Some("name"),
        ));
    }
    Ok(())
}

pub fn list(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    purge_deleted(store, oi);
    let items = store.orgs[oi]
        .projects
        .iter()
        .map(|p| store.project_basic_json(oi, p))
        .collect();
    Ok(Reply::ok(page(&ctx.url, items, DEFAULT_LIMIT)))
}

fn find(store: &mut Store, oi: usize, id: &str) -> Result<usize, ErrorReply> {
    purge_deleted(store, oi);
    let id: i64 = id.parse().map_err(|_| ErrorReply::not_found())?;
    store.orgs[oi]
        .projects
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(ErrorReply::not_found)
}

pub fn retrieve(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let pi = find(store, oi, id)?;
    Ok(Reply::ok(project_json(
        store,
        oi,
        &store.orgs[oi].projects[pi],
    )))
}

pub fn create(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    store.require_admin(oi)?;
    let body = ctx.object()?;
    let name = validate::opt_string(&body, "name", Str::max(NAME_MAX_LEN))?
        .unwrap_or_else(|| api::project_rules::DEFAULT_PROJECT_NAME.to_string());
    check_unique_name(store, oi, &name, None)?;
    let changes = validate::settings(&body, FIELDS)?;
    let mut project = new_project(store, &name, "UTC");
    for (key, value) in changes {
        project.settings.insert(key, value);
    }
    store.orgs[oi].projects.push(project);
    let pi = store.orgs[oi].projects.len() - 1;
    record_activity(store, oi, pi, "created", Vec::new());
    Ok(Reply::created(project_json(
        store,
        oi,
        &store.orgs[oi].projects[pi],
    )))
}

pub fn update(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let pi = find(store, oi, id)?;
    let body = ctx.object()?;
    let name = validate::opt_string(&body, "name", Str::max(NAME_MAX_LEN))?;
    let changes = validate::settings(&body, FIELDS)?;
    if changes.iter().any(|(k, _)| k == "access_control") && store.my_level(oi) < ADMIN {
        return Err(ErrorReply::insufficient_level());
    }
    if let Some(name) = &name {
        let own = store.orgs[oi].projects[pi].id;
        check_unique_name(store, oi, name, Some(own))?;
    }
    let mut logged = Vec::new();
    let p = &mut store.orgs[oi].projects[pi];
    if let Some(name) = name {
        if name != p.name {
            logged.push(json!({"type": "Project", "action": "changed", "field": "name", "before": p.name, "after": name}));
            p.name = name;
        }
    }
    for (key, value) in changes {
        let before = p.settings.get(&key).cloned().unwrap_or(Value::Null);
        if before != value {
            logged.push(json!({"type": "Project", "action": "changed", "field": key, "before": before, "after": value}));
            p.settings.insert(key, value);
        }
    }
    p.updated_at = Utc::now();
    if !logged.is_empty() {
        record_activity(store, oi, pi, "updated", logged);
    }
    Ok(Reply::ok(project_json(
        store,
        oi,
        &store.orgs[oi].projects[pi],
    )))
}

pub fn delete(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let pi = find(store, oi, id)?;
    store.require_admin(oi)?;
    let org = &mut store.orgs[oi];
    let project = &mut org.projects[pi];
    if is_pending_deletion(project) {
        return Err(ErrorReply::validation(
            "invalid",
            "This project is already being deleted.",
            None,
        ));
    }
    project
        .settings
        .insert(PENDING_DELETION.to_string(), json!(ts(&Utc::now())));
    let team = project.id;
    org.batch_exports.retain(|b| b.team_id != team);
    Ok(Reply::NoContent)
}

fn product_type(ctx: &Ctx) -> Result<String, ErrorReply> {
    let body = ctx.object()?;
    match body.get("product_type") {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        _ => Err(ErrorReply::bare(
            StatusCode::BAD_REQUEST,
            json!({"error": "product_type is required"}),
        )),
    }
}

/// Adds (or refreshes) a product intent; returns its index.
fn touch_intent(p: &mut Project, product: &str, context: Option<&str>) -> usize {
    let now = ts(&Utc::now());
    if let Some(i) = p
        .product_intents
        .iter()
        .position(|pi| pi["product_type"] == product)
    {
        p.product_intents[i]["updated_at"] = json!(now);
        return i;
    }
    p.product_intents.push(json!({
        "product_type": product,
        "created_at": now,
        "updated_at": now,
        "onboarding_completed_at": null,
        "intent_context": context,
    }));
    p.product_intents.len() - 1
}

pub fn action(store: &mut Store, oi: usize, ctx: &Ctx, action: &str) -> Outcome {
    let id = ctx.id();
    let pi = find(store, oi, id)?;
    match action {
        "activity" => activity(store, oi, pi, ctx),
        "is_generating_demo_data" => {
            let p = &store.orgs[oi].projects[pi];
            let demo = p.settings.get("is_demo") == Some(&json!(true));
            let generating =
                demo && Utc::now() < p.created_at + Duration::seconds(DEMO_DATA_SECONDS);
            Ok(Reply::ok(json!({ "is_generating_demo_data": generating })))
        }
        "reset_token" => {
            store.require_admin(oi)?;
            let token = new_api_token(store);
            let p = &mut store.orgs[oi].projects[pi];
            let before = std::mem::replace(&mut p.api_token, token.clone());
            p.updated_at = Utc::now();
            record_activity(
                store,
                oi,
                pi,
                "updated",
                vec![
                    json!({"type": "Project", "action": "changed", "field": "api_token", "before": before, "after": token}),
                ],
            );
            Ok(Reply::ok(project_json(
                store,
                oi,
                &store.orgs[oi].projects[pi],
            )))
        }
        "add_product_intent" => {
            let product = product_type(ctx)?;
            let body = ctx.object()?;
            let context = body.get("intent_context").and_then(Value::as_str);
            touch_intent(&mut store.orgs[oi].projects[pi], &product, context);
            Ok(Reply::ok(project_json(
                store,
                oi,
                &store.orgs[oi].projects[pi],
            )))
        }
        "complete_product_onboarding" => {
            let product = product_type(ctx)?;
            if !api::project_rules::is_product_key(&product) {
                return Err(ErrorReply::field(
                    "product_type",
                    "invalid_choice",
                    format!("\"{product}\" is not a valid choice."),
                ));
            }
            let p = &mut store.orgs[oi].projects[pi];
            let i = touch_intent(p, &product, None);
            p.product_intents[i]["onboarding_completed_at"] = json!(ts(&Utc::now()));
            let done = p
                .settings
                .entry("has_completed_onboarding_for".to_string())
                .or_insert(Value::Null);
            if !done.is_object() {
                *done = json!({});
            }
            done[product.as_str()] = json!(true);
            p.updated_at = Utc::now();
            Ok(Reply::ok(project_json(
                store,
                oi,
                &store.orgs[oi].projects[pi],
            )))
        }
        _ => Err(ErrorReply::not_found()),
    }
}

/// `?limit=10&page=1` -> `{results, next, previous, total_count}`.
fn activity(store: &Store, oi: usize, pi: usize, ctx: &Ctx) -> Outcome {
    let url = &ctx.url;
    let limit = url
        .param("limit")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(ACTIVITY_DEFAULT_LIMIT);
    let page_no = url
        .param("page")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1);
    let entries = &store.orgs[oi].projects[pi].activity;
    let total = entries.len();
    let results: Vec<Value> = entries
        .iter()
        .skip((page_no - 1).saturating_mul(limit))
        .take(limit)
        .map(|a| {
            json!({
                "id": a.id,
                "user": store.user_basic_opt(a.user),
                "activity": a.activity,
                "scope": a.scope,
                "item_id": a.item_id,
                "detail": a.detail,
                "created_at": ts(&a.created_at),
                "is_system": a.user.is_none(),
                "unread": false,
            })
        })
        .collect();
    let next = (page_no * limit < total).then(|| {
        url.with(&[
            ("limit", Some(limit.to_string())),
            ("page", Some((page_no + 1).to_string())),
        ])
    });
    let previous = (page_no > 1).then(|| {
        url.with(&[
            ("limit", Some(limit.to_string())),
            ("page", Some((page_no - 1).to_string())),
        ])
    });
    Ok(Reply::ok(json!({
        "results": results,
        "next": next,
        "previous": previous,
        "total_count": total,
    })))
}

/// Believable activity for a seeded project: `count` entries over the last `days` days.
pub fn seed_activity(
    store: &mut Store,
    oi: usize,
    pi: usize,
    count: usize,
    days: i64,
    now: chrono::DateTime<Utc>,
) {
    use rand::Rng;
    const ITEMS: &[(&str, &str)] = &[
        ("FeatureFlag", "new-onboarding-flow"),
        ("FeatureFlag", "pricing-page-v2"),
        ("FeatureFlag", "dark-mode"),
        ("Dashboard", "Weekly KPIs"),
        ("Dashboard", "Growth overview"),
        ("Insight", "Signups by channel"),
        ("Insight", "Trial to paid conversion"),
        ("Insight", "Daily active users"),
        ("Experiment", "Checkout button copy"),
        ("Cohort", "Power users"),
        ("Cohort", "Churn risk"),
        ("Notebook", "Q3 retention deep dive"),
        ("Survey", "NPS after onboarding"),
        ("Action", "Clicked upgrade"),
        ("Project", "settings"),
    ];
    const ACTIONS: &[&str] = &["created", "updated", "updated", "updated", "deleted"];
    let members: Vec<usize> = store.orgs[oi].members.iter().map(|m| m.user).collect();
    let mut entries = Vec::new();
    for _ in 0..count {
        let (scope, name) = ITEMS[store.rng.gen_range(0..ITEMS.len())];
        let mut activity = ACTIONS[store.rng.gen_range(0..ACTIONS.len())];
        let item_id = if scope == "Project" {
            store.orgs[oi].projects[pi].id.to_string()
        } else {
            store.rng.gen_range(1000..99999).to_string()
        };
        let changes = if scope == "Project" {
            activity = "updated";
            let (field, before, after) = [
                ("session_recording_opt_in", json!(false), json!(true)),
                ("anonymize_ips", json!(false), json!(true)),
                ("timezone", json!("UTC"), json!("Europe/Berlin")),
                ("app_urls", json!([]), json!(["https://app.example.com"])),
                ("week_start_day", Value::Null, json!(1)),
            ][store.rng.gen_range(0..5)]
            .clone();
            json!([{"type": "Project", "action": "changed", "field": field, "before": before, "after": after}])
        } else if activity == "updated" {
            let field =
                ["name", "filters", "description", "active", "tags"][store.rng.gen_range(0..5)];
            json!([{"type": scope, "action": "changed", "field": field, "before": null, "after": null}])
        } else {
            Value::Null
        };
        let user = if store.rng.gen_bool(0.08) {
            None
        } else {
            Some(members[store.rng.gen_range(0..members.len())])
        };
        let minutes = store.rng.gen_range(0..days * 24 * 60);
        let short_id = (scope == "Insight").then(|| store.token(8));
        let id = store.uuid();
        entries.push(Activity {
            id,
            user,
            activity: activity.to_string(),
            scope: scope.to_string(),
            item_id: Some(item_id.clone()),
            detail: json!({
                "id": item_id,
                "name": if scope == "Project" { json!(store.orgs[oi].projects[pi].name) } else { json!(name) },
                "type": null,
                "changes": changes,
                "trigger": null,
                "short_id": short_id,
                "context": null,
            }),
            created_at: now - Duration::minutes(minutes),
        });
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.created_at));
    store.orgs[oi].projects[pi].activity = entries;
}
