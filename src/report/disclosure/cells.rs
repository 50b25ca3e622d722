//! Cells and tables. The finest cells of a report ("inner cells", for example category x
//! quarter) are numbered in an [`InnerSpace`] that holds their true counts. Every published
//! cell is a 0/1 vector over the inner cells, kept as a sorted set of indices
//! ([`CellVector`]); its value is the sum of the inner counts it covers. A [`Table`] is a named
//! set of such cells with row and column labels: a 1-D table with its total, or a 2-D table
//! with row and column margins and a grand total.
//!
//! The primary rule lives here too ([`Profile::primary`]), because it is a property of one
//! cell; the secondary suppression and the audit both start from it.

use super::DisclosureError;

pub use crate::report::Profile;

/// Why a cell must be withheld on its own account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primary {
    /// The value is between 1 and k - 1.
    Small,
    /// A zero that the strict profile does not show (anything but a grand total). It is
    /// protected like a small cell: nobody may be able to derive that it is zero.
    HiddenZero,
}

impl Profile {
    /// Whether `cell` is a primary cell, and why.
    pub fn primary(self, cell: &Cell) -> Option<Primary> {
        self.primary_value(cell.value, cell.kind)
    }

    /// The primary rule on a bare value and cell kind.
    pub fn primary_value(self, value: u64, kind: CellKind) -> Option<Primary> {
        if (1..self.k()).contains(&value) {
            Some(Primary::Small)
        } else if value == 0 && !self.publishes_zeros() && kind != CellKind::GrandTotal {
            Some(Primary::HiddenZero)
        } else {
            None
        }
    }
}

/// One inner cell: its true count and whether it belongs to a sensitive category (sexual
/// harassment, discrimination, integrity), for which a withheld count must be able to be 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InnerCell {
    /// The true number of dossiers in the cell.
    pub count: u64,
    /// Whether the cell belongs to a sensitive category.
    pub sensitive: bool,
}

/// The finest cells of a report, identified by index, with their true counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct InnerSpace {
    cells: Vec<InnerCell>,
}

impl InnerSpace {
    /// A space with these counts; no cell is sensitive.
    pub fn new(counts: impl IntoIterator<Item = u64>) -> InnerSpace {
        InnerSpace {
            cells: counts
                .into_iter()
                .map(|count| InnerCell {
                    count,
                    sensitive: false,
                })
                .collect(),
        }
    }

    /// A space from explicit inner cells.
    pub fn from_cells(cells: Vec<InnerCell>) -> InnerSpace {
        InnerSpace { cells }
    }

    /// A space with these counts and one sensitivity flag per count.
    pub fn with_sensitive(
        counts: impl IntoIterator<Item = u64>,
        sensitive: impl IntoIterator<Item = bool>,
    ) -> Result<InnerSpace, DisclosureError> {
        let counts: Vec<u64> = counts.into_iter().collect();
        let sensitive: Vec<bool> = sensitive.into_iter().collect();
        if counts.len() != sensitive.len() {
            return Err(DisclosureError::Space {
                problem: "one sensitivity flag per inner cell is required",
            });
        }
        Ok(InnerSpace {
            cells: counts
                .into_iter()
                .zip(sensitive)
                .map(|(count, sensitive)| InnerCell { count, sensitive })
                .collect(),
        })
    }

    /// A rows x columns grid of inner cells, numbered row by row (`r * columns + c`).
    pub fn grid(counts: &[Vec<u64>]) -> Result<InnerSpace, DisclosureError> {
        let columns = counts.first().map_or(0, Vec::len);
        if counts.iter().any(|row| row.len() != columns) {
            return Err(DisclosureError::Space {
                problem: "every row of the grid needs the same number of columns",
            });
        }
        Ok(InnerSpace::new(counts.iter().flatten().copied()))
    }

    /// Marks the inner cells of a sensitive category.
    pub fn mark_sensitive(&mut self, indices: &CellVector) -> Result<(), DisclosureError> {
        self.check(indices)?;
        for &i in indices.indices() {
            self.cells[i].sensitive = true;
        }
        Ok(())
    }

    /// Number of inner cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the space has no inner cells.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The inner cells in index order.
    pub fn cells(&self) -> &[InnerCell] {
        &self.cells
    }

    /// The true count of inner cell `index`.
    pub fn count(&self, index: usize) -> u64 {
        self.cells[index].count
    }

