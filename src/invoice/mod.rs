//! Invoicing the client organisations: an organisation's agreement, the draft of a month's or
//! quarter's invoice from the registered time, amounts and VAT. Pure rules here; the store
//! keeps agreements and invoices (a final invoice never changes), the shells only delegate.
//!
//! Money is in euro cents (`i64`), quantities in thousandths (`quantity_milli`: 1.5 hours is
//! 1500), VAT rates in basis points (2100 = 21%). A line's amount is its quantity times its
//! unit price, rounded half away from zero to the cent; VAT is computed per rate over the sum
//! of the lines with that rate, rounded the same way (as the Dutch e-invoice rules, NLCIUS,
//! compute it). Lines never name a dossier or a date: time is summed per activity.

use crate::Lang;
use crate::model::{Activity, ValidationCode, ValidationErrors, has_control_characters};
use chrono::{Datelike, NaiveDate};

use serde::{Deserialize, Serialize};

mod csv;
mod document;
pub mod export;
mod period;
mod ubl;

pub use csv::register_csv;
pub use document::{DocumentLine, InvoiceDocument, render_pdf};
pub use period::{BadPeriod, InvoicePeriod};
pub use ubl::ubl_xml;

/// A postal address as an invoice needs it (the Dutch e-invoice rules, NLCIUS, require
/// street, postcode and city for a Dutch party).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostalAddress {
    /// Street and number.
    pub street: String,
    /// Postcode (`1234 AB` in the Netherlands).
    pub postcode: String,
    /// City.
    pub city: String,
    /// Country, ISO 3166-1 alpha-2 (`NL`).
    pub country: String,
}

impl Default for PostalAddress {
    fn default() -> Self {
        PostalAddress {
            street: String::new(),
            postcode: String::new(),
            city: String::new(),
            country: "NL".to_owned(),
        }
    }
}

impl PostalAddress {
    /// Checks the address as far as it is filled in; `complete` requires street, postcode
    /// and city. Fields are reported as `{prefix}street` and so on.
    pub fn check(&self, prefix: &str, complete: bool, e: &mut ValidationErrors) {
        for (field, text) in [
            ("street", &self.street),
            ("postcode", &self.postcode),
            ("city", &self.city),
        ] {
            let name = format!("{prefix}{field}");
            if complete && text.trim().is_empty() {
                e.push(&name, ValidationCode::Required);
            } else if text.chars().count() > 200 {
                e.push(&name, ValidationCode::TooLong);
            } else if has_control_characters(text) {
                e.push(&name, ValidationCode::ControlCharacters);
            }
        }
        let country = self.country.trim();
        if !(country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase())) {
            e.push(&format!("{prefix}country"), ValidationCode::InvalidFormat);
        } else if country == "NL"
            && !self.postcode.trim().is_empty()
            && !dutch_postcode(&self.postcode)
        {
            e.push(&format!("{prefix}postcode"), ValidationCode::InvalidFormat);
        }
    }

    /// The address with blanks trimmed and a Dutch postcode written `1234 AB`.
    pub fn tidy(&self) -> PostalAddress {
        let country = self.country.trim().to_uppercase();
        let postcode = if country == "NL" && dutch_postcode(&self.postcode) {
            let p: String = self
                .postcode
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            format!("{} {}", &p[..4], p[4..].to_uppercase())
        } else {
            self.postcode.trim().to_owned()
        };
        PostalAddress {
            street: self.street.trim().to_owned(),
            postcode,
            city: self.city.trim().to_owned(),
            country,
        }
    }
}

/// `1234 AB` or `1234ab`: four digits (no leading zero), two letters.
fn dutch_postcode(text: &str) -> bool {
    let p: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    p.len() == 6
        && p[0] != '0'
        && p[..4].iter().all(char::is_ascii_digit)
        && p[4..].iter().all(char::is_ascii_alphabetic)
}

/// Whether a KvK (Chamber of Commerce) number has its form: eight digits.
pub fn kvk_valid(kvk: &str) -> bool {
    kvk.len() == 8 && kvk.chars().all(|c| c.is_ascii_digit())
}

