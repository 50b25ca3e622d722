//! Joint reports of several advisors for one organisation: a contribution for a colleague
//! who coordinates, the import of colleagues' contributions, the receipts after the joint
//! report was exported, and the import of a receipt. Every rule is the core's
//! ([`kluis::joint`]); these commands only delegate. The joint report itself is the ordinary
//! report request with `joint` set.

use crate::commands::reports::blocking;
use crate::commands::{read_chosen, required_path};
use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Saved, Session};
use kluis::Lang;
use kluis::error::ErrorCode;
use kluis::joint::{
    ContributionFile, ContributionImported, ContributionView, JointError, ReceiptFile,
    ReceiptImported,
};
use kluis::model::ReportPeriod;
use tauri::{AppHandle, Manager, Runtime, State};

fn saved_after(e: &JointError) -> Saved {
    match e {
        JointError::Vault(_) => Saved::No,
        _ => Saved::Unchanged,
    }
}

fn period(text: &str, lang: Lang) -> IpcResult<ReportPeriod> {
    ReportPeriod::parse(text.trim())
        .map_err(|_| IpcError::from_code(ErrorCode::InvalidPeriod, lang))
}

/// The contributions imported for an organisation and period.
#[tauri::command]
pub fn joint_contributions(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    organisation_id: i64,
    period: String,
) -> IpcResult<Vec<ContributionView>> {
    let lang = prefs.language();
    let period = self::period(&period, lang)?;
    session.read(lang, |store| {
        kluis::joint::contributions(store, organisation_id, period)
    })
}

/// Writes this vault's contribution for `organisation_id` and `period` to `path` (never over
/// a file), sealed to the coordinator's receiving key `to`; records, logs and saves.
#[tauri::command]
pub async fn joint_contribute<R: Runtime>(
    app: AppHandle<R>,
    organisation_id: i64,
    period: String,
    to: String,
    path: String,
) -> IpcResult<ContributionFile> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let period = self::period(&period, lang)?;
        let path = required_path(path, lang)?;
        app.state::<Session>().save_through(lang, |vault, clock| {
            match kluis::joint::contribute(vault, organisation_id, period, &to, &path, clock) {
                Ok(file) => (Ok(file), Saved::Yes),
                Err(e) => (Err(IpcError::from_core(&e, lang)), saved_after(&e)),
            }
        })
    })
    .await
}

/// Imports a colleague's contribution made for this vault's key, and saves.
#[tauri::command]
pub async fn joint_import<R: Runtime>(
    app: AppHandle<R>,
    path: String,
) -> IpcResult<ContributionImported> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let bytes = read_chosen(path, lang)?;
        app.state::<Session>().save_through(lang, |vault, clock| {
            match kluis::joint::import_contribution(vault, &bytes, clock) {
                Ok(got) => (Ok(got), Saved::Yes),
                Err(e) => (Err(IpcError::from_core(&e, lang)), saved_after(&e)),
            }
        })
    })
    .await
}

/// Writes the signed receipts of the exported joint report of `organisation_id` and
/// `period` into the folder `dir`; logs and saves.
#[tauri::command]
pub async fn joint_receipts<R: Runtime>(
    app: AppHandle<R>,
    organisation_id: i64,
    period: String,
    dir: String,
) -> IpcResult<Vec<ReceiptFile>> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let period = self::period(&period, lang)?;
        let dir = required_path(dir, lang)?;
        app.state::<Session>().save_through(lang, |vault, clock| {
            match kluis::joint::receipts(vault, organisation_id, period, &dir, clock) {
                Ok(files) => (Ok(files), Saved::Yes),
                Err(e) => (Err(IpcError::from_core(&e, lang)), saved_after(&e)),
            }
        })
    })
    .await
}

/// Imports the receipt for a contribution this vault sent, and saves.
#[tauri::command]
pub async fn joint_receipt_import<R: Runtime>(
    app: AppHandle<R>,
    path: String,
) -> IpcResult<ReceiptImported> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let bytes = read_chosen(path, lang)?;
        app.state::<Session>().save_through(
            lang,
            |vault, clock| match kluis::joint::import_receipt(vault, &bytes, clock) {
                Ok(got) => (Ok(got), Saved::Yes),
                Err(e) => (Err(IpcError::from_core(&e, lang)), saved_after(&e)),
            },
        )
    })
    .await
}
