//! PostHog's rules for changing members' levels, removing members and inviting, with its
//! messages (`OrganizationMembership.validate_update`); a refusal is a 403.

/// Membership levels.
pub const MEMBER: u8 = 1;
pub const ADMIN: u8 = 8;
pub const OWNER: u8 = 15;

/// Whether you (at `mine`) may set a member at `target` to `new_level` (`is_me`: that is you).
pub fn check_level_change(
    mine: u8,
    target: u8,
    new_level: u8,
    is_me: bool,
) -> Result<(), &'static str> {
    if is_me {
        return Err("You can't change your own access level.");
    }
    if new_level == OWNER && mine != OWNER {
        return Err("You can only make another member owner if you're this organization's owner.");
    }
    if new_level > mine {
        return Err(
            "You can only change access level of others to lower or equal to your current one.",
        );
    }
    check_edit_other(mine, target)
}

/// Whether you may remove a member: you may always leave.
pub fn check_removal(mine: u8, target: u8, is_me: bool) -> Result<(), &'static str> {
    if is_me {
        return Ok(());
    }
    check_edit_other(mine, target)
}

fn check_edit_other(mine: u8, target: u8) -> Result<(), &'static str> {
    if mine < ADMIN {
        return Err("You can only edit others if you are an admin.");
    }
    if target > mine {
        return Err("You can only edit others with level lower or equal to you.");
    }
    Ok(())
}

/// Whether you may invite at `level`.
pub fn check_invite(mine: u8, level: u8) -> Result<(), &'static str> {
    if level > mine {
        return Err("You cannot invite a user with a higher permission level than your own.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_level_never_changes() {
        for mine in [MEMBER, ADMIN, OWNER] {
            assert_eq!(
                check_level_change(mine, mine, MEMBER, true),
                Err("You can't change your own access level.")
            );
        }
    }

    #[test]
    fn owners_make_owners() {
        assert!(check_level_change(OWNER, MEMBER, OWNER, false).is_ok());
        assert!(check_level_change(OWNER, ADMIN, MEMBER, false).is_ok());
        assert!(check_level_change(OWNER, OWNER, ADMIN, false).is_ok());
        assert!(check_level_change(ADMIN, MEMBER, OWNER, false)
            .unwrap_err()
            .contains("owner"));
    }

    #[test]
    fn admins_edit_up_to_their_level() {
        assert!(check_level_change(ADMIN, MEMBER, ADMIN, false).is_ok());
        assert!(check_level_change(ADMIN, ADMIN, MEMBER, false).is_ok());
        assert_eq!(
            check_level_change(ADMIN, OWNER, ADMIN, false),
            Err("You can only edit others with level lower or equal to you.")
        );
    }

    #[test]
    fn members_edit_nobody() {
        assert_eq!(
            check_level_change(MEMBER, MEMBER, MEMBER, false),
            Err("You can only edit others if you are an admin.")
        );
        assert_eq!(
            check_level_change(MEMBER, MEMBER, ADMIN, false),
            Err(
                "You can only change access level of others to lower or equal to your current one."
            )
        );
    }

    #[test]
    fn removal() {
        assert!(check_removal(MEMBER, MEMBER, true).is_ok());
        assert!(check_removal(OWNER, OWNER, true).is_ok());
        assert!(check_removal(MEMBER, MEMBER, false).is_err());
        assert!(check_removal(ADMIN, MEMBER, false).is_ok());
        assert!(check_removal(ADMIN, OWNER, false).is_err());
        assert!(check_removal(OWNER, OWNER, false).is_ok());
    }

    #[test]
    fn invites() {
        assert!(check_invite(ADMIN, ADMIN).is_ok());
        assert!(check_invite(ADMIN, OWNER).is_err());
        assert!(check_invite(MEMBER, MEMBER).is_ok());
        assert!(check_invite(MEMBER, ADMIN).is_err());
    }
}
