//! The audit that must pass before a report can be exported. It takes the tables, the
//! publish/withhold decisions and the release ledger, recomputes everything itself (the primary
//! cells, the span, the intervals) and shares no code with the suppression:
//!
//! 1. no published cell has a value between 1 and k - 1 (strikt: and no published zero
//!    outside a grand total);
//! 2. no protected cell (a primary cell of these tables, a withheld primary cell of an
//!    earlier report, or a small difference of a new cell and a nested ledger cell that the
//!    ledger alone did not give) lies in the span of the published vectors, ledger included,
//!    checked by exact rational elimination ([`super::rank`]);
//! 3. interval audit: over all non-negative integer tables consistent with every published
//!    equation, each protected cell with true value n reaches at least n + 1, spans a width of
//!    at least 2, and can be 0 when it is sensitive (strikt: always);
//! 4. insider audit: rule 3 again for each non-zero inner cell s with x_s >= 1 added; for a
//!    sensitive cell the lower bound may then be 1 when s lies inside it (the insider's own
//!    case), never more;
//! 5. (differencing) is rules 1-4 with the full ledger, which is how they are run;
//! 6. for tiny tables, exhaustive enumeration: each protected cell takes at least two values
//!    (and 0 when sensitive), for outsiders and insiders.
//!
//! A weakness the ledger alone already has, and that this release leaves exactly as it was
//! (same span membership, same interval, same enumerated values), is listed apart as
//! pre-existing and does not fail the audit: no suppression in a new report can undo it, and
//! the new report adds nothing to it.
//!
//! The report names cells, rules and reason codes only; it holds the derivable intervals but no
//! true counts.

use super::enumerate::{self, Enumeration};
use super::interval::{Bound, Interval, System};
use super::ledger::derived_cells;
use super::rank::NullSpace;
use super::{CellKind, CellPos, CellRef, CellVector, Decision, DisclosureError, InnerSpace};
use super::{Ledger, Profile, Table};
use std::collections::{BTreeMap, BTreeSet};

/// The audit rules (numbered as in the design).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// 1: no published small value.
    PublishedValue,
    /// 2: linear non-derivability.
    Span,
    /// 3: interval widths.
    Interval,
    /// 4: intervals against an insider.
    Insider,
    /// 6: exhaustive enumeration of tiny tables.
    Exhaustive,
}

impl Rule {
    /// The rule's number in the design.
    pub fn number(self) -> u8 {
        match self {
            Rule::PublishedValue => 1,
            Rule::Span => 2,
            Rule::Interval => 3,
            Rule::Insider => 4,
            Rule::Exhaustive => 6,
        }
    }
}

/// Why a cell fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// A published value is between 1 and k - 1.
    SmallValuePublished,
    /// A zero is published where the profile hides zeros.
    ZeroPublished,
    /// The value can be computed exactly from published values.
    InSpan,
    /// The largest consistent value is below n + 1.
    UpperTooLow,
    /// The consistent values span less than 2.
    TooNarrow,
    /// A sensitive cell cannot be 0 (or, for an insider's own cell, 1).
    LowerAboveZero,
    /// Enumeration finds a single consistent value.
    SingleValue,
}

impl Reason {
    /// A stable machine-readable code.
    pub fn code(self) -> &'static str {
        match self {
            Reason::SmallValuePublished => "small_value_published",
            Reason::ZeroPublished => "zero_published",
            Reason::InSpan => "derivable",
            Reason::UpperTooLow => "upper_too_low",
            Reason::TooNarrow => "too_narrow",
            Reason::LowerAboveZero => "lower_above_zero",
            Reason::SingleValue => "single_value",
        }
    }
}

/// Where an audited cell comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// A cell of the audited tables.
    Table(CellPos),
    /// A withheld cell of an earlier report (index into [`Ledger::protected`]).
    Ledger(usize),
    /// A small difference of nested new and ledger cells (index into the list of
    /// [`super::derived_cells`] for the same tables and ledger).
    Derived(usize),
    /// A latent small count (index into [`Ledger::latent`]); checked by rank only.
    Latent(usize),
}

/// One failing cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// The cell's name.
    pub cell: CellRef,
    /// Where it comes from.
    pub subject: Subject,
    /// The rule it fails.
    pub rule: Rule,
    /// Why.
    pub reason: Reason,
    /// The insider's inner cell, for rules 4 and 6.
    pub insider: Option<usize>,
}

