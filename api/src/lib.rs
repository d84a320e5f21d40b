//! Typed access to PostHog's organization API for the console (browser app) and its server:
//! request descriptions, models, pagination and errors. No I/O: the caller sends the requests.

pub mod bulk_invites;
pub mod curl;
pub mod destinations;
pub mod diff;
pub mod endpoints;
pub mod error;
pub mod json;
pub mod models;
pub mod page;
pub mod project_rules;
pub mod request;
pub mod rules;
pub mod validate;

pub use error::{ApiError, ErrorBody};
pub use page::{Page, PageQuery};
pub use request::{Method, NoContent, Request};
