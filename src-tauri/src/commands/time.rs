//! Time outside dossiers and the monthly hours.

use crate::error::IpcResult;
use crate::state::{Preferences, Session};
use kluis::model::{MonthHours, TimeEntry, TimeEntryInput};
use tauri::State;

/// Time entries of a month.
#[tauri::command]
pub fn time_entries_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    organisation_id: Option<i64>,
    year: i32,
    month: u32,
) -> IpcResult<Vec<TimeEntry>> {
    session.read(prefs.language(), |s| {
        s.time_entries(organisation_id, year, month)
    })
}

/// Adds a time entry.
#[tauri::command]
pub fn time_entry_add(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    input: TimeEntryInput,
) -> IpcResult<TimeEntry> {
    session.change(prefs.language(), |s, c| s.add_time_entry(&input, c))
}

/// Changes a time entry.
#[tauri::command]
pub fn time_entry_update(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    input: TimeEntryInput,
) -> IpcResult<TimeEntry> {
    session.change(prefs.language(), |s, c| s.update_time_entry(id, &input, c))
}

/// Deletes a time entry.
#[tauri::command]
pub fn time_entry_delete(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
) -> IpcResult<()> {
    session.change(prefs.language(), |s, _| s.delete_time_entry(id))
}

/// Minutes per organisation for a month (the invoice basis).
#[tauri::command]
pub fn month_hours(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    organisation_id: Option<i64>,
    year: i32,
    month: u32,
) -> IpcResult<Vec<MonthHours>> {
    session.read(prefs.language(), |s| {
        s.month_hours(organisation_id, year, month)
    })
}
