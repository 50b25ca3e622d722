//! Import of an existing registration: a spreadsheet (.xlsx, .xls, .ods) or a CSV file
//! becomes dossiers, in named stages that the CLI (`kluis import`) and the app share:
//!
//! 1. [`source`]: read the file (kind from its first bytes; text decoded whatever its
//!    encoding, its delimiter found); formulas are never evaluated.
//! 2. [`review`]: the columns with the field each header suggests, a drafted [`Mapping`],
//!    every distinct value of the coded fields with a suggested code ([`suggest`]).
//! 3. [`plan`]: the dry run: every row into a dossier or into errors with row and column,
//!    nothing written.
//! 4. [`commit`]: a plan without errors goes in as one transaction, is logged (kind
//!    `import`, with the file's SHA-256) and saved; the save keeps the previous vault file as
//!    a backup. If the save fails, the import is taken back: nothing is half-written.
//!
//! Errors never carry cell contents: a row issue names the row, the column, the field and
//! a code; the value itself is only shown on the advisor's own screen.

pub mod mapping;
pub mod plan;
pub mod review;
pub mod source;
pub mod suggest;
pub mod text;
pub mod values;

pub use mapping::{DateOrder, Field, Mapping};
pub use plan::{ImportPlan, ImportRecord, OrganisationCount, PreviewRow, RowIssue};
pub use review::{ColumnInfo, ValueReview};
pub use source::{FileKind, Workbook};

use crate::Clock;
use crate::store::{Store, StoreError};
use crate::vault::{Vault, VaultError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Why a file cannot be imported. Carries no cell contents, names or paths.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a spreadsheet or text file Kluis can read, or a damaged one.
    #[error("the file is not a readable spreadsheet or CSV file")]
    Unreadable,
    /// Larger than Kluis reads.
    #[error("the file is larger than {max_bytes} bytes")]
    TooLarge {
        /// The limit.
        max_bytes: u64,
    },
    /// More rows than Kluis reads from one sheet.
    #[error("the sheet has more than {max_rows} rows")]
    TooManyRows {
        /// The limit.
        max_rows: u64,
    },
    /// More columns than Kluis reads.
    #[error("the sheet has more than {max_columns} columns")]
    TooManyColumns {
        /// The limit.
        max_columns: u64,
    },
    /// The mapping names a sheet the file does not have.
    #[error("the sheet named in the mapping is not in the file")]
    SheetMissing,
    /// The mapping file is not valid.
    #[error("the mapping is not valid (line {line:?})")]
    MappingInvalid {
        /// The line of the mistake, when known.
        line: Option<u64>,
    },
    /// A field's column in the mapping is not a column letter, or several for a field that
    /// takes one.
    #[error("the mapping's column for {field:?} is not valid")]
    MappingColumn {
        /// The field.
        field: Field,
    },
    /// The dry run found errors; nothing was written.
    #[error("{rows} rows have errors; nothing was imported")]
    HasErrors {
        /// Rows with errors.
        rows: u32,
    },
    /// No row would become a dossier.
    #[error("no row would become a dossier")]
    NothingToImport,
    /// This very file (same SHA-256) was imported before.
    #[error("this file was imported before")]
    AlreadyImported,
    /// The vault's database refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Saving the vault failed (the import was taken back).
    #[error(transparent)]
    Vault(#[from] VaultError),
}

/// A file read and hashed, ready for the steps.
#[derive(Debug, Clone)]
pub struct Source {
    /// Its contents.
    pub book: Workbook,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
}

impl Source {
    /// Reads and hashes a file.
    pub fn read(path: &Path) -> Result<Source, ImportError> {
        let meta = std::fs::metadata(path).map_err(|_| ImportError::Unreadable)?;
        if meta.len() > source::MAX_FILE_BYTES {
            return Err(ImportError::TooLarge {
                max_bytes: source::MAX_FILE_BYTES,
            });
        }
        let bytes = std::fs::read(path).map_err(|_| ImportError::Unreadable)?;
        Source::from_bytes(&bytes)
    }

    /// Reads a file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Source, ImportError> {
        Ok(Source {
            book: source::read_bytes(bytes)?,
            sha256: hex(&Sha256::digest(bytes)),
        })
    }

    /// The dry run of this file against a vault's organisations and categories.
    pub fn plan(
        &self,
        store: &Store,
        mapping: &Mapping,
        clock: Clock,
    ) -> Result<DryRun, ImportError> {
        let plan = plan::plan(
            &self.book,
            mapping,
            &store.organisations(true)?,
            &store.categories()?,
            clock.today,
        )?;
        Ok(DryRun {
            imported_before: store.imported_before(&self.sha256)?,
            plan,
        })
    }

    /// A drafted mapping for a sheet and header row.
    pub fn draft(
        &self,
        store: &Store,
        sheet: Option<String>,
        header_row: u32,
    ) -> Result<Mapping, ImportError> {
        review::draft(
            &self.book,
            sheet,
            header_row,
            &store.organisations(true)?,
            &store.categories()?,
        )
    }

    /// Every distinct value of the mapped coded fields, with its mapping and a suggestion.
    pub fn values(
        &self,
        store: &Store,
        mapping: &Mapping,
    ) -> Result<Vec<ValueReview>, ImportError> {
        review::review_values(
            &self.book,
            mapping,
            &store.organisations(true)?,
            &store.categories()?,
        )
    }
}

