//! `/api/organizations/:org/members/`: list (filters, order), change a level, remove.

use super::{join, org_path};
use crate::models::{MemberListQuery, MemberPatch, OrganizationMember};
use crate::{Method, NoContent, Page, Request};

fn base(org: &str) -> String {
    org_path(org) + "members/"
}

/// `GET .../members/` with limit/offset, `email`, `search`, `order`.
pub fn list(org: &str, query: &MemberListQuery) -> Request<Page<OrganizationMember>> {
    let mut request = Request::new(Method::Get, base(org));
    request.query = query.pairs();
    request
}

/// `PATCH .../members/:user_uuid/` `{"level": n}`.
pub fn update(org: &str, user_uuid: &str, body: &MemberPatch) -> Request<OrganizationMember> {
    super::patch(join(base(org), &[user_uuid]), body)
}

/// `DELETE .../members/:user_uuid/` (204): removes the member (or leaves, for yourself).
pub fn delete(org: &str, user_uuid: &str) -> Request<NoContent> {
    super::delete(join(base(org), &[user_uuid]))
}
