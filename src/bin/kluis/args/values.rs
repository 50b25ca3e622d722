//! Value parsers shared by the commands: vocabularies, dates, months.

use super::*;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMonth {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
}

/// A closed vocabulary of the model, for [`vocab`].
pub trait Vocab: Copy + Send + Sync + 'static {
    /// Every value.
    fn all() -> &'static [Self];
    /// The stable code.
    fn code(self) -> &'static str;
    /// The label.
    fn label(self, lang: Lang) -> &'static str;
}

macro_rules! impl_vocab {
    ($($t:ty),* $(,)?) => {$(
        impl Vocab for $t {
            fn all() -> &'static [Self] {
                <$t>::ALL
            }
            fn code(self) -> &'static str {
                <$t>::code(self)
            }
            fn label(self, lang: Lang) -> &'static str {
                <$t>::label(self, lang)
            }
        }
    )*};
}

impl_vocab!(
    Action,
    Activity,
    Arrangement,
    ConsentScope,
    ContactType,
    ConversationMode,
    DeadlineKind,
    DossierStatus,
    Gender,
    IdentityCheck,
    Outcome,
    Relation,
    ReporterRole,
);
impl_vocab!(
    kluis::model::PartyRole,
    kluis::model::SupportedSide,
    kluis::model::ConflictDecision,
    kluis::model::LinkKind,
    kluis::invoice::InvoiceUnit,
    kluis::model::LetterKind,
);

/// A value parser for a vocabulary: its codes are the possible values (listed in help and in
/// errors), with their labels as help.
pub fn vocab<T: Vocab>() -> impl TypedValueParser<Value = T> {
    let lang = startup_lang();
    PossibleValuesParser::new(
        T::all()
            .iter()
            .map(|v| PossibleValue::new(v.code()).help(v.label(lang))),
    )
    .map(|s: String| {
        T::all()
            .iter()
            .copied()
            .find(|v| v.code() == s)
            .expect("clap passes only listed codes")
    })
}

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses `YYYY-MM-DD`; a date that does not exist (2026-02-30) is refused.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let shaped = matches!(parts.as_slice(), [y, m, d] if is_digits(y, 4) && is_digits(m, 2) && is_digits(d, 2));
    let nl = startup_lang() == Lang::Nl;
    if !shaped {
        return Err(if nl {
            "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-15".into()
        } else {
            "write the date as YYYY-MM-DD, for example 2026-03-15".into()
        });
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        if nl {
            "deze datum bestaat niet".into()
        } else {
            "this date does not exist".into()
        }
    })
}

/// Parses `YYYY-MM`.
pub fn year_month(s: &str) -> Result<YearMonth, String> {
    let nl = startup_lang() == Lang::Nl;
    let err = || -> String {
        if nl {
            "schrijf de maand als JJJJ-MM, bijvoorbeeld 2026-03".into()
        } else {
            "write the month as YYYY-MM, for example 2026-03".into()
        }
    };
    let (y, m) = s.trim().split_once('-').ok_or_else(err)?;
    if !is_digits(y, 4) || !is_digits(m, 2) {
        return Err(err());
    }
    let year: i32 = y.parse().map_err(|_| err())?;
    let month: u32 = m.parse().map_err(|_| err())?;
    if !(1..=12).contains(&month) {
        return Err(if nl {
            "deze maand bestaat niet".into()
        } else {
            "this month does not exist".into()
        });
    }
    Ok(YearMonth { year, month })
}

