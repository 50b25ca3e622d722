//! `kluis invoice ...`: invoicing the client organisations. Every rule (what an agreement,
//! a line or a final invoice must hold, the numbers, the amounts and VAT) is the core's
//! ([`kluis::invoice`], [`kluis::store`]); this module reads the arguments, calls the core,
//! saves and prints ([`crate::invoice_show`]). A refused command changes nothing.

use crate::args::{
    InvoiceAgreementArgs, InvoiceCommand, InvoiceDetailsArgs, InvoiceDraftArgs, InvoiceIssueArgs,
    InvoiceListArgs, InvoiceRefArgs, InvoiceRegisterArgs,
};
use crate::error::Failure;
use crate::invoice_show::{self as show, Shown, failure};
use crate::session::{self, Ctx, FlagMap};
use kluis::Lang;
use kluis::error::ErrorCode;
use kluis::invoice::Agreement;
use kluis::store::{Invoice, InvoiceStatus, Store};
use serde::Serialize;

#[path = "invoice_files.rs"]
mod files;
#[path = "invoice_lines.rs"]
mod lines;

const DETAILS_FLAGS: FlagMap = &[
    ("name", "--name"),
    ("street", "--street"),
    ("postcode", "--postcode"),
    ("city", "--city"),
    ("country", "--country"),
    ("kvk", "--kvk"),
    ("vat_number", "--vat-number"),
    ("iban", "--iban"),
    ("payment_term_days", "--payment-term-days"),
    ("number_pattern", "--number-pattern"),
];

const AGREEMENT_FLAGS: FlagMap = &[
    ("organisation_id", "ORG"),
    ("yearly_fee_cents", "--yearly-fee"),
    ("hourly_rate_cents", "--hourly-rate"),
    ("conversation_fee_cents", "--conversation-fee"),
    ("hours_included", "--hours-included"),
    ("vat_rate_bp", "--vat"),
    ("debtor_name", "--debtor-name"),
    ("debtor_street", "--debtor-street"),
    ("debtor_postcode", "--debtor-postcode"),
    ("debtor_city", "--debtor-city"),
    ("debtor_country", "--debtor-country"),
    ("debtor_kvk", "--debtor-kvk"),
    ("debtor_reference", "--debtor-reference"),
];

/// What making an invoice final or crediting it needs, named by the command that fills it.
const ISSUE_FLAGS: FlagMap = &[
    ("issued_on", "--issued-on"),
    ("status", "INVOICE"),
    ("credit_of", "INVOICE"),
    ("lines", "kluis invoice add-line"),
    ("name", "kluis invoice details --name"),
    ("street", "kluis invoice details --street"),
    ("postcode", "kluis invoice details --postcode"),
    ("city", "kluis invoice details --city"),
    ("country", "kluis invoice details --country"),
    ("kvk", "kluis invoice details --kvk"),
    ("vat_number", "kluis invoice details --vat-number"),
    ("iban", "kluis invoice details --iban"),
    (
        "payment_term_days",
        "kluis invoice details --payment-term-days",
    ),
    ("number_pattern", "kluis invoice details --number-pattern"),
    ("debtor_name", "kluis invoice agreement --debtor-name"),
    ("debtor_street", "kluis invoice agreement --debtor-street"),
    (
        "debtor_postcode",
        "kluis invoice agreement --debtor-postcode",
    ),
    ("debtor_city", "kluis invoice agreement --debtor-city"),
    ("debtor_country", "kluis invoice agreement --debtor-country"),
    ("debtor_kvk", "kluis invoice agreement --debtor-kvk"),
    (
        "debtor_reference",
        "kluis invoice agreement --debtor-reference",
    ),
];

pub(crate) const LINE_FLAGS: FlagMap = &[("status", "INVOICE")];

