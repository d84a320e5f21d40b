//! Every one of the 50 endpoints, driven through the `api` crate's request builders with a plain
//! HTTP client against a running demo server: status, decoded model, the auth failure, a
//! validation failure per resource, and a walk across all pages of members.

use api::endpoints::*;
use api::models::*;
use api::{ApiError, Request};
use serde::de::DeserializeOwned;
use serde_json::json;

struct Api {
    client: reqwest::Client,
    base: String,
    key: String,
}

impl Api {
    async fn start() -> Api {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let config = server::Config {
            deterministic: true,
            ..server::Config::default()
        };
        tokio::spawn(server::serve(listener, config));
        Api {
            client: reqwest::Client::new(),
            base,
            key: server::DEMO_KEY.to_string(),
        }
    }

    fn with_key(&self, key: &str) -> Api {
        Api {
            client: self.client.clone(),
            base: self.base.clone(),
            key: key.to_string(),
        }
    }

    async fn send<T: DeserializeOwned>(&self, request: Request<T>) -> Result<T, ApiError> {
        let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes()).unwrap();
        let mut builder = self
            .client
            .request(method, request.url(&self.base))
            .header("Authorization", format!("Bearer {}", self.key));
        if let Some(body) = request.body_json() {
            builder = builder
                .header("Content-Type", "application/json")
                .body(body);
        }
        let response = builder.send().await.map_err(|e| ApiError::Network {
            message: e.to_string(),
        })?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let text = response.text().await.unwrap();
        request.decode(status, retry_after.as_deref(), &text)
    }

    async fn ok<T: DeserializeOwned>(&self, request: Request<T>) -> T {
        let path = request.path_and_query();
        match self.send(request).await {
            Ok(value) => value,
            Err(e) => panic!("{path} failed: {e:?}"),
        }
    }

    async fn org(&self, name: &str) -> Organization {
        let page = self.ok(organizations::list(Some(100), None)).await;
        page.results.into_iter().find(|o| o.name == name).unwrap()
    }
}

fn assert_validation<T: std::fmt::Debug>(result: Result<T, ApiError>, field: &str) {
    match result {
        Err(ApiError::Validation { attr, .. }) => assert_eq!(attr.as_deref(), Some(field)),
        other => panic!("expected a validation error on {field}, got {other:?}"),
    }
}

