//! Every request builder: method, path (encoding included), query and body.

use api::endpoints::*;
use api::models::*;
use api::{Method, Request};
use serde_json::{json, Value};

/// (method, path and query, body) of a request, whatever its success type.
fn shape<T>(r: &Request<T>) -> (Method, String, Option<Value>) {
    (r.method, r.path_and_query(), r.body.clone())
}

const ORG: &str = "0191-org";
const O: &str = "/api/organizations/0191-org";

#[test]
fn all_fifty_endpoints() {
    let invite = InviteCreate::new("ann@example.com");
    let all: Vec<(Method, String, Option<Value>)> = vec![
        // organizations (5)
        shape(&organizations::list(None, None)),
        shape(&organizations::create(&OrganizationCreate::new("Acme"))),
        shape(&organizations::retrieve(ORG)),
        shape(&organizations::update(
            ORG,
            &OrganizationPatch {
                name: Some("B".into()),
                ..Default::default()
            },
        )),
        shape(&organizations::delete(ORG)),
        // batch exports (9)
        shape(&batch_exports::list(ORG, None, None)),
        shape(&batch_exports::create(ORG, &BatchExportCreate::default())),
        shape(&batch_exports::retrieve(ORG, "be")),
        shape(&batch_exports::update(
            ORG,
            "be",
            &BatchExportPatch::default(),
        )),
        shape(&batch_exports::delete(ORG, "be")),
        shape(&batch_exports::backfill(
            ORG,
            "be",
            &BackfillRequest::default(),
        )),
        shape(&batch_exports::logs(ORG, "be", &LogsQuery::default())),
        shape(&batch_exports::pause(ORG, "be")),
        shape(&batch_exports::unpause(ORG, "be")),
        // domains (6)
        shape(&domains::list(ORG, None, None)),
        shape(&domains::create(ORG, &DomainCreate::new("acme.com"))),
        shape(&domains::retrieve(ORG, "d")),
        shape(&domains::update(ORG, "d", &DomainPatch::default())),
        shape(&domains::delete(ORG, "d")),
        shape(&domains::verify(ORG, "d")),
        // invites (4)
        shape(&invites::list(ORG, None, None)),
        shape(&invites::create(ORG, &invite)),
        shape(&invites::delete(ORG, "i")),
        shape(&invites::bulk(ORG, std::slice::from_ref(&invite))),
        // members (3)
        shape(&members::list(ORG, &MemberListQuery::default())),
        shape(&members::update(
            ORG,
            "u",
            &MemberPatch {
                level: MembershipLevel::Admin,
            },
        )),
        shape(&members::delete(ORG, "u")),
        // projects (10)
        shape(&projects::list(ORG, None, None)),
        shape(&projects::create(ORG, &ProjectCreate::new("Web"))),
        shape(&projects::retrieve(ORG, 7)),
        shape(&projects::update(ORG, 7, &ProjectPatch::default())),
        shape(&projects::delete(ORG, 7)),
        shape(&projects::activity(ORG, 7, None, None)),
        shape(&projects::add_product_intent(
            ORG,
            7,
            &ProductIntent::default(),
        )),
        shape(&projects::complete_product_onboarding(
            ORG,
            7,
            &CompleteOnboarding::default(),
        )),
        shape(&projects::is_generating_demo_data(ORG, 7)),
        shape(&projects::reset_token(ORG, 7)),
        // proxy records (5)
        shape(&proxy_records::list(ORG, None, None)),
        shape(&proxy_records::create(
            ORG,
            &ProxyRecordCreate {
                domain: "e.acme.com".into(),
            },
        )),
        shape(&proxy_records::retrieve(ORG, "p")),
        shape(&proxy_records::update(
            ORG,
            "p",
            &ProxyRecordPatch::default(),
        )),
        shape(&proxy_records::delete(ORG, "p")),
        // roles (5)
        shape(&roles::list(ORG, None, None)),
        shape(&roles::create(ORG, &RoleCreate::new("Eng"))),
        shape(&roles::retrieve(ORG, "r")),
        shape(&roles::update(ORG, "r", &RolePatch::default())),
        shape(&roles::delete(ORG, "r")),
        // role memberships (3)
        shape(&role_memberships::list(ORG, "r", None, None)),
        shape(&role_memberships::create(
            ORG,
            "r",
            &RoleMembershipCreate {
                user_uuid: "u".into(),
            },
        )),
        shape(&role_memberships::delete(ORG, "r", "m")),
    ];
    assert_eq!(all.len(), ENDPOINT_COUNT);

    let expected: Vec<(Method, String)> = vec![
        (Method::Get, "/api/organizations/".into()),
        (Method::Post, "/api/organizations/".into()),
        (Method::Get, format!("{O}/")),
        (Method::Patch, format!("{O}/")),
        (Method::Delete, format!("{O}/")),
        (Method::Get, format!("{O}/batch_exports/")),
        (Method::Post, format!("{O}/batch_exports/")),
        (Method::Get, format!("{O}/batch_exports/be/")),
        (Method::Patch, format!("{O}/batch_exports/be/")),
        (Method::Delete, format!("{O}/batch_exports/be/")),
        (Method::Post, format!("{O}/batch_exports/be/backfill/")),
        (Method::Get, format!("{O}/batch_exports/be/logs/")),
        (Method::Post, format!("{O}/batch_exports/be/pause/")),
        (Method::Post, format!("{O}/batch_exports/be/unpause/")),
        (Method::Get, format!("{O}/domains/")),
        (Method::Post, format!("{O}/domains/")),
        (Method::Get, format!("{O}/domains/d/")),
        (Method::Patch, format!("{O}/domains/d/")),
        (Method::Delete, format!("{O}/domains/d/")),
        (Method::Post, format!("{O}/domains/d/verify/")),
        (Method::Get, format!("{O}/invites/")),
        (Method::Post, format!("{O}/invites/")),
        (Method::Delete, format!("{O}/invites/i/")),
        (Method::Post, format!("{O}/invites/bulk/")),
        (Method::Get, format!("{O}/members/")),
        (Method::Patch, format!("{O}/members/u/")),
        (Method::Delete, format!("{O}/members/u/")),
        (Method::Get, format!("{O}/projects/")),
        (Method::Post, format!("{O}/projects/")),
        (Method::Get, format!("{O}/projects/7/")),
        (Method::Patch, format!("{O}/projects/7/")),
        (Method::Delete, format!("{O}/projects/7/")),
        (Method::Get, format!("{O}/projects/7/activity/")),
        (Method::Patch, format!("{O}/projects/7/add_product_intent/")),
        (
            Method::Patch,
            format!("{O}/projects/7/complete_product_onboarding/"),
        ),
        (
            Method::Get,
            format!("{O}/projects/7/is_generating_demo_data/"),
        ),
        (Method::Patch, format!("{O}/projects/7/reset_token/")),
        (Method::Get, format!("{O}/proxy_records/")),
        (Method::Post, format!("{O}/proxy_records/")),
        (Method::Get, format!("{O}/proxy_records/p/")),
        (Method::Patch, format!("{O}/proxy_records/p/")),
        (Method::Delete, format!("{O}/proxy_records/p/")),
        (Method::Get, format!("{O}/roles/")),
        (Method::Post, format!("{O}/roles/")),
        (Method::Get, format!("{O}/roles/r/")),
        (Method::Patch, format!("{O}/roles/r/")),
        (Method::Delete, format!("{O}/roles/r/")),
        (Method::Get, format!("{O}/roles/r/role_memberships/")),
        (Method::Post, format!("{O}/roles/r/role_memberships/")),
        (Method::Delete, format!("{O}/roles/r/role_memberships/m/")),
    ];
    let got: Vec<(Method, String)> = all.iter().map(|(m, p, _)| (*m, p.clone())).collect();
    assert_eq!(got, expected);

    // No two endpoints share method and path.
    let mut unique = got.clone();
    unique.sort_by(|a, b| (a.0.as_str(), &a.1).cmp(&(b.0.as_str(), &b.1)));
    unique.dedup();
    assert_eq!(unique.len(), ENDPOINT_COUNT);

    for (method, path, body) in &all {
        assert!(
            path.starts_with("/api/organizations/") && path.ends_with('/'),
            "{path}"
        );
        match method {
            Method::Get | Method::Delete => assert!(body.is_none(), "{method} {path} has a body"),
            _ => {}
        }
    }
}

