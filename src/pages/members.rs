//! Members of an organization: a paginated table (filter by name or email, order by joined), level
//! changes offering only what PostHog's rules allow (confirm for owner), and removal.

use api::endpoints::members;
use api::models::{MemberListQuery, MemberOrder, MemberPatch, MembershipLevel, OrganizationMember};
use api::rules;
use leptos::prelude::*;

use crate::components::dialog::{ConfirmDialog, ConfirmState};
use crate::components::feedback::describe_error;
use crate::components::list_state::use_list_state;
use crate::components::table::{column, text_column, FilterBox, PagedTable};
use crate::components::toast::use_toasts;
use crate::components::util::{level_label, optional_datetime, short_date};
use crate::hooks::{use_current_org, use_me};
use crate::http::use_http;

fn display_name(m: &OrganizationMember) -> String {
    let name = format!(
        "{} {}",
        m.user.first_name,
        m.user.last_name.clone().unwrap_or_default()
    );
    let name = name.trim();
    if name.is_empty() {
        m.user.email.clone()
    } else {
        name.to_string()
    }
}

#[component]
pub fn MembersPage() -> impl IntoView {
    let http = use_http();
    let toasts = use_toasts();
    let current = use_current_org();
    let me = use_me();
    let (state, set_state) = use_list_state();

    let page = LocalResource::new(move || {
        let s = state.get();
        let org = current.id.get();
        let filter = s.filter.trim().to_string();
        let looks_like_email = filter.contains('@') && !filter.contains(' ');
        let query = MemberListQuery {
            limit: Some(s.limit()),
            offset: Some(s.offset()),
            email: looks_like_email.then(|| filter.clone()),
            search: (!looks_like_email && !filter.is_empty()).then(|| filter.clone()),
            order: match s.order.as_str() {
                "joined_at" => Some(MemberOrder::JoinedAt),
                "-joined_at" => Some(MemberOrder::JoinedAtDesc),
                _ => None,
            },
        };
        async move { http.send(members::list(&org, &query)).await }
    });

    // Your level in this organization, and your user id (to mark yourself and apply the rules).
    let my_level = Memo::new(move |_| {
        current
            .org
            .get()
            .and_then(Result::ok)
            .and_then(|o| o.membership_level)
    });
    let my_uuid = Memo::new(move |_| me.get().and_then(Result::ok).map(|u| u.uuid));

    // Level change: owner needs a confirm; others apply at once.
    let level_confirm = ConfirmState::<(OrganizationMember, MembershipLevel)>::new();
    let change_level = Action::new_local(
        move |(member, level): &(OrganizationMember, MembershipLevel)| {
            let member = member.clone();
            let level = level.clone();
            let org = current.id.get_untracked();
            async move {
                let patch = MemberPatch {
                    level: level.clone(),
                };
                match http
                    .send(members::update(&org, &member.user.uuid, &patch))
                    .await
                {
                    Ok(_) => {
                        level_confirm.close();
                        toasts.success(format!(
                            "{} is now {}",
                            display_name(&member),
                            level_label(&level).to_lowercase()
                        ));
                    }
                    Err(error) => {
                        if level_confirm.open.get_untracked() {
                            level_confirm.fail(&error);
                        } else {
                            toasts.error(format!(
                                "Could not change {}'s level: {}",
                                display_name(&member),
                                describe_error(&error)
                            ));
                        }
                    }
                }
                page.refetch();
            }
        },
    );
    let request_level = move |member: OrganizationMember, level: MembershipLevel| {
        if level == MembershipLevel::Owner {
            level_confirm.ask((member, level));
        } else {
            change_level.dispatch((member, level));
        }
    };

    // Removal, always behind a confirm.
    let remove_confirm = ConfirmState::<OrganizationMember>::new();
    let remove = Action::new_local(move |member: &OrganizationMember| {
        let member = member.clone();
        let org = current.id.get_untracked();
        async move {
            match http.send(members::delete(&org, &member.user.uuid)).await {
                Ok(_) => {
                    remove_confirm.close();
                    toasts.success(format!("{} was removed", display_name(&member)));
                    page.refetch();
                }
                Err(error) => remove_confirm.fail(&error),
            }
        }
    });

    let columns = vec![
        column("Name", move |m: &OrganizationMember| {
            // Reactive: "you" and the allowed actions appear once your user and level are known.
            let m = m.clone();
            (move || {
                let m = &m;
                let is_me = my_uuid.get().as_deref() == Some(m.user.uuid.as_str());
                view! {
                    <span class="member-name">
                        {display_name(m)}
                        {is_me.then_some(view! { <span class="badge">"you"</span> })}
                    </span>
                }
                .into_any()
            })
            .into_any()
        }),
        text_column("Email", |m: &OrganizationMember| m.user.email.clone()),
        column("Level", move |m: &OrganizationMember| {
            // Reactive: "you" and the allowed actions appear once your user and level are known.
            let m = m.clone();
            (move || {
                let m = &m;
                let is_me = my_uuid.get().as_deref() == Some(m.user.uuid.as_str());
                let options = my_level
                    .get()
                    .map(|mine| rules::assignable_levels(&mine, &m.level, is_me))
                    .unwrap_or_default();
                if options.len() <= 1 {
                    return view! { <span>{level_label(&m.level)}</span> }.into_any();
                }
                let member = m.clone();
                let current_level = m.level.clone();
                let label = format!("Level of {}", display_name(m));
                view! {
                    <select
                        aria-label=label
                        class="level-select"
                        on:change=move |ev| {
                            let value: u8 = event_target_value(&ev).parse().unwrap_or(0);
                            let level = MembershipLevel::from_u8(value);
                            // The select shows the saved level until the server confirms the change
                            // (the refreshed row then shows the new one).
                            let select: web_sys::HtmlSelectElement = event_target(&ev);
                            select.set_value(&current_level.as_u8().to_string());
                            if level != current_level {
                                request_level(member.clone(), level);
                            }
                        }
                    >
                        {options
                            .into_iter()
                            .map(|l| {
                                let selected = l == m.level;
                                view! {
                                    <option value=l.as_u8().to_string() selected=selected>
                                        {level_label(&l)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                }
                .into_any()
            })
            .into_any()
        }),
        text_column("2FA", |m: &OrganizationMember| {
            if m.is_2fa_enabled {
                "Yes".into()
            } else {
                "No".into()
            }
        }),
        text_column("Social login", |m: &OrganizationMember| {
            if m.has_social_auth {
                "Yes".into()
            } else {
                "No".into()
            }
        }),
        text_column("Joined", |m: &OrganizationMember| short_date(&m.joined_at)),
        text_column("Last login", |m: &OrganizationMember| {
            optional_datetime(&m.last_login)
        }),
        column("", move |m: &OrganizationMember| {
            // Reactive: "you" and the allowed actions appear once your user and level are known.
            let m = m.clone();
            (move || {
                let m = &m;
                let is_me = my_uuid.get().as_deref() == Some(m.user.uuid.as_str());
                let allowed = my_level
                    .get()
                    .map(|mine| rules::can_remove(&mine, &m.level, is_me))
                    .unwrap_or(false);
                if !allowed {
                    return ().into_any();
                }
                let member = m.clone();
                let label = if is_me {
                    "Leave".to_string()
                } else {
                    "Remove".to_string()
                };
                let aria = format!("{label} {}", display_name(m));
                remove_confirm.row_button(label, aria, member)
            })
            .into_any()
        }),
    ];

    view! {
        <div class="page-header">
            <h1>"Members"</h1>
        </div>
        <div class="toolbar">
            <FilterBox label="Filter members by name or email" placeholder="Name or email" state=state set_state=set_state />
            <label class="inline-select">
                "Order "
                <select
                    prop:value=move || state.with(|s| s.order.clone())
                    on:change=move |ev| set_state.run(state.get_untracked().with_order(event_target_value(&ev)))
                >
                    <option value="">"Default"</option>
                    <option value="-joined_at">"Joined: newest first"</option>
                    <option value="joined_at">"Joined: oldest first"</option>
                </select>
            </label>
        </div>
        <PagedTable
            caption="Members"
            columns=columns
            key=|m: &OrganizationMember| format!("{}-{}", m.id, m.level.as_u8())
            empty="No members match this filter."
            resource=page
            state=state
            set_state=set_state
        />
        <ConfirmDialog
            open=level_confirm.open
            title="Make owner"
            confirm_label="Make owner"
            pending=change_level.pending()
            error=level_confirm.error
            on_confirm=Callback::new(move |_| {
                if let Some(target) = level_confirm.current() {
                    change_level.dispatch(target);
                }
            })
        >
            <p>
                "Make " <strong>{move || level_confirm.target.get().map(|(m, _)| display_name(&m)).unwrap_or_default()}</strong>
                " an owner? Owners can delete the organization and change anyone's level, including yours."
            </p>
        </ConfirmDialog>
        <ConfirmDialog
            open=remove_confirm.open
            title="Remove member"
            confirm_label="Remove"
            danger=true
            pending=remove.pending()
            error=remove_confirm.error
            on_confirm=Callback::new(move |_| {
                if let Some(member) = remove_confirm.current() {
                    remove.dispatch(member);
                }
            })
        >
            <p>
                "Remove " <strong>{move || remove_confirm.target.get().map(|m| display_name(&m)).unwrap_or_default()}</strong>
                " from the organization? They lose access to all its projects at once."
            </p>
        </ConfirmDialog>
    }
}
