//! One project: facts, the API key (copy; reset behind a confirm that says there is no grace
//! period), demo data progress, settings, products, activity, and delete after typing its name.

use api::endpoints::projects;
use api::models::{CompleteOnboarding, IsGeneratingDemoData, ProductIntent, Project};
use api::project_rules::{product_label, PRODUCT_KEYS};
use api::ApiError;
use leptos::prelude::*;
use serde_json::Value;

use super::settings::ProjectSettings;
use super::{is_pending_deletion, remember_pending_deletion, use_project};
use crate::areas::{disclosure, Page};
use crate::components::copy::{CopyAsCurl, CopyButton};
use crate::components::dialog::{Confirm, ConfirmState};
use crate::components::feedback::{describe_error, load_or};
use crate::components::form::{FormError, FormErrors, SelectField};
use crate::components::util::{short_date, short_datetime};
use crate::hooks::use_current_org;
use crate::http::Loaded;
use crate::http::{use_http, Done, Failure};

/// How often the demo data state is asked while it is being generated.
const DEMO_POLL_MS: u32 = 2000;

#[component]
pub fn ProjectPage() -> impl IntoView {
    let current = use_current_org();
    let project = use_project();
    let gone = ViewFn::from(move || {
        view! {
            <h1>"Project"</h1>
            <p>"This project does not exist (any more): it may have been deleted."</p>
            <a href=move || format!("/orgs/{}/projects", current.id.get())>"Back to projects"</a>
        }
    });
    load_or(project, Some(gone), |p| {
        view! { <ProjectDetail project=p /> }.into_any()
    })
}

/// Text in a span of `class` (a badge).
fn text(class: &'static str, text: &'static str) -> AnyView {
    view! { <span class=class>{text}</span> }.into_any()
}

/// A notice read out when it appears.
fn status(text: &'static str) -> AnyView {
    view! { <p class="notice" role="status">{text}</p> }.into_any()
}

#[component]
fn ProjectDetail(project: Project) -> impl IntoView {
    let current = use_current_org();
    let org = move || current.id.get_untracked();
    let id = project.id;
    let is_demo = project.is_demo;
    let saved = RwSignal::new(project);
    // Bumped after every change, so the activity log shows it.
    let version = RwSignal::new(0u32);
    let changed = Callback::new(move |_| version.update(|v| *v += 1));
    let pending_deletion = RwSignal::new(is_pending_deletion(&org(), id));
    provide_context(ProjectParts {
        project: saved,
        changed,
        version,
    });
    let products_open = RwSignal::new(false);
    let activity_open = RwSignal::new(false);

    view! {
        <div class="page-header">
            <h1>{move || saved.with(|p| p.name.clone())}</h1>
            {is_demo.then(|| text("badge badge-muted", "Demo"))}
            {move || pending_deletion.get().then(|| text("badge badge-danger", "Pending deletion"))}
        </div>
        {move || pending_deletion.get().then(|| status(
            "This project is being deleted: PostHog removes its data in the background, then it leaves the list.",
        ))}
        {facts(saved)}
        <ApiKey project=saved on_reset=changed />
        {is_demo.then(|| view! { <DemoData project_id=id /> }.into_any())}
        <ProjectSettings project=saved on_saved=changed />
        {disclosure("products", "Products", "products", Page::ProjectProducts, products_open)}
        {disclosure("activity", "Activity", "activity", Page::ProjectActivity, activity_open)}
        <DeleteProject project=saved pending=pending_deletion />
    }
}

fn facts(p: RwSignal<Project>) -> AnyView {
    let p0 = p.get_untracked();
    view! {
        <dl class="facts card">
            <div>
                <dt>"ID"</dt>
                <dd><code>{p0.id.to_string()}</code></dd>
            </div>
            <div>
                <dt>"Events"</dt>
                <dd>{if p0.ingested_event { "Arriving" } else { "None received yet" }}</dd>
            </div>
            <div>
                <dt>"Created"</dt>
                <dd>{short_date(&p0.created_at)}</dd>
            </div>
            <div>
                <dt>"Updated"</dt>
                <dd>{move || p.with(|p| short_datetime(&p.updated_at))}</dd>
            </div>
        </dl>
    }
    .into_any()
}

