//! The demo's seed data: "Hogflix" (you are owner, ~120 members), "Hedgebox Labs" (admin) and
//! "Burrow Analytics" (member), each with invites, domains, roles, proxy records, projects and
//! batch exports. With `--deterministic` the ids are the same on every start.

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use super::levels::{ADMIN, MEMBER, OWNER};
use super::store::{
    fields, BatchExport, Domain, Invite, Member, ProxyRecord, Role, RoleMembership, Store, User,
};

/// The generator seed of `--deterministic`.
pub const DETERMINISTIC_SEED: u64 = 20_251_128;
/// Organization ids with `--deterministic` (random otherwise).
pub const HOGFLIX_ORG_ID: &str = "0193a1f0-4e2b-7c55-8d1e-40f1a7c0b001";
pub const HEDGEBOX_ORG_ID: &str = "0193a1f0-4e2b-7c55-8d1e-40f1a7c0b002";
pub const BURROW_ORG_ID: &str = "0193a1f0-4e2b-7c55-8d1e-40f1a7c0b003";
/// The demo key's user ("you") with `--deterministic`.
pub const DEMO_USER_UUID: &str = "0193a1f0-4e2b-7c55-8d1e-40f1a7c0a001";
pub const DEMO_USER_EMAIL: &str = "dana@hogflix.example";

const FIRST_NAMES: &[&str] = &[
    "Aisha", "Ben", "Carlos", "Chloe", "Daniel", "Elena", "Emeka", "Fatima", "Felix", "Grace",
    "Hannah", "Hiro", "Ines", "Isaac", "Jamal", "Jana", "Jonas", "Julia", "Kai", "Keisha", "Lars",
    "Leila", "Liam", "Lucia", "Malik", "Marta", "Mateo", "Maya", "Mei", "Nadia", "Nikhil", "Noah",
    "Olga", "Omar", "Priya", "Quinn", "Rafael", "Rosa", "Sam", "Sana", "Sofia", "Tariq", "Tess",
    "Theo", "Uma", "Victor", "Wen", "Xavier", "Yara", "Yusuf", "Zoe", "Anders", "Bea", "Chidi",
    "Dmitri", "Esther", "Farah", "Gabriel", "Ivy", "Joaquin",
];

const LAST_NAMES: &[&str] = &[
    "Abbott",
    "Adeyemi",
    "Andersson",
    "Bauer",
    "Becker",
    "Bianchi",
    "Castillo",
    "Chen",
    "Cohen",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fernandes",
    "Fischer",
    "Garcia",
    "Gupta",
    "Haddad",
    "Hansen",
    "Hoffmann",
    "Ibrahim",
    "Ito",
    "Jensen",
    "Kaur",
    "Kim",
    "Kowalski",
    "Larsen",
    "Lee",
    "Lopez",
    "Mbeki",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Novak",
    "Okafor",
    "Olsen",
    "Patel",
    "Petrov",
    "Quinn",
    "Rossi",
    "Santos",
    "Schmidt",
    "Silva",
    "Singh",
    "Sorensen",
    "Tanaka",
    "Torres",
    "Tran",
    "Vargas",
    "Volkov",
    "Walsh",
    "Weber",
    "Williams",
    "Wong",
    "Yamamoto",
    "Zhang",
];

const ROLES_AT_ORG: &[Option<&str>] = &[
    Some("engineering"),
    Some("engineering"),
    Some("engineering"),
    Some("product"),
    Some("data"),
    Some("marketing"),
    Some("sales"),
    Some("leadership"),
    Some("other"),
    None,
];

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// A fake but well-formed PEM certificate (base64 of a DER sequence).
pub fn fake_certificate(rng: &mut StdRng) -> String {
    let mut der = vec![
        0x30, 0x82, 0x03, 0x1d, 0x30, 0x82, 0x02, 0x05, 0xa0, 0x03, 0x02, 0x01, 0x02,
    ];
    der.extend((0..780).map(|_| rng.gen::<u8>()));
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap_or(""))
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----",
        lines.join("\n")
    )
}

