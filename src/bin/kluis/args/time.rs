//! `kluis time ...` and `kluis hours`.

use super::*;

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
