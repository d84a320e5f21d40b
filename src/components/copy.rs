//! A copy button that puts a value on the clipboard and confirms it ("Copied") for a moment, or
//! says to copy by hand if the browser refuses.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// `label` names what is copied, for screen readers ("Copy record name"); `text` is the button's
/// own word ("Copy" unless given).
#[component]
pub fn CopyButton(
    #[prop(into)] value: Signal<String>,
    #[prop(into)] label: String,
    #[prop(optional)] text: Option<&'static str>,
) -> impl IntoView {
    let text = text.unwrap_or("Copy");
    let state = RwSignal::new(CopyState::Idle);
    let copy = move |_| {
        let text = value.get_untracked();
        leptos::task::spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            let ok = JsFuture::from(clipboard.write_text(&text)).await.is_ok();
            state.set(if ok {
                CopyState::Copied
            } else {
                CopyState::Failed
            });
            set_timeout(
                move || state.set(CopyState::Idle),
                std::time::Duration::from_secs(3),
            );
        });
    };
    view! {
        <button type="button" class="btn btn-small copy-button" aria-label=label.clone() title=label on:click=copy>
            {move || match state.get() {
                CopyState::Idle => text,
                CopyState::Copied => "Copied \u{2713}",
                CopyState::Failed => "Copy failed: select the text",
            }}
        </button>
        <span class="visually-hidden" role="status">
            {move || if state.get() == CopyState::Copied { "Copied to the clipboard" } else { "" }}
        </span>
    }
}

/// "Copy as curl" beside a form's submit button: `command` is the request the form would send
/// now (`Mutation::curl` of what it holds); copying sends nothing.
#[component]
pub fn CopyAsCurl(command: Signal<String>) -> impl IntoView {
    view! {
        <CopyButton
            value=command
            label="Copy as curl: the request this form would send"
            text="Copy as curl"
        />
    }
}

/// A DNS record to create, as DNS providers ask for it: its type, its name and its value (or
/// target) with copy buttons, and the TTL when one is suggested.
#[component]
pub fn DnsRecord(
    kind: &'static str,
    name: Signal<String>,
    /// "Value" (TXT) or "Target" (CNAME).
    value_label: &'static str,
    value: Signal<String>,
    #[prop(optional)] ttl: Option<u32>,
) -> impl IntoView {
    let copy_value = format!("Copy record {}", value_label.to_ascii_lowercase());
    let ttl = ttl.map(|ttl| {
        let ttl = Signal::stored(ttl.to_string());
        view! {
            <div>
                <dt>"TTL"</dt>
                <dd>
                    <code>{ttl}</code>
                    " (or your provider's default)"
                    <CopyButton value=ttl label="Copy TTL" />
                </dd>
            </div>
        }
    });
    view! {
        <dl class="dns-record">
            <div>
                <dt>"Type"</dt>
                <dd><code>{kind}</code></dd>
            </div>
            <div>
                <dt>"Name"</dt>
                <dd>
                    <code class="record-name">{name}</code>
                    <CopyButton value=name label="Copy record name" />
                </dd>
            </div>
            <div>
                <dt>{value_label}</dt>
                <dd>
                    <code class="record-value">{value}</code>
                    <CopyButton value=value label=copy_value />
                </dd>
            </div>
            {ttl}
        </dl>
    }
}
