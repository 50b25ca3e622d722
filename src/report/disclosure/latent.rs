//! Latent small counts: counts that no table shows but that differences of releases could
//! isolate (a year minus three of its quarters is the fourth; a pooled report minus the own
//! reports of all participants but one is that one's count). Every small count of every
//! calendar part (quarter, half year, year, two consecutive years) of every organisation in
//! a release history, in total and by every attribute value, is kept out of the span of
//! everything published (exact rank), whether or not any table ever showed it.

use crate::model::{Attribute, ReportPeriod, Selection, Unit};
use std::collections::{BTreeMap, BTreeSet};

/// One latent small count: its name (structure only), its selection and its true value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatentCount {
    /// `o<org>|<part>|<attribute>=<code>` or `o<org>|<part>|totaal`.
    pub name: String,
    /// The dossiers it counts.
    pub selection: Selection,
    /// How many there are (1 to k - 1).
    pub value: u64,
}

/// The calendar parts of these years: quarters, halves, years, and two consecutive years.
fn parts(years: &BTreeSet<i32>) -> Vec<ReportPeriod> {
    let mut out = Vec::new();
    for &y in years {
        out.extend(ReportPeriod::Year(y).quarters());
        out.extend([ReportPeriod::Half(y, 1), ReportPeriod::Half(y, 2)]);
        out.push(ReportPeriod::Year(y));
        if years.contains(&(y + 1)) {
            out.push(ReportPeriod::TwoYear(y));
        }
    }
    out
}

/// Every small count (1 to k - 1) of the dossiers among `units` (phantoms count nothing) of
/// the organisations `organisations` in the calendar parts of `years`.
pub fn latent_counts(
    units: &[Unit],
    organisations: &BTreeSet<i64>,
    years: &BTreeSet<i32>,
    k: u64,
) -> Vec<LatentCount> {
    // (org, part, attribute or None for the total, code) -> count
    type Key = (i64, ReportPeriod, Option<Attribute>, String);
    let mut counts: BTreeMap<Key, u64> = BTreeMap::new();
    let parts = parts(years);
    for unit in units.iter().filter(|u| u.count > 0) {
        if !organisations.contains(&unit.organisation) {
            continue;
        }
        for &part in parts.iter().filter(|p| unit.quarter.within(**p)) {
            *counts
                .entry((unit.organisation, part, None, String::new()))
                .or_default() += unit.count;
            for (attribute, codes) in &unit.values {
                let codes: BTreeSet<&String> = codes.iter().collect();
                for code in codes {
                    *counts
                        .entry((unit.organisation, part, Some(*attribute), code.clone()))
                        .or_default() += unit.count;
                }
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| (1..k).contains(n))
        .map(|((org, part, attribute, code), value)| {
            let selection = Selection::new([org], [part]);
            match attribute {
                None => LatentCount {
                    name: format!("o{org}|{}|totaal", part.code()),
                    selection,
                    value,
                },
                Some(a) => LatentCount {
                    name: format!("o{org}|{}|{a:?}={code}", part.code()),
                    selection: selection.with(a, [code]),
                    value,
                },
            }
        })
        .collect()
}
