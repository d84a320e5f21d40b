//! A request description independent of any HTTP client: method, path, query and JSON body, plus
//! the decoding of the answer into the expected type (or an [`ApiError`]).

use std::fmt;
use std::marker::PhantomData;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::error::ApiError;

/// The HTTP methods the organization API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    /// "GET", "POST", "PATCH" or "DELETE".
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One API call, described: `T` is the type a successful answer decodes to.
///
/// Build it with the functions of [`crate::endpoints`]; send it with any HTTP client
/// (`method`, [`Request::url`], [`Request::body_json`] with `Content-Type: application/json`),
/// then hand the status, the `Retry-After` header and the body text to [`Request::decode`].
pub struct Request<T> {
    pub method: Method,
    /// Starts with `/api/` (`/api/organizations/` but for one create, see
    /// `batch_exports::create_in_project`) and ends with `/`; path parameters are percent-encoded.
    pub path: String,
    /// Query pairs, not yet encoded.
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
    response: PhantomData<fn() -> T>,
}

impl<T> Request<T> {
    /// A request without query or body; `path` must already be encoded.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            response: PhantomData,
        }
    }

    /// Adds a query pair.
    pub fn with_query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Adds a query pair when `value` is `Some`.
    pub fn with_optional_query(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.with_query(key, v.to_string()),
            None => self,
        }
    }

    /// Sets the JSON body.
    pub fn with_body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Sets the JSON body from any serializable value.
    pub fn with_json<B: Serialize + ?Sized>(self, body: &B) -> Self {
        // Serializing our own models into a Value cannot fail (string keys, no non-finite floats).
        let value = serde_json::to_value(body).unwrap_or(Value::Null);
        self.with_body(value)
    }

    /// The encoded query string without `?` ("limit=10&offset=20"); empty when there is no query.
    pub fn query_string(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.query.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.extend(utf8_percent_encode(k, ESCAPED));
            out.push('=');
            out.extend(utf8_percent_encode(v, ESCAPED));
        }
        out
    }

    /// Path plus encoded query: "/api/organizations/x/members/?limit=10&offset=20".
    pub fn path_and_query(&self) -> String {
        let query = self.query_string();
        if query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, query)
        }
    }

    /// Absolute (or same-origin, with `base` "") URL: `base` without its trailing '/' + path and query.
    pub fn url(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.path_and_query())
    }

    /// The body as JSON text, if any.
    pub fn body_json(&self) -> Option<String> {
        self.body.as_ref().map(crate::json::to_text)
    }
}

impl<T: DeserializeOwned> Request<T> {
    /// Turns an HTTP answer into `T` (2xx) or an [`ApiError`] (anything else, or a 2xx body that is
    /// not a `T`). An empty 2xx body decodes as JSON `null` (accepted by [`NoContent`] and `Value`).
    pub fn decode(
        &self,
        status: u16,
        retry_after: Option<&str>,
        body: &str,
    ) -> Result<T, ApiError> {
        decode_response(status, retry_after, body)
    }
}

/// [`Request::decode`] without a request at hand.
pub fn decode_response<T: DeserializeOwned>(
    status: u16,
    retry_after: Option<&str>,
    body: &str,
) -> Result<T, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, retry_after, body));
    }
    let result = if body.trim().is_empty() {
        T::deserialize(Value::Null).map_err(|e| e.to_string())
    } else {
        serde_json::from_str::<T>(body).map_err(|e| e.to_string())
    };
    result.map_err(|message| ApiError::decode(status, message, body))
}

impl<T> Clone for Request<T> {
    fn clone(&self) -> Self {
        Request {
            method: self.method,
            path: self.path.clone(),
            query: self.query.clone(),
            body: self.body.clone(),
            response: PhantomData,
        }
    }
}

impl<T> PartialEq for Request<T> {
    fn eq(&self, other: &Self) -> bool {
        self.method == other.method
            && self.path == other.path
            && self.query == other.query
            && self.body == other.body
    }
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &self.body)
            .finish()
    }
}

/// The success type of endpoints without a useful body (204, or "200 with no body"): decodes from
/// anything, including an empty body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoContent;

impl<'de> Deserialize<'de> for NoContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Ok(NoContent)
    }
}

impl Serialize for NoContent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, ESCAPED).to_string()
}

/// Encodes one path segment; "." and ".." are encoded too so they cannot walk the path.
pub fn encode_path_segment(s: &str) -> String {
    if s == "." || s == ".." {
        s.replace('.', "%2E")
    } else {
        percent_encode(s)
    }
}

/// Decodes `%XX` escapes (and `+` as a space, as in form-encoded query strings); invalid escapes
/// are kept as they are.
pub fn percent_decode(s: &str) -> String {
    percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// The `(key, value)` pairs of a URL's query string (host and path ignored, fragment dropped),
/// decoded.
pub fn query_pairs(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else {
        return Vec::new();
    };
    let query = query.split('#').next().unwrap_or("");
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}
