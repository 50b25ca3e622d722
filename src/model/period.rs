//! Report periods: two calendar years, a calendar year, a half year or a quarter, always
//! calendar-aligned and disjoint (no year-to-date or rolling windows). A period is parsed
//! from the codes `2024-2025`, `2025`, `2025-H1` and `2025-Q3`, and printed back the same way
//! by [`ReportPeriod::code`]. A two-year period starts in any year (`2024-2025`); it is meant
//! for organisations too small for a yearly breakdown.

use crate::Lang;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar-aligned report period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ReportPeriod {
    /// Two calendar years: the year given and the next.
    TwoYear(i32),
    /// A calendar year.
    Year(i32),
    /// A half year: 1 (January-June) or 2 (July-December).
    Half(i32, u8),
    /// A quarter: 1 to 4.
    Quarter(i32, u8),
}

/// A period code that is not `YYYY`, `YYYY-H1|H2` or `YYYY-Q1..Q4`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid report period (expected 2025, 2025-H1, 2025-Q3 or 2024-2025)")]
pub struct PeriodError;

impl ReportPeriod {
    /// Parses `2025`, `2025-H1`/`2025-H2`, `2025-Q1`..`2025-Q4` (case-insensitive) or
    /// `2024-2025` (two consecutive years).
    pub fn parse(text: &str) -> Result<ReportPeriod, PeriodError> {
        let text = text.trim();
        let (year, rest) = match text.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PeriodError);
        }
        let year: i32 = year.parse().map_err(|_| PeriodError)?;
        if year < 1900 {
            return Err(PeriodError);
        }
        let Some(rest) = rest else {
            return Ok(ReportPeriod::Year(year));
        };
        if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
            let second: i32 = rest.parse().map_err(|_| PeriodError)?;
            return if second == year + 1 {
                Ok(ReportPeriod::TwoYear(year))
            } else {
                Err(PeriodError)
            };
        }
        let upper = rest.to_ascii_uppercase();
        match upper.as_bytes() {
            [b'H', n @ (b'1' | b'2')] => Ok(ReportPeriod::Half(year, n - b'0')),
            [b'Q', n @ b'1'..=b'4'] => Ok(ReportPeriod::Quarter(year, n - b'0')),
            _ => Err(PeriodError),
        }
    }

    /// The calendar year the period starts in.
    pub fn year(self) -> i32 {
        match self {
            ReportPeriod::TwoYear(y)
            | ReportPeriod::Year(y)
            | ReportPeriod::Half(y, _)
            | ReportPeriod::Quarter(y, _) => y,
        }
    }

    /// The calendar years the period lies in.
    pub fn years(self) -> Vec<i32> {
        match self {
            ReportPeriod::TwoYear(y) => vec![y, y + 1],
            other => vec![other.year()],
        }
    }

    /// The canonical code: `2024-2025`, `2025`, `2025-H1`, `2025-Q3`.
    pub fn code(self) -> String {
        match self {
            ReportPeriod::TwoYear(y) => format!("{y}-{}", y + 1),
            ReportPeriod::Year(y) => format!("{y}"),
            ReportPeriod::Half(y, h) => format!("{y}-H{h}"),
            ReportPeriod::Quarter(y, q) => format!("{y}-Q{q}"),
        }
    }

    /// The first and last month (1-12) of the period within its first year (a two-year
    /// period: of each of its years).
    fn months(self) -> (u32, u32) {
        match self {
            ReportPeriod::TwoYear(_) | ReportPeriod::Year(_) => (1, 12),
            ReportPeriod::Half(_, h) => {
                let first = (u32::from(h) - 1) * 6 + 1;
                (first, first + 5)
            }
            ReportPeriod::Quarter(_, q) => {
                let first = (u32::from(q) - 1) * 3 + 1;
                (first, first + 2)
            }
        }
    }

    /// The first day of the period.
    pub fn start(self) -> NaiveDate {
        let (first, _) = self.months();
        NaiveDate::from_ymd_opt(self.year(), first, 1).expect("the first of a month exists")
    }

    /// The last day of the period (inclusive).
    pub fn end(self) -> NaiveDate {
        let (_, last) = self.months();
        let year = *self.years().last().expect("a period has a year");
        let next = if last == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, last + 1, 1)
        };
        next.and_then(|d| d.pred_opt())
            .expect("the day before the first of a month exists")
    }

    /// Whether `date` lies in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The quarters inside the period, in order.
    pub fn quarters(self) -> Vec<ReportPeriod> {
        let (first, last) = self.months();
        self.years()
            .into_iter()
            .flat_map(|y| {
                ((first - 1) / 3 + 1..=(last - 1) / 3 + 1)
                    .map(move |q| ReportPeriod::Quarter(y, q as u8))
            })
            .collect()
    }

    /// The index of the quarter of `date` within [`ReportPeriod::quarters`], if it lies in
    /// the period.
    pub fn quarter_index(self, date: NaiveDate) -> Option<usize> {
        if !self.contains(date) {
            return None;
        }
        let q = ReportPeriod::quarter_of(date);
        self.quarters().iter().position(|x| *x == q)
    }

    /// The quarter a date lies in.
    pub fn quarter_of(date: NaiveDate) -> ReportPeriod {
        ReportPeriod::Quarter(date.year(), ((date.month() - 1) / 3 + 1) as u8)
    }

    /// The quarter after this one (other periods are returned unchanged).
    pub fn next_quarter(self) -> ReportPeriod {
        match self {
            ReportPeriod::Quarter(y, 4) => ReportPeriod::Quarter(y + 1, 1),
            ReportPeriod::Quarter(y, n) => ReportPeriod::Quarter(y, n + 1),
            other => other,
        }
    }

    /// Whether every quarter of `self` lies in `other`.
    pub fn within(self, other: ReportPeriod) -> bool {
        other.start() <= self.start() && self.end() <= other.end()
    }

    /// The halves of a year, the quarters of a half year, the years of a two-year period;
    /// nothing for a quarter.
    pub fn parts(self) -> Vec<ReportPeriod> {
        match self {
            ReportPeriod::TwoYear(y) => vec![ReportPeriod::Year(y), ReportPeriod::Year(y + 1)],
            ReportPeriod::Year(y) => vec![ReportPeriod::Half(y, 1), ReportPeriod::Half(y, 2)],
            ReportPeriod::Half(..) => self.quarters(),
            ReportPeriod::Quarter(..) => Vec::new(),
        }
    }

    /// The period of the same length just before this one.
    pub fn previous(self) -> ReportPeriod {
        match self {
            ReportPeriod::TwoYear(y) => ReportPeriod::TwoYear(y - 2),
            ReportPeriod::Year(y) => ReportPeriod::Year(y - 1),
            ReportPeriod::Half(y, 2) => ReportPeriod::Half(y, 1),
            ReportPeriod::Half(y, _) => ReportPeriod::Half(y - 1, 2),
            ReportPeriod::Quarter(y, 1) => ReportPeriod::Quarter(y - 1, 4),
            ReportPeriod::Quarter(y, q) => ReportPeriod::Quarter(y, q - 1),
        }
    }

    /// Whether the two periods share a day.
    pub fn overlaps(self, other: ReportPeriod) -> bool {
        self.start() <= other.end() && other.start() <= self.end()
    }

    /// A label for people: `2025`, `1e halfjaar 2025`, `3e kwartaal 2025` (English: `2025`,
    /// `first half of 2025`, `Q3 2025`).
    pub fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (ReportPeriod::TwoYear(y), _) => format!("{y}-{}", y + 1),
            (ReportPeriod::Year(y), _) => format!("{y}"),
            (ReportPeriod::Half(y, h), Lang::Nl) => format!("{h}e halfjaar {y}"),
            (ReportPeriod::Half(y, 1), Lang::En) => format!("first half of {y}"),
            (ReportPeriod::Half(y, _), Lang::En) => format!("second half of {y}"),
            (ReportPeriod::Quarter(y, q), Lang::Nl) => format!("{q}e kwartaal {y}"),
            (ReportPeriod::Quarter(y, q), Lang::En) => format!("Q{q} {y}"),
        }
    }
}

