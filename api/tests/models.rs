//! Decoding the answers: the seed's examples, realistic server bodies (unknown fields, missing
//! optional fields), enums' catch-alls, both proxy record shapes, pagination links.

mod seed;

use api::endpoints::*;
use api::models::*;
use api::{NoContent, Page, PageQuery, Request};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn ok<T: DeserializeOwned>(request: &Request<T>, body: &str) -> T {
    request
        .decode(200, None, body)
        .unwrap_or_else(|e| panic!("{e:?}"))
}

/// A model survives serialize -> deserialize unchanged (the demo server serializes them).
fn round_trips<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, value, "{text}");
}

#[test]
fn seed_organizations() {
    let page = ok(&organizations::list(None, None), seed::PAGE_ORGANIZATION);
    assert_eq!(page.count, 123);
    assert_eq!(page.results.len(), 1);
    let org = ok(&organizations::retrieve("x"), seed::ORGANIZATION);
    assert_eq!(page.results[0], org);
    assert_eq!(org.id, "497f6eca-6276-4993-bfeb-53cbbbba6f08");
    assert_eq!(
        org.logo_media_id.as_deref(),
        Some("a5d9f2f1-d934-4d2e-bebe-4b3cdcd08a33")
    );
    assert_eq!(org.membership_level, Some(MembershipLevel::Member));
    assert_eq!(org.plugins_access_level, Some(PluginsAccessLevel::None));
    assert!(org.is_member_join_email_enabled);
    assert_eq!(org.enforce_2fa, Some(true));
    assert_eq!(org.metadata, json!("string"));
    assert_eq!(org.member_count, None); // "string" in the seed
                                        // the schema's example team has no id: nothing to name a project by
    assert!(org.teams.is_empty());
    round_trips(&org);
}

#[test]
fn real_organization() {
    let body = r#"{"id": "0188", "name": "Acme", "slug": "acme", "logo_media_id": null,
        "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-02T00:00:00Z",
        "membership_level": 15, "plugins_access_level": 9, "projects": [{"id": 1, "name": "Web"}],
        "teams": [{"id": 17001, "uuid": "u", "name": "Web", "api_token": "phc_x"}, {"id": 17002, "name": "iOS"}, {"name": "no id"}],
        "available_product_features": null, "is_member_join_email_enabled": false,
        "metadata": {"instance_tag": "none"}, "customer_id": null, "enforce_2fa": null,
        "member_count": 12, "some_future_field": {"x": 1}}"#;
    let org = ok(&organizations::retrieve("x"), body);
    assert_eq!(org.membership_level, Some(MembershipLevel::Owner));
    assert_eq!(org.plugins_access_level, Some(PluginsAccessLevel::Root));
    assert_eq!(org.member_count, Some(12));
    assert!(org.available_product_features.is_empty());
    assert_eq!(org.enforce_2fa, None);
    assert_eq!(org.logo_media_id, None);
    assert_eq!(
        org.teams,
        vec![(17001, "Web".to_string()), (17002, "iOS".to_string())]
    );
    // Only an id and a name: everything else takes its default.
    let minimal = ok(&organizations::retrieve("x"), r#"{"id": "1", "name": "A"}"#);
    assert_eq!(minimal.membership_level, None);
    assert_eq!(minimal.slug, "");
    assert_eq!(
        ok(&organizations::retrieve("x"), r#"{"member_count": "7"}"#).member_count,
        Some(7)
    );
    round_trips(&org);
}

#[test]
fn seed_members() {
    let page = ok(
        &members::list("o", &MemberListQuery::default()),
        seed::PAGE_MEMBER,
    );
    let member = ok(
        &members::update("o", "u", &MemberPatch::default()),
        seed::MEMBER,
    );
    assert_eq!(page.results[0], member);
    assert_eq!(member.level, MembershipLevel::Member);
    assert_eq!(member.user.email, "user@example.com");
    assert_eq!(member.user.uuid, "095be615-a8ad-4c33-8e9c-c7612fbf6c9f");
    assert_eq!(member.user.display_name(), "string string");
    assert!(member.is_2fa_enabled && member.has_social_auth);
    assert_eq!(member.last_login.as_deref(), Some("2019-08-24T14:15:22Z"));
    round_trips(&member);

    let real = r#"{"id": "m", "user": {"id": 5, "uuid": "u", "distinct_id": null, "first_name": "",
        "email": "ann@acme.com", "is_email_verified": null, "hedgehog_config": null, "role_at_organization": "engineering"},
        "level": 8, "joined_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z",
        "is_2fa_enabled": false, "has_social_auth": false, "last_login": null}"#;
    let m: OrganizationMember = serde_json::from_str(real).unwrap();
    assert_eq!(m.level, MembershipLevel::Admin);
    assert_eq!(m.user.last_name, None);
    assert_eq!(m.user.display_name(), "ann@acme.com");
    assert_eq!(m.user.role_at_organization.as_deref(), Some("engineering"));
    assert_eq!(m.last_login, None);
}

