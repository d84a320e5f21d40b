//! Small formatting helpers shared by pages: dates (labels and names come from `api`).

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
