//! One function per endpoint of PostHog's organization API (50 in all), grouped by resource.
//! Each returns a [`Request`] typed with what a success decodes to.

pub mod batch_exports;
pub mod domains;
pub mod invites;
pub mod members;
pub mod organizations;
pub mod projects;
pub mod proxy_records;
pub mod role_memberships;
pub mod roles;
pub mod users;

use serde::Serialize;

use crate::request::{encode_path_segment, Method, Request};

/// How many organization endpoints the functions of this module cover (`users::me` aside).
pub const ENDPOINT_COUNT: usize = 50;

/// "/api/organizations/<org>/" with `org` encoded.
pub(crate) fn org_path(org: &str) -> String {
    format!("/api/organizations/{}/", encode_path_segment(org))
}

/// `base` + each segment encoded + "/" ("<base><a>/<b>/").
pub(crate) fn join(base: String, params: &[&str]) -> String {
    let mut path = base;
    for p in params {
        path.push_str(&encode_path_segment(p));
        path.push('/');
    }
    path
}

pub(crate) fn get<T>(path: String) -> Request<T> {
    Request::new(Method::Get, path)
}

pub(crate) fn list<T>(path: String, limit: Option<u32>, offset: Option<u32>) -> Request<T> {
    Request::new(Method::Get, path)
        .with_optional_query("limit", limit)
        .with_optional_query("offset", offset)
}

pub(crate) fn post<T, B: Serialize + ?Sized>(path: String, body: &B) -> Request<T> {
    Request::new(Method::Post, path).with_json(body)
}

pub(crate) fn patch<T, B: Serialize + ?Sized>(path: String, body: &B) -> Request<T> {
    Request::new(Method::Patch, path).with_json(body)
}

pub(crate) fn delete<T>(path: String) -> Request<T> {
    Request::new(Method::Delete, path)
}
