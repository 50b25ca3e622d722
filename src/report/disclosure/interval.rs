//! The interval audit's optimisation: the smallest and largest value a withheld cell can take
//! in any non-negative integer table that agrees with everything published: every exact
//! value (an equation) and every range a report revealed (a band `1-4`, a row shown because
//! it holds at least k dossiers, a row merged into "Overig" because it holds fewer),
//! optionally with insider knowledge x_s >= 1.
//!
//! Each bound is an integer program solved by the pure-Rust `microlp` solver, started from
//! the true table (always a solution) and bounded by a number of branch-and-bound nodes,
//! never by wall-clock time, so the same question always gets the same answer on any
//! machine and under any load. The solver works in floating point, so its answer is never
//! trusted as such: the solution is rounded and checked exactly against every equation and
//! range, and this integer witness table is what the audit reports. A witness proves that
//! the value is reachable, so every requirement the audit checks (upper >= n + 1, width >= 2,
//! lower = 0) is certified by explicit tables. When the node budget runs out before the
//! optimum is proven, the best witness found is used: an interval that can only be narrower
//! than the true one, so the audit errs on the safe side (it may withhold more).
//!
//! An inner cell that no equation and no bounded range covers has no upper bound; a cell to
//! maximise that covers one is unbounded.

use super::presolve::{Ranges, add_range, presolve, sparsify};
use super::{CellVector, DisclosureError};
use microlp::{ComparisonOp, OptimizationDirection, Problem, SolutionStatus, SolveOptions};
use std::collections::{BTreeMap, BTreeSet};

/// Branch-and-bound nodes one integer program may use. Almost every program is settled at
/// the root (tables with margins are totally unimodular); the budget only bounds the rare
/// linked design, deterministically.
pub const NODE_BUDGET: u64 = 400;

/// An upper bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bound {
    /// A finite largest value.
    Finite(u64),
    /// Arbitrarily large values are consistent with what is published.
    Unbounded,
}

/// The values a withheld cell can take, as far as someone holding every published figure can
/// tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    /// Smallest consistent value.
    pub lower: u64,
    /// Largest consistent value.
    pub upper: Bound,
}

impl Interval {
    /// upper - lower (`None` when unbounded).
    pub fn width(&self) -> Option<u64> {
        match self.upper {
            Bound::Finite(u) => Some(u.saturating_sub(self.lower)),
            Bound::Unbounded => None,
        }
    }

    /// Whether the width is at least `w`.
    pub fn is_at_least_wide(&self, w: u64) -> bool {
        self.width().is_none_or(|width| width >= w)
    }

    /// Whether the upper bound is at least `v`.
    pub fn reaches(&self, v: u64) -> bool {
        match self.upper {
            Bound::Finite(u) => u >= v,
            Bound::Unbounded => true,
        }
    }
}

/// Everything published about the inner cells: each equation says that the sum of x_i over
/// a cell's inner cells equals its value, each range that it lies between two values;
/// x >= 0 integer.
#[derive(Debug, Clone)]
pub(crate) struct System {
    n: usize,
    equations: Vec<(CellVector, u64)>,
    ranges: Vec<(CellVector, u64, Option<u64>)>,
    /// Per inner cell: the smallest published value or range upper end covering it
    /// (`None`: no upper bound).
    cap: Vec<Option<u64>>,
    /// Per inner cell: whether any equation or range names it.
    named: Vec<bool>,
    /// The true table (a solution of every constraint), the solver's starting point.
    truth: Vec<u64>,
    /// Per inner cell: the value every solution gives it, where the equations and ranges
    /// force one (see [`presolve`]).
    fixed: Vec<Option<u64>>,
    /// Per inner cell that is not fixed: its block, the cells linked to it through the
    /// constraints that still have free cells. Blocks are independent: an optimum over one
    /// needs no other.
    block: Vec<usize>,
    /// The linear relaxation solved once (see [`System::relaxed`]), built on first use.
    relaxation: std::cell::OnceCell<Option<Relaxation>>,
}

/// The linear relaxation of a system over its free cells, solved once: the variable of each
/// free cell, and `t`, which a query ties to its objective.
#[derive(Debug, Clone)]
struct Relaxation {
    solution: microlp::Solution,
    vars: Vec<Option<microlp::Variable>>,
    t: microlp::Variable,
}

