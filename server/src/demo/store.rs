//! The demo's in-memory data: users, and per organization its members, invites, domains, roles,
//! proxy records, projects and batch exports; plus id/token makers and shared JSON renderers.

use chrono::{DateTime, SecondsFormat, Utc};
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Map, Value};

use crate::errors::ErrorReply;

/// PostHog's timestamps: ISO 8601 with microseconds and `Z`.
pub fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn ts_opt(t: &Option<DateTime<Utc>>) -> Value {
    t.as_ref().map(|t| json!(ts(t))).unwrap_or(Value::Null)
}

/// The fields of a `json!({...})` object.
pub fn fields(object: Value) -> Map<String, Value> {
    match object {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// A person with an account (PostHog's `User`): a member, an inviter, or Dana Demo, the key's
/// user.
#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub uuid: String,
    pub distinct_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// An unverified email is shown as such in the members list.
    pub is_email_verified: bool,
    /// What they do ("engineering", "product", ...), as PostHog asks at sign-up.
    pub role_at_organization: Option<String>,
    pub is_2fa_enabled: bool,
    /// Signs in with Google, GitHub or GitLab rather than a password.
    pub has_social_auth: bool,
    pub last_login: DateTime<Utc>,
    pub date_joined: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub id: String,
    /// Index into `Store::users`.
    pub user: usize,
    /// PostHog's membership level: 1 member, 8 admin, 15 owner.
    pub level: u8,
    pub joined_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An invite never changes once made: what the demo's rules read, and the rest of PostHog's
/// `OrganizationInvite` as answered (first name, level, message, ...).
#[derive(Debug, Clone)]
pub struct Invite {
    pub id: String,
    pub target_email: String,
    pub created_by: Option<usize>,
    pub created_at: DateTime<Utc>,
    pub rest: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub struct Domain {
    pub id: String,
    pub domain: String,
    /// Set by a successful `verify` (names ending with `VERIFIED_DOMAIN_SUFFIX`).
    pub verified_at: Option<DateTime<Utc>>,
    /// The TXT record's value.
    pub verification_challenge: String,
    pub jit_provisioning_enabled: bool,
    pub sso_enforcement: String,
    pub saml_entity_id: Option<String>,
    pub saml_acs_url: Option<String>,
    pub saml_x509_cert: Option<String>,
    pub scim_enabled: bool,
}

#[derive(Debug, Clone)]
pub struct RoleMembership {
    pub id: String,
    pub user: usize,
    pub joined_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<usize>,
    pub memberships: Vec<RoleMembership>,
}

#[derive(Debug, Clone)]
pub struct ProxyRecord {
    pub id: String,
    pub domain: String,
    pub target_cname: String,
    /// Its status follows the clock from here: waiting, issuing, then valid.
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: Option<i64>,
    /// A status that does not follow the clock (seeded records), with its message.
    pub fixed_status: Option<(String, Option<String>)>,
    /// Set by DELETE of a live record; it disappears a few seconds later.
    pub deleting_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Activity {
    pub id: String,
    pub user: Option<usize>,
    pub activity: String,
    pub scope: String,
    pub item_id: Option<String>,
    pub detail: Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub api_token: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub ingested_event: bool,
    pub has_group_types: bool,
    /// The writable settings, by field name.
    pub settings: Map<String, Value>,
    pub product_intents: Vec<Value>,
    /// Newest first.
    pub activity: Vec<Activity>,
}

#[derive(Debug, Clone)]
pub struct Run {
    pub id: String,
    /// The status once settled.
    pub status: String,
    pub records_completed: Option<i64>,
    pub records_total_count: Option<i64>,
    pub bytes_exported: Option<i64>,
    pub latest_error: Option<String>,
    pub data_interval_start: Option<DateTime<Utc>>,
    pub data_interval_end: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub last_updated_at: DateTime<Utc>,
    pub backfill: Option<String>,
    /// Runs that are still going: Starting, then Running, until this time.
    pub settles_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct BatchExport {
    pub id: String,
    pub team_id: i64,
    pub name: String,
    pub model: Option<String>,
    pub destination_type: String,
    /// The whole config, secrets included (never returned).
    pub config: Map<String, Value>,
    /// The integration holding the credentials (Databricks), answered as `integration`.
    pub integration: Option<i64>,
    pub interval: String,
    pub paused: bool,
    pub created_at: DateTime<Utc>,
    pub last_updated_at: DateTime<Utc>,
    pub last_paused_at: Option<DateTime<Utc>>,
    pub start_at: Option<DateTime<Utc>>,
    pub end_at: Option<DateTime<Utc>>,
    pub hogql_query: String,
    pub timezone: Option<String>,
    pub offset_day: Option<i64>,
    pub offset_hour: Option<i64>,
    /// Newest first.
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, Default)]
pub struct Org {
    pub id: String,
    pub slug: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Its name and the rest of PostHog's fields that are stored as answered (the writable ones
    /// read through `organizations::FIELDS`), by field name.
    pub settings: Map<String, Value>,
    pub members: Vec<Member>,
    pub invites: Vec<Invite>,
    pub domains: Vec<Domain>,
    pub roles: Vec<Role>,
    /// At most `MAX_PROXY_RECORDS`; a deleted live one stays a few seconds as `deleting`.
    pub proxy_records: Vec<ProxyRecord>,
    /// In creation order: an organization-level batch export create uses the first.
    pub projects: Vec<Project>,
    pub batch_exports: Vec<BatchExport>,
}

pub struct Store {
    pub rng: StdRng,
    pub users: Vec<User>,
    pub orgs: Vec<Org>,
    pub next_user_id: i64,
    pub next_project_id: i64,
    /// Index of the demo key's user in `users`.
    pub me: usize,
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

impl Store {
    /// A random (version 4) UUID from the store's generator.
    pub fn uuid(&mut self) -> String {
        uuid_from(&mut self.rng)
    }

    /// `len` random letters and digits.
    pub fn token(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| ALNUM[self.rng.gen_range(0..ALNUM.len())] as char)
            .collect()
    }

    /// `len` random lower-case hex digits.
    pub fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from_digit(self.rng.gen_range(0..16), 16).unwrap_or('0'))
            .collect()
    }

    /// The organization a path names (`@current`: your first), if you belong to it.
    /// Whether the demo key's user is a member of `org`.
    fn is_mine(&self, org: &Org) -> bool {
        org.members.iter().any(|m| m.user == self.me)
    }

    /// The organization of the project in a `/projects/{project}` path (404 when there is no
    /// such project, or the key's user is not in its organization).
    pub fn project_org_index(&self, segment: &str) -> Result<usize, ErrorReply> {
        let project: i64 = segment.parse().map_err(|_| ErrorReply::not_found())?;
        self.orgs
            .iter()
            .position(|o| o.projects.iter().any(|p| p.id == project) && self.is_mine(o))
            .ok_or_else(ErrorReply::not_found)
    }

    pub fn org_index(&self, segment: &str) -> Result<usize, ErrorReply> {
        let belongs = |org: &Org| self.is_mine(org);
        if segment == "@current" {
            return self
                .orgs
                .iter()
                .position(belongs)
                .ok_or_else(ErrorReply::not_found);
        }
        let wanted = segment.to_ascii_lowercase();
        self.orgs
            .iter()
            .position(|o| o.id == wanted && belongs(o))
            .ok_or_else(ErrorReply::not_found)
    }

    /// Your level in an organization (you belong to it when it was found by `org_index`).
    pub fn my_level(&self, oi: usize) -> u8 {
        self.orgs[oi]
            .members
            .iter()
            .find(|m| m.user == self.me)
            .map(|m| m.level)
            .unwrap_or(0)
    }

    /// 403 unless you are at least admin of the organization.
    pub fn require_admin(&self, oi: usize) -> Result<(), ErrorReply> {
        if self.my_level(oi) >= super::levels::ADMIN {
            Ok(())
        } else {
            Err(ErrorReply::insufficient_level())
        }
    }

    /// PostHog's `UserBasic`.
    pub fn user_basic(&self, ui: usize) -> Value {
        let u = &self.users[ui];
        json!({
            "id": u.id,
            "uuid": u.uuid,
            "distinct_id": u.distinct_id,
            "first_name": u.first_name,
            "last_name": u.last_name,
            "email": u.email,
            "is_email_verified": u.is_email_verified,
            "hedgehog_config": null,
            "role_at_organization": u.role_at_organization,
        })
    }

    pub fn user_basic_opt(&self, ui: Option<usize>) -> Value {
        ui.map(|u| self.user_basic(u)).unwrap_or(Value::Null)
    }

    /// PostHog's `OrganizationMember`.
    pub fn member_json(&self, m: &Member) -> Value {
        let u = &self.users[m.user];
        json!({
            "id": m.id,
            "user": self.user_basic(m.user),
            "level": m.level,
            "joined_at": ts(&m.joined_at),
            "updated_at": ts(&m.updated_at),
            "is_2fa_enabled": u.is_2fa_enabled,
            "has_social_auth": u.has_social_auth,
            "last_login": ts(&u.last_login),
        })
    }

    /// The project list item (`ProjectBackwardCompatBasic`).
    pub fn project_basic_json(&self, oi: usize, p: &Project) -> Value {
        json!({
            "id": p.id,
            "uuid": p.uuid,
            "organization": self.orgs[oi].id,
            "api_token": p.api_token,
            "name": p.name,
            "completed_snippet_onboarding": p.settings.get("completed_snippet_onboarding").cloned().unwrap_or(json!(false)),
            "has_completed_onboarding_for": p.settings.get("has_completed_onboarding_for").cloned().unwrap_or(Value::Null),
            "ingested_event": p.ingested_event,
            "is_demo": p.settings.get("is_demo").cloned().unwrap_or(json!(false)),
            "timezone": p.settings.get("timezone").cloned().unwrap_or(json!("UTC")),
            "access_control": p.settings.get("access_control").cloned().unwrap_or(json!(false)),
        })
    }
}

/// A version 4 UUID from `rng`.
pub fn uuid_from(rng: &mut StdRng) -> String {
    uuid::Builder::from_random_bytes(rng.gen())
        .into_uuid()
        .to_string()
}

/// `12,345`.
pub fn thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn uuids_are_v4_and_seeded() {
        let mut a = StdRng::seed_from_u64(7);
        let mut b = StdRng::seed_from_u64(7);
        let u = uuid_from(&mut a);
        assert_eq!(u, uuid_from(&mut b));
        assert!(crate::demo::validate::is_uuid(&u));
        assert_eq!(&u[14..15], "4");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(12345), "12,345");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000000), "1,000,000");
    }
}
