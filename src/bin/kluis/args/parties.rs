//! `kluis party ...` and `kluis link ...`.

use super::*;
use kluis::model::{ConflictDecision, LinkKind, PartyRole, SupportedSide};

/// `kluis party ...`.
#[derive(Debug, Subcommand)]
pub enum PartyCommand {
    /// Add a person to a dossier; the name is read from --name-file (`-`: standard input),
    /// never from the command line. Prints possible conflicts of interest.
    Add(PartyAddArgs),
    /// A dossier's parties, whom you support, possible conflicts and decisions.
    List(PartyListArgs),
    /// Remove a party.
    Remove(PartyIdArgs),
    /// Record your decision about the possible conflicts of interest of a dossier.
    Decide(PartyDecideArgs),
    /// Record whom you support in a dossier (the reporter unless recorded otherwise).
    Support(PartySupportArgs),
}

/// `kluis party add`.
#[derive(Debug, Args)]
pub struct PartyAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    #[arg(value_name = "NUMBER")]
    pub number: String,
    /// Their part in the case.
    #[arg(long, value_parser = vocab::<PartyRole>())]
    pub role: PartyRole,
    /// Read the name or label from this file (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub name_file: Option<PathBuf>,
    /// Refused: a name on the command line is readable by other local users and ends up in
    /// the shell history. Parsed only to refuse it (the value is never echoed).
    #[arg(
        long,
        hide = true,
        num_args = 0..=1,
        default_missing_value = "",
        allow_hyphen_values = true,
        value_name = "TEXT"
    )]
    pub name: Option<String>,
    /// Function or department, free text.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub function: String,
}

/// `kluis party list`.
#[derive(Debug, Args)]
pub struct PartyListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number.
    #[arg(value_name = "NUMBER")]
    pub number: String,
}

/// A party or link by its id (the first column of its list).
#[derive(Debug, Args)]
pub struct PartyIdArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The id.
    #[arg(value_name = "ID")]
    pub id: i64,
}

/// `kluis party decide`.
#[derive(Debug, Args)]
pub struct PartyDecideArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number.
    #[arg(value_name = "NUMBER")]
    pub number: String,
    /// What you decided.
    #[arg(long, value_parser = vocab::<ConflictDecision>())]
    pub decision: ConflictDecision,
    /// When [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub on: Option<NaiveDate>,
}

/// `kluis party support`.
#[derive(Debug, Args)]
pub struct PartySupportArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number.
    #[arg(value_name = "NUMBER")]
    pub number: String,
    /// Whom you support.
    #[arg(long, value_parser = vocab::<SupportedSide>())]
    pub side: SupportedSide,
}

/// `kluis link ...`.
#[derive(Debug, Subcommand)]
pub enum LinkCommand {
    /// Link two dossiers (shown on both).
    Add(LinkAddArgs),
    /// A dossier's links.
    List(PartyListArgs),
    /// Remove a link (from both dossiers).
    Remove(PartyIdArgs),
}

/// `kluis link add`.
#[derive(Debug, Args)]
pub struct LinkAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number.
    #[arg(value_name = "NUMBER")]
    pub number: String,
    /// The other dossier's number.
    #[arg(value_name = "OTHER")]
    pub other: String,
    /// Why they are linked.
    #[arg(long, value_parser = vocab::<LinkKind>())]
    pub kind: LinkKind,
}
