//! The key under which a report is recorded in the release ledger: its organisations, its
//! period and its profile. Two reports with the same key are the same report (a re-issue
//! must show exactly what was published); the same period under another profile, or a
//! pooled report over organisations that also report on their own, are different reports.
//!
//! Stored as text: `2025@7/standaard`, `2025-H1@3+5+9/strikt`.

use super::Profile;
use crate::model::ReportPeriod;
use std::collections::BTreeSet;

/// Which report a release belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportKey {
    /// The organisations (one, or the participants of a pooled report), ascending.
    pub organisations: Vec<i64>,
    /// The period.
    pub period: ReportPeriod,
    /// The profile.
    pub profile: Profile,
}

/// A stored key that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unreadable report key")]
pub struct KeyError;

impl ReportKey {
    /// The key of a report over these organisations (sorted and deduplicated here).
    pub fn new(organisations: &[i64], period: ReportPeriod, profile: Profile) -> ReportKey {
        let organisations: BTreeSet<i64> = organisations.iter().copied().collect();
        ReportKey {
            organisations: organisations.into_iter().collect(),
            period,
            profile,
        }
    }

    /// Whether it is a pooled report.
    pub fn pooled(&self) -> bool {
        self.organisations.len() > 1
    }

    /// Reads a stored key.
    pub fn parse(text: &str) -> Result<ReportKey, KeyError> {
        let (rest, profile) = text.rsplit_once('/').ok_or(KeyError)?;
        let (period, orgs) = rest.split_once('@').ok_or(KeyError)?;
        let organisations = orgs
            .split('+')
            .map(|o| o.parse::<i64>().map_err(|_| KeyError))
            .collect::<Result<Vec<_>, _>>()?;
        if organisations.is_empty() || !organisations.windows(2).all(|w| w[0] < w[1]) {
            return Err(KeyError);
        }
        Ok(ReportKey {
            organisations,
            period: ReportPeriod::parse(period).map_err(|_| KeyError)?,
            profile: Profile::parse(profile).ok_or(KeyError)?,
        })
    }
}

impl std::fmt::Display for ReportKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let orgs: Vec<String> = self.organisations.iter().map(i64::to_string).collect();
        write!(
            f,
            "{}@{}/{}",
            self.period.code(),
            orgs.join("+"),
            self.profile.code()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_organisations_period_and_profile() {
        let own = ReportKey::new(&[7], ReportPeriod::Year(2025), Profile::Standaard);
        let strict = ReportKey::new(&[7], ReportPeriod::Year(2025), Profile::Strikt);
        let pooled = ReportKey::new(&[9, 3, 5, 3], ReportPeriod::Year(2025), Profile::Standaard);
        assert_eq!(own.to_string(), "2025@7/standaard", "the stored form");
        assert_eq!(
            pooled.to_string(),
            "2025@3+5+9/standaard",
            "sorted, once each"
        );
        assert_ne!(own, strict, "another profile is another report");
        for key in [&own, &strict, &pooled] {
            assert_eq!(
                ReportKey::parse(&key.to_string()).as_ref(),
                Ok(key),
                "{key} reads back"
            );
        }
        assert!(
            ReportKey::parse("2025").is_err(),
            "a key without organisations"
        );
        assert!(
            ReportKey::parse("2025@5+3/standaard").is_err(),
            "organisations out of order"
        );
    }
}