/// The interval of one protected cell for one insider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InsiderInterval {
    /// The insider's inner cell.
    pub insider: usize,
    /// What the insider can derive.
    pub interval: Interval,
}

/// What can be derived about one protected cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CellInterval {
    /// The cell's name.
    pub cell: CellRef,
    /// Where it comes from.
    pub subject: Subject,
    /// The outsider's interval (rule 3).
    pub interval: Interval,
    /// Each insider's interval (rule 4), for insiders whose knowledge is linked to the cell.
    pub insiders: Vec<InsiderInterval>,
}

impl CellInterval {
    /// The narrowest width over the outsider and every insider (`None`: unbounded for all).
    pub fn narrowest_width(&self) -> Option<u64> {
        std::iter::once(&self.interval)
            .chain(self.insiders.iter().map(|i| &i.interval))
            .filter_map(Interval::width)
            .min()
    }
}

/// Whether rule 6 ran.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Exhaustive {
    /// The tables are not tiny.
    NotApplicable,
    /// Enumerated: the intervals it found, in the order of [`AuditReport::intervals`].
    Checked(Vec<Interval>),
    /// Tiny, but the search exceeded its node budget; rules 3 and 4 still stand.
    TooLarge,
}

/// The result of the audit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditReport {
    /// Every failing cell, sorted.
    pub findings: Vec<Finding>,
    /// The intervals of every protected cell (this report's primaries first, then the
    /// ledger's, then derived differences), as found by the interval audit.
    pub intervals: Vec<CellInterval>,
    /// Rule 6.
    pub exhaustive: Exhaustive,
    /// Weaknesses that the ledger alone already has and this release does not make worse
    /// (the value was already computable, or the release leaves the interval, or the set of
    /// enumerated values, exactly as the ledger alone gives it). They do not fail the audit:
    /// withholding more in this report cannot undo an earlier release.
    pub preexisting: Vec<Finding>,
}

impl AuditReport {
    /// Whether every rule passed.
    pub fn passed(&self) -> bool {
        self.findings.is_empty()
    }

    /// The interval of a named cell.
    pub fn interval(&self, table: &str, cell: &str) -> Option<&CellInterval> {
        self.intervals
            .iter()
            .find(|i| i.cell.table == table && i.cell.cell == cell)
    }
}

/// A protected cell as the audit sees it.
struct Protected {
    cell: CellRef,
    subject: Subject,
    vector: CellVector,
    value: u64,
    needs_zero: bool,
}

/// The requirement of rules 3 and 4 on one interval; `own` is 1 when the insider's own inner
/// cell lies inside the protected cell.
fn interval_failures(p: &Protected, i: &Interval, own: u64) -> Vec<Reason> {
    let mut out = Vec::new();
    if !i.reaches(p.value + 1) {
        out.push(Reason::UpperTooLow);
    }
    if !i.is_at_least_wide(2) {
        out.push(Reason::TooNarrow);
    }
    if p.needs_zero && i.lower > own {
        out.push(Reason::LowerAboveZero);
    }
    out
}

