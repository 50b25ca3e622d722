//! The Kluis desktop shell. This crate only wires Tauri to the `kluis` core: commands (one
//! module per domain in [`commands`]) parse their arguments, call the core through the managed
//! [`state::Session`] and map its errors to [`error::IpcError`]. The web UI lives in `ui/`.
// Unsafe code only in the macOS and Windows sleep hooks (platform_lock/{macos,windows}.rs),
// which allow it for themselves.
#![deny(unsafe_code)]
#![deny(missing_docs)]

pub mod bindings;
mod clipboard;
pub mod commands;
mod demo;
pub mod error;
pub mod idle;
mod platform_lock;
pub mod state;

use state::{ClipboardGuard, DemoVault, Preferences, Session};
use std::time::Duration;
use tauri::{Emitter, Manager, Runtime};

/// The app's builder with every command and managed state, generic over the runtime so unit
/// tests can use `tauri::test::mock_builder()`. Plugins that need a desktop (dialog,
/// clipboard) are added in [`run`].
pub fn setup<R: Runtime>(builder: tauri::Builder<R>, prefs: Preferences) -> tauri::Builder<R> {
    builder
        .manage(Session::default())
        .manage(prefs)
        .manage(DemoVault::default())
        .manage(commands::import::LastImport::default())
        .manage(ClipboardGuard::default())
        .manage(clipboard::SecretClipboard::default())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::app_about,
            commands::app::app_set_language,
            commands::app::clipboard_copy,
            commands::vault::vault_status,
            commands::vault::passphrase_strength,
            commands::vault::vault_create,
            commands::vault::vault_unlock,
            commands::vault::vault_open_demo,
            commands::vault::vault_lock,
            commands::vault::vault_touch,
            commands::vault::vault_change_passphrase,
            commands::vault::vault_new_recovery_key,
            commands::vault::vault_backup,
            commands::overview::overview_get,
            commands::organisations::organisations_list,
            commands::organisations::organisation_create,
            commands::organisations::organisation_update,
            commands::organisations::organisation_archive,
            commands::dossiers::categories_list,
            commands::dossiers::dossiers_list,
            commands::dossiers::dossier_get,
            commands::dossiers::dossier_create,
            commands::dossiers::dossier_update,
            commands::dossiers::dossier_close,
            commands::dossiers::dossier_reopen,
            commands::dossiers::conversation_add,
            commands::dossiers::conversation_update,
            commands::dossiers::conversation_delete,
            commands::import::import_inspect,
            commands::import::import_values,
            commands::import::import_dry_run,
            commands::import::import_commit,
            commands::import::import_remove_source,
            commands::time::time_entries_list,
            commands::time::time_entry_add,
            commands::time::time_entry_update,
            commands::time::time_entry_delete,
            commands::time::month_hours,
            commands::settings::settings_get,
            commands::settings::settings_set,
            commands::signing::signing_key_get,
            commands::retention::retention_get,
            commands::retention::retention_set_default,
            commands::retention::retention_set_organisation,
            commands::retention::destruction_plan,
            commands::retention::dossiers_destroy,
            commands::retention::destruction_log_get,
            commands::retention::destroyed_copies_get,
            commands::retention::destroyed_backups_purge,
            commands::deadlines::deadlines_list,
            commands::deadlines::deadline_add,
            commands::deadlines::deadline_complete,
            commands::deadlines::deadline_extend,
            commands::deadlines::deadline_delete,
            commands::deadlines::breaches_list,
            commands::deadlines::breach_add,
            commands::deadlines::breach_update,
            commands::access::access_request_add,
            commands::access::access_requests_list,
            commands::access::access_preview,
            commands::access::access_export,
            commands::reports::report_options,
            commands::reports::report_prepare,
            commands::reports::report_lint,
            commands::reports::report_export,
            commands::parties::parties_overview,
            commands::parties::party_add,
            commands::parties::party_remove,
            commands::parties::party_set_support,
            commands::parties::conflict_decide,
            commands::parties::link_add,
            commands::parties::link_remove,
            commands::dossiers::dossier_timeline,
            commands::invoices::invoice_details_get,
            commands::invoices::invoice_details_set,
            commands::invoices::agreement_get,
            commands::invoices::agreement_set,
            commands::invoices::invoices_list,
            commands::invoices::invoice_draft,
            commands::invoices::invoice_update_lines,
            commands::invoices::invoice_delete_draft,
            commands::invoices::invoice_finalize,
            commands::invoices::invoice_credit,
            commands::invoices::invoice_set_register,
            commands::invoices::invoice_export,
            commands::invoices::invoice_register_export,
            commands::documents::documents_list,
            commands::documents::document_add,
            commands::documents::document_export,
            commands::documents::document_remove,
            commands::letters::letter_templates,
            commands::letters::letter_template_set,
            commands::letters::letter_template_reset,
            commands::letters::letter_draft,
            commands::letters::letters_list,
            commands::letters::letter_export,
            commands::letters::letter_copy,
            commands::handover::handover_key,
            commands::handover::handover_export,
            commands::handover::handover_import,
            commands::joint::joint_contributions,
            commands::joint::joint_contribute,
            commands::joint::joint_import,
            commands::joint::joint_receipts,
            commands::joint::joint_receipt_import,
        ])
}

