//! The one place that touches the network: sends an `api::Request` with the session's key to the
//! session's host (never anywhere else), aborts it when the view that asked for it goes away,
//! waits out 429s as PostHog asks, and turns a 401 into "back to connect". Mutations go through
//! [`Http::mutation`]: pending state, errors where they belong, a toast, what changed refetched.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use api::{ApiError, Request};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;

use crate::components::dialog::DialogState;
use crate::components::feedback::describe_error;
use crate::components::form::FormErrors;
use crate::components::toast::{use_toasts, Toasts};
use crate::session::{Connection, Host, Session};

/// How many times a throttled request is retried before the 429 is shown.
const THROTTLE_RETRIES: u32 = 3;
/// Longest wait we accept from a 429 before giving up and showing it.
const MAX_THROTTLE_WAIT_SECONDS: u64 = 60;

/// App-wide network state: the session, and a notice while a 429 is being waited out.
#[derive(Clone, Copy)]
pub struct Http {
    pub session: Session,
    /// Seconds left of a throttle wait, shown in the shell.
    pub throttled: RwSignal<Option<u64>>,
}

pub fn use_http() -> Http {
    expect_context()
}

/// How many requests the inspector keeps (in memory only).
pub const REQUEST_LOG_SIZE: usize = 100;

/// One request this tab made to the API, for the request inspector. It holds no key: the
/// inspector writes it as `$POSTHOG_PERSONAL_API_KEY`.
#[derive(Clone, PartialEq)]
pub struct Sent {
    pub seq: u32,
    pub method: api::Method,
    /// On the chosen host, with the query.
    pub url: String,
    /// The path with its query, as the table shows it.
    pub path: String,
    pub body: Option<String>,
    /// `None`: no answer (the network failed, or the page that asked went away).
    pub status: Option<u16>,
    pub millis: u32,
    /// The answer's body, when it is an error.
    pub error: Option<String>,
}

/// The last [`REQUEST_LOG_SIZE`] requests, newest first (app-wide context).
#[derive(Clone, Copy)]
pub struct RequestLog(pub RwSignal<std::collections::VecDeque<Sent>>);

impl RequestLog {
    fn record(self, mut sent: Sent) {
        self.0.update(|log| {
            sent.seq = log.front().map_or(1, |last| last.seq + 1);
            log.push_front(sent);
            log.truncate(REQUEST_LOG_SIZE);
        });
    }
}

/// `path` on `host`: absolute, also for "this server".
pub fn absolute_url(host: &Host, path: &str) -> String {
    let base = host.base_url();
    if base.is_empty() {
        format!("{}{path}", window().location().origin().unwrap_or_default())
    } else {
        format!("{base}{path}")
    }
}

/// A response as it came: status, Retry-After header and body text.
pub struct Raw {
    status: u16,
    retry_after: Option<String>,
    text: String,
}

/// A boxed future's output passed through `map` when it is here: what `Http::send` and
/// `Loaded` return instead of an `async` block, which compiled a state machine per response type.
pub struct Mapped<I, O> {
    future: Pin<Box<dyn Future<Output = I>>>,
    map: fn(I) -> O,
}

impl<I, O> Future for Mapped<I, O> {
    type Output = O;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<O> {
        let map = self.map;
        self.future.as_mut().poll(cx).map(map)
    }
}

/// The answer of [`Http::send`], decoded as `T` once it is here.
pub type Decoded<T> = Mapped<Result<Raw, ApiError>, Result<T, ApiError>>;

/// Turns a response into `T` or an [`ApiError`], as `Request::decode` does, but reading an empty
/// body from the text "null": `api`'s decode reads it from a `serde_json::Value`, which compiles
/// a second Deserialize of every model into the wasm.
fn decode_answer<T: DeserializeOwned>(raw: Result<Raw, ApiError>) -> Result<T, ApiError> {
    decode(raw?)
}

fn decode<T: DeserializeOwned>(raw: Raw) -> Result<T, ApiError> {
    if !(200..300).contains(&raw.status) {
        return Err(ApiError::from_response(
            raw.status,
            raw.retry_after.as_deref(),
            &raw.text,
        ));
    }
    let text = if raw.text.trim().is_empty() {
        "null"
    } else {
        raw.text.as_str()
    };
    serde_json::from_str(text).map_err(|e| ApiError::decode(raw.status, e.to_string(), &raw.text))
}

impl Http {
    /// Sends `request`; the key and host come from the current session. Only the decoding is
    /// generic: the network part is one function for all response types, and the future that
    /// decodes its answer a small one of ours (an `async fn` here compiled a state machine per
    /// response type).
    pub fn send<T: DeserializeOwned>(self, request: Request<T>) -> Decoded<T> {
        Mapped {
            future: self.send_raw(
                request.method,
                request.path_and_query(),
                request.body_json(),
            ),
            map: decode_answer::<T>,
        }
    }

