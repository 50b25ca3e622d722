//! Parties of a dossier ("betrokkenen"), whom the advisor supports, the conflict-of-interest
//! check and its decision, and links between dossiers. The matcher, the validation and the
//! refusals are the core's; these commands only delegate. Every change answers with the
//! dossier's whole [`PartyOverview`], so the UI shows the check's result at once.

use crate::error::IpcResult;
use crate::state::{Preferences, Session};
use kluis::model::*;
use tauri::State;

/// Parties, supported side, the conflict check (run now, over every organisation),
/// decisions and links of a dossier. Called when a dossier is opened.
#[tauri::command]
pub fn parties_overview(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
) -> IpcResult<PartyOverview> {
    session.read(prefs.language(), |s| s.party_overview(dossier_id))
}

/// Adds a party and saves.
#[tauri::command]
pub fn party_add(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
    input: PartyInput,
) -> IpcResult<PartyOverview> {
    session.change(prefs.language(), |s, c| {
        s.add_party(dossier_id, &input, c)?;
        s.party_overview(dossier_id)
    })
}

/// Removes a party and saves.
#[tauri::command]
pub fn party_remove(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
) -> IpcResult<PartyOverview> {
    session.change(prefs.language(), |s, c| {
        let dossier_id = s.remove_party(id, c)?;
        s.party_overview(dossier_id)
    })
}

/// Records whom the advisor supports and saves.
#[tauri::command]
pub fn party_set_support(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
    side: SupportedSide,
) -> IpcResult<PartyOverview> {
    session.change(prefs.language(), |s, c| {
        s.set_supported_side(dossier_id, side, c)?;
        s.party_overview(dossier_id)
    })
}

/// Records the conflict-of-interest decision and saves.
#[tauri::command]
pub fn conflict_decide(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
    input: ConflictDecisionInput,
) -> IpcResult<PartyOverview> {
    session.change(prefs.language(), |s, c| {
        s.decide_conflict(dossier_id, &input, c)?;
        s.party_overview(dossier_id)
    })
}

/// Links the dossier to another (by number) and saves.
#[tauri::command]
pub fn link_add(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
    other_number: String,
    kind: LinkKind,
) -> IpcResult<PartyOverview> {
    session.change(prefs.language(), |s, c| {
        s.add_link(dossier_id, &other_number, kind, c)?;
        s.party_overview(dossier_id)
    })
}

/// Removes a link (from both dossiers) and saves; answers for `dossier_id`.
#[tauri::command]
pub fn link_remove(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
    id: i64,
) -> IpcResult<PartyOverview> {
    session.change(prefs.language(), |s, _| {
        s.remove_link(id)?;
        s.party_overview(dossier_id)
    })
}
