//! `/api/organizations/:org/batch_exports/`: CRUD plus backfill, logs, pause and unpause.

use serde_json::Value;

use super::{join, org_path};
use crate::models::{
    BackfillRequest, BatchExport, BatchExportCreate, BatchExportLogEntry, BatchExportPatch,
    BatchExportSummary, LogsQuery, UnpauseRequest,
};
use crate::{Method, NoContent, Page, Request};

fn base(org: &str) -> String {
    org_path(org) + "batch_exports/"
}

fn item(org: &str, id: &str) -> String {
    join(base(org), &[id])
}

/// `GET .../batch_exports/`.
pub fn list(org: &str, limit: Option<u32>, offset: Option<u32>) -> Request<Page<BatchExport>> {
    super::list(base(org), limit, offset)
}

/// The same list, each export read as the console's list shows it.
pub fn list_summaries(
    org: &str,
    limit: Option<u32>,
    offset: Option<u32>,
) -> Request<Page<BatchExportSummary>> {
    super::list(base(org), limit, offset)
}

/// `POST .../batch_exports/` (201).
pub fn create(org: &str, body: &BatchExportCreate) -> Request<BatchExport> {
    super::post(base(org), body)
}

/// `POST /api/projects/:project/batch_exports/` (201): a new export in that project. PostHog's
/// organization-level create takes the project from its route, where there is none, so the
/// console creates exports under their project's route (the other actions work at organization
/// level).
pub fn create_in_project(project: i64, body: &BatchExportCreate) -> Request<BatchExport> {
    super::post(format!("/api/projects/{project}/batch_exports/"), body)
}

/// `GET .../batch_exports/:id/`.
pub fn retrieve(org: &str, id: &str) -> Request<BatchExport> {
    super::get(item(org, id))
}

/// `PATCH .../batch_exports/:id/`.
pub fn update(org: &str, id: &str, body: &BatchExportPatch) -> Request<BatchExport> {
    super::patch(item(org, id), body)
}

/// `DELETE .../batch_exports/:id/` (204).
pub fn delete(org: &str, id: &str) -> Request<NoContent> {
    super::delete(item(org, id))
}

/// `POST .../batch_exports/:id/backfill/` `{start_at, end_at}`: the answer is free-form (e.g.
/// `{"backfill_id": ...}`, or empty: `Value::Null`).
pub fn backfill(org: &str, id: &str, body: &BackfillRequest) -> Request<Value> {
    super::post(item(org, id) + "backfill/", body)
}

/// `GET .../batch_exports/:id/logs/` with limit/offset, after, before, level (repeated),
/// search and instance_id (a run).
pub fn logs(org: &str, id: &str, query: &LogsQuery) -> Request<Page<BatchExportLogEntry>> {
    let mut request = Request::new(Method::Get, item(org, id) + "logs/");
    request.query = query.pairs();
    request
}

/// `POST .../batch_exports/:id/pause/` (the export becomes `paused: true`).
pub fn pause(org: &str, id: &str) -> Request<NoContent> {
    Request::new(Method::Post, item(org, id) + "pause/")
}

/// `POST .../batch_exports/:id/unpause/`.
pub fn unpause(org: &str, id: &str) -> Request<NoContent> {
    Request::new(Method::Post, item(org, id) + "unpause/")
}

/// `POST .../batch_exports/:id/unpause/` with `{"backfill": bool}`: with `true` the gap since
/// the export was paused is exported too. (The same endpoint as [`unpause`], with a body.)
pub fn unpause_with(org: &str, id: &str, body: &UnpauseRequest) -> Request<NoContent> {
    super::post(item(org, id) + "unpause/", body)
}
