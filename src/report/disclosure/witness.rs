//! Witness tables and intervals for the audit: the pool of integer tables known to satisfy
//! everything published (the true table and every solver witness), the intervals the
//! earlier ledger alone allows (remembered across rounds), and the outsider and insider
//! intervals of one protected cell, solved only where the known tables do not settle it.

use super::audit::{InsiderInterval, Protected};
use super::interval::{Bound, Interval, System};
use super::{CellVector, DisclosureError, InnerSpace, Ledger};
use std::collections::{BTreeMap, BTreeSet};

/// What the ledger alone lets anyone derive, computed only for cells that fail.
pub(super) struct Before {
    pub(super) system: System,
    empty: bool,
}

/// The part of a ledger a [`Before`] system is made of (earlier equations and ranges).
pub(super) type BeforeLedger = (Vec<(CellVector, u64)>, Vec<(CellVector, u64, Option<u64>)>);

impl Before {
    pub(super) fn new(truth: Vec<u64>, ledger: &Ledger) -> Before {
        let (published, ranges) = Before::ledger_part(ledger);
        Before {
            empty: published.is_empty() && ranges.is_empty(),
            system: System::new(truth, published, ranges),
        }
    }

    pub(super) fn ledger_part(ledger: &Ledger) -> BeforeLedger {
        (
            ledger
                .published
                .iter()
                .map(|e| (e.vector.clone(), e.value))
                .collect(),
            ledger
                .ranges
                .iter()
                .map(|r| (r.vector.clone(), r.lower, r.upper))
                .collect(),
        )
    }

    /// One end of the interval of `vector` from the ledger alone (with insider knowledge
    /// x_s >= 1): the smallest value (`maximise` false) or the largest; `None` when there
    /// is no ledger. Remembered in `pool` (valid for the same ledger). Each end is solved
    /// only when asked for: a rule reads one end, and a comparison that fails on the first
    /// end needs no second.
    pub(super) fn end(
        &self,
        vector: &CellVector,
        insider: Option<usize>,
        maximise: bool,
        now: &System,
        pool: &mut WitnessPool,
    ) -> Result<Option<Bound>, DisclosureError> {
        if self.empty {
            return Ok(None);
        }
        let key = (vector.clone(), insider, maximise);
        if let Some(b) = pool.before.get(&key) {
            return Ok(Some(*b));
        }
        let lower: Vec<(usize, u64)> = insider.map(|s| (s, 1)).into_iter().collect();
        let e = self.system.extreme(vector, &lower, maximise)?;
        let b = if maximise {
            e.value
        } else {
            Bound::Finite(finite(e.value))
        };
        pool.before.insert(key, b);
        // A table the ledger alone allows that also satisfies what is published now is a
        // witness now (and maybe in a later round of the same ledger).
        if let Some(w) = e.witness {
            if now.satisfies(&w, &[]) && !pool.tables.contains(&w) {
                pool.tables.push(w.clone());
            }
            pool.before_tables.push(w);
        }
        Ok(Some(b))
    }

    /// Whether the known tables with `insider`'s cell at least 1 reach both ends of the
    /// ledger-alone interval of `vector` (for `of`: the insider, or the outsider), solving
    /// the upper end only when the lower one is reached; that interval when they do.
    fn reached(
        &self,
        vector: &CellVector,
        of: Option<usize>,
        shown: &dyn Fn(&WitnessPool) -> Option<Interval>,
        now: &System,
        pool: &mut WitnessPool,
    ) -> Result<Option<Interval>, DisclosureError> {
        let Some(lower) = self.end(vector, of, false, now, pool)? else {
            return Ok(None);
        };
        if shown(pool).is_none_or(|i| Bound::Finite(i.lower) != lower) {
            return Ok(None);
        }
        let Some(upper) = self.end(vector, of, true, now, pool)? else {
            return Ok(None);
        };
        let earlier = Interval {
            lower: finite(lower),
            upper,
        };
        Ok((shown(pool) == Some(earlier)).then_some(earlier))
    }
}

