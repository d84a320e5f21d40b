//! Proxy records (PostHog's managed reverse proxy): the table with status badges, adding a domain,
//! and a record's walkthrough: the CNAME to create with copy buttons, the status refreshed every
//! few seconds while the certificate is issued, and how to point the SDKs at it once live.

use api::endpoints::proxy_records;
use api::models::{ProxyRecord, ProxyRecordCreate, ProxyRecordStatus};
use api::{validate, ApiError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::copy::CopyButton;
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{describe_error, load, ErrorPanel};
use crate::components::form::{use_unsaved_guard, FormError, FormErrors, SubmitButton, TextField};
use crate::components::table::{column, text_column, DataTable};
use crate::components::toast::use_toasts;
use crate::components::util::short_datetime;
use crate::hooks::use_current_org;
use crate::http::use_http;

/// How often a record that is still being set up is refreshed.
const POLL_SECONDS: u64 = 3;

/// The badge class for a status.
fn status_class(status: &ProxyRecordStatus) -> &'static str {
    match status {
        ProxyRecordStatus::Valid => "badge badge-ok",
        ProxyRecordStatus::Waiting | ProxyRecordStatus::Issuing => "badge badge-warn",
        ProxyRecordStatus::Warning => "badge badge-warn",
        ProxyRecordStatus::Erroring | ProxyRecordStatus::TimedOut => "badge badge-danger",
        _ => "badge badge-muted",
    }
}

fn is_settling(status: &ProxyRecordStatus) -> bool {
    matches!(
        status,
        ProxyRecordStatus::Waiting | ProxyRecordStatus::Issuing
    )
}

#[component]
fn StatusBadge(record: ProxyRecord) -> impl IntoView {
    view! {
        <span class="status-cell">
            <span class=status_class(&record.status)>{record.status.label().to_string()}</span>
            {record.message.filter(|m| !m.is_empty()).map(|m| view! { <span class="status-message">{m}</span> })}
        </span>
    }
}

