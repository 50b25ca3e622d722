//! Anonymised reports ("Rapportages"): what the report screen may choose from, preparing a
//! report (disclosure-checked tables, the audit verdict, the lint of the advisor's text and
//! the SVG pages of the preview), a cheap live lint while the advisor types, and the export
//! to PDF or CSV. The disclosure audit can take a second or more, so preparing and exporting
//! run on a blocking worker thread, never on the UI's event loop.
//!
//! Errors carry codes from the core's one list and the core's messages only: never case
//! content, names or paths.

use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Saved, Session};
use kluis::error::ErrorCode;
use kluis::report::document::Narrative;
use kluis::report::export::{
    ExportError, ExportFormat, ExportOutcome, ExportTarget, PreparedReport, ReportRequest,
};
use kluis::report::lint::{LintContext, LintRule, LintWarning, NarrativeSection};
use kluis::report::model::{CellValue, Label, ModelTable};
use kluis::report::{Profile, ReportError, ReportPeriod};
use kluis::store::Store;
use kluis::{Clock, Lang};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Instant;
use tauri::{AppHandle, Manager, Runtime};

/// What the advisor asks for on the report screen.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct ReportRequestInput {
    /// One organisation, or at least three (five in the strict profile) for a pooled report.
    pub organisations: Vec<i64>,
    /// `2024-2025`, `2025`, `2025-H1` or `2025-Q3`.
    pub period: String,
    /// The disclosure profile.
    pub profile: Profile,
    /// The report's language.
    pub lang: Lang,
    /// The advisor's text.
    pub narrative: Narrative,
    /// The title of a pooled report (empty: a default title).
    pub pooled_title: String,
    /// A joint report of the one organisation with the contributions imported for it.
    #[serde(default)]
    pub joint: bool,
}

/// A label in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LabelView {
    /// Stable code.
    pub code: String,
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl From<&Label> for LabelView {
    fn from(l: &Label) -> Self {
        LabelView {
            code: l.code.clone(),
            nl: l.nl.clone(),
            en: l.en.clone(),
        }
    }
}

/// What one cell of a report table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CellView {
    /// The exact count.
    Published {
        /// The count.
        value: u64,
    },
    /// Withheld (`x`).
    Withheld,
    /// Only the band `1-upper` (a small period total).
    Banded {
        /// The band's upper end.
        upper: u64,
    },
}

impl From<CellValue> for CellView {
    fn from(v: CellValue) -> Self {
        match v {
            CellValue::Published(value) => CellView::Published { value },
            CellValue::Withheld => CellView::Withheld,
            CellValue::Banded { upper } => CellView::Banded { upper },
        }
    }
}

/// One published table as a grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TableView {
    /// Stable code (`totaal`, `categorie`, ...).
    pub code: String,
    /// Title.
    pub title: LabelView,
    /// The report section it belongs in (3 contacts, 4 nature, 5 characteristics, 6 handling).
    pub section: u8,
    /// Row labels, margins last.
    pub rows: Vec<LabelView>,
    /// Column labels, margins last.
    pub columns: Vec<LabelView>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<CellView>>,
    /// The rows merged into "Overig (samengevoegd)" (each at most k in the period).
    pub merged: Vec<LabelView>,
}

impl From<&ModelTable> for TableView {
    fn from(t: &ModelTable) -> Self {
        let by_key: HashMap<(&str, &str), CellValue> = t
            .cells
            .iter()
            .map(|c| ((c.row.code.as_str(), c.column.code.as_str()), c.value))
            .collect();
        let cells = t
            .rows
            .iter()
            .map(|r| {
                t.columns
                    .iter()
                    .map(|c| {
                        // A cell the model does not list is never shown as a number.
                        by_key
                            .get(&(r.code.as_str(), c.code.as_str()))
                            .copied()
                            .map_or(CellView::Withheld, CellView::from)
                    })
                    .collect()
            })
            .collect();
        TableView {
            code: t.code.clone(),
            title: (&t.title).into(),
            section: t.section,
            rows: t.rows.iter().map(LabelView::from).collect(),
            columns: t.columns.iter().map(LabelView::from).collect(),
            cells,
            merged: t.merged.iter().map(LabelView::from).collect(),
        }
    }
}

