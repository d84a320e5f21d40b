//! Loading, empty and error states, and the words the console uses for each kind of API error.

use api::ApiError;
use leptos::prelude::*;

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
pub fn load<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    ok: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <TableSkeleton /> }.into_any(),
        Some(Ok(value)) => ok(value).into_view().into_any(),
        Some(Err(error)) => {
            view! { <ErrorPanel error=error on_retry=Callback::new(move |_| resource.refetch()) /> }
                .into_any()
        }
    }
}
