//! The request inspector: the requests this tab made to the API, newest first (method, path
//! with query, status, time taken, PostHog's error body for failures), each with "Copy as curl".
//! Kept in memory only (`http::RequestLog`, the last 100); the key is never in it. Its code is a
//! chunk of its own, fetched when the panel is first opened.

use leptos::prelude::*;

use crate::components::copy::CopyButton;
use crate::http::{RequestLog, Sent, REQUEST_LOG_SIZE};

/// Whether the panel is open (app-wide: the shell's button and shortcut toggle it).
#[derive(Clone, Copy)]
pub struct InspectorOpen(pub RwSignal<bool>);

/// The shortcut that opens and closes the panel, as `aria-keyshortcuts` writes it.
pub const SHORTCUT: &str = "Alt+Shift+R";

#[component]
pub fn RequestInspector() -> impl IntoView {
    let log = expect_context::<RequestLog>();
    let open = expect_context::<InspectorOpen>();
    let rows = move || {
        log.0
            .get()
            .into_iter()
            .map(|sent| view! { <SentRow sent=sent /> })
            .collect_view()
    };
    // focus moves into the panel when it opens; Escape closes it
    let panel = NodeRef::<leptos::html::Aside>::new();
    crate::reactive::watch(move || {
        if let Some(panel) = panel.get() {
            let _ = panel.focus();
        }
    });
    view! {
        <aside
            class="inspector"
            aria-labelledby="inspector-title"
            tabindex="-1"
            node_ref=panel
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    open.0.set(false);
                }
            }
        >
            <div class="inspector-header">
                <h2 id="inspector-title">"Requests"</h2>
                <button type="button" class="btn btn-small" on:click=move |_| open.0.set(false)>
                    "Close"
                </button>
            </div>
            <p class="muted">
                {format!(
                    "The last {REQUEST_LOG_SIZE} calls of this tab, newest first, kept in memory only. \
                     Copy as curl writes the key as $POSTHOG_PERSONAL_API_KEY.",
                )}
            </p>
            {
                let any = crate::reactive::memo(move || log.0.with(|log| !log.is_empty()));
                move || {
                    if any.get() {
                        view! { <ol class="inspector-list">{rows}</ol> }.into_any()
                    } else {
                        view! { <p class="empty-state">"No requests yet."</p> }.into_any()
                    }
                }
            }
        </aside>
    }
}

#[component]
fn SentRow(sent: Sent) -> impl IntoView {
    let failed = !matches!(sent.status, Some(200..=299));
    let status = match sent.status {
        Some(status) => status.to_string(),
        None => "no answer".to_string(),
    };
    let curl = Signal::stored(api::curl::curl(
        sent.method,
        &sent.url,
        sent.body.as_deref(),
    ));
    let label = format!("Copy as curl: {} {}", sent.method, sent.path);
    view! {
        <li class="inspector-row">
            <div class="inspector-line">
                <span class="inspector-method">{sent.method.as_str()}</span>
                <code class="inspector-path">{sent.path.clone()}</code>
                <span class=if failed { "badge badge-danger" } else { "badge badge-ok" }>{status}</span>
                <span class="muted">{format!("{} ms", sent.millis)}</span>
                <CopyButton value=curl label=label text="Copy as curl" />
            </div>
            {sent.error.map(|error| {
                view! {
                    <details class="inspector-error">
                        <summary>"Answer"</summary>
                        <pre>{error}</pre>
                    </details>
                }
            })}
        </li>
    }
}
