//! Leptos' effects and memos, compiled once per value type instead of once per call site.
//! `Effect::new(closure)` and `Memo::new(closure)` instantiate Leptos' code for each closure
//! type (about 1 KB of wasm per effect, 0.4-0.9 KB per memo); these box the closure first, so
//! only the closure's own body is compiled per use.

use leptos::prelude::*;

/// Runs `f` now and again whenever a signal it reads changes, until the view that called it
/// goes away (`Effect::new`).
pub fn watch(f: impl Fn() + 'static) {
    watch_boxed(Box::new(f));
}

fn watch_boxed(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// A value computed from signals, recomputed when they change and passed on only when it
/// differs (`Memo::new`).
pub fn memo<T>(f: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    memo_boxed(Box::new(f))
}

fn memo_boxed<T>(f: Box<dyn Fn() -> T + Send + Sync>) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| f())
}

/// `view()` while `when()` is true, nothing otherwise, rebuilt only when `when()` changes: what
/// Leptos' `<Show>` does, without the component code it compiles for every use (about 3 KB of
/// wasm each); every use of this one shares the same code.
pub fn shown(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    shown_boxed(memo(when), Box::new(view))
}

fn shown_boxed(when: Memo<bool>, view: Box<dyn Fn() -> AnyView + Send + Sync>) -> AnyView {
    (move || when.get().then(&view)).into_any()
}
