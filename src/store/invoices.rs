//! Invoicing: agreements, the advisor's own details, and invoices (drafts the advisor adjusts;
//! final ones never change, which triggers in the schema enforce too; a mistake is credited).

use super::{Store, StoreError};
use crate::Clock;
use crate::Lang;
use crate::invoice::{
    self, Agreement, DEFAULT_NUMBER_PATTERN, Debtor, InvoiceLine, InvoicePeriod, InvoiceUnit,
    PostalAddress, Totals, Usage,
};
use crate::model::{Activity, ValidationCode, ValidationErrors, has_control_characters};
use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// The advisor's own details for invoices (kept as settings in the vault).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdvisorDetails {
    /// Name (or trade name).
    pub name: String,
    /// Postal address.
    pub address: PostalAddress,
    /// Chamber of Commerce number (8 digits).
    pub kvk: String,
    /// VAT number (NL000000000B00).
    pub vat_number: String,
    /// IBAN to pay to.
    pub iban: String,
    /// Days until payment is due.
    pub payment_term_days: u32,
    /// Invoice number pattern (`F{jaar}-{volgnummer:4}`).
    pub number_pattern: String,
}

impl Default for AdvisorDetails {
    fn default() -> Self {
        AdvisorDetails {
            name: String::new(),
            address: PostalAddress::default(),
            kvk: String::new(),
            vat_number: String::new(),
            iban: String::new(),
            payment_term_days: 30,
            number_pattern: DEFAULT_NUMBER_PATTERN.to_owned(),
        }
    }
}

/// Draft or final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// A draft: its lines can be adjusted, it has no number.
    Concept,
    /// Final: numbered, never changed.
    Definitief,
}

/// One invoice with its lines and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Invoice {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Its number (final invoices only).
    pub number: Option<String>,
    /// The organisation invoiced.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// The period it covers.
    pub period: InvoicePeriod,
    /// Draft or final.
    pub status: InvoiceStatus,
    /// For a credit invoice: the invoice it credits.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub credit_of: Option<i64>,
    /// Date of issue (final only).
    pub issued_on: Option<NaiveDate>,
    /// Payment due (final only).
    pub due_on: Option<NaiveDate>,
    /// When it was sent, if recorded.
    pub sent_on: Option<NaiveDate>,
    /// When it was paid, if recorded.
    pub paid_on: Option<NaiveDate>,
    /// The debtor as on the invoice (kept as it was when drafted).
    pub debtor: Debtor,
    /// Minutes of the year beyond the included hours when it was drafted, if any.
    pub over_included_minutes: Option<u32>,
    /// Its lines.
    pub lines: Vec<InvoiceLine>,
    /// Each line's amount in cents, as the core rounds it (for display).
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub line_amounts_cents: Vec<i64>,
    /// Its totals.
    pub totals: Totals,
}

const DETAILS: [&str; 10] = [
    "invoice.name",
    "invoice.street",
    "invoice.postcode",
    "invoice.city",
    "invoice.country",
    "invoice.kvk",
    "invoice.vat_number",
    "invoice.iban",
    "invoice.payment_term_days",
    "invoice.number_pattern",
];

/// Whether an IBAN's check digits are right (ISO 13616, mod 97), blanks ignored.
pub fn iban_valid(iban: &str) -> bool {
    let s: String = iban
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if !(15..=34).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let rearranged = format!("{}{}", &s[4..], &s[..4]);
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let digits = if c.is_ascii_digit() {
            c.to_string()
        } else {
            (c as u32 - 'A' as u32 + 10).to_string()
        };
        for d in digits.chars() {
            rem = (rem * 10 + d.to_digit(10).unwrap_or(0)) % 97;
        }
    }
    rem == 1
}