#[test]
fn method_names() {
    assert_eq!(Method::Get.as_str(), "GET");
    assert_eq!(Method::Post.as_str(), "POST");
    assert_eq!(Method::Patch.as_str(), "PATCH");
    assert_eq!(Method::Delete.to_string(), "DELETE");
}

#[test]
fn path_params_are_percent_encoded() {
    let r = members::update(
        "a b/c",
        "ü?#&",
        &MemberPatch {
            level: MembershipLevel::Owner,
        },
    );
    assert_eq!(
        r.path,
        "/api/organizations/a%20b%2Fc/members/%C3%BC%3F%23%26/"
    );
    assert_eq!(
        organizations::retrieve("@current").path,
        "/api/organizations/%40current/"
    );
    assert_eq!(
        organizations::retrieve("Az09-._~").path,
        "/api/organizations/Az09-._~/"
    );
    // "." and ".." cannot walk up the path.
    assert_eq!(
        organizations::retrieve("..").path,
        "/api/organizations/%2E%2E/"
    );
    assert_eq!(
        role_memberships::delete("o", "r/1", "m 2").path,
        "/api/organizations/o/roles/r%2F1/role_memberships/m%202/"
    );
}

#[test]
fn list_queries_and_urls() {
    let r = organizations::list(Some(10), Some(20));
    assert_eq!(r.path_and_query(), "/api/organizations/?limit=10&offset=20");
    assert_eq!(
        r.url("https://us.posthog.com/"),
        "https://us.posthog.com/api/organizations/?limit=10&offset=20"
    );
    assert_eq!(
        r.url("https://eu.posthog.com"),
        "https://eu.posthog.com/api/organizations/?limit=10&offset=20"
    );
    assert_eq!(r.url(""), "/api/organizations/?limit=10&offset=20");
    assert_eq!(
        organizations::list(None, Some(5)).path_and_query(),
        "/api/organizations/?offset=5"
    );
    assert_eq!(
        invites::list("o", Some(1), None).path_and_query(),
        "/api/organizations/o/invites/?limit=1"
    );
    assert_eq!(
        role_memberships::list("o", "r", Some(3), Some(6)).path_and_query(),
        "/api/organizations/o/roles/r/role_memberships/?limit=3&offset=6"
    );
    assert_eq!(
        projects::activity("o", 1, Some(10), Some(2)).path_and_query(),
        "/api/organizations/o/projects/1/activity/?limit=10&page=2"
    );
}