#[tokio::test]
async fn authentication_is_required_and_a_bad_key_gets_posthogs_401() {
    let api = Api::start().await;
    let bad = api.with_key("phx_not_a_real_key");
    match bad.send(organizations::list(None, None)).await {
        Err(ApiError::Unauthorized { detail }) => assert!(detail.contains("invalid"), "{detail}"),
        other => panic!("expected 401, got {other:?}"),
    }
    let raw = api
        .client
        .get(format!("{}/api/organizations/", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 401);
    let body: serde_json::Value = raw.json().await.unwrap();
    assert_eq!(body["type"], "authentication_error");
    assert!(body["attr"].is_null());
    // an organization you do not belong to, or that does not exist: 404
    assert!(matches!(
        api.send(organizations::retrieve(
            "00000000-0000-0000-0000-000000000000"
        ))
        .await,
        Err(ApiError::NotFound { .. })
    ));
}

#[tokio::test]
async fn organizations_list_create_retrieve_update_delete() {
    let api = Api::start().await;
    let page = api.ok(organizations::list(None, None)).await;
    assert!(page.count >= 3);
    let names: Vec<&str> = page.results.iter().map(|o| o.name.as_str()).collect();
    assert!(names.contains(&"Hogflix") && names.contains(&"Hedgebox Labs"));
    let hogflix = api.org("Hogflix").await;
    assert_eq!(hogflix.membership_level, Some(MembershipLevel::Owner));

    let created = api
        .ok(organizations::create(&OrganizationCreate {
            name: "Test Org".into(),
            ..Default::default()
        }))
        .await;
    assert_eq!(created.name, "Test Org");
    let fetched = api.ok(organizations::retrieve(&created.id)).await;
    assert_eq!(fetched.id, created.id);
    let edited = OrganizationCreate {
        name: "Renamed Org".into(),
        enforce_2fa: Some(true),
        ..Default::default()
    };
    let patch = OrganizationPatch::diff(&fetched, &edited);
    let updated = api.ok(organizations::update(&created.id, &patch)).await;
    assert_eq!(updated.name, "Renamed Org");
    assert_eq!(updated.enforce_2fa, Some(true));
    // validation: empty and over-long names
    assert_validation(
        api.send(organizations::update(
            &created.id,
            &OrganizationPatch {
                name: Some(String::new()),
                ..Default::default()
            },
        ))
        .await,
        "name",
    );
    assert_validation(
        api.send(organizations::create(&OrganizationCreate {
            name: "x".repeat(65),
            ..Default::default()
        }))
        .await,
        "name",
    );
    api.ok(organizations::delete(&created.id)).await;
    assert!(matches!(
        api.send(organizations::retrieve(&created.id)).await,
        Err(ApiError::NotFound { .. })
    ));
    // a plain member may not delete: 403
    let burrow = api.org("Burrow Analytics").await;
    assert!(matches!(
        api.send(organizations::delete(&burrow.id)).await,
        Err(ApiError::Forbidden { .. })
    ));
}

#[tokio::test]
async fn members_walk_every_page_change_level_and_remove() {
    let api = Api::start().await;
    let org = api.org("Hogflix").await;
    // walk all pages by following `next`
    let mut query = MemberListQuery {
        limit: Some(25),
        ..Default::default()
    };
    let mut seen = Vec::new();
    let mut total;
    loop {
        let page = api.ok(members::list(&org.id, &query)).await;
        total = page.count;
        seen.extend(page.results.iter().map(|m| m.user.uuid.clone()));
        match page.next_query() {
            Some(next) => {
                query.limit = next.limit;
                query.offset = Some(next.offset);
            }
            None => break,
        }
    }
    assert!(total >= 100, "about 120 members in Hogflix, got {total}");
    assert_eq!(seen.len() as u64, total);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no member twice across pages");
    let levels: Vec<MembershipLevel> = {
        let all = api
            .ok(members::list(
                &org.id,
                &MemberListQuery {
                    limit: Some(500),
                    ..Default::default()
                },
            ))
            .await;
        all.results.into_iter().map(|m| m.level).collect()
    };
    for level in [
        MembershipLevel::Member,
        MembershipLevel::Admin,
        MembershipLevel::Owner,
    ] {
        assert!(levels.contains(&level), "seed has {level:?}");
    }

    // search, email and order
    let all = api
        .ok(members::list(
            &org.id,
            &MemberListQuery {
                limit: Some(500),
                ..Default::default()
            },
        ))
        .await;
    let me = api.ok(users::me()).await;
    let target = all
        .results
        .iter()
        .find(|m| m.level == MembershipLevel::Member && m.user.uuid != me.uuid)
        .unwrap()
        .clone();
    let by_email = api
        .ok(members::list(
            &org.id,
            &MemberListQuery {
                email: Some(target.user.email.to_uppercase()),
                ..Default::default()
            },
        ))
        .await;
    assert_eq!(by_email.count, 1);
    let by_search = api
        .ok(members::list(
            &org.id,
            &MemberListQuery {
                search: Some(target.user.first_name.clone()),
                ..Default::default()
            },
        ))
        .await;
    assert!(by_search
        .results
        .iter()
        .any(|m| m.user.uuid == target.user.uuid));
    let oldest_first = api
        .ok(members::list(
            &org.id,
            &MemberListQuery {
                limit: Some(500),
                order: Some(MemberOrder::JoinedAt),
                ..Default::default()
            },
        ))
        .await;
    let joined: Vec<&str> = oldest_first
        .results
        .iter()
        .map(|m| m.joined_at.as_str())
        .collect();
    assert!(joined.windows(2).all(|w| w[0] <= w[1]));

    // change level, then refused ones
    let updated = api
        .ok(members::update(
            &org.id,
            &target.user.uuid,
            &MemberPatch {
                level: MembershipLevel::Admin,
            },
        ))
        .await;
    assert_eq!(updated.level, MembershipLevel::Admin);
    assert!(matches!(
        api.send(members::update(
            &org.id,
            &me.uuid,
            &MemberPatch {
                level: MembershipLevel::Member
            }
        ))
        .await,
        Err(ApiError::Forbidden { .. })
    ));
    assert!(api
        .send(members::update(
            &org.id,
            &target.user.uuid,
            &MemberPatch {
                level: MembershipLevel::Other(3)
            }
        ))
        .await
        .is_err());
    api.ok(members::delete(&org.id, &target.user.uuid)).await;
    let after = api
        .ok(members::list(
            &org.id,
            &MemberListQuery {
                limit: Some(1),
                ..Default::default()
            },
        ))
        .await;
    assert_eq!(after.count, total - 1);
    assert!(matches!(
        api.send(members::delete(&org.id, &target.user.uuid)).await,
        Err(ApiError::NotFound { .. })
    ));
}

#[tokio::test]
async fn invites_list_create_bulk_delete_and_validation() {
    let api = Api::start().await;
    let org = api.org("Hogflix").await;
    let before = api.ok(invites::list(&org.id, Some(100), None)).await;
    assert!(before.results.iter().any(|i| i.is_expired));
    assert!(before.results.iter().any(|i| !i.is_expired));
    let invite = api
        .ok(invites::create(
            &org.id,
            &InviteCreate {
                target_email: "someone@example.com".into(),
                first_name: "Some".into(),
                level: MembershipLevel::Admin,
                send_email: true,
                ..Default::default()
            },
        ))
        .await;
    assert_eq!(invite.level, MembershipLevel::Admin);
    assert!(!invite.is_expired);
    assert_validation(
        api.send(invites::create(
            &org.id,
            &InviteCreate {
                target_email: "not an email".into(),
                ..Default::default()
            },
        ))
        .await,
        "target_email",
    );
    let rows: Vec<InviteCreate> = (0..3)
        .map(|i| InviteCreate {
            target_email: format!("bulk{i}@example.com"),
            send_email: false,
            ..Default::default()
        })
        .collect();
    let created = api.ok(invites::bulk(&org.id, &rows)).await;
    assert_eq!(created.len(), 3);
    let too_many: Vec<InviteCreate> = (0..21)
        .map(|i| InviteCreate {
            target_email: format!("many{i}@example.com"),
            ..Default::default()
        })
        .collect();
    assert!(matches!(
        api.send(invites::bulk(&org.id, &too_many)).await,
        Err(ApiError::Validation { .. })
    ));
    api.ok(invites::delete(&org.id, &invite.id)).await;
    let after = api.ok(invites::list(&org.id, Some(100), None)).await;
    assert_eq!(after.count, before.count + 3);
}

#[tokio::test]
async fn domains_crud_verify_and_validation() {
    let api = Api::start().await;
    let org = api.org("Hogflix").await;
    let list = api.ok(domains::list(&org.id, None, None)).await;
    assert!(list.results.iter().any(|d| d.is_verified));
    assert!(list.results.iter().any(|d| !d.is_verified));
    let pending = api
        .ok(domains::create(
            &org.id,
            &DomainCreate {
                domain: "pending.example".into(),
                ..Default::default()
            },
        ))
        .await;
    assert!(!pending.is_verified && !pending.verification_challenge.is_empty());
    let still = api.ok(domains::verify(&org.id, &pending.id)).await;
    assert!(
        !still.is_verified,
        "not under the test suffix: stays unverified"
    );
    assert_validation(
        api.send(domains::update(
            &org.id,
            &pending.id,
            &DomainPatch {
                jit_provisioning_enabled: Some(true),
                ..Default::default()
            },
        ))
        .await,
        "jit_provisioning_enabled",
    );
    let name = format!("ok{}", server::VERIFIED_DOMAIN_SUFFIX);
    let good = api
        .ok(domains::create(
            &org.id,
            &DomainCreate {
                domain: name.clone(),
                ..Default::default()
            },
        ))
        .await;
    let verified = api.ok(domains::verify(&org.id, &good.id)).await;
    assert!(verified.is_verified && verified.verified_at.is_some());
    match api.send(domains::verify(&org.id, &good.id)).await {
        Err(ApiError::Validation { code, .. }) => {
            assert_eq!(code.as_deref(), Some("already_verified"))
        }
        other => panic!("expected already_verified, got {other:?}"),
    }
    let updated = api
        .ok(domains::update(
            &org.id,
            &good.id,
            &DomainPatch {
                jit_provisioning_enabled: Some(true),
                sso_enforcement: Some(SsoEnforcement::GoogleOAuth2),
                ..Default::default()
            },
        ))
        .await;
    assert!(updated.jit_provisioning_enabled);
    assert_eq!(updated.sso_enforcement, SsoEnforcement::GoogleOAuth2);
    let fetched = api.ok(domains::retrieve(&org.id, &good.id)).await;
    assert_eq!(fetched, updated);
    assert_validation(
        api.send(domains::create(
            &org.id,
            &DomainCreate {
                domain: "Bad_Domain".into(),
                ..Default::default()
            },
        ))
        .await,
        "domain",
    );
    assert_validation(
        api.send(domains::create(
            &org.id,
            &DomainCreate {
                domain: name.clone(),
                ..Default::default()
            },
        ))
        .await,
        "domain",
    );
    api.ok(domains::delete(&org.id, &good.id)).await;
    assert!(matches!(
        api.send(domains::retrieve(&org.id, &good.id)).await,
        Err(ApiError::NotFound { .. })
    ));
}

#[tokio::test]
async fn roles_and_role_memberships() {
    let api = Api::start().await;
    let org = api.org("Hogflix").await;
    let roles_page = api.ok(roles::list(&org.id, None, None)).await;
    assert!(roles_page.results.iter().any(|r| !r.members.is_empty()));
    let role = api
        .ok(roles::create(
            &org.id,
            &RoleCreate {
                name: "Analysts".into(),
                ..Default::default()
            },
        ))
        .await;
    assert_validation(
        api.send(roles::create(
            &org.id,
            &RoleCreate {
                name: "ANALYSTS".into(),
                ..Default::default()
            },
        ))
        .await,
        "name",
    );
    let renamed = api
        .ok(roles::update(
            &org.id,
            &role.id,
            &RolePatch {
                name: Some("Analytics".into()),
                ..Default::default()
            },
        ))
        .await;
    assert_eq!(renamed.name, "Analytics");
    assert_eq!(
        api.ok(roles::retrieve(&org.id, &role.id)).await.name,
        "Analytics"
    );

    let some_member = api
        .ok(members::list(
            &org.id,
            &MemberListQuery {
                limit: Some(1),
                offset: Some(7),
                ..Default::default()
            },
        ))
        .await
        .results
        .remove(0);
    let membership = api
        .ok(role_memberships::create(
            &org.id,
            &role.id,
            &RoleMembershipCreate {
                user_uuid: some_member.user.uuid.clone(),
            },
        ))
        .await;
    assert_eq!(
        membership.user.as_ref().unwrap().uuid,
        some_member.user.uuid
    );
    match api
        .send(role_memberships::create(
            &org.id,
            &role.id,
            &RoleMembershipCreate {
                user_uuid: some_member.user.uuid.clone(),
            },
        ))
        .await
    {
        Err(ApiError::Validation { detail, .. }) => {
            assert!(detail.contains("already part of the role"))
        }
        other => panic!("expected already part of the role, got {other:?}"),
    }
    match api
        .send(role_memberships::create(
            &org.id,
            &role.id,
            &RoleMembershipCreate {
                user_uuid: "00000000-0000-0000-0000-000000000000".into(),
            },
        ))
        .await
    {
        Err(ApiError::Validation { detail, .. }) => assert!(detail.contains("does not exist")),
        other => panic!("expected user does not exist, got {other:?}"),
    }
    let listed = api
        .ok(role_memberships::list(&org.id, &role.id, None, None))
        .await;
    assert_eq!(listed.count, 1);
    api.ok(role_memberships::delete(&org.id, &role.id, &membership.id))
        .await;
    assert_eq!(
        api.ok(role_memberships::list(&org.id, &role.id, None, None))
            .await
            .count,
        0
    );
    api.ok(roles::delete(&org.id, &role.id)).await;
    assert!(matches!(
        api.send(roles::retrieve(&org.id, &role.id)).await,
        Err(ApiError::NotFound { .. })
    ));
}

#[tokio::test]
async fn proxy_records_lifecycle() {
    let api = Api::start().await;
    let org = api.org("Hogflix").await;
    let list = api.ok(proxy_records::list(&org.id, None, None)).await;
    assert!(list.max_proxy_records.is_some());
    let statuses: Vec<&ProxyRecordStatus> = list.results.iter().map(|r| &r.status).collect();
    assert!(statuses.len() >= 2);
    let record = api
        .ok(proxy_records::create(
            &org.id,
            &ProxyRecordCreate {
                domain: "t.hogflix-api.example".into(),
            },
        ))
        .await;
    assert_eq!(record.status, ProxyRecordStatus::Waiting);
    assert!(!record.target_cname.is_empty());
    assert_validation(
        api.send(proxy_records::create(
            &org.id,
            &ProxyRecordCreate {
                domain: format!("{}.example", "a".repeat(70)),
            },
        ))
        .await,
        "domain",
    );
    let fetched = api.ok(proxy_records::retrieve(&org.id, &record.id)).await;
    assert_eq!(fetched.domain, record.domain);
    let patched = api
        .ok(proxy_records::update(
            &org.id,
            &record.id,
            &ProxyRecordPatch {
                domain: Some("u.hogflix-api.example".into()),
            },
        ))
        .await;
    assert_eq!(patched.domain, "u.hogflix-api.example");
    // the limit answer comes as a bare {"detail"} body
    let mut hit_limit = false;
    for i in 0..5 {
        match api
            .send(proxy_records::create(
                &org.id,
                &ProxyRecordCreate {
                    domain: format!("p{i}.hogflix-api.example"),
                },
            ))
            .await
        {
            Ok(_) => {}
            Err(ApiError::Validation { detail, .. }) => {
                assert!(detail.contains("Maximum"), "{detail}");
                hit_limit = true;
                break;
            }
            Err(other) => panic!("{other:?}"),
        }
    }
    assert!(hit_limit);
    api.ok(proxy_records::delete(&org.id, &record.id)).await;
    // a waiting record is removed at once
    assert!(matches!(
        api.send(proxy_records::retrieve(&org.id, &record.id)).await,
        Err(ApiError::NotFound { .. })
    ));
}

#[tokio::test]
async fn projects_and_their_actions() {
    let api = Api::start().await;
    let org = api.org("Hogflix").await;
    let list = api.ok(projects::list(&org.id, None, None)).await;
    assert!(list.count >= 3);
    let project = api
        .ok(projects::create(
            &org.id,
            &ProjectCreate {
                name: "Staging".into(),
                ..Default::default()
            },
        ))
        .await;
    assert_eq!(project.name, "Staging");
    assert!(project.api_token.starts_with("phc_"));
    // a duplicate name (case ignored) is a 409 on the name
    match api
        .send(projects::create(&org.id, &ProjectCreate::new("STAGING")))
        .await
    {
        Err(ApiError::Validation { attr, detail, .. }) => {
            assert_eq!(attr.as_deref(), Some("name"));
            assert!(detail.contains("already exists"), "{detail}");
        }
        other => panic!("expected a 409, got {other:?}"),
    }
    // no name: PostHog's default name
    let unnamed = api
        .ok(projects::create(&org.id, &ProjectCreate::default()))
        .await;
    assert_eq!(unnamed.name, "Default project");
    // a new demo project generates its data for a few seconds
    let demo = api
        .ok(projects::create(
            &org.id,
            &ProjectCreate {
                name: "Demo".into(),
                is_demo: Some(true),
                ..Default::default()
            },
        ))
        .await;
    assert!(
        api.ok(projects::is_generating_demo_data(&org.id, demo.id))
            .await
            .is_generating_demo_data
    );
    let fetched = api.ok(projects::retrieve(&org.id, project.id)).await;
    assert_eq!(fetched.id, project.id);
    let updated = api
        .ok(projects::update(
            &org.id,
            project.id,
            &ProjectPatch {
                name: Some("Staging 2".into()),
                ..Default::default()
            },
        ))
        .await;
    assert_eq!(updated.name, "Staging 2");
    api.ok(projects::update(
        &org.id,
        project.id,
        &ProjectPatch {
            timezone: Some("Europe/Berlin".into()),
            ..Default::default()
        },
    ))
    .await;
    let reset = api.ok(projects::reset_token(&org.id, project.id)).await;
    assert_ne!(reset.api_token, project.api_token);
    let demo = api
        .ok(projects::is_generating_demo_data(&org.id, project.id))
        .await;
    assert!(!demo.is_generating_demo_data);
    api.ok(projects::add_product_intent(
        &org.id,
        project.id,
        &ProductIntent {
            product_type: "product_analytics".into(),
            ..Default::default()
        },
    ))
    .await;
    api.ok(projects::complete_product_onboarding(
        &org.id,
        project.id,
        &CompleteOnboarding {
            product_type: "product_analytics".into(),
        },
    ))
    .await;
    assert_validation(
        api.send(projects::complete_product_onboarding(
            &org.id,
            project.id,
            &CompleteOnboarding {
                product_type: "no_such_product".into(),
            },
        ))
        .await,
        "product_type",
    );
    // the activity log has each change with its before and after, newest first
    let activity = api
        .ok(projects::activity(&org.id, project.id, Some(10), Some(1)))
        .await;
    let changes: Vec<&serde_json::Value> = activity
        .results
        .iter()
        .filter_map(|e| e.detail["changes"].as_array())
        .flatten()
        .collect();
    let token = changes
        .iter()
        .find(|c| c["field"] == "api_token")
        .expect("the token reset is logged");
    assert_eq!(token["before"], project.api_token.as_str());
    assert_eq!(token["after"], reset.api_token.as_str());
    let timezone = changes
        .iter()
        .find(|c| c["field"] == "timezone")
        .expect("the timezone change is logged");
    assert_eq!(timezone["before"], "UTC");
    assert_eq!(timezone["after"], "Europe/Berlin");
    let names = changes.iter().find(|c| c["field"] == "name").unwrap();
    assert_eq!(
        (names["before"].as_str(), names["after"].as_str()),
        (Some("Staging"), Some("Staging 2"))
    );
    // delete: pending deletion for a while (a second delete is refused), then gone
    api.ok(projects::delete(&org.id, project.id)).await;
    match api.send(projects::delete(&org.id, project.id)).await {
        Err(ApiError::Validation { detail, .. }) => {
            assert!(detail.contains("already being deleted"), "{detail}");
        }
        other => panic!("expected a 400, got {other:?}"),
    }
}

#[tokio::test]
async fn batch_exports_and_their_actions() {
    let api = Api::start().await;
    let org = api.org("Hogflix").await;
    let list = api.ok(batch_exports::list(&org.id, None, None)).await;
    let kinds: Vec<String> = list
        .results
        .iter()
        .map(|b| b.destination.kind.as_str().to_string())
        .collect();
    assert!(kinds.len() >= 3, "several destination types: {kinds:?}");
    // the console's list reads the same answer with fewer fields
    let summaries = api
        .ok(batch_exports::list_summaries(&org.id, None, None))
        .await;
    let summarized: Vec<_> = (summaries.results.iter())
        .map(|b| (&b.id, b.destination.kind.as_str(), b.latest_runs.len()))
        .collect();
    let full: Vec<_> = (list.results.iter())
        .map(|b| (&b.id, b.destination.kind.as_str(), b.latest_runs.len()))
        .collect();
    assert_eq!(summarized, full);
    let mut config = serde_json::Map::new();
    for (k, v) in [
        ("bucket_name", json!("exports")),
        ("region", json!("us-east-1")),
        ("prefix", json!("posthog/")),
        ("aws_access_key_id", json!("AKIA")),
        ("aws_secret_access_key", json!("secret")),
    ] {
        config.insert(k.into(), v);
    }
    let created = api
        .ok(batch_exports::create(
            &org.id,
            &BatchExportCreate {
                name: "Nightly S3".into(),
                destination: BatchExportDestination {
                    kind: DestinationType::S3,
                    config: config.clone(),
                    ..Default::default()
                },
                interval: Interval::Day,
                ..Default::default()
            },
        ))
        .await;
    assert_eq!(created.interval, Interval::Day);
    assert!(
        created
            .destination
            .config
            .get("aws_secret_access_key")
            .is_none(),
        "secrets never returned"
    );
    let mut bad_config = config.clone();
    bad_config.insert("nonsense".into(), json!(1));
    assert!(matches!(
        api.send(batch_exports::create(
            &org.id,
            &BatchExportCreate {
                name: "Bad".into(),
                destination: BatchExportDestination {
                    kind: DestinationType::S3,
                    config: bad_config,
                    ..Default::default()
                },
                interval: Interval::Day,
                ..Default::default()
            },
        ))
        .await,
        Err(ApiError::Validation { .. })
    ));
    let fetched = api.ok(batch_exports::retrieve(&org.id, &created.id)).await;
    assert_eq!(fetched.name, "Nightly S3");
    let renamed = api
        .ok(batch_exports::update(
            &org.id,
            &created.id,
            &BatchExportPatch {
                name: Some("Nightly S3 export".into()),
                ..Default::default()
            },
        ))
        .await;
    assert_eq!(renamed.name, "Nightly S3 export");
    api.ok(batch_exports::pause(&org.id, &created.id)).await;
    assert!(
        api.ok(batch_exports::retrieve(&org.id, &created.id))
            .await
            .paused
    );
    api.ok(batch_exports::unpause(&org.id, &created.id)).await;
    assert!(
        !api.ok(batch_exports::retrieve(&org.id, &created.id))
            .await
            .paused
    );
    api.ok(batch_exports::backfill(
        &org.id,
        &created.id,
        &BackfillRequest {
            start_at: Some("2025-01-01".into()),
            end_at: Some("2025-01-03".into()),
        },
    ))
    .await;
    assert!(matches!(
        api.send(batch_exports::backfill(
            &org.id,
            &created.id,
            &BackfillRequest {
                start_at: Some("2025-01-03".into()),
                end_at: Some("2025-01-01".into()),
            },
        ))
        .await,
        Err(ApiError::Validation { .. })
    ));
    let seeded = &list.results[0];
    let logs = api
        .ok(batch_exports::logs(
            &org.id,
            &seeded.id,
            &LogsQuery {
                limit: Some(5),
                ..Default::default()
            },
        ))
        .await;
    assert!(logs.count > 0 && logs.results.len() <= 5);
    api.ok(batch_exports::delete(&org.id, &created.id)).await;
    assert!(matches!(
        api.send(batch_exports::retrieve(&org.id, &created.id))
            .await,
        Err(ApiError::NotFound { .. })
    ));
}
