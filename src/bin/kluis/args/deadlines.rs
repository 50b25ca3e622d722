//! `kluis deadline ...` and `kluis breach ...`.

use super::*;

/// `kluis deadline ...`.
#[derive(Debug, Subcommand)]
pub enum DeadlineCommand {
    /// Open deadlines that are overdue or due within 14 days (or, with a dossier number,
    /// every deadline of that dossier).
    List(DeadlineListArgs),
    /// Add a deadline to a dossier: a Wbk term, an access request or a follow-up date.
    Add(DeadlineAddArgs),
    /// Mark a deadline done (done with the Wbk confirmation starts the feedback term).
    Done(DeadlineDoneArgs),
    /// Extend a deadline once, with a reason (Wbk feedback by 3 months, an access request by 2).
    Extend(DeadlineExtendArgs),
    /// Remove a deadline set by mistake.
    Delete(DeadlineIdArgs),
}

/// `kluis deadline list`.
#[derive(Debug, Args)]
pub struct DeadlineListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Only this dossier (then done deadlines are listed too).
    #[arg(value_name = "NUMBER")]
    pub number: Option<String>,
    /// Every open deadline, however far ahead.
    #[arg(long, conflicts_with = "number")]
    pub all: bool,
}

/// `kluis deadline add`.
#[derive(Debug, Args)]
pub struct DeadlineAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    #[arg(value_name = "NUMBER")]
    pub number: String,
    /// What the deadline is for.
    #[arg(long, value_parser = vocab::<DeadlineKind>())]
    pub kind: DeadlineKind,
    /// The day the term starts: report received or passed on, confirmation sent, request
    /// received [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub from: Option<NaiveDate>,
    /// A follow-up's date (required for `vervolg`).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub due: Option<NaiveDate>,
    /// A label, such as "bel terug" (required for `vervolg`; no names).
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub label: String,
}

/// A deadline by its number in `kluis deadline list`.
#[derive(Debug, Args)]
pub struct DeadlineIdArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The deadline's id (the first column of `kluis deadline list`).
    #[arg(value_name = "ID")]
    pub id: i64,
}

/// `kluis deadline done`.
#[derive(Debug, Args)]
pub struct DeadlineDoneArgs {
    #[command(flatten)]
    pub id: DeadlineIdArgs,
    /// When it was done [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub on: Option<NaiveDate>,
}

/// `kluis deadline extend`.
#[derive(Debug, Args)]
pub struct DeadlineExtendArgs {
    #[command(flatten)]
    pub id: DeadlineIdArgs,
    /// Why (required; kept with the deadline).
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

/// `kluis breach ...`.
#[derive(Debug, Subcommand)]
pub enum BreachCommand {
    /// The breach register, newest first.
    List(BreachListArgs),
    /// Register a breach (to be reported within 72 hours of its discovery).
    Add(BreachAddArgs),
    /// Record whom you informed and what you decided.
    Handle(BreachHandleArgs),
}

/// `kluis breach list`.
#[derive(Debug, Args)]
pub struct BreachListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Only breaches not yet handled.
    #[arg(long = "open")]
    pub open_only: bool,
}

/// `kluis breach add`.
#[derive(Debug, Args)]
pub struct BreachAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// What happened (no names).
    #[arg(long, value_name = "TEXT")]
    pub what: String,
    /// When it was discovered, local time.
    #[arg(long, value_name = "YYYY-MM-DD HH:MM", value_parser = date_time)]
    pub discovered: chrono::NaiveDateTime,
    /// Whom you informed.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub informed: String,
    /// What you decided, and why.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub decision: String,
}

/// `kluis breach handle`.
#[derive(Debug, Args)]
pub struct BreachHandleArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The breach's id (the first column of `kluis breach list`).
    #[arg(value_name = "ID")]
    pub id: i64,
    /// What you decided, and why.
    #[arg(long, value_name = "TEXT")]
    pub decision: String,
    /// Whom you informed [default: as registered].
    #[arg(long, value_name = "TEXT")]
    pub informed: Option<String>,
    /// When [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub on: Option<NaiveDate>,
}
