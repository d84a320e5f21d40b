//! Invites: the table (expired or valid, revoke), inviting one person, and bulk invites pasted as
//! lines that are parsed and checked row by row before anything is sent.

use api::endpoints::{invites, members};
use api::models::{InviteCreate, MemberListQuery, MembershipLevel, OrganizationInvite};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::dialog::{ConfirmDialog, ConfirmState};
use crate::components::feedback::describe_error;
use crate::components::form::{
    use_unsaved_guard, CheckboxField, FormError, FormErrors, SelectField, SubmitButton,
    TextAreaField, TextField,
};
use crate::components::list_state::use_list_state;
use crate::components::table::{column, text_column, PagedTable};
use crate::components::toast::use_toasts;
use crate::components::util::{level_label, short_datetime};
use crate::hooks::use_current_org;
use crate::http::use_http;
use api::validate::looks_like_email;

const INVITE_FIELDS: [&str; 5] = [
    "target_email",
    "first_name",
    "level",
    "message",
    "send_email",
];
/// PostHog's limit for one bulk request.
const BULK_MAX: usize = 20;

/// The levels you may invite at: up to your own.
fn invitable_levels(mine: Option<MembershipLevel>) -> Vec<MembershipLevel> {
    let mine = mine.unwrap_or(MembershipLevel::Member);
    MembershipLevel::ALL
        .iter()
        .filter(|l| l.rank() <= mine.rank())
        .cloned()
        .collect()
}

fn invite_name(invite: &OrganizationInvite) -> String {
    invite.first_name.clone()
}

#[component]
pub fn InvitesPage() -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let (state, set_state) = use_list_state();
    let page = LocalResource::new(move || {
        let s = state.get();
        let org = current.id.get();
        async move {
            http.send(invites::list(&org, Some(s.limit()), Some(s.offset())))
                .await
        }
    });

    let revoke_confirm = ConfirmState::<OrganizationInvite>::new();
    let revoke = Action::new_local(move |invite: &OrganizationInvite| {
        let invite = invite.clone();
        let org = current.id.get_untracked();
        async move {
            match http.send(invites::delete(&org, &invite.id)).await {
                Ok(_) => {
                    revoke_confirm.close();
                    toasts.success(if invite.is_expired {
                        format!("Expired invite for {} removed", invite.target_email)
                    } else {
                        format!("Invite for {} revoked", invite.target_email)
                    });
                    page.refetch();
                }
                Err(error) => {
                    if revoke_confirm.open.get_untracked() {
                        revoke_confirm.fail(&error);
                    } else {
                        toasts.error(format!(
                            "Could not remove the invite: {}",
                            describe_error(&error)
                        ));
                    }
                }
            }
        }
    });

    let columns = vec![
        text_column("Email", |i: &OrganizationInvite| i.target_email.clone()),
        text_column("Name", invite_name),
        text_column("Level", |i: &OrganizationInvite| level_label(&i.level)),
        text_column("Invited by", |i: &OrganizationInvite| {
            i.created_by
                .as_ref()
                .map(|u| {
                    let name = u.first_name.trim();
                    if name.is_empty() {
                        u.email.clone()
                    } else {
                        name.to_string()
                    }
                })
                .unwrap_or_else(|| "—".into())
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
            view! {
                <button
                    type="button"
                    class="btn btn-small btn-danger-outline"
                    aria-label=aria
                    disabled=move || revoke.pending().get()
                    on:click=move |_| {
                        if invite.is_expired {
                            revoke.dispatch(invite.clone());
                        } else {
                            revoke_confirm.ask(invite.clone());
                        }
                    }
                >
                    {label}
                </button>
            }
            .into_any()
        }),
    ];

    view! {
        <div class="page-header">
            <h1>"Invites"</h1>
            <div class="page-actions">
                <A href=move || format!("/orgs/{}/invites/bulk", current.id.get()) attr:class="btn">
                    "Bulk invite"
                </A>
                <A href=move || format!("/orgs/{}/invites/new", current.id.get()) attr:class="btn btn-primary">
                    "Invite someone"
                </A>
            </div>
        </div>
        <p class="muted">"Invites are valid for 3 days."</p>
        <PagedTable
            caption="Invites"
            columns=columns
            key=|i: &OrganizationInvite| i.id.clone()
            empty="No pending invites."
            resource=page
            state=state
            set_state=set_state
        />
        <ConfirmDialog
            open=revoke_confirm.open
            title="Revoke invite"
            confirm_label="Revoke"
            danger=true
            pending=revoke.pending()
            error=revoke_confirm.error
            on_confirm=Callback::new(move |_| {
                if let Some(invite) = revoke_confirm.current() {
                    revoke.dispatch(invite);
                }
            })
        >
            <p>
                "Revoke the invite for "
                <strong>{move || revoke_confirm.target.get().map(|i| i.target_email).unwrap_or_default()}</strong>
                "? Its link stops working at once."
            </p>
        </ConfirmDialog>
    }
}