    /// A mutation (create, update, delete...): `request` builds the call from the input; when it
    /// succeeds `done` refetches what changed and says what to toast (and where to go), and a
    /// failure goes where `failure` says. The button shows it pending meanwhile; what the person
    /// typed is left as it is. Only the decoding and the two closures are generic per use.
    pub fn mutation<I: 'static, T: DeserializeOwned + 'static>(
        self,
        request: impl Fn(&I) -> Request<T> + 'static,
        done: impl Fn(&I, T) -> Done + 'static,
        failure: Failure,
    ) -> Mutation<I> {
        self.mutation_with(
            request,
            move |input, result| Ok(done(input, result?)),
            failure,
        )
    }

    /// [`Http::mutation`] where `finish` sees the error too: it may turn an error that is an
    /// answer ("already verified") into a success, or note it before `failure` shows it.
    pub fn mutation_with<I: 'static, T: DeserializeOwned + 'static>(
        self,
        request: impl Fn(&I) -> Request<T> + 'static,
        finish: impl Fn(&I, Result<T, ApiError>) -> Result<Done, ApiError> + 'static,
        failure: Failure,
    ) -> Mutation<I> {
        let finish = Rc::new(finish);
        let start: Rc<dyn Fn(I) -> Launch> = Rc::new(move |input: I| {
            let request = request(&input);
            let finish = finish.clone();
            Launch {
                method: request.method,
                path: request.path_and_query(),
                body: request.body_json(),
                finish: Box::new(move |raw| finish(&input, raw.and_then(decode))),
            }
        });
        Mutation {
            start: StoredValue::new_local(start),
            core: MutationCore {
                pending: RwSignal::new(false),
                failure: StoredValue::new_local(failure),
                owner: StoredValue::new_local(Owner::current()),
                http: self,
                toasts: use_toasts(),
            },
        }
    }

    fn send_raw(
        self,
        method: api::Method,
        path: String,
        body: Option<String>,
    ) -> Pin<Box<dyn Future<Output = Result<Raw, ApiError>>>> {
        Box::pin(async move {
            let Some(connection) = self.session.connection.get_untracked() else {
                return Err(ApiError::Unauthorized {
                    detail: "You are not connected.".into(),
                });
            };
            let mut attempt = 0;
            loop {
                let raw = send_once_raw(&connection, method, &path, body.as_deref()).await?;
                match raw.status {
                    429 if attempt < THROTTLE_RETRIES => {
                        let error =
                            ApiError::from_response(429, raw.retry_after.as_deref(), &raw.text);
                        let wait = match error {
                            ApiError::Throttled { wait_seconds, .. } => {
                                wait_seconds.unwrap_or(1).max(1)
                            }
                            _ => 1,
                        };
                        if wait > MAX_THROTTLE_WAIT_SECONDS {
                            return Ok(raw);
                        }
                        attempt += 1;
                        for left in (1..=wait).rev() {
                            self.throttled.set(Some(left));
                            TimeoutFuture::new(1_000).await;
                        }
                        self.throttled.set(None);
                    }
                    401 => {
                        // Only end the session if the key that failed is still the current one.
                        if self.session.connection.get_untracked().as_ref() == Some(&connection) {
                            let detail = match ApiError::from_response(401, None, &raw.text) {
                                ApiError::Unauthorized { detail } => detail,
                                _ => String::new(),
                            };
                            self.session.expire(format!(
                                "{} refused the API key: {detail} Connect again to continue.",
                                connection.host.label()
                            ));
                        }
                        return Ok(raw);
                    }
                    _ => return Ok(raw),
                }
            }
        })
    }
}

/// One round trip with a connection that is not kept yet: the connect screen tries a key with it.
pub async fn send_once<T: DeserializeOwned>(
    connection: &Connection,
    request: &Request<T>,
) -> Result<T, ApiError> {
    let raw = send_once_raw(
        connection,
        request.method,
        &request.path_and_query(),
        request.body_json().as_deref(),
    )
    .await?;
    decode(raw)
}

async fn send_once_raw(
    connection: &Connection,
    method: api::Method,
    path: &str,
    body: Option<&str>,
) -> Result<Raw, ApiError> {
    let abort = web_sys::AbortController::new().ok();
    let signal = abort.as_ref().map(|a| a.signal());
    // Abort the request if the view (the reactive owner) that asked for it is cleaned up.
    let abort = SendWrapper::new(abort);
    on_cleanup(move || {
        if let Some(controller) = abort.take() {
            controller.abort();
        }
    });

    let log = use_context::<RequestLog>();
    let started = js_sys::Date::now();
    let result = send_raw_unlogged(connection, method, path, body, signal).await;
    if let Some(log) = log {
        log.record(Sent {
            seq: 0,
            method,
            url: absolute_url(&connection.host, path),
            path: path.to_string(),
            body: body.map(str::to_string),
            status: result.as_ref().ok().map(|raw| raw.status),
            millis: (js_sys::Date::now() - started).max(0.0) as u32,
            error: match &result {
                Ok(raw) if !(200..300).contains(&raw.status) => Some(raw.text.clone()),
                Ok(_) => None,
                Err(error) => Some(describe_error(error)),
            },
        });
    }
    result
}

