//! Verified domains: the table (verification, JIT provisioning, SSO enforcement, SAML state, a
//! Verify action), adding a domain, and the walkthrough page of one domain: the DNS TXT record
//! with copy buttons, verify (where "not yet" is a normal answer), then sign-in settings.

use api::endpoints::domains;
use api::models::{DomainCreate, DomainPatch, OrganizationDomain, SsoEnforcement};
use api::{validate, ApiError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::copy::CopyButton;
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{describe_error, load};
use crate::components::form::{
    use_unsaved_guard, CheckboxField, FormError, FormErrors, SelectField, SubmitButton,
    TextAreaField, TextField,
};
use crate::components::list_state::use_list_state;
use crate::components::table::{column, text_column, PagedTable};
use crate::components::toast::use_toasts;
use crate::components::util::short_datetime;
use crate::hooks::use_current_org;
use crate::http::use_http;

const DOMAIN_FIELDS: [&str; 6] = [
    "domain",
    "jit_provisioning_enabled",
    "sso_enforcement",
    "saml_entity_id",
    "saml_acs_url",
    "saml_x509_cert",
];

/// "Configured", "Partly set up" or "Not set up", from the three SAML fields.
pub fn saml_state(d: &OrganizationDomain) -> &'static str {
    let set = [&d.saml_entity_id, &d.saml_acs_url, &d.saml_x509_cert]
        .iter()
        .filter(|f| f.as_deref().is_some_and(|v| !v.trim().is_empty()))
        .count();
    match (d.has_saml, set) {
        (true, _) | (_, 3) => "Configured",
        (_, 0) => "Not set up",
        _ => "Partly set up",
    }
}

/// The TXT record's name, as DNS providers show it (fully qualified, trailing dot).
pub fn challenge_record_name(domain: &str) -> String {
    format!("_posthog-challenge.{domain}.")
}

fn sso_label(s: &SsoEnforcement) -> String {
    match s {
        SsoEnforcement::None => "None".into(),
        other => other.label().to_string(),
    }
}

