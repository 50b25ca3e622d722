//! Documents in and out of the vault, shared by the CLI and the app.
//!
//! In: [`import_files`] reads files from disk (the size checked from the file's metadata
//! before anything is read, and the read itself bounded), adds them to a dossier all or none,
//! saves the vault, and only then, when asked, deletes the originals. Deleting removes the
//! file's name from its folder; on an SSD or a journaling file system the old blocks may stay
//! readable until the disk reuses them, which only full-disk encryption (FileVault,
//! BitLocker, LUKS) covers.
//!
//! Out: [`export_copy`] writes a copy to a file the advisor chose, never over an existing file
//! (through the reports' `deliver`), checks it against the SHA-256 recorded when it was added,
//! records it in the export log (kind `document`, the dossier's organisation, recipient
//! `kopie`) and saves the vault. The copy is plaintext outside the vault: the advisor decides
//! where it goes and removes it when done.

use crate::error::{Coded, ErrorCode};
use crate::model::document::{MAX_DOCUMENT_BYTES, check_size};
use crate::model::{Document, ValidationErrors};
use crate::report::export::{ExportError, deliver};
use crate::store::{StoreError, sha256_hex};
use crate::vault::{Vault, VaultError};
use crate::{Clock, Lang};
use serde::{Deserialize, Serialize};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The recipient recorded in the export log for a copy the advisor takes.
pub const COPY_RECIPIENT: &str = "kopie";

/// Why files could not be added. Nothing was added unless the error is [`Self::Vault`]
/// (added in memory, but the save failed: the originals are kept).
#[derive(Debug, thiserror::Error)]
pub enum DocumentFileError {
    /// A file could not be read (the I/O error's kind only, never the path).
    #[error("could not read a file ({kind:?})")]
    Io {
        /// The I/O error kind.
        kind: std::io::ErrorKind,
    },
    /// The path is no regular file (a folder, a device).
    #[error("not a file")]
    NotAFile,
    /// The store refused (a limit, a duplicate, a name, a missing dossier).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Saving the vault failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
}

impl From<crate::model::DocumentError> for DocumentFileError {
    fn from(e: crate::model::DocumentError) -> Self {
        DocumentFileError::Store(e.into())
    }
}

impl Coded for DocumentFileError {
    fn error_code(&self) -> ErrorCode {
        match self {
            DocumentFileError::Io { kind } if *kind == std::io::ErrorKind::NotFound => {
                ErrorCode::NotFound
            }
            DocumentFileError::Io { .. } | DocumentFileError::NotAFile => ErrorCode::Io,
            DocumentFileError::Store(e) => e.error_code(),
            DocumentFileError::Vault(e) => e.error_code(),
        }
    }

    fn error_message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DocumentFileError::Io { kind }, _) if *kind == std::io::ErrorKind::NotFound => {
                match lang {
                    Lang::Nl => "Dit bestand bestaat niet (meer). Er is niets toegevoegd.",
                    Lang::En => "This file does not exist (any more). Nothing was added.",
                }
                .to_owned()
            }
            (DocumentFileError::Io { kind }, Lang::Nl) => {
                format!("Het bestand kon niet worden gelezen ({kind}). Er is niets toegevoegd.")
            }
            (DocumentFileError::Io { kind }, Lang::En) => {
                format!("The file could not be read ({kind}). Nothing was added.")
            }
            (DocumentFileError::NotAFile, Lang::Nl) => {
                "Dit is geen bestand (maar bijvoorbeeld een map). Er is niets toegevoegd."
                    .to_owned()
            }
            (DocumentFileError::NotAFile, Lang::En) => {
                "This is not a file (but a folder, for example). Nothing was added.".to_owned()
            }
            (DocumentFileError::Store(e), _) => e.error_message(lang),
            (DocumentFileError::Vault(e), _) => e.error_message(lang),
        }
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        match self {
            DocumentFileError::Store(e) => e.validation(),
            DocumentFileError::Vault(e) => e.validation(),
            _ => None,
        }
    }
}

