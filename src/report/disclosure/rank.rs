//! Exact linear algebra for the audit, written independently of the suppression's elimination
//! (`gauss.rs`) so that a bug in one is caught by the other: exact rationals (i128 numerator
//! and denominator, reduced by their gcd), a reduced row-echelon form with row swaps, and the
//! null space of the published matrix. A vector p is computable from published cells exactly
//! when it lies in their row space, that is, when p . z = 0 for every z in the null space;
//! a null vector with p . z != 0 is a direction in which the table can change without
//! changing any published value but changing p.

use super::{CellVector, DisclosureError};

/// An exact rational number with a positive denominator, in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Q {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    // Entries stay tiny at report sizes; a gcd above i128::MAX cannot occur for them.
    i128::try_from(a).unwrap_or(1)
}

const OVERFLOW: DisclosureError = DisclosureError::Overflow;

impl Q {
    const ZERO: Q = Q { num: 0, den: 1 };
    const ONE: Q = Q { num: 1, den: 1 };

    fn new(num: i128, den: i128) -> Result<Q, DisclosureError> {
        if den == 0 {
            return Err(OVERFLOW);
        }
        let g = gcd(num, den).max(1);
        let (num, den) = (num / g, den / g);
        if den < 0 {
            Ok(Q {
                num: num.checked_neg().ok_or(OVERFLOW)?,
                den: den.checked_neg().ok_or(OVERFLOW)?,
            })
        } else {
            Ok(Q { num, den })
        }
    }

    fn is_zero(self) -> bool {
        self.num == 0
    }

    fn mul(self, o: Q) -> Result<Q, DisclosureError> {
        Q::new(
            self.num.checked_mul(o.num).ok_or(OVERFLOW)?,
            self.den.checked_mul(o.den).ok_or(OVERFLOW)?,
        )
    }

    fn div(self, o: Q) -> Result<Q, DisclosureError> {
        Q::new(
            self.num.checked_mul(o.den).ok_or(OVERFLOW)?,
            self.den.checked_mul(o.num).ok_or(OVERFLOW)?,
        )
    }

    fn sub(self, o: Q) -> Result<Q, DisclosureError> {
        let left = self.num.checked_mul(o.den).ok_or(OVERFLOW)?;
        let right = o.num.checked_mul(self.den).ok_or(OVERFLOW)?;
        Q::new(
            left.checked_sub(right).ok_or(OVERFLOW)?,
            self.den.checked_mul(o.den).ok_or(OVERFLOW)?,
        )
    }

    fn add(self, o: Q) -> Result<Q, DisclosureError> {
        self.sub(Q::new(o.num.checked_neg().ok_or(OVERFLOW)?, o.den)?)
    }
}

/// The null space of a set of 0/1 vectors over `dimension` inner cells, and its rank.
#[derive(Debug, Clone)]
pub struct NullSpace {
    rank: usize,
    basis: Vec<Vec<Q>>,
}

impl NullSpace {
    /// Computes the reduced row-echelon form of `vectors` and reads the null space off it.
    pub fn of(vectors: &[CellVector], dimension: usize) -> Result<NullSpace, DisclosureError> {
        let mut rows: Vec<Vec<Q>> = vectors
            .iter()
            .map(|v| {
                let mut row = vec![Q::ZERO; dimension];
                for &i in v.indices() {
                    if i >= dimension {
                        return Err(DisclosureError::InnerCellOutOfRange {
                            index: i,
                            len: dimension,
                        });
                    }
                    row[i] = Q::ONE;
                }
                Ok(row)
            })
            .collect::<Result<_, _>>()?;
        let mut pivots: Vec<usize> = Vec::new();
        let mut r = 0;
        for col in 0..dimension {
            let Some(found) = (r..rows.len()).find(|&i| !rows[i][col].is_zero()) else {
                continue;
            };
            rows.swap(r, found);
            let p = rows[r][col];
            for x in rows[r].iter_mut() {
                *x = x.div(p)?;
            }
            let pivot_row = rows[r].clone();
            for (i, row) in rows.iter_mut().enumerate() {
                let f = row[col];
                if i != r && !f.is_zero() {
                    for (x, &y) in row.iter_mut().zip(&pivot_row) {
                        *x = x.sub(f.mul(y)?)?;
                    }
                }
            }
            pivots.push(col);
            r += 1;
            if r == rows.len() {
                break;
            }
        }
        let mut basis = Vec::new();
        for free in (0..dimension).filter(|c| !pivots.contains(c)) {
            let mut z = vec![Q::ZERO; dimension];
            z[free] = Q::ONE;
            for (i, &p) in pivots.iter().enumerate() {
                z[p] = Q::ZERO.sub(rows[i][free])?;
            }
            basis.push(z);
        }
        Ok(NullSpace {
            rank: pivots.len(),
            basis,
        })
    }

