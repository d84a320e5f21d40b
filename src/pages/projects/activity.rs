//! A project's activity log: each entry as a sentence (tokens masked), newest first, with its
//! own page and page size (not the address's: the page has one list already in mind).

use api::endpoints::projects;
use api::models::ProjectActivity;
use api::project_rules::activity_sentence;
use leptos::prelude::*;

use super::detail::ProjectParts;
use crate::components::feedback::load;
use crate::components::util::short_datetime;
use crate::hooks::use_current_org;
use crate::http::use_http;
use crate::http::Loaded;

const SIZES: [u32; 3] = [10, 25, 50];

/// The activity section's body, fetched the first time it is opened (areas.rs).
pub fn activity_part() -> AnyView {
    let parts = expect_context::<ProjectParts>();
    let id = parts.project.with_untracked(|p| p.id);
    activity_log(id, parts.version)
}

/// `version` changes when the project changed (the newest page is asked again).
fn activity_log(project_id: i64, version: RwSignal<u32>) -> AnyView {
    let http = use_http();
    let current = use_current_org();
    let page = RwSignal::new(1u32);
    let limit = RwSignal::new(SIZES[0]);
    Effect::new(move |prev: Option<u32>| {
        let v = version.get();
        if prev.is_some_and(|p| p != v) {
            page.set(1);
        }
        v
    });
    let log = Loaded::new(move || {
        version.track();
        let request = projects::activity(
            &current.id.get(),
            project_id,
            Some(limit.get()),
            Some(page.get()),
        );
        http.send(request)
    });
    view! {
        <div class="activity">
            {load(log, move |a: ProjectActivity| {
                let total = a.total_count;
                let pages = total.div_ceil(limit.get_untracked() as u64).max(1);
                let has_next = a.next.is_some();
                let has_previous = a.previous.is_some() || page.get_untracked() > 1;
                let entries = a
                    .results
                    .iter()
                    .map(|e| {
                        let when = short_datetime(&e.created_at);
                        view! {
                            <li>
                                <span class="activity-sentence">{activity_sentence(e)}</span>
                                " "
                                <time class="muted" datetime=e.created_at.clone()>{when}</time>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    {(total == 0).then(|| view! { <p class="empty-state">"Nothing has happened in this project yet."</p> }.into_any())}
                    <ol class="activity-list">{entries}</ol>
                    <nav class="pager" aria-label="Activity pages">
                        <span class="pager-range" aria-live="polite">{format!("{total} entries")}</span>
                        <button type="button" class="btn" disabled=!has_previous
                            on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))>
                            "\u{2190} Newer"
                        </button>
                        <span class="pager-page">{format!("Page {} of {pages}", page.get_untracked())}</span>
                        <button type="button" class="btn" disabled=!has_next on:click=move |_| page.update(|p| *p += 1)>
                            "Older \u{2192}"
                        </button>
                        <label class="pager-size">
                            "Entries per page "
                            <select
                                prop:value=limit.get_untracked().to_string()
                                on:change=move |ev| {
                                    if let Ok(size) = event_target_value(&ev).parse::<u32>() {
                                        page.set(1);
                                        limit.set(size);
                                    }
                                }
                            >
                                {SIZES.iter().map(|s| view! { <option value=s.to_string()>{s.to_string()}</option> }).collect_view()}
                            </select>
                        </label>
                    </nav>
                }
                .into_any()
            })}
        </div>
    }
    .into_any()
}
