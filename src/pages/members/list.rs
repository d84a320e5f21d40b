//! Members of an organization: a paginated table (filter by name or email, order by joined), level
//! changes offering only what PostHog's rules allow (confirm for owner), and removal.

use api::endpoints::members;
use api::models::{MemberListQuery, MemberOrder, MemberPatch, MembershipLevel, OrganizationMember};
use api::rules;
use leptos::prelude::*;

use crate::components::dialog::{Confirm, ConfirmState};
use crate::components::list_state::{use_paged_list, PagedList};
use crate::components::table::{column, text_column, FilterBox, PagedTable};
use crate::components::util::{optional_datetime, short_date};
use crate::hooks::{use_current_org, use_me};
use crate::http::{use_http, Done};

fn yes_no(value: bool) -> String {
    if value { "Yes" } else { "No" }.to_string()
}

#[component]
pub fn MembersPage() -> impl IntoView {
    let http = use_http();
    let current = use_current_org();
    let me = use_me();
    let list = use_paged_list(move |s| {
        let filter = s.filter.trim().to_string();
        let looks_like_email = filter.contains('@') && !filter.contains(' ');
        let query = MemberListQuery {
            limit: Some(s.limit()),
            offset: Some(s.offset()),
            email: looks_like_email.then(|| filter.clone()),
            search: (!looks_like_email && !filter.is_empty()).then(|| filter.clone()),
            order: MemberOrder::parse(&s.order),
        };
        members::list(&current.id.get(), &query)
    });
    let PagedList {
        state, set_state, ..
    } = list;

    // Your level in this organization, and your user id (to mark yourself and apply the rules).
    let my_level = crate::reactive::memo(move || {
        current
            .org
            .get()
            .and_then(Result::ok)
            .and_then(|o| o.membership_level)
    });
    let my_uuid = crate::reactive::memo(move || me.get().and_then(Result::ok).map(|u| u.uuid));
    let is_me =
        move |m: &OrganizationMember| my_uuid.get().as_deref() == Some(m.user.uuid.as_str());

    // Level change: owner needs a confirm; others apply at once.
    let level_confirm = ConfirmState::new(
        Confirm::plain("Make owner", "Make owner", ("Make ", " an owner? Owners can delete the organization and change anyone's level, including yours.")),
        |(m, _): &(OrganizationMember, MembershipLevel)| m.user.display_name(),
    );
    let change_level = http.mutation(
        move |(member, level): &(OrganizationMember, MembershipLevel)| {
            let patch = MemberPatch {
                level: level.clone(),
            };
            members::update(&current.id.get_untracked(), &member.user.uuid, &patch)
        },
        move |(member, level), _| {
            list.refetch();
            Done::toast(format!(
                "{} is now {}",
                member.user.display_name(),
                level.label().to_ascii_lowercase()
            ))
        },
        level_confirm.failure(),
    );
    let request_level = move |member: OrganizationMember, level: MembershipLevel| {
        if level == MembershipLevel::Owner {
            level_confirm.ask((member, level));
        } else {
            change_level.dispatch((member, level));
        }
    };

    // Removal, always behind a confirm.
    let remove_confirm = ConfirmState::new(
        Confirm::danger(
            "Remove member",
            "Remove",
            (
                "Remove ",
                " from the organization? They lose access to all its projects at once.",
            ),
        ),
        |m: &OrganizationMember| m.user.display_name(),
    );
    let remove = http.mutation(
        move |member: &OrganizationMember| {
            members::delete(&current.id.get_untracked(), &member.user.uuid)
        },
        move |member, _| {
            list.refetch();
            Done::toast(format!("{} was removed", member.user.display_name()))
        },
        remove_confirm.failure(),
    );

    // Reactive cells: "you" and the allowed actions appear once your user and level are known.
    let columns = vec![
        column("Name", move |m: &OrganizationMember| {
            let m = m.clone();
            (move || {
                let you = is_me(&m).then_some(view! { <span class="badge">"you"</span> });
                view! { <span class="member-name">{m.user.display_name()} {you}</span> }
            })
            .into_any()
        }),
        text_column("Email", |m: &OrganizationMember| m.user.email.clone()),
        column("Level", move |m: &OrganizationMember| {
            let m = m.clone();
            (move || {
                let options = my_level
                    .get()
                    .map(|mine| rules::assignable_levels(&mine, &m.level, is_me(&m)))
                    .unwrap_or_default();
                if options.len() <= 1 {
                    return view! { <span>{m.level.label()}</span> }.into_any();
                }
                level_select(m.clone(), options, move |member, level| {
                    request_level(member, level)
                })
            })
            .into_any()
        }),
        text_column("2FA", |m: &OrganizationMember| yes_no(m.is_2fa_enabled)),
        text_column("Social login", |m: &OrganizationMember| {
            yes_no(m.has_social_auth)
        }),
        text_column("Joined", |m: &OrganizationMember| short_date(&m.joined_at)),
        text_column("Last login", |m: &OrganizationMember| {
            optional_datetime(&m.last_login)
        }),
        column("", move |m: &OrganizationMember| {
            let m = m.clone();
            (move || {
                let mine = is_me(&m);
                let allowed = my_level
                    .get()
                    .is_some_and(|level| rules::can_remove(&level, &m.level, mine));
                if !allowed {
                    return ().into_any();
                }
                let label = if mine { "Leave" } else { "Remove" };
                let aria = format!("{label} {}", m.user.display_name());
                remove_confirm.row_button(label, aria, m.clone())
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
        <PagedTable caption="Members" list=list columns=columns
            key=|m: &OrganizationMember| format!("{}-{}", m.id, m.level.as_u8()) empty="No members match this filter." />
        {level_confirm.view(change_level)}
        {remove_confirm.view(remove)}
    }
}

/// A member's level as a select of the levels you may give; choosing asks `request(member, level)`.
fn level_select(
    member: OrganizationMember,
    options: Vec<MembershipLevel>,
    request: impl Fn(OrganizationMember, MembershipLevel) + 'static,
) -> AnyView {
    let label = format!("Level of {}", member.user.display_name());
    let saved = member.level.clone();
    let options = options
        .into_iter()
        .map(|l| {
            let selected = l == saved;
            view! {
                <option value=l.as_u8().to_string() selected=selected>
                    {l.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <select
            aria-label=label
            class="level-select"
            on:change=move |ev| {
                let level = MembershipLevel::from_u8(event_target_value(&ev).parse().unwrap_or(0));
                // The select shows the saved level until the server confirms the change
                // (the refreshed row then shows the new one).
                let select: web_sys::HtmlSelectElement = event_target(&ev);
                select.set_value(&saved.as_u8().to_string());
                if level != saved {
                    request(member.clone(), level);
                }
            }
        >
            {options}
        </select>
    }
    .into_any()
}
