//! Batch export destinations as the console's form sees them: one static description per
//! destination type (its config fields: label, kind, required, secret, default, when shown),
//! the create body and the edit PATCH built from what the form holds (secrets left empty are
//! left out, so the server keeps them), server errors mapped back onto form fields, an export's
//! state and health from its latest runs, and the backfill checks PostHog makes (start before
//! end, end not in the future) with a preview (how many intervals, overlap with completed runs).

use serde_json::{Map, Value};

use crate::models::{
    BatchExport, BatchExportCreate, BatchExportDestination, BatchExportModel, BatchExportPatch,
    BatchExportRun, DestinationType, Interval, RunStatus,
};

/// What a config field holds, and so how the form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// A whole number.
    Integer,
    Bool,
    /// One of (value, label).
    Choice(&'static [(&'static str, &'static str)]),
    /// A list of event names (one per line or comma separated).
    Events,
    /// Multi-line text (a private key).
    LongText,
}

/// One config field of a destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// Never returned by the server: a password input; on edit, empty keeps the stored one.
    pub secret: bool,
    /// The value a new export starts with ("" none; "true"/"false" for a bool).
    pub default: &'static str,
    pub hint: &'static str,
    /// Shown (and sent) only when another field has this value.
    pub when: Option<(&'static str, &'static str)>,
}

const fn f(key: &'static str, label: &'static str) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind: FieldKind::Text,
        required: false,
        secret: false,
        default: "",
        hint: "",
        when: None,
    }
}

impl FieldSpec {
    const fn req(mut self) -> Self {
        self.required = true;
        self
    }
    const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }
    const fn kind(mut self, kind: FieldKind) -> Self {
        self.kind = kind;
        self
    }
    const fn default(mut self, value: &'static str) -> Self {
        self.default = value;
        self
    }
    const fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }
    const fn when(mut self, key: &'static str, value: &'static str) -> Self {
        self.when = Some((key, value));
        self
    }
}

/// A destination type and its config fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DestinationSpec {
    /// As the API spells it ("S3", "HTTP").
    pub kind: &'static str,
    pub label: &'static str,
    pub fields: &'static [FieldSpec],
    /// The models it can export.
    pub models: &'static [&'static str],
}

const ALL_MODELS: &[&str] = &["events", "persons", "sessions"];

/// A form field that is not a config key: the integration holding a destination's credentials
/// (Databricks), sent as `destination.integration_id` and answered as `destination.integration`.
pub const INTEGRATION: &str = "integration_id";

/// A destination's config as the form reads it: the config, plus its integration as
/// [`INTEGRATION`].
pub fn form_config(destination: &BatchExportDestination) -> Map<String, Value> {
    let mut config = destination.config.clone();
    if let Some(id) = destination.integration {
        config.insert(INTEGRATION.to_string(), Value::from(id));
    }
    config
}

/// Takes [`INTEGRATION`] out of a config the form built, for `destination.integration_id`.
fn take_integration(config: &mut Map<String, Value>) -> Option<i64> {
    config.remove(INTEGRATION).and_then(|v| v.as_i64())
}

/// A config value by a field's key; `a.b` is `b` inside the object `a` (Redshift's
/// `copy_inputs.s3_bucket`).
pub fn config_value<'a>(config: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    let mut parts = key.split('.');
    let mut value = config.get(parts.next()?)?;
    for part in parts {
        value = value.get(part)?;
    }
    Some(value)
}

/// Sets a config value by a field's key, making the objects of a dotted key as needed.
fn set_config_value(config: &mut Map<String, Value>, key: &str, value: Value) {
    match key.split_once('.') {
        None => {
            config.insert(key.to_string(), value);
        }
        Some((head, rest)) => {
            let inner = config
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !inner.is_object() {
                *inner = Value::Object(Map::new());
            }
            if let Value::Object(inner) = inner {
                set_config_value(inner, rest, value);
            }
        }
    }
}

/// The config key a field is stored under: the part of a dotted key before the first dot.
pub fn top_key(key: &str) -> &str {
    key.split_once('.').map_or(key, |(head, _)| head)
}
const BOOL: FieldKind = FieldKind::Bool;
const INT: FieldKind = FieldKind::Integer;
const INCLUDE: FieldSpec = f("include_events", "Only these events")
    .kind(FieldKind::Events)
    .hint("One event name per line; empty exports every event.");
const EXCLUDE: FieldSpec = f("exclude_events", "Leave out these events")
    .kind(FieldKind::Events)
    .hint("One event name per line.");

