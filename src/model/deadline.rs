//! Deadlines ("termijnen") and the breach register: the legal terms an advisor must keep, as
//! pure date arithmetic. The store keeps the rows; every rule (how a due date is counted,
//! which kinds may be extended and how far, that an extension is given once, which contact
//! types the Wet bescherming klokkenluiders covers, when a deadline is overdue) lives here.
//!
//! Months are calendar months, never 30 or 90 days: the same day of the month, or the last
//! day of a shorter month (31 January + 1 month = 28 or 29 February). A breach must be
//! reported to the Autoriteit Persoonsgegevens within 72 hours of its discovery.

use super::{ContactType, DeadlineKind, DeadlineUrgency, ValidationCode, ValidationErrors};
use chrono::{Duration, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A deadline due within this many days (today included) is "due soon" (amber).
pub const SOON_DAYS: i64 = 3;
/// Wbk: days to confirm receipt of a report.
pub const WBK_CONFIRMATION_DAYS: i64 = 7;
/// Wbk: months from the confirmation to the feedback.
pub const WBK_FEEDBACK_MONTHS: u32 = 3;
/// Wbk: the one extension of the feedback term, in months.
pub const WBK_FEEDBACK_EXTENSION_MONTHS: u32 = 3;
/// AVG: months to answer an access request.
pub const ACCESS_REQUEST_MONTHS: u32 = 1;
/// AVG: the one extension of an access request, in months (with a reason).
pub const ACCESS_REQUEST_EXTENSION_MONTHS: u32 = 2;
/// AVG: hours from discovering a breach to reporting it.
pub const BREACH_HOURS: i64 = 72;
/// The longest label, reason or breach text kept.
pub const MAX_DEADLINE_TEXT: usize = 500;

/// `months` calendar months after `day`: the same day of the month, or the last day of the
/// target month when that is shorter (31 January + 1 = 28/29 February; 29 February 2024 +
/// 12 = 28 February 2025).
pub fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

impl DeadlineKind {
    /// The due date of a term that starts on `start`, or `None` for a follow-up (whose date
    /// the advisor chooses).
    pub fn due_from(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            DeadlineKind::WbkBevestiging => Some(start + Duration::days(WBK_CONFIRMATION_DAYS)),
            DeadlineKind::WbkTerugkoppeling => Some(add_months(start, WBK_FEEDBACK_MONTHS)),
            DeadlineKind::Inzageverzoek => Some(add_months(start, ACCESS_REQUEST_MONTHS)),
            DeadlineKind::Vervolg => None,
        }
    }

    /// The term's length in calendar months (`None`: counted in days, or the advisor's own
    /// date).
    pub fn months(self) -> Option<u32> {
        match self {
            DeadlineKind::WbkTerugkoppeling => Some(WBK_FEEDBACK_MONTHS),
            DeadlineKind::Inzageverzoek => Some(ACCESS_REQUEST_MONTHS),
            DeadlineKind::WbkBevestiging | DeadlineKind::Vervolg => None,
        }
    }

    /// How far the one extension reaches, in months, or `None` when the term cannot be
    /// extended.
    pub fn extension_months(self) -> Option<u32> {
        match self {
            DeadlineKind::WbkTerugkoppeling => Some(WBK_FEEDBACK_EXTENSION_MONTHS),
            DeadlineKind::Inzageverzoek => Some(ACCESS_REQUEST_EXTENSION_MONTHS),
            DeadlineKind::WbkBevestiging | DeadlineKind::Vervolg => None,
        }
    }

    /// A term of the Wet bescherming klokkenluiders.
    pub fn is_wbk(self) -> bool {
        matches!(
            self,
            DeadlineKind::WbkBevestiging | DeadlineKind::WbkTerugkoppeling
        )
    }

    /// The term that starts when this one is done: the feedback after the confirmation.
    pub fn next_in_chain(self) -> Option<DeadlineKind> {
        match self {
            DeadlineKind::WbkBevestiging => Some(DeadlineKind::WbkTerugkoppeling),
            _ => None,
        }
    }
}

