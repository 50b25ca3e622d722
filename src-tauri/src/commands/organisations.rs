//! Organisations.

use crate::error::IpcResult;
use crate::state::{Preferences, Session};
use kluis::model::{Organisation, OrganisationInput};
use tauri::State;

/// All organisations (archived ones on request).
#[tauri::command]
pub fn organisations_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    include_archived: bool,
) -> IpcResult<Vec<Organisation>> {
    session.read(prefs.language(), |s| s.organisations(include_archived))
}

/// Adds an organisation.
#[tauri::command]
pub fn organisation_create(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    input: OrganisationInput,
) -> IpcResult<Organisation> {
    session.change(prefs.language(), |s, c| s.add_organisation(&input, c))
}

/// Changes an organisation.
#[tauri::command]
pub fn organisation_update(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    input: OrganisationInput,
) -> IpcResult<Organisation> {
    session.change(prefs.language(), |s, _| s.update_organisation(id, &input))
}

/// Archives or restores an organisation.
#[tauri::command]
pub fn organisation_archive(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    archived: bool,
) -> IpcResult<Organisation> {
    session.change(prefs.language(), |s, _| {
        s.set_organisation_archived(id, archived)
    })
}
