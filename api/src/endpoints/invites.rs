//! `/api/organizations/:org/invites/`: list, create, delete, bulk create.

use super::{join, org_path};
use crate::models::{InviteCreate, OrganizationInvite};
use crate::{NoContent, Page, Request};

fn base(org: &str) -> String {
    org_path(org) + "invites/"
}

/// `GET .../invites/`.
pub fn list(
    org: &str,
    limit: Option<u32>,
    offset: Option<u32>,
) -> Request<Page<OrganizationInvite>> {
    super::list(base(org), limit, offset)
}

/// `POST .../invites/` (201). Re-inviting an email replaces its earlier invites.
pub fn create(org: &str, body: &InviteCreate) -> Request<OrganizationInvite> {
    super::post(base(org), body)
}

/// `DELETE .../invites/:id/` (204).
pub fn delete(org: &str, id: &str) -> Request<NoContent> {
    super::delete(join(base(org), &[id]))
}

/// `POST .../invites/bulk/` with a JSON array of at most
/// [`MAX_BULK_INVITES`](crate::models::MAX_BULK_INVITES) invites (201, the created invites).
pub fn bulk(org: &str, invites: &[InviteCreate]) -> Request<Vec<OrganizationInvite>> {
    super::post(base(org) + "bulk/", invites)
}
