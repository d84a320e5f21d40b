//! The address as signals, and in-app navigation: the part of a router this app uses. The shell
//! matches addresses itself (app.rs); this keeps the address bar and the signals in step: a
//! click on a same-origin link and `navigate` push a history entry, Back and Forward
//! (`popstate`) read the address again. It replaces leptos_router, whose general machinery
//! (nested routes, params, forms, its own `<A>`) cost 17 KB gzip in every page's first view.

use std::cell::OnceCell;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::components::form::{confirm_leave_with, UnsavedChanges};

/// The current address. `search` is without its `?`; `hash` is with its `#` (or empty).
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: RwSignal<String>,
    pub search: RwSignal<String>,
    pub hash: RwSignal<String>,
}

thread_local! {
    static LOCATION: OnceCell<Location> = const { OnceCell::new() };
}

/// The address. (Its signals are made by [`start`], at the top of the app, so that they live
/// as long as it does.)
pub fn use_location() -> Location {
    LOCATION.with(|l| *l.get_or_init(new_location))
}

fn new_location() -> Location {
    let (pathname, search, hash) = browser_address();
    Location {
        pathname: RwSignal::new(pathname),
        search: RwSignal::new(search),
        hash: RwSignal::new(hash),
    }
}

/// The browser's address as (path, query without `?`, hash with `#`).
fn browser_address() -> (String, String, String) {
    let here = window().location();
    let search = here.search().unwrap_or_default();
    (
        here.pathname().unwrap_or_default(),
        search.strip_prefix('?').unwrap_or(&search).to_string(),
        here.hash().unwrap_or_default(),
    )
}

/// How to [`navigate`].
#[derive(Clone, Copy, Default)]
pub struct NavigateOptions {
    /// Replace the current history entry instead of adding one.
    pub replace: bool,
}

/// Goes to `to` (a path on this origin, with its query and hash): a new history entry (or the
/// current one replaced), the signals updated, the page scrolled to the top.
pub fn navigate(to: &str, options: NavigateOptions) {
    let window = window();
    if let Ok(history) = window.history() {
        let _ = if options.replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
        };
    }
    read_address();
    if !options.replace {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The current page with `query` (encoded, without `?`; empty for none) as its query: a list's
/// state change (page, filter, order).
pub fn navigate_to_query(query: &str) {
    let path = use_location().pathname.get_untracked();
    if query.is_empty() {
        navigate(&path, NavigateOptions::default());
    } else {
        navigate(&format!("{path}?{query}"), NavigateOptions::default());
    }
}

/// [`navigate`], for code written against a router's `use_navigate()`.
pub fn use_navigate() -> fn(&str, NavigateOptions) {
    navigate
}

/// The query string's pairs, decoded.
#[derive(Clone, PartialEq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

/// The address's query, parsed again when it changes.
pub fn use_query_map() -> Memo<Query> {
    let location = use_location();
    crate::reactive::memo(move || {
        location
            .search
            .with(|search| Query(api::request::query_pairs(&format!("?{search}"))))
    })
}

/// Sets the signals from the browser's address (each only when it changed).
fn read_address() {
    let Some(location) = LOCATION.with(|l| l.get().copied()) else {
        return;
    };
    let (pathname, search, hash) = browser_address();
    for (signal, value) in [
        (location.pathname, pathname),
        (location.search, search),
        (location.hash, hash),
    ] {
        if signal.with_untracked(|v| *v != value) {
            signal.set(value);
        }
    }
}

/// Makes the address signals and starts following the address: Back and Forward, and clicks on
/// links to this origin (which ask first when an edit is unsaved). Called once, at the top of the
/// app, after the Back/Forward guard (whose `popstate` listener must run first).
pub fn start(unsaved: UnsavedChanges) {
    use_location();
    let window = window();
    let on_popstate = Closure::<dyn FnMut()>::new(read_address);
    let _ = window
        .add_event_listener_with_callback("popstate", on_popstate.into_js_value().unchecked_ref());

    let on_click =
        Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
            if let Some(to) = in_app_target(&ev) {
                ev.prevent_default();
                if confirm_leave_with(unsaved) {
                    navigate(&to, NavigateOptions::default());
                }
            }
        });
    let _ =
        window.add_event_listener_with_callback("click", on_click.into_js_value().unchecked_ref());
}

/// The address a click would open in this app: a plain left click on a link to another page of
/// this origin (not a new tab, a download, or a jump within the page).
fn in_app_target(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let link = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    if !matches!(link.target().as_str(), "" | "_self") || link.has_attribute("download") {
        return None;
    }
    let here = window().location();
    if link.origin() != here.origin().ok()? {
        return None;
    }
    let (path, search) = (link.pathname(), link.search());
    if path == here.pathname().ok()? && search == here.search().ok()? && !link.hash().is_empty() {
        return None; // a jump to an anchor: the browser does it
    }
    Some(format!("{path}{search}{}", link.hash()))
}