/// Every destination the form offers, with PostHog's fields.
pub const DESTINATIONS: &[DestinationSpec] = &[
    DestinationSpec {
        kind: "S3",
        label: "Amazon S3",
        models: ALL_MODELS,
        fields: &[
            f("bucket_name", "Bucket name").req(),
            f("region", "Region").req().hint("For example us-east-1."),
            f("prefix", "Key prefix")
                .req()
                .hint("Placeholders such as {year}/{month}/{day} are filled in per file."),
            f("aws_access_key_id", "AWS access key ID").secret(),
            f("aws_secret_access_key", "AWS secret access key").secret(),
            f("file_format", "File format")
                .kind(FieldKind::Choice(&[
                    ("JSONLines", "JSON lines"),
                    ("Parquet", "Parquet"),
                ]))
                .default("JSONLines"),
            f("compression", "Compression").kind(FieldKind::Choice(&[
                ("", "None"),
                ("gzip", "gzip"),
                ("brotli", "brotli"),
                ("zstd", "zstd (Parquet)"),
                ("lz4", "lz4 (Parquet)"),
                ("snappy", "snappy (Parquet)"),
            ])),
            f("encryption", "Server-side encryption").kind(FieldKind::Choice(&[
                ("", "None"),
                ("AES256", "AES256"),
                ("aws:kms", "aws:kms"),
            ])),
            f("kms_key_id", "KMS key ID").when("encryption", "aws:kms"),
            f("endpoint_url", "Endpoint URL")
                .hint("Only for S3-compatible storage (MinIO, R2...)."),
            f("max_file_size_mb", "Largest file (MB)").kind(INT),
            f(
                "use_virtual_style_addressing",
                "Virtual-hosted-style addressing",
            )
            .kind(BOOL)
            .default("false"),
            INCLUDE,
            EXCLUDE,
        ],
    },
    DestinationSpec {
        kind: "Snowflake",
        label: "Snowflake",
        models: ALL_MODELS,
        fields: &[
            f("account", "Account")
                .req()
                .hint("The account identifier, such as xy12345.eu-west-1."),
            f("user", "User").req(),
            f("authentication_type", "Sign in with")
                .kind(FieldKind::Choice(&[
                    ("password", "Password"),
                    ("keypair", "Key pair"),
                ]))
                .default("password"),
            f("password", "Password")
                .secret()
                .when("authentication_type", "password"),
            f("private_key", "Private key")
                .kind(FieldKind::LongText)
                .secret()
                .when("authentication_type", "keypair")
                .hint("The PEM private key of the user's key pair."),
            f("private_key_passphrase", "Private key passphrase")
                .secret()
                .when("authentication_type", "keypair"),
            f("database", "Database").req(),
            f("warehouse", "Warehouse").req(),
            f("schema", "Schema").req(),
            f("table_name", "Table").default("events"),
            f("role", "Role"),
            INCLUDE,
            EXCLUDE,
        ],
    },
    DestinationSpec {
        kind: "Postgres",
        label: "PostgreSQL",
        models: ALL_MODELS,
        fields: &[
            f("host", "Host").req(),
            f("port", "Port").kind(INT).default("5432"),
            f("user", "User").req(),
            f("password", "Password").req().secret(),
            f("database", "Database").req(),
            f("schema", "Schema").default("public"),
            f("table_name", "Table").default("events"),
            f(
                "has_self_signed_cert",
                "The server uses a self-signed certificate",
            )
            .kind(BOOL)
            .default("false"),
            INCLUDE,
            EXCLUDE,
        ],
    },
    DestinationSpec {
        kind: "Redshift",
        label: "Redshift",
        models: ALL_MODELS,
        fields: &[
            f("host", "Host").req(),
            f("port", "Port").kind(INT).default("5439"),
            f("user", "User").req(),
            f("password", "Password").req().secret(),
            f("database", "Database").req(),
            f("schema", "Schema").default("public"),
            f("table_name", "Table").default("events"),
            f("properties_data_type", "Properties column type")
                .kind(FieldKind::Choice(&[
                    ("varchar", "VARCHAR"),
                    ("super", "SUPER"),
                ]))
                .default("varchar"),
            f("mode", "Load with")
                .kind(FieldKind::Choice(&[
                    ("INSERT", "INSERT statements"),
                    ("COPY", "COPY from an S3 bucket (large volumes)"),
                ]))
                .default("INSERT"),
            // COPY's inputs: one object in the config, which a PATCH replaces as a whole
            f("copy_inputs.s3_bucket", "S3 bucket for COPY")
                .req()
                .when("mode", "COPY"),
            f("copy_inputs.region_name", "Bucket region")
                .req()
                .when("mode", "COPY")
                .hint("For example us-east-1."),
            f("copy_inputs.s3_key_prefix", "Key prefix in the bucket").when("mode", "COPY"),
            f("copy_inputs.authorization", "IAM role ARN for Redshift")
                .req()
                .when("mode", "COPY")
                .hint("The role Redshift assumes to read the bucket, such as arn:aws:iam::123456789012:role/RedshiftCopy."),
            f(
                "copy_inputs.bucket_credentials.aws_access_key_id",
                "Bucket access key ID",
            )
            .req()
            .secret()
            .when("mode", "COPY"),
            f(
                "copy_inputs.bucket_credentials.aws_secret_access_key",
                "Bucket secret access key",
            )
            .req()
            .secret()
            .when("mode", "COPY"),
            INCLUDE,
            EXCLUDE,
        ],
    },
    DestinationSpec {
        kind: "BigQuery",
        label: "BigQuery",
        models: ALL_MODELS,
        fields: &[
            f("project_id", "Project ID").req(),
            f("dataset_id", "Dataset ID").req(),
            f("table_id", "Table ID").default("events"),
            f("private_key", "Private key")
                .kind(FieldKind::LongText)
                .req()
                .secret(),
            f("private_key_id", "Private key ID").req().secret(),
            f("token_uri", "Token URI").req().secret(),
            f("client_email", "Client email").req().secret(),
            f("use_json_type", "Use the JSON column type")
                .kind(BOOL)
                .default("false"),
            INCLUDE,
            EXCLUDE,
        ],
    },
    DestinationSpec {
        kind: "Databricks",
        label: "Databricks",
        models: ALL_MODELS,
        fields: &[
            f(INTEGRATION, "Integration ID").kind(INT).req().hint(
                "The PostHog Databricks integration that holds the server and the service principal (Settings \u{203a} Integrations in PostHog).",
            ),
            f("http_path", "HTTP path").req(),
            f("catalog", "Catalog").req(),
            f("schema", "Schema").req(),
            f("table_name", "Table").req().default("events"),
            f("use_variant_type", "Use the VARIANT type")
                .kind(BOOL)
                .default("true"),
            f(
                "use_automatic_schema_evolution",
                "Evolve the table's schema automatically",
            )
            .kind(BOOL)
            .default("true"),
        ],
    },
    DestinationSpec {
        kind: "HTTP",
        label: "HTTP (PostHog)",
        models: &["events"],
        fields: &[
            f("url", "URL")
                .req()
                .hint("A PostHog capture endpoint, such as https://us.i.posthog.com/batch/."),
            f("token", "Project API key of the receiving project")
                .req()
                .secret(),
            INCLUDE,
            EXCLUDE,
        ],
    },
];

/// The description of a destination type, if the form knows it.
pub fn destination(kind: &str) -> Option<&'static DestinationSpec> {
    DESTINATIONS.iter().find(|d| d.kind == kind)
}

impl DestinationSpec {
    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The form's first values: the stored config (secrets empty) or, for a new export, the
    /// defaults.
    pub fn initial_values(
        &self,
        config: Option<&Map<String, Value>>,
    ) -> Vec<(&'static str, String)> {
        self.fields
            .iter()
            .map(|field| {
                let stored = config.and_then(|c| config_value(c, field.key));
                // an unset field shows its default (the server's default too)
                let value = match (field.secret, stored) {
                    (true, _) => String::new(),
                    (false, Some(v)) => value_text(field, v),
                    (false, None) => field.default.to_string(),
                };
                (field.key, value)
            })
            .collect()
    }

    /// Whether `field` is shown with these form values (its `when` condition).
    pub fn shown(&self, field: &FieldSpec, values: &dyn Fn(&str) -> String) -> bool {
        field.when.is_none_or(|(key, value)| values(key) == value)
    }

    /// The config the form describes, checked: required fields present (a secret on edit may
    /// stay empty: the stored one is kept), integers that are integers. Empty optional fields
    /// and secrets are left out; hidden fields too.
    pub fn config(
        &self,
        values: &dyn Fn(&str) -> String,
        editing: bool,
    ) -> Result<Map<String, Value>, Vec<(&'static str, String)>> {
        let mut config = Map::new();
        let mut errors = Vec::new();
        for field in self.fields {
            if !self.shown(field, values) {
                continue;
            }
            let raw = values(field.key);
            let text = if field.kind == FieldKind::LongText {
                raw.trim_matches(|c| c == '\n' || c == '\r').to_string()
            } else {
                raw.trim().to_string()
            };
            if text.is_empty() {
                if field.required && !(editing && field.secret) && field.kind != BOOL {
                    errors.push((field.key, format!("{} is required.", field.label)));
                }
                continue;
            }
            match parse_value(field, &text) {
                Ok(Some(v)) => {
                    set_config_value(&mut config, field.key, v);
                }
                Ok(None) => {}
                Err(message) => errors.push((field.key, message)),
            }
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }
}

/// A stored value as the form's text.
fn value_text(field: &FieldSpec, value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::Array(items) if field.kind == FieldKind::Events => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        other => crate::json::to_text(other),
    }
}