    /// Whether inner cell `index` is sensitive.
    pub fn is_sensitive(&self, index: usize) -> bool {
        self.cells[index].sensitive
    }

    /// Fails when `vector` names an inner cell outside the space.
    pub fn check(&self, vector: &CellVector) -> Result<(), DisclosureError> {
        match vector.indices().last() {
            Some(&last) if last >= self.cells.len() => Err(DisclosureError::InnerCellOutOfRange {
                index: last,
                len: self.cells.len(),
            }),
            _ => Ok(()),
        }
    }

    /// The true value of a published cell: the sum of the inner counts it covers.
    pub fn value(&self, vector: &CellVector) -> Result<u64, DisclosureError> {
        self.check(vector)?;
        Ok(vector.indices().iter().map(|&i| self.cells[i].count).sum())
    }

    /// Whether every inner cell of a non-empty `vector` is sensitive.
    pub fn all_sensitive(&self, vector: &CellVector) -> Result<bool, DisclosureError> {
        self.check(vector)?;
        Ok(!vector.is_empty() && vector.indices().iter().all(|&i| self.cells[i].sensitive))
    }
}

/// A set of inner cells, sorted and without repeats: the 0/1 vector of a published cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct CellVector(Vec<usize>);

impl CellVector {
    /// The set of these inner-cell indices (sorted, repeats removed).
    pub fn new(indices: impl IntoIterator<Item = usize>) -> CellVector {
        let mut v: Vec<usize> = indices.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        CellVector(v)
    }

    /// The set of one inner cell.
    pub fn single(index: usize) -> CellVector {
        CellVector(vec![index])
    }

    /// The inner-cell indices, ascending.
    pub fn indices(&self) -> &[usize] {
        &self.0
    }

    /// Number of inner cells covered.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no inner cell is covered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether inner cell `index` is covered.
    pub fn contains(&self, index: usize) -> bool {
        self.0.binary_search(&index).is_ok()
    }

    /// Whether every inner cell of `self` is in `other`.
    pub fn is_subset(&self, other: &CellVector) -> bool {
        self.0.iter().all(|&i| other.contains(i))
    }

    /// Whether `self` and `other` share an inner cell.
    pub fn intersects(&self, other: &CellVector) -> bool {
        self.0.iter().any(|&i| other.contains(i))
    }

    /// The union of two sets.
    pub fn union(&self, other: &CellVector) -> CellVector {
        CellVector::new(self.0.iter().chain(other.0.iter()).copied())
    }

    /// The inner cells of `self` that are not in `other`.
    pub fn difference(&self, other: &CellVector) -> CellVector {
        CellVector(
            self.0
                .iter()
                .copied()
                .filter(|&i| !other.contains(i))
                .collect(),
        )
    }
}

impl FromIterator<usize> for CellVector {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        CellVector::new(iter)
    }
}

/// Where a cell sits in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CellKind {
    /// A body cell (of a 2-D table, or a row of a 1-D table).
    Interior,
    /// The total of one row of a 2-D table.
    RowMargin,
    /// The total of one column of a 2-D table.
    ColumnMargin,
    /// The total of the whole table.
    GrandTotal,
}

/// An axis of a 2-D table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Axis {
    /// The rows.
    Rows,
    /// The columns.
    Columns,
}

/// The name of a cell in a report or in the release ledger: table code and cell key. It is
/// structure, never content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    /// Table code (for ledger cells, usually `report/table`).
    pub table: String,
    /// Cell key within the table, for example `pesten|Q1`, `pesten|*`, `*|*`.
    pub cell: String,
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.table, self.cell)
    }
}

/// The key of a margin or total in a cell key (`row|*`, `*|column`, `*|*`, or `*` in 1-D).
pub const TOTAL_KEY: &str = "*";

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cell {
    /// Key, unique in the table: `row|column` in 2-D, the row label in 1-D, with `*` for a
    /// total.
    pub key: String,
    /// Row index, if the cell belongs to one row.
    pub row: Option<usize>,
    /// Column index, if the cell belongs to one column.
    pub column: Option<usize>,
    /// Body, margin or grand total.
    pub kind: CellKind,
    /// The inner cells it adds up.
    pub vector: CellVector,
    /// The true value (sum of the inner counts).
    pub value: u64,
    /// Whether every inner cell it covers is sensitive.
    pub sensitive: bool,
}

