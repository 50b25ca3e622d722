//! The overview screen.

use crate::error::IpcResult;
use crate::state::{Preferences, Session};
use kluis::model::Overview;
use tauri::State;

/// Per organisation the open dossiers, this year's dossiers and this month's minutes, and the
/// dossiers past their destroy-by date.
#[tauri::command]
pub fn overview_get(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<Overview> {
    session.read(prefs.language(), |s| {
        s.overview(kluis::Clock::system().today)
    })
}
