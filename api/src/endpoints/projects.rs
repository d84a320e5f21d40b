//! `/api/organizations/:org/projects/`: CRUD plus the project actions (activity, product
//! intents and onboarding, demo data state, token reset). Project ids are integers.

use super::org_path;
use crate::models::{
    CompleteOnboarding, IsGeneratingDemoData, ProductIntent, Project, ProjectActivity,
    ProjectBasic, ProjectCreate, ProjectPatch,
};
use crate::{Method, NoContent, Page, Request};

fn base(org: &str) -> String {
    org_path(org) + "projects/"
}

fn item(org: &str, id: i64) -> String {
    format!("{}{id}/", base(org))
}

/// `GET .../projects/`.
pub fn list(org: &str, limit: Option<u32>, offset: Option<u32>) -> Request<Page<ProjectBasic>> {
    super::list(base(org), limit, offset)
}

/// `POST .../projects/` (201).
pub fn create(org: &str, body: &ProjectCreate) -> Request<Project> {
    super::post(base(org), body)
}

/// `GET .../projects/:id/`.
pub fn retrieve(org: &str, id: i64) -> Request<Project> {
    super::get(item(org, id))
}

/// `PATCH .../projects/:id/`.
pub fn update(org: &str, id: i64, body: &ProjectPatch) -> Request<Project> {
    super::patch(item(org, id), body)
}

/// `DELETE .../projects/:id/` (204).
pub fn delete(org: &str, id: i64) -> Request<NoContent> {
    super::delete(item(org, id))
}

/// `GET .../projects/:id/activity/?limit=&page=`: page-numbered activity log.
pub fn activity(
    org: &str,
    id: i64,
    limit: Option<u32>,
    page: Option<u32>,
) -> Request<ProjectActivity> {
    Request::new(Method::Get, item(org, id) + "activity/")
        .with_optional_query("limit", limit)
        .with_optional_query("page", page)
}

/// `PATCH .../projects/:id/add_product_intent/`: answers the project.
pub fn add_product_intent(org: &str, id: i64, body: &ProductIntent) -> Request<Project> {
    super::patch(item(org, id) + "add_product_intent/", body)
}

/// `PATCH .../projects/:id/complete_product_onboarding/`: answers the project.
pub fn complete_product_onboarding(
    org: &str,
    id: i64,
    body: &CompleteOnboarding,
) -> Request<Project> {
    super::patch(item(org, id) + "complete_product_onboarding/", body)
}

/// `GET .../projects/:id/is_generating_demo_data/`.
pub fn is_generating_demo_data(org: &str, id: i64) -> Request<IsGeneratingDemoData> {
    super::get(item(org, id) + "is_generating_demo_data/")
}

/// `PATCH .../projects/:id/reset_token/` (admin): answers the project with a new `api_token`.
pub fn reset_token(org: &str, id: i64) -> Request<Project> {
    Request::new(Method::Patch, item(org, id) + "reset_token/")
}
