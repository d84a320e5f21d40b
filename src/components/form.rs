//! Form fields with labels and inline errors, server validation errors mapped onto the field they
//! name (`attr`), a submit button that cannot double-submit, and the unsaved-changes warning.

use api::ApiError;
use leptos::prelude::*;

use super::feedback::describe_error;

/// Errors of one form: per field (from client checks or the server's `attr`) and the rest.
#[derive(Clone, Copy)]
pub struct FormErrors {
    fields: RwSignal<Vec<(String, String)>>,
    general: RwSignal<Option<String>>,
}

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl FormErrors {
    pub fn new() -> Self {
        FormErrors {
            fields: RwSignal::new(Vec::new()),
            general: RwSignal::new(None),
        }
    }

    pub fn field(&self, name: &'static str) -> Signal<Option<String>> {
        let fields = self.fields;
        Signal::derive(move || {
            fields.with(|f| f.iter().find(|(n, _)| n == name).map(|(_, m)| m.clone()))
        })
    }

    pub fn general(&self) -> Signal<Option<String>> {
        self.general.into()
    }

    pub fn set_field(&self, name: &str, message: impl Into<String>) {
        let message = message.into();
        self.fields.update(|f| {
            f.retain(|(n, _)| n != name);
            f.push((name.to_string(), message));
        });
    }

    pub fn set_general(&self, message: impl Into<String>) {
        self.general.set(Some(message.into()));
    }

    pub fn clear(&self) {
        self.fields.set(Vec::new());
        self.general.set(None);
    }

    /// Puts a server error where it belongs: on the field its `attr` names if the form has that
    /// field (nested attrs "a__b" match "a"), otherwise above the form.
    pub fn apply(&self, error: &ApiError, form_fields: &[&str]) {
        if let ApiError::Validation {
            detail,
            attr: Some(attr),
            ..
        } = error
        {
            let root = attr.split("__").next().unwrap_or(attr);
            if let Some(field) = form_fields.iter().find(|f| **f == attr || **f == root) {
                self.set_field(field, detail.clone());
                return;
            }
        }
        self.set_general(describe_error(error));
    }
}

/// What every field shares: the wrapper that shows the error state, its label and control (in
/// `parts`, in their order), the hint and the error under it. One function for all fields.
fn field_frame(
    class: &'static str,
    id: &'static str,
    parts: AnyView,
    hint: Option<String>,
    error: Signal<Option<String>>,
) -> AnyView {
    view! {
        <div class=class class:has-error=move || error.with(Option::is_some)>
            {parts}
            {hint
                .filter(|h| !h.is_empty())
                .map(|h| view! { <p class="field-hint" id=format!("{id}-hint")>{h}</p> })}
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="field-error" id=format!("{id}-error") role="alert">
                                {e}
                            </p>
                        }
                    })
            }}
        </div>
    }
    .into_any()
}

/// The ids of a control's hint and error, for `aria-describedby`.
fn described_by(
    id: &'static str,
    hint: &Option<String>,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    // an empty hint is no hint (a page passing its fields' hints from data)
    let has_hint = hint.as_ref().is_some_and(|h| !h.is_empty());
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled text input (text, email, url, password...).
#[component]
pub fn TextField(
    id: &'static str,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let described = described_by(id, &hint, error);
    let parts = view! {
        <label for=id>{label} {required.then_some(view! { <span aria-hidden="true">" *"</span> })}</label>
        <input
            id=id
            name=id
            type=kind
            required=required
            maxlength=maxlength.map(|m| m.to_string())
            autocomplete=autocomplete
            disabled=move || disabled.get()
            aria-invalid=move || error.with(Option::is_some).to_string()
            aria-describedby=described
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    };
    field_frame("field", id, parts.into_any(), hint, error)
}

/// A labelled multi-line text input.
#[component]
pub fn TextAreaField(
    id: &'static str,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let described = described_by(id, &hint, error);
    let parts = view! {
        <label for=id>{label}</label>
        <textarea
            id=id
            name=id
            rows=rows.to_string()
            disabled=move || disabled.get()
            aria-invalid=move || error.with(Option::is_some).to_string()
            aria-describedby=described
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        ></textarea>
    };
    field_frame("field", id, parts.into_any(), hint, error)
}

/// A labelled checkbox (rendered as a switch by the CSS where `switch` is set).
#[component]
pub fn CheckboxField(
    id: &'static str,
    #[prop(into)] label: String,
    checked: RwSignal<bool>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let described = described_by(id, &hint, error);
    let parts = view! {
        <input
            id=id
            name=id
            type="checkbox"
            disabled=move || disabled.get()
            aria-describedby=described
            prop:checked=move || checked.get()
            on:change=move |ev| checked.set(event_target_checked(&ev))
        />
        <label for=id>{label}</label>
    };
    field_frame("field field-check", id, parts.into_any(), hint, error)
}

/// A labelled select over (value, label) options.
#[component]
pub fn SelectField(
    id: &'static str,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let described = described_by(id, &hint, error);
    let selected = value.get_untracked();
    let options = options
        .into_iter()
        .map(|(v, l)| {
            let is_selected = v == selected;
            view! { <option value=v selected=is_selected>{l}</option> }
        })
        .collect_view();
    let parts = view! {
        <label for=id>{label}</label>
        <select
            id=id
            name=id
            disabled=move || disabled.get()
            aria-describedby=described
            prop:value=move || value.get()
            on:change=move |ev| value.set(event_target_value(&ev))
        >
            {options}
        </select>
    };
    field_frame("field", id, parts.into_any(), hint, error)
}

/// Errors that belong to no field, shown above the form.
#[component]
pub fn FormError(errors: FormErrors) -> impl IntoView {
    move || {
        errors.general().get().map(|message| {
            view! {
                <div class="form-error" role="alert">
                    {message}
                </div>
            }
        })
    }
}

/// A submit button that is disabled (and says so) while the request is pending.
#[component]
pub fn SubmitButton(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            class="btn btn-primary"
            class:btn-danger=danger
            disabled=move || pending.get() || disabled.get()
            aria-busy=move || pending.get().to_string()
        >
            {move || if pending.get() { format!("{}\u{2026}", label.get()) } else { label.get() }}
        </button>
    }
}