async fn send_raw_unlogged(
    connection: &Connection,
    method: api::Method,
    path: &str,
    body: Option<&str>,
    signal: Option<web_sys::AbortSignal>,
) -> Result<Raw, ApiError> {
    let url = format!("{}{}", connection.base_url(), path);
    let method = match method {
        api::Method::Get => gloo_net::http::Method::GET,
        api::Method::Post => gloo_net::http::Method::POST,
        api::Method::Patch => gloo_net::http::Method::PATCH,
        api::Method::Delete => gloo_net::http::Method::DELETE,
    };
    let builder = gloo_net::http::RequestBuilder::new(&url)
        .method(method)
        .credentials(web_sys::RequestCredentials::Omit)
        .header("Authorization", &format!("Bearer {}", connection.key))
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref());
    let built = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    };
    let network = |_| ApiError::Network {
        message: format!("Could not reach {}.", connection.host.label()),
    };
    let response = built.map_err(network)?.send().await.map_err(network)?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let text = response.text().await.map_err(network)?;
    Ok(Raw {
        status,
        retry_after,
        text,
    })
}

/// What a mutation did, for the person: a toast, and maybe a page to go to next.
pub struct Done {
    toast: Option<(String, bool)>,
    go: Option<String>,
}

impl Done {
    /// A confirmation toast ("Invite sent to ...").
    pub fn toast(message: impl Into<String>) -> Done {
        Done {
            toast: Some((message.into(), false)),
            go: None,
        }
    }

    /// A toast shown as a warning: the call worked but the outcome needs attention.
    pub fn warn(message: impl Into<String>) -> Done {
        Done {
            toast: Some((message.into(), true)),
            go: None,
        }
    }

    /// No toast: the page shows the outcome itself.
    pub fn quiet() -> Done {
        Done {
            toast: None,
            go: None,
        }
    }

    /// Then go to `path` (the list after a delete, the new thing after a create).
    pub fn go(mut self, path: String) -> Done {
        self.go = Some(path);
        self
    }
}

/// Where a failed mutation's error is shown.
#[derive(Clone)]
pub enum Failure {
    /// On the form: an error whose `attr` names one of these fields goes under it, the rest
    /// above the form (with no fields: always above it).
    Form(FormErrors, &'static [&'static str]),
    /// In the confirm dialog that asked for it (a toast if it is closed); success closes it.
    Dialog(DialogState),
    /// A toast.
    Toast,
    /// The page handles it (a "not yet" that is an answer, not an error).
    Handle(Rc<dyn Fn(ApiError)>),
}

/// One call of a mutation, built from its input: the request and how to finish it.
struct Launch {
    method: api::Method,
    path: String,
    body: Option<String>,
    finish: Finish,
}

/// Decodes the answer (or takes the error) and does what the page asked.
type Finish = Box<dyn FnOnce(Result<Raw, ApiError>) -> Result<Done, ApiError>>;

/// A mutation made by [`Http::mutation`]: `dispatch` it with its input, show `pending()` on its
/// button.
pub struct Mutation<I: 'static> {
    start: StoredValue<Rc<dyn Fn(I) -> Launch>, LocalStorage>,
    core: MutationCore,
}

impl<I: 'static> Clone for Mutation<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for Mutation<I> {}

impl<I: 'static> Mutation<I> {
    pub fn dispatch(&self, input: I) {
        if let Some(start) = self.start.try_get_value() {
            self.core.run(start(input));
        }
    }

    pub fn pending(&self) -> Signal<bool> {
        self.core.pending.into()
    }

    /// The request `dispatch(input)` would send, as a curl command (nothing is sent).
    pub fn curl(&self, input: I) -> Option<String> {
        let start = self.start.try_get_value()?;
        let launch = start(input);
        let connection = self.core.http.session.connection.get_untracked()?;
        Some(api::curl::curl(
            launch.method,
            &absolute_url(&connection.host, &launch.path),
            launch.body.as_deref(),
        ))
    }
}

/// The part of a mutation that does not depend on its input: one copy for every mutation.
#[derive(Clone, Copy)]
struct MutationCore {
    pending: RwSignal<bool>,
    failure: StoredValue<Failure, LocalStorage>,
    /// The view that made it: the call runs under it (and is aborted if it goes away).
    owner: StoredValue<Option<Owner>, LocalStorage>,
    http: Http,
    toasts: Toasts,
}

