//! Limit/offset pagination: PostHog's `{count, next, previous, results}` page and the
//! limit/offset read out of its `next`/`previous` links.

use serde::{Deserialize, Serialize};

use crate::request::query_pairs;

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    #[serde(default)]
    pub count: u64,
    /// Absolute URL of the next page (on the server's own host), if any.
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub previous: Option<String>,
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            count: 0,
            next: None,
            previous: None,
            results: Vec::new(),
        }
    }
}

/// Where a page starts: what to pass as `limit`/`offset` to the list function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PageQuery {
    pub limit: Option<u32>,
    pub offset: u32,
}

impl PageQuery {
    /// Reads `limit` and `offset` from a URL's query string (its host and path are ignored);
    /// a missing offset is 0.
    pub fn from_url(url: &str) -> PageQuery {
        let mut query = PageQuery::default();
        for (key, value) in query_pairs(url) {
            match key.as_str() {
                "limit" => query.limit = value.trim().parse().ok(),
                "offset" => query.offset = value.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
        query
    }

    /// `limit` as the list functions take it.
    pub fn limit(&self) -> Option<u32> {
        self.limit
    }

    /// `offset` as the list functions take it (`None` for 0).
    pub fn offset(&self) -> Option<u32> {
        (self.offset > 0).then_some(self.offset)
    }
}

impl<T> Page<T> {
    /// Limit/offset of the next page, if there is one.
    pub fn next_query(&self) -> Option<PageQuery> {
        self.next.as_deref().map(PageQuery::from_url)
    }

    /// Limit/offset of the previous page, if there is one (no offset in the link means 0).
    pub fn previous_query(&self) -> Option<PageQuery> {
        self.previous.as_deref().map(PageQuery::from_url)
    }

    /// Builds the page of `all` that Django REST framework's limit/offset pagination would answer
    /// at `url` (the list URL without limit/offset, other query parameters allowed): used by the
    /// demo server.
    pub fn from_slice(all: &[T], url: &str, limit: u32, offset: u32) -> Page<T>
    where
        T: Clone,
    {
        let count = all.len();
        let start = (offset as usize).min(count);
        let end = start.saturating_add(limit as usize).min(count);
        let link = |offset: Option<u32>| {
            let sep = if url.contains('?') { '&' } else { '?' };
            match offset {
                Some(o) => format!("{url}{sep}limit={limit}&offset={o}"),
                None => format!("{url}{sep}limit={limit}"),
            }
        };
        let next = (limit > 0 && (offset as usize).saturating_add(limit as usize) < count)
            .then(|| link(Some(offset.saturating_add(limit))));
        let previous = if offset == 0 {
            None
        } else if offset <= limit {
            Some(link(None))
        } else {
            Some(link(Some(offset - limit)))
        };
        Page {
            count: count as u64,
            next,
            previous,
            results: all[start..end].to_vec(),
        }
    }
}
