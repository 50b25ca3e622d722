//! From a report request to files on disk, shared by the CLI and the app.
//!
//! [`prepare`] builds everything a report shows ([`ReportDocument`]) from the store: the
//! disclosure-checked tables, rounded hours, earlier published totals, and the lint of the
//! advisor's text. [`export`] writes the chosen files, and only when the audit passed and
//! every lint warning was fixed or accepted: each file goes to a private temporary file
//! first; then the release ledger is recorded and the vault saved; only then does each file
//! appear under its chosen name, never over an existing file; and only a file that appeared
//! is recorded in the export log (saved again). If any step before the links fails, the
//! temporary files are removed and nothing is published. Every file gets a detached
//! minisign signature by the vault's key (`<file>.minisig`, [`crate::signing`]), written,
//! linked and logged the same way, right after its file.

use super::build::{build_joint_report, build_report};
pub(crate) use super::deliver::{deliver, publish, temp_path, write_new};
use super::document::{HistoryPoint, Hours, HoursRow, ReportDate, ReportDocument, Signing};
use super::lint::{LintContext, LintWarning, lint};
use super::model::{CellValue, Label, SizeBand};
use super::render::csv::CsvDialect;
use super::{Profile, ReportError, ReportKey, ReportPeriod};
use crate::model::Activity;
use crate::signing::{signature_path, trusted_comment};
use crate::store::{CountedDossier, ReleasedFact, ReleasedGuard, Store, StoreError};
use crate::vault::{Vault, VaultError};
use crate::{Clock, Lang};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub use super::request::ReportRequest;

/// A report ready to preview or export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedReport {
    /// What the report shows.
    pub document: ReportDocument,
    /// Lint warnings on the narrative.
    pub lint: Vec<LintWarning>,
    /// The report's key in the release ledger.
    pub key: ReportKey,
    /// What a recipient can read (recorded for every organisation of the report).
    pub facts: Vec<ReleasedFact>,
    /// The cells later reports must keep protected (recorded for every organisation).
    pub guards: Vec<ReleasedGuard>,
    /// Dossiers counted for the first time (frozen on export).
    pub counted: Vec<CountedDossier>,
    /// The hours the report shows, per activity code (recorded, so that a re-issue shows
    /// the same).
    pub hours_by_code: Vec<(String, u64)>,
    /// The organisations' names (for the export log).
    pub organisation_names: Vec<String>,
}

/// Rounds minutes to whole hours in steps of `step` (to the nearest step).
fn round_hours(minutes: u64, step: u64) -> u64 {
    let step_minutes = step * 60;
    (minutes + step_minutes / 2) / step_minutes * step
}

/// The code and label of the hours row for conversations with reporters.
fn conversations_label() -> Label {
    Label::new(
        "gesprekken",
        "Gesprekken met melders",
        "Conversations with reporters",
    )
}

