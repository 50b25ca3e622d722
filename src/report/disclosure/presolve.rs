//! Presolve of a [`super::interval::System`]: an equivalent, sparser set of constraints
//! ([`sparsify`]), then the cells every solution forces and the independent blocks of the
//! rest ([`presolve`]). Both are exact: the tables that satisfy the system do not change.

use super::CellVector;
use std::collections::BTreeMap;

/// Equations keyed by their inner cells.
pub(super) type Equations = BTreeMap<CellVector, u64>;
/// Ranges keyed by their inner cells: (lower, upper).
pub(super) type Ranges = BTreeMap<CellVector, (u64, Option<u64>)>;

/// Adds `lower <= vector <= upper` to `ranges`, intersected with what is there.
pub(super) fn add_range(ranges: &mut Ranges, vector: CellVector, lower: u64, upper: Option<u64>) {
    let entry = ranges.entry(vector).or_insert((0, None));
    entry.0 = entry.0.max(lower);
    entry.1 = match (entry.1, upper) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
}

/// An equivalent, sparser system: from each equation (smallest first) and each range, the
/// equations already reduced whose inner cells all lie in it are subtracted, the largest
/// first, value and all. These are row operations with equations that hold, so exactly
/// the same tables satisfy the result. A pooled report's cell minus every participant's
/// published count of it leaves only the participants that withheld theirs: the rows an
/// integer program carries are shorter, an organisation whose counts are all published no
/// longer joins the others' block, and an insider is linked to a cell only through what
/// still links them.
///
/// Any inconsistency (a value taken below zero, cells left with nothing to hold, two
/// reductions of the same cells that disagree) means no table satisfies the system; then it
/// is returned as it was (`None`), and the caller's check on the true table refuses it.
pub(super) fn sparsify(equations: &Equations, ranges: &Ranges) -> Option<(Equations, Ranges)> {
    // `take` subtracts from `vector` the reduced equations that fit, the largest first:
    // the cells left and the sum of the values taken.
    let take = |vector: &CellVector, done: &[(CellVector, u64)]| -> (CellVector, u64) {
        let mut order: Vec<usize> = (0..done.len())
            .filter(|&j| done[j].0.len() < vector.len())
            .collect();
        order.sort_by(|&a, &b| {
            done[b]
                .0
                .len()
                .cmp(&done[a].0.len())
                .then_with(|| done[a].0.cmp(&done[b].0))
        });
        let mut rest = vector.clone();
        let mut taken = 0u64;
        for j in order {
            let (f, value) = &done[j];
            if f.len() <= rest.len() && f.is_subset(&rest) {
                rest = rest.difference(f);
                taken += value;
            }
        }
        (rest, taken)
    };
    let mut by_size: Vec<(&CellVector, u64)> = equations.iter().map(|(v, x)| (v, *x)).collect();
    by_size.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(b.0)));
    let mut done: Vec<(CellVector, u64)> = Vec::with_capacity(by_size.len());
    for (vector, value) in by_size {
        let (rest, taken) = take(vector, &done);
        let left = value.checked_sub(taken)?;
        if rest.is_empty() {
            // Implied by the equations taken, or contradicting them.
            (left == 0).then_some(())?;
        } else {
            done.push((rest, left));
        }
    }
    let mut out_equations: Equations = BTreeMap::new();
    for (vector, value) in &done {
        if *out_equations.entry(vector.clone()).or_insert(*value) != *value {
            return None;
        }
    }
    let mut out_ranges: Ranges = BTreeMap::new();
    for (vector, &(lower, upper)) in ranges {
        let (rest, taken) = take(vector, &done);
        let upper = match upper {
            Some(u) => Some(u.checked_sub(taken)?),
            None => None,
        };
        let lower = lower.saturating_sub(taken);
        let within = |value: u64| value >= lower && upper.is_none_or(|u| value <= u);
        if rest.is_empty() {
            // Implied by the equations taken, or contradicting them.
            within(0).then_some(())?;
            continue;
        }
        if let Some(&value) = out_equations.get(&rest) {
            within(value).then_some(())?;
            continue;
        }
        add_range(&mut out_ranges, rest, lower, upper);
    }
    Some((out_equations, out_ranges))
}

