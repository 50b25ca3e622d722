//! The only input of the report pipeline: [`ReportableDossier`], a dossier stripped of
//! everything that could identify a person or leak case content. It has no notes, no names,
//! no dossier number and no exact dates: only the organisation and coded attributes (the
//! quarter it is counted in travels beside it). The store builds it with a query that never
//! selects the notes column (`Store::reportable_dossiers`).
//!
//! Counting rule: a dossier belongs to the period in which it was opened.

use crate::model::{Action, CategoryGroup, ContactType, Gender, Outcome, Relation, ReporterRole};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How long a dossier took from opening to closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationBand {
    /// Closed within one month.
    UnderOneMonth,
    /// Closed after one to three months.
    OneToThreeMonths,
    /// Closed after more than three months.
    OverThreeMonths,
    /// Still open.
    Open,
}

impl DurationBand {
    /// Every band, shortest first.
    pub const ALL: [DurationBand; 4] = [
        DurationBand::UnderOneMonth,
        DurationBand::OneToThreeMonths,
        DurationBand::OverThreeMonths,
        DurationBand::Open,
    ];

    /// A label for people.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        use crate::Lang::{En, Nl};
        match (self, lang) {
            (DurationBand::UnderOneMonth, Nl) => "Korter dan een maand",
            (DurationBand::UnderOneMonth, En) => "Under one month",
            (DurationBand::OneToThreeMonths, Nl) => "Een tot drie maanden",
            (DurationBand::OneToThreeMonths, En) => "One to three months",
            (DurationBand::OverThreeMonths, Nl) => "Langer dan drie maanden",
            (DurationBand::OverThreeMonths, En) => "Over three months",
            (DurationBand::Open, Nl) => "Nog lopend",
            (DurationBand::Open, En) => "Still open",
        }
    }

    /// The band of a dossier opened on `opened` and closed on `closed` (`None`: still open).
    pub fn of(opened: NaiveDate, closed: Option<NaiveDate>) -> DurationBand {
        let Some(closed) = closed else {
            return DurationBand::Open;
        };
        let plus = |m| {
            opened
                .checked_add_months(Months::new(m))
                .unwrap_or(NaiveDate::MAX)
        };
        if closed < plus(1) {
            DurationBand::UnderOneMonth
        } else if closed <= plus(3) {
            DurationBand::OneToThreeMonths
        } else {
            DurationBand::OverThreeMonths
        }
    }

    /// A stable code.
    pub fn code(self) -> &'static str {
        match self {
            DurationBand::UnderOneMonth => "korter_dan_1_maand",
            DurationBand::OneToThreeMonths => "1_tot_3_maanden",
            DurationBand::OverThreeMonths => "langer_dan_3_maanden",
            DurationBand::Open => "open",
        }
    }
}

/// A dossier as the report pipeline sees it. Nothing here identifies a person or quotes the
/// case: the fields are codes, and time is coarsened to a quarter of the report period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportableDossier {
    /// The client organisation.
    pub organisation_id: i64,
    /// Kind of contact.
    pub contact_type: ContactType,
    /// Category codes, sorted and unique.
    pub categories: Vec<String>,
    /// The groups of those categories, sorted and unique.
    pub groups: Vec<CategoryGroup>,
    /// The reporter's role.
    pub reporter_role: ReporterRole,
    /// Relation to the person complained about.
    pub relation: Relation,
    /// How it ended.
    pub outcome: Outcome,
    /// What the advisor did, sorted and unique.
    pub actions: Vec<Action>,
    /// Time from opening to closing.
    pub duration: DurationBand,
    /// Gender, only when the reporter stated it.
    pub gender: Option<Gender>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_bands() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).expect("valid test date");
        assert_eq!(
            DurationBand::of(d(1, 10), None),
            DurationBand::Open,
            "no close date: open"
        );
        assert_eq!(
            DurationBand::of(d(1, 10), Some(d(2, 9))),
            DurationBand::UnderOneMonth,
            "one day short of a month"
        );
        assert_eq!(
            DurationBand::of(d(1, 10), Some(d(4, 10))),
            DurationBand::OneToThreeMonths,
            "exactly three months is still 1-3 months"
        );
        assert_eq!(
            DurationBand::of(d(1, 10), Some(d(4, 11))),
            DurationBand::OverThreeMonths,
            "one day over three months"
        );
    }
}
