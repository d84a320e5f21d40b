//! `/api/organizations/`: list, create, retrieve, update, delete (`@current` works as an id).

use super::join;
use crate::models::{Organization, OrganizationCreate, OrganizationPatch};
use crate::{NoContent, Page, Request};

const BASE: &str = "/api/organizations/";

/// `GET /api/organizations/`: the organizations you belong to.
pub fn list(limit: Option<u32>, offset: Option<u32>) -> Request<Page<Organization>> {
    super::list(BASE.to_string(), limit, offset)
}

/// `POST /api/organizations/` (201).
pub fn create(body: &OrganizationCreate) -> Request<Organization> {
    super::post(BASE.to_string(), body)
}

/// `GET /api/organizations/:id/`.
pub fn retrieve(id: &str) -> Request<Organization> {
    super::get(join(BASE.to_string(), &[id]))
}

/// `PATCH /api/organizations/:id/` (admin).
pub fn update(id: &str, body: &OrganizationPatch) -> Request<Organization> {
    super::patch(join(BASE.to_string(), &[id]), body)
}

/// `DELETE /api/organizations/:id/` (owner; 204).
pub fn delete(id: &str) -> Request<NoContent> {
    super::delete(join(BASE.to_string(), &[id]))
}
