//! Input rules of the demo API, written by hand as PostHog applies them: the domain pattern,
//! PEM certificates, emails, UUIDs, and DRF-like readers of JSON fields with PostHog's messages.

use serde_json::{json, Map, Value};

use super::timezones::is_timezone;
use crate::errors::ErrorReply;

pub use api::validate::{
    is_domain as matches_domain_pattern, DOMAIN_MAX_LEN, PROXY_DOMAIN_MAX_LEN,
};

/// A `domain` field's length, then its pattern, with PostHog's messages (attr "domain").
pub fn domain_field(domain: &str, max_len: usize) -> Result<(), ErrorReply> {
    if domain.chars().count() > max_len {
        return Err(ErrorReply::max_length("domain", max_len));
    }
    if !matches_domain_pattern(domain) {
        return Err(ErrorReply::field(
            "domain",
            "invalid",
            "Please enter a valid domain or subdomain name.",
        ));
    }
    Ok(())
}

/// A PEM certificate: the console's own shape check (BEGIN/END lines around base64), then the
/// PEM must parse and its content be a DER sequence.
pub fn looks_like_pem_certificate(value: &str) -> bool {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::CertificateDer;
    api::validate::looks_like_pem_certificate(value)
        && CertificateDer::from_pem_slice(value.trim().as_bytes())
            .is_ok_and(|der| der.len() >= 16 && der[0] == 0x30)
}

/// An email address as Django's validator roughly accepts it.
pub fn is_email(value: &str) -> bool {
    let Some((local, host)) = value.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let host_ok = host.contains('.')
        && host.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && host
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && host_ok && value.len() <= 254
}

/// A UUID in its 8-4-4-4-12 hex form (the only one of uuid's forms that is 36 long).
pub fn is_uuid(value: &str) -> bool {
    value.len() == 36 && uuid::Uuid::try_parse(value).is_ok()
}

/// The body as an object: DRF's message for anything else.
pub fn expect_object(value: &Value) -> Result<&Map<String, Value>, ErrorReply> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(ErrorReply::field(
            "non_field_errors",
            "invalid",
            format!(
                "Invalid data. Expected a dictionary, but got {}.",
                json_type_name(other)
            ),
        )),
    }
}

pub fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// How a string field is read.
#[derive(Debug, Clone, Copy)]
pub struct Str {
    pub max: usize,
    pub allow_blank: bool,
    pub nullable: bool,
}

impl Str {
    pub const fn max(max: usize) -> Str {
        Str {
            max,
            allow_blank: false,
            nullable: false,
        }
    }
    pub const fn blank_ok(self) -> Str {
        Str {
            allow_blank: true,
            ..self
        }
    }
    pub const fn nullable(self) -> Str {
        Str {
            nullable: true,
            ..self
        }
    }
}

/// A string field: absent `None`, null `Some(None)` (when nullable), else the trimmed text.
pub fn string(
    obj: &Map<String, Value>,
    key: &str,
    rule: Str,
) -> Result<Option<Option<String>>, ErrorReply> {
    let Some(value) = obj.get(key) else {
        return Ok(None);
    };
    let text = match value {
        Value::Null if rule.nullable => return Ok(Some(None)),
        Value::Null => return Err(ErrorReply::null(key)),
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return Err(ErrorReply::field(key, "invalid", "Not a valid string.")),
    };
    if text.is_empty() && !rule.allow_blank {
        return Err(ErrorReply::blank(key));
    }
    if text.chars().count() > rule.max {
        return Err(ErrorReply::max_length(key, rule.max));
    }
    Ok(Some(Some(text)))
}

/// A non-nullable string field.
pub fn opt_string(
    obj: &Map<String, Value>,
    key: &str,
    rule: Str,
) -> Result<Option<String>, ErrorReply> {
    Ok(string(obj, key, rule)?.flatten())
}

/// A required non-nullable string field.
pub fn required_string(
    obj: &Map<String, Value>,
    key: &str,
    rule: Str,
) -> Result<String, ErrorReply> {
    opt_string(obj, key, rule)?.ok_or_else(|| ErrorReply::required(key))
}

/// DRF's boolean parsing.
pub fn parse_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) if n.as_i64() == Some(1) => Some(true),
        Value::Number(n) if n.as_i64() == Some(0) => Some(false),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "y" | "on" | "t" => Some(true),
            "false" | "0" | "no" | "n" | "off" | "f" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A boolean field: absent `None`, null `Some(None)` (when nullable).
pub fn boolean(
    obj: &Map<String, Value>,
    key: &str,
    nullable: bool,
) -> Result<Option<Option<bool>>, ErrorReply> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Null) if nullable => Ok(Some(None)),
        Some(Value::Null) => Err(ErrorReply::null(key)),
        Some(v) => parse_bool(v)
            .map(|b| Some(Some(b)))
            .ok_or_else(|| ErrorReply::field(key, "invalid", "Must be a valid boolean.")),
    }
}

