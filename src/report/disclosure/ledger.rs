//! What the employer already has: the release ledger as disclosure control sees it. Every
//! published cell of every earlier report is an equation (inner-cell set = value) that stays
//! true forever; every cell an earlier report withheld as primary must stay protected against
//! everything published since. The store's `release_ledger` table keeps the published cells;
//! the withheld primary cells are recomputed by the caller by re-running the (deterministic)
//! suppression of the frozen earlier periods, since the ledger stores only what was shown.
//!
//! Differencing: when a new cell and a ledger cell are nested (a year and one of its quarters,
//! a year and the year-to-date, a pooled report and one organisation's own report), their
//! difference can be computed by subtraction. When that difference is a small count it is a
//! [`DerivedCell`] and is protected like a primary cell, unless the ledger alone already gives
//! it away (then it was never this report's to protect).

use super::Decision;
use super::{CellRef, CellVector, DisclosureError, InnerSpace, Primary, Profile, Table};

/// One published cell of an earlier report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LedgerEntry {
    /// Its name (table usually `report/table`).
    pub cell: CellRef,
    /// The inner cells it adds up.
    pub vector: CellVector,
    /// The published value.
    pub value: u64,
}

/// A cell an earlier report withheld as primary; it must stay protected.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProtectedCell {
    /// Its name.
    pub cell: CellRef,
    /// The inner cells it adds up.
    pub vector: CellVector,
}

/// Everything released before this report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Ledger {
    /// Published cells, in publication order.
    pub published: Vec<LedgerEntry>,
    /// Withheld primary cells of earlier reports.
    pub protected: Vec<ProtectedCell>,
    /// Small counts that no table shows but differences of releases could isolate (a
    /// calendar part of the year by an attribute): kept out of the span of everything
    /// published (exact rank), without the interval requirement.
    pub latent: Vec<ProtectedCell>,
}

impl Ledger {
    /// An empty ledger (the first report).
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Appends what a report released: its published cells as equations and its primary
    /// cells as protected cells. `decisions` holds one decision per cell per table (dropped
    /// tables are left out). Table names get the prefix `report_key/`.
    pub fn record(
        &mut self,
        report_key: &str,
        tables: &[Table],
        decisions: &[Vec<Decision>],
        profile: Profile,
    ) {
        for (table, decisions) in tables.iter().zip(decisions) {
            let name = format!("{report_key}/{}", table.code());
            for (cell, decision) in table.cells().iter().zip(decisions) {
                let cell_ref = CellRef {
                    table: name.clone(),
                    cell: cell.key.clone(),
                };
                if *decision == Decision::Publish {
                    self.published.push(LedgerEntry {
                        cell: cell_ref,
                        vector: cell.vector.clone(),
                        value: cell.value,
                    });
                } else if profile.primary(cell).is_some() {
                    self.protected.push(ProtectedCell {
                        cell: cell_ref,
                        vector: cell.vector.clone(),
                    });
                }
            }
        }
    }

    /// Checks that every entry lies in `space` and that every published value still equals
    /// the frozen counts (a published period never changes).
    pub fn check(&self, space: &InnerSpace) -> Result<(), DisclosureError> {
        for e in &self.published {
            if space.value(&e.vector)? != e.value {
                return Err(DisclosureError::LedgerMismatch {
                    table: e.cell.table.clone(),
                    cell: e.cell.cell.clone(),
                });
            }
        }
        for p in &self.protected {
            space.check(&p.vector)?;
        }
        Ok(())
    }

    /// Whether some published entry has exactly this inner-cell set.
    pub fn has_published(&self, vector: &CellVector) -> bool {
        self.published.iter().any(|e| &e.vector == vector)
    }
}

/// A small count that subtraction of nested cells would give: a new cell minus a ledger cell
/// it contains, or a ledger cell minus a new cell it contains.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DerivedCell {
    /// Its name: the table of the new cell, and `new key - ledger name` (or the reverse).
    pub cell: CellRef,
    /// Index of the table of the new cell.
    pub table: usize,
    /// The inner cells of the difference.
    pub vector: CellVector,
}

/// The derived cells of `tables` against `ledger`: every difference of a properly nested pair
/// (one non-primary cell from `tables`, one published ledger cell) whose true value is a
/// primary value,
/// each inner-cell set once, in a fixed order. Differences the ledger alone spans are not
/// filtered here; the suppression and the audit exempt them.
pub fn derived_cells(
    space: &InnerSpace,
    tables: &[Table],
    ledger: &Ledger,
    profile: Profile,
) -> Result<Vec<DerivedCell>, DisclosureError> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        // A primary cell is withheld, so it cannot be subtracted; its own protection covers
        // the difference's computability.
        for cell in table
            .cells()
            .iter()
            .filter(|c| profile.primary(c).is_none())
        {
            for e in &ledger.published {
                let (vector, name) = if e.vector.len() < cell.vector.len()
                    && e.vector.is_subset(&cell.vector)
                {
                    (
                        cell.vector.difference(&e.vector),
                        format!("{} - {}", cell.key, e.cell),
                    )
                } else if cell.vector.len() < e.vector.len() && cell.vector.is_subset(&e.vector) {
                    (
                        e.vector.difference(&cell.vector),
                        format!("{} - {}", e.cell, cell.key),
                    )
                } else {
                    continue;
                };
                let small = profile.primary_value(space.value(&vector)?, super::CellKind::Interior)
                    == Some(Primary::Small);
                if small && seen.insert(vector.clone()) {
                    out.push(DerivedCell {
                        cell: CellRef {
                            table: table.code().to_owned(),
                            cell: name,
                        },
                        table: t,
                        vector,
                    });
                }
            }
        }
    }
    Ok(out)
}