struct Seeder {
    s: Store,
    now: DateTime<Utc>,
    used_emails: Vec<String>,
}

impl Seeder {
    fn ago_days(&mut self, min: i64, max: i64) -> DateTime<Utc> {
        let minutes = self.s.rng.gen_range(min * 1440..=max * 1440);
        self.now - Duration::minutes(minutes)
    }

    fn add_user(
        &mut self,
        first: &str,
        last: &str,
        email: String,
        uuid: Option<&str>,
        joined: DateTime<Utc>,
    ) -> usize {
        let uuid = uuid.map(str::to_string).unwrap_or_else(|| self.s.uuid());
        let distinct_id = self.s.token(43);
        let role = *pick(&mut self.s.rng, ROLES_AT_ORG);
        let is_2fa = self.s.rng.gen_bool(0.55);
        let social = self.s.rng.gen_bool(0.4);
        let since_joined = (self.now - joined).num_minutes().max(1);
        let last_login =
            self.now - Duration::minutes(self.s.rng.gen_range(0..since_joined.min(60 * 24 * 45)));
        let id = self.s.next_user_id;
        self.s.next_user_id += 1;
        self.used_emails.push(email.clone());
        self.s.users.push(User {
            id,
            uuid,
            distinct_id,
            first_name: first.to_string(),
            last_name: last.to_string(),
            email,
            is_email_verified: self.s.rng.gen_bool(0.9),
            role_at_organization: role.map(str::to_string),
            is_2fa_enabled: is_2fa,
            has_social_auth: social,
            last_login,
            date_joined: joined,
        });
        self.s.users.len() - 1
    }

    /// A name and an unused email at `domain`.
    fn new_person(&mut self, domain: &str) -> (String, String, String) {
        loop {
            let first = pick(&mut self.s.rng, FIRST_NAMES).to_string();
            let last = pick(&mut self.s.rng, LAST_NAMES).to_string();
            let style = self.s.rng.gen_range(0..3);
            let local = match style {
                0 => format!("{}.{}", first, last),
                1 => format!("{}{}", &first[..1], last),
                _ => first.clone(),
            }
            .to_lowercase();
            let email = format!("{local}@{domain}");
            if !self.used_emails.contains(&email) {
                return (first, last, email);
            }
        }
    }

    fn add_member(&mut self, oi: usize, user: usize, level: u8, joined: DateTime<Utc>) {
        let id = self.s.uuid();
        let updated = joined + Duration::minutes(self.s.rng.gen_range(0..60 * 24 * 30));
        self.s.orgs[oi].members.push(Member {
            id,
            user,
            level,
            joined_at: joined,
            updated_at: updated.min(self.now),
        });
    }

    /// `count` new people joined over `days`, with `owners` owners and `admins` admins.
    fn add_people(
        &mut self,
        oi: usize,
        domain: &str,
        count: usize,
        owners: usize,
        admins: usize,
        days: i64,
    ) {
        for i in 0..count {
            let (first, last, email) = self.new_person(domain);
            let joined = self.ago_days(1, days);
            let user = self.add_user(&first, &last, email, None, joined);
            let level = if i < owners {
                OWNER
            } else if i < owners + admins {
                ADMIN
            } else {
                MEMBER
            };
            self.add_member(oi, user, level, joined);
        }
    }

    /// An organization as seeded (2FA not enforced, AI data processing approved), then `settings`.
    fn org(&mut self, id: String, name: &str, created: DateTime<Utc>, settings: Value) -> usize {
        let slug = super::organizations::slugify(&self.s, name);
        let mut org = super::organizations::new_org(id, name, slug, created);
        org.updated_at = created + Duration::days(30);
        let seeded = json!({"enforce_2fa": false, "is_ai_data_processing_approved": true});
        for more in [seeded, settings] {
            org.settings.extend(fields(more));
        }
        self.s.orgs.push(org);
        self.s.orgs.len() - 1
    }

