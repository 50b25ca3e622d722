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

/// A range an earlier report revealed without a value: a band (`1-4`), a row shown because
/// it holds at least k dossiers, a row merged into "Overig" because it holds fewer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RangeEntry {
    /// Its name.
    pub cell: CellRef,
    /// The inner cells it adds up.
    pub vector: CellVector,
    /// The smallest value the report allows.
    pub lower: u64,
    /// The largest (`None`: no upper end).
    pub upper: Option<u64>,
    /// For a range the report being built reveals: the code of the table that reveals it
    /// (a dropped table reveals nothing).
    pub home: Option<String>,
}

/// A cell that must stay protected: withheld by an earlier report, or protected by the
/// report being built without being one of its table cells (a row merged into "Overig", a
/// cell the pooled rule protects).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProtectedCell {
    /// Its name.
    pub cell: CellRef,
    /// The inner cells it adds up.
    pub vector: CellVector,
    /// For a cell of the report being built: the code of the table it belongs to, whose
    /// cells are withheld first to protect it.
    pub home: Option<String>,
}

/// Everything released before this report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Ledger {
    /// Published cells, in publication order.
    pub published: Vec<LedgerEntry>,
    /// Cells the report being protected publishes whatever else it withholds (its totals,
    /// decided before the breakdowns): published equations, but not known before it.
    pub fixed: Vec<LedgerEntry>,
    /// Ranges earlier reports revealed.
    pub ranges: Vec<RangeEntry>,
    /// Ranges the report being protected reveals whatever it withholds (its banded total,
    /// and which rows it shows on their own or merges into "Overig"). Not known before it.
    pub revealed: Vec<RangeEntry>,
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
                        home: None,
                    });
                }
            }
        }
    }

    /// Checks that every entry lies in `space` and that every published value still equals
    /// the frozen counts (a published period never changes).
    pub fn check(&self, space: &InnerSpace) -> Result<(), DisclosureError> {
        for e in self.published.iter().chain(&self.fixed) {
            if space.value(&e.vector)? != e.value {
                return Err(DisclosureError::LedgerMismatch {
                    table: e.cell.table.clone(),
                    cell: e.cell.cell.clone(),
                });
            }
        }
        for r in self.ranges.iter().chain(&self.revealed) {
            let v = space.value(&r.vector)?;
            if v < r.lower || r.upper.is_some_and(|u| v > u) {
                return Err(DisclosureError::LedgerMismatch {
                    table: r.cell.table.clone(),
                    cell: r.cell.cell.clone(),
                });
            }
        }
        for p in &self.protected {
            space.check(&p.vector)?;
        }
        Ok(())
    }

    /// The ledger as it stands when only the tables with these codes are published: the
    /// ranges revealed and the cells protected by the report's other tables are left out.
    pub fn for_tables(&self, codes: &std::collections::BTreeSet<&str>) -> Ledger {
        let kept = |home: &Option<String>| home.as_deref().is_none_or(|h| codes.contains(h));
        Ledger {
            published: self.published.clone(),
            fixed: self.fixed.clone(),
            ranges: self.ranges.clone(),
            revealed: self
                .revealed
                .iter()
                .filter(|r| kept(&r.home))
                .cloned()
                .collect(),
            protected: self
                .protected
                .iter()
                .filter(|p| kept(&p.home))
                .cloned()
                .collect(),
            latent: self.latent.clone(),
        }
    }

    /// Whether some published entry (earlier, or fixed in this report) has exactly this
    /// inner-cell set.
    pub fn has_published(&self, vector: &CellVector) -> bool {
        self.published
            .iter()
            .chain(&self.fixed)
            .any(|e| &e.vector == vector)
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
    /// Index of the new cell in its table.
    pub new_cell: usize,
    /// Index of the ledger cell in [`Ledger::published`].
    pub entry: usize,
    /// Whether the new cell contains the ledger cell (new minus ledger); otherwise the
    /// ledger cell contains the new one (ledger minus new).
    pub new_outer: bool,
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
        for (c, cell) in table.cells().iter().enumerate() {
            if profile.primary(cell).is_some() {
                continue;
            }
            for (entry, e) in ledger.published.iter().enumerate() {
                let (vector, name, new_outer) = if e.vector.len() < cell.vector.len()
                    && e.vector.is_subset(&cell.vector)
                {
                    (
                        cell.vector.difference(&e.vector),
                        format!("{} - {}", cell.key, e.cell),
                        true,
                    )
                } else if cell.vector.len() < e.vector.len() && cell.vector.is_subset(&e.vector) {
                    (
                        e.vector.difference(&cell.vector),
                        format!("{} - {}", e.cell, cell.key),
                        false,
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
                        new_cell: c,
                        entry,
                        new_outer,
                        vector,
                    });
                }
            }
        }
    }
    Ok(out)
}
