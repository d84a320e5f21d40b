//! The API's data: answer models (what the server sends), create bodies and patch bodies (only
//! the writable fields; patches send only what changed), and the enumerations.

mod batch_export;
mod domain;
mod enums;
mod invite;
mod member;
mod organization;
mod project;
mod proxy;
mod role;
pub(crate) mod serde_util;
mod user;

pub use batch_export::{
    BackfillRequest, BatchExport, BatchExportCreate, BatchExportDestination, BatchExportLogEntry,
    BatchExportPatch, BatchExportRun, BatchExportSummary, DestinationKind, LogsQuery,
    UnpauseRequest,
};
pub use domain::{DomainCreate, DomainPatch, OrganizationDomain, CHALLENGE_TTL_SECONDS};
pub use enums::{
    BatchExportModel, DestinationType, FeatureFlagsAccessLevel, Interval, LogLevel,
    MembershipLevel, PluginsAccessLevel, ProjectAccessLevel, ProxyRecordStatus, RunStatus,
    SsoEnforcement, WeekStartDay,
};
pub use invite::{
    InviteCreate, OrganizationInvite, PrivateProjectAccess, INVITE_VALID_DAYS, MAX_BULK_INVITES,
};
pub use member::{MemberListQuery, MemberOrder, MemberPatch, OrganizationMember, UserBasic};
pub use organization::{Organization, OrganizationCreate, OrganizationPatch};
pub use project::{
    ActivityLogEntry, CompleteOnboarding, IsGeneratingDemoData, ProductIntent, Project,
    ProjectActivity, ProjectBasic, ProjectCreate, ProjectPatch,
};
pub use proxy::{ProxyRecord, ProxyRecordCreate, ProxyRecordList, ProxyRecordPatch};
pub use role::{Role, RoleCreate, RoleMembership, RoleMembershipCreate, RolePatch};
pub use user::{CurrentUser, OrganizationBasic};

/// `Some(edited)` when it differs from `before` (for the patches' `diff`).
pub(crate) fn changed<T: PartialEq + Clone>(before: &T, edited: &T) -> Option<T> {
    (before != edited).then(|| edited.clone())
}
