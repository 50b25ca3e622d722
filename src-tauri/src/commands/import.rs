//! Import of an existing registration (screen "Inlezen"): the core's stages, one command
//! each. Every command reads the file again from its path, so nothing of it stays in the
//! app between steps or after locking. The last mapping used is kept in the vault (setting
//! `import.mapping`), never in a file beside it.

use super::reports::blocking;
use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Saved, Session};
use kluis::Lang;
use kluis::import::{
    ColumnInfo, DryRun, FileKind, ImportOutcome, Mapping, Source, ValueReview, review,
    text::TextEncoding,
};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime, State};

/// The vault setting that keeps the last mapping used (JSON).
const MAPPING_SETTING: &str = "import.mapping";

/// One sheet of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SheetSummary {
    /// Its name.
    pub name: String,
    /// Rows with something in them.
    pub rows: u32,
}

/// The file as the first steps show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportInspection {
    /// What kind of file it is.
    pub kind: FileKind,
    /// For a text file: its encoding.
    #[ts(optional)]
    pub encoding: Option<TextEncoding>,
    /// For a text file: its delimiter.
    #[ts(optional)]
    pub delimiter: Option<String>,
    /// Its sheets.
    pub sheets: Vec<SheetSummary>,
    /// The columns of the chosen sheet below the chosen header row.
    pub columns: Vec<ColumnInfo>,
    /// A mapping drafted from the headers (suggestions still to confirm).
    pub draft: Mapping,
    /// The mapping used last time, when there is one.
    #[ts(optional)]
    pub saved: Option<Mapping>,
}

/// The path of the file imported last, for the offer to remove it afterwards.
#[derive(Default)]
pub struct LastImport(Mutex<Option<PathBuf>>);

fn read(path: &Path, lang: Lang) -> IpcResult<Source> {
    Source::read(path).map_err(|e| IpcError::from_core(&e, lang))
}

/// Reads a file and drafts a mapping for a sheet (the first when absent) and header row.
#[tauri::command]
pub async fn import_inspect<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    sheet: Option<String>,
    header_row: u32,
) -> IpcResult<ImportInspection> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        inspect(&app.state::<Session>(), lang, &path, sheet, header_row)
    })
    .await
}

fn inspect(
    session: &Session,
    lang: Lang,
    path: &Path,
    sheet: Option<String>,
    header_row: u32,
) -> IpcResult<ImportInspection> {
    let source = read(path, lang)?;
    session.inspect(lang, |store| {
        let core = |e: kluis::import::ImportError| IpcError::from_core(&e, lang);
        let draft = source.draft(store, sheet, header_row).map_err(core)?;
        let chosen = draft.sheet_of(&source.book).map_err(core)?;
        let saved = store
            .setting(MAPPING_SETTING)
            .map_err(|e| IpcError::from_core(&e, lang))?
            .and_then(|json| serde_json::from_str::<Mapping>(&json).ok())
            .filter(|m| m.check().is_ok());
        Ok(ImportInspection {
            kind: source.book.kind,
            encoding: source.book.encoding,
            delimiter: source.book.delimiter.map(|d| d.to_string()),
            sheets: source
                .book
                .sheets
                .iter()
                .map(|s| SheetSummary {
                    name: s.name.clone(),
                    rows: s
                        .rows
                        .iter()
                        .filter(|r| !r.iter().all(|c| c.is_blank()))
                        .count() as u32,
                })
                .collect(),
            columns: review::columns(chosen, header_row),
            draft,
            saved,
        })
    })
}

/// Every distinct value of the mapped coded fields, with its mapping and a suggestion.
#[tauri::command]
pub async fn import_values<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    mapping: Mapping,
) -> IpcResult<Vec<ValueReview>> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let source = read(&path, lang)?;
        app.state::<Session>().inspect(lang, |store| {
            source
                .values(store, &mapping)
                .map_err(|e| IpcError::from_core(&e, lang))
        })
    })
    .await
}

/// The dry run: what would be created and every error. Writes nothing.
#[tauri::command]
pub async fn import_dry_run<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    mapping: Mapping,
) -> IpcResult<DryRun> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let source = read(&path, lang)?;
        app.state::<Session>().inspect(lang, |store| {
            source
                .plan(store, &mapping, kluis::Clock::system())
                .map_err(|e| IpcError::from_core(&e, lang))
        })
    })
    .await
}

/// Imports every row (dry-run again here, never trusting an earlier one) in one
/// transaction and saves; keeps the mapping in the vault for next time.
#[tauri::command]
pub async fn import_commit<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    mapping: Mapping,
    again: bool,
) -> IpcResult<ImportOutcome> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let outcome = commit(&app.state::<Session>(), lang, &path, &mapping, again)?;
        *app.state::<LastImport>()
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(outcome)
    })
    .await
}

