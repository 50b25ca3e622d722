//! Retention and destruction: the retention rule (the vault's term and organisations' own),
//! the plan and the destruction of dossiers, the destruction log, and the backups that still
//! hold destroyed dossiers. Every rule is the core's; these commands only delegate.

use crate::error::IpcResult;
use crate::state::{Preferences, Session};
use kluis::Clock;
use kluis::model::*;
use tauri::State;

/// The vault's retention rule.
#[tauri::command]
pub fn retention_get(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<RetentionRule> {
    session.read(prefs.language(), |s| s.retention_rule())
}

/// Sets the vault's own retention term (months after closing).
#[tauri::command]
pub fn retention_set_default(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    months: u32,
) -> IpcResult<RetentionRule> {
    session.change(prefs.language(), |s, _| {
        s.set_default_retention(months)?;
        s.retention_rule()
    })
}

/// Gives an organisation its own term, or (`null`) lets it follow the vault's.
#[tauri::command]
pub fn retention_set_organisation(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    organisation_id: i64,
    months: Option<u32>,
) -> IpcResult<RetentionRule> {
    session.change(prefs.language(), |s, c| {
        s.set_organisation_retention(organisation_id, months, c)?;
        s.retention_rule()
    })
}

/// What destroying these dossiers would do today, and what blocks each one.
#[tauri::command]
pub fn destruction_plan(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    numbers: Vec<String>,
) -> IpcResult<DestructionPlan> {
    session.read(prefs.language(), |s| {
        s.destruction_plan(&numbers, Clock::system().today)
    })
}

/// Destroys dossiers (all or none) and saves; the core refuses a legal hold, an open dossier,
/// and without an override an unreported or not yet due one.
#[tauri::command]
pub fn dossiers_destroy(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    request: DestroyRequest,
) -> IpcResult<DestructionOutcome> {
    session.change(prefs.language(), |s, c| s.destroy_dossiers(&request, c))
}

/// The destruction log, newest first.
#[tauri::command]
pub fn destruction_log_get(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<Vec<DestructionLogEntry>> {
    session.read(prefs.language(), |s| s.destruction_log())
}

/// The backups and copies elsewhere that still hold destroyed dossiers.
#[tauri::command]
pub fn destroyed_copies_get(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<DestroyedCopies> {
    session.with_vault(prefs.language(), |v| v.destroyed_copies())
}

/// Removes the backups beside the vault that still hold destroyed dossiers; returns what is
/// left (copies elsewhere are the advisor's to wipe).
#[tauri::command]
pub fn destroyed_backups_purge(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<DestroyedCopies> {
    let lang = prefs.language();
    session.with_vault(lang, |v| {
        v.purge_destroyed_from_backups(Clock::system())?;
        v.destroyed_copies()
    })
}
