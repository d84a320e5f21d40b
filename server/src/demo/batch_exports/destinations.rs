//! The destination catalogue: each type's config keys, which are required, and which are
//! secrets (accepted, never returned).

use serde_json::{json, Map, Value};

use crate::errors::ErrorReply;

/// A destination type: the config keys it accepts, needs, and never returns.
pub struct Destination {
    pub kind: &'static str,
    pub fields: &'static [&'static str],
    pub required: &'static [&'static str],
    pub secret: &'static [&'static str],
}

const EVENTS: [&str; 2] = ["exclude_events", "include_events"];

pub const DESTINATIONS: &[Destination] = &[
    Destination {
        kind: "S3",
        fields: &[
            "bucket_name",
            "region",
            "prefix",
            "aws_access_key_id",
            "aws_secret_access_key",
            "compression",
            "encryption",
            "kms_key_id",
            "endpoint_url",
            "file_format",
            "max_file_size_mb",
            "use_virtual_style_addressing",
            "credentials",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &["bucket_name", "region", "prefix"],
        secret: &["aws_access_key_id", "aws_secret_access_key", "credentials"],
    },
    Destination {
        kind: "Snowflake",
        fields: &[
            "account",
            "user",
            "password",
            "private_key",
            "private_key_passphrase",
            "authentication_type",
            "database",
            "warehouse",
            "schema",
            "table_name",
            "role",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &[
            "account",
            "user",
            "database",
            "warehouse",
            "schema",
            "table_name",
        ],
        secret: &["password", "private_key", "private_key_passphrase"],
    },
    Destination {
        kind: "Postgres",
        fields: &[
            "host",
            "port",
            "user",
            "password",
            "database",
            "schema",
            "table_name",
            "has_self_signed_cert",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &["host", "user", "password", "database", "table_name"],
        secret: &["password"],
    },
    Destination {
        kind: "Redshift",
        fields: &[
            "host",
            "port",
            "user",
            "password",
            "database",
            "schema",
            "table_name",
            "properties_data_type",
            "mode",
            "copy_inputs",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &["host", "user", "password", "database", "table_name"],
        // COPY's bucket credentials sit inside `copy_inputs`
        secret: &["password", "copy_inputs.bucket_credentials"],
    },
    Destination {
        kind: "BigQuery",
        fields: &[
            "project_id",
            "dataset_id",
            "table_id",
            "private_key",
            "private_key_id",
            "token_uri",
            "client_email",
            "use_json_type",
            "credentials",
            EVENTS[0],
            EVENTS[1],
        ],
        required: &["project_id", "dataset_id", "table_id"],
        secret: &[
            "private_key",
            "private_key_id",
            "token_uri",
            "client_email",
            "credentials",
        ],
    },
    Destination {
        kind: "Databricks",
        // the server and the service principal are in the integration (`integration_id`)
        fields: &[
            "http_path",
            "catalog",
            "schema",
            "table_name",
            "use_variant_type",
            "use_automatic_schema_evolution",
        ],
        required: &["http_path", "catalog", "schema", "table_name"],
        secret: &[],
    },
    Destination {
        kind: "HTTP",
        fields: &["url", "token", EVENTS[0], EVENTS[1]],
        required: &["url", "token"],
        secret: &["token"],
    },
    Destination {
        kind: "NoOp",
        fields: &[],
        required: &[],
        secret: &[],
    },
];

/// Whether the type keeps its credentials in an integration (`destination.integration_id`),
/// which it then cannot do without.
pub fn needs_integration(kind: &str) -> bool {
    kind == "Databricks"
}

pub fn destination(kind: &str) -> Option<&'static Destination> {
    DESTINATIONS.iter().find(|d| d.kind == kind)
}

/// The config as returned: secrets left out (`a.b`: `b` inside the object `a`).
pub fn public_config(kind: &str, config: &Map<String, Value>) -> Map<String, Value> {
    let secret = destination(kind).map(|d| d.secret).unwrap_or(&[]);
    let mut out: Map<String, Value> = config
        .iter()
        .filter(|(k, _)| !secret.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for path in secret {
        if let Some((object, key)) = path.split_once('.') {
            if let Some(Value::Object(inner)) = out.get_mut(object) {
                inner.remove(key);
            }
        }
    }
    out
}

/// Unknown keys, then missing required ones (`NoOp` takes anything).
pub fn check_config(kind: &str, config: &Map<String, Value>) -> Result<(), ErrorReply> {
    let Some(dest) = destination(kind) else {
        return Err(ErrorReply::invalid_choice(
            "destination__type",
            &json!(kind),
        ));
    };
    if dest.kind == "NoOp" {
        return Ok(());
    }
    let mut unknown: Vec<&str> = config
        .keys()
        .map(String::as_str)
        .filter(|k| !dest.fields.contains(k))
        .collect();
    if !unknown.is_empty() {
        unknown.sort();
        return Err(ErrorReply::field(
            "destination",
            "invalid",
            format!("Configuration has unknown field/s: {}", unknown.join(", ")),
        ));
    }
    let missing: Vec<&str> = dest
        .required
        .iter()
        .copied()
        .filter(|k| config.get(*k).is_none_or(|v| v.is_null() || v == ""))
        .collect();
    if !missing.is_empty() {
        return Err(ErrorReply::field(
            "destination",
            "required",
            format!(
                "Configuration is missing required field/s: {}",
                missing.join(", ")
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_checks() {
        let cfg = |v: Value| v.as_object().unwrap().clone();
        assert!(check_config(
            "S3",
            &cfg(json!({"bucket_name": "b", "region": "us-east-1", "prefix": "p/"}))
        )
        .is_ok());
        let e = check_config(
            "S3",
            &cfg(json!({"bucket_name": "b", "region": "r", "nope": 1, "also": 2})),
        )
        .unwrap_err();
        assert_eq!(
            e.body["detail"],
            "Configuration has unknown field/s: also, nope"
        );
        let e = check_config("Postgres", &cfg(json!({"host": "h"}))).unwrap_err();
        assert_eq!(e.body["code"], "required");
        assert_eq!(
            check_config("Kafka", &Map::new()).unwrap_err().body["code"],
            "invalid_choice"
        );
        assert!(check_config("NoOp", &cfg(json!({"anything": true}))).is_ok());
    }

    #[test]
    fn secrets_are_hidden() {
        let cfg =
            json!({"host": "h", "user": "u", "password": "p", "database": "d", "table_name": "t"});
        let public = public_config("Postgres", cfg.as_object().unwrap());
        assert!(!public.contains_key("password"));
        assert_eq!(public["host"], "h");
    }
}
