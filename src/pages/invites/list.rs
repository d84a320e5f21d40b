//! The invites of an organization: valid or expired, revoke (confirmed) or remove (expired).

use api::endpoints::invites;
use api::models::{OrganizationInvite, INVITE_VALID_DAYS};
use leptos::prelude::*;

use crate::components::dialog::{Confirm, ConfirmState, ROW_DANGER};
use crate::components::form::action_button;
use crate::components::list_state::use_org_list;
use crate::components::table::{column, text_column, PagedTable};
use crate::components::util::short_datetime;
use crate::hooks::use_current_org;
use crate::http::{use_http, Done};

#[component]
pub fn InvitesPage() -> impl IntoView {
    let current = use_current_org();
    let list = use_org_list(invites::list);

    let revoke_confirm = ConfirmState::new(
        Confirm::danger(
            "Revoke invite",
            "Revoke",
            (
                "Revoke the invite for ",
                "? Its link stops working at once.",
            ),
        ),
        |i: &OrganizationInvite| i.target_email.clone(),
    );
    let revoke = use_http().mutation(
        move |invite: &OrganizationInvite| invites::delete(&current.id.get_untracked(), &invite.id),
        move |invite, _| {
            list.refetch();
            Done::toast(if invite.is_expired {
                format!("Expired invite for {} removed", invite.target_email)
            } else {
                format!("Invite for {} revoked", invite.target_email)
            })
        },
        revoke_confirm.failure(),
    );

    let columns = vec![
        text_column("Email", |i: &OrganizationInvite| i.target_email.clone()),
        text_column("Name", |i: &OrganizationInvite| i.first_name.clone()),
        text_column("Level", |i: &OrganizationInvite| {
            i.level.label().to_string()
        }),
        text_column("Invited by", |i: &OrganizationInvite| {
            i.created_by.as_ref().map_or_else(
                || "—".to_string(),
                |u| {
                    let name = u.first_name.trim();
                    if name.is_empty() {
                        u.email.clone()
                    } else {
                        name.to_string()
                    }
                },
            )
        }),
        text_column("Created", |i: &OrganizationInvite| {
            short_datetime(&i.created_at)
        }),
        column("Status", |i: &OrganizationInvite| {
            if i.is_expired {
                view! { <span class="badge badge-muted">"Expired"</span> }.into_any()
            } else {
                view! { <span class="badge badge-ok">"Valid"</span> }.into_any()
            }
        }),
        column("", move |i: &OrganizationInvite| {
            let invite = i.clone();
            let (label, aria) = if i.is_expired {
                (
                    "Remove",
                    format!("Remove expired invite for {}", i.target_email),
                )
            } else {
                ("Revoke", format!("Revoke invite for {}", i.target_email))
            };
            // An expired invite goes at once; a valid one is confirmed first.
            let remove = Box::new(move || {
                if invite.is_expired {
                    revoke.dispatch(invite.clone());
                } else {
                    revoke_confirm.ask(invite.clone());
                }
            });
            action_button(ROW_DANGER, label, Some(aria), revoke.pending(), remove)
        }),
    ];

    view! {
        <div class="page-header">
            <h1>"Invites"</h1>
            <div class="page-actions">
                <a href=move || format!("/orgs/{}/invites/bulk", current.id.get()) class="btn">
                    "Bulk invite"
                </a>
                <a href=move || format!("/orgs/{}/invites/new", current.id.get()) class="btn btn-primary">
                    "Invite someone"
                </a>
            </div>
        </div>
        <p class="muted">{format!("Invites are valid for {INVITE_VALID_DAYS} days.")}</p>
        <PagedTable caption="Invites" list=list columns=columns
            key=|i: &OrganizationInvite| i.id.clone() empty="No pending invites." />
        {revoke_confirm.view(revoke)}
    }
}
