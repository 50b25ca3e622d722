//! Secondary suppression by Gaussian elimination, after Statistics Norway's GaussSuppression.
//!
//! Every cell is a 0/1 vector over the inner cells. The published vectors are kept as an exact,
//! fraction-free integer row-echelon basis (i128 entries, each row divided by the gcd of its
//! entries), and every protected cell (the primary cells of this report, the withheld primary
//! cells of earlier reports, and small differences of nested new and ledger cells, see
//! [`super::DerivedCell`]) is kept as its residual against that basis: the residual
//! is zero exactly when the cell's vector lies in the span of what is published, that is, when
//! its value can be computed from published values.
//!
//! Order of publication:
//! 1. the release ledger's vectors (already published; they cannot be withdrawn);
//! 2. zeros, when the profile publishes them (they are never secondary cells);
//! 3. the candidates in priority order: cells the ledger already holds, the grand totals,
//!    the period totals, then every other cell by descending value (ties by position).
//!
//! A candidate whose publication would put a protected cell's vector in the span is
//! suppressed instead. The result is deterministic: no hashing, no floating point.

use super::ledger::derived_cells;
use super::{
    CellKind, CellRef, CellVector, DisclosureError, InnerSpace, Ledger, Primary, Profile, Table,
};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// The position of a cell in the slice of tables given to the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellPos {
    /// Index of the table.
    pub table: usize,
    /// Index of the cell in [`Table::cells`].
    pub cell: usize,
}

/// Why a cell is withheld. Presentation shows one symbol for all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SuppressionReason {
    /// A primary cell (see [`Primary`]).
    Primary(Primary),
    /// Withheld so that no primary cell can be computed from published cells.
    Secondary,
    /// Withheld by the repair loop after an audit failure.
    Repair,
}

/// Publish or withhold one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Decision {
    /// The value is shown.
    Publish,
    /// The cell is shown as `x`.
    Suppress(SuppressionReason),
}

impl Decision {
    /// Whether the value is shown.
    pub fn is_published(self) -> bool {
        self == Decision::Publish
    }
}

/// The outcome of secondary suppression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Suppression {
    /// One decision per cell, per table, in the order of [`Table::cells`].
    pub decisions: Vec<Vec<Decision>>,
    /// Protected cells whose value was already computable before any new cell was chosen
    /// (from the ledger and the published zeros). Empty for a consistent ledger.
    pub compromised: Vec<CellRef>,
}

impl Suppression {
    /// The decision for one cell.
    pub fn decision(&self, pos: CellPos) -> Decision {
        self.decisions[pos.table][pos.cell]
    }

