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
