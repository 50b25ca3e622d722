//! The report as a tidy CSV: one row per cell with the columns report, table, row label,
//! column label, period, value, status. A withheld cell has an empty value and status `C`
//! (confidential); a banded total has the value `1-4` (or `1-9`) and status `B`; a row
//! merged into "Overig" because it holds at most k dossiers is listed with an empty value
//! and status `S` (samengevoegd), so that the file says everything the report reveals; a
//! published cell has an empty status. Two dialects:
//! - [`CsvDialect::Standard`]: UTF-8, comma, RFC 4180 quoting, `.` decimal;
//! - [`CsvDialect::ExcelNl`]: UTF-8 with a byte-order mark, semicolon, `,` decimal (what a
//!   Dutch Excel opens correctly by double-click).
//!
//! Output is deterministic: the same model gives byte-identical files. Values are counts, so
//! the decimal separator shows only if a non-integer value is ever added.

use crate::Lang;
use crate::report::model::{CellValue, ReportModel};

/// The CSV dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvDialect {
    /// UTF-8, comma, `.` decimal.
    #[default]
    Standard,
    /// UTF-8 with BOM, semicolon, `,` decimal.
    ExcelNl,
}

impl CsvDialect {
    /// Parses `standard` or `excel-nl`.
    pub fn parse(code: &str) -> Option<CsvDialect> {
        match code {
            "standard" => Some(CsvDialect::Standard),
            "excel-nl" => Some(CsvDialect::ExcelNl),
            _ => None,
        }
    }

    pub(crate) fn delimiter(self) -> u8 {
        match self {
            CsvDialect::Standard => b',',
            CsvDialect::ExcelNl => b';',
        }
    }

    /// Formats a number with the dialect's decimal separator.
    pub fn number(self, value: f64, decimals: usize) -> String {
        let text = format!("{value:.decimals$}");
        match self {
            CsvDialect::Standard => text,
            CsvDialect::ExcelNl => text.replace('.', ","),
        }
    }
}

/// Errors of CSV rendering (writing to memory cannot fail in practice).
#[derive(Debug, thiserror::Error)]
#[error("CSV rendering failed")]
pub struct CsvError;

/// The status code of a withheld cell.
pub const STATUS_CONFIDENTIAL: &str = "C";
/// The status code of a banded total.
pub const STATUS_BANDED: &str = "B";
/// The status code of a row merged into "Overig".
pub const STATUS_MERGED: &str = "S";

/// Renders the model as CSV bytes in the given dialect, with labels in `lang`.
pub fn render(model: &ReportModel, dialect: CsvDialect, lang: Lang) -> Result<Vec<u8>, CsvError> {
    let mut out = Vec::new();
    if dialect == CsvDialect::ExcelNl {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(dialect.delimiter())
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        let header = match lang {
            Lang::Nl => [
                "rapport", "tabel", "rij", "kolom", "periode", "waarde", "status",
            ],
            Lang::En => [
                "report", "table", "row", "column", "period", "value", "status",
            ],
        };
        w.write_record(header).map_err(|_| CsvError)?;
        for table in &model.tables {
            for cell in &table.cells {
                let report = model.period_label.code.clone();
                let (value, status) = match cell.value {
                    CellValue::Published(v) => (v.to_string(), ""),
                    CellValue::Withheld => (String::new(), STATUS_CONFIDENTIAL),
                    CellValue::Banded { upper } => (format!("1-{upper}"), STATUS_BANDED),
                };
                w.write_record([
                    // The period, not the internal report key (a pooled key names
                    // organisation ids, which mean nothing to the reader).
                    report.as_str(),
                    table.title.text(lang),
                    cell.row.text(lang),
                    cell.column.text(lang),
                    cell.period.as_str(),
                    value.as_str(),
                    status,
                ])
                .map_err(|_| CsvError)?;
            }
            for merged in &table.merged {
                w.write_record([
                    model.period_label.code.as_str(),
                    table.title.text(lang),
                    merged.text(lang),
                    model.period_label.text(lang),
                    model.period_label.code.as_str(),
                    "",
                    STATUS_MERGED,
                ])
                .map_err(|_| CsvError)?;
            }
        }
        w.flush().map_err(|_| CsvError)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_dialect() {
        assert_eq!(
            CsvDialect::Standard.number(2.5, 1),
            "2.5",
            "standard uses a point"
        );
        assert_eq!(
            CsvDialect::ExcelNl.number(2.5, 1),
            "2,5",
            "Dutch Excel uses a comma"
        );
    }
}
