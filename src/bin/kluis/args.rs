//! The command line: every command, flag and value parser. Only parsing lives here; the
//! command modules do the work.

use chrono::NaiveDate;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use kluis::Lang;
use kluis::model::{
    Action, Activity, Arrangement, ConsentScope, ContactType, ConversationMode, DossierStatus,
    Gender, Outcome, Relation, ReporterRole,
};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Kluis: encrypted case files for the external confidential advisor (vertrouwenspersoon).
///
/// Every command that works on a vault takes the vault file as its first positional argument.
/// The passphrase is asked on the terminal unless KLUIS_PASSPHRASE is set; --recovery-key-file
/// or KLUIS_RECOVERY_KEY unlock with the recovery key instead. KLUIS_TODAY=YYYY-MM-DD fixes
/// the calendar day (for tests and demonstrations).
#[derive(Debug, Parser)]
#[command(name = "kluis", version, max_term_width = 100)]
pub struct Cli {
    /// Machine-readable output (JSON) instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    /// Language of messages and labels [default: from KLUIS_LANG, else nl].
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `--lang` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Nederlands.
    Nl,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

/// The language as far as it can be known before clap has parsed anything (`--lang` on the
/// command line, else KLUIS_LANG, else Dutch); used for value-parser messages and help labels.
pub fn startup_lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| {
        let args: Vec<String> = std::env::args_os()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        for (i, a) in args.iter().enumerate() {
            if let Some(v) = a.strip_prefix("--lang=") {
                return Lang::from_tag(v);
            }
            if a == "--lang"
                && let Some(v) = args.get(i + 1)
            {
                return Lang::from_tag(v);
            }
        }
        lang_from_env()
    })
}

/// KLUIS_LANG, else Dutch.
pub fn lang_from_env() -> Lang {
    std::env::var("KLUIS_LANG")
        .map(|v| Lang::from_tag(&v))
        .unwrap_or_default()
}

/// All commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault (asks the passphrase twice) and show its recovery key once.
    Init(InitArgs),
    /// Set a new passphrase and a new vault key (unlock with the old passphrase or with the
    /// recovery key).
    Passwd(OpenArgs),
    /// The recovery key: replace it with a new one, shown once.
    #[command(subcommand)]
    RecoveryKey(RecoveryKeyCommand),
    /// Check a vault completely without changing it.
    Verify(OpenArgs),
    /// Write an encrypted copy of the vault to a new file and show its SHA-256.
    Backup(BackupArgs),
    /// Client organisations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Dossiers (case files).
    #[command(subcommand)]
    Dossier(DossierCommand),
    /// Conversations within a dossier.
    #[command(subcommand)]
    Conversation(ConversationCommand),
    /// Time spent for an organisation outside dossiers.
    #[command(subcommand)]
    Time(TimeCommand),
    /// Categories of reports (data, not code).
    #[command(subcommand)]
    Category(CategoryCommand),
    /// Minutes per organisation for one month (the invoice basis).
    Hours(HoursArgs),
    /// Create a demo vault filled with synthetic data.
    Demo(DemoArgs),
    /// Write an anonymised report of one organisation for one period (CSV), after the
    /// disclosure audit, and record it in the release ledger and the export log.
    Report(ReportArgs),
    /// The release ledger: every cell published in earlier reports.
    #[command(subcommand)]
    Ledger(LedgerCommand),
    /// The export log: every file that left the vault.
    Exports(OpenArgs),
}

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

/// The vault to create.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Path of the new vault file (must not exist).
    pub vault: PathBuf,
}

/// The vault to open, and how to unlock it.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Path of the vault file.
    pub vault: PathBuf,
    /// Unlock with the recovery key stored in this file (or set KLUIS_RECOVERY_KEY).
    #[arg(long, value_name = "FILE")]
    pub recovery_key_file: Option<PathBuf>,
}

/// `kluis recovery-key ...`.
#[derive(Debug, Subcommand)]
pub enum RecoveryKeyCommand {
    /// Make a new recovery key and show it once; the old one no longer opens later saves.
    New(OpenArgs),
}

