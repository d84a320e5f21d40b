//! A dialog that asks for a few values before acting (resume with a backfill, a backfill's
//! range): the native modal `<dialog>` like the confirm dialogs (focus kept inside, Escape
//! closes), with the page's fields in its body, the form's general error, Cancel, Copy as curl
//! (the request it would send) and a submit button that shows it pending. Field errors go under their fields, as in any form.

use leptos::html;
use leptos::prelude::*;

use crate::components::copy::CopyAsCurl;
use crate::components::form::{FormError, FormErrors};

/// A dialog with a form: `id` names it (its heading is `{id}-title`), `open` shows it, `errors`
/// holds its fields' errors and the general one.
#[derive(Clone, Copy)]
pub struct FormDialog {
    pub id: &'static str,
    pub title: &'static str,
    pub open: RwSignal<bool>,
    pub errors: FormErrors,
}

impl FormDialog {
    pub fn new(id: &'static str, title: &'static str) -> FormDialog {
        FormDialog {
            id,
            title,
            open: RwSignal::new(false),
            errors: FormErrors::new(),
        }
    }

    /// Opens it with no errors left from last time.
    pub fn show(&self) {
        self.errors.clear();
        self.open.set(true);
    }

    /// Closes it (after the action succeeded).
    pub fn close(&self) {
        self.open.set(false);
    }

    /// The dialog: `body` holds the fields; `on_submit` runs on the submit button or Enter (the
    /// page checks and dispatches); `curl` is the request it would send, for Copy as curl. It
    /// stays open until the page closes it.
    pub fn view(
        &self,
        body: AnyView,
        action: &'static str,
        pending: Signal<bool>,
        curl: Signal<String>,
        on_submit: Box<dyn Fn()>,
    ) -> AnyView {
        form_dialog(*self, body, action, pending, curl, on_submit)
    }
}

fn form_dialog(
    state: FormDialog,
    body: AnyView,
    action: &'static str,
    pending: Signal<bool>,
    curl: Signal<String>,
    on_submit: Box<dyn Fn()>,
) -> AnyView {
    let FormDialog {
        id,
        title,
        open,
        errors,
    } = state;
    let dialog = NodeRef::<html::Dialog>::new();
    crate::reactive::watch(move || {
        let Some(el) = dialog.get() else { return };
        if open.get() {
            if !el.open() {
                let _ = el.show_modal();
            }
        } else if el.open() {
            el.close();
        }
    });
    let title_id = format!("{id}-title");
    let heading_id = title_id.clone();
    view! {
        <dialog
            node_ref=dialog
            id=id
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
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    on_submit();
                }
            >
                <h2 id=heading_id>{title}</h2>
                <div class="dialog-body">{body}</div>
                <FormError errors=errors />
                <div class="dialog-actions">
                    <button
                        type="button"
                        class="btn"
                        disabled=move || pending.get()
                        on:click=move |_| open.set(false)
                    >
                        "Cancel"
                    </button>
                    <CopyAsCurl command=curl />
                    <button
                        type="submit"
                        class="btn btn-primary"
                        disabled=move || pending.get()
                        aria-busy=move || pending.get().to_string()
                    >
                        {move || if pending.get() { "Working\u{2026}" } else { action }}
                    </button>
                </div>
            </form>
        </dialog>
    }
    .into_any()
}
