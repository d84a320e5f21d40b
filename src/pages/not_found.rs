//! The page for an address the console does not know.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="centered-page">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have moved, or the link is mistyped."</p>
            <a href="/orgs" class="btn btn-primary">
                "Go to your organizations"
            </a>
        </main>
    }
}
