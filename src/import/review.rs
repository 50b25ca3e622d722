//! The steps before a dry run: what each column looks like (with the field its header
//! suggests), a drafted mapping, and every distinct value of the coded fields with what it is
//! mapped to now and what Kluis suggests.

use super::ImportError;
use super::mapping::{Columns, Field, Mapping};
use super::source::{Sheet, Workbook};
use super::suggest::{Target, suggest_field, suggest_value, targets};
use super::text::{clean, column_letter};
use super::values;
use crate::model::{Category, Organisation};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One column as the mapping step shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnInfo {
    /// Its letter (`C`).
    pub letter: String,
    /// Its header text (empty when the file has none).
    pub header: String,
    /// The first few values below the header, so the advisor recognises the column.
    pub samples: Vec<String>,
    /// The field its header suggests.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub suggested: Option<Field>,
}

/// One distinct value of a coded field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueReview {
    /// The field.
    pub field: Field,
    /// The value as it is in the file (trimmed).
    pub value: String,
    /// In how many rows it occurs.
    pub rows: u32,
    /// The first row (1-based) it occurs in.
    pub first_row: u32,
    /// What the mapping makes of it now (a code or an organisation's name), if anything.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mapped: Option<String>,
    /// What Kluis suggests, for the advisor to confirm.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub suggestion: Option<String>,
}

/// How many sample values a column shows.
const SAMPLES: usize = 3;

impl Mapping {
    /// The sheet the mapping reads.
    pub fn sheet_of<'w>(&self, book: &'w Workbook) -> Result<&'w Sheet, ImportError> {
        match &self.sheet {
            None => book.sheets.first().ok_or(ImportError::SheetMissing),
            Some(name) => book
                .sheets
                .iter()
                .find(|s| &s.name == name)
                .ok_or(ImportError::SheetMissing),
        }
    }

    /// The 0-based index of the first data row.
    pub fn first_data_row(&self) -> usize {
        self.header_row as usize
    }
}

/// The columns of a sheet below a header row (1-based; 0 = no header row).
pub fn columns(sheet: &Sheet, header_row: u32) -> Vec<ColumnInfo> {
    let first_data = header_row as usize;
    (0..sheet.width())
        .map(|col| {
            let header = if header_row == 0 {
                String::new()
            } else {
                sheet.header(header_row as usize - 1, col)
            };
            let samples = sheet
                .rows
                .iter()
                .skip(first_data)
                .map(|r| {
                    r.get(col)
                        .map(|c| clean(&c.display()).0)
                        .unwrap_or_default()
                })
                .filter(|s| !s.is_empty())
                .take(SAMPLES)
                .map(|s| shorten(&s, 40))
                .collect();
            ColumnInfo {
                letter: column_letter(col),
                suggested: suggest_field(&header),
                header,
                samples,
            }
        })
        .collect()
}

/// A mapping drafted from the headers: each field the first column whose header suggests
/// it (categories every such column), "onbekend" as the default relation and outcome and
/// "medewerker" as the reporter's role where no column has them, and every value that is not
/// a code itself listed, with Kluis's suggestion or empty.
pub fn draft(
    book: &Workbook,
    sheet: Option<String>,
    header_row: u32,
    organisations: &[Organisation],
    categories: &[Category],
) -> Result<Mapping, ImportError> {
    let mut mapping = Mapping {
        sheet,
        header_row,
        ..Mapping::default()
    };
    let s = mapping.sheet_of(book)?;
    for c in columns(s, header_row) {
        let Some(field) = c.suggested else { continue };
        let entry = mapping
            .columns
            .entry(field)
            .or_insert_with(|| Columns(Vec::new()));
        if entry.0.is_empty() || field.multiple() {
            entry.0.push(c.letter);
        }
    }
    for field in [Field::Relation, Field::Outcome] {
        if !mapping.columns.contains_key(&field) {
            mapping.defaults.insert(field, "onbekend".to_owned());
        }
    }
    if !mapping.columns.contains_key(&Field::ReporterRole) {
        mapping
            .defaults
            .insert(Field::ReporterRole, "medewerker".to_owned());
    }
    // Suggestions filled in for review; values without one left empty, which the dry run
    // reports until the advisor fills them in.
    for v in review_values(book, &mapping, organisations, categories)? {
        if v.mapped.is_none() {
            let target = v.suggestion.unwrap_or_default();
            mapping
                .values
                .entry(v.field)
                .or_default()
                .insert(v.value, target);
        }
    }
    Ok(mapping)
}

/// Every distinct value in the columns of the coded fields, in order of first occurrence,
/// with what the mapping makes of it and what Kluis suggests.
pub fn review_values(
    book: &Workbook,
    mapping: &Mapping,
    organisations: &[Organisation],
    categories: &[Category],
) -> Result<Vec<ValueReview>, ImportError> {
    let sheet = mapping.sheet_of(book)?;
    let mut out: Vec<ValueReview> = Vec::new();
    for &field in Field::ALL.iter().filter(|f| f.coded()) {
        let cols = mapping.columns_of(field);
        if cols.is_empty() {
            continue;
        }
        let targets = targets(field, organisations, categories);
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, row) in sheet.rows.iter().enumerate().skip(mapping.first_data_row()) {
            for &col in &cols {
                let Some(cell) = row.get(col) else { continue };
                let text = clean(&cell.display()).0;
                let parts = if field.multiple() {
                    values::list(&text)
                } else if text.is_empty() {
                    Vec::new()
                } else {
                    vec![text]
                };
                for value in parts {
                    if let Some(&at) = seen.get(&value) {
                        out[at].rows += 1;
                        continue;
                    }
                    seen.insert(value.clone(), out.len());
                    out.push(ValueReview {
                        field,
                        mapped: resolve(mapping, field, &value, &targets).ok(),
                        suggestion: suggest_value(&value, &targets),
                        value,
                        rows: 1,
                        first_row: i as u32 + 1,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// What a value of a coded field means: its entry in the mapping (an empty entry is
/// `UnknownValue`), else itself when it is exactly a code (or an organisation's name; blanks
/// around it aside). Anything else, "PESTEN" for `pesten` included, needs an entry: a
/// suggestion the advisor confirmed. A target that is no code is `UnknownValue` too.
pub fn resolve(
    mapping: &Mapping,
    field: Field,
    value: &str,
    targets: &[Target],
) -> Result<String, crate::model::ValidationCode> {
    let value = value.trim();
    let wanted = match mapping.values.get(&field).and_then(|m| m.get(value)) {
        Some(target) if target.trim().is_empty() => {
            return Err(crate::model::ValidationCode::UnknownValue);
        }
        Some(target) => target.trim(),
        None => value,
    };
    targets
        .iter()
        .find(|t| t.code == wanted)
        .map(|t| t.code.clone())
        .ok_or(crate::model::ValidationCode::UnknownValue)
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}
