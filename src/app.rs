//! The app's top level (connect screen or shell) and the shell around every page: header with
//! the organization switcher, navigation, breadcrumbs, theme toggle, sign out, the throttling
//! notice, toasts, and the switch from the address to the page.

use api::ApiError;
use leptos::prelude::*;

use crate::areas::{lazy, Page};
use crate::components::form::{
    confirm_leave, guard_back_and_forward, note_shown_address, UnsavedChanges,
};
use crate::components::inspector::{InspectorOpen, SHORTCUT};
use crate::components::toast::{ToastRegion, Toasts};
use crate::hooks::{use_current_org, use_org_directory, CurrentOrg, Me, OrgDirectory, SECTIONS};
use crate::http::Loaded;
use crate::http::{use_http, Http, RequestLog};
use crate::nav::NavigateOptions;
use crate::nav::{use_location, use_navigate};
use crate::pages;
use crate::session::{use_session, Session};

#[component]
pub fn App() -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    provide_context(Http {
        session,
        throttled: RwSignal::new(None),
    });
    provide_context(Toasts::new());
    provide_context(RequestLog(RwSignal::new(Default::default())));
    let unsaved = UnsavedChanges(RwSignal::new(false));
    provide_context(unsaved);
    guard_back_and_forward(unsaved);
    crate::nav::start(unsaved);
    crate::components::theme::init_theme();

    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <TopLevel />
    }
}

/// The connect screen, or (once connected) the shell with every other page. Only this switch
/// and the connect screen are in the main module: the shell is a chunk, and it matches the rest
/// of the address itself (a router's route table would add some 30 KB gzip here).
#[component]
fn TopLevel() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let on_connect = crate::reactive::memo(move || location.pathname.with(|p| p == "/connect"));

    // The address shown, for the Back/Forward guard.
    crate::reactive::watch(move || {
        location.pathname.track();
        location.search.track();
        location.hash.track();
        note_shown_address(address(&location));
    });

    // No key (never connected, signed out, or a 401): go to connect, coming back here afterwards.
    crate::reactive::watch(move || {
        if !session.is_connected() && !on_connect.get() {
            let here = address(&location);
            redirect(if here == "/" || here.is_empty() {
                "/connect".to_string()
            } else {
                format!("/connect?next={}", api::request::percent_encode(&here))
            });
        }
    });

    move || {
        if on_connect.get() {
            view! { <pages::connect::ConnectPage /> }.into_any()
        } else if session.is_connected() {
            lazy(Page::Shell)
        } else {
            ().into_any()
        }
    }
}

/// Where an address behind the connect screen points. The shell matches it itself (a handful of
/// fixed shapes): leptos_router's nested route table cost about 50 KB of wasm here; the address
/// itself comes from `nav`.
#[derive(Clone, PartialEq, Debug)]
enum Place {
    Home,
    Orgs,
    OrgNew,
    /// `/orgs/:org_id/...`
    Org(String),
    NotFound,
}

impl Place {
    fn of(path: &str) -> Place {
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
        match parts.as_slice() {
            [] | [""] => Place::Home,
            ["orgs"] => Place::Orgs,
            ["orgs", "new"] => Place::OrgNew,
            ["orgs", id, ..] if !id.is_empty() => Place::Org(id.to_string()),
            _ => Place::NotFound,
        }
    }
}

/// The page of an organization's address: `/orgs/:org_id/:section[/:detail]`; `None` for a
/// section that has no page (yet).
fn org_page(section: &str, detail: Option<&str>, sub: Option<&str>) -> Option<Page> {
    if let Some(sub) = sub {
        return match (section, detail, sub) {
            ("batch-exports", Some(_), "edit") => Some(Page::BatchExportEdit),
            _ => None,
        };
    }
    Some(match (section, detail) {
        ("settings", None) => Page::OrgSettings,
        ("members", None) => Page::Members,
        ("invites", None) => Page::Invites,
        ("invites", Some("new")) => Page::InviteCreate,
        ("invites", Some("bulk")) => Page::BulkInvite,
        ("domains", None) => Page::Domains,
        ("domains", Some(_)) => Page::Domain,
        ("roles", None) => Page::Roles,
        ("roles", Some(_)) => Page::Role,
        ("proxy-records", None) => Page::ProxyRecords,
        ("proxy-records", Some(_)) => Page::ProxyRecord,
        ("projects", None) => Page::Projects,
        ("projects", Some("new")) => Page::ProjectCreate,
        ("projects", Some(_)) => Page::Project,
        ("batch-exports", None) => Page::BatchExports,
        ("batch-exports", Some("new")) => Page::BatchExportCreate,
        ("batch-exports", Some(_)) => Page::BatchExport,
        _ => return None,
    })
}

