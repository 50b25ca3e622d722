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