/// Saves and locks now (sleep, screen lock), clears the clipboard and tells the UI.
fn lock_now<R: Runtime>(app: &tauri::AppHandle<R>) {
    if app
        .state::<Session>()
        .lock(kluis::Lang::Nl)
        .unwrap_or(false)
    {
        clipboard::after_lock(app);
    }
}

/// Locks the vault when it has been idle longer than its auto-lock time, checking every
/// second, and tells the UI; retries a failed save every 5 seconds.
fn start_autolock<R: Runtime>(app: tauri::AppHandle<R>) {
    std::thread::spawn(move || {
        for tick in 0u64.. {
            std::thread::sleep(Duration::from_secs(1));
            let session = app.state::<Session>();
            if tick % 5 == 4 {
                session.retry_save();
            }
            if session.lock_if_idle() {
                clipboard::after_lock(&app);
            }
        }
    });
}

/// Builds and runs the desktop app until its last window closes; the vault is saved and
/// locked, the clipboard cleared and the demo folder removed on the way out.
pub fn run() {
    // Before any secret is read: no core dumps, not dumpable (best effort; issue 9 item 2).
    let _ = kluis::process::harden();
    let app = setup(
        tauri::Builder::default()
            .plugin(tauri_plugin_dialog::init())
            .plugin(tauri_plugin_clipboard_manager::init()),
        Preferences::load(None),
    )
    .setup(|app| {
        // Preferences live in the platform's config folder (no case data).
        if let Ok(dir) = app.path().app_config_dir() {
            let prefs = Preferences::load(Some(dir.join("preferences.json")));
            let current = app.state::<Preferences>();
            current.replace_with(prefs);
        }
        let emitter = app.handle().clone();
        app.state::<Session>().set_notifier(Box::new(move |state| {
            let _ = emitter.emit("save-state", state);
        }));
        start_autolock(app.handle().clone());
        let handle = app.handle().clone();
        platform_lock::watch(app.handle(), std::sync::Arc::new(move || lock_now(&handle)));
        Ok(())
    })
    .build(tauri::generate_context!())
    .expect("the Tauri runtime failed to start");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            // A change that cannot reach the vault's folder is written, encrypted, as a
            // vault file of its own in the config folder and listed with the recent vaults.
            let recovery = handle
                .path()
                .app_config_dir()
                .ok()
                .map(|d| d.join("herstel"));
            if let Some(copy) = handle
                .state::<Session>()
                .close_for_exit(recovery.as_deref())
            {
                handle.state::<Preferences>().remember(&copy);
            }
            clipboard::clear_if_ours(handle, None);
            handle.state::<DemoVault>().remove();
        }
    });
}

#[cfg(test)]
mod document_tests;
#[cfg(test)]
mod handover_tests;
#[cfg(test)]
mod invoice_tests;
#[cfg(test)]
mod ipc_tests;
#[cfg(test)]
mod joint_tests;
#[cfg(test)]
mod letter_tests;
#[cfg(test)]
mod lock_tests;
#[cfg(test)]
mod party_tests;
