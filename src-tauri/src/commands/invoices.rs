//! Invoicing: the advisor's details, an organisation's agreement, drafts from the registered
//! time, final invoices, credit invoices, the register, and the files (PDF, UBL, CSV). Every
//! rule and every file is the core's ([`kluis::invoice`], [`kluis::store`]); these commands
//! only delegate.

use crate::commands::chosen_path;
use crate::commands::reports::blocking;
use crate::error::{IpcError, IpcResult};
use crate::state::{Preferences, Saved, Session};
use chrono::NaiveDate;
use kluis::error::ErrorCode;
use kluis::invoice::export::{InvoiceExportRequest, InvoiceFile, export_invoice, export_register};
use kluis::invoice::{Agreement, InvoiceLine, InvoicePeriod};
use kluis::report::export::ExportError;
use kluis::report::render::csv::CsvDialect;
use kluis::store::{AdvisorDetails, Invoice, StoreError};
use kluis::{Clock, Lang};
use tauri::{AppHandle, Manager, Runtime, State};

/// The advisor's own details for invoices.
#[tauri::command]
pub fn invoice_details_get(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
) -> IpcResult<AdvisorDetails> {
    session.read(prefs.language(), |s| s.advisor_details())
}

/// Sets the advisor's details (checked as far as filled in) and saves.
#[tauri::command]
pub fn invoice_details_set(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    details: AdvisorDetails,
) -> IpcResult<AdvisorDetails> {
    session.change(prefs.language(), |s, _| s.set_advisor_details(&details))
}

/// An organisation's agreement, if one was made.
#[tauri::command]
pub fn agreement_get(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    organisation_id: i64,
) -> IpcResult<Option<Agreement>> {
    session.read(prefs.language(), |s| s.agreement(organisation_id))
}

/// Makes or replaces an organisation's agreement and saves.
#[tauri::command]
pub fn agreement_set(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    organisation_id: i64,
    agreement: Agreement,
) -> IpcResult<Agreement> {
    session.change(prefs.language(), |s, c| {
        s.set_agreement(organisation_id, &agreement, c)
    })
}

/// Every invoice (of one organisation, or all): final ones by number, then drafts.
#[tauri::command]
pub fn invoices_list(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    organisation_id: Option<i64>,
) -> IpcResult<Vec<Invoice>> {
    session.read(prefs.language(), |s| s.invoices(organisation_id))
}

/// Drafts an organisation's invoice for a period (`2026-10`, `2026-Q4`) and saves.
#[tauri::command]
pub fn invoice_draft(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    organisation_id: i64,
    period: InvoicePeriod,
) -> IpcResult<Invoice> {
    let lang = prefs.language();
    session.change(lang, |s, c| {
        s.draft_invoice(organisation_id, period, lang, c)
    })
}

/// Replaces a draft's lines and saves.
#[tauri::command]
pub fn invoice_update_lines(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    lines: Vec<InvoiceLine>,
) -> IpcResult<Invoice> {
    session.change(prefs.language(), |s, _| s.update_draft_lines(id, &lines))
}

/// Deletes a draft and saves.
#[tauri::command]
pub fn invoice_delete_draft(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
) -> IpcResult<()> {
    session.change(prefs.language(), |s, _| s.delete_draft(id))
}

/// Makes a draft final (its number, issue and due date) and saves.
#[tauri::command]
pub fn invoice_finalize(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    issued_on: NaiveDate,
) -> IpcResult<Invoice> {
    session.change(prefs.language(), |s, c| {
        s.finalize_invoice(id, issued_on, c)
    })
}

/// Credits a final invoice with a new final credit invoice and saves.
#[tauri::command]
pub fn invoice_credit(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    issued_on: NaiveDate,
) -> IpcResult<Invoice> {
    session.change(prefs.language(), |s, c| s.credit_invoice(id, issued_on, c))
}

/// Records when a final invoice was sent and paid (`null` clears) and saves.
#[tauri::command]
pub fn invoice_set_register(
    session: State<'_, Session>,
    prefs: State<'_, Preferences>,
    id: i64,
    sent_on: Option<NaiveDate>,
    paid_on: Option<NaiveDate>,
) -> IpcResult<Invoice> {
    session.change(prefs.language(), |s, c| {
        s.set_invoice_register(id, sent_on, paid_on, c)
    })
}

/// Whether the vault was saved after an export failed.
fn saved_after(e: &ExportError) -> Saved {
    match e {
        ExportError::Store(StoreError::Validation(_))
        | ExportError::Store(StoreError::NotFound { .. }) => Saved::Unchanged,
        ExportError::Store(_) | ExportError::Vault(_) => Saved::No,
        _ => Saved::Unchanged,
    }
}

/// Writes a final invoice as PDF and/or UBL (never over an existing file), logs and saves.
#[tauri::command]
pub async fn invoice_export<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    pdf: Option<String>,
    ubl: Option<String>,
) -> IpcResult<Vec<InvoiceFile>> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let request = InvoiceExportRequest {
            invoice_id: id,
            lang,
            pdf: chosen_path(pdf, lang)?,
            ubl: chosen_path(ubl, lang)?,
        };
        app.state::<Session>().save_through(lang, |vault, clock| {
            deliver(export_invoice(vault, &request, clock), lang)
        })
    })
    .await
}

/// Writes the register of final invoices (of one organisation, or all) as CSV, logs, saves.
#[tauri::command]
pub async fn invoice_register_export<R: Runtime>(
    app: AppHandle<R>,
    organisation_id: Option<i64>,
    excel: bool,
    path: String,
) -> IpcResult<Vec<InvoiceFile>> {
    let lang = app.state::<Preferences>().language();
    blocking(lang, move || {
        let path = chosen_path(Some(path), lang)?
            .ok_or_else(|| IpcError::from_code(ErrorCode::InvalidPath, lang))?;
        let dialect = if excel {
            CsvDialect::ExcelNl
        } else {
            CsvDialect::Standard
        };
        app.state::<Session>()
            .save_through(lang, |vault, clock: Clock| {
                deliver(
                    export_register(vault, organisation_id, dialect, lang, path, clock),
                    lang,
                )
            })
    })
    .await
}

fn deliver(
    result: Result<Vec<InvoiceFile>, ExportError>,
    lang: Lang,
) -> (IpcResult<Vec<InvoiceFile>>, Saved) {
    match result {
        Ok(files) => (Ok(files), Saved::Yes),
        Err(e) => {
            let saved = saved_after(&e);
            (Err(IpcError::from_core(&e, lang)), saved)
        }
    }
}
