//! Invites: the table (expired or valid, revoke), inviting one person, and bulk invites pasted as
//! lines that are parsed and checked row by row (by `api::bulk_invites`) before anything is sent.

mod bulk;
mod create;
mod list;

pub use bulk::BulkInvitePage;
pub use create::InviteCreatePage;
pub use list::InvitesPage;

use leptos::prelude::*;

use crate::hooks::use_current_org;

/// The link back to the invites table.
fn invites_link(class: &'static str, text: &'static str) -> AnyView {
    let current = use_current_org();
    view! {
        <a href=move || format!("/orgs/{}/invites", current.id.get()) class=class>
            {text}
        </a>
    }
    .into_any()
}