/// Parses `YYYY-MM-DD HH:MM` (or with a `T`), the advisor's local time.
pub fn date_time(s: &str) -> Result<chrono::NaiveDateTime, String> {
    let nl = startup_lang() == Lang::Nl;
    let t = s.trim().replacen('T', " ", 1);
    let (d, hm) = t.split_once(' ').ok_or_else(|| {
        if nl {
            "schrijf het tijdstip als \"JJJJ-MM-DD UU:MM\", bijvoorbeeld \"2026-03-15 09:30\""
                .to_owned()
        } else {
            "write the time as \"YYYY-MM-DD HH:MM\", for example \"2026-03-15 09:30\"".to_owned()
        }
    })?;
    let day = date(d)?;
    let time = chrono::NaiveTime::parse_from_str(hm.trim(), "%H:%M").map_err(|_| {
        if nl {
            "deze tijd bestaat niet (UU:MM)".to_owned()
        } else {
            "this time does not exist (HH:MM)".to_owned()
        }
    })?;
    Ok(day.and_time(time))
}

/// A decimal number written with a point or a comma as the decimal separator and at most
/// `places` decimals, as a whole number of its smallest unit (`places` = 2: "1200,5" is
/// 120050). No thousands separator: "1.200" is refused (three decimals), so it can never be
/// read as 1.20 when 1200 was meant. `signed` allows a leading `-`.
fn scaled(s: &str, places: u32, signed: bool) -> Option<i64> {
    let t = s.trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) if signed => (true, rest),
        _ => (false, t),
    };
    let (whole, frac) = match t.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (t, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    // At most 12 whole digits: far beyond any amount the core accepts, never an overflow.
    if !digits(whole) || whole.len() > 12 {
        return None;
    }
    let mut value = whole.parse::<i64>().ok()? * 10_i64.pow(places);
    if let Some(f) = frac {
        // "12." and "12,3,4" are refused, as are more decimals than the unit has.
        if !digits(f) || f.len() > places as usize {
            return None;
        }
        value += f.parse::<i64>().ok()? * 10_i64.pow(places - f.len() as u32);
    }
    Some(if negative { -value } else { value })
}

/// Parses an amount in euro ("1200", "1200.50", "95,00") into cents. A point or a comma is
/// the decimal separator; at most two decimals; no thousands separator ("1.200,50" is
/// refused); never negative.
pub fn euro_cents(s: &str) -> Result<i64, String> {
    scaled(s, 2, false).ok_or_else(|| {
        if startup_lang() == Lang::Nl {
            "schrijf het bedrag in euro, zonder minteken of duizendtallen en met hoogstens twee decimalen: 1200, 1200,50 of 95.00".into()
        } else {
            "write the amount in euro, without a minus sign or thousands separators and with at most two decimals: 1200, 1200.50 or 95,00".into()
        }
    })
}

/// Parses a VAT percentage ("21", "9", "0", "5,5") into basis points (2100). Which rates are
/// allowed is the core's rule.
pub fn vat_percent(s: &str) -> Result<u32, String> {
    scaled(s.trim().trim_end_matches('%'), 2, false)
        .and_then(|bp| u32::try_from(bp).ok())
        .ok_or_else(|| {
            if startup_lang() == Lang::Nl {
                "schrijf het btw-percentage als getal: 21, 9 of 0".into()
            } else {
                "write the VAT rate as a number: 21, 9 or 0".into()
            }
        })
}

/// Parses a quantity ("1", "1.5", "-2,25") into thousandths (1500). At most three decimals;
/// a negative quantity is a deduction.
pub fn quantity_milli(s: &str) -> Result<i64, String> {
    scaled(s, 3, true).ok_or_else(|| {
        if startup_lang() == Lang::Nl {
            "schrijf de hoeveelheid als getal met hoogstens drie decimalen: 1, 1,5 of -2.25".into()
        } else {
            "write the quantity as a number with at most three decimals: 1, 1.5 or -2.25".into()
        }
    })
}

/// A date, or `none` to clear one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateOrNone(pub Option<NaiveDate>);

/// Parses `YYYY-MM-DD` or `none` (also `geen`).
pub fn date_or_none(s: &str) -> Result<DateOrNone, String> {
    match s.trim().to_lowercase().as_str() {
        "none" | "geen" => Ok(DateOrNone(None)),
        _ => date(s).map(|d| DateOrNone(Some(d))),
    }
}