/// Who pays an organisation's invoices, as printed on them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Debtor {
    /// Name (empty: the organisation's name).
    pub name: String,
    /// Postal address.
    pub address: PostalAddress,
    /// The debtor's KvK number, if known (the e-invoice carries it).
    pub kvk: String,
    /// The debtor's own reference (purchase order, cost centre), if any.
    pub reference: String,
}

impl Debtor {
    /// Checks the debtor as far as filled in; `complete` requires name and address.
    pub fn check(&self, complete: bool, e: &mut ValidationErrors) {
        for (field, text) in [
            ("debtor_name", &self.name),
            ("debtor_reference", &self.reference),
        ] {
            if complete && field == "debtor_name" && text.trim().is_empty() {
                e.push(field, ValidationCode::Required);
            } else if text.chars().count() > 200 {
                e.push(field, ValidationCode::TooLong);
            } else if has_control_characters(text) {
                e.push(field, ValidationCode::ControlCharacters);
            }
        }
        if !self.kvk.trim().is_empty() && !kvk_valid(self.kvk.trim()) {
            e.push("debtor_kvk", ValidationCode::InvalidFormat);
        }
        self.address.check("debtor_", complete, e);
    }

    /// Trimmed, with a tidy address.
    pub fn tidy(&self) -> Debtor {
        Debtor {
            name: self.name.trim().to_owned(),
            address: self.address.tidy(),
            kvk: self.kvk.trim().to_owned(),
            reference: self.reference.trim().to_owned(),
        }
    }
}

/// What the advisor charges an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agreement {
    /// Subscription per calendar year (0: none), invoiced pro rata per month.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub yearly_fee_cents: i64,
    /// Rate per hour (0: none): for the hours beyond those included.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub hourly_rate_cents: i64,
    /// Fee per conversation held (0: none).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub conversation_fee_cents: i64,
    /// Hours per calendar year included in the subscription.
    pub hours_included: u32,
    /// VAT rate in basis points (2100 = 21%).
    pub vat_rate_bp: u32,
    /// Who pays.
    pub debtor: Debtor,
}

/// What a line's quantity counts (its UN/ECE unit on the e-invoice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceUnit {
    /// Hours (`HUR`).
    Hour,
    /// Months (`MON`).
    Month,
    /// Conversations (`C62`, one).
    Conversation,
    /// Anything else (`C62`, one).
    #[default]
    Piece,
}

impl InvoiceUnit {
    /// Every unit, in the order of a picker.
    pub const ALL: &'static [InvoiceUnit] = &[
        InvoiceUnit::Hour,
        InvoiceUnit::Month,
        InvoiceUnit::Conversation,
        InvoiceUnit::Piece,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            InvoiceUnit::Hour => "hour",
            InvoiceUnit::Month => "month",
            InvoiceUnit::Conversation => "conversation",
            InvoiceUnit::Piece => "piece",
        }
    }

    /// From the stored code (unknown codes read as a piece).
    pub fn from_code(code: &str) -> InvoiceUnit {
        InvoiceUnit::ALL
            .iter()
            .copied()
            .find(|u| u.code() == code)
            .unwrap_or_default()
    }

    /// The UN/ECE Recommendation 20 code.
    pub fn unece(self) -> &'static str {
        match self {
            InvoiceUnit::Hour => "HUR",
            InvoiceUnit::Month => "MON",
            InvoiceUnit::Conversation | InvoiceUnit::Piece => "C62",
        }
    }

    /// As printed after a quantity.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (InvoiceUnit::Hour, Lang::Nl) => "uur",
            (InvoiceUnit::Hour, Lang::En) => "hours",
            (InvoiceUnit::Month, Lang::Nl) => "maand",
            (InvoiceUnit::Month, Lang::En) => "months",
            (InvoiceUnit::Conversation, Lang::Nl) => "gesprek",
            (InvoiceUnit::Conversation, Lang::En) => "conversations",
            (InvoiceUnit::Piece, Lang::Nl) => "stuk",
            (InvoiceUnit::Piece, Lang::En) => "pieces",
        }
    }
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceLine {
    /// What is charged.
    pub description: String,
    /// Quantity in thousandths (hours, months, conversations).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub quantity_milli: i64,
    /// What the quantity counts.
    pub unit: InvoiceUnit,
    /// Price per unit in cents.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unit_price_cents: i64,
    /// VAT rate in basis points.
    pub vat_rate_bp: u32,
}