    /// The rank of the vectors.
    pub fn rank(&self) -> usize {
        self.rank
    }

    /// Whether `target` lies in the span of the vectors (its value is computable).
    pub fn spans(&self, target: &CellVector) -> Result<bool, DisclosureError> {
        for z in &self.basis {
            let mut dot = Q::ZERO;
            for &i in target.indices() {
                dot = dot.add(*z.get(i).ok_or(DisclosureError::InnerCellOutOfRange {
                    index: i,
                    len: z.len(),
                })?)?;
            }
            if !dot.is_zero() {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// The rank of a set of 0/1 vectors over `dimension` inner cells, computed exactly.
pub fn rank(vectors: &[CellVector], dimension: usize) -> Result<usize, DisclosureError> {
    Ok(NullSpace::of(vectors, dimension)?.rank())
}

/// Whether `target` lies in the span of `vectors`, computed exactly.
pub fn in_span(
    target: &CellVector,
    vectors: &[CellVector],
    dimension: usize,
) -> Result<bool, DisclosureError> {
    NullSpace::of(vectors, dimension)?.spans(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(i: &[usize]) -> CellVector {
        CellVector::new(i.iter().copied())
    }

    #[test]
    fn rationals_stay_in_lowest_terms() {
        let a = Q::new(2, -4).expect("non-zero denominator");
        assert_eq!(
            a,
            Q { num: -1, den: 2 },
            "sign moves to the numerator, gcd divided out"
        );
        let b = a.add(Q::ONE).expect("small");
        assert_eq!(b, Q { num: 1, den: 2 }, "-1/2 + 1 = 1/2");
        assert_eq!(b.div(b).expect("non-zero"), Q::ONE, "x / x = 1");
    }

    #[test]
    fn margins_of_a_two_by_two_table_have_rank_three() {
        // Inner cells 0 1 / 2 3: rows, columns and the total.
        let margins = [
            v(&[0, 1]),
            v(&[2, 3]),
            v(&[0, 2]),
            v(&[1, 3]),
            v(&[0, 1, 2, 3]),
        ];
        assert_eq!(
            rank(&margins, 4).expect("exact"),
            3,
            "r1 + r2 = c1 + c2 = total"
        );
        assert!(
            !in_span(&v(&[0]), &margins, 4).expect("exact"),
            "margins alone never give a body cell"
        );
        let mut with_one = margins.to_vec();
        with_one.push(v(&[3]));
        assert!(
            in_span(&v(&[0]), &with_one, 4).expect("exact"),
            "margins plus the opposite corner give the cell: x0 = r1 - c2 + x3"
        );
    }

    #[test]
    fn a_single_vector_spans_only_its_multiples() {
        let one = [v(&[1, 2])];
        assert!(in_span(&v(&[1, 2]), &one, 3).expect("exact"), "itself");
        assert!(
            !in_span(&v(&[1]), &one, 3).expect("exact"),
            "not a part of it"
        );
        assert_eq!(rank(&[], 3).expect("exact"), 0, "nothing published, rank 0");
    }
}
