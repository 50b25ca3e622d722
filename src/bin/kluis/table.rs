//! Human-readable output: aligned text tables (numbers right-aligned) and label/value lists.

/// How a column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// A text table with a header, a rule and rows.
#[derive(Debug, Clone)]
pub struct Table {
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
    footer: Option<Vec<String>>,
}

fn width(s: &str) -> usize {
    s.chars().count()
}

impl Table {
    /// A table with these column headers and alignments.
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            header: columns.iter().map(|(h, _)| (*h).to_owned()).collect(),
            align: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
            footer: None,
        }
    }

    /// Adds a row; missing cells are empty, extra cells are dropped.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(self.fit(cells));
    }

    /// Sets a footer row (such as totals), shown below a second rule.
    pub fn footer(&mut self, cells: Vec<String>) {
        self.footer = Some(self.fit(cells));
    }

    fn fit(&self, mut cells: Vec<String>) -> Vec<String> {
        cells.resize(self.header.len(), String::new());
        cells
    }

    /// The table as text, one line per row, without trailing spaces.
    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for row in self.rows.iter().chain(self.footer.iter()) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let rule: String = {
            let total = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            "-".repeat(total)
        };
        let line = |cells: &[String]| -> String {
            let mut out = String::new();
            for (i, cell) in cells.iter().enumerate() {
                if i > 0 {
                    out.push_str("  ");
                }
                let pad = " ".repeat(widths[i] - width(cell));
                match self.align[i] {
                    Align::Left => {
                        out.push_str(cell);
                        out.push_str(&pad);
                    }
                    Align::Right => {
                        out.push_str(&pad);
                        out.push_str(cell);
                    }
                }
            }
            out.trim_end().to_owned()
        };
        let mut out = vec![line(&self.header), rule.clone()];
        out.extend(self.rows.iter().map(|r| line(r)));
        if let Some(f) = &self.footer {
            out.push(rule);
            out.push(line(f));
        }
        out.join("\n")
    }
}

/// Label/value lines with the values aligned.
pub fn fields(rows: &[(String, String)]) -> String {
    let w = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    rows.iter()
        .map(|(label, value)| {
            let pad = " ".repeat(w - width(label));
            format!("{label}:{pad}  {value}").trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text as it may reach a terminal: every control character and every character that
/// reorders what is shown ([`kluis::model::is_control_character`]: ESC, CSI, NUL, BEL,
/// U+202E, ...) becomes the visible escape `\uXXXX`; line breaks and tabs stay. The same
/// escape is valid inside a JSON string, so `--json` output stays valid JSON with the same
/// value (serde_json already escapes what is below U+0020).
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && c != '\t' && kluis::model::is_control_character(c);
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            // Every such character is in the Basic Multilingual Plane: four hex digits.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Writes one line to standard output through [`terminal_safe`], then overwrites the
/// formatted text with zeros: it may hold notes or a recovery key. (Standard output's own
/// line buffer and the terminal's scrollback are outside the program's reach.)
pub fn write_line(mut line: String) -> std::io::Result<()> {
    use std::io::Write as _;
    use zeroize::Zeroize as _;
    let result = match terminal_safe(&line) {
        std::borrow::Cow::Borrowed(text) => writeln!(std::io::stdout(), "{text}"),
        std::borrow::Cow::Owned(mut text) => {
            let r = writeln!(std::io::stdout(), "{text}");
            text.zeroize();
            r
        }
    };
    line.zeroize();
    result
}

/// Minutes as `H:MM`.
pub fn hm(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_numbers_go_right() {
        let mut t = Table::new(&[("Naam", Align::Left), ("Aantal", Align::Right)]);
        t.row(vec!["Bakkerij".into(), "7".into()]);
        t.row(vec!["Zorg één".into(), "1234".into()]);
        t.footer(vec!["Totaal".into(), "1241".into()]);
        let text = t.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0], "Naam      Aantal",
            "header padded to the widest cell"
        );
        assert_eq!(lines[1], "----------------", "the rule spans every column");
        assert_eq!(lines[2], "Bakkerij       7", "numbers are right-aligned");
        assert_eq!(
            lines[3], "Zorg één    1234",
            "width counts characters, not bytes"
        );
        assert_eq!(
            lines[5], "Totaal      1241",
            "the footer follows a second rule"
        );
    }

    #[test]
    fn label_value_lines_align() {
        let text = fields(&[("A".into(), "1".into()), ("Lang".into(), "2".into())]);
        assert_eq!(text, "A:     1\nLang:  2", "values start in one column");
    }

    #[test]
    fn control_sequences_from_the_vault_never_reach_the_terminal() {
        let hostile = "Bakkerij\u{1b}]0;titel\u{7}\u{1b}[2J\u{9b}31m\u{202e}ehT\r\0\u{7f}";
        let shown = terminal_safe(hostile);
        assert!(
            !shown
                .chars()
                .any(|c| c != '\n' && c != '\t' && c.is_control())
                && !shown.contains('\u{202e}'),
            "no control character or bidi override is printed as is: {shown:?}"
        );
        assert_eq!(
            shown,
            "Bakkerij\\u001b]0;titel\\u0007\\u001b[2J\\u009b31m\\u202eehT\\u000d\\u0000\\u007f",
            "each one is shown as a visible escape, so the advisor sees that it is there"
        );
        assert_eq!(
            terminal_safe("Regel 1\n\tRegel 2 – Één"),
            "Regel 1\n\tRegel 2 – Één",
            "ordinary text, line breaks and tabs are untouched"
        );
        let json = serde_json::to_string(&serde_json::json!({ "name": hostile })).expect("JSON");
        let safe = terminal_safe(&json);
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still valid JSON");
        assert_eq!(
            back["name"], hostile,
            "in --json output the escape is a JSON escape: a script reads the exact value"
        );
    }

    #[test]
    fn minutes_show_as_hours() {
        assert_eq!(hm(0), "0:00", "zero");
        assert_eq!(hm(95), "1:35", "hours and minutes");
        assert_eq!(hm(600), "10:00", "ten hours");
    }
}