    /// Number of withheld cells over all tables.
    pub fn suppressed_count(&self) -> usize {
        self.decisions
            .iter()
            .flatten()
            .filter(|d| !d.is_published())
            .count()
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Divides a row by the gcd of its entries and makes its first non-zero entry positive.
fn normalise(v: &mut [i128]) {
    let g = v.iter().fold(0, |g, &x| gcd(g, x));
    if g == 0 {
        return;
    }
    let sign = if v.iter().find(|&&x| x != 0).is_some_and(|&x| x < 0) {
        -1
    } else {
        1
    };
    for x in v.iter_mut() {
        *x = *x / g * sign;
    }
}

/// `v := row[pivot] * v - v[pivot] * row`, then normalised: clears `v[pivot]` without
/// fractions.
fn eliminate(v: &mut [i128], row: &[i128], pivot: usize) -> Result<(), DisclosureError> {
    let (a, b) = (row[pivot], v[pivot]);
    if b == 0 {
        return Ok(());
    }
    for (x, &r) in v.iter_mut().zip(row) {
        let left = a.checked_mul(*x).ok_or(DisclosureError::Overflow)?;
        let right = b.checked_mul(r).ok_or(DisclosureError::Overflow)?;
        *x = left.checked_sub(right).ok_or(DisclosureError::Overflow)?;
    }
    normalise(v);
    Ok(())
}

fn is_zero(v: &[i128]) -> bool {
    v.iter().all(|&x| x == 0)
}

fn dense(vector: &CellVector, n: usize) -> Vec<i128> {
    let mut v = vec![0; n];
    for &i in vector.indices() {
        v[i] = 1;
    }
    v
}

/// The published vectors in fraction-free row-echelon form, plus the residuals of the
/// protected cells against them.
struct Elimination {
    n: usize,
    /// (pivot column, row); each row is zero at the pivots of the rows before it.
    basis: Vec<(usize, Vec<i128>)>,
    /// Residual of each protected vector; `None` once it lies in the span.
    residuals: Vec<Option<Vec<i128>>>,
}

/// What publishing one vector would do.
enum Trial {
    /// Already in the span: publishing adds nothing.
    InSpan,
    /// Publishing would let a protected cell be computed.
    Discloses,
    /// Safe: the reduced row and its pivot, with every live residual already reduced by it.
    Safe(usize, Vec<i128>, Vec<Option<Vec<i128>>>),
}

impl Elimination {
    fn new(n: usize, protected: &[CellVector]) -> Elimination {
        Elimination {
            n,
            basis: Vec::new(),
            residuals: protected.iter().map(|p| Some(dense(p, n))).collect(),
        }
    }

    fn reduce(&self, vector: &CellVector) -> Result<Vec<i128>, DisclosureError> {
        let mut v = dense(vector, self.n);
        for (pivot, row) in &self.basis {
            eliminate(&mut v, row, *pivot)?;
        }
        Ok(v)
    }

    fn trial(&self, vector: &CellVector) -> Result<Trial, DisclosureError> {
        let row = self.reduce(vector)?;
        let Some(pivot) = row.iter().position(|&x| x != 0) else {
            return Ok(Trial::InSpan);
        };
        // The residual map is linear and the residuals and `row` are both reduced, so a
        // protected vector enters the span exactly when its residual is a multiple of `row`.
        let mut next = Vec::with_capacity(self.residuals.len());
        for residual in &self.residuals {
            match residual {
                None => next.push(None),
                Some(r) => {
                    let mut r = r.clone();
                    eliminate(&mut r, &row, pivot)?;
                    if is_zero(&r) {
                        return Ok(Trial::Discloses);
                    }
                    next.push(Some(r));
                }
            }
        }
        Ok(Trial::Safe(pivot, row, next))
    }

    /// Publishes unconditionally; returns the protected cells that entered the span.
    fn force(&mut self, vector: &CellVector) -> Result<Vec<usize>, DisclosureError> {
        let row = self.reduce(vector)?;
        let Some(pivot) = row.iter().position(|&x| x != 0) else {
            return Ok(Vec::new());
        };
        let mut entered = Vec::new();
        for (index, residual) in self.residuals.iter_mut().enumerate() {
            if let Some(r) = residual {
                eliminate(r, &row, pivot)?;
                if is_zero(r) {
                    *residual = None;
                    entered.push(index);
                }
            }
        }
        self.basis.push((pivot, row));
        Ok(entered)
    }

    /// Publishes if safe; returns whether it was published.
    fn offer(&mut self, vector: &CellVector) -> Result<bool, DisclosureError> {
        match self.trial(vector)? {
            Trial::InSpan => Ok(true),
            Trial::Discloses => Ok(false),
            Trial::Safe(pivot, row, next) => {
                self.basis.push((pivot, row));
                self.residuals = next;
                Ok(true)
            }
        }
    }
}

/// Chooses which cells of `tables` to publish, conditioned on `ledger`.
///
/// Primary cells are withheld; cells in `repairs` are withheld on the repair loop's order and
/// are not candidates. Every other cell is published unless its publication, together with
/// everything published before it (ledger first), would make a protected cell computable.
pub fn suppress(
    space: &InnerSpace,
    tables: &[Table],
    ledger: &Ledger,
    profile: Profile,
    repairs: &BTreeSet<CellPos>,
) -> Result<Suppression, DisclosureError> {
    ledger.check(space)?;
    for table in tables {
        for cell in table.cells() {
            space.check(&cell.vector)?;
        }
    }

    // Protected vectors, each once, with every name it goes by and whether it is a primary
    // cell (of these tables or of an earlier report) rather than only a derived difference.
    let mut protected: BTreeMap<CellVector, (bool, Vec<CellRef>)> = BTreeMap::new();
    let mut decisions: Vec<Vec<Option<Decision>>> =
        tables.iter().map(|t| vec![None; t.cells().len()]).collect();
    for (t, table) in tables.iter().enumerate() {
        for (c, cell) in table.cells().iter().enumerate() {
            if let Some(reason) = profile.primary(cell) {
                decisions[t][c] = Some(Decision::Suppress(SuppressionReason::Primary(reason)));
                let entry = protected.entry(cell.vector.clone()).or_default();
                entry.0 = true;
                entry.1.push(table.cell_ref(c));
            }
        }
    }
    for p in ledger.protected.iter().chain(&ledger.latent) {
        let entry = protected.entry(p.vector.clone()).or_default();
        entry.0 = true;
        entry.1.push(p.cell.clone());
    }
    for d in derived_cells(space, tables, ledger, profile)? {
        protected.entry(d.vector).or_default().1.push(d.cell);
    }
    let mut vectors = Vec::with_capacity(protected.len());
    let mut names = Vec::with_capacity(protected.len());
    let mut primary = Vec::with_capacity(protected.len());
    for (vector, (is_primary, refs)) in protected {
        vectors.push(vector);
        primary.push(is_primary);
        names.push(refs);
    }
    let mut elimination = Elimination::new(space.len(), &vectors);

    // 1. What the employer already has. A derived difference that the ledger alone gives
    //    was known before this report and is not protected; a primary cell that it gives is
    //    a failure of the history, reported.
    let mut compromised = BTreeSet::new();
    for entry in &ledger.published {
        for index in elimination.force(&entry.vector)? {
            if primary[index] {
                compromised.insert(index);
            }
        }
    }
    // The report's fixed cells (its totals) come next: they are published whatever else is
    // withheld.
    for entry in &ledger.fixed {
        compromised.extend(elimination.force(&entry.vector)?);
    }
    // 2. Zeros, when they are published: they never become secondary cells.
    if profile.publishes_zeros() {
        for (t, table) in tables.iter().enumerate() {
            for (c, cell) in table.cells().iter().enumerate() {
                if cell.value == 0 && decisions[t][c].is_none() {
                    compromised.extend(elimination.force(&cell.vector)?);
                    decisions[t][c] = Some(Decision::Publish);
                }
            }
        }
    }
    for &pos in repairs {
        if let Some(slot) = decisions
            .get_mut(pos.table)
            .and_then(|d| d.get_mut(pos.cell))
            && slot.is_none()
        {
            *slot = Some(Decision::Suppress(SuppressionReason::Repair));
        }
    }

    // 3. Candidates in priority order.
    let mut candidates: Vec<(u8, Reverse<u64>, CellPos)> = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        for (c, cell) in table.cells().iter().enumerate() {
            if decisions[t][c].is_some() {
                continue;
            }
            let class = if ledger.has_published(&cell.vector) {
                0
            } else if cell.kind == CellKind::GrandTotal {
                1
            } else if table.is_period_total(c) {
                2
            } else {
                3
            };
            candidates.push((class, Reverse(cell.value), CellPos { table: t, cell: c }));
        }
    }
    candidates.sort_unstable();
    for (_, _, pos) in candidates {
        let cell = &tables[pos.table].cells()[pos.cell];
        decisions[pos.table][pos.cell] = Some(if elimination.offer(&cell.vector)? {
            Decision::Publish
        } else {
            Decision::Suppress(SuppressionReason::Secondary)
        });
    }

    Ok(Suppression {
        decisions: decisions
            .into_iter()
            .map(|d| {
                d.into_iter()
                    .map(|x| x.unwrap_or(Decision::Suppress(SuppressionReason::Secondary)))
                    .collect()
            })
            .collect(),
        compromised: compromised
            .into_iter()
            .flat_map(|i| names[i].iter().cloned())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::disclosure::{TOTAL_KEY, Table};

    fn run(table: &Table, space: &InnerSpace, profile: Profile) -> Vec<Decision> {
        suppress(
            space,
            std::slice::from_ref(table),
            &Ledger::new(),
            profile,
            &BTreeSet::new(),
        )
        .expect("suppression runs")
        .decisions
        .remove(0)
    }

    fn published(table: &Table, decisions: &[Decision], key: &str) -> bool {
        decisions[table.position(key).expect("cell exists")].is_published()
    }

    #[test]
    fn fraction_free_elimination_keeps_small_integers() {
        let mut v = vec![2, 4, 6];
        normalise(&mut v);
        assert_eq!(v, vec![1, 2, 3], "rows are divided by their gcd");
        let mut w = vec![0, -3, 3];
        normalise(&mut w);
        assert_eq!(
            w,
            vec![0, 1, -1],
            "the first non-zero entry is made positive"
        );
        let mut x = vec![1, 1, 0];
        eliminate(&mut x, &[1, 0, 1], 0).expect("small numbers");
        assert_eq!(x, vec![0, 1, -1], "x - row clears the pivot");
    }

    #[test]
    fn two_by_two_with_one_small_cell_suppresses_its_row_and_column() {
        let (space, t) =
            Table::two_way_from_counts("t", &["a", "b"], &["x", "y"], &[vec![3, 7], vec![6, 8]])
                .expect("valid");
        let d = run(&t, &space, Profile::Standaard);
        assert!(!published(&t, &d, "a|x"), "3 is primary");
        assert!(
            !published(&t, &d, "a|y"),
            "same row: complementary cell needed"
        );
        assert!(
            !published(&t, &d, "b|x"),
            "same column: complementary cell needed"
        );
        assert!(
            !published(&t, &d, "b|y"),
            "the fourth corner closes the cycle"
        );
        for key in ["a|*", "b|*", "*|x", "*|y", "*|*"] {
            assert!(
                published(&t, &d, key),
                "margin {key} reveals nothing on its own"
            );
        }
    }

    #[test]
    fn three_by_three_suppresses_a_complementary_cell_in_row_and_column() {
        let (space, t) = Table::two_way_from_counts(
            "t",
            &["a", "b", "c"],
            &["x", "y", "z"],
            &[vec![2, 8, 9], vec![7, 6, 10], vec![9, 12, 11]],
        )
        .expect("valid");
        let d = run(&t, &space, Profile::Standaard);
        assert!(!published(&t, &d, "a|x"), "2 is primary");
        let row_partner = ["a|y", "a|z"].iter().any(|k| !published(&t, &d, k));
        let column_partner = ["b|x", "c|x"].iter().any(|k| !published(&t, &d, k));
        assert!(row_partner, "a secondary cell in the primary's row");
        assert!(column_partner, "a secondary cell in the primary's column");
        let suppressed = d.iter().filter(|d| !d.is_published()).count();
        assert_eq!(suppressed, 4, "a 2x2 cycle is the cheapest protection");
        assert!(
            published(&t, &d, "*|*") && published(&t, &d, "c|*") && published(&t, &d, "*|z"),
            "totals keep priority"
        );
    }

    #[test]
    fn all_zero_but_one_cell() {
        let (space, t) =
            Table::two_way_from_counts("t", &["a", "b"], &["x", "y"], &[vec![3, 0], vec![0, 0]])
                .expect("valid");
        let d = run(&t, &space, Profile::Standaard);
        for key in ["a|y", "b|x", "b|y", "b|*", "*|y"] {
            assert!(
                published(&t, &d, key),
                "zero {key} is published in standaard"
            );
        }
        for key in ["a|x", "a|*", "*|x", "*|*"] {
            assert!(!published(&t, &d, key), "{key} equals 3, a primary value");
        }

        let (space, t) =
            Table::two_way_from_counts("t", &["a", "b"], &["x", "y"], &[vec![3, 0], vec![0, 7]])
                .expect("valid");
        let d = run(&t, &space, Profile::Standaard);
        assert!(published(&t, &d, "*|*"), "the grand total comes first");
        assert!(!published(&t, &d, "b|y"), "total - 7 would give the 3");
        assert!(!published(&t, &d, "b|*"), "total - row b would give the 3");
        assert!(
            !published(&t, &d, "*|y"),
            "total - column y would give the 3"
        );
    }

    #[test]
    fn strict_profile_hides_zeros_and_uses_k_ten() {
        let (space, t) =
            Table::one_way_from_counts("t", &["a", "b", "c"], &[0, 12, 15]).expect("valid");
        let d = run(&t, &space, Profile::Strikt);
        assert_eq!(
            d[0],
            Decision::Suppress(SuppressionReason::Primary(Primary::HiddenZero)),
            "strikt hides a zero"
        );
        assert!(published(&t, &d, TOTAL_KEY), "the total is shown");
        assert_eq!(
            d.iter().filter(|d| !d.is_published()).count(),
            2,
            "one secondary cell protects the hidden zero"
        );
        let (space, t) =
            Table::one_way_from_counts("t", &["a", "b", "c"], &[9, 12, 15]).expect("valid");
        let d = run(&t, &space, Profile::Strikt);
        assert_eq!(
            d[0],
            Decision::Suppress(SuppressionReason::Primary(Primary::Small)),
            "9 < k = 10"
        );
    }

    /// Categories A, B, C over four quarters: inner cell `category * 4 + quarter`.
    fn quarters() -> InnerSpace {
        InnerSpace::new([
            2, 6, 7, 8, // A: the 2 in Q1 is primary
            6, 9, 8, 7, // B
            7, 5, 9, 6, // C
        ])
    }

    fn quarter_table(space: &InnerSpace, q: usize) -> Table {
        let rows = (0..3).map(|cat| CellVector::single(cat * 4 + q)).collect();
        Table::one_way(&format!("Q{}", q + 1), space, &["A", "B", "C"], rows).expect("valid")
    }

    fn year_table(space: &InnerSpace) -> Table {
        let rows = (0..3)
            .map(|cat| CellVector::new((0..4).map(|q| cat * 4 + q)))
            .collect();
        Table::one_way("jaar", space, &["A", "B", "C"], rows).expect("valid")
    }

    #[test]
    fn ledger_conditions_the_annual_table_on_the_quarters() {
        let space = quarters();
        let mut ledger = Ledger::new();
        for q in 0..4 {
            let table = quarter_table(&space, q);
            let s = suppress(
                &space,
                std::slice::from_ref(&table),
                &ledger,
                Profile::Standaard,
                &BTreeSet::new(),
            )
            .expect("runs");
            assert!(
                s.compromised.is_empty(),
                "a consistent history discloses nothing"
            );
            assert!(
                s.decisions[0][3].is_published(),
                "quarter total Q{} is shown",
                q + 1
            );
            ledger.record(
                "2026",
                std::slice::from_ref(&table),
                &s.decisions,
                Profile::Standaard,
            );
        }
        assert_eq!(ledger.protected.len(), 1, "A in Q1 stays protected");

        let year = year_table(&space);
        let s = suppress(
            &space,
            std::slice::from_ref(&year),
            &ledger,
            Profile::Standaard,
            &BTreeSet::new(),
        )
        .expect("runs");
        let d = &s.decisions[0];
        assert!(
            d[3].is_published(),
            "the year total is the sum of published quarter totals"
        );
        assert!(
            !d[0].is_published(),
            "A's year total minus its published Q2-Q4 cells would give A in Q1"
        );
        assert!(
            d.iter().filter(|d| !d.is_published()).count() >= 2,
            "one withheld cell next to a published total is never enough"
        );
    }

    #[test]
    fn identical_input_gives_identical_decisions() {
        let (space, t) = Table::two_way_from_counts(
            "t",
            &["a", "b", "c"],
            &["x", "y"],
            &[vec![1, 9], vec![9, 2], vec![6, 6]],
        )
        .expect("valid");
        let first = run(&t, &space, Profile::Standaard);
        let second = run(&t, &space, Profile::Standaard);
        assert_eq!(first, second, "suppression is deterministic");
    }
}
