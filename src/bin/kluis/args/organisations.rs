//! `kluis org ...` and `kluis category ...`.

use super::*;

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

/// `kluis category ...`.
#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// List the categories with their codes.
    List(OpenArgs),
}