/// A table left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DroppedView {
    /// Its code.
    pub code: String,
    /// Its title.
    pub title: LabelView,
    /// The audit rule that could not be met.
    pub rule: u8,
    /// The reason code (`derivable`, `single_value`, ...).
    pub reason: String,
}

/// One activity's rounded hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct HoursRowView {
    /// The activity.
    pub activity: LabelView,
    /// Rounded hours.
    pub hours: u64,
}

/// Hours in the report's period, rounded (frozen with the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct HoursView {
    /// The period.
    pub period: LabelView,
    /// Rounded to this many hours.
    pub rounding: u64,
    /// The rounded total.
    pub total: u64,
    /// Per activity.
    pub by_activity: Vec<HoursRowView>,
}

/// One lint warning on the advisor's text, with its explanation in the UI language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LintView {
    /// The text field.
    pub section: NarrativeSection,
    /// The rule.
    pub rule: LintRule,
    /// Character offset of the word in the field's text.
    pub start: u32,
    /// Character offset just past it.
    pub end: u32,
    /// The word.
    pub text: String,
    /// Why it is flagged.
    pub message: String,
}

fn lint_views(warnings: &[LintWarning], k: u64, lang: Lang) -> Vec<LintView> {
    warnings
        .iter()
        .map(|w| LintView {
            section: w.section,
            rule: w.rule,
            start: w.start,
            end: w.end,
            text: w.text.clone(),
            message: w.rule.message(lang, k),
        })
        .collect()
}

/// A prepared report as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ReportView {
    /// Who the report is for: the organisation's name or the pooled report's title.
    pub recipient: String,
    /// For a pooled report: how many organisations.
    pub pooled_organisations: Option<u32>,
    /// The period.
    pub period: LabelView,
    /// The profile.
    pub profile: Profile,
    /// The threshold k: no published count lies between 1 and k - 1.
    pub k: u64,
    /// Whether the disclosure audit passed (only then can the report be exported).
    pub audit_passed: bool,
    /// Whether the period total allowed breakdowns.
    pub breakdowns: bool,
    /// Whether categories are shown as their groups.
    pub categories_grouped: bool,
    /// Cells published in the tables.
    pub published_cells: u32,
    /// Cells withheld (`x`).
    pub withheld_cells: u32,
    /// The number of dossiers the lint assumes (for [`report_lint`]).
    pub lint_total: u64,
    /// The published tables, the total first.
    pub tables: Vec<TableView>,
    /// Tables left out.
    pub dropped: Vec<DroppedView>,
    /// Rounded hours.
    pub hours: Option<HoursView>,
    /// Warnings on the advisor's text.
    pub lint: Vec<LintView>,
    /// The pages of the report as SVG documents (exactly the PDF's pages).
    pub pages: Vec<String>,
    /// Why the preview could not be rendered (a code), if it could not.
    pub preview_error: Option<String>,
    /// Milliseconds spent preparing (tables, disclosure control, audit, lint).
    pub prepare_ms: u32,
    /// Milliseconds spent rendering the preview pages.
    pub render_ms: u32,
}

/// What the report screen can choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ReportOptions {
    /// Years in which dossiers were opened, newest first.
    pub years: Vec<i32>,
    /// Dossiers opened per organisation and year.
    pub counts: Vec<DossierCount>,
    /// The fewest organisations a pooled report needs in the standard profile.
    pub pooled_minimum_standaard: u32,
    /// The same in the strict profile.
    pub pooled_minimum_strikt: u32,
    /// Today, as the report's date.
    pub today: chrono::NaiveDate,
}

/// Dossiers opened by one organisation in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DossierCount {
    /// The organisation.
    pub organisation_id: i64,
    /// The year.
    pub year: i32,
    /// Dossiers opened.
    pub dossiers: u32,
}

/// One file to export.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct ExportTargetInput {
    /// The full path of a file that does not exist yet.
    pub path: String,
    /// Its format.
    pub format: ExportFormat,
}

/// A report error as the UI needs it (code and message from the core).
fn report_error(e: ReportError, lang: Lang) -> IpcError {
    IpcError::from_core(&e, lang)
}

