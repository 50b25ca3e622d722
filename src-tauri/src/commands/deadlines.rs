//! Deadlines ("termijnen") of dossiers and the breach register. Every rule (due dates, the
//! one extension, the Wbk chain, urgency) is the core's; these commands only delegate.

use crate::error::IpcResult;
use crate::state::{Preferences, Session};
use chrono::NaiveDate;
use kluis::Clock;
use kluis::model::*;
use tauri::State;

/// A dossier's deadlines: open ones by due date, then done ones.
#[tauri::command]
pub fn deadlines_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
) -> IpcResult<Vec<Deadline>> {
    session.read(prefs.language(), |s| {
        s.deadlines(dossier_id, Clock::system().today)
    })
}

/// Adds a deadline to a dossier and saves.
#[tauri::command]
pub fn deadline_add(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
    input: DeadlineInput,
) -> IpcResult<Deadline> {
    session.change(prefs.language(), |s, c| {
        s.add_deadline(dossier_id, &input, c)
    })
}

/// Marks a deadline done (the Wbk confirmation starts the feedback term); returns the
/// dossier's deadlines.
#[tauri::command]
pub fn deadline_complete(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    done_on: NaiveDate,
) -> IpcResult<Vec<Deadline>> {
    session.change(prefs.language(), |s, c| s.complete_deadline(id, done_on, c))
}

/// Extends a deadline once, with a reason.
#[tauri::command]
pub fn deadline_extend(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    reason: String,
) -> IpcResult<Deadline> {
    session.change(prefs.language(), |s, c| s.extend_deadline(id, &reason, c))
}

/// Removes a deadline set by mistake.
#[tauri::command]
pub fn deadline_delete(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
) -> IpcResult<()> {
    session.change(prefs.language(), |s, _| s.delete_deadline(id))
}

/// The breach register, newest first.
#[tauri::command]
pub fn breaches_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<Vec<Breach>> {
    session.read(prefs.language(), |s| {
        s.breaches(Clock::system().today, false)
    })
}

/// Registers a breach and saves.
#[tauri::command]
pub fn breach_add(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    input: BreachInput,
) -> IpcResult<Breach> {
    session.change(prefs.language(), |s, c| s.add_breach(&input, c))
}

/// Updates a breach (whom informed, the decision, when handled) and saves.
#[tauri::command]
pub fn breach_update(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    input: BreachInput,
) -> IpcResult<Breach> {
    session.change(prefs.language(), |s, c| s.update_breach(id, &input, c))
}
