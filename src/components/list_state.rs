//! List state (page, page size, filter, order) lives in the URL query: back/forward restore it,
//! a reload keeps it, a link shares it. Changing the filter or size returns to page 1.

use api::request::percent_encode;
use api::{Page, Request};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::hooks::use_current_org;
use crate::http::use_http;
use crate::http::Loaded;
use crate::nav::{navigate_to_query, use_query_map};

pub const PAGE_SIZES: [u32; 4] = [10, 25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 25;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListState {
    /// 1-based page number.
    pub page: u32,
    pub size: u32,
    pub filter: String,
    pub order: String,
}

impl Default for ListState {
    fn default() -> Self {
        ListState {
            page: 1,
            size: DEFAULT_PAGE_SIZE,
            filter: String::new(),
            order: String::new(),
        }
    }
}

impl ListState {
    pub fn offset(&self) -> u32 {
        (self.page.max(1) - 1) * self.size
    }

    pub fn limit(&self) -> u32 {
        self.size
    }

    /// The query string for this state (defaults left out), without the leading '?'.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if self.size != DEFAULT_PAGE_SIZE {
            parts.push(format!("size={}", self.size));
        }
        if !self.filter.is_empty() {
            parts.push(format!("q={}", percent_encode(&self.filter)));
        }
        if !self.order.is_empty() {
            parts.push(format!("order={}", percent_encode(&self.order)));
        }
        parts.join("&")
    }

    pub fn with_page(&self, page: u32) -> ListState {
        ListState {
            page: page.max(1),
            ..self.clone()
        }
    }

    pub fn with_size(&self, size: u32) -> ListState {
        ListState {
            page: 1,
            size,
            ..self.clone()
        }
    }

    pub fn with_filter(&self, filter: String) -> ListState {
        ListState {
            page: 1,
            filter,
            ..self.clone()
        }
    }

    pub fn with_order(&self, order: String) -> ListState {
        ListState {
            page: 1,
            order,
            ..self.clone()
        }
    }
}

/// The list state of the current URL, and a setter that navigates (one history entry per change).
pub fn use_list_state() -> (Memo<ListState>, Callback<ListState>) {
    let query = use_query_map();
    let state = crate::reactive::memo(move || {
        query.with(|q| {
            let page = q
                .get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1);
            let size = q
                .get("size")
                .and_then(|s| s.parse::<u32>().ok())
                .filter(|s| PAGE_SIZES.contains(s))
                .unwrap_or(DEFAULT_PAGE_SIZE);
            ListState {
                page,
                size,
                filter: q.get("q").unwrap_or_default(),
                order: q.get("order").unwrap_or_default(),
            }
        })
    });
    let set_state = Callback::new(move |next: ListState| navigate_to_query(&next.to_query()));
    (state, set_state)
}

/// A page of a list as a list page loads it.
pub type PageResource<T> = Loaded<Page<T>>;

/// A paginated list as a list page shows it: the list state of the URL, its setter, and the
/// page loaded for that state.
pub struct PagedList<T: 'static> {
    pub page: PageResource<T>,
    pub state: Memo<ListState>,
    pub set_state: Callback<ListState>,
}

impl<T: 'static> Clone for PagedList<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for PagedList<T> {}

impl<T: 'static> PagedList<T> {
    /// Loads the page again (after a change to the list).
    pub fn refetch(&self) {
        self.page.refetch();
    }
}

/// The one way a list page loads its list: the URL's list state, and the page `request(state)`
/// answers, asked again when the state (or anything `request` reads) changes.
pub fn use_paged_list<T: DeserializeOwned + 'static>(
    request: impl Fn(&ListState) -> Request<Page<T>> + 'static,
) -> PagedList<T> {
    let http = use_http();
    let (state, set_state) = use_list_state();
    let page = Loaded::new(move || http.send(state.with(&request)));
    PagedList {
        page,
        state,
        set_state,
    }
}

/// An endpoint listing things of an organization: `list(org, limit, offset)`.
pub type OrgListEndpoint<T> = fn(&str, Option<u32>, Option<u32>) -> Request<Page<T>>;

/// [`use_paged_list`] of an endpoint listing things of the current organization.
pub fn use_org_list<T: DeserializeOwned + 'static>(list: OrgListEndpoint<T>) -> PagedList<T> {
    let current = use_current_org();
    use_paged_list(move |s| list(&current.id.get(), Some(s.limit()), Some(s.offset())))
}
