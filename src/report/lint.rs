//! Narrative lint (anonymisation.md, "Presentation"): the advisor's own text is checked
//! before export for what could point at a person: numbers below k (digits and number
//! words), month and day names, names from the organisation's records, and percentages when
//! the report counts fewer than 10 dossiers. Each warning blocks export until the text is
//! changed or the advisor explicitly accepts the warnings.
//!
//! Warnings carry the matched word and its position so the screen can mark it; they are
//! shown to the advisor only and never logged.

use super::document::Narrative;
use serde::{Deserialize, Serialize};

/// Which part of the narrative a warning is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NarrativeSection {
    /// Activities.
    Activities,
    /// Signals and trends.
    Signals,
    /// Recommendations.
    Recommendations,
}

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LintRule {
    /// A number (or number word) between 1 and k - 1.
    SmallNumber,
    /// A month or weekday name: it dates an event.
    DateWord,
    /// A word from the organisation's records (contact label).
    RecordName,
    /// A percentage in a report of fewer than 10 dossiers.
    Percentage,
}

impl LintRule {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            LintRule::SmallNumber => "small_number",
            LintRule::DateWord => "date_word",
            LintRule::RecordName => "record_name",
            LintRule::Percentage => "percentage",
        }
    }

    /// Explanation for the advisor.
    pub fn message(self, lang: crate::Lang, k: u64) -> String {
        match (self, lang) {
            (LintRule::SmallNumber, crate::Lang::Nl) => {
                format!("Een aantal kleiner dan {k} kan naar personen wijzen.")
            }
            (LintRule::SmallNumber, crate::Lang::En) => {
                format!("A number below {k} can point at people.")
            }
            (LintRule::DateWord, crate::Lang::Nl) => {
                "Een maand of dag maakt een gebeurtenis herkenbaar.".to_owned()
            }
            (LintRule::DateWord, crate::Lang::En) => {
                "A month or day makes an event recognisable.".to_owned()
            }
            (LintRule::RecordName, crate::Lang::Nl) => {
                "Deze naam komt uit de gegevens van de organisatie.".to_owned()
            }
            (LintRule::RecordName, crate::Lang::En) => {
                "This name comes from the organisation's records.".to_owned()
            }
            (LintRule::Percentage, crate::Lang::Nl) => {
                "Percentages over minder dan 10 dossiers zijn te herleiden.".to_owned()
            }
            (LintRule::Percentage, crate::Lang::En) => {
                "Percentages of fewer than 10 dossiers can be traced back.".to_owned()
            }
        }
    }
}

/// One warning.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LintWarning {
    /// The section.
    pub section: NarrativeSection,
    /// The rule.
    pub rule: LintRule,
    /// Character offset (not bytes) of the match in the section's text.
    pub start: u32,
    /// Character offset just past the match.
    pub end: u32,
    /// The matched text.
    pub text: String,
}

/// What the lint needs to know about the report.
#[derive(Debug, Clone, Default)]
pub struct LintContext {
    /// The profile's k.
    pub k: u64,
    /// The number of dossiers the report counts.
    pub total: u64,
    /// Names from the organisations' records (contact labels).
    pub record_names: Vec<String>,
}

const NUMBER_WORDS: &[(&str, u64)] = &[
    ("één", 1),
    ("eén", 1),
    ("twee", 2),
    ("drie", 3),
    ("vier", 4),
    ("vijf", 5),
    ("zes", 6),
    ("zeven", 7),
    ("acht", 8),
    ("negen", 9),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("tweetal", 2),
    ("drietal", 3),
    ("viertal", 4),
];

const DATE_WORDS: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "august",
    "october",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "gisteren",
    "yesterday",
    "kerst",
    "christmas",
    "pasen",
    "easter",
];

/// Words of a text with their character offsets: runs of letters and digits (with inner
/// hyphens, apostrophes and decimal separators).
fn words(text: &str) -> Vec<(u32, u32, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_alphanumeric()
                || (matches!(chars[i], '-' | '\'' | '.' | ',')
                    && i + 1 < chars.len()
                    && chars[i + 1].is_alphanumeric()
                    && (chars[i] != '.' && chars[i] != ','
                        || chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit())))
        {
            i += 1;
        }
        out.push((start as u32, i as u32, chars[start..i].iter().collect()));
    }
    out
}

