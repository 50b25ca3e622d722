//! Access requests (inzage): recording a request (which starts its deadline), previewing the
//! redacted dossier, and exporting it as PDF and JSON. The redaction, the files and the export
//! log are the core's ([`kluis::access`]); these commands only delegate.

use crate::commands::chosen_path;
use crate::commands::reports::blocking;
use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Saved, Session};
use kluis::access::{AccessDocument, AccessExportRequest, AccessFile};
use kluis::model::*;
use kluis::report::export::ExportError;
use kluis::store::StoreError;
use tauri::{AppHandle, Manager, Runtime, State};

/// Records an access request on a dossier (and its one-month deadline) and saves.
#[tauri::command]
pub fn access_request_add(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
    input: AccessRequestInput,
) -> IpcResult<AccessRequest> {
    session.change(prefs.language(), |s, c| {
        s.add_access_request(dossier_id, &input, c)
    })
}

/// A dossier's access requests, newest first.
#[tauri::command]
pub fn access_requests_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
) -> IpcResult<Vec<AccessRequest>> {
    session.read(prefs.language(), |s| s.access_requests(dossier_id))
}

/// What the export would hold with these passages left out (the notes as the reporter will
/// read them).
#[tauri::command]
pub fn access_preview(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    number: String,
    redactions: Vec<String>,
) -> IpcResult<AccessDocument> {
    let lang = prefs.language();
    session.read(lang, |s| {
        kluis::access::build(s, &number, &redactions, lang, kluis::Clock::system().today)
    })
}

/// Writes the access export (PDF and/or JSON, never over an existing file), logs it and
/// saves.
#[tauri::command]
pub async fn access_export<R: Runtime>(
    app: AppHandle<R>,
    number: String,
    redactions: Vec<String>,
    recipient: String,
    pdf: Option<String>,
    json: Option<String>,
) -> IpcResult<Vec<AccessFile>> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let request = AccessExportRequest {
            number,
            redactions,
            recipient,
            lang,
            pdf: chosen_path(pdf, lang)?,
            json: chosen_path(json, lang)?,
        };
        app.state::<Session>().save_through(lang, |vault, clock| {
            match kluis::access::export(vault, &request, clock) {
                Ok(files) => (Ok(files), Saved::Yes),
                Err(e) => {
                    let saved = match &e {
                        // Refused before anything changed.
                        ExportError::Store(StoreError::Validation(_))
                        | ExportError::Store(StoreError::NotFound { .. }) => Saved::Unchanged,
                        ExportError::Store(_) | ExportError::Vault(_) => Saved::No,
                        _ => Saved::Unchanged,
                    };
                    (Err(IpcError::from_core(&e, lang)), saved)
                }
            }
        })
    })
    .await
}