/// One optimum with the integer table that attains it.
#[derive(Debug, Clone)]
pub(crate) struct Extreme {
    pub value: Bound,
    /// The witness table over all inner cells; `None` when unbounded.
    pub witness: Option<Vec<u64>>,
}

impl System {
    /// The system of these equations and ranges (`(vector, lower, upper)`), deduplicated.
    /// `truth` is the true table, which satisfies all of them.
    pub fn new(
        truth: Vec<u64>,
        equations: impl IntoIterator<Item = (CellVector, u64)>,
        ranges: impl IntoIterator<Item = (CellVector, u64, Option<u64>)>,
    ) -> System {
        let n = truth.len();
        // A cell over no inner cell is 0 (checked against the published value elsewhere)
        // and constrains nothing.
        let unique: BTreeMap<CellVector, u64> = equations
            .into_iter()
            .filter(|(v, _)| !v.is_empty())
            .collect();
        let mut merged: Ranges = BTreeMap::new();
        for (vector, lower, upper) in ranges {
            if vector.is_empty() || unique.contains_key(&vector) {
                continue;
            }
            add_range(&mut merged, vector, lower, upper);
        }
        let (unique, merged) = sparsify(&unique, &merged).unwrap_or((unique, merged));
        let mut cap: Vec<Option<u64>> = vec![None; n];
        let mut named = vec![false; n];
        let mut limit = |vector: &CellVector, value: u64| {
            for &i in vector.indices() {
                cap[i] = Some(cap[i].map_or(value, |c| c.min(value)));
            }
        };
        for (vector, value) in &unique {
            limit(vector, *value);
        }
        for (vector, (_, upper)) in &merged {
            if let Some(u) = upper {
                limit(vector, *u);
            }
        }
        for vector in unique.keys().chain(merged.keys()) {
            for &i in vector.indices() {
                named[i] = true;
            }
        }
        let equations: Vec<(CellVector, u64)> = unique.into_iter().collect();
        let ranges: Vec<(CellVector, u64, Option<u64>)> =
            merged.into_iter().map(|(v, (l, u))| (v, l, u)).collect();
        let (fixed, block) = presolve(n, &equations, &ranges);
        debug_assert!(
            fixed
                .iter()
                .zip(&truth)
                .all(|(f, t)| f.is_none_or(|f| f == *t)),
            "a forced value is the true one"
        );
        System {
            n,
            equations,
            ranges,
            cap,
            named,
            truth,
            fixed,
            block,
            relaxation: std::cell::OnceCell::new(),
        }
    }

    /// The equations (after [`sparsify`]), sorted by inner-cell set.
    pub fn equations(&self) -> &[(CellVector, u64)] {
        &self.equations
    }

    /// The ranges (lower, upper; after [`sparsify`]), sorted by inner-cell set.
    pub fn ranges(&self) -> &[(CellVector, u64, Option<u64>)] {
        &self.ranges
    }

    /// Whether inner cell `i` has an upper bound from an equation or a bounded range.
    pub fn is_covered(&self, i: usize) -> bool {
        self.cap[i].is_some()
    }

    /// Whether an equation or a range names inner cell `i`.
    pub fn is_named(&self, i: usize) -> bool {
        self.named[i]
    }

    /// Whether `witness` satisfies every equation, range and lower bound exactly.
    pub fn satisfies(&self, witness: &[u64], lower: &[(usize, u64)]) -> bool {
        let sum = |v: &CellVector| v.indices().iter().map(|&i| witness[i]).sum::<u64>();
        witness.len() == self.n
            && lower.iter().all(|&(i, lb)| witness[i] >= lb)
            && self.equations.iter().all(|(v, value)| sum(v) == *value)
            && self.ranges.iter().all(|(v, l, u)| {
                let s = sum(v);
                s >= *l && u.is_none_or(|u| s <= u)
            })
    }

