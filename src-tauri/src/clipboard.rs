//! The clipboard: the app clears what it copied after 10 s, on lock and on quit, and never
//! touches text the user copied elsewhere.

use crate::error::{IpcError, IpcResult};
use crate::state::{ClipboardGuard, Preferences};
use kluis::error::ErrorCode;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_clipboard_manager::Clipboard;

/// Writes text to the system clipboard.
pub fn write<R: Runtime>(app: &AppHandle<R>, text: &str) -> IpcResult<()> {
    let lang = app
        .try_state::<Preferences>()
        .map(|p| p.language())
        .unwrap_or_default();
    let clipboard = app
        .try_state::<Clipboard<R>>()
        .ok_or_else(|| IpcError::from_code(ErrorCode::Internal, lang))?;
    clipboard
        .write_text(text)
        .map_err(|_| IpcError::from_code(ErrorCode::Io, lang))
}

/// Clears the clipboard if it still holds the app's copy (`generation`, or any when `None`).
pub fn clear_if_ours<R: Runtime>(app: &AppHandle<R>, generation: Option<u64>) {
    let (Some(clipboard), Some(guard)) = (
        app.try_state::<Clipboard<R>>(),
        app.try_state::<ClipboardGuard>(),
    ) else {
        return;
    };
    let current = clipboard.read_text().unwrap_or_default();
    if guard.take_if_ours(generation, &current) {
        let _ = clipboard.write_text("");
    }
}
