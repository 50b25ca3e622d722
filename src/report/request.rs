//! What the advisor asks for, and its validation: one place for the CLI and the app. A
//! request names one organisation, or at least the profile's minimum for a pooled report
//! (3, strikt 5), each once and each existing; a period; a profile; the report's language,
//! the advisor's text and the date printed on it.

use super::{Narrative, Profile, ReportError, ReportPeriod};
use crate::Lang;
use crate::model::Organisation;
use crate::store::Store;
use std::collections::BTreeSet;

/// What the advisor asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRequest {
    /// One organisation, or at least three (strikt five) for a pooled report.
    pub organisations: Vec<i64>,
    /// The period.
    pub period: ReportPeriod,
    /// The disclosure profile.
    pub profile: Profile,
    /// The report's language.
    pub lang: Lang,
    /// The advisor's text.
    pub narrative: Narrative,
    /// The title of a pooled report (ignored for one organisation).
    pub pooled_title: String,
    /// The date printed on the report.
    pub date: chrono::NaiveDate,
    /// A joint report: the one organisation's dossiers of this vault and of every
    /// contribution imported for it and the period (`crate::joint`).
    pub joint: bool,
}

impl ReportRequest {
    /// A request with an empty text and title.
    pub fn new(
        organisations: Vec<i64>,
        period: ReportPeriod,
        profile: Profile,
        lang: Lang,
        date: chrono::NaiveDate,
    ) -> ReportRequest {
        ReportRequest {
            organisations,
            period,
            profile,
            lang,
            narrative: Narrative::default(),
            pooled_title: String::new(),
            date,
            joint: false,
        }
    }

    /// Whether it asks for a pooled report.
    pub fn pooled(&self) -> bool {
        self.organisations.len() > 1
    }

    /// Checks the organisations (at least one, each once, the pooled minimum, each in the
    /// vault) and returns them in the order asked.
    pub fn validate(&self, store: &Store) -> Result<Vec<Organisation>, ReportError> {
        if self.joint && self.organisations.len() != 1 {
            return Err(ReportError::JointOneOrganisation);
        }
        validate_organisations(&self.organisations, self.profile)?;
        crate::model::validate_title("pooled_title", &self.pooled_title)
            .map_err(|e| ReportError::Store(crate::store::StoreError::Validation(e)))?;
        self.organisations
            .iter()
            .map(|&id| store.organisation(id).map_err(ReportError::from))
            .collect()
    }
}

/// The rule on a request's organisations without the vault: at least one, each once, and a
/// pooled report at least the profile's minimum.
pub fn validate_organisations(organisations: &[i64], profile: Profile) -> Result<(), ReportError> {
    if organisations.is_empty() {
        return Err(ReportError::NoOrganisation);
    }
    let unique: BTreeSet<i64> = organisations.iter().copied().collect();
    if unique.len() != organisations.len() {
        return Err(ReportError::DuplicateOrganisation);
    }
    let minimum = profile.pooled_minimum_organisations();
    if organisations.len() > 1 && organisations.len() < minimum {
        return Err(ReportError::PooledTooFew { minimum });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_once_each_and_enough_for_a_pooled_report() {
        assert!(
            matches!(
                validate_organisations(&[], Profile::Standaard),
                Err(ReportError::NoOrganisation)
            ),
            "no organisation"
        );
        assert!(
            matches!(
                validate_organisations(&[1, 1, 2], Profile::Standaard),
                Err(ReportError::DuplicateOrganisation)
            ),
            "one organisation twice"
        );
        assert!(
            matches!(
                validate_organisations(&[1, 2], Profile::Standaard),
                Err(ReportError::PooledTooFew { minimum: 3 })
            ),
            "two organisations are too few to pool"
        );
        assert!(
            matches!(
                validate_organisations(&[1, 2, 3], Profile::Strikt),
                Err(ReportError::PooledTooFew { minimum: 5 })
            ),
            "strikt pools five"
        );
        assert!(validate_organisations(&[7], Profile::Strikt).is_ok(), "one");
        assert!(
            validate_organisations(&[1, 2, 3], Profile::Standaard).is_ok(),
            "three"
        );
    }
}