#[component]
pub fn InviteCreatePage() -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let level = RwSignal::new("1".to_string());
    let message = RwSignal::new(String::new());
    let send_email = RwSignal::new(true);
    let errors = FormErrors::new();
    let dirty = Signal::derive(move || {
        !email.get().is_empty() || !first_name.get().is_empty() || !message.get().is_empty()
    });
    use_unsaved_guard(dirty);

    let create = Action::new_local(move |body: &InviteCreate| {
        let body = body.clone();
        let org = current.id.get_untracked();
        let navigate = navigate.clone();
        async move {
            match http.send(invites::create(&org, &body)).await {
                Ok(invite) => {
                    toasts.success(format!("Invite sent to {}", invite.target_email));
                    email.set(String::new());
                    first_name.set(String::new());
                    message.set(String::new());
                    navigate(&format!("/orgs/{org}/invites"), Default::default());
                }
                Err(error) => errors.apply(&error, &INVITE_FIELDS),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let target = email.get_untracked().trim().to_string();
        let mut ok = true;
        if !looks_like_email(&target) {
            errors.set_field(
                "target_email",
                "Enter a valid email address, like name@example.com.",
            );
            ok = false;
        }
        if first_name.get_untracked().trim().chars().count() > 30 {
            errors.set_field("first_name", "At most 30 characters.");
            ok = false;
        }
        if !ok {
            return;
        }
        let msg = message.get_untracked().trim().to_string();
        let first = first_name.get_untracked().trim().to_string();
        create.dispatch(InviteCreate {
            target_email: target,
            first_name: first,
            level: MembershipLevel::from_u8(level.get_untracked().parse().unwrap_or(1)),
            message: (!msg.is_empty()).then_some(msg),
            private_project_access: Vec::new(),
            send_email: send_email.get_untracked(),
        });
    };
    let level_options = move || {
        invitable_levels(
            current
                .org
                .get()
                .and_then(Result::ok)
                .and_then(|o| o.membership_level),
        )
        .into_iter()
        .map(|l| (l.as_u8().to_string(), level_label(&l)))
        .collect::<Vec<_>>()
    };

    view! {
        <h1>"Invite someone"</h1>
        <form class="card form" on:submit=submit novalidate=true>
            <FormError errors=errors />
            <TextField
                id="target_email"
                label="Email"
                kind="email"
                value=email
                required=true
                autocomplete="off"
                error=errors.field("target_email")
            />
            <TextField
                id="first_name"
                label="First name"
                value=first_name
                maxlength=30
                error=errors.field("first_name")
                hint="Optional: used to greet them in the email."
            />
            {move || {
                view! {
                    <SelectField
                        id="level"
                        label="Level"
                        value=level
                        options=level_options()
                        error=errors.field("level")
                        hint="You can invite at your own level or below."
                    />
                }
            }}
            <TextAreaField
                id="message"
                label="Message"
                value=message
                error=errors.field("message")
                hint="Optional: added to the invite email."
            />
            <CheckboxField id="send_email" label="Send the invite by email" checked=send_email error=errors.field("send_email") />
            <div class="form-actions">
                <SubmitButton label="Send invite" pending=create.pending() />
                <A href=move || format!("/orgs/{}/invites", current.id.get()) attr:class="btn">
                    "Cancel"
                </A>
            </div>
        </form>
    }
}

/// One pasted line, parsed and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct BulkRow {
    pub line: usize,
    pub email: String,
    pub first_name: String,
    pub level: MembershipLevel,
    pub problem: Option<String>,
}

/// Parses "email" or "email,first name,level" lines (tabs or semicolons work too) and checks
/// each row: email shape, duplicates in the list, already a member, level allowed, the 20 limit.
pub fn parse_bulk(
    text: &str,
    member_emails: &[String],
    my_level: Option<MembershipLevel>,
) -> Vec<BulkRow> {
    let allowed = invitable_levels(my_level);
    let mut rows: Vec<BulkRow> = Vec::new();
    let mut valid_count = 0;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split([',', '\t', ';']).map(str::trim).collect();
        let email = parts[0].to_lowercase();
        let first_name = parts.get(1).map(|s| s.to_string()).unwrap_or_default();
        let level_text = parts.get(2).map(|s| s.to_lowercase()).unwrap_or_default();
        let level = match level_text.as_str() {
            "" | "member" | "1" => Some(MembershipLevel::Member),
            "admin" | "8" => Some(MembershipLevel::Admin),
            "owner" | "15" => Some(MembershipLevel::Owner),
            _ => None,
        };
        let problem = if !looks_like_email(&email) {
            Some("Not a valid email address".to_string())
        } else if rows.iter().any(|r| r.email == email) {
            Some("Duplicate of an earlier row".to_string())
        } else if member_emails.iter().any(|m| m.eq_ignore_ascii_case(&email)) {
            Some("Already a member".to_string())
        } else if level.is_none() {
            Some(format!(
                "Unknown level \u{201c}{level_text}\u{201d}: use member, admin or owner"
            ))
        } else if level.as_ref().is_some_and(|l| !allowed.contains(l)) {
            Some("You cannot invite above your own level".to_string())
        } else if first_name.chars().count() > 30 {
            Some("First name is over 30 characters".to_string())
        } else if parts.len() > 3 {
            Some("Too many columns: use email,first name,level".to_string())
        } else if valid_count >= BULK_MAX {
            Some(format!("Over the limit of {BULK_MAX} invites at a time"))
        } else {
            None
        };
        if problem.is_none() {
            valid_count += 1;
        }
        rows.push(BulkRow {
            line: index + 1,
            email,
            first_name,
            level: level.unwrap_or(MembershipLevel::Member),
            problem,
        });
    }
    rows
}