#[test]
fn seed_invites() {
    let page = ok(&invites::list("o", None, None), seed::PAGE_INVITE);
    let invite = ok(
        &invites::create("o", &InviteCreate::new("a@b.co")),
        seed::INVITE,
    );
    assert_eq!(page.results[0], invite);
    assert_eq!(invite.target_email, "user@example.com");
    assert_eq!(invite.level, MembershipLevel::Member);
    assert!(invite.is_expired);
    assert_eq!(invite.private_project_access, None);
    assert_eq!(invite.created_by.as_ref().map(|u| u.id), Some(0));
    round_trips(&invite);

    let real = r#"[{"id": "i", "target_email": "bo@acme.com", "first_name": "Bo", "emailing_attempt_made": true,
        "level": 15, "is_expired": false, "created_by": null, "created_at": "t", "updated_at": "t", "message": null,
        "private_project_access": [{"id": 3, "level": "admin"}, {"id": 4, "level": "viewer"}]}]"#;
    let bulk = ok(&invites::bulk("o", &[]), real);
    assert_eq!(bulk[0].level, MembershipLevel::Owner);
    assert_eq!(bulk[0].created_by, None);
    let access = bulk[0].private_project_access.clone().unwrap();
    assert_eq!(
        access[0],
        PrivateProjectAccess {
            id: 3,
            level: ProjectAccessLevel::Admin
        }
    );
    assert_eq!(access[1].level, ProjectAccessLevel::Other("viewer".into()));
}

#[test]
fn seed_domains() {
    let page = ok(&domains::list("o", None, None), seed::PAGE_DOMAIN);
    let domain = ok(&domains::verify("o", "d"), seed::DOMAIN);
    assert_eq!(page.results[0], domain);
    assert!(domain.is_verified && domain.has_saml);
    // "string" is not a known enforcement: kept as it came.
    assert_eq!(
        domain.sso_enforcement,
        SsoEnforcement::Other("string".into())
    );
    round_trips(&domain);

    let real = r#"{"id": "d", "domain": "acme.com", "is_verified": false, "verified_at": null,
        "verification_challenge": "abc123", "jit_provisioning_enabled": false, "sso_enforcement": "",
        "has_saml": false, "saml_entity_id": null, "saml_acs_url": null, "saml_x509_cert": null,
        "has_scim": false, "scim_enabled": false, "scim_base_url": null, "scim_bearer_token": null}"#;
    let d = ok(&domains::retrieve("o", "d"), real);
    assert_eq!(d.sso_enforcement, SsoEnforcement::None);
    assert_eq!(d.verified_at, None);
    assert_eq!(d.challenge_record_name(), "_posthog-challenge.acme.com.");
    let google = ok(
        &domains::retrieve("o", "d"),
        r#"{"sso_enforcement": "google-oauth2"}"#,
    );
    assert_eq!(google.sso_enforcement, SsoEnforcement::GoogleOAuth2);
    let null = ok(&domains::retrieve("o", "d"), r#"{"sso_enforcement": null}"#);
    assert_eq!(null.sso_enforcement, SsoEnforcement::None);
}

