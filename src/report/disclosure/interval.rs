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

use super::{CellVector, DisclosureError};
use microlp::{ComparisonOp, OptimizationDirection, Problem, SolutionStatus, SolveOptions};
use std::collections::BTreeMap;

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
        let mut merged: BTreeMap<CellVector, (u64, Option<u64>)> = BTreeMap::new();
        for (vector, lower, upper) in ranges {
            if vector.is_empty() || unique.contains_key(&vector) {
                continue;
            }
            let entry = merged.entry(vector).or_insert((0, None));
            entry.0 = entry.0.max(lower);
            entry.1 = match (entry.1, upper) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
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
        System {
            n,
            equations: unique.into_iter().collect(),
            ranges: merged.into_iter().map(|(v, (l, u))| (v, l, u)).collect(),
            cap,
            named,
            truth,
        }
    }

    /// The equations, sorted by inner-cell set.
    pub fn equations(&self) -> &[(CellVector, u64)] {
        &self.equations
    }

    /// The ranges (lower, upper), sorted by inner-cell set.
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
    pub fn extreme(
        &self,
        objective: &CellVector,
        lower: &[(usize, u64)],
        maximise: bool,
    ) -> Result<Extreme, DisclosureError> {
        let lb = |i: usize| {
            lower
                .iter()
                .filter(|&&(j, _)| j == i)
                .map(|&(_, b)| b)
                .max()
                .unwrap_or(0)
        };
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
        // Cells nothing names stay at their lower bound (they only matter to the objective,
        // and then only at their lower bound when minimising).
        let big = self
            .equations
            .iter()
            .map(|(_, v)| *v)
            .chain(self.ranges.iter().map(|(_, l, u)| u.unwrap_or(*l)))
            .chain(self.truth.iter().copied())
            .sum::<u64>()
            + 1;
        let mut problem = Problem::new(if maximise {
            OptimizationDirection::Maximize
        } else {
            OptimizationDirection::Minimize
        });
        let in_objective: std::collections::BTreeSet<usize> =
            objective.indices().iter().copied().collect();
        let mut vars = vec![None; self.n];
        for (i, slot) in vars.iter_mut().enumerate() {
            if !self.named[i] {
                continue;
            }
            let upper = self.cap[i].unwrap_or(big);
            let bounds = (to_i32(lb(i))?, to_i32(upper.max(lb(i)))?);
            let coeff = if in_objective.contains(&i) { 1.0 } else { 0.0 };
            *slot = Some(problem.add_integer_var(coeff, bounds));
        }
        let terms = |v: &CellVector| -> Vec<(microlp::Variable, f64)> {
            v.indices()
                .iter()
                .filter_map(|&i| vars[i].map(|x| (x, 1.0)))
                .collect()
        };
        for (vector, value) in &self.equations {
            problem.add_constraint(terms(vector).as_slice(), ComparisonOp::Eq, *value as f64);
        }
        for (vector, l, u) in &self.ranges {
            if *l > 0 {
                problem.add_constraint(terms(vector).as_slice(), ComparisonOp::Ge, *l as f64);
            }
            if let Some(u) = u {
                problem.add_constraint(terms(vector).as_slice(), ComparisonOp::Le, *u as f64);
            }
        }
        let start: Vec<(microlp::Variable, f64)> = (0..self.n)
            .filter_map(|i| vars[i].map(|x| (x, self.truth[i] as f64)))
            .collect();
        let mut options = SolveOptions::default();
        options.node_limit = Some(NODE_BUDGET);
        options.warm_start = Some(start);
        let fallback = || {
            let mut w = self.truth.clone();
            for (i, x) in w.iter_mut().enumerate() {
                if !self.named[i] {
                    *x = lb(i);
                }
            }
            w
        };
        let witness = match problem.solve_with(options) {
            Ok(microlp::SolveOutcome::Solution(solution)) => {
                let mut w = fallback();
                let mut ok = matches!(
                    solution.status(),
                    SolutionStatus::Optimal | SolutionStatus::Feasible
                );
                for (i, x) in vars.iter().enumerate() {
                    if let Some(x) = x {
                        let v = solution.var_value(*x);
                        let r = v.round();
                        if r >= 0.0 && (v - r).abs() < 1e-6 && r < 1e15 {
                            w[i] = r as u64;
                        } else {
                            ok = false;
                        }
                    }
                }
                if ok && self.satisfies(&w, lower) {
                    w
                } else {
                    fallback()
                }
            }
            // The true table is a solution, so an interrupted or failed search still has it.
            _ => fallback(),
        };
        if !self.satisfies(&witness, lower) {
            return Err(DisclosureError::Solver {
                reason: "no table satisfies what is published",
            });
        }
        let value = objective.indices().iter().map(|&i| witness[i]).sum();
        Ok(Extreme {
            value: Bound::Finite(value),
            witness: Some(witness),
        })
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
}
