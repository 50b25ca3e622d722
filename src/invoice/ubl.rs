//! The Dutch e-invoice: UBL 2.1 following NLCIUS (SI-UBL 2.0), the Dutch use of the European
//! standard EN 16931, so that accounting software imports an invoice without retyping.
//!
//! A final invoice becomes an `Invoice` (type 380); a credit invoice becomes a `CreditNote`
//! (type 381) with positive quantities and a reference to the invoice it credits, as the
//! standard wants. Element order follows the UBL 2.1 schemas, which the tests validate against.
//! The seller is identified by KvK number (scheme 0106, rule BR-NL-1), VAT is one subtotal
//! per rate (category S; a 0% rate is category E, exempt), amounts are in euro with two
//! decimals, computed exactly as on the PDF ([`super::totals`]).

use super::{InvoiceLine, PostalAddress, decimal, quantity_decimal, totals};
use crate::store::{AdvisorDetails, Invoice};
use std::fmt::Write as _;

const CUSTOMIZATION: &str = "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0";
const PROFILE: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

/// The invoice as UBL 2.1 XML. `credited` is the number and issue date of the invoice a credit
/// invoice credits (required for a credit invoice). Only final invoices have a number; a
/// draft is written with an empty one and is refused by the export.
pub fn ubl_xml(
    inv: &Invoice,
    advisor: &AdvisorDetails,
    credited: Option<(&str, chrono::NaiveDate)>,
) -> String {
    let credit = inv.credit_of.is_some();
    // A credit note states what is credited as positive amounts.
    let sign = if credit { -1 } else { 1 };
    let lines: Vec<InvoiceLine> = inv
        .lines
        .iter()
        .map(|l| InvoiceLine {
            quantity_milli: sign * l.quantity_milli,
            ..l.clone()
        })
        .collect();
    let t = totals(&lines);
    let root = if credit { "CreditNote" } else { "Invoice" };
    let mut x = Xml::default();
    x.raw(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    x.raw(&format!(
        "\n<{root} xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:{root}-2\" \
         xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" \
         xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">"
    ));
    x.leaf("cbc:UBLVersionID", "2.1");
    x.leaf("cbc:CustomizationID", CUSTOMIZATION);
    x.leaf("cbc:ProfileID", PROFILE);
    x.leaf("cbc:ID", inv.number.as_deref().unwrap_or(""));
    let issued = inv.issued_on.map(|d| d.to_string()).unwrap_or_default();
    x.leaf("cbc:IssueDate", &issued);
    if credit {
        x.leaf("cbc:CreditNoteTypeCode", "381");
    } else {
        if let Some(due) = inv.due_on {
            x.leaf("cbc:DueDate", &due.to_string());
        }
        x.leaf("cbc:InvoiceTypeCode", "380");
    }
    x.leaf("cbc:DocumentCurrencyCode", "EUR");
    // The buyer's reference is required (PEPPOL-EN16931-R003); without one from the debtor,
    // the invoice number is the reference.
    let reference = if inv.debtor.reference.is_empty() {
        inv.number.as_deref().unwrap_or("")
    } else {
        &inv.debtor.reference
    };
    x.leaf("cbc:BuyerReference", reference);
    let (start, end) = inv.period.bounds();
    x.open("cac:InvoicePeriod");
    x.leaf("cbc:StartDate", &start.to_string());
    x.leaf("cbc:EndDate", &end.pred_opt().unwrap_or(end).to_string());
    x.close("cac:InvoicePeriod");
    if let Some((number, date)) = credited {
        x.open("cac:BillingReference");
        x.open("cac:InvoiceDocumentReference");
        x.leaf("cbc:ID", number);
        x.leaf("cbc:IssueDate", &date.to_string());
        x.close("cac:InvoiceDocumentReference");
        x.close("cac:BillingReference");
    }
    // The seller: the advisor.
    x.open("cac:AccountingSupplierParty");
    x.open("cac:Party");
    x.leaf_attr("cbc:EndpointID", "schemeID", "0106", &advisor.kvk);
    x.open("cac:PartyName");
    x.leaf("cbc:Name", &advisor.name);
    x.close("cac:PartyName");
    address(&mut x, &advisor.address);
    if !advisor.vat_number.is_empty() {
        x.open("cac:PartyTaxScheme");
        x.leaf("cbc:CompanyID", &advisor.vat_number);
        tax_scheme(&mut x);
        x.close("cac:PartyTaxScheme");
    }
    x.open("cac:PartyLegalEntity");
    x.leaf("cbc:RegistrationName", &advisor.name);
    x.leaf_attr("cbc:CompanyID", "schemeID", "0106", &advisor.kvk);
    x.close("cac:PartyLegalEntity");
    x.close("cac:Party");
    x.close("cac:AccountingSupplierParty");
    // The buyer: the debtor.
    let d = &inv.debtor;
    x.open("cac:AccountingCustomerParty");
    x.open("cac:Party");
    if !d.kvk.is_empty() {
        x.leaf_attr("cbc:EndpointID", "schemeID", "0106", &d.kvk);
    }
    x.open("cac:PartyName");
    x.leaf("cbc:Name", &d.name);
    x.close("cac:PartyName");
    address(&mut x, &d.address);
    x.open("cac:PartyLegalEntity");
    x.leaf("cbc:RegistrationName", &d.name);
    if !d.kvk.is_empty() {
        x.leaf_attr("cbc:CompanyID", "schemeID", "0106", &d.kvk);
    }
    x.close("cac:PartyLegalEntity");
    x.close("cac:Party");
    x.close("cac:AccountingCustomerParty");
    if !credit {
        // SEPA credit transfer to the advisor's IBAN, with the number as payment reference.
        x.open("cac:PaymentMeans");
        x.leaf("cbc:PaymentMeansCode", "58");
        x.leaf("cbc:PaymentID", inv.number.as_deref().unwrap_or(""));
        x.open("cac:PayeeFinancialAccount");
        x.leaf("cbc:ID", &advisor.iban);
        x.leaf("cbc:Name", &advisor.name);
        x.close("cac:PayeeFinancialAccount");
        x.close("cac:PaymentMeans");
        x.open("cac:PaymentTerms");
        x.leaf(
            "cbc:Note",
            &format!("Betaling binnen {} dagen", advisor.payment_term_days),
        );
        x.close("cac:PaymentTerms");
    }
    x.open("cac:TaxTotal");
    x.amount("cbc:TaxAmount", t.vat_cents);
    for v in &t.vat {
        x.open("cac:TaxSubtotal");
        x.amount("cbc:TaxableAmount", v.base_cents);
        x.amount("cbc:TaxAmount", v.vat_cents);
        tax_category(&mut x, "cac:TaxCategory", v.rate_bp, true);
        x.close("cac:TaxSubtotal");
    }
    x.close("cac:TaxTotal");
    x.open("cac:LegalMonetaryTotal");
    x.amount("cbc:LineExtensionAmount", t.net_cents);
    x.amount("cbc:TaxExclusiveAmount", t.net_cents);
    x.amount("cbc:TaxInclusiveAmount", t.gross_cents);
    x.amount("cbc:PayableAmount", t.gross_cents);
    x.close("cac:LegalMonetaryTotal");
    let (line_tag, qty_tag) = if credit {
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
    } else {
        ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    };
    for (i, l) in lines.iter().enumerate() {
        x.open(line_tag);
        x.leaf("cbc:ID", &(i + 1).to_string());
        x.leaf_attr(
            qty_tag,
            "unitCode",
            l.unit.unece(),
            &quantity_decimal(l.quantity_milli),
        );
        x.amount("cbc:LineExtensionAmount", l.amount_cents());
        x.open("cac:Item");
        x.leaf("cbc:Name", &l.description);
        tax_category(&mut x, "cac:ClassifiedTaxCategory", l.vat_rate_bp, false);
        x.close("cac:Item");
        x.open("cac:Price");
        x.amount("cbc:PriceAmount", l.unit_price_cents);
        x.close("cac:Price");
        x.close(line_tag);
    }
    x.raw(&format!("\n</{root}>\n"));
    x.out
}

fn address(x: &mut Xml, a: &PostalAddress) {
    x.open("cac:PostalAddress");
    x.leaf("cbc:StreetName", &a.street);
    x.leaf("cbc:CityName", &a.city);
    x.leaf("cbc:PostalZone", &a.postcode);
    x.open("cac:Country");
    x.leaf("cbc:IdentificationCode", &a.country);
    x.close("cac:Country");
    x.close("cac:PostalAddress");
}

fn tax_scheme(x: &mut Xml) {
    x.open("cac:TaxScheme");
    x.leaf("cbc:ID", "VAT");
    x.close("cac:TaxScheme");
}

/// Category S at the rate, or E (exempt, with its reason on the subtotal) at 0%.
fn tax_category(x: &mut Xml, tag: &str, rate_bp: u32, with_reason: bool) {
    x.open(tag);
    x.leaf("cbc:ID", if rate_bp == 0 { "E" } else { "S" });
    x.leaf("cbc:Percent", &decimal(i64::from(rate_bp)));
    if rate_bp == 0 && with_reason {
        x.leaf("cbc:TaxExemptionReason", "Vrijgesteld van btw");
    }
    tax_scheme(x);
    x.close(tag);
}

/// A small indenting XML writer; every text and attribute is escaped.
#[derive(Default)]
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn indent(&mut self) {
        self.out.push('\n');
        for _ in 0..=self.depth {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, tag: &str) {
        self.indent();
        let _ = write!(self.out, "<{tag}>");
        self.depth += 1;
    }

    fn close(&mut self, tag: &str) {
        self.depth -= 1;
        self.indent();
        let _ = write!(self.out, "</{tag}>");
    }

    fn leaf(&mut self, tag: &str, text: &str) {
        self.indent();
        let _ = write!(self.out, "<{tag}>{}</{tag}>", escape(text));
    }

    fn leaf_attr(&mut self, tag: &str, attr: &str, value: &str, text: &str) {
        self.indent();
        let _ = write!(
            self.out,
            "<{tag} {attr}=\"{}\">{}</{tag}>",
            escape(value),
            escape(text)
        );
    }

    fn amount(&mut self, tag: &str, cents: i64) {
        self.leaf_attr(tag, "currencyID", "EUR", &decimal(cents));
    }
}

/// Text for XML: the five special characters escaped, characters XML 1.0 forbids (control
/// characters other than tab and newline) dropped.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            '\t' | '\n' => s.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_a_description_stays_text() {
        assert_eq!(
            escape("<b>\"Tom & Jerry's\"</b>\u{1}"),
            "&lt;b&gt;&quot;Tom &amp; Jerry&apos;s&quot;&lt;/b&gt;",
            "escaped, and a control character XML forbids is dropped"
        );
    }
}
