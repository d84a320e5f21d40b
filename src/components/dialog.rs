//! Confirm dialogs on the native modal `<dialog>`: it takes focus, keeps Tab inside (the rest of
//! the page is inert), and closes on Escape. Optionally the person must type a name to confirm.
//! A page holds a [`ConfirmState`] per kind of confirm (its words, and how to name what it is
//! about) and places `confirm.view(mutation)`; the dialog itself is one non-generic function, in
//! a chunk of its own fetched the first time a confirm opens (areas.rs), so that no page's first
//! view carries it.

use leptos::html;
use leptos::prelude::*;

use crate::components::form::{action_button, FormError, FormErrors};
use crate::http::{Failure, Mutation};

/// The words of a confirm dialog, and whether it confirms something destructive.
#[derive(Clone)]
pub struct Confirm {
    pub title: &'static str,
    /// The confirm button ("Remove", "Delete role").
    pub action: &'static str,
    pub danger: bool,
    /// The question, as the words before and after the name of what it is about.
    pub question: (&'static str, &'static str),
    /// The confirm button stays disabled until this exact text is typed.
    pub type_to_confirm: Option<String>,
    /// The typed text may differ in case (PostHog's project delete).
    pub any_case: bool,
}

impl Confirm {
    /// A destructive action (red button): `title`, the button's `action`, and the question.
    pub fn danger(
        title: &'static str,
        action: &'static str,
        question: (&'static str, &'static str),
    ) -> Confirm {
        Confirm {
            title,
            action,
            danger: true,
            question,
            type_to_confirm: None,
            any_case: false,
        }
    }

    /// A weighty but not destructive action.
    pub fn plain(
        title: &'static str,
        action: &'static str,
        question: (&'static str, &'static str),
    ) -> Confirm {
        Confirm {
            danger: false,
            ..Confirm::danger(title, action, question)
        }
    }

    /// The person must type `text` (a name) to confirm.
    pub fn typing(mut self, text: String) -> Confirm {
        self.type_to_confirm = Some(text);
        self
    }

    /// The person must type `text`, in any case, to confirm.
    pub fn typing_any_case(mut self, text: String) -> Confirm {
        self.any_case = true;
        self.typing(text)
    }
}

/// A confirm dialog's words, whether it is open, the name of what it is about and the error of
/// its last attempt (the non-generic half of [`ConfirmState`]; a failed mutation writes to it).
#[derive(Clone, Copy)]
pub struct DialogState {
    pub open: RwSignal<bool>,
    pub errors: FormErrors,
    named: RwSignal<String>,
    words: StoredValue<Confirm>,
}

/// A confirm dialog about one thing (the member to remove, the invite to revoke): what it is
/// about, how to name it, and its [`DialogState`]. The page places `view(mutation)` once.
pub struct ConfirmState<T: Send + Sync + 'static> {
    pub target: RwSignal<Option<T>>,
    pub dialog: DialogState,
    name: fn(&T) -> String,
}

impl<T: Send + Sync + 'static> Clone for ConfirmState<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for ConfirmState<T> {}

