//! `/api/organizations/:org/roles/:role/role_memberships/`: list, add a user, remove.

use super::{join, org_path};
use crate::models::{RoleMembership, RoleMembershipCreate};
use crate::{NoContent, Page, Request};

fn base(org: &str, role: &str) -> String {
    join(org_path(org) + "roles/", &[role]) + "role_memberships/"
}

/// `GET .../role_memberships/`.
pub fn list(
    org: &str,
    role: &str,
    limit: Option<u32>,
    offset: Option<u32>,
) -> Request<Page<RoleMembership>> {
    super::list(base(org, role), limit, offset)
}

/// `POST .../role_memberships/` `{"user_uuid"}` (201).
pub fn create(org: &str, role: &str, body: &RoleMembershipCreate) -> Request<RoleMembership> {
    super::post(base(org, role), body)
}

/// `DELETE .../role_memberships/:id/` by membership id (204).
pub fn delete(org: &str, role: &str, id: &str) -> Request<NoContent> {
    super::delete(join(base(org, role), &[id]))
}