/// The address shown: path, `?query` and `#hash`.
fn address(location: &crate::nav::Location) -> String {
    let search = location.search.get_untracked();
    let hash = location.hash.get_untracked();
    let mut address = location.pathname.get_untracked();
    if !search.is_empty() {
        address.push('?');
        address.push_str(&search);
    }
    if !hash.is_empty() && !hash.starts_with('#') {
        address.push('#');
    }
    address.push_str(&hash);
    address
}

/// Replaces the address (no history entry), for addresses that only redirect.
fn redirect(to: String) {
    let navigate = use_navigate();
    request_animation_frame(move || navigate(&to, NavigateOptions { replace: true }));
}

/// The pages behind the connect screen; each page's code is a chunk of its area.
#[component]
fn ShellRoutes() -> impl IntoView {
    let location = use_location();
    let place = crate::reactive::memo(move || location.pathname.with(|p| Place::of(p)));
    move || match place.get() {
        Place::Home => {
            redirect("/orgs".into());
            ().into_any()
        }
        Place::Orgs => lazy(Page::OrgList),
        Place::OrgNew => lazy(Page::OrgCreate),
        Place::Org(id) => view! { <OrgScope id=id /> }.into_any(),
        Place::NotFound => view! { <pages::not_found::NotFound /> }.into_any(),
    }
}

/// Everything behind the connect screen: the header, the throttle notice, the routes and toasts.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let http = use_http();

    let directory = OrgDirectory(Loaded::new(move || {
        let connected = session.is_connected();
        async move {
            if !connected {
                return Err(ApiError::Unauthorized {
                    detail: String::new(),
                });
            }
            http.send(api::endpoints::organizations::list(Some(100), None))
                .await
        }
    }));
    provide_context(directory);
    provide_context(Me(Loaded::new(move || {
        let connected = session.is_connected();
        async move {
            if !connected {
                return Err(ApiError::Unauthorized {
                    detail: String::new(),
                });
            }
            http.send(api::endpoints::users::me()).await
        }
    })));

    let inspector = InspectorOpen(RwSignal::new(false));
    provide_context(inspector);
    let review = crate::components::review::Review::new();
    provide_context(review);
    let shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.alt_key() && ev.shift_key() && !ev.ctrl_key() && ev.code() == "KeyR" {
            ev.prevent_default();
            inspector.0.update(|open| *open = !*open);
        }
    });
    on_cleanup(move || shortcut.remove());

    view! {
        {crate::reactive::shown(
            move || session.is_connected(),
            move || {
                view! {
                    <header class="topbar">
                        <a href="/orgs" class="brand">
                            <span class="brand-mark" aria-hidden="true"></span>
                            "PostHog console"
                        </a>
                        <OrgSwitcher />
                        <div class="topbar-actions">
                            <button
                                type="button"
                                class="btn"
                                aria-expanded=move || inspector.0.get().to_string()
                                aria-keyshortcuts=SHORTCUT
                                title=format!("The requests this tab made, with Copy as curl ({SHORTCUT})")
                                on:click=move |_| inspector.0.update(|open| *open = !*open)
                            >
                                "Requests"
                            </button>
                            <crate::components::theme::ThemeToggle />
                            <SignOut />
                        </div>
                    </header>
                    {move || {
                        http.throttled
                            .get()
                            .map(|seconds| {
                                view! {
                                    <div class="throttle-banner" role="status">
                                        {format!(
                                            "PostHog asked us to slow down: retrying in {seconds} s\u{2026}",
                                        )}
                                    </div>
                                }
                            })
                    }}
                    <ShellRoutes />
                    {move || inspector.0.get().then(|| lazy(Page::Inspector))}
                    {
                        let open = crate::reactive::memo(move || review.is_open());
                        move || open.get().then(|| lazy(Page::Review))
                    }
                    <ToastRegion />
                }
                .into_any()
            },
        )}
    }
}

#[component]
fn SignOut() -> impl IntoView {
    let session = use_session();
    view! {
        <button
            type="button"
            class="btn"
            on:click=move |_| {
                if confirm_leave() {
                    session.sign_out();
                }
            }
        >
            "Sign out"
        </button>
    }
}

