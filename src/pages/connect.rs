//! The connect screen: pick a host, paste a personal API key, choose where to keep it. The key is
//! tried (list organizations) before it is kept; a refusal says whether the key or the host failed
//! and keeps everything typed.

use api::ApiError;
use leptos::prelude::*;

use crate::components::copy::CopyAsCurl;
use crate::components::feedback::describe_error;
use crate::components::form::{FormError, FormErrors, SubmitButton, TextField};
use crate::http::{absolute_url, send_once};
use crate::nav::{use_navigate, use_query_map};
use crate::session::{parse_custom_host, use_session, Connection, Host, Keep};

/// Only same-site paths are followed after connecting (no open redirect).
fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/connect"))
        .unwrap_or_else(|| "/orgs".into())
}

/// What Connect sends to try the key: the organization list (its content is not needed here).
fn key_check() -> api::Request<serde::de::IgnoredAny> {
    api::Request::new(api::Method::Get, "/api/organizations/").with_query("limit", "1")
}

/// The host the form's choice names; a custom address is what `custom` makes of the field.
fn chosen_host(
    choice: &str,
    custom: impl FnOnce() -> Result<String, String>,
) -> Result<Host, String> {
    Ok(match choice {
        "us" => Host::UsCloud,
        "eu" => Host::EuCloud,
        "custom" => Host::Custom(custom()?),
        _ => Host::SameOrigin,
    })
}