    /// The minimum (or maximum) of the sum over `objective`, with x_i >= lb for each
    /// `(i, lb)` in `lower`. `lower` must hold in the true table.
    ///
    /// Only the blocks of the objective's free cells are solved: forced cells keep their
    /// value, and every other block keeps the true table's values, which satisfy its
    /// constraints and the lower bounds. The linear relaxation is tried first (from the
    /// system's solved relaxation); the integer program only when its optimum is
    /// fractional.
    pub fn extreme(
        &self,
        objective: &CellVector,
        lower: &[(usize, u64)],
        maximise: bool,
    ) -> Result<Extreme, DisclosureError> {
        self.extreme_holding(objective, lower, maximise, None)
    }

    /// [`System::extreme`] over the tables that keep every cell of `hold` at its true
    /// value (`None`: over all tables): a witness that moves none of them, so it stays a
    /// witness whatever is later published about them. Its value is a bound of the
    /// restricted search only (never wider than the true one).
    pub fn extreme_holding(
        &self,
        objective: &CellVector,
        lower: &[(usize, u64)],
        maximise: bool,
        hold: Option<&CellVector>,
    ) -> Result<Extreme, DisclosureError> {
        if maximise && objective.indices().iter().any(|&i| !self.is_covered(i)) {
            return Ok(Extreme {
                value: Bound::Unbounded,
                witness: None,
            });
        }
        if !self.satisfies(&self.truth, lower) {
            return Err(DisclosureError::Solver {
                reason: "the true table does not satisfy what is published",
            });
        }
        let mut query = Query::new(self, objective, lower);
        query.hold = hold;
        let witness = if query.blocks.is_empty() {
            // Every cell of the objective is forced or free of any constraint (then at its
            // lower bound when minimising; maximising such a cell was unbounded above).
            query.base.clone()
        } else if let Some(w) = self.relaxed(&query, maximise) {
            w
        } else {
            self.integer_program(&query, maximise)?
        };
        let value = objective.indices().iter().map(|&i| witness[i]).sum();
        Ok(Extreme {
            value: Bound::Finite(value),
            witness: Some(witness),
        })
    }

    /// A value no variable needs to reach: above every published value and true count.
    fn big(&self) -> u64 {
        self.equations
            .iter()
            .map(|(_, v)| *v)
            .chain(self.ranges.iter().map(|(_, l, u)| u.unwrap_or(*l)))
            .chain(self.truth.iter().copied())
            .sum::<u64>()
            + 1
    }

    /// The linear relaxation with every equation and range on the free cells and the
    /// objective max t, t free in [-big, big], solved once.
    fn relaxation(&self) -> Option<&Relaxation> {
        self.relaxation
            .get_or_init(|| {
                let big = self.big();
                let mut problem = Problem::new(OptimizationDirection::Maximize);
                let mut vars = vec![None; self.n];
                for (i, slot) in vars.iter_mut().enumerate() {
                    if self.named[i] && self.fixed[i].is_none() {
                        let upper = self.cap[i].unwrap_or(big) as f64;
                        *slot = Some(problem.add_var(0.0, (0.0, upper)));
                    }
                }
                let t = problem.add_var(1.0, (-(big as f64), big as f64));
                self.add_rows(&mut problem, &vars, None);
                match problem.solve() {
                    Ok(microlp::SolveOutcome::Solution(solution))
                        if solution.status() == SolutionStatus::Optimal =>
                    {
                        Some(Relaxation { solution, vars, t })
                    }
                    _ => None,
                }
            })
            .as_ref()
    }

    /// Adds every equation and range that names one of `vars` (forced cells moved to the
    /// right-hand side). A constraint's free cells lie in one block, so a constraint is
    /// either wholly in play or left out.
    fn add_rows(
        &self,
        problem: &mut Problem,
        vars: &[Option<microlp::Variable>],
        hold: Option<&CellVector>,
    ) {
        let held = |i: usize| hold.is_some_and(|h| h.contains(i));
        let split = |v: &CellVector| -> Option<(Vec<(microlp::Variable, f64)>, u64)> {
            let terms: Vec<(microlp::Variable, f64)> = v
                .indices()
                .iter()
                .filter_map(|&i| vars[i].map(|x| (x, 1.0)))
                .collect();
            let forced: u64 = v
                .indices()
                .iter()
                .filter_map(|&i| match self.fixed[i] {
                    Some(f) => Some(f),
                    None => held(i).then_some(self.truth[i]),
                })
                .sum();
            (!terms.is_empty()).then_some((terms, forced))
        };
        for (vector, value) in &self.equations {
            if let Some((terms, forced)) = split(vector) {
                let rest = value.saturating_sub(forced);
                problem.add_constraint(terms.as_slice(), ComparisonOp::Eq, rest as f64);
            }
        }
        for (vector, l, u) in &self.ranges {
            let Some((terms, forced)) = split(vector) else {
                continue;
            };
            if *l > forced {
                problem.add_constraint(terms.as_slice(), ComparisonOp::Ge, (l - forced) as f64);
            }
            if let Some(u) = u {
                let rest = u.saturating_sub(forced);
                problem.add_constraint(terms.as_slice(), ComparisonOp::Le, rest as f64);
            }
        }
    }