impl InvoiceLine {
    /// Quantity times unit price, to the cent (half away from zero).
    pub fn amount_cents(&self) -> i64 {
        div_round(
            i128::from(self.quantity_milli) * i128::from(self.unit_price_cents),
            1000,
        )
    }
}

/// `n / d` rounded half away from zero (`d` > 0).
fn div_round(n: i128, d: i128) -> i64 {
    let q = (n.abs() + d / 2) / d;
    (if n < 0 { -q } else { q }) as i64
}

/// The VAT of one rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VatTotal {
    /// The rate in basis points.
    pub rate_bp: u32,
    /// The sum of the lines with this rate.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub base_cents: i64,
    /// The VAT over it.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub vat_cents: i64,
}

/// An invoice's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Totals {
    /// Sum of the lines.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub net_cents: i64,
    /// VAT per rate, highest rate first.
    pub vat: Vec<VatTotal>,
    /// Sum of the VAT.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub vat_cents: i64,
    /// Net plus VAT.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub gross_cents: i64,
}

/// The totals of a list of lines.
pub fn totals(lines: &[InvoiceLine]) -> Totals {
    let mut rates: Vec<u32> = lines.iter().map(|l| l.vat_rate_bp).collect();
    rates.sort_unstable_by(|a, b| b.cmp(a));
    rates.dedup();
    let vat: Vec<VatTotal> = rates
        .into_iter()
        .map(|rate_bp| {
            let base_cents: i64 = lines
                .iter()
                .filter(|l| l.vat_rate_bp == rate_bp)
                .map(InvoiceLine::amount_cents)
                .sum();
            VatTotal {
                rate_bp,
                base_cents,
                vat_cents: div_round(i128::from(base_cents) * i128::from(rate_bp), 10_000),
            }
        })
        .collect();
    let net_cents = vat.iter().map(|v| v.base_cents).sum();
    let vat_cents = vat.iter().map(|v| v.vat_cents).sum();
    Totals {
        net_cents,
        vat,
        vat_cents,
        gross_cents: net_cents + vat_cents,
    }
}

/// The registered time of one organisation that an invoice draws on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Usage {
    /// Conversation minutes in the period (dossier time).
    pub conversation_minutes: u32,
    /// Conversations held in the period.
    pub conversations: u32,
    /// Minutes per activity outside dossiers in the period.
    pub activity_minutes: Vec<(Activity, u32)>,
    /// All minutes of the year before the period (conversations and activities).
    pub minutes_before_in_year: u32,
}

/// A drafted invoice's lines, and a warning when the included hours are exceeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The lines.
    pub lines: Vec<InvoiceLine>,
    /// Minutes of the year (this period included) beyond the included hours, if any.
    pub over_included_minutes: Option<u32>,
}

