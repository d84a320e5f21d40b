//! The review before an edit is saved: what will change (field, before, after; a secret only
//! as "changed"), then Save, or Back to the form with everything typed still there. Every edit
//! form asks through [`use_review`]; the dialog's code is a chunk of its own, fetched the first
//! time a review opens (the shell shows it, see app.rs).

use api::diff::Change;
use leptos::html;
use leptos::prelude::*;

/// App-wide: the open review (the changes, and what Save does), if any.
#[derive(Clone, Copy)]
pub struct Review {
    changes: RwSignal<Option<Vec<Change>>>,
    save: StoredValue<Option<Box<dyn FnOnce()>>, LocalStorage>,
}

impl Review {
    pub fn new() -> Review {
        Review {
            changes: RwSignal::new(None),
            save: StoredValue::new_local(None),
        }
    }

    /// Shows `changes`; Save runs `save`. Nothing to change: `save` runs at once.
    pub fn ask(&self, changes: Vec<Change>, save: impl FnOnce() + 'static) {
        if changes.is_empty() {
            save();
            return;
        }
        self.save.set_value(Some(Box::new(save)));
        self.changes.set(Some(changes));
    }

    pub fn is_open(&self) -> bool {
        self.changes.with(Option::is_some)
    }

    fn close(&self) {
        self.save.set_value(None);
        self.changes.set(None);
    }
}

impl Default for Review {
    fn default() -> Self {
        Review::new()
    }
}

pub fn use_review() -> Review {
    expect_context()
}

/// The dialog (in its own chunk).
#[component]
pub fn ReviewDialog() -> impl IntoView {
    let review = use_review();
    let dialog = NodeRef::<html::Dialog>::new();
    crate::reactive::watch(move || {
        if let Some(el) = dialog.get() {
            if !el.open() {
                let _ = el.show_modal();
            }
        }
    });
    let rows = move || {
        review
            .changes
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|change| {
                let (before, after) = match change.values {
                    Some((before, after)) => (before, after),
                    None => ("(secret)".to_string(), "changed".to_string()),
                };
                view! {
                    <tr>
                        <th scope="row">{change.field}</th>
                        <td>{before}</td>
                        <td>{after}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <dialog
            node_ref=dialog
            class="dialog dialog-wide"
            aria-labelledby="review-title"
            on:close=move |_| review.close()
        >
            <form
                method="dialog"
                on:submit=move |ev| {
                    ev.prevent_default();
                    let save = review.save.try_update_value(Option::take).flatten();
                    review.close();
                    if let Some(save) = save {
                        save();
                    }
                }
            >
                <h2 id="review-title">"Review the changes"</h2>
                <div class="dialog-body table-wrap">
                    <table class="data-table review-table">
                        <thead>
                            <tr>
                                <th scope="col">"Field"</th>
                                <th scope="col">"Now"</th>
                                <th scope="col">"After saving"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div class="dialog-actions">
                    <button type="button" class="btn" autofocus=true on:click=move |_| review.close()>
                        "Back to editing"
                    </button>
                    <button type="submit" class="btn btn-primary">
                        "Save changes"
                    </button>
                </div>
            </form>
        </dialog>
    }
}