    fn invite(
        &mut self,
        oi: usize,
        email: &str,
        first: &str,
        level: u8,
        age_hours: i64,
        message: Option<&str>,
    ) {
        let created = self.now - Duration::hours(age_hours);
        let creator = self.s.orgs[oi]
            .members
            .iter()
            .filter(|m| m.level >= ADMIN)
            .map(|m| m.user)
            .collect::<Vec<_>>();
        let created_by = Some(*pick(&mut self.s.rng, &creator));
        let id = self.s.uuid();
        let send = self.s.rng.gen_bool(0.85);
        let rest = json!({
            "first_name": first,
            "level": level,
            "message": message,
            "private_project_access": null,
            "emailing_attempt_made": send,
        });
        self.s.orgs[oi].invites.push(Invite {
            id,
            target_email: email.to_string(),
            created_by,
            created_at: created,
            rest: fields(rest),
        });
    }

    fn domain(
        &mut self,
        oi: usize,
        domain: &str,
        verified_days_ago: Option<i64>,
        saml: bool,
        jit: bool,
        sso: &str,
    ) {
        let id = self.s.uuid();
        let challenge = self.s.token(43);
        let cert = saml.then(|| fake_certificate(&mut self.s.rng));
        self.s.orgs[oi].domains.push(Domain {
            id,
            domain: domain.to_string(),
            verified_at: verified_days_ago.map(|d| self.now - Duration::days(d)),
            verification_challenge: challenge,
            jit_provisioning_enabled: jit,
            sso_enforcement: sso.to_string(),
            saml_entity_id: saml
                .then(|| format!("http://www.okta.com/exk{}", domain.replace('.', ""))),
            saml_acs_url: saml.then(|| "https://us.posthog.com/complete/saml/".to_string()),
            saml_x509_cert: cert,
            scim_enabled: false,
        });
    }

    fn role(&mut self, oi: usize, name: &str, size: usize) {
        let id = self.s.uuid();
        let created = self.ago_days(60, 500);
        let admins: Vec<usize> = self.s.orgs[oi]
            .members
            .iter()
            .filter(|m| m.level >= ADMIN)
            .map(|m| m.user)
            .collect();
        let created_by = Some(*pick(&mut self.s.rng, &admins));
        let mut pool: Vec<usize> = self.s.orgs[oi].members.iter().map(|m| m.user).collect();
        let mut memberships = Vec::new();
        for _ in 0..size.min(pool.len()) {
            let i = self.s.rng.gen_range(0..pool.len());
            let user = pool.swap_remove(i);
            let joined = self.ago_days(1, 59);
            let id = self.s.uuid();
            memberships.push(RoleMembership {
                id,
                user,
                joined_at: joined,
                updated_at: joined,
            });
        }
        memberships.sort_by_key(|m| m.joined_at);
        self.s.orgs[oi].roles.push(Role {
            id,
            name: name.to_string(),
            created_at: created,
            created_by,
            memberships,
        });
    }

    fn proxy(&mut self, oi: usize, domain: &str, days_ago: i64, fixed: Option<(&str, &str)>) {
        let id = self.s.uuid();
        let target = format!("{}.proxy-demo.posthog.example", self.s.hex(20));
        let created = self.now - Duration::days(days_ago);
        let creator = self.s.orgs[oi]
            .members
            .iter()
            .find(|m| m.level >= ADMIN)
            .map(|m| self.s.users[m.user].id);
        self.s.orgs[oi].proxy_records.push(ProxyRecord {
            id,
            domain: domain.to_string(),
            fixed_status: fixed.map(|(s, m)| (s.to_string(), Some(m.replace("{target}", &target)))),
            target_cname: target,
            created_at: created,
            updated_at: created + Duration::minutes(12),
            created_by: creator,
            deleting_since: None,
        });
    }

