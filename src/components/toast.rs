//! Toasts: short confirmations of what just happened ("Invite sent"), announced politely to
//! screen readers and dismissed after a few seconds or by hand.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub message: String,
    pub is_error: bool,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn new() -> Self {
        Toasts {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        }
    }

    pub fn success(&self, message: impl Into<String>) {
        self.push(message.into(), false);
    }

    pub fn error(&self, message: impl Into<String>) {
        self.push(message.into(), true);
    }

    fn push(&self, message: String, is_error: bool) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.list.update(|l| {
            l.push(Toast {
                id,
                message,
                is_error,
            })
        });
        let list = self.list;
        set_timeout(
            move || list.update(|l| l.retain(|t| t.id != id)),
            std::time::Duration::from_secs(6),
        );
    }

    fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|t| t.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_toasts() -> Toasts {
    expect_context()
}

#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For
                each=move || toasts.list.get()
                key=|t| t.id
                children=move |t: Toast| {
                    let id = t.id;
                    view! {
                        <div class="toast" class:toast-error=t.is_error>
                            <span>{t.message}</span>
                            <button
                                type="button"
                                class="btn-icon"
                                aria-label="Dismiss"
                                on:click=move |_| toasts.dismiss(id)
                            >
                                "\u{00d7}"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
