//! `kluis report`, `kluis ledger show` and `kluis exports`: writing an anonymised report to
//! the file the advisor chose (never overwriting one), after the disclosure audit passed, and
//! recording it in the release ledger and the export log; and listing both.

use crate::args::{CsvDialectArg, LedgerShowArgs, OpenArgs, ReportArgs};
use crate::error::Failure;
use crate::session::{self, Ctx, Said};
use crate::table::{Align, Table};
use kluis::error::ErrorCode;
use kluis::report::export::{
    ExportError, ExportFormat, ExportTarget, ReportRequest, export, prepare,
};
use kluis::report::lint::NarrativeSection;
use kluis::report::{Narrative, ReportError};
use serde::Serialize;

/// A report error: its code and message from the core; too few organisations names `--orgs`.
fn report_error(ctx: &Ctx, e: &ReportError) -> anyhow::Error {
    let mut failure = Failure::core(e, ctx.lang, &[("pooled_title", "--title")]);
    if let ReportError::PooledTooFew { .. } = e {
        failure.message = format!("--orgs: {}", failure.message);
    }
    failure.into()
}

/// Reads the narrative file: sections under `# ` headings.
fn narrative(ctx: &Ctx, path: &std::path::Path) -> anyhow::Result<Narrative> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::new(
            ErrorCode::Io,
            format!(
                "--narrative: {} ({})",
                ctx.t("kon het bestand niet lezen", "could not read the file"),
                e.kind()
            ),
        )
    })?;
    let mut n = Narrative::default();
    let mut current: Option<&mut String> = None;
    for line in text.lines() {
        if let Some(head) = line.strip_prefix("# ") {
            let head = head.trim().to_lowercase();
            current = if head.starts_with("activit") {
                Some(&mut n.activities)
            } else if head.starts_with("signal") {
                Some(&mut n.signals)
            } else if head.starts_with("aanbevel") || head.starts_with("recommend") {
                Some(&mut n.recommendations)
            } else {
                return Err(ctx.err(
                    ErrorCode::Validation,
                    "--narrative: onbekende kop; gebruik # Activiteiten, # Signalen en trends of # Aanbevelingen.",
                    "--narrative: unknown heading; use # Activities, # Signals and trends or # Recommendations.",
                ));
            };
            continue;
        }
        match current.as_deref_mut() {
            Some(section) => {
                section.push_str(line);
                section.push('\n');
            }
            None if line.trim().is_empty() => {}
            None => {
                return Err(ctx.err(
                    ErrorCode::Validation,
                    "--narrative: tekst vóór de eerste kop (# Activiteiten, # Signalen en trends, # Aanbevelingen).",
                    "--narrative: text before the first heading (# Activities, # Signals and trends, # Recommendations).",
                ));
            }
        }
    }
    for s in [&mut n.activities, &mut n.signals, &mut n.recommendations] {
        *s = s.trim().to_owned();
    }
    Ok(n)
}

#[derive(Serialize)]
struct ReportWritten<'a> {
    files: &'a [kluis::report::export::ExportedFile],
    published_cells: usize,
    withheld_cells: usize,
    dropped_tables: Vec<&'a str>,
    ledger_cells_added: u32,
    lint_warnings: usize,
}

