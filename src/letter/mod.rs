//! Letters the advisor sends: consent and confidentiality, confirmation of a Wbk report,
//! referral, closing letter, reply to an access request. One rule set for the CLI and the app:
//!
//! - a template is a subject and a body with fields in braces (`{aan}`, `{afgesloten_op}`,
//!   [`LetterField`]); Kluis has one per kind and language ([`templates`]) and the advisor may
//!   keep their own version of each in the vault ([`check_template`] refuses a field it does
//!   not know, so a typo never reaches a letter);
//! - [`fill`] puts the dossier's and the advisor's values in and leaves a field it has no value
//!   for as it is, listed as missing, so the advisor sees where to write;
//! - a letter leaves the vault only when no known field is left unfilled
//!   ([`LetterInput::validate`]), as a PDF ([`document`], the reports' fonts) or as copied
//!   text; both are kept with the dossier and logged ([`export`]).
//!
//! A letter names people, so it lives in the vault only: never in a log, an error or a file
//! name ([`file_name`] uses the kind and the dossier number).

pub mod document;
pub mod export;
pub mod templates;

use crate::Lang;
use crate::model::{LetterField, LetterKind, LetterVia, ValidationCode, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest subject kept.
pub const MAX_SUBJECT: usize = 200;
/// The longest recipient block (name and address lines).
pub const MAX_RECIPIENT: usize = 500;
/// The longest body kept (about ten pages).
pub const MAX_BODY: usize = 30_000;

/// The stored code of a language.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    }
}

/// The language of a stored code.
pub fn lang_from_code(code: &str) -> Option<Lang> {
    match code {
        "nl" => Some(Lang::Nl),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// One template: built in, or the advisor's own version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterTemplate {
    /// Which letter.
    pub kind: LetterKind,
    /// Its language.
    pub lang: Lang,
    /// The subject line, fields allowed.
    pub subject: String,
    /// The text, paragraphs separated by a blank line, fields allowed.
    pub body: String,
    /// Whether this is the advisor's own version (false: Kluis's).
    pub custom: bool,
}

/// What the advisor sends: the text as edited, fields filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterInput {
    /// Which letter.
    pub kind: LetterKind,
    /// Its language.
    pub lang: Lang,
    /// Name and address lines of the addressee (may be empty for a letter handed over).
    pub recipient: String,
    /// The subject line.
    pub subject: String,
    /// The text.
    pub body: String,
}

impl LetterInput {
    /// Checks lengths, control characters and that no known field is left in braces.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        let subject = self.subject.trim();
        if subject.is_empty() {
            e.push("subject", ValidationCode::Required);
        } else if subject.chars().count() > MAX_SUBJECT {
            e.push("subject", ValidationCode::TooLong);
        } else if subject.chars().any(char::is_control) {
            e.push("subject", ValidationCode::ControlCharacters);
        } else if !unfilled(subject).is_empty() {
            e.push("subject", ValidationCode::UnfilledField);
        }
        if self.recipient.chars().count() > MAX_RECIPIENT {
            e.push("recipient", ValidationCode::TooLong);
        } else if has_bad_controls(&self.recipient) {
            e.push("recipient", ValidationCode::ControlCharacters);
        } else if !unfilled(&self.recipient).is_empty() {
            e.push("recipient", ValidationCode::UnfilledField);
        }
        if self.body.trim().is_empty() {
            e.push("body", ValidationCode::Required);
        } else if self.body.chars().count() > MAX_BODY {
            e.push("body", ValidationCode::TooLong);
        } else if has_bad_controls(&self.body) {
            e.push("body", ValidationCode::ControlCharacters);
        } else if !unfilled(&self.body).is_empty() {
            e.push("body", ValidationCode::UnfilledField);
        }
        e.into_result()
    }
}

/// Control characters other than line breaks and tabs (escape sequences, bidirectional
/// overrides, NUL) in a text of several lines.
fn has_bad_controls(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// A letter as it left the vault, kept with its dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Letter {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The dossier.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub dossier_id: i64,
    /// Which letter.
    pub kind: LetterKind,
    /// Its language.
    pub lang: Lang,
    /// As PDF or copied.
    pub via: LetterVia,
    /// The addressee as written.
    pub recipient: String,
    /// The subject as sent.
    pub subject: String,
    /// The text as sent.
    pub body: String,
    /// The day it left the vault.
    pub sent_on: NaiveDate,
    /// SHA-256 of the PDF (or of the copied text), hex: the export log holds the same.
    pub sha256: String,
}

