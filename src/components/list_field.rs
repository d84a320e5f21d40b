//! A list of short texts (app URLs, domains) edited in place: one labelled input per item, add
//! and remove, an error under each item that fails its check. What is typed is never dropped.

use leptos::prelude::*;

/// `items` are the texts; `errors[i]` is the error of item `i` (the page's check fills it).
/// Each input is labelled "`item_label` N"; the remove button names its item too.
#[component]
pub fn ListField(
    id: &'static str,
    #[prop(into)] legend: String,
    #[prop(into)] item_label: String,
    items: RwSignal<Vec<String>>,
    errors: RwSignal<Vec<Option<String>>>,
    #[prop(into)] add_label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] placeholder: String,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    // Rows are drawn again only when their count changes, so typing keeps the focus.
    let count = crate::reactive::memo(move || items.with(Vec::len));
    let item_label = StoredValue::new(item_label);
    let placeholder = StoredValue::new(placeholder);
    let remove = move |i: usize| {
        items.update(|v| {
            if i < v.len() {
                v.remove(i);
            }
        });
        errors.update(|e| {
            if i < e.len() {
                e.remove(i);
            }
        });
    };
    let add = move |_| {
        items.update(|v| v.push(String::new()));
        let next = format!("{id}-{}", count.get_untracked());
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&next) {
                use wasm_bindgen::JsCast;
                if let Ok(input) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = input.focus();
                }
            }
        });
    };
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let input_id = format!("{id}-{i}");
                let error_id = format!("{id}-{i}-error");
                let label = format!("{} {}", item_label.get_value(), i + 1);
                let remove_label = format!("Remove {}", label.to_ascii_lowercase());
                let error = move || errors.with(|e| e.get(i).cloned().flatten());
                let described = {
                    let error_id = error_id.clone();
                    move || error().map(|_| error_id.clone())
                };
                view! {
                    <li class="list-field-row" class:has-error=move || error().is_some()>
                        <label class="visually-hidden" for=input_id.clone()>{label}</label>
                        <input
                            id=input_id
                            type="url"
                            placeholder=placeholder.get_value()
                            disabled=move || disabled.get()
                            aria-invalid=move || error().is_some().to_string()
                            aria-describedby=described
                            prop:value=move || items.with(|v| v.get(i).cloned().unwrap_or_default())
                            on:input=move |ev| {
                                let text = event_target_value(&ev);
                                items.update(|v| {
                                    if let Some(item) = v.get_mut(i) {
                                        *item = text;
                                    }
                                });
                            }
                        />
                        <button
                            type="button"
                            class="btn btn-small"
                            aria-label=remove_label
                            disabled=move || disabled.get()
                            on:click=move |_| remove(i)
                        >
                            "Remove"
                        </button>
                        {move || error().map(|e| view! { <p class="field-error" id=error_id.clone() role="alert">{e}</p> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="field list-field" id=id>
            <legend>{legend}</legend>
            {hint.map(|h| view! { <p class="field-hint">{h}</p> })}
            <ul class="list-field-items">{rows}</ul>
            <button type="button" class="btn btn-small" disabled=move || disabled.get() on:click=add>
                {add_label}
            </button>
        </fieldset>
    }
}
