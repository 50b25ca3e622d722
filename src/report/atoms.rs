//! The inner space of a report: atoms. Every dossier of the organisations and years in play
//! (and every phantom, a dossier that could exist where a table shows an empty cell) is a
//! unit; units that every selection in play counts alike (every published fact, every
//! guard, every cell of the report's tables, every range it reveals) are indistinguishable
//! to anyone holding the reports, so they form one atom, the inner cell of disclosure
//! control. An atom's count is its number of dossiers; an insider is someone in an atom with
//! at least one dossier.
//!
//! Working on atoms instead of single dossiers is exact: a table of atom counts that agrees
//! with everything published can always be spread over the atoms' units, and back. A
//! selection that splits an atom (counts some of its units and not others) can never be
//! computed from what is published, since every published cell counts the atom whole.

use super::disclosure::{CellVector, InnerCell, InnerSpace};
use crate::model::{CellQuery, Unit};
use std::collections::BTreeMap;

/// The atoms of a set of units under a set of selections.
#[derive(Debug, Clone)]
pub struct Atoms {
    /// The atoms as disclosure control sees them.
    pub space: InnerSpace,
    /// Per unit: its atom.
    atom_of: Vec<usize>,
    /// Per atom: its units.
    members: Vec<Vec<usize>>,
}

impl Atoms {
    /// The atoms of `units` under `queries`: units with the same membership in every query
    /// share an atom. Atoms are numbered in the order of their first unit.
    pub fn build(units: &[Unit], queries: &[&CellQuery]) -> Atoms {
        let words = queries.len().div_ceil(64);
        let mut signatures = vec![vec![0u64; words]; units.len()];
        for (q, query) in queries.iter().enumerate() {
            for (u, unit) in units.iter().enumerate() {
                if query.matches(unit) {
                    signatures[u][q / 64] |= 1 << (q % 64);
                }
            }
        }
        let mut index: BTreeMap<&Vec<u64>, usize> = BTreeMap::new();
        let mut atom_of = Vec::with_capacity(units.len());
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (u, sig) in signatures.iter().enumerate() {
            let next = members.len();
            let a = *index.entry(sig).or_insert(next);
            if a == next {
                members.push(Vec::new());
            }
            members[a].push(u);
            atom_of.push(a);
        }
        let cells = members
            .iter()
            .map(|m| InnerCell {
                count: m.iter().map(|&u| units[u].count).sum(),
                sensitive: m.iter().all(|&u| units[u].sensitive),
            })
            .collect();
        Atoms {
            space: InnerSpace::from_cells(cells),
            atom_of,
            members,
        }
    }

    /// Per atom: the indices of its units (two builds over the same units with this same
    /// partition are the same inner space).
    pub fn partition(&self) -> &[Vec<usize>] {
        &self.members
    }

    /// The atoms a query counts, when it counts each atom whole (always so for a query the
    /// atoms were built with); `None` when it splits an atom.
    pub fn vector(&self, units: &[Unit], query: &CellQuery) -> Option<CellVector> {
        let mut inside = vec![0usize; self.members.len()];
        for (u, unit) in units.iter().enumerate() {
            if query.matches(unit) {
                inside[self.atom_of[u]] += 1;
            }
        }
        let mut out = Vec::new();
        for (a, &n) in inside.iter().enumerate() {
            if n == self.members[a].len() {
                out.push(a);
            } else if n > 0 {
                return None;
            }
        }
        Some(CellVector::new(out))
    }

    /// The number of atoms.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are no atoms.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribute, ReportPeriod, Selection};

    fn unit(org: i64, q: u8, relation: &str) -> Unit {
        Unit {
            organisation: org,
            quarter: ReportPeriod::Quarter(2025, q),
            quarter_code: ReportPeriod::Quarter(2025, q).code(),
            values: [(Attribute::Relation, vec![relation.to_owned()])].into(),
            count: 1,
            sensitive: false,
        }
    }

    #[test]
    fn units_counted_alike_share_an_atom() {
        let units = vec![
            unit(1, 1, "collega"),
            unit(1, 2, "collega"),
            unit(1, 1, "extern"),
            unit(1, 3, "collega"),
        ];
        let h1: CellQuery = Selection::new([1], [ReportPeriod::Half(2025, 1)]).into();
        let colleagues: CellQuery = Selection::new([1], [ReportPeriod::Year(2025)])
            .with(Attribute::Relation, ["collega"])
            .into();
        let atoms = Atoms::build(&units, &[&h1, &colleagues]);
        assert_eq!(
            atoms.len(),
            3,
            "H1 colleagues (2), H1 extern (1), H2 colleagues (1)"
        );
        assert_eq!(
            atoms.space.count(0),
            2,
            "the two H1 colleagues are one atom of count 2"
        );
        assert_eq!(
            atoms.vector(&units, &h1),
            Some(CellVector::new([0, 1])),
            "H1 is the first two atoms"
        );
        let q1: CellQuery = Selection::new([1], [ReportPeriod::Quarter(2025, 1)]).into();
        assert_eq!(
            atoms.vector(&units, &q1),
            None,
            "Q1 splits the H1-colleagues atom, so nothing published can give it"
        );
    }
}
