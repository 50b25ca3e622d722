//! How `kluis invoice ...` prints: the advisor's details, an agreement, an invoice with its
//! lines and totals, the list of invoices; and the invoice messages the core's general
//! validation texts do not say precisely enough. Every amount is formatted by the core
//! ([`kluis::invoice::money`], [`kluis::invoice::quantity`], [`kluis::invoice::percent`]).

use crate::error::Failure;
use crate::session::{Ctx, FlagMap};
use crate::table::{Align, Table, fields, hm};
use kluis::error::Coded;
use kluis::invoice::{Agreement, money, percent, quantity};
use kluis::model::{Organisation, ValidationCode};
use kluis::store::{AdvisorDetails, Invoice, InvoiceStatus};
use serde::Serialize;

/// An invoice as `--json` prints it: the core's invoice with its organisation's name.
#[derive(Serialize)]
pub struct Shown<'a> {
    /// The organisation's name.
    pub organisation: &'a str,
    /// The invoice.
    #[serde(flatten)]
    pub invoice: &'a Invoice,
}

/// An organisation's agreement as `--json` prints it (`null` when none was made).
#[derive(Serialize)]
pub struct ShownAgreement<'a> {
    /// The organisation's name.
    pub organisation: &'a str,
    /// The agreement, if any.
    pub agreement: Option<&'a Agreement>,
}

/// An invoice's own message for a validation failure where the core's general text (made
/// for names and dossiers) would mislead: a duplicate draft, a credited invoice, a draft
/// whose sending is recorded.
fn invoice_message(ctx: &Ctx, field: &str, code: ValidationCode) -> Option<&'static str> {
    Some(match (field, code) {
        ("period", ValidationCode::Duplicate) => ctx.t(
            "deze organisatie heeft al een concept voor deze periode (zie `kluis invoice list`).",
            "this organisation already has a draft for this period (see `kluis invoice list`).",
        ),
        ("credit_of", ValidationCode::Duplicate) => ctx.t(
            "deze factuur is al gecrediteerd.",
            "this invoice has been credited already.",
        ),
        ("status", ValidationCode::NotClosed) => ctx.t(
            "dit is een concept; verzending en betaling worden alleen bij een definitieve factuur bijgehouden.",
            "this is a draft; sending and payment are recorded for a final invoice only.",
        ),
        _ => return None,
    })
}

/// A core error as a [`Failure`], with the invoice messages of [`invoice_message`] and the
/// command's flags named; `credit` says that the status refusal is about crediting.
pub fn failure(ctx: &Ctx, e: &impl Coded, flags: FlagMap, credit: bool) -> Failure {
    let mut f = Failure::core(e, ctx.lang, flags);
    let Some(v) = e.validation() else {
        return f;
    };
    let mut lines = vec![ctx.t("Ongeldige invoer:", "Invalid input:").to_owned()];
    for fe in &v.fields {
        let flag = flags
            .iter()
            .find(|(field, _)| *field == fe.field)
            .map(|(_, flag)| *flag)
            .unwrap_or(fe.field.as_str());
        let text = match (fe.field.as_str(), fe.code) {
            ("status", ValidationCode::InvoiceFinal) if credit => ctx.t(
                "alleen een definitieve factuur die zelf geen creditfactuur is, kan worden gecrediteerd.",
                "only a final invoice that is not itself a credit invoice can be credited.",
            ),
            (field, code) => {
                invoice_message(ctx, field, code).unwrap_or_else(|| code.message(ctx.lang))
            }
        };
        if flag.is_empty() {
            lines.push(format!("  {text}"));
        } else {
            lines.push(format!("  {flag}: {text}"));
        }
    }
    f.message = lines.join("\n");
    f
}

/// The advisor's details as label/value lines.
pub fn details(ctx: &Ctx, d: &AdvisorDetails) -> anyhow::Result<()> {
    if ctx.json {
        return ctx.print_json(d);
    }
    let rows = [
        (ctx.t("Naam", "Name"), d.name.clone()),
        (ctx.t("Straat", "Street"), d.address.street.clone()),
        (ctx.t("Postcode", "Postcode"), d.address.postcode.clone()),
        (ctx.t("Plaats", "City"), d.address.city.clone()),
        (ctx.t("Land", "Country"), d.address.country.clone()),
        (ctx.t("KvK-nummer", "KvK number"), d.kvk.clone()),
        (ctx.t("Btw-nummer", "VAT number"), d.vat_number.clone()),
        ("IBAN", d.iban.clone()),
        (
            ctx.t("Betaaltermijn (dagen)", "Payment term (days)"),
            d.payment_term_days.to_string(),
        ),
        (
            ctx.t("Nummerpatroon", "Number pattern"),
            d.number_pattern.clone(),
        ),
    ];
    let rows: Vec<(String, String)> = rows.into_iter().map(|(l, v)| (l.to_owned(), v)).collect();
    outln!("{}", fields(&rows))?;
    Ok(())
}

