//! Writing invoices out of the vault: a final invoice as PDF and as UBL, the register as CSV.
//! Each file is written under a temporary name and linked to its chosen name without ever
//! overwriting; every delivered file is recorded in the export log (with its SHA-256) and the
//! vault saved. A draft is never exported: it has no number yet.

use super::{InvoiceDocument, register_csv, render_pdf, ubl_xml};
use crate::report::export::{ExportError, deliver};
use crate::report::render::csv::CsvDialect;
use crate::store::{Invoice, InvoiceStatus};
use crate::vault::Vault;
use crate::{Clock, Lang};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// Which files of one final invoice to write (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceExportRequest {
    /// The invoice's row id.
    pub invoice_id: i64,
    /// The language of the PDF.
    pub lang: Lang,
    /// Where the PDF goes (must not exist).
    pub pdf: Option<PathBuf>,
    /// Where the UBL e-invoice goes (must not exist).
    pub ubl: Option<PathBuf>,
}

/// One file written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceFile {
    /// Where.
    pub path: String,
    /// `pdf`, `ubl` or `csv`.
    pub format: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
}

/// The number and date of the invoice a credit invoice credits.
fn credited(
    vault: &Vault,
    inv: &Invoice,
) -> Result<Option<(String, chrono::NaiveDate)>, ExportError> {
    let Some(id) = inv.credit_of else {
        return Ok(None);
    };
    let original = vault.store().invoice(id)?;
    Ok(original.number.zip(original.issued_on))
}

/// Writes a final invoice's PDF and/or UBL file and logs them.
pub fn export_invoice(
    vault: &mut Vault,
    request: &InvoiceExportRequest,
    clock: Clock,
) -> Result<Vec<InvoiceFile>, ExportError> {
    let inv = vault.store().invoice(request.invoice_id)?;
    if inv.status != InvoiceStatus::Definitief {
        return Err(ExportError::NotFinal);
    }
    let advisor = vault.store().advisor_details()?;
    let credited = credited(vault, &inv)?;
    let mut files: Vec<(PathBuf, &str, Vec<u8>)> = Vec::new();
    if let Some(p) = &request.pdf {
        let doc = InvoiceDocument::new(
            &inv,
            &advisor,
            credited.as_ref().map(|(n, _)| n.as_str()),
            request.lang,
        );
        let bytes = render_pdf(&doc).map_err(|e| ExportError::Render { code: e.code() })?;
        files.push((p.clone(), "pdf", bytes));
    }
    if let Some(p) = &request.ubl {
        let xml = ubl_xml(
            &inv,
            &advisor,
            credited.as_ref().map(|(n, d)| (n.as_str(), *d)),
        );
        files.push((p.clone(), "ubl", xml.into_bytes()));
    }
    let organisation = vault.store().organisation(inv.organisation_id)?.name;
    write_and_log(
        vault,
        files,
        ("invoice", "debiteur"),
        &[organisation],
        &inv.period.code(),
        clock,
    )
}

/// Writes the register of final invoices (of one organisation, or all) as CSV and logs it.
pub fn export_register(
    vault: &mut Vault,
    organisation_id: Option<i64>,
    dialect: CsvDialect,
    lang: Lang,
    path: PathBuf,
    clock: Clock,
) -> Result<Vec<InvoiceFile>, ExportError> {
    let store = vault.store();
    let invoices = store.invoices(organisation_id)?;
    let number_of = |id: i64| {
        invoices
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.number.clone())
    };
    let bytes = register_csv(&invoices, &number_of, dialect, lang);
    let organisations = match organisation_id {
        Some(id) => vec![store.organisation(id)?.name],
        None => Vec::new(),
    };
    write_and_log(
        vault,
        vec![(path, "csv", bytes)],
        ("invoice_register", "boekhouding"),
        &organisations,
        "",
        clock,
    )
}

fn write_and_log(
    vault: &mut Vault,
    files: Vec<(PathBuf, &str, Vec<u8>)>,
    (kind, recipient): (&str, &str),
    organisations: &[String],
    period: &str,
    clock: Clock,
) -> Result<Vec<InvoiceFile>, ExportError> {
    if files.is_empty() {
        return Err(ExportError::NothingChosen);
    }
    let targets: Vec<(&std::path::Path, &[u8])> = files
        .iter()
        .map(|(p, _, b)| (p.as_path(), b.as_slice()))
        .collect();
    let (delivered, failed) = deliver(&targets)?;
    let written: Vec<InvoiceFile> = files
        .iter()
        .take(delivered)
        .map(|(p, format, bytes)| InvoiceFile {
            path: p.to_string_lossy().into_owned(),
            format: (*format).to_owned(),
            sha256: format!("{:x}", Sha256::digest(bytes)),
        })
        .collect();
    // The export log lists what was delivered, and only that.
    for f in &written {
        vault
            .store_mut()
            .log_export(kind, organisations, period, recipient, &f.sha256, clock)?;
    }
    if !written.is_empty() {
        vault.save(clock)?;
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(written),
    }
}