/// Whether the Wbk's terms apply to a dossier of this contact type: a suspected wrongdoing,
/// and an integrity report the advisor passes on for the reporter.
pub fn wbk_applies(contact_type: ContactType) -> bool {
    matches!(
        contact_type,
        ContactType::VermoedenMisstand | ContactType::MeldingIntegriteit
    )
}

/// How pressing a deadline due on `due` is on `today`: done, overdue (the day has passed),
/// due soon (today or within [`SOON_DAYS`] days) or later.
pub fn urgency(due: NaiveDate, done_on: Option<NaiveDate>, today: NaiveDate) -> DeadlineUrgency {
    if done_on.is_some() {
        DeadlineUrgency::Afgerond
    } else if due < today {
        DeadlineUrgency::Verlopen
    } else if (due - today).num_days() <= SOON_DAYS {
        DeadlineUrgency::Binnenkort
    } else {
        DeadlineUrgency::Later
    }
}

/// Why a change to a deadline is refused. Carries no content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The term was extended before; the law allows one extension.
    #[error("deadline already extended")]
    AlreadyExtended,
    /// This kind of term cannot be extended.
    #[error("deadline not extendable")]
    NotExtendable,
    /// The deadline is done already.
    #[error("deadline already done")]
    AlreadyDone,
    /// A Wbk term on a dossier whose contact type the Wbk does not cover.
    #[error("whistleblower act does not apply")]
    WbkNotApplicable,
}

/// One deadline of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deadline {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The dossier.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub dossier_id: i64,
    /// What it is for.
    pub kind: DeadlineKind,
    /// The advisor's label (required for a follow-up).
    pub label: String,
    /// The day the term started (received, forwarded, confirmed, asked).
    pub starts_on: NaiveDate,
    /// The due date by the rule (or the chosen date of a follow-up).
    pub original_due_on: NaiveDate,
    /// The due date now: after an extension, later than the original.
    pub due_on: NaiveDate,
    /// When the term was extended (once at most).
    pub extended_on: Option<NaiveDate>,
    /// Why it was extended.
    pub extension_reason: String,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// How pressing it was on the day it was read ([`urgency`]).
    pub urgency: DeadlineUrgency,
}

impl Deadline {
    /// The due date after the one extension, or why it cannot be extended.
    pub fn extended_due(&self) -> Result<NaiveDate, DeadlineError> {
        if self.done_on.is_some() {
            return Err(DeadlineError::AlreadyDone);
        }
        let months = self
            .kind
            .extension_months()
            .ok_or(DeadlineError::NotExtendable)?;
        if self.extended_on.is_some() {
            return Err(DeadlineError::AlreadyExtended);
        }
        // The law lengthens the term (1 + 2 months, 3 + 3 months), so the extended date is
        // counted from the start, not from the first due date: from 31 January that is
        // 30 April, where 28 February + 2 months would give 28 April.
        let base = self.kind.months().unwrap_or(0);
        Ok(add_months(self.starts_on, base + months))
    }
}

/// A new deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeadlineInput {
    /// What it is for.
    pub kind: DeadlineKind,
    /// The day the term starts (a report received or passed on, a confirmation sent, an
    /// access request received); for a follow-up, the day it is set.
    pub starts_on: NaiveDate,
    /// A follow-up's date (required for one; the other kinds count theirs and ignore it).
    pub due_on: Option<NaiveDate>,
    /// A label (required for a follow-up, such as "bel terug").
    pub label: String,
}

impl DeadlineInput {
    /// Pure checks on `today`: a rule's term starts no later than today, a follow-up has a
    /// date and a label of one line.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.starts_on > today {
            e.push("starts_on", ValidationCode::InFuture);
        }
        if self.kind == DeadlineKind::Vervolg {
            if self.due_on.is_none() {
                e.push("due_on", ValidationCode::Required);
            }
            if self.label.trim().is_empty() {
                e.push("label", ValidationCode::Required);
            }
        }
        check_text(&mut e, "label", &self.label);
        e.into_result()
    }

    /// The due date this input gives (the rule's, or the follow-up's own).
    pub fn due(&self) -> NaiveDate {
        self.kind
            .due_from(self.starts_on)
            .or(self.due_on)
            .unwrap_or(self.starts_on)
    }
}