/// A whole number as text; a fraction as its whole part (config numbers are whole: this keeps
/// float formatting out of the browser's code).
pub fn number_text(n: &serde_json::Number) -> String {
    match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i.to_string(),
        (_, Some(u)) => u.to_string(),
        _ => (n.as_f64().unwrap_or(0.0) as i64).to_string(),
    }
}

/// The form's text as the value to send (`None`: nothing to send).
fn parse_value(field: &FieldSpec, text: &str) -> Result<Option<Value>, String> {
    Ok(Some(match field.kind {
        FieldKind::Integer => match text.parse::<i64>() {
            Ok(n) if n >= 0 => Value::from(n),
            _ => return Err(format!("{} must be a whole number.", field.label)),
        },
        FieldKind::Bool => Value::Bool(text == "true"),
        FieldKind::Events => {
            let names = event_names(text);
            if names.is_empty() {
                return Ok(None);
            }
            Value::Array(names.into_iter().map(Value::String).collect())
        }
        FieldKind::Choice(options) => {
            if !options.iter().any(|(v, _)| *v == text) {
                return Err(format!("Choose one of the {} options.", field.label));
            }
            Value::String(text.to_string())
        }
        FieldKind::Text | FieldKind::LongText => Value::String(text.to_string()),
    }))
}

/// Event names typed one per line or separated by commas.
pub fn event_names(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// What the export form holds, as text: the fields around the destination, and the
/// destination's own (`values`, by config key).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportForm {
    pub name: String,
    pub kind: String,
    pub model: String,
    pub interval: String,
    /// Hour of the day (daily and weekly exports), "" for none.
    pub offset_hour: String,
    /// Day of the week, 0 = Sunday (weekly exports), "" for none.
    pub offset_day: String,
    pub values: Vec<(String, String)>,
}

/// A form field's error: the field (a config key, or name/interval/model/kind/offset_hour/
/// offset_day) and the message.
pub type FieldError = (String, String);

impl ExportForm {
    /// The value of a config field.
    pub fn value(&self, key: &str) -> String {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn spec(&self) -> Result<&'static DestinationSpec, Vec<FieldError>> {
        destination(&self.kind)
            .ok_or_else(|| vec![("kind".to_string(), "Choose a destination type.".to_string())])
    }

    fn interval_value(&self) -> Interval {
        Interval::parse(&self.interval)
    }

