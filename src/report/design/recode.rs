//! Global recoding, as statistical offices do it before any cell is withheld: every row
//! that holds at most k dossiers over the report's period is merged into one labelled row
//! "Overig". A reader then sees "Overige relaties 7" instead of three x's, and what the
//! merge reveals is exactly two kinds of range, both given to the audit: a row shown on its
//! own holds at least k + 1 dossiers, a merged row at most k. Every row of the vocabulary is
//! either shown (zeros included) or merged, so no row is left out and nothing is revealed by
//! omission.
//!
//! The threshold is k, not k - 1, so that the revealed upper end never equals a small count:
//! a merged row of k - 1 dossiers can still be k as far as anyone can tell. Each merged row
//! that holds a small count is itself protected (interval and insider audit), since the sum
//! of a few merged rows can pin them (two rows of at most 5 that add up to 10).

use super::{Columns, RowDesign, TableDesign};
use crate::model::{CellQuery, ReportableDossier};
use crate::report::model::Label;
use crate::report::utility::MERGED_ROW;
use std::collections::BTreeSet;

/// A range a design reveals: the cell named `key` of the table lies in `lower..=upper`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevealedRange {
    /// Cell key (`getoond|pesten`, `samengevoegd|corruptie`).
    pub key: String,
    /// The dossiers it counts.
    pub query: CellQuery,
    /// Smallest value.
    pub lower: u64,
    /// Largest value (`None`: no upper end).
    pub upper: Option<u64>,
}

/// The label of the merged row.
pub fn merged_label() -> Label {
    Label::new(MERGED_ROW, "Overig (samengevoegd)", "Other (merged)")
}

/// Merges the rows of `design` with at most `k` dossiers (counted over the whole period
/// among `dossiers`) into "Overig", and returns the recoded design with the ranges it
/// reveals. `None` when every row is merged (the table would show only its total).
pub fn recode(
    mut design: TableDesign,
    dossiers: &[&ReportableDossier],
    k: u64,
) -> Option<(TableDesign, Vec<RevealedRange>)> {
    let totals = design.row_totals(dossiers);
    let mut shown = Vec::new();
    let mut merged: Vec<RowDesign> = Vec::new();
    for (row, total) in design.rows.iter().zip(totals) {
        if total > k {
            shown.push(row.clone());
        } else {
            merged.push(row.clone());
        }
    }
    if shown.is_empty() && design.kind.attribute().is_some() {
        return None;
    }
    let mut ranges = Vec::new();
    for (r, row) in shown.iter().enumerate() {
        let mut d = design.clone();
        d.rows = shown.clone();
        if design.kind.attribute().is_some() {
            ranges.push(RevealedRange {
                key: format!("getoond|{}", row.label.code),
                query: d.row_query(r),
                lower: k + 1,
                upper: None,
            });
        }
    }
    for row in &merged {
        for c in &row.codes {
            if let Some(query) = design.merged_query(c) {
                ranges.push(RevealedRange {
                    key: format!("samengevoegd|{c}"),
                    query,
                    lower: 0,
                    upper: Some(k),
                });
            }
        }
    }
    design.merged = merged.iter().map(|r| r.label.clone()).collect();
    if !merged.is_empty() {
        let codes: BTreeSet<String> = merged.iter().flat_map(|r| r.codes.clone()).collect();
        shown.push(RowDesign {
            label: merged_label(),
            codes,
        });
    }
    design.rows = shown;
    if let Columns::Cross(attribute, cols) = design.columns.clone() {
        // The columns of a cross table are recoded the same way, by their own totals.
        let counts: Vec<u64> = cols
            .iter()
            .map(|col| {
                dossiers
                    .iter()
                    .filter(|d| attribute.values(d).iter().any(|v| col.codes.contains(v)))
                    .count() as u64
            })
            .collect();
        let (mut kept, mut small): (Vec<RowDesign>, Vec<RowDesign>) = (Vec::new(), Vec::new());
        for (col, n) in cols.into_iter().zip(counts) {
            if n > k {
                kept.push(col);
            } else {
                small.push(col);
            }
        }
        for col in &kept {
            let query =
                crate::model::Selection::new(design.organisations.iter().copied(), [design.period])
                    .with(attribute, col.codes.clone())
                    .into();
            ranges.push(RevealedRange {
                key: format!("getoond_kolom|{}", col.label.code),
                query,
                lower: k + 1,
                upper: None,
            });
        }
        for col in &small {
            for c in &col.codes {
                let query = crate::model::Selection::new(
                    design.organisations.iter().copied(),
                    [design.period],
                )
                .with(attribute, [c.clone()])
                .into();
                ranges.push(RevealedRange {
                    key: format!("samengevoegd_kolom|{c}"),
                    query,
                    lower: 0,
                    upper: Some(k),
                });
            }
        }
        if !small.is_empty() {
            kept.push(RowDesign {
                label: merged_label(),
                codes: small.iter().flat_map(|c| c.codes.clone()).collect(),
            });
        }
        if kept.len() < 2 {
            return None;
        }
        design.columns = Columns::Cross(attribute, kept);
    }
    Some((design, ranges))
}