/// `kluis report`.
pub fn report(ctx: &Ctx, args: &ReportArgs) -> anyhow::Result<()> {
    let profile = args.profile;
    let mut targets = Vec::new();
    if let Some(pdf) = &args.pdf {
        targets.push(ExportTarget {
            path: pdf.clone(),
            format: ExportFormat::Pdf,
        });
    }
    if let Some(csv) = &args.csv {
        targets.push(ExportTarget {
            path: csv.clone(),
            format: match args.csv_dialect {
                CsvDialectArg::Standard => ExportFormat::Csv,
                CsvDialectArg::ExcelNl => ExportFormat::CsvExcelNl,
            },
        });
    }
    for (flag, path) in [("--pdf", &args.pdf), ("--csv", &args.csv)] {
        if path.as_ref().is_some_and(|p| p.exists()) {
            return Err(Failure::new(
                ErrorCode::FileExists,
                format!(
                    "{flag}: {}",
                    ctx.t(
                        "dit bestand bestaat al; kies een nieuwe bestandsnaam.",
                        "this file already exists; choose a new file name."
                    )
                ),
            )
            .into());
        }
    }
    let narrative = match &args.narrative {
        Some(path) => narrative(ctx, path)?,
        None => Narrative::default(),
    };
    let mut vault = session::open(ctx, &args.open)?;
    let names: Vec<&String> = match &args.org {
        Some(org) => vec![org],
        None => args.orgs.iter().collect(),
    };
    let flag = if args.org.is_some() {
        "--org"
    } else {
        "--orgs"
    };
    let mut organisations = Vec::new();
    for name in names {
        organisations.push(session::organisation(ctx, vault.store(), name.trim(), flag)?.id);
    }
    if args.org.is_none() && organisations.len() < 2 {
        return Err(report_error(
            ctx,
            &ReportError::PooledTooFew {
                minimum: profile.pooled_minimum_organisations(),
            },
        ));
    }
    let request = ReportRequest {
        organisations,
        period: args.period,
        profile,
        lang: ctx.lang,
        narrative,
        pooled_title: args.title.clone(),
        date: ctx.clock.today,
        joint: args.joint,
    };
    let prepared = prepare(vault.store(), &request).map_err(|e| report_error(ctx, &e))?;
    for w in &prepared.lint {
        eprintln!(
            "{}: {} \"{}\" ({})",
            ctx.t("Waarschuwing", "Warning"),
            w.rule.message(ctx.lang, prepared.document.model.k),
            crate::table::terminal_safe(&w.text),
            match w.section {
                NarrativeSection::Activities => ctx.t("activiteiten", "activities"),
                NarrativeSection::Signals => ctx.t("signalen", "signals"),
                NarrativeSection::Recommendations => ctx.t("aanbevelingen", "recommendations"),
            }
        );
    }
    let outcome = export(
        &mut vault,
        &prepared,
        &targets,
        &args.recipient,
        args.accept_lint,
        ctx.clock,
    )
    .map_err(|e| {
        let mut failure = Failure::core(&e, ctx.lang, &[]);
        if let ExportError::Exists { index } = e {
            failure.message = format!(
                "{}: {}",
                if targets[index].format == ExportFormat::Pdf {
                    "--pdf"
                } else {
                    "--csv"
                },
                failure.message
            );
        }
        if let ExportError::LintNotAccepted { .. } = e {
            failure.message.push_str(ctx.t(
                " Pas de tekst aan of gebruik --accept-lint.",
                " Change the text or use --accept-lint.",
            ));
        }
        anyhow::Error::from(failure)
    })?;
    let model = &prepared.document.model;
    let dropped: Vec<&str> = model.dropped.iter().map(|d| d.code.as_str()).collect();
    if ctx.json {
        return ctx.print_json(&ReportWritten {
            files: &outcome.files,
            published_cells: model.published_cells,
            withheld_cells: model.withheld_cells,
            dropped_tables: dropped,
            ledger_cells_added: outcome.ledger_cells_added,
            lint_warnings: prepared.lint.len(),
        });
    }
    for f in &outcome.files {
        outln!(
            "{} {}",
            ctx.t("Rapport geschreven:", "Report written:"),
            f.path
        )?;
        outln!("SHA-256: {}", f.sha256)?;
        outln!("{} {}", ctx.t("Handtekening:", "Signature:"), f.signature)?;
    }
    outln!(
        "{}: {}, {}: {}",
        ctx.t("Gepubliceerde cellen", "Published cells"),
        model.published_cells,
        ctx.t("niet gepubliceerd (x)", "withheld (x)"),
        model.withheld_cells
    )?;
    if !dropped.is_empty() {
        outln!(
            "{}: {}",
            ctx.t("Weggelaten tabellen", "Dropped tables"),
            dropped.join(", ")
        )?;
    }
    Ok(())
}

/// One row of `kluis ledger show`: what a recipient of the report can read.
#[derive(Serialize)]
struct LedgerRow {
    report_key: String,
    table_code: String,
    cell_key: String,
    /// The published value (`None` for a range).
    value: Option<u64>,
    /// The range: lower end.
    lower: u64,
    /// The range: upper end (`None`: unbounded).
    upper: Option<u64>,
}

/// `kluis ledger show`.
pub fn ledger_show(ctx: &Ctx, args: &LedgerShowArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &args.open)?;
    let org = session::organisation(ctx, vault.store(), &args.org, "--org")?;
    let facts = vault.store().release_facts(org.id).said(ctx, &[])?;
    let entries: Vec<LedgerRow> = facts
        .iter()
        .map(|f| LedgerRow {
            report_key: f.report_key.clone(),
            table_code: f.table_code.clone(),
            cell_key: f.cell_key.clone(),
            value: f.value(),
            lower: f.lower,
            upper: f.upper,
        })
        .collect();
    if ctx.json {
        return ctx.print_json(&entries);
    }
    if entries.is_empty() {
        outln!(
            "{}",
            ctx.t(
                "Nog niets gepubliceerd voor deze organisatie.",
                "Nothing published for this organisation yet."
            )
        )?;
        return Ok(());
    }
    let mut t = Table::new(&[
        (ctx.t("Rapport", "Report"), Align::Left),
        (ctx.t("Tabel", "Table"), Align::Left),
        (ctx.t("Cel", "Cell"), Align::Left),
        (ctx.t("Waarde", "Value"), Align::Right),
    ]);
    for e in &entries {
        let value = match (e.value, e.upper) {
            (Some(v), _) => v.to_string(),
            (None, Some(u)) => format!("{}-{u}", e.lower),
            (None, None) => format!(">= {}", e.lower),
        };
        t.row(vec![
            e.report_key.clone(),
            e.table_code.clone(),
            e.cell_key.clone(),
            value,
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}

/// `kluis exports`.
pub fn exports(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, args)?;
    let entries = vault.store().export_log().said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&entries);
    }
    if entries.is_empty() {
        outln!("{}", ctx.t("Nog geen exports.", "No exports yet."))?;
        return Ok(());
    }
    let mut t = Table::new(&[
        (ctx.t("Wanneer", "When"), Align::Left),
        (ctx.t("Soort", "Kind"), Align::Left),
        (ctx.t("Organisaties", "Organisations"), Align::Left),
        (ctx.t("Periode", "Period"), Align::Left),
        (ctx.t("Ontvanger", "Recipient"), Align::Left),
        ("SHA-256", Align::Left),
    ]);
    for e in &entries {
        t.row(vec![
            e.exported_at.format("%Y-%m-%d %H:%M").to_string(),
            e.kind.clone(),
            e.organisations.join(", "),
            e.period.clone(),
            e.recipient.clone(),
            e.sha256.clone(),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}