    /// Hour and day offsets where the interval takes them (checked).
    fn offsets(&self, errors: &mut Vec<FieldError>) -> (Option<u8>, Option<u8>) {
        let interval = self.interval_value();
        let daily = matches!(interval, Interval::Day | Interval::Week);
        let mut number = |key: &str, text: &str, max: u8, label: &str| -> Option<u8> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse::<u8>() {
                Ok(n) if n <= max => Some(n),
                _ => {
                    errors.push((key.to_string(), format!("{label} must be from 0 to {max}.")));
                    None
                }
            }
        };
        let hour = if daily {
            number("offset_hour", &self.offset_hour, 23, "The hour")
        } else {
            None
        };
        let day = if interval == Interval::Week {
            number("offset_day", &self.offset_day, 6, "The day")
        } else {
            None
        };
        (hour, day)
    }

    fn checks(
        &self,
        spec: &DestinationSpec,
        editing: bool,
    ) -> Result<Map<String, Value>, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(("name".to_string(), "Give the export a name.".to_string()));
        }
        if !spec.models.contains(&self.model.as_str()) {
            errors.push((
                "model".to_string(),
                format!(
                    "{} exports can only export: {}.",
                    spec.label,
                    spec.models.join(", ")
                ),
            ));
        }
        let values = |key: &str| self.value(key);
        let config = match spec.config(&values, editing) {
            Ok(config) => Some(config),
            Err(e) => {
                errors.extend(e.into_iter().map(|(k, m)| (k.to_string(), m)));
                None
            }
        };
        match config {
            Some(config) if errors.is_empty() => Ok(config),
            _ => Err(errors),
        }
    }

    /// The body of a create, or the errors to show on the form's fields.
    pub fn create_body(&self) -> Result<BatchExportCreate, Vec<FieldError>> {
        let spec = self.spec()?;
        let checked = self.checks(spec, false);
        let mut errors = Vec::new();
        let (offset_hour, offset_day) = self.offsets(&mut errors);
        let config = match checked {
            Ok(config) if errors.is_empty() => config,
            Ok(_) => return Err(errors),
            Err(mut e) => {
                e.extend(errors);
                return Err(e);
            }
        };
        let mut config = config;
        let integration_id = take_integration(&mut config);
        Ok(BatchExportCreate {
            name: self.name.trim().to_string(),
            model: Some(BatchExportModel::parse(&self.model)),
            destination: BatchExportDestination {
                integration_id,
                ..BatchExportDestination::new(DestinationType::parse(spec.kind), config)
            },
            interval: self.interval_value(),
            offset_hour,
            offset_day,
            ..Default::default()
        })
    }

    /// The PATCH of an edit: only what changed. Config fields go only when they changed (a
    /// cleared optional field is sent as null); secrets only when typed, so an empty secret is
    /// kept by the server. The destination type and the model cannot change.
    pub fn edit_patch(&self, before: &BatchExport) -> Result<BatchExportPatch, Vec<FieldError>> {
        let spec = self.spec()?;
        let checked = self.checks(spec, true);
        let mut errors = Vec::new();
        let (offset_hour, offset_day) = self.offsets(&mut errors);
        let config = match checked {
            Ok(config) if errors.is_empty() => config,
            Ok(_) => return Err(errors),
            Err(mut e) => {
                e.extend(errors);
                return Err(e);
            }
        };
        let stored = &form_config(&before.destination);
        let mut changes = Map::new();
        // fields in an object (dotted keys): whether the object changed, then it goes whole
        let mut groups: Vec<&str> = Vec::new();
        for field in spec.fields {
            let now = config_value(&config, field.key);
            let was = config_value(stored, field.key).filter(|v| !v.is_null());
            let changed = if field.secret {
                now.is_some()
            } else {
                match (was, now) {
                    (Some(a), Some(b)) => a != b,
                    (None, Some(b)) => default_value(field).as_ref() != Some(b),
                    (Some(_), None) => spec.shown(field, &|k| self.value(k)),
                    (None, None) => false,
                }
            };
            if !changed {
                continue;
            }
            let key = top_key(field.key);
            if key != field.key {
                if !groups.contains(&key) {
                    groups.push(key);
                }
                continue;
            }
            changes.insert(key.to_string(), now.cloned().unwrap_or(Value::Null));
        }
        // PostHog merges a PATCH's config key by key: an object is replaced as a whole, so its
        // secrets (never sent back) must be typed again
        let mut errors = Vec::new();
        for group in groups {
            for field in spec.fields.iter().filter(|f| top_key(f.key) == group) {
                if field.secret && config_value(&config, field.key).is_none() {
                    errors.push((
                        field.key.to_string(),
                        "Type it again: PostHog replaces these settings as a whole, and it never sends this one back.".to_string(),
                    ));
                }
            }
            changes.insert(
                group.to_string(),
                config.get(group).cloned().unwrap_or(Value::Null),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let name = self.name.trim().to_string();
        let interval = self.interval_value();
        let mut patch = BatchExportPatch {
            name: (name != before.name).then_some(name),
            interval: (interval != before.interval).then_some(interval),
            destination: (!changes.is_empty()).then(|| {
                let mut config = changes;
                let integration_id = take_integration(&mut config);
                BatchExportDestination {
                    kind: before.destination.kind.clone(),
                    config,
                    integration: None,
                    integration_id,
                }
            }),
            ..Default::default()
        };
        if offset_hour != before.offset_hour {
            patch.offset_hour = Some(offset_hour);
        }
        if offset_day != before.offset_day {
            patch.offset_day = Some(offset_day);
        }
        Ok(patch)
    }

    /// The form of an existing export.
    pub fn from_export(export: &BatchExport) -> ExportForm {
        let kind = export.destination.kind.as_str().to_string();
        let values = destination(&kind)
            .map(|spec| spec.initial_values(Some(&form_config(&export.destination))))
            .unwrap_or_default();
        ExportForm {
            name: export.name.clone(),
            kind,
            model: export
                .model
                .as_ref()
                .map_or("events", BatchExportModel::as_str)
                .to_string(),
            interval: export.interval.as_str().to_string(),
            offset_hour: export
                .offset_hour
                .map(|h| h.to_string())
                .unwrap_or_default(),
            offset_day: export.offset_day.map(|d| d.to_string()).unwrap_or_default(),
            values: values
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        }
    }
}

fn default_value(field: &FieldSpec) -> Option<Value> {
    if field.default.is_empty() {
        return None;
    }
    parse_value(field, field.default).ok().flatten()
}

/// The form fields a server error belongs on: `attr` as DRF writes it ("destination__config__
/// bucket_name", also with dots) gives the config key or the top-level field; an error on the
/// whole destination that names config fields ("missing required field/s: a, b") goes on each.
/// Empty: it belongs to no field.
pub fn error_fields(
    attr: Option<&str>,
    detail: &str,
    spec: Option<&DestinationSpec>,
) -> Vec<String> {
    let Some(attr) = attr else {
        return Vec::new();
    };
    let attr = attr.replace('.', "__");
    let parts: Vec<&str> = attr.split("__").collect();
    match parts.as_slice() {
        ["destination", "config", rest @ ..] if !rest.is_empty() => {
            // the longest dotted key the form knows (`copy_inputs.s3_bucket`), else the first
            let known = (1..=rest.len())
                .rev()
                .map(|n| rest[..n].join("."))
                .find(|key| spec.is_some_and(|s| s.field(key).is_some()));
            vec![known.unwrap_or_else(|| rest[0].to_string())]
        }
        ["destination", "integration" | "integration_id", ..] => vec![INTEGRATION.to_string()],
        ["destination", "type", ..] => vec!["kind".to_string()],
        ["destination"] | ["destination", "config"] => {
            let Some(spec) = spec else { return Vec::new() };
            let Some((_, names)) = detail.split_once("field/s:") else {
                return Vec::new();
            };
            names
                .split(',')
                .map(|n| n.trim().trim_end_matches('.'))
                .filter(|n| spec.field(n).is_some())
                .map(str::to_string)
                .collect()
        }
        [root, ..] if ["name", "interval", "model", "offset_hour", "offset_day"].contains(root) => {
            vec![root.to_string()]
        }
        _ => Vec::new(),
    }
}

/// Fields filled from a Google service-account JSON key (BigQuery), parsed here so the key
/// goes nowhere but into the form.
pub fn service_account_fields(json: &str) -> Result<Vec<(&'static str, String)>, String> {
    let value: Value = serde_json::from_str(json.trim())
        .map_err(|_| "This is not a JSON key file: it could not be read as JSON.".to_string())?;
    let Value::Object(key) = value else {
        return Err("This is not a service-account key: expected a JSON object.".into());
    };
    if key.get("type").and_then(Value::as_str) != Some("service_account") {
        return Err(
            "This JSON is not a service-account key (its \"type\" is not \"service_account\")."
                .into(),
        );
    }
    let mut out = Vec::new();
    for field in [
        "project_id",
        "private_key",
        "private_key_id",
        "client_email",
        "token_uri",
    ] {
        match key.get(field).and_then(Value::as_str) {
            Some(v) if !v.is_empty() => out.push((field, v.to_string())),
            _ => return Err(format!("The key has no \"{field}\".")),
        }
    }
    Ok(out)
}

/// Whether an export runs, was paused by a person, or is paused after failing runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportState {
    Active,
    Paused,
    /// Paused with its latest settled run failed (PostHog pauses exports that keep failing).
    PausedAfterFailures,
}

impl ExportState {
    pub const ALL: [ExportState; 3] = [
        ExportState::Active,
        ExportState::Paused,
        ExportState::PausedAfterFailures,
    ];

    pub fn of(export: &BatchExport) -> ExportState {
        ExportState::from_runs(export.paused, &export.latest_runs)
    }

    /// The state of an export paused or not, with these latest runs (newest first).
    pub fn from_runs(paused: bool, latest_runs: &[BatchExportRun]) -> ExportState {
        if !paused {
            return ExportState::Active;
        }
        let last = latest_runs.iter().find(|r| !r.status.is_in_progress());
        if last.is_some_and(|r| r.status.is_failure()) {
            ExportState::PausedAfterFailures
        } else {
            ExportState::Paused
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            ExportState::Active => "active",
            ExportState::Paused => "paused",
            ExportState::PausedAfterFailures => "failing",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            ExportState::Active => "Active",
            ExportState::Paused => "Paused",
            ExportState::PausedAfterFailures => "Paused after failures",
        }
    }

    pub fn parse(s: &str) -> Option<ExportState> {
        ExportState::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// What the latest runs say: the newest run, and failures among them.
#[derive(Debug, Clone, PartialEq)]
pub struct Health<'a> {
    pub last: Option<&'a BatchExportRun>,
    pub failures: usize,
    pub runs: usize,
}

pub fn health(latest_runs: &[BatchExportRun]) -> Health<'_> {
    Health {
        last: latest_runs.first(),
        failures: latest_runs.iter().filter(|r| r.status.is_failure()).count(),
        runs: latest_runs.len(),
    }
}

