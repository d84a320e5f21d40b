//! Reading a batch export's body: the fields create and update share, the destination, and
//! datetimes as DRF accepts them.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::super::timezones::is_timezone;
use super::super::validate::{self, Str};
use super::destinations::destination;
use super::{INTERVALS, MODELS};
use crate::errors::ErrorReply;

/// A datetime (offset or `Z`, else UTC) or a date (midnight UTC), read as the console reads it.
pub fn parse_datetime(value: &str) -> Option<DateTime<Utc>> {
    api::destinations::parse_instant_micros(value).and_then(DateTime::from_timestamp_micros)
}

pub(super) fn datetime_field(
    body: &Map<String, Value>,
    key: &str,
) -> Result<Option<Option<DateTime<Utc>>>, ErrorReply> {
    match body.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(Some(None)),
        Some(Value::String(s)) => parse_datetime(s).map(|t| Some(Some(t))).ok_or_else(|| {
            ErrorReply::field(
                key,
                "invalid",
                "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
            )
        }),
        Some(_) => Err(ErrorReply::field(
            key,
            "invalid",
            "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
        )),
    }
}

/// A body's destination: its type (if given), config, and `integration_id` (absent: `None`;
/// `null`: `Some(None)`).
type DestinationInput = (Option<String>, Map<String, Value>, Option<Option<i64>>);

pub(super) fn read_destination(
    body: &Map<String, Value>,
) -> Result<Option<DestinationInput>, ErrorReply> {
    let Some(value) = body.get("destination") else {
        return Ok(None);
    };
    let Value::Object(dest) = value else {
        return Err(ErrorReply::field(
            "destination",
            "invalid",
            format!(
                "Invalid data. Expected a dictionary, but got {}.",
                validate::json_type_name(value)
            ),
        ));
    };
    let kind = match dest.get("type") {
        None => None,
        Some(Value::String(k)) if destination(k).is_some() => Some(k.clone()),
        Some(other) => return Err(ErrorReply::invalid_choice("destination__type", other)),
    };
    let config = match dest.get("config") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(c)) => c.clone(),
        Some(other) => {
            return Err(ErrorReply::field(
                "destination__config",
                "invalid",
                format!(
                    "Expected a dictionary of items but got type \"{}\".",
                    validate::json_type_name(other)
                ),
            ))
        }
    };
    let integration = match dest.get("integration_id") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::Number(n)) if n.as_i64().is_some() => Some(n.as_i64()),
        Some(other) => {
            return Err(ErrorReply::field(
                "destination__integration_id",
                "incorrect_type",
                format!(
                    "Incorrect type. Expected pk value, received {}.",
                    validate::json_type_name(other)
                ),
            ))
        }
    };
    Ok(Some((kind, config, integration)))
}

/// The fields shared by create and update, checked.
pub(super) struct Fields {
    pub(super) name: Option<String>,
    pub(super) model: Option<Option<String>>,
    pub(super) interval: Option<String>,
    pub(super) paused: Option<bool>,
    pub(super) start_at: Option<Option<DateTime<Utc>>>,
    pub(super) end_at: Option<Option<DateTime<Utc>>>,
    pub(super) hogql_query: Option<String>,
    pub(super) timezone: Option<Option<String>>,
    pub(super) offset_day: Option<Option<i64>>,
    pub(super) offset_hour: Option<Option<i64>>,
}

pub(super) fn read_fields(body: &Map<String, Value>) -> Result<Fields, ErrorReply> {
    let name = validate::opt_string(body, "name", Str::max(255))?;
    let model = match body.get("model") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(s)) if s.is_empty() => Some(None),
        Some(_) => validate::choice(body, "model", MODELS)?.map(|m| Some(m.to_string())),
    };
    let interval = validate::choice(body, "interval", INTERVALS)?.map(str::to_string);
    let paused = validate::opt_bool(body, "paused")?;
    let start_at = datetime_field(body, "start_at")?;
    let end_at = datetime_field(body, "end_at")?;
    let hogql_query = validate::opt_string(body, "hogql_query", Str::max(100_000).blank_ok())?;
    let timezone = match body.get("timezone") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(tz)) if is_timezone(tz) => Some(Some(tz.clone())),
        Some(other) => return Err(ErrorReply::invalid_choice("timezone", other)),
    };
    let offset_day = validate::integer(body, "offset_day", 0, 6, true)?;
    let offset_hour = validate::integer(body, "offset_hour", 0, 23, true)?;
    if let (Some(Some(s)), Some(Some(e))) = (&start_at, &end_at) {
        if s >= e {
            return Err(ErrorReply::field(
                "end_at",
                "invalid",
                "end_at must be after start_at.",
            ));
        }
    }
    Ok(Fields {
        name,
        model,
        interval,
        paused,
        start_at,
        end_at,
        hogql_query,
        timezone,
        offset_day,
        offset_hour,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_and_dates() {
        let read = |text| parse_datetime(text).map(|t| crate::demo::store::ts(&t));
        for (text, read_as) in [
            ("2024-05-01", "2024-05-01T00:00:00.000000Z"),
            (
                "2024-05-01T10:00:00.123456+02:00",
                "2024-05-01T08:00:00.123456Z",
            ),
            ("2024-05-01T10:00", "2024-05-01T10:00:00.000000Z"),
        ] {
            assert_eq!(read(text).as_deref(), Some(read_as), "{text}");
        }
        assert_eq!(read("yesterday"), None);
        assert_eq!(read("2024-02-30"), None);
    }
}