#[test]
fn member_list_query() {
    let q = MemberListQuery {
        limit: Some(25),
        offset: Some(50),
        email: Some("a+b@x.io".into()),
        search: Some("".into()),
        order: Some(MemberOrder::JoinedAtDesc),
    };
    assert_eq!(
        members::list("o", &q).path_and_query(),
        "/api/organizations/o/members/?limit=25&offset=50&email=a%2Bb%40x.io&order=-joined_at"
    );
    let q = MemberListQuery {
        search: Some("ann lee".into()),
        order: Some(MemberOrder::JoinedAt),
        ..Default::default()
    };
    assert_eq!(
        members::list("o", &q).path_and_query(),
        "/api/organizations/o/members/?search=ann%20lee&order=joined_at"
    );
    assert_eq!(
        members::list("o", &MemberListQuery::default()).path_and_query(),
        "/api/organizations/o/members/"
    );
    assert_eq!(
        MemberOrder::parse("-joined_at"),
        Some(MemberOrder::JoinedAtDesc)
    );
}

#[test]
fn logs_query() {
    let q = LogsQuery {
        limit: Some(100),
        after: Some("2024-01-01T00:00:00Z".into()),
        levels: vec![LogLevel::Error, LogLevel::Warning],
        search: Some("".into()),
        instance_id: Some("run-1".into()),
        ..Default::default()
    };
    assert_eq!(
        batch_exports::logs("o", "b", &q).path_and_query(),
        "/api/organizations/o/batch_exports/b/logs/?limit=100&after=2024-01-01T00%3A00%3A00Z&level=ERROR&level=WARNING&instance_id=run-1"
    );
}

