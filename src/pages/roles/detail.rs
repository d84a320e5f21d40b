//! One role: rename, delete, and its members (add from a search of the organization's members,
//! remove).

use api::endpoints::{role_memberships, roles};
use api::models::{Role, RoleMembership, RolePatch};
use api::validate::ROLE_NAME_MAX_LEN;
use leptos::prelude::*;

use super::{checked_name, DELETE_ROLE, ROLE_FIELDS};
use crate::areas::{disclosure, Page};
use crate::components::copy::CopyAsCurl;
use crate::components::dialog::{Confirm, ConfirmState};
use crate::components::feedback::{load, use_detail};
use crate::components::form::{use_unsaved_guard, FormError, FormErrors, SubmitButton, TextField};
use crate::components::list_state::use_paged_list;
use crate::components::review::use_review;
use crate::components::table::{column, text_column, PagedTable};
use crate::components::util::short_date;
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

/// What the member search, fetched when opened (areas.rs), needs from the role's page.
#[derive(Clone, Copy)]
pub(super) struct RoleParts {
    pub role_id: StoredValue<String>,
    /// Run after a member was added (the members table is asked again).
    pub added: Callback<()>,
}

#[component]
pub fn RolePage() -> impl IntoView {
    let role = use_detail(roles::retrieve);
    load(role, |role| view! { <RoleDetail role=role /> })
}

fn membership_name(m: &RoleMembership) -> String {
    m.user
        .as_ref()
        .map(|u| u.display_name())
        .unwrap_or_default()
}

#[component]
fn RoleDetail(role: Role) -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let saved = RwSignal::new(role.clone());
    let role_id = StoredValue::new(role.id.clone());
    let org = move || current.id.get_untracked();

    let memberships = use_paged_list(move |s| {
        role_memberships::list(
            &current.id.get(),
            &role_id.get_value(),
            Some(s.limit()),
            Some(s.offset()),
        )
    });

    // Rename.
    let name = RwSignal::new(role.name.clone());
    let errors = FormErrors::new();
    let dirty = Signal::derive(move || name.get().trim() != saved.with(|r| r.name.clone()));
    use_unsaved_guard(dirty);
    let review = use_review();
    let rename = http.mutation(
        move |patch: &RolePatch| roles::update(&org(), &role_id.get_value(), patch),
        move |_, role: Role| {
            let toast = format!("Role renamed to \u{201c}{}\u{201d}", role.name);
            saved.set(role);
            Done::toast(toast)
        },
        Failure::Form(errors, ROLE_FIELDS),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if let Some(name) = checked_name(&name.get_untracked(), errors) {
            let patch = RolePatch {
                name: Some(name),
                ..Default::default()
            };
            let changes = saved.with_untracked(|role| patch.changes(role));
            review.ask(changes, move || rename.dispatch(patch));
        }
    };

    // Add a member: a search of the organization's members, fetched when opened (areas.rs).
    provide_context(RoleParts {
        role_id,
        added: Callback::new(move |_| memberships.refetch()),
    });
    let adding = RwSignal::new(false);

    // Remove a member.
    let remove_confirm = ConfirmState::new(
        Confirm::danger(
            "Remove from role",
            "Remove",
            (
                "Remove ",
                " from this role? They stay a member of the organization.",
            ),
        ),
        membership_name,
    );
    let remove = http.mutation(
        move |m: &RoleMembership| role_memberships::delete(&org(), &role_id.get_value(), &m.id),
        move |m, _| {
            memberships.refetch();
            Done::toast(format!("{} removed from the role", membership_name(m)))
        },
        remove_confirm.failure(),
    );

    // Delete the role.
    let delete_confirm = ConfirmState::new(
        Confirm::danger("Delete role", "Delete role", DELETE_ROLE),
        |r: &Role| r.name.clone(),
    );
    let delete = http.mutation(
        move |role: &Role| roles::delete(&org(), &role.id),
        move |role, _| {
            Done::toast(format!("Role \u{201c}{}\u{201d} deleted", role.name))
                .go(format!("/orgs/{}/roles", org()))
        },
        delete_confirm.failure(),
    );

    let columns = vec![
        text_column("Name", membership_name),
        text_column("Email", |m: &RoleMembership| {
            m.user.as_ref().map(|u| u.email.clone()).unwrap_or_default()
        }),
        text_column("Added", |m: &RoleMembership| short_date(&m.joined_at)),
        column("", move |m: &RoleMembership| {
            let aria = format!("Remove {} from the role", membership_name(m));
            remove_confirm.row_button("Remove", aria, m.clone())
        }),
    ];

    view! {
        <div class="page-header">
            <h1>{move || format!("Role: {}", saved.with(|r| r.name.clone()))}</h1>
            {delete_confirm.ask_button("btn btn-danger-outline", "Delete role\u{2026}", false, move || saved.get_untracked())}
        </div>
        <form class="card form inline-form" on:submit=submit novalidate=true>
            <FormError errors=errors />
            <TextField id="name" label="Name" value=name error=errors.field("name") maxlength=ROLE_NAME_MAX_LEN as u32 />
            <SubmitButton
                label="Rename"
                pending=rename.pending()
                disabled=Signal::derive(move || !dirty.get())
            />
            <CopyAsCurl command=Signal::derive(move || {
                rename
                    .curl(RolePatch {
                        name: Some(name.get_untracked().trim().to_string()),
                        ..Default::default()
                    })
                    .unwrap_or_default()
            }) />
        </form>
        {disclosure("add-member", "Add a member", "the member search", Page::RoleAddMember, adding)}
        <h2>"Members of this role"</h2>
        <PagedTable caption="Members of this role" list=memberships columns=columns
            key=|m: &RoleMembership| m.id.clone() empty="Nobody has this role yet." />
        {remove_confirm.view(remove)}
        {delete_confirm.view(delete)}
    }
}
