//! App-level commands that need no vault: language, recent vaults, clipboard.

use crate::error::IpcResult;
use crate::state::{ClipboardGuard, Preferences, RecentVault, Session};
use kluis::Lang;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

/// What the start screen needs.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppInfo {
    /// UI language.
    pub language: Lang,
    /// Recent vaults.
    pub recent: Vec<RecentVault>,
    /// A vault given on the command line (`kluis-app <vault>` or KLUIS_VAULT), to unlock first.
    pub initial_vault: Option<String>,
    /// The app's version.
    pub version: String,
}

/// Start-screen information.
#[tauri::command]
pub fn app_info(prefs: State<'_, Preferences>) -> AppInfo {
    let initial_vault = std::env::args_os()
        .nth(1)
        .filter(|a| !a.to_string_lossy().starts_with('-'))
        .or_else(|| std::env::var_os("KLUIS_VAULT"))
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| !p.trim().is_empty());
    AppInfo {
        language: prefs.language(),
        recent: prefs.recent(),
        initial_vault,
        version: env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// What the About dialog shows.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AboutInfo {
    /// The app's version (the workspace's).
    pub version: String,
    /// The licence (SPDX identifier).
    pub licence: String,
    /// Fingerprint of the open vault's key (first 16 hex digits of the SHA-256 of its public
    /// age recipient); none while locked.
    pub vault_key: Option<String>,
    /// Fingerprint of the open vault's recovery key, likewise.
    pub recovery_key: Option<String>,
}

/// Version, licence and, while a vault is unlocked, the fingerprints of its two public keys.
#[tauri::command]
pub fn app_about(session: State<'_, Session>) -> AboutInfo {
    let keys = session.peek(|v| v.key_fingerprints());
    let [vault_key, recovery_key] = match keys {
        Some([v, r]) => [Some(v), Some(r)],
        None => [None, None],
    };
    AboutInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
        vault_key,
        recovery_key,
    }
}

/// Sets the UI language.
#[tauri::command]
pub fn app_set_language(prefs: State<'_, Preferences>, language: Lang) {
    prefs.set_language(language);
}

/// Seconds after which copied text is cleared.
pub const CLIPBOARD_SECONDS: u64 = 10;

/// Copies text to the clipboard and clears it after 10 seconds if it is still ours.
#[tauri::command]
pub fn clipboard_copy<R: Runtime>(
    app: AppHandle<R>,
    guard: State<'_, ClipboardGuard>,
    text: String,
) -> IpcResult<()> {
    crate::clipboard::write(&app, &text)?;
    let generation = guard.copied(&text);
    drop(text);
    let app2 = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(CLIPBOARD_SECONDS));
        crate::clipboard::clear_if_ours(&app2, Some(generation));
    });
    Ok(())
}
