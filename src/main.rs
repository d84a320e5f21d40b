//! PostHog organization console: a Leptos client-side app. Mounts the app on <body>.

mod app;
mod areas;
mod components;
mod hooks;
mod http;
mod nav;
mod pages;
mod reactive;
mod session;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