/// The lines of a period's invoice under an agreement: the subscription pro rata, then one
/// line per kind of time (conversations with employees, then each activity) with the hours
/// beyond the included ones at the hourly rate (hours within them shown at 0), then the
/// conversation fee. Time is never split per dossier or date.
pub fn draft(agreement: &Agreement, period: InvoicePeriod, usage: &Usage, lang: Lang) -> Draft {
    let vat = agreement.vat_rate_bp;
    let mut lines = Vec::new();
    let label = period.label(lang);
    if agreement.yearly_fee_cents > 0 {
        let months = period.months();
        lines.push(InvoiceLine {
            description: match lang {
                Lang::Nl => format!("Abonnement externe vertrouwenspersoon, {label}"),
                Lang::En => format!("External confidential advisor subscription, {label}"),
            },
            quantity_milli: i64::from(months) * 1000,
            unit: InvoiceUnit::Month,
            unit_price_cents: div_round(i128::from(agreement.yearly_fee_cents), 12),
            vat_rate_bp: vat,
        });
    }
    let included = agreement.hours_included * 60;
    let mut left = included.saturating_sub(usage.minutes_before_in_year);
    let mut kinds: Vec<(String, u32)> = vec![(
        match lang {
            Lang::Nl => "Gesprekken met medewerkers".to_owned(),
            Lang::En => "Conversations with employees".to_owned(),
        },
        usage.conversation_minutes,
    )];
    for &(a, m) in &usage.activity_minutes {
        kinds.push((a.label(lang).to_owned(), m));
    }
    for (what, minutes) in kinds.into_iter().filter(|(_, m)| *m > 0) {
        let within = minutes.min(left);
        left -= within;
        let beyond = minutes - within;
        if within > 0 && (agreement.yearly_fee_cents > 0 || agreement.hourly_rate_cents > 0) {
            lines.push(InvoiceLine {
                description: match lang {
                    Lang::Nl => format!("{what} (binnen het abonnement), {label}"),
                    Lang::En => format!("{what} (within the subscription), {label}"),
                },
                quantity_milli: minutes_to_milli_hours(within),
                unit: InvoiceUnit::Hour,
                unit_price_cents: 0,
                vat_rate_bp: vat,
            });
        }
        if beyond > 0 && agreement.hourly_rate_cents > 0 {
            lines.push(InvoiceLine {
                description: format!("{what}, {label}"),
                quantity_milli: minutes_to_milli_hours(beyond),
                unit: InvoiceUnit::Hour,
                unit_price_cents: agreement.hourly_rate_cents,
                vat_rate_bp: vat,
            });
        }
    }
    if agreement.conversation_fee_cents > 0 && usage.conversations > 0 {
        lines.push(InvoiceLine {
            description: match lang {
                Lang::Nl => format!("Gesprekken (per gesprek), {label}"),
                Lang::En => format!("Conversations (per conversation), {label}"),
            },
            quantity_milli: i64::from(usage.conversations) * 1000,
            unit: InvoiceUnit::Conversation,
            unit_price_cents: agreement.conversation_fee_cents,
            vat_rate_bp: vat,
        });
    }
    let used = usage.minutes_before_in_year
        + usage.conversation_minutes
        + usage.activity_minutes.iter().map(|(_, m)| m).sum::<u32>();
    let over = used
        .checked_sub(included)
        .filter(|&m| m > 0 && agreement.hours_included > 0);
    Draft {
        lines,
        over_included_minutes: over,
    }
}

/// Cents (or basis points) as a plain decimal with two places, `-1234.50`: the e-invoice's
/// and the bookkeeper's form.
pub fn decimal(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// Thousandths as a plain decimal with three places, `1.500`.
pub fn quantity_decimal(milli: i64) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let m = milli.unsigned_abs();
    format!("{sign}{}.{:03}", m / 1000, m % 1000)
}

/// Groups the digits of a whole number in threes with `sep`.
fn grouped(whole: u64, sep: char) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An amount as printed: `€ 1.234,50` and `€ -12,00` in Dutch, `€1,234.50` and `-€12.00`
/// in English.
pub fn money(cents: i64, lang: Lang) -> String {
    let c = cents.unsigned_abs();
    match lang {
        Lang::Nl => {
            let sign = if cents < 0 { "-" } else { "" };
            format!("€ {sign}{},{:02}", grouped(c / 100, '.'), c % 100)
        }
        Lang::En => {
            let sign = if cents < 0 { "-" } else { "" };
            format!("{sign}€{}.{:02}", grouped(c / 100, ','), c % 100)
        }
    }
}

/// A quantity as printed: whole numbers without decimals, others with up to three
/// (`1,5` in Dutch, `1.5` in English).
pub fn quantity(milli: i64, lang: Lang) -> String {
    let text = quantity_decimal(milli);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text.to_owned(),
    }
}

/// A VAT rate as printed (`21%`, `9%`, `0%`; `5,5%` in Dutch).
pub fn percent(rate_bp: u32, lang: Lang) -> String {
    format!("{}%", quantity(i64::from(rate_bp) * 10, lang))
}

/// Minutes as thousandths of an hour, rounded to the nearest.
fn minutes_to_milli_hours(minutes: u32) -> i64 {
    div_round(i128::from(minutes) * 1000, 60)
}

