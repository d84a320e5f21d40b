//! Proxy records (PostHog's managed reverse proxy): the table with status badges, adding a domain,
//! and a record's walkthrough: the CNAME to create with copy buttons, the status refreshed every
//! few seconds while the certificate is issued, and how to point the SDKs at it once live.

mod detail;
mod list;

pub use detail::ProxyRecordPage;
pub use list::ProxyRecordsPage;

use api::models::{ProxyRecord, ProxyRecordStatus};
use leptos::prelude::*;

/// The badge class for a status.
fn status_class(status: &ProxyRecordStatus) -> &'static str {
    match status {
        ProxyRecordStatus::Valid => "badge badge-ok",
        ProxyRecordStatus::Waiting | ProxyRecordStatus::Issuing => "badge badge-warn",
        ProxyRecordStatus::Warning => "badge badge-warn",
        ProxyRecordStatus::Erroring | ProxyRecordStatus::TimedOut => "badge badge-danger",
        _ => "badge badge-muted",
    }
}

/// A record's status badge, with its message when there is one.
fn status_badge(record: &ProxyRecord) -> AnyView {
    let message = record.message.clone().filter(|m| !m.is_empty());
    view! {
        <span class="status-cell">
            <span class=status_class(&record.status)>{record.status.label().to_string()}</span>
            {message.map(|m| view! { <span class="status-message">{m}</span> })}
        </span>
    }
    .into_any()
}