impl<T: Clone + Send + Sync + 'static> ConfirmState<T> {
    /// A dialog with these `words`, naming its target with `name`.
    pub fn new(words: Confirm, name: fn(&T) -> String) -> Self {
        ConfirmState {
            target: RwSignal::new(None),
            dialog: DialogState {
                open: RwSignal::new(false),
                errors: FormErrors::new(),
                named: RwSignal::new(String::new()),
                words: StoredValue::new(words),
            },
            name,
        }
    }

    /// Opens the dialog about `target`.
    pub fn ask(&self, target: T) {
        self.dialog.named.set((self.name)(&target));
        self.target.set(Some(target));
        self.dialog.show();
    }

    /// For [`crate::http::Http::mutation`]: errors go into this dialog, success closes it.
    pub fn failure(&self) -> Failure {
        Failure::Dialog(self.dialog)
    }

    /// A table row's action button ("Remove", "Delete") that opens this dialog about `target`.
    pub fn row_button(&self, label: &'static str, aria_label: String, target: T) -> AnyView {
        let state = *self;
        let ask = Box::new(move || state.ask(target.clone()));
        action_button(ROW_DANGER, label, Some(aria_label), Signal::default(), ask)
    }

    /// A page's button ("Delete role…") that opens this dialog about what `target` gives then.
    pub fn ask_button(
        &self,
        class: &'static str,
        label: &'static str,
        disabled: bool,
        target: impl Fn() -> T + 'static,
    ) -> AnyView {
        let state = *self;
        let ask = Box::new(move || state.ask(target()));
        action_button(class, label, None, Signal::stored(disabled), ask)
    }

    /// The dialog (fetched when it first opens); confirming dispatches `run` with the target.
    pub fn view(&self, run: Mutation<T>) -> AnyView {
        let target = self.target;
        let confirm: ConfirmAction = StoredValue::new_local(Box::new(move || {
            if let Some(target) = target.get_untracked() {
                run.dispatch(target);
            }
        }));
        let state = self.dialog;
        let wanted = RwSignal::new(false);
        crate::reactive::watch(move || {
            if state.open.get() && !wanted.get_untracked() {
                wanted.set(true);
            }
        });
        let pending = run.pending();
        crate::reactive::shown(
            move || wanted.get(),
            move || crate::areas::confirm_dialog(state, pending, confirm),
        )
    }
}

impl DialogState {
    fn show(&self) {
        self.errors.clear();
        self.open.set(true);
    }
}

/// The class of a table row's destructive button.
pub const ROW_DANGER: &str = "btn btn-small btn-danger-outline";

/// What confirming does (dispatch the mutation with the target).
pub type ConfirmAction = StoredValue<Box<dyn Fn()>, LocalStorage>;

/// The dialog's view (in the confirm chunk, areas.rs).
pub fn confirm_dialog(
    state: DialogState,
    pending: Signal<bool>,
    on_confirm: ConfirmAction,
) -> AnyView {
    let DialogState {
        open,
        errors,
        named,
        words,
    } = state;
    let Confirm {
        title,
        action,
        danger,
        question: (before, after),
        type_to_confirm,
        any_case,
    } = words.get_value();
    let dialog = NodeRef::<html::Dialog>::new();
    let typed = RwSignal::new(String::new());
    let confirmed_text = {
        let expected = type_to_confirm.clone();
        move || match &expected {
            Some(expected) if any_case => typed.with(|t| t.trim().eq_ignore_ascii_case(expected)),
            Some(expected) => typed.with(|t| t.trim() == expected.as_str()),
            None => true,
        }
    };
    crate::reactive::watch(move || {
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
            .to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let heading_id = title_id.clone();
    let autofocus_cancel = type_to_confirm.is_none();
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
                    on_confirm.with_value(|confirm| confirm());
                }
            >
                <h2 id=heading_id>{title}</h2>
                <div class="dialog-body">
                    <p>{before} <strong>{move || named.get()}</strong> {after}</p>
                </div>
                {type_to_confirm
                    .map(|expected| {
                        view! {
                            <div class="field">
                                <label for="confirm-typed">
                                    "Type " <strong>{expected}</strong> " to confirm"
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
                <FormError errors=errors />
                <div class="dialog-actions">
                    <button
                        type="button"
                        class="btn"
                        autofocus=autofocus_cancel
                        disabled=move || pending.get()
                        on:click=move |_| open.set(false)
                    >
                        "Cancel"
                    </button>
                    <button
                        type="submit"
                        class="btn btn-primary"
                        class:btn-danger=danger
                        disabled=move || pending.get() || !confirmed_text()
                    >
                        {move || if pending.get() { "Working\u{2026}" } else { action }}
                    </button>
                </div>
            </form>
        </dialog>
    }
    .into_any()
}