/// An export error as the UI needs it (code and message from the core), and what it left
/// behind in the vault.
fn export_error(e: ExportError, lang: Lang) -> (IpcError, Saved) {
    let saved = match e {
        // The release and the export log may be in memory without being on disk.
        ExportError::Store(_) | ExportError::Vault(_) => Saved::No,
        ExportError::AuditFailed
        | ExportError::LintNotAccepted { .. }
        | ExportError::NothingChosen
        | ExportError::NotFinal
        | ExportError::Exists { .. }
        | ExportError::SameFile
        | ExportError::Io { .. }
        | ExportError::Render { .. } => Saved::Unchanged,
    };
    (IpcError::from_core(&e, lang), saved)
}

/// The core's request from the screen's, dated today.
fn request(input: &ReportRequestInput, lang: Lang) -> IpcResult<ReportRequest> {
    let period = ReportPeriod::parse(&input.period).map_err(|e| IpcError::from_core(&e, lang))?;
    kluis::report::request::validate_organisations(&input.organisations, input.profile)
        .map_err(|e| report_error(e, lang))?;
    Ok(ReportRequest {
        organisations: input.organisations.clone(),
        period,
        profile: input.profile,
        lang: input.lang,
        narrative: input.narrative.clone(),
        pooled_title: input.pooled_title.clone(),
        date: Clock::system().today,
        joint: input.joint,
    })
}

/// The count the lint compares percentages with: the published period total, else 0 (as
/// [`kluis::report::export::prepare`] does).
fn lint_total(prepared: &PreparedReport) -> u64 {
    prepared
        .document
        .model
        .tables
        .iter()
        .find(|t| t.code == "totaal")
        .and_then(|t| {
            t.cells.iter().find_map(|c| match c.value {
                CellValue::Published(v) if c.column.code == "*" || t.columns.len() == 1 => Some(v),
                _ => None,
            })
        })
        .unwrap_or(0)
}

fn view(prepared: &PreparedReport, profile: Profile, ui: Lang) -> ReportView {
    let doc = &prepared.document;
    let model = &doc.model;
    ReportView {
        recipient: doc.recipient.clone(),
        pooled_organisations: doc.pooled_organisations.map(|n| n as u32),
        period: (&model.period_label).into(),
        profile,
        k: model.k,
        audit_passed: model.audit_passed,
        breakdowns: model.breakdowns,
        categories_grouped: model.categories_grouped,
        published_cells: model.published_cells as u32,
        withheld_cells: model.withheld_cells as u32,
        lint_total: lint_total(prepared),
        tables: model.tables.iter().map(TableView::from).collect(),
        dropped: model
            .dropped
            .iter()
            .map(|d| DroppedView {
                code: d.code.clone(),
                title: (&d.title).into(),
                rule: d.rule,
                reason: d.reason.clone(),
            })
            .collect(),
        hours: doc.hours.as_ref().map(|h| HoursView {
            period: LabelView::from(&h.period),
            rounding: h.rounding,
            total: h.total,
            by_activity: h
                .by_activity
                .iter()
                .map(|r| HoursRowView {
                    activity: (&r.activity).into(),
                    hours: r.hours,
                })
                .collect(),
        }),
        lint: lint_views(&prepared.lint, model.k, ui),
        pages: Vec::new(),
        preview_error: None,
        prepare_ms: 0,
        render_ms: 0,
    }
}

fn elapsed_ms(since: Instant) -> u32 {
    u32::try_from(since.elapsed().as_millis()).unwrap_or(u32::MAX)
}

/// Runs blocking work off the event loop.
pub(crate) async fn blocking<T: Send + 'static>(
    lang: Lang,
    f: impl FnOnce() -> IpcResult<T> + Send + 'static,
) -> IpcResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|_| IpcError::from_code(ErrorCode::Internal, lang))?
}

