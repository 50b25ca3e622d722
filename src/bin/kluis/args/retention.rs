//! Retention and destruction: `kluis dossier destroy`, `kluis retention show|set` and
//! `kluis destruction-log`.

use super::*;

/// `kluis dossier destroy`.
#[derive(Debug, Args)]
pub struct DossierDestroyArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The dossier numbers (one or more).
    #[arg(value_name = "NUMBER", required = true, num_args = 1..)]
    pub numbers: Vec<String>,
    /// Why (kept in the destruction log; required with --override).
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub reason: String,
    /// Destroy even when no published report counted the dossier yet or its retention
    /// term is not over (never under legal hold or while open).
    #[arg(long = "override")]
    pub override_blocks: bool,
    /// Do not ask for the typed confirmation (needed when standard input is no terminal).
    #[arg(long)]
    pub yes: bool,
}

/// `kluis retention ...`.
#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// The vault's retention term and the organisations with their own.
    Show(OpenArgs),
    /// Set the vault's retention term, or an organisation's own (--org).
    Set(RetentionSetArgs),
}

/// `kluis retention set`.
#[derive(Debug, Args)]
pub struct RetentionSetArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Months after closing (1-120).
    #[arg(long, value_name = "N", required_unless_present = "default")]
    pub months: Option<u32>,
    /// Only this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Let the organisation follow the vault's term again.
    #[arg(long, requires = "org", conflicts_with = "months")]
    pub default: bool,
}

/// `kluis destruction-log`.
#[derive(Debug, Args)]
pub struct DestructionLogArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Also remove the backups beside the vault that still hold destroyed dossiers.
    #[arg(long)]
    pub purge_backups: bool,
}
