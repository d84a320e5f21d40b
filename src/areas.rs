//! Route-level code splitting: the shell (header, navigation, organization scope) and the pages
//! of each area (organizations, members, invites, domains, roles, proxy records, projects, batch exports) are compiled into
//! one wasm chunk each, fetched the first time one of their pages is shown, so that the connect
//! screen carries none of them. `#[wasm_split]` marks the split points; scripts/split-wasm.sh, run
//! by trunk after each build, cuts the wasm there and packs each chunk with the shared code it
//! needs. While a chunk loads the shell stays up and the page says it is loading; a chunk that
//! fails to load is an error with Retry, like a network error, and Retry fetches it again.

use api::ApiError;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use crate::components::dialog::{ConfirmAction, DialogState};
use crate::components::feedback::{ErrorPanel, TableSkeleton};
use crate::http::Loaded;

/// Every page behind a lazily loaded area.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    /// Everything behind the connect screen: header, switcher, the page switch, toasts
    /// (app.rs `Shell`).
    Shell,
    OrgList,
    OrgCreate,
    OrgSettings,
    Members,
    Invites,
    InviteCreate,
    BulkInvite,
    Domains,
    Domain,
    Roles,
    Role,
    ProxyRecords,
    ProxyRecord,
    Projects,
    ProjectCreate,
    Project,
    BatchExports,
    BatchExportCreate,
    BatchExport,
    BatchExportEdit,
    /// The request inspector panel (components/inspector.rs), opened from the shell.
    Inspector,
    /// The review of an edit before it is saved (components/review.rs).
    Review,
    /// Parts of a page fetched when first opened (`on_demand`): a batch export's logs, and its
    /// resume and backfill dialogs.
    BatchExportLogs,
    BatchExportActions,
    /// A project's products and its activity log (sections opened on demand).
    ProjectProducts,
    ProjectActivity,
    /// The confirm dialog (components/dialog.rs), opened from many pages.
    Confirm,
    /// A role's member search (a section opened on demand).
    RoleAddMember,
}

/// Builds a page's view; the function lives in its area's chunk.
type PageView = fn() -> AnyView;

/// An area's chunk could not be fetched or instantiated.
#[derive(Clone, Debug)]
pub struct ChunkError;

impl From<SplitLoaderError> for ChunkError {
    fn from(_: SplitLoaderError) -> Self {
        ChunkError
    }
}

#[wasm_split(shell, wasm_split_path = ::leptos::wasm_split, fallible)]
fn shell_area(page: Page) -> Result<PageView, ChunkError> {
    let _ = page;
    Ok(|| view! { <crate::app::Shell /> }.into_any())
}

// An area's list is a chunk; its other pages (a detail page, forms) are another, so that the
// list's first view does not carry them.
#[wasm_split(orgs, wasm_split_path = ::leptos::wasm_split, fallible)]
fn orgs_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::orgs::OrgListPage /> }.into_any())
}

#[wasm_split(org_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn org_pages_area(page: Page) -> Result<PageView, ChunkError> {
    use crate::pages::orgs::*;
    Ok(match page {
        Page::OrgCreate => || view! { <OrgCreatePage /> }.into_any(),
        _ => || view! { <OrgSettingsPage /> }.into_any(),
    })
}

#[wasm_split(members, wasm_split_path = ::leptos::wasm_split, fallible)]
fn members_area(_page: Page) -> Result<PageView, ChunkError> {
    use crate::pages::members::*;
    Ok(|| view! { <MembersPage /> }.into_any())
}

#[wasm_split(invites, wasm_split_path = ::leptos::wasm_split, fallible)]
fn invites_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::invites::InvitesPage /> }.into_any())
}

#[wasm_split(invite_forms, wasm_split_path = ::leptos::wasm_split, fallible)]
fn invite_forms_area(page: Page) -> Result<PageView, ChunkError> {
    use crate::pages::invites::*;
    Ok(match page {
        Page::BulkInvite => || view! { <BulkInvitePage /> }.into_any(),
        _ => || view! { <InviteCreatePage /> }.into_any(),
    })
}

#[wasm_split(domains, wasm_split_path = ::leptos::wasm_split, fallible)]
fn domains_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::domains::DomainsPage /> }.into_any())
}

#[wasm_split(domain_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn domain_page_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::domains::DomainPage /> }.into_any())
}

#[wasm_split(roles, wasm_split_path = ::leptos::wasm_split, fallible)]
fn roles_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::roles::RolesPage /> }.into_any())
}

