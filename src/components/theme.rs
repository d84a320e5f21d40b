//! Light and dark themes: follow the system by default, with a toggle (system -> light -> dark)
//! remembered on this device. The CSS reads `data-theme` on <html>.

use leptos::prelude::*;

const THEME_KEY: &str = "posthog-console.theme";

fn stored_theme() -> String {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .filter(|t| t == "light" || t == "dark")
        .unwrap_or_else(|| "system".into())
}

fn apply_theme(theme: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", theme);
    }
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = if theme == "system" {
            storage.remove_item(THEME_KEY)
        } else {
            storage.set_item(THEME_KEY, theme)
        };
    }
}

/// Applies the remembered theme before the first paint of the app.
pub fn init_theme() {
    apply_theme(&stored_theme());
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(stored_theme());
    let label = move || match theme.get().as_str() {
        "light" => "Theme: light",
        "dark" => "Theme: dark",
        _ => "Theme: system",
    };
    view! {
        <button
            type="button"
            class="btn"
            title="Switch between system, light and dark themes"
            on:click=move |_| {
                let next = match theme.get_untracked().as_str() {
                    "system" => "light",
                    "light" => "dark",
                    _ => "system",
                };
                apply_theme(next);
                theme.set(next.into());
            }
        >
            {label}
        </button>
    }
}
