//! Loading, empty and error states, the words the console uses for each kind of API error, and
//! the one way a page loads what it shows (`load`, with `use_detail` for a detail page).

use api::{ApiError, Request};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::hooks::use_current_org;
use crate::http::use_http;
use crate::http::Loaded;

/// A sentence for a person, never containing the key. Field errors keep PostHog's own words.
pub fn describe_error(error: &ApiError) -> String {
    match error {
        ApiError::Unauthorized { detail } => format!("The API key was refused: {detail}"),
        ApiError::Forbidden {
            missing_scope: Some(scope),
            ..
        } => format!(
            "Your API key is missing the scope \u{201c}{scope}\u{201d}. Create a key with that scope in PostHog (Settings \u{2192} Personal API keys) and connect again."
        ),
        ApiError::Forbidden { detail, .. } => format!("Not allowed: {detail}"),
        ApiError::NotFound { .. } => {
            "Not found: it may have been deleted, or you are not a member of this organization."
                .into()
        }
        ApiError::Validation { detail, attr, .. } => match attr {
            Some(attr) => format!("{attr}: {detail}"),
            None => detail.clone(),
        },
        ApiError::Throttled { wait_seconds, .. } => match wait_seconds {
            Some(s) => format!("PostHog is limiting requests; try again in {s} seconds."),
            None => "PostHog is limiting requests; try again shortly.".into(),
        },
        ApiError::Server { status, .. } => {
            format!("The server had a problem (HTTP {status}). Try again.")
        }
        ApiError::Network { message } => {
            format!("{message} Check your connection and the host, then try again.")
        }
        ApiError::Decode { status, .. } => format!(
            "The server's answer (HTTP {status}) could not be read. Is the host a PostHog instance?"
        ),
    }
}

/// An error panel with Retry for errors a retry can fix.
#[component]
pub fn ErrorPanel(
    error: ApiError,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let retry =
        on_retry.filter(|_| error.is_retryable() || matches!(error, ApiError::Decode { .. }));
    let title = match &error {
        ApiError::Forbidden { .. } => "Not allowed",
        ApiError::NotFound { .. } => "Not found",
        ApiError::Network { .. } => "Could not connect",
        ApiError::Throttled { .. } => "Too many requests",
        _ => "Something went wrong",
    };
    view! {
        <div class="error-panel" role="alert">
            <strong>{title}</strong>
            <p>{describe_error(&error)}</p>
            {retry
                .map(|retry| {
                    view! {
                        <button type="button" class="btn" on:click=move |_| retry.run(())>
                            "Retry"
                        </button>
                    }
                })}
        </div>
    }
}

/// Grey placeholder rows while a table loads for the first time.
#[component]
pub fn TableSkeleton(#[prop(default = 5)] rows: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" aria-label="Loading">
            {(0..rows).map(|_| view! { <div class="skeleton-row"></div> }).collect_view()}
        </div>
    }
}

/// Renders a resource: skeleton first, then `ok(value)`, or an error panel whose Retry refetches.
pub fn load<T, V>(resource: Loaded<T>, ok: impl Fn(T) -> V + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    load_or(resource, None, ok)
}

/// [`load`], showing `gone` instead of the error panel when the thing does not exist (any more).
pub fn load_or<T, V>(
    resource: Loaded<T>,
    gone: Option<ViewFn>,
    ok: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        Some(Ok(value)) => ok(value).into_view().into_any(),
        other => not_loaded(
            other.and_then(Result::err),
            gone.clone(),
            Callback::new(move |_| resource.refetch()),
        ),
    }
}

/// The skeleton while loading (`None`), or what an error shows.
fn not_loaded(error: Option<ApiError>, gone: Option<ViewFn>, retry: Callback<()>) -> AnyView {
    match (error, gone) {
        (None, _) => view! { <TableSkeleton /> }.into_any(),
        (Some(ApiError::NotFound { .. }), Some(gone)) => gone.run(),
        (Some(error), _) => view! { <ErrorPanel error=error on_retry=retry /> }.into_any(),
    }
}

/// What a detail page shows: the thing the address names (`/orgs/:org_id/:section/:id`) in the
/// current organization, fetched with `retrieve(org, id)` and again when either changes.
pub fn use_detail<T: DeserializeOwned + 'static>(
    retrieve: fn(&str, &str) -> Request<T>,
) -> Loaded<T> {
    let http = use_http();
    let current = use_current_org();
    let id = crate::hooks::use_detail_id();
    Loaded::new(move || {
        let request = retrieve(&current.id.get(), &id.get());
        http.send(request)
    })
}