#[wasm_split(role_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn role_page_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::roles::RolePage /> }.into_any())
}

#[wasm_split(proxy_records, wasm_split_path = ::leptos::wasm_split, fallible)]
fn proxy_records_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::proxy_records::ProxyRecordsPage /> }.into_any())
}

#[wasm_split(proxy_record_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn proxy_record_page_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::proxy_records::ProxyRecordPage /> }.into_any())
}

#[wasm_split(projects, wasm_split_path = ::leptos::wasm_split, fallible)]
fn projects_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::projects::ProjectsPage /> }.into_any())
}

#[wasm_split(project_create, wasm_split_path = ::leptos::wasm_split, fallible)]
fn project_create_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::projects::ProjectCreatePage /> }.into_any())
}

/// A project's page is a chunk of its own: it holds most of the area's code (settings, key,
/// products, activity), which the list and the create form do not need.
#[wasm_split(project_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn project_page_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::pages::projects::ProjectPage /> }.into_any())
}

// Batch exports are three chunks (the list; create and edit; an export's page): together they
// were past the first-view ceiling, and each page needs little of the others.
#[wasm_split(batch_exports, wasm_split_path = ::leptos::wasm_split, fallible)]
fn batch_exports_area(_page: Page) -> Result<PageView, ChunkError> {
    use crate::pages::batch_exports::*;
    Ok(|| view! { <BatchExportsPage /> }.into_any())
}

#[wasm_split(batch_export_form, wasm_split_path = ::leptos::wasm_split, fallible)]
fn batch_export_form_area(page: Page) -> Result<PageView, ChunkError> {
    use crate::pages::batch_exports::*;
    Ok(match page {
        Page::BatchExportEdit => || view! { <BatchExportEditPage /> }.into_any(),
        _ => || view! { <BatchExportCreatePage /> }.into_any(),
    })
}

#[wasm_split(batch_export, wasm_split_path = ::leptos::wasm_split, fallible)]
fn batch_export_area(_page: Page) -> Result<PageView, ChunkError> {
    use crate::pages::batch_exports::*;
    Ok(|| view! { <BatchExportPage /> }.into_any())
}

#[wasm_split(inspector, wasm_split_path = ::leptos::wasm_split, fallible)]
fn inspector_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::components::inspector::RequestInspector /> }.into_any())
}

#[wasm_split(review, wasm_split_path = ::leptos::wasm_split, fallible)]
fn review_area(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| view! { <crate::components::review::ReviewDialog /> }.into_any())
}

// A part's chunk is named `<page's chunk>__<part>`: scripts/pack-chunks.mjs leaves out of its
// pack what the page's pack already brought.
#[wasm_split(batch_export__logs, wasm_split_path = ::leptos::wasm_split, fallible)]
fn batch_export_logs_part(_page: Page) -> Result<PageView, ChunkError> {
    Ok(crate::pages::batch_exports::logs_part)
}

#[wasm_split(batch_export__actions, wasm_split_path = ::leptos::wasm_split, fallible)]
fn batch_export_actions_part(_page: Page) -> Result<PageView, ChunkError> {
    Ok(crate::pages::batch_exports::actions_part)
}

#[wasm_split(project_page__products, wasm_split_path = ::leptos::wasm_split, fallible)]
fn project_products_part(_page: Page) -> Result<PageView, ChunkError> {
    Ok(crate::pages::projects::products_part)
}

#[wasm_split(project_page__activity, wasm_split_path = ::leptos::wasm_split, fallible)]
fn project_activity_part(_page: Page) -> Result<PageView, ChunkError> {
    Ok(crate::pages::projects::activity_part)
}

#[wasm_split(role_page__add_member, wasm_split_path = ::leptos::wasm_split, fallible)]
fn role_add_member_part(_page: Page) -> Result<PageView, ChunkError> {
    Ok(crate::pages::roles::add_member_part)
}

/// What a confirm dialog needs (components/dialog.rs), given through context to its chunk.
#[derive(Clone, Copy)]
struct ConfirmArgs {
    state: DialogState,
    pending: Signal<bool>,
    on_confirm: ConfirmAction,
}

#[wasm_split(confirm, wasm_split_path = ::leptos::wasm_split, fallible)]
fn confirm_part(_page: Page) -> Result<PageView, ChunkError> {
    Ok(|| {
        let args = expect_context::<ConfirmArgs>();
        crate::components::dialog::confirm_dialog(args.state, args.pending, args.on_confirm)
    })
}