/// An organisation's agreement as label/value lines.
pub fn agreement(ctx: &Ctx, org: &Organisation, a: Option<&Agreement>) -> anyhow::Result<()> {
    if ctx.json {
        return ctx.print_json(&ShownAgreement {
            organisation: &org.name,
            agreement: a,
        });
    }
    let Some(a) = a else {
        outln!(
            "{} {}",
            org.name,
            ctx.t(
                "heeft nog geen afspraak. Leg die vast met `kluis invoice agreement KLUIS ORG --yearly-fee ... --vat 21`.",
                "has no agreement yet. Make one with `kluis invoice agreement VAULT ORG --yearly-fee ... --vat 21`."
            )
        )?;
        return Ok(());
    };
    let d = &a.debtor;
    let rows = [
        (ctx.t("Organisatie", "Organisation"), org.name.clone()),
        (
            ctx.t("Abonnement per jaar", "Yearly fee"),
            money(a.yearly_fee_cents, ctx.lang),
        ),
        (
            ctx.t("Uurtarief", "Hourly rate"),
            money(a.hourly_rate_cents, ctx.lang),
        ),
        (
            ctx.t("Tarief per gesprek", "Fee per conversation"),
            money(a.conversation_fee_cents, ctx.lang),
        ),
        (
            ctx.t("Inbegrepen uren per jaar", "Hours included per year"),
            a.hours_included.to_string(),
        ),
        (ctx.t("Btw", "VAT"), percent(a.vat_rate_bp, ctx.lang)),
        (
            ctx.t("Debiteur", "Debtor"),
            if d.name.is_empty() {
                format!(
                    "{} ({})",
                    org.name,
                    ctx.t("de organisatie", "the organisation")
                )
            } else {
                d.name.clone()
            },
        ),
        (ctx.t("Straat", "Street"), d.address.street.clone()),
        (ctx.t("Postcode", "Postcode"), d.address.postcode.clone()),
        (ctx.t("Plaats", "City"), d.address.city.clone()),
        (ctx.t("Land", "Country"), d.address.country.clone()),
        (ctx.t("KvK-nummer", "KvK number"), d.kvk.clone()),
        (ctx.t("Referentie", "Reference"), d.reference.clone()),
    ];
    let rows: Vec<(String, String)> = rows.into_iter().map(|(l, v)| (l.to_owned(), v)).collect();
    outln!("{}", fields(&rows))?;
    Ok(())
}