/// Inner cells linked to each other through published equations (union-find components).
fn components(n: usize, system: &System) -> Vec<usize> {
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut parent: Vec<usize> = (0..n).collect();
    let linked = system
        .equations()
        .iter()
        .map(|(v, _)| v)
        .chain(system.ranges().iter().map(|(v, _, _)| v));
    for vector in linked {
        if let Some((&first, rest)) = vector.indices().split_first() {
            for &i in rest {
                let (a, b) = (find(&mut parent, first), find(&mut parent, i));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

/// Audits the publication of `tables` with `decisions` (one per cell, per table) against
/// `ledger`.
pub fn audit(
    space: &InnerSpace,
    tables: &[Table],
    decisions: &[Vec<Decision>],
    ledger: &Ledger,
    profile: Profile,
) -> Result<AuditReport, DisclosureError> {
    let mut pool = WitnessPool::new(space);
    audit_with(space, tables, decisions, ledger, profile, &mut pool)
}

/// [`audit`], reusing the witness tables of earlier audits of the same space: each is used
/// only if it satisfies everything published now (checked exactly), so the verdict is the
/// one a fresh audit gives; only the work differs.
pub fn audit_with(
    space: &InnerSpace,
    tables: &[Table],
    decisions: &[Vec<Decision>],
    ledger: &Ledger,
    profile: Profile,
    pool: &mut WitnessPool,
) -> Result<AuditReport, DisclosureError> {
    ledger.check(space)?;
    if decisions.len() != tables.len()
        || tables
            .iter()
            .zip(decisions)
            .any(|(t, d)| t.cells().len() != d.len())
    {
        return Err(DisclosureError::Shape {
            table: tables
                .first()
                .map(|t| t.code().to_owned())
                .unwrap_or_default(),
            problem: "one decision per cell is required",
        });
    }
    let n = space.len();
    let k = profile.k();
    let mut findings = BTreeSet::new();

    // Rule 1, and the equations and protected cells.
    let mut equations: Vec<(CellVector, u64)> = ledger
        .published
        .iter()
        .chain(&ledger.fixed)
        .map(|e| (e.vector.clone(), e.value))
        .collect();
    let mut protected = Vec::new();
    for (t, (table, decisions)) in tables.iter().zip(decisions).enumerate() {
        for (c, (cell, decision)) in table.cells().iter().zip(decisions).enumerate() {
            let subject = Subject::Table(CellPos { table: t, cell: c });
            let value = space.value(&cell.vector)?;
            if decision.is_published() {
                let reason = if (1..k).contains(&value) {
                    Some(Reason::SmallValuePublished)
                } else if value == 0
                    && !profile.publishes_zeros()
                    && cell.kind != CellKind::GrandTotal
                {
                    Some(Reason::ZeroPublished)
                } else {
                    None
                };
                if let Some(reason) = reason {
                    findings.insert(Finding {
                        cell: table.cell_ref(c),
                        subject,
                        rule: Rule::PublishedValue,
                        reason,
                        insider: None,
                    });
                }
                equations.push((cell.vector.clone(), value));
            }
            let small = (1..k).contains(&value);
            let hidden_zero =
                value == 0 && !profile.publishes_zeros() && cell.kind != CellKind::GrandTotal;
            if small || hidden_zero {
                protected.push(Protected {
                    cell: table.cell_ref(c),
                    subject,
                    vector: cell.vector.clone(),
                    value,
                    needs_zero: profile.needs_zero_lower_bound(space.all_sensitive(&cell.vector)?),
                });
            }
        }
    }
    // A count whose existence is published (a band says at least 1) cannot be required to
    // look possibly zero: that is what the band rule accepts.
    let shown_to_exist = |v: &CellVector| {
        ledger
            .ranges
            .iter()
            .chain(&ledger.revealed)
            .any(|r| &r.vector == v && r.lower >= 1)
    };
    for (i, p) in ledger.protected.iter().enumerate() {
        protected.push(Protected {
            cell: p.cell.clone(),
            subject: Subject::Ledger(i),
            vector: p.vector.clone(),
            value: space.value(&p.vector)?,
            needs_zero: !shown_to_exist(&p.vector)
                && profile.needs_zero_lower_bound(space.all_sensitive(&p.vector)?),
        });
    }
    // Differences the ledger alone already gives were known before this report.
    let before: Vec<CellVector> = ledger.published.iter().map(|e| e.vector.clone()).collect();
    let known_before = NullSpace::of(&before, n)?;
    for (i, d) in derived_cells(space, tables, ledger, profile)?
        .into_iter()
        .enumerate()
    {
        if known_before.spans(&d.vector)? {
            continue;
        }
        protected.push(Protected {
            cell: d.cell,
            subject: Subject::Derived(i),
            value: space.value(&d.vector)?,
            needs_zero: profile.needs_zero_lower_bound(space.all_sensitive(&d.vector)?),
            vector: d.vector,
        });
    }

    // Rule 2: exact span.
    let mut preexisting = BTreeSet::new();
    let published: Vec<CellVector> = equations.iter().map(|(v, _)| v.clone()).collect();
    let null = NullSpace::of(&published, n)?;
    let latent: Vec<Protected> = ledger
        .latent
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Ok(Protected {
                cell: p.cell.clone(),
                subject: Subject::Latent(i),
                vector: p.vector.clone(),
                value: space.value(&p.vector)?,
                needs_zero: false,
            })
        })
        .collect::<Result<_, DisclosureError>>()?;
    for p in protected.iter().chain(&latent) {
        if null.spans(&p.vector)? {
            let finding = Finding {
                cell: p.cell.clone(),
                subject: p.subject,
                rule: Rule::Span,
                reason: Reason::InSpan,
                insider: None,
            };
            if known_before.spans(&p.vector)? {
                preexisting.insert(finding);
            } else {
                findings.insert(finding);
            }
        }
    }

    // Rules 3 and 4: intervals, cached per distinct vector.
    let truth: Vec<u64> = (0..n).map(|i| space.count(i)).collect();
    let system = System::new(
        truth.clone(),
        equations,
        ledger
            .ranges
            .iter()
            .chain(&ledger.revealed)
            .map(|r| (r.vector.clone(), r.lower, r.upper)),
    );
    let component = components(n, &system);
    // Witnesses of earlier audits count only if they agree with what is published now (a
    // later round may publish a cell an earlier round withheld).
    pool.tables.retain(|t| system.satisfies(t, &[]));
    let in_scope: BTreeSet<usize> = (0..n)
        .filter(|&i| {
            system.is_covered(i)
                || system.is_named(i)
                || protected.iter().any(|p| p.vector.contains(i))
        })
        .collect();
    let insiders: Vec<usize> = in_scope
        .iter()
        .copied()
        .filter(|&s| space.count(s) >= 1)
        .collect();
    let mut cache: BTreeMap<CellVector, (Interval, Vec<InsiderInterval>)> = BTreeMap::new();

    let before = Before::new(truth, ledger);
    let before_ledger = Some(Before::ledger_part(ledger));
    if pool.before_ledger != before_ledger {
        pool.before.clear();
        pool.before_tables.clear();
        pool.before_ledger = before_ledger;
    }
    for t in &pool.before_tables {
        if system.satisfies(t, &[]) && !pool.tables.contains(t) {
            pool.tables.push(t.clone());
        }
    }
    let mut intervals = Vec::with_capacity(protected.len());
    for p in &protected {
        if !cache.contains_key(&p.vector) {
            let computed = cell_intervals(&system, &before, &component, &insiders, p, pool)?;
            cache.insert(p.vector.clone(), computed);
        }
        let (interval, insider_intervals) = cache[&p.vector].clone();
        let checks = std::iter::once((None, interval)).chain(
            insider_intervals
                .iter()
                .map(|ii| (Some(ii.insider), ii.interval)),
        );
        for (insider, i) in checks {
            let own = insider.map_or(0, |s| u64::from(p.vector.contains(s)));
            let reasons = interval_failures(p, &i, own);
            if reasons.is_empty() {
                continue;
            }
            // A failure is compared with what the ledger alone gives, exactly (a passing
            // bound may have come from a witness, not from the optimum).
            // The interval now lies within the one from the ledger alone, and its ends are
            // values of tables that satisfy everything published now: when they are the
            // ledger's ends, the interval is the ledger's exactly.
            let earlier = before.interval(&p.vector, insider, &system, pool)?;
            let unchanged = earlier == Some(i)
                || earlier.is_some()
                    && earlier == Some(exact_interval(&system, &p.vector, insider)?);
            for reason in reasons {
                let finding = Finding {
                    cell: p.cell.clone(),
                    subject: p.subject,
                    rule: if insider.is_some() {
                        Rule::Insider
                    } else {
                        Rule::Interval
                    },
                    reason,
                    insider,
                };
                if unchanged {
                    preexisting.insert(finding);
                } else {
                    findings.insert(finding);
                }
            }
        }
        intervals.push(CellInterval {
            cell: p.cell.clone(),
            subject: p.subject,
            interval,
            insiders: insider_intervals,
        });
    }

    // Rule 6: exhaustive enumeration of tiny tables.
    let total: u64 = in_scope.iter().map(|&i| space.count(i)).sum();
    let exhaustive = if protected.is_empty()
        || in_scope.len() > enumerate::MAX_INNER
        || total > enumerate::MAX_TOTAL
    {
        Exhaustive::NotApplicable
    } else {
        let objectives: Vec<CellVector> = protected.iter().map(|p| p.vector.clone()).collect();
        match enumerate::enumerate(&system, n, &objectives, &insiders, enumerate::MAX_NODES) {
            None => Exhaustive::TooLarge,
            Some(e) => {
                let (enumerated, failures) = exhaustive_findings(&protected, &e);
                // The same enumeration over the ledger alone, only when something failed.
                let earlier = if failures.is_empty() || ledger.published.is_empty() {
                    None
                } else {
                    enumerate::enumerate(
                        &before.system,
                        n,
                        &objectives,
                        &insiders,
                        enumerate::MAX_NODES,
                    )
                };
                for (j, finding) in failures {
                    let sets = |e: &Enumeration| match finding.insider {
                        None => e.outsider.get(j).cloned(),
                        Some(s) => e.insiders.get(&s).and_then(|v| v.get(j)).cloned(),
                    };
                    let unchanged = earlier.as_ref().is_some_and(|b| sets(b) == sets(&e));
                    if unchanged {
                        preexisting.insert(finding);
                    } else {
                        findings.insert(finding);
                    }
                }
                Exhaustive::Checked(enumerated)
            }
        }
    };

    Ok(AuditReport {
        findings: findings.into_iter().collect(),
        intervals,
        exhaustive,
        preexisting: preexisting.into_iter().collect(),
    })
}

/// The exact interval of `vector` under `system` (with x_s >= 1 for an insider s).
fn exact_interval(
    system: &System,
    vector: &CellVector,
    insider: Option<usize>,
) -> Result<Interval, DisclosureError> {
    let lower: Vec<(usize, u64)> = insider.map(|s| (s, 1)).into_iter().collect();
    let lo = system.extreme(vector, &lower, false)?;
    let hi = system.extreme(vector, &lower, true)?;
    Ok(Interval {
        lower: match lo.value {
            Bound::Finite(v) => v,
            Bound::Unbounded => 0,
        },
        upper: hi.value,
    })
}

/// What the ledger alone lets anyone derive, computed only for cells that fail.
struct Before {
    system: System,
    empty: bool,
}

/// The part of a ledger a [`Before`] system is made of (earlier equations and ranges).
type BeforeLedger = (Vec<(CellVector, u64)>, Vec<(CellVector, u64, Option<u64>)>);

impl Before {
    fn new(truth: Vec<u64>, ledger: &Ledger) -> Before {
        let (published, ranges) = Before::ledger_part(ledger);
        Before {
            empty: published.is_empty() && ranges.is_empty(),
            system: System::new(truth, published, ranges),
        }
    }

    fn ledger_part(ledger: &Ledger) -> BeforeLedger {
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

    /// The interval of `vector` from the ledger alone (with insider knowledge x_s >= 1);
    /// `None` when there is no ledger. Remembered in `pool` (valid for the same ledger).
    fn interval(
        &self,
        vector: &CellVector,
        insider: Option<usize>,
        now: &System,
        pool: &mut WitnessPool,
    ) -> Result<Option<Interval>, DisclosureError> {
        if self.empty {
            return Ok(None);
        }
        let key = (vector.clone(), insider);
        if let Some(i) = pool.before.get(&key) {
            return Ok(Some(*i));
        }
        let lower: Vec<(usize, u64)> = insider.map(|s| (s, 1)).into_iter().collect();
        let lo = self.system.extreme(vector, &lower, false)?;
        let hi = self.system.extreme(vector, &lower, true)?;
        let i = Interval {
            lower: match lo.value {
                Bound::Finite(v) => v,
                Bound::Unbounded => 0,
            },
            upper: hi.value,
        };
        pool.before.insert(key, i);
        // A table the ledger alone allows that also satisfies what is published now is a
        // witness now (and maybe in a later round of the same ledger).
        for w in lo.witness.into_iter().chain(hi.witness) {
            if now.satisfies(&w, &[]) && !pool.tables.contains(&w) {
                pool.tables.push(w.clone());
            }
            pool.before_tables.push(w);
        }
        Ok(Some(i))
    }
}

/// Integer tables known to satisfy everything published: the true table and every witness
/// a solve returned. A table in the pool shows a value nobody can rule out (with x_s >= 1:
/// an insider in s cannot either), so most integer programs are never solved.
#[derive(Debug, Clone)]
pub struct WitnessPool {
    tables: Vec<Vec<u64>>,
    /// Intervals from the earlier ledger alone, by cell and insider, for `before_ledger`.
    before: BTreeMap<(CellVector, Option<usize>), Interval>,
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

/// The outsider interval and the insider intervals of one protected cell.
///
/// The outsider interval is exact (up to the solver's node budget). An insider interval is
/// what witness tables with the insider's cell at least 1 show: the known integer tables
/// (the true table and every solver witness so far) are tried first, and an insider's
/// integer programs are solved only when those tables do not already meet every rule (an
/// upper end of at least n + 1, a width of at least 2, and for a sensitive cell a lower end
/// of 0, or 1 for the insider's own cell). A passing insider interval may so be narrower
/// than the true one, never wider: the rules hold a fortiori. A failing one is exact.
fn cell_intervals(
    system: &System,
    before: &Before,
    component: &[usize],
    insiders: &[usize],
    p: &Protected,
    pool: &mut WitnessPool,
) -> Result<(Interval, Vec<InsiderInterval>), DisclosureError> {
    let vector = &p.vector;
    let finite = |b: Bound| match b {
        Bound::Finite(v) => v,
        Bound::Unbounded => 0,
    };
    let unbounded = vector.indices().iter().any(|&i| !system.is_covered(i));
    let upper_ok = |high: u64| unbounded || high > p.value;
    let wide = |low: u64, high: u64| unbounded || high >= low + 2;
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
    // The outsider: the known tables first; the integer programs of the cell alone only when
    // those do not meet every rule (then the interval is exact).
    let outsider = |pool: &WitnessPool| {
        let (mut low, mut high) = (u64::MAX, 0u64);
        for t in &pool.tables {
            let v = WitnessPool::value(t, vector);
            low = low.min(v);
            high = high.max(v);
        }
        (low, high)
    };
    let settles =
        |(low, high): (u64, u64)| upper_ok(high) && wide(low, high) && (!p.needs_zero || low == 0);
    let mut joint_tried = false;
    let known = outsider(pool);
    let interval = if settles(known) {
        Interval {
            lower: known.0,
            upper: if unbounded {
                Bound::Unbounded
            } else {
                Bound::Finite(known.1)
            },
        }
    } else {
        let lo = system.extreme(vector, &[], false)?;
        let hi = system.extreme(vector, &[], true)?;
        pool.tables.extend(lo.witness.iter().cloned());
        pool.tables.extend(hi.witness.iter().cloned());
        Interval {
            lower: finite(lo.value),
            upper: hi.value,
        }
    };
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
    if p.needs_zero {
        let zero = |v: u64| v == 0;
        let open: Vec<usize> = linked_insiders
            .iter()
            .copied()
            .filter(|&i| !vector.contains(i) && !reaches(pool, i, &zero))
            .collect();
        cover(system, vector, pool, &open, false, &zero)?;
    }
    if !unbounded {
        let above = |v: u64| v > p.value;
        let open: Vec<usize> = linked_insiders
            .iter()
            .copied()
            .filter(|&i| !reaches(pool, i, &above))
            .collect();
        cover(system, vector, pool, &open, true, &above)?;
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
        let shown = |low: u64, high: u64| Interval {
            lower: low,
            upper: if unbounded {
                Bound::Unbounded
            } else {
                Bound::Finite(high)
            },
        };
        if !settled((low, high))
            && low <= high
            && pool.before.get(&(vector.clone(), Some(s))) == Some(&shown(low, high))
        {
            out.push(InsiderInterval {
                insider: s,
                interval: shown(low, high),
            });
            continue;
        }
        if !settled((low, high)) && !joint_tried {
            joint_tried = true;
            joint(pool)?;
            (low, high) = bounds(pool);
        }
        // Still open: what the earlier ledger alone allows (remembered across rounds; a
        // weakness it already had is no finding of this report), and its tables that
        // satisfy what is published now.
        if !settled((low, high))
            && let Some(earlier) = before.interval(vector, Some(s), system, pool)?
        {
            (low, high) = bounds(pool);
            if low <= high && earlier == shown(low, high) {
                out.push(InsiderInterval {
                    insider: s,
                    interval: earlier,
                });
                continue;
            }
        }
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
    Ok((interval, out))
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
    good: &dyn Fn(u64) -> bool,
) -> Result<(), DisclosureError> {
    if group.len() < 2 {
        return Ok(());
    }
    let lower: Vec<(usize, u64)> = group.iter().map(|&s| (s, 1)).collect();
    let e = system.extreme(vector, &lower, maximise)?;
    let settled = matches!(e.value, Bound::Finite(v) if good(v));
    pool.tables.extend(e.witness);
    if settled {
        return Ok(());
    }
    let (a, b) = group.split_at(group.len() / 2);
    cover(system, vector, pool, a, maximise, good)?;
    cover(system, vector, pool, b, maximise, good)
}

/// The enumerated outsider intervals, and every failure with the index of its cell.
fn exhaustive_findings(
    protected: &[Protected],
    e: &Enumeration,
) -> (Vec<Interval>, Vec<(usize, Finding)>) {
    let mut intervals = Vec::with_capacity(protected.len());
    let mut failures = Vec::new();
    for (j, p) in protected.iter().enumerate() {
        let sets = std::iter::once((None, &e.outsider[j]))
            .chain(e.insiders.iter().map(|(&s, sets)| (Some(s), &sets[j])));
        for (insider, set) in sets {
            let own = insider.map_or(0, |s| u64::from(p.vector.contains(s)));
            let mut fail = |reason| {
                failures.push((
                    j,
                    Finding {
                        cell: p.cell.clone(),
                        subject: p.subject,
                        rule: Rule::Exhaustive,
                        reason,
                        insider,
                    },
                ));
            };
            if !set.has_two_values() {
                fail(Reason::SingleValue);
            }
            if p.needs_zero && set.values.first().is_none_or(|&min| min > own) {
                fail(Reason::LowerAboveZero);
            }
        }
        intervals.push(e.outsider[j].interval().unwrap_or(Interval {
            lower: 0,
            upper: Bound::Finite(0),
        }));
    }
    (intervals, failures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::disclosure::{SuppressionReason, suppress};

    fn all_published(t: &Table) -> Vec<Vec<Decision>> {
        vec![vec![Decision::Publish; t.cells().len()]]
    }

    fn with_suppressed(t: &Table, keys: &[&str]) -> Vec<Vec<Decision>> {
        let mut d = all_published(t);
        for key in keys {
            d[0][t.position(key).expect("cell exists")] =
                Decision::Suppress(SuppressionReason::Secondary);
        }
        d
    }

    fn grid(counts: &[Vec<u64>]) -> (InnerSpace, Table) {
        let rows: Vec<String> = (0..counts.len()).map(|r| format!("r{r}")).collect();
        let cols: Vec<String> = (0..counts[0].len()).map(|c| format!("c{c}")).collect();
        Table::two_way_from_counts("t", &rows, &cols, counts).expect("valid grid")
    }

    #[test]
    fn publishing_a_small_cell_fails_rules_one_to_three() {
        let (space, t) = grid(&[vec![3, 7], vec![6, 8]]);
        let report = audit(
            &space,
            std::slice::from_ref(&t),
            &all_published(&t),
            &Ledger::new(),
            Profile::Standaard,
        )
        .expect("audit runs");
        let rules: BTreeSet<Rule> = report
            .findings
            .iter()
            .filter(|f| f.cell.cell == "r0|c0")
            .map(|f| f.rule)
            .collect();
        assert!(rules.contains(&Rule::PublishedValue), "3 shown: rule 1");
        assert!(rules.contains(&Rule::Span), "3 shown: trivially derivable");
        assert!(rules.contains(&Rule::Interval), "3 shown: interval [3, 3]");
    }

    #[test]
    fn one_suppressed_body_cell_is_derivable_from_its_margin() {
        let (space, t) = grid(&[vec![3, 7], vec![6, 8]]);
        let d = with_suppressed(&t, &["r0|c0"]);
        let report = audit(&space, &[t], &d, &Ledger::new(), Profile::Standaard).expect("runs");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.rule == Rule::Span && f.cell.cell == "r0|c0"),
            "row total minus the other cell gives it: {:?}",
            report.findings
        );
    }

    #[test]
    fn a_full_cycle_passes_with_frechet_intervals() {
        let (space, t) = grid(&[vec![3, 7], vec![6, 8]]);
        let d = with_suppressed(&t, &["r0|c0", "r0|c1", "r1|c0", "r1|c1"]);
        let report = audit(&space, &[t], &d, &Ledger::new(), Profile::Standaard).expect("runs");
        assert!(report.passed(), "margins only: {:?}", report.findings);
        let i = report.interval("t", "r0|c0").expect("primary audited");
        assert_eq!(
            i.interval,
            Interval {
                lower: 0,
                upper: Bound::Finite(9)
            },
            "x00 in [max(0, 10 + 9 - 24), min(10, 9)]"
        );
        assert!(
            !i.insiders.is_empty(),
            "insiders linked through the margins are audited"
        );
        assert_eq!(
            report.exhaustive,
            Exhaustive::NotApplicable,
            "24 dossiers is not tiny"
        );
    }

    #[test]
    fn margins_alone_pass_but_one_more_body_cell_discloses() {
        let (space, t) = grid(&[vec![1, 9], vec![9, 9]]);
        // Margins only: x00 in [max(0, 10 + 10 - 28), min(10, 10)] = [0, 10].
        let d = with_suppressed(&t, &["r0|c0", "r0|c1", "r1|c0", "r1|c1"]);
        let report = audit(
            &space,
            std::slice::from_ref(&t),
            &d,
            &Ledger::new(),
            Profile::Standaard,
        )
        .expect("runs");
        assert!(
            report.passed(),
            "wide Frechet bounds: {:?}",
            report.findings
        );
        // Margins and x11 = 9: x00 = r0 + c0 - T + x11.
        let d = with_suppressed(&t, &["r0|c0", "r0|c1", "r1|c0"]);
        let report = audit(&space, &[t], &d, &Ledger::new(), Profile::Standaard).expect("runs");
        assert!(
            report.findings.iter().any(|f| f.rule == Rule::Span),
            "x00 is derivable once x11 is shown"
        );
    }

    #[test]
    fn tiny_tables_are_enumerated_and_agree_with_the_solver() {
        let (space, t) = grid(&[vec![2, 3], vec![3, 4]]);
        let s = suppress(
            &space,
            std::slice::from_ref(&t),
            &Ledger::new(),
            Profile::Standaard,
            &BTreeSet::new(),
        )
        .expect("runs");
        let report = audit(
            &space,
            &[t],
            &s.decisions,
            &Ledger::new(),
            Profile::Standaard,
        )
        .expect("runs");
        match &report.exhaustive {
            Exhaustive::Checked(enumerated) => {
                let solved: Vec<Interval> = report.intervals.iter().map(|i| i.interval).collect();
                for (s, e) in solved.iter().zip(enumerated) {
                    assert!(
                        s.lower >= e.lower && s.upper <= e.upper,
                        "the audit's interval {s:?} lies within the enumerated {e:?}"
                    );
                }
                assert_eq!(
                    solved[0], enumerated[0],
                    "the first cell is solved exactly and agrees with enumeration"
                );
            }
            other => panic!("12 dossiers in 4 cells must be enumerated, got {other:?}"),
        }
    }

    #[test]
    fn sensitive_cells_need_a_zero_lower_bound() {
        // 1-D: sexual harassment 4 (sensitive), bullying 6, other 5; total 15.
        let mut space = InnerSpace::new([4, 6, 5]);
        space
            .mark_sensitive(&CellVector::single(0))
            .expect("in range");
        let rows = (0..3).map(CellVector::single).collect();
        let t = Table::one_way("t", &space, &["seks", "pesten", "overig"], rows).expect("valid");
        // Withhold 4 and 5 only: 4 + 5 = 9 is known, x0 in [0, 9].
        let d = with_suppressed(&t, &["seks", "overig"]);
        let report = audit(&space, &[t], &d, &Ledger::new(), Profile::Standaard).expect("runs");
        assert!(
            report.passed(),
            "the sensitive cell can be 0: {:?}",
            report.findings
        );
        let i = report.interval("t", "seks").expect("audited");
        assert_eq!(i.interval.lower, 0, "an outsider cannot exclude 0");
        assert!(
            i.insiders.iter().all(|ii| ii.interval.lower <= 1),
            "an insider learns at most their own case"
        );
    }

    #[test]
    fn weaknesses_of_the_ledger_alone_are_listed_but_do_not_fail() {
        // An earlier report published a + b + c = 5 and withheld a = 1, b = 3, c = 1. A new
        // table groups b and c (4): an insider in a knows b + c <= 4 from the ledger alone.
        let space = InnerSpace::new([1, 3, 1]);
        let ledger = Ledger {
            ranges: Vec::new(),
            fixed: Vec::new(),
            revealed: Vec::new(),
            published: vec![crate::report::disclosure::LedgerEntry {
                cell: CellRef {
                    table: "2026-Q2/kwartaal".into(),
                    cell: "*".into(),
                },
                vector: CellVector::new([0, 1, 2]),
                value: 5,
            }],
            protected: Vec::new(),
            latent: Vec::new(),
        };
        let t = Table::one_way(
            "groep",
            &space,
            &["a", "bc"],
            vec![CellVector::single(0), CellVector::new([1, 2])],
        )
        .expect("valid");
        let d = with_suppressed(&t, &["a", "bc"]);
        let report = audit(
            &space,
            std::slice::from_ref(&t),
            &d,
            &ledger,
            Profile::Standaard,
        )
        .expect("runs");
        assert!(
            report.passed(),
            "the new table adds nothing: {:?}",
            report.findings
        );
        assert!(
            report
                .preexisting
                .iter()
                .any(|f| f.cell.cell == "bc" && f.insider == Some(0)),
            "the ledger's own weakness is listed: {:?}",
            report.preexisting
        );
    }
}
