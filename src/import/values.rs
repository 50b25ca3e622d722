//! Reading one cell as a date, a number of minutes or a list of values. Each failure is a
//! [`ValidationCode`] the dry run shows with the cell's row and column.

use super::mapping::DateOrder;
use super::source::Cell;
use crate::model::ValidationCode;
use chrono::{Days, NaiveDate};

/// The last day Excel can show (serial 2,958,465).
const MAX_SERIAL: f64 = 2_958_465.0;

/// A date from a serial number of Excel's 1900 date system (as an unformatted date cell or a
/// CSV exported from one shows it). Excel counts 29 February 1900, which never was, so
/// serials from 61 on are one day later than a plain count from 31 December 1899.
pub fn from_serial(serial: f64) -> Result<NaiveDate, ValidationCode> {
    if !serial.is_finite() || !(1.0..=MAX_SERIAL).contains(&serial) {
        return Err(ValidationCode::NotADate);
    }
    let days = serial.floor() as u64;
    if days == 60 {
        // 29 February 1900 does not exist.
        return Err(ValidationCode::ImpossibleDate);
    }
    let base = if days > 60 {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    };
    base.and_then(|b| b.checked_add_days(Days::new(days)))
        .ok_or(ValidationCode::NotADate)
}

const MONTHS: [(&str, u32); 24] = [
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("april", 4),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("october", 10),
    ("okt", 10),
    ("mrt", 3),
    ("aug", 8),
    ("sept", 9),
];

fn month_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(name, _)| *name == w || (w.len() >= 3 && name.starts_with(&w)))
        .map(|&(_, m)| m)
}

/// A date cell: a date-formatted cell, an Excel serial, or text as `2024-03-05`,
/// `5-3-2024`, `05/03/2024`, `5.3.24` (day first unless the mapping says month first) or
/// `5 maart 2024`. A time after the date is ignored. A date that cannot exist (31-02-2024)
/// is `ImpossibleDate`; anything that is no date at all is `NotADate`.
pub fn date(cell: &Cell, order: DateOrder) -> Result<NaiveDate, ValidationCode> {
    match cell {
        Cell::Date(d) => Ok(*d),
        Cell::Number(n) => from_serial(*n),
        Cell::Text(t) => text_date(t, order),
        Cell::Bool(_) | Cell::Empty => Err(ValidationCode::NotADate),
    }
}

