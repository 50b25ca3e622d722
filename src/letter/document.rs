//! A letter as a PDF, laid out by `assets/letter/letter.typ` with Typst and the reports'
//! fonts (PDF/A-2a): the advisor's letterhead, the addressee, place and date, the reference
//! (the dossier's number), the subject and the text, paragraph by paragraph.

use super::LetterInput;
use crate::report::render::pdf::{RenderError, Template, printable, render_template_pdf};
use crate::store::AdvisorDetails;
use chrono::NaiveDate;
use serde::Serialize;

/// What the template prints, every text printable in the fonts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterDocument {
    /// `nl` or `en`.
    pub lang: &'static str,
    /// The letter's date, `YYYY-MM-DD` (the PDF's date).
    pub date: String,
    /// The advisor: name, then address lines (empty when no details are set).
    pub from: Vec<String>,
    /// The addressee's lines.
    pub to: Vec<String>,
    /// "Utrecht, 3 december 2026".
    pub place_date: String,
    /// The dossier's number.
    pub reference: String,
    /// The subject.
    pub subject: String,
    /// The text: paragraphs (split at blank lines), each a list of lines.
    pub paragraphs: Vec<Vec<String>>,
}

impl LetterDocument {
    /// The printed form of a letter dated `date`.
    pub fn new(
        input: &LetterInput,
        advisor: &AdvisorDetails,
        reference: &str,
        date: NaiveDate,
    ) -> LetterDocument {
        let lang = input.lang;
        let lines = |text: &str| -> Vec<String> {
            text.lines()
                .map(|l| printable(l.trim_end()))
                .filter(|l| !l.trim().is_empty())
                .collect()
        };
        let mut from = Vec::new();
        if !advisor.name.trim().is_empty() {
            from.push(printable(advisor.name.trim()));
            let a = &advisor.address;
            for l in [
                a.street.trim().to_owned(),
                format!("{}  {}", a.postcode.trim(), a.city.trim())
                    .trim()
                    .to_owned(),
            ] {
                if !l.is_empty() {
                    from.push(printable(&l));
                }
            }
        }
        let city = advisor.address.city.trim();
        let day = lang.date_in_words(date);
        let place_date = if city.is_empty() {
            day
        } else {
            format!("{}, {day}", printable(city))
        };
        LetterDocument {
            lang: super::lang_code(lang),
            date: date.format("%Y-%m-%d").to_string(),
            from,
            to: lines(&input.recipient),
            place_date,
            reference: printable(reference),
            subject: printable(input.subject.trim()),
            paragraphs: paragraphs(&input.body),
        }
    }

    /// Renders it as a PDF/A-2a; the same letter gives the same bytes.
    pub fn render(&self) -> Result<Vec<u8>, RenderError> {
        let date = NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map_err(|_| RenderError::InvalidDate)?;
        render_template_pdf(Template::Letter, self, date)
    }
}

/// The text's paragraphs: split at blank lines, each a list of its lines (a signature block
/// keeps its line breaks), trailing spaces dropped.
fn paragraphs(body: &str) -> Vec<Vec<String>> {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(printable(line.trim_end()));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_and_keep_line_breaks_within() {
        let p = paragraphs(
            "Beste Jan,\r\n\r\nEen.\nTwee.\n\n\n\nMet vriendelijke groet,\n\nA. Adviseur\nVertrouwenspersoon  \n",
        );
        assert_eq!(
            p,
            vec![
                vec!["Beste Jan,".to_owned()],
                vec!["Een.".to_owned(), "Twee.".to_owned()],
                vec!["Met vriendelijke groet,".to_owned()],
                vec!["A. Adviseur".to_owned(), "Vertrouwenspersoon".to_owned()],
            ],
            "blank lines part paragraphs, single breaks stay, trailing spaces go"
        );
    }
}