impl AdvisorDetails {
    /// Checks the details as far as they are filled in; `complete` also requires what a final
    /// invoice must show (name, address, KvK, IBAN).
    pub fn validate(&self, complete: bool) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        for (field, text, max, required) in [
            ("name", &self.name, 200, true),
            ("kvk", &self.kvk, 8, true),
            ("vat_number", &self.vat_number, 14, false),
            ("iban", &self.iban, 42, true),
        ] {
            if complete && required && text.trim().is_empty() {
                e.push(field, ValidationCode::Required);
            } else if text.chars().count() > max {
                e.push(field, ValidationCode::TooLong);
            }
        }
        self.address.check("", complete, &mut e);
        if !self.kvk.is_empty() && !invoice::kvk_valid(&self.kvk) {
            e.push("kvk", ValidationCode::InvalidFormat);
        }
        if !self.iban.is_empty() && !iban_valid(&self.iban) {
            e.push("iban", ValidationCode::InvalidFormat);
        }
        let vat = self.vat_number.replace(' ', "").to_uppercase();
        let dutch_vat = vat.len() == 14 && vat.starts_with("NL") && vat.as_bytes()[11] == b'B';
        if !vat.is_empty() && !dutch_vat {
            e.push("vat_number", ValidationCode::InvalidFormat);
        }
        if self.payment_term_days == 0 || self.payment_term_days > 365 {
            e.push("payment_term_days", ValidationCode::NotPositive);
        }
        if !invoice::pattern_valid(&self.number_pattern) {
            e.push("number_pattern", ValidationCode::InvalidFormat);
        }
        if has_control_characters(&self.name) {
            e.push("name", ValidationCode::ControlCharacters);
        }
        e.into_result()
    }
}

fn check_line(e: &mut ValidationErrors, l: &InvoiceLine) {
    if l.description.trim().is_empty() {
        e.push("lines", ValidationCode::Required);
    } else if l.description.chars().count() > 200 {
        e.push("lines", ValidationCode::TooLong);
    } else if has_control_characters(&l.description) {
        e.push("lines", ValidationCode::ControlCharacters);
    }
    if l.unit_price_cents < 0 {
        // A price is never negative (EN 16931 BR-27); a deduction is a negative quantity.
        e.push("lines", ValidationCode::NotPositive);
    }
    if l.vat_rate_bp > 10_000
        || l.quantity_milli.abs() > 1_000_000_000
        || l.unit_price_cents.abs() > 10_000_000_000
    {
        e.push("lines", ValidationCode::TooLarge);
    }
}