/// A button that does something at once (Verify, Remove...): `class` styles it, `aria_label`
/// names its row's thing for screen readers, `disabled` while that is not possible.
pub fn action_button(
    class: &'static str,
    label: &'static str,
    aria_label: Option<String>,
    disabled: Signal<bool>,
    on_click: Box<dyn Fn()>,
) -> AnyView {
    view! {
        <button
            type="button"
            class=class
            aria-label=aria_label
            disabled=move || disabled.get()
            on:click=move |_| on_click()
        >
            {label}
        </button>
    }
    .into_any()
}

/// App-wide flag: a form on screen has unsaved changes. Every in-app link asks before leaving
/// (see `nav::start`).
#[derive(Clone, Copy)]
pub struct UnsavedChanges(pub RwSignal<bool>);

const LEAVE_QUESTION: &str = "You have unsaved changes. Leave this page and lose them?";

/// Warns before leaving a form with unsaved changes: on reload/close (beforeunload), on the
/// console's own links (see `confirm_leave`), and on the browser's Back and Forward buttons
/// (see `guard_back_and_forward`).
pub fn use_unsaved_guard(dirty: Signal<bool>) {
    let flag = use_context::<UnsavedChanges>().map(|u| u.0);
    if let Some(flag) = flag {
        crate::reactive::watch(move || flag.set(dirty.get()));
        on_cleanup(move || flag.set(false));
    }
    let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if dirty.get_untracked() {
            ev.prevent_default();
            ev.set_return_value("You have unsaved changes.");
        }
    });
    on_cleanup(move || handle.remove());
}

thread_local! {
    /// The address the app shows (path, query, hash), noted after each navigation.
    static SHOWN: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Notes the address the app now shows (the top level calls it after each navigation).
pub fn note_shown_address(address: String) {
    SHOWN.with(|shown| *shown.borrow_mut() = address);
}

/// Back and Forward with unsaved changes. By the time `popstate` fires the address has already
/// changed, so this listener, added before the navigation's own (`nav::start`; listeners on
/// window run in the order they were added), holds the event back from it and asks. Stay puts
/// the form's address back; Leave hands the event on. Called once, before `nav::start`.
pub fn guard_back_and_forward(unsaved: UnsavedChanges) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::{closure::Closure, JsCast};

    let leaving = Rc::new(Cell::new(false));
    let on_popstate = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if leaving.replace(false) || !unsaved.0.get_untracked() {
            return;
        }
        ev.stop_immediate_propagation();
        let window = window();
        if window.confirm_with_message(LEAVE_QUESTION).unwrap_or(true) {
            unsaved.0.set(false);
            leaving.set(true);
            if let Ok(again) = web_sys::Event::new("popstate") {
                let _ = window.dispatch_event(&again);
            }
        } else if let Ok(history) = window.history() {
            let here = SHOWN.with(|shown| shown.borrow().clone());
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&here));
        }
    });
    let _ = window()
        .add_event_listener_with_callback("popstate", on_popstate.into_js_value().unchecked_ref());
}

/// Asks before an in-app navigation would drop unsaved changes. True = go ahead.
pub fn confirm_leave() -> bool {
    use_context::<UnsavedChanges>().is_none_or(confirm_leave_with)
}

/// [`confirm_leave`] with the app's unsaved-changes flag at hand.
pub fn confirm_leave_with(unsaved: UnsavedChanges) -> bool {
    if !unsaved.0.get_untracked() {
        return true;
    }
    let ok = window()
        .confirm_with_message(LEAVE_QUESTION)
        .unwrap_or(true);
    if ok {
        unsaved.0.set(false);
    }
    ok
}
