//! Limit/offset pages as PostHog (DRF) answers them, with absolute `next`/`previous` links on the
//! request's own host that keep the other query parameters; plus URL query helpers.

use serde_json::{json, Value};

/// PostHog's default page size.
pub const DEFAULT_LIMIT: usize = 100;

/// Where a request was sent: enough to build links back to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestUrl {
    /// `http://host:port`, from the Host header.
    pub base: String,
    /// The path as requested (trailing slash or not).
    pub path: String,
    /// The decoded query pairs, in order.
    pub query: Vec<(String, String)>,
}

impl RequestUrl {
    /// The first value of a query parameter.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// This URL with `key` set to `value` (or removed for `None`), parameters sorted by name as
    /// Django's `replace_query_param` writes them.
    pub fn with(&self, changes: &[(&str, Option<String>)]) -> String {
        let mut pairs: Vec<(String, String)> = self.query.clone();
        for (key, value) in changes {
            pairs.retain(|(k, _)| k != key);
            if let Some(v) = value {
                pairs.push((key.to_string(), v.clone()));
            }
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        if query.is_empty() {
            format!("{}{}", self.base, self.path)
        } else {
            format!("{}{}?{}", self.base, self.path, query.join("&"))
        }
    }
}

/// Limit and offset read as DRF does: a limit that is not a positive integer is the default,
/// an offset that is not a non-negative integer is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitOffset {
    pub limit: usize,
    pub offset: usize,
}

impl LimitOffset {
    pub fn from_url(url: &RequestUrl, default_limit: usize) -> LimitOffset {
        let limit = url
            .param("limit")
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|n| *n > 0)
            .unwrap_or(default_limit);
        let offset = url
            .param("offset")
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        LimitOffset { limit, offset }
    }
}

/// `next` for a page, or `None` on the last one.
pub fn next_link(url: &RequestUrl, lo: LimitOffset, count: usize) -> Option<String> {
    if lo.offset + lo.limit >= count {
        return None;
    }
    Some(url.with(&[
        ("limit", Some(lo.limit.to_string())),
        ("offset", Some((lo.offset + lo.limit).to_string())),
    ]))
}

/// `previous` for a page, or `None` on the first one (the offset is left out when it would be 0).
pub fn previous_link(url: &RequestUrl, lo: LimitOffset) -> Option<String> {
    if lo.offset == 0 {
        return None;
    }
    let offset = lo.offset.saturating_sub(lo.limit);
    Some(url.with(&[
        ("limit", Some(lo.limit.to_string())),
        ("offset", (offset > 0).then(|| offset.to_string())),
    ]))
}

/// `{count, next, previous, results}` of one page of `items`.
pub fn page(url: &RequestUrl, items: Vec<Value>, default_limit: usize) -> Value {
    let lo = LimitOffset::from_url(url, default_limit);
    page_with(url, items, lo)
}

pub fn page_with(url: &RequestUrl, items: Vec<Value>, lo: LimitOffset) -> Value {
    let count = items.len();
    let results: Vec<Value> = items.into_iter().skip(lo.offset).take(lo.limit).collect();
    json!({
        "count": count,
        "next": next_link(url, lo, count),
        "previous": previous_link(url, lo),
        "results": results,
    })
}

/// Parses a query string (`a=1&b=x+y`) into decoded pairs, in order.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Python's `quote_plus`, as Django writes links: form encoding, except that `~` stays and `*` is
/// escaped.
pub fn encode_component(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes())
        .collect::<String>()
        .replace('*', "%2A")
        .replace("%7E", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(path: &str, query: &str) -> RequestUrl {
        RequestUrl {
            base: "http://127.0.0.1:8080".to_string(),
            path: path.to_string(),
            query: parse_query(query),
        }
    }

    #[test]
    fn next_and_previous_links() {
        let u = url(
            "/api/organizations/x/members/",
            "limit=10&offset=20&search=ann",
        );
        let lo = LimitOffset::from_url(&u, DEFAULT_LIMIT);
        assert_eq!(
            lo,
            LimitOffset {
                limit: 10,
                offset: 20
            }
        );
        assert_eq!(
            next_link(&u, lo, 120).unwrap(),
            "http://127.0.0.1:8080/api/organizations/x/members/?limit=10&offset=30&search=ann"
        );
        assert_eq!(
            previous_link(&u, lo).unwrap(),
            "http://127.0.0.1:8080/api/organizations/x/members/?limit=10&offset=10&search=ann"
        );
        assert_eq!(next_link(&u, lo, 30), None);
    }

    #[test]
    fn first_and_second_pages() {
        let u = url("/api/organizations/", "");
        let lo = LimitOffset::from_url(&u, DEFAULT_LIMIT);
        assert_eq!(
            lo,
            LimitOffset {
                limit: 100,
                offset: 0
            }
        );
        assert_eq!(previous_link(&u, lo), None);
        assert_eq!(
            next_link(&u, lo, 101).unwrap(),
            "http://127.0.0.1:8080/api/organizations/?limit=100&offset=100"
        );
        // previous of the second page drops offset
        let u2 = url("/api/organizations/", "offset=5&limit=5&email=A%40b.io");
        let lo2 = LimitOffset::from_url(&u2, DEFAULT_LIMIT);
        assert_eq!(
            previous_link(&u2, lo2).unwrap(),
            "http://127.0.0.1:8080/api/organizations/?email=A%40b.io&limit=5"
        );
    }

    #[test]
    fn bad_limits_fall_back() {
        for q in ["limit=0", "limit=-3", "limit=abc", "offset=x"] {
            let lo = LimitOffset::from_url(&url("/", q), 50);
            assert!(lo.limit == 50 && lo.offset == 0, "{q}");
        }
    }

    #[test]
    fn page_slices() {
        let items: Vec<Value> = (0..25).map(|i| json!(i)).collect();
        let p = page(&url("/l", "limit=10&offset=20"), items, DEFAULT_LIMIT);
        assert_eq!(p["count"], 25);
        assert_eq!(p["results"], json!([20, 21, 22, 23, 24]));
        assert_eq!(p["next"], Value::Null);
        assert_eq!(p["previous"], "http://127.0.0.1:8080/l?limit=10&offset=10");
    }

    #[test]
    fn query_codec() {
        assert_eq!(
            parse_query("search=ann+lee&order=-joined_at&x"),
            vec![
                ("search".to_string(), "ann lee".to_string()),
                ("order".to_string(), "-joined_at".to_string()),
                ("x".to_string(), String::new()),
            ]
        );
        assert_eq!(encode_component("a b@c/d"), "a+b%40c%2Fd");
        assert_eq!(encode_component("~x*"), "~x%2A");
    }
}
