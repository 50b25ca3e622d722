//! The codes and messages of the report's errors: its period, disclosure control, building,
//! rendering and exporting (files written out of the vault, shared by invoices, documents and
//! the access export).

use super::{Coded, ErrorCode};
use crate::Lang;
use crate::model::ValidationErrors;
use crate::report::disclosure::DisclosureError;
use crate::report::export::ExportError;
use crate::report::render::pdf::RenderError;
use crate::report::{PeriodError, ReportError};

impl Coded for PeriodError {
    fn error_code(&self) -> ErrorCode {
        ErrorCode::InvalidPeriod
    }
}

impl Coded for DisclosureError {
    fn error_code(&self) -> ErrorCode {
        match self {
            DisclosureError::InnerCellOutOfRange { .. }
            | DisclosureError::Shape { .. }
            | DisclosureError::Space { .. }
            | DisclosureError::LedgerMismatch { .. }
            | DisclosureError::LedgerDiscloses { .. }
            | DisclosureError::Overflow
            | DisclosureError::Solver { .. } => ErrorCode::AnonymisationFailed,
        }
    }

    /// The generic message with the disclosure step's own code (fixed words, no counts).
    fn error_message(&self, lang: Lang) -> String {
        format!("{} ({})", self.error_code().message(lang), self.code())
    }
}

impl Coded for ReportError {
    fn error_code(&self) -> ErrorCode {
        match self {
            ReportError::Store(e) => e.error_code(),
            ReportError::Disclosure(e) => e.error_code(),
            ReportError::PooledTooFew { .. } => ErrorCode::PooledTooFew,
            ReportError::Frozen { .. } => ErrorCode::PeriodFrozen,
            ReportError::ProfileFrozen { .. } => ErrorCode::ProfileFrozen,
            ReportError::DuplicateOrganisation
            | ReportError::NoOrganisation
            | ReportError::JointOneOrganisation => ErrorCode::Validation,
            ReportError::NoContributions => ErrorCode::NoContributions,
            ReportError::LegacyLedger => ErrorCode::LegacyLedger,
            ReportError::NotPublishable => ErrorCode::AnonymisationFailed,
        }
    }

    fn error_message(&self, lang: Lang) -> String {
        match self {
            ReportError::Store(e) => e.error_message(lang),
            ReportError::Disclosure(e) => e.error_message(lang),
            ReportError::PooledTooFew { minimum } => match lang {
                Lang::Nl => {
                    format!(
                        "Een gebundelde rapportage heeft ten minste {minimum} organisaties nodig."
                    )
                }
                Lang::En => format!("A pooled report needs at least {minimum} organisations."),
            },
            ReportError::ProfileFrozen { profile, .. } => match lang {
                Lang::Nl => format!(
                    "Deze periode is al gepubliceerd met het profiel {profile} en ligt vast; kies dat profiel. Er is niets geschreven."
                ),
                Lang::En => format!(
                    "This period was already published with the profile {profile} and is frozen; choose that profile. Nothing was written."
                ),
            },
            ReportError::DuplicateOrganisation => match lang {
                Lang::Nl => "Een organisatie is twee keer gekozen.".to_owned(),
                Lang::En => "An organisation is chosen twice.".to_owned(),
            },
            ReportError::NotPublishable => match lang {
                Lang::Nl => "Deze periode kan na de eerdere rapportages niet veilig worden gerapporteerd: zij zou een eerder beschermd klein aantal prijsgeven. Kies een langere periode. Er is niets geschreven.".to_owned(),
                Lang::En => "This period cannot be reported safely after the earlier reports: it would reveal a small number protected before. Choose a longer period. Nothing was written.".to_owned(),
            },
            ReportError::NoOrganisation => match lang {
                Lang::Nl => {
                    "Kies een organisatie, of ten minste drie voor een gebundelde rapportage."
                        .to_owned()
                }
                Lang::En => {
                    "Choose an organisation, or at least three for a pooled report.".to_owned()
                }
            },
            ReportError::JointOneOrganisation => match lang {
                Lang::Nl => "Een gezamenlijke rapportage gaat over één organisatie.".to_owned(),
                Lang::En => "A joint report is about one organisation.".to_owned(),
            },
            // The period is structure, but the message needs none of it.
            ReportError::Frozen { .. }
            | ReportError::LegacyLedger
            | ReportError::NoContributions => {
                self.error_code().message(lang).to_owned()
            }
        }
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        match self {
            ReportError::Store(e) => e.validation(),
            _ => None,
        }
    }
}

impl Coded for RenderError {
    fn error_code(&self) -> ErrorCode {
        match self {
            RenderError::InvalidDate
            | RenderError::Data
            | RenderError::Template { .. }
            | RenderError::Pdf { .. } => ErrorCode::RenderFailed,
        }
    }
}

impl Coded for ExportError {
    fn error_code(&self) -> ErrorCode {
        match self {
            ExportError::AuditFailed => ErrorCode::AuditFailed,
            ExportError::LintNotAccepted { .. } => ErrorCode::LintNotAccepted,
            ExportError::NothingChosen => ErrorCode::NothingChosen,
            ExportError::NotFinal => ErrorCode::InvoiceNotFinal,
            ExportError::Exists { .. } => ErrorCode::FileExists,
            ExportError::SameFile => ErrorCode::SameFile,
            ExportError::Io { .. } => ErrorCode::Io,
            ExportError::Render { .. } => ErrorCode::RenderFailed,
            ExportError::Store(e) => e.error_code(),
            ExportError::Vault(e) => e.error_code(),
        }
    }

    /// The export's own messages (a warning count, the I/O kind, the renderer's code).
    fn error_message(&self, lang: Lang) -> String {
        self.message(lang)
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        match self {
            ExportError::Store(e) => e.validation(),
            ExportError::Vault(e) => e.validation(),
            _ => None,
        }
    }
}