#[test]
fn seed_roles() {
    let page = ok(&roles::list("o", None, None), seed::PAGE_ROLE);
    let role = ok(&roles::retrieve("o", "r"), seed::ROLE);
    assert_eq!(page.results[0], role);
    assert_eq!(
        role.feature_flags_access_level,
        Some(FeatureFlagsAccessLevel::CanOnlyView)
    );
    assert!(role.members.is_empty()); // "string" in the seed
    assert!(!role.is_default);
    assert_eq!(
        role.created_by.as_ref().map(|u| u.email.as_str()),
        Some("user@example.com")
    );

    // Today's servers: no flag level, members as a list, is_default as a flag.
    let real = format!(
        r#"{{"id": "r", "name": "Eng", "created_at": "t", "created_by": null, "is_default": true, "members": [{}]}}"#,
        seed::ROLE_MEMBERSHIP
    );
    let role = ok(&roles::retrieve("o", "r"), &real);
    assert_eq!(role.feature_flags_access_level, None);
    assert!(role.is_default);
    assert_eq!(role.members.len(), 1);
    assert_eq!(
        role.members[0].role_id,
        "ac4e70c8-d5be-48af-93eb-760f58fc91a9"
    );
    round_trips(&role);
}

#[test]
fn seed_role_memberships() {
    let page = ok(
        &role_memberships::list("o", "r", None, None),
        seed::PAGE_ROLE_MEMBERSHIP,
    );
    let rm = ok(
        &role_memberships::create("o", "r", &RoleMembershipCreate::default()),
        seed::ROLE_MEMBERSHIP,
    );
    assert_eq!(page.results[0], rm);
    assert_eq!(
        rm.organization_member.as_ref().map(|m| m.level.clone()),
        Some(MembershipLevel::Member)
    );
    assert_eq!(
        rm.user.as_ref().map(|u| u.uuid.as_str()),
        Some("095be615-a8ad-4c33-8e9c-c7612fbf6c9f")
    );
    assert_eq!(
        rm.user_uuid.as_deref(),
        Some("7c4d2d7d-8620-4fb3-967a-4a621082cf1f")
    );
    round_trips(&rm);
}

#[test]
fn seed_proxy_records_and_both_list_shapes() {
    let record = ok(&proxy_records::retrieve("o", "p"), seed::PROXY_RECORD);
    assert_eq!(record.status, ProxyRecordStatus::Waiting);
    assert_eq!(record.created_by, Some(0));
    round_trips(&record);

    // The seed's paginated form.
    let paged = ok(
        &proxy_records::list("o", None, None),
        seed::PAGE_PROXY_RECORD,
    );
    assert_eq!(paged.results, vec![record.clone()]);
    assert_eq!(paged.max_proxy_records, None);
    // Older servers: a plain array.
    let array = ok(
        &proxy_records::list("o", None, None),
        &format!("[{}]", seed::PROXY_RECORD),
    );
    assert_eq!(array.results, vec![record.clone()]);
    assert_eq!(array.max_proxy_records, None);
    assert!(!array.at_limit());
    // Newer servers: results and the limit.
    let body = format!(
        r#"{{"results": [{0}, {0}], "max_proxy_records": 2}}"#,
        seed::PROXY_RECORD
    );
    let newer = ok(&proxy_records::list("o", None, None), &body);
    assert_eq!(newer.results.len(), 2);
    assert_eq!(newer.max_proxy_records, Some(2));
    assert!(newer.at_limit());
    assert_eq!(
        ok(&proxy_records::list("o", None, None), "[]"),
        ProxyRecordList::default()
    );
    // It serializes as the object and reads back.
    round_trips(&newer);
    assert_eq!(
        serde_json::to_value(&newer).unwrap()["max_proxy_records"],
        json!(2)
    );

    let live = ok(
        &proxy_records::retrieve("o", "p"),
        r#"{"id": "p", "status": "valid", "message": null}"#,
    );
    assert_eq!(live.status.label(), "Live");
    let future = ok(
        &proxy_records::retrieve("o", "p"),
        r#"{"status": "migrating"}"#,
    );
    assert_eq!(future.status, ProxyRecordStatus::Other("migrating".into()));
    assert_eq!(
        serde_json::to_value(&future).unwrap()["status"],
        json!("migrating")
    );
}

