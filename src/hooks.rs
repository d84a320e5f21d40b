//! What pages read from the shell: the organizations the key can see, the current user, the
//! organization of the current route, and the organization's sections (navigation entries).
//! The shell (app.rs) provides them; pages only use them, so the two never import each other.

use api::models::Organization;
use api::Page;
use leptos::prelude::*;

use crate::http::Loaded;
use crate::nav::use_location;

/// The organizations the key can see (for the switcher); refetched after create/rename/delete.
#[derive(Clone, Copy)]
pub struct OrgDirectory(pub Loaded<Page<Organization>>);

pub fn use_org_directory() -> OrgDirectory {
    expect_context()
}

/// The user the key belongs to (to mark "you" and apply the member-level rules).
#[derive(Clone, Copy)]
pub struct Me(pub Loaded<api::models::CurrentUser>);

pub fn use_me() -> Loaded<api::models::CurrentUser> {
    expect_context::<Me>().0
}

/// The organization of the current route (`/orgs/:org_id/...`), loaded once for all its pages.
#[derive(Clone, Copy)]
pub struct CurrentOrg {
    pub id: Memo<String>,
    pub org: Loaded<Organization>,
}

pub fn use_current_org() -> CurrentOrg {
    expect_context()
}

/// The navigation entries of an organization: (path segment, label).
pub const SECTIONS: [(&str, &str); 8] = [
    ("members", "Members"),
    ("invites", "Invites"),
    ("settings", "Settings"),
    ("domains", "Verified domains"),
    ("roles", "Roles"),
    ("proxy-records", "Proxy records"),
    ("projects", "Projects"),
    ("batch-exports", "Batch exports"),
];

/// Segment `n` of the address (`/orgs/:org_id/:section/:detail_id` = 2, 3, 4), or "".
pub fn use_path_segment(n: usize) -> Memo<String> {
    let location = use_location();
    crate::reactive::memo(move || {
        location
            .pathname
            .with(|p| p.split('/').nth(n).unwrap_or_default().to_string())
    })
}

/// The id in `/orgs/:org_id/:section/:detail_id` (a domain, a role, a proxy record).
pub fn use_detail_id() -> Memo<String> {
    use_path_segment(4)
}