/// The status as a word: concept, definitief, credit.
pub fn status(ctx: &Ctx, inv: &Invoice) -> String {
    match (inv.status, inv.credit_of) {
        (InvoiceStatus::Concept, _) => ctx.t("concept", "draft"),
        (InvoiceStatus::Definitief, None) => ctx.t("definitief", "final"),
        (InvoiceStatus::Definitief, Some(_)) => ctx.t("creditfactuur", "credit invoice"),
    }
    .to_owned()
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// One invoice: heading, debtor, lines, totals, and for a draft the warning about hours
/// beyond those included.
pub fn invoice(ctx: &Ctx, inv: &Invoice, org: &str, credited: Option<&str>) -> anyhow::Result<()> {
    let period = inv.period.label(ctx.lang);
    match (&inv.number, credited) {
        (Some(n), Some(c)) => outln!(
            "{} {n} ({} {c}) · {org} · {period}",
            ctx.t("Creditfactuur", "Credit invoice"),
            ctx.t("crediteert", "credits")
        )?,
        (Some(n), None) => outln!("{} {n} · {org} · {period}", ctx.t("Factuur", "Invoice"))?,
        (None, _) => outln!(
            "{} (id {}) · {org} · {period}",
            ctx.t("Concept", "Draft"),
            inv.id
        )?,
    }
    let d = &inv.debtor;
    let mut rows = vec![(
        ctx.t("Debiteur", "Debtor").to_owned(),
        [
            d.name.as_str(),
            d.address.street.as_str(),
            &format!("{} {}", d.address.postcode, d.address.city),
        ]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", "),
    )];
    if !d.reference.is_empty() {
        rows.push((ctx.t("Referentie", "Reference").into(), d.reference.clone()));
    }
    if inv.status == InvoiceStatus::Definitief {
        rows.push((ctx.t("Factuurdatum", "Issued").into(), day(inv.issued_on)));
        rows.push((ctx.t("Vervaldatum", "Due").into(), day(inv.due_on)));
        rows.push((ctx.t("Verzonden", "Sent").into(), day(inv.sent_on)));
        rows.push((ctx.t("Betaald", "Paid").into(), day(inv.paid_on)));
    }
    outln!("{}", fields(&rows))?;
    outln!()?;
    let mut t = Table::new(&[
        ("#", Align::Right),
        (ctx.t("Omschrijving", "Description"), Align::Left),
        (ctx.t("Aantal", "Quantity"), Align::Right),
        (ctx.t("Eenheid", "Unit"), Align::Left),
        (ctx.t("Prijs", "Price"), Align::Right),
        (ctx.t("Btw", "VAT"), Align::Right),
        (ctx.t("Bedrag", "Amount"), Align::Right),
    ]);
    for (i, l) in inv.lines.iter().enumerate() {
        t.row(vec![
            (i + 1).to_string(),
            l.description.clone(),
            quantity(l.quantity_milli, ctx.lang),
            l.unit.label(ctx.lang).to_owned(),
            money(l.unit_price_cents, ctx.lang),
            percent(l.vat_rate_bp, ctx.lang),
            money(l.amount_cents(), ctx.lang),
        ]);
    }
    if inv.lines.is_empty() {
        outln!("{}", ctx.t("Geen regels.", "No lines."))?;
    } else {
        outln!("{}", t.render())?;
    }
    outln!()?;
    let totals = &inv.totals;
    let mut rows = vec![(
        ctx.t("Subtotaal", "Subtotal").to_owned(),
        money(totals.net_cents, ctx.lang),
    )];
    for v in &totals.vat {
        rows.push((
            format!(
                "{} {} {} {}",
                ctx.t("Btw", "VAT"),
                percent(v.rate_bp, ctx.lang),
                ctx.t("over", "on"),
                money(v.base_cents, ctx.lang)
            ),
            money(v.vat_cents, ctx.lang),
        ));
    }
    rows.push((
        ctx.t("Totaal", "Total").to_owned(),
        money(totals.gross_cents, ctx.lang),
    ));
    outln!("{}", fields(&rows))?;
    if let (InvoiceStatus::Concept, Some(m)) = (inv.status, inv.over_included_minutes) {
        outln!(
            "{} {} {}",
            ctx.t("Let op:", "Note:"),
            hm(m),
            ctx.t(
                "uur boven de inbegrepen uren van dit jaar (deze periode meegeteld).",
                "hours beyond the hours included this year (this period counted)."
            )
        )?;
    }
    Ok(())
}

/// The invoices as a table.
pub fn list(ctx: &Ctx, invoices: &[Invoice], org_name: &dyn Fn(i64) -> String) -> String {
    let mut t = Table::new(&[
        ("Id", Align::Right),
        (ctx.t("Nummer", "Number"), Align::Left),
        (ctx.t("Organisatie", "Organisation"), Align::Left),
        (ctx.t("Periode", "Period"), Align::Left),
        (ctx.t("Totaal", "Total"), Align::Right),
        (ctx.t("Status", "Status"), Align::Left),
        (ctx.t("Verzonden", "Sent"), Align::Left),
        (ctx.t("Betaald", "Paid"), Align::Left),
    ]);
    for inv in invoices {
        t.row(vec![
            inv.id.to_string(),
            inv.number
                .clone()
                .unwrap_or_else(|| ctx.t("concept", "draft").to_owned()),
            org_name(inv.organisation_id),
            inv.period.code(),
            money(inv.totals.gross_cents, ctx.lang),
            status(ctx, inv),
            day(inv.sent_on),
            day(inv.paid_on),
        ]);
    }
    t.render()
}
