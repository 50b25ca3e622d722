//! Table design: which tables a report may contain (the gates of anonymisation.md), their
//! rows and columns, and the selections of dossiers their cells count. Nothing here looks at
//! suppression; the design is fixed before disclosure control starts.
//!
//! - [`kind`]: the kinds of table (total, contact type, categories, relation, ...), with
//!   their codes, titles, report sections and row vocabularies;
//! - [`gates`]: which kinds a report gets (size band, profile, period, minimum total) and
//!   the period split of the breakdown columns;
//! - [`recode`]: global recoding: rows with fewer than k dossiers in the period merge into
//!   one labelled row "Overig" before anything is withheld;
//! - [`TableDesign`]: one table's rows and columns, and the selection of every cell in the
//!   order the disclosure [`Table`](super::disclosure::Table) numbers its cells.

pub mod gates;
pub mod kind;
pub mod recode;

use super::model::Label;
use crate::model::{Attribute, CellQuery, ReportPeriod, ReportableDossier, Selection};
use std::collections::BTreeSet;

pub use kind::TableKind;

/// One row: its label and the codes a dossier must have one of (no codes: every dossier,
/// the row of the total table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowDesign {
    /// Label (code, Dutch, English).
    pub label: Label,
    /// The attribute codes it takes.
    pub codes: BTreeSet<String>,
}

/// One column of a breakdown: a part of the report's period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDesign {
    /// Label; its code is the period code.
    pub label: Label,
    /// The part.
    pub period: ReportPeriod,
}

impl ColumnDesign {
    /// The column of a period.
    pub fn of(period: ReportPeriod) -> ColumnDesign {
        ColumnDesign {
            label: Label::new(
                &period.code(),
                &period.label(crate::Lang::Nl),
                &period.label(crate::Lang::En),
            ),
            period,
        }
    }
}

/// A designed table before disclosure control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDesign {
    /// What it shows.
    pub kind: TableKind,
    /// The organisations it counts.
    pub organisations: BTreeSet<i64>,
    /// The whole period.
    pub period: ReportPeriod,
    /// Rows (after recoding).
    pub rows: Vec<RowDesign>,
    /// Columns: the parts of the period, or (a cross table) the rows of a second attribute,
    /// or nothing (one column: the whole period).
    pub columns: Columns,
    /// Rows merged into "Overig".
    pub merged: Vec<Label>,
}

/// The columns of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Columns {
    /// One column: the whole period.
    Whole,
    /// The parts of the period (at least two).
    Parts(Vec<ColumnDesign>),
    /// A second attribute over the whole period (a cross table).
    Cross(Attribute, Vec<RowDesign>),
}

/// Where a cell sits in a designed table, in the order of the disclosure table's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellPlace {
    /// The row (`None`: a column margin or the total).
    pub row: Option<usize>,
    /// The column (`None`: the whole period, a row margin or the total).
    pub column: Option<usize>,
}

impl TableDesign {
    /// The selection of a row (or every row: `None`) in a column (or the whole period).
    fn selection(&self, row: Option<usize>, column: Option<usize>) -> Selection {
        let period = match (&self.columns, column) {
            (Columns::Parts(parts), Some(c)) => parts[c].period,
            _ => self.period,
        };
        let mut s = Selection::new(self.organisations.iter().copied(), [period]);
        if let Some(attribute) = self.kind.attribute() {
            let codes: BTreeSet<String> = match row {
                Some(r) => self.rows[r].codes.clone(),
                None => self.rows.iter().flat_map(|r| r.codes.clone()).collect(),
            };
            s = s.with(attribute, codes);
        }
        if let Columns::Cross(attribute, cols) = &self.columns {
            let codes: BTreeSet<String> = match column {
                Some(c) => cols[c].codes.clone(),
                None => cols.iter().flat_map(|r| r.codes.clone()).collect(),
            };
            s = s.with(*attribute, codes);
        }
        s
    }

    /// The number of columns of the body (1 for the whole period).
    pub fn body_columns(&self) -> usize {
        match &self.columns {
            Columns::Whole => 1,
            Columns::Parts(p) => p.len(),
            Columns::Cross(_, c) => c.len(),
        }
    }

    /// Every cell's place, in the order of the disclosure table: a one-column table lists
    /// its rows then the total; a two-way table its body row by row, the row margins, the
    /// column margins and the total.
    pub fn places(&self) -> Vec<CellPlace> {
        let nr = self.rows.len();
        if matches!(self.columns, Columns::Whole) {
            return (0..nr)
                .map(|r| CellPlace {
                    row: Some(r),
                    column: None,
                })
                .chain(std::iter::once(CellPlace {
                    row: None,
                    column: None,
                }))
                .collect();
        }
        let nc = self.body_columns();
        let mut out = Vec::with_capacity(nr * nc + nr + nc + 1);
        for r in 0..nr {
            for c in 0..nc {
                out.push(CellPlace {
                    row: Some(r),
                    column: Some(c),
                });
            }
        }
        out.extend((0..nr).map(|r| CellPlace {
            row: Some(r),
            column: None,
        }));
        out.extend((0..nc).map(|c| CellPlace {
            row: None,
            column: Some(c),
        }));
        out.push(CellPlace {
            row: None,
            column: None,
        });
        out
    }

    /// The selection of a cell.
    pub fn query(&self, place: CellPlace) -> CellQuery {
        self.selection(place.row, place.column).into()
    }

    /// The body cells (not margins) in the order of [`TableDesign::places`].
    pub fn is_body(&self, place: CellPlace) -> bool {
        place.row.is_some() && (place.column.is_some() || matches!(self.columns, Columns::Whole))
    }

    /// The selection of a row over the whole period (the row's total).
    pub fn row_query(&self, row: usize) -> CellQuery {
        self.selection(Some(row), None).into()
    }

    /// The selection of one merged row over the whole period.
    pub fn merged_query(&self, code: &str) -> Option<CellQuery> {
        let attribute = self.kind.attribute()?;
        Some(
            Selection::new(self.organisations.iter().copied(), [self.period])
                .with(attribute, [code])
                .into(),
        )
    }

    /// The codes of the cell's row and column attributes that a phantom dossier there
    /// would have (the first code of each), for an empty body cell.
    pub fn phantom_codes(&self, place: CellPlace) -> Vec<(Attribute, String)> {
        let mut out = Vec::new();
        if let (Some(attribute), Some(r)) = (self.kind.attribute(), place.row)
            && let Some(code) = self.rows[r].codes.iter().next()
        {
            out.push((attribute, code.clone()));
        }
        if let (Columns::Cross(attribute, cols), Some(c)) = (&self.columns, place.column)
            && let Some(code) = cols[c].codes.iter().next()
        {
            out.push((*attribute, code.clone()));
        }
        out
    }

    /// The part of the period a cell counts (the whole period for margins and crosses).
    pub fn cell_period(&self, place: CellPlace) -> ReportPeriod {
        match (&self.columns, place.column) {
            (Columns::Parts(parts), Some(c)) => parts[c].period,
            _ => self.period,
        }
    }

    /// The whole-period count of each row among these dossiers (true values, for the
    /// design decisions only).
    pub fn row_totals(&self, dossiers: &[&ReportableDossier]) -> Vec<u64> {
        let Some(attribute) = self.kind.attribute() else {
            return vec![dossiers.len() as u64; self.rows.len()];
        };
        self.rows
            .iter()
            .map(|row| {
                dossiers
                    .iter()
                    .filter(|d| attribute.values(d).iter().any(|v| row.codes.contains(v)))
                    .count() as u64
            })
            .collect()
    }
}