/// The value of a lower end (never unbounded).
fn finite(b: Bound) -> u64 {
    match b {
        Bound::Finite(v) => v,
        Bound::Unbounded => 0,
    }
}

/// Integer tables known to satisfy everything published: the true table and every witness
/// a solve returned. A table in the pool shows a value nobody can rule out (with x_s >= 1:
/// an insider in s cannot either), so most integer programs are never solved.
#[derive(Debug, Clone)]
pub struct WitnessPool {
    tables: Vec<Vec<u64>>,
    /// Ends of intervals from the earlier ledger alone, by cell, insider and end (true:
    /// the upper), for `before_ledger`.
    before: BTreeMap<(CellVector, Option<usize>, bool), Bound>,
    /// The witness tables of those intervals (tables the earlier ledger allows).
    before_tables: Vec<Vec<u64>>,
    before_ledger: Option<BeforeLedger>,
}

impl WitnessPool {
    /// A pool holding the true table of `space`.
    pub fn new(space: &InnerSpace) -> WitnessPool {
        WitnessPool {
            tables: vec![(0..space.len()).map(|i| space.count(i)).collect()],
            before: BTreeMap::new(),
            before_tables: Vec::new(),
            before_ledger: None,
        }
    }

    /// Readies the pool for an audit of `system` against `ledger`: witnesses of earlier
    /// audits count only if they agree with what is published now (a later round may
    /// publish a cell an earlier round withheld); the ledger-only intervals are kept while
    /// the earlier ledger is the same, and their tables that satisfy `system` join.
    pub(super) fn start_audit(&mut self, system: &System, ledger: &Ledger) {
        self.tables.retain(|t| system.satisfies(t, &[]));
        let before_ledger = Some(Before::ledger_part(ledger));
        if self.before_ledger != before_ledger {
            self.before.clear();
            self.before_tables.clear();
            self.before_ledger = before_ledger;
        }
        for t in &self.before_tables {
            if system.satisfies(t, &[]) && !self.tables.contains(t) {
                self.tables.push(t.clone());
            }
        }
    }

    /// Whether the pool's tables are tables of `space` (same inner cells, same counts).
    pub fn fits(&self, space: &InnerSpace) -> bool {
        self.tables.first().is_some_and(|truth| {
            truth.len() == space.len()
                && truth.iter().enumerate().all(|(i, &c)| c == space.count(i))
        })
    }

    fn value(table: &[u64], vector: &CellVector) -> u64 {
        vector.indices().iter().map(|&i| table[i]).sum()
    }
}

/// The outsider interval of one protected cell, and whether it is exact.
///
/// The known tables (the true table and every solver witness so far) are tried first; the
/// integer programs of the cell alone are solved only when those do not meet every rule (an
/// upper end of at least n + 1, a width of at least 2, and for a sensitive cell a lower end
/// of 0). An interval the known tables settle may be narrower than the true one, never
/// wider, and meets every rule; one that fails is solved, so exact.
pub(super) fn outsider_interval(
    system: &System,
    p: &Protected,
    hold: Option<&CellVector>,
    pool: &mut WitnessPool,
) -> Result<(Interval, bool), DisclosureError> {
    let vector = &p.vector;
    let rules = Rules::of(system, p);
    let known = |pool: &WitnessPool| {
        let (mut low, mut high) = (u64::MAX, 0u64);
        for t in &pool.tables {
            let v = WitnessPool::value(t, vector);
            low = low.min(v);
            high = high.max(v);
        }
        (low, high)
    };
    let settles = |(low, high): (u64, u64)| {
        rules.upper_ok(high) && rules.wide(low, high) && (!p.needs_zero || low == 0)
    };
    let (low, high) = known(pool);
    if settles((low, high)) {
        return Ok((rules.shown(low, high), false));
    }
    // Witnesses that keep the cells of this report's tables as they are stay witnesses in
    // every later round of this report, whatever it then publishes.
    if let Some(hold) = hold {
        for maximise in [false, true] {
            let e = system.extreme_holding(vector, &[], maximise, Some(hold))?;
            pool.tables.extend(e.witness);
        }
        let (low, high) = known(pool);
        if settles((low, high)) {
            return Ok((rules.shown(low, high), false));
        }
    }
    let lo = system.extreme(vector, &[], false)?;
    let hi = system.extreme(vector, &[], true)?;
    pool.tables.extend(lo.witness.iter().cloned());
    pool.tables.extend(hi.witness.iter().cloned());
    let lower = match lo.value {
        Bound::Finite(v) => v,
        Bound::Unbounded => 0,
    };
    Ok((
        Interval {
            lower,
            upper: hi.value,
        },
        true,
    ))
}