#[component]
pub fn ConnectPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();

    let host_choice = RwSignal::new("same".to_string());
    let custom_url = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let show_key = RwSignal::new(false);
    let keep = RwSignal::new("tab".to_string());
    let errors = FormErrors::new();

    // Already connected (e.g. a reload of /connect): go on.
    if session.is_connected() {
        let next = safe_next(query.get_untracked().get("next"));
        navigate(&next, Default::default());
    }

    // trying a key: Connect shows it pending meanwhile (a plain task rather than a Leptos
    // `Action`, whose machinery would be in the main module for this one use)
    let pending = RwSignal::new(false);
    let try_key = move |connection: Connection| {
        pending.set(true);
        leptos::task::spawn_local_scoped(async move {
            match send_once(&connection, &key_check()).await {
                Ok(_) => {
                    session.connect(connection);
                    let next = safe_next(query.get_untracked().get("next"));
                    navigate(&next, Default::default());
                }
                Err(error) => {
                    let host = connection.host.label();
                    match &error {
                        ApiError::Unauthorized { detail } => errors.set_field(
                            "api-key",
                            format!("{host} refused this key: {detail} Check that you copied the whole key (it starts with phx_)."),
                        ),
                        ApiError::Forbidden { .. } => {
                            errors.set_field("api-key", describe_error(&error))
                        }
                        ApiError::Network { .. } => errors.set_field(
                            "host",
                            format!("Could not reach {host}. Check the address. If your instance only allows its own origin (CORS), serve this console with --upstream pointing at it."),
                        ),
                        ApiError::Decode { status, .. } | ApiError::Server { status, .. }
                            if matches!(connection.host, Host::Custom(_)) || *status == 404 =>
                        {
                            errors.set_field(
                                "host",
                                format!("{host} answered, but not like a PostHog API (HTTP {status}). Check the address."),
                            )
                        }
                        ApiError::NotFound { .. } => errors.set_field(
                            "host",
                            format!("{host} has no PostHog organization API at this address."),
                        ),
                        _ => errors.set_general(describe_error(&error)),
                    }
                }
            }
            pending.try_set(false);
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let host = match chosen_host(&host_choice.get_untracked(), || {
            parse_custom_host(&custom_url.get_untracked())
        }) {
            Ok(host) => host,
            Err(message) => {
                errors.set_field("custom-host", message);
                return;
            }
        };
        let key_text = key.get_untracked().trim().to_string();
        if key_text.is_empty() {
            errors.set_field("api-key", "Paste a personal API key.");
            return;
        }
        if key_text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            errors.set_field(
                "api-key",
                "The key contains spaces or line breaks: paste it again.",
            );
            return;
        }
        let keep = if keep.get_untracked() == "device" {
            Keep::ThisDevice
        } else {
            Keep::ThisTab
        };
        try_key(Connection {
            host,
            key: key_text,
            keep,
        });
    };

    // the request Connect sends, as a curl command on the chosen host (an address still being
    // typed is shown as typed)
    let curl = Signal::derive(move || {
        let host = chosen_host(&host_choice.get(), || {
            let typed = custom_url.get();
            Ok(parse_custom_host(&typed).unwrap_or_else(|_| typed.trim().to_string()))
        })
        .unwrap_or(Host::SameOrigin);
        let request = key_check();
        api::curl::curl(
            request.method,
            &absolute_url(&host, &request.path_and_query()),
            None,
        )
    });
    let host_error = errors.field("host");

    view! {
        <main id="main" class="connect-page">
            <form class="card connect-card" on:submit=submit novalidate=true>
                <h1>"Connect to PostHog"</h1>
                <p class="muted">
                    "Paste a personal API key to administer your organizations. The key is sent only to the host you pick."
                </p>
                {move || {
                    session
                        .ended_because
                        .get()
                        .map(|reason| {
                            view! {
                                <div class="form-error" role="alert">
                                    {reason}
                                </div>
                            }
                        })
                }}
                <FormError errors=errors />
                <fieldset class="field" aria-describedby="host-error">
                    <legend>"Host"</legend>
                    {[
                        ("same", "This server (/api)"),
                        ("us", "US cloud \u{2014} us.posthog.com"),
                        ("eu", "EU cloud \u{2014} eu.posthog.com"),
                        ("custom", "Self-hosted or other address"),
                    ]
                        .into_iter()
                        .map(|(value, label)| {
                            let id = format!("host-{value}");
                            view! {
                                <div class="radio">
                                    <input
                                        type="radio"
                                        name="host"
                                        id=id.clone()
                                        value=value
                                        prop:checked=move || host_choice.get() == value
                                        on:change=move |_| host_choice.set(value.to_string())
                                    />
                                    <label for=id>{label}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                    {move || {
                        host_error
                            .get()
                            .map(|e| {
                                view! {
                                    <p class="field-error" id="host-error" role="alert">
                                        {e}
                                    </p>
                                }
                            })
                    }}
                </fieldset>
                {crate::reactive::shown(
                    move || host_choice.get() == "custom",
                    move || {
                        view! {
                            <TextField
                                id="custom-host"
                                label="Instance address"
                                kind="url"
                                value=custom_url
                                error=errors.field("custom-host")
                                hint="e.g. https://posthog.example.com"
                            />
                        }
                        .into_any()
                    },
                )}
                <div class="field" class:has-error=move || errors.field("api-key").with(Option::is_some)>
                    <label for="api-key">"Personal API key"</label>
                    <div class="input-with-button">
                        <input
                            id="api-key"
                            name="api-key"
                            type=move || if show_key.get() { "text" } else { "password" }
                            autocomplete="off"
                            spellcheck="false"
                            aria-invalid=move || errors.field("api-key").with(Option::is_some).to_string()
                            aria-describedby="api-key-hint api-key-error"
                            prop:value=move || key.get()
                            on:input=move |ev| key.set(event_target_value(&ev))
                        />
                        <button
                            type="button"
                            class="btn"
                            aria-controls="api-key"
                            aria-pressed=move || show_key.get().to_string()
                            on:click=move |_| show_key.update(|s| *s = !*s)
                        >
                            {move || if show_key.get() { "Hide" } else { "Show" }}
                        </button>
                    </div>
                    <p class="field-hint" id="api-key-hint">
                        "Create one in PostHog under Settings \u{2192} Personal API keys. The demo server's key is "
                        <code>"phx_demo_console"</code> "."
                    </p>
                    {move || {
                        errors
                            .field("api-key")
                            .get()
                            .map(|e| {
                                view! {
                                    <p class="field-error" id="api-key-error" role="alert">
                                        {e}
                                    </p>
                                }
                            })
                    }}
                </div>
                <fieldset class="field">
                    <legend>"Keep the key"</legend>
                    <div class="radio">
                        <input
                            type="radio"
                            name="keep"
                            id="keep-tab"
                            prop:checked=move || keep.get() == "tab"
                            on:change=move |_| keep.set("tab".into())
                        />
                        <label for="keep-tab">"In this tab only (forgotten when it closes)"</label>
                    </div>
                    <div class="radio">
                        <input
                            type="radio"
                            name="keep"
                            id="keep-device"
                            prop:checked=move || keep.get() == "device"
                            on:change=move |_| keep.set("device".into())
                        />
                        <label for="keep-device">"On this device (until you sign out)"</label>
                    </div>
                </fieldset>
                <div class="form-actions">
                    <SubmitButton label="Connect" pending=pending />
                    <CopyAsCurl command=curl />
                </div>
            </form>
        </main>
    }
}
