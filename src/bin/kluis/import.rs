//! `kluis import`: an existing registration in, in three steps the core defines
//! ([`kluis::import`]): draft a mapping (`--draft-mapping`), check it (`--dry-run`), import.
//! The CLI only reads files, prints and delegates; every rule is the core's.

use crate::args::ImportArgs;
use crate::error::Failure;
use crate::session::{self, Ctx, Said};
use kluis::error::{Coded, ErrorCode};
use kluis::import::{DryRun, Mapping, RowIssue, Source};
use std::io::Write as _;

/// `kluis import`.
pub fn run(ctx: &Ctx, args: &ImportArgs) -> anyhow::Result<()> {
    if let Some(out) = &args.draft_mapping {
        return draft(ctx, args, out);
    }
    let mapping_path = args.mapping.as_ref().expect("clap requires --mapping here");
    let text = read_mapping(ctx, mapping_path)?;
    let mapping = Mapping::from_toml(&text).said(ctx, &[])?;
    let source = Source::read(&args.file).said(ctx, &[])?;
    let mut vault = session::open(ctx, &args.open)?;
    let run = source
        .plan(vault.store(), &mapping, ctx.clock)
        .said(ctx, &[])?;
    // A dry run succeeds when it ran: its report says whether rows have errors. An import
    // with errors fails (import_has_errors) after printing what is wrong.
    if args.dry_run {
        return if ctx.json {
            ctx.print_json(&run)
        } else {
            print_plan(ctx, &run, true)
        };
    }
    if run.plan.rows_with_errors > 0 {
        if !ctx.json {
            print_plan(ctx, &run, false)?;
        }
        let e = kluis::import::ImportError::HasErrors {
            rows: run.plan.rows_with_errors,
        };
        return Err(Failure::new(e.error_code(), e.error_message(ctx.lang)).into());
    }
    let outcome =
        kluis::import::commit(&mut vault, &source, &run, args.again, ctx.clock).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&outcome);
    }
    outln!(
        "{} {} ({} – {}).",
        outcome.created,
        ctx.t("dossiers ingelezen", "dossiers imported"),
        outcome.first_number,
        outcome.last_number
    )?;
    for o in &outcome.per_organisation {
        outln!("  {:<40} {:>6}", o.organisation, o.dossiers)?;
    }
    outln!(
        "{}",
        ctx.t(
            "De kluis is opgeslagen; de versie van vóór het inlezen staat bij de reservekopieën. Het bronbestand staat nog onversleuteld op schijf: verwijder het als u het niet meer nodig hebt.",
            "The vault is saved; the version from before the import is among the backups. The source file is still unencrypted on disk: remove it when you no longer need it."
        )
    )?;
    Ok(())
}

/// The largest mapping file read.
const MAX_MAPPING_BYTES: u64 = 4 * 1024 * 1024;

fn read_mapping(ctx: &Ctx, path: &std::path::Path) -> anyhow::Result<String> {
    use std::io::Read as _;
    let not_found = || {
        ctx.err(
            ErrorCode::NotFound,
            "Het koppelingsbestand kan niet worden gelezen.",
            "The mapping file cannot be read.",
        )
    };
    let file = std::fs::File::open(path).map_err(|_| not_found())?;
    let mut text = String::new();
    file.take(MAX_MAPPING_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|_| {
            ctx.err(
                ErrorCode::MappingInvalid,
                "Het koppelingsbestand is geen tekst (UTF-8).",
                "The mapping file is not text (UTF-8).",
            )
        })?;
    if text.len() as u64 > MAX_MAPPING_BYTES {
        return Err(ctx.err(
            ErrorCode::MappingInvalid,
            "Het koppelingsbestand is te groot.",
            "The mapping file is too large.",
        ));
    }
    Ok(text)
}

