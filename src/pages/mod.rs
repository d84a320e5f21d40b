//! One module per resource (list, forms, actions), plus connect, coming-soon and not-found.

pub mod coming_soon;
pub mod connect;
pub mod domains;
pub mod invites;
pub mod members;
pub mod not_found;
pub mod orgs;
pub mod proxy_records;
pub mod roles;