#[test]
fn seed_projects() {
    let page = ok(&projects::list("o", None, None), seed::PAGE_PROJECT_BASIC);
    let basic = &page.results[0];
    assert_eq!(basic.id, 0);
    assert_eq!(basic.timezone, "Africa/Abidjan");
    assert!(basic.access_control && basic.is_demo);
    assert_eq!(basic.has_completed_onboarding_for, Value::Null);
    round_trips(basic);

    let project = ok(&projects::retrieve("o", 0), seed::PROJECT);
    assert_eq!(project.organization, "452c1a86-a0af-475b-b03f-724878b0f387");
    assert_eq!(
        project.effective_membership_level,
        Some(MembershipLevel::Member)
    );
    assert_eq!(project.week_start_day, Some(WeekStartDay::Sunday));
    assert_eq!(project.app_urls, vec!["string".to_string()]);
    assert_eq!(project.product_description.as_deref(), Some("string"));
    assert_eq!(project.primary_dashboard, Some(0));
    assert_eq!(ProjectBasic::from(&project).api_token, "string");
    round_trips(&project);
    // reset_token, add_product_intent and complete_product_onboarding answer the project too.
    assert_eq!(ok(&projects::reset_token("o", 0), seed::PROJECT), project);

    let real = r#"{"id": 2, "name": "Web", "timezone": "UTC", "week_start_day": null,
        "app_urls": ["https://a.com", null], "recording_domains": null,
        "has_completed_onboarding_for": {"product_analytics": true}, "product_intents": []}"#;
    let p = ok(&projects::update("o", 2, &ProjectPatch::default()), real);
    assert_eq!(p.week_start_day, None);
    assert_eq!(p.app_urls, vec!["https://a.com".to_string()]);
    assert!(p.recording_domains.is_empty());
    assert_eq!(
        p.has_completed_onboarding_for["product_analytics"],
        json!(true)
    );
}

#[test]
fn project_actions() {
    let demo = ok(
        &projects::is_generating_demo_data("o", 1),
        r#"{"is_generating_demo_data": true}"#,
    );
    assert!(demo.is_generating_demo_data);

    let body = r#"{"results": [{"id": "a1", "user": {"id": 1, "uuid": "u", "first_name": "Ann", "email": "ann@acme.com"},
        "activity": "updated", "scope": "Project", "item_id": "2", "detail": {"changes": []},
        "created_at": "2024-01-01T00:00:00Z", "is_system": false, "unread": false}],
        "next": "https://us.posthog.com/api/projects/2/activity/?limit=10&page=3",
        "previous": "https://us.posthog.com/api/projects/2/activity/?limit=10", "total_count": 31}"#;
    let activity = ok(&projects::activity("o", 2, Some(10), Some(2)), body);
    assert_eq!(activity.total_count, 31);
    assert_eq!(activity.results[0].activity, "updated");
    assert_eq!(
        activity.results[0]
            .user
            .as_ref()
            .map(|u| u.first_name.as_str()),
        Some("Ann")
    );
    assert_eq!(activity.next_page(), Some(3));
    assert_eq!(activity.previous_page(), Some(1));
    round_trips(&activity);
    let empty = ok(
        &projects::activity("o", 2, None, None),
        r#"{"results": [], "next": null, "previous": null, "total_count": 0}"#,
    );
    assert_eq!((empty.next_page(), empty.previous_page()), (None, None));
}

