//! `kluis invoice ...`: the advisor's details, agreements, drafts, final and credit invoices,
//! their files and the register. Amounts are in euro ("1200", "1200,50"), VAT rates in
//! percent ("21"), quantities with up to three decimals ("1,5").

use super::*;
use kluis::invoice::InvoiceUnit;

/// `kluis invoice ...`.
#[derive(Debug, Subcommand)]
pub enum InvoiceCommand {
    /// Show the advisor's own details for invoices, or change the fields given.
    Details(InvoiceDetailsArgs),
    /// Show an organisation's agreement (fees, VAT, debtor), or change the fields given.
    Agreement(InvoiceAgreementArgs),
    /// Draft the invoices of a period from the registered time: for one organisation, or for
    /// every organisation with an agreement.
    Draft(InvoiceDraftArgs),
    /// List invoices, final ones by number, then drafts.
    List(InvoiceListArgs),
    /// Show one invoice with its lines and totals.
    Show(InvoiceRefArgs),
    /// Add a line to a draft.
    AddLine(InvoiceAddLineArgs),
    /// Change a draft's line (only the flags given).
    SetLine(InvoiceSetLineArgs),
    /// Remove a draft's line.
    RemoveLine(InvoiceLineRefArgs),
    /// Delete a draft (a final invoice is never deleted: credit it).
    DeleteDraft(InvoiceRefArgs),
    /// Make a draft final: it gets the next number and never changes again.
    Finalize(InvoiceIssueArgs),
    /// Credit a final invoice: a new final invoice with every line negated.
    Credit(InvoiceIssueArgs),
    /// Write a final invoice as PDF and/or as UBL e-invoice (NLCIUS), logged with SHA-256.
    Export(InvoiceExportArgs),
    /// Record when a final invoice was sent and paid (omitted flags keep their value).
    Register(InvoiceRegisterArgs),
    /// Write the register of final invoices as CSV for the bookkeeper.
    Csv(InvoiceCsvArgs),
}

/// `kluis invoice details`.
#[derive(Debug, Args)]
pub struct InvoiceDetailsArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Name or trade name.
    #[arg(long)]
    pub name: Option<String>,
    /// Street and number.
    #[arg(long)]
    pub street: Option<String>,
    /// Postcode (1234 AB).
    #[arg(long)]
    pub postcode: Option<String>,
    /// City.
    #[arg(long)]
    pub city: Option<String>,
    /// Country, two letters (NL).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Chamber of Commerce (KvK) number, eight digits.
    #[arg(long)]
    pub kvk: Option<String>,
    /// VAT number (NL000000000B00).
    #[arg(long)]
    pub vat_number: Option<String>,
    /// IBAN to be paid to.
    #[arg(long)]
    pub iban: Option<String>,
    /// Days until payment is due.
    #[arg(long, value_name = "N")]
    pub payment_term_days: Option<u32>,
    /// Invoice number pattern: {jaar} is the year, {volgnummer:4} the sequence number
    /// padded to 4 digits (F{jaar}-{volgnummer:4} gives F2026-0001).
    #[arg(long, value_name = "PATTERN")]
    pub number_pattern: Option<String>,
}

/// `kluis invoice agreement`.
#[derive(Debug, Args)]
pub struct InvoiceAgreementArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The organisation's name (case-insensitive).
    pub org: String,
    /// Subscription per calendar year in euro, invoiced per month (0: none).
    #[arg(long, value_name = "EUR", value_parser = euro_cents, allow_negative_numbers = true)]
    pub yearly_fee: Option<i64>,
    /// Rate per hour in euro, for hours beyond those included (0: none).
    #[arg(long, value_name = "EUR", value_parser = euro_cents, allow_negative_numbers = true)]
    pub hourly_rate: Option<i64>,
    /// Fee per conversation held, in euro (0: none).
    #[arg(long, value_name = "EUR", value_parser = euro_cents, allow_negative_numbers = true)]
    pub conversation_fee: Option<i64>,
    /// Hours per calendar year included in the subscription.
    #[arg(long, value_name = "N")]
    pub hours_included: Option<u32>,
    /// VAT rate in percent (21, 9 or 0).
    #[arg(long, value_name = "PERCENT", value_parser = vat_percent, allow_negative_numbers = true)]
    pub vat: Option<u32>,
    /// Who pays [default: the organisation's name].
    #[arg(long, value_name = "NAME")]
    pub debtor_name: Option<String>,
    /// The debtor's street and number.
    #[arg(long, value_name = "STREET")]
    pub debtor_street: Option<String>,
    /// The debtor's postcode.
    #[arg(long, value_name = "POSTCODE")]
    pub debtor_postcode: Option<String>,
    /// The debtor's city.
    #[arg(long, value_name = "CITY")]
    pub debtor_city: Option<String>,
    /// The debtor's country, two letters.
    #[arg(long, value_name = "CC")]
    pub debtor_country: Option<String>,
    /// The debtor's KvK number.
    #[arg(long, value_name = "KVK")]
    pub debtor_kvk: Option<String>,
    /// The debtor's own reference (purchase order, cost centre).
    #[arg(long, value_name = "TEXT")]
    pub debtor_reference: Option<String>,
}

/// `kluis invoice draft`.
#[derive(Debug, Args)]
pub struct InvoiceDraftArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Only this organisation [default: every organisation with an agreement that has no
    /// invoice for the period yet].
    pub org: Option<String>,
    /// The period: a month (2026-10) or a quarter (2026-Q4).
    #[arg(long, value_name = "PERIOD", value_parser = invoice_period)]
    pub period: kluis::invoice::InvoicePeriod,
    /// The language of the lines [default: --lang].
    #[arg(long, value_enum, value_name = "LANG")]
    pub invoice_lang: Option<LangArg>,
}

