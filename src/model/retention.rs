//! Retention and destruction: the rule that sets a dossier's destroy-by date, the checks that
//! decide whether a dossier may be destroyed now (one place: [`blocks`]), and the records a
//! destruction plan, request and log entry hold. Nothing here carries case content: a plan
//! lists counts of what will go, the log keeps number, organisation, dates, report and reason.

use super::{DestructionBlock, DossierStatus, ValidationCode, ValidationErrors};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The vault's retention term when nothing else is set, in months after closing.
pub const DEFAULT_RETENTION_MONTHS: u32 = 12;

/// The longest retention term that can be set, in months (ten years).
pub const MAX_RETENTION_MONTHS: u32 = 120;

/// The destroy-by date of a dossier closed on `closed_on` under a term of `months`: the same
/// day `months` calendar months later, or the last day of that month when it is shorter
/// (31 January + 1 month = 28 or 29 February).
pub fn destroy_by(closed_on: NaiveDate, months: u32) -> NaiveDate {
    closed_on
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Checks a retention term in months (1 to [`MAX_RETENTION_MONTHS`]).
pub fn validate_months(field: &str, months: u32) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    match months {
        0 => e.push(field, ValidationCode::NotPositive),
        m if m > MAX_RETENTION_MONTHS => e.push(field, ValidationCode::TooLarge),
        _ => {}
    }
    e.into_result()
}

/// What a dossier is, as far as the destruction rules need to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionState {
    /// Open or closed.
    pub status: DossierStatus,
    /// Its destroy-by date.
    pub destroy_by: Option<NaiveDate>,
    /// Under legal hold.
    pub legal_hold: bool,
    /// Counted in a published report of its period.
    pub reported: bool,
}

/// Why a dossier may not be destroyed on `today`, most serious first; empty when it may.
/// The one place these rules live: the store refuses with them, the CLI and the app show
/// them.
pub fn blocks(state: RetentionState, today: NaiveDate) -> Vec<DestructionBlock> {
    let mut out = Vec::new();
    if state.legal_hold {
        out.push(DestructionBlock::LegalHold);
    }
    if state.status == DossierStatus::Open {
        out.push(DestructionBlock::StillOpen);
    }
    if !state.reported {
        out.push(DestructionBlock::NotReported);
    }
    if state.destroy_by.is_none_or(|d| d > today) {
        out.push(DestructionBlock::NotDue);
    }
    out
}

/// The vault's retention rule: its own term and the organisations with a term of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetentionRule {
    /// Months after closing, for every organisation without its own term.
    pub default_months: u32,
    /// Organisations with their own term, by name.
    pub organisations: Vec<OrganisationRetention>,
}

/// An organisation's own retention term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrganisationRetention {
    /// The organisation.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// Its name.
    pub organisation_name: String,
    /// Months after closing.
    pub months: u32,
}

/// One dossier of a destruction plan: what will go, and what stands in the way. Counts only,
/// never content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestructionItem {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub dossier_id: i64,
    /// Dossier number.
    pub number: String,
    /// Organisation id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// Organisation name.
    pub organisation_name: String,
    /// Opened.
    pub opened_on: NaiveDate,
    /// Closed.
    pub closed_on: Option<NaiveDate>,
    /// Destroy-by date.
    pub destroy_by: Option<NaiveDate>,
    /// The published report that counted it (`2025@3/standaard`), if any.
    pub report_key: Option<String>,
    /// Why it may not be destroyed now, most serious first (empty: it may).
    pub blocks: Vec<DestructionBlock>,
    /// Conversations that go with it.
    pub conversations: u32,
    /// Their minutes, which leave the hour totals of their months.
    pub conversation_minutes: u32,
    /// Category links.
    pub categories: u32,
    /// Action links.
    pub actions: u32,
    /// Whether it has notes (they leave the search index too).
    pub has_notes: bool,
}

/// What destroying a set of dossiers would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestructionPlan {
    /// The dossiers, in the order asked.
    pub items: Vec<DestructionItem>,
    /// Some dossier cannot be destroyed at all (legal hold, still open).
    pub refused: bool,
    /// Some dossier can only be destroyed with an override and a reason.
    pub needs_override: bool,
}

/// A request to destroy dossiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestroyRequest {
    /// Dossier numbers.
    pub numbers: Vec<String>,
    /// Why (required with an override; kept in the destruction log).
    pub reason: String,
    /// Destroy even where the term has not passed or no report counted the dossier.
    pub override_blocks: bool,
}

/// The longest reason the destruction log keeps.
pub const MAX_DESTROY_REASON: usize = 500;

impl DestroyRequest {
    /// Pure checks: at least one number, none twice, a reason of one line (required with an
    /// override).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.numbers.is_empty() || self.numbers.iter().any(|n| n.trim().is_empty()) {
            e.push("numbers", ValidationCode::Required);
        }
        let mut seen = std::collections::BTreeSet::new();
        if !self.numbers.iter().all(|n| seen.insert(n.trim())) {
            e.push("numbers", ValidationCode::Repeated);
        }
        let reason = self.reason.trim();
        if self.override_blocks && reason.is_empty() {
            e.push("reason", ValidationCode::Required);
        }
        if reason.chars().count() > MAX_DESTROY_REASON {
            e.push("reason", ValidationCode::TooLong);
        } else if super::has_control_characters(reason) {
            e.push("reason", ValidationCode::ControlCharacters);
        }
        e.into_result()
    }
}

