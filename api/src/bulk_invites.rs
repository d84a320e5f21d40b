//! Bulk invites pasted as lines ("email" or "email,first name,level"), parsed and checked row by
//! row as PostHog would, so a form can show every row's problem before anything is sent.

use crate::models::{InviteCreate, MembershipLevel, MAX_BULK_INVITES};
use crate::rules::invitable_levels;
use crate::validate::{looks_like_email, INVITE_FIRST_NAME_MAX_LEN};

/// One pasted line, parsed and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct BulkInviteRow {
    /// 1-based line number in the pasted text.
    pub line: usize,
    /// Lower-cased.
    pub email: String,
    pub first_name: String,
    pub level: MembershipLevel,
    /// Why this row will not be sent; `None` for a row that is ready.
    pub problem: Option<String>,
}

impl BulkInviteRow {
    /// The invite this row sends, with the message and email choice of the whole batch.
    pub fn invite(&self, message: Option<&str>, send_email: bool) -> InviteCreate {
        InviteCreate {
            target_email: self.email.clone(),
            first_name: self.first_name.clone(),
            level: self.level.clone(),
            message: message.map(str::to_string),
            private_project_access: Vec::new(),
            send_email,
        }
    }
}

/// Reads "member", "admin", "owner" (any case) or their numbers 1, 8, 15; empty is member.
fn parse_level(text: &str) -> Option<MembershipLevel> {
    match text {
        "" | "member" | "1" => Some(MembershipLevel::Member),
        "admin" | "8" => Some(MembershipLevel::Admin),
        "owner" | "15" => Some(MembershipLevel::Owner),
        _ => None,
    }
}

/// Parses "email" or "email,first name,level" lines (tabs or semicolons work too; blank lines
/// are skipped) and checks each row: email shape, duplicates in the list, already a member
/// (`member_emails`), a known level no higher than `my_level`, the first name's length, the
/// number of columns, and at most [`MAX_BULK_INVITES`] ready rows.
pub fn parse_bulk_invites(
    text: &str,
    member_emails: &[String],
    my_level: Option<&MembershipLevel>,
) -> Vec<BulkInviteRow> {
    let allowed = invitable_levels(my_level);
    let mut rows: Vec<BulkInviteRow> = Vec::new();
    let mut ready = 0;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split([',', '\t', ';']).map(str::trim).collect();
        let email = parts[0].to_ascii_lowercase();
        let first_name = parts.get(1).map(|s| s.to_string()).unwrap_or_default();
        let level_text = parts
            .get(2)
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default();
        let level = parse_level(&level_text);
        let problem = if !looks_like_email(&email) {
            Some("Not a valid email address".to_string())
        } else if rows.iter().any(|r| r.email == email) {
            Some("Duplicate of an earlier row".to_string())
        } else if member_emails.iter().any(|m| m.eq_ignore_ascii_case(&email)) {
            Some("Already a member".to_string())
        } else if level.is_none() {
            Some(format!(
                "Unknown level \u{201c}{level_text}\u{201d}: use member, admin or owner"
            ))
        } else if level.as_ref().is_some_and(|l| !allowed.contains(l)) {
            Some("You cannot invite above your own level".to_string())
        } else if first_name.chars().count() > INVITE_FIRST_NAME_MAX_LEN {
            Some(format!(
                "First name is over {INVITE_FIRST_NAME_MAX_LEN} characters"
            ))
        } else if parts.len() > 3 {
            Some("Too many columns: use email,first name,level".to_string())
        } else if ready >= MAX_BULK_INVITES {
            Some(format!(
                "Over the limit of {MAX_BULK_INVITES} invites at a time"
            ))
        } else {
            None
        };
        if problem.is_none() {
            ready += 1;
        }
        rows.push(BulkInviteRow {
            line: index + 1,
            email,
            first_name,
            level: level.unwrap_or(MembershipLevel::Member),
            problem,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(row: &BulkInviteRow) -> &str {
        row.problem.as_deref().unwrap_or("")
    }

    #[test]
    fn parses_and_checks_rows() {
        let rows = parse_bulk_invites(
            "a@x.io\nb@x.io,Bea,admin\nnot-an-email\na@x.io\nmember@x.io\nc@x.io,,owner",
            &["Member@x.io".to_string()],
            Some(&MembershipLevel::Admin),
        );
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0].problem, None);
        assert_eq!(rows[1].level, MembershipLevel::Admin);
        assert_eq!(rows[1].first_name, "Bea");
        assert!(problem(&rows[2]).contains("valid email"));
        assert!(problem(&rows[3]).contains("Duplicate"));
        assert!(problem(&rows[4]).contains("Already"));
        assert!(problem(&rows[5]).contains("above"));
    }

    #[test]
    fn separators_levels_blank_lines_and_line_numbers() {
        let rows = parse_bulk_invites(
            "\n  A@X.io\tAnn\tOWNER  \n\nb@x.io;Bo;8\nc@x.io,Cy,boss\nd@x.io,Di,1,extra",
            &[],
            Some(&MembershipLevel::Owner),
        );
        assert_eq!(
            rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 4, 5, 6]
        );
        assert_eq!(rows[0].email, "a@x.io");
        assert_eq!(rows[0].level, MembershipLevel::Owner);
        assert_eq!(rows[0].problem, None);
        assert_eq!(rows[1].level, MembershipLevel::Admin);
        assert!(problem(&rows[2]).contains("Unknown level \u{201c}boss\u{201d}"));
        assert!(problem(&rows[3]).contains("Too many columns"));
    }

    #[test]
    fn unknown_level_of_mine_invites_as_member_only() {
        let rows = parse_bulk_invites("a@x.io,,admin\nb@x.io", &[], None);
        assert!(problem(&rows[0]).contains("above your own level"));
        assert_eq!(rows[1].problem, None);
    }

    #[test]
    fn first_name_limit_and_the_batch_limit() {
        let long = "x".repeat(INVITE_FIRST_NAME_MAX_LEN + 1);
        let text: String = (0..MAX_BULK_INVITES + 2)
            .map(|i| format!("p{i}@x.io\n"))
            .collect::<String>()
            + &format!("q@x.io,{long}");
        let rows = parse_bulk_invites(&text, &[], Some(&MembershipLevel::Member));
        let ready = rows.iter().filter(|r| r.problem.is_none()).count();
        assert_eq!(ready, MAX_BULK_INVITES);
        assert!(problem(&rows[MAX_BULK_INVITES]).contains("Over the limit of 20"));
        assert!(problem(rows.last().unwrap()).contains("over 30 characters"));
    }

    #[test]
    fn a_row_becomes_an_invite() {
        let rows = parse_bulk_invites("a@x.io,Ann,admin", &[], Some(&MembershipLevel::Owner));
        let invite = rows[0].invite(Some("Welcome"), false);
        assert_eq!(invite.target_email, "a@x.io");
        assert_eq!(invite.first_name, "Ann");
        assert_eq!(invite.level, MembershipLevel::Admin);
        assert_eq!(invite.message.as_deref(), Some("Welcome"));
        assert!(!invite.send_email);
        assert!(invite.validate().is_ok());
    }
}
