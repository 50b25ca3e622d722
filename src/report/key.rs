//! The key under which a report is recorded in the release ledger: its organisations, its
//! period and its profile. Two reports with the same key are the same report (a re-issue
//! must show exactly what was published); the same period under another profile, or a
//! pooled report over organisations that also report on their own, are different reports.
//!
//! Stored as text: `2025@7/standaard`, `2025-H1@3+5+9/strikt`. A joint report of several
//! advisors for one client (`crate::joint`) names the client and every contributor's share
//! (each an organisation row of its own) and ends in `/gezamenlijk`:
//! `2026@7+31+32/standaard/gezamenlijk`.

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
    /// A joint report: the first organisation is the client, the others are the shares of
    /// the other advisors who contributed (never a pooled report).
    pub joint: bool,
}

/// The suffix of a joint report's key.
const JOINT_SUFFIX: &str = "/gezamenlijk";

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
            joint: false,
        }
    }

    /// The key of a joint report over the client `client` and the contributors' shares.
    pub fn joint(client: i64, shares: &[i64], period: ReportPeriod, profile: Profile) -> ReportKey {
        let mut key = ReportKey::new(&[client], period, profile);
        key.organisations.extend(shares.iter().copied());
        key.organisations.sort_unstable();
        key.organisations.dedup();
        key.joint = true;
        key
    }

    /// Whether it is a pooled report (a joint report never is).
    pub fn pooled(&self) -> bool {
        self.organisations.len() > 1 && !self.joint
    }

    /// Reads a stored key.
    pub fn parse(text: &str) -> Result<ReportKey, KeyError> {
        let (text, joint) = match text.strip_suffix(JOINT_SUFFIX) {
            Some(rest) => (rest, true),
            None => (text, false),
        };
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
            joint,
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
        )?;
        if self.joint {
            f.write_str(JOINT_SUFFIX)?;
        }
        Ok(())
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
        let joint = ReportKey::joint(7, &[32, 31], ReportPeriod::Year(2026), Profile::Standaard);
        assert_eq!(
            joint.to_string(),
            "2026@7+31+32/standaard/gezamenlijk",
            "a joint report's key names the client and the shares, and says so"
        );
        assert!(!joint.pooled(), "a joint report is no pooled report");
        assert_eq!(
            ReportKey::parse(&joint.to_string()),
            Ok(joint),
            "reads back"
        );
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
