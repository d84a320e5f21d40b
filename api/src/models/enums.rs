//! The API's enumerations, each with a catch-all `Other(..)` so a value added by a newer server
//! still decodes (and round-trips unchanged).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A string enumeration: `as_str()` (wire value), `label()` (for people), `ALL` (known values).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $name:ident (default $default:ident) {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal => $label:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this client does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// The known values, in the order a UI offers them.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Other(s) => s.as_str(),
                }
            }

            /// A label for people (the wire value for `Other`).
            pub fn label(&self) -> &str {
                match self {
                    $( $name::$variant => $label, )*
                    $name::Other(s) => s.as_str(),
                }
            }

            /// The variant for a wire value (`Other` when unknown).
            pub fn parse(value: &str) -> $name {
                match value {
                    $( $value => $name::$variant, )*
                    other => $name::Other(other.to_string()),
                }
            }

            /// The known values.
            pub fn known() -> &'static [$name] {
                Self::ALL
            }

            /// False for `Other`.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                $name::parse(value)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok($name::parse(&value))
            }
        }
    };
}

/// An integer enumeration: `as_u8()`/`value()` (wire value), `label()`, `ALL`.
macro_rules! int_enum {
    (
        $(#[$meta:meta])*
        $name:ident (default $default:ident) {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal => $label:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this client does not know, kept as sent.
            Other(u8),
        }

        impl $name {
            /// The known values, in the order a UI offers them.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value on the wire.
            pub fn as_u8(&self) -> u8 {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Other(n) => *n,
                }
            }

            /// Same as [`Self::as_u8`].
            pub fn value(&self) -> u8 {
                self.as_u8()
            }

            /// The variant for a wire value (`Other` when unknown).
            pub fn from_u8(value: u8) -> $name {
                match value {
                    $( $value => $name::$variant, )*
                    other => $name::Other(other),
                }
            }

            /// A label for people ("Unknown" for `Other`; `Display` shows its number).
            pub fn label(&self) -> &'static str {
                match self {
                    $( $name::$variant => $label, )*
                    $name::Other(_) => "Unknown",
                }
            }

            /// The known values.
            pub fn known() -> &'static [$name] {
                Self::ALL
            }

            /// False for `Other`.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $name::Other(n) => write!(f, "{} ({n})", stringify!($name)),
                    known => f.write_str(known.label()),
                }
            }
        }

        impl From<u8> for $name {
            fn from(value: u8) -> Self {
                $name::from_u8(value)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_u8(self.as_u8())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(SmallIntVisitor).map($name::from_u8)
            }
        }
    };
}

/// Reads a small integer sent as a number or as a numeric string.
struct SmallIntVisitor;

