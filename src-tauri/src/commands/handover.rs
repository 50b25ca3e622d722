//! Handing a caseload over: this vault's receiving key for the settings page, a handover file
//! of chosen dossiers for a colleague's key, and the import of a file made for this vault.
//! Every rule is the core's ([`kluis::handover`]); these commands only delegate.

use crate::commands::reports::blocking;
use crate::commands::{read_chosen, required_path};
use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Saved, Session};
use kluis::handover::package::HandoverOptions;
use kluis::handover::{
    HandoverError, HandoverFile, HandoverImported, HandoverTo, ReceiveKey, export, import,
    receive_key,
};
use secrecy::SecretString;
use tauri::{AppHandle, Manager, Runtime, State};

/// This vault's receiving key (made and saved on first need).
#[tauri::command]
pub fn handover_key(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<ReceiveKey> {
    let lang = prefs.language();
    session.save_through(lang, |vault, clock| {
        let had = matches!(kluis::handover::receive_key_made(vault.store()), Ok(true));
        match receive_key(vault, clock) {
            Ok(key) => (Ok(key), if had { Saved::Unchanged } else { Saved::Yes }),
            Err(e) => (Err(IpcError::from_core(&e, lang)), saved_after(&e)),
        }
    })
}

fn saved_after(e: &HandoverError) -> Saved {
    match e {
        HandoverError::Vault(_) => Saved::No,
        _ => Saved::Unchanged,
    }
}

/// Writes the dossiers `numbers` to a handover file at `path` (never over an existing file)
/// for the receiving key `to`, or, when `passphrase` is given, sealed with that one-time
/// passphrase; marks them handed over, logs and saves.
#[tauri::command]
pub async fn handover_export<R: Runtime>(
    app: AppHandle<R>,
    numbers: Vec<String>,
    options: HandoverOptions,
    to: String,
    passphrase: Option<String>,
    path: String,
) -> IpcResult<HandoverFile> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let path = required_path(path, lang)?;
        let to = match passphrase.filter(|p| !p.is_empty()) {
            Some(p) => HandoverTo::Passphrase(SecretString::from(p)),
            None => HandoverTo::Key(to),
        };
        app.state::<Session>().save_through(lang, |vault, clock| {
            match export(vault, &numbers, &options, &to, &path, lang, clock) {
                Ok(file) => (Ok(file), Saved::Yes),
                Err(e) => (Err(IpcError::from_core(&e, lang)), saved_after(&e)),
            }
        })
    })
    .await
}

/// Imports the handover file at `path` (made for this vault's key, or sealed with
/// `passphrase`), all dossiers or none, and saves.
#[tauri::command]
pub async fn handover_import<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    passphrase: Option<String>,
) -> IpcResult<HandoverImported> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let bytes = read_chosen(path, lang)?;
        let passphrase = passphrase.filter(|p| !p.is_empty()).map(SecretString::from);
        app.state::<Session>().save_through(lang, |vault, clock| {
            match import(vault, &bytes, passphrase.as_ref(), clock) {
                Ok(got) => (Ok(got), Saved::Yes),
                Err(e) => (Err(IpcError::from_core(&e, lang)), saved_after(&e)),
            }
        })
    })
    .await
}