#[test]
fn seed_batch_exports() {
    let page = ok(
        &batch_exports::list("o", None, None),
        seed::PAGE_BATCH_EXPORT,
    );
    let export = ok(&batch_exports::retrieve("o", "b"), seed::BATCH_EXPORT);
    assert_eq!(page.results[0], export);
    // the list's reading of the same page: what it shows, equal to the full model's
    let summaries = ok(
        &batch_exports::list_summaries("o", None, None),
        seed::PAGE_BATCH_EXPORT,
    );
    let summary = &summaries.results[0];
    assert_eq!(
        (&summary.id, summary.team_id, &summary.name, &summary.model),
        (&export.id, export.team_id, &export.name, &export.model)
    );
    assert_eq!(summary.destination.kind, export.destination.kind);
    assert_eq!(
        (&summary.interval, summary.paused, &summary.last_updated_at),
        (&export.interval, export.paused, &export.last_updated_at)
    );
    assert_eq!(summary.latest_runs, export.latest_runs);
    assert_eq!(export.model, Some(BatchExportModel::Events));
    assert_eq!(export.destination.kind, DestinationType::S3);
    assert!(export.destination.config.is_empty()); // null in the seed
    assert_eq!(export.interval, Interval::Hour);
    assert!(export.paused);
    let run = &export.latest_runs[0];
    assert_eq!(run.status, RunStatus::Cancelled);
    assert_eq!(run.records_completed, Some(-2147483648));
    assert_eq!(run.batch_export, "0fa0a8a1-f280-4977-8bb4-bc7801a6902f");
    round_trips(&export);

    let real = r#"{"id": "b", "team_id": 2, "name": "Warehouse", "model": "",
        "destination": {"type": "Postgres", "config": {"host": "db", "port": 5432, "database": "ph",
        "schema": "public", "table_name": "events", "has_self_signed_cert": false}, "integration": null},
        "interval": "every 15 minutes", "paused": false, "created_at": "t", "last_updated_at": "t",
        "last_paused_at": null, "start_at": null, "end_at": null,
        "latest_runs": [{"id": "r", "status": "FailedRetryable", "data_interval_end": "t", "batch_export": "b",
        "latest_error": "timeout", "bytes_exported": 1024}],
        "hogql_query": "SELECT 1", "schema": null, "filters": null, "offset_hour": 3}"#;
    let e = ok(
        &batch_exports::update("o", "b", &BatchExportPatch::default()),
        real,
    );
    assert_eq!(e.model, None);
    assert_eq!(e.destination.kind, DestinationType::Postgres);
    assert_eq!(e.destination.config["port"], json!(5432));
    assert_eq!(e.interval, Interval::Every15Minutes);
    assert!(e.latest_runs[0].status.is_failure());
    assert_eq!(e.latest_runs[0].bytes_exported, Some(1024));
    assert_eq!(e.offset_hour, Some(3));
    round_trips(&e);

    let newer = ok(
        &batch_exports::retrieve("o", "b"),
        r#"{"model": "hogql", "destination": {"type": "Workflows", "config": {}}, "interval": "every 1 minutes",
            "latest_runs": [{"status": "Paused"}]}"#,
    );
    assert_eq!(newer.model, Some(BatchExportModel::Other("hogql".into())));
    assert_eq!(
        newer.destination.kind,
        DestinationType::Other("Workflows".into())
    );
    assert_eq!(newer.interval, Interval::Other("every 1 minutes".into()));
    assert_eq!(
        newer.latest_runs[0].status,
        RunStatus::Other("Paused".into())
    );
    let back = serde_json::to_value(&newer).unwrap();
    assert_eq!(
        (back["model"].clone(), back["interval"].clone()),
        (json!("hogql"), json!("every 1 minutes"))
    );
    assert_eq!(back["destination"]["type"], json!("Workflows"));
}

