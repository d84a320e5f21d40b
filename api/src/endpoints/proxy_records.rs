//! `/api/organizations/:org/proxy_records/`: list, create, retrieve, update, delete.

use super::{join, org_path};
use crate::models::{ProxyRecord, ProxyRecordCreate, ProxyRecordList, ProxyRecordPatch};
use crate::{NoContent, Request};

fn base(org: &str) -> String {
    org_path(org) + "proxy_records/"
}

/// `GET .../proxy_records/`: a plain array or `{results, max_proxy_records}` (both read).
pub fn list(org: &str, limit: Option<u32>, offset: Option<u32>) -> Request<ProxyRecordList> {
    super::list(base(org), limit, offset)
}

/// `POST .../proxy_records/` (201; over the limit: 400 with a bare `{detail}`).
pub fn create(org: &str, body: &ProxyRecordCreate) -> Request<ProxyRecord> {
    super::post(base(org), body)
}

/// `GET .../proxy_records/:id/`.
pub fn retrieve(org: &str, id: &str) -> Request<ProxyRecord> {
    super::get(join(base(org), &[id]))
}

/// `PATCH .../proxy_records/:id/`.
pub fn update(org: &str, id: &str, body: &ProxyRecordPatch) -> Request<ProxyRecord> {
    super::patch(join(base(org), &[id]), body)
}

/// `DELETE .../proxy_records/:id/`: removed at once when waiting/erroring/timed out, otherwise
/// it goes to `deleting`.
pub fn delete(org: &str, id: &str) -> Request<NoContent> {
    super::delete(join(base(org), &[id]))
}
