//! Stage 1 of a report: what was released before it. The release history of a report is
//! everything published for its organisations and for every organisation linked to them by
//! a pooled report (a pooled report minus the own reports of all participants but one is
//! that one's count, so their histories are one), in the calendar years that overlap the
//! report's, closed under overlap (a two-year report links two years).
//!
//! A period published under one profile is frozen for every profile: asking for the same
//! organisations and period under another profile is refused. A re-issue of a published
//! report (same key) is computed against what was released before it was first published,
//! and must then show exactly what it showed.

use super::ReportError;
use super::key::ReportKey;
use crate::store::{ReleasedFact, ReleasedGuard, Store};
use std::collections::{BTreeMap, BTreeSet};

/// Everything released before a report, for the organisations and years in play.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The organisations whose dossiers and releases are in play, ascending.
    pub organisations: BTreeSet<i64>,
    /// The calendar years in play.
    pub years: BTreeSet<i32>,
    /// Facts of earlier reports, each once, in publication order.
    pub facts: Vec<ReleasedFact>,
    /// Guards of earlier reports, each once, in publication order.
    pub guards: Vec<ReleasedGuard>,
    /// What this same report published before (a re-issue must match it).
    pub own: Vec<ReleasedFact>,
    /// Keys of the earlier reports, in publication order.
    pub reports: Vec<ReportKey>,
    /// The facts of the previous report of the same length over the same organisations (any
    /// profile), for the comparison a report shows; empty when there is none.
    pub previous: Vec<ReleasedFact>,
}

/// Loads the history of the report `key`.
pub fn load(store: &Store, key: &ReportKey) -> Result<History, ReportError> {
    let organisations: BTreeSet<i64> = store
        .linked_organisations(&key.organisations)?
        .into_iter()
        .collect();
    // Every published report of the linked organisations, once, in publication order.
    let mut first: BTreeMap<String, i64> = BTreeMap::new();
    for &org in &organisations {
        if store.legacy_release_rows(org)? > 0 {
            return Err(ReportError::LegacyLedger);
        }
        for r in store.released_reports(org)? {
            let slot = first.entry(r.report_key).or_insert(r.sequence);
            *slot = (*slot).min(r.sequence);
        }
    }
    let own_text = key.to_string();
    let cutoff = first.get(&own_text).copied();
    let mut ordered: Vec<(i64, String)> = first.into_iter().map(|(k, s)| (s, k)).collect();
    ordered.sort();
    let mut reports = Vec::new();
    for (sequence, text) in &ordered {
        let other = ReportKey::parse(text)
            .map_err(|_| ReportError::Store(crate::store::StoreError::Integrity { problems: 1 }))?;
        if other.organisations == key.organisations
            && other.period == key.period
            && other.profile != key.profile
        {
            return Err(ReportError::ProfileFrozen {
                period: key.period.code(),
                profile: other.profile.code(),
            });
        }
        if cutoff.is_none_or(|c| *sequence < c) {
            reports.push(other);
        }
    }
    let before: BTreeSet<String> = reports.iter().map(ToString::to_string).collect();
    let previous_keys: BTreeSet<String> = reports
        .iter()
        .filter(|r| r.organisations == key.organisations && r.period == key.period.previous())
        .map(ToString::to_string)
        .collect();
    let mut previous = Vec::new();
    let mut seen = BTreeSet::new();
    let (mut facts, mut own) = (Vec::new(), Vec::new());
    let mut guards = Vec::new();
    let mut seen_guards = BTreeSet::new();
    for &org in &organisations {
        for f in store.release_facts(org)? {
            let name = (
                f.report_key.clone(),
                f.table_code.clone(),
                f.cell_key.clone(),
            );
            if f.report_key == own_text {
                if seen.insert(name) {
                    own.push(f);
                }
            } else if before.contains(&f.report_key) && seen.insert(name) {
                if previous_keys.contains(&f.report_key) {
                    previous.push(f.clone());
                }
                facts.push(f);
            }
        }
        for g in store.release_guards(org)? {
            let name = (
                g.report_key.clone(),
                g.table_code.clone(),
                g.cell_key.clone(),
            );
            if before.contains(&g.report_key) && seen_guards.insert(name) {
                guards.push(g);
            }
        }
    }
    // The years in play: the report's, and every year linked to them by a release.
    let years = years_in_play(key.period.years().into_iter().collect(), &facts, &guards);
    facts.retain(|f| !f.selection.years().is_disjoint(&years));
    guards.retain(|g| !g.selection.years().is_disjoint(&years));
    Ok(History {
        organisations,
        years,
        facts,
        guards,
        own,
        reports,
        previous,
    })
}

/// The years in play: `years`, grown by the years of every released cell that overlaps them,
/// until none does (a release over two years links them).
pub(crate) fn years_in_play(
    mut years: BTreeSet<i32>,
    facts: &[ReleasedFact],
    guards: &[ReleasedGuard],
) -> BTreeSet<i32> {
    let spans: Vec<BTreeSet<i32>> = facts
        .iter()
        .map(|f| f.selection.years())
        .chain(guards.iter().map(|g| g.selection.years()))
        .collect();
    loop {
        let mut grew = false;
        for ys in &spans {
            if !ys.is_disjoint(&years) && !ys.is_subset(&years) {
                years.extend(ys);
                grew = true;
            }
        }
        if !grew {
            return years;
        }
    }
}
