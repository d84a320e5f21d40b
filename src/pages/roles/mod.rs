//! Roles: the table (name, members, created by, created) with create and delete, and a role's
//! page: rename, delete, its members with add (a searchable pick of the organization's
//! members) and remove.

mod add_member;
mod detail;
mod list;

pub use add_member::add_member_part;
pub use detail::RolePage;
pub use list::RolesPage;

use api::validate::{self, ROLE_NAME_MAX_LEN};

use crate::components::form::FormErrors;

const ROLE_FIELDS: &[&str] = &["name"];

/// The question before deleting a role, around its name.
const DELETE_ROLE: (&str, &str) = (
    "Delete the role ",
    "? Its members lose the access it gave them.",
);

/// The role name typed, trimmed, if PostHog would take it (otherwise the error is on the field).
fn checked_name(name: &str, errors: FormErrors) -> Option<String> {
    match validate::name(name, ROLE_NAME_MAX_LEN, "role") {
        Ok(()) => Some(name.trim().to_string()),
        Err(message) => {
            errors.set_field("name", message);
            None
        }
    }
}
