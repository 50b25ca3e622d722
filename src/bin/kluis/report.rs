//! `kluis report`, `kluis ledger show` and `kluis exports`: writing an anonymised report to
//! the file the advisor chose (never overwriting one), after the disclosure audit passed, and
//! recording it in the release ledger and the export log; and listing both.

use crate::args::{CsvDialectArg, LedgerShowArgs, OpenArgs, ProfileArg, ReportArgs};
use crate::session::{self, Ctx, Said};
use crate::table::{Align, Table};
use anyhow::anyhow;
use kluis::report::disclosure::Profile;
use kluis::report::render::csv::{CsvDialect, render};
use kluis::report::tables::{ReportError, build_from_store};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Write as _;
use std::path::Path;

/// A report error in the advisor's language; never case content.
fn report_error(ctx: &Ctx, e: &ReportError) -> anyhow::Error {
    match e {
        ReportError::Store(s) => session::store_error(s, ctx.lang, &[]),
        ReportError::Disclosure(d) => anyhow!(
            "{} ({})",
            ctx.t(
                "De anonimisering van dit rapport is mislukt; er is niets geschreven.",
                "Anonymising this report failed; nothing was written."
            ),
            d.code()
        ),
        ReportError::LedgerOverlap { .. } | ReportError::Frozen { .. } => ctx.err(
            "Deze periode is eerder anders gepubliceerd en ligt vast; er is niets geschreven.",
            "This period was published before with different figures and is frozen; nothing was written.",
        ),
    }
}

/// Writes `bytes` to a new file; refuses when it exists.
fn write_new(ctx: &Ctx, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ctx.err(
                    "--csv: dit bestand bestaat al; kies een nieuwe bestandsnaam.",
                    "--csv: this file already exists; choose a new file name.",
                )
            } else {
                anyhow!(
                    "--csv: {} ({})",
                    ctx.t("kon het bestand niet schrijven", "could not write the file"),
                    e.kind()
                )
            }
        })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            anyhow!(
                "--csv: {} ({})",
                ctx.t("kon het bestand niet schrijven", "could not write the file"),
                e.kind()
            )
        })
}

/// A hidden temporary name beside `dest`.
fn temp_path(dest: &Path) -> std::path::PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "rapport".into());
    dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Moves the finished file to its chosen name without ever overwriting an existing file.
fn publish(ctx: &Ctx, tmp: &Path, dest: &Path) -> anyhow::Result<()> {
    let exists = || {
        ctx.err(
            "--csv: dit bestand bestaat al; kies een nieuwe bestandsnaam.",
            "--csv: this file already exists; choose a new file name.",
        )
    };
    let result = match std::fs::hard_link(tmp, dest) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        // File systems without hard links (some USB sticks): rename, after checking again.
        Err(_) if dest.exists() => Err(exists()),
        Err(_) => std::fs::rename(tmp, dest).map_err(|e| {
            anyhow!(
                "--csv: {} ({})",
                ctx.t("kon het bestand niet schrijven", "could not write the file"),
                e.kind()
            )
        }),
    };
    let _ = std::fs::remove_file(tmp);
    result
}

#[derive(Serialize)]
struct ReportWritten<'a> {
    path: &'a Path,
    sha256: &'a str,
    published_cells: usize,
    withheld_cells: usize,
    dropped_tables: Vec<&'a str>,
    ledger_cells_added: usize,
}

/// `kluis report`.
pub fn report(ctx: &Ctx, args: &ReportArgs) -> anyhow::Result<()> {
    if args.csv.exists() {
        return Err(ctx.err(
            "--csv: dit bestand bestaat al; kies een nieuwe bestandsnaam.",
            "--csv: this file already exists; choose a new file name.",
        ));
    }
    let profile = match args.profile {
        ProfileArg::Standaard => Profile::Standaard,
        ProfileArg::Strikt => Profile::Strikt,
    };
    let dialect = match args.csv_dialect {
        CsvDialectArg::Standard => CsvDialect::Standard,
        CsvDialectArg::ExcelNl => CsvDialect::ExcelNl,
    };
    let mut vault = session::open(ctx, &args.open)?;
    let org = session::organisation(ctx, vault.store(), &args.org, "--org")?;
    let built = build_from_store(vault.store(), &org, args.period, profile)
        .map_err(|e| report_error(ctx, &e))?;
    if !built.model.audit_passed {
        return Err(ctx.err(
            "De anonimiteitscontrole is niet geslaagd; het rapport wordt niet geschreven.",
            "The disclosure audit did not pass; the report is not written.",
        ));
    }
    let bytes = render(&built.model, dialect, ctx.lang)
        .map_err(|_| ctx.err("Kon de CSV niet opmaken.", "Could not format the CSV."))?;
    // Nothing half-done: the CSV goes to a private temporary file first; the ledger and the
    // export log are recorded and the vault saved; only then does the file appear under the
    // chosen name. If anything fails before that, the temporary file is removed and the
    // vault keeps no record of a release that did not happen.
    let tmp = temp_path(&args.csv);
    write_new(ctx, &tmp, &bytes)?;
    let hash = format!("{:x}", Sha256::digest(&bytes));
    let recorded = (|| -> anyhow::Result<usize> {
        let store = vault.store_mut();
        let added = store
            .record_release(org.id, &built.release, ctx.clock)
            .said(ctx, &[])?;
        store
            .log_export(
                "report_csv",
                std::slice::from_ref(&org.name),
                &args.period.code(),
                &args.recipient,
                &hash,
                ctx.clock,
            )
            .said(ctx, &[])?;
        session::save(ctx, &mut vault)?;
        Ok(added)
    })();
    let added = match recorded {
        Ok(added) => added,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    publish(ctx, &tmp, &args.csv)?;
    let dropped: Vec<&str> = built
        .model
        .dropped
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    if ctx.json {
        return ctx.print_json(&ReportWritten {
            path: &args.csv,
            sha256: &hash,
            published_cells: built.model.published_cells,
            withheld_cells: built.model.withheld_cells,
            dropped_tables: dropped,
            ledger_cells_added: added,
        });
    }
    outln!(
        "{} {}",
        ctx.t("Rapport geschreven:", "Report written:"),
        args.csv.display()
    )?;
    outln!("SHA-256: {hash}")?;
    outln!(
        "{}: {}, {}: {}",
        ctx.t("Gepubliceerde cellen", "Published cells"),
        built.model.published_cells,
        ctx.t("niet gepubliceerd (x)", "withheld (x)"),
        built.model.withheld_cells
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

/// `kluis ledger show`.
pub fn ledger_show(ctx: &Ctx, args: &LedgerShowArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &args.open)?;
    let org = session::organisation(ctx, vault.store(), &args.org, "--org")?;
    let entries = vault.store().ledger_entries(org.id).said(ctx, &[])?;
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
        t.row(vec![
            e.report_key.clone(),
            e.table_code.clone(),
            e.cell_key.clone(),
            e.value.to_string(),
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
