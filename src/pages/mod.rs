//! One module per resource (list, forms, actions), plus connect and not-found.

pub mod batch_exports;
pub mod connect;
pub mod domains;
pub mod invites;
pub mod members;
pub mod not_found;
pub mod orgs;
pub mod projects;
pub mod proxy_records;
pub mod roles;