/// `kluis backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Where to write the copy (must not exist).
    pub dest: PathBuf,
}

/// `kluis org ...`.
#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add a client organisation.
    Add(OrgAddArgs),
    /// List organisations.
    List(OrgListArgs),
    /// Change an organisation's details (only the flags given).
    Edit(OrgEditArgs),
    /// Archive an organisation (it keeps its dossiers, takes no new ones); --restore undoes it.
    Archive(OrgArchiveArgs),
}

/// `kluis org add`.
#[derive(Debug, Args)]
pub struct OrgAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Name, unique in the vault.
    #[arg(long)]
    pub name: String,
    /// Number of employees.
    #[arg(long, value_name = "N")]
    pub employees: u32,
    /// Collective arrangement or tailored subscription.
    #[arg(long, value_parser = vocab::<Arrangement>())]
    pub arrangement: Arrangement,
    /// Label for the contact person at the organisation (never in reports).
    #[arg(long, default_value = "")]
    pub contact: String,
}

/// `kluis org list`.
#[derive(Debug, Args)]
pub struct OrgListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Include archived organisations.
    #[arg(long)]
    pub all: bool,
}

/// `kluis org edit`.
#[derive(Debug, Args)]
pub struct OrgEditArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The organisation's current name (case-insensitive).
    pub org: String,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// Number of employees.
    #[arg(long, value_name = "N")]
    pub employees: Option<u32>,
    /// Arrangement.
    #[arg(long, value_parser = vocab::<Arrangement>())]
    pub arrangement: Option<Arrangement>,
    /// Contact label.
    #[arg(long)]
    pub contact: Option<String>,
}

/// `kluis org archive`.
#[derive(Debug, Args)]
pub struct OrgArchiveArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The organisation's name (case-insensitive).
    pub org: String,
    /// Restore an archived organisation instead.
    #[arg(long)]
    pub restore: bool,
}

/// `kluis dossier ...`.
#[derive(Debug, Subcommand)]
pub enum DossierCommand {
    /// Open a new dossier.
    Add(DossierAddArgs),
    /// List dossiers, newest first.
    List(DossierListArgs),
    /// Show one dossier completely, with conversations and notes.
    Show(DossierShowArgs),
    /// Change a dossier (only the flags given).
    Edit(DossierEditArgs),
    /// Close a dossier with its outcome; a destroy-by date is set.
    Close(DossierCloseArgs),
    /// Reopen a closed dossier (its destroy-by date is cleared).
    Reopen(DossierShowArgs),
}

/// `kluis dossier add`.
#[derive(Debug, Args)]
pub struct DossierAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Organisation name (case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// Kind of contact.
    #[arg(long = "type", value_name = "TYPE", value_parser = vocab::<ContactType>())]
    pub contact_type: ContactType,
    /// Date of first contact [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub opened: Option<NaiveDate>,
    /// The reporter's role.
    #[arg(long, value_parser = vocab::<ReporterRole>(), default_value = "medewerker")]
    pub role: ReporterRole,
    /// Relation to the person complained about.
    #[arg(long, value_parser = vocab::<Relation>(), default_value = "onbekend")]
    pub relation: Relation,
    /// Category code (repeatable or comma-separated; see `kluis category list`).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub category: Vec<String>,
    /// Action taken (repeatable or comma-separated).
    #[arg(long, value_parser = vocab::<Action>(), value_delimiter = ',')]
    pub action: Vec<Action>,
    /// Outcome so far.
    #[arg(long, value_parser = vocab::<Outcome>(), default_value = "onbekend")]
    pub outcome: Outcome,
    /// Date of the reporter's consent to keeping a file [default: the opening date].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub consent_date: Option<NaiveDate>,
    /// What the reporter consented to.
    #[arg(long, value_parser = vocab::<ConsentScope>(), default_value = "dossier")]
    pub consent_scope: ConsentScope,
    /// Gender, only if the reporter states it.
    #[arg(long, value_parser = vocab::<Gender>())]
    pub gender: Option<Gender>,
    /// Destroy-by date (normally set on closing).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub destroy_by: Option<NaiveDate>,
    /// Put the dossier under legal hold, with this reason.
    #[arg(long, value_name = "REASON")]
    pub legal_hold: Option<String>,
    #[command(flatten)]
    pub notes: NotesArgs,
}