/// A non-nullable boolean field.
pub fn opt_bool(obj: &Map<String, Value>, key: &str) -> Result<Option<bool>, ErrorReply> {
    Ok(boolean(obj, key, false)?.flatten())
}

/// An integer field within `min..=max`.
pub fn integer(
    obj: &Map<String, Value>,
    key: &str,
    min: i64,
    max: i64,
    nullable: bool,
) -> Result<Option<Option<i64>>, ErrorReply> {
    let n = match obj.get(key) {
        None => return Ok(None),
        Some(Value::Null) if nullable => return Ok(Some(None)),
        Some(Value::Null) => return Err(ErrorReply::null(key)),
        Some(v) => parse_int(v)
            .ok_or_else(|| ErrorReply::field(key, "invalid", "A valid integer is required."))?,
    };
    if n < min {
        return Err(ErrorReply::field(
            key,
            "min_value",
            format!("Ensure this value is greater than or equal to {min}."),
        ));
    }
    if n > max {
        return Err(ErrorReply::field(
            key,
            "max_value",
            format!("Ensure this value is less than or equal to {max}."),
        ));
    }
    Ok(Some(Some(n)))
}

/// An integer as JSON number or numeric string.
pub fn parse_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A choice among `choices` (compared as strings): `invalid_choice` otherwise.
pub fn choice<'a>(
    obj: &Map<String, Value>,
    key: &str,
    choices: &[&'a str],
) -> Result<Option<&'a str>, ErrorReply> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Null) => Err(ErrorReply::null(key)),
        Some(value) => {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return Err(ErrorReply::invalid_choice(key, value)),
            };
            choices
                .iter()
                .find(|c| **c == text)
                .map(|c| Some(*c))
                .ok_or_else(|| ErrorReply::invalid_choice(key, value))
        }
    }
}

/// A membership level (1, 8 or 15; also as a string).
pub fn level(obj: &Map<String, Value>, key: &str) -> Result<Option<u8>, ErrorReply> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Null) => Err(ErrorReply::null(key)),
        Some(value) => match parse_int(value) {
            Some(n @ (1 | 8 | 15)) if !value.is_boolean() => Ok(Some(n as u8)),
            _ => Err(ErrorReply::invalid_choice(key, value)),
        },
    }
}

/// How a writable setting is read (a project's or an organization's, kept by field name).
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text(Str),
    /// A UUID, or null.
    Uuid,
    Bool {
        nullable: bool,
    },
    /// One of these, or null.
    Choice(&'static [&'static str]),
    Any,
    TextList {
        nullable: bool,
    },
    Int {
        min: i64,
        max: i64,
    },
    Timezone,
    WeekStartDay,
    SampleRate,
}

/// The settings of `fields` a body sets, checked in that order (nothing to apply on error), as
/// they are stored and answered.
pub fn settings(
    body: &Map<String, Value>,
    fields: &[(&str, Kind)],
) -> Result<Vec<(String, Value)>, ErrorReply> {
    let mut changes = Vec::new();
    for (key, kind) in fields {
        if let Some(value) = setting(body, key, *kind)? {
            changes.push((key.to_string(), value));
        }
    }
    Ok(changes)
}

