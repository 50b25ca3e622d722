//! Exact rank: rows of an echelon form, fraction-free elimination in i128.

use super::*;

/// Rows of an echelon form keyed by their leading column: fraction-free elimination.
#[derive(Debug, Clone, Default)]
pub(super) struct Echelon {
    rows: BTreeMap<usize, Vec<(usize, i128)>>,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Echelon {
    /// Reduces `row` by the pivots; returns what is left (empty: in the span).
    pub(super) fn reduce(&self, mut row: Vec<(usize, i128)>) -> Vec<(usize, i128)> {
        loop {
            let Some(&(lead, a)) = row.first() else {
                return row;
            };
            let Some(pivot) = self.rows.get(&lead) else {
                return row;
            };
            let p = pivot[0].1;
            // row := row * p - pivot * a, which clears the leading column exactly.
            let mut out: BTreeMap<usize, i128> = BTreeMap::new();
            for &(c, v) in &row {
                let x = v.checked_mul(p).expect("elimination overflows i128");
                *out.entry(c).or_default() += x;
            }
            for &(c, v) in pivot {
                let x = v.checked_mul(a).expect("elimination overflows i128");
                let e = out.entry(c).or_default();
                *e = e.checked_sub(x).expect("elimination overflows i128");
            }
            let mut next: Vec<(usize, i128)> = out.into_iter().filter(|&(_, v)| v != 0).collect();
            let g = next.iter().fold(0, |g, &(_, v)| gcd(g, v));
            if g > 1 {
                for e in &mut next {
                    e.1 /= g;
                }
            }
            row = next;
        }
    }

    /// Adds an equation's row; returns whether it raised the rank.
    pub(super) fn insert(&mut self, row: Vec<(usize, i128)>) -> bool {
        let rest = self.reduce(row);
        match rest.first() {
            None => false,
            Some(&(lead, _)) => {
                self.rows.insert(lead, rest);
                true
            }
        }
    }

    pub(super) fn rank(&self) -> usize {
        self.rows.len()
    }
}