    /// The optimum of the linear relaxation, when an integer table attains it: then it is
    /// the integer optimum too, as no integer table does better than the relaxation. Solved
    /// from the relaxation's optimal basis with the lower bounds and t = the objective
    /// added as rows: a few dual simplex steps instead of a solve from scratch. `None` when
    /// the optimum is fractional, or for more than two lower bounds (each is a row and a
    /// re-solve), or when anything fails: the caller solves the integer program.
    fn relaxed(&self, query: &Query<'_>, maximise: bool) -> Option<Vec<u64>> {
        if query.hold.is_some() {
            return None;
        }
        let bounded: Vec<(usize, u64)> = query
            .lower
            .iter()
            .copied()
            .filter(|&(s, lb)| lb > 0 && query.in_play(s))
            .collect();
        if bounded.len() > MAX_RELAXED_BOUNDS {
            return None;
        }
        let r = self.relaxation()?;
        let optimal = |outcome: Result<microlp::SolveOutcome, microlp::Error>| match outcome {
            Ok(microlp::SolveOutcome::Solution(s)) if s.status() == SolutionStatus::Optimal => {
                Some(s)
            }
            _ => None,
        };
        let mut solution = r.solution.clone();
        for (s, lb) in bounded {
            let x = r.vars[s]?;
            solution = optimal(solution.add_constraint([(x, 1.0)], ComparisonOp::Ge, lb as f64))?;
        }
        // max t with t = objective (maximising) or t = -objective (minimising).
        let sign = if maximise { -1.0 } else { 1.0 };
        let mut row: Vec<(microlp::Variable, f64)> = vec![(r.t, 1.0)];
        row.extend(
            query
                .objective
                .indices()
                .iter()
                .filter(|&&i| query.in_play(i))
                .filter_map(|&i| r.vars[i].map(|x| (x, sign))),
        );
        solution = optimal(solution.add_constraint(row.as_slice(), ComparisonOp::Eq, 0.0))?;
        let mut w = query.base.clone();
        for (i, x) in r.vars.iter().enumerate() {
            if let Some(x) = x
                && query.in_play(i)
            {
                w[i] = integral(solution.var_value(*x))?;
            }
        }
        let in_play_value: u64 = query
            .objective
            .indices()
            .iter()
            .filter(|&&i| query.in_play(i))
            .map(|&i| w[i])
            .sum();
        let optimum = -sign * solution.var_value(r.t);
        ((optimum - in_play_value as f64).abs() < 1e-6 && self.satisfies(&w, query.lower))
            .then_some(w)
    }

