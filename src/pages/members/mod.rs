//! Members of an organization.

mod list;

pub use list::MembersPage;