/// The cells whose value the constraints force (every solution gives it), found by
/// propagation: a constraint whose free cells must sum to 0 fixes them at 0 (x >= 0); an
/// equation with one free cell fixes it at what is left. Then the blocks of the cells that
/// stay free: linked when a constraint names both (union-find).
pub(super) fn presolve(
    n: usize,
    equations: &[(CellVector, u64)],
    ranges: &[(CellVector, u64, Option<u64>)],
) -> (Vec<Option<u64>>, Vec<usize>) {
    let mut fixed: Vec<Option<u64>> = vec![None; n];
    let mut changed = true;
    while changed {
        changed = false;
        let rows = equations.iter().map(|(v, value)| (v, *value, true)).chain(
            ranges
                .iter()
                .filter_map(|(v, _, u)| u.map(|u| (v, u, false))),
        );
        for (vector, value, exact) in rows {
            let forced: u64 = vector.indices().iter().filter_map(|&i| fixed[i]).sum();
            let free: Vec<usize> = vector
                .indices()
                .iter()
                .copied()
                .filter(|&i| fixed[i].is_none())
                .collect();
            let rest = value.saturating_sub(forced);
            if free.is_empty() {
                continue;
            }
            if rest == 0 {
                for &i in &free {
                    fixed[i] = Some(0);
                }
                changed = true;
            } else if exact && free.len() == 1 {
                fixed[free[0]] = Some(rest);
                changed = true;
            }
        }
    }
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut parent: Vec<usize> = (0..n).collect();
    let vectors = equations
        .iter()
        .map(|(v, _)| v)
        .chain(ranges.iter().map(|(v, _, _)| v));
    for vector in vectors {
        let mut free = vector
            .indices()
            .iter()
            .copied()
            .filter(|&i| fixed[i].is_none());
        if let Some(first) = free.next() {
            for i in free {
                let (a, b) = (root(&mut parent, first), root(&mut parent, i));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let block = (0..n).map(|i| root(&mut parent, i)).collect();
    (fixed, block)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(i: &[usize]) -> CellVector {
        CellVector::new(i.iter().copied())
    }

    fn holds(equations: &Equations, ranges: &Ranges, x: &[u64]) -> bool {
        let sum = |v: &CellVector| v.indices().iter().map(|&i| x[i]).sum::<u64>();
        equations.iter().all(|(v, value)| sum(v) == *value)
            && ranges
                .iter()
                .all(|(v, (l, u))| sum(v) >= *l && u.is_none_or(|u| sum(v) <= u))
    }

    #[test]
    fn sparsifying_keeps_exactly_the_same_tables() {
        // Random systems over 6 inner cells, each satisfied by a random true table: every
        // table in 0..=4 per cell satisfies the sparser system exactly when it satisfies
        // the given one.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let (mut smaller, mut tables) = (0, 0);
        for _ in 0..60 {
            let truth: Vec<u64> = (0..6).map(|_| next(4)).collect();
            let sum = |v: &CellVector| v.indices().iter().map(|&i| truth[i]).sum::<u64>();
            let subset = |next: &mut dyn FnMut(u64) -> u64| {
                let cells: Vec<usize> = (0..6).filter(|_| next(2) == 1).collect();
                CellVector::new(cells)
            };
            let mut equations = Equations::new();
            for _ in 0..4 {
                let s = subset(&mut next);
                if !s.is_empty() {
                    equations.insert(s.clone(), sum(&s));
                }
            }
            let mut ranges = Ranges::new();
            for _ in 0..3 {
                let s = subset(&mut next);
                if !s.is_empty() && !equations.contains_key(&s) {
                    let n = sum(&s);
                    ranges.insert(s, (n.saturating_sub(next(3)), Some(n + next(3))));
                }
            }
            let (e, r) = sparsify(&equations, &ranges).expect("a satisfiable system");
            let size = |e: &Equations, r: &Ranges| {
                e.keys().chain(r.keys()).map(CellVector::len).sum::<usize>()
            };
            if size(&e, &r) < size(&equations, &ranges) {
                smaller += 1;
            }
            for code in 0..5u64.pow(6) {
                let x: Vec<u64> = (0..6).map(|i| (code / 5u64.pow(i)) % 5).collect();
                assert_eq!(
                    holds(&equations, &ranges, &x),
                    holds(&e, &r, &x),
                    "{x:?} against {equations:?} {ranges:?} and the sparser {e:?} {r:?}"
                );
                tables += 1;
            }
        }
        assert!(
            smaller > 10 && tables > 0,
            "most random systems get sparser: {smaller} of 60"
        );
    }

    #[test]
    fn a_pooled_cell_minus_published_counts_leaves_the_withheld_ones() {
        // Three organisations' counts a, b, c (cells 0, 1, 2) pooled to 12; a = 5 and b = 4
        // are published, c is withheld: the pooled row becomes c = 3, on its own.
        let equations: Equations = [(v(&[0, 1, 2]), 12), (v(&[0]), 5), (v(&[1]), 4)].into();
        let (e, r) = sparsify(&equations, &Ranges::new()).expect("satisfiable");
        assert_eq!(
            e,
            [(v(&[0]), 5), (v(&[1]), 4), (v(&[2]), 3)].into(),
            "the pooled row minus what is published"
        );
        assert!(r.is_empty(), "no ranges were given");
        // A band over a and c (1-9) with a = 5 published: c lies in 0..=4.
        let ranges: Ranges = [(v(&[0, 2]), (1, Some(9)))].into();
        let (_, r) = sparsify(&[(v(&[0]), 5)].into(), &ranges).expect("satisfiable");
        assert_eq!(r, [(v(&[2]), (0, Some(4)))].into(), "the band minus a");
        let (fixed, _) = presolve(3, &[(v(&[2]), 3)], &[]);
        assert_eq!(fixed[2], Some(3), "a one-cell equation forces its cell");
    }

    #[test]
    fn a_system_no_table_satisfies_is_left_as_it_was() {
        // a + b = 3 with a = 5: nothing is left for b.
        let equations: Equations = [(v(&[0, 1]), 3), (v(&[0]), 5)].into();
        assert!(
            sparsify(&equations, &Ranges::new()).is_none(),
            "a value taken below zero"
        );
        // a = 2, a + b = 2 + 0, and a range a + b in 3..=4: contradicts the equations.
        let equations: Equations = [(v(&[0, 1]), 2), (v(&[0]), 2)].into();
        let ranges: Ranges = [(v(&[0, 1]), (3, Some(4)))].into();
        assert!(sparsify(&equations, &ranges).is_none(), "a range outside");
    }
}
