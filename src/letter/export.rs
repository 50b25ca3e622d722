//! A letter leaves the vault, for both shells: as a PDF written to a file the advisor chose
//! (never over an existing one, through the reports' `deliver`), or as text the advisor
//! copies into an e-mail. Either way the letter is checked first (nothing left in braces),
//! kept with its dossier as sent, recorded in the export log (kind `letter`, the dossier's
//! organisation, the letter's kind as recipient: never a name) and the vault is saved.

use super::document::LetterDocument;
use super::{Letter, LetterInput};
use crate::Clock;
use crate::model::LetterVia;
use crate::report::export::{ExportError, deliver};
use crate::store::{StoreError, sha256_hex};
use crate::vault::Vault;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The kind recorded in the export log.
pub const LOG_KIND: &str = "letter";

/// A letter written as a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterFile {
    /// The letter as kept.
    pub letter: Letter,
    /// Where the PDF was written.
    pub path: String,
}

/// Writes the letter as a PDF dated today to `dest` (which must not exist), keeps it with
/// the dossier, logs it and saves.
pub fn export_pdf(
    vault: &mut Vault,
    dossier_id: i64,
    input: &LetterInput,
    dest: &Path,
    clock: Clock,
) -> Result<LetterFile, ExportError> {
    input.validate().map_err(StoreError::from)?;
    let store = vault.store();
    let dossier = store.dossier(dossier_id)?;
    let organisation = store.organisation(dossier.organisation_id)?.name;
    let advisor = store.advisor_details()?;
    let pdf = LetterDocument::new(input, &advisor, &dossier.number, clock.today)
        .render()
        .map_err(|e| ExportError::Render { code: e.code() })?;
    let sha256 = sha256_hex(&pdf);
    let (delivered, failed) = deliver(&[(dest, pdf.as_slice())])?;
    if let Some(e) = failed {
        return Err(e);
    }
    debug_assert_eq!(delivered, 1, "one target, delivered");
    let letter = record(
        vault,
        dossier_id,
        &organisation,
        input,
        LetterVia::Pdf,
        &sha256,
        clock,
    )?;
    Ok(LetterFile {
        letter,
        path: dest.to_string_lossy().into_owned(),
    })
}

/// Keeps and logs a letter the advisor copies as text (the shell puts it on the clipboard),
/// and saves.
pub fn record_copy(
    vault: &mut Vault,
    dossier_id: i64,
    input: &LetterInput,
    clock: Clock,
) -> Result<Letter, ExportError> {
    input.validate().map_err(StoreError::from)?;
    let store = vault.store();
    let dossier = store.dossier(dossier_id)?;
    let organisation = store.organisation(dossier.organisation_id)?.name;
    let sha256 = sha256_hex(copy_text(input).as_bytes());
    record(
        vault,
        dossier_id,
        &organisation,
        input,
        LetterVia::Kopie,
        &sha256,
        clock,
    )
}

/// The text copied for an e-mail: the subject, a blank line, the body.
pub fn copy_text(input: &LetterInput) -> String {
    format!("{}\n\n{}", input.subject.trim(), input.body.trim_end())
}

fn record(
    vault: &mut Vault,
    dossier_id: i64,
    organisation: &str,
    input: &LetterInput,
    via: LetterVia,
    sha256: &str,
    clock: Clock,
) -> Result<Letter, ExportError> {
    let store = vault.store_mut();
    let letter = store.add_letter(dossier_id, input, via, sha256, clock)?;
    store.log_export(
        LOG_KIND,
        &[organisation.to_owned()],
        "",
        input.kind.code(),
        sha256,
        clock,
    )?;
    vault.save(clock)?;
    Ok(letter)
}