fn text_date(text: &str, order: DateOrder) -> Result<NaiveDate, ValidationCode> {
    let t = text.trim();
    // A time after the date: "2024-03-05 10:30", "2024-03-05T10:30:00".
    let t = match t.find(':') {
        Some(colon) => t[..colon]
            .rfind([' ', 'T'])
            .map_or(t, |i| t[..i].trim_end()),
        None => t,
    };
    if t.chars().all(|c| c.is_ascii_digit()) && (3..=7).contains(&t.len()) {
        // A serial number exported as text.
        return from_serial(t.parse::<f64>().map_err(|_| ValidationCode::NotADate)?);
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '-' || c == '/' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return Err(ValidationCode::NotADate);
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = if parts[0].len() == 4 {
        (num(parts[0]), num(parts[1]), num(parts[2]))
    } else if let Some(m) = month_name(parts[1]) {
        (num(parts[2]), Some(m), num(parts[0]))
    } else if let Some(m) = month_name(parts[0]) {
        // "March 5 2024"
        (num(parts[2]), Some(m), num(parts[1]))
    } else {
        match order {
            DateOrder::Dmy => (num(parts[2]), num(parts[1]), num(parts[0])),
            DateOrder::Mdy => (num(parts[2]), num(parts[0]), num(parts[1])),
        }
    };
    let (Some(y), Some(m), Some(d)) = (y, m, d) else {
        return Err(ValidationCode::NotADate);
    };
    let y = match y {
        0..=99 => 2000 + y,
        1900..=2200 => y,
        _ => return Err(ValidationCode::NotADate),
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(ValidationCode::NotADate);
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(ValidationCode::ImpossibleDate)
}

/// Minutes: a number (rounded to whole minutes), `90 min`, `1:30` (hours and minutes) or
/// `1,5 uur` / `1.5 h` (hours). Zero means none; below zero is `NotPositive`.
pub fn minutes(cell: &Cell) -> Result<Option<i64>, ValidationCode> {
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(t) => text_minutes(t)?,
        Cell::Date(_) | Cell::Bool(_) => return Err(ValidationCode::NotANumber),
    };
    if !value.is_finite() {
        return Err(ValidationCode::NotANumber);
    }
    let rounded = value.round();
    if rounded < 0.0 {
        return Err(ValidationCode::NotPositive);
    }
    if rounded > 1e9 {
        return Err(ValidationCode::TooLarge);
    }
    Ok((rounded > 0.0).then_some(rounded as i64))
}

fn text_minutes(text: &str) -> Result<f64, ValidationCode> {
    let t = text.trim().to_lowercase();
    if let Some((h, m)) = t.split_once(':') {
        let h: f64 = h.trim().parse().map_err(|_| ValidationCode::NotANumber)?;
        let m: f64 = m.trim().parse().map_err(|_| ValidationCode::NotANumber)?;
        if !(0.0..60.0).contains(&m) {
            return Err(ValidationCode::NotANumber);
        }
        return Ok(h * 60.0 + m);
    }
    let digits_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == '-'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(digits_end);
    let number: f64 = number
        .replace(',', ".")
        .parse()
        .map_err(|_| ValidationCode::NotANumber)?;
    match unit.trim() {
        "" | "m" | "min" | "min." | "minuten" | "minuut" | "minutes" => Ok(number),
        "u" | "h" | "uur" | "uren" | "hour" | "hours" => Ok(number * 60.0),
        _ => Err(ValidationCode::NotANumber),
    }
}

/// The values in a cell that may list several: split at `,` `;` `/` `|` `+` and line
/// breaks, blanks dropped.
pub fn list(text: &str) -> Vec<String> {
    text.split([',', ';', '/', '|', '+', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn excel_serials_count_the_leap_day_that_never_was() {
        assert_eq!(
            from_serial(1.0),
            Ok(ymd(1900, 1, 1)),
            "serial 1 is 1 January 1900"
        );
        assert_eq!(from_serial(59.0), Ok(ymd(1900, 2, 28)));
        assert_eq!(
            from_serial(60.0),
            Err(ValidationCode::ImpossibleDate),
            "29-02-1900"
        );
        assert_eq!(from_serial(61.0), Ok(ymd(1900, 3, 1)));
        assert_eq!(
            from_serial(45_356.0),
            Ok(ymd(2024, 3, 5)),
            "as Excel shows 45356"
        );
        assert_eq!(
            from_serial(45_356.75),
            Ok(ymd(2024, 3, 5)),
            "the time of day is dropped"
        );
        assert_eq!(from_serial(0.0), Err(ValidationCode::NotADate));
        assert_eq!(from_serial(-3.0), Err(ValidationCode::NotADate));
        assert_eq!(from_serial(f64::NAN), Err(ValidationCode::NotADate));
    }

    #[test]
    fn text_dates_in_the_usual_dutch_and_iso_forms() {
        let t = |s: &str| date(&Cell::Text(s.into()), DateOrder::Dmy);
        assert_eq!(t("2024-03-05"), Ok(ymd(2024, 3, 5)));
        assert_eq!(
            t("5-3-2024"),
            Ok(ymd(2024, 3, 5)),
            "day first in the Netherlands"
        );
        assert_eq!(t("05/03/2024"), Ok(ymd(2024, 3, 5)));
        assert_eq!(
            t("5.3.24"),
            Ok(ymd(2024, 3, 5)),
            "two-digit years are this century"
        );
        assert_eq!(t("5 maart 2024"), Ok(ymd(2024, 3, 5)));
        assert_eq!(t("5 mrt. 2024"), Ok(ymd(2024, 3, 5)));
        assert_eq!(
            t("2024-03-05 10:30"),
            Ok(ymd(2024, 3, 5)),
            "a time is ignored"
        );
        assert_eq!(t("45356"), Ok(ymd(2024, 3, 5)), "a serial exported as text");
        assert_eq!(
            date(&Cell::Text("03/05/2024".into()), DateOrder::Mdy),
            Ok(ymd(2024, 3, 5)),
            "month first when the mapping says so"
        );
    }

    #[test]
    fn impossible_dates_are_told_apart_from_text_that_is_no_date() {
        let t = |s: &str| date(&Cell::Text(s.into()), DateOrder::Dmy);
        assert_eq!(t("31-02-2024"), Err(ValidationCode::ImpossibleDate));
        assert_eq!(
            t("29-02-2023"),
            Err(ValidationCode::ImpossibleDate),
            "not a leap year"
        );
        assert_eq!(t("29-02-2024"), Ok(ymd(2024, 2, 29)), "a leap year");
        assert_eq!(
            t("13-13-2024"),
            Err(ValidationCode::NotADate),
            "no month 13"
        );
        assert_eq!(t("vorige week"), Err(ValidationCode::NotADate));
        assert_eq!(
            t("=TODAY()"),
            Err(ValidationCode::NotADate),
            "formulas are text here"
        );
        assert_eq!(
            date(&Cell::Bool(true), DateOrder::Dmy),
            Err(ValidationCode::NotADate)
        );
    }

    #[test]
    fn minutes_in_the_forms_advisors_write_them() {
        let m = |s: &str| minutes(&Cell::Text(s.into()));
        assert_eq!(m("90"), Ok(Some(90)));
        assert_eq!(m("90 min"), Ok(Some(90)));
        assert_eq!(m("1:30"), Ok(Some(90)));
        assert_eq!(m("1,5 uur"), Ok(Some(90)));
        assert_eq!(m("1.5h"), Ok(Some(90)));
        assert_eq!(m("0"), Ok(None), "no time spent: no conversation");
        assert_eq!(m("-5"), Err(ValidationCode::NotPositive));
        assert_eq!(m("anderhalf uur"), Err(ValidationCode::NotANumber));
        assert_eq!(m("1:75"), Err(ValidationCode::NotANumber));
        assert_eq!(
            minutes(&Cell::Number(44.6)),
            Ok(Some(45)),
            "rounded to whole minutes"
        );
        assert_eq!(minutes(&Cell::Empty), Ok(None));
    }

    #[test]
    fn a_cell_may_list_several_values() {
        assert_eq!(
            list("Pesten, Discriminatie;werkdruk / Agressie\nOverig"),
            vec!["Pesten", "Discriminatie", "werkdruk", "Agressie", "Overig"]
        );
        assert!(list(" ; , ").is_empty());
    }
}