/// `kluis invoice list`.
#[derive(Debug, Args)]
pub struct InvoiceListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Only this organisation.
    pub org: Option<String>,
}

/// One invoice.
#[derive(Debug, Args)]
pub struct InvoiceRefArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The invoice: its id (see `kluis invoice list`) or its number (F2026-0001).
    pub invoice: String,
}

/// One line of a draft.
#[derive(Debug, Args)]
pub struct InvoiceLineRefArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The draft: its id (see `kluis invoice list`).
    pub invoice: String,
    /// The line's position, 1 for the first (see `kluis invoice show`).
    #[arg(value_parser = clap::value_parser!(u32).range(1..))]
    pub position: u32,
}

/// A line's description, from the command line or a file.
#[derive(Debug, Args)]
pub struct DescriptionArgs {
    /// What is charged.
    #[arg(long, value_name = "TEXT", conflicts_with = "description_file")]
    pub description: Option<String>,
    /// What is charged, from a file (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub description_file: Option<PathBuf>,
}

/// `kluis invoice add-line`.
#[derive(Debug, Args)]
pub struct InvoiceAddLineArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The draft: its id (see `kluis invoice list`).
    pub invoice: String,
    /// What is charged.
    #[arg(
        long,
        value_name = "TEXT",
        conflicts_with = "description_file",
        required_unless_present = "description_file"
    )]
    pub description: Option<String>,
    /// What is charged, from a file (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub description_file: Option<PathBuf>,
    /// Quantity, up to three decimals; negative for a deduction.
    #[arg(long, value_name = "N", value_parser = quantity_milli, allow_hyphen_values = true)]
    pub quantity: i64,
    /// What the quantity counts.
    #[arg(long, value_parser = vocab::<InvoiceUnit>(), default_value = "piece")]
    pub unit: InvoiceUnit,
    /// Price per unit in euro.
    #[arg(long, value_name = "EUR", value_parser = euro_cents, allow_negative_numbers = true)]
    pub price: i64,
    /// VAT rate in percent (21, 9 or 0).
    #[arg(long, value_name = "PERCENT", value_parser = vat_percent, allow_negative_numbers = true)]
    pub vat: u32,
}

/// `kluis invoice set-line`.
#[derive(Debug, Args)]
pub struct InvoiceSetLineArgs {
    #[command(flatten)]
    pub line: InvoiceLineRefArgs,
    #[command(flatten)]
    pub description: DescriptionArgs,
    /// Quantity, up to three decimals; negative for a deduction.
    #[arg(long, value_name = "N", value_parser = quantity_milli, allow_hyphen_values = true)]
    pub quantity: Option<i64>,
    /// What the quantity counts.
    #[arg(long, value_parser = vocab::<InvoiceUnit>())]
    pub unit: Option<InvoiceUnit>,
    /// Price per unit in euro.
    #[arg(long, value_name = "EUR", value_parser = euro_cents, allow_negative_numbers = true)]
    pub price: Option<i64>,
    /// VAT rate in percent (21, 9 or 0).
    #[arg(long, value_name = "PERCENT", value_parser = vat_percent, allow_negative_numbers = true)]
    pub vat: Option<u32>,
}

/// `kluis invoice finalize` and `kluis invoice credit`.
#[derive(Debug, Args)]
pub struct InvoiceIssueArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The invoice: its id (see `kluis invoice list`) or, to credit, its number.
    pub invoice: String,
    /// Date of issue [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub issued_on: Option<NaiveDate>,
}

/// `kluis invoice export`.
#[derive(Debug, Args)]
pub struct InvoiceExportArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The final invoice: its id or its number.
    pub invoice: String,
    /// Write the PDF here (a new file).
    #[arg(long, value_name = "FILE", required_unless_present = "ubl")]
    pub pdf: Option<PathBuf>,
    /// Write the UBL e-invoice (XML) here (a new file).
    #[arg(long, value_name = "FILE")]
    pub ubl: Option<PathBuf>,
    /// The language of the PDF [default: --lang].
    #[arg(long, value_enum, value_name = "LANG")]
    pub invoice_lang: Option<LangArg>,
}

/// `kluis invoice register`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true).args(["sent", "paid"])))]
pub struct InvoiceRegisterArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The final invoice: its id or its number.
    pub invoice: String,
    /// When it was sent (`none` clears it).
    #[arg(long, value_name = "YYYY-MM-DD|none", value_parser = date_or_none)]
    pub sent: Option<DateOrNone>,
    /// When it was paid (`none` clears it).
    #[arg(long, value_name = "YYYY-MM-DD|none", value_parser = date_or_none)]
    pub paid: Option<DateOrNone>,
}

/// `kluis invoice csv`.
#[derive(Debug, Args)]
pub struct InvoiceCsvArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Only this organisation's invoices [default: all].
    pub org: Option<String>,
    /// Where to write the CSV (a new file).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The CSV dialect.
    #[arg(long, value_enum, default_value = "standard")]
    pub dialect: CsvDialectArg,
}

/// Parses an invoice period (`2026-10`, `2026-Q4`).
pub fn invoice_period(s: &str) -> Result<kluis::invoice::InvoicePeriod, String> {
    kluis::invoice::InvoicePeriod::parse(s).map_err(|_| {
        if startup_lang() == Lang::Nl {
            "schrijf de periode als maand (2026-10) of kwartaal (2026-Q4)".into()
        } else {
            "write the period as a month (2026-10) or a quarter (2026-Q4)".into()
        }
    })
}