#[component]
fn ApiKey(project: RwSignal<Project>, on_reset: Callback<()>) -> impl IntoView {
    let current = use_current_org();
    let token = Signal::derive(move || project.with(|p| p.api_token.clone()));
    let just_reset = RwSignal::new(false);
    let confirm = ConfirmState::new(
        Confirm::danger(
            "Reset project API key",
            "Reset key",
            (
                "Reset the API key of ",
                "? The current key stops working at once, with no grace period: events sent with it are refused from now on. Put the new key in every SDK and snippet right after.",
            ),
        ),
        |p: &Project| p.name.clone(),
    );
    let reset = use_http().mutation(
        move |p: &Project| projects::reset_token(&current.id.get_untracked(), p.id),
        move |_, updated: Project| {
            project.set(updated);
            just_reset.set(true);
            on_reset.run(());
            Done::toast("New project API key created: the old one no longer works")
        },
        confirm.failure(),
    );
    view! {
        <section class="card" aria-labelledby="key-heading">
            <h2 id="key-heading">"Project API key"</h2>
            <p>"The key your SDKs and snippets send events with."</p>
            <p class="api-key">
                <code id="project-api-key">{token}</code>
                " "
                <CopyButton value=token label="Copy project API key" />
            </p>
            {move || just_reset.get().then(|| status(
                "This is the new key. The old key stopped working: copy this one into your SDKs now.",
            ))}
            {confirm.ask_button("btn btn-danger-outline", "Reset key\u{2026}", false, move || project.get_untracked())}
        </section>
        {confirm.view(reset)}
    }
}

#[component]
fn DemoData(project_id: i64) -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let state = Loaded::new(move || {
        http.send(projects::is_generating_demo_data(
            &current.id.get(),
            project_id,
        ))
    });
    // Ask again every few seconds while generating; stop when done or when the page is left.
    let generating = crate::reactive::memo(move || {
        state
            .get()
            .and_then(Result::ok)
            .is_some_and(|s: IsGeneratingDemoData| s.is_generating_demo_data)
    });
    let poll = StoredValue::new_local(None::<gloo_timers::callback::Interval>);
    crate::reactive::watch(move || {
        if !generating.get() {
            poll.set_value(None);
        } else if poll.with_value(Option::is_none) {
            let interval =
                gloo_timers::callback::Interval::new(DEMO_POLL_MS, move || state.refetch());
            poll.set_value(Some(interval));
        }
    });
    on_cleanup(move || poll.set_value(None));
    view! {
        <section class="card" aria-labelledby="demo-heading">
            <h2 id="demo-heading">"Demo data"</h2>
            <div role="status">
                {move || match state.get() {
                    None => "Checking\u{2026}".to_string().into_any(),
                    Some(Ok(s)) if s.is_generating_demo_data => view! {
                        <p>"PostHog is generating this project's demo data\u{2026} This page checks every few seconds."</p>
                        <div class="progress" aria-hidden="true"><span></span></div>
                    }
                    .into_any(),
                    Some(Ok(_)) => view! { <p class="verify-ok">"Demo data is ready."</p> }.into_any(),
                    Some(Err(e)) => view! {
                        <p class="row-error">{describe_error(&e)}</p>
                        <button type="button" class="btn" on:click=move |_| state.refetch()>"Retry"</button>
                    }
                    .into_any(),
                }}
            </div>
        </section>
    }
}

/// A product intent as the page shows it: its key and when onboarding was completed.
fn intents(p: &Project) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = p
        .product_intents
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| {
                    let key = i.get("product_type")?.as_str()?.to_string();
                    let done = i
                        .get("onboarding_completed_at")
                        .and_then(Value::as_str)
                        .map(str::to_string);
                    Some((key, done))
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(done) = p.has_completed_onboarding_for.as_object() {
        for (key, value) in done {
            if value.as_bool() == Some(true) && !out.iter().any(|(k, _)| k == key) {
                out.push((key.clone(), Some(String::new())));
            }
        }
    }
    out
}

/// What a products action sends: an intent, or onboarding done.
#[derive(Clone)]
enum ProductAction {
    Intent(String),
    Complete(String),
}

/// What the sections fetched on demand (areas.rs: products, activity) need from the page, given
/// through context.
#[derive(Clone, Copy)]
pub(super) struct ProjectParts {
    pub project: RwSignal<Project>,
    /// Run after every change the page makes.
    pub changed: Callback<()>,
    /// Bumped by `changed`, so the activity log shows the change.
    pub version: RwSignal<u32>,
}

/// The products section's body, fetched the first time it is opened (areas.rs).
pub fn products_part() -> AnyView {
    let parts = expect_context::<ProjectParts>();
    products(parts.project, parts.changed)
}