/// What a destruction did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestructionOutcome {
    /// The numbers destroyed.
    pub destroyed: Vec<String>,
    /// When.
    pub destroyed_at: DateTime<Utc>,
}

/// One entry of the destruction log: that a dossier was destroyed, never what was in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestructionLogEntry {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The dossier's number.
    pub number: String,
    /// Its organisation's name (empty if unknown).
    pub organisation_name: String,
    /// Opened.
    pub opened_on: Option<NaiveDate>,
    /// Closed.
    pub closed_on: Option<NaiveDate>,
    /// Its destroy-by date.
    pub destroy_by: Option<NaiveDate>,
    /// When it was destroyed.
    pub destroyed_at: DateTime<Utc>,
    /// The published report that counted it (empty if none).
    pub report_key: String,
    /// The blocks the advisor overrode.
    pub overridden: Vec<DestructionBlock>,
    /// Why.
    pub reason: String,
}

/// Copies of the vault that still hold destroyed dossiers: backups beside the vault (which
/// Kluis can purge) and copies made elsewhere, from the export log (which the advisor wipes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestroyedCopies {
    /// When the last dossier was destroyed (`None`: never).
    pub destroyed_at: Option<DateTime<Utc>>,
    /// Backups beside the vault that still hold it.
    pub backups: u32,
    /// Of those, backups from before a format update, never pruned by themselves.
    pub kept_until_purged: u32,
    /// The day after which the others are pruned at the latest (with daily use).
    pub until: Option<NaiveDate>,
    /// Copies written elsewhere before it (export log entries of kind `backup`).
    pub copies_elsewhere: Vec<super::ExportLogEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn destroy_by_counts_calendar_months_and_clamps_to_month_ends() {
        for (closed, months, want, why) in [
            (
                "2026-01-31",
                1,
                "2026-02-28",
                "31 January + 1 month is the last day of February",
            ),
            (
                "2028-01-31",
                1,
                "2028-02-29",
                "in a leap year that is 29 February",
            ),
            (
                "2024-02-29",
                12,
                "2025-02-28",
                "a leap day + 1 year is 28 February",
            ),
            (
                "2024-02-29",
                48,
                "2028-02-29",
                "a leap day + 4 years is a leap day again",
            ),
            (
                "2026-03-31",
                1,
                "2026-04-30",
                "31 March + 1 month is 30 April",
            ),
            (
                "2026-08-31",
                6,
                "2027-02-28",
                "31 August + 6 months is the end of February",
            ),
            (
                "2026-05-15",
                12,
                "2027-05-15",
                "an ordinary day keeps its day",
            ),
            (
                "2026-12-31",
                120,
                "2036-12-31",
                "the longest term, ten years",
            ),
        ] {
            assert_eq!(destroy_by(day(closed), months), day(want), "{why}");
        }
    }

    #[test]
    fn months_out_of_range_are_refused() {
        assert!(
            validate_months("m", 0).is_err(),
            "a term of 0 months is no term"
        );
        assert!(
            validate_months("m", 121).is_err(),
            "more than ten years is refused"
        );
        assert!(validate_months("m", 1).is_ok() && validate_months("m", 120).is_ok());
    }

    #[test]
    fn blocks_put_legal_hold_first_and_only_two_are_overridable() {
        let today = day("2026-06-01");
        let ok = RetentionState {
            status: DossierStatus::Closed,
            destroy_by: Some(today),
            legal_hold: false,
            reported: true,
        };
        assert!(
            blocks(ok, today).is_empty(),
            "closed, reported, due today: may go"
        );
        let held = RetentionState {
            legal_hold: true,
            ..ok
        };
        assert_eq!(
            blocks(held, today),
            [DestructionBlock::LegalHold],
            "a hold blocks"
        );
        assert!(
            !DestructionBlock::LegalHold.overridable(),
            "a hold is never overridden"
        );
        assert!(
            !DestructionBlock::StillOpen.overridable(),
            "an open dossier neither"
        );
        let early = RetentionState {
            destroy_by: Some(day("2026-06-02")),
            reported: false,
            ..ok
        };
        assert_eq!(
            blocks(early, today),
            [DestructionBlock::NotReported, DestructionBlock::NotDue],
            "unreported and not due are both named"
        );
        assert!(blocks(early, today).iter().all(|b| b.overridable()));
    }

    #[test]
    fn a_request_needs_numbers_and_a_reason_with_an_override() {
        let r = DestroyRequest {
            numbers: vec!["2026-0001".into()],
            reason: String::new(),
            override_blocks: true,
        };
        assert!(
            r.validate()
                .unwrap_err()
                .has("reason", ValidationCode::Required)
        );
        let twice = DestroyRequest {
            numbers: vec!["2026-0001".into(), "2026-0001".into()],
            reason: "x".into(),
            override_blocks: false,
        };
        assert!(
            twice
                .validate()
                .unwrap_err()
                .has("numbers", ValidationCode::Repeated)
        );
        let none = DestroyRequest {
            numbers: vec![],
            reason: String::new(),
            override_blocks: false,
        };
        assert!(
            none.validate()
                .unwrap_err()
                .has("numbers", ValidationCode::Required)
        );
    }
}
