//! Organizations: the paginated list, create, and the settings page (view, edit, delete).

use api::endpoints::organizations;
use api::models::{MembershipLevel, Organization, OrganizationCreate, OrganizationPatch};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{describe_error, load};
use crate::components::form::{
    use_unsaved_guard, CheckboxField, FormError, FormErrors, SubmitButton, TextField,
};
use crate::components::list_state::use_list_state;
use crate::components::table::{column, text_column, PagedTable};
use crate::components::toast::use_toasts;
use crate::components::util::{level_label, short_date, short_datetime};
use crate::hooks::{use_current_org, use_org_directory};
use crate::http::use_http;

const ORG_FIELDS: [&str; 4] = [
    "name",
    "logo_media_id",
    "is_member_join_email_enabled",
    "enforce_2fa",
];

#[component]
pub fn OrgListPage() -> impl IntoView {
    let http = use_http();
    let (state, set_state) = use_list_state();
    let orgs = LocalResource::new(move || {
        let s = state.get();
        async move {
            http.send(organizations::list(Some(s.limit()), Some(s.offset())))
                .await
        }
    });
    let columns = vec![
        column("Name", |o: &Organization| {
            let text = o.name.clone();
            view! { <A href=format!("/orgs/{}/members", o.id)>{text}</A> }.into_any()
        }),
        text_column("Slug", |o: &Organization| o.slug.clone()),
        text_column("Your level", |o: &Organization| {
            o.membership_level
                .as_ref()
                .map(level_label)
                .unwrap_or_else(|| "—".into())
        }),
        text_column("Members", |o: &Organization| {
            o.member_count
                .map(|c| c.to_string())
                .unwrap_or_else(|| "—".into())
        }),
        text_column("Created", |o: &Organization| short_date(&o.created_at)),
        column("", |o: &Organization| {
            view! { <A href=format!("/orgs/{}/settings", o.id)>"Settings"</A> }.into_any()
        }),
    ];
    view! {
        <main id="main" class="content content-wide">
            <div class="page-header">
                <h1>"Organizations"</h1>
                <A href="/orgs/new" attr:class="btn btn-primary">
                    "New organization"
                </A>
            </div>
            <PagedTable
            caption="Organizations"
            columns=columns
            key=|o: &Organization| o.id.clone()
            empty="You are not a member of any organization yet."
            resource=orgs
            state=state
            set_state=set_state
        />
        </main>
    }
}

/// The editable fields of an organization, as signals.
#[derive(Clone, Copy)]
struct OrgForm {
    name: RwSignal<String>,
    logo_media_id: RwSignal<String>,
    is_member_join_email_enabled: RwSignal<bool>,
    enforce_2fa: RwSignal<bool>,
}

impl OrgForm {
    fn new(from: Option<&Organization>) -> Self {
        OrgForm {
            name: RwSignal::new(from.map(|o| o.name.clone()).unwrap_or_default()),
            logo_media_id: RwSignal::new(
                from.and_then(|o| o.logo_media_id.clone())
                    .unwrap_or_default(),
            ),
            is_member_join_email_enabled: RwSignal::new(
                from.map(|o| o.is_member_join_email_enabled).unwrap_or(true),
            ),
            enforce_2fa: RwSignal::new(from.and_then(|o| o.enforce_2fa).unwrap_or(false)),
        }
    }

    fn value(&self) -> OrganizationCreate {
        let logo = self.logo_media_id.get().trim().to_string();
        OrganizationCreate {
            name: self.name.get().trim().to_string(),
            logo_media_id: (!logo.is_empty()).then_some(logo),
            is_member_join_email_enabled: Some(self.is_member_join_email_enabled.get()),
            enforce_2fa: Some(self.enforce_2fa.get()),
        }
    }

    /// Client-side checks mirroring PostHog's (name required, at most 64 characters).
    fn check(&self, errors: FormErrors) -> bool {
        let name = self.name.get_untracked();
        let name = name.trim();
        if name.is_empty() {
            errors.set_field("name", "Give the organization a name.");
            false
        } else if name.chars().count() > 64 {
            errors.set_field("name", "At most 64 characters.");
            false
        } else {
            true
        }
    }
}

#[component]
fn OrgFields(form: OrgForm, errors: FormErrors) -> impl IntoView {
    view! {
        <TextField id="name" label="Name" value=form.name error=errors.field("name") required=true maxlength=64 />
        <TextField
            id="logo_media_id"
            label="Logo media ID"
            value=form.logo_media_id
            error=errors.field("logo_media_id")
            hint="The ID of an uploaded image in PostHog; leave empty for no logo."
        />
        <CheckboxField
            id="is_member_join_email_enabled"
            label="Email members when someone joins"
            checked=form.is_member_join_email_enabled
            error=errors.field("is_member_join_email_enabled")
        />
        <CheckboxField
            id="enforce_2fa"
            label="Require two-factor authentication for all members"
            checked=form.enforce_2fa
            error=errors.field("enforce_2fa")
        />
    }
}

