//! Documents of a dossier: the list with the vault's "growing" warning, adding a file (from
//! the open dialog or a drop) with the offer to delete the original, a copy to a file the
//! advisor picks (logged), and removal. Reading, limits, kinds, the copy and its log entry
//! are the core's ([`kluis::documents`]); these commands only delegate. Adding, copying and
//! removing run off the event loop: each saves the whole vault, which takes a while once it
//! holds many documents.

use crate::commands::reports::blocking;
use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Saved, Session};
use kluis::Lang;
use kluis::documents::{DocumentCopy, DocumentFileError, OriginalFile, export_copy, import_files};
use kluis::error::ErrorCode;
use kluis::model::{Document, DocumentsSummary};
use kluis::report::export::ExportError;
use kluis::store::{Store, StoreError};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};

/// A dossier's documents (oldest first, never their content) and the vault's together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DocumentsView {
    /// The dossier.
    #[ts(type = "number")]
    pub dossier_id: i64,
    /// Its documents.
    pub documents: Vec<Document>,
    /// Every document of the vault together, with the warning and the limits.
    pub summary: DocumentsSummary,
}

/// What `document_add` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DocumentAdded {
    /// The document as kept (its name cleaned, its kind detected).
    pub document: Document,
    /// What became of the file on disk (`not_removed`: say that the advisor must delete it).
    pub original: OriginalFile,
    /// The dossier's documents now.
    pub view: DocumentsView,
}

fn view(store: &Store, dossier_id: i64) -> Result<DocumentsView, StoreError> {
    Ok(DocumentsView {
        dossier_id,
        documents: store.documents(dossier_id)?,
        summary: store.documents_summary()?,
    })
}

/// An absolute path from a dialog or a drop.
fn absolute(path: &str, lang: Lang) -> IpcResult<PathBuf> {
    let path = PathBuf::from(path.trim());
    if !path.is_absolute() || path.file_name().is_none() {
        return Err(IpcError::from_code(ErrorCode::InvalidPath, lang));
    }
    Ok(path)
}

/// A dossier's documents and the vault's summary. Called when a dossier opens.
#[tauri::command]
pub fn documents_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
) -> IpcResult<DocumentsView> {
    session.read(prefs.language(), |s| view(s, dossier_id))
}

/// Reads the file at `path` (refused unread over 25 MB) into the dossier and saves; then,
/// with `removeOriginal`, deletes the file.
#[tauri::command]
pub async fn document_add<R: Runtime>(
    app: AppHandle<R>,
    dossier_id: i64,
    path: String,
    remove_original: bool,
) -> IpcResult<DocumentAdded> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let path = absolute(&path, lang)?;
        app.state::<Session>().save_through(lang, |vault, clock| {
            match import_files(vault, dossier_id, &[path], remove_original, clock) {
                Ok(mut added) => {
                    let Some(first) = added.pop() else {
                        return (
                            Err(IpcError::from_code(ErrorCode::Internal, lang)),
                            Saved::Yes,
                        );
                    };
                    let result = view(vault.store(), dossier_id)
                        .map(|view| DocumentAdded {
                            document: first.document,
                            original: first.original,
                            view,
                        })
                        .map_err(|e| IpcError::from_core(&e, lang));
                    (result, Saved::Yes)
                }
                Err(e) => {
                    // Added in memory but not saved: the save is retried, the original kept.
                    let saved = match e {
                        DocumentFileError::Vault(_) => Saved::No,
                        _ => Saved::Unchanged,
                    };
                    (Err(IpcError::from_core(&e, lang)), saved)
                }
            }
        })
    })
    .await
}

/// Writes a copy of a document to `path` (never over an existing file), logs it in the
/// export log and saves.
#[tauri::command]
pub async fn document_export<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    path: String,
) -> IpcResult<DocumentCopy> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let path = absolute(&path, lang)?;
        app.state::<Session>().save_through(lang, |vault, clock| {
            match export_copy(vault, id, &path, clock) {
                Ok(copy) => (Ok(copy), Saved::Yes),
                Err(e) => {
                    // Only a failure after the copy was written changed the vault (the log).
                    let saved = match e {
                        ExportError::Vault(_) => Saved::No,
                        _ => Saved::Unchanged,
                    };
                    (Err(IpcError::from_core(&e, lang)), saved)
                }
            }
        })
    })
    .await
}

/// Removes a document (not from a dossier under legal hold: `document_on_hold`), rewrites
/// the database so nothing of it stays, and saves. Answers with its dossier's documents.
#[tauri::command]
pub async fn document_remove<R: Runtime>(app: AppHandle<R>, id: i64) -> IpcResult<DocumentsView> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        app.state::<Session>().change(lang, |s, clock| {
            let removed = s.remove_document(id, clock)?;
            view(s, removed.dossier_id)
        })
    })
    .await
}