    fn project(&mut self, oi: usize, name: &str, tz: &str, days_ago: i64, settings: Value) -> i64 {
        let mut p = super::projects::new_project(&mut self.s, name, tz);
        p.created_at = self.now - Duration::days(days_ago);
        p.updated_at = p.created_at;
        p.updated_at = self.now - Duration::days(self.s.rng.gen_range(0..days_ago.max(1)));
        p.ingested_event = true;
        p.has_group_types = self.s.rng.gen_bool(0.5);
        if let Some(obj) = settings.as_object() {
            p.settings.extend(obj.clone());
        }
        let id = p.id;
        self.s.orgs[oi].projects.push(p);
        let pi = self.s.orgs[oi].projects.len() - 1;
        let count = self.s.rng.gen_range(24..48);
        super::projects::seed_activity(&mut self.s, oi, pi, count, 90, self.now);
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn export(
        &mut self,
        oi: usize,
        team_id: i64,
        name: &str,
        model: &str,
        kind: &str,
        config: Value,
        interval: &str,
        paused: bool,
        runs: usize,
        failing: Option<&str>,
    ) {
        let id = self.s.uuid();
        let created = self.ago_days(120, 400);
        let config = fields(config);
        self.s.orgs[oi].batch_exports.push(BatchExport {
            id,
            team_id,
            name: name.to_string(),
            model: Some(model.to_string()),
            destination_type: kind.to_string(),
            config,
            integration: None,
            interval: interval.to_string(),
            paused,
            created_at: created,
            last_updated_at: created + Duration::days(3),
            last_paused_at: paused.then(|| self.now - Duration::days(self.s.rng.gen_range(2..20))),
            start_at: None,
            end_at: None,
            hogql_query: String::new(),
            timezone: None,
            offset_day: None,
            offset_hour: None,
            runs: Vec::new(),
        });
        let bi = self.s.orgs[oi].batch_exports.len() - 1;
        super::batch_exports::seed_runs(&mut self.s, oi, bi, runs, failing, self.now);
    }
}

fn features(keys: &[(&str, &str)]) -> Value {
    keys.iter()
        .map(|(key, name)| json!({"key": key, "name": name}))
        .collect()
}

/// The seed data from generator seed `seed`, with times relative to `now`.
pub fn build(seed: u64, deterministic: bool, now: DateTime<Utc>) -> Store {
    let mut rng = StdRng::seed_from_u64(seed);
    let (org_ids, me_uuid) = if deterministic {
        (
            [HOGFLIX_ORG_ID, HEDGEBOX_ORG_ID, BURROW_ORG_ID].map(str::to_string),
            DEMO_USER_UUID.to_string(),
        )
    } else {
        let ids = [(); 3].map(|_| super::store::uuid_from(&mut rng));
        (ids, super::store::uuid_from(&mut rng))
    };
    let mut sd = Seeder {
        s: Store {
            rng,
            users: Vec::new(),
            orgs: Vec::new(),
            next_user_id: 1,
            next_project_id: 17001,
            me: 0,
        },
        now,
        used_emails: Vec::new(),
    };
    let [hogflix_id, hedgebox_id, burrow_id] = org_ids;

    // you
    let founded = now - Duration::days(735);
    let me = sd.add_user(
        "Dana",
        "Demo",
        DEMO_USER_EMAIL.to_string(),
        Some(&me_uuid),
        founded,
    );
    sd.s.users[me].is_2fa_enabled = true;
    sd.s.users[me].has_social_auth = false;
    sd.s.users[me].is_email_verified = true;
    sd.s.users[me].role_at_organization = Some("founder".to_string());
    sd.s.users[me].last_login = now - Duration::minutes(5);
    sd.s.me = me;

    // Hogflix: you are an owner, ~120 members
    let hogflix_features = features(&[
        ("sso_enforcement", "SSO enforcement"),
        ("saml", "SAML SSO"),
        ("automatic_provisioning", "Automatic provisioning"),
        ("role_based_access", "Role-based access"),
        ("managed_reverse_proxy", "Managed reverse proxy"),
        ("data_pipelines", "Data pipelines"),
        ("organizations_projects", "Projects"),
    ]);
    let h = sd.org(
        hogflix_id,
        "Hogflix",
        founded,
        json!({"customer_id": "cus_Q8hogflixDemo", "available_product_features": hogflix_features}),
    );
    sd.add_member(h, me, OWNER, founded);
    sd.add_people(h, "hogflix.example", 119, 2, 14, 730);
    for (email, first, level, hours, msg) in [
        (
            "maria.keller@hogflix.example",
            "Maria",
            MEMBER,
            5,
            Some("Welcome to the analytics team!"),
        ),
        ("tom.baker@hogflix.example", "Tom", MEMBER, 20, None),
        (
            "contractor@brightpixel.example",
            "",
            MEMBER,
            30,
            Some("Access for the redesign project"),
        ),
        ("li.na@hogflix.example", "Li", ADMIN, 44, None),
        ("oscar.nilsson@hogflix.example", "Oscar", MEMBER, 60, None),
        ("finance@hogflix.example", "", MEMBER, 70, None),
        ("ravi.menon@hogflix.example", "Ravi", MEMBER, 24 * 6, None),
        (
            "sara.lind@hogflix.example",
            "Sara",
            ADMIN,
            24 * 12,
            Some("Join us on PostHog"),
        ),
        ("old.agency@partner.example", "", MEMBER, 24 * 30, None),
    ] {
        sd.invite(h, email, first, level, hours, msg);
    }
    sd.domain(h, "hogflix.example", Some(300), true, true, "");
    sd.domain(h, "hogflix.io", None, false, false, "");
    for (name, size) in [
        ("Engineering", 18),
        ("Marketing", 9),
        ("Support", 7),
        ("Data", 5),
        ("Leadership", 4),
    ] {
        sd.role(h, name, size);
    }
    sd.proxy(h, "t.hogflix.example", 40, None);
    sd.proxy(
        h,
        "ph.hogflix.io",
        2,
        Some((
            "erroring",
            "The CNAME record of ph.hogflix.io does not point to {target}. Check the record at your DNS provider; this can take a few minutes to update.",
        )),
    );
    let web = sd.project(
        h,
        "Hogflix Web",
        "America/Los_Angeles",
        700,
        json!({
            "app_urls": ["https://hogflix.example", "https://www.hogflix.example"],
            "recording_domains": ["https://hogflix.example"],
            "completed_snippet_onboarding": true,
            "session_recording_opt_in": true,
            "surveys_opt_in": true,
            "heatmaps_opt_in": true,
            "has_completed_onboarding_for": {"product_analytics": true, "session_replay": true},
            "week_start_day": 0,
            "primary_dashboard": 4021,
        }),
    );
    let ios = sd.project(
        h,
        "Hogflix iOS",
        "UTC",
        420,
        json!({"completed_snippet_onboarding": true, "has_completed_onboarding_for": {"product_analytics": true}}),
    );
    sd.project(
        h,
        "Hogflix Android",
        "Europe/London",
        380,
        json!({"completed_snippet_onboarding": true, "week_start_day": 1}),
    );
    let staging = sd.project(
        h,
        "Hogflix Staging",
        "UTC",
        200,
        json!({"access_control": true, "anonymize_ips": true}),
    );
    if let Some(p) = sd.s.orgs[h].projects.iter_mut().find(|p| p.id == staging) {
        p.ingested_event = false;
    }
    sd.export(
        h,
        web,
        "Events to S3 data lake",
        "events",
        "S3",
        json!({
            "bucket_name": "hogflix-events-lake",
            "region": "us-west-2",
            "prefix": "posthog/events/{year}/{month}/{day}",
            "compression": "gzip",
            "file_format": "Parquet",
            "max_file_size_mb": 512,
            "aws_access_key_id": "AKIADEMOHOGFLIX00001",
            "aws_secret_access_key": "demo-secret-never-returned",
        }),
        "hour",
        false,
        24,
        None,
    );
    sd.export(
        h,
        web,
        "BigQuery warehouse sync",
        "events",
        "BigQuery",
        json!({
            "project_id": "hogflix-analytics",
            "dataset_id": "posthog",
            "table_id": "events",
            "use_json_type": true,
            "private_key": "-----BEGIN PRIVATE KEY-----demo-----END PRIVATE KEY-----",
            "private_key_id": "demo-key-id",
            "client_email": "exporter@hogflix-analytics.iam.example",
            "token_uri": "https://oauth2.googleapis.example/token",
        }),
        "day",
        false,
        14,
        Some("Forbidden: 403 Access Denied: Table hogflix-analytics:posthog.events: Permission bigquery.tables.updateData denied"),
    );
    sd.export(
        h,
        web,
        "Persons to Postgres replica",
        "persons",
        "Postgres",
        json!({
            "host": "replica.db.hogflix.example",
            "port": 5432,
            "user": "posthog_export",
            "password": "demo-password-never-returned",
            "database": "analytics",
            "schema": "public",
            "table_name": "posthog_persons",
            "has_self_signed_cert": false,
        }),
        "hour",
        true,
        12,
        None,
    );
    sd.export(
        h,
        ios,
        "Snowflake finance mart",
        "events",
        "Snowflake",
        json!({
            "account": "hogflix-xy12345",
            "user": "POSTHOG_EXPORT",
            "password": "demo-password-never-returned",
            "database": "FINANCE",
            "warehouse": "EXPORT_WH",
            "schema": "POSTHOG",
            "table_name": "EVENTS",
            "role": "EXPORTER",
        }),
        "day",
        false,
        10,
        Some("SnowflakeAuthenticationError: Incorrect username or password was specified."),
    );
    // its password was rotated: every run since failed, and PostHog paused it
    let snowflake = sd.s.orgs[h].batch_exports.len() - 1;
    super::batch_exports::fail_and_pause(
        &mut sd.s,
        h,
        snowflake,
        4,
        "SnowflakeAuthenticationError: Incorrect username or password was specified.",
    );
    sd.export(
        h,
        ios,
        "Webhook to ingest service",
        "events",
        "HTTP",
        json!({"url": "https://ingest.hogflix.example/posthog", "token": "demo-token-never-returned"}),
        "every 5 minutes",
        true,
        20,
        None,
    );
    sd.export(
        h,
        web,
        "Weekly Redshift archive",
        "events",
        "Redshift",
        json!({
            "host": "archive.redshift.hogflix.example",
            "port": 5439,
            "user": "archiver",
            "password": "demo-password-never-returned",
            "database": "archive",
            "schema": "posthog",
            "table_name": "events_weekly",
            "properties_data_type": "varchar",
        }),
        "week",
        false,
        8,
        None,
    );

    // Hedgebox Labs: you are an admin
    let hedgebox_features = features(&[
        ("sso_enforcement", "SSO enforcement"),
        ("role_based_access", "Role-based access"),
        ("managed_reverse_proxy", "Managed reverse proxy"),
    ]);
    let hb = sd.org(
        hedgebox_id,
        "Hedgebox Labs",
        now - Duration::days(410),
        json!({"available_product_features": hedgebox_features}),
    );
    sd.add_people(hb, "hedgebox.example", 1, 1, 0, 400);
    let joined = sd.ago_days(200, 380);
    sd.add_member(hb, me, ADMIN, joined);
    sd.add_people(hb, "hedgebox.example", 13, 0, 2, 400);
    sd.invite(hb, "new.hire@hedgebox.example", "Robin", MEMBER, 10, None);
    sd.invite(hb, "design@studio.example", "", MEMBER, 24 * 8, None);
    sd.domain(
        hb,
        "hedgebox.example",
        Some(120),
        false,
        false,
        "google-oauth2",
    );
    sd.role(hb, "Engineering", 4);
    sd.role(hb, "Growth", 3);
    sd.proxy(hb, "e.hedgebox.example", 90, None);
    let hedgebox = sd.project(
        hb,
        "Hedgebox",
        "Europe/Berlin",
        400,
        json!({"week_start_day": 1, "completed_snippet_onboarding": true}),
    );
    sd.project(
        hb,
        "Hedgebox Marketing Site",
        "Europe/Berlin",
        150,
        json!({"app_urls": ["https://hedgebox.example"]}),
    );
    sd.export(
        hb,
        hedgebox,
        "Daily events to S3",
        "events",
        "S3",
        json!({"bucket_name": "hedgebox-exports", "region": "eu-central-1", "prefix": "events/", "compression": "brotli", "file_format": "JSONLines"}),
        "day",
        false,
        9,
        None,
    );

    // Burrow Analytics: you are a member
    let b = sd.org(
        burrow_id,
        "Burrow Analytics",
        now - Duration::days(250),
        json!({}),
    );
    sd.add_people(b, "burrow.example", 2, 1, 1, 240);
    let joined = sd.ago_days(30, 200);
    sd.add_member(b, me, MEMBER, joined);
    sd.add_people(b, "burrow.example", 5, 0, 0, 240);
    sd.invite(b, "analyst@burrow.example", "Kim", MEMBER, 30, None);
    sd.domain(b, "burrow.example", None, false, false, "");
    sd.role(b, "Analysts", 3);
    sd.proxy(b, "data.burrow.example", 60, None);
    let burrow_app = sd.project(
        b,
        "Burrow App",
        "Australia/Sydney",
        240,
        json!({"week_start_day": 1}),
    );
    sd.export(
        b,
        burrow_app,
        "Events to HTTP endpoint",
        "events",
        "HTTP",
        json!({"url": "https://hooks.burrow.example/posthog", "token": "demo-token-never-returned"}),
        "hour",
        false,
        12,
        None,
    );

    sd.s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_seeds_repeat() {
        let a = build(DETERMINISTIC_SEED, true, Utc::now());
        let b = build(DETERMINISTIC_SEED, true, Utc::now());
        assert_eq!(a.orgs[0].id, HOGFLIX_ORG_ID);
        assert_eq!(a.users[a.me].uuid, DEMO_USER_UUID);
        let ids = |s: &Store| -> Vec<String> {
            s.orgs
                .iter()
                .flat_map(|o| {
                    o.members
                        .iter()
                        .map(|m| m.id.clone())
                        .chain(o.invites.iter().map(|i| i.id.clone()))
                        .chain(o.batch_exports.iter().map(|b| b.id.clone()))
                        .chain(o.projects.iter().map(|p| p.api_token.clone()))
                })
                .collect()
        };
        assert_eq!(ids(&a), ids(&b));
    }

    #[test]
    fn seed_shape() {
        let s = build(1, false, Utc::now());
        assert_eq!(s.orgs.len(), 3);
        assert_eq!(s.orgs[0].settings["name"], "Hogflix");
        assert_eq!(s.orgs[0].members.len(), 120);
        let level = |oi: usize| {
            s.orgs[oi]
                .members
                .iter()
                .find(|m| m.user == s.me)
                .unwrap()
                .level
        };
        assert_eq!((level(0), level(1), level(2)), (OWNER, ADMIN, MEMBER));
        assert!(
            s.orgs[0]
                .members
                .iter()
                .filter(|m| m.level == OWNER)
                .count()
                >= 2
        );
        assert!(s.orgs[0].proxy_records.len() < crate::MAX_PROXY_RECORDS);
        assert!(s.orgs[0].projects.len() >= 3);
        assert!(s.orgs[0].batch_exports.len() >= 5);
        let emails: std::collections::HashSet<_> = s.users.iter().map(|u| &u.email).collect();
        assert_eq!(emails.len(), s.users.len());
        for org in &s.orgs {
            for d in &org.domains {
                assert!(crate::demo::validate::matches_domain_pattern(&d.domain));
                if let Some(cert) = &d.saml_x509_cert {
                    assert!(crate::demo::validate::looks_like_pem_certificate(cert));
                }
            }
        }
    }
}