/// Hours of the organisations in the report's period, rounded as the profile says: 5 hours
/// (standaard) or 10 (strikt). Conversations in dossiers count as one activity. A report
/// that was published before shows the hours it showed then (`recorded`), so that activity
/// after its period can never be read from a re-issue.
pub fn hours(
    store: &Store,
    organisations: &[i64],
    period: ReportPeriod,
    profile: Profile,
    recorded: &[(String, u64)],
) -> Result<Hours, StoreError> {
    use chrono::Datelike;
    let rounding = profile.hours_rounding();
    let label = Label::new(
        &period.code(),
        &period.label(Lang::Nl),
        &period.label(Lang::En),
    );
    let activity_label = |a: Activity| Label::new(a.code(), a.label(Lang::Nl), a.label(Lang::En));
    if !recorded.is_empty() {
        let mut rows = Vec::new();
        let mut total = 0;
        for (code, h) in recorded {
            if code == "totaal" {
                total = *h;
            } else if code == "gesprekken" {
                rows.push(HoursRow {
                    activity: conversations_label(),
                    hours: *h,
                });
            } else if let Some(a) = Activity::ALL.iter().find(|a| a.code() == code) {
                rows.push(HoursRow {
                    activity: activity_label(*a),
                    hours: *h,
                });
            }
        }
        return Ok(Hours {
            period: label,
            rounding,
            total,
            by_activity: rows,
        });
    }
    let mut conversations = 0u64;
    let mut activities = vec![0u64; Activity::ALL.len()];
    let mut month = period.start();
    while month <= period.end() {
        for &org in organisations {
            for m in store.month_hours(Some(org), month.year(), month.month())? {
                conversations += u64::from(m.conversation_minutes);
                for (slot, a) in activities.iter_mut().zip(&m.activity_minutes) {
                    *slot += u64::from(a.minutes);
                }
            }
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(chrono::NaiveDate::MAX);
    }
    let total_minutes = conversations + activities.iter().sum::<u64>();
    let mut by_activity = Vec::new();
    if conversations > 0 {
        by_activity.push(HoursRow {
            activity: conversations_label(),
            hours: round_hours(conversations, rounding),
        });
    }
    for (a, &minutes) in Activity::ALL.iter().zip(&activities) {
        if minutes > 0 {
            by_activity.push(HoursRow {
                activity: activity_label(*a),
                hours: round_hours(minutes, rounding),
            });
        }
    }
    Ok(Hours {
        period: label,
        rounding,
        total: round_hours(total_minutes, rounding),
        by_activity,
    })
}

/// The hours as recorded: per activity code, and the total.
fn hours_by_code(h: &Hours) -> Vec<(String, u64)> {
    h.by_activity
        .iter()
        .map(|r| (r.activity.code.clone(), r.hours))
        .chain(std::iter::once(("totaal".to_owned(), h.total)))
        .collect()
}

/// Published totals of up to four earlier periods of the same length over the same
/// organisations (any profile), oldest first.
fn history(store: &Store, key: &ReportKey) -> Result<Vec<HistoryPoint>, StoreError> {
    let mut earlier: std::collections::BTreeMap<ReportPeriod, Option<u64>> = Default::default();
    let org = key.organisations[0];
    let same_kind = |p: ReportPeriod| {
        std::mem::discriminant(&p) == std::mem::discriminant(&key.period)
            && p.start() < key.period.start()
    };
    for r in store.released_reports(org)? {
        if let Ok(other) = ReportKey::parse(&r.report_key)
            && other.organisations == key.organisations
            && same_kind(other.period)
        {
            earlier.entry(other.period).or_default();
        }
    }
    for f in store.release_facts(org)? {
        let Ok(other) = ReportKey::parse(&f.report_key) else {
            continue;
        };
        if other.organisations != key.organisations || !same_kind(other.period) {
            continue;
        }
        if f.table_code == "totaal"
            && matches!(f.cell_key.as_str(), "totaal" | "totaal|*" | "*")
            && let Some(v) = f.value()
        {
            earlier.insert(other.period, Some(v));
        }
    }
    let skip = earlier.len().saturating_sub(4);
    Ok(earlier
        .into_iter()
        .skip(skip)
        .map(|(p, value)| HistoryPoint {
            period: Label::new(&p.code(), &p.label(Lang::Nl), &p.label(Lang::En)),
            value,
        })
        .collect())
}

/// Builds the report: tables with disclosure control, hours, history and lint.
pub fn prepare(store: &Store, req: &ReportRequest) -> Result<PreparedReport, ReportError> {
    prepare_with_context(store, req).map(|(p, _)| p)
}

fn prepare_with_context(
    store: &Store,
    req: &ReportRequest,
) -> Result<(PreparedReport, LintContext), ReportError> {
    let orgs = req.validate(store)?;
    let built = if req.joint {
        let shares: Vec<i64> = store
            .joint_participants(orgs[0].id, &req.period.code())?
            .into_iter()
            .filter(|p| p.source == crate::joint::SOURCE_CONTRIBUTION)
            .map(|p| p.organisation_id)
            .collect();
        if shares.is_empty() {
            return Err(ReportError::NoContributions);
        }
        build_joint_report(store, &orgs[0], &shares, req.period, req.profile)?
    } else {
        build_report(store, &orgs, req.period, req.profile)?
    };
    let (recipient, size_band) = match orgs.as_slice() {
        [org] => (org.name.clone(), Some(SizeBand::of(org.employee_count))),
        _ => {
            let title = if req.pooled_title.trim().is_empty() {
                match req.lang {
                    Lang::Nl => format!("Gebundelde rapportage ({} organisaties)", orgs.len()),
                    Lang::En => format!("Pooled report ({} organisations)", orgs.len()),
                }
            } else {
                req.pooled_title.trim().to_owned()
            };
            (title, None)
        }
    };
    let history = history(store, &built.key)?;
    let recorded = store.release_hours(built.key.organisations[0], &built.key.to_string())?;
    let mut hours = hours(
        store,
        &req.organisations,
        req.period,
        req.profile,
        &recorded,
    )?;
    if req.joint {
        // A joint report shows no hours: this vault knows only its own advisor's.
        hours.total = 0;
        hours.by_activity.clear();
    }
    let advisor = store.advisor_name()?;
    let model = built.model;
    let total = model
        .tables
        .iter()
        .find(|t| t.code == "totaal")
        .and_then(|t| {
            t.cells.iter().find_map(|c| match c.value {
                CellValue::Published(v) if c.column.code == "*" || t.columns.len() == 1 => Some(v),
                _ => None,
            })
        })
        .unwrap_or(0);
    let context = LintContext {
        k: model.k,
        total,
        record_names: orgs.iter().map(|o| o.contact_label.clone()).collect(),
    };
    let lint = lint(&req.narrative, &context);
    let prepared = PreparedReport {
        document: ReportDocument {
            lang: req.lang,
            date: ReportDate::from(req.date),
            recipient,
            pooled_organisations: (orgs.len() > 1).then_some(orgs.len()),
            joint_advisors: built.key.joint.then_some(built.key.organisations.len()),
            size_band,
            advisor,
            model,
            hours: (hours.total > 0).then_some(hours.clone()),
            narrative: req.narrative.clone(),
            history,
            signing: store.signing_key()?.map(|k| Signing {
                fingerprint: k.public_key().fingerprint(),
            }),
        },
        lint,
        key: built.key,
        facts: built.facts,
        guards: built.guards,
        counted: built.counted,
        hours_by_code: hours_by_code(&hours),
        organisation_names: orgs.into_iter().map(|o| o.name).collect(),
    };
    Ok((prepared, context))
}

/// The last prepared report of a session, reused while nothing that feeds its tables has
/// changed: the same organisations, period, profile, language, title and date, and no
/// write to the store since (`Store::change_count`). Editing the narrative then costs only
/// the lint, not the disclosure audit again. Keep it with the unlocked vault: it holds
/// report figures and must go when the vault is locked.
#[derive(Debug, Default)]
pub struct PrepareCache {
    entry: Option<(CacheKey, PreparedReport, LintContext)>,
}

type CacheKey = (
    Vec<i64>,
    bool,
    ReportPeriod,
    Profile,
    Lang,
    String,
    chrono::NaiveDate,
    u64,
);

/// [`prepare`], reusing `cache` when the request differs only in its narrative.
pub fn prepare_cached(
    store: &Store,
    req: &ReportRequest,
    cache: &mut PrepareCache,
) -> Result<PreparedReport, ReportError> {
    let key: CacheKey = (
        req.organisations.clone(),
        req.joint,
        req.period,
        req.profile,
        req.lang,
        req.pooled_title.clone(),
        req.date,
        store.change_count(),
    );
    if let Some((k, prepared, ctx)) = &cache.entry
        && *k == key
    {
        let mut again = prepared.clone();
        again.document.narrative = req.narrative.clone();
        again.lint = lint(&req.narrative, ctx);
        return Ok(again);
    }
    let (prepared, ctx) = prepare_with_context(store, req)?;
    cache.entry = Some((key, prepared.clone(), ctx));
    Ok(prepared)
}

/// A file format to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// The PDF report.
    Pdf,
    /// CSV, standard dialect.
    Csv,
    /// CSV for a Dutch Excel.
    CsvExcelNl,
}