/// A letter ready to edit: the template with the values filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterDraft {
    /// The text to edit.
    pub input: LetterInput,
    /// Fields that had no value and are still in braces, in the order they appear.
    pub missing: Vec<LetterField>,
    /// The file name a PDF of it is offered under.
    pub file_name: String,
}

/// A field's value, or none when the vault does not know it (yet).
pub type FieldValues = BTreeMap<LetterField, String>;

/// The fields named in braces in `text`, in order, with the unknown names apart: `{aan}` is
/// a field, `{onbekend}` an unknown name; braces around anything that is not a lowercase
/// word (`{ }`, `{A}`, a lone brace) are plain text.
fn names(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        while let Some(open) = text[rest..].find('{').map(|i| rest + i) {
            let after = &text[open + 1..];
            let len = after
                .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                .unwrap_or(after.len());
            if len > 0 && after[len..].starts_with('}') {
                rest = open + len + 2;
                return Some((open, rest, &after[..len]));
            }
            rest = open + 1;
        }
        None
    })
}

/// Known fields still in braces in `text`, in order of appearance, each once.
pub fn unfilled(text: &str) -> Vec<LetterField> {
    let mut out = Vec::new();
    for (_, _, name) in names(text) {
        if let Some(f) = LetterField::from_code(name)
            && !out.contains(&f)
        {
            out.push(f);
        }
    }
    out
}

/// Checks a template the advisor wrote: a subject and a body, within the limits, and every
/// name in braces a field Kluis knows.
pub fn check_template(subject: &str, body: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    let unknown = |t: &str| names(t).any(|(_, _, n)| LetterField::from_code(n).is_none());
    if subject.trim().is_empty() {
        e.push("subject", ValidationCode::Required);
    } else if subject.chars().count() > MAX_SUBJECT {
        e.push("subject", ValidationCode::TooLong);
    } else if subject.chars().any(char::is_control) {
        e.push("subject", ValidationCode::ControlCharacters);
    } else if unknown(subject) {
        e.push("subject", ValidationCode::UnknownField);
    }
    if body.trim().is_empty() {
        e.push("body", ValidationCode::Required);
    } else if body.chars().count() > MAX_BODY {
        e.push("body", ValidationCode::TooLong);
    } else if has_bad_controls(body) {
        e.push("body", ValidationCode::ControlCharacters);
    } else if unknown(body) {
        e.push("body", ValidationCode::UnknownField);
    }
    e.into_result()
}

