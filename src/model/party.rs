//! The people involved in a dossier ("betrokkenen"), the conflict-of-interest check on their
//! names, the advisor's recorded decision about it, and typed links between dossiers.
//!
//! Parties are vault-only: their names and functions never go into a report, a log line, an
//! error message or a file name; reports read [`super::ReportableDossier`], which has none.
//! Pure here: inputs and their validation, the records, and [`own_entry`] (who may be named
//! in an access export). The store keeps the rows and runs [`super::names`] over them.

use super::{
    ConflictDecision, LinkKind, PartyRole, SupportedSide, ValidationCode, ValidationErrors,
    has_control_characters,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest name or label kept.
pub const MAX_PARTY_NAME: usize = 200;
/// The longest function or department kept.
pub const MAX_PARTY_FUNCTION: usize = 200;

/// Why a change to parties, conflicts or links is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PartyError {
    /// A possible conflict of interest has no recorded decision yet: the dossier's work
    /// (adding conversations) waits for it.
    #[error("conflict of interest not decided")]
    ConflictUndecided,
    /// A dossier cannot be linked to itself.
    #[error("link to the same dossier")]
    LinkToItself,
}

/// A new party of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartyInput {
    /// Their part in the case.
    pub role: PartyRole,
    /// A name ("Jan de Vries") or a label ("teamleider B").
    pub name: String,
    /// Function or department, free text (may be empty).
    pub function: String,
}

impl PartyInput {
    /// Pure checks: a name is required; both texts are single lines of limited length.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            e.push("name", ValidationCode::Required);
        } else if name.chars().count() > MAX_PARTY_NAME {
            e.push("name", ValidationCode::TooLong);
        } else if has_control_characters(name) {
            e.push("name", ValidationCode::ControlCharacters);
        }
        let function = self.function.trim();
        if function.chars().count() > MAX_PARTY_FUNCTION {
            e.push("function", ValidationCode::TooLong);
        } else if has_control_characters(function) {
            e.push("function", ValidationCode::ControlCharacters);
        }
        e.into_result()
    }
}

/// A person involved in a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Party {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The dossier.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub dossier_id: i64,
    /// Their part in the case.
    pub role: PartyRole,
    /// Name or label.
    pub name: String,
    /// Function or department (may be empty).
    pub function: String,
}

/// A party of another dossier whose name may be the same person as one of this dossier's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictMatch {
    /// This dossier's party.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub party_id: i64,
    /// The other dossier's party.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub other_party_id: i64,
    /// The other dossier.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub other_dossier_id: i64,
    /// Its number ("2025-0012").
    pub other_number: String,
    /// Its organisation's name.
    pub other_organisation: String,
    /// The other party's part in that dossier ("melder in 2025-0012").
    pub other_role: PartyRole,
    /// How the other party is written there.
    pub other_name: String,
    /// Only the surnames agreed (one of the names has no given name or initial).
    pub surname_only: bool,
    /// A decision of this dossier covers it.
    pub decided: bool,
}

impl ConflictMatch {
    /// Where the other party appears, as the advisor reads it: "melder in 2025-0012
    /// (Organisatie)" / "reporter in 2025-0012 (Organisation)".
    pub fn describe(&self, lang: crate::Lang) -> String {
        let role = self.other_role.label(lang).to_lowercase();
        let mut text = format!(
            "{role} in {} ({})",
            self.other_number, self.other_organisation
        );
        if self.surname_only {
            text.push_str(match lang {
                crate::Lang::Nl => ", alleen de achternaam komt overeen",
                crate::Lang::En => ", only the surname agrees",
            });
        }
        text
    }
}

/// A decision about possible conflicts of interest, recorded with its dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictDecisionInput {
    /// No conflict, or refer to a colleague.
    pub decision: ConflictDecision,
    /// When it was decided.
    pub decided_on: NaiveDate,
}

impl ConflictDecisionInput {
    /// Pure checks on `today`: not in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        if self.decided_on > today {
            return Err(ValidationErrors::single(
                "decided_on",
                ValidationCode::InFuture,
            ));
        }
        Ok(())
    }
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictDecisionRecord {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// What was decided.
    pub decision: ConflictDecision,
    /// When.
    pub decided_on: NaiveDate,
    /// How many matches it covered when it was made (those still present or not).
    pub matches: u32,
}

