//! The organizations the key can see, paginated.

use api::endpoints::organizations;
use api::models::Organization;
use leptos::prelude::*;

use crate::components::list_state::use_paged_list;
use crate::components::table::{link_column, text_column, PagedTable};
use crate::components::util::short_date;

#[component]
pub fn OrgListPage() -> impl IntoView {
    let orgs = use_paged_list(|s| organizations::list(Some(s.limit()), Some(s.offset())));
    let columns = vec![
        link_column("Name", |o: &Organization| {
            (format!("/orgs/{}/members", o.id), o.name.clone())
        }),
        text_column("Slug", |o: &Organization| o.slug.clone()),
        text_column("Your level", |o: &Organization| {
            o.membership_level
                .as_ref()
                .map_or("—", |l| l.label())
                .to_string()
        }),
        text_column("Members", |o: &Organization| {
            o.member_count
                .map(|c| c.to_string())
                .unwrap_or_else(|| "—".into())
        }),
        text_column("Created", |o: &Organization| short_date(&o.created_at)),
        link_column("", |o: &Organization| {
            (format!("/orgs/{}/settings", o.id), "Settings".to_string())
        }),
    ];
    view! {
        <main id="main" class="content content-wide">
            <div class="page-header">
                <h1>"Organizations"</h1>
                <a href="/orgs/new" class="btn btn-primary">
                    "New organization"
                </a>
            </div>
            <PagedTable caption="Organizations" list=orgs columns=columns
                key=|o: &Organization| o.id.clone() empty="You are not a member of any organization yet." />
        </main>
    }
}
