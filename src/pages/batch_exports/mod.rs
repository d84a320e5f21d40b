//! Batch exports: one list across every project of the organization, create and edit, and an
//! export's page.

use leptos::prelude::*;

#[component]
pub fn BatchExportsPage() -> impl IntoView {
    view! { <h1>"Batch exports"</h1> }
}

#[component]
pub fn BatchExportCreatePage() -> impl IntoView {
    view! { <h1>"New batch export"</h1> }
}

#[component]
pub fn BatchExportEditPage() -> impl IntoView {
    view! { <h1>"Edit batch export"</h1> }
}

#[component]
pub fn BatchExportPage() -> impl IntoView {
    view! { <h1>"Batch export"</h1> }
}