/// Notes (free text; encrypted; never in any report or export), from a file, standard input
/// or an editor. Never from the command line itself: every local user can read a process's
/// arguments (/proc/PID/cmdline) and the shell keeps them in its history.
#[derive(Debug, Args)]
pub struct NotesArgs {
    /// Refused: notes on the command line are readable by other local users and end up in
    /// the shell history. Parsed only to refuse it with that message (the value is never
    /// echoed).
    #[arg(
        long,
        hide = true,
        num_args = 0..=1,
        default_missing_value = "",
        allow_hyphen_values = true,
        value_name = "TEXT"
    )]
    pub notes: Option<String>,
    /// Read the notes from this file (`-` for standard input), e.g. `--notes-file - <<'EOF'`.
    #[arg(long, value_name = "FILE", conflicts_with = "notes_editor")]
    pub notes_file: Option<PathBuf>,
    /// Write the notes in $VISUAL or $EDITOR (a private file in $XDG_RUNTIME_DIR, memory-backed
    /// on most Linux systems, wiped and removed afterwards).
    #[arg(long)]
    pub notes_editor: bool,
}

/// `kluis dossier list`.
#[derive(Debug, Args)]
pub struct DossierListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Only this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Only this status.
    #[arg(long, value_parser = vocab::<DossierStatus>())]
    pub status: Option<DossierStatus>,
    /// Only dossiers opened in this year.
    #[arg(long)]
    pub year: Option<i32>,
    /// Only this kind of contact.
    #[arg(long = "type", value_name = "TYPE", value_parser = vocab::<ContactType>())]
    pub contact_type: Option<ContactType>,
    /// Only dossiers with this category code.
    #[arg(long, value_name = "CODE")]
    pub category: Option<String>,
    /// Words that must occur in the number or the notes.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only dossiers whose destroy-by date has passed (and no legal hold).
    #[arg(long)]
    pub overdue: bool,
}

/// One dossier by number.
#[derive(Debug, Args)]
pub struct DossierShowArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
}

/// `kluis dossier edit`.
#[derive(Debug, Args)]
pub struct DossierEditArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
    /// Move to this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Kind of contact.
    #[arg(long = "type", value_name = "TYPE", value_parser = vocab::<ContactType>())]
    pub contact_type: Option<ContactType>,
    /// Date of first contact.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub opened: Option<NaiveDate>,
    /// The reporter's role.
    #[arg(long, value_parser = vocab::<ReporterRole>())]
    pub role: Option<ReporterRole>,
    /// Relation to the person complained about.
    #[arg(long, value_parser = vocab::<Relation>())]
    pub relation: Option<Relation>,
    /// Replace the categories with these (repeatable or comma-separated).
    #[arg(
        long,
        value_name = "CODE",
        value_delimiter = ',',
        conflicts_with = "clear_categories"
    )]
    pub category: Vec<String>,
    /// Remove all categories.
    #[arg(long)]
    pub clear_categories: bool,
    /// Replace the actions with these (repeatable or comma-separated).
    #[arg(long, value_parser = vocab::<Action>(), value_delimiter = ',', conflicts_with = "clear_actions")]
    pub action: Vec<Action>,
    /// Remove all actions.
    #[arg(long)]
    pub clear_actions: bool,
    /// Outcome.
    #[arg(long, value_parser = vocab::<Outcome>())]
    pub outcome: Option<Outcome>,
    /// Date of consent.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub consent_date: Option<NaiveDate>,
    /// Scope of consent.
    #[arg(long, value_parser = vocab::<ConsentScope>())]
    pub consent_scope: Option<ConsentScope>,
    /// Gender, only if the reporter states it.
    #[arg(long, value_parser = vocab::<Gender>(), conflicts_with = "clear_gender")]
    pub gender: Option<Gender>,
    /// Remove the gender.
    #[arg(long)]
    pub clear_gender: bool,
    /// Destroy-by date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub destroy_by: Option<NaiveDate>,
    /// Put the dossier under legal hold, with this reason.
    #[arg(long, value_name = "REASON", conflicts_with = "release_hold")]
    pub legal_hold: Option<String>,
    /// Lift the legal hold.
    #[arg(long)]
    pub release_hold: bool,
    #[command(flatten)]
    pub notes: NotesArgs,
}