fn commit(
    session: &Session,
    lang: Lang,
    path: &Path,
    mapping: &Mapping,
    again: bool,
) -> IpcResult<ImportOutcome> {
    let source = read(path, lang)?;
    session.save_through(lang, |vault, clock| {
        let core = |e: &dyn kluis::error::Coded| IpcError::from_core(&e, lang);
        let run = match source.plan(vault.store(), mapping, clock) {
            Ok(run) => run,
            Err(e) => return (Err(core(&e)), Saved::Unchanged),
        };
        let store = vault.store_mut();
        let previous = store.setting(MAPPING_SETTING).ok().flatten();
        let json = serde_json::to_string(mapping).unwrap_or_default();
        if let Err(e) = store.set_setting(MAPPING_SETTING, &json) {
            return (Err(core(&e)), Saved::Unchanged);
        }
        match kluis::import::commit(vault, &source, &run, again, clock) {
            Ok(outcome) => (Ok(outcome), Saved::Yes),
            Err(e) => {
                // Put the setting back: the import left nothing else behind.
                let store = vault.store_mut();
                let _ = match &previous {
                    Some(p) => store.set_setting(MAPPING_SETTING, p),
                    None => store.delete_setting(MAPPING_SETTING),
                };
                (Err(core(&e)), Saved::Unchanged)
            }
        }
    })
}

/// Removes the file imported last from its folder (the advisor asked for it after a
/// successful import: it holds case data unencrypted). Only that one file, and only once.
#[tauri::command]
pub fn import_remove_source(
    prefs: State<'_, Preferences>,
    last: State<'_, LastImport>,
) -> IpcResult<()> {
    let lang = prefs.language();
    let path = last
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
        .ok_or_else(|| IpcError::from_code(kluis::error::ErrorCode::NotFound, lang))?;
    std::fs::remove_file(&path).map_err(|_| IpcError::from_code(kluis::error::ErrorCode::Io, lang))
}

#[cfg(test)]
mod tests {
    use crate::ipc_tests::app;
    use serde_json::json;

    #[test]
    fn a_registration_is_inspected_dry_run_imported_once_and_its_source_removed() {
        let a = app();
        a.create();
        a.ok(
            "organisation_create",
            json!({ "input": { "name": "Zorggroep De Linde", "employee_count": 180,
                "arrangement": "maatwerk", "contact_label": "" } }),
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let csv = dir.path().join("registratie.csv");
        std::fs::write(
            &csv,
            "Organisatie;Datum melding;Soort contact;Categorie\n\
             Zorggroep De Linde;05-03-2025;consult;pesten\n\
             Zorggroep De Linde;31-02-2025;consult;Pesterij\n",
        )
        .expect("the test file");
        let path = csv.to_string_lossy();
        let seen = a.ok(
            "import_inspect",
            json!({ "path": path, "sheet": null, "headerRow": 1 }),
        );
        assert_eq!(seen["kind"], "csv");
        assert_eq!(seen["delimiter"], ";", "the Dutch delimiter is found");
        assert_eq!(
            seen["columns"][3]["suggested"], "categories",
            "from the header"
        );
        let mut mapping = seen["draft"].clone();
        assert_eq!(
            mapping["values"]["categories"]["Pesterij"], "pesten",
            "the draft carries the suggestion (the screen asks to confirm it)"
        );
        let values = a.ok("import_values", json!({ "path": path, "mapping": mapping }));
        let values = values.as_array().expect("a list");
        assert_eq!(
            values.len(),
            4,
            "organisation, contact type and two categories"
        );
        assert!(
            values.iter().all(|v| v["mapped"].is_string()),
            "codes as they are and the draft's suggestion all resolve: {values:?}"
        );

        let run = a.ok(
            "import_dry_run",
            json!({ "path": path, "mapping": mapping }),
        );
        assert_eq!(run["plan"]["rows_with_errors"], 1, "{run}");
        assert_eq!(run["plan"]["errors"][0]["code"], "impossible_date");
        let refused = a.err(
            "import_commit",
            json!({ "path": path, "mapping": mapping, "again": false }),
        );
        assert_eq!(
            refused["code"], "import_has_errors",
            "the commit dry-runs again"
        );

        std::fs::write(
            &csv,
            "Organisatie;Datum melding;Soort contact;Categorie\n\
             Zorggroep De Linde;05-03-2025;consult;pesten\n\
             Zorggroep De Linde;28-02-2025;consult;Pesterij\n",
        )
        .expect("the fixed file");
        mapping["header_row"] = json!(1);
        let done = a.ok(
            "import_commit",
            json!({ "path": path, "mapping": mapping, "again": false }),
        );
        assert_eq!(done["created"], 2);
        let again = a.err(
            "import_commit",
            json!({ "path": path, "mapping": mapping, "again": false }),
        );
        assert_eq!(again["code"], "already_imported");
        let seen = a.ok(
            "import_inspect",
            json!({ "path": path, "sheet": null, "headerRow": 1 }),
        );
        assert_eq!(
            seen["saved"]["values"]["categories"]["Pesterij"], "pesten",
            "the mapping used is kept in the vault for next time"
        );
        a.ok("import_remove_source", json!({}));
        assert!(!csv.exists(), "the source file is removed on request");
        assert_eq!(
            a.err("import_remove_source", json!({}))["code"],
            "not_found",
            "only once, and only the file just imported"
        );
    }
}
