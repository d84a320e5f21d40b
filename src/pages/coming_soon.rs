//! Placeholder for organization sections that are planned but not built yet.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::hooks::SECTIONS;

#[component]
pub fn ComingSoon() -> impl IntoView {
    let params = use_params_map();
    let section = move || params.with(|p| p.get("section").unwrap_or_default());
    let known = move || {
        SECTIONS
            .iter()
            .find(|(seg, _, _)| *seg == section())
            .map(|(_, l, _)| *l)
    };
    view! {
        {move || match known() {
            Some(label) => {
                view! {
                    <h1>{label}</h1>
                    <p class="muted">"This section is coming soon."</p>
                }
                    .into_any()
            }
            None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
        }}
    }
}
