//! Rule 6, the exhaustive oracle: for tiny tables (at most [`MAX_TOTAL`] dossiers over at most
//! [`MAX_INNER`] inner cells) every non-negative integer table consistent with the published
//! equations is enumerated, and the set of values each withheld cell takes is collected, for
//! an outsider and for every insider (someone who knows x_s >= 1 for their own inner cell s).
//!
//! It shares nothing with the solver but the list of equations, so it also checks the interval
//! audit: on tiny tables both must give the same bounds. A depth-first search assigns the
//! covered inner cells in index order, never lets a partial sum exceed a published value, and
//! fixes the last cell of each equation to what the equation still needs.

use super::CellVector;
use super::interval::{Bound, Interval, System};
use std::collections::{BTreeMap, BTreeSet};

/// Largest number of inner cells for which enumeration runs.
pub const MAX_INNER: usize = 12;
/// Largest total count for which enumeration runs.
pub const MAX_TOTAL: u64 = 15;
/// Search nodes after which enumeration gives up (it is then reported as not run).
pub const MAX_NODES: u64 = 3_000_000;

/// The values one cell takes over all consistent tables.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValueSet {
    /// Values reached by the covered part of the cell.
    pub values: BTreeSet<u64>,
    /// Whether the cell also covers an unconstrained inner cell (every larger value occurs).
    pub unbounded: bool,
}

impl ValueSet {
    /// Smallest and largest value (`None` for an empty set).
    pub fn interval(&self) -> Option<Interval> {
        let lower = *self.values.first()?;
        let upper = if self.unbounded {
            Bound::Unbounded
        } else {
            Bound::Finite(*self.values.last()?)
        };
        Some(Interval { lower, upper })
    }

    /// Whether the cell can take at least two different values.
    pub fn has_two_values(&self) -> bool {
        self.unbounded && !self.values.is_empty() || self.values.len() >= 2
    }
}

/// Value sets of each objective, for an outsider and per insider.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Enumeration {
    /// Per objective.
    pub outsider: Vec<ValueSet>,
    /// Per insider inner cell, per objective.
    pub insiders: BTreeMap<usize, Vec<ValueSet>>,
}

struct Search<'a> {
    vars: Vec<usize>,
    eqs_of_var: Vec<Vec<usize>>,
    closes: Vec<Vec<usize>>,
    remaining: Vec<u64>,
    /// Per variable: the bounded ranges it lies in; per range: what its upper end still
    /// allows.
    ranges_of_var: Vec<Vec<usize>>,
    room: Vec<u64>,
    /// Every range with its lower end, checked on each complete table.
    ranges: Vec<(CellVector, u64)>,
    x: Vec<u64>,
    nodes: u64,
    max_nodes: u64,
    objectives: &'a [CellVector],
    insiders: &'a [usize],
    out: Enumeration,
}

impl Search<'_> {
    /// Returns false when the node budget ran out.
    fn dfs(&mut self, k: usize) -> bool {
        if k == self.vars.len() {
            self.record();
            return true;
        }
        let i = self.vars[k];
        let cap = self.eqs_of_var[k]
            .iter()
            .map(|&e| self.remaining[e])
            .chain(self.ranges_of_var[k].iter().map(|&r| self.room[r]))
            .min()
            .unwrap_or(0);
        // The last cell of an equation must take exactly what the equation still needs.
        let forced = self.closes[k].first().map(|&e| self.remaining[e]);
        let (from, to) = match forced {
            Some(f) if f > cap => return true,
            Some(f) => (f, f),
            None => (0, cap),
        };
        for value in from..=to {
            self.nodes += 1;
            if self.nodes > self.max_nodes {
                return false;
            }
            for &e in &self.eqs_of_var[k] {
                self.remaining[e] -= value;
            }
            for &r in &self.ranges_of_var[k] {
                self.room[r] -= value;
            }
            self.x[i] = value;
            let closed = self.closes[k].iter().all(|&e| self.remaining[e] == 0);
            let finished = !closed || self.dfs(k + 1);
            for &e in &self.eqs_of_var[k] {
                self.remaining[e] += value;
            }
            for &r in &self.ranges_of_var[k] {
                self.room[r] += value;
            }
            self.x[i] = 0;
            if !finished {
                return false;
            }
        }
        true
    }

    fn record(&mut self) {
        let lower_ok = self
            .ranges
            .iter()
            .all(|(v, l)| v.indices().iter().map(|&i| self.x[i]).sum::<u64>() >= *l);
        if !lower_ok {
            return;
        }
        let sums: Vec<u64> = self
            .objectives
            .iter()
            .map(|p| p.indices().iter().map(|&i| self.x[i]).sum())
            .collect();
        for (set, &s) in self.out.outsider.iter_mut().zip(&sums) {
            set.values.insert(s);
        }
        for &s in self.insiders {
            if self.x[s] >= 1
                && let Some(sets) = self.out.insiders.get_mut(&s)
            {
                for (set, &v) in sets.iter_mut().zip(&sums) {
                    set.values.insert(v);
                }
            }
        }
    }
}

