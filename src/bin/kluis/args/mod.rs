//! The command line: every command, flag and value parser, one module per domain. Only
//! parsing lives here; the command modules do the work.

use chrono::NaiveDate;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use kluis::Lang;
use kluis::model::{
    Action, Activity, Arrangement, ConsentScope, ContactType, ConversationMode, DeadlineKind,
    DossierStatus, Gender, IdentityCheck, Outcome, Relation, ReporterRole,
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
    /// The retention term: months after closing until a dossier is destroyed.
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// The destruction log: which dossiers were destroyed, when and why (never their
    /// content), and the backups that still hold them.
    DestructionLog(DestructionLogArgs),
    /// Deadlines ("termijnen"): the Wbk's, access requests and follow-up dates.
    #[command(subcommand)]
    Deadline(DeadlineCommand),
    /// The breach register (AVG): what, when discovered, whom informed, the decision.
    #[command(subcommand)]
    Breach(BreachCommand),
    /// The vault's report-signing key.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Check a report against its signature (FILE.minisig) and the advisor's public key,
    /// offline; no vault is needed.
    VerifyReport(VerifyReportArgs),
    /// Import an existing registration from a spreadsheet (.xlsx, .xls, .ods) or CSV file:
    /// draft a mapping, check it with a dry run, then import all rows at once (or none).
    Import(ImportArgs),
    /// People involved in a dossier ("betrokkenen") and the conflict-of-interest check.
    #[command(subcommand)]
    Party(PartyCommand),
    /// Links between dossiers (same accused, same incident, same reporter).
    #[command(subcommand)]
    Link(LinkCommand),
    /// Invoices to the client organisations ("facturen"): the advisor's details,
    /// agreements, drafts from the registered time, final and credit invoices as PDF and
    /// UBL e-invoice, and the register for the bookkeeper.
    #[command(subcommand)]
    Invoice(InvoiceCommand),
    /// Documents in a dossier (e-mails, PDFs, images, office files), kept inside the vault:
    /// add files, list them, write a copy out (logged), remove one.
    #[command(subcommand)]
    Document(DocumentCommand),
    /// Letters ("brieven"): consent and confidentiality, confirmation of a Wbk report,
    /// referral, closing letter, reply to an access request. Drafted from a template with the
    /// dossier's values, written as PDF (kept with the dossier and logged); templates are
    /// editable.
    #[command(subcommand)]
    Letter(LetterCommand),
    /// Hand dossiers over to a colleague ("overdragen") or receive them: this vault's
    /// receiving key, an encrypted handover file, and its import.
    #[command(subcommand)]
    Handover(HandoverCommand),
    /// Joint reports of several advisors for one organisation ("gezamenlijke rapportage"):
    /// contributions to the coordinating advisor, their import, and the signed receipts that
    /// keep every advisor's later reports audited against the joint one.
    #[command(subcommand)]
    Joint(JointCommand),
}

mod deadlines;
mod documents;
mod dossiers;
mod handover;
mod import;
mod invoice;
mod joint;
mod letters;
mod organisations;
mod parties;
mod report;
mod retention;
mod signing;
#[cfg(test)]
mod tests;
mod time;
mod values;
mod vault;

pub use deadlines::*;
pub use documents::*;
pub use dossiers::*;
pub use handover::*;
pub use import::*;
pub use invoice::*;
pub use joint::*;
pub use letters::*;
pub use organisations::*;
pub use parties::*;
pub use report::*;
pub use retention::*;
pub use signing::*;
pub use time::*;
pub use values::*;
pub use vault::*;
