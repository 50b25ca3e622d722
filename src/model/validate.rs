//! Validation of inputs: pure checks on one input at a time, reported per field with a code
//! the UI can translate and a message in Dutch or English. Messages name fields, never values.

use super::*;
use crate::Lang;

/// Why a field is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ValidationCode {
    /// A required text is empty.
    Required,
    /// A text is longer than allowed.
    TooLong,
    /// Another record already uses this value.
    Duplicate,
    /// A number must be above zero.
    NotPositive,
    /// A number is implausibly large.
    TooLarge,
    /// Closing date before opening date.
    ClosedBeforeOpened,
    /// Destroy-by date before the closing date.
    DestroyByBeforeClosed,
    /// A date lies in the future.
    InFuture,
    /// A date lies before the dossier was opened.
    BeforeOpened,
    /// The organisation does not exist.
    UnknownOrganisation,
    /// The organisation is archived.
    ArchivedOrganisation,
    /// The category does not exist.
    UnknownCategory,
    /// The category is retired and cannot be chosen anew.
    InactiveCategory,
    /// A legal hold needs a reason.
    HoldNeedsReason,
    /// The dossier is already closed.
    AlreadyClosed,
    /// The dossier is not closed.
    NotClosed,
    /// The same value is listed twice.
    Repeated,
    /// A single-line text holds control characters (escape sequences, bidirectional
    /// overrides, NUL, line breaks): they could rewrite a terminal or reorder what is shown.
    ControlCharacters,
    /// A passage to leave out does not occur in the text.
    NotInText,
    /// An imported cell is not a date in any form Kluis reads.
    NotADate,
    /// An imported date cannot exist (31 February).
    ImpossibleDate,
    /// An imported cell is not a number in any form Kluis reads.
    NotANumber,
    /// An imported value is not mapped to a Kluis code (nor is one itself).
    UnknownValue,
    /// A number or code is not in its required form (a KvK number, an IBAN, a pattern).
    InvalidFormat,
    /// A final invoice never changes: credit it instead.
    InvoiceFinal,
    /// A letter still holds a field in braces that was not filled in (`{afgesloten_op}`).
    UnfilledField,
    /// A template names a field in braces that Kluis does not know (a typo).
    UnknownField,
}