/// What every cell of one audit is searched against: everything published now, the
/// earlier ledger alone, the linked components of inner cells, and the insiders.
#[derive(Clone, Copy)]
pub(super) struct Scope<'a> {
    pub(super) system: &'a System,
    pub(super) before: &'a Before,
    pub(super) component: &'a [usize],
    pub(super) insiders: &'a [usize],
}

/// The requirements of rules 3 and 4 on the ends a witness table shows for one cell.
struct Rules {
    value: u64,
    /// Whether the cell covers an inner cell with no upper bound (then so is the cell).
    unbounded: bool,
}

impl Rules {
    fn of(system: &System, p: &Protected) -> Rules {
        Rules {
            value: p.value,
            unbounded: p.vector.indices().iter().any(|&i| !system.is_covered(i)),
        }
    }

    fn upper_ok(&self, high: u64) -> bool {
        self.unbounded || high > self.value
    }

    fn wide(&self, low: u64, high: u64) -> bool {
        self.unbounded || high >= low + 2
    }

    fn shown(&self, low: u64, high: u64) -> Interval {
        Interval {
            lower: low,
            upper: if self.unbounded {
                Bound::Unbounded
            } else {
                Bound::Finite(high)
            },
        }
    }
}

/// The insider intervals of one protected cell whose outsider interval is `interval`
/// (`exact` when solved, see [`outsider_interval`]).
///
/// An insider interval is what witness tables with the insider's cell at least 1 show: the
/// known tables are tried first, and an insider's integer programs are solved only when
/// those tables do not already meet every rule (for a sensitive cell a lower end of 0, or 1
/// for the insider's own cell). A passing insider interval may so be narrower than the true
/// one, never wider: the rules hold a fortiori. A failing one is exact.
pub(super) fn insider_intervals(
    scope: &Scope<'_>,
    p: &Protected,
    (interval, exact): (Interval, bool),
    hold: Option<&CellVector>,
    pool: &mut WitnessPool,
) -> Result<Vec<InsiderInterval>, DisclosureError> {
    let Scope {
        system,
        before,
        component,
        insiders,
    } = *scope;
    let vector = &p.vector;
    let finite = |b: Bound| match b {
        Bound::Finite(v) => v,
        Bound::Unbounded => 0,
    };
    let rules = Rules::of(system, p);
    let unbounded = rules.unbounded;
    let upper_ok = |high: u64| rules.upper_ok(high);
    let wide = |low: u64, high: u64| rules.wide(low, high);
    let shown = |(low, high): (u64, u64)| rules.shown(low, high);
    let linked: BTreeSet<usize> = vector.indices().iter().map(|&i| component[i]).collect();
    // Witnesses for every insider at once: every insider's cell at least 1 (for the lower
    // end, every insider outside the cell). They are witnesses for an outsider too, and one
    // such table settles the rule for every insider it holds; added to the pool when the
    // known tables do not settle the cell.
    let joint = |pool: &mut WitnessPool| -> Result<(), DisclosureError> {
        let all: Vec<(usize, u64)> = insiders
            .iter()
            .filter(|&&i| linked.contains(&component[i]))
            .map(|&i| (i, 1))
            .collect();
        let outside: Vec<(usize, u64)> = all
            .iter()
            .copied()
            .filter(|&(i, _)| !vector.contains(i))
            .collect();
        if !unbounded {
            pool.tables
                .extend(system.extreme(vector, &all, true)?.witness);
        }
        pool.tables
            .extend(system.extreme(vector, &outside, false)?.witness);
        Ok(())
    };
    let mut joint_tried = false;
    // Insiders the known tables do not settle, covered in groups: one witness with every
    // insider of a group at least 1 settles the whole group; a group that has none is
    // split in halves (a single insider then gets its own integer program below).
    let linked_insiders: Vec<usize> = insiders
        .iter()
        .copied()
        .filter(|&i| linked.contains(&component[i]))
        .collect();
    let reaches = |pool: &WitnessPool, s: usize, good: &dyn Fn(u64) -> bool| {
        pool.tables
            .iter()
            .any(|t| t[s] >= 1 && good(WitnessPool::value(t, vector)))
    };
    // An insider's interval lies within the outsider's: when the exact outsider interval
    // already fails a rule, no witness can meet it for any insider, and searching for one
    // insider group after another only confirms that.
    if p.needs_zero && (!exact || interval.lower == 0) {
        let zero = |v: u64| v == 0;
        let open: Vec<usize> = linked_insiders
            .iter()
            .copied()
            .filter(|&i| !vector.contains(i) && !reaches(pool, i, &zero))
            .collect();
        cover(system, vector, pool, &open, false, hold, &zero)?;
    }
    if !unbounded && (!exact || interval.reaches(p.value + 1)) {
        let above = |v: u64| v > p.value;
        let open: Vec<usize> = linked_insiders
            .iter()
            .copied()
            .filter(|&i| !reaches(pool, i, &above))
            .collect();
        cover(system, vector, pool, &open, true, hold, &above)?;
    }
    let mut out = Vec::new();

    for &s in insiders {
        // Knowledge about an unlinked inner cell changes nothing for this cell.
        if !linked.contains(&component[s]) {
            continue;
        }
        let own = u64::from(vector.contains(s));
        let bounds = |pool: &WitnessPool| {
            let (mut low, mut high) = (u64::MAX, 0u64);
            for t in pool.tables.iter().filter(|t| t[s] >= 1) {
                let v = WitnessPool::value(t, vector);
                low = low.min(v);
                high = high.max(v);
            }
            (low, high)
        };
        let zero_ok = |low: u64| !p.needs_zero || low <= own;
        let settled = |(low, high): (u64, u64)| upper_ok(high) && wide(low, high) && zero_ok(low);
        let (mut low, mut high) = bounds(pool);
        // Known tables that reach both ends of the interval the earlier ledger alone
        // allows give this interval exactly (it can only be narrower now).
        let cached = |pool: &WitnessPool, maximise| {
            pool.before
                .get(&(vector.clone(), Some(s), maximise))
                .copied()
        };
        if !settled((low, high))
            && low <= high
            && cached(pool, false) == Some(Bound::Finite(low))
            && cached(pool, true) == Some(shown((low, high)).upper)
        {
            out.push(InsiderInterval {
                insider: s,
                interval: shown((low, high)),
            });
            continue;
        }
        // Known tables with the insider's cell at least 1 that reach both ends of the
        // interval the earlier ledger alone allows an outsider give the insider that
        // interval now and before: it lies within the outsider's, which lies within the
        // earlier one. A weakness the ledger already had is so recognised without solving
        // anything per insider.
        let known = |pool: &WitnessPool| {
            let (low, high) = bounds(pool);
            (low <= high).then(|| shown((low, high)))
        };
        if !settled((low, high))
            && low <= high
            && let Some(earlier) = before.reached(vector, None, &known, system, pool)?
        {
            pool.before.insert(
                (vector.clone(), Some(s), false),
                Bound::Finite(earlier.lower),
            );
            pool.before
                .insert((vector.clone(), Some(s), true), earlier.upper);
            out.push(InsiderInterval {
                insider: s,
                interval: earlier,
            });
            continue;
        }
        (low, high) = bounds(pool);
        if !settled((low, high)) && !joint_tried {
            joint_tried = true;
            joint(pool)?;
            (low, high) = bounds(pool);
        }
        // Still open: what the earlier ledger alone allows (remembered across rounds; a
        // weakness it already had is no finding of this report), and its tables that
        // satisfy what is published now.
        if !settled((low, high))
            && let Some(earlier) = before.reached(vector, Some(s), &known, system, pool)?
        {
            out.push(InsiderInterval {
                insider: s,
                interval: earlier,
            });
            continue;
        }
        (low, high) = bounds(pool);
        if settled((low, high)) {
            out.push(InsiderInterval {
                insider: s,
                interval: Interval {
                    lower: low,
                    upper: if unbounded {
                        Bound::Unbounded
                    } else {
                        Bound::Finite(high)
                    },
                },
            });
            continue;
        }
        // Witnesses that keep this report's cells as they are, for this insider, before
        // anything exact.
        if !settled((low, high))
            && let Some(hold) = hold
        {
            for maximise in [false, true] {
                let e = system.extreme_holding(vector, &[(s, 1)], maximise, Some(hold))?;
                pool.tables.extend(e.witness);
            }
            (low, high) = bounds(pool);
            if settled((low, high)) {
                out.push(InsiderInterval {
                    insider: s,
                    interval: shown((low, high)),
                });
                continue;
            }
        }
        // The known tables do not settle it: the bound that is missing, exactly (both when
        // the width is what fails).
        let need_low = !zero_ok(low) || !wide(low, high);
        let need_high = !upper_ok(high) || !wide(low, high);
        let lower = if need_low {
            let e = system.extreme(vector, &[(s, 1)], false)?;
            pool.tables.extend(e.witness.iter().cloned());
            finite(e.value)
        } else {
            low
        };
        let upper = if unbounded {
            Bound::Unbounded
        } else if need_high {
            let e = system.extreme(vector, &[(s, 1)], true)?;
            pool.tables.extend(e.witness.iter().cloned());
            e.value
        } else {
            Bound::Finite(high)
        };
        out.push(InsiderInterval {
            insider: s,
            interval: Interval { lower, upper },
        });
    }
    Ok(out)
}

/// Adds witness tables to the pool until every insider of `group` has one whose value on
/// `vector` is `good`, as far as groups can: the extreme with every insider of the group
/// at least 1, then each half of a group that has no good witness.
fn cover(
    system: &System,
    vector: &CellVector,
    pool: &mut WitnessPool,
    group: &[usize],
    maximise: bool,
    hold: Option<&CellVector>,
    good: &dyn Fn(u64) -> bool,
) -> Result<(), DisclosureError> {
    if group.len() < 2 {
        return Ok(());
    }
    let lower: Vec<(usize, u64)> = group.iter().map(|&s| (s, 1)).collect();
    // First a witness that keeps the cells of this report's tables (it lasts every round).
    for hold in hold.into_iter().map(Some).chain([None]) {
        let e = system.extreme_holding(vector, &lower, maximise, hold)?;
        let settled = matches!(e.value, Bound::Finite(v) if good(v));
        pool.tables.extend(e.witness);
        if settled {
            return Ok(());
        }
    }
    let (a, b) = group.split_at(group.len() / 2);
    cover(system, vector, pool, a, maximise, hold, good)?;
    cover(system, vector, pool, b, maximise, hold, good)
}