/// Checks an extension's reason: required, one line, not too long.
pub fn validate_reason(reason: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if reason.trim().is_empty() {
        e.push("reason", ValidationCode::Required);
    }
    check_text(&mut e, "reason", reason);
    e.into_result()
}

fn check_text(e: &mut ValidationErrors, field: &str, text: &str) {
    let text = text.trim();
    if text.chars().count() > MAX_DEADLINE_TEXT {
        e.push(field, ValidationCode::TooLong);
    } else if super::has_control_characters(text) {
        e.push(field, ValidationCode::ControlCharacters);
    }
}

/// An open deadline as the overview and lists show it: with its dossier and urgency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeadlineSummary {
    /// The deadline.
    pub deadline: Deadline,
    /// Its dossier's number.
    pub number: String,
    /// Its dossier's organisation.
    pub organisation_name: String,
    /// How pressing it is today.
    pub urgency: DeadlineUrgency,
}

/// A data breach in the register: what happened, when it was discovered, whom the advisor
/// informed and what was decided. Open until handled; it must be reported (or the decision
/// not to report recorded) within [`BREACH_HOURS`] hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Breach {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// What happened (no names: this register is shown to a supervisor).
    pub what: String,
    /// When it was discovered (the advisor's local time).
    pub discovered_at: NaiveDateTime,
    /// The 72-hour deadline.
    pub report_by: NaiveDateTime,
    /// Whom the advisor informed (Autoriteit Persoonsgegevens, the people concerned, ...).
    pub informed: String,
    /// What was decided, and why.
    pub decision: String,
    /// When it was handled (reported, or the decision not to report taken).
    pub handled_on: Option<NaiveDate>,
    /// How pressing it is today.
    pub urgency: DeadlineUrgency,
}

/// What is needed to register or update a breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BreachInput {
    /// What happened.
    pub what: String,
    /// When it was discovered.
    pub discovered_at: NaiveDateTime,
    /// Whom the advisor informed.
    pub informed: String,
    /// What was decided.
    pub decision: String,
    /// When it was handled.
    pub handled_on: Option<NaiveDate>,
}

/// The 72-hour deadline of a breach discovered at `discovered_at`.
pub fn breach_report_by(discovered_at: NaiveDateTime) -> NaiveDateTime {
    discovered_at + Duration::hours(BREACH_HOURS)
}