fn draft(ctx: &Ctx, args: &ImportArgs, out: &std::path::Path) -> anyhow::Result<()> {
    let source = Source::read(&args.file).said(ctx, &[])?;
    let vault = session::open(ctx, &args.open)?;
    let mapping = source
        .draft(vault.store(), args.sheet.clone(), args.header_row)
        .said(ctx, &[])?;
    let header = ctx.t(
        "# Kluis-koppeling, voorgesteld uit de kopjes en waarden van het bestand.\n\
         # Controleer elke kolom en elke waarde; een lege waarde (\"\") koppelt u nog aan een code.\n\
         # Codes: kluis category list, en de lijsten in `kluis dossier add --help`.\n\
         # Dit bestand noemt waarden uit het bestand: bewaar het bij het bestand en verwijder beide na het inlezen.\n\n",
        "# Kluis mapping, suggested from the file's headers and values.\n\
         # Check every column and every value; an empty value (\"\") still needs a code.\n\
         # Codes: kluis category list, and the lists in `kluis dossier add --help`.\n\
         # This file names values from the file: keep it with the file and remove both after the import.\n\n",
    );
    let text = format!("{header}{}", mapping.to_toml());
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts.open(out).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            ctx.err(
                ErrorCode::FileExists,
                "Het koppelingsbestand bestaat al; kies een andere naam.",
                "The mapping file already exists; choose another name.",
            )
        } else {
            ctx.err(
                ErrorCode::Io,
                "Het koppelingsbestand kan niet worden geschreven.",
                "The mapping file cannot be written.",
            )
        }
    })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|_| {
            ctx.err(
                ErrorCode::Io,
                "Het koppelingsbestand kan niet worden geschreven.",
                "The mapping file cannot be written.",
            )
        })?;
    if ctx.json {
        return ctx.print_json(&mapping);
    }
    let open: usize = mapping
        .values
        .values()
        .map(|m| m.values().filter(|t| t.is_empty()).count())
        .sum();
    let suggested: usize = mapping.values.values().map(|m| m.len()).sum::<usize>() - open;
    outln!(
        "{} {} {}, {} {}, {} {}.",
        ctx.t("Koppeling geschreven:", "Mapping written:"),
        mapping.columns.len(),
        ctx.t("velden aan kolommen", "fields to columns"),
        suggested,
        ctx.t(
            "voorgestelde codes om te controleren",
            "suggested codes to check"
        ),
        open,
        ctx.t("waarden nog zonder code", "values still without a code"),
    )?;
    outln!(
        "{}",
        ctx.t(
            "Controleer het bestand en doe dan een proefdraai: kluis import KLUIS BESTAND --mapping KOPPELING --dry-run",
            "Check the file, then do a dry run: kluis import VAULT FILE --mapping MAPPING --dry-run"
        )
    )?;
    Ok(())
}

/// The most errors printed (the count says how many there are).
const PRINTED_ISSUES: usize = 50;

fn print_plan(ctx: &Ctx, run: &DryRun, dry_run: bool) -> anyhow::Result<()> {
    let plan = &run.plan;
    outln!(
        "{} {}: {} {}, {} {}.",
        ctx.t("Blad", "Sheet"),
        plan.sheet,
        plan.data_rows,
        ctx.t("rijen", "rows"),
        plan.empty_rows,
        ctx.t("lege rijen overgeslagen", "empty rows skipped"),
    )?;
    if let Some(at) = run.imported_before {
        outln!(
            "{} {}.",
            ctx.t(
                "Let op: dit bestand is al eens ingelezen, op",
                "Note: this file was imported before, on"
            ),
            at.format("%Y-%m-%d")
        )?;
    }
    outln!(
        "{} {}",
        ctx.t("Wordt ingelezen:", "Would be imported:"),
        plan.ready
    )?;
    for o in &plan.per_organisation {
        outln!("  {:<40} {:>6}", o.organisation, o.dossiers)?;
    }
    if plan.errors_total > 0 {
        outln!(
            "{} {} {} ({} {}):",
            plan.errors_total,
            ctx.t("fouten in", "errors in"),
            plan.rows_with_errors,
            ctx.t("rijen; de eerste", "rows; the first"),
            plan.errors.len().min(PRINTED_ISSUES)
        )?;
        for issue in plan.errors.iter().take(PRINTED_ISSUES) {
            outln!("  {}", describe(ctx, issue))?;
        }
    }
    if !plan.warnings.is_empty() {
        outln!(
            "{} {}:",
            plan.warnings.len(),
            ctx.t(
                "cellen met onzichtbare stuurtekens (weggehaald)",
                "cells with invisible control characters (removed)"
            )
        )?;
        for w in plan.warnings.iter().take(PRINTED_ISSUES) {
            outln!("  {}", describe(ctx, w))?;
        }
    }
    if dry_run {
        outln!(
            "{}",
            ctx.t(
                "Proefdraai: er is niets geschreven. Zonder --dry-run gaan alle rijen in één keer in de kluis, of geen.",
                "Dry run: nothing was written. Without --dry-run all rows go into the vault at once, or none do."
            )
        )?;
    }
    Ok(())
}

fn describe(ctx: &Ctx, issue: &RowIssue) -> String {
    let place = match &issue.column {
        Some(c) => format!(
            "{} {}, {} {}",
            ctx.t("rij", "row"),
            issue.row,
            ctx.t("kolom", "column"),
            c
        ),
        None => format!("{} {}", ctx.t("rij", "row"), issue.row),
    };
    let value = issue
        .value
        .as_ref()
        .map(|v| format!(" [{v}]"))
        .unwrap_or_default();
    format!(
        "{place} ({}): {}{value}",
        issue.field.code(),
        issue.code.message(ctx.lang)
    )
}
