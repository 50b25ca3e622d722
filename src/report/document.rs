//! [`ReportDocument`]: everything a rendered report (PDF, preview) shows, and nothing else.
//! It is built from a disclosure-checked [`ReportModel`] plus what the advisor writes for
//! the report; renderers receive it as JSON (`/data.json` for the Typst template).

use super::model::{Label, ReportModel, SizeBand};
use crate::Lang;
use serde::{Deserialize, Serialize};

/// The advisor's own text for one report (sections 2, 7 and 8 of domain.md). Plain text;
/// paragraphs are separated by blank lines. Linted before export ([`super::lint`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Narrative {
    /// Activities: information sessions, advice to management, meetings.
    pub activities: String,
    /// Signals and trends.
    pub signals: String,
    /// Recommendations.
    pub recommendations: String,
}

/// Hours spent for the organisation(s) in the report's period, rounded as the profile says
/// (never exact), and frozen with the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    /// The period the hours are for.
    pub period: Label,
    /// Rounded to this many hours (5 or 10).
    pub rounding: u64,
    /// The rounded total.
    pub total: u64,
    /// Rounded hours per activity type, in vocabulary order; activities without hours are
    /// left out.
    pub by_activity: Vec<HoursRow>,
}

/// One activity type's rounded hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursRow {
    /// The activity type.
    pub activity: Label,
    /// Rounded hours.
    pub hours: u64,
}

/// The published total of an earlier period (for the comparison in section 3 and the trend
/// chart). `value` is `None` when that total was not published exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPoint {
    /// The period.
    pub period: Label,
    /// Its published total, if any.
    pub value: Option<u64>,
}

/// The date printed on a report (and set as the PDF's document date). Passed in, never
/// "now", so the same vault and settings give the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDate {
    /// Year.
    pub year: i32,
    /// Month (1-12).
    pub month: u32,
    /// Day (1-31).
    pub day: u32,
}

impl From<chrono::NaiveDate> for ReportDate {
    fn from(d: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        ReportDate {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

/// The advisor's signing key as a report prints it, so that the client can check the
/// signature file that comes with the report against the public key they were given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signing {
    /// The public key's fingerprint: minisign's key id, 16 hex digits.
    pub fingerprint: String,
}

/// Everything a rendered report shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDocument {
    /// The report's language.
    pub lang: Lang,
    /// The report's date.
    pub date: ReportDate,
    /// Who the report is for: the organisation's name, or the pooled report's title.
    pub recipient: String,
    /// For a pooled report: how many organisations it covers.
    pub pooled_organisations: Option<usize>,
    /// For a joint report: how many advisors' dossiers it counts (`crate::joint`).
    #[serde(default)]
    pub joint_advisors: Option<usize>,
    /// The organisation's size band (not for pooled reports).
    pub size_band: Option<SizeBand>,
    /// The advisor's name as it appears on the cover (may be empty).
    pub advisor: String,
    /// The disclosure-checked tables and their metadata.
    pub model: ReportModel,
    /// Hours spent in the calendar year, rounded.
    pub hours: Option<Hours>,
    /// The advisor's text.
    pub narrative: Narrative,
    /// Published totals of earlier periods of the same length, oldest first.
    pub history: Vec<HistoryPoint>,
    /// The signing key the exported files are signed with (`None` only in the preview of a
    /// vault that has no key yet; the export makes one).
    pub signing: Option<Signing>,
}