/// The export-log kind of a report file's detached signature (`<file>.minisig`).
pub const SIGNATURE_KIND: &str = "report_signature";

impl ExportFormat {
    /// The export-log kind.
    pub fn kind(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "report_pdf",
            ExportFormat::Csv | ExportFormat::CsvExcelNl => "report_csv",
        }
    }
}

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportTarget {
    /// Where (must not exist).
    pub path: PathBuf,
    /// What.
    pub format: ExportFormat,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportedFile {
    /// Where.
    pub path: String,
    /// What.
    pub format: ExportFormat,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Where its detached signature was written (`<path>.minisig`).
    pub signature: String,
}

/// The result of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportOutcome {
    /// The files, in the order asked.
    pub files: Vec<ExportedFile>,
    /// Cells newly added to the release ledger (0 for a re-export).
    pub ledger_cells_added: u32,
}

/// Why an export did not happen. Nothing was published in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The disclosure audit did not pass.
    #[error("the disclosure audit did not pass")]
    AuditFailed,
    /// Lint warnings are neither fixed nor accepted.
    #[error("{count} lint warnings are not accepted")]
    LintNotAccepted {
        /// How many.
        count: usize,
    },
    /// No file was chosen.
    #[error("no file chosen")]
    NothingChosen,
    /// A draft invoice is not exported.
    #[error("the invoice is not final")]
    NotFinal,
    /// A chosen file exists already (index into the targets).
    #[error("target {index} exists")]
    Exists {
        /// Which target.
        index: usize,
    },
    /// Two targets name the same file.
    #[error("two targets are the same file")]
    SameFile,
    /// Writing failed.
    #[error("could not write ({kind:?})")]
    Io {
        /// The I/O error kind (no path).
        kind: std::io::ErrorKind,
    },
    /// Rendering failed.
    #[error("rendering failed ({code})")]
    Render {
        /// The renderer's code.
        code: &'static str,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Saving the vault failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
}

