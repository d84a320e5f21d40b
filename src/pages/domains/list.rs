//! The verified domains of an organization: add one (then its walkthrough), verify from the
//! table.

use api::endpoints::domains;
use api::models::{DomainCreate, OrganizationDomain};
use api::validate::{self, DOMAIN_MAX_LEN};
use leptos::prelude::*;

use super::{already_verified, saml_state, DOMAIN_FIELDS};
use crate::components::copy::CopyAsCurl;
use crate::components::form::{
    action_button, use_unsaved_guard, FormError, FormErrors, SubmitButton, TextField,
};
use crate::components::list_state::use_org_list;
use crate::components::table::{column, link_column, text_column, PagedTable};
use crate::components::util::short_datetime;
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

#[component]
pub fn DomainsPage() -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let list = use_org_list(domains::list);

    // Add a domain, then go to its walkthrough.
    let new_domain = RwSignal::new(String::new());
    let errors = FormErrors::new();
    use_unsaved_guard(Signal::derive(move || !new_domain.get().trim().is_empty()));
    let create = http.mutation(
        move |body: &DomainCreate| domains::create(&current.id.get_untracked(), body),
        move |_, created| {
            new_domain.set(String::new());
            let org = current.id.get_untracked();
            Done::toast(format!("{} added: verify it next", created.domain))
                .go(format!("/orgs/{org}/domains/{}", created.id))
        },
        Failure::Form(errors, DOMAIN_FIELDS),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let domain = new_domain.get_untracked().trim().to_string();
        match validate::domain(&domain, DOMAIN_MAX_LEN) {
            Ok(()) => create.dispatch(DomainCreate::new(domain)),
            Err(message) => errors.set_field("domain", message),
        }
    };

    // The table's Verify action: one try; the walkthrough explains more.
    let verify = http.mutation_with(
        move |d: &OrganizationDomain| domains::verify(&current.id.get_untracked(), &d.id),
        move |d, result| {
            list.refetch();
            match result {
                Ok(r) if r.is_verified => Ok(Done::toast(format!("{} is verified", d.domain))),
                Ok(_) => Ok(Done::warn(format!(
                    "{} is not verified yet: DNS can take a while. Open it for the steps.",
                    d.domain
                ))),
                Err(e) if already_verified(&e) => {
                    Ok(Done::toast(format!("{} was already verified", d.domain)))
                }
                Err(e) => Err(e),
            }
        },
        Failure::Toast,
    );

    let columns = vec![
        link_column("Domain", move |d: &OrganizationDomain| {
            let href = format!("/orgs/{}/domains/{}", current.id.get_untracked(), d.id);
            (href, d.domain.clone())
        }),
        column("Verification", |d: &OrganizationDomain| {
            if d.is_verified {
                let when = d
                    .verified_at
                    .as_deref()
                    .map(short_datetime)
                    .unwrap_or_default();
                view! { <span class="badge badge-ok" title=when.clone()>{format!("Verified {when}")}</span> }.into_any()
            } else {
                view! { <span class="badge badge-warn">"Pending"</span> }.into_any()
            }
        }),
        text_column("Automatic provisioning", |d: &OrganizationDomain| {
            if d.jit_provisioning_enabled {
                "On"
            } else {
                "Off"
            }
            .to_string()
        }),
        text_column("SSO enforcement", |d: &OrganizationDomain| {
            d.sso_enforcement.label().to_string()
        }),
        text_column("SAML", |d: &OrganizationDomain| saml_state(d).to_string()),
        column("", move |d: &OrganizationDomain| {
            if d.is_verified {
                return ().into_any();
            }
            let domain = d.clone();
            let aria = format!("Verify {}", d.domain);
            let verify_it = Box::new(move || verify.dispatch(domain.clone()));
            action_button(
                "btn btn-small",
                "Verify",
                Some(aria),
                verify.pending(),
                verify_it,
            )
        }),
    ];

    view! {
        <div class="page-header">
            <h1>"Verified domains"</h1>
        </div>
        <p class="muted">
            "Verify a domain you own to let people with its email addresses join automatically and to enforce SSO or SAML sign-in."
        </p>
        <form class="card form inline-form" on:submit=submit novalidate=true>
            <FormError errors=errors />
            <TextField
                id="domain"
                label="Add a domain"
                value=new_domain
                error=errors.field("domain")
                maxlength=DOMAIN_MAX_LEN as u32
                hint="Lower case, like example.com or sso.example.com."
            />
            <SubmitButton
                label="Add domain"
                pending=create.pending()
            />
            <CopyAsCurl command=Signal::derive(move || {
                create.curl(DomainCreate::new(new_domain.get_untracked().trim().to_string()))
                    .unwrap_or_default()
            }) />
        </form>
        <PagedTable caption="Verified domains" list=list columns=columns
            key=|d: &OrganizationDomain| format!("{}-{}-{}-{}-{}", d.id, d.is_verified, d.jit_provisioning_enabled, d.sso_enforcement.as_str(), d.has_saml) empty="No domains yet. Add one above." />
    }
}
