//! The data table (header cells, keyed rows) and the pager (page sizes, total count), used by
//! every list page. Columns are plain values so a new resource is mostly configuration.

use std::sync::Arc;

use leptos::prelude::*;

use super::feedback::load;

use super::list_state::{ListState, PagedList, PAGE_SIZES};

/// One column: its header and how a row's cell renders.
pub struct Column<T> {
    pub header: &'static str,
    pub cell: Arc<dyn Fn(&T) -> AnyView + Send + Sync>,
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        Column {
            header: self.header,
            cell: self.cell.clone(),
        }
    }
}

pub fn column<T>(
    header: &'static str,
    cell: impl Fn(&T) -> AnyView + Send + Sync + 'static,
) -> Column<T> {
    Column {
        header,
        cell: Arc::new(cell),
    }
}

/// A column of links: `link(row)` gives the address and the text.
pub fn link_column<T>(
    header: &'static str,
    link: impl Fn(&T) -> (String, String) + Send + Sync + 'static,
) -> Column<T> {
    column(header, move |row| {
        let (href, text) = link(row);
        link_view(href, text)
    })
}

fn link_view(href: String, text: String) -> AnyView {
    view! { <a href=href>{text}</a> }.into_any()
}

/// A column showing plain text.
pub fn text_column<T>(
    header: &'static str,
    text: impl Fn(&T) -> String + Send + Sync + 'static,
) -> Column<T> {
    column(header, move |row| text(row).into_any())
}

/// A table with a caption (for screen readers), header cells and keyed rows.
#[component]
pub fn DataTable<T>(
    #[prop(into)] caption: String,
    columns: Vec<Column<T>>,
    #[prop(into)] rows: Signal<Vec<T>>,
    key: fn(&T) -> String,
    #[prop(into)] empty: String,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let headers = columns
        .iter()
        .map(|c| view! { <th scope="col">{c.header}</th> })
        .collect_view();
    let count = columns.len();
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>
                    {crate::reactive::shown(
                        move || rows.with(Vec::is_empty),
                        move || {
                            view! {
                                <tr>
                                    <td class="empty-cell" colspan=count.to_string()>
                                        {empty.clone()}
                                    </td>
                                </tr>
                            }
                            .into_any()
                        },
                    )}
                    <For
                        each=move || rows.get()
                        key=move |row| key(row)
                        children=move |row: T| {
                            let cells = columns
                                .iter()
                                .map(|c| {
                                    view! { <td data-label=c.header>{(c.cell)(&row)}</td> }
                                })
                                .collect_view();
                            view! { <tr>{cells}</tr> }
                        }
                    />
                </tbody>
            </table>
        </div>
    }
}

/// A paginated list as every list page shows it: skeleton while the first page loads, then the
/// table and the pager, or an error panel with Retry.
#[component]
pub fn PagedTable<T>(
    #[prop(into)] caption: String,
    columns: Vec<Column<T>>,
    key: fn(&T) -> String,
    #[prop(into)] empty: String,
    list: PagedList<T>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let PagedList {
        page: resource,
        state,
        set_state,
    } = list;
    load(resource, move |page| {
        let count = page.count;
        view! {
            <DataTable
                caption=caption.clone()
                columns=columns.clone()
                rows=Signal::stored(page.results)
                key=key
                empty=empty.clone()
            />
            <Pager count=Signal::stored(count) state=state set_state=set_state />
        }
    })
}

/// Previous/next, "41–50 of 120", and the page size choice. Page changes go through the URL.
#[component]
pub fn Pager(
    #[prop(into)] count: Signal<u64>,
    state: Memo<ListState>,
    set_state: Callback<ListState>,
) -> impl IntoView {
    let pages = move || {
        let size = state.with(|s| s.size) as u64;
        count.get().div_ceil(size).max(1) as u32
    };
    let range = move || {
        let s = state.get();
        let total = count.get();
        if total == 0 {
            return "No results".to_string();
        }
        let first = (s.offset() as u64 + 1).min(total);
        let last = (s.offset() as u64 + s.size as u64).min(total);
        format!("{first}\u{2013}{last} of {total}")
    };
    let go = move |page: u32| set_state.run(state.get_untracked().with_page(page));
    view! {
        <nav class="pager" aria-label="Pagination">
            <span class="pager-range" aria-live="polite">
                {range}
            </span>
            <button
                type="button"
                class="btn"
                disabled=move || state.with(|s| s.page <= 1)
                on:click=move |_| go(state.get_untracked().page - 1)
            >
                "\u{2190} Previous"
            </button>
            <span class="pager-page">
                {move || format!("Page {} of {}", state.with(|s| s.page), pages())}
            </span>
            <button
                type="button"
                class="btn"
                disabled=move || { state.with(|s| s.page) >= pages() }
                on:click=move |_| go(state.get_untracked().page + 1)
            >
                "Next \u{2192}"
            </button>
            <label class="pager-size">
                "Rows per page "
                <select
                    prop:value=move || state.with(|s| s.size.to_string())
                    on:change=move |ev| {
                        if let Ok(size) = event_target_value(&ev).parse::<u32>() {
                            set_state.run(state.get_untracked().with_size(size));
                        }
                    }
                >
                    {PAGE_SIZES
                        .iter()
                        .map(|size| {
                            view! { <option value=size.to_string()>{size.to_string()}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
        </nav>
    }
}

/// A search box bound to the list state's filter: applies on Enter or after a pause in typing.
#[component]
pub fn FilterBox(
    #[prop(into)] label: String,
    state: Memo<ListState>,
    set_state: Callback<ListState>,
    #[prop(optional, into)] placeholder: String,
) -> impl IntoView {
    let text = RwSignal::new(state.get_untracked().filter);
    // The URL is the truth: back/forward changes the box too.
    crate::reactive::watch(move || {
        let filter = state.with(|s| s.filter.clone());
        if filter != text.get_untracked() {
            text.set(filter);
        }
    });
    let apply = move || {
        let value = text.get_untracked().trim().to_string();
        if value != state.with_untracked(|s| s.filter.clone()) {
            set_state.run(state.get_untracked().with_filter(value));
        }
    };
    let pending: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage> =
        StoredValue::new_local(None);
    view! {
        <form
            class="filter-box"
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                pending.set_value(None);
                apply();
            }
        >
            <label>
                <span class="visually-hidden">{label}</span>
                <input
                    type="search"
                    placeholder=placeholder
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        pending.set_value(Some(gloo_timers::callback::Timeout::new(500, apply)));
                    }
                />
            </label>
            <button type="submit" class="btn">
                "Search"
            </button>
        </form>
    }
}