impl ValidationCode {
    /// The message for this code in the given language.
    pub fn message(self, lang: Lang) -> &'static str {
        use ValidationCode::*;
        match (self, lang) {
            (Required, Lang::Nl) => "Dit veld is verplicht.",
            (Required, Lang::En) => "This field is required.",
            (TooLong, Lang::Nl) => "Deze tekst is te lang.",
            (TooLong, Lang::En) => "This text is too long.",
            (Duplicate, Lang::Nl) => "Deze naam is al in gebruik.",
            (Duplicate, Lang::En) => "This name is already in use.",
            (NotPositive, Lang::Nl) => "Vul een getal groter dan 0 in.",
            (NotPositive, Lang::En) => "Enter a number greater than 0.",
            (TooLarge, Lang::Nl) => "Dit getal is onwaarschijnlijk groot.",
            (TooLarge, Lang::En) => "This number is implausibly large.",
            (ClosedBeforeOpened, Lang::Nl) => "De sluitdatum ligt voor de openingsdatum.",
            (ClosedBeforeOpened, Lang::En) => "The closing date is before the opening date.",
            (DestroyByBeforeClosed, Lang::Nl) => "De vernietigingsdatum ligt voor de sluitdatum.",
            (DestroyByBeforeClosed, Lang::En) => "The destroy-by date is before the closing date.",
            (InFuture, Lang::Nl) => "Deze datum ligt in de toekomst.",
            (InFuture, Lang::En) => "This date is in the future.",
            (BeforeOpened, Lang::Nl) => "Deze datum ligt voor de openingsdatum van het dossier.",
            (BeforeOpened, Lang::En) => "This date is before the dossier was opened.",
            (UnknownOrganisation, Lang::Nl) => "Deze organisatie bestaat niet.",
            (UnknownOrganisation, Lang::En) => "This organisation does not exist.",
            (ArchivedOrganisation, Lang::Nl) => {
                "Deze organisatie is gearchiveerd; zet het archiveren eerst terug."
            }
            (ArchivedOrganisation, Lang::En) => "This organisation is archived; restore it first.",
            (UnknownCategory, Lang::Nl) => "Deze categorie bestaat niet.",
            (UnknownCategory, Lang::En) => "This category does not exist.",
            (InactiveCategory, Lang::Nl) => "Deze categorie is niet meer in gebruik.",
            (InactiveCategory, Lang::En) => "This category is no longer in use.",
            (HoldNeedsReason, Lang::Nl) => "Geef een reden voor de juridische blokkade.",
            (HoldNeedsReason, Lang::En) => "Give a reason for the legal hold.",
            (AlreadyClosed, Lang::Nl) => "Dit dossier is al gesloten.",
            (AlreadyClosed, Lang::En) => "This dossier is already closed.",
            (NotClosed, Lang::Nl) => "Dit dossier is nog open.",
            (NotClosed, Lang::En) => "This dossier is still open.",
            (Repeated, Lang::Nl) => "Een waarde staat er twee keer in.",
            (Repeated, Lang::En) => "A value is listed twice.",
            (NotInText, Lang::Nl) => "Deze passage staat niet (meer) in de tekst.",
            (NotInText, Lang::En) => "This passage is not (or no longer) in the text.",
            (ControlCharacters, Lang::Nl) => {
                "Deze tekst bevat onzichtbare stuurtekens. Haal ze weg (typ de tekst opnieuw)."
            }
            (ControlCharacters, Lang::En) => {
                "This text contains invisible control characters. Remove them (retype the text)."
            }
            (NotADate, Lang::Nl) => "Dit is geen datum.",
            (NotADate, Lang::En) => "This is not a date.",
            (ImpossibleDate, Lang::Nl) => "Deze datum bestaat niet.",
            (ImpossibleDate, Lang::En) => "This date does not exist.",
            (NotANumber, Lang::Nl) => "Dit is geen getal.",
            (NotANumber, Lang::En) => "This is not a number.",
            (UnknownValue, Lang::Nl) => "Aan deze waarde is nog geen code gekoppeld.",
            (UnknownValue, Lang::En) => "This value is not yet mapped to a code.",
            (InvalidFormat, Lang::Nl) => "Dit heeft niet de juiste vorm.",
            (InvalidFormat, Lang::En) => "This is not in the right form.",
            (InvoiceFinal, Lang::Nl) => {
                "Deze factuur is definitief en verandert niet meer; maak een creditfactuur."
            }
            (InvoiceFinal, Lang::En) => {
                "This invoice is final and no longer changes; make a credit invoice."
            }
            (UnfilledField, Lang::Nl) => {
                "Er staat nog een veld tussen accolades dat niet is ingevuld; vul het zelf in."
            }
            (UnfilledField, Lang::En) => {
                "A field in braces has not been filled in yet; fill it in yourself."
            }
            (UnknownField, Lang::Nl) => {
                "Dit sjabloon noemt een veld tussen accolades dat Kluis niet kent."
            }
            (UnknownField, Lang::En) => {
                "This template names a field in braces Kluis does not know."
            }
        }
    }
}

/// One invalid field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    /// The input field, as named in the input struct (for example `closed_on`).
    pub field: String,
    /// Why.
    pub code: ValidationCode,
}

/// Every invalid field of one input. Never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValidationErrors {
    /// The invalid fields, in input order.
    pub fields: Vec<FieldError>,
}

impl ValidationErrors {
    /// Records an invalid field.
    pub fn push(&mut self, field: &str, code: ValidationCode) {
        self.fields.push(FieldError {
            field: field.to_owned(),
            code,
        });
    }

    /// `Ok(())` when nothing was recorded, else `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.fields.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// A single-field error.
    pub fn single(field: &str, code: ValidationCode) -> Self {
        let mut e = ValidationErrors::default();
        e.push(field, code);
        e
    }

