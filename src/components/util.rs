//! Small formatting helpers shared by pages: dates, names, levels.

use api::models::{MembershipLevel, UserBasic};

/// "2025-01-31T12:34:56.789Z" -> "2025-01-31 12:34" (UTC); anything else is shown as it came.
pub fn short_datetime(iso: &str) -> String {
    if iso.len() >= 16 && iso.as_bytes().get(10) == Some(&b'T') {
        format!("{} {}", &iso[..10], &iso[11..16])
    } else {
        iso.to_string()
    }
}

/// "2025-01-31T12:34:56Z" -> "2025-01-31".
pub fn short_date(iso: &str) -> String {
    iso.get(..10).unwrap_or(iso).to_string()
}

pub fn optional_datetime(iso: &Option<String>) -> String {
    iso.as_deref()
        .map(short_datetime)
        .unwrap_or_else(|| "—".into())
}

pub fn level_label(level: &MembershipLevel) -> String {
    match level {
        MembershipLevel::Member => "Member".into(),
        MembershipLevel::Admin => "Admin".into(),
        MembershipLevel::Owner => "Owner".into(),
        MembershipLevel::Other(n) => format!("Level {n}"),
    }
}

/// "First Last", or the email when the user has no name.
pub fn user_name(user: &UserBasic) -> String {
    let name = format!(
        "{} {}",
        user.first_name,
        user.last_name.clone().unwrap_or_default()
    );
    let name = name.trim();
    if name.is_empty() {
        user.email.clone()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            short_datetime("2025-01-31T12:34:56.789Z"),
            "2025-01-31 12:34"
        );
        assert_eq!(short_date("2025-01-31T12:34:56Z"), "2025-01-31");
    }
}