/// The status as PostHog's own screens word it (FailedRetryable is "Failed").
pub fn status_label(status: &RunStatus) -> &str {
    match status {
        RunStatus::FailedRetryable | RunStatus::Failed => "Failed",
        other => other.label(),
    }
}

/// Seconds of one interval.
pub fn interval_seconds(interval: &Interval) -> i64 {
    match interval {
        Interval::Day => 86_400,
        Interval::Week => 7 * 86_400,
        Interval::Every5Minutes => 300,
        Interval::Every15Minutes => 900,
        _ => 3_600,
    }
}

/// Whether a backfill of this interval is asked in dates (daily and weekly exports).
pub fn backfill_in_dates(interval: &Interval) -> bool {
    matches!(interval, Interval::Day | Interval::Week)
}

/// A backfill the browser checked: what to send, and the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackfillPlan {
    pub start_at: String,
    pub end_at: String,
    /// How many runs it starts.
    pub intervals: i64,
    /// Completed runs among the latest whose data interval overlaps the range.
    pub overlapping: usize,
}

/// Checks a backfill as PostHog does (start before end, end not in the future) and previews it.
/// `start`/`end` are the inputs' values ("YYYY-MM-DD" for daily and weekly exports,
/// "YYYY-MM-DDTHH:MM" otherwise), read in a timezone `offset_minutes` east of UTC; `now` is Unix
/// seconds. Errors name the field: "start_at" or "end_at".
pub fn plan_backfill(
    interval: &Interval,
    start: &str,
    end: &str,
    offset_minutes: i32,
    now: i64,
    runs: &[BatchExportRun],
) -> Result<BackfillPlan, (&'static str, String)> {
    let dates = backfill_in_dates(interval);
    let what = if dates { "a date" } else { "a date and time" };
    let read = |field: &'static str, text: &str| -> Result<(String, i64), (&'static str, String)> {
        let text = text.trim();
        if text.is_empty() {
            return Err((field, format!("Choose {what}.")));
        }
        let local = parse_instant(text)
            .filter(|_| dates != text.contains('T'))
            .ok_or((field, format!("Enter {what}.")))?;
        let at = local - i64::from(offset_minutes) * 60;
        let send = if dates {
            text.to_string()
        } else {
            let minute = text.get(..16).unwrap_or(text);
            format!("{minute}:00{}", offset_text(offset_minutes))
        };
        Ok((send, at))
    };
    let (start_at, from) = read("start_at", start)?;
    let (end_at, to) = read("end_at", end)?;
    if from >= to {
        return Err(("end_at", "The end must be after the start.".into()));
    }
    if to > now {
        return Err((
            "end_at",
            "The end is in the future: PostHog can only export data that has arrived.".into(),
        ));
    }
    let step = interval_seconds(interval);
    let intervals = (to - from + step - 1) / step;
    let overlapping = runs
        .iter()
        .filter(|r| r.status == RunStatus::Completed)
        .filter(|r| {
            let run_end = parse_instant(&r.data_interval_end);
            let run_start = r
                .data_interval_start
                .as_deref()
                .and_then(parse_instant)
                .or(run_end.map(|e| e - step));
            matches!((run_start, run_end), (Some(s), Some(e)) if s < to && e > from)
        })
        .count();
    Ok(BackfillPlan {
        start_at,
        end_at,
        intervals,
        overlapping,
    })
}

/// "+02:00", "-05:30", or "Z".
pub fn offset_text(offset_minutes: i32) -> String {
    if offset_minutes == 0 {
        return "Z".into();
    }
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// Unix seconds of an ISO 8601 date or datetime (see [`parse_instant_micros`]).
pub fn parse_instant(text: &str) -> Option<i64> {
    parse_instant_micros(text).map(|us| us.div_euclid(1_000_000))
}

/// Unix microseconds of an ISO 8601 date or datetime ("2024-05-01", "2024-05-01T10:00",
/// "2024-05-01T10:00:00.123456+02:00", "...Z"; `T` or a space between); a missing offset is
/// UTC, an impossible date (February 30) is none. The demo server reads datetimes with it too.
pub fn parse_instant_micros(text: &str) -> Option<i64> {
    let text = text.trim();
    let num = |s: Option<&str>| {
        s.filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<i64>().ok())
    };
    let (date, time) = match text.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    if date.len() != 10 || date.get(4..5) != Some("-") || date.get(7..8) != Some("-") {
        return None;
    }
    let y = num(date.get(0..4))?;
    let mo = num(date.get(5..7))?;
    let d = num(date.get(8..10))?;
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = match mo {
        2 => 28 + i64::from(leap),
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=12).contains(&mo) || !(1..=month_days).contains(&d) {
        return None;
    }
    let mut micros = days_from_civil(y, mo, d) * 86_400_000_000;
    if let Some(time) = time {
        let (clock, offset) = match time.find(['Z', 'z', '+', '-']) {
            Some(i) => (&time[..i], &time[i..]),
            None => (time, ""),
        };
        if clock.get(2..3) != Some(":") {
            return None;
        }
        let h = num(clock.get(0..2))?;
        let mi = num(clock.get(3..5))?;
        // ":SS", then ".fraction" (microseconds kept)
        let (s, fraction) = match clock.get(5..)? {
            "" => (0, ""),
            rest => {
                let (s, fraction) = rest.strip_prefix(':')?.split_at_checked(2)?;
                (num(Some(s))?, fraction)
            }
        };
        let fraction = match fraction.strip_prefix('.') {
            None if fraction.is_empty() => 0,
            Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                let digits = &digits[..digits.len().min(6)];
                num(Some(digits))? * 10_i64.pow(6 - digits.len() as u32)
            }
            _ => return None,
        };
        if h > 23 || mi > 59 || s > 60 {
            return None;
        }
        micros += (h * 3_600 + mi * 60 + s) * 1_000_000 + fraction;
        if offset.len() == 6 && offset.get(3..4) == Some(":") {
            let sign = if offset.starts_with('-') { -1 } else { 1 };
            let oh = num(offset.get(1..3))?;
            let om = num(offset.get(4..6))?;
            micros -= sign * (oh * 3_600 + om * 60) * 1_000_000;
        } else if !offset.is_empty() && !offset.eq_ignore_ascii_case("z") {
            return None;
        }
    }
    Some(micros)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Unix seconds as "YYYY-MM-DDTHH:MM" (UTC), for an input's value.
pub fn format_instant(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}",
        rem / 3_600,
        rem % 3_600 / 60
    )
}

