//! Vault settings.

use crate::error::IpcResult;
use crate::state::{Preferences, Session};
use kluis::store::Settings;
use tauri::State;

/// The vault's settings.
#[tauri::command]
pub fn settings_get(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<Settings> {
    session.read(prefs.language(), |s| s.settings())
}

/// Changes the vault's settings (the auto-lock time applies at once).
#[tauri::command]
pub fn settings_set(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    settings: Settings,
) -> IpcResult<Settings> {
    let saved = session.change(prefs.language(), |s, _| {
        s.set_settings(&settings)?;
        s.settings()
    })?;
    session.set_autolock(saved.autolock_minutes);
    Ok(saved)
}
