//! Bulk invites: lines pasted, parsed and checked row by row as they are typed (already a
//! member, level allowed, the batch limit...), then the ready rows sent at once with a result
//! per row.

use std::rc::Rc;

use crate::http::Loaded;
use api::bulk_invites::{parse_bulk_invites, BulkInviteRow};
use api::endpoints::{invites, members};
use api::models::{InviteCreate, MemberListQuery, MAX_BULK_INVITES};
use leptos::prelude::*;

use super::invites_link;
use crate::components::copy::CopyAsCurl;
use crate::components::feedback::describe_error;
use crate::components::form::{
    use_unsaved_guard, CheckboxField, FormError, FormErrors, SubmitButton, TextAreaField,
};
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

/// What the last send did: the emails invited, or `None` when nothing was sent.
type Sent = Option<Vec<String>>;

#[component]
pub fn BulkInvitePage() -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let text = RwSignal::new(String::new());
    let send_email = RwSignal::new(true);
    let message = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Sent>);
    let errors = FormErrors::new();
    use_unsaved_guard(Signal::derive(move || {
        !text.get().trim().is_empty() && result.get().is_none()
    }));

    // Everyone already in the organization, to flag "already a member" before sending.
    let member_emails = Loaded::new(move || {
        let query = MemberListQuery {
            limit: Some(10_000),
            ..Default::default()
        };
        let request = members::list(&current.id.get(), &query);
        async move {
            http.send(request).await.map(|page| {
                page.results
                    .into_iter()
                    .map(|m| m.user.email)
                    .collect::<Vec<_>>()
            })
        }
    });
    let rows = crate::reactive::memo(move || {
        let emails = member_emails.get().and_then(Result::ok).unwrap_or_default();
        let mine = current
            .org
            .get()
            .and_then(Result::ok)
            .and_then(|o| o.membership_level);
        parse_bulk_invites(&text.get(), &emails, mine.as_ref())
    });
    let valid = crate::reactive::memo(move || {
        rows.with(|r| r.iter().filter(|r| r.problem.is_none()).count())
    });
    let invalid = crate::reactive::memo(move || {
        rows.with(|r| r.iter().filter(|r| r.problem.is_some()).count())
    });

    let send = http.mutation(
        move |batch: &Vec<InviteCreate>| invites::bulk(&current.id.get_untracked(), batch),
        move |_, created| {
            let sent: Vec<String> = created
                .into_iter()
                .map(|i| i.target_email.to_ascii_lowercase())
                .collect();
            let toast = format!("{} invites sent", sent.len());
            result.set(Some(Some(sent)));
            Done::toast(toast)
        },
        Failure::Handle(Rc::new(move |error| {
            result.set(Some(None));
            errors.set_general(format!("Nothing was sent: {}", describe_error(&error)));
        })),
    );
    // the rows that pass the checks, as they would be sent
    let batch = move || {
        let msg = message.get_untracked().trim().to_string();
        let message = (!msg.is_empty()).then_some(msg.as_str());
        rows.with_untracked(|rows| {
            rows.iter()
                .filter(|r| r.problem.is_none())
                .map(|r| r.invite(message, send_email.get_untracked()))
                .collect::<Vec<InviteCreate>>()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        result.set(None);
        errors.clear();
        let batch = batch();
        if !batch.is_empty() {
            send.dispatch(batch);
        }
    };

    view! {
        <h1>"Bulk invite"</h1>
        <form class="card form" on:submit=submit novalidate=true>
            <TextAreaField
                id="bulk-lines"
                label="People to invite, one per line"
                value=text
                rows=8
                hint=format!("email, or email,first name,level (member, admin or owner). At most {MAX_BULK_INVITES} at a time.")
            />
            <TextAreaField id="bulk-message" label="Message" value=message rows=2 hint="Optional: added to every invite email." />
            <CheckboxField id="bulk-send-email" label="Send the invites by email" checked=send_email />
            <FormError errors=errors />
            {crate::reactive::shown(
                move || rows.with(|r| !r.is_empty()),
                move || {
                    view! {
                        <p class="bulk-summary" aria-live="polite">
                            {move || format!("{} ready to send, {} with problems", valid.get(), invalid.get())}
                        </p>
                        <div class="table-wrap">
                            <table class="data-table bulk-preview">
                                <caption class="visually-hidden">"Parsed invites"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Line"</th>
                                        <th scope="col">"Email"</th>
                                        <th scope="col">"First name"</th>
                                        <th scope="col">"Level"</th>
                                        <th scope="col">"Status"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {move || {
                                        let result = result.get();
                                        rows.get()
                                            .into_iter()
                                            .map(|row| bulk_row(row, result.as_ref()))
                                            .collect_view()
                                    }}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                },
            )}
            <div class="form-actions">
                <SubmitButton
                    label=Signal::derive(move || format!("Send {} invites", valid.get()))
                    pending=send.pending()
                    disabled=Signal::derive(move || valid.get() == 0 || matches!(result.get(), Some(Some(_))))
                />
                <CopyAsCurl command=Signal::derive(move || send.curl(batch()).unwrap_or_default()) />
                {invites_link("btn", "Back to invites")}
            </div>
        </form>
    }
}

/// One parsed row and its status: its problem, ready, or what the send did with it.
fn bulk_row(row: BulkInviteRow, result: Option<&Sent>) -> AnyView {
    let status = match (&row.problem, result) {
        (Some(problem), _) => view! { <span class="row-error">{problem.clone()}</span> }.into_any(),
        (None, Some(Some(sent))) if sent.contains(&row.email) => {
            view! { <span class="badge badge-ok">"Invited"</span> }.into_any()
        }
        (None, Some(Some(_))) => {
            view! { <span class="row-error">"Not in the server's answer"</span> }.into_any()
        }
        (None, Some(None)) => view! { <span class="row-error">"Not sent"</span> }.into_any(),
        (None, None) => view! { <span class="badge">"Ready"</span> }.into_any(),
    };
    view! {
        <tr class:row-invalid=row.problem.is_some()>
            <td>{row.line}</td>
            <td>{row.email}</td>
            <td>{row.first_name}</td>
            <td>{row.level.label()}</td>
            <td>{status}</td>
        </tr>
    }
    .into_any()
}
