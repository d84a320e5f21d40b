//! One domain's walkthrough: 1. the TXT record to add, with copy buttons; 2. verify, where "not
//! yet" is a normal answer that says what to check; 3. sign-in settings once verified; remove.

use api::endpoints::domains;
use api::models::{DomainPatch, OrganizationDomain, SsoEnforcement, CHALLENGE_TTL_SECONDS};
use api::validate::{saml_settings, SamlSettings, SAML_FIELD_MAX_LEN};
use leptos::prelude::*;

use super::{already_verified, DOMAIN_FIELDS};
use crate::components::copy::CopyAsCurl;
use crate::components::copy::DnsRecord;
use crate::components::dialog::{Confirm, ConfirmState};
use crate::components::feedback::{load, use_detail};
use crate::components::form::{
    use_unsaved_guard, CheckboxField, FormError, FormErrors, SelectField, SubmitButton,
    TextAreaField, TextField,
};
use crate::components::review::use_review;
use crate::components::util::short_datetime;
use crate::hooks::use_current_org;
use crate::http::{use_http, Done, Failure};

#[component]
pub fn DomainPage() -> impl IntoView {
    let domain = use_detail(domains::retrieve);
    let reload = Callback::new(move |_| domain.refetch());
    load(
        domain,
        move |d| view! { <DomainWalkthrough domain=d reload=reload /> },
    )
}

/// The sign-in settings form of step 3, as signals.
#[derive(Clone, Copy)]
struct SignIn {
    jit: RwSignal<bool>,
    sso: RwSignal<String>,
    entity_id: RwSignal<String>,
    acs_url: RwSignal<String>,
    cert: RwSignal<String>,
}

impl SignIn {
    fn new(domain: &OrganizationDomain) -> SignIn {
        let text = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
        SignIn {
            jit: RwSignal::new(domain.jit_provisioning_enabled),
            sso: RwSignal::new(domain.sso_enforcement.as_str().to_string()),
            entity_id: text(&domain.saml_entity_id),
            acs_url: text(&domain.saml_acs_url),
            cert: text(&domain.saml_x509_cert),
        }
    }

    /// The domain as the form has it, to diff against the saved one.
    fn edited(&self, base: &OrganizationDomain) -> OrganizationDomain {
        let text = |s: RwSignal<String>| {
            let value = s.get().trim().to_string();
            (!value.is_empty()).then_some(value)
        };
        OrganizationDomain {
            jit_provisioning_enabled: self.jit.get(),
            sso_enforcement: SsoEnforcement::parse(&self.sso.get()),
            saml_entity_id: text(self.entity_id),
            saml_acs_url: text(self.acs_url),
            saml_x509_cert: text(self.cert),
            ..base.clone()
        }
    }

    /// What would be sent: only the sign-in fields that changed.
    fn patch(&self, base: &OrganizationDomain) -> DomainPatch {
        let mut saved = base.clone();
        // a certificate saved with surrounding blank lines is the same certificate
        saved.saml_x509_cert = saved
            .saml_x509_cert
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        saved.saml_entity_id = saved.saml_entity_id.filter(|v| !v.is_empty());
        saved.saml_acs_url = saved.saml_acs_url.filter(|v| !v.is_empty());
        DomainPatch::diff(&saved, &self.edited(base))
    }

    /// `api`'s checks of the settings, onto their fields; true when there is no problem.
    fn check(&self, errors: FormErrors) -> bool {
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        let (entity_id, acs_url, cert) =
            (text(self.entity_id), text(self.acs_url), text(self.cert));
        let problems = saml_settings(&SamlSettings {
            sso_enforcement: &SsoEnforcement::parse(&self.sso.get_untracked()),
            entity_id: &entity_id,
            acs_url: &acs_url,
            x509_cert: &cert,
        });
        for (field, message) in &problems {
            errors.set_field(field, message.as_str());
        }
        problems.is_empty()
    }
}

/// What the last verify said, shown in step 2.
#[derive(Clone, Copy, PartialEq)]
enum VerifyOutcome {
    NotYet,
    Failed,
}