#[test]
fn batch_export_actions() {
    let logs = r#"{"count": 2, "next": "http://internal:8000/api/organizations/o/batch_exports/b/logs/?limit=2&offset=2",
        "previous": null, "results": [
        {"team_id": 2, "batch_export_id": "b", "run_id": "r", "timestamp": "2024-01-01T00:00:00Z", "level": "INFO", "message": "Started"},
        {"team_id": 2, "batch_export_id": "b", "run_id": "r", "timestamp": "2024-01-01T00:01:00Z", "level": "TRACE", "message": "?"}]}"#;
    let page = ok(&batch_exports::logs("o", "b", &LogsQuery::default()), logs);
    assert_eq!(page.results[0].level, LogLevel::Info);
    assert_eq!(page.results[1].level, LogLevel::Other("TRACE".into()));
    assert_eq!(
        page.next_query(),
        Some(PageQuery {
            limit: Some(2),
            offset: 2
        })
    );
    // Some servers answer the logs without count/next/previous.
    let bare = ok(
        &batch_exports::logs("o", "b", &LogsQuery::default()),
        r#"{"results": []}"#,
    );
    assert_eq!(bare, Page::default());

    // Pause/unpause/backfill: whatever comes back (or nothing) is accepted.
    assert_eq!(
        ok(&batch_exports::pause("o", "b"), r#"{"paused": true}"#),
        NoContent
    );
    assert_eq!(ok(&batch_exports::unpause("o", "b"), ""), NoContent);
    let backfill = batch_exports::backfill("o", "b", &BackfillRequest::default());
    assert_eq!(
        ok(&backfill, r#"{"backfill_id": "x"}"#)["backfill_id"],
        json!("x")
    );
    assert_eq!(ok(&backfill, ""), Value::Null);
}

#[test]
fn no_content() {
    let delete = organizations::delete("o");
    assert_eq!(delete.decode(204, None, ""), Ok(NoContent));
    assert_eq!(delete.decode(200, None, "  \n"), Ok(NoContent));
    assert_eq!(
        delete.decode(200, None, r#"{"anything": [1]}"#),
        Ok(NoContent)
    );
    assert_eq!(
        role_memberships::delete("o", "r", "m").decode(204, None, ""),
        Ok(NoContent)
    );
}

#[test]
fn current_user() {
    let body = r#"{"uuid": "u1", "distinct_id": "d", "first_name": "Ann", "last_name": "Lee", "email": "ann@acme.com",
        "organization": {"id": "o1", "name": "Acme", "slug": "acme", "membership_level": 8},
        "organizations": [{"id": "o1", "name": "Acme", "membership_level": 8}, {"id": "o2", "name": "Beta", "membership_level": 15}],
        "team": {"id": 1}, "is_staff": false}"#;
    let me = ok(&users::me(), body);
    assert_eq!(me.uuid, "u1");
    assert_eq!(
        me.organization
            .as_ref()
            .and_then(|o| o.membership_level.clone()),
        Some(MembershipLevel::Admin)
    );
    assert_eq!(me.organizations.len(), 2);
}

#[test]
fn integer_enums() {
    for (value, level) in [
        (1, MembershipLevel::Member),
        (8, MembershipLevel::Admin),
        (15, MembershipLevel::Owner),
    ] {
        assert_eq!(
            serde_json::from_value::<MembershipLevel>(json!(value)).unwrap(),
            level
        );
        assert_eq!(serde_json::to_value(&level).unwrap(), json!(value));
        assert_eq!(MembershipLevel::from_u8(value), level);
        assert_eq!(level.as_u8(), value);
    }
    let other: MembershipLevel = serde_json::from_value(json!(12)).unwrap();
    assert_eq!(other, MembershipLevel::Other(12));
    assert_eq!(serde_json::to_value(&other).unwrap(), json!(12));
    assert_eq!(other.to_string(), "MembershipLevel (12)");
    assert_eq!(
        serde_json::from_value::<MembershipLevel>(json!("8")).unwrap(),
        MembershipLevel::Admin
    );
    assert!(serde_json::from_value::<MembershipLevel>(json!(300)).is_err());
    assert!(serde_json::from_value::<MembershipLevel>(json!("owner")).is_err());
    assert!(
        MembershipLevel::Owner > MembershipLevel::Admin
            && MembershipLevel::Admin > MembershipLevel::Member
    );
    assert!(MembershipLevel::Other(12) > MembershipLevel::Admin);
    assert_eq!(
        MembershipLevel::ALL,
        &[
            MembershipLevel::Member,
            MembershipLevel::Admin,
            MembershipLevel::Owner
        ]
    );
    assert_eq!(MembershipLevel::Admin.label(), "Admin");

    assert_eq!(
        PluginsAccessLevel::ALL
            .iter()
            .map(|l| l.as_u8())
            .collect::<Vec<_>>(),
        vec![0, 3, 6, 9]
    );
    assert_eq!(
        serde_json::from_value::<PluginsAccessLevel>(json!(6)).unwrap(),
        PluginsAccessLevel::Install
    );
    assert_eq!(
        serde_json::from_value::<PluginsAccessLevel>(json!(7)).unwrap(),
        PluginsAccessLevel::Other(7)
    );
    assert_eq!(
        serde_json::from_value::<FeatureFlagsAccessLevel>(json!(37)).unwrap(),
        FeatureFlagsAccessLevel::CanAlwaysEdit
    );
    assert_eq!(
        serde_json::from_value::<WeekStartDay>(json!(1)).unwrap(),
        WeekStartDay::Monday
    );
}

#[test]
fn string_enums() {
    fn check<T>(all: &[T], wire: &[&str])
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let got: Vec<Value> = all
            .iter()
            .map(|v| serde_json::to_value(v).unwrap())
            .collect();
        let want: Vec<Value> = wire.iter().map(|w| json!(w)).collect();
        assert_eq!(got, want);
        for (value, w) in all.iter().zip(wire) {
            assert_eq!(&serde_json::from_value::<T>(json!(w)).unwrap(), value);
        }
    }
    check(
        ProxyRecordStatus::ALL,
        &[
            "waiting",
            "issuing",
            "valid",
            "warning",
            "erroring",
            "deleting",
            "timed_out",
        ],
    );
    check(
        DestinationType::ALL,
        &[
            "S3",
            "Snowflake",
            "Postgres",
            "Redshift",
            "BigQuery",
            "Databricks",
            "HTTP",
            "NoOp",
            "AwsS3",
            "S3Compatible",
            "AzureBlob",
            "FileDownload",
        ],
    );
    check(
        Interval::ALL,
        &["hour", "day", "week", "every 5 minutes", "every 15 minutes"],
    );
    check(BatchExportModel::ALL, &["events", "persons", "sessions"]);
    check(
        RunStatus::ALL,
        &[
            "Cancelled",
            "Completed",
            "ContinuedAsNew",
            "Failed",
            "FailedRetryable",
            "FailedBilling",
            "Terminated",
            "TimedOut",
            "Running",
            "Starting",
        ],
    );
    check(
        SsoEnforcement::ALL,
        &["", "google-oauth2", "github", "gitlab", "saml"],
    );
    check(LogLevel::ALL, &["DEBUG", "LOG", "INFO", "WARNING", "ERROR"]);

    assert_eq!(ProxyRecordStatus::Valid.label(), "Live");
    assert_eq!(ProxyRecordStatus::Valid.as_str(), "valid");
    assert!(ProxyRecordStatus::Issuing.is_pending());
    assert!(
        ProxyRecordStatus::TimedOut.deletes_immediately()
            && !ProxyRecordStatus::Valid.deletes_immediately()
    );
    assert_eq!(Interval::Day.label(), "Daily");
    assert_eq!(Interval::parse("week"), Interval::Week);
    assert_eq!(DestinationType::from("BigQuery"), DestinationType::BigQuery);
    assert!(RunStatus::Running.is_in_progress() && !RunStatus::Completed.is_failure());
    assert_eq!(SsoEnforcement::default(), SsoEnforcement::None);
    assert_eq!(SsoEnforcement::Saml.to_string(), "SAML");

    let other = DestinationType::parse("Kafka");
    assert_eq!(other, DestinationType::Other("Kafka".into()));
    assert_eq!(
        (other.as_str(), other.label(), other.is_known()),
        ("Kafka", "Kafka", false)
    );
    assert_eq!(serde_json::to_value(&other).unwrap(), json!("Kafka"));
    assert!(serde_json::from_value::<Interval>(json!(5)).is_err());
}

