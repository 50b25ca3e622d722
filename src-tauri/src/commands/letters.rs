//! Letters: the templates (Kluis's or the advisor's own, per kind and language), a dossier's
//! draft with its fields filled in, the letter written as PDF or copied as text (both kept
//! with the dossier and logged), and the letters a dossier has sent. Every rule is the core's
//! ([`kluis::letter`]); these commands only delegate.

use crate::commands::chosen_path;
use crate::commands::reports::blocking;
use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Saved, Session};
use kluis::error::ErrorCode;
use kluis::letter::export::{LetterFile, copy_text, export_pdf, record_copy};
use kluis::letter::{Letter, LetterDraft, LetterInput, LetterTemplate};
use kluis::model::LetterKind;
use kluis::report::export::ExportError;
use kluis::{Clock, Lang};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};

/// Every template, by kind and language.
#[tauri::command]
pub fn letter_templates(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<Vec<LetterTemplate>> {
    session.read(prefs.language(), |s| s.letter_templates())
}

/// Keeps the advisor's own version of a template (refused with `unknown_field` when it
/// names a field Kluis does not know) and saves.
#[tauri::command]
pub fn letter_template_set(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    kind: LetterKind,
    lang: Lang,
    subject: String,
    body: String,
) -> IpcResult<LetterTemplate> {
    session.change(prefs.language(), |s, clock| {
        s.set_letter_template(kind, lang, &subject, &body, clock)
    })
}

/// Goes back to Kluis's template and saves.
#[tauri::command]
pub fn letter_template_reset(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    kind: LetterKind,
    lang: Lang,
) -> IpcResult<LetterTemplate> {
    session.change(prefs.language(), |s, _| s.reset_letter_template(kind, lang))
}

/// A letter for a dossier, drafted from its template with today's values.
#[tauri::command]
pub fn letter_draft(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
    kind: LetterKind,
    lang: Lang,
) -> IpcResult<LetterDraft> {
    session.read(prefs.language(), |s| {
        s.letter_draft(dossier_id, kind, lang, Clock::system().today)
    })
}

/// The letters a dossier has sent, newest first.
#[tauri::command]
pub fn letters_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    dossier_id: i64,
) -> IpcResult<Vec<Letter>> {
    session.read(prefs.language(), |s| s.letters(dossier_id))
}

fn saved_after(e: &ExportError) -> Saved {
    match e {
        // Only a failure after the letter was kept changed the vault.
        ExportError::Vault(_) => Saved::No,
        _ => Saved::Unchanged,
    }
}

/// Writes the letter as PDF to `path` (never over an existing file), keeps it with the
/// dossier, logs it and saves.
#[tauri::command]
pub async fn letter_export<R: Runtime>(
    app: AppHandle<R>,
    dossier_id: i64,
    letter: LetterInput,
    path: String,
) -> IpcResult<LetterFile> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let path = chosen_path(Some(path), lang)?
            .ok_or_else(|| IpcError::from_code(ErrorCode::InvalidPath, lang))?;
        app.state::<Session>().save_through(lang, |vault, clock| {
            match export_pdf(vault, dossier_id, &letter, &path, clock) {
                Ok(file) => (Ok(file), Saved::Yes),
                Err(e) => {
                    let saved = saved_after(&e);
                    (Err(IpcError::from_core(&e, lang)), saved)
                }
            }
        })
    })
    .await
}

/// A letter copied as text: what was kept, and the text for the clipboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LetterCopied {
    /// The letter as kept.
    pub letter: Letter,
    /// The subject, a blank line, the text.
    pub text: String,
}

/// Keeps and logs a letter the advisor copies (after the same check as an export) and
/// saves; answers with the text, which the UI puts on the clipboard.
#[tauri::command]
pub async fn letter_copy<R: Runtime>(
    app: AppHandle<R>,
    dossier_id: i64,
    letter: LetterInput,
) -> IpcResult<LetterCopied> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        app.state::<Session>().save_through(lang, |vault, clock| {
            match record_copy(vault, dossier_id, &letter, clock) {
                Ok(kept) => (
                    Ok(LetterCopied {
                        letter: kept,
                        text: copy_text(&letter),
                    }),
                    Saved::Yes,
                ),
                Err(e) => {
                    let saved = saved_after(&e);
                    (Err(IpcError::from_core(&e, lang)), saved)
                }
            }
        })
    })
    .await
}