/// A named set of cells with row (and column) labels.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Table {
    code: String,
    row_labels: Vec<String>,
    column_labels: Vec<String>,
    period_axis: Option<Axis>,
    cells: Vec<Cell>,
}

fn check_labels(code: &str, labels: &[String]) -> Result<(), DisclosureError> {
    let shape = |problem| DisclosureError::Shape {
        table: code.to_owned(),
        problem,
    };
    let mut seen = std::collections::BTreeSet::new();
    for label in labels {
        if label.is_empty() || label == TOTAL_KEY || label.contains('|') {
            return Err(shape("labels must be non-empty, not `*` and without `|`"));
        }
        if !seen.insert(label.as_str()) {
            return Err(shape("labels must be unique"));
        }
    }
    Ok(())
}

impl Table {
    fn make_cell(
        code: &str,
        space: &InnerSpace,
        key: String,
        row: Option<usize>,
        column: Option<usize>,
        kind: CellKind,
        vector: CellVector,
    ) -> Result<Cell, DisclosureError> {
        if vector.is_empty() {
            return Err(DisclosureError::Shape {
                table: code.to_owned(),
                problem: "every cell must cover at least one inner cell",
            });
        }
        Ok(Cell {
            key,
            row,
            column,
            kind,
            value: space.value(&vector)?,
            sensitive: space.all_sensitive(&vector)?,
            vector,
        })
    }

    /// A 1-D table: one cell per row (`rows[r]` lists its inner cells) and a total.
    pub fn one_way<S: AsRef<str>>(
        code: &str,
        space: &InnerSpace,
        row_labels: &[S],
        rows: Vec<CellVector>,
    ) -> Result<Table, DisclosureError> {
        let row_labels: Vec<String> = row_labels.iter().map(|s| s.as_ref().to_owned()).collect();
        check_labels(code, &row_labels)?;
        if rows.len() != row_labels.len() || rows.is_empty() {
            return Err(DisclosureError::Shape {
                table: code.to_owned(),
                problem: "one inner-cell set per row label is required",
            });
        }
        let mut cells = Vec::with_capacity(rows.len() + 1);
        let mut all = CellVector::default();
        for (r, vector) in rows.into_iter().enumerate() {
            all = all.union(&vector);
            cells.push(Table::make_cell(
                code,
                space,
                row_labels[r].clone(),
                Some(r),
                None,
                CellKind::Interior,
                vector,
            )?);
        }
        cells.push(Table::make_cell(
            code,
            space,
            TOTAL_KEY.to_owned(),
            None,
            None,
            CellKind::GrandTotal,
            all,
        )?);
        Ok(Table {
            code: code.to_owned(),
            row_labels,
            column_labels: Vec::new(),
            period_axis: None,
            cells,
        })
    }

    /// A 2-D table: body cells `grid[r][c]` (each a set of inner cells), row margins, column
    /// margins and the grand total. Cells come in the order: body row by row, row margins,
    /// column margins, grand total.
    pub fn two_way<S: AsRef<str>, T: AsRef<str>>(
        code: &str,
        space: &InnerSpace,
        row_labels: &[S],
        column_labels: &[T],
        grid: Vec<Vec<CellVector>>,
    ) -> Result<Table, DisclosureError> {
        let row_labels: Vec<String> = row_labels.iter().map(|s| s.as_ref().to_owned()).collect();
        let column_labels: Vec<String> = column_labels
            .iter()
            .map(|s| s.as_ref().to_owned())
            .collect();
        check_labels(code, &row_labels)?;
        check_labels(code, &column_labels)?;
        if grid.len() != row_labels.len()
            || grid.is_empty()
            || column_labels.is_empty()
            || grid.iter().any(|row| row.len() != column_labels.len())
        {
            return Err(DisclosureError::Shape {
                table: code.to_owned(),
                problem: "the grid must have one row per row label and one column per column label",
            });
        }
        let (nr, nc) = (row_labels.len(), column_labels.len());
        let mut cells = Vec::with_capacity(nr * nc + nr + nc + 1);
        for (r, row) in grid.iter().enumerate() {
            for (c, vector) in row.iter().enumerate() {
                cells.push(Table::make_cell(
                    code,
                    space,
                    format!("{}|{}", row_labels[r], column_labels[c]),
                    Some(r),
                    Some(c),
                    CellKind::Interior,
                    vector.clone(),
                )?);
            }
        }
        for (r, row) in grid.iter().enumerate() {
            let vector = row.iter().fold(CellVector::default(), |a, v| a.union(v));
            cells.push(Table::make_cell(
                code,
                space,
                format!("{}|{TOTAL_KEY}", row_labels[r]),
                Some(r),
                None,
                CellKind::RowMargin,
                vector,
            )?);
        }
        for c in 0..nc {
            let vector = grid
                .iter()
                .fold(CellVector::default(), |a, row| a.union(&row[c]));
            cells.push(Table::make_cell(
                code,
                space,
                format!("{TOTAL_KEY}|{}", column_labels[c]),
                None,
                Some(c),
                CellKind::ColumnMargin,
                vector,
            )?);
        }
        let all = grid
            .iter()
            .flatten()
            .fold(CellVector::default(), |a, v| a.union(v));
        cells.push(Table::make_cell(
            code,
            space,
            format!("{TOTAL_KEY}|{TOTAL_KEY}"),
            None,
            None,
            CellKind::GrandTotal,
            all,
        )?);
        Ok(Table {
            code: code.to_owned(),
            row_labels,
            column_labels,
            period_axis: None,
            cells,
        })
    }

