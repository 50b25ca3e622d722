//! The period an invoice covers: a month (`2026-03`) or a quarter (`2026-Q1`).

use crate::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The period an invoice covers: a month or a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ts", ts(type = "string"))]
pub enum InvoicePeriod {
    /// One month (`2026-03`).
    Month {
        /// Year.
        year: i32,
        /// Month 1-12.
        month: u32,
    },
    /// One quarter (`2026-Q1`).
    Quarter {
        /// Year.
        year: i32,
        /// Quarter 1-4.
        quarter: u32,
    },
}

/// An invoice period that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an invoice period is a month (2026-03) or a quarter (2026-Q1)")]
pub struct BadPeriod;

impl InvoicePeriod {
    /// Reads `2026-03` or `2026-Q1`.
    pub fn parse(text: &str) -> Result<InvoicePeriod, BadPeriod> {
        let (y, rest) = text.trim().split_once('-').ok_or(BadPeriod)?;
        let year: i32 = y.parse().map_err(|_| BadPeriod)?;
        if !(2000..=2200).contains(&year) {
            return Err(BadPeriod);
        }
        if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            let quarter: u32 = q.parse().map_err(|_| BadPeriod)?;
            if (1..=4).contains(&quarter) && q.len() == 1 {
                return Ok(InvoicePeriod::Quarter { year, quarter });
            }
            return Err(BadPeriod);
        }
        let month: u32 = rest.parse().map_err(|_| BadPeriod)?;
        if (1..=12).contains(&month) && rest.len() == 2 {
            Ok(InvoicePeriod::Month { year, month })
        } else {
            Err(BadPeriod)
        }
    }

    /// The period's code (`2026-03`, `2026-Q1`).
    pub fn code(self) -> String {
        match self {
            InvoicePeriod::Month { year, month } => format!("{year:04}-{month:02}"),
            InvoicePeriod::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        match self {
            InvoicePeriod::Month { year, .. } | InvoicePeriod::Quarter { year, .. } => year,
        }
    }

    /// First day and the day after the last.
    pub fn bounds(self) -> (NaiveDate, NaiveDate) {
        let (year, first, months) = match self {
            InvoicePeriod::Month { year, month } => (year, month, 1),
            InvoicePeriod::Quarter { year, quarter } => (year, quarter * 3 - 2, 3),
        };
        let start = NaiveDate::from_ymd_opt(year, first, 1).expect("a checked month");
        let end = start
            .checked_add_months(chrono::Months::new(months))
            .expect("within chrono's range");
        (start, end)
    }

    /// Months in the period (1 or 3).
    pub fn months(self) -> u32 {
        match self {
            InvoicePeriod::Month { .. } => 1,
            InvoicePeriod::Quarter { .. } => 3,
        }
    }

    /// How the period is named on an invoice ("maart 2026", "1e kwartaal 2026").
    pub fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (InvoicePeriod::Month { year, month }, lang) => {
                format!("{} {year}", lang.month_name(month))
            }
            (InvoicePeriod::Quarter { year, quarter }, Lang::Nl) => {
                format!("{quarter}e kwartaal {year}")
            }
            (InvoicePeriod::Quarter { year, quarter }, Lang::En) => format!("Q{quarter} {year}"),
        }
    }
}

impl TryFrom<String> for InvoicePeriod {
    type Error = BadPeriod;
    fn try_from(s: String) -> Result<Self, BadPeriod> {
        InvoicePeriod::parse(&s)
    }
}

impl From<InvoicePeriod> for String {
    fn from(p: InvoicePeriod) -> String {
        p.code()
    }
}
