//! One proxy record: its walkthrough (the CNAME to create, the certificate, the SDK snippet once
//! live), refreshed every few seconds while it settles, and delete.

use api::endpoints::proxy_records;
use api::models::{ProxyRecord, ProxyRecordStatus};
use leptos::prelude::*;

use super::status_badge;
use crate::components::copy::{CopyButton, DnsRecord};
use crate::components::dialog::{Confirm, ConfirmState};
use crate::components::feedback::{load_or, use_detail};
use crate::hooks::use_current_org;
use crate::http::{use_http, Done};

/// How often a record that is still being set up is refreshed.
const POLL_SECONDS: u32 = 3;

fn is_settling(status: &ProxyRecordStatus) -> bool {
    matches!(
        status,
        ProxyRecordStatus::Waiting | ProxyRecordStatus::Issuing
    )
}

#[component]
pub fn ProxyRecordPage() -> impl IntoView {
    let current = use_current_org();
    let record = use_detail(proxy_records::retrieve);

    // While the record settles, refresh it every few seconds; stop when it settles or the page
    // is left (the interval is cleared on cleanup).
    let settling = crate::reactive::memo(move || {
        record
            .get()
            .and_then(Result::ok)
            .is_some_and(|r| r.status.is_pending())
    });
    let poll = StoredValue::new_local(None::<gloo_timers::callback::Interval>);
    crate::reactive::watch(move || {
        if !settling.get() {
            poll.set_value(None);
        } else if poll.with_value(Option::is_none) {
            let interval =
                gloo_timers::callback::Interval::new(POLL_SECONDS * 1000, move || record.refetch());
            poll.set_value(Some(interval));
        }
    });
    on_cleanup(move || poll.set_value(None));

    let delete_confirm = ConfirmState::new(
        Confirm::danger("Delete proxy record", "Delete", ("Delete the proxy for ", "? Events sent through it stop arriving once it is gone: point your SDKs back at PostHog first.")),
        |r: &ProxyRecord| r.domain.clone(),
    );
    let delete = use_http().mutation(
        move |r: &ProxyRecord| proxy_records::delete(&current.id.get_untracked(), &r.id),
        move |r, _| {
            let org = current.id.get_untracked();
            Done::toast(format!("{} is being removed", r.domain))
                .go(format!("/orgs/{org}/proxy-records"))
        },
        delete_confirm.failure(),
    );

    let gone = ViewFn::from(move || {
        view! {
            <h1>"Proxy record"</h1>
            <p>"This proxy record no longer exists (it may have finished deleting)."</p>
            <a href=move || format!("/orgs/{}/proxy-records", current.id.get())>"Back to proxy records"</a>
        }
    });
    view! {
        {load_or(record, Some(gone), move |r| {
            let deleting = r.status == ProxyRecordStatus::Deleting;
            view! {
                <div class="page-header">
                    <h1>{r.domain.clone()}</h1>
                    {status_badge(&r)}
                </div>
                {walkthrough(&r)}
                <section class="card danger-zone">
                    <h2>"Delete proxy record"</h2>
                    {delete_confirm.ask_button("btn btn-danger", "Delete\u{2026}", deleting, move || r.clone())}
                </section>
            }
        })}
        {delete_confirm.view(delete)}
    }
}

fn walkthrough(record: &ProxyRecord) -> AnyView {
    let name = Signal::stored(record.domain.clone());
    let target = Signal::stored(record.target_cname.clone());
    let live = record.status == ProxyRecordStatus::Valid;
    let settling = is_settling(&record.status);
    let snippet = format!(
        "posthog.init('<your project API key>', {{\n    api_host: 'https://{}',\n    ui_host: 'https://us.posthog.com', // or https://eu.posthog.com\n}})",
        record.domain
    );
    let progress = match record.status {
        ProxyRecordStatus::Waiting => view! { <p class="proxy-progress" role="status">"Waiting for the CNAME record to be seen\u{2026} This page checks every few seconds."</p> }.into_any(),
        ProxyRecordStatus::Issuing => view! { <p class="proxy-progress" role="status">"Record found: issuing the certificate\u{2026} This page checks every few seconds."</p> }.into_any(),
        ProxyRecordStatus::Valid => view! { <p class="verify-ok" role="status">"Live: the proxy is serving."</p> }.into_any(),
        ProxyRecordStatus::Deleting => view! { <p role="status">"Deleting\u{2026}"</p> }.into_any(),
        _ => {
            let message = record.message.clone().unwrap_or_else(|| "Check the CNAME record, then delete and add the domain again.".into());
            view! { <p class="row-error" role="status">{format!("{}: {message}", record.status.label())}</p> }.into_any()
        }
    };
    let sdk = if live {
        view! {
            <p>"Use the new domain as the API host when you initialise PostHog:"</p>
            <pre class="snippet"><code>{snippet.clone()}</code></pre>
            <CopyButton value=Signal::stored(snippet) label="Copy SDK snippet" />
        }
        .into_any()
    } else {
        view! { <p class="notice">"Once the proxy is live, this step shows how to use it."</p> }
            .into_any()
    };
    view! {
        <ol class="steps">
            <li class="card step" class:step-done=live>
                <h2>"1. Create a CNAME record"</h2>
                <p>"In your DNS provider, add this record (turn off any proxying, such as Cloudflare's orange cloud):"</p>
                <DnsRecord kind="CNAME" name=name value_label="Target" value=target />
            </li>
            <li class="card step" class:step-done=live>
                <h2>"2. Wait for the certificate"</h2>
                {progress}
                {settling.then_some(view! { <div class="progress" aria-hidden="true"><span></span></div> })}
            </li>
            <li class="card step" class:step-locked=!live>
                <h2>"3. Point your SDKs at it"</h2>
                {sdk}
            </li>
        </ol>
    }
    .into_any()
}