impl<'de> Visitor<'de> for SmallIntVisitor {
    type Value = u8;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer from 0 to 255")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u8, E> {
        u8::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u8, E> {
        u8::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u8, E> {
        if v.fract() == 0.0 && (0.0..=255.0).contains(&v) {
            Ok(v as u8)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u8, E> {
        v.trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

int_enum! {
    /// A member's level in an organization (`level`, `membership_level`).
    MembershipLevel (default Member) {
        Member = 1 => "Member",
        Admin = 8 => "Admin",
        Owner = 15 => "Owner",
    }
}

impl MembershipLevel {
    /// For comparing levels: the wire value (higher is more).
    pub fn rank(&self) -> u8 {
        self.as_u8()
    }

    /// Admin or owner.
    pub fn is_admin(&self) -> bool {
        self.rank() >= MembershipLevel::Admin.rank()
    }
}

impl PartialOrd for MembershipLevel {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MembershipLevel {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

int_enum! {
    /// What an organization may do with plugins/apps (`plugins_access_level`).
    PluginsAccessLevel (default None) {
        None = 0 => "None",
        Config = 3 => "Config",
        Install = 6 => "Install",
        Root = 9 => "Root",
    }
}

int_enum! {
    /// A role's feature flag access (older servers; the seed shows 21).
    FeatureFlagsAccessLevel (default CanOnlyView) {
        CanOnlyView = 21 => "Can only view",
        CanAlwaysEdit = 37 => "Can always edit",
    }
}

int_enum! {
    /// First day of the week of a project (`week_start_day`).
    WeekStartDay (default Sunday) {
        Sunday = 0 => "Sunday",
        Monday = 1 => "Monday",
    }
}

string_enum! {
    /// Status of a managed reverse proxy record.
    ProxyRecordStatus (default Waiting) {
        Waiting = "waiting" => "Waiting for DNS",
        Issuing = "issuing" => "Issuing certificate",
        Valid = "valid" => "Live",
        Warning = "warning" => "Warning",
        Erroring = "erroring" => "Error",
        Deleting = "deleting" => "Deleting",
        TimedOut = "timed_out" => "Timed out",
    }
}

impl ProxyRecordStatus {
    /// Still on its way to live (the UI may poll).
    pub fn is_pending(&self) -> bool {
        matches!(
            self,
            ProxyRecordStatus::Waiting | ProxyRecordStatus::Issuing | ProxyRecordStatus::Deleting
        )
    }

    /// A DELETE removes the record at once (otherwise it goes to `deleting`).
    pub fn deletes_immediately(&self) -> bool {
        matches!(
            self,
            ProxyRecordStatus::Waiting | ProxyRecordStatus::Erroring | ProxyRecordStatus::TimedOut
        )
    }
}

string_enum! {
    /// Where a batch export sends data (`destination.type`).
    DestinationType (default S3) {
        S3 = "S3" => "S3",
        Snowflake = "Snowflake" => "Snowflake",
        Postgres = "Postgres" => "PostgreSQL",
        Redshift = "Redshift" => "Redshift",
        BigQuery = "BigQuery" => "BigQuery",
        Databricks = "Databricks" => "Databricks",
        Http = "HTTP" => "HTTP",
        NoOp = "NoOp" => "No-op (testing)",
        AwsS3 = "AwsS3" => "AWS S3",
        S3Compatible = "S3Compatible" => "S3-compatible storage",
        AzureBlob = "AzureBlob" => "Azure Blob Storage",
        FileDownload = "FileDownload" => "File download",
    }
}

string_enum! {
    /// How often a batch export runs.
    Interval (default Hour) {
        Hour = "hour" => "Hourly",
        Day = "day" => "Daily",
        Week = "week" => "Weekly",
        Every5Minutes = "every 5 minutes" => "Every 5 minutes",
        Every15Minutes = "every 15 minutes" => "Every 15 minutes",
    }
}

string_enum! {
    /// What a batch export exports.
    BatchExportModel (default Events) {
        Events = "events" => "Events",
        Persons = "persons" => "Persons",
        Sessions = "sessions" => "Sessions",
    }
}

string_enum! {
    /// Status of a batch export run.
    RunStatus (default Starting) {
        Cancelled = "Cancelled" => "Cancelled",
        Completed = "Completed" => "Completed",
        ContinuedAsNew = "ContinuedAsNew" => "Continued as new",
        Failed = "Failed" => "Failed",
        FailedRetryable = "FailedRetryable" => "Failed (will retry)",
        FailedBilling = "FailedBilling" => "Failed (billing)",
        Terminated = "Terminated" => "Terminated",
        TimedOut = "TimedOut" => "Timed out",
        Running = "Running" => "Running",
        Starting = "Starting" => "Starting",
    }
}

impl RunStatus {
    /// Failed, FailedRetryable, FailedBilling, Terminated or TimedOut.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            RunStatus::Failed
                | RunStatus::FailedRetryable
                | RunStatus::FailedBilling
                | RunStatus::Terminated
                | RunStatus::TimedOut
        )
    }

    /// Running, Starting or ContinuedAsNew.
    pub fn is_in_progress(&self) -> bool {
        matches!(
            self,
            RunStatus::Running | RunStatus::Starting | RunStatus::ContinuedAsNew
        )
    }
}

string_enum! {
    /// Login method a verified domain enforces (`sso_enforcement`; "" is none).
    SsoEnforcement (default None) {
        None = "" => "None",
        GoogleOAuth2 = "google-oauth2" => "Google",
        Github = "github" => "GitHub",
        Gitlab = "gitlab" => "GitLab",
        Saml = "saml" => "SAML",
    }
}

string_enum! {
    /// Level of a batch export log entry.
    LogLevel (default Info) {
        Debug = "DEBUG" => "Debug",
        Log = "LOG" => "Log",
        Info = "INFO" => "Info",
        Warning = "WARNING" => "Warning",
        Error = "ERROR" => "Error",
    }
}

string_enum! {
    /// Access an invite grants to a private project.
    ProjectAccessLevel (default Member) {
        Member = "member" => "Member",
        Admin = "admin" => "Admin",
    }
}
