//! Inviting one person, at your own level or below; checked with `InviteCreate::validate`
//! before sending, as PostHog checks it.

use api::endpoints::invites;
use api::models::{InviteCreate, MembershipLevel};
use api::rules::invitable_levels;
use api::validate::INVITE_FIRST_NAME_MAX_LEN;
use leptos::prelude::*;

use super::invites_link;
use crate::components::copy::CopyAsCurl;
use crate::components::form::{
    use_unsaved_guard, CheckboxField, FormError, FormErrors, SelectField, SubmitButton,
    TextAreaField, TextField,
};
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

const INVITE_FIELDS: &[&str] = &[
    "target_email",
    "first_name",
    "level",
    "message",
    "send_email",
];

#[component]
pub fn InviteCreatePage() -> impl IntoView {
    let current = use_current_org();
    let email = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let level = RwSignal::new(MembershipLevel::Member.as_u8().to_string());
    let message = RwSignal::new(String::new());
    let send_email = RwSignal::new(true);
    let errors = FormErrors::new();
    let dirty = Signal::derive(move || {
        !email.get().is_empty() || !first_name.get().is_empty() || !message.get().is_empty()
    });
    use_unsaved_guard(dirty);

    let create = use_http().mutation(
        move |body: &InviteCreate| invites::create(&current.id.get_untracked(), body),
        move |_, invite| {
            email.set(String::new());
            first_name.set(String::new());
            message.set(String::new());
            Done::toast(format!("Invite sent to {}", invite.target_email))
                .go(format!("/orgs/{}/invites", current.id.get_untracked()))
        },
        Failure::Form(errors, INVITE_FIELDS),
    );
    // the invite the form holds now (sent on submit; written out by Copy as curl)
    let invite = move || {
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        let msg = text(message);
        InviteCreate {
            target_email: text(email),
            first_name: text(first_name),
            level: MembershipLevel::from_u8(level.get_untracked().parse().unwrap_or(1)),
            message: (!msg.is_empty()).then_some(msg),
            private_project_access: Vec::new(),
            send_email: send_email.get_untracked(),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let invite = invite();
        match invite.validate() {
            Ok(()) => create.dispatch(invite),
            Err(error) => errors.apply(&error, INVITE_FIELDS),
        }
    };
    let level_options = move || {
        let mine = current
            .org
            .get()
            .and_then(Result::ok)
            .and_then(|o| o.membership_level);
        invitable_levels(mine.as_ref())
            .into_iter()
            .map(|l| (l.as_u8().to_string(), l.label().to_string()))
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
                maxlength=INVITE_FIRST_NAME_MAX_LEN as u32
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
                <SubmitButton
                    label="Send invite"
                    pending=create.pending()
                />
                <CopyAsCurl command=Signal::derive(move || create.curl(invite()).unwrap_or_default()) />
                {invites_link("btn", "Cancel")}
            </div>
        </form>
    }
}
