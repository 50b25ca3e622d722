//! The participants of a joint report as its readers can tell them apart.
//!
//! A joint report counts the client's dossiers of every advisor who contributed; each
//! contributor's share is an organisation row of its own (`store::joint`), so that what each
//! advisor published before selects exactly that advisor's dossiers. A reader can only tell
//! two shares apart through a release that selects one and not the other. Shares that no
//! release in play separates are one population to every reader, so the audit merges them
//! into one ([`Merge::relabel_history`], [`Merge::relabel_dossiers`]): its model is then
//! exactly what a recipient can read, and a joint report of advisors who published nothing
//! else is the report of one vault holding all their dossiers. What the report records is
//! written back over every share ([`Merge::expand`]), because later reports in this vault
//! see them apart again.

use super::history::History;
use crate::model::CellQuery;
use crate::store::YearDossier;
use std::collections::{BTreeMap, BTreeSet};

/// Which participants are one to the readers.
#[derive(Debug, Clone)]
pub(crate) struct Merge {
    /// Each participant's representative (the smallest id of its group).
    rep: BTreeMap<i64, i64>,
    /// Each representative's group.
    members: BTreeMap<i64, BTreeSet<i64>>,
}

impl Merge {
    /// Groups `participants` by the releases in `history` that select them: two participants
    /// are one when every organisation set of every earlier fact, guard and report either
    /// holds both or neither.
    pub fn of(participants: &[i64], history: &History) -> Merge {
        let mut sets: Vec<BTreeSet<i64>> = Vec::new();
        for q in history
            .facts
            .iter()
            .chain(&history.own)
            .map(|f| &f.selection)
            .chain(history.guards.iter().map(|g| &g.selection))
        {
            sets.extend(q.organisation_sets().into_iter().cloned());
        }
        sets.extend(
            history
                .reports
                .iter()
                .map(|k| k.organisations.iter().copied().collect()),
        );
        let mut groups: BTreeMap<Vec<bool>, BTreeSet<i64>> = BTreeMap::new();
        for &p in participants {
            let signature: Vec<bool> = sets.iter().map(|s| s.contains(&p)).collect();
            groups.entry(signature).or_default().insert(p);
        }
        let mut rep = BTreeMap::new();
        let mut members = BTreeMap::new();
        for group in groups.into_values() {
            let first = *group.first().expect("a group has a member");
            for &m in &group {
                rep.insert(m, first);
            }
            members.insert(first, group);
        }
        Merge { rep, members }
    }

    /// The representatives of these organisations (others stay as they are), sorted.
    pub fn set(&self, s: &BTreeSet<i64>) -> BTreeSet<i64> {
        s.iter().map(|o| *self.rep.get(o).unwrap_or(o)).collect()
    }

    /// Every member of the groups of these organisations.
    fn expand_set(&self, s: &BTreeSet<i64>) -> BTreeSet<i64> {
        s.iter()
            .flat_map(|o| match self.members.get(o) {
                Some(m) => m.iter().copied().collect::<Vec<_>>(),
                None => vec![*o],
            })
            .collect()
    }

    /// A query over representatives.
    fn relabel(&self, q: &CellQuery) -> CellQuery {
        q.map_organisations(&|s| self.set(s))
    }

    /// A query over representatives written over every member again.
    pub fn expand(&self, q: &CellQuery) -> CellQuery {
        q.map_organisations(&|s| self.expand_set(s))
    }

    /// The history as the readers see it.
    pub fn relabel_history(&self, h: &mut History) {
        h.organisations = self.set(&h.organisations);
        for f in h.facts.iter_mut().chain(&mut h.own).chain(&mut h.previous) {
            f.selection = self.relabel(&f.selection);
        }
        for g in &mut h.guards {
            g.selection = self.relabel(&g.selection);
        }
        for k in &mut h.reports {
            let orgs = self.set(&k.organisations.iter().copied().collect());
            k.organisations = orgs.into_iter().collect();
        }
    }

    /// The dossiers as the readers see them: each in its representative.
    pub fn relabel_dossiers(&self, dossiers: &mut [YearDossier]) {
        for y in dossiers {
            if let Some(&r) = self.rep.get(&y.dossier.organisation_id) {
                y.dossier.organisation_id = r;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ReportPeriod, Selection};
    use crate::report::{Profile, ReportKey};
    use crate::store::ReleasedFact;

    fn fact(orgs: &[i64]) -> ReleasedFact {
        ReleasedFact {
            report_key: "x".into(),
            table_code: "totaal".into(),
            cell_key: "*".into(),
            selection: Selection::new(orgs.iter().copied(), [ReportPeriod::Year(2026)]).into(),
            lower: 9,
            upper: Some(9),
        }
    }

    #[test]
    fn shares_nothing_separates_are_one_to_the_reader() {
        let merge = Merge::of(&[7, 31, 32], &History::default());
        assert_eq!(
            merge.set(&[7, 31, 32].into()),
            [7].into(),
            "without earlier releases the three shares are one organisation"
        );
        let q: CellQuery = Selection::new([7], [ReportPeriod::Year(2026)]).into();
        assert_eq!(
            merge.expand(&q).organisations(),
            [7, 31, 32].into(),
            "what is recorded counts every share"
        );
    }

    #[test]
    fn an_advisors_own_report_keeps_their_share_apart() {
        let history = History {
            facts: vec![fact(&[31])],
            reports: vec![ReportKey::new(
                &[31],
                ReportPeriod::Year(2026),
                Profile::Standaard,
            )],
            ..History::default()
        };
        let merge = Merge::of(&[7, 31, 32], &history);
        assert_eq!(
            merge.set(&[7, 31, 32].into()),
            [7, 31].into(),
            "the share with its own report stays apart; the others are one"
        );
        assert_eq!(
            merge.set(&[31].into()),
            [31].into(),
            "its own report still selects it alone"
        );
    }
}