/// Years with dossiers, dossiers per organisation and year, and the pooled minimums.
#[tauri::command]
pub fn report_options(
    session: tauri::State<'_, Session>,
    prefs: tauri::State<'_, Preferences>,
) -> IpcResult<ReportOptions> {
    use chrono::Datelike;
    let dossiers = session.read(prefs.language(), |s| s.dossiers(&Default::default()))?;
    let mut counts: BTreeMap<(i64, i32), u32> = BTreeMap::new();
    for d in &dossiers {
        *counts
            .entry((d.organisation_id, d.opened_on.year()))
            .or_default() += 1;
    }
    let mut years: Vec<i32> = counts.keys().map(|&(_, y)| y).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(ReportOptions {
        years,
        counts: counts
            .into_iter()
            .map(|((organisation_id, year), dossiers)| DossierCount {
                organisation_id,
                year,
                dossiers,
            })
            .collect(),
        pooled_minimum_standaard: Profile::Standaard.pooled_minimum_organisations() as u32,
        pooled_minimum_strikt: Profile::Strikt.pooled_minimum_organisations() as u32,
        today: Clock::system().today,
    })
}

/// Prepares a report: tables with disclosure control and the audit verdict, hours, the lint
/// of the text, and the preview pages. Nothing is written.
#[tauri::command]
pub async fn report_prepare<R: Runtime>(
    app: AppHandle<R>,
    request: ReportRequestInput,
) -> IpcResult<ReportView> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let req = self::request(&request, lang)?;
        let started = Instant::now();
        let prepared = app
            .state::<Session>()
            .prepare_report(lang, &req)?
            .map_err(|e| report_error(e, lang))?;
        let prepare_ms = elapsed_ms(started);
        // The pages are laid out after the vault is released: they need only the document.
        let started = Instant::now();
        let mut view = view(&prepared, request.profile, lang);
        match kluis::report::render::pdf::render_svg_pages(&prepared.document) {
            Ok(pages) => view.pages = pages,
            Err(e) => view.preview_error = Some(e.code().to_owned()),
        }
        view.prepare_ms = prepare_ms;
        view.render_ms = elapsed_ms(started);
        Ok(view)
    })
    .await
}

/// The lint of the advisor's text alone, for live feedback while typing: `total` is the
/// prepared report's [`ReportView::lint_total`]. Export lints again on its own. Async, so a
/// keystroke never waits on the UI thread for a report being prepared meanwhile.
#[tauri::command]
pub async fn report_lint<R: Runtime>(
    app: AppHandle<R>,
    request: ReportRequestInput,
    total: u64,
) -> IpcResult<Vec<LintView>> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let req = self::request(&request, lang)?;
        let record_names = app.state::<Session>().inspect(lang, |store: &Store| {
            req.organisations
                .iter()
                .map(|&id| store.organisation(id).map(|o| o.contact_label))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| IpcError::from_core(&e, lang))
        })?;
        let k = req.profile.k();
        let warnings = kluis::report::lint::lint(
            &req.narrative,
            &LintContext {
                k,
                total,
                record_names,
            },
        );
        Ok(lint_views(&warnings, k, lang))
    })
    .await
}

/// Prepares the report again on the same request and writes the chosen files (never over an
/// existing file), after the audit passed and every lint warning was fixed or accepted; the
/// release ledger and the export log are recorded and the vault saved before the files
/// appear.
#[tauri::command]
pub async fn report_export<R: Runtime>(
    app: AppHandle<R>,
    request: ReportRequestInput,
    targets: Vec<ExportTargetInput>,
    recipient: String,
    accept_lint: bool,
) -> IpcResult<ExportOutcome> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let req = self::request(&request, lang)?;
        let mut chosen = Vec::with_capacity(targets.len());
        for target in &targets {
            let path = PathBuf::from(target.path.trim());
            if !path.is_absolute() || path.file_name().is_none() {
                return Err(IpcError::from_code(ErrorCode::InvalidPath, lang));
            }
            chosen.push(ExportTarget {
                path,
                format: target.format,
            });
        }
        app.state::<Session>().save_through(lang, |vault, clock| {
            let prepared = match kluis::report::export::prepare(vault.store(), &req) {
                Ok(p) => p,
                Err(e) => return (Err(report_error(e, lang)), Saved::Unchanged),
            };
            match kluis::report::export::export(
                vault,
                &prepared,
                &chosen,
                recipient.trim(),
                accept_lint,
                clock,
            ) {
                Ok(outcome) => (Ok(outcome), Saved::Yes),
                Err(e) => {
                    let (err, saved) = export_error(e, lang);
                    (Err(err), saved)
                }
            }
        })
    })
    .await
}
