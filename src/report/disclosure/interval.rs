//! The interval audit's optimisation: the smallest and largest value a withheld cell can take
//! in any non-negative integer table that agrees with every published equation (this report
//! and the release ledger), optionally with insider knowledge x_s >= 1.
//!
//! Each bound is an integer program solved by `good_lp` with the pure-Rust `microlp` solver
//! (integer variables; for 2-D tables with margins, which are totally unimodular, the root LP
//! is already integral). The solver works in floating point, so its answer is never trusted as
//! such: the solution is rounded and checked exactly against every equation and bound, and
//! this integer witness table is what the audit reports. A witness proves that the value is
//! reachable, so every requirement the audit checks (upper >= n + 1, width >= 2, lower = 0) is
//! certified by explicit tables even if the solver stopped short of the true optimum.
//!
//! An inner cell that no published equation covers is unbounded above; such cells are left
//! out of the program and handled exactly.

use super::{CellVector, DisclosureError};
use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    WithTimeLimit, constraint, microlp, variable,
};

/// The longest one integer program may take. Almost all take milliseconds; a rare linked
/// table can make branch and bound run for minutes. Such a report fails with a clear
/// error (the advisor can choose a longer period or the strict profile) instead of
/// hanging, and a time-limited answer is never used as if it were exact.
pub const SOLVE_SECONDS: f64 = 5.0;
use std::collections::BTreeMap;

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

/// The published equations over the inner cells: sum of x_i over a cell's inner cells equals
/// its published value; x >= 0 integer.
#[derive(Debug, Clone)]
pub(crate) struct System {
    n: usize,
    equations: Vec<(CellVector, u64)>,
    /// Per inner cell: the smallest published value covering it (`None`: uncovered).
    cap: Vec<Option<u64>>,
}

/// One optimum with the integer table that attains it.
#[derive(Debug, Clone)]
pub(crate) struct Extreme {
    pub value: Bound,
    /// The witness table over all inner cells (uncovered cells at their lower bound); `None`
    /// when unbounded.
    pub witness: Option<Vec<u64>>,
}

impl System {
    /// The system of these equations (deduplicated by inner-cell set; values must agree).
    pub fn new(n: usize, equations: impl IntoIterator<Item = (CellVector, u64)>) -> System {
        let unique: BTreeMap<CellVector, u64> = equations.into_iter().collect();
        let mut cap: Vec<Option<u64>> = vec![None; n];
        for (vector, value) in &unique {
            for &i in vector.indices() {
                cap[i] = Some(cap[i].map_or(*value, |c| c.min(*value)));
            }
        }
        System {
            n,
            equations: unique.into_iter().collect(),
            cap,
        }
    }

    /// The equations, sorted by inner-cell set.
    pub fn equations(&self) -> &[(CellVector, u64)] {
        &self.equations
    }

    /// Whether inner cell `i` appears in some equation.
    pub fn is_covered(&self, i: usize) -> bool {
        self.cap[i].is_some()
    }

    /// Whether `witness` satisfies every equation and lower bound exactly.
    pub fn satisfies(&self, witness: &[u64], lower: &[(usize, u64)]) -> bool {
        witness.len() == self.n
            && lower.iter().all(|&(i, lb)| witness[i] >= lb)
            && self.equations.iter().all(|(vector, value)| {
                vector.indices().iter().map(|&i| witness[i]).sum::<u64>() == *value
            })
    }

    /// The minimum (or maximum) of the sum over `objective`, with x_i >= lb for each
    /// `(i, lb)` in `lower`.
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
        let mut vars = ProblemVariables::new();
        let xs: Vec<Option<Variable>> = (0..self.n)
            .map(|i| {
                self.cap[i]
                    .map(|cap| vars.add(variable().integer().min(lb(i) as f64).max(cap as f64)))
            })
            .collect();
        let goal: Expression = objective.indices().iter().filter_map(|&i| xs[i]).sum();
        let unsolved = if maximise {
            vars.maximise(goal)
        } else {
            vars.minimise(goal)
        };
        let mut problem = unsolved.using(microlp).with_time_limit(SOLVE_SECONDS);
        for (vector, value) in &self.equations {
            let sum: Expression = vector.indices().iter().filter_map(|&i| xs[i]).sum();
            problem = problem.with(constraint!(sum == *value as f64));
        }
        let solution = problem.solve().map_err(|e| DisclosureError::Solver {
            reason: match e {
                ResolutionError::Infeasible => "the published equations have no solution",
                ResolutionError::Unbounded => "unexpectedly unbounded",
                _ => "the solver gave up",
            },
        })?;
        if matches!(solution.status(), SolutionStatus::TimeLimit) {
            return Err(DisclosureError::Solver {
                reason: "the audit took too long for this table design",
            });
        }
        let mut witness = vec![0; self.n];
        for (i, x) in xs.iter().enumerate() {
            witness[i] = match x {
                Some(x) => {
                    let v = solution.value(*x);
                    let r = v.round();
                    if !(r >= 0.0 && (v - r).abs() < 1e-6 && r < 1e15) {
                        return Err(DisclosureError::Solver {
                            reason: "a solution value is not a non-negative integer",
                        });
                    }
                    r as u64
                }
                None => lb(i),
            };
        }
        if !self.satisfies(&witness, lower) {
            return Err(DisclosureError::Solver {
                reason: "the rounded solution does not satisfy the published equations",
            });
        }
        let value = objective.indices().iter().map(|&i| witness[i]).sum();
        Ok(Extreme {
            value: Bound::Finite(value),
            witness: Some(witness),
        })
    }
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
            4,
            [
                (v(&[0, 1]), 10),
                (v(&[2, 3]), 14),
                (v(&[0, 2]), 9),
                (v(&[1, 3]), 15),
                (v(&[0, 1, 2, 3]), 24),
            ],
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
    fn uncovered_cells_are_unbounded_above() {
        let s = System::new(3, [(v(&[0, 1]), 4)]);
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