/// Runs an `invoice` subcommand.
pub fn run(ctx: &Ctx, cmd: &InvoiceCommand) -> anyhow::Result<()> {
    match cmd {
        InvoiceCommand::Details(a) => details(ctx, a),
        InvoiceCommand::Agreement(a) => agreement(ctx, a),
        InvoiceCommand::Draft(a) => draft(ctx, a),
        InvoiceCommand::List(a) => list(ctx, a),
        InvoiceCommand::Show(a) => show_one(ctx, a),
        InvoiceCommand::AddLine(a) => lines::add_line(ctx, a),
        InvoiceCommand::SetLine(a) => lines::set_line(ctx, a),
        InvoiceCommand::RemoveLine(a) => lines::remove_line(ctx, a),
        InvoiceCommand::DeleteDraft(a) => lines::delete_draft(ctx, a),
        InvoiceCommand::Finalize(a) => issue(ctx, a, false),
        InvoiceCommand::Credit(a) => issue(ctx, a, true),
        InvoiceCommand::Export(a) => files::export(ctx, a),
        InvoiceCommand::Register(a) => register(ctx, a),
        InvoiceCommand::Csv(a) => files::csv(ctx, a),
    }
}

/// Maps a core error with the invoice messages and this command's flags.
pub(crate) trait SaidInvoice<T> {
    /// Maps the error.
    fn said(self, ctx: &Ctx, flags: FlagMap) -> anyhow::Result<T>;
}

impl<T, E: kluis::error::Coded> SaidInvoice<T> for Result<T, E> {
    fn said(self, ctx: &Ctx, flags: FlagMap) -> anyhow::Result<T> {
        self.map_err(|e| failure(ctx, &e, flags, false).into())
    }
}

/// An invoice by its id or its number; the message names the argument.
pub(crate) fn find(ctx: &Ctx, store: &Store, reference: &str) -> anyhow::Result<Invoice> {
    let reference = reference.trim();
    let found = match reference.parse::<i64>() {
        Ok(id) => match store.invoice(id) {
            Ok(inv) => Some(inv),
            Err(kluis::store::StoreError::NotFound { .. }) => None,
            Err(e) => return Err(failure(ctx, &e, &[], false).into()),
        },
        Err(_) => store
            .invoices(None)
            .said(ctx, &[])?
            .into_iter()
            .find(|i| i.number.as_deref() == Some(reference)),
    };
    found.ok_or_else(|| {
        Failure::new(
            ErrorCode::NotFound,
            format!(
                "INVOICE: {}",
                ctx.t(
                    "deze factuur bestaat niet (zie `kluis invoice list`).",
                    "this invoice does not exist (see `kluis invoice list`)."
                )
            ),
        )
        .into()
    })
}

pub(crate) fn org_name(ctx: &Ctx, store: &Store, id: i64) -> anyhow::Result<String> {
    Ok(store.organisation(id).said(ctx, &[])?.name)
}

/// The number of the invoice a credit invoice credits.
fn credited(ctx: &Ctx, store: &Store, inv: &Invoice) -> anyhow::Result<Option<String>> {
    match inv.credit_of {
        Some(id) => Ok(store.invoice(id).said(ctx, &[])?.number),
        None => Ok(None),
    }
}

/// Prints one invoice (JSON: with its organisation's name).
pub(crate) fn print(ctx: &Ctx, store: &Store, inv: &Invoice) -> anyhow::Result<()> {
    let org = org_name(ctx, store, inv.organisation_id)?;
    if ctx.json {
        return ctx.print_json(&Shown {
            organisation: &org,
            invoice: inv,
        });
    }
    show::invoice(ctx, inv, &org, credited(ctx, store, inv)?.as_deref())
}

pub(crate) fn set<T: Clone>(field: &mut T, value: &Option<T>) {
    if let Some(v) = value {
        *field = v.clone();
    }
}