    /// Whether a field has the given code (for tests and the UI).
    pub fn has(&self, field: &str, code: ValidationCode) -> bool {
        self.fields
            .iter()
            .any(|f| f.field == field && f.code == code)
    }

    /// All messages as `field: message` lines in the given language.
    pub fn describe(&self, lang: Lang) -> String {
        self.fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.code.message(lang)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for ValidationErrors {}

/// Whether a character may never appear in a single-line text (a name, a label, a reason, a
/// title): C0 and C1 control characters (NUL, ESC, BEL, line breaks, DEL, CSI, ...) and the
/// Unicode characters that reorder or split what is shown (bidirectional marks, embeddings,
/// overrides and isolates such as U+202E; line and paragraph separators). An ESC sequence in
/// a name could rewrite a terminal; U+202E could make one name read as another.
pub fn is_control_character(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Whether a single-line text holds a character [`is_control_character`] refuses.
pub fn has_control_characters(text: &str) -> bool {
    text.chars().any(is_control_character)
}

/// Records `ControlCharacters` for `field` when the text holds any.
fn check_line(e: &mut ValidationErrors, field: &str, text: &str) {
    if has_control_characters(text) {
        e.push(field, ValidationCode::ControlCharacters);
    }
}

const MAX_NAME: usize = 200;
const MAX_NOTES: usize = 200_000;
const MAX_MINUTES: i64 = 24 * 60;

impl OrganisationInput {
    /// Pure checks: name present and not too long, employees > 0.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.name.trim().is_empty() {
            e.push("name", ValidationCode::Required);
        } else if self.name.chars().count() > MAX_NAME {
            e.push("name", ValidationCode::TooLong);
        } else {
            check_line(&mut e, "name", &self.name);
        }
        if self.employee_count == 0 {
            e.push("employee_count", ValidationCode::NotPositive);
        } else if self.employee_count > 1_000_000 {
            e.push("employee_count", ValidationCode::TooLarge);
        }
        if self.contact_label.chars().count() > MAX_NAME {
            e.push("contact_label", ValidationCode::TooLong);
        } else {
            check_line(&mut e, "contact_label", &self.contact_label);
        }
        e.into_result()
    }
}

fn check_minutes(e: &mut ValidationErrors, minutes: i64) {
    if minutes <= 0 {
        e.push("minutes", ValidationCode::NotPositive);
    } else if minutes > MAX_MINUTES {
        e.push("minutes", ValidationCode::TooLarge);
    }
}

impl ConversationInput {
    /// Pure checks against the dossier's opening date and today.
    pub fn validate(&self, opened_on: NaiveDate, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.held_on > today {
            e.push("held_on", ValidationCode::InFuture);
        } else if self.held_on < opened_on {
            e.push("held_on", ValidationCode::BeforeOpened);
        }
        check_minutes(&mut e, self.minutes);
        e.into_result()
    }
}

impl TimeEntryInput {
    /// Pure checks: positive minutes, not in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.spent_on > today {
            e.push("spent_on", ValidationCode::InFuture);
        }
        check_minutes(&mut e, self.minutes);
        if self.description.chars().count() > MAX_NAME {
            e.push("description", ValidationCode::TooLong);
        } else {
            check_line(&mut e, "description", &self.description);
        }
        e.into_result()
    }
}