#[component]
pub fn ProxyRecordsPage() -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let navigate = use_navigate();
    let list = LocalResource::new(move || {
        let org = current.id.get();
        async move { http.send(proxy_records::list(&org, None, None)).await }
    });

    let domain = RwSignal::new(String::new());
    let errors = FormErrors::new();
    use_unsaved_guard(Signal::derive(move || !domain.get().trim().is_empty()));
    let create = Action::new_local(move |d: &String| {
        let body = ProxyRecordCreate { domain: d.clone() };
        let org = current.id.get_untracked();
        let navigate = navigate.clone();
        async move {
            match http.send(proxy_records::create(&org, &body)).await {
                Ok(record) => {
                    domain.set(String::new());
                    toasts.success(format!(
                        "{} added: create the CNAME record next",
                        record.domain
                    ));
                    navigate(
                        &format!("/orgs/{org}/proxy-records/{}", record.id),
                        Default::default(),
                    );
                }
                Err(error) => errors.apply(&error, &["domain"]),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let d = domain.get_untracked().trim().to_lowercase();
        match validate::domain(&d, validate::PROXY_DOMAIN_MAX_LEN) {
            Ok(()) => {
                create.dispatch(d);
            }
            Err(message) => errors.set_field("domain", message),
        }
    };

    let columns = vec![
        column("Domain", move |r: &ProxyRecord| {
            let href = format!(
                "/orgs/{}/proxy-records/{}",
                current.id.get_untracked(),
                r.id
            );
            {
                let text = r.domain.clone();
                view! { <A href=href>{text}</A> }.into_any()
            }
        }),
        column("Status", |r: &ProxyRecord| {
            view! { <StatusBadge record=r.clone() /> }.into_any()
        }),
        text_column("Target", |r: &ProxyRecord| r.target_cname.clone()),
        text_column("Created", |r: &ProxyRecord| short_datetime(&r.created_at)),
    ];

    view! {
        <div class="page-header">
            <h1>"Proxy records"</h1>
        </div>
        <p class="muted">
            "A managed reverse proxy sends PostHog events through your own domain, so ad blockers are less likely to drop them."
        </p>
        <form class="card form inline-form" on:submit=submit novalidate=true>
            <FormError errors=errors />
            <TextField
                id="domain"
                label="Add a proxy domain"
                value=domain
                error=errors.field("domain")
                maxlength=64
                hint="A subdomain you control, like e.example.com (at most 64 characters)."
            />
            <SubmitButton label="Add proxy" pending=create.pending() />
        </form>
        {load(list, move |records| {
            let max = records.max_proxy_records;
            let count = records.results.len();
            view! {
                <DataTable
                    caption="Proxy records"
                    columns=columns.clone()
                    rows=Signal::stored(records.results)
                    key=|r: &ProxyRecord| format!("{}-{}", r.id, r.status.as_str())
                    empty="No proxy records yet. Add a domain above."
                />
                {max.map(|max| view! { <p class="muted">{format!("{count} of {max} proxy records used.")}</p> })}
            }
        })}
    }
}

#[component]
pub fn ProxyRecordPage() -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let navigate = use_navigate();
    let record_id = crate::hooks::use_detail_id();
    let record = LocalResource::new(move || {
        let org = current.id.get();
        let id = record_id.get();
        async move { http.send(proxy_records::retrieve(&org, &id)).await }
    });

    // While the record settles, refresh it every few seconds; stop when it settles or the page
    // is left (the interval is cleared on cleanup).
    let settling = Memo::new(move |_| {
        record
            .get()
            .and_then(Result::ok)
            .map(|r| is_settling(&r.status) || r.status == ProxyRecordStatus::Deleting)
            .unwrap_or(false)
    });
    let poll = StoredValue::new_local(None::<gloo_timers::callback::Interval>);
    Effect::new(move |_| {
        if settling.get() {
            if poll.with_value(Option::is_none) {
                let interval =
                    gloo_timers::callback::Interval::new((POLL_SECONDS * 1000) as u32, move || {
                        record.refetch()
                    });
                poll.set_value(Some(interval));
            }
        } else {
            poll.set_value(None);
        }
    });
    on_cleanup(move || poll.set_value(None));

    let delete_open = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let delete = Action::new_local(move |r: &ProxyRecord| {
        let r = r.clone();
        let org = current.id.get_untracked();
        let navigate = navigate.clone();
        async move {
            match http.send(proxy_records::delete(&org, &r.id)).await {
                Ok(_) => {
                    delete_open.set(false);
                    toasts.success(format!("{} is being removed", r.domain));
                    navigate(&format!("/orgs/{org}/proxy-records"), Default::default());
                }
                Err(error) => delete_error.set(Some(describe_error(&error))),
            }
        }
    });

    view! {
        {move || match record.get() {
            None => view! { <crate::components::feedback::TableSkeleton /> }.into_any(),
            Some(Err(ApiError::NotFound { .. })) => {
                view! {
                    <h1>"Proxy record"</h1>
                    <p>"This proxy record no longer exists (it may have finished deleting)."</p>
                    <A href=move || format!("/orgs/{}/proxy-records", current.id.get())>"Back to proxy records"</A>
                }
                    .into_any()
            }
            Some(Err(error)) => {
                view! { <ErrorPanel error=error on_retry=Callback::new(move |_| record.refetch()) /> }.into_any()
            }
            Some(Ok(r)) => {
                view! {
                    <div class="page-header">
                        <h1>{r.domain.clone()}</h1>
                        <StatusBadge record=r.clone() />
                    </div>
                    <ProxyWalkthrough record=r.clone() />
                    <section class="card danger-zone">
                        <h2>"Delete proxy record"</h2>
                        <button
                            type="button"
                            class="btn btn-danger"
                            disabled=r.status == ProxyRecordStatus::Deleting
                            on:click=move |_| {
                                delete_error.set(None);
                                delete_open.set(true);
                            }
                        >
                            "Delete\u{2026}"
                        </button>
                    </section>
                }
                    .into_any()
            }
        }}
        <ConfirmDialog
            open=delete_open
            title="Delete proxy record"
            confirm_label="Delete"
            danger=true
            pending=delete.pending()
            error=delete_error
            on_confirm=Callback::new(move |_| {
                if let Some(Ok(r)) = record.get_untracked() {
                    delete.dispatch(r);
                }
            })
        >
            <p>
                "Delete the proxy for "
                <strong>{move || record.get().and_then(Result::ok).map(|r| r.domain).unwrap_or_default()}</strong>
                "? Events sent through it stop arriving once it is gone: point your SDKs back at PostHog first."
            </p>
        </ConfirmDialog>
    }
}

#[component]
fn ProxyWalkthrough(record: ProxyRecord) -> impl IntoView {
    let name = Signal::stored(record.domain.clone());
    let target = Signal::stored(record.target_cname.clone());
    let live = record.status == ProxyRecordStatus::Valid;
    let settling = is_settling(&record.status);
    let api_host = format!("https://{}", record.domain);
    let snippet = format!(
        "posthog.init('<your project API key>', {{\n    api_host: '{api_host}',\n    ui_host: 'https://us.posthog.com', // or https://eu.posthog.com\n}})"
    );
    view! {
        <ol class="steps">
            <li class="card step" class:step-done=live>
                <h2>"1. Create a CNAME record"</h2>
                <p>"In your DNS provider, add this record (turn off any proxying, such as Cloudflare's orange cloud):"</p>
                <dl class="dns-record">
                    <div>
                        <dt>"Type"</dt>
                        <dd><code>"CNAME"</code></dd>
                    </div>
                    <div>
                        <dt>"Name"</dt>
                        <dd>
                            <code class="record-name">{name}</code>
                            <CopyButton value=name label="Copy record name" />
                        </dd>
                    </div>
                    <div>
                        <dt>"Target"</dt>
                        <dd>
                            <code class="record-value">{target}</code>
                            <CopyButton value=target label="Copy record target" />
                        </dd>
                    </div>
                </dl>
            </li>
            <li class="card step" class:step-done=live>
                <h2>"2. Wait for the certificate"</h2>
                {match record.status {
                    ProxyRecordStatus::Waiting => view! { <p class="proxy-progress" role="status">"Waiting for the CNAME record to be seen\u{2026} This page checks every few seconds."</p> }.into_any(),
                    ProxyRecordStatus::Issuing => view! { <p class="proxy-progress" role="status">"Record found: issuing the certificate\u{2026} This page checks every few seconds."</p> }.into_any(),
                    ProxyRecordStatus::Valid => view! { <p class="verify-ok" role="status">"Live: the proxy is serving."</p> }.into_any(),
                    ProxyRecordStatus::Deleting => view! { <p role="status">"Deleting\u{2026}"</p> }.into_any(),
                    _ => {
                        let message = record.message.clone().unwrap_or_else(|| "Check the CNAME record, then delete and add the domain again.".into());
                        view! { <p class="row-error" role="status">{format!("{}: {message}", record.status.label())}</p> }.into_any()
                    }
                }}
                {settling.then_some(view! { <div class="progress" aria-hidden="true"><span></span></div> })}
            </li>
            <li class="card step" class:step-locked=!live>
                <h2>"3. Point your SDKs at it"</h2>
                {if live {
                    let snippet_signal = Signal::stored(snippet.clone());
                    view! {
                        <p>"Use the new domain as the API host when you initialise PostHog:"</p>
                        <pre class="snippet"><code>{snippet.clone()}</code></pre>
                        <CopyButton value=snippet_signal label="Copy SDK snippet" />
                    }
                        .into_any()
                } else {
                    view! { <p class="notice">"Once the proxy is live, this step shows how to use it."</p> }.into_any()
                }}
            </li>
        </ol>
    }
}