#[test]
fn organization_bodies() {
    let create = OrganizationCreate::new("Acme");
    assert_eq!(
        organizations::create(&create).body,
        Some(json!({"name": "Acme"}))
    );
    let full = OrganizationCreate {
        name: "Acme".into(),
        logo_media_id: Some("m1".into()),
        is_member_join_email_enabled: Some(false),
        enforce_2fa: Some(true),
    };
    assert_eq!(
        organizations::create(&full)
            .body_json()
            .map(|s| serde_json::from_str::<Value>(&s).unwrap()),
        Some(
            json!({"name": "Acme", "logo_media_id": "m1", "is_member_join_email_enabled": false, "enforce_2fa": true})
        )
    );

    let before = Organization {
        id: "o".into(),
        name: "Acme".into(),
        slug: "acme".into(),
        logo_media_id: Some("m1".into()),
        is_member_join_email_enabled: true,
        enforce_2fa: None,
        ..Default::default()
    };
    let same = OrganizationCreate::from_organization(&before);
    assert!(OrganizationPatch::diff(&before, &same).is_empty());
    assert_eq!(
        organizations::update("o", &OrganizationPatch::diff(&before, &same)).body,
        Some(json!({}))
    );

    let edited = OrganizationCreate {
        name: "Acme Inc".into(),
        logo_media_id: None,
        ..same.clone()
    };
    let patch = OrganizationPatch::diff(&before, &edited);
    // The name changed, the logo was cleared (null); read-only fields are never sent.
    assert_eq!(
        organizations::update("o", &patch).body,
        Some(json!({"name": "Acme Inc", "logo_media_id": null}))
    );

    let edited = OrganizationCreate {
        enforce_2fa: Some(true),
        ..same
    };
    assert_eq!(
        organizations::update("o", &OrganizationPatch::diff(&before, &edited)).body,
        Some(json!({"enforce_2fa": true}))
    );

    // The server side tells "absent" from "null".
    let p: OrganizationPatch = serde_json::from_str(r#"{"logo_media_id": null}"#).unwrap();
    assert_eq!(p.logo_media_id, Some(None));
    let p: OrganizationPatch = serde_json::from_str(r#"{"name": "x"}"#).unwrap();
    assert_eq!(p.logo_media_id, None);
}

#[test]
fn member_and_invite_bodies() {
    assert_eq!(
        members::update(
            "o",
            "u",
            &MemberPatch {
                level: MembershipLevel::Admin
            }
        )
        .body,
        Some(json!({"level": 8}))
    );

    let invite = InviteCreate::new("ann@example.com");
    assert_eq!(
        invites::create("o", &invite).body,
        Some(json!({"target_email": "ann@example.com", "level": 1, "send_email": true}))
    );
    let full = InviteCreate {
        target_email: "bo@example.com".into(),
        first_name: "Bo".into(),
        level: MembershipLevel::Owner,
        message: Some("Welcome".into()),
        private_project_access: vec![PrivateProjectAccess {
            id: 3,
            level: ProjectAccessLevel::Admin,
        }],
        send_email: false,
    };
    assert_eq!(
        invites::bulk("o", &[invite.clone(), full]).body,
        Some(json!([
            {"target_email": "ann@example.com", "level": 1, "send_email": true},
            {"target_email": "bo@example.com", "first_name": "Bo", "level": 15, "message": "Welcome",
             "private_project_access": [{"id": 3, "level": "admin"}], "send_email": false}
        ]))
    );
    assert!(invite.validate().is_ok());
    let bad = InviteCreate::new("not-an-email");
    assert_eq!(bad.validate().unwrap_err().field(), Some("target_email"));
    let long = InviteCreate {
        first_name: "x".repeat(31),
        ..invite
    };
    assert_eq!(long.validate().unwrap_err().field(), Some("first_name"));
}

#[test]
fn domain_bodies() {
    assert_eq!(
        domains::create("o", &DomainCreate::new("acme.com")).body,
        Some(json!({"domain": "acme.com"}))
    );
    assert_eq!(domains::verify("o", "d").body, None);

    let before = OrganizationDomain {
        id: "d".into(),
        domain: "acme.com".into(),
        is_verified: true,
        verification_challenge: "abc".into(),
        saml_entity_id: Some("e".into()),
        ..Default::default()
    };
    let mut edited = before.clone();
    assert!(DomainPatch::diff(&before, &edited).is_empty());
    edited.jit_provisioning_enabled = true;
    edited.sso_enforcement = SsoEnforcement::Saml;
    edited.saml_entity_id = None;
    edited.is_verified = false; // read-only: ignored
    assert_eq!(
        domains::update("o", "d", &DomainPatch::diff(&before, &edited)).body,
        Some(
            json!({"jit_provisioning_enabled": true, "sso_enforcement": "saml", "saml_entity_id": null})
        )
    );
    let mut none = edited.clone();
    none.sso_enforcement = SsoEnforcement::None;
    assert_eq!(
        serde_json::to_value(DomainPatch::diff(&edited, &none)).unwrap(),
        json!({"sso_enforcement": ""})
    );
    assert_eq!(
        before.challenge_record_name(),
        "_posthog-challenge.acme.com."
    );
    assert!(DomainCreate::is_valid_domain("posthog.com"));
    assert!(DomainCreate::is_valid_domain("a-b.sub.example.co"));
    assert!(!DomainCreate::is_valid_domain("PostHog.com"));
    assert!(!DomainCreate::is_valid_domain("localhost"));
    assert!(!DomainCreate::is_valid_domain("-a.com"));
    assert!(!DomainCreate::is_valid_domain("a.c0m"));
}

#[test]
fn role_bodies() {
    assert_eq!(
        roles::create("o", &RoleCreate::new("Eng")).body,
        Some(json!({"name": "Eng"}))
    );
    let before = Role {
        id: "r".into(),
        name: "Eng".into(),
        ..Default::default()
    };
    assert!(RolePatch::diff(&before, &RoleCreate::new("Eng")).is_empty());
    assert_eq!(
        roles::update(
            "o",
            "r",
            &RolePatch::diff(&before, &RoleCreate::new("Design"))
        )
        .body,
        Some(json!({"name": "Design"}))
    );
    let with_flags = RoleCreate {
        name: "Eng".into(),
        feature_flags_access_level: Some(FeatureFlagsAccessLevel::CanAlwaysEdit),
    };
    assert_eq!(
        serde_json::to_value(RolePatch::diff(&before, &with_flags)).unwrap(),
        json!({"feature_flags_access_level": 37})
    );
    assert_eq!(
        role_memberships::create(
            "o",
            "r",
            &RoleMembershipCreate {
                user_uuid: "u-1".into()
            }
        )
        .body,
        Some(json!({"user_uuid": "u-1"}))
    );
}

#[test]
fn proxy_record_bodies() {
    assert_eq!(
        proxy_records::create(
            "o",
            &ProxyRecordCreate {
                domain: "e.acme.com".into()
            }
        )
        .body,
        Some(json!({"domain": "e.acme.com"}))
    );
    assert_eq!(
        proxy_records::update("o", "p", &ProxyRecordPatch::default()).body,
        Some(json!({}))
    );
}

#[test]
fn project_bodies() {
    assert_eq!(
        projects::create("o", &ProjectCreate::new("Web")).body,
        Some(json!({"name": "Web"}))
    );
    let create = ProjectCreate {
        timezone: Some("Europe/Berlin".into()),
        week_start_day: Some(WeekStartDay::Monday),
        ..ProjectCreate::new("Web")
    };
    assert_eq!(
        projects::create("o", &create).body,
        Some(json!({"name": "Web", "timezone": "Europe/Berlin", "week_start_day": 1}))
    );

    let before = Project {
        id: 1,
        name: "Web".into(),
        timezone: "UTC".into(),
        api_token: "phc_1".into(),
        ..Default::default()
    };
    let mut edited = before.clone();
    assert!(ProjectPatch::diff(&before, &edited).is_empty());
    edited.name = "Website".into();
    edited.timezone = "Europe/Paris".into();
    edited.api_token = "changed".into(); // read-only: ignored
    assert_eq!(
        projects::update("o", 1, &ProjectPatch::diff(&before, &edited)).body,
        Some(json!({"name": "Website", "timezone": "Europe/Paris"}))
    );
    edited.week_start_day = Some(WeekStartDay::Sunday);
    edited.app_urls = vec!["https://acme.com".into()];
    assert_eq!(
        serde_json::to_value(ProjectPatch::diff(&before, &edited)).unwrap(),
        json!({"name": "Website", "timezone": "Europe/Paris", "week_start_day": 0, "app_urls": ["https://acme.com"]})
    );

    let intent = ProductIntent {
        product_type: "session_replay".into(),
        intent_context: Some("onboarding".into()),
        metadata: None,
    };
    assert_eq!(
        projects::add_product_intent("o", 1, &intent).body,
        Some(json!({"product_type": "session_replay", "intent_context": "onboarding"}))
    );
    assert_eq!(
        projects::complete_product_onboarding(
            "o",
            1,
            &CompleteOnboarding {
                product_type: "feature_flags".into()
            }
        )
        .body,
        Some(json!({"product_type": "feature_flags"}))
    );
    assert_eq!(projects::reset_token("o", 1).body, None);
    assert_eq!(projects::is_generating_demo_data("o", 1).body, None);
}

#[test]
fn batch_export_bodies() {
    let mut config = serde_json::Map::new();
    config.insert("bucket_name".into(), json!("b"));
    config.insert("region".into(), json!("us-east-1"));
    let create = BatchExportCreate {
        name: "To S3".into(),
        model: Some(BatchExportModel::Events),
        destination: BatchExportDestination::new(DestinationType::S3, config.clone()),
        interval: Interval::Every5Minutes,
        ..Default::default()
    };
    assert_eq!(
        batch_exports::create("o", &create).body,
        Some(json!({
            "name": "To S3", "model": "events",
            "destination": {"type": "S3", "config": {"bucket_name": "b", "region": "us-east-1"}},
            "interval": "every 5 minutes"
        }))
    );
    // the same body under the project's route
    let in_project = batch_exports::create_in_project(42, &create);
    assert_eq!(in_project.path, "/api/projects/42/batch_exports/");
    assert_eq!(in_project.method, Method::Post);
    assert_eq!(in_project.body, batch_exports::create("o", &create).body);

    let before = BatchExport {
        id: "b".into(),
        name: "To S3".into(),
        destination: BatchExportDestination::new(DestinationType::S3, config),
        interval: Interval::Hour,
        ..Default::default()
    };
    let mut edited = before.clone();
    assert!(BatchExportPatch::diff(&before, &edited).is_empty());
    edited.name = "Hourly S3".into();
    edited.interval = Interval::Day;
    edited.paused = true;
    edited.created_at = "changed".into(); // read-only: ignored
    assert_eq!(
        batch_exports::update("o", "b", &BatchExportPatch::diff(&before, &edited)).body,
        Some(json!({"name": "Hourly S3", "interval": "day", "paused": true}))
    );
    edited
        .destination
        .config
        .insert("prefix".into(), json!("events/"));
    let patch = serde_json::to_value(BatchExportPatch::diff(&before, &edited)).unwrap();
    assert_eq!(
        patch["destination"],
        json!({"type": "S3", "config": {"bucket_name": "b", "region": "us-east-1", "prefix": "events/"}})
    );

    let backfill = BackfillRequest::new("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z");
    assert_eq!(
        batch_exports::backfill("o", "b", &backfill).body,
        Some(json!({"start_at": "2024-01-01T00:00:00Z", "end_at": "2024-01-02T00:00:00Z"}))
    );
    assert_eq!(batch_exports::pause("o", "b").body, None);
    assert_eq!(batch_exports::unpause("o", "b").body, None);
    assert_eq!(
        batch_exports::unpause_with("o", "b", &UnpauseRequest { backfill: true }).body,
        Some(json!({"backfill": true}))
    );
}

#[test]
fn users_me_is_extra() {
    let r = users::me();
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Get, "/api/users/@me/")
    );
}

