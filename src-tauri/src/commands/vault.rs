//! Creating, unlocking, locking and maintaining the vault.

use crate::error::{IpcError, IpcResult};
use crate::state::{DemoVault as DemoState, Preferences, Session, VaultStatus};
use kluis::Clock;
use kluis::vault::{Unlock, Vault};

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State};

/// How the advisor unlocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum UnlockMethod {
    /// With the passphrase.
    Passphrase,
    /// With the recovery key.
    RecoveryKey,
}

/// The demo vault and its (public) passphrase.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DemoVault {
    /// Where it was generated.
    pub path: String,
    /// Its passphrase (public: the data is synthetic).
    pub passphrase: String,
}

/// The session's status.
#[tauri::command]
pub fn vault_status(session: State<'_, Session>) -> VaultStatus {
    session.status()
}

/// Strength of a candidate passphrase, 0-4 (3 or more is accepted).
#[tauri::command]
pub fn passphrase_strength(passphrase: String) -> u8 {
    kluis::vault::keyslot::strength(&SecretString::from(passphrase))
}

/// Creates a vault and unlocks it; returns the recovery key, to show once.
#[tauri::command]
pub async fn vault_create(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    path: String,
    passphrase: String,
) -> IpcResult<String> {
    let lang = prefs.language();
    // An open vault is saved (or sealed) and locked first; a change kept for another vault
    // must be saved before a new vault takes the session.
    session.lock(lang)?;
    session.refuse_if_kept(None, lang)?;
    let path = PathBuf::from(path);
    let (vault, key) = Vault::create(&path, &SecretString::from(passphrase), Clock::system())
        .map_err(|e| IpcError::from_core(&e, lang))?;
    session.unlock(vault);
    prefs.remember(&path);
    Ok(key.expose().to_owned())
}

/// Unlocks a vault with the passphrase or the recovery key. A vault that locked with a change
/// it could not save gets that change back, and it is saved now (`kept_change` says whether
/// that worked); another vault is refused (`change_kept`) while such a change waits.
#[tauri::command]
pub async fn vault_unlock(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    path: String,
    secret: String,
    method: UnlockMethod,
) -> IpcResult<VaultStatus> {
    let lang = prefs.language();
    // An already open vault is saved and closed first (and would otherwise hold the lock).
    session.lock(lang)?;
    let secret = SecretString::from(secret);
    let unlock = match method {
        UnlockMethod::Passphrase => Unlock::Passphrase(secret),
        UnlockMethod::RecoveryKey => Unlock::RecoveryKey(secret),
    };
    let path = PathBuf::from(path);
    let status = session.open(&path, &unlock, lang)?;
    prefs.remember(&path);
    Ok(status)
}

/// Generates the demo vault (once per run) and returns where it is and its passphrase.
#[tauri::command]
pub async fn vault_open_demo(
    demo: State<'_, DemoState>,
    prefs: State<'_, Preferences>,
) -> IpcResult<DemoVault> {
    let path = demo.path(prefs.language())?;
    Ok(DemoVault {
        path: path.to_string_lossy().into_owned(),
        passphrase: kluis::demo::DEMO_PASSPHRASE.to_owned(),
    })
}

/// Saves and locks; clears the clipboard if it holds the app's copy. A vault whose save fails
/// is locked all the same, its change kept sealed until the next unlock.
#[tauri::command]
pub fn vault_lock<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<()> {
    session.lock(prefs.language())?;
    crate::clipboard::after_lock(&app);
    Ok(())
}

/// Records user activity (resets the auto-lock timer).
#[tauri::command]
pub fn vault_touch(session: State<'_, Session>) {
    session.touch();
}

/// Sets a new passphrase. The vault gets a new vault key and is re-encrypted: copies made
/// before still open with the old passphrase, later saves do not (the UI says so).
#[tauri::command]
pub async fn vault_change_passphrase(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    new_passphrase: String,
) -> IpcResult<()> {
    let new = SecretString::from(new_passphrase);
    session.with_vault(prefs.language(), |v| {
        v.change_passphrase(&new, Clock::system())
    })
}

/// Makes a new recovery key ("nieuwe herstelsleutel maken") and saves; returns it, to show
/// once. The old recovery key no longer opens later saves; copies made before still open with
/// it (the UI says so).
#[tauri::command]
pub async fn vault_new_recovery_key(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<String> {
    session.with_vault(prefs.language(), |v| {
        v.new_recovery_key(Clock::system())
            .map(|key| key.expose().to_owned())
    })
}

/// Writes an encrypted copy of the vault to `dest`; returns its SHA-256.
#[tauri::command]
pub fn vault_backup(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dest: String,
) -> IpcResult<String> {
    let dest = PathBuf::from(dest);
    session.with_vault(prefs.language(), |v| v.backup_to(&dest, Clock::system()))
}