/// `text` with every field that has a value replaced by it; fields without one stay in
/// braces and are added to `missing` (each once).
pub fn fill(text: &str, values: &FieldValues, missing: &mut Vec<LetterField>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end, name) in names(text) {
        let Some(field) = LetterField::from_code(name) else {
            continue;
        };
        match values.get(&field) {
            Some(v) => {
                out.push_str(&text[last..start]);
                out.push_str(v);
                last = end;
            }
            None if !missing.contains(&field) => missing.push(field),
            None => {}
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The draft of a letter from a template and the values the vault knows.
pub fn draft(template: &LetterTemplate, values: &FieldValues, dossier_number: &str) -> LetterDraft {
    let mut missing = Vec::new();
    let recipient = values.get(&LetterField::Aan).cloned().unwrap_or_default();
    let subject = fill(&template.subject, values, &mut missing);
    let body = fill(&template.body, values, &mut missing);
    LetterDraft {
        input: LetterInput {
            kind: template.kind,
            lang: template.lang,
            recipient,
            subject,
            body,
        },
        missing,
        file_name: file_name(template.kind, dossier_number, template.lang),
    }
}

/// The file name a letter's PDF is offered under: its kind and the dossier's number, never
/// a name (`afsluitbrief-2026-0012.pdf`).
pub fn file_name(kind: LetterKind, dossier_number: &str, lang: Lang) -> String {
    let stem = match (kind, lang) {
        (LetterKind::Toestemming, Lang::Nl) => "toestemming",
        (LetterKind::Toestemming, Lang::En) => "consent",
        (LetterKind::WbkBevestiging, Lang::Nl) => "ontvangstbevestiging",
        (LetterKind::WbkBevestiging, Lang::En) => "confirmation-of-receipt",
        (LetterKind::Doorverwijzing, Lang::Nl) => "doorverwijzing",
        (LetterKind::Doorverwijzing, Lang::En) => "referral",
        (LetterKind::Afsluiting, Lang::Nl) => "afsluitbrief",
        (LetterKind::Afsluiting, Lang::En) => "closing-letter",
        (LetterKind::Inzage, Lang::Nl) => "inzage",
        (LetterKind::Inzage, Lang::En) => "access-reply",
    };
    let number: String = dossier_number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("{stem}-{number}.pdf")
}

/// A number of months in words: "24 maanden", "1 month".
pub fn months_in_words(months: u32, lang: Lang) -> String {
    match (lang, months) {
        (Lang::Nl, 1) => "1 maand".to_owned(),
        (Lang::Nl, n) => format!("{n} maanden"),
        (Lang::En, 1) => "1 month".to_owned(),
        (Lang::En, n) => format!("{n} months"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(LetterField, &str)]) -> FieldValues {
        pairs.iter().map(|(f, v)| (*f, (*v).to_owned())).collect()
    }

    #[test]
    fn fill_replaces_known_fields_and_keeps_the_missing_ones_in_braces() {
        let mut missing = Vec::new();
        let text = fill(
            "Beste {aan}, op {afgesloten_op} en {afgesloten_op} ({dossier}).",
            &values(&[
                (LetterField::Aan, "Jan"),
                (LetterField::Dossier, "2026-0001"),
            ]),
            &mut missing,
        );
        assert_eq!(
            text, "Beste Jan, op {afgesloten_op} en {afgesloten_op} (2026-0001).",
            "a field without a value stays where the advisor must write"
        );
        assert_eq!(
            missing,
            vec![LetterField::AfgeslotenOp],
            "a missing field is listed once"
        );
    }

    #[test]
    fn braces_around_other_text_are_plain_text() {
        let mut missing = Vec::new();
        let text = fill("{ } {A} {onbekend} {", &FieldValues::new(), &mut missing);
        assert_eq!(
            text, "{ } {A} {onbekend} {",
            "nothing but fields is replaced"
        );
        assert!(missing.is_empty(), "unknown names are not fields");
        assert!(
            unfilled("{onbekend}").is_empty(),
            "an unknown name does not block a letter"
        );
    }

    #[test]
    fn a_value_holding_braces_is_not_filled_again() {
        let mut missing = Vec::new();
        let text = fill(
            "{aan} / {dossier}",
            &values(&[(LetterField::Aan, "{dossier}"), (LetterField::Dossier, "X")]),
            &mut missing,
        );
        assert_eq!(
            text, "{dossier} / X",
            "values are inserted once, not parsed"
        );
    }

    #[test]
    fn a_letter_with_a_field_left_in_braces_is_refused() {
        let mut input = LetterInput {
            kind: LetterKind::Afsluiting,
            lang: Lang::Nl,
            recipient: "J. Jansen".into(),
            subject: "Afsluiting".into(),
            body: "Afgesloten op {afgesloten_op}.".into(),
        };
        let e = input
            .validate()
            .expect_err("an unfilled field must block the export");
        assert_eq!(e.fields[0].field, "body", "the body is named");
        assert_eq!(e.fields[0].code, ValidationCode::UnfilledField);
        input.body = "Afgesloten op 1 december 2026.".into();
        assert!(input.validate().is_ok(), "filled in, the letter may leave");
        input.subject = "Afsluiting \u{1b}[2J".into();
        assert!(
            input.validate().is_err(),
            "an escape sequence in the subject is refused"
        );
    }

    #[test]
    fn a_template_with_an_unknown_field_is_refused() {
        let e = check_template("Onderwerp", "Beste {aam},").expect_err("a typo must be caught");
        assert_eq!(e.fields[0].code, ValidationCode::UnknownField);
        assert!(check_template("Onderwerp {dossier}", "Beste {aan},").is_ok());
    }

    #[test]
    fn every_built_in_template_checks_and_names_only_known_fields() {
        for &kind in LetterKind::ALL {
            for lang in [Lang::Nl, Lang::En] {
                let t = templates::built_in(kind, lang);
                assert!(
                    check_template(&t.subject, &t.body).is_ok(),
                    "{kind} {lang:?}: a built-in template must pass its own check"
                );
            }
        }
    }

    #[test]
    fn the_file_name_holds_the_kind_and_number_only() {
        assert_eq!(
            file_name(LetterKind::Afsluiting, "2026-0012", Lang::Nl),
            "afsluitbrief-2026-0012.pdf"
        );
        assert_eq!(
            file_name(LetterKind::Inzage, "../x/2026 0012", Lang::En),
            "access-reply-x20260012.pdf",
            "nothing but letters, digits and dashes from the number"
        );
    }
}
