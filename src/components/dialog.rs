//! Confirm dialogs on the native modal `<dialog>`: it takes focus, keeps Tab inside (the rest of
//! the page is inert), and closes on Escape. Optionally the person must type a name to confirm.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: String,
    #[prop(into)] confirm_label: String,
    on_confirm: Callback<()>,
    #[prop(optional)] danger: bool,
    #[prop(optional, into)] pending: Signal<bool>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    /// When set, the confirm button stays disabled until this exact text is typed.
    #[prop(optional, into)]
    type_to_confirm: Option<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let typed = RwSignal::new(String::new());
    let must_type = type_to_confirm.clone();
    let confirmed_text = move || match &must_type {
        Some(expected) => typed.with(|t| t.trim() == expected.as_str()),
        None => true,
    };
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        if open.get() {
            typed.set(String::new());
            if !el.open() {
                let _ = el.show_modal();
            }
        } else if el.open() {
            el.close();
        }
    });
    let title_id = format!(
        "dialog-{}",
        title
            .to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let label_for_typing = type_to_confirm.clone();
    let heading_id = title_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby=title_id
            on:cancel=move |ev: leptos::ev::Event| {
                if pending.get_untracked() {
                    ev.prevent_default();
                } else {
                    open.set(false);
                }
            }
            on:close=move |_| open.set(false)
        >
            <form
                method="dialog"
                on:submit=move |ev| {
                    ev.prevent_default();
                    on_confirm.run(());
                }
            >
                <h2 id=heading_id>{title.clone()}</h2>
                <div class="dialog-body">{children()}</div>
                {label_for_typing
                    .clone()
                    .map(|expected| {
                        view! {
                            <div class="field">
                                <label for="confirm-typed">
                                    "Type " <strong>{expected.clone()}</strong> " to confirm"
                                </label>
                                <input
                                    id="confirm-typed"
                                    type="text"
                                    autocomplete="off"
                                    prop:value=move || typed.get()
                                    on:input=move |ev| typed.set(event_target_value(&ev))
                                />
                            </div>
                        }
                    })}
                {move || {
                    error
                        .get()
                        .map(|e| {
                            view! {
                                <div class="form-error" role="alert">
                                    {e}
                                </div>
                            }
                        })
                }}
                <div class="dialog-actions">
                    <button
                        type="button"
                        class="btn"
                        autofocus=type_to_confirm.is_none()
                        disabled=move || pending.get()
                        on:click=move |_| open.set(false)
                    >
                        "Cancel"
                    </button>
                    <button
                        type="submit"
                        class="btn btn-primary"
                        class:btn-danger=danger
                        disabled={
                            let confirmed_text = confirmed_text.clone();
                            move || pending.get() || !confirmed_text()
                        }
                    >
                        {move || if pending.get() { "Working\u{2026}".to_string() } else { confirm_label.clone() }}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// The state of a confirm dialog about one thing (the member to remove, the invite to revoke):
/// what it is about, whether it is open, and the error of the last attempt.
pub struct ConfirmState<T: Send + Sync + 'static> {
    pub target: RwSignal<Option<T>>,
    pub open: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
}

impl<T: Send + Sync + 'static> Clone for ConfirmState<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for ConfirmState<T> {}

impl<T: Clone + Send + Sync + 'static> ConfirmState<T> {
    pub fn new() -> Self {
        ConfirmState {
            target: RwSignal::new(None),
            open: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Opens the dialog about `target`.
    pub fn ask(&self, target: T) {
        self.error.set(None);
        self.target.set(Some(target));
        self.open.set(true);
    }

    pub fn close(&self) {
        self.open.set(false);
    }

    pub fn fail(&self, error: &api::ApiError) {
        self.error
            .set(Some(crate::components::feedback::describe_error(error)));
    }

    /// A table row's action button ("Remove", "Delete") that opens this dialog about `target`.
    pub fn row_button(&self, label: String, aria_label: String, target: T) -> AnyView {
        let state = *self;
        view! {
            <button
                type="button"
                class="btn btn-small btn-danger-outline"
                aria-label=aria_label
                on:click=move |_| state.ask(target.clone())
            >
                {label}
            </button>
        }
        .into_any()
    }

    /// What the dialog is about, read untracked (for the confirm handler).
    pub fn current(&self) -> Option<T> {
        self.target.get_untracked()
    }
}

impl<T: Clone + Send + Sync + 'static> Default for ConfirmState<T> {
    fn default() -> Self {
        Self::new()
    }
}