impl ExportError {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::AuditFailed => "audit_failed",
            ExportError::LintNotAccepted { .. } => "lint_not_accepted",
            ExportError::NothingChosen => "nothing_chosen",
            ExportError::NotFinal => "invoice_not_final",
            ExportError::Exists { .. } => "file_exists",
            ExportError::SameFile => "same_file",
            ExportError::Io { .. } => "io",
            ExportError::Render { .. } => "render",
            ExportError::Store(_) => "store",
            ExportError::Vault(_) => "vault",
        }
    }

    /// The message for the advisor (never a path or case content).
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            ExportError::AuditFailed => if nl {
                "De anonimiteitscontrole is niet geslaagd; er is niets geschreven."
            } else {
                "The disclosure audit did not pass; nothing was written."
            }
            .to_owned(),
            ExportError::LintNotAccepted { count } => {
                if nl {
                    format!(
                        "{count} waarschuwing(en) in uw tekst zijn niet opgelost of geaccepteerd; er is niets geschreven."
                    )
                } else {
                    format!(
                        "{count} warning(s) in your text are neither fixed nor accepted; nothing was written."
                    )
                }
            }
            ExportError::NothingChosen => if nl {
                "Kies ten minste één bestand om te schrijven."
            } else {
                "Choose at least one file to write."
            }
            .to_owned(),
            ExportError::NotFinal => if nl {
                "Alleen een definitieve factuur kan worden geëxporteerd. Maak de factuur eerst definitief."
            } else {
                "Only a final invoice can be exported. Finalise the invoice first."
            }
            .to_owned(),
            ExportError::Exists { .. } => if nl {
                "Dit bestand bestaat al; kies een nieuwe bestandsnaam. Er is niets geschreven."
            } else {
                "This file already exists; choose a new file name. Nothing was written."
            }
            .to_owned(),
            ExportError::SameFile => if nl {
                "Kies voor PDF en CSV verschillende bestanden."
            } else {
                "Choose different files for the PDF and the CSV."
            }
            .to_owned(),
            ExportError::Io { kind } => {
                if nl {
                    format!("Kon het bestand niet schrijven ({kind}); er is niets gepubliceerd.")
                } else {
                    format!("Could not write the file ({kind}); nothing was published.")
                }
            }
            ExportError::Render { code } => {
                if nl {
                    format!("Kon het document niet opmaken ({code}).")
                } else {
                    format!("Could not lay out the document ({code}).")
                }
            }
            ExportError::Store(_) => if nl {
                "De kluis kon de export niet vastleggen; er is niets gepubliceerd."
            } else {
                "The vault could not record the export; nothing was published."
            }
            .to_owned(),
            ExportError::Vault(e) => e.message(lang),
        }
    }
}