/// An invoice number from the advisor's pattern: `{jaar}` (or `{year}`) is the year of
/// issue, `{volgnummer}` (or `{seq}`) the sequence number, padded to `{volgnummer:4}` digits
/// when a width is given.
pub fn format_number(pattern: &str, year: i32, seq: u32) -> String {
    let mut out = pattern
        .replace("{jaar}", &year.to_string())
        .replace("{year}", &year.to_string());
    for name in ["volgnummer", "seq"] {
        let open = format!("{{{name}");
        while let Some(start) = out.find(&open) {
            let Some(len) = out[start..].find('}') else {
                break;
            };
            let spec = &out[start + open.len()..start + len];
            let width: usize = spec
                .strip_prefix(':')
                .and_then(|w| w.parse().ok())
                .unwrap_or(0);
            let n = format!("{seq:0width$}");
            out.replace_range(start..=start + len, &n);
        }
    }
    out
}

/// The default number pattern: `F2026-0001` (the `F` keeps an invoice number from looking
/// like a dossier number, `2026-0001`).
pub const DEFAULT_NUMBER_PATTERN: &str = "F{jaar}-{volgnummer:4}";

/// Whether a pattern makes distinct numbers for distinct sequence numbers and years (the
/// sequence starts again each year, so the year must be in the number).
pub fn pattern_valid(pattern: &str) -> bool {
    format_number(pattern, 2026, 1) != format_number(pattern, 2026, 2)
        && format_number(pattern, 2026, 1) != format_number(pattern, 2027, 1)
        && pattern.chars().count() <= 40
        && !crate::model::has_control_characters(pattern)
}

/// The day a payment is due.
pub fn due_on(issued_on: NaiveDate, term_days: u32) -> NaiveDate {
    issued_on + chrono::Days::new(u64::from(term_days))
}