/// Lints the narrative.
pub fn lint(narrative: &Narrative, ctx: &LintContext) -> Vec<LintWarning> {
    let mut out = Vec::new();
    let names: Vec<String> = ctx
        .record_names
        .iter()
        .flat_map(|n| words(n).into_iter().map(|(_, _, w)| w.to_lowercase()))
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    for (section, text) in [
        (NarrativeSection::Activities, &narrative.activities),
        (NarrativeSection::Signals, &narrative.signals),
        (
            NarrativeSection::Recommendations,
            &narrative.recommendations,
        ),
    ] {
        let chars: Vec<char> = text.chars().collect();
        for (start, end, word) in words(text) {
            let lower = word.to_lowercase();
            let mut warn = |rule| {
                out.push(LintWarning {
                    section,
                    rule,
                    start,
                    end,
                    text: word.clone(),
                })
            };
            let number = if lower.chars().all(|c| c.is_ascii_digit()) {
                lower.parse::<u64>().ok()
            } else {
                NUMBER_WORDS
                    .iter()
                    .find(|(w, _)| *w == lower)
                    .map(|&(_, n)| n)
            };
            let next = chars.get(end as usize..).unwrap_or_default();
            let next_word: String = next
                .iter()
                .skip_while(|c| c.is_whitespace())
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            let percent = next.iter().find(|c| !c.is_whitespace()) == Some(&'%')
                || ["procent", "percent"].contains(&next_word.as_str());
            if percent && ctx.total < 10 {
                warn(LintRule::Percentage);
            } else if let Some(n) = number
                && (1..ctx.k).contains(&n)
                && !percent
            {
                warn(LintRule::SmallNumber);
            }
            if DATE_WORDS.contains(&lower.as_str()) {
                warn(LintRule::DateWord);
            }
            if names.contains(&lower) {
                warn(LintRule::RecordName);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(total: u64) -> LintContext {
        LintContext {
            k: 5,
            total,
            record_names: vec!["Mevrouw Jansen (HR)".to_owned()],
        }
    }

    fn rules(text: &str, total: u64) -> Vec<(LintRule, String)> {
        let n = Narrative {
            signals: text.to_owned(),
            ..Narrative::default()
        };
        lint(&n, &ctx(total))
            .into_iter()
            .map(|w| (w.rule, w.text))
            .collect()
    }

    #[test]
    fn small_numbers_digits_and_words_are_flagged() {
        assert_eq!(
            rules("Er waren 3 meldingen en twee gesprekken.", 40),
            vec![
                (LintRule::SmallNumber, "3".to_owned()),
                (LintRule::SmallNumber, "twee".to_owned())
            ],
            "digits and number words below k are flagged"
        );
        assert!(
            rules("Er waren 12 meldingen; 0 klachten.", 40).is_empty(),
            "12 and 0 are not small counts"
        );
        assert!(
            rules("Een medewerker meldde iets.", 40).is_empty(),
            "the article 'een' is not a number"
        );
    }

    #[test]
    fn dates_names_and_percentages_are_flagged() {
        assert_eq!(
            rules("Op maandag in maart sprak Jansen mij aan.", 40),
            vec![
                (LintRule::DateWord, "maandag".to_owned()),
                (LintRule::DateWord, "maart".to_owned()),
                (LintRule::RecordName, "Jansen".to_owned())
            ],
            "weekday, month and a name from the records are flagged"
        );
        assert_eq!(
            rules("Ruim 50% ging over pesten.", 8),
            vec![(LintRule::Percentage, "50".to_owned())],
            "a percentage in a report of 8 dossiers is flagged (and not as a small number)"
        );
        assert!(
            rules("Ruim 50% ging over pesten.", 30).is_empty(),
            "a percentage over 30 dossiers is fine"
        );
        assert_eq!(
            rules("De helft, 50 procent.", 8)[0].0,
            LintRule::Percentage,
            "'procent' counts as a percentage"
        );
    }

    #[test]
    fn offsets_are_in_characters() {
        let n = Narrative {
            activities: "één café op vrijdag".to_owned(),
            ..Narrative::default()
        };
        let w = lint(&n, &ctx(40));
        let friday = w
            .iter()
            .find(|w| w.rule == LintRule::DateWord)
            .expect("vrijdag is flagged");
        assert_eq!(
            (friday.start, friday.end),
            (12, 19),
            "offsets count characters, not bytes, so the screen can mark the word"
        );
        assert!(
            w.iter()
                .any(|w| w.rule == LintRule::SmallNumber && w.text == "één"),
            "één is a number word"
        );
    }
}