/// What became of the file a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OriginalFile {
    /// It stays where it was (not asked to remove it).
    Kept,
    /// Deleted after the vault was saved.
    Removed,
    /// Asked to delete it, but that failed (it is in the vault all the same): say so.
    NotRemoved,
}

/// One document added from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportedDocument {
    /// The document as kept.
    pub document: Document,
    /// What became of the original file.
    pub original: OriginalFile,
}

/// A copy written out of the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentCopy {
    /// Where.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of the copy, hex: the same as the document's.
    pub sha256: String,
}

/// Reads one file for the vault: its name (the last part of the path) and its content, in a
/// buffer that wipes itself. The size comes from the file's metadata first: a file over
/// [`MAX_DOCUMENT_BYTES`] (or an empty one, or a folder) is refused without reading a byte,
/// and the read stops one byte past the limit should the file grow meanwhile.
pub fn read_file(path: &Path) -> Result<(String, Zeroizing<Vec<u8>>), DocumentFileError> {
    let io = |e: std::io::Error| DocumentFileError::Io { kind: e.kind() };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(DocumentFileError::NotAFile);
    }
    check_size(meta.len())?;
    let mut content = Zeroizing::new(Vec::with_capacity(meta.len() as usize + 1));
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut content)
        .map_err(io)?;
    check_size(content.len() as u64)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, content))
}

/// Adds files to a dossier, all or none, and saves the vault; then, with `remove_original`,
/// deletes each file (only after the save worked). A failed delete does not undo anything:
/// it is reported per file as [`OriginalFile::NotRemoved`].
pub fn import_files(
    vault: &mut Vault,
    dossier_id: i64,
    paths: &[PathBuf],
    remove_original: bool,
    clock: Clock,
) -> Result<Vec<ImportedDocument>, DocumentFileError> {
    // The dossier first: a wrong number costs no reading.
    vault.store().dossier_exists(dossier_id)?;
    let files = paths
        .iter()
        .map(|p| read_file(p))
        .collect::<Result<Vec<_>, _>>()?;
    let batch: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, content)| (name.as_str(), content.as_slice()))
        .collect();
    let added = vault.store_mut().add_documents(dossier_id, &batch, clock)?;
    drop(batch);
    drop(files);
    vault.save(clock)?;
    Ok(added
        .into_iter()
        .zip(paths)
        .map(|(document, path)| {
            let original = if !remove_original {
                OriginalFile::Kept
            } else if std::fs::remove_file(path).is_ok() {
                OriginalFile::Removed
            } else {
                OriginalFile::NotRemoved
            };
            ImportedDocument { document, original }
        })
        .collect())
}

/// Writes a copy of a document to `dest` (which must not exist), checked against its
/// recorded SHA-256, logs it and saves the vault; see the module docs.
pub fn export_copy(
    vault: &mut Vault,
    id: i64,
    dest: &Path,
    clock: Clock,
) -> Result<DocumentCopy, ExportError> {
    let store = vault.store();
    let doc = store.document(id)?;
    let content = store.document_content(id)?;
    let sha256 = sha256_hex(&content);
    if sha256 != doc.sha256 {
        return Err(StoreError::Integrity { problems: 1 }.into());
    }
    let dossier = store.dossier(doc.dossier_id)?;
    let organisation = store.organisation(dossier.organisation_id)?.name;
    let (delivered, failed) = deliver(&[(dest, content.as_slice())])?;
    drop(content);
    if let Some(e) = failed {
        return Err(e);
    }
    debug_assert_eq!(delivered, 1, "one target, delivered");
    vault.store_mut().log_export(
        "document",
        std::slice::from_ref(&organisation),
        "",
        COPY_RECIPIENT,
        &sha256,
        clock,
    )?;
    vault.save(clock)?;
    Ok(DocumentCopy {
        path: dest.to_string_lossy().into_owned(),
        size: doc.size,
        sha256,
    })
}
