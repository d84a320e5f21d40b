//! A role's member search (its page's "Add a member" section, fetched when opened): find members
//! of the organization by name or email and add them to the role.

use api::endpoints::{members, role_memberships};
use api::models::{MemberListQuery, OrganizationMember, RoleMembershipCreate};
use leptos::prelude::*;

use super::detail::RoleParts;
use crate::components::feedback::describe_error;
use crate::components::form::{FormError, FormErrors};
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure, Loaded};

/// How many matching members the add search offers.
const CANDIDATES: u32 = 8;

/// The section's body (areas.rs).
pub fn add_member_part() -> AnyView {
    let http = use_http();
    let current = use_current_org();
    let RoleParts { role_id, added } = expect_context();
    let org = move || current.id.get_untracked();
    let search = RwSignal::new(String::new());
    let add_errors = FormErrors::new();
    let candidates = Loaded::new(move || {
        let text = search.get().trim().to_string();
        let query = MemberListQuery {
            limit: Some(CANDIDATES),
            search: Some(text.clone()),
            ..Default::default()
        };
        let request = members::list(&current.id.get(), &query);
        async move {
            if text.is_empty() {
                return Ok(Vec::new());
            }
            http.send(request).await.map(|p| p.results)
        }
    });
    let add = http.mutation(
        move |member: &OrganizationMember| {
            let body = RoleMembershipCreate {
                user_uuid: member.user.uuid.clone(),
            };
            role_memberships::create(&org(), &role_id.get_value(), &body)
        },
        move |member, _| {
            search.set(String::new());
            added.run(());
            Done::toast(format!("{} added to the role", member.user.display_name()))
        },
        Failure::Form(add_errors, &[]),
    );

    view! {
            <div class="field">
                <label for="member-search">"Find a member of the organization"</label>
                <input
                    id="member-search"
                    type="search"
                    autocomplete="off"
                    placeholder="Name or email"
                    prop:value=move || search.get()
                    on:input=move |ev| {
                        add_errors.clear();
                        search.set(event_target_value(&ev));
                    }
                />
            </div>
            <FormError errors=add_errors />
            <ul class="pick-list" aria-label="Matching members">
                {move || {
                    candidates
                        .get()
                        .map(|result| match result {
                            Ok(found) if found.is_empty() && !search.get().trim().is_empty() => {
                                view! { <li class="muted">"No member matches."</li> }.into_any()
                            }
                            Ok(found) => found
                                .into_iter()
                                .map(|member| candidate(member, add.pending(), move |m| add.dispatch(m)))
                                .collect_view()
                                .into_any(),
                            Err(error) => view! { <li class="row-error">{describe_error(&error)}</li> }.into_any(),
                        })
                }}
            </ul>
    }
    .into_any()
}

/// One member the search found, with its Add button.
fn candidate(
    member: OrganizationMember,
    pending: Signal<bool>,
    add: impl Fn(OrganizationMember) + 'static,
) -> AnyView {
    let name = member.user.display_name();
    let label = format!("{name} \u{2014} {}", member.user.email);
    let aria = format!("Add {name} to the role");
    view! {
        <li>
            <span>{label}</span>
            <button
                type="button"
                class="btn btn-small"
                aria-label=aria
                disabled=move || pending.get()
                on:click=move |_| add(member.clone())
            >
                "Add"
            </button>
        </li>
    }
    .into_any()
}