/// A select of the organizations the key can see; switching keeps the current section.
#[component]
fn OrgSwitcher() -> impl IntoView {
    let directory = use_org_directory();
    let location = use_location();
    let navigate = use_navigate();
    let current_id = crate::reactive::memo(move || {
        let path = location.pathname.get();
        path.strip_prefix("/orgs/")
            .and_then(|rest| rest.split('/').next())
            .filter(|id| !id.is_empty() && *id != "new")
            .map(str::to_string)
    });
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if id.is_empty() || !confirm_leave() {
            return;
        }
        let path = location.pathname.get_untracked();
        // keep the section (members, invites...) but not sub-pages or list state
        let section = path
            .strip_prefix("/orgs/")
            .and_then(|rest| rest.split('/').nth(1))
            .unwrap_or("members")
            .to_string();
        let section = if section.is_empty() {
            "members".into()
        } else {
            section
        };
        navigate(&format!("/orgs/{id}/{section}"), Default::default());
    };
    view! {
        <label class="org-switcher">
            <span class="visually-hidden">"Organization"</span>
            <select on:change=on_change prop:value=move || current_id.get().unwrap_or_default()>
                <option value="" disabled=true selected=move || current_id.get().is_none()>
                    "Choose an organization"
                </option>
                {move || {
                    directory
                        .0
                        .get()
                        .and_then(Result::ok)
                        .map(|page| {
                            page.results
                                .into_iter()
                                .map(|org| {
                                    let selected = current_id.get_untracked().as_deref() == Some(org.id.as_str());
                                    view! {
                                        <option value=org.id.clone() selected=selected>
                                            {org.name.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </select>
        </label>
    }
}

/// `/orgs/:org_id/...`: loads the organization once, provides it, draws its navigation.
#[component]
fn OrgScope(id: String) -> impl IntoView {
    let http = use_http();
    let id = crate::reactive::memo(move || id.clone());
    let org = Loaded::new(move || {
        let id = id.get();
        async move {
            http.send(api::endpoints::organizations::retrieve(&id))
                .await
        }
    });
    provide_context(CurrentOrg { id, org });
    let location = use_location();
    // (section, detail) of the address; the page changes only when these do
    let place = crate::reactive::memo(move || {
        location.pathname.with(|p| {
            let mut parts = p.trim_end_matches('/').split('/').skip(3);
            let section = parts.next().unwrap_or_default().to_string();
            (
                section,
                parts.next().map(str::to_string),
                parts.next().map(str::to_string),
                parts.next().is_some(),
            )
        })
    });
    let page = move || match place.get() {
        (section, _, _, _) if section.is_empty() => {
            redirect(format!("/orgs/{}/members", id.get_untracked()));
            ().into_any()
        }
        (section, detail, sub, false) => {
            match org_page(&section, detail.as_deref(), sub.as_deref()) {
                Some(page) => lazy(page),
                None => view! { <pages::not_found::NotFound /> }.into_any(),
            }
        }
        _ => view! { <pages::not_found::NotFound /> }.into_any(),
    };

    view! {
        <div class="layout">
            <nav class="sidebar" aria-label="Organization">
                <ul>
                    {SECTIONS
                        .iter()
                        .map(|(segment, label)| {
                            let href = move || format!("/orgs/{}/{}", id.get(), segment);
                            let current = move || {
                                location.pathname.with(|p| {
                                    p.split('/').nth(3) == Some(segment)
                                })
                            };
                            view! {
                                <li>
                                    <a
                                        href=href
                                        class=move || if current() { "nav-link active" } else { "nav-link" }
                                        aria-current=move || current().then_some("page")
                                    >
                                        {*label}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" class="content" tabindex="-1">
                <Breadcrumbs />
                {page}
            </main>
        </div>
    }
}

/// Organizations › Hogflix › Members › New
#[component]
fn Breadcrumbs() -> impl IntoView {
    let org = use_current_org();
    let location = use_location();
    let crumbs = move || {
        let path = location.pathname.get();
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let org_name = org
            .org
            .get()
            .and_then(Result::ok)
            .map(|o| o.name)
            .unwrap_or_else(|| "\u{2026}".into());
        let mut crumbs: Vec<(String, String)> = vec![("/orgs".into(), "Organizations".into())];
        if parts.len() >= 2 {
            crumbs.push((format!("/orgs/{}/members", parts[1]), org_name));
        }
        if let Some(section) = parts.get(2) {
            let label = SECTIONS
                .iter()
                .find(|(seg, _)| seg == section)
                .map(|(_, l)| l.to_string())
                .unwrap_or_else(|| section.to_string());
            crumbs.push((format!("/orgs/{}/{}", parts[1], section), label));
        }
        if let Some(sub) = parts.get(3) {
            let label = match *sub {
                "new" => "New".to_string(),
                "bulk" => "Bulk invite".to_string(),
                _ => "Details".to_string(),
            };
            crumbs.push((format!("/orgs/{}/{}/{}", parts[1], parts[2], sub), label));
        }
        if parts.get(4) == Some(&"edit") {
            crumbs.push((path.clone(), "Edit".to_string()));
        }
        let last = crumbs.len() - 1;
        crumbs
            .into_iter()
            .enumerate()
            .map(|(i, (href, label))| {
                if i == last {
                    view! { <li aria-current="page">{label}</li> }.into_any()
                } else {
                    view! {
                        <li>
                            <a href=href>{label}</a>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect_view()
    };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>{crumbs}</ol>
        </nav>
    }
}