impl MutationCore {
    fn run(self, launch: Launch) {
        let MutationCore {
            pending,
            http,
            toasts,
            ..
        } = self;
        let Some(failure) = self.failure.try_get_value() else {
            return;
        };
        let owner = self.owner.try_get_value().flatten();
        match &failure {
            Failure::Form(errors, _) => errors.clear(),
            Failure::Dialog(dialog) => dialog.errors.clear(),
            _ => {}
        }
        pending.set(true);
        let task = async move {
            let Launch {
                method,
                path,
                body,
                finish,
            } = launch;
            let outcome = finish(http.send_raw(method, path, body).await);
            pending.try_set(false);
            match outcome {
                Ok(done) => {
                    if let Failure::Dialog(dialog) = &failure {
                        dialog.open.try_set(false);
                    }
                    match done.toast {
                        Some((message, false)) => toasts.success(message),
                        Some((message, true)) => toasts.error(message),
                        None => {}
                    }
                    if let Some(path) = done.go {
                        crate::nav::navigate(&path, Default::default());
                    }
                }
                Err(error) => match failure {
                    Failure::Form(errors, fields) => errors.apply(&error, fields),
                    Failure::Dialog(dialog) if dialog.open.get_untracked() => {
                        dialog.errors.set_general(describe_error(&error))
                    }
                    Failure::Dialog(_) | Failure::Toast => toasts.error(describe_error(&error)),
                    Failure::Handle(handle) => handle(error),
                },
            }
        };
        let spawn = move || untrack(|| leptos::task::spawn_local_scoped(task));
        match owner {
            Some(owner) => owner.with(spawn),
            None => spawn(),
        }
    }
}

/// What a page loads from the API, fetched again when what `fetch` reads changes or on
/// [`Loaded::refetch`]; until the new answer arrives the last one stays (a page never blanks
/// while it reloads), and an answer that a newer load overtook is dropped. Its value is held
/// type-erased, so this code is compiled once for the whole app and `Loaded<T>` only puts the
/// type back when it is read. (It does what Leptos' `LocalResource` does here, without the
/// async machinery that Suspense needs and this app does not use: about 10 KB gzip less in
/// every page's first view.)
pub struct Loaded<T> {
    value: Answer,
    reloads: RwSignal<u32>,
    kind: std::marker::PhantomData<fn() -> T>,
}

type Erased = Rc<dyn std::any::Any>;
/// The last answer of a [`Loaded`] (`None` until the first).
type Answer = RwSignal<Option<Result<Erased, ApiError>>, LocalStorage>;
type ErasedFetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Result<Erased, ApiError>>>>>;

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

/// The loading of every [`Loaded`]: an effect that reads what the request depends on (tracked)
/// and starts the request; its owner is renewed on each run, which aborts the previous request.
fn erased_load(fetch: ErasedFetch) -> (Answer, RwSignal<u32>) {
    let value = RwSignal::new_local(None);
    let reloads = RwSignal::new(0u32);
    let latest = Rc::new(std::cell::Cell::new(0u32));
    crate::reactive::watch(move || {
        reloads.track();
        let future = fetch();
        let run = latest.get().wrapping_add(1);
        latest.set(run);
        let latest = latest.clone();
        // under the effect's owner (for the abort), but not tracked by it
        untrack(|| {
            leptos::task::spawn_local_scoped(async move {
                let result = future.await;
                if latest.get() == run {
                    value.try_set(Some(result));
                }
            })
        });
    });
    (value, reloads)
}

/// An answer with its value type-erased (what `Loaded` keeps).
fn erase<T: 'static>(answer: Result<T, ApiError>) -> Result<Erased, ApiError> {
    answer.map(|value| Rc::new(value) as Erased)
}

impl<T: 'static> Loaded<T> {
    pub fn new<F>(fetch: impl Fn() -> F + 'static) -> Self
    where
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        let (value, reloads) = erased_load(Box::new(move || {
            Box::pin(Mapped {
                future: Box::pin(fetch()),
                map: erase::<T>,
            })
        }));
        Loaded {
            value,
            reloads,
            kind: std::marker::PhantomData,
        }
    }

    /// Loads it again.
    pub fn refetch(&self) {
        self.reloads.update(|n| *n = n.wrapping_add(1));
    }
}

impl<T: Clone + 'static> Loaded<T> {
    /// The value (tracked): `None` while the first load runs.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.value.get().map(Self::typed)
    }

    fn typed(result: Result<Erased, ApiError>) -> Result<T, ApiError> {
        result.map(|value| match value.downcast_ref::<T>() {
            Some(value) => value.clone(),
            // only `new` makes the value, and it is always a T
            None => unreachable!(),
        })
    }
}