/// A dry run: the plan, and whether this file went in before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DryRun {
    /// What would be created, and every error.
    pub plan: ImportPlan,
    /// When this same file (by SHA-256) was imported before, if it was.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub imported_before: Option<chrono::DateTime<chrono::Utc>>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOutcome {
    /// Dossiers created.
    pub created: u32,
    /// The numbers given, first and last.
    pub first_number: String,
    /// The last number given.
    pub last_number: String,
    /// Dossiers per organisation.
    pub per_organisation: Vec<OrganisationCount>,
}

/// Writes a dry run's dossiers into the vault and saves it: refused when the plan has
/// errors or nothing to import, or (unless `again`) when the same file went in before. All
/// rows go in one transaction; the import is logged with the file's hash; if the save
/// fails, the dossiers and the log entry are removed again and the error returned.
pub fn commit(
    vault: &mut Vault,
    source: &Source,
    run: &DryRun,
    again: bool,
    clock: Clock,
) -> Result<ImportOutcome, ImportError> {
    let plan = &run.plan;
    if plan.rows_with_errors > 0 {
        return Err(ImportError::HasErrors {
            rows: plan.rows_with_errors,
        });
    }
    if plan.records.is_empty() {
        return Err(ImportError::NothingToImport);
    }
    if vault.read_only() {
        return Err(VaultError::ReadOnly.into());
    }
    if !again && vault.store().imported_before(&source.sha256)?.is_some() {
        return Err(ImportError::AlreadyImported);
    }
    let organisations: Vec<String> = plan
        .per_organisation
        .iter()
        .map(|o| o.organisation.clone())
        .collect();
    let store = vault.store_mut();
    let written = store.import_dossiers(&plan.records, clock)?;
    let log = store.log_export("import", &organisations, "", "", &source.sha256, clock);
    let saved = log
        .map_err(ImportError::from)
        .and_then(|()| vault.save(clock).map_err(Into::into));
    if let Err(e) = saved {
        let store = vault.store_mut();
        store.undo_import(&written)?;
        store.forget_import(&source.sha256, clock)?;
        return Err(e);
    }
    let store = vault.store();
    let number = |id: Option<&i64>| -> Result<String, ImportError> {
        Ok(match id {
            Some(&id) => store.dossier(id)?.number,
            None => String::new(),
        })
    };
    Ok(ImportOutcome {
        created: written.len() as u32,
        first_number: number(written.first())?,
        last_number: number(written.last())?,
        per_organisation: plan.per_organisation.clone(),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
