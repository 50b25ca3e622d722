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
    fn minutes_show_as_hours() {
        assert_eq!(hm(0), "0:00", "zero");
        assert_eq!(hm(95), "1:35", "hours and minutes");
        assert_eq!(hm(600), "10:00", "ten hours");
    }
}
