//! `/api/organizations/:org/domains/`: list, create, retrieve, update, delete, verify.

use super::{join, org_path};
use crate::models::{DomainCreate, DomainPatch, OrganizationDomain};
use crate::{Method, NoContent, Page, Request};

fn base(org: &str) -> String {
    org_path(org) + "domains/"
}

/// `GET .../domains/`.
pub fn list(
    org: &str,
    limit: Option<u32>,
    offset: Option<u32>,
) -> Request<Page<OrganizationDomain>> {
    super::list(base(org), limit, offset)
}

/// `POST .../domains/` (201).
pub fn create(org: &str, body: &DomainCreate) -> Request<OrganizationDomain> {
    super::post(base(org), body)
}

/// `GET .../domains/:id/`.
pub fn retrieve(org: &str, id: &str) -> Request<OrganizationDomain> {
    super::get(join(base(org), &[id]))
}

/// `PATCH .../domains/:id/` (JIT, SSO and SCIM only once verified).
pub fn update(org: &str, id: &str, body: &DomainPatch) -> Request<OrganizationDomain> {
    super::patch(join(base(org), &[id]), body)
}

/// `DELETE .../domains/:id/` (204).
pub fn delete(org: &str, id: &str) -> Request<NoContent> {
    super::delete(join(base(org), &[id]))
}

/// `POST .../domains/:id/verify/`: checks the TXT record; the answer's `is_verified` tells
/// (false is a normal "not yet"; already verified: 400 `already_verified`).
pub fn verify(org: &str, id: &str) -> Request<OrganizationDomain> {
    Request::new(Method::Post, join(base(org), &[id]) + "verify/")
}
