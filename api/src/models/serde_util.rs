//! Lenient (de)serialization helpers: PostHog's schema and its real answers differ in places.
//! They read the value in place (a visitor, or `Option`/`String` first) rather than through a
//! `serde_json::Value`, so each model keeps one Deserialize and no second copy for `Value`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// `null` (or a missing field, with `#[serde(default)]`) becomes `T::default()`.
pub fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A list of objects with `id` and `name` (an organization's `teams`) as (id, name) pairs: read
/// through `serde_json::Value`, whose decoder the app has anyway, instead of a struct of its own
/// (a struct cost 1.7 KB gzip on every page of the console).
pub fn id_name_pairs<'de, D>(d: D) -> Result<Vec<(i64, String)>, D::Error>
where
    D: Deserializer<'de>,
{
    let list = Option::<Vec<serde_json::Value>>::deserialize(d)?.unwrap_or_default();
    Ok(list
        .iter()
        .filter_map(|item| {
            let id = item.get("id")?.as_i64()?;
            let name = item.get("name").and_then(serde_json::Value::as_str);
            Some((id, name.unwrap_or_default().to_string()))
        })
        .collect())
}

/// (id, name) pairs written back as PostHog's objects.
pub fn id_name_objects<S: serde::Serializer>(
    pairs: &[(i64, String)],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(
        pairs
            .iter()
            .map(|(id, name)| serde_json::json!({"id": id, "name": name})),
    )
}

/// For `Option<Option<T>>` patch fields: absent -> `None` (with `#[serde(default)]`),
/// `null` -> `Some(None)`, a value -> `Some(Some(v))`.
pub fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// `""` and `null` become `None`; any other string is read by `T`'s `From<&str>` (the string
/// enumerations, which keep unknown values as `Other`).
pub fn empty_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    Ok(Option::<String>::deserialize(d)?
        .filter(|s| !s.is_empty())
        .map(|s| T::from(s.as_str())))
}

/// A count the schema calls a string but servers send as a number: number, numeric string, or none.
pub fn lenient_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(Lenient::<Option<u64>>(PhantomData))
}

/// A flag the schema calls a string: `true`/`false`, "true"/"false", anything else false.
#[cfg(feature = "full")]
pub fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    d.deserialize_any(Lenient::<bool>(PhantomData))
}

/// A list of strings whose items may be null: nulls dropped, `null` list -> empty.
pub fn strings_skip_null<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let items = Option::<Vec<Option<String>>>::deserialize(d)?.unwrap_or_default();
    Ok(items.into_iter().flatten().collect())
}

/// A list the schema calls a string (e.g. a role's `members`): an array is read item by item,
/// anything else is an empty list.
pub fn list_or_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(Lenient::<Vec<T>>(PhantomData))
}

/// A value read from whatever JSON shape comes, falling back to a default for the shapes it
/// does not take (their contents are skipped).
struct Lenient<T>(PhantomData<T>);

/// How a [`Lenient`] target reads each shape; the defaults give the fallback.
trait LenientTarget<'de>: Default + Sized {
    fn from_u64(_: u64) -> Self {
        Self::default()
    }
    fn from_f64(_: f64) -> Self {
        Self::default()
    }
    fn from_text(_: &str) -> Self {
        Self::default()
    }
    fn from_bool(_: bool) -> Self {
        Self::default()
    }
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Self::default())
    }
}

impl LenientTarget<'_> for Option<u64> {
    fn from_u64(v: u64) -> Self {
        Some(v)
    }
    fn from_f64(v: f64) -> Self {
        (v >= 0.0).then_some(v as u64)
    }
    fn from_text(v: &str) -> Self {
        v.trim().parse().ok()
    }
}

#[cfg(feature = "full")]
impl LenientTarget<'_> for bool {
    fn from_bool(v: bool) -> Self {
        v
    }
    fn from_text(v: &str) -> Self {
        v.eq_ignore_ascii_case("true")
    }
}

impl<'de, T: Deserialize<'de>> LenientTarget<'de> for Vec<T> {
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(items)
    }
}

impl<'de, T: LenientTarget<'de>> Visitor<'de> for Lenient<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        Ok(T::from_bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Ok(T::from_u64(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Ok(u64::try_from(v).map(T::from_u64).unwrap_or_default())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Ok(T::from_f64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from_text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::from_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(T::default())
    }
}
