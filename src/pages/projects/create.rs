//! Creating a project: a name (optional: PostHog calls it "Default project" when left empty),
//! and whether it is a demo project; then its page.

use api::endpoints::projects;
use api::models::ProjectCreate;
use api::project_rules::{DEFAULT_PROJECT_NAME, PROJECT_NAME_MAX_LEN};
use leptos::prelude::*;

use super::PROJECT_FIELDS;
use crate::components::copy::CopyAsCurl;
use crate::components::form::{
    use_unsaved_guard, CheckboxField, FormError, FormErrors, SubmitButton, TextField,
};
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

#[component]
pub fn ProjectCreatePage() -> impl IntoView {
    let current = use_current_org();
    let name = RwSignal::new(String::new());
    let demo = RwSignal::new(false);
    let errors = FormErrors::new();
    use_unsaved_guard(Signal::derive(move || !name.get().trim().is_empty()));
    let create = use_http().mutation(
        move |body: &ProjectCreate| projects::create(&current.id.get_untracked(), body),
        move |_, project| {
            name.set(String::new());
            Done::toast(format!("Project \u{201c}{}\u{201d} created", project.name)).go(format!(
                "/orgs/{}/projects/{}",
                current.id.get_untracked(),
                project.id
            ))
        },
        Failure::Form(errors, PROJECT_FIELDS),
    );
    // the project the form holds now (sent on submit; written out by Copy as curl)
    let body = move || ProjectCreate {
        name: name.get_untracked().trim().to_string(),
        is_demo: demo.get_untracked().then_some(true),
        ..Default::default()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let typed = name.get_untracked().trim().to_string();
        if typed.chars().count() > PROJECT_NAME_MAX_LEN {
            errors.set_field(
                "name",
                format!("Use at most {PROJECT_NAME_MAX_LEN} characters."),
            );
            return;
        }
        create.dispatch(body());
    };
    let hint = format!(
        "Optional. Left empty, PostHog names it \u{201c}{DEFAULT_PROJECT_NAME}\u{201d}; you can rename it later. Names are unique in the organization (case ignored)."
    );
    view! {
        <h1>"New project"</h1>
        <form class="card form" on:submit=submit novalidate=true>
            <FormError errors=errors />
            <TextField id="name" label="Project name" value=name error=errors.field("name")
                hint=hint maxlength=PROJECT_NAME_MAX_LEN as u32 />
            <CheckboxField id="is_demo" label="Demo project" checked=demo
                hint="PostHog fills a demo project with sample events; that takes a little while after it is created." />
            <div class="form-actions">
                <SubmitButton label="Create project" pending=create.pending() />
                <CopyAsCurl command=Signal::derive(move || create.curl(body()).unwrap_or_default()) />
                <a href=move || format!("/orgs/{}/projects", current.id.get()) class="btn">
                    "Cancel"
                </a>
            </div>
        </form>
    }
}