#[test]
fn pages_read_limit_and_offset_from_links() {
    let body = r#"{"count": 250, "next": "http://internal-web:8000/api/organizations/o/members/?limit=100&offset=200",
        "previous": "http://internal-web:8000/api/organizations/o/members/?limit=100", "results": []}"#;
    let page: Page<OrganizationMember> = serde_json::from_str(body).unwrap();
    assert_eq!(
        page.next_query(),
        Some(PageQuery {
            limit: Some(100),
            offset: 200
        })
    );
    // DRF drops the offset from a link to the first page.
    assert_eq!(
        page.previous_query(),
        Some(PageQuery {
            limit: Some(100),
            offset: 0
        })
    );
    assert_eq!(page.previous_query().unwrap().offset(), None);
    assert_eq!(page.next_query().unwrap().offset(), Some(200));

    // The seed's example: offset before limit, on another host.
    let seed_page = ok(&organizations::list(None, None), seed::PAGE_ORGANIZATION);
    assert_eq!(
        seed_page.next_query(),
        Some(PageQuery {
            limit: Some(100),
            offset: 400
        })
    );
    assert_eq!(
        seed_page.previous_query(),
        Some(PageQuery {
            limit: Some(100),
            offset: 200
        })
    );

    let last: Page<Value> =
        serde_json::from_str(r#"{"count": 1, "next": null, "previous": null, "results": [1]}"#)
            .unwrap();
    assert_eq!((last.next_query(), last.previous_query()), (None, None));
    assert_eq!(
        PageQuery::from_url("https://x/api/?offset=5&search=a%26b#frag"),
        PageQuery {
            limit: None,
            offset: 5
        }
    );
    assert_eq!(
        PageQuery::from_url("/api/organizations/"),
        PageQuery::default()
    );
}