/// Whether a date lies in the period (for the year-to-date sums).
pub fn in_year_before(period: InvoicePeriod, day: NaiveDate) -> bool {
    day.year() == period.year() && day < period.bounds().0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreement() -> Agreement {
        Agreement {
            yearly_fee_cents: 120_000,
            hourly_rate_cents: 12_500,
            conversation_fee_cents: 0,
            hours_included: 10,
            vat_rate_bp: 2100,
            ..Agreement::default()
        }
    }

    #[test]
    fn periods_read_and_name_themselves() {
        let m = InvoicePeriod::parse("2026-03").expect("a month");
        assert_eq!(m.code(), "2026-03");
        assert_eq!(m.label(Lang::Nl), "maart 2026");
        let q = InvoicePeriod::parse("2026-Q4").expect("a quarter");
        assert_eq!(q.bounds().0, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        assert_eq!(q.bounds().1, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        for bad in ["2026-13", "2026-Q5", "2026-3", "26-03", "2026", "2026-Q11"] {
            assert_eq!(InvoicePeriod::parse(bad), Err(BadPeriod), "{bad}");
        }
    }

    #[test]
    fn hours_within_the_subscription_are_shown_at_zero_and_the_rest_charged() {
        let usage = Usage {
            conversation_minutes: 240,
            conversations: 3,
            activity_minutes: vec![(Activity::Voorlichting, 180), (Activity::Overleg, 0)],
            minutes_before_in_year: 8 * 60,
        };
        let d = draft(
            &agreement(),
            InvoicePeriod::parse("2026-03").unwrap(),
            &usage,
            Lang::Nl,
        );
        let shown: Vec<(&str, i64, i64)> = d
            .lines
            .iter()
            .map(|l| (l.description.as_str(), l.quantity_milli, l.unit_price_cents))
            .collect();
        assert_eq!(
            shown,
            vec![
                (
                    "Abonnement externe vertrouwenspersoon, maart 2026",
                    1000,
                    10_000
                ),
                (
                    "Gesprekken met medewerkers (binnen het abonnement), maart 2026",
                    2000,
                    0
                ),
                ("Gesprekken met medewerkers, maart 2026", 2000, 12_500),
                ("Voorlichting, maart 2026", 3000, 12_500),
            ],
            "2 of the 10 included hours were left; no dossier or date on any line"
        );
        assert_eq!(d.over_included_minutes, Some(5 * 60), "15 hours used of 10");
        let t = totals(&d.lines);
        assert_eq!(
            (t.net_cents, t.vat_cents, t.gross_cents),
            (72_500, 15_225, 87_725)
        );
    }

    #[test]
    fn vat_is_rounded_per_rate_over_the_sum_of_its_lines() {
        let line = |q: i64, p: i64, r: u32| InvoiceLine {
            description: String::new(),
            quantity_milli: q,
            unit: InvoiceUnit::Piece,
            unit_price_cents: p,
            vat_rate_bp: r,
        };
        // Ten lines of 0.02: VAT per line would round to 0 each; over their sum (0.20) it is 0.04.
        let t = totals(&vec![line(1000, 2, 2100); 10]);
        assert_eq!((t.net_cents, t.vat_cents), (20, 4));
        assert_eq!(
            line(333, 100, 2100).amount_cents(),
            33,
            "a line is rounded to the cent"
        );
        let t = totals(&[
            line(1000, 1005, 900),
            line(1000, -1005, 900),
            line(1000, 50, 2100),
        ]);
        assert_eq!(t.vat.len(), 2, "one VAT total per rate, highest first");
        assert_eq!(t.vat[0].rate_bp, 2100);
        assert_eq!(t.net_cents, 50, "a credit line cancels its line");
        assert_eq!(
            line(1500, -333, 0).amount_cents(),
            -500,
            "half away from zero"
        );
    }

    #[test]
    fn a_per_conversation_agreement_counts_conversations_not_hours() {
        let a = Agreement {
            conversation_fee_cents: 9_500,
            vat_rate_bp: 2100,
            ..Agreement::default()
        };
        let usage = Usage {
            conversation_minutes: 200,
            conversations: 4,
            ..Usage::default()
        };
        let d = draft(
            &a,
            InvoicePeriod::parse("2026-Q1").unwrap(),
            &usage,
            Lang::En,
        );
        assert_eq!(d.lines.len(), 1, "{:?}", d.lines);
        let within = draft(
            &agreement(),
            InvoicePeriod::parse("2026-01").unwrap(),
            &Usage {
                conversation_minutes: 60,
                ..Usage::default()
            },
            Lang::Nl,
        );
        assert_eq!(
            within.over_included_minutes, None,
            "1 of 10 included hours: no warning"
        );
        assert_eq!(
            d.lines[0].description,
            "Conversations (per conversation), Q1 2026"
        );
        assert_eq!(d.lines[0].amount_cents(), 38_000);
        assert_eq!(d.over_included_minutes, None);
    }

    #[test]
    fn amounts_print_as_a_dutch_or_english_reader_expects() {
        assert_eq!(money(123_456, Lang::Nl), "€ 1.234,56");
        assert_eq!(money(-1_200, Lang::Nl), "€ -12,00");
        assert_eq!(money(123_456_789, Lang::En), "€1,234,567.89");
        assert_eq!(money(-5, Lang::En), "-€0.05");
        assert_eq!(decimal(-123_450), "-1234.50", "the e-invoice's form");
        assert_eq!(quantity(1_500, Lang::Nl), "1,5");
        assert_eq!(
            quantity(2_000, Lang::En),
            "2",
            "whole numbers without decimals"
        );
        assert_eq!(quantity(-333, Lang::En), "-0.333");
        assert_eq!(percent(2100, Lang::Nl), "21%");
        assert_eq!(percent(550, Lang::Nl), "5,5%");
    }

    #[test]
    fn numbers_follow_the_pattern_and_a_pattern_must_count() {
        assert_eq!(format_number(DEFAULT_NUMBER_PATTERN, 2026, 7), "F2026-0007");
        assert_eq!(format_number("VP{year}/{seq}", 2026, 12), "VP2026/12");
        assert!(pattern_valid("F-{jaar}-{volgnummer:3}"));
        assert!(
            !pattern_valid("factuur-{jaar}"),
            "without a sequence number, numbers repeat"
        );
        assert!(
            !pattern_valid("F{volgnummer}"),
            "without the year, next year's first number repeats this year's"
        );
    }
}
