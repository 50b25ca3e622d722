//! Reading the file to import: spreadsheets (.xlsx, .xls, .ods) with calamine, text files
//! (.csv, .txt, .tsv) with csv after decoding. The result is a [`Workbook`] of sheets whose
//! cells sit at their real positions, so row 1 and column A are what the advisor sees in
//! their spreadsheet program. Formulas are never evaluated: a formula cell gives the value
//! the spreadsheet program stored with it.

use super::ImportError;
use super::text::{self, TextEncoding};
use calamine::{Data, Ods, Reader, Xls, Xlsx};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::io::Cursor;
use std::path::Path;

/// The largest file read (a registration of many years is a few MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most rows read from one sheet.
pub const MAX_ROWS: usize = 100_000;
/// The most columns read from one sheet.
pub const MAX_COLUMNS: usize = 256;

/// The kind of file, as recognised from its first bytes (not its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Office Open XML (Excel 2007 and later).
    Xlsx,
    /// Excel 97-2003.
    Xls,
    /// OpenDocument (LibreOffice, OpenOffice).
    Ods,
    /// Delimited text.
    Csv,
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (also every cell of a text file).
    Text(String),
    /// A number (an unformatted Excel date is a number too: its serial).
    Number(f64),
    /// A cell formatted as a date (the time of day, if any, dropped).
    Date(NaiveDate),
    /// TRUE or FALSE.
    Bool(bool),
}

impl Cell {
    /// Whether the cell holds nothing (or only blanks).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way a spreadsheet would show it plainly.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        }
    }
}

/// One sheet: rows of cells at their real positions (row 0 is the spreadsheet's row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name (`CSV` for a text file).
    pub name: String,
    /// Rows; a row may be shorter than the widest (missing cells are empty).
    pub rows: Vec<Vec<Cell>>,
    /// Merged areas as (first row, first column, last row, last column), 0-based.
    pub merged: Vec<Area>,
}

impl Sheet {
    /// The cell at a 0-based row and column (empty outside the data).
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The header of a column in a 0-based header row: its text, or for a cell covered by
    /// a merged area, the text of the area's first cell.
    pub fn header(&self, header_row: usize, col: usize) -> String {
        let own = self.cell(header_row, col);
        if !own.is_blank() {
            return text::clean(&own.display()).0;
        }
        for &(r0, c0, r1, c1) in &self.merged {
            if (r0..=r1).contains(&header_row) && (c0..=c1).contains(&col) {
                return text::clean(&self.cell(r0, c0).display()).0;
            }
        }
        String::new()
    }
}

/// A file read for import.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// What kind of file it was.
    pub kind: FileKind,
    /// For text files: the encoding found.
    pub encoding: Option<TextEncoding>,
    /// For text files: the delimiter found.
    pub delimiter: Option<char>,
    /// Its sheets, in order (one for a text file).
    pub sheets: Vec<Sheet>,
}

/// Reads a file to import. The size is checked before anything is read.
pub fn read(path: &Path) -> Result<Workbook, ImportError> {
    let meta = std::fs::metadata(path).map_err(|_| ImportError::Unreadable)?;
    if !meta.is_file() {
        return Err(ImportError::Unreadable);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            max_bytes: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|_| ImportError::Unreadable)?;
    read_bytes(&bytes)
}

/// Reads a file's bytes (see [`read`]).
pub fn read_bytes(bytes: &[u8]) -> Result<Workbook, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            max_bytes: MAX_FILE_BYTES,
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // A zip: Office Open XML or OpenDocument.
        if let Ok(mut book) = Xlsx::new(Cursor::new(bytes)) {
            let mut merged = Vec::new();
            for name in book.sheet_names() {
                let m = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
                merged.push((name, areas(&m)));
            }
            return spreadsheet(&mut book, FileKind::Xlsx, &merged);
        }
        if let Ok(mut book) = Ods::new(Cursor::new(bytes)) {
            return spreadsheet(&mut book, FileKind::Ods, &[]);
        }
        return Err(ImportError::Unreadable);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let mut book = Xls::new(Cursor::new(bytes)).map_err(|_| ImportError::Unreadable)?;
        let merged: Vec<_> = book
            .sheet_names()
            .into_iter()
            .map(|n| {
                let m = book.merge_cells_by_sheet_name(&n).unwrap_or_default();
                (n, areas(&m))
            })
            .collect();
        return spreadsheet(&mut book, FileKind::Xls, &merged);
    }
    delimited(bytes)
}

type Area = (usize, usize, usize, usize);

fn areas(dims: &[calamine::Dimensions]) -> Vec<Area> {
    dims.iter()
        .map(|d| {
            (
                d.start.0 as usize,
                d.start.1 as usize,
                d.end.0 as usize,
                d.end.1 as usize,
            )
        })
        .collect()
}

fn spreadsheet<'a, R>(
    book: &mut R,
    kind: FileKind,
    merged: &[(String, Vec<Area>)],
) -> Result<Workbook, ImportError>
where
    R: Reader<Cursor<&'a [u8]>>,
{
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|_| ImportError::Unreadable)?;
        let merged = merged
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| m.clone())
            .unwrap_or_default();
        let (height, width) = range.get_size();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (r0, c0) = (r0 as usize, c0 as usize);
        if r0 + height > MAX_ROWS {
            return Err(ImportError::TooManyRows {
                max_rows: MAX_ROWS as u64,
            });
        }
        if c0 + width > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                max_columns: MAX_COLUMNS as u64,
            });
        }
        let mut rows = vec![Vec::new(); r0];
        for r in range.rows() {
            let mut row = vec![Cell::Empty; c0];
            row.extend(r.iter().map(cell_of));
            while matches!(row.last(), Some(Cell::Empty)) {
                row.pop();
            }
            rows.push(row);
        }
        sheets.push(Sheet { name, rows, merged });
    }
    if sheets.is_empty() {
        return Err(ImportError::Unreadable);
    }
    Ok(Workbook {
        kind,
        encoding: None,
        delimiter: None,
        sheets,
    })
}

fn delimited(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let (decoded, encoding) = text::decode(bytes);
    if decoded.contains('\0') {
        // Not text: a binary file of some other kind.
        return Err(ImportError::Unreadable);
    }
    let delimiter = text::sniff_delimiter(&decoded);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| ImportError::Unreadable)?;
        if rows.len() == MAX_ROWS {
            return Err(ImportError::TooManyRows {
                max_rows: MAX_ROWS as u64,
            });
        }
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                max_columns: MAX_COLUMNS as u64,
            });
        }
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Workbook {
        kind: FileKind::Csv,
        encoding: Some(encoding),
        delimiter: Some(delimiter as char),
        sheets: vec![Sheet {
            name: "CSV".to_owned(),
            rows,
            merged: Vec::new(),
        }],
    })
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(t) => Cell::Date(t.date()),
            None => Cell::Number(dt.as_f64()),
        },
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => match s.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()) {
            Some(d) => Cell::Date(d),
            None => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}