#[test]
fn pages_built_like_drf() {
    let all: Vec<u32> = (0..25).collect();
    let url = "http://localhost:8000/api/organizations/o/members/";
    let first = Page::from_slice(&all, url, 10, 0);
    assert_eq!(
        (first.count, first.results.len(), first.previous.clone()),
        (25, 10, None)
    );
    assert_eq!(
        first.next.as_deref(),
        Some("http://localhost:8000/api/organizations/o/members/?limit=10&offset=10")
    );
    let second = Page::from_slice(&all, url, 10, 10);
    assert_eq!(
        second.previous.as_deref(),
        Some("http://localhost:8000/api/organizations/o/members/?limit=10")
    );
    assert_eq!(
        second.previous_query(),
        Some(PageQuery {
            limit: Some(10),
            offset: 0
        })
    );
    let last = Page::from_slice(&all, url, 10, 20);
    assert_eq!(
        (last.results.clone(), last.next.clone()),
        (vec![20, 21, 22, 23, 24], None)
    );
    assert_eq!(
        last.previous_query(),
        Some(PageQuery {
            limit: Some(10),
            offset: 10
        })
    );
    let beyond = Page::from_slice(&all, &format!("{url}?search=a"), 10, 40);
    assert!(beyond.results.is_empty());
    assert_eq!(
        beyond.previous.as_deref(),
        Some("http://localhost:8000/api/organizations/o/members/?search=a&limit=10&offset=30")
    );
}

#[test]
fn rules_for_levels() {
    use api::rules::{assignable_levels, can_remove};
    use MembershipLevel::*;
    assert_eq!(
        assignable_levels(&Owner, &Member, false),
        vec![Member, Admin, Owner]
    );
    assert_eq!(
        assignable_levels(&Admin, &Member, false),
        vec![Member, Admin]
    );
    assert_eq!(assignable_levels(&Admin, &Owner, false), vec![Owner]);
    assert_eq!(assignable_levels(&Member, &Member, false), vec![Member]);
    assert_eq!(assignable_levels(&Owner, &Owner, true), vec![Owner]);
    assert!(can_remove(&Member, &Member, true));
    assert!(!can_remove(&Member, &Member, false));
    assert!(can_remove(&Admin, &Admin, false));
    assert!(!can_remove(&Admin, &Owner, false));
}

#[test]
fn invitable_levels_go_up_to_mine() {
    use api::rules::invitable_levels;
    use MembershipLevel::*;
    assert_eq!(invitable_levels(Some(&Owner)), vec![Member, Admin, Owner]);
    assert_eq!(invitable_levels(Some(&Admin)), vec![Member, Admin]);
    assert_eq!(invitable_levels(Some(&Member)), vec![Member]);
    // not known yet: member only
    assert_eq!(invitable_levels(None), vec![Member]);
}

#[test]
fn required_names() {
    use api::validate::{name, ROLE_NAME_MAX_LEN};
    assert_eq!(
        name("  ", 10, "role"),
        Err("Give the role a name.".to_string())
    );
    assert_eq!(
        name(
            &"r".repeat(ROLE_NAME_MAX_LEN + 1),
            ROLE_NAME_MAX_LEN,
            "role"
        ),
        Err(format!("At most {ROLE_NAME_MAX_LEN} characters."))
    );
    assert_eq!(name(" Eng ", 3, "role"), Ok(()));
}

#[test]
fn saml_settings_checks() {
    use api::validate::{saml_settings, SamlSettings, SAML_FIELD_MAX_LEN};
    let fields = |s: &SamlSettings| -> Vec<&'static str> {
        saml_settings(s)
            .into_iter()
            .map(|(field, _)| field)
            .collect()
    };
    let none = SsoEnforcement::None;
    let saml = SsoEnforcement::Saml;
    let empty = SamlSettings {
        sso_enforcement: &none,
        entity_id: "",
        acs_url: "",
        x509_cert: "",
    };
    assert!(fields(&empty).is_empty());
    assert_eq!(
        fields(&SamlSettings {
            sso_enforcement: &saml,
            ..empty
        }),
        vec!["sso_enforcement"]
    );
    let long = "e".repeat(SAML_FIELD_MAX_LEN + 1);
    assert_eq!(
        fields(&SamlSettings {
            entity_id: &long,
            acs_url: "ftp://idp",
            x509_cert: "not a certificate",
            ..empty
        }),
        vec!["saml_x509_cert", "saml_acs_url", "saml_entity_id"]
    );
    let cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
    assert!(fields(&SamlSettings {
        sso_enforcement: &saml,
        entity_id: "https://idp.example.com",
        acs_url: "https://idp.example.com/acs",
        x509_cert: cert,
    })
    .is_empty());
}
