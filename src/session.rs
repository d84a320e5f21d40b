//! The connection: which PostHog host the console talks to, the personal API key, and where the
//! key is kept (this tab: sessionStorage, or this device: localStorage). Provided as context.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "posthog-console.connection";

/// Where the requests go. `SameOrigin` is this server's `/api` (demo or reverse proxy).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Host {
    SameOrigin,
    UsCloud,
    EuCloud,
    Custom(String),
}

impl Host {
    /// The base the API paths are appended to ("" = same origin).
    pub fn base_url(&self) -> String {
        match self {
            Host::SameOrigin => String::new(),
            Host::UsCloud => "https://us.posthog.com".into(),
            Host::EuCloud => "https://eu.posthog.com".into(),
            Host::Custom(url) => url.trim_end_matches('/').to_string(),
        }
    }

    /// How the host is named in messages.
    pub fn label(&self) -> String {
        match self {
            Host::SameOrigin => "this server".into(),
            Host::UsCloud => "US cloud (us.posthog.com)".into(),
            Host::EuCloud => "EU cloud (eu.posthog.com)".into(),
            Host::Custom(url) => url.clone(),
        }
    }
}

/// Checks a custom host URL: http(s), a host, no query or fragment. Returns the normalised URL.
pub fn parse_custom_host(input: &str) -> Result<String, String> {
    let url = input.trim().trim_end_matches('/');
    if url.is_empty() {
        return Err(
            "Enter the address of your PostHog instance, e.g. https://posthog.example.com".into(),
        );
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("The address must start with https:// (or http:// for a local instance)")?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty()
        || rest.contains(['?', '#', ' ', '@'])
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    {
        return Err(
            "That does not look like a web address, e.g. https://posthog.example.com".into(),
        );
    }
    Ok(url.to_string())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Keep {
    /// sessionStorage: forgotten when the tab closes.
    ThisTab,
    /// localStorage: kept on this device until sign out.
    ThisDevice,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub host: Host,
    pub key: String,
    pub keep: Keep,
}

impl Connection {
    pub fn base_url(&self) -> String {
        self.host.base_url()
    }
}

/// The app-wide session: the current connection, and why the last one ended (shown on connect).
#[derive(Clone, Copy)]
pub struct Session {
    pub connection: RwSignal<Option<Connection>>,
    pub ended_because: RwSignal<Option<String>>,
}

fn storage(keep: Keep) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match keep {
        Keep::ThisTab => window.session_storage().ok().flatten(),
        Keep::ThisDevice => window.local_storage().ok().flatten(),
    }
}

impl Session {
    /// Reads a kept connection (this tab first, then this device).
    pub fn restore() -> Self {
        let restored = [Keep::ThisTab, Keep::ThisDevice]
            .into_iter()
            .find_map(|keep| {
                let text = storage(keep)?.get_item(STORAGE_KEY).ok().flatten()?;
                serde_json::from_str::<Connection>(&text).ok()
            });
        Session {
            connection: RwSignal::new(restored),
            ended_because: RwSignal::new(None),
        }
    }

    /// Keeps a connection that was just tried successfully.
    pub fn connect(&self, connection: Connection) {
        forget_everywhere();
        if let (Some(store), Ok(text)) =
            (storage(connection.keep), serde_json::to_string(&connection))
        {
            let _ = store.set_item(STORAGE_KEY, &text);
        }
        self.ended_because.set(None);
        self.connection.set(Some(connection));
    }

    /// Sign out: forgets the key in both storages.
    pub fn sign_out(&self) {
        forget_everywhere();
        self.connection.set(None);
    }

    /// The server refused the key (401): forget it and say why on the connect screen.
    pub fn expire(&self, reason: String) {
        forget_everywhere();
        self.ended_because.set(Some(reason));
        self.connection.set(None);
    }

    pub fn is_connected(&self) -> bool {
        self.connection.with(Option::is_some)
    }
}

fn forget_everywhere() {
    for keep in [Keep::ThisTab, Keep::ThisDevice] {
        if let Some(store) = storage(keep) {
            let _ = store.remove_item(STORAGE_KEY);
        }
    }
}

pub fn use_session() -> Session {
    expect_context()
}