impl BreachInput {
    /// Pure checks on `today`: a description, dates not in the future, a handled breach has
    /// a decision.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.what.trim().is_empty() {
            e.push("what", ValidationCode::Required);
        }
        check_text(&mut e, "what", &self.what);
        if self.discovered_at.date() > today {
            e.push("discovered_at", ValidationCode::InFuture);
        }
        check_text(&mut e, "informed", &self.informed);
        check_text(&mut e, "decision", &self.decision);
        if let Some(h) = self.handled_on {
            if h > today {
                e.push("handled_on", ValidationCode::InFuture);
            } else if h < self.discovered_at.date() {
                e.push("handled_on", ValidationCode::BeforeOpened);
            }
            if self.decision.trim().is_empty() {
                e.push("decision", ValidationCode::Required);
            }
        }
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn calendar_months_clamp_to_month_ends_and_know_leap_years() {
        for (from, months, want, why) in [
            (
                "2026-01-31",
                1,
                "2026-02-28",
                "31 January + 1 month = 28 February",
            ),
            ("2028-01-31", 1, "2028-02-29", "in a leap year, 29 February"),
            (
                "2024-02-29",
                12,
                "2025-02-28",
                "a leap day + 12 months = 28 February",
            ),
            (
                "2024-02-29",
                48,
                "2028-02-29",
                "a leap day + 4 years = a leap day",
            ),
            (
                "2026-03-31",
                1,
                "2026-04-30",
                "31 March + 1 month = 30 April",
            ),
            (
                "2026-11-30",
                3,
                "2027-02-28",
                "30 November + 3 months = end of February",
            ),
            (
                "2027-11-30",
                3,
                "2028-02-29",
                "... in a leap year 29 February",
            ),
            (
                "2026-12-31",
                2,
                "2027-02-28",
                "31 December + 2 months crosses the year",
            ),
            (
                "2026-05-15",
                1,
                "2026-06-15",
                "an ordinary day keeps its day",
            ),
            (
                "2100-01-31",
                1,
                "2100-02-28",
                "2100 is no leap year (divisible by 100)",
            ),
            (
                "2000-01-31",
                1,
                "2000-02-29",
                "2000 is one (divisible by 400)",
            ),
        ] {
            assert_eq!(add_months(day(from), months), day(want), "{why}");
        }
    }

    #[test]
    fn each_kind_counts_its_own_term() {
        assert_eq!(
            DeadlineKind::WbkBevestiging.due_from(day("2026-02-25")),
            Some(day("2026-03-04")),
            "the Wbk confirmation is 7 calendar days, across a month end"
        );
        assert_eq!(
            DeadlineKind::WbkTerugkoppeling.due_from(day("2026-11-30")),
            Some(day("2027-02-28")),
            "30 November + 3 months is the end of February"
        );
        assert_eq!(
            DeadlineKind::WbkTerugkoppeling.due_from(day("2026-05-30")),
            Some(day("2026-08-30")),
            "3 calendar months from 30 May is 30 August, where 90 days would be 28 August"
        );
        assert_eq!(
            DeadlineKind::Inzageverzoek.due_from(day("2026-01-31")),
            Some(day("2026-02-28")),
            "an access request received 31 January is due 28 February"
        );
        assert_eq!(
            DeadlineKind::Inzageverzoek.due_from(day("2028-01-30")),
            Some(day("2028-02-29")),
            "and in a leap year on 29 February"
        );
        assert_eq!(
            DeadlineKind::Vervolg.due_from(day("2026-01-01")),
            None,
            "a follow-up has the advisor's own date"
        );
    }

    fn deadline(kind: DeadlineKind, starts: &str) -> Deadline {
        let due = kind.due_from(day(starts)).expect("a rule kind");
        Deadline {
            id: 1,
            dossier_id: 1,
            kind,
            label: String::new(),
            starts_on: day(starts),
            original_due_on: due,
            due_on: due,
            extended_on: None,
            extension_reason: String::new(),
            done_on: None,
            urgency: DeadlineUrgency::Later,
        }
    }

    #[test]
    fn an_extension_is_given_once_and_only_where_the_law_allows_it() {
        let mut access = deadline(DeadlineKind::Inzageverzoek, "2026-01-31");
        assert_eq!(
            access.extended_due(),
            Ok(day("2026-04-30")),
            "1 + 2 months from 31 January is 30 April: the law lengthens the term to three \
             months, so it is not 28 February + 2 months (28 April)"
        );
        access.extended_on = Some(day("2026-02-20"));
        access.due_on = day("2026-04-30");
        assert_eq!(
            access.extended_due(),
            Err(DeadlineError::AlreadyExtended),
            "a second extension is refused"
        );
        let feedback = deadline(DeadlineKind::WbkTerugkoppeling, "2026-01-10");
        assert_eq!(
            feedback.extended_due(),
            Ok(day("2026-07-10")),
            "Wbk feedback: 3 + 3 months"
        );
        assert_eq!(
            deadline(DeadlineKind::WbkBevestiging, "2026-01-10").extended_due(),
            Err(DeadlineError::NotExtendable),
            "the 7-day confirmation cannot be extended"
        );
        let mut done = deadline(DeadlineKind::Inzageverzoek, "2026-01-10");
        done.done_on = Some(day("2026-01-20"));
        assert_eq!(
            done.extended_due(),
            Err(DeadlineError::AlreadyDone),
            "a done term is not extended"
        );
    }

    #[test]
    fn the_wbk_chain_runs_from_confirmation_to_feedback() {
        assert_eq!(
            DeadlineKind::WbkBevestiging.next_in_chain(),
            Some(DeadlineKind::WbkTerugkoppeling),
            "confirming starts the feedback term"
        );
        assert_eq!(DeadlineKind::WbkTerugkoppeling.next_in_chain(), None);
        // Received 24 February 2028: confirm by 2 March; confirmed 1 March: feedback by
        // 1 June, at most extended to 1 September.
        let received = day("2028-02-24");
        assert_eq!(
            DeadlineKind::WbkBevestiging.due_from(received),
            Some(day("2028-03-02")),
            "7 days across the leap day"
        );
        let feedback = deadline(DeadlineKind::WbkTerugkoppeling, "2028-03-01");
        assert_eq!(feedback.due_on, day("2028-06-01"));
        assert_eq!(feedback.extended_due(), Ok(day("2028-09-01")));
        assert!(wbk_applies(ContactType::VermoedenMisstand));
        assert!(wbk_applies(ContactType::MeldingIntegriteit));
        assert!(
            !wbk_applies(ContactType::Consult) && !wbk_applies(ContactType::MeldingOmgangsvormen),
            "the Wbk covers wrongdoing and integrity reports, not a consult or harassment"
        );
    }

    #[test]
    fn urgency_is_red_after_the_day_and_amber_for_three_days_before() {
        let today = day("2026-03-10");
        let at = |due: &str| urgency(day(due), None, today);
        assert_eq!(at("2026-03-09"), DeadlineUrgency::Verlopen, "yesterday");
        assert_eq!(at("2026-03-10"), DeadlineUrgency::Binnenkort, "today");
        assert_eq!(at("2026-03-13"), DeadlineUrgency::Binnenkort, "in 3 days");
        assert_eq!(at("2026-03-14"), DeadlineUrgency::Later, "in 4 days");
        assert_eq!(
            urgency(day("2026-01-01"), Some(day("2026-01-01")), today),
            DeadlineUrgency::Afgerond,
            "done is never red"
        );
    }

    #[test]
    fn a_breach_is_due_72_hours_after_its_discovery() {
        let found: NaiveDateTime = "2028-02-28T16:30:00".parse().expect("time");
        assert_eq!(
            breach_report_by(found),
            "2028-03-02T16:30:00"
                .parse::<NaiveDateTime>()
                .expect("time"),
            "72 hours, across a leap day"
        );
        let input = BreachInput {
            what: "USB-stick verloren".into(),
            discovered_at: found,
            informed: String::new(),
            decision: String::new(),
            handled_on: Some(day("2028-02-29")),
        };
        assert!(
            input
                .validate(day("2028-03-01"))
                .unwrap_err()
                .has("decision", ValidationCode::Required),
            "a handled breach records its decision"
        );
    }

    #[test]
    fn a_follow_up_needs_a_date_and_a_label() {
        let input = DeadlineInput {
            kind: DeadlineKind::Vervolg,
            starts_on: day("2026-03-01"),
            due_on: None,
            label: " ".into(),
        };
        let e = input.validate(day("2026-03-01")).unwrap_err();
        assert!(
            e.has("due_on", ValidationCode::Required) && e.has("label", ValidationCode::Required)
        );
        let later = DeadlineInput {
            kind: DeadlineKind::Inzageverzoek,
            starts_on: day("2026-03-02"),
            due_on: None,
            label: String::new(),
        };
        assert!(
            later
                .validate(day("2026-03-01"))
                .unwrap_err()
                .has("starts_on", ValidationCode::InFuture),
            "a request cannot have been received tomorrow"
        );
    }
}
