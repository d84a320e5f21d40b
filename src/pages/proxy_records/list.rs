//! The proxy records of an organization and adding one (then its walkthrough).

use api::endpoints::proxy_records;
use api::models::{ProxyRecord, ProxyRecordCreate};
use api::validate::{self, PROXY_DOMAIN_MAX_LEN};
use leptos::prelude::*;

use super::status_badge;
use crate::components::copy::CopyAsCurl;
use crate::components::feedback::load;
use crate::components::form::{use_unsaved_guard, FormError, FormErrors, SubmitButton, TextField};
use crate::components::table::{column, link_column, text_column, DataTable};
use crate::components::util::short_datetime;
use crate::hooks::use_current_org;
use crate::http::Loaded;
use crate::http::{use_http, Done, Failure};

#[component]
pub fn ProxyRecordsPage() -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let list = Loaded::new(move || http.send(proxy_records::list(&current.id.get(), None, None)));

    let domain = RwSignal::new(String::new());
    let errors = FormErrors::new();
    use_unsaved_guard(Signal::derive(move || !domain.get().trim().is_empty()));
    let create = http.mutation(
        move |body: &ProxyRecordCreate| proxy_records::create(&current.id.get_untracked(), body),
        move |_, record| {
            domain.set(String::new());
            let org = current.id.get_untracked();
            Done::toast(format!(
                "{} added: create the CNAME record next",
                record.domain
            ))
            .go(format!("/orgs/{org}/proxy-records/{}", record.id))
        },
        Failure::Form(errors, &["domain"]),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let d = domain.get_untracked().trim().to_ascii_lowercase();
        match validate::domain(&d, PROXY_DOMAIN_MAX_LEN) {
            Ok(()) => create.dispatch(ProxyRecordCreate { domain: d }),
            Err(message) => errors.set_field("domain", message),
        }
    };

    let columns = vec![
        link_column("Domain", move |r: &ProxyRecord| {
            let org = current.id.get_untracked();
            (
                format!("/orgs/{org}/proxy-records/{}", r.id),
                r.domain.clone(),
            )
        }),
        column("Status", status_badge),
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
                maxlength=PROXY_DOMAIN_MAX_LEN as u32
                hint=format!("A subdomain you control, like e.example.com (at most {PROXY_DOMAIN_MAX_LEN} characters).")
            />
            <SubmitButton
                label="Add proxy"
                pending=create.pending()
            />
            <CopyAsCurl command=Signal::derive(move || {
                let domain = domain.get_untracked().trim().to_ascii_lowercase();
                create.curl(ProxyRecordCreate { domain }).unwrap_or_default()
            }) />
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
