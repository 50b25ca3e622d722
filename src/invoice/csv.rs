//! The invoice register as CSV for the bookkeeper: one row per final invoice (number, dates,
//! debtor, period, amounts, sent and paid), in the report's two dialects.

use super::{decimal, totals};
use crate::Lang;
use crate::report::render::csv::CsvDialect;
use crate::store::{Invoice, InvoiceStatus};

/// The register of final invoices (drafts are not invoices yet). `numbers` gives the number
/// of a credited invoice by id.
pub fn register_csv(
    invoices: &[Invoice],
    numbers: &dyn Fn(i64) -> Option<String>,
    dialect: CsvDialect,
    lang: Lang,
) -> Vec<u8> {
    let header: [&str; 12] = match lang {
        Lang::Nl => [
            "factuurnummer",
            "factuurdatum",
            "vervaldatum",
            "debiteur",
            "debiteur_kvk",
            "periode",
            "crediteert",
            "netto",
            "btw",
            "totaal",
            "verzonden_op",
            "betaald_op",
        ],
        Lang::En => [
            "invoice_number",
            "issue_date",
            "due_date",
            "debtor",
            "debtor_kvk",
            "period",
            "credits",
            "net",
            "vat",
            "total",
            "sent_on",
            "paid_on",
        ],
    };
    let mut out = Vec::new();
    if dialect == CsvDialect::ExcelNl {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(dialect.delimiter())
        .from_writer(out);
    let amount = |cents: i64| {
        let d = decimal(cents);
        if dialect == CsvDialect::ExcelNl {
            d.replace('.', ",")
        } else {
            d
        }
    };
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let _ = w.write_record(header);
    for inv in invoices
        .iter()
        .filter(|i| i.status == InvoiceStatus::Definitief)
    {
        let t = totals(&inv.lines);
        let _ = w.write_record([
            inv.number.clone().unwrap_or_default(),
            date(inv.issued_on),
            date(inv.due_on),
            inert(&inv.debtor.name),
            inv.debtor.kvk.clone(),
            inv.period.code(),
            inv.credit_of.and_then(numbers).unwrap_or_default(),
            amount(t.net_cents),
            amount(t.vat_cents),
            amount(t.gross_cents),
            date(inv.sent_on),
            date(inv.paid_on),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// Text a spreadsheet will not run: a cell starting with `=`, `+`, `-` or `@` would be read as
/// a formula by Excel and LibreOffice, so it gets a leading apostrophe.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}