/// The bytes of one format.
pub fn render(doc: &ReportDocument, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Pdf => {
            super::render::pdf::render_pdf(doc).map_err(|e| ExportError::Render { code: e.code() })
        }
        ExportFormat::Csv | ExportFormat::CsvExcelNl => {
            let dialect = if format == ExportFormat::Csv {
                CsvDialect::Standard
            } else {
                CsvDialect::ExcelNl
            };
            super::render::csv::render(&doc.model, dialect, doc.lang)
                .map_err(|_| ExportError::Render { code: "csv" })
        }
    }
}

/// Records a report as published in the store, for every organisation of the report: the
/// report itself, what its recipients can read (facts), the cells later reports must keep
/// protected (guards), its hours, and the dossiers it counted (frozen). Re-recording the same
/// report adds nothing. Returns how many facts were added. [`export`] calls this; it does
/// not write files or save.
pub fn record(
    store: &mut Store,
    prepared: &PreparedReport,
    clock: Clock,
) -> Result<usize, StoreError> {
    let key = prepared.key.to_string();
    let mut added = 0;
    for &org in &prepared.key.organisations {
        store.record_report(org, &key, prepared.key.period, clock)?;
        added += store.record_facts(org, &prepared.facts, clock)?;
        store.record_guards(org, &prepared.guards, clock)?;
        store.record_hours(org, &key, &prepared.hours_by_code, clock)?;
        let counted: Vec<CountedDossier> = prepared
            .counted
            .iter()
            .filter(|c| c.dossier.organisation_id == org)
            .cloned()
            .collect();
        store.record_counted(org, &counted, clock)?;
    }
    Ok(added)
}

/// Writes the report's files, records the release, saves the vault, links each file under
/// its chosen name and then records the files that were delivered in the export log.
///
/// The release ledger is recorded (and saved) before any file appears: it stays conservative,
/// so a report that might have reached someone is never missing from the history that later
/// reports are checked against. The export log is true: it only lists files that were put
/// under their names. When a link fails (a file appeared at the name meanwhile, the medium
/// was pulled), the files linked before it are logged and the error is returned; the failed
/// file leaves no row. If the save after logging fails, the error is returned while the files
/// exist; the rows stay in the unlocked vault and are written by its next save (the app
/// retries every 5 s; the CLI has none, so there the row is lost with the process).
pub fn export(
    vault: &mut Vault,
    prepared: &PreparedReport,
    targets: &[ExportTarget],
    recipient: &str,
    accept_lint: bool,
    clock: Clock,
) -> Result<ExportOutcome, ExportError> {
    export_inner(
        vault,
        prepared,
        targets,
        recipient,
        accept_lint,
        clock,
        &mut |_| {},
    )
}

