//! Roles: the table (name, members, created by, created) with create, rename and delete, and a
//! role's page listing its members with add (a searchable pick of the organization's members) and
//! remove.

use api::endpoints::{members, role_memberships, roles};
use api::models::{
    MemberListQuery, OrganizationMember, Role, RoleCreate, RoleMembership, RoleMembershipCreate,
    RolePatch,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::dialog::{ConfirmDialog, ConfirmState};
use crate::components::feedback::{describe_error, load};
use crate::components::form::{use_unsaved_guard, FormError, FormErrors, SubmitButton, TextField};
use crate::components::list_state::use_list_state;
use crate::components::table::{column, text_column, PagedTable};
use crate::components::toast::use_toasts;
use crate::components::util::{short_date, user_name};
use crate::hooks::use_current_org;
use crate::http::use_http;

const ROLE_FIELDS: [&str; 1] = ["name"];

/// Role names: required, at most 200 characters (PostHog's limit).
fn check_role_name(name: &str, errors: FormErrors) -> bool {
    let name = name.trim();
    if name.is_empty() {
        errors.set_field("name", "Give the role a name.");
        false
    } else if name.chars().count() > 200 {
        errors.set_field("name", "At most 200 characters.");
        false
    } else {
        true
    }
}

#[component]
pub fn RolesPage() -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let (state, set_state) = use_list_state();
    let page = LocalResource::new(move || {
        let s = state.get();
        let org = current.id.get();
        async move {
            http.send(roles::list(&org, Some(s.limit()), Some(s.offset())))
                .await
        }
    });

    let name = RwSignal::new(String::new());
    let errors = FormErrors::new();
    use_unsaved_guard(Signal::derive(move || !name.get().trim().is_empty()));
    let create = Action::new_local(move |body: &RoleCreate| {
        let body = body.clone();
        let org = current.id.get_untracked();
        async move {
            match http.send(roles::create(&org, &body)).await {
                Ok(role) => {
                    name.set(String::new());
                    toasts.success(format!("Role \u{201c}{}\u{201d} created", role.name));
                    page.refetch();
                }
                Err(error) => errors.apply(&error, &ROLE_FIELDS),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if check_role_name(&name.get_untracked(), errors) {
            create.dispatch(RoleCreate {
                name: name.get_untracked().trim().to_string(),
                ..Default::default()
            });
        }
    };

    let delete_confirm = ConfirmState::<Role>::new();
    let delete = Action::new_local(move |role: &Role| {
        let role = role.clone();
        let org = current.id.get_untracked();
        async move {
            match http.send(roles::delete(&org, &role.id)).await {
                Ok(_) => {
                    delete_confirm.close();
                    toasts.success(format!("Role \u{201c}{}\u{201d} deleted", role.name));
                    page.refetch();
                }
                Err(error) => delete_confirm.fail(&error),
            }
        }
    });

    let columns = vec![
        column("Name", move |r: &Role| {
            let href = format!("/orgs/{}/roles/{}", current.id.get_untracked(), r.id);
            {
                let text = r.name.clone();
                view! { <A href=href>{text}</A> }.into_any()
            }
        }),
        text_column("Members", |r: &Role| r.members.len().to_string()),
        text_column("Created by", |r: &Role| {
            r.created_by
                .as_ref()
                .map(user_name)
                .unwrap_or_else(|| "—".into())
        }),
        text_column("Created", |r: &Role| short_date(&r.created_at)),
        column("", move |r: &Role| {
            let role = r.clone();
            let aria = format!("Delete role {}", r.name);
            delete_confirm.row_button("Delete".to_string(), aria, role)
        }),
    ];

    view! {
        <div class="page-header">
            <h1>"Roles"</h1>
        </div>
        <form class="card form inline-form" on:submit=submit novalidate=true>
            <FormError errors=errors />
            <TextField id="name" label="New role" value=name error=errors.field("name") maxlength=200 />
            <SubmitButton label="Create role" pending=create.pending() />
        </form>
        <PagedTable
            caption="Roles"
            columns=columns
            key=|r: &Role| format!("{}-{}-{}", r.id, r.name, r.members.len())
            empty="No roles yet. Create one above."
            resource=page
            state=state
            set_state=set_state
        />
        <ConfirmDialog
            open=delete_confirm.open
            title="Delete role"
            confirm_label="Delete role"
            danger=true
            pending=delete.pending()
            error=delete_confirm.error
            on_confirm=Callback::new(move |_| {
                if let Some(role) = delete_confirm.current() {
                    delete.dispatch(role);
                }
            })
        >
            <p>
                "Delete the role " <strong>{move || delete_confirm.target.get().map(|r| r.name).unwrap_or_default()}</strong>
                "? Its members lose the access it gave them."
            </p>
        </ConfirmDialog>
    }
}

#[component]
pub fn RolePage() -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let role_id = crate::hooks::use_detail_id();
    let role = LocalResource::new(move || {
        let org = current.id.get();
        let id = role_id.get();
        async move { http.send(roles::retrieve(&org, &id)).await }
    });
    view! { {load(role, move |r| view! { <RoleDetail role=r /> })} }
}

#[component]
fn RoleDetail(role: Role) -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let navigate = use_navigate();
    let saved = RwSignal::new(role.clone());
    let (state, set_state) = use_list_state();
    let role_id = role.id.clone();

    let memberships = {
        let role_id = role_id.clone();
        LocalResource::new(move || {
            let s = state.get();
            let org = current.id.get();
            let role_id = role_id.clone();
            async move {
                http.send(role_memberships::list(
                    &org,
                    &role_id,
                    Some(s.limit()),
                    Some(s.offset()),
                ))
                .await
            }
        })
    };

    // Rename.
    let name = RwSignal::new(role.name.clone());
    let errors = FormErrors::new();
    let dirty = Signal::derive(move || name.get().trim() != saved.with(|r| r.name.clone()));
    use_unsaved_guard(dirty);
    let rename = Action::new_local(move |new_name: &String| {
        let patch = RolePatch {
            name: Some(new_name.clone()),
            ..Default::default()
        };
        let org = current.id.get_untracked();
        let id = saved.get_untracked().id;
        async move {
            match http.send(roles::update(&org, &id, &patch)).await {
                Ok(role) => {
                    toasts.success(format!("Role renamed to \u{201c}{}\u{201d}", role.name));
                    saved.set(role);
                }
                Err(error) => errors.apply(&error, &ROLE_FIELDS),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        if check_role_name(&name.get_untracked(), errors) {
            rename.dispatch(name.get_untracked().trim().to_string());
        }
    };

    // Add a member: search the organization's members.
    let search = RwSignal::new(String::new());
    let picked = RwSignal::new(None::<OrganizationMember>);
    let add_error = RwSignal::new(None::<String>);
    let candidates = LocalResource::new(move || {
        let text = search.get().trim().to_string();
        let org = current.id.get();
        async move {
            if text.is_empty() {
                return Ok(Vec::new());
            }
            let query = MemberListQuery {
                limit: Some(8),
                search: Some(text),
                ..Default::default()
            };
            http.send(members::list(&org, &query))
                .await
                .map(|p| p.results)
        }
    });
    let add = {
        let role_id = role_id.clone();
        Action::new_local(move |member: &OrganizationMember| {
            let member = member.clone();
            let org = current.id.get_untracked();
            let role_id = role_id.clone();
            async move {
                let body = RoleMembershipCreate {
                    user_uuid: member.user.uuid.clone(),
                };
                match http
                    .send(role_memberships::create(&org, &role_id, &body))
                    .await
                {
                    Ok(_) => {
                        toasts.success(format!("{} added to the role", user_name(&member.user)));
                        picked.set(None);
                        search.set(String::new());
                        memberships.refetch();
                    }
                    Err(error) => add_error.set(Some(describe_error(&error))),
                }
            }
        })
    };

    // Remove a member.
    let remove_confirm = ConfirmState::<RoleMembership>::new();
    let remove = {
        let role_id = role_id.clone();
        Action::new_local(move |m: &RoleMembership| {
            let m = m.clone();
            let org = current.id.get_untracked();
            let role_id = role_id.clone();
            async move {
                match http
                    .send(role_memberships::delete(&org, &role_id, &m.id))
                    .await
                {
                    Ok(_) => {
                        remove_confirm.close();
                        toasts.success(format!(
                            "{} removed from the role",
                            m.user.as_ref().map(user_name).unwrap_or_default()
                        ));
                        memberships.refetch();
                    }
                    Err(error) => remove_confirm.fail(&error),
                }
            }
        })
    };

    // Delete the role.
    let delete_confirm = ConfirmState::<Role>::new();
    let delete = Action::new_local(move |_: &()| {
        let org = current.id.get_untracked();
        let role = saved.get_untracked();
        let navigate = navigate.clone();
        async move {
            match http.send(roles::delete(&org, &role.id)).await {
                Ok(_) => {
                    delete_confirm.close();
                    toasts.success(format!("Role \u{201c}{}\u{201d} deleted", role.name));
                    navigate(&format!("/orgs/{org}/roles"), Default::default());
                }
                Err(error) => delete_confirm.fail(&error),
            }
        }
    });

    let columns = vec![
        text_column("Name", |m: &RoleMembership| {
            m.user.as_ref().map(user_name).unwrap_or_default()
        }),
        text_column("Email", |m: &RoleMembership| {
            m.user.as_ref().map(|u| u.email.clone()).unwrap_or_default()
        }),
        text_column("Added", |m: &RoleMembership| short_date(&m.joined_at)),
        column("", move |m: &RoleMembership| {
            let membership = m.clone();
            let aria = format!(
                "Remove {} from the role",
                m.user.as_ref().map(user_name).unwrap_or_default()
            );
            remove_confirm.row_button("Remove".to_string(), aria, membership)
        }),
    ];

    view! {
        <div class="page-header">
            <h1>{move || format!("Role: {}", saved.with(|r| r.name.clone()))}</h1>
            <button
                type="button"
                class="btn btn-danger-outline"
                on:click=move |_| {
                    delete_confirm.ask(saved.get_untracked());
                }
            >
                "Delete role\u{2026}"
            </button>
        </div>
        <form class="card form inline-form" on:submit=submit novalidate=true>
            <FormError errors=errors />
            <TextField id="name" label="Name" value=name error=errors.field("name") maxlength=200 />
            <SubmitButton label="Rename" pending=rename.pending() disabled=Signal::derive(move || !dirty.get()) />
        </form>
        <section class="card">
            <h2>"Add a member"</h2>
            <div class="field">
                <label for="member-search">"Find a member of the organization"</label>
                <input
                    id="member-search"
                    type="search"
                    autocomplete="off"
                    placeholder="Name or email"
                    prop:value=move || search.get()
                    on:input=move |ev| {
                        add_error.set(None);
                        picked.set(None);
                        search.set(event_target_value(&ev));
                    }
                />
            </div>
            {move || {
                add_error
                    .get()
                    .map(|e| {
                        view! {
                            <div class="form-error" role="alert">
                                {e}
                            </div>
                        }
                    })
            }}
            <ul class="pick-list" aria-label="Matching members">
                {move || {
                    candidates
                        .get()
                        .map(|result| match result {
                            Ok(found) => {
                                if found.is_empty() && !search.get().trim().is_empty() {
                                    return view! { <li class="muted">"No member matches."</li> }.into_any();
                                }
                                found
                                    .into_iter()
                                    .map(|member| {
                                        let label = format!("{} \u{2014} {}", user_name(&member.user), member.user.email);
                                        let aria = format!("Add {} to the role", user_name(&member.user));
                                        let chosen = member.clone();
                                        view! {
                                            <li>
                                                <span>{label}</span>
                                                <button
                                                    type="button"
                                                    class="btn btn-small"
                                                    aria-label=aria
                                                    disabled=move || add.pending().get()
                                                    on:click=move |_| {
                                                        picked.set(Some(chosen.clone()));
                                                        add.dispatch(chosen.clone());
                                                    }
                                                >
                                                    "Add"
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                                    .into_any()
                            }
                            Err(error) => view! { <li class="row-error">{describe_error(&error)}</li> }.into_any(),
                        })
                }}
            </ul>
        </section>
        <h2>"Members of this role"</h2>
        <PagedTable
            caption="Members of this role"
            columns=columns
            key=|m: &RoleMembership| m.id.clone()
            empty="Nobody has this role yet."
            resource=memberships
            state=state
            set_state=set_state
        />
        <ConfirmDialog
            open=remove_confirm.open
            title="Remove from role"
            confirm_label="Remove"
            danger=true
            pending=remove.pending()
            error=remove_confirm.error
            on_confirm=Callback::new(move |_| {
                if let Some(m) = remove_confirm.current() {
                    remove.dispatch(m);
                }
            })
        >
            <p>
                "Remove " <strong>{move || remove_confirm.target.get().map(|m| m.user.as_ref().map(user_name).unwrap_or_default()).unwrap_or_default()}</strong>
                " from this role? They stay a member of the organization."
            </p>
        </ConfirmDialog>
        <ConfirmDialog
            open=delete_confirm.open
            title="Delete role"
            confirm_label="Delete role"
            danger=true
            pending=delete.pending()
            error=delete_confirm.error
            on_confirm=Callback::new(move |_| {
                delete.dispatch(());
            })
        >
            <p>
                "Delete the role " <strong>{move || saved.with(|r| r.name.clone())}</strong>
                "? Its members lose the access it gave them."
            </p>
        </ConfirmDialog>
    }
}
