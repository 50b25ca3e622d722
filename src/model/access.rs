//! Access requests ("inzageverzoeken", AVG art. 15): the request a reporter makes for their own
//! dossier, how the advisor checked who asked, and the redaction of passages about third
//! parties before the dossier is handed over. Pure: the store keeps the request, the export
//! ([`crate::access`]) builds and writes the files.

use super::{IdentityCheck, ValidationCode, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What replaces every passage about third parties in an access export.
pub const REDACTED_NL: &str = "[gegevens van derden weggelaten]";
/// The same in an English export.
pub const REDACTED_EN: &str = "[third-party data withheld]";
/// The longest identity note kept.
pub const MAX_IDENTITY_NOTE: usize = 500;

/// A new access request on a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccessRequestInput {
    /// When the request came in (starts the one-month term).
    pub received_on: NaiveDate,
    /// How the requester's identity was checked.
    pub identity_check: IdentityCheck,
    /// How, in a line (required with `anders`; no copy of the document's number).
    pub identity_note: String,
}

impl AccessRequestInput {
    /// Pure checks on `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.received_on > today {
            e.push("received_on", ValidationCode::InFuture);
        }
        let note = self.identity_note.trim();
        if self.identity_check == IdentityCheck::Anders && note.is_empty() {
            e.push("identity_note", ValidationCode::Required);
        }
        if note.chars().count() > MAX_IDENTITY_NOTE {
            e.push("identity_note", ValidationCode::TooLong);
        } else if super::has_control_characters(note) {
            e.push("identity_note", ValidationCode::ControlCharacters);
        }
        e.into_result()
    }
}

/// A recorded access request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccessRequest {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The dossier.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub dossier_id: i64,
    /// Its deadline (the one-month term), while it exists.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub deadline_id: Option<i64>,
    /// When it came in.
    pub received_on: NaiveDate,
    /// How the identity was checked.
    pub identity_check: IdentityCheck,
    /// The note on the check.
    pub identity_note: String,
}

/// Replaces every occurrence of each passage in `text` with `placeholder`, longest passage
/// first (so a passage inside a longer one does not leave pieces). Every passage must occur
/// in the text: a passage that is not there was mistyped, and handing over the dossier with
/// the real passage still in it would be the worse error.
pub fn redact(
    text: &str,
    passages: &[String],
    placeholder: &str,
) -> Result<String, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let mut sorted: Vec<&str> = passages.iter().map(|p| p.trim()).collect();
    if sorted.iter().any(|p| p.is_empty()) {
        e.push("redactions", ValidationCode::Required);
    }
    if sorted.iter().any(|p| !p.is_empty() && !text.contains(p)) {
        e.push("redactions", ValidationCode::NotInText);
    }
    e.into_result()?;
    sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut out = text.to_owned();
    for p in sorted {
        out = out.replace(p, placeholder);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_replaces_every_occurrence_and_refuses_a_passage_not_in_the_text() {
        let text = "Gesprek met melder. Collega Q. Qqvan zei iets. Later weer Collega Q. Qqvan.";
        let out = redact(text, &["Collega Q. Qqvan".into()], REDACTED_NL).expect("redacts");
        assert!(!out.contains("Qqvan"), "every occurrence goes: {out}");
        assert_eq!(out.matches(REDACTED_NL).count(), 2);
        let nested = redact(
            text,
            &["Qqvan".into(), "Collega Q. Qqvan zei iets".into()],
            REDACTED_NL,
        )
        .expect("redacts");
        assert!(
            !nested.contains("Qqvan") && !nested.contains("zei iets"),
            "longest first: {nested}"
        );
        let e = redact(text, &["niet aanwezig".into()], REDACTED_NL).expect_err("absent");
        assert!(
            e.has("redactions", ValidationCode::NotInText),
            "a mistyped passage is refused"
        );
        assert!(
            redact(text, &[" ".into()], REDACTED_NL).is_err(),
            "an empty passage too"
        );
    }

    #[test]
    fn otherwise_needs_a_note_and_a_request_is_not_in_the_future() {
        let day = |s: &str| s.parse::<NaiveDate>().expect("date");
        let input = AccessRequestInput {
            received_on: day("2026-12-01"),
            identity_check: IdentityCheck::Anders,
            identity_note: String::new(),
        };
        let e = input.validate(day("2026-11-30")).expect_err("invalid");
        assert!(e.has("received_on", ValidationCode::InFuture));
        assert!(e.has("identity_note", ValidationCode::Required));
    }
}
