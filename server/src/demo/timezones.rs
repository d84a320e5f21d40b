//! The IANA time zone names PostHog accepts for a project (`TimezoneEnum` of its schema): the
//! names chrono-tz knows (tzdb 2025b), less those PostHog's list does not have yet.

/// Zones newer than PostHog's `TimezoneEnum`.
const NOT_IN_POSTHOG: &[&str] = &["America/Coyhaique"];

pub fn is_timezone(name: &str) -> bool {
    name.parse::<chrono_tz::Tz>().is_ok() && !NOT_IN_POSTHOG.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posthogs_596_names() {
        let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
        assert_eq!(names.filter(|n| is_timezone(n)).count(), 596);
        assert!(is_timezone("Europe/Paris") && is_timezone("US/Pacific") && is_timezone("UTC"));
        assert!(!is_timezone("America/Coyhaique") && !is_timezone("europe/paris"));
        assert!(!is_timezone("Mars/Olympus_Mons") && !is_timezone(""));
    }
}
