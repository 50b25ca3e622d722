//! The invoice as a PDF: every number formatted here (one rule for the PDF and the screen),
//! laid out by `assets/invoice/invoice.typ` with Typst and the report's fonts (PDF/A-2a).

use super::{money, percent, quantity, totals};
use crate::Lang;
use crate::report::render::pdf::{RenderError, Template, printable, render_template_pdf};
use crate::store::{AdvisorDetails, Invoice};
use serde::Serialize;

/// What the template prints, every text ready (formatted and printable in the fonts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceDocument {
    /// `nl` or `en`.
    pub lang: &'static str,
    /// Whether it is a credit invoice.
    pub credit: bool,
    /// The invoice number.
    pub number: String,
    /// The number of the invoice a credit invoice credits.
    pub credits: String,
    /// Date of issue, `YYYY-MM-DD` (the PDF's date) and as printed.
    pub date: String,
    /// Date of issue as printed.
    pub issued: String,
    /// Due date as printed (empty for a credit invoice).
    pub due: String,
    /// The period as printed.
    pub period: String,
    /// The advisor: name, then address lines.
    pub from: Vec<String>,
    /// The advisor's registration lines (KvK, VAT, IBAN).
    pub registration: Vec<String>,
    /// The debtor: name, then address lines.
    pub to: Vec<String>,
    /// The debtor's reference, if any.
    pub reference: String,
    /// The lines.
    pub lines: Vec<DocumentLine>,
    /// VAT per rate: label and amount.
    pub vat: Vec<(String, String)>,
    /// Sum of the lines.
    pub net: String,
    /// Total to pay.
    pub gross: String,
    /// How to pay (empty for a credit invoice).
    pub payment: String,
}

/// One line as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentLine {
    /// What.
    pub description: String,
    /// Quantity and unit (`1,5 uur`).
    pub quantity: String,
    /// Price per unit.
    pub price: String,
    /// VAT rate.
    pub vat: String,
    /// Amount.
    pub amount: String,
}

fn date(d: Option<chrono::NaiveDate>, lang: Lang) -> String {
    d.map(|d| match lang {
        Lang::Nl => d.format("%d-%m-%Y").to_string(),
        Lang::En => d.format("%d %B %Y").to_string(),
    })
    .unwrap_or_default()
}

fn address_lines(name: &str, a: &super::PostalAddress) -> Vec<String> {
    let mut lines = vec![name.to_owned(), a.street.clone()];
    lines.push(format!("{}  {}", a.postcode, a.city).trim().to_owned());
    if a.country != "NL" {
        lines.push(a.country.clone());
    }
    lines
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| printable(&l))
        .collect()
}

impl InvoiceDocument {
    /// The printed form of a final invoice. `credits` is the number of the invoice a credit
    /// invoice credits.
    pub fn new(
        inv: &Invoice,
        advisor: &AdvisorDetails,
        credits: Option<&str>,
        lang: Lang,
    ) -> InvoiceDocument {
        let t = totals(&inv.lines);
        let credit = inv.credit_of.is_some();
        let mut registration = vec![format!("KvK {}", advisor.kvk)];
        if !advisor.vat_number.is_empty() {
            registration.push(match lang {
                Lang::Nl => format!("Btw-id {}", advisor.vat_number),
                Lang::En => format!("VAT {}", advisor.vat_number),
            });
        }
        registration.push(format!("IBAN {}", iban_grouped(&advisor.iban)));
        let number = inv.number.clone().unwrap_or_default();
        let payment = if credit {
            String::new()
        } else {
            match lang {
                Lang::Nl => format!(
                    "Graag {} vóór {} overmaken op {} t.n.v. {}, onder vermelding van {}.",
                    money(t.gross_cents, lang),
                    date(inv.due_on, lang),
                    iban_grouped(&advisor.iban),
                    advisor.name,
                    number
                ),
                Lang::En => format!(
                    "Please transfer {} before {} to {} in the name of {}, quoting {}.",
                    money(t.gross_cents, lang),
                    date(inv.due_on, lang),
                    iban_grouped(&advisor.iban),
                    advisor.name,
                    number
                ),
            }
        };
        InvoiceDocument {
            lang: match lang {
                Lang::Nl => "nl",
                Lang::En => "en",
            },
            credit,
            number,
            credits: credits.unwrap_or("").to_owned(),
            date: inv.issued_on.map(|d| d.to_string()).unwrap_or_default(),
            issued: date(inv.issued_on, lang),
            due: if credit {
                String::new()
            } else {
                date(inv.due_on, lang)
            },
            period: inv.period.label(lang),
            from: address_lines(&advisor.name, &advisor.address),
            registration,
            to: address_lines(&inv.debtor.name, &inv.debtor.address),
            reference: printable(&inv.debtor.reference),
            lines: inv
                .lines
                .iter()
                .map(|l| DocumentLine {
                    description: printable(&l.description),
                    quantity: format!(
                        "{} {}",
                        quantity(l.quantity_milli, lang),
                        l.unit.label(lang)
                    ),
                    price: money(l.unit_price_cents, lang),
                    vat: percent(l.vat_rate_bp, lang),
                    amount: money(l.amount_cents(), lang),
                })
                .collect(),
            vat: t
                .vat
                .iter()
                .map(|v| {
                    let label = match lang {
                        Lang::Nl => format!(
                            "Btw {} over {}",
                            percent(v.rate_bp, lang),
                            money(v.base_cents, lang)
                        ),
                        Lang::En => format!(
                            "VAT {} on {}",
                            percent(v.rate_bp, lang),
                            money(v.base_cents, lang)
                        ),
                    };
                    (label, money(v.vat_cents, lang))
                })
                .collect(),
            net: money(t.net_cents, lang),
            gross: money(t.gross_cents, lang),
            payment: printable(&payment),
        }
    }
}

/// An IBAN in groups of four, as printed.
fn iban_grouped(iban: &str) -> String {
    let chars: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The invoice as a tagged PDF/A-2a; the same invoice gives the same bytes.
pub fn render_pdf(doc: &InvoiceDocument) -> Result<Vec<u8>, RenderError> {
    let day = chrono::NaiveDate::parse_from_str(&doc.date, "%Y-%m-%d")
        .map_err(|_| RenderError::InvalidDate)?;
    render_template_pdf(Template::Invoice, doc, day)
}