#[component]
pub fn DomainsPage() -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let navigate = use_navigate();
    let (state, set_state) = use_list_state();
    let page = LocalResource::new(move || {
        let s = state.get();
        let org = current.id.get();
        async move {
            http.send(domains::list(&org, Some(s.limit()), Some(s.offset())))
                .await
        }
    });

    // Add a domain, then go to its walkthrough.
    let new_domain = RwSignal::new(String::new());
    let errors = FormErrors::new();
    use_unsaved_guard(Signal::derive(move || !new_domain.get().trim().is_empty()));
    let create = Action::new_local(move |domain: &String| {
        let body = DomainCreate {
            domain: domain.clone(),
            ..Default::default()
        };
        let org = current.id.get_untracked();
        let navigate = navigate.clone();
        async move {
            match http.send(domains::create(&org, &body)).await {
                Ok(created) => {
                    new_domain.set(String::new());
                    toasts.success(format!("{} added: verify it next", created.domain));
                    navigate(
                        &format!("/orgs/{org}/domains/{}", created.id),
                        Default::default(),
                    );
                }
                Err(error) => errors.apply(&error, &DOMAIN_FIELDS),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let domain = new_domain.get_untracked().trim().to_string();
        match validate::domain(&domain, validate::DOMAIN_MAX_LEN) {
            Ok(()) => {
                create.dispatch(domain);
            }
            Err(message) => errors.set_field("domain", message),
        }
    };

    // The table's Verify action: one try; the walkthrough explains more.
    let verify = Action::new_local(move |d: &OrganizationDomain| {
        let d = d.clone();
        let org = current.id.get_untracked();
        async move {
            match http.send(domains::verify(&org, &d.id)).await {
                Ok(result) if result.is_verified => {
                    toasts.success(format!("{} is verified", d.domain))
                }
                Ok(_) => toasts.error(format!(
                    "{} is not verified yet: DNS can take a while. Open it for the steps.",
                    d.domain
                )),
                Err(ApiError::Validation {
                    code: Some(code), ..
                }) if code == "already_verified" => {
                    toasts.success(format!("{} was already verified", d.domain))
                }
                Err(error) => toasts.error(describe_error(&error)),
            }
            page.refetch();
        }
    });

    let columns = vec![
        column("Domain", move |d: &OrganizationDomain| {
            let href = format!("/orgs/{}/domains/{}", current.id.get_untracked(), d.id);
            {
                let text = d.domain.clone();
                view! { <A href=href>{text}</A> }.into_any()
            }
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
                "On".into()
            } else {
                "Off".into()
            }
        }),
        text_column("SSO enforcement", |d: &OrganizationDomain| {
            sso_label(&d.sso_enforcement)
        }),
        text_column("SAML", |d: &OrganizationDomain| saml_state(d).to_string()),
        column("", move |d: &OrganizationDomain| {
            if d.is_verified {
                return ().into_any();
            }
            let domain = d.clone();
            let aria = format!("Verify {}", d.domain);
            view! {
                <button
                    type="button"
                    class="btn btn-small"
                    aria-label=aria
                    disabled=move || verify.pending().get()
                    on:click=move |_| {
                        verify.dispatch(domain.clone());
                    }
                >
                    "Verify"
                </button>
            }
            .into_any()
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
                maxlength=128
                hint="Lower case, like example.com or sso.example.com."
            />
            <SubmitButton label="Add domain" pending=create.pending() />
        </form>
        <PagedTable
            caption="Verified domains"
            columns=columns
            key=|d: &OrganizationDomain| format!("{}-{}-{}-{}-{}", d.id, d.is_verified, d.jit_provisioning_enabled, d.sso_enforcement.as_str(), d.has_saml)
            empty="No domains yet. Add one above."
            resource=page
            state=state
            set_state=set_state
        />
    }
}

#[component]
pub fn DomainPage() -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let domain_id = crate::hooks::use_detail_id();
    let domain = LocalResource::new(move || {
        let org = current.id.get();
        let id = domain_id.get();
        async move { http.send(domains::retrieve(&org, &id)).await }
    });
    view! {
        {load(domain, move |d| view! { <DomainWalkthrough domain=d reload=Callback::new(move |_| domain.refetch()) /> })}
    }
}

/// What the last verify said, shown in step 2.
#[derive(Clone, PartialEq)]
enum VerifyOutcome {
    NotYet,
    Failed(String),
}

#[component]
fn DomainWalkthrough(domain: OrganizationDomain, reload: Callback<()>) -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let navigate = use_navigate();
    let d = RwSignal::new(domain.clone());
    let outcome = RwSignal::new(None::<VerifyOutcome>);
    let list_href = move || format!("/orgs/{}/domains", current.id.get());

    let verify = Action::new_local(move |_: &()| {
        let org = current.id.get_untracked();
        let id = d.get_untracked().id;
        async move {
            match http.send(domains::verify(&org, &id)).await {
                Ok(result) => {
                    let verified = result.is_verified;
                    d.set(result);
                    if verified {
                        outcome.set(None);
                        toasts.success("Domain verified");
                    } else {
                        outcome.set(Some(VerifyOutcome::NotYet));
                    }
                }
                Err(ApiError::Validation {
                    code: Some(code), ..
                }) if code == "already_verified" => {
                    outcome.set(None);
                    reload.run(());
                }
                Err(error) => outcome.set(Some(VerifyOutcome::Failed(describe_error(&error)))),
            }
        }
    });

    // Step 3: sign-in settings, editable once verified.
    let jit = RwSignal::new(domain.jit_provisioning_enabled);
    let sso = RwSignal::new(domain.sso_enforcement.as_str().to_string());
    let entity_id = RwSignal::new(domain.saml_entity_id.clone().unwrap_or_default());
    let acs_url = RwSignal::new(domain.saml_acs_url.clone().unwrap_or_default());
    let cert = RwSignal::new(domain.saml_x509_cert.clone().unwrap_or_default());
    let errors = FormErrors::new();
    let edited_patch = move || {
        let base = d.get();
        let mut patch = DomainPatch::default();
        if jit.get() != base.jit_provisioning_enabled {
            patch.jit_provisioning_enabled = Some(jit.get());
        }
        let sso_value = SsoEnforcement::parse(&sso.get());
        if sso_value != base.sso_enforcement {
            patch.sso_enforcement = Some(sso_value);
        }
        let text = |s: RwSignal<String>| s.get().trim().to_string();
        if text(entity_id) != base.saml_entity_id.clone().unwrap_or_default() {
            let value = text(entity_id);
            patch.saml_entity_id = Some((!value.is_empty()).then_some(value));
        }
        if text(acs_url) != base.saml_acs_url.clone().unwrap_or_default() {
            let value = text(acs_url);
            patch.saml_acs_url = Some((!value.is_empty()).then_some(value));
        }
        if text(cert) != base.saml_x509_cert.clone().unwrap_or_default().trim() {
            let value = text(cert);
            patch.saml_x509_cert = Some((!value.is_empty()).then_some(value));
        }
        patch
    };
    let dirty = Signal::derive(move || edited_patch() != DomainPatch::default());
    use_unsaved_guard(dirty);
    let save = Action::new_local(move |patch: &DomainPatch| {
        let patch = patch.clone();
        let org = current.id.get_untracked();
        let id = d.get_untracked().id;
        async move {
            match http.send(domains::update(&org, &id, &patch)).await {
                Ok(updated) => {
                    d.set(updated);
                    toasts.success("Sign-in settings saved");
                }
                Err(error) => errors.apply(&error, &DOMAIN_FIELDS),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let mut ok = true;
        let cert_text = cert.get_untracked();
        if !cert_text.trim().is_empty() && !validate::looks_like_pem_certificate(&cert_text) {
            errors.set_field(
                "saml_x509_cert",
                "This does not look like a PEM certificate: it should start with -----BEGIN CERTIFICATE----- and end with -----END CERTIFICATE-----.",
            );
            ok = false;
        }
        let acs = acs_url.get_untracked();
        if !acs.trim().is_empty()
            && !acs.trim().starts_with("https://")
            && !acs.trim().starts_with("http://")
        {
            errors.set_field(
                "saml_acs_url",
                "The ACS URL must be a web address (https://...).",
            );
            ok = false;
        }
        for (field, value) in [("saml_entity_id", entity_id), ("saml_acs_url", acs_url)] {
            if value.get_untracked().trim().chars().count() > 512 {
                errors.set_field(field, "At most 512 characters.");
                ok = false;
            }
        }
        if SsoEnforcement::parse(&sso.get_untracked()) == SsoEnforcement::Saml
            && [entity_id, acs_url, cert]
                .iter()
                .any(|s| s.get_untracked().trim().is_empty())
        {
            errors.set_field(
                "sso_enforcement",
                "Enforcing SAML needs the entity ID, ACS URL and certificate below.",
            );
            ok = false;
        }
        if ok {
            let patch = edited_patch();
            if patch != DomainPatch::default() {
                save.dispatch(patch);
            }
        }
    };

    // Remove.
    let remove_open = RwSignal::new(false);
    let remove_error = RwSignal::new(None::<String>);
    let remove = Action::new_local(move |_: &()| {
        let org = current.id.get_untracked();
        let target = d.get_untracked();
        let navigate = navigate.clone();
        async move {
            match http.send(domains::delete(&org, &target.id)).await {
                Ok(_) => {
                    remove_open.set(false);
                    toasts.success(format!("{} removed", target.domain));
                    navigate(&format!("/orgs/{org}/domains"), Default::default());
                }
                Err(error) => remove_error.set(Some(describe_error(&error))),
            }
        }
    });

    let verified = Memo::new(move |_| d.with(|d| d.is_verified));
    let record_name = Signal::derive(move || challenge_record_name(&d.with(|d| d.domain.clone())));
    let record_value = Signal::derive(move || d.with(|d| d.verification_challenge.clone()));
    let sso_options: Vec<(String, String)> = SsoEnforcement::known()
        .iter()
        .map(|s| (s.as_str().to_string(), sso_label(s)))
        .collect();

    view! {
        <div class="page-header">
            <h1>{move || d.with(|d| d.domain.clone())}</h1>
            {move || {
                if verified.get() {
                    view! { <span class="badge badge-ok">"Verified"</span> }.into_any()
                } else {
                    view! { <span class="badge badge-warn">"Pending verification"</span> }.into_any()
                }
            }}
        </div>
        <ol class="steps">
            <li class="card step" class:step-done=move || verified.get()>
                <h2>"1. Add a DNS TXT record"</h2>
                <p>
                    "In the DNS settings of " <strong>{move || d.with(|d| d.domain.clone())}</strong>
                    " (where you bought the domain, or your DNS host such as Cloudflare, Route 53 or Google Cloud DNS), add a record with these values:"
                </p>
                <dl class="dns-record">
                    <div>
                        <dt>"Type"</dt>
                        <dd><code>"TXT"</code></dd>
                    </div>
                    <div>
                        <dt>"Name"</dt>
                        <dd>
                            <code class="record-name">{record_name}</code>
                            <CopyButton value=record_name label="Copy record name" />
                        </dd>
                    </div>
                    <div>
                        <dt>"Value"</dt>
                        <dd>
                            <code class="record-value">{record_value}</code>
                            <CopyButton value=record_value label="Copy record value" />
                        </dd>
                    </div>
                    <div>
                        <dt>"TTL"</dt>
                        <dd>
                            <code>"3600"</code>
                            " (or your provider's default)"
                            <CopyButton value=Signal::stored("3600".to_string()) label="Copy TTL" />
                        </dd>
                    </div>
                </dl>
                <p class="muted">
                    "Some providers add the domain to the name for you: if so, enter just "
                    <code>"_posthog-challenge"</code> ". Paste the value without quotes."
                </p>
            </li>
            <li class="card step" class:step-done=move || verified.get()>
                <h2>"2. Verify"</h2>
                {move || {
                    if verified.get() {
                        let when = d.with(|d| d.verified_at.as_deref().map(short_datetime).unwrap_or_default());
                        view! {
                            <p class="verify-result verify-ok" role="status">
                                {format!("Verified on {when}. You can now configure sign-in below.")}
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <p>"Once the record is saved, check it here. PostHog looks the record up now."</p>
                            {move || match outcome.get() {
                                Some(VerifyOutcome::NotYet) => {
                                    view! {
                                        <div class="notice verify-result verify-pending" role="status">
                                            <strong>"Not verified yet."</strong>
                                            <p>
                                                "That is normal right after adding the record: DNS changes can take from a few minutes to a few hours to be seen. Check that:"
                                            </p>
                                            <ul>
                                                <li>"the record type is TXT, not CNAME"</li>
                                                <li>"the name is exactly the one above (or _posthog-challenge if your provider adds the domain)"</li>
                                                <li>"the value is pasted whole, without quotes or spaces"</li>
                                            </ul>
                                            <p class="muted">
                                                "You can check from a terminal: "
                                                <code>{format!("dig TXT {} +short", record_name.get())}</code>
                                            </p>
                                        </div>
                                    }
                                        .into_any()
                                }
                                Some(VerifyOutcome::Failed(message)) => {
                                    view! {
                                        <div class="form-error" role="alert">
                                            {message}
                                        </div>
                                    }
                                        .into_any()
                                }
                                None => ().into_any(),
                            }}
                            <div class="form-actions">
                                <button
                                    type="button"
                                    class="btn btn-primary"
                                    disabled=move || verify.pending().get()
                                    on:click=move |_| {
                                        verify.dispatch(());
                                    }
                                >
                                    {move || {
                                        if verify.pending().get() {
                                            "Checking DNS\u{2026}"
                                        } else if outcome.get().is_some() {
                                            "Try again"
                                        } else {
                                            "Verify domain"
                                        }
                                    }}
                                </button>
                                <A href=list_href attr:class="btn">
                                    "Verify later"
                                </A>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </li>
            <li class="card step" class:step-locked=move || !verified.get()>
                <h2>"3. Configure sign-in"</h2>
                <Show when=move || !verified.get()>
                    <p class="notice">"These settings unlock once the domain is verified (step 2)."</p>
                </Show>
                <form class="form" on:submit=submit novalidate=true>
                    <FormError errors=errors />
                    <CheckboxField
                        id="jit_provisioning_enabled"
                        label="Automatic provisioning: anyone with a verified email at this domain can join"
                        checked=jit
                        disabled=Signal::derive(move || !verified.get())
                        error=errors.field("jit_provisioning_enabled")
                    />
                    <SelectField
                        id="sso_enforcement"
                        label="Enforce sign-in with"
                        value=sso
                        options=sso_options
                        disabled=Signal::derive(move || !verified.get())
                        error=errors.field("sso_enforcement")
                        hint="People with an email at this domain must sign in this way."
                    />
                    <fieldset class="plain saml">
                        <legend>"SAML"</legend>
                        <TextField
                            id="saml_entity_id"
                            label="Entity ID"
                            value=entity_id
                            maxlength=512
                            disabled=Signal::derive(move || !verified.get())
                            error=errors.field("saml_entity_id")
                        />
                        <TextField
                            id="saml_acs_url"
                            label="ACS URL (single sign-on URL)"
                            kind="url"
                            value=acs_url
                            maxlength=512
                            disabled=Signal::derive(move || !verified.get())
                            error=errors.field("saml_acs_url")
                        />
                        <TextAreaField
                            id="saml_x509_cert"
                            label="X.509 certificate"
                            value=cert
                            rows=6
                            disabled=Signal::derive(move || !verified.get())
                            error=errors.field("saml_x509_cert")
                            hint="The identity provider's certificate in PEM form, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----."
                        />
                    </fieldset>
                    <SubmitButton
                        label="Save sign-in settings"
                        pending=save.pending()
                        disabled=Signal::derive(move || !verified.get() || !dirty.get())
                    />
                </form>
            </li>
        </ol>
        <section class="card danger-zone">
            <h2>"Remove domain"</h2>
            <button
                type="button"
                class="btn btn-danger"
                on:click=move |_| {
                    remove_error.set(None);
                    remove_open.set(true);
                }
            >
                "Remove domain\u{2026}"
            </button>
        </section>
        <ConfirmDialog
            open=remove_open
            title="Remove domain"
            confirm_label="Remove domain"
            danger=true
            pending=remove.pending()
            error=remove_error
            on_confirm=Callback::new(move |_| {
                remove.dispatch(());
            })
        >
            <p>
                "Remove " <strong>{move || d.with(|d| d.domain.clone())}</strong>
                "? SAML sign-in and SSO enforcement for this domain stop at once, and automatic provisioning ends."
            </p>
        </ConfirmDialog>
    }
}
