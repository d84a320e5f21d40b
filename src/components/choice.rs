//! Choices too long for a select (time zones): a text input that suggests the options as one
//! types (the browser's own `<datalist>`: keyboard and screen readers work as for any input),
//! and the check that what was typed is one of them.

use leptos::prelude::*;

/// A labelled input with `options` suggested while typing. What is typed is kept as it is;
/// [`is_choice`] tells the page whether it is one of the options.
#[component]
pub fn ChoiceField(
    id: &'static str,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<String>>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let list_id = format!("{id}-options");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type="text"
                list=list_id.clone()
                autocomplete="off"
                spellcheck="false"
                disabled=move || disabled.get()
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <datalist id=list_id>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|o| view! { <option value=o></option> })
                        .collect_view()
                }}
            </datalist>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id>{h}</p> })}
            {move || {
                error
                    .get()
                    .map(|e| view! { <p class="field-error" id=error_id.clone() role="alert">{e}</p> })
            }}
        </div>
    }
}

/// Whether `typed` (trimmed) is exactly one of `options`.
pub fn is_choice(typed: &str, options: &[String]) -> bool {
    let typed = typed.trim();
    options.iter().any(|o| o == typed)
}

/// The IANA time zone names this browser knows (`Intl.supportedValuesOf("timeZone")`, sorted,
/// no data in the app), with `current` and "UTC" first when the browser does not list them.
pub fn time_zones(current: &str) -> Vec<String> {
    let mut zones: Vec<String> =
        js_sys::Intl::supported_values_of(js_sys::Intl::SupportedValuesKey::TimeZone)
            .iter()
            .filter_map(|z| z.as_string())
            .collect();
    for extra in ["UTC", current] {
        if !extra.is_empty() && !zones.iter().any(|z| z == extra) {
            zones.insert(0, extra.to_string());
        }
    }
    zones
}