impl Store {
    /// An organisation's agreement, if one was made.
    pub fn agreement(&self, organisation_id: i64) -> Result<Option<Agreement>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT yearly_fee_cents, hourly_rate_cents, conversation_fee_cents,
                    hours_included, vat_rate_bp, debtor_name, debtor_street, debtor_postcode,
                    debtor_city, debtor_country, debtor_kvk, debtor_reference
                 FROM agreements WHERE organisation_id = ?1",
                [organisation_id],
                |r| {
                    Ok(Agreement {
                        yearly_fee_cents: r.get(0)?,
                        hourly_rate_cents: r.get(1)?,
                        conversation_fee_cents: r.get(2)?,
                        hours_included: r.get(3)?,
                        vat_rate_bp: r.get(4)?,
                        debtor: debtor_from(r, 5)?,
                    })
                },
            )
            .optional()?)
    }

    /// Makes or replaces an organisation's agreement.
    pub fn set_agreement(
        &mut self,
        organisation_id: i64,
        a: &Agreement,
        clock: Clock,
    ) -> Result<Agreement, StoreError> {
        let mut e = super::Checks::new(Ok(()));
        e.add(self.check_organisation_usable(organisation_id, "organisation_id"))?;
        for (field, v) in [
            ("yearly_fee_cents", a.yearly_fee_cents),
            ("hourly_rate_cents", a.hourly_rate_cents),
            ("conversation_fee_cents", a.conversation_fee_cents),
        ] {
            if v < 0 {
                e.push(field, ValidationCode::NotPositive);
            } else if v > 10_000_000_000 {
                e.push(field, ValidationCode::TooLarge);
            }
        }
        if a.vat_rate_bp > 10_000 {
            e.push("vat_rate_bp", ValidationCode::TooLarge);
        }
        if a.hours_included > 10_000 {
            e.push("hours_included", ValidationCode::TooLarge);
        }
        let mut checked = ValidationErrors::default();
        a.debtor.check(false, &mut checked);
        for f in checked.fields {
            e.push(&f.field, f.code);
        }
        e.finish()?;
        let d = a.debtor.tidy();
        self.conn.execute(
            "INSERT INTO agreements (organisation_id, yearly_fee_cents, hourly_rate_cents,
                conversation_fee_cents, hours_included, vat_rate_bp, debtor_name, debtor_street,
                debtor_postcode, debtor_city, debtor_country, debtor_kvk, debtor_reference,
                updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (organisation_id) DO UPDATE SET
                yearly_fee_cents = excluded.yearly_fee_cents,
                hourly_rate_cents = excluded.hourly_rate_cents,
                conversation_fee_cents = excluded.conversation_fee_cents,
                hours_included = excluded.hours_included, vat_rate_bp = excluded.vat_rate_bp,
                debtor_name = excluded.debtor_name, debtor_street = excluded.debtor_street,
                debtor_postcode = excluded.debtor_postcode, debtor_city = excluded.debtor_city,
                debtor_country = excluded.debtor_country, debtor_kvk = excluded.debtor_kvk,
                debtor_reference = excluded.debtor_reference, updated_at = excluded.updated_at",
            params![
                organisation_id,
                a.yearly_fee_cents,
                a.hourly_rate_cents,
                a.conversation_fee_cents,
                a.hours_included,
                a.vat_rate_bp,
                d.name,
                d.address.street,
                d.address.postcode,
                d.address.city,
                d.address.country,
                d.kvk,
                d.reference,
                clock.now.to_rfc3339()
            ],
        )?;
        Ok(self.agreement(organisation_id)?.expect("just written"))
    }

    /// The advisor's name as reports, contributions and receipts print it: the name in the
    /// advisor's details (Settings → Facturering), empty when unset.
    pub fn advisor_name(&self) -> Result<String, StoreError> {
        Ok(self
            .setting(DETAILS[0])?
            .or(self.setting("advisor_name")?)
            .unwrap_or_default())
    }

    /// The advisor's details for invoices (defaults where unset).
    pub fn advisor_details(&self) -> Result<AdvisorDetails, StoreError> {
        let mut d = AdvisorDetails::default();
        let get = |k: &str| self.setting(k);
        if let Some(v) = get(DETAILS[0])? {
            d.name = v;
        }
        let fields: [&mut String; 7] = [
            &mut d.address.street,
            &mut d.address.postcode,
            &mut d.address.city,
            &mut d.address.country,
            &mut d.kvk,
            &mut d.vat_number,
            &mut d.iban,
        ];
        for (key, field) in DETAILS[1..8].iter().zip(fields) {
            if let Some(v) = get(key)? {
                *field = v;
            }
        }
        if let Some(v) = get(DETAILS[8])?.and_then(|v| v.parse().ok()) {
            d.payment_term_days = v;
        }
        if let Some(v) = get(DETAILS[9])? {
            d.number_pattern = v;
        }
        Ok(d)
    }

    /// Sets the advisor's details (checked as far as filled in).
    pub fn set_advisor_details(
        &mut self,
        d: &AdvisorDetails,
    ) -> Result<AdvisorDetails, StoreError> {
        d.validate(false)?;
        let term = d.payment_term_days.to_string();
        let iban: String = d
            .iban
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        let vat = d.vat_number.replace(' ', "").to_uppercase();
        let address = d.address.tidy();
        let values = [
            d.name.trim(),
            address.street.as_str(),
            address.postcode.as_str(),
            address.city.as_str(),
            address.country.as_str(),
            d.kvk.trim(),
            vat.as_str(),
            iban.as_str(),
            term.as_str(),
            d.number_pattern.trim(),
        ];
        let tx = self.conn.transaction()?;
        for (k, v) in DETAILS.iter().zip(values) {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [k, v],
            )?;
        }
        tx.commit()?;
        self.advisor_details()
    }

    /// The registered time of an organisation that a period's invoice draws on.
    pub fn invoice_usage(
        &self,
        organisation_id: i64,
        period: InvoicePeriod,
    ) -> Result<Usage, StoreError> {
        let (start, end) = period.bounds();
        let year_start = NaiveDate::from_ymd_opt(period.year(), 1, 1).expect("1 January");
        let conv = |from: NaiveDate, to: NaiveDate| -> Result<(u32, u32), StoreError> {
            Ok(self.conn.query_row(
                "SELECT coalesce(sum(c.minutes), 0), count(*) FROM conversations c
                 JOIN dossiers d ON d.id = c.dossier_id
                 WHERE d.organisation_id = ?1 AND c.held_on >= ?2 AND c.held_on < ?3",
                params![organisation_id, from, to],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        };
        let activity =
            |a: Option<Activity>, from: NaiveDate, to: NaiveDate| -> Result<u32, StoreError> {
                Ok(self.conn.query_row(
                    "SELECT coalesce(sum(minutes), 0) FROM time_entries
                 WHERE organisation_id = ?1 AND (?2 IS NULL OR activity = ?2)
                   AND spent_on >= ?3 AND spent_on < ?4",
                    params![organisation_id, a, from, to],
                    |r| r.get(0),
                )?)
            };
        let (conversation_minutes, conversations) = conv(start, end)?;
        let mut activity_minutes = Vec::new();
        for &a in Activity::ALL {
            activity_minutes.push((a, activity(Some(a), start, end)?));
        }
        let before = conv(year_start, start)?.0 + activity(None, year_start, start)?;
        Ok(Usage {
            conversation_minutes,
            conversations,
            activity_minutes,
            minutes_before_in_year: before,
        })
    }

    /// Drafts an organisation's invoice for a period from its agreement and registered time.
    /// Refused when it has no agreement, or a draft for that period already exists.
    pub fn draft_invoice(
        &mut self,
        organisation_id: i64,
        period: InvoicePeriod,
        lang: Lang,
        clock: Clock,
    ) -> Result<Invoice, StoreError> {
        let org = self.organisation(organisation_id)?;
        let agreement = self
            .agreement(organisation_id)?
            .ok_or(StoreError::NotFound { what: "agreement" })?;
        let exists: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM invoices WHERE organisation_id = ?1 AND period = ?2
                AND status = 'concept'",
            params![organisation_id, period.code()],
            |r| r.get(0),
        )?;
        if exists {
            return Err(ValidationErrors::single("period", ValidationCode::Duplicate).into());
        }
        let usage = self.invoice_usage(organisation_id, period)?;
        let draft = invoice::draft(&agreement, period, &usage, lang);
        let mut debtor = agreement.debtor.clone();
        if debtor.name.is_empty() {
            debtor.name = org.name.clone();
        }
        let tx = self.conn.transaction()?;
        let id = insert_invoice(&tx, organisation_id, period, None, &debtor, clock)?;
        tx.execute(
            "UPDATE invoices SET warning_minutes = ?2 WHERE id = ?1",
            params![id, draft.over_included_minutes],
        )?;
        write_lines(&tx, id, &draft.lines)?;
        tx.commit()?;
        self.invoice(id)
    }

    /// Replaces a draft's lines (a final invoice is refused: credit it instead).
    pub fn update_draft_lines(
        &mut self,
        id: i64,
        lines: &[InvoiceLine],
    ) -> Result<Invoice, StoreError> {
        let current = self.invoice(id)?;
        if current.status == InvoiceStatus::Definitief {
            return Err(ValidationErrors::single("status", ValidationCode::InvoiceFinal).into());
        }
        let mut e = ValidationErrors::default();
        for l in lines {
            check_line(&mut e, l);
        }
        e.into_result()?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM invoice_lines WHERE invoice_id = ?1", [id])?;
        write_lines(&tx, id, lines)?;
        tx.commit()?;
        self.invoice(id)
    }

    /// Deletes a draft (a final invoice never goes).
    pub fn delete_draft(&mut self, id: i64) -> Result<(), StoreError> {
        if self.invoice(id)?.status == InvoiceStatus::Definitief {
            return Err(ValidationErrors::single("status", ValidationCode::InvoiceFinal).into());
        }
        self.conn
            .execute("DELETE FROM invoices WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Makes a draft final: the next number of the year of issue, the issue and due dates.
    /// Needs the advisor's details complete and at least one line.
    pub fn finalize_invoice(
        &mut self,
        id: i64,
        issued_on: NaiveDate,
        clock: Clock,
    ) -> Result<Invoice, StoreError> {
        let current = self.invoice(id)?;
        if current.status == InvoiceStatus::Definitief {
            return Err(ValidationErrors::single("status", ValidationCode::InvoiceFinal).into());
        }
        let details = self.advisor_details()?;
        let mut e = details.validate(true).err().unwrap_or_default();
        current.debtor.check(true, &mut e);
        if details.vat_number.is_empty() && current.lines.iter().any(|l| l.vat_rate_bp > 0) {
            // VAT charged needs the seller's VAT number on the invoice (EN 16931 BR-S-02).
            e.push("vat_number", ValidationCode::Required);
        }
        if current.lines.is_empty() {
            e.push("lines", ValidationCode::Required);
        }
        if issued_on > clock.today {
            e.push("issued_on", ValidationCode::InFuture);
        }
        e.into_result()?;
        let tx = self.conn.transaction()?;
        let number = next_number(&tx, &details.number_pattern, issued_on.year())?;
        tx.execute(
            "UPDATE invoices SET status = 'definitief', number = ?2, issued_on = ?3, due_on = ?4
             WHERE id = ?1",
            params![
                id,
                number,
                issued_on,
                invoice::due_on(issued_on, details.payment_term_days)
            ],
        )?;
        tx.commit()?;
        self.invoice(id)
    }

    /// Credits a final invoice: a new final invoice with every line negated, numbered in the
    /// same sequence. An invoice is credited once; a credit invoice is not credited.
    pub fn credit_invoice(
        &mut self,
        id: i64,
        issued_on: NaiveDate,
        clock: Clock,
    ) -> Result<Invoice, StoreError> {
        let original = self.invoice(id)?;
        let mut e = ValidationErrors::default();
        if original.status != InvoiceStatus::Definitief || original.credit_of.is_some() {
            e.push("status", ValidationCode::InvoiceFinal);
        }
        let credited: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM invoices WHERE credit_of = ?1",
            [id],
            |r| r.get(0),
        )?;
        if credited {
            e.push("credit_of", ValidationCode::Duplicate);
        }
        if issued_on > clock.today {
            e.push("issued_on", ValidationCode::InFuture);
        }
        let details = self.advisor_details()?;
        if let Err(v) = details.validate(true) {
            e.fields.extend(v.fields);
        }
        e.into_result()?;
        let lines: Vec<InvoiceLine> = original
            .lines
            .iter()
            .map(|l| InvoiceLine {
                quantity_milli: -l.quantity_milli,
                ..l.clone()
            })
            .collect();
        let tx = self.conn.transaction()?;
        let credit = insert_invoice(
            &tx,
            original.organisation_id,
            original.period,
            Some(id),
            &original.debtor,
            clock,
        )?;
        write_lines(&tx, credit, &lines)?;
        let number = next_number(&tx, &details.number_pattern, issued_on.year())?;
        tx.execute(
            "UPDATE invoices SET status = 'definitief', number = ?2, issued_on = ?3, due_on = ?3
             WHERE id = ?1",
            params![credit, number, issued_on],
        )?;
        tx.commit()?;
        self.invoice(credit)
    }

    /// Records when a final invoice was sent and paid (`None` clears).
    pub fn set_invoice_register(
        &mut self,
        id: i64,
        sent_on: Option<NaiveDate>,
        paid_on: Option<NaiveDate>,
        clock: Clock,
    ) -> Result<Invoice, StoreError> {
        let current = self.invoice(id)?;
        let mut e = ValidationErrors::default();
        if current.status != InvoiceStatus::Definitief {
            e.push("status", ValidationCode::NotClosed);
        }
        for (field, d) in [("sent_on", sent_on), ("paid_on", paid_on)] {
            if d.is_some_and(|d| d > clock.today) {
                e.push(field, ValidationCode::InFuture);
            }
        }
        e.into_result()?;
        self.conn.execute(
            "UPDATE invoices SET sent_on = ?2, paid_on = ?3 WHERE id = ?1",
            params![id, sent_on, paid_on],
        )?;
        self.invoice(id)
    }

    /// One invoice with its lines and totals.
    pub fn invoice(&self, id: i64) -> Result<Invoice, StoreError> {
        let mut inv = self
            .conn
            .query_row(
                "SELECT id, number, organisation_id, period, status, credit_of, issued_on, due_on,
                    sent_on, paid_on, warning_minutes, debtor_name, debtor_street, debtor_postcode,
                    debtor_city, debtor_country, debtor_kvk, debtor_reference
                 FROM invoices WHERE id = ?1",
                [id],
                |r| {
                    let status: String = r.get(4)?;
                    let period: String = r.get(3)?;
                    Ok(Invoice {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        organisation_id: r.get(2)?,
                        period: InvoicePeriod::parse(&period).map_err(|_| {
                            rusqlite::Error::FromSqlConversionFailure(
                                3,
                                rusqlite::types::Type::Text,
                                "period".into(),
                            )
                        })?,
                        status: if status == "definitief" {
                            InvoiceStatus::Definitief
                        } else {
                            InvoiceStatus::Concept
                        },
                        credit_of: r.get(5)?,
                        issued_on: r.get(6)?,
                        due_on: r.get(7)?,
                        sent_on: r.get(8)?,
                        paid_on: r.get(9)?,
                        over_included_minutes: r.get(10)?,
                        debtor: debtor_from(r, 11)?,
                        lines: Vec::new(),
                        line_amounts_cents: Vec::new(),
                        totals: invoice::totals(&[]),
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "invoice" })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT description, quantity_milli, unit, unit_price_cents, vat_rate_bp
             FROM invoice_lines WHERE invoice_id = ?1 ORDER BY position",
        )?;
        inv.lines = stmt
            .query_map([id], |r| {
                Ok(InvoiceLine {
                    description: r.get(0)?,
                    quantity_milli: r.get(1)?,
                    unit: InvoiceUnit::from_code(&r.get::<_, String>(2)?),
                    unit_price_cents: r.get(3)?,
                    vat_rate_bp: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        inv.totals = invoice::totals(&inv.lines);
        inv.line_amounts_cents = inv.lines.iter().map(InvoiceLine::amount_cents).collect();
        Ok(inv)
    }

    /// Every invoice of one organisation (or all), final ones by number, then drafts.
    pub fn invoices(&self, organisation_id: Option<i64>) -> Result<Vec<Invoice>, StoreError> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM invoices WHERE ?1 IS NULL OR organisation_id = ?1
                 ORDER BY status = 'concept', issued_on, number, id",
            )?
            .query_map([organisation_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter().map(|id| self.invoice(id)).collect()
    }
}

/// A debtor from the seven columns starting at `at` (name, street, postcode, city, country,
/// KvK, reference).
fn debtor_from(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Debtor> {
    Ok(Debtor {
        name: r.get(at)?,
        address: PostalAddress {
            street: r.get(at + 1)?,
            postcode: r.get(at + 2)?,
            city: r.get(at + 3)?,
            country: r.get(at + 4)?,
        },
        kvk: r.get(at + 5)?,
        reference: r.get(at + 6)?,
    })
}

/// A new draft (or the start of a credit invoice) with the debtor as it is now.
fn insert_invoice(
    tx: &rusqlite::Transaction<'_>,
    organisation_id: i64,
    period: InvoicePeriod,
    credit_of: Option<i64>,
    d: &Debtor,
    clock: Clock,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO invoices (organisation_id, period, status, credit_of, debtor_name,
            debtor_street, debtor_postcode, debtor_city, debtor_country, debtor_kvk,
            debtor_reference, created_at)
         VALUES (?1, ?2, 'concept', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            organisation_id,
            period.code(),
            credit_of,
            d.name,
            d.address.street,
            d.address.postcode,
            d.address.city,
            d.address.country,
            d.kvk,
            d.reference,
            clock.now.to_rfc3339()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn write_lines(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    lines: &[InvoiceLine],
) -> Result<(), StoreError> {
    for (i, l) in lines.iter().enumerate() {
        tx.execute(
            "INSERT INTO invoice_lines (invoice_id, position, description, quantity_milli, unit,
                unit_price_cents, vat_rate_bp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                i as i64,
                l.description.trim(),
                l.quantity_milli,
                l.unit.code(),
                l.unit_price_cents,
                l.vat_rate_bp
            ],
        )?;
    }
    Ok(())
}

/// The next number of a year: one more than the final invoices issued in it (final invoices
/// are never deleted, so a number is never given twice; the UNIQUE column guards the rest).
fn next_number(
    tx: &rusqlite::Transaction<'_>,
    pattern: &str,
    year: i32,
) -> Result<String, StoreError> {
    let issued: u32 = tx.query_row(
        "SELECT count(*) FROM invoices WHERE status = 'definitief' AND substr(issued_on, 1, 4) = ?1",
        [format!("{year:04}")],
        |r| r.get(0),
    )?;
    Ok(invoice::format_number(pattern, year, issued + 1))
}
