//! Creating an organization; then its settings page.

use api::endpoints::organizations;
use leptos::prelude::*;

use super::{OrgFields, OrgForm, ORG_FIELDS};
use crate::components::copy::CopyAsCurl;
use crate::components::form::{use_unsaved_guard, FormError, FormErrors, SubmitButton};
use crate::hooks::use_org_directory;
use crate::http::{use_http, Done, Failure};

#[component]
pub fn OrgCreatePage() -> impl IntoView {
    let directory = use_org_directory();
    let form = OrgForm::new(None);
    let errors = FormErrors::new();
    let dirty =
        Signal::derive(move || !form.name.get().is_empty() || !form.logo_media_id.get().is_empty());
    use_unsaved_guard(dirty);

    let create = use_http().mutation(
        organizations::create,
        move |_, org| {
            directory.0.refetch();
            form.name.set(String::new());
            form.logo_media_id.set(String::new());
            Done::toast(format!("Organization \u{201c}{}\u{201d} created", org.name))
                .go(format!("/orgs/{}/settings", org.id))
        },
        Failure::Form(errors, ORG_FIELDS),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if form.check(errors) {
            create.dispatch(form.value());
        }
    };
    view! {
        <main id="main" class="content">
            <nav class="breadcrumbs" aria-label="Breadcrumb">
                <ol>
                    <li>
                        <a href="/orgs">"Organizations"</a>
                    </li>
                    <li aria-current="page">"New"</li>
                </ol>
            </nav>
            <h1>"New organization"</h1>
            <form class="card form" on:submit=submit novalidate=true>
                <FormError errors=errors />
                <OrgFields form=form errors=errors />
                <div class="form-actions">
                    <SubmitButton
                        label="Create organization"
                        pending=create.pending()
                    />
                    <CopyAsCurl command=Signal::derive(move || create.curl(form.value()).unwrap_or_default()) />
                    <a href="/orgs" class="btn">
                        "Cancel"
                    </a>
                </div>
            </form>
        </main>
    }
}