    /// A 1-D table straight from counts: inner cell `r` is row `r`. Returns the space too.
    pub fn one_way_from_counts<S: AsRef<str>>(
        code: &str,
        row_labels: &[S],
        counts: &[u64],
    ) -> Result<(InnerSpace, Table), DisclosureError> {
        let space = InnerSpace::new(counts.iter().copied());
        let rows = (0..counts.len()).map(CellVector::single).collect();
        let table = Table::one_way(code, &space, row_labels, rows)?;
        Ok((space, table))
    }

    /// A 2-D table straight from a grid of counts: inner cell `r * columns + c` is body cell
    /// (r, c). Returns the space too.
    pub fn two_way_from_counts<S: AsRef<str>, T: AsRef<str>>(
        code: &str,
        row_labels: &[S],
        column_labels: &[T],
        counts: &[Vec<u64>],
    ) -> Result<(InnerSpace, Table), DisclosureError> {
        let space = InnerSpace::grid(counts)?;
        let nc = counts.first().map_or(0, Vec::len);
        let grid = (0..counts.len())
            .map(|r| (0..nc).map(|c| CellVector::single(r * nc + c)).collect())
            .collect();
        let table = Table::two_way(code, &space, row_labels, column_labels, grid)?;
        Ok((space, table))
    }

    /// Declares which axis holds the periods, so its margins count as period totals (they are
    /// published early in the secondary suppression's priority order).
    pub fn with_period_axis(mut self, axis: Axis) -> Table {
        self.period_axis = Some(axis);
        self
    }

    /// The table's code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Row labels.
    pub fn row_labels(&self) -> &[String] {
        &self.row_labels
    }

    /// Column labels (empty for a 1-D table).
    pub fn column_labels(&self) -> &[String] {
        &self.column_labels
    }

    /// The axis of periods, if any.
    pub fn period_axis(&self) -> Option<Axis> {
        self.period_axis
    }

