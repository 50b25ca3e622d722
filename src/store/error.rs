//! Errors of the store. SQLite's own messages can quote schema text, so only its error code is
//! kept; validation errors name fields, never values. The code a shell reports for each
//! variant comes from the one list in [`crate::error`].

use crate::Lang;
use crate::model::ValidationErrors;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The input is invalid; every invalid field is listed.
    #[error("invalid input: {0}")]
    Validation(#[from] ValidationErrors),
    /// The record does not exist.
    #[error("{what} not found")]
    NotFound {
        /// Which kind of record.
        what: &'static str,
    },
    /// The vault's schema is newer than this build knows.
    #[error("database schema {found} is newer than supported ({supported})")]
    UnsupportedSchema {
        /// Found `user_version`.
        found: i64,
        /// Newest supported.
        supported: i64,
    },
    /// The database failed its integrity check.
    #[error("database integrity check failed ({problems} problems)")]
    Integrity {
        /// Number of problems reported.
        problems: usize,
    },
    /// The database holds objects (tables, indexes, triggers, views) that the migrations of
    /// its schema version do not define, or a schema version that cannot exist: it was
    /// forged or altered outside Kluis.
    #[error("database schema was altered outside Kluis")]
    AlteredSchema,
    /// The image is a SQLite database, but not a Kluis one.
    #[error("not a Kluis database")]
    ForeignDatabase,
    /// Dossiers may not be destroyed: the most serious block and how many dossiers it
    /// applies to (never their numbers or content). Nothing was destroyed.
    #[error("destruction refused ({block}, {dossiers} dossiers)")]
    DestructionRefused {
        /// Why.
        block: crate::model::DestructionBlock,
        /// How many dossiers of the request it applies to.
        dossiers: usize,
    },
    /// A change to a deadline is refused (extended before, not extendable, done, or a Wbk
    /// term on a dossier the Wbk does not cover). Nothing was changed.
    #[error("deadline change refused: {0}")]
    Deadline(#[from] crate::model::DeadlineError),
    /// A change to parties or links is refused (an undecided conflict of interest, a link to
    /// the same dossier). Nothing was changed.
    #[error("refused: {0}")]
    Party(#[from] crate::model::PartyError),
    /// A document is refused (too large, the vault full, already in the dossier, empty, or a
    /// removal under legal hold). Nothing was changed.
    #[error("document refused: {0}")]
    Document(#[from] crate::model::DocumentError),
    /// SQLite reported an error (only its code is kept).
    #[error("database error (SQLite code {code})")]
    Sqlite {
        /// Extended result code.
        code: i32,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound { what: "record" },
            rusqlite::Error::SqliteFailure(f, _) => StoreError::Sqlite {
                code: f.extended_code,
            },
            _ => StoreError::Sqlite { code: -1 },
        }
    }
}

impl StoreError {
    /// The message for the advisor in the given language.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            StoreError::Validation(v) => v.describe(lang),
            StoreError::NotFound { what } => {
                if nl {
                    let wat = match *what {
                        "organisation" => "organisatie",
                        "dossier" => "dossier",
                        "conversation" => "gesprek",
                        "time entry" => "urenregel",
                        "category" => "categorie",
                        "deadline" => "termijn",
                        "breach" => "datalek",
                        "party" => "betrokkene",
                        "link" => "koppeling",
                        "document" => "document",
                        _ => "gegeven",
                    };
                    format!("Niet gevonden ({wat}).")
                } else {
                    format!("Not found ({what}).")
                }
            }
            StoreError::UnsupportedSchema { found, supported } => {
                if nl {
                    format!(
                        "Deze kluis is gemaakt met een nieuwere versie van Kluis (schema {found}, deze versie kent t/m {supported}). Werk Kluis bij."
                    )
                } else {
                    format!(
                        "This vault was made by a newer version of Kluis (schema {found}, this version knows up to {supported}). Update Kluis."
                    )
                }
            }
            StoreError::Integrity { .. } => if nl {
                "De database in de kluis is beschadigd. Gebruik een reservekopie."
            } else {
                "The database inside the vault is damaged. Use a backup."
            }
            .into(),
            StoreError::AlteredSchema => if nl {
                "De database in de kluis bevat onderdelen die Kluis niet heeft gemaakt: hij is buiten Kluis gewijzigd en kan niet worden vertrouwd. Gebruik een reservekopie."
            } else {
                "The database inside the vault holds parts that Kluis did not make: it was altered outside Kluis and cannot be trusted. Use a backup."
            }
            .into(),
            StoreError::ForeignDatabase => if nl {
                "Dit bestand bevat een database, maar geen Kluis-database. Gebruik een reservekopie."
            } else {
                "This file holds a database, but not a Kluis database. Use a backup."
            }
            .into(),
            StoreError::DestructionRefused { block, dossiers } => {
                let text = crate::error::ErrorCode::of_block(*block).message(lang);
                if *dossiers > 1 {
                    if nl {
                        format!("{text} (Dit geldt voor {dossiers} dossiers.)")
                    } else {
                        format!("{text} (This applies to {dossiers} dossiers.)")
                    }
                } else {
                    text.to_owned()
                }
            }
            StoreError::Deadline(e) => crate::error::ErrorCode::of_deadline(*e)
                .message(lang)
                .to_owned(),
            StoreError::Party(e) => crate::error::ErrorCode::of_party(*e)
                .message(lang)
                .to_owned(),
            StoreError::Document(e) => crate::error::ErrorCode::of_document(*e)
                .message(lang)
                .to_owned(),
            StoreError::Sqlite { code } => {
                if nl {
                    format!(
                        "Databasefout (code {code}). Er is niets opgeslagen; probeer het opnieuw."
                    )
                } else {
                    format!("Database error (code {code}). Nothing was saved; try again.")
                }
            }
        }
    }
}
