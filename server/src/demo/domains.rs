//! Verified domains: list, create, retrieve, update (provisioning, SSO enforcement and SAML only
//! once verified), delete, and verify (domains under `VERIFIED_DOMAIN_SUFFIX` verify at once).

use chrono::Utc;
use serde_json::{json, Map, Value};

use super::pagination::{page, DEFAULT_LIMIT};
use super::store::{ts_opt, Domain, Store};
use super::validate::{self, Str, DOMAIN_MAX_LEN};
use super::{Ctx, Outcome, Reply};
use crate::errors::ErrorReply;

/// `sso_enforcement` choices ("" is none).
pub const SSO_ENFORCEMENT: &[&str] = &["", "google-oauth2", "github", "gitlab", "saml"];
/// Longest SAML entity id and ACS URL (api's, which the console checks too).
pub use api::validate::SAML_FIELD_MAX_LEN;

fn set(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// PostHog's `OrganizationDomain`.
pub fn domain_json(d: &Domain) -> Value {
    let verified = d.verified_at.is_some();
    json!({
        "id": d.id,
        "domain": d.domain,
        "is_verified": verified,
        "verified_at": ts_opt(&d.verified_at),
        "verification_challenge": d.verification_challenge,
        "jit_provisioning_enabled": d.jit_provisioning_enabled,
        "sso_enforcement": d.sso_enforcement,
        "has_saml": set(&d.saml_entity_id) && set(&d.saml_acs_url) && set(&d.saml_x509_cert),
        "saml_entity_id": d.saml_entity_id,
        "saml_acs_url": d.saml_acs_url,
        "saml_x509_cert": d.saml_x509_cert,
        "has_scim": verified && d.scim_enabled,
        "scim_enabled": d.scim_enabled,
        "scim_base_url": if d.scim_enabled { json!(format!("https://us.posthog.com/scim/v2/{}", d.id)) } else { Value::Null },
        "scim_bearer_token": null,
    })
}

/// The domain rule: length, pattern, then uniqueness over every organization.
pub fn check_domain(
    store: &Store,
    domain: &str,
    except_id: Option<&str>,
) -> Result<(), ErrorReply> {
    validate::domain_field(domain, DOMAIN_MAX_LEN)?;
    let taken = store
        .orgs
        .iter()
        .flat_map(|o| o.domains.iter())
        .any(|d| d.domain == domain && Some(d.id.as_str()) != except_id);
    if taken {
        return Err(ErrorReply::field(
            "domain",
            "unique",
            "organization domain with this domain already exists.",
        ));
    }
    Ok(())
}

/// Applies the settable fields of `body` to `d` (checked first, nothing changed on error).
fn apply_settings(d: &mut Domain, body: &Map<String, Value>) -> Result<(), ErrorReply> {
    let jit = validate::opt_bool(body, "jit_provisioning_enabled")?;
    let sso = validate::choice(body, "sso_enforcement", SSO_ENFORCEMENT)?;
    let scim = validate::opt_bool(body, "scim_enabled")?;
    let entity = validate::string(
        body,
        "saml_entity_id",
        Str::max(SAML_FIELD_MAX_LEN).blank_ok().nullable(),
    )?;
    let acs = validate::string(
        body,
        "saml_acs_url",
        Str::max(SAML_FIELD_MAX_LEN).blank_ok().nullable(),
    )?;
    let cert = validate::string(
        body,
        "saml_x509_cert",
        Str::max(100_000).blank_ok().nullable(),
    )?;
    if let Some(Some(c)) = &cert {
        if !c.is_empty() && !validate::looks_like_pem_certificate(c) {
            return Err(ErrorReply::field(
                "saml_x509_cert",
                "invalid",
                "Please enter a valid X.509 certificate in PEM format (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----).",
            ));
        }
    }
    if d.verified_at.is_none() {
        let needs_verification = |attr: &str| {
            ErrorReply::field(
                attr,
                "verification_required",
                "This attribute cannot be updated until the domain is verified.",
            )
        };
        if jit == Some(true) {
            return Err(needs_verification("jit_provisioning_enabled"));
        }
        if sso.is_some_and(|s| !s.is_empty()) {
            return Err(needs_verification("sso_enforcement"));
        }
        if scim == Some(true) {
            return Err(needs_verification("scim_enabled"));
        }
    }
    if let Some(v) = jit {
        d.jit_provisioning_enabled = v;
    }
    if let Some(v) = sso {
        d.sso_enforcement = v.to_string();
    }
    if let Some(v) = scim {
        d.scim_enabled = v;
    }
    if let Some(v) = entity {
        d.saml_entity_id = v;
    }
    if let Some(v) = acs {
        d.saml_acs_url = v;
    }
    if let Some(v) = cert {
        d.saml_x509_cert = v;
    }
    Ok(())
}

pub fn list(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let items = store.orgs[oi].domains.iter().map(domain_json).collect();
    Ok(Reply::ok(page(&ctx.url, items, DEFAULT_LIMIT)))
}

fn find(store: &Store, oi: usize, id: &str) -> Result<usize, ErrorReply> {
    let wanted = id.to_ascii_lowercase();
    store.orgs[oi]
        .domains
        .iter()
        .position(|d| d.id == wanted)
        .ok_or_else(ErrorReply::not_found)
}

pub fn retrieve(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let di = find(store, oi, id)?;
    Ok(Reply::ok(domain_json(&store.orgs[oi].domains[di])))
}

pub fn create(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    store.require_admin(oi)?;
    let body = ctx.object()?;
    let domain = validate::required_string(&body, "domain", Str::max(usize::MAX))?;
    check_domain(store, &domain, None)?;
    let mut d = Domain {
        id: store.uuid(),
        domain,
        verified_at: None,
        verification_challenge: store.token(43),
        jit_provisioning_enabled: false,
        sso_enforcement: String::new(),
        saml_entity_id: None,
        saml_acs_url: None,
        saml_x509_cert: None,
        scim_enabled: false,
    };
    apply_settings(&mut d, &body)?;
    let out = domain_json(&d);
    store.orgs[oi].domains.push(d);
    Ok(Reply::created(out))
}

pub fn update(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let di = find(store, oi, id)?;
    store.require_admin(oi)?;
    let body = ctx.object()?;
    let mut d = store.orgs[oi].domains[di].clone();
    if let Some(domain) = validate::opt_string(&body, "domain", Str::max(usize::MAX))? {
        if domain != d.domain {
            check_domain(store, &domain, Some(&d.id))?;
            // a new domain needs verifying again
            d.domain = domain;
            d.verified_at = None;
            d.verification_challenge = store.token(43);
            d.jit_provisioning_enabled = false;
            d.sso_enforcement = String::new();
            d.scim_enabled = false;
        }
    }
    apply_settings(&mut d, &body)?;
    let out = domain_json(&d);
    store.orgs[oi].domains[di] = d;
    Ok(Reply::ok(out))
}

pub fn delete(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let di = find(store, oi, id)?;
    store.require_admin(oi)?;
    store.orgs[oi].domains.remove(di);
    Ok(Reply::NoContent)
}

/// Verifies a domain ending with [`crate::VERIFIED_DOMAIN_SUFFIX`]; any other stays unverified
/// (as if its TXT record were not found yet).
pub fn verify(store: &mut Store, oi: usize, ctx: &Ctx) -> Outcome {
    let id = ctx.id();
    let di = find(store, oi, id)?;
    store.require_admin(oi)?;
    let d = &mut store.orgs[oi].domains[di];
    if d.verified_at.is_some() {
        return Err(ErrorReply::validation(
            "already_verified",
            "This domain has already been verified.",
            None,
        ));
    }
    if d.domain.ends_with(crate::VERIFIED_DOMAIN_SUFFIX) {
        d.verified_at = Some(Utc::now());
    }
    Ok(Reply::ok(domain_json(d)))
}