#[component]
pub fn OrgCreatePage() -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let directory = use_org_directory();
    let navigate = use_navigate();
    let form = OrgForm::new(None);
    let errors = FormErrors::new();
    let dirty =
        Signal::derive(move || !form.name.get().is_empty() || !form.logo_media_id.get().is_empty());
    use_unsaved_guard(dirty);

    let create = Action::new_local(move |body: &OrganizationCreate| {
        let body = body.clone();
        let navigate = navigate.clone();
        async move {
            match http.send(organizations::create(&body)).await {
                Ok(org) => {
                    toasts.success(format!("Organization \u{201c}{}\u{201d} created", org.name));
                    directory.0.refetch();
                    form.name.set(String::new());
                    form.logo_media_id.set(String::new());
                    navigate(&format!("/orgs/{}/settings", org.id), Default::default());
                }
                Err(error) => errors.apply(&error, &ORG_FIELDS),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if form.check(errors) {
            create.dispatch(form.value());
        }
    };
    view! {
        <main id="main" class="content">
            <nav class="breadcrumbs" aria-label="Breadcrumb">
                <ol>
                    <li>
                        <A href="/orgs">"Organizations"</A>
                    </li>
                    <li aria-current="page">"New"</li>
                </ol>
            </nav>
            <h1>"New organization"</h1>
            <form class="card form" on:submit=submit novalidate=true>
                <FormError errors=errors />
                <OrgFields form=form errors=errors />
                <div class="form-actions">
                    <SubmitButton label="Create organization" pending=create.pending() />
                    <A href="/orgs" attr:class="btn">
                        "Cancel"
                    </A>
                </div>
            </form>
        </main>
    }
}

#[component]
pub fn OrgSettingsPage() -> impl IntoView {
    let current = use_current_org();
    view! {
        <h1>"Organization settings"</h1>
        {load(current.org, |org| view! { <OrgSettings org=org /> })}
    }
}

#[component]
fn OrgSettings(org: Organization) -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let directory = use_org_directory();
    let navigate = use_navigate();
    let baseline = RwSignal::new(org.clone());
    let form = OrgForm::new(Some(&org));
    let errors = FormErrors::new();
    let dirty = Signal::derive(move || {
        let value = form.value();
        let base = baseline.get();
        !OrganizationPatch::diff(&base, &value).is_empty()
    });
    use_unsaved_guard(dirty);
    let can_edit = org
        .membership_level
        .as_ref()
        .map(|l| l.rank() >= MembershipLevel::Admin.rank())
        .unwrap_or(true);
    let is_owner = org
        .membership_level
        .as_ref()
        .map(|l| *l == MembershipLevel::Owner)
        .unwrap_or(true);

    let save = Action::new_local(move |patch: &OrganizationPatch| {
        let patch = patch.clone();
        let id = current.id.get_untracked();
        async move {
            match http.send(organizations::update(&id, &patch)).await {
                Ok(updated) => {
                    baseline.set(updated.clone());
                    toasts.success("Organization settings saved");
                    current.org.refetch();
                    directory.0.refetch();
                }
                Err(error) => errors.apply(&error, &ORG_FIELDS),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if !form.check(errors) {
            return;
        }
        let patch = OrganizationPatch::diff(&baseline.get_untracked(), &form.value());
        if patch.is_empty() {
            toasts.success("Nothing to save");
            return;
        }
        save.dispatch(patch);
    };

    let delete_open = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let delete = Action::new_local(move |_: &()| {
        let id = current.id.get_untracked();
        let name = baseline.get_untracked().name;
        let navigate = navigate.clone();
        async move {
            match http.send(organizations::delete(&id)).await {
                Ok(_) => {
                    delete_open.set(false);
                    toasts.success(format!("Organization \u{201c}{name}\u{201d} deleted"));
                    directory.0.refetch();
                    navigate("/orgs", Default::default());
                }
                Err(error) => delete_error.set(Some(describe_error(&error))),
            }
        }
    });

    view! {
        <dl class="facts card">
            <div>
                <dt>"Slug"</dt>
                <dd>{org.slug.clone()}</dd>
            </div>
            <div>
                <dt>"ID"</dt>
                <dd>
                    <code>{org.id.clone()}</code>
                </dd>
            </div>
            <div>
                <dt>"Members"</dt>
                <dd>{org.member_count.map(|c| c.to_string()).unwrap_or_else(|| "—".into())}</dd>
            </div>
            <div>
                <dt>"Your level"</dt>
                <dd>{org.membership_level.as_ref().map(level_label).unwrap_or_else(|| "—".into())}</dd>
            </div>
            <div>
                <dt>"Created"</dt>
                <dd>{short_datetime(&org.created_at)}</dd>
            </div>
            <div>
                <dt>"Updated"</dt>
                <dd>{move || short_datetime(&baseline.get().updated_at)}</dd>
            </div>
        </dl>
        <form class="card form" on:submit=submit novalidate=true>
            <h2>"Details"</h2>
            {(!can_edit)
                .then_some(view! { <p class="notice">"Only admins and owners can change these settings."</p> })}
            <FormError errors=errors />
            <fieldset disabled=!can_edit class="plain">
                <OrgFields form=form errors=errors />
            </fieldset>
            <div class="form-actions">
                <SubmitButton label="Save changes" pending=save.pending() disabled=Signal::derive(move || !dirty.get()) />
            </div>
        </form>
        <section class="card danger-zone">
            <h2>"Delete organization"</h2>
            <p>
                "Deleting removes the organization, its projects and all their data for every member. This cannot be undone."
            </p>
            {(!is_owner).then_some(view! { <p class="notice">"Only owners can delete an organization."</p> })}
            <button
                type="button"
                class="btn btn-danger"
                disabled=!is_owner
                on:click=move |_| {
                    delete_error.set(None);
                    delete_open.set(true);
                }
            >
                "Delete organization\u{2026}"
            </button>
        </section>
        <ConfirmDialog
            open=delete_open
            title="Delete organization"
            confirm_label="Delete organization"
            danger=true
            pending=delete.pending()
            error=delete_error
            type_to_confirm=org.name.clone()
            on_confirm=Callback::new(move |_| {
                delete.dispatch(());
            })
        >
            <p>
                "This deletes " <strong>{move || baseline.get().name}</strong>
                " with all its projects and data, for every member."
            </p>
        </ConfirmDialog>
    }
}
