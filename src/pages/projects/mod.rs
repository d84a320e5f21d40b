//! Projects: the organization's projects (list, create) and a project's page: settings (only
//! changed fields sent; a new timezone asked first), the API key with a reset that warns there
//! is no grace period, demo data progress, products, the activity log in sentences, and delete
//! after typing the name.

mod activity;
mod create;
mod detail;
mod list;
mod settings;

pub use activity::activity_part;
pub use create::ProjectCreatePage;
pub use detail::{products_part, ProjectPage};
pub use list::ProjectsPage;

use std::cell::RefCell;

use crate::http::Loaded;
use api::endpoints::projects;
use api::models::Project;
use api::ApiError;
use leptos::prelude::*;

use crate::hooks::{use_current_org, use_detail_id};
use crate::http::use_http;

/// The fields of the project forms a server error can name.
const PROJECT_FIELDS: &[&str] = &[
    "name",
    "product_description",
    "timezone",
    "week_start_day",
    "app_urls",
];

thread_local! {
    /// Projects this tab deleted (organization, id): PostHog deletes a project's data after
    /// answering, and says nothing about it in the project itself, so the console remembers.
    static PENDING_DELETION: RefCell<Vec<(String, i64)>> = const { RefCell::new(Vec::new()) };
}

fn remember_pending_deletion(org: &str, id: i64) {
    PENDING_DELETION.with(|p| {
        let mut p = p.borrow_mut();
        if !p.iter().any(|(o, i)| o == org && *i == id) {
            p.push((org.to_string(), id));
        }
    });
}

fn is_pending_deletion(org: &str, id: i64) -> bool {
    PENDING_DELETION.with(|p| p.borrow().iter().any(|(o, i)| o == org && *i == id))
}

/// The project the address names (`/orgs/:org_id/projects/:id`), fetched again when it changes.
fn use_project() -> Loaded<Project> {
    let http = use_http();
    let current = use_current_org();
    let id = use_detail_id();
    Loaded::new(move || {
        let org = current.id.get();
        let id = id.get().parse::<i64>();
        async move {
            match id {
                Ok(id) => http.send(projects::retrieve(&org, id)).await,
                Err(_) => Err(ApiError::NotFound {
                    detail: "No such project.".into(),
                }),
            }
        }
    })
}