/// [`export`] with a hook run before each file is linked (the tests put a file at the name
/// in that window, so that the no-clobber link fails).
fn export_inner(
    vault: &mut Vault,
    prepared: &PreparedReport,
    targets: &[ExportTarget],
    recipient: &str,
    accept_lint: bool,
    clock: Clock,
    before_link: &mut dyn FnMut(&Path),
) -> Result<ExportOutcome, ExportError> {
    if !prepared.document.model.audit_passed {
        return Err(ExportError::AuditFailed);
    }
    if !prepared.lint.is_empty() && !accept_lint {
        return Err(ExportError::LintNotAccepted {
            count: prepared.lint.len(),
        });
    }
    if targets.is_empty() {
        return Err(ExportError::NothingChosen);
    }
    for (i, t) in targets.iter().enumerate() {
        // A dangling symlink is something at the name too; so is one at the signature's.
        let signature = signature_path(&t.path);
        if std::fs::symlink_metadata(&t.path).is_ok()
            || std::fs::symlink_metadata(&signature).is_ok()
        {
            return Err(ExportError::Exists { index: i });
        }
        if targets[..i]
            .iter()
            .any(|o| o.path == t.path || o.path == signature || signature_path(&o.path) == t.path)
        {
            return Err(ExportError::SameFile);
        }
    }
    // The key first (made and saved once in an older vault): the PDF prints its fingerprint.
    let key = vault.signing_key(clock)?;
    let signing = Signing {
        fingerprint: key.public_key().fingerprint(),
    };
    let mut document = std::borrow::Cow::Borrowed(&prepared.document);
    if document.signing.as_ref() != Some(&signing) {
        document.to_mut().signing = Some(signing);
    }
    // Per target: the file and its hash, then its signature file and that file's hash.
    let mut rendered = Vec::with_capacity(targets.len() * 2);
    for t in targets {
        let bytes = render(&document, t.format)?;
        let hash = format!("{:x}", Sha256::digest(&bytes));
        let name = t.path.file_name().unwrap_or_default().to_string_lossy();
        let signature = key
            .sign(&bytes, &trusted_comment(&name, clock))
            .into_bytes();
        let signature_hash = format!("{:x}", Sha256::digest(&signature));
        rendered.push((bytes, hash));
        rendered.push((signature, signature_hash));
    }
    let paths: Vec<PathBuf> = targets
        .iter()
        .flat_map(|t| [t.path.clone(), signature_path(&t.path)])
        .collect();
    let mut temps: Vec<PathBuf> = Vec::new();
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for (path, (bytes, _)) in paths.iter().zip(&rendered) {
        let tmp = temp_path(path);
        if let Err(e) = write_new(&tmp, bytes) {
            cleanup(&temps);
            return Err(ExportError::Io { kind: e.kind() });
        }
        temps.push(tmp);
    }
    // The ledger first (conservative): saved before any file can reach anyone.
    let recorded = record(vault.store_mut(), prepared, clock)
        .map_err(ExportError::from)
        .and_then(|added| vault.save(clock).map(|()| added).map_err(ExportError::from));
    let added = match recorded {
        Ok(a) => a,
        Err(e) => {
            cleanup(&temps);
            return Err(e);
        }
    };
    // Each file, then its signature; a row in the export log for each one that appeared.
    let mut files = Vec::new();
    let mut delivered: Vec<(&str, &str)> = Vec::new();
    let mut failed = None;
    for (j, ((path, tmp), (_, hash))) in paths.iter().zip(&temps).zip(&rendered).enumerate() {
        let (i, t) = (j / 2, &targets[j / 2]);
        before_link(path);
        if let Err(e) = publish(tmp, path, i) {
            cleanup(&temps[j..]);
            failed = Some(e);
            break;
        }
        if j % 2 == 0 {
            delivered.push((t.format.kind(), hash));
        } else {
            delivered.push((SIGNATURE_KIND, hash));
            files.push(ExportedFile {
                path: t.path.to_string_lossy().into_owned(),
                format: t.format,
                sha256: rendered[j - 1].1.clone(),
                signature: path.to_string_lossy().into_owned(),
            });
        }
    }
    // The export log: only what was delivered.
    let logged = if delivered.is_empty() {
        Ok(())
    } else {
        let period = prepared.key.period.code();
        delivered
            .iter()
            .try_for_each(|(kind, sha256)| {
                vault.store_mut().log_export(
                    kind,
                    &prepared.organisation_names,
                    &period,
                    recipient,
                    sha256,
                    clock,
                )
            })
            .map_err(ExportError::from)
            .and_then(|()| vault.save(clock).map_err(ExportError::from))
    };
    if let Some(e) = failed {
        return Err(e);
    }
    logged?;
    Ok(ExportOutcome {
        files,
        ledger_cells_added: added as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::Vault;
    use age::secrecy::SecretString;

    fn clock() -> Clock {
        Clock::at("2026-11-30".parse().expect("date"))
    }

    /// A saved vault with the small demo and a prepared year report of its busiest
    /// organisation.
    fn vault_and_report(dir: &Path) -> (Vault, PreparedReport) {
        let pass = SecretString::from("paarse fiets onder de regenboog zingt".to_owned());
        let (mut vault, _key) =
            Vault::create_unchecked(&dir.join("advies.kluis"), &pass, clock()).expect("vault");
        let spec = crate::demo::DemoSpec {
            organisations: 4,
            dossiers: 200,
            years: 2,
            seed: 5,
        };
        crate::demo::populate(vault.store_mut(), &spec, clock()).expect("demo data");
        vault.save(clock()).expect("save");
        let orgs = vault.store().organisations(true).expect("organisations");
        let org = orgs
            .iter()
            .max_by_key(|o| {
                vault
                    .store()
                    .reportable_dossiers(&[o.id], ReportPeriod::Year(2025))
                    .expect("dossiers")
                    .len()
            })
            .expect("the demo has organisations");
        let req = ReportRequest::new(
            vec![org.id],
            ReportPeriod::Year(2025),
            Profile::Standaard,
            Lang::Nl,
            "2026-01-15".parse().expect("date"),
        );
        let prepared = prepare(vault.store(), &req).expect("the report prepares");
        assert!(
            prepared.document.model.audit_passed,
            "fixture: a prepared report passes its audit"
        );
        (vault, prepared)
    }

    #[test]
    fn a_failed_link_leaves_no_export_log_row_but_the_ledger_stays_conservative() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut vault, prepared) = vault_and_report(dir.path());
        let dest = dir.path().join("rapport.csv");
        let targets = [ExportTarget {
            path: dest.clone(),
            format: ExportFormat::Csv,
        }];
        let result = export_inner(
            &mut vault,
            &prepared,
            &targets,
            "Directie",
            true,
            clock(),
            &mut |path| std::fs::write(path, b"someone else's file").expect("write in the window"),
        );
        assert!(
            matches!(result, Err(ExportError::Exists { index: 0 })),
            "a file that appeared at the name before the link wins (no clobber): {result:?}"
        );
        assert_eq!(
            std::fs::read(&dest).expect("the other file"),
            b"someone else's file",
            "the other file is left byte for byte"
        );
        assert!(
            vault.store().export_log().expect("export log").is_empty(),
            "the export log lists only delivered files: the report that was not linked has \
             no row"
        );
        assert!(
            !vault
                .store()
                .released_reports(prepared.key.organisations[0])
                .expect("ledger")
                .is_empty(),
            "the release ledger stays conservative: recorded before the link"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".rapport"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "no temporary file is left: {leftovers:?}"
        );

        // The same export to a free name is delivered and logged (and saved).
        let dest = dir.path().join("rapport-2.csv");
        let targets = [ExportTarget {
            path: dest.clone(),
            format: ExportFormat::Csv,
        }];
        let outcome = export(&mut vault, &prepared, &targets, "Directie", true, clock())
            .expect("the export succeeds");
        let log = vault.store().export_log().expect("export log");
        assert_eq!(
            log.len(),
            2,
            "one delivered file and its signature, two rows"
        );
        assert_eq!(
            log[1].sha256, outcome.files[0].sha256,
            "the row is the delivered file's hash"
        );
        assert!(dest.exists(), "and the file is there");
    }
}