/// A link from one dossier to another, as seen from the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DossierLink {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Why they are linked.
    pub kind: LinkKind,
    /// The other dossier.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub other_dossier_id: i64,
    /// Its number.
    pub other_number: String,
    /// Its organisation's name.
    pub other_organisation: String,
}

/// Everything the dossier page's Betrokkenen card shows, in one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartyOverview {
    /// The dossier.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub dossier_id: i64,
    /// Whom the advisor supports.
    pub supports: SupportedSide,
    /// Its parties, in the order they were added.
    pub parties: Vec<Party>,
    /// Parties of other dossiers that may be the same people, by party and dossier number.
    pub matches: Vec<ConflictMatch>,
    /// A match without a decision: the advisor must decide before going on.
    pub undecided: bool,
    /// The decisions recorded, newest first.
    pub decisions: Vec<ConflictDecisionRecord>,
    /// Links to other dossiers.
    pub links: Vec<DossierLink>,
}

/// The party an access export may name: the one person of the side the advisor supports
/// (the reporter, or the accused). AVG art. 15(4): the right of access must not harm others,
/// so every other party is listed by role only, and when that side has several parties (or
/// none) nobody is named, since the export cannot know which of them asked.
pub fn own_entry(parties: &[Party], supports: SupportedSide) -> Option<&Party> {
    let role = match supports {
        SupportedSide::Melder => PartyRole::Melder,
        SupportedSide::Beschuldigde => PartyRole::Beschuldigde,
    };
    let mut own = parties.iter().filter(|p| p.role == role);
    match (own.next(), own.next()) {
        (Some(p), None) => Some(p),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(id: i64, role: PartyRole, name: &str) -> Party {
        Party {
            id,
            dossier_id: 1,
            role,
            name: name.into(),
            function: String::new(),
        }
    }

    #[test]
    fn a_party_needs_a_name_of_one_line() {
        let mut input = PartyInput {
            role: PartyRole::Melder,
            name: "  ".into(),
            function: String::new(),
        };
        assert!(
            input
                .validate()
                .is_err_and(|e| e.has("name", ValidationCode::Required)),
            "a blank name is no name"
        );
        input.name = "Jan\u{1b}[31m".into();
        assert!(
            input
                .validate()
                .is_err_and(|e| e.has("name", ValidationCode::ControlCharacters)),
            "a name could otherwise rewrite the terminal of `kluis party list`"
        );
        input.name = "x".repeat(MAX_PARTY_NAME + 1);
        assert!(
            input
                .validate()
                .is_err_and(|e| e.has("name", ValidationCode::TooLong)),
            "a name is a line, not a text"
        );
        input.name = "Teamleider B".into();
        input.function = "Inkoop".into();
        assert!(
            input.validate().is_ok(),
            "a label with a department is fine"
        );
    }

    #[test]
    fn a_decision_cannot_be_dated_in_the_future() {
        let today: NaiveDate = "2026-03-01".parse().expect("date");
        let input = ConflictDecisionInput {
            decision: ConflictDecision::GeenConflict,
            decided_on: today.succ_opt().expect("tomorrow"),
        };
        assert!(
            input
                .validate(today)
                .is_err_and(|e| e.has("decided_on", ValidationCode::InFuture)),
            "a decision records what was decided, not a plan"
        );
    }

    #[test]
    fn only_the_single_supported_person_is_an_own_entry() {
        let parties = [
            party(1, PartyRole::Melder, "Melder Een"),
            party(2, PartyRole::Beschuldigde, "Beschuldigde Twee"),
            party(3, PartyRole::Getuige, "Getuige Drie"),
        ];
        assert_eq!(
            own_entry(&parties, SupportedSide::Melder).map(|p| p.id),
            Some(1),
            "the reporter may see their own entry"
        );
        assert_eq!(
            own_entry(&parties, SupportedSide::Beschuldigde).map(|p| p.id),
            Some(2),
            "when the advisor supports the accused, the accused is the requester"
        );
        let two_reporters = [
            party(1, PartyRole::Melder, "Melder Een"),
            party(4, PartyRole::Melder, "Melder Vier"),
        ];
        assert_eq!(
            own_entry(&two_reporters, SupportedSide::Melder),
            None,
            "with two reporters the export cannot know which one asked: nobody is named"
        );
    }
}
