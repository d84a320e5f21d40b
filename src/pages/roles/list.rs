//! The roles of an organization: create, delete, and a link to each role's page.

use api::endpoints::roles;
use api::models::{Role, RoleCreate};
use api::validate::ROLE_NAME_MAX_LEN;
use leptos::prelude::*;

use super::{checked_name, DELETE_ROLE, ROLE_FIELDS};
use crate::components::copy::CopyAsCurl;
use crate::components::dialog::{Confirm, ConfirmState};
use crate::components::form::{use_unsaved_guard, FormError, FormErrors, SubmitButton, TextField};
use crate::components::list_state::use_org_list;
use crate::components::table::{column, link_column, text_column, PagedTable};
use crate::components::util::short_date;
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

#[component]
pub fn RolesPage() -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let list = use_org_list(roles::list);

    let name = RwSignal::new(String::new());
    let errors = FormErrors::new();
    use_unsaved_guard(Signal::derive(move || !name.get().trim().is_empty()));
    let create = http.mutation(
        move |body: &RoleCreate| roles::create(&current.id.get_untracked(), body),
        move |_, role| {
            name.set(String::new());
            list.refetch();
            Done::toast(format!("Role \u{201c}{}\u{201d} created", role.name))
        },
        Failure::Form(errors, ROLE_FIELDS),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if let Some(name) = checked_name(&name.get_untracked(), errors) {
            create.dispatch(RoleCreate::new(name));
        }
    };

    let delete_confirm = ConfirmState::new(
        Confirm::danger("Delete role", "Delete role", DELETE_ROLE),
        |r: &Role| r.name.clone(),
    );
    let delete = http.mutation(
        move |role: &Role| roles::delete(&current.id.get_untracked(), &role.id),
        move |role, _| {
            list.refetch();
            Done::toast(format!("Role \u{201c}{}\u{201d} deleted", role.name))
        },
        delete_confirm.failure(),
    );

    let columns = vec![
        link_column("Name", move |r: &Role| {
            let href = format!("/orgs/{}/roles/{}", current.id.get_untracked(), r.id);
            (href, r.name.clone())
        }),
        text_column("Members", |r: &Role| r.members.len().to_string()),
        text_column("Created by", |r: &Role| {
            r.created_by
                .as_ref()
                .map_or_else(|| "—".to_string(), |u| u.display_name())
        }),
        text_column("Created", |r: &Role| short_date(&r.created_at)),
        column("", move |r: &Role| {
            let aria = format!("Delete role {}", r.name);
            delete_confirm.row_button("Delete", aria, r.clone())
        }),
    ];

    view! {
        <div class="page-header">
            <h1>"Roles"</h1>
        </div>
        <form class="card form inline-form" on:submit=submit novalidate=true>
            <FormError errors=errors />
            <TextField id="name" label="New role" value=name error=errors.field("name") maxlength=ROLE_NAME_MAX_LEN as u32 />
            <SubmitButton
                label="Create role"
                pending=create.pending()
            />
            <CopyAsCurl command=Signal::derive(move || {
                create.curl(RoleCreate::new(name.get_untracked().trim().to_string()))
                    .unwrap_or_default()
            }) />
        </form>
        <PagedTable caption="Roles" list=list columns=columns
            key=|r: &Role| format!("{}-{}-{}", r.id, r.name, r.members.len()) empty="No roles yet. Create one above." />
        {delete_confirm.view(delete)}
    }
}
