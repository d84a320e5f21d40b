//! PostHog's rules for changing members' levels and removing members, so a UI offers only what
//! the server will accept (the server still has the last word).

use crate::models::MembershipLevel;

/// The levels `mine` may give a member now at `target` (`is_me`: that member is you), the
/// current level included. One entry means "cannot change". Refused by PostHog: your own level,
/// anyone's level unless you are admin or owner, members above you, levels above yours.
pub fn assignable_levels(
    mine: &MembershipLevel,
    target: &MembershipLevel,
    is_me: bool,
) -> Vec<MembershipLevel> {
    if is_me || !mine.is_admin() || target > mine {
        return vec![target.clone()];
    }
    let mut levels: Vec<MembershipLevel> = MembershipLevel::ALL
        .iter()
        .filter(|l| *l <= mine)
        .cloned()
        .collect();
    if !levels.contains(target) {
        // in order (a sort would bring a sort routine into the page's code)
        let at = levels
            .iter()
            .position(|l| l > target)
            .unwrap_or(levels.len());
        levels.insert(at, target.clone());
    }
    levels
}

/// Whether `mine` may remove a member at `target`: you may always leave; others need you to be
/// admin or owner and at least their level.
pub fn can_remove(mine: &MembershipLevel, target: &MembershipLevel, is_me: bool) -> bool {
    is_me || (mine.is_admin() && target <= mine)
}

/// Whether `mine` may invite at `level` (not above your own level).
pub fn can_invite_at(mine: &MembershipLevel, level: &MembershipLevel) -> bool {
    level <= mine
}

/// The levels you may invite at: the known levels up to your own (member while your level is
/// not known yet).
pub fn invitable_levels(mine: Option<&MembershipLevel>) -> Vec<MembershipLevel> {
    let mine = mine.unwrap_or(&MembershipLevel::Member);
    MembershipLevel::ALL
        .iter()
        .filter(|level| can_invite_at(mine, level))
        .cloned()
        .collect()
}