#[component]
pub fn BulkInvitePage() -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let text = RwSignal::new(String::new());
    let send_email = RwSignal::new(true);
    let message = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Result<Vec<String>, String>>);
    use_unsaved_guard(Signal::derive(move || {
        !text.get().trim().is_empty() && result.get().is_none()
    }));

    // Everyone already in the organization, to flag "already a member" before sending.
    let member_emails = LocalResource::new(move || {
        let org = current.id.get();
        async move {
            let query = MemberListQuery {
                limit: Some(10_000),
                ..Default::default()
            };
            http.send(members::list(&org, &query)).await.map(|page| {
                page.results
                    .into_iter()
                    .map(|m| m.user.email)
                    .collect::<Vec<_>>()
            })
        }
    });
    let rows = Memo::new(move |_| {
        let emails = member_emails.get().and_then(Result::ok).unwrap_or_default();
        let mine = current
            .org
            .get()
            .and_then(Result::ok)
            .and_then(|o| o.membership_level);
        parse_bulk(&text.get(), &emails, mine)
    });
    let valid = Memo::new(move |_| rows.with(|r| r.iter().filter(|r| r.problem.is_none()).count()));
    let invalid =
        Memo::new(move |_| rows.with(|r| r.iter().filter(|r| r.problem.is_some()).count()));

    let send = Action::new_local(move |batch: &Vec<InviteCreate>| {
        let batch = batch.clone();
        let org = current.id.get_untracked();
        async move {
            match http.send(invites::bulk(&org, &batch)).await {
                Ok(created) => {
                    let sent: Vec<String> = created
                        .into_iter()
                        .map(|i| i.target_email.to_lowercase())
                        .collect();
                    toasts.success(format!("{} invites sent", sent.len()));
                    result.set(Some(Ok(sent)));
                }
                Err(error) => result.set(Some(Err(describe_error(&error)))),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        result.set(None);
        let msg = message.get_untracked().trim().to_string();
        let batch: Vec<InviteCreate> = rows
            .get_untracked()
            .into_iter()
            .filter(|r| r.problem.is_none())
            .map(|r| InviteCreate {
                target_email: r.email,
                first_name: r.first_name,
                level: r.level,
                message: (!msg.is_empty()).then(|| msg.clone()),
                private_project_access: Vec::new(),
                send_email: send_email.get_untracked(),
            })
            .collect();
        if !batch.is_empty() {
            send.dispatch(batch);
        }
    };
    let row_status = move |row: &BulkRow| -> AnyView {
        if let Some(problem) = &row.problem {
            return view! { <span class="row-error">{problem.clone()}</span> }.into_any();
        }
        match result.get() {
            Some(Ok(sent)) if sent.contains(&row.email) => {
                view! { <span class="badge badge-ok">"Invited"</span> }.into_any()
            }
            Some(Ok(_)) => {
                view! { <span class="row-error">"Not in the server's answer"</span> }.into_any()
            }
            Some(Err(_)) => view! { <span class="row-error">"Not sent"</span> }.into_any(),
            None => view! { <span class="badge">"Ready"</span> }.into_any(),
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
                hint="email, or email,first name,level (member, admin or owner). At most 20 at a time."
            />
            <TextAreaField id="bulk-message" label="Message" value=message rows=2 hint="Optional: added to every invite email." />
            <CheckboxField id="bulk-send-email" label="Send the invites by email" checked=send_email />
            {move || {
                result
                    .get()
                    .and_then(Result::err)
                    .map(|e| {
                        view! {
                            <div class="form-error" role="alert">
                                {format!("Nothing was sent: {e}")}
                            </div>
                        }
                    })
            }}
            <Show when=move || rows.with(|r| !r.is_empty())>
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
                                rows.get()
                                    .into_iter()
                                    .map(|row| {
                                        let status = row_status(&row);
                                        view! {
                                            <tr class:row-invalid=row.problem.is_some()>
                                                <td>{row.line}</td>
                                                <td>{row.email.clone()}</td>
                                                <td>{row.first_name.clone()}</td>
                                                <td>{level_label(&row.level)}</td>
                                                <td>{status}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
            <div class="form-actions">
                <SubmitButton
                    label=Signal::derive(move || format!("Send {} invites", valid.get()))
                    pending=send.pending()
                    disabled=Signal::derive(move || valid.get() == 0 || matches!(result.get(), Some(Ok(_))))
                />
                <A href=move || format!("/orgs/{}/invites", current.id.get()) attr:class="btn">
                    "Back to invites"
                </A>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_rows() {
        let rows = parse_bulk(
            "a@x.io\nb@x.io,Bea,admin\nnot-an-email\na@x.io\nmember@x.io\nc@x.io,,owner",
            &["member@x.io".to_string()],
            Some(MembershipLevel::Admin),
        );
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0].problem, None);
        assert_eq!(rows[1].level, MembershipLevel::Admin);
        assert!(rows[2].problem.as_deref().unwrap().contains("valid email"));
        assert!(rows[3].problem.as_deref().unwrap().contains("Duplicate"));
        assert!(rows[4].problem.as_deref().unwrap().contains("Already"));
        assert!(rows[5].problem.as_deref().unwrap().contains("above"));
    }
}
