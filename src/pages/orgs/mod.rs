//! Organizations: the paginated list, create, and the settings page (view, edit, delete). The
//! organization form's fields are shared by create and settings.

mod create;
mod list;
mod settings;

pub use create::OrgCreatePage;
pub use list::OrgListPage;
pub use settings::OrgSettingsPage;

use api::models::{Organization, OrganizationCreate};
use api::validate::{self, ORGANIZATION_NAME_MAX_LEN};
use leptos::prelude::*;

use crate::components::form::{CheckboxField, FormErrors, TextField};

const ORG_FIELDS: &[&str] = &[
    "name",
    "logo_media_id",
    "is_member_join_email_enabled",
    "enforce_2fa",
];

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

    /// PostHog's checks a client can make first (a name, not too long).
    fn check(&self, errors: FormErrors) -> bool {
        let checked = validate::name(
            &self.name.get_untracked(),
            ORGANIZATION_NAME_MAX_LEN,
            "organization",
        );
        if let Err(message) = &checked {
            errors.set_field("name", message.as_str());
        }
        checked.is_ok()
    }
}

#[component]
fn OrgFields(form: OrgForm, errors: FormErrors) -> impl IntoView {
    view! {
        <TextField
            id="name"
            label="Name"
            value=form.name
            error=errors.field("name")
            required=true
            maxlength=ORGANIZATION_NAME_MAX_LEN as u32
        />
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
