//! Projects: the organization's projects (list, create) and a project's page.

use leptos::prelude::*;

#[component]
pub fn ProjectsPage() -> impl IntoView {
    view! { <h1>"Projects"</h1> }
}

#[component]
pub fn ProjectCreatePage() -> impl IntoView {
    view! { <h1>"New project"</h1> }
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    view! { <h1>"Project"</h1> }
}
