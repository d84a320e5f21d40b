//! The organization's projects: name, timezone, demo, whether events arrived, and the id
//! (PostHog's list answer has no creation date; the project page shows it).

use api::endpoints::projects;
use api::models::ProjectBasic;
use leptos::prelude::*;

use super::is_pending_deletion;
use crate::components::list_state::use_org_list;
use crate::components::table::{column, link_column, text_column, PagedTable};
use crate::hooks::use_current_org;

fn badge(class: &'static str, text: &'static str) -> AnyView {
    view! { <span class=class>{text}</span> }.into_any()
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let current = use_current_org();
    let list = use_org_list(projects::list);
    let org = move || current.id.get_untracked();
    let columns = vec![
        link_column("Name", move |p: &ProjectBasic| {
            (format!("/orgs/{}/projects/{}", org(), p.id), p.name.clone())
        }),
        text_column("Timezone", |p: &ProjectBasic| p.timezone.clone()),
        column("Demo", |p: &ProjectBasic| {
            if p.is_demo {
                badge("badge badge-muted", "Demo")
            } else {
                "\u{2014}".into_any()
            }
        }),
        column("Events", |p: &ProjectBasic| {
            if p.ingested_event {
                badge("badge badge-ok", "Arriving")
            } else {
                badge("badge badge-warn", "None yet")
            }
        }),
        column("State", move |p: &ProjectBasic| {
            if is_pending_deletion(&org(), p.id) {
                badge("badge badge-danger", "Pending deletion")
            } else if p.access_control {
                badge("badge badge-muted", "Private")
            } else {
                "\u{2014}".into_any()
            }
        }),
        text_column("ID", |p: &ProjectBasic| p.id.to_string()),
    ];
    view! {
        <div class="page-header">
            <h1>"Projects"</h1>
            <div class="page-actions">
                <a href=move || format!("/orgs/{}/projects/new", current.id.get()) class="btn btn-primary">
                    "New project"
                </a>
            </div>
        </div>
        <PagedTable caption="Projects" list=list columns=columns
            key=|p: &ProjectBasic| format!("{}-{}-{}", p.id, p.name, p.timezone)
            empty="No projects yet. Create one to get an API key for your SDKs." />
    }
}