/// `kluis dossier close`.
#[derive(Debug, Args)]
pub struct DossierCloseArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
    /// Closing date [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Final outcome.
    #[arg(long, value_parser = vocab::<Outcome>())]
    pub outcome: Outcome,
    /// Destroy-by date [default: the vault's retention term after closing].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub destroy_by: Option<NaiveDate>,
}

/// `kluis conversation ...`.
#[derive(Debug, Subcommand)]
pub enum ConversationCommand {
    /// Add a conversation to a dossier.
    Add(ConversationAddArgs),
}

/// `kluis conversation add`.
#[derive(Debug, Args)]
pub struct ConversationAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
    /// When it took place [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Duration in minutes.
    #[arg(long, allow_negative_numbers = true)]
    pub minutes: i64,
    /// How it took place.
    #[arg(long, value_parser = vocab::<ConversationMode>())]
    pub mode: ConversationMode,
}

/// `kluis time ...`.
#[derive(Debug, Subcommand)]
pub enum TimeCommand {
    /// Register time spent for an organisation.
    Add(TimeAddArgs),
}

/// `kluis time add`.
#[derive(Debug, Args)]
pub struct TimeAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Organisation name (case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// Day [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Minutes spent.
    #[arg(long, allow_negative_numbers = true)]
    pub minutes: i64,
    /// Kind of activity.
    #[arg(long, value_parser = vocab::<Activity>())]
    pub activity: Activity,
    /// Short description for yourself (never in reports).
    #[arg(long, default_value = "")]
    pub description: String,
}

/// `kluis category ...`.
#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// List the categories with their codes.
    List(OpenArgs),
}

/// `kluis hours`.
#[derive(Debug, Args)]
pub struct HoursArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Only this organisation (shown even without minutes).
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// The month [default: this month].
    #[arg(long, value_name = "YYYY-MM", value_parser = year_month)]
    pub month: Option<YearMonth>,
}

/// `kluis demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Path of the new demo vault (must not exist).
    pub vault: PathBuf,
    /// Number of organisations.
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub orgs: u32,
    /// Number of dossiers.
    #[arg(long, default_value_t = 2000)]
    pub dossiers: u32,
    /// Number of calendar years (ending this year) the dossiers spread over.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub years: u32,
    /// Seed of the generator; the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMonth {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
}

/// A closed vocabulary of the model, for [`vocab`].
pub trait Vocab: Copy + Send + Sync + 'static {
    /// Every value.
    fn all() -> &'static [Self];
    /// The stable code.
    fn code(self) -> &'static str;
    /// The label.
    fn label(self, lang: Lang) -> &'static str;
}

macro_rules! impl_vocab {
    ($($t:ty),* $(,)?) => {$(
        impl Vocab for $t {
            fn all() -> &'static [Self] {
                <$t>::ALL
            }
            fn code(self) -> &'static str {
                <$t>::code(self)
            }
            fn label(self, lang: Lang) -> &'static str {
                <$t>::label(self, lang)
            }
        }
    )*};
}

impl_vocab!(
    Action,
    Activity,
    Arrangement,
    ConsentScope,
    ContactType,
    ConversationMode,
    DossierStatus,
    Gender,
    Outcome,
    Relation,
    ReporterRole,
);

