//! `/api/organizations/:org/roles/`: list, create, retrieve, update, delete.

use super::{join, org_path};
use crate::models::{Role, RoleCreate, RolePatch};
use crate::{NoContent, Page, Request};

fn base(org: &str) -> String {
    org_path(org) + "roles/"
}

/// `GET .../roles/`.
pub fn list(org: &str, limit: Option<u32>, offset: Option<u32>) -> Request<Page<Role>> {
    super::list(base(org), limit, offset)
}

/// `POST .../roles/` (201; names are unique ignoring case).
pub fn create(org: &str, body: &RoleCreate) -> Request<Role> {
    super::post(base(org), body)
}

/// `GET .../roles/:id/`.
pub fn retrieve(org: &str, id: &str) -> Request<Role> {
    super::get(join(base(org), &[id]))
}

/// `PATCH .../roles/:id/`.
pub fn update(org: &str, id: &str, body: &RolePatch) -> Request<Role> {
    super::patch(join(base(org), &[id]), body)
}

/// `DELETE .../roles/:id/` (204).
pub fn delete(org: &str, id: &str) -> Request<NoContent> {
    super::delete(join(base(org), &[id]))
}
