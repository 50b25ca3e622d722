//! Report and ledger commands, and the period and profile parsers.

use super::*;

/// `kluis report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The organisation (for one organisation's report).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["pooled", "orgs"], required_unless_present = "pooled")]
    pub org: Option<String>,
    /// A pooled report over several organisations (see --orgs).
    #[arg(long, requires = "orgs")]
    pub pooled: bool,
    /// The organisations of a pooled report, comma-separated (at least 3; strikt 5).
    #[arg(long, value_name = "NAME,NAME,...", value_delimiter = ',')]
    pub orgs: Vec<String>,
    /// The title of a pooled report.
    #[arg(long, value_name = "TITLE", default_value = "")]
    pub title: String,
    /// A joint report of --org: this vault's dossiers and every contribution imported for
    /// the organisation and period (`kluis joint import`).
    #[arg(long, requires = "org")]
    pub joint: bool,
    /// The period: two years (2024-2025), a year (2025), a half year (2025-H1) or a quarter
    /// (2025-Q3).
    #[arg(long, value_name = "PERIOD", value_parser = period)]
    pub period: kluis::report::ReportPeriod,
    /// The disclosure rules: standaard (k = 5, breakdowns from 10 dossiers) or strikt
    /// (k = 10, breakdowns from 20 dossiers, whole years only).
    #[arg(long, value_name = "PROFILE", default_value = "standaard", value_parser = profile)]
    pub profile: kluis::report::Profile,
    /// Where to write the PDF (must not exist).
    #[arg(long, value_name = "FILE", required_unless_present = "csv")]
    pub pdf: Option<PathBuf>,
    /// Where to write the CSV (must not exist).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// The CSV dialect.
    #[arg(long, value_enum, default_value = "standard")]
    pub csv_dialect: CsvDialectArg,
    /// Who receives the report (recorded in the export log).
    #[arg(long, value_name = "LABEL", default_value = "")]
    pub recipient: String,
    /// The advisor's text: a file with the sections "# Activiteiten", "# Signalen en
    /// trends" and "# Aanbevelingen" (English headings also work).
    #[arg(long, value_name = "FILE")]
    pub narrative: Option<PathBuf>,
    /// Export even though the narrative lint warns (the warnings are printed).
    #[arg(long)]
    pub accept_lint: bool,
}

/// Parses a disclosure profile (`standaard`, `strikt`).
pub fn profile(s: &str) -> Result<kluis::report::Profile, String> {
    kluis::report::Profile::parse(s).ok_or_else(|| {
        if startup_lang() == Lang::Nl {
            "kies standaard of strikt".into()
        } else {
            "choose standaard or strikt".into()
        }
    })
}

/// `--csv-dialect` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvDialectArg {
    /// UTF-8, comma, `.` decimal.
    Standard,
    /// UTF-8 with BOM, semicolon, `,` decimal (Dutch Excel).
    ExcelNl,
}

/// `kluis ledger ...`.
#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// List the cells published for one organisation.
    Show(LedgerShowArgs),
}

/// `kluis ledger show`.
#[derive(Debug, Args)]
pub struct LedgerShowArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The organisation.
    #[arg(long, value_name = "NAME")]
    pub org: String,
}

/// Parses a report period (`2024-2025`, `2025`, `2025-H1`, `2025-Q3`).
pub fn period(s: &str) -> Result<kluis::report::ReportPeriod, String> {
    kluis::report::ReportPeriod::parse(s).map_err(|_| {
        if startup_lang() == Lang::Nl {
            "schrijf de periode als 2025, 2025-H1 (halfjaar), 2025-Q3 (kwartaal) of 2024-2025 (twee jaar)".into()
        } else {
            "write the period as 2025, 2025-H1 (half year), 2025-Q3 (quarter) or 2024-2025 (two years)".into()
        }
    })
}