fn setting(body: &Map<String, Value>, key: &str, kind: Kind) -> Result<Option<Value>, ErrorReply> {
    let Some(value) = body.get(key) else {
        return Ok(None);
    };
    let out = match kind {
        Kind::Text(rule) => string(body, key, rule)?.map(|v| json!(v)),
        Kind::Uuid => match string(body, key, Str::max(36).nullable())? {
            Some(Some(id)) if !is_uuid(&id) => {
                return Err(ErrorReply::field(key, "invalid", "Must be a valid UUID."))
            }
            v => v.map(|v| json!(v)),
        },
        Kind::Bool { nullable } => boolean(body, key, nullable)?.map(|v| json!(v)),
        Kind::Choice(choices) => match value {
            Value::Null => Some(Value::Null),
            _ => choice(body, key, choices)?.map(|c| json!(c)),
        },
        Kind::Any => Some(value.clone()),
        Kind::TextList { nullable } => match value {
            Value::Null if nullable => Some(Value::Null),
            Value::Null => return Err(ErrorReply::null(key)),
            Value::Array(items) if items.iter().all(|i| i.is_string() || i.is_null()) => {
                Some(value.clone())
            }
            Value::Array(_) => {
                return Err(ErrorReply::field(key, "invalid", "Not a valid string."))
            }
            _ => {
                return Err(ErrorReply::field(
                    key,
                    "not_a_list",
                    "Expected a list of items but got type \"str\".",
                ))
            }
        },
        Kind::Int { min, max } => integer(body, key, min, max, true)?.map(|v| json!(v)),
        Kind::Timezone => match value {
            Value::String(tz) if is_timezone(tz) => Some(value.clone()),
            _ => return Err(ErrorReply::invalid_choice(key, value)),
        },
        Kind::WeekStartDay => match value {
            Value::Null => Some(Value::Null),
            v => match parse_int(v) {
                Some(n @ (0 | 1)) if !v.is_boolean() => Some(json!(n)),
                _ => return Err(ErrorReply::invalid_choice(key, value)),
            },
        },
        Kind::SampleRate => match value {
            Value::Null => Some(Value::Null),
            v => {
                let rate = match v {
                    Value::Number(n) => n.as_f64(),
                    Value::String(s) => s.trim().parse::<f64>().ok(),
                    _ => None,
                }
                .ok_or_else(|| ErrorReply::field(key, "invalid", "A valid number is required."))?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err(ErrorReply::field(
                        key,
                        "invalid",
                        "Ensure this value is between 0 and 1.",
                    ));
                }
                Some(json!(format!("{rate:.2}")))
            }
        },
    };
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_pattern() {
        for ok in [
            "hogflix.example",
            "a.io",
            "sub.hogflix.io",
            "my-company.co",
            "a1-b2-c3.x9.com",
            "123.example",
        ] {
            assert!(matches_domain_pattern(ok), "{ok}");
        }
        for bad in [
            "",
            "example",
            "Example.com",
            "-a.com",
            "a-.com",
            "a--b.com",
            "a..com",
            ".a.com",
            "a.com.",
            "a.c",
            "a.c0m",
            "https://a.com",
            "a.com/x",
            "a_b.com",
            "a b.com",
            "ä.com",
        ] {
            assert!(!matches_domain_pattern(bad), "{bad}");
        }
    }

    fn pem(der: &[u8]) -> String {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(der);
        let lines: Vec<String> = b64
            .as_bytes()
            .chunks(64)
            .map(|c| String::from_utf8(c.to_vec()).unwrap())
            .collect();
        format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            lines.join("\n")
        )
    }

    #[test]
    fn pem_check() {
        let mut der = vec![0x30, 0x82, 0x01, 0x0a];
        der.extend((0..200u16).map(|i| (i * 7 % 251) as u8));
        assert!(looks_like_pem_certificate(&pem(&der)));
        assert!(looks_like_pem_certificate(&format!("  {}  ", pem(&der))));
        // not a DER sequence
        let mut other = der.clone();
        other[0] = 0x31;
        assert!(!looks_like_pem_certificate(&pem(&other)));
        assert!(!looks_like_pem_certificate("not a cert"));
        assert!(!looks_like_pem_certificate(
            "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----"
        ));
        assert!(!looks_like_pem_certificate(
            "-----BEGIN CERTIFICATE-----\nMII*bad*\n-----END CERTIFICATE-----"
        ));
        assert!(!looks_like_pem_certificate(
            &pem(&der).replace("CERTIFICATE", "PRIVATE KEY")
        ));
    }

    #[test]
    fn emails_and_uuids() {
        assert!(is_email("dana@hogflix.example"));
        assert!(is_email("a.b+c@x.io"));
        assert!(!is_email("dana"));
        assert!(!is_email("dana@"));
        assert!(!is_email("@x.io"));
        assert!(!is_email("a b@x.io"));
        assert!(!is_email("a@x"));
        assert!(is_uuid("01936f5e-7c1a-7b6d-9e1f-4a2b3c4d5e01"));
        assert!(!is_uuid("01936f5e7c1a7b6d9e1f4a2b3c4d5e01"));
        assert!(!is_uuid("zz936f5e-7c1a-7b6d-9e1f-4a2b3c4d5e01"));
    }

    #[test]
    fn field_readers() {
        let obj = json!({"name": "  Hog  ", "blank": " ", "n": null, "flag": "true", "lvl": "8", "bad": true})
            .as_object()
            .unwrap()
            .clone();
        assert_eq!(
            opt_string(&obj, "name", Str::max(64)).unwrap().as_deref(),
            Some("Hog")
        );
        assert_eq!(
            opt_string(&obj, "name", Str::max(2)).unwrap_err().body["code"],
            "max_length"
        );
        assert_eq!(
            opt_string(&obj, "blank", Str::max(9)).unwrap_err().body["code"],
            "blank"
        );
        assert_eq!(
            string(&obj, "n", Str::max(9).nullable()).unwrap(),
            Some(None)
        );
        assert_eq!(
            opt_string(&obj, "n", Str::max(9)).unwrap_err().body["code"],
            "null"
        );
        assert_eq!(opt_bool(&obj, "flag").unwrap(), Some(true));
        assert_eq!(level(&obj, "lvl").unwrap(), Some(8));
        assert_eq!(
            level(&obj, "bad").unwrap_err().body["code"],
            "invalid_choice"
        );
        assert_eq!(
            required_string(&obj, "missing", Str::max(5))
                .unwrap_err()
                .body["attr"],
            "missing"
        );
    }
}