#[test]
fn request_helpers() {
    let r: Request<Value> = Request::new(Method::Post, "/api/organizations/x/")
        .with_query("q", "a&b=c d")
        .with_body(json!({"k": [1, 2]}));
    assert_eq!(r.path_and_query(), "/api/organizations/x/?q=a%26b%3Dc%20d");
    assert_eq!(r.body_json().as_deref(), Some(r#"{"k":[1,2]}"#));
    assert_eq!(r.clone(), r);
    assert!(format!("{r:?}").contains("/api/organizations/x/"));
    assert_eq!(api::request::percent_decode("a%20b+c%2"), "a b c%2");
}

#[test]
fn client_side_validation() {
    use api::validate::*;
    assert_eq!(domain("acme.com", DOMAIN_MAX_LEN), Ok(()));
    assert_eq!(domain("e.sub-1.acme.io", PROXY_DOMAIN_MAX_LEN), Ok(()));
    for bad in [
        "",
        "acme",
        "Acme.com",
        "https://acme.com",
        "acme.com/x",
        "a_b.com",
        "-a.com",
        "a--b.com",
        "a..com",
        "acme.c",
        "acme.c0m",
    ] {
        assert!(domain(bad, DOMAIN_MAX_LEN).is_err(), "{bad}");
    }
    let long = format!("{}.com", "a".repeat(61));
    assert_eq!(
        domain(&long, PROXY_DOMAIN_MAX_LEN),
        Err("At most 64 characters.".to_string())
    );
    assert_eq!(domain(&long, DOMAIN_MAX_LEN), Ok(()));

    assert!(looks_like_email("ann@acme.com") && looks_like_email(" a.b+c@x.co.uk "));
    for bad in [
        "",
        "ann",
        "ann@",
        "@acme.com",
        "ann@acme",
        "a b@acme.com",
        "a@b@acme.com",
        "ann@acme.com.",
    ] {
        assert!(!looks_like_email(bad), "{bad}");
    }

    let pem =
        "-----BEGIN CERTIFICATE-----\nMIIC+zCCAeOgAwIBAgIJ/=\nAbCd\n-----END CERTIFICATE-----\n";
    assert!(looks_like_pem_certificate(pem));
    assert!(!looks_like_pem_certificate("MIIC+zCCAeOgAwIBAgIJ"));
    assert!(!looks_like_pem_certificate(
        "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----"
    ));
    assert!(!looks_like_pem_certificate(
        "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----"
    ));
}
