//! `kluis joint ...`.

use super::*;

/// `kluis joint ...`.
#[derive(Debug, Subcommand)]
pub enum JointCommand {
    /// Write this vault's contribution ("bijdrage") to a joint report of an organisation and
    /// period: the coded records a report counts (no notes, names, numbers or dates) and this
    /// vault's earlier releases for it, sealed to the coordinating advisor's receiving key.
    Contribute(JointContributeArgs),
    /// Read a colleague's contribution (made for this vault's receiving key); the joint report
    /// is then `kluis report --org NAME --joint`.
    Import(JointFileArgs),
    /// The contributions imported for an organisation and period.
    List(JointListArgs),
    /// After exporting the joint report: write a signed receipt ("ontvangstbewijs") for
    /// every contributor into a folder.
    Receipts(JointReceiptsArgs),
    /// Read the receipt for a contribution this vault sent: later reports of the
    /// organisation are then audited against the joint report.
    Receipt(JointFileArgs),
}

/// `kluis joint contribute`.
#[derive(Debug, Args)]
pub struct JointContributeArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The organisation.
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// The period of the joint report (2026, 2026-H1, 2026-Q3, 2025-2026).
    #[arg(long, value_name = "PERIOD", value_parser = period)]
    pub period: kluis::report::ReportPeriod,
    /// The coordinating advisor's receiving key (age1...).
    #[arg(long, value_name = "AGE1...")]
    pub to: String,
    /// The file to write (must not exist).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// `kluis joint import` / `kluis joint receipt`.
#[derive(Debug, Args)]
pub struct JointFileArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// `kluis joint list`.
#[derive(Debug, Args)]
pub struct JointListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The organisation.
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// The period.
    #[arg(long, value_name = "PERIOD", value_parser = period)]
    pub period: kluis::report::ReportPeriod,
}

/// `kluis joint receipts`.
#[derive(Debug, Args)]
pub struct JointReceiptsArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The organisation.
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// The period of the exported joint report.
    #[arg(long, value_name = "PERIOD", value_parser = period)]
    pub period: kluis::report::ReportPeriod,
    /// The folder to write the receipts into (files that exist are never overwritten).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
}