impl DossierInput {
    /// Pure checks. `closed_on` is the dossier's closing date when it is closed.
    pub fn validate(
        &self,
        closed_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.opened_on > today {
            e.push("opened_on", ValidationCode::InFuture);
        }
        if self.consent_on > today {
            e.push("consent_on", ValidationCode::InFuture);
        }
        if let Some(closed) = closed_on {
            if closed < self.opened_on {
                e.push("opened_on", ValidationCode::ClosedBeforeOpened);
            }
            if let Some(d) = self.destroy_by
                && d < closed
            {
                e.push("destroy_by", ValidationCode::DestroyByBeforeClosed);
            }
        } else if let Some(d) = self.destroy_by
            && d < self.opened_on
        {
            e.push("destroy_by", ValidationCode::BeforeOpened);
        }
        if self.legal_hold && self.legal_hold_reason.trim().is_empty() {
            e.push("legal_hold_reason", ValidationCode::HoldNeedsReason);
        }
        if self.legal_hold_reason.chars().count() > MAX_NAME * 5 {
            e.push("legal_hold_reason", ValidationCode::TooLong);
        } else {
            check_line(&mut e, "legal_hold_reason", &self.legal_hold_reason);
        }
        if self.notes.len() > MAX_NOTES {
            e.push("notes", ValidationCode::TooLong);
        }
        if has_repeats(&self.categories) {
            e.push("categories", ValidationCode::Repeated);
        }
        if has_repeats(&self.actions) {
            e.push("actions", ValidationCode::Repeated);
        }
        e.into_result()
    }
}

impl CloseInput {
    /// Pure checks against the dossier's opening date and today.
    pub fn validate(&self, opened_on: NaiveDate, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.closed_on < opened_on {
            e.push("closed_on", ValidationCode::ClosedBeforeOpened);
        }
        if self.closed_on > today {
            e.push("closed_on", ValidationCode::InFuture);
        }
        if let Some(d) = self.destroy_by
            && d < self.closed_on
        {
            e.push("destroy_by", ValidationCode::DestroyByBeforeClosed);
        }
        e.into_result()
    }
}

impl Category {
    /// Pure checks of an advisor's own category: a code of lower-case letters, digits and `_`
    /// (at most 64), and both labels present, not too long and single-line.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        let code_ok = !self.code.is_empty()
            && self.code.len() <= 64
            && self
                .code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !code_ok {
            e.push("code", ValidationCode::Required);
        }
        for (field, label) in [("label_nl", &self.label_nl), ("label_en", &self.label_en)] {
            if label.trim().is_empty() {
                e.push(field, ValidationCode::Required);
            } else if label.chars().count() > MAX_NAME {
                e.push(field, ValidationCode::TooLong);
            } else {
                check_line(&mut e, field, label);
            }
        }
        e.into_result()
    }
}

/// Checks the title of a pooled report (printed on the report): single-line, not too long.
pub fn validate_title(field: &str, title: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if title.chars().count() > MAX_NAME {
        e.push(field, ValidationCode::TooLong);
    } else {
        check_line(&mut e, field, title);
    }
    e.into_result()
}