    /// The integer program over the objective's blocks, bounded by [`NODE_BUDGET`] and
    /// started from the true table; its rounded solution when it satisfies everything
    /// exactly, else the true table (always a solution, so the interval errs on the narrow,
    /// safe side).
    fn integer_program(
        &self,
        query: &Query<'_>,
        maximise: bool,
    ) -> Result<Vec<u64>, DisclosureError> {
        let big = self.big();
        let mut problem = Problem::new(if maximise {
            OptimizationDirection::Maximize
        } else {
            OptimizationDirection::Minimize
        });
        let in_objective: BTreeSet<usize> = query.objective.indices().iter().copied().collect();
        let mut vars = vec![None; self.n];
        for (i, slot) in vars.iter_mut().enumerate() {
            if !query.in_play(i) {
                continue;
            }
            let lb = query.lower_bound(i);
            let upper = self.cap[i].unwrap_or(big);
            let bounds = (to_i32(lb)?, to_i32(upper.max(lb))?);
            let coeff = if in_objective.contains(&i) { 1.0 } else { 0.0 };
            *slot = Some(problem.add_integer_var(coeff, bounds));
        }
        self.add_rows(&mut problem, &vars, query.hold);
        let start: Vec<(microlp::Variable, f64)> = (0..self.n)
            .filter_map(|i| vars[i].map(|x| (x, self.truth[i] as f64)))
            .collect();
        let mut options = SolveOptions::default();
        options.node_limit = Some(NODE_BUDGET);
        options.warm_start = Some(start);
        let witness = match problem.solve_with(options) {
            Ok(microlp::SolveOutcome::Solution(solution))
                if matches!(
                    solution.status(),
                    SolutionStatus::Optimal | SolutionStatus::Feasible
                ) =>
            {
                let mut w = query.base.clone();
                let mut ok = true;
                for (i, x) in vars.iter().enumerate() {
                    if let Some(x) = x {
                        match integral(solution.var_value(*x)) {
                            Some(v) => w[i] = v,
                            None => ok = false,
                        }
                    }
                }
                if ok && self.satisfies(&w, query.lower) {
                    w
                } else {
                    query.base.clone()
                }
            }
            // The true table is a solution, so an interrupted or failed search still has it.
            _ => query.base.clone(),
        };
        if !self.satisfies(&witness, query.lower) {
            return Err(DisclosureError::Solver {
                reason: "no table satisfies what is published",
            });
        }
        Ok(witness)
    }
}

/// Lower bounds the relaxation takes as rows; a query with more goes to the integer program
/// (each row is a re-solve: measured, taking every bound as a row doubled the time).
const MAX_RELAXED_BOUNDS: usize = 2;

/// The nearest integer when `v` is one (within rounding), non-negative and not huge.
fn integral(v: f64) -> Option<u64> {
    let r = v.round();
    (r >= 0.0 && (v - r).abs() < 1e-6 && r < 1e15).then_some(r as u64)
}

/// One optimisation: its objective, lower bounds, the blocks in play and the table every
/// cell outside them keeps.
struct Query<'a> {
    system: &'a System,
    objective: &'a CellVector,
    lower: &'a [(usize, u64)],
    /// The blocks of the objective's free cells.
    blocks: BTreeSet<usize>,
    /// Cells kept at their true value.
    hold: Option<&'a CellVector>,
    /// The true table with every cell nothing names at its lower bound (they only matter
    /// to the objective, and then only at their lower bound when minimising).
    base: Vec<u64>,
}