impl std::fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

impl std::str::FromStr for ReportPeriod {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReportPeriod::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn bounds_and_quarters() {
        let h2 = ReportPeriod::parse("2024-h2").expect("valid half year");
        assert_eq!(h2.start(), d(2024, 7, 1), "H2 starts in July");
        assert_eq!(h2.end(), d(2024, 12, 31), "H2 ends on New Year's Eve");
        assert_eq!(
            h2.quarters(),
            vec![
                ReportPeriod::Quarter(2024, 3),
                ReportPeriod::Quarter(2024, 4)
            ],
            "H2 holds Q3 and Q4"
        );
        assert_eq!(
            h2.quarter_index(d(2024, 11, 5)),
            Some(1),
            "November is in Q4"
        );
        let q1 = ReportPeriod::Quarter(2024, 1);
        assert_eq!(q1.end(), d(2024, 3, 31), "Q1 ends on 31 March");
        assert!(!q1.contains(d(2024, 4, 1)), "April is not in Q1");
    }

    #[test]
    fn two_year_periods() {
        let p = ReportPeriod::parse("2024-2025").expect("two consecutive years");
        assert_eq!(
            p,
            ReportPeriod::TwoYear(2024),
            "parsed as a two-year period"
        );
        assert_eq!(p.code(), "2024-2025", "printed back the same way");
        assert_eq!(
            p.start(),
            d(2024, 1, 1),
            "starts on 1 January of the first year"
        );
        assert_eq!(
            p.end(),
            d(2025, 12, 31),
            "ends on 31 December of the second year"
        );
        assert_eq!(p.quarters().len(), 8, "eight quarters");
        assert_eq!(
            p.quarter_index(d(2025, 2, 1)),
            Some(4),
            "February of the second year is its fifth quarter"
        );
        assert!(
            ReportPeriod::parse("2024-2026").is_err(),
            "only two consecutive years"
        );
        assert_eq!(
            p.previous(),
            ReportPeriod::TwoYear(2022),
            "the two years before"
        );
        assert!(ReportPeriod::Year(2025).within(p), "2025 lies in 2024-2025");
    }
}
