//! Tauri commands, one module per domain. Each command parses its arguments, calls the core
//! through the managed [`crate::state::Session`], and maps errors to [`crate::error::IpcError`].

pub mod access;
pub mod app;
pub mod deadlines;
pub mod documents;
pub mod dossiers;
pub mod handover;
pub mod import;
pub mod invoices;
pub mod joint;
pub mod letters;
pub mod organisations;
pub mod overview;
pub mod parties;
pub mod reports;
pub mod retention;
pub mod settings;
pub mod signing;
pub mod time;
pub mod vault;

use crate::error::{IpcError, IpcResult};
use kluis::Lang;
use kluis::error::ErrorCode;
use std::path::PathBuf;

/// A path the advisor must give (`invalid_path` when empty or not absolute).
pub(crate) fn required_path(p: String, lang: Lang) -> IpcResult<PathBuf> {
    chosen_path(Some(p), lang)?.ok_or_else(|| IpcError::from_code(ErrorCode::InvalidPath, lang))
}

/// The bytes of a file the advisor chose to import: `not_found` when it is not there, `io`
/// when it cannot be read (never the path or the system's words).
pub(crate) fn read_chosen(p: String, lang: Lang) -> IpcResult<Vec<u8>> {
    std::fs::read(required_path(p, lang)?).map_err(|e| {
        IpcError::from_code(
            if e.kind() == std::io::ErrorKind::NotFound {
                ErrorCode::NotFound
            } else {
                ErrorCode::Io
            },
            lang,
        )
    })
}

/// A path the advisor typed or chose in a save dialog: none when empty, refused
/// (`invalid_path`) unless absolute and naming a file.
pub(crate) fn chosen_path(p: Option<String>, lang: Lang) -> IpcResult<Option<PathBuf>> {
    match p.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) => {
            let path = PathBuf::from(p);
            if !path.is_absolute() || path.file_name().is_none() {
                return Err(IpcError::from_code(ErrorCode::InvalidPath, lang));
            }
            Ok(Some(path))
        }
    }
}
