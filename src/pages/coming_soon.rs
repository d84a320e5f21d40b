//! Placeholder for organization sections that are planned but not built yet.

use leptos::prelude::*;

use crate::hooks::SECTIONS;

#[component]
pub fn ComingSoon() -> impl IntoView {
    let section = crate::hooks::use_path_segment(3);
    let known = move || {
        SECTIONS
            .iter()
            .find(|(seg, _, _)| section.with(|s| s == seg))
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