fn has_repeats<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .any(|(i, a)| items[..i].iter().any(|b| b == a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("test dates are valid")
    }

    #[test]
    fn closing_before_opening_is_rejected() {
        let c = CloseInput {
            closed_on: day("2026-01-01"),
            outcome: Outcome::Onbekend,
            destroy_by: None,
        };
        let err = c
            .validate(day("2026-02-01"), day("2026-03-01"))
            .unwrap_err();
        assert!(
            err.has("closed_on", ValidationCode::ClosedBeforeOpened),
            "a dossier cannot close before it opened: {err:?}"
        );
    }

    #[test]
    fn minutes_must_be_positive() {
        let c = ConversationInput {
            held_on: day("2026-02-01"),
            minutes: 0,
            mode: ConversationMode::Telefoon,
        };
        let err = c
            .validate(day("2026-01-01"), day("2026-03-01"))
            .unwrap_err();
        assert!(
            err.has("minutes", ValidationCode::NotPositive),
            "0 minutes is no conversation"
        );
    }

    #[test]
    fn destroy_by_before_closing_is_rejected() {
        let mut d = DossierInput::new(1, ContactType::Consult, day("2026-01-01"));
        d.destroy_by = Some(day("2026-01-15"));
        let err = d
            .validate(Some(day("2026-02-01")), day("2026-03-01"))
            .unwrap_err();
        assert!(
            err.has("destroy_by", ValidationCode::DestroyByBeforeClosed),
            "{err:?}"
        );
    }

    #[test]
    fn legal_hold_needs_reason_and_messages_exist_in_both_languages() {
        let mut d = DossierInput::new(1, ContactType::Consult, day("2026-01-01"));
        d.legal_hold = true;
        let err = d.validate(None, day("2026-03-01")).unwrap_err();
        assert!(err.has("legal_hold_reason", ValidationCode::HoldNeedsReason));
        assert!(
            err.describe(Lang::Nl).contains("juridische blokkade"),
            "Dutch message"
        );
        assert!(
            err.describe(Lang::En).contains("legal hold"),
            "English message"
        );
    }

    #[test]
    fn single_line_texts_with_control_characters_are_refused_per_field() {
        let hostile = [
            "Bakkerij\u{1b}[2J\u{1b}[31mNep",
            "Zorg\u{202E}ehT",
            "Nul\0byte",
            "Twee\nregels",
            "Bel\u{7}",
            "C1\u{9b}31m",
            "Isolaat\u{2067}x\u{2069}",
        ];
        for name in hostile {
            let org = OrganisationInput {
                name: name.into(),
                employee_count: 10,
                arrangement: Arrangement::Maatwerk,
                contact_label: name.into(),
            };
            let err = org.validate().unwrap_err();
            assert!(
                err.has("name", ValidationCode::ControlCharacters)
                    && err.has("contact_label", ValidationCode::ControlCharacters),
                "{name:?}: an escape sequence or bidi override in a name could rewrite a \
                 terminal or disguise one name as another, so both fields are refused: {err:?}"
            );
            assert!(
                !err.describe(Lang::En).contains(name),
                "the message names the field, never the value"
            );
            let mut t = TimeEntryInput {
                organisation_id: 1,
                spent_on: day("2026-02-01"),
                minutes: 30,
                activity: Activity::Voorlichting,
                description: name.into(),
            };
            assert!(
                t.validate(day("2026-03-01"))
                    .unwrap_err()
                    .has("description", ValidationCode::ControlCharacters),
                "{name:?}: a time entry's description is single-line too"
            );
            t.description.clear();
            let mut d = DossierInput::new(1, ContactType::Consult, day("2026-01-01"));
            d.legal_hold = true;
            d.legal_hold_reason = name.into();
            assert!(
                d.validate(None, day("2026-03-01"))
                    .unwrap_err()
                    .has("legal_hold_reason", ValidationCode::ControlCharacters),
                "{name:?}: a legal-hold reason is single-line"
            );
            let c = Category {
                code: "eigen".into(),
                label_nl: name.into(),
                label_en: "Own".into(),
                group: CategoryGroup::Overig,
                active: true,
            };
            assert!(
                c.validate()
                    .unwrap_err()
                    .has("label_nl", ValidationCode::ControlCharacters),
                "{name:?}: a category label is single-line"
            );
            assert!(
                validate_title("pooled_title", name)
                    .unwrap_err()
                    .has("pooled_title", ValidationCode::ControlCharacters),
                "{name:?}: a pooled report's title is single-line"
            );
        }
        for fine in [
            "Zorggroep Één & Co (Noord)",
            "‘t Hof – ZWJ 👩‍⚕️",
            "عيادة الشفاء",
        ] {
            assert!(
                !has_control_characters(fine),
                "{fine:?}: accents, dashes, emoji with joiners and right-to-left scripts are \
                 ordinary text"
            );
        }
        let mut d = DossierInput::new(1, ContactType::Consult, day("2026-01-01"));
        d.notes = "Regel een\nRegel twee\tmet tab".into();
        assert_eq!(
            d.validate(None, day("2026-03-01")),
            Ok(()),
            "notes are multi-line text: line breaks and tabs stay allowed"
        );
    }

    #[test]
    fn a_valid_dossier_passes() {
        let d = DossierInput::new(1, ContactType::Consult, day("2026-01-01"));
        assert_eq!(
            d.validate(None, day("2026-03-01")),
            Ok(()),
            "defaults are valid"
        );
    }
}
