//! Dossiers, categories and conversations.

use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Session};
use kluis::model::*;
use tauri::State;

/// All categories, retired ones included (the UI offers only active ones for new choices).
#[tauri::command]
pub fn categories_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<Vec<Category>> {
    session.read(prefs.language(), |s| s.categories())
}

/// The filtered dossier list.
#[tauri::command]
pub fn dossiers_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    filter: DossierFilter,
) -> IpcResult<Vec<DossierSummary>> {
    session.read(prefs.language(), |s| s.dossiers(&filter))
}

/// One dossier with everything in it.
#[tauri::command]
pub fn dossier_get(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
) -> IpcResult<Dossier> {
    let lang = prefs.language();
    session.inspect(lang, |s| {
        // A deputy copy past its end date is not opened (`deputy_expired`).
        kluis::handover::check_deputy(s, id, kluis::Clock::system().today)
            .map_err(|e| IpcError::from_core(&e, lang))?;
        s.dossier(id).map_err(|e| IpcError::from_core(&e, lang))
    })
}

/// Opens a new dossier.
#[tauri::command]
pub fn dossier_create(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    input: DossierInput,
) -> IpcResult<Dossier> {
    session.change(prefs.language(), |s, c| s.add_dossier(&input, c))
}

/// Changes a dossier.
#[tauri::command]
pub fn dossier_update(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    input: DossierInput,
) -> IpcResult<Dossier> {
    session.change(prefs.language(), |s, c| s.update_dossier(id, &input, c))
}

/// Closes a dossier (sets the destroy-by date from the retention setting unless given).
#[tauri::command]
pub fn dossier_close(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    input: CloseInput,
) -> IpcResult<Dossier> {
    session.change(prefs.language(), |s, c| s.close_dossier(id, &input, c))
}

/// Reopens a closed dossier.
#[tauri::command]
pub fn dossier_reopen(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
) -> IpcResult<Dossier> {
    session.change(prefs.language(), |s, c| s.reopen_dossier(id, c))
}

/// Adds a conversation.
#[tauri::command]
pub fn conversation_add(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
    input: ConversationInput,
) -> IpcResult<Conversation> {
    session.change(prefs.language(), |s, c| {
        s.add_conversation(dossier_id, &input, c)
    })
}

/// Changes a conversation.
#[tauri::command]
pub fn conversation_update(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    input: ConversationInput,
) -> IpcResult<Conversation> {
    session.change(prefs.language(), |s, c| {
        s.update_conversation(id, &input, c)
    })
}

/// Deletes a conversation.
#[tauri::command]
pub fn conversation_delete(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
) -> IpcResult<()> {
    session.change(prefs.language(), |s, c| s.delete_conversation(id, c))
}

/// A dossier's history, oldest first, in the advisor's language.
#[tauri::command]
pub fn dossier_timeline(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
) -> IpcResult<Vec<kluis::store::TimelineEvent>> {
    let lang = prefs.language();
    session.read(lang, |s| s.timeline(dossier_id, lang))
}
