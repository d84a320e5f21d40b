//! PostHog organization console: a Leptos client-side app. Mounts the app on <body>.

mod app;
mod components;
mod http;
mod pages;
mod session;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
