//! An organization's settings: its facts, the edit form (only changed fields are sent), and
//! delete after typing its name.

use api::endpoints::organizations;
use api::models::{MembershipLevel, Organization, OrganizationPatch};
use leptos::prelude::*;

use super::{OrgFields, OrgForm, ORG_FIELDS};
use crate::components::copy::CopyAsCurl;
use crate::components::dialog::{Confirm, ConfirmState};
use crate::components::feedback::load;
use crate::components::form::{use_unsaved_guard, FormError, FormErrors, SubmitButton};
use crate::components::review::use_review;
use crate::components::toast::use_toasts;
use crate::components::util::short_datetime;
use crate::hooks::{use_current_org, use_org_directory};
use crate::http::{use_http, Done, Failure};

#[component]
pub fn OrgSettingsPage() -> impl IntoView {
    let current = use_current_org();
    view! {
        <h1>"Organization settings"</h1>
        {load(current.org, |org| view! { <OrgSettings org=org /> })}
    }
}

fn level_text(org: &Organization) -> String {
    org.membership_level
        .as_ref()
        .map_or("—", |l| l.label())
        .to_string()
}

#[component]
fn OrgSettings(org: Organization) -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let directory = use_org_directory();
    let review = use_review();
    let baseline = RwSignal::new(org.clone());
    let form = OrgForm::new(Some(&org));
    let errors = FormErrors::new();
    let dirty = Signal::derive(move || {
        let value = form.value();
        baseline.with(|base| !OrganizationPatch::diff(base, &value).is_empty())
    });
    use_unsaved_guard(dirty);
    let level = org.membership_level.clone();
    let can_edit = level.as_ref().is_none_or(MembershipLevel::is_admin);
    let is_owner = level.is_none_or(|l| l == MembershipLevel::Owner);

    let save = http.mutation(
        move |patch: &OrganizationPatch| organizations::update(&current.id.get_untracked(), patch),
        move |_, updated| {
            baseline.set(updated);
            current.org.refetch();
            directory.0.refetch();
            Done::toast("Organization settings saved")
        },
        Failure::Form(errors, ORG_FIELDS),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if !form.check(errors) {
            return;
        }
        let patch = OrganizationPatch::diff(&baseline.get_untracked(), &form.value());
        if patch.is_empty() {
            toasts.success("Nothing to save");
            return;
        }
        let changes = baseline.with_untracked(|base| patch.changes(base));
        review.ask(changes, move || save.dispatch(patch));
    };

    let delete_confirm = ConfirmState::new(
        Confirm::danger(
            "Delete organization",
            "Delete organization",
            (
                "This deletes ",
                " with all its projects and data, for every member.",
            ),
        )
        .typing(org.name.clone()),
        |name: &String| name.clone(),
    );
    let delete = http.mutation(
        move |_: &String| organizations::delete(&current.id.get_untracked()),
        move |name, _| {
            directory.0.refetch();
            Done::toast(format!("Organization \u{201c}{name}\u{201d} deleted")).go("/orgs".into())
        },
        delete_confirm.failure(),
    );

    view! {
        <dl class="facts card">
            <div>
                <dt>"Slug"</dt>
                <dd>{org.slug.clone()}</dd>
            </div>
            <div>
                <dt>"ID"</dt>
                <dd>
                    <code>{org.id.clone()}</code>
                </dd>
            </div>
            <div>
                <dt>"Members"</dt>
                <dd>{org.member_count.map(|c| c.to_string()).unwrap_or_else(|| "—".into())}</dd>
            </div>
            <div>
                <dt>"Your level"</dt>
                <dd>{level_text(&org)}</dd>
            </div>
            <div>
                <dt>"Created"</dt>
                <dd>{short_datetime(&org.created_at)}</dd>
            </div>
            <div>
                <dt>"Updated"</dt>
                <dd>{move || baseline.with(|b| short_datetime(&b.updated_at))}</dd>
            </div>
        </dl>
        <form class="card form" on:submit=submit novalidate=true>
            <h2>"Details"</h2>
            {(!can_edit)
                .then_some(view! { <p class="notice">"Only admins and owners can change these settings."</p> })}
            <FormError errors=errors />
            <fieldset disabled=!can_edit class="plain">
                <OrgFields form=form errors=errors />
            </fieldset>
            <div class="form-actions">
                <SubmitButton
                    label="Save changes"
                    pending=save.pending()
                    disabled=Signal::derive(move || !dirty.get())
                />
                <CopyAsCurl command=Signal::derive(move || {
                    save.curl(OrganizationPatch::diff(&baseline.get_untracked(), &form.value()))
                        .unwrap_or_default()
                }) />
            </div>
        </form>
        <section class="card danger-zone">
            <h2>"Delete organization"</h2>
            <p>
                "Deleting removes the organization, its projects and all their data for every member. This cannot be undone."
            </p>
            {(!is_owner).then_some(view! { <p class="notice">"Only owners can delete an organization."</p> })}
            {delete_confirm.ask_button("btn btn-danger", "Delete organization\u{2026}", !is_owner, move || baseline.with_untracked(|b| b.name.clone()))}
        </section>
        {delete_confirm.view(delete)}
    }
}