/// What an edit will change (for the review before saving): the export's own fields, then each
/// config field by its label; a secret only as "changed", never its value.
pub fn patch_changes(patch: &BatchExportPatch, before: &BatchExport) -> Vec<crate::diff::Change> {
    use crate::diff::Change;
    fn shown(value: Option<&Value>) -> String {
        match value {
            None | Some(Value::Null) => "(empty)".to_string(),
            Some(Value::String(s)) if s.is_empty() => "(empty)".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Bool(b)) => if *b { "on" } else { "off" }.to_string(),
            Some(Value::Array(items)) if items.is_empty() => "(none)".to_string(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
            Some(other) => other.to_string(),
        }
    }
    let mut changes = Vec::new();
    if let Some(name) = &patch.name {
        changes.push(Change::text("Name", &before.name, name));
    }
    if let Some(interval) = &patch.interval {
        changes.push(Change::text(
            "Interval",
            before.interval.label(),
            interval.label(),
        ));
    }
    let hour = |h: Option<u8>| h.map_or("(none)".to_string(), |h| format!("{h}:00"));
    if let Some(now) = patch.offset_hour {
        changes.push(Change::text(
            "Hour of the day",
            hour(before.offset_hour),
            hour(now),
        ));
    }
    let day = |d: Option<u8>| d.map_or("(none)".to_string(), |d| d.to_string());
    if let Some(now) = patch.offset_day {
        changes.push(Change::text(
            "Day of the week (0 = Sunday)",
            day(before.offset_day),
            day(now),
        ));
    }
    if let Some(target) = &patch.destination {
        let spec = destination(before.destination.kind.as_str());
        for (key, now) in &target.config {
            // an object of fields (Redshift's COPY inputs): each field that changed
            let inner: Vec<&FieldSpec> = spec.map_or(Vec::new(), |s| {
                s.fields
                    .iter()
                    .filter(|f| f.key != key && top_key(f.key) == key)
                    .collect()
            });
            if !inner.is_empty() {
                for field in inner {
                    let (was, now) = (
                        config_value(&before.destination.config, field.key),
                        config_value(&target.config, field.key),
                    );
                    if field.secret && now.is_some() {
                        changes.push(Change::secret(field.label));
                    } else if !field.secret && was != now {
                        changes.push(Change::text(field.label, shown(was), shown(now)));
                    }
                }
                continue;
            }
            let field = spec.and_then(|s| s.field(key));
            let label = field.map_or("Destination setting", |f| f.label);
            if field.is_some_and(|f| f.secret) {
                changes.push(Change::secret(label));
            } else {
                changes.push(Change::text(
                    label,
                    shown(before.destination.config.get(key)),
                    shown(Some(now)),
                ));
            }
        }
        if let Some(now) = target.integration_id {
            let was = before.destination.integration.map(Value::from);
            changes.push(Change::text(
                "Integration ID",
                shown(was.as_ref()),
                now.to_string(),
            ));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(kind: &str, values: &[(&str, &str)]) -> ExportForm {
        let spec = destination(kind).unwrap();
        let mut all: Vec<(String, String)> = spec
            .initial_values(None)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        for (k, v) in values {
            all.retain(|(key, _)| key != k);
            all.push((k.to_string(), v.to_string()));
        }
        ExportForm {
            name: "Export".into(),
            kind: kind.into(),
            model: "events".into(),
            interval: "hour".into(),
            values: all,
            ..Default::default()
        }
    }

    #[test]
    fn every_destination_is_described() {
        for kind in [
            "S3",
            "Snowflake",
            "Postgres",
            "Redshift",
            "BigQuery",
            "Databricks",
            "HTTP",
        ] {
            let spec = destination(kind).unwrap();
            assert!(spec.fields.iter().any(|f| f.required), "{kind}");
            for field in spec.fields {
                if let Some((key, _)) = field.when {
                    assert!(
                        spec.field(key).is_some(),
                        "{kind}.{} depends on {key}",
                        field.key
                    );
                }
                if !field.default.is_empty() {
                    assert!(
                        default_value(field).is_some(),
                        "{kind}.{} default",
                        field.key
                    );
                }
            }
        }
        assert_eq!(destination("HTTP").unwrap().models, &["events"]);
        let pg = destination("Postgres").unwrap();
        assert!(pg.field("password").unwrap().secret && pg.field("password").unwrap().required);
    }

    #[test]
    fn defaults_are_filled_and_required_checked() {
        let f = form("S3", &[("bucket_name", "b"), ("region", "")]);
        let errors = f.create_body().unwrap_err();
        let keys: Vec<&str> = errors.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["region", "prefix"]);
        let ok = form(
            "S3",
            &[
                ("bucket_name", "b"),
                ("region", "eu"),
                ("prefix", "p/"),
                ("max_file_size_mb", "64"),
                ("include_events", "$pageview, signup\n"),
            ],
        );
        let body = ok.create_body().unwrap();
        assert_eq!(
            Value::Object(body.destination.config),
            json!({"bucket_name": "b", "region": "eu", "prefix": "p/", "file_format": "JSONLines",
                   "max_file_size_mb": 64, "use_virtual_style_addressing": false,
                   "include_events": ["$pageview", "signup"]})
        );
        let bad = form(
            "S3",
            &[
                ("bucket_name", "b"),
                ("region", "eu"),
                ("prefix", "p"),
                ("max_file_size_mb", "lots"),
            ],
        );
        assert_eq!(bad.create_body().unwrap_err()[0].0, "max_file_size_mb");
        let pg = form(
            "Postgres",
            &[
                ("host", "h"),
                ("user", "u"),
                ("password", "p"),
                ("database", "d"),
            ],
        );
        assert_eq!(
            pg.create_body().unwrap().destination.config["port"],
            json!(5432)
        );
    }

    #[test]
    fn model_and_offsets() {
        let mut http = form(
            "HTTP",
            &[("url", "https://us.i.posthog.com/batch/"), ("token", "phc")],
        );
        http.model = "persons".into();
        assert_eq!(http.create_body().unwrap_err()[0].0, "model");
        http.model = "events".into();
        http.interval = "week".into();
        http.offset_hour = "3".into();
        http.offset_day = "9".into();
        assert_eq!(http.create_body().unwrap_err()[0].0, "offset_day");
        http.offset_day = "1".into();
        let body = http.create_body().unwrap();
        assert_eq!((body.offset_hour, body.offset_day), (Some(3), Some(1)));
        http.interval = "hour".into();
        let body = http.create_body().unwrap();
        assert_eq!((body.offset_hour, body.offset_day), (None, None));
    }

    #[test]
    fn snowflake_password_or_key_pair() {
        let base = [
            ("account", "a"),
            ("user", "u"),
            ("database", "d"),
            ("warehouse", "w"),
            ("schema", "s"),
            ("password", "pw"),
            ("private_key", "KEY"),
        ];
        let pw = form("Snowflake", &base)
            .create_body()
            .unwrap()
            .destination
            .config;
        assert_eq!(pw["password"], json!("pw"));
        assert!(!pw.contains_key("private_key"));
        let mut kp = base.to_vec();
        kp.push(("authentication_type", "keypair"));
        let kp = form("Snowflake", &kp)
            .create_body()
            .unwrap()
            .destination
            .config;
        assert_eq!(kp["private_key"], json!("KEY"));
        assert!(!kp.contains_key("password"));
    }

    fn stored_s3() -> BatchExport {
        BatchExport {
            id: "be".into(),
            name: "Lake".into(),
            interval: Interval::Hour,
            destination: BatchExportDestination::new(
                DestinationType::S3,
                json!({"bucket_name": "b", "region": "eu", "prefix": "p/", "kms_key_id": "k", "encryption": "aws:kms"})
                    .as_object()
                    .unwrap()
                    .clone(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn edit_leaves_out_empty_secrets_and_unchanged_fields() {
        let before = stored_s3();
        let mut edit = ExportForm::from_export(&before);
        assert_eq!(edit.value("aws_secret_access_key"), "");
        assert_eq!(edit.value("file_format"), "JSONLines");
        // nothing changed: nothing sent (defaults the server does not echo are no change)
        assert!(edit.edit_patch(&before).unwrap().is_empty());
        edit.name = "Lake 2".into();
        for (k, v) in edit.values.iter_mut() {
            match k.as_str() {
                "bucket_name" => *v = "b2".into(),
                "aws_access_key_id" => *v = "AKIA".into(),
                "kms_key_id" => v.clear(),
                _ => {}
            }
        }
        let patch = serde_json::to_value(edit.edit_patch(&before).unwrap()).unwrap();
        assert_eq!(
            patch,
            json!({"name": "Lake 2", "destination": {"type": "S3", "config": {
                "bucket_name": "b2", "aws_access_key_id": "AKIA", "kms_key_id": null}}})
        );
        // a required secret may stay empty on edit
        let pg = BatchExport {
            destination: BatchExportDestination::new(
                DestinationType::Postgres,
                json!({"host": "h", "user": "u", "database": "d"})
                    .as_object()
                    .unwrap()
                    .clone(),
            ),
            name: "PG".into(),
            ..Default::default()
        };
        let edit = ExportForm::from_export(&pg);
        assert!(edit.edit_patch(&pg).is_ok());
        assert!(edit.create_body().is_err());
    }

    #[test]
    fn server_errors_find_their_field() {
        let s3 = destination("S3");
        assert_eq!(
            error_fields(Some("destination__config__bucket_name"), "x", s3),
            ["bucket_name"]
        );
        assert_eq!(
            error_fields(Some("destination.config.region"), "x", s3),
            ["region"]
        );
        assert_eq!(error_fields(Some("interval"), "x", s3), ["interval"]);
        assert_eq!(
            error_fields(
                Some("destination"),
                "Configuration is missing required field/s: bucket_name, prefix",
                s3
            ),
            ["bucket_name", "prefix"]
        );
        assert!(error_fields(
            Some("destination"),
            "Configuration has unknown field/s: nope",
            s3
        )
        .is_empty());
        assert!(error_fields(None, "x", s3).is_empty());
        assert_eq!(error_fields(Some("destination__type"), "x", s3), ["kind"]);
    }

    #[test]
    fn service_account_keys() {
        let key = r#"{"type": "service_account", "project_id": "p", "private_key_id": "id",
            "private_key": "-----BEGIN PRIVATE KEY-----\nX\n-----END PRIVATE KEY-----\n",
            "client_email": "e@p.iam.gserviceaccount.com", "token_uri": "https://oauth2.googleapis.com/token"}"#;
        let fields = service_account_fields(key).unwrap();
        assert_eq!(fields.len(), 5);
        assert_eq!(fields[0], ("project_id", "p".to_string()));
        assert!(service_account_fields("{nope").is_err());
        assert!(service_account_fields(r#"{"type": "user"}"#)
            .unwrap_err()
            .contains("service_account"));
        assert!(service_account_fields(r#"{"type": "service_account"}"#)
            .unwrap_err()
            .contains("project_id"));
    }

    fn run(status: RunStatus, start: &str, end: &str) -> BatchExportRun {
        BatchExportRun {
            status,
            data_interval_start: Some(start.into()),
            data_interval_end: end.into(),
            ..Default::default()
        }
    }

    #[test]
    fn states_and_health() {
        let mut be = stored_s3();
        assert_eq!(ExportState::of(&be), ExportState::Active);
        be.paused = true;
        assert_eq!(ExportState::of(&be), ExportState::Paused);
        be.latest_runs = vec![
            run(RunStatus::Running, "a", "b"),
            run(RunStatus::FailedRetryable, "a", "b"),
            run(RunStatus::Completed, "a", "b"),
        ];
        assert_eq!(ExportState::of(&be), ExportState::PausedAfterFailures);
        let h = health(&be.latest_runs);
        assert_eq!((h.failures, h.runs), (1, 3));
        assert_eq!(status_label(&RunStatus::FailedRetryable), "Failed");
        assert_eq!(
            ExportState::parse("failing"),
            Some(ExportState::PausedAfterFailures)
        );
    }

    #[test]
    fn instants() {
        assert_eq!(parse_instant("1970-01-02"), Some(86_400));
        assert_eq!(parse_instant("2024-03-01T00:00:00Z"), Some(1_709_251_200));
        assert_eq!(
            parse_instant("2024-03-01T02:00:00.5+02:00"),
            Some(1_709_251_200)
        );
        assert_eq!(parse_instant("2024-03-01T01:00"), Some(1_709_254_800));
        assert_eq!(parse_instant("yesterday"), None);
        assert_eq!(
            parse_instant_micros("2024-03-01 02:00:00.25+02:00"),
            Some(1_709_251_200_250_000)
        );
        assert_eq!(
            parse_instant_micros("2024-03-01T00:00:00.1234567Z"),
            Some(1_709_251_200_123_456)
        );
        assert_eq!(parse_instant("2024-02-29"), Some(1_709_164_800));
        for bad in [
            "2023-02-29",
            "2024-04-31",
            "2024/03/01",
            "2024-03-01T10:00:00xyz",
            "2024-03-01T10:00:00.",
            "2024-03-01T10:00:00+0200",
            "2024-03-01T10h00",
            "2024-03-01T24:00",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
        assert_eq!(format_instant(1_709_254_800), "2024-03-01T01:00");
        assert_eq!(offset_text(-330), "-05:30");
    }

    #[test]
    fn backfills_are_checked_and_previewed() {
        let now = parse_instant("2024-03-10T12:00:00Z").unwrap();
        let runs = [
            run(
                RunStatus::Completed,
                "2024-03-01T00:00:00Z",
                "2024-03-02T00:00:00Z",
            ),
            run(
                RunStatus::Failed,
                "2024-03-02T00:00:00Z",
                "2024-03-03T00:00:00Z",
            ),
        ];
        let plan =
            plan_backfill(&Interval::Day, "2024-03-01", "2024-03-04", 0, now, &runs).unwrap();
        assert_eq!((plan.intervals, plan.overlapping), (3, 1));
        assert_eq!(
            (plan.start_at.as_str(), plan.end_at.as_str()),
            ("2024-03-01", "2024-03-04")
        );
        let err =
            plan_backfill(&Interval::Day, "2024-03-04", "2024-03-01", 0, now, &runs).unwrap_err();
        assert_eq!(err.0, "end_at");
        let err =
            plan_backfill(&Interval::Day, "2024-03-01", "2024-03-11", 0, now, &runs).unwrap_err();
        assert!(err.1.contains("future"));
        let err =
            plan_backfill(&Interval::Hour, "", "2024-03-01T05:00", 0, now, &runs).unwrap_err();
        assert_eq!(err.0, "start_at");
        let plan = plan_backfill(
            &Interval::Hour,
            "2024-03-05T00:00",
            "2024-03-05T05:30",
            120,
            now,
            &[],
        )
        .unwrap();
        assert_eq!(plan.intervals, 6);
        assert_eq!(plan.start_at, "2024-03-05T00:00:00+02:00");
        assert!(plan_backfill(&Interval::Hour, "2024-03-05", "2024-03-06", 0, now, &[]).is_err());
    }

    #[test]
    fn databricks_sends_its_integration_beside_the_config() {
        let values = [
            (INTEGRATION, "42"),
            ("http_path", "/sql/1.0/warehouses/abc"),
            ("catalog", "main"),
            ("schema", "posthog"),
        ];
        let body = form("Databricks", &values).create_body().unwrap();
        assert_eq!(body.destination.integration_id, Some(42));
        assert!(!body.destination.config.contains_key(INTEGRATION));
        assert_eq!(body.destination.config["table_name"], "events");
        // required, and a whole number
        let missing = form("Databricks", &values[1..]).create_body().unwrap_err();
        assert!(missing.iter().any(|(k, _)| k == INTEGRATION), "{missing:?}");

        // edit: read back from `integration`; only a changed one is sent, beside the config
        let mut stored = body.destination.clone();
        stored.integration = stored.integration_id.take();
        let before = BatchExport {
            name: "DBX".into(),
            destination: stored,
            ..Default::default()
        };
        let mut edit = ExportForm::from_export(&before);
        assert_eq!(edit.value(INTEGRATION), "42");
        edit.name = "DBX".into();
        assert!(edit.edit_patch(&before).unwrap().destination.is_none());
        for (k, v) in &mut edit.values {
            if k == INTEGRATION {
                *v = "43".into();
            }
        }
        let patch = edit.edit_patch(&before).unwrap();
        let target = patch.destination.clone().unwrap();
        assert_eq!(target.integration_id, Some(43));
        assert!(target.config.is_empty(), "{:?}", target.config);
        let shown = patch_changes(&patch, &before);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].field, "Integration ID");
        assert_eq!(
            error_fields(Some("destination__integration_id"), "Invalid pk", None),
            vec![INTEGRATION.to_string()]
        );
    }

    #[test]
    fn redshift_copy_inputs_are_one_object_sent_whole() {
        let base = [
            ("host", "rs.example.com"),
            ("user", "posthog"),
            ("password", "pw"),
            ("database", "dev"),
        ];
        // INSERT (the default): no COPY inputs, none asked for
        let insert = form("Redshift", &base).create_body().unwrap();
        assert!(!insert.destination.config.contains_key("copy_inputs"));
        // COPY: its inputs are required, and nested as PostHog reads them
        let mut copy: Vec<(&str, &str)> = base.to_vec();
        copy.push(("mode", "COPY"));
        let missing = form("Redshift", &copy).create_body().unwrap_err();
        let keys: Vec<&str> = missing.iter().map(|(k, _)| k.as_str()).collect();
        assert!(keys.contains(&"copy_inputs.s3_bucket"), "{keys:?}");
        assert!(keys.contains(&"copy_inputs.bucket_credentials.aws_secret_access_key"));
        copy.extend([
            ("copy_inputs.s3_bucket", "staging"),
            ("copy_inputs.region_name", "eu-west-1"),
            ("copy_inputs.authorization", "arn:aws:iam::1:role/Copy"),
            ("copy_inputs.bucket_credentials.aws_access_key_id", "AKIA1"),
            (
                "copy_inputs.bucket_credentials.aws_secret_access_key",
                "s3cret",
            ),
        ]);
        let body = form("Redshift", &copy).create_body().unwrap();
        assert_eq!(
            body.destination.config["copy_inputs"],
            json!({"s3_bucket": "staging", "region_name": "eu-west-1",
                "authorization": "arn:aws:iam::1:role/Copy",
                "bucket_credentials": {"aws_access_key_id": "AKIA1", "aws_secret_access_key": "s3cret"}})
        );

        // edit: stored without its secrets (never answered)
        let mut stored = body.destination.config.clone();
        stored.remove("password");
        stored["copy_inputs"]
            .as_object_mut()
            .unwrap()
            .remove("bucket_credentials");
        let before = BatchExport {
            name: "Export".into(),
            destination: BatchExportDestination::new(DestinationType::parse("Redshift"), stored),
            ..Default::default()
        };
        let mut edit = ExportForm::from_export(&before);
        assert_eq!(edit.value("copy_inputs.s3_bucket"), "staging");
        assert!(
            edit.edit_patch(&before).unwrap().destination.is_none(),
            "nothing changed"
        );
        let set = |form: &mut ExportForm, key: &str, value: &str| {
            for (k, v) in &mut form.values {
                if k == key {
                    *v = value.to_string();
                }
            }
        };
        // a COPY input changed: the whole object goes, so its secrets must be typed again
        set(&mut edit, "copy_inputs.s3_bucket", "staging-2");
        let again = edit.edit_patch(&before).unwrap_err();
        assert_eq!(again.len(), 2, "{again:?}");
        assert!(again[0].1.contains("again"), "{again:?}");
        set(
            &mut edit,
            "copy_inputs.bucket_credentials.aws_access_key_id",
            "AKIA2",
        );
        set(
            &mut edit,
            "copy_inputs.bucket_credentials.aws_secret_access_key",
            "new",
        );
        let patch = edit.edit_patch(&before).unwrap();
        let config = patch.destination.clone().unwrap().config;
        assert_eq!(config.len(), 1, "only copy_inputs: {config:?}");
        assert_eq!(config["copy_inputs"]["s3_bucket"], "staging-2");
        assert_eq!(config["copy_inputs"]["region_name"], "eu-west-1");
        assert_eq!(
            config["copy_inputs"]["bucket_credentials"]["aws_access_key_id"],
            "AKIA2"
        );
        let shown = patch_changes(&patch, &before);
        let fields: Vec<&str> = shown.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                "S3 bucket for COPY",
                "Bucket access key ID",
                "Bucket secret access key"
            ]
        );
        assert!(shown[1].values.is_none(), "a secret shows no value");
        // the server's errors land on the nested field
        let spec = destination("Redshift");
        assert_eq!(
            error_fields(
                Some("destination__config__copy_inputs__s3_bucket"),
                "x",
                spec
            ),
            vec!["copy_inputs.s3_bucket".to_string()]
        );
    }
}