/// Enumerates every consistent table; `None` when the search exceeds `max_nodes`, or when
/// a range holds a cell without an upper bound (its lower end could then be met in ways a
/// finite search does not see).
pub(crate) fn enumerate(
    system: &System,
    n: usize,
    objectives: &[CellVector],
    insiders: &[usize],
    max_nodes: u64,
) -> Option<Enumeration> {
    let vars: Vec<usize> = (0..n).filter(|&i| system.is_covered(i)).collect();
    let position: BTreeMap<usize, usize> = vars.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let equations = system.equations();
    let mut eqs_of_var = vec![Vec::new(); vars.len()];
    let mut closes = vec![Vec::new(); vars.len()];
    for (e, (vector, _)) in equations.iter().enumerate() {
        let mut last = 0;
        for i in vector.indices() {
            let k = position[i];
            eqs_of_var[k].push(e);
            last = last.max(k);
        }
        closes[last].push(e);
    }
    if system
        .ranges()
        .iter()
        .any(|(v, _, _)| v.indices().iter().any(|&i| !system.is_covered(i)))
    {
        return None;
    }
    let mut ranges_of_var = vec![Vec::new(); vars.len()];
    let mut room = Vec::new();
    for (v, _, upper) in system.ranges() {
        if let Some(u) = upper {
            for i in v.indices() {
                ranges_of_var[position[i]].push(room.len());
            }
            room.push(*u);
        }
    }
    let ranges: Vec<(CellVector, u64)> = system
        .ranges()
        .iter()
        .map(|(v, l, _)| (v.clone(), *l))
        .collect();
    let covered_insiders: Vec<usize> = insiders
        .iter()
        .copied()
        .filter(|&s| system.is_covered(s))
        .collect();
    let mut search = Search {
        vars,
        eqs_of_var,
        closes,
        remaining: equations.iter().map(|(_, v)| *v).collect(),
        ranges_of_var,
        room,
        ranges,
        x: vec![0; n],
        nodes: 0,
        max_nodes,
        objectives,
        insiders: &covered_insiders,
        out: Enumeration {
            outsider: vec![ValueSet::default(); objectives.len()],
            insiders: covered_insiders
                .iter()
                .map(|&s| (s, vec![ValueSet::default(); objectives.len()]))
                .collect(),
        },
    };
    if !search.dfs(0) {
        return None;
    }
    let mut out = search.out;
    // Unconstrained inner cells: any value from their lower bound up.
    for (p, set) in objectives.iter().zip(out.outsider.iter_mut()) {
        set.unbounded = p.indices().iter().any(|&i| !system.is_covered(i));
    }
    for sets in out.insiders.values_mut() {
        for (p, set) in objectives.iter().zip(sets.iter_mut()) {
            set.unbounded = p.indices().iter().any(|&i| !system.is_covered(i));
        }
    }
    for &s in insiders.iter().filter(|&&s| !system.is_covered(s)) {
        let sets = objectives
            .iter()
            .zip(&out.outsider)
            .map(|(p, base)| {
                let shift = u64::from(p.contains(s));
                ValueSet {
                    values: base.values.iter().map(|v| v + shift).collect(),
                    unbounded: base.unbounded,
                }
            })
            .collect();
        out.insiders.insert(s, sets);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(i: &[usize]) -> CellVector {
        CellVector::new(i.iter().copied())
    }

    #[test]
    fn enumerates_a_two_by_two_table_with_margins() {
        // 0 1 / 2 3 with rows (3, 4), columns (2, 5), total 7.
        let s = System::new(
            vec![1, 2, 1, 3],
            [
                (v(&[0, 1]), 3),
                (v(&[2, 3]), 4),
                (v(&[0, 2]), 2),
                (v(&[1, 3]), 5),
                (v(&[0, 1, 2, 3]), 7),
            ],
            [],
        );
        let e = enumerate(&s, 4, &[v(&[0])], &[2], MAX_NODES).expect("tiny");
        assert_eq!(
            e.outsider[0].values,
            BTreeSet::from([0, 1, 2]),
            "x0 runs from max(0, 3 + 2 - 7) to min(3, 2)"
        );
        assert_eq!(
            e.insiders[&2][0].values,
            BTreeSet::from([0, 1]),
            "an insider in cell 2 knows x2 >= 1, so x0 <= 1"
        );
    }

    #[test]
    fn uncovered_cells_make_the_value_set_unbounded() {
        let s = System::new(vec![1, 1, 1], [(v(&[0, 1]), 2)], []);
        let e = enumerate(&s, 3, &[v(&[1, 2])], &[2], MAX_NODES).expect("tiny");
        assert!(e.outsider[0].unbounded, "x2 is free");
        assert_eq!(
            e.insiders[&2][0].interval().map(|i| i.lower),
            Some(1),
            "the insider in the free cell adds at least one"
        );
        assert!(
            e.outsider[0].has_two_values(),
            "an unbounded cell takes many values"
        );
    }

    #[test]
    fn ranges_prune_and_filter_tables() {
        // x0 + x1 = 6 with x0 in the band 1..=4 and x1 at least 3.
        let s = System::new(
            vec![3, 3],
            [(v(&[0, 1]), 6)],
            [(v(&[0]), 1, Some(4)), (v(&[1]), 3, Some(6))],
        );
        let e = enumerate(&s, 2, &[v(&[0])], &[], MAX_NODES).expect("tiny");
        assert_eq!(
            e.outsider[0].values,
            BTreeSet::from([1, 2, 3]),
            "x0 in 1..=4 and x0 = 6 - x1 <= 3"
        );
    }

    #[test]
    fn the_node_budget_is_respected() {
        let mut truth = vec![1; 12];
        truth[0] = 4;
        let s = System::new(truth, [(CellVector::new(0..12), 15)], []);
        assert!(
            enumerate(&s, 12, &[v(&[0])], &[], 1000).is_none(),
            "C(26, 11) tables do not fit in 1000 nodes"
        );
    }
}
