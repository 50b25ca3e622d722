//! `kluis invoice export|csv`: a final invoice's PDF and UBL file, the register as CSV,
//! written and logged by the core ([`kluis::invoice::export`]); here only the flags of the
//! files and the printing of what was written with its SHA-256.

use super::find;
use crate::args::{CsvDialectArg, InvoiceCsvArgs, InvoiceExportArgs};
use crate::invoice_show::failure;
use crate::session::{self, Ctx};
use kluis::Lang;
use kluis::invoice::export::{InvoiceExportRequest, InvoiceFile, export_invoice, export_register};
use kluis::report::export::ExportError;
use kluis::report::render::csv::CsvDialect;

/// An export error naming the flag of the file that exists.
fn export_failure(ctx: &Ctx, e: &ExportError, flags: &[&str]) -> anyhow::Error {
    let mut f = failure(ctx, e, &[], false);
    if let ExportError::Exists { index } = e
        && let Some(flag) = flags.get(*index)
    {
        f.message = format!("{flag}: {}", f.message);
    }
    f.into()
}

fn print_files(ctx: &Ctx, files: &[InvoiceFile]) -> anyhow::Result<()> {
    if ctx.json {
        return ctx.print_json(&files);
    }
    for f in files {
        let what = match f.format.as_str() {
            "pdf" => "PDF",
            "ubl" => ctx.t("UBL (e-factuur)", "UBL (e-invoice)"),
            _ => "CSV",
        };
        outln!("{what} {} {}", ctx.t("geschreven:", "written:"), f.path)?;
        outln!("SHA-256: {}", f.sha256)?;
    }
    Ok(())
}

pub fn export(ctx: &Ctx, a: &InvoiceExportArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let inv = find(ctx, vault.store(), &a.invoice)?;
    let request = InvoiceExportRequest {
        invoice_id: inv.id,
        lang: a.invoice_lang.map(Lang::from).unwrap_or(ctx.lang),
        pdf: a.pdf.clone(),
        ubl: a.ubl.clone(),
    };
    let flags: Vec<&str> = [("--pdf", &a.pdf), ("--ubl", &a.ubl)]
        .into_iter()
        .filter(|(_, p)| p.is_some())
        .map(|(flag, _)| flag)
        .collect();
    let files = export_invoice(&mut vault, &request, ctx.clock)
        .map_err(|e| export_failure(ctx, &e, &flags))?;
    print_files(ctx, &files)
}

pub fn csv(ctx: &Ctx, a: &InvoiceCsvArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let org = match &a.org {
        Some(name) => Some(session::organisation(ctx, vault.store(), name, "ORG")?.id),
        None => None,
    };
    let dialect = match a.dialect {
        CsvDialectArg::Standard => CsvDialect::Standard,
        CsvDialectArg::ExcelNl => CsvDialect::ExcelNl,
    };
    let files = export_register(&mut vault, org, dialect, ctx.lang, a.out.clone(), ctx.clock)
        .map_err(|e| export_failure(ctx, &e, &["--out"]))?;
    print_files(ctx, &files)
}