fn products(project: RwSignal<Project>, on_changed: Callback<()>) -> AnyView {
    let current = use_current_org();
    let chosen = RwSignal::new(PRODUCT_KEYS[0].0.to_string());
    let errors = FormErrors::new();
    let act = use_http().mutation(
        move |a: &ProductAction| {
            let org = current.id.get_untracked();
            let id = project.with_untracked(|p| p.id);
            match a {
                ProductAction::Intent(key) => projects::add_product_intent(
                    &org,
                    id,
                    &ProductIntent {
                        product_type: key.clone(),
                        intent_context: Some("console".into()),
                        metadata: None,
                    },
                ),
                ProductAction::Complete(key) => projects::complete_product_onboarding(
                    &org,
                    id,
                    &CompleteOnboarding {
                        product_type: key.clone(),
                    },
                ),
            }
        },
        move |a, updated| {
            project.set(updated);
            on_changed.run(());
            Done::toast(match a {
                ProductAction::Intent(k) => format!("{} added to the project", product_label(k)),
                ProductAction::Complete(k) => {
                    format!("{} onboarding marked complete", product_label(k))
                }
            })
        },
        Failure::Form(errors, &["product_type"]),
    );
    let options: Vec<(String, String)> = PRODUCT_KEYS
        .iter()
        .map(|(k, l)| (k.to_string(), l.to_string()))
        .collect();
    let rows = move || {
        let list = project.with(intents);
        if list.is_empty() {
            return view! { <p class="empty-state">"No products chosen yet."</p> }.into_any();
        }
        list.into_iter()
            .map(|(key, done)| {
                let label = product_label(&key);
                let status = match &done {
                    Some(at) if !at.is_empty() => format!("Onboarding complete ({})", short_date(at)),
                    Some(_) => "Onboarding complete".to_string(),
                    None => "Onboarding not finished".to_string(),
                };
                let button = done.is_none().then(|| {
                    let aria = format!("Mark {label} onboarding complete");
                    let key = key.clone();
                    view! {
                        <button type="button" class="btn btn-small" aria-label=aria
                            disabled=move || act.pending().get()
                            on:click=move |_| act.dispatch(ProductAction::Complete(key.clone()))>
                            "Mark onboarding complete"
                        </button>
                    }
                    .into_any()
                });
                view! {
                    <li>
                        <strong>{label}</strong> " " <code class="muted">{key}</code> " \u{2014} " {status} " " {button}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
            <ul class="product-list">{rows}</ul>
            <div class="form inline-form">
                <FormError errors=errors />
                <SelectField id="product_type" label="Product" value=chosen options=options
                    error=errors.field("product_type") />
                <button type="button" class="btn" disabled=move || act.pending().get()
                    on:click=move |_| act.dispatch(ProductAction::Intent(chosen.get_untracked()))>
                    "Add product"
                </button>
                <button type="button" class="btn" disabled=move || act.pending().get()
                    on:click=move |_| act.dispatch(ProductAction::Complete(chosen.get_untracked()))>
                    "Mark onboarding complete"
                </button>
                <CopyAsCurl command=Signal::derive(move || {
                    act.curl(ProductAction::Intent(chosen.get())).unwrap_or_default()
                }) />
            </div>
    }
    .into_any()
}

#[component]
fn DeleteProject(project: RwSignal<Project>, pending: RwSignal<bool>) -> impl IntoView {
    let current = use_current_org();
    let name = project.with_untracked(|p| p.name.clone());
    let confirm = ConfirmState::new(
        Confirm::danger(
            "Delete project",
            "Delete project",
            (
                "Delete ",
                " and all its data? Its events, persons, recordings, insights and dashboards go, and its batch exports stop. This cannot be undone.",
            ),
        )
        .typing_any_case(name),
        |p: &Project| p.name.clone(),
    );
    let delete = use_http().mutation_with(
        move |p: &Project| projects::delete(&current.id.get_untracked(), p.id),
        move |p, result| {
            let org = current.id.get_untracked();
            match result {
                Ok(_) => {
                    super::remember_pending_deletion(&org, p.id);
                    pending.set(true);
                    Ok(Done::toast(format!(
                        "Project \u{201c}{}\u{201d} is being deleted",
                        p.name
                    ))
                    .go(format!("/orgs/{org}/projects")))
                }
                Err(ApiError::Validation { detail, attr, code })
                    if detail.contains("already being deleted") =>
                {
                    remember_pending_deletion(&org, p.id);
                    pending.set(true);
                    Err(ApiError::Validation {
                        detail: format!(
                            "PostHog is already deleting this project (a delete was sent before): there is nothing more to do. It leaves the list once its data is gone. ({detail})"
                        ),
                        attr,
                        code,
                    })
                }
                Err(e) => Err(e),
            }
        },
        confirm.failure(),
    );
    view! {
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete project"</h2>
            <p>"Deleting removes the project and all its data for everyone. PostHog deletes the data in the background; this cannot be undone."</p>
            {confirm.ask_button("btn btn-danger", "Delete project\u{2026}", false, move || project.get_untracked())}
        </section>
        {confirm.view(delete)}
    }
}