fn details(ctx: &Ctx, a: &InvoiceDetailsArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let current = vault.store().advisor_details().said(ctx, &[])?;
    let mut d = current.clone();
    set(&mut d.name, &a.name);
    set(&mut d.address.street, &a.street);
    set(&mut d.address.postcode, &a.postcode);
    set(&mut d.address.city, &a.city);
    set(&mut d.address.country, &a.country);
    set(&mut d.kvk, &a.kvk);
    set(&mut d.vat_number, &a.vat_number);
    set(&mut d.iban, &a.iban);
    set(&mut d.payment_term_days, &a.payment_term_days);
    set(&mut d.number_pattern, &a.number_pattern);
    if d == current {
        return show::details(ctx, &current);
    }
    let d = vault
        .store_mut()
        .set_advisor_details(&d)
        .said(ctx, DETAILS_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if !ctx.json {
        outln!("{}", ctx.t("Gegevens opgeslagen.", "Details saved."))?;
    }
    show::details(ctx, &d)
}

fn agreement(ctx: &Ctx, a: &InvoiceAgreementArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let org = session::organisation(ctx, vault.store(), &a.org, "ORG")?;
    let current = vault.store().agreement(org.id).said(ctx, &[])?;
    let mut next = current.clone().unwrap_or_default();
    set(&mut next.yearly_fee_cents, &a.yearly_fee);
    set(&mut next.hourly_rate_cents, &a.hourly_rate);
    set(&mut next.conversation_fee_cents, &a.conversation_fee);
    set(&mut next.hours_included, &a.hours_included);
    set(&mut next.vat_rate_bp, &a.vat);
    let d = &mut next.debtor;
    set(&mut d.name, &a.debtor_name);
    set(&mut d.address.street, &a.debtor_street);
    set(&mut d.address.postcode, &a.debtor_postcode);
    set(&mut d.address.city, &a.debtor_city);
    set(&mut d.address.country, &a.debtor_country);
    set(&mut d.kvk, &a.debtor_kvk);
    set(&mut d.reference, &a.debtor_reference);
    if current.as_ref() == Some(&next) || (current.is_none() && next == Agreement::default()) {
        return show::agreement(ctx, &org, current.as_ref());
    }
    let saved = vault
        .store_mut()
        .set_agreement(org.id, &next, ctx.clock)
        .said(ctx, AGREEMENT_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if !ctx.json {
        outln!("{}", ctx.t("Afspraak opgeslagen.", "Agreement saved."))?;
    }
    show::agreement(ctx, &org, Some(&saved))
}

/// An organisation passed over by `invoice draft` without ORG.
#[derive(Serialize)]
struct Skipped {
    organisation: String,
    /// The invoice that is already there.
    invoice_id: i64,
    /// `draft_exists` or `invoiced`.
    reason: &'static str,
}

#[derive(Serialize)]
struct Drafted<'a> {
    drafted: Vec<Shown<'a>>,
    skipped: Vec<Skipped>,
}

/// Drafts for one organisation, or for every organisation with an agreement that has no
/// draft for the period and no final invoice for it that was not credited (naming one
/// organisation drafts regardless of a final invoice: a second invoice for a period is
/// deliberate). All or nothing: a refusal saves none of the drafts.
fn draft(ctx: &Ctx, a: &InvoiceDraftArgs) -> anyhow::Result<()> {
    let lang = a.invoice_lang.map(Lang::from).unwrap_or(ctx.lang);
    let mut vault = session::open(ctx, &a.open)?;
    let store = vault.store();
    let mut targets = Vec::new();
    let mut skipped = Vec::new();
    if let Some(name) = &a.org {
        let org = session::organisation(ctx, store, name, "ORG")?;
        if store.agreement(org.id).said(ctx, &[])?.is_none() {
            return Err(Failure::new(
                ErrorCode::NotFound,
                format!(
                    "ORG: {}",
                    ctx.t(
                        "deze organisatie heeft nog geen afspraak; leg die vast met `kluis invoice agreement`.",
                        "this organisation has no agreement yet; make one with `kluis invoice agreement`."
                    )
                ),
            )
            .into());
        }
        targets.push(org);
    } else {
        for org in store.organisations(false).said(ctx, &[])? {
            if store.agreement(org.id).said(ctx, &[])?.is_none() {
                continue;
            }
            let invoices = store.invoices(Some(org.id)).said(ctx, &[])?;
            let credited = |id: i64| invoices.iter().any(|i| i.credit_of == Some(id));
            let existing = invoices.iter().find(|i| {
                i.period == a.period
                    && i.credit_of.is_none()
                    && (i.status == InvoiceStatus::Concept || !credited(i.id))
            });
            match existing {
                Some(i) => skipped.push(Skipped {
                    organisation: org.name.clone(),
                    invoice_id: i.id,
                    reason: if i.status == InvoiceStatus::Concept {
                        "draft_exists"
                    } else {
                        "invoiced"
                    },
                }),
                None => targets.push(org),
            }
        }
    }
    let mut drafted = Vec::new();
    for org in &targets {
        let inv = vault
            .store_mut()
            .draft_invoice(org.id, a.period, lang, ctx.clock)
            .said(ctx, &[("period", "--period"), ("organisation_id", "ORG")])?;
        drafted.push(inv);
    }
    if !drafted.is_empty() {
        session::save(ctx, &mut vault)?;
    }
    if ctx.json {
        let shown = drafted
            .iter()
            .zip(&targets)
            .map(|(invoice, org)| Shown {
                organisation: &org.name,
                invoice,
            })
            .collect();
        return ctx.print_json(&Drafted {
            drafted: shown,
            skipped,
        });
    }
    for s in &skipped {
        let why = if s.reason == "draft_exists" {
            ctx.t(
                "heeft al een concept voor deze periode",
                "already has a draft for this period",
            )
        } else {
            ctx.t(
                "heeft al een factuur voor deze periode",
                "already has an invoice for this period",
            )
        };
        outln!(
            "{} {} {why} (id {}).",
            ctx.t("Overgeslagen:", "Skipped:"),
            s.organisation,
            s.invoice_id
        )?;
    }
    if targets.is_empty() {
        outln!(
            "{}",
            ctx.t(
                "Geen concepten gemaakt: geen organisatie met een afspraak zonder factuur voor deze periode.",
                "No drafts made: no organisation with an agreement and without an invoice for this period."
            )
        )?;
    }
    for (inv, org) in drafted.iter().zip(&targets) {
        outln!()?;
        show::invoice(ctx, inv, &org.name, None)?;
    }
    Ok(())
}

fn list(ctx: &Ctx, a: &InvoiceListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let store = vault.store();
    let org = match &a.org {
        Some(name) => Some(session::organisation(ctx, store, name, "ORG")?.id),
        None => None,
    };
    let invoices = store.invoices(org).said(ctx, &[])?;
    let orgs = store.organisations(true).said(ctx, &[])?;
    let name = |id: i64| {
        orgs.iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    if ctx.json {
        let names: Vec<String> = invoices.iter().map(|i| name(i.organisation_id)).collect();
        let shown: Vec<Shown> = invoices
            .iter()
            .zip(&names)
            .map(|(invoice, organisation)| Shown {
                organisation,
                invoice,
            })
            .collect();
        return ctx.print_json(&shown);
    }
    if invoices.is_empty() {
        outln!("{}", ctx.t("Nog geen facturen.", "No invoices yet."))?;
        return Ok(());
    }
    outln!("{}", show::list(ctx, &invoices, &name))?;
    Ok(())
}

fn show_one(ctx: &Ctx, a: &InvoiceRefArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let inv = find(ctx, vault.store(), &a.invoice)?;
    print(ctx, vault.store(), &inv)
}

/// `finalize` and `credit`: both issue a final invoice on a day (default today).
fn issue(ctx: &Ctx, a: &InvoiceIssueArgs, credit: bool) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let inv = find(ctx, vault.store(), &a.invoice)?;
    let on = a.issued_on.unwrap_or(ctx.clock.today);
    let store = vault.store_mut();
    let result = if credit {
        store.credit_invoice(inv.id, on, ctx.clock)
    } else {
        store.finalize_invoice(inv.id, on, ctx.clock)
    };
    let issued = result.map_err(|e| {
        let mut f = failure(ctx, &e, ISSUE_FLAGS, credit);
        if f.fields.iter().any(|fe| fe.field.starts_with("debtor_")) {
            f.message.push_str(ctx.t(
                "\nHet concept houdt de debiteur van toen het werd gemaakt: pas de afspraak aan, verwijder het concept (kluis invoice delete-draft) en maak het opnieuw.",
                "\nA draft keeps the debtor of when it was made: change the agreement, delete the draft (kluis invoice delete-draft) and draft it again.",
            ));
        }
        anyhow::Error::from(f)
    })?;
    session::save(ctx, &mut vault)?;
    print(ctx, vault.store(), &issued)
}

fn register(ctx: &Ctx, a: &InvoiceRegisterArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let inv = find(ctx, vault.store(), &a.invoice)?;
    let sent = a.sent.map(|d| d.0).unwrap_or(inv.sent_on);
    let paid = a.paid.map(|d| d.0).unwrap_or(inv.paid_on);
    let inv = vault
        .store_mut()
        .set_invoice_register(inv.id, sent, paid, ctx.clock)
        .said(
            ctx,
            &[
                ("status", "INVOICE"),
                ("sent_on", "--sent"),
                ("paid_on", "--paid"),
            ],
        )?;
    session::save(ctx, &mut vault)?;
    print(ctx, vault.store(), &inv)
}