impl<'a> Query<'a> {
    fn new(system: &'a System, objective: &'a CellVector, lower: &'a [(usize, u64)]) -> Query<'a> {
        let blocks = objective
            .indices()
            .iter()
            .filter(|&&i| system.named[i] && system.fixed[i].is_none())
            .map(|&i| system.block[i])
            .collect();
        let mut query = Query {
            system,
            objective,
            lower,
            blocks,
            hold: None,
            base: system.truth.clone(),
        };
        for i in 0..system.n {
            if !system.named[i] {
                query.base[i] = query.lower_bound(i);
            }
        }
        query
    }

    fn lower_bound(&self, i: usize) -> u64 {
        self.lower
            .iter()
            .filter(|&&(j, _)| j == i)
            .map(|&(_, b)| b)
            .max()
            .unwrap_or(0)
    }

    /// Whether cell `i` is a variable of this optimisation.
    fn in_play(&self, i: usize) -> bool {
        self.system.named[i]
            && self.system.fixed[i].is_none()
            && self.blocks.contains(&self.system.block[i])
            && self.hold.is_none_or(|h| !h.contains(i))
    }
}

fn to_i32(v: u64) -> Result<i32, DisclosureError> {
    i32::try_from(v).map_err(|_| DisclosureError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(i: &[usize]) -> CellVector {
        CellVector::new(i.iter().copied())
    }

    /// 2x2 body 0 1 / 2 3 with margins r = (10, 14), c = (9, 15), total 24.
    fn margins() -> System {
        System::new(
            vec![4, 6, 5, 9],
            [
                (v(&[0, 1]), 10),
                (v(&[2, 3]), 14),
                (v(&[0, 2]), 9),
                (v(&[1, 3]), 15),
                (v(&[0, 1, 2, 3]), 24),
            ],
            [],
        )
    }

    #[test]
    fn a_held_search_keeps_its_cells_and_finds_what_the_rest_allows() {
        // x3 = 14 - x2 = 5 + x0 over all tables (x0 in 0..=9): 5..=14. With x0 held at
        // its true 4, every cell is pinned: the witness is the true table, x3 = 9.
        let s = margins();
        let free = s.extreme(&v(&[3]), &[], true).expect("solvable");
        assert_eq!(free.value, Bound::Finite(14), "x0 = 9 gives x3 = 14");
        let held = s
            .extreme_holding(&v(&[3]), &[], true, Some(&v(&[0])))
            .expect("solvable");
        assert_eq!(held.value, Bound::Finite(9), "x0 = 4 pins x3 at 9");
        let w = held.witness.expect("finite");
        assert_eq!(w[0], 4, "the held cell keeps its true value");
        assert!(s.satisfies(&w, &[]), "the witness is a real table");
        let lowest = s
            .extreme_holding(&v(&[3]), &[], false, Some(&v(&[1])))
            .expect("solvable");
        assert_eq!(
            lowest.value,
            Bound::Finite(9),
            "x1 held at 6 pins x0 = 4 and x3 = 9 too"
        );
    }

    #[test]
    fn frechet_bounds_of_a_two_by_two_table() {
        let s = margins();
        let lo = s.extreme(&v(&[0]), &[], false).expect("solvable");
        let hi = s.extreme(&v(&[0]), &[], true).expect("solvable");
        assert_eq!(lo.value, Bound::Finite(0), "max(0, 10 + 9 - 24) = 0");
        assert_eq!(hi.value, Bound::Finite(9), "min(10, 9) = 9");
        assert!(
            s.satisfies(hi.witness.as_deref().expect("finite"), &[]),
            "the witness is a real table"
        );
    }

    #[test]
    fn insider_knowledge_narrows_the_interval() {
        let s = margins();
        let hi = s.extreme(&v(&[0]), &[(2, 1)], true).expect("solvable");
        assert_eq!(
            hi.value,
            Bound::Finite(8),
            "x2 >= 1 leaves at most 9 - 1 for x0"
        );
    }

    #[test]
    fn ranges_bound_like_equations_and_bands_narrow_intervals() {
        // Two quarters: Q1 shown only as the band 1-4 (true 3), the half year 8; a row of
        // Q1 and Q2 together is at least 6 (shown because it holds k or more).
        let s = System::new(
            vec![3, 5],
            [(v(&[0, 1]), 8)],
            [(v(&[0]), 1, Some(4)), (v(&[0, 1]), 6, None)],
        );
        let hi = s.extreme(&v(&[1]), &[], true).expect("solvable");
        let lo = s.extreme(&v(&[1]), &[], false).expect("solvable");
        assert_eq!(hi.value, Bound::Finite(7), "Q2 = 8 - Q1 and Q1 >= 1");
        assert_eq!(lo.value, Bound::Finite(4), "Q2 = 8 - Q1 and Q1 <= 4");
        let s = System::new(vec![3, 5], [(v(&[0, 1]), 8)], [(v(&[0]), 3, Some(4))]);
        let lo = s.extreme(&v(&[0]), &[], false).expect("solvable");
        assert_eq!(lo.value, Bound::Finite(3), "a range's lower end holds");
    }

    #[test]
    fn uncovered_cells_are_unbounded_above() {
        let s = System::new(vec![2, 2, 1], [(v(&[0, 1]), 4)], []);
        let hi = s.extreme(&v(&[1, 2]), &[], true).expect("solvable");
        assert_eq!(hi.value, Bound::Unbounded, "nothing limits x2");
        let lo = s.extreme(&v(&[1, 2]), &[(2, 1)], false).expect("solvable");
        assert_eq!(
            lo.value,
            Bound::Finite(1),
            "x1 can be 0, the insider's x2 is at least 1"
        );
        let i = Interval {
            lower: 1,
            upper: Bound::Unbounded,
        };
        assert!(
            i.is_at_least_wide(100) && i.reaches(100),
            "unbounded is wide enough"
        );
    }

    #[test]
    fn forced_cells_are_found_and_blocks_solved_apart() {
        // x0 + x1 = 0 forces both to 0, then x1 + x2 = 5 forces x2 = 5; x3 and x4 form
        // their own block (x3 + x4 = 6), x5 a third one (x5 <= 2 from a band).
        let s = System::new(
            vec![0, 0, 5, 2, 4, 1],
            [(v(&[0, 1]), 0), (v(&[1, 2]), 5), (v(&[3, 4]), 6)],
            [(v(&[5]), 1, Some(2))],
        );
        assert_eq!(
            s.fixed,
            vec![Some(0), Some(0), Some(5), None, None, None],
            "a zero row fixes its cells, then a row with one free cell fixes it"
        );
        assert_eq!(s.block[3], s.block[4], "x3 and x4 share a constraint");
        assert_ne!(s.block[3], s.block[5], "x5 shares none with them");
        let hi = s.extreme(&v(&[3]), &[], true).expect("solvable");
        let w = hi.witness.expect("finite");
        assert_eq!(hi.value, Bound::Finite(6), "x3 takes all of x3 + x4 = 6");
        assert_eq!(
            (w[2], w[5]),
            (5, 1),
            "a forced cell keeps its value, another block keeps the true one"
        );
        assert!(s.satisfies(&w, &[]), "the witness is a real table");
        let forced = s.extreme(&v(&[2]), &[], true).expect("solvable");
        assert_eq!(
            forced.value,
            Bound::Finite(5),
            "a forced cell has one value"
        );
    }

    /// A random table of `cells` true counts with `rows` random published sums over them
    /// (some as ranges), an objective and up to three insiders.
    fn random_case(
        seed: u64,
        cells: usize,
        rows: usize,
    ) -> (System, CellVector, Vec<(usize, u64)>) {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        let truth: Vec<u64> = (0..cells).map(|_| next(5)).collect();
        let subset =
            |next: &mut dyn FnMut(u64) -> u64| CellVector::new((0..cells).filter(|_| next(3) == 0));
        let mut equations = Vec::new();
        let mut ranges = Vec::new();
        for r in 0..rows {
            let vector = subset(&mut next);
            let sum: u64 = vector.indices().iter().map(|&i| truth[i]).sum();
            if r % 4 == 3 {
                ranges.push((vector, sum.saturating_sub(next(3)), Some(sum + next(3))));
            } else {
                equations.push((vector, sum));
            }
        }
        // Every cell under one published total, so every cell is bounded.
        equations.push((CellVector::new(0..cells), truth.iter().sum()));
        let objective = subset(&mut next);
        let lower: Vec<(usize, u64)> = (0..next(4))
            .map(|_| next(cells as u64) as usize)
            .filter(|&i| truth[i] >= 1)
            .map(|i| (i, 1))
            .collect();
        (System::new(truth, equations, ranges), objective, lower)
    }

    #[test]
    fn the_relaxation_shortcut_finds_the_integer_optimum() {
        let mut shortcut = 0;
        for seed in 0..300u64 {
            let (s, objective, lower) =
                random_case(seed, 6 + (seed % 7) as usize, 3 + (seed % 6) as usize);
            for maximise in [false, true] {
                let query = Query::new(&s, &objective, &lower);
                if query.blocks.is_empty() {
                    continue;
                }
                let exact = s.integer_program(&query, maximise).expect("solvable");
                let value = |w: &[u64]| objective.indices().iter().map(|&i| w[i]).sum::<u64>();
                if let Some(w) = s.relaxed(&query, maximise) {
                    shortcut += 1;
                    assert!(
                        s.satisfies(&w, &lower),
                        "seed {seed}: the shortcut's table is real"
                    );
                    assert_eq!(
                        value(&w),
                        value(&exact),
                        "seed {seed}, maximise {maximise}: the shortcut's optimum is the integer one"
                    );
                }
                let e = s.extreme(&objective, &lower, maximise).expect("solvable");
                assert_eq!(
                    e.value,
                    Bound::Finite(value(&exact)),
                    "seed {seed}, maximise {maximise}: extreme gives the integer optimum"
                );
            }
        }
        assert!(
            shortcut > 100,
            "the shortcut is taken for most cases ({shortcut})"
        );
    }
}