/// A confirm dialog, whose code every page's confirms share in a chunk fetched when the first
/// one opens: nothing while it loads, the error with Retry if it cannot be fetched.
pub fn confirm_dialog(
    state: DialogState,
    pending: Signal<bool>,
    on_confirm: ConfirmAction,
) -> AnyView {
    provide_context(ConfirmArgs {
        state,
        pending,
        on_confirm,
    });
    load_view(Page::Confirm, false)
}

/// Fetches (once) the chunk of the page's area and returns the page's view function.
async fn load_page(page: Page) -> Result<PageView, ChunkError> {
    match page {
        Page::Shell => shell_area(page).await,
        Page::OrgList => orgs_area(page).await,
        Page::OrgCreate | Page::OrgSettings => org_pages_area(page).await,
        Page::Members => members_area(page).await,
        Page::Invites => invites_area(page).await,
        Page::InviteCreate | Page::BulkInvite => invite_forms_area(page).await,
        Page::Domains => domains_area(page).await,
        Page::Domain => domain_page_area(page).await,
        Page::Roles => roles_area(page).await,
        Page::Role => role_page_area(page).await,
        Page::ProxyRecords => proxy_records_area(page).await,
        Page::ProxyRecord => proxy_record_page_area(page).await,
        Page::Projects => projects_area(page).await,
        Page::ProjectCreate => project_create_area(page).await,
        Page::Project => project_page_area(page).await,
        Page::BatchExports => batch_exports_area(page).await,
        Page::BatchExportCreate | Page::BatchExportEdit => batch_export_form_area(page).await,
        Page::BatchExport => batch_export_area(page).await,
        Page::Inspector => inspector_area(page).await,
        Page::Review => review_area(page).await,
        Page::BatchExportLogs => batch_export_logs_part(page).await,
        Page::BatchExportActions => batch_export_actions_part(page).await,
        Page::ProjectProducts => project_products_part(page).await,
        Page::ProjectActivity => project_activity_part(page).await,
        Page::Confirm => confirm_part(page).await,
        Page::RoleAddMember => role_add_member_part(page).await,
    }
}

/// A route's view: the page once its area's code is here; until then a loading state, or the
/// error with Retry when the code could not be fetched.
pub fn lazy(page: Page) -> AnyView {
    load_view(page, true)
}

/// A part of a page (a section opened on demand, a dialog) fetched the first time `wanted` is
/// true and kept from then on: the page stays as it is while it loads; a part that cannot be
/// fetched shows the error with Retry where it would be.
pub fn on_demand(page: Page, wanted: RwSignal<bool>) -> AnyView {
    crate::reactive::shown(move || wanted.get(), move || load_view(page, false))
}

/// A section of a page whose body is fetched the first time it is opened: its heading and a
/// Show / Hide button (a disclosure: `aria-expanded`, `aria-controls`; "Show {noun}"), then the
/// part while open. `id` names the section (`{id}-heading`, `{id}-body`).
pub fn disclosure(
    id: &'static str,
    title: &'static str,
    noun: &'static str,
    part: Page,
    open: RwSignal<bool>,
) -> AnyView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    let body = format!("{id}-body");
    let controls = body.clone();
    view! {
        <section class="card" id=id aria-labelledby=labelled_by>
            <div class="card-header">
                <h2 id=heading>{title}</h2>
                <button type="button" class="btn" aria-expanded=move || open.get().to_string()
                    aria-controls=controls on:click=move |_| open.update(|o| *o = !*o)>
                    {move || format!("{} {noun}", if open.get() { "Hide" } else { "Show" })}
                </button>
            </div>
            <div id=body>{on_demand(part, open)}</div>
        </section>
    }
    .into_any()
}

fn load_view(page: Page, skeleton: bool) -> AnyView {
    let chunk = Loaded::new(move || async move {
        load_page(page)
            .await
            .map_err(|ChunkError| ApiError::Network {
                message: "The code of this page could not be loaded.".into(),
            })
    });
    (move || match chunk.get() {
        None => skeleton.then(|| view! { <TableSkeleton /> }).into_any(),
        Some(Ok(page_view)) => page_view(),
        Some(Err(error)) => {
            view! { <ErrorPanel error=error on_retry=Callback::new(move |_| chunk.refetch()) /> }
                .into_any()
        }
    })
    .into_any()
}