/// A value parser for a vocabulary: its codes are the possible values (listed in help and in
/// errors), with their labels as help.
pub fn vocab<T: Vocab>() -> impl TypedValueParser<Value = T> {
    let lang = startup_lang();
    PossibleValuesParser::new(
        T::all()
            .iter()
            .map(|v| PossibleValue::new(v.code()).help(v.label(lang))),
    )
    .map(|s: String| {
        T::all()
            .iter()
            .copied()
            .find(|v| v.code() == s)
            .expect("clap passes only listed codes")
    })
}

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses `YYYY-MM-DD`; a date that does not exist (2026-02-30) is refused.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let shaped = matches!(parts.as_slice(), [y, m, d] if is_digits(y, 4) && is_digits(m, 2) && is_digits(d, 2));
    let nl = startup_lang() == Lang::Nl;
    if !shaped {
        return Err(if nl {
            "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-15".into()
        } else {
            "write the date as YYYY-MM-DD, for example 2026-03-15".into()
        });
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        if nl {
            "deze datum bestaat niet".into()
        } else {
            "this date does not exist".into()
        }
    })
}

/// Parses `YYYY-MM`.
pub fn year_month(s: &str) -> Result<YearMonth, String> {
    let nl = startup_lang() == Lang::Nl;
    let err = || -> String {
        if nl {
            "schrijf de maand als JJJJ-MM, bijvoorbeeld 2026-03".into()
        } else {
            "write the month as YYYY-MM, for example 2026-03".into()
        }
    };
    let (y, m) = s.trim().split_once('-').ok_or_else(err)?;
    if !is_digits(y, 4) || !is_digits(m, 2) {
        return Err(err());
    }
    let year: i32 = y.parse().map_err(|_| err())?;
    let month: u32 = m.parse().map_err(|_| err())?;
    if !(1..=12).contains(&month) {
        return Err(if nl {
            "deze maand bestaat niet".into()
        } else {
            "this month does not exist".into()
        });
    }
    Ok(YearMonth { year, month })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_must_exist() {
        assert!(date("2026-02-28").is_ok(), "an ordinary date parses");
        assert!(date("2024-02-29").is_ok(), "a leap day parses");
        assert!(date("2026-02-30").is_err(), "30 February does not exist");
        assert!(
            date("2026-2-3").is_err(),
            "the short form is refused to avoid ambiguity"
        );
        assert!(
            date("15-03-2026").is_err(),
            "Dutch day-first order is refused"
        );
    }

    #[test]
    fn months_parse() {
        assert_eq!(
            year_month("2026-03"),
            Ok(YearMonth {
                year: 2026,
                month: 3
            }),
            "YYYY-MM parses"
        );
        assert!(year_month("2026-13").is_err(), "month 13 does not exist");
        assert!(year_month("2026").is_err(), "a year alone is not a month");
    }

    #[test]
    fn options_may_precede_the_vault_path() {
        let cli = Cli::try_parse_from([
            "kluis",
            "demo",
            "--orgs",
            "12",
            "--dossiers",
            "2000",
            "--years",
            "5",
            "--seed",
            "1",
            "demo.kluis",
        ])
        .expect("the documented demo usage parses");
        match cli.command {
            Command::Demo(d) => {
                assert_eq!(
                    d.vault,
                    PathBuf::from("demo.kluis"),
                    "the path is positional"
                );
                assert_eq!(
                    (d.orgs, d.dossiers, d.years, d.seed),
                    (12, 2000, 5, 1),
                    "flags"
                );
            }
            other => panic!("parsed as another command: {other:?}"),
        }
    }

    #[test]
    fn recovery_key_new_takes_the_vault() {
        let cli = Cli::try_parse_from(["kluis", "recovery-key", "new", "a.kluis"]).expect("parses");
        match cli.command {
            Command::RecoveryKey(RecoveryKeyCommand::New(o)) => {
                assert_eq!(o.vault, PathBuf::from("a.kluis"), "the vault is positional");
            }
            other => panic!("parsed as another command: {other:?}"),
        }
    }

    mod fuzz {
        //! The CLI's value parsers on arbitrary text: no panic, a clear message for every
        //! refusal, and whatever parses round-trips.
        use super::*;
        use proptest::prelude::*;

        fn refused_clearly(e: &str) -> bool {
            !e.trim().is_empty() && !e.contains("panicked")
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

            #[test]
            fn dates_parse_exactly_or_say_how_to_write_them(
                s in prop_oneof![".{0,16}", "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}", " ?[0-9]{4}-[0-9]{2}-[0-9]{2} ?"],
            ) {
                match date(&s) {
                    Ok(d) => prop_assert_eq!(
                        d.format("%Y-%m-%d").to_string(),
                        s.trim(),
                        "only the exact YYYY-MM-DD form of a real day parses"
                    ),
                    Err(e) => prop_assert!(refused_clearly(&e), "a refused date says why: {}", e),
                }
            }

            #[test]
            fn months_parse_exactly_or_say_how_to_write_them(
                s in prop_oneof![".{0,10}", "[0-9]{1,5}-[0-9]{1,3}"],
            ) {
                match year_month(&s) {
                    Ok(m) => prop_assert_eq!(
                        format!("{:04}-{:02}", m.year, m.month),
                        s.trim(),
                        "only YYYY-MM with a month of 1-12 parses"
                    ),
                    Err(e) => prop_assert!(refused_clearly(&e), "a refused month says why: {}", e),
                }
            }

            #[test]
            fn periods_and_profiles_parse_or_say_what_is_allowed(
                s in prop_oneof![".{0,16}", "[0-9]{4}(-([HhQq][0-9]|[0-9]{4}))?"],
            ) {
                match period(&s) {
                    Ok(p) => prop_assert_eq!(
                        period(&p.code()).ok(),
                        Some(p),
                        "a parsed period round-trips"
                    ),
                    Err(e) => prop_assert!(refused_clearly(&e), "{}", e),
                }
                if let Err(e) = profile(&s) {
                    prop_assert!(refused_clearly(&e), "{}", e);
                }
            }

            #[test]
            fn minutes_and_organisation_lists_never_panic_the_parser(
                minutes in prop_oneof![".{0,12}", "-?[0-9]{1,24}"],
                orgs in "[^\\x00]{0,40}",
                year in ".{0,6}",
            ) {
                let time = Cli::try_parse_from([
                    "kluis", "time", "add", "v.kluis", "--org", "A", "--activity",
                    "voorlichting", "--minutes", &minutes,
                ]);
                if let Ok(cli) = time {
                    let Command::Time(TimeCommand::Add(a)) = cli.command else {
                        panic!("parsed as another command");
                    };
                    prop_assert_eq!(
                        Some(a.minutes),
                        minutes.parse::<i64>().ok(),
                        "--minutes is a whole number (range checks are the model's)"
                    );
                }
                let report = Cli::try_parse_from([
                    "kluis", "report", "v.kluis", "--pooled", "--orgs", &orgs, "--period",
                    "2025", "--csv", "x.csv",
                ]);
                if let Ok(cli) = report {
                    let Command::Report(r) = cli.command else {
                        panic!("parsed as another command");
                    };
                    let expected: Vec<String> = orgs.split(',').map(str::to_owned).collect();
                    prop_assert_eq!(r.orgs, expected, "--orgs splits on commas only");
                }
                let _ = Cli::try_parse_from(["kluis", "dossier", "list", "v.kluis", "--year", &year]);
                let _ = Cli::try_parse_from(["kluis", "demo", "d.kluis", "--years", &year]);
            }
        }
    }

    #[test]
    fn backup_takes_vault_then_destination() {
        let cli = Cli::try_parse_from(["kluis", "backup", "a.kluis", "b.kluis"]).expect("parses");
        match cli.command {
            Command::Backup(b) => {
                assert_eq!(
                    b.open.vault,
                    PathBuf::from("a.kluis"),
                    "the vault comes first"
                );
                assert_eq!(b.dest, PathBuf::from("b.kluis"), "the destination second");
            }
            other => panic!("parsed as another command: {other:?}"),
        }
    }
}