#[component]
fn DomainWalkthrough(domain: OrganizationDomain, reload: Callback<()>) -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let d = RwSignal::new(domain.clone());
    let outcome = RwSignal::new(None::<VerifyOutcome>);
    let verify_errors = FormErrors::new();
    let org = move || current.id.get_untracked();

    let verify = http.mutation_with(
        move |_: &()| domains::verify(&org(), &d.with_untracked(|d| d.id.clone())),
        move |_, result| match result {
            Ok(result) => {
                let verified = result.is_verified;
                d.set(result);
                if verified {
                    outcome.set(None);
                    Ok(Done::toast("Domain verified"))
                } else {
                    outcome.set(Some(VerifyOutcome::NotYet));
                    Ok(Done::quiet())
                }
            }
            Err(error) if already_verified(&error) => {
                outcome.set(None);
                reload.run(());
                Ok(Done::quiet())
            }
            Err(error) => {
                outcome.set(Some(VerifyOutcome::Failed));
                Err(error)
            }
        },
        Failure::Form(verify_errors, &[]),
    );

    // Step 3: sign-in settings, editable once verified.
    let form = SignIn::new(&domain);
    let errors = FormErrors::new();
    let dirty = Signal::derive(move || d.with(|base| !form.patch(base).is_empty()));
    use_unsaved_guard(dirty);
    let review = use_review();
    let save = http.mutation(
        move |patch: &DomainPatch| {
            domains::update(&org(), &d.with_untracked(|d| d.id.clone()), patch)
        },
        move |_, updated| {
            d.set(updated);
            Done::toast("Sign-in settings saved")
        },
        Failure::Form(errors, DOMAIN_FIELDS),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if form.check(errors) {
            let patch = d.with_untracked(|base| untrack(|| form.patch(base)));
            if !patch.is_empty() {
                let changes = d.with_untracked(|base| patch.changes(base));
                review.ask(changes, move || save.dispatch(patch));
            }
        }
    };

    // Remove.
    let remove_confirm = ConfirmState::new(
        Confirm::danger("Remove domain", "Remove domain", ("Remove ", "? SAML sign-in and SSO enforcement for this domain stop at once, and automatic provisioning ends.")),
        |d: &OrganizationDomain| d.domain.clone(),
    );
    let remove = http.mutation(
        move |target: &OrganizationDomain| domains::delete(&org(), &target.id),
        move |target, _| {
            Done::toast(format!("{} removed", target.domain)).go(format!("/orgs/{}/domains", org()))
        },
        remove_confirm.failure(),
    );

    let verified = crate::reactive::memo(move || d.with(|d| d.is_verified));
    let locked = Signal::derive(move || !verified.get());
    let record_name = Signal::derive(move || d.with(OrganizationDomain::challenge_record_name));
    let record_value = Signal::derive(move || d.with(|d| d.verification_challenge.clone()));
    let sso_options: Vec<(String, String)> = SsoEnforcement::known()
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
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
                <DnsRecord
                    kind="TXT"
                    name=record_name
                    value_label="Value"
                    value=record_value
                    ttl=CHALLENGE_TTL_SECONDS
                />
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
                            {move || (outcome.get() == Some(VerifyOutcome::NotYet)).then(|| not_yet(record_name.get()))}
                            <FormError errors=verify_errors />
                            <div class="form-actions">
                                <button
                                    type="button"
                                    class="btn btn-primary"
                                    disabled=move || verify.pending().get()
                                    on:click=move |_| verify.dispatch(())
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
                                <a href=move || format!("/orgs/{}/domains", current.id.get()) class="btn">
                                    "Verify later"
                                </a>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </li>
            <li class="card step" class:step-locked=locked>
                <h2>"3. Configure sign-in"</h2>
                {crate::reactive::shown(
                    move || locked.get(),
                    move || {
                        view! {
                            <p class="notice">"These settings unlock once the domain is verified (step 2)."</p>
                        }
                        .into_any()
                    },
                )}
                <form class="form" on:submit=submit novalidate=true>
                    <FormError errors=errors />
                    <CheckboxField
                        id="jit_provisioning_enabled"
                        label="Automatic provisioning: anyone with a verified email at this domain can join"
                        checked=form.jit
                        disabled=locked
                        error=errors.field("jit_provisioning_enabled")
                    />
                    <SelectField
                        id="sso_enforcement"
                        label="Enforce sign-in with"
                        value=form.sso
                        options=sso_options
                        disabled=locked
                        error=errors.field("sso_enforcement")
                        hint="People with an email at this domain must sign in this way."
                    />
                    <fieldset class="plain saml">
                        <legend>"SAML"</legend>
                        <TextField
                            id="saml_entity_id"
                            label="Entity ID"
                            value=form.entity_id
                            maxlength=SAML_FIELD_MAX_LEN as u32
                            disabled=locked
                            error=errors.field("saml_entity_id")
                        />
                        <TextField
                            id="saml_acs_url"
                            label="ACS URL (single sign-on URL)"
                            kind="url"
                            value=form.acs_url
                            maxlength=SAML_FIELD_MAX_LEN as u32
                            disabled=locked
                            error=errors.field("saml_acs_url")
                        />
                        <TextAreaField
                            id="saml_x509_cert"
                            label="X.509 certificate"
                            value=form.cert
                            rows=6
                            disabled=locked
                            error=errors.field("saml_x509_cert")
                            hint="The identity provider's certificate in PEM form, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----."
                        />
                    </fieldset>
                    <SubmitButton
                        label="Save sign-in settings"
                        pending=save.pending()
                        disabled=Signal::derive(move || locked.get() || !dirty.get())
                    />
                    <CopyAsCurl command=Signal::derive(move || {
                        let patch = d.with_untracked(|base| untrack(|| form.patch(base)));
                        save.curl(patch).unwrap_or_default()
                    }) />
                </form>
            </li>
        </ol>
        <section class="card danger-zone">
            <h2>"Remove domain"</h2>
            {remove_confirm.ask_button("btn btn-danger", "Remove domain\u{2026}", false, move || d.get_untracked())}
        </section>
        {remove_confirm.view(remove)}
    }
}

/// "Not verified yet": normal right after adding the record; what to check.
fn not_yet(record_name: String) -> AnyView {
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
                <code>{format!("dig TXT {record_name} +short")}</code>
            </p>
        </div>
    }
    .into_any()
}