    /// All cells, in a fixed order (see [`Table::two_way`]).
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// The position of the cell with this key.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.cells.iter().position(|c| c.key == key)
    }

    /// The cell with this key.
    pub fn cell(&self, key: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.key == key)
    }

    /// The name of cell `index` for reports and audits.
    pub fn cell_ref(&self, index: usize) -> CellRef {
        CellRef {
            table: self.code.clone(),
            cell: self.cells[index].key.clone(),
        }
    }

    /// Whether cell `index` is the total of one period (a margin along the period axis).
    pub fn is_period_total(&self, index: usize) -> bool {
        matches!(
            (self.period_axis, self.cells[index].kind),
            (Some(Axis::Rows), CellKind::RowMargin) | (Some(Axis::Columns), CellKind::ColumnMargin)
        )
    }

    /// The sum of the true values of the body cells (the table's total count).
    pub fn total(&self) -> u64 {
        self.cells
            .iter()
            .find(|c| c.kind == CellKind::GrandTotal)
            .map_or(0, |c| c.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_way_table_has_margins_and_total() {
        let (_, t) = Table::two_way_from_counts(
            "t",
            &["a", "b"],
            &["x", "y", "z"],
            &[vec![1, 2, 3], vec![4, 5, 6]],
        )
        .expect("valid grid");
        assert_eq!(
            t.cells().len(),
            6 + 2 + 3 + 1,
            "body, row and column margins, total"
        );
        assert_eq!(
            t.cell("a|*").map(|c| c.value),
            Some(6),
            "row margin sums its row"
        );
        assert_eq!(
            t.cell("*|y").map(|c| c.value),
            Some(7),
            "column margin sums its column"
        );
        assert_eq!(
            t.cell("*|*").map(|c| c.value),
            Some(21),
            "grand total sums everything"
        );
        assert_eq!(t.total(), 21, "total() is the grand total");
        assert_eq!(
            t.cell("b|z").map(|c| c.vector.clone()),
            Some(CellVector::single(5)),
            "inner cells are numbered row by row"
        );
    }

    #[test]
    fn one_way_table_has_a_total() {
        let (_, t) = Table::one_way_from_counts("t", &["a", "b"], &[3, 9]).expect("valid");
        assert_eq!(t.cells().len(), 3, "two rows and a total");
        assert_eq!(
            t.cell("*").map(|c| c.kind),
            Some(CellKind::GrandTotal),
            "total is last"
        );
        assert_eq!(t.total(), 12, "the total adds the rows");
    }

    #[test]
    fn malformed_tables_are_refused() {
        let ragged =
            Table::two_way_from_counts("t", &["a", "b"], &["x", "y"], &[vec![1, 2], vec![3]]);
        assert!(ragged.is_err(), "a ragged grid is not a table");
        let dup = Table::one_way_from_counts("t", &["a", "a"], &[1, 2]);
        assert!(
            dup.is_err(),
            "duplicate labels would give duplicate cell keys"
        );
        let star = Table::one_way_from_counts("t", &["*", "a"], &[1, 2]);
        assert!(star.is_err(), "`*` is reserved for totals");
        let space = InnerSpace::new([1, 2]);
        let out = Table::one_way("t", &space, &["a"], vec![CellVector::single(7)]);
        assert_eq!(
            out.err().map(|e| e.code()),
            Some("inner_cell_out_of_range"),
            "a cell outside the space is refused"
        );
    }

    #[test]
    fn primary_rule_per_profile() {
        let s = Profile::Standaard;
        assert_eq!(
            s.primary_value(0, CellKind::Interior),
            None,
            "standaard publishes zeros"
        );
        assert_eq!(
            s.primary_value(1, CellKind::Interior),
            Some(Primary::Small),
            "1 is small"
        );
        assert_eq!(
            s.primary_value(4, CellKind::Interior),
            Some(Primary::Small),
            "4 < k = 5"
        );
        assert_eq!(
            s.primary_value(5, CellKind::Interior),
            None,
            "5 = k is publishable"
        );
        let k = Profile::Strikt;
        assert_eq!(
            k.primary_value(9, CellKind::RowMargin),
            Some(Primary::Small),
            "9 < 10"
        );
        assert_eq!(
            k.primary_value(10, CellKind::Interior),
            None,
            "10 = k is publishable"
        );
        assert_eq!(
            k.primary_value(0, CellKind::Interior),
            Some(Primary::HiddenZero),
            "strikt hides zeros in the body"
        );
        assert_eq!(
            k.primary_value(0, CellKind::GrandTotal),
            None,
            "strikt shows a zero grand total"
        );
    }

    #[test]
    fn cell_vectors_are_sets() {
        let v = CellVector::new([3, 1, 3, 2]);
        assert_eq!(v.indices(), &[1, 2, 3], "sorted without repeats");
        assert!(CellVector::new([1, 2]).is_subset(&v), "subset");
        assert!(!v.is_subset(&CellVector::new([1, 2])), "not a subset");
        assert!(v.intersects(&CellVector::new([3, 9])), "share inner cell 3");
        assert!(!v.intersects(&CellVector::new([0, 9])), "share nothing");
    }

    #[test]
    fn sensitivity_needs_every_inner_cell() {
        let mut space = InnerSpace::new([1, 2, 3, 4]);
        space
            .mark_sensitive(&CellVector::new([0, 1]))
            .expect("in range");
        let t = Table::one_way(
            "t",
            &space,
            &["sexual", "mixed"],
            vec![CellVector::new([0, 1]), CellVector::new([1, 2])],
        )
        .expect("valid");
        assert!(t.cells()[0].sensitive, "all inner cells sensitive");
        assert!(!t.cells()[1].sensitive, "a mixed cell is not sensitive");
    }
}
