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
//! A weakness the ledger alone already has, and that this release leaves as it was (same
//! span membership; the same bound where an interval rule fails, both ends for the width;
//! the same enumerated values), is listed apart as pre-existing and does not fail the audit:
//! no suppression in a new report can undo it, and the new report adds nothing to it.
//! A cell that already fails rule 3 for an outsider in a way the ledger did not is not
//! searched for insiders: their intervals lie within the outsider's, and the cell fails
//! either way (the repair loop withholds by cell, so its choices do not change).
//!
//! What the audit reports (rules, reasons, findings, intervals) is in [`super::findings`].

use super::enumerate::{self, Enumeration};
pub use super::findings::{
    AuditReport, CellInterval, Exhaustive, Finding, InsiderInterval, Reason, Rule, Subject,
};
use super::interval::{Bound, Interval, System};
use super::ledger::derived_cells;
use super::rank::NullSpace;
pub use super::witness::WitnessPool;
use super::witness::{Before, Scope, insider_intervals, outsider_interval};
use super::{CellKind, CellPos, CellRef, CellVector, Decision, DisclosureError, InnerSpace};
use super::{Ledger, Profile, Table};
use std::collections::{BTreeMap, BTreeSet};

/// A protected cell as the audit sees it.
pub(super) struct Protected {
    pub(super) cell: CellRef,
    pub(super) subject: Subject,
    pub(super) vector: CellVector,
    pub(super) value: u64,
    pub(super) needs_zero: bool,
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

/// The intervals of one protected cell, each with the reasons it fails a rule and whether
/// that failure is the ledger's own (unchanged).
struct CellIntervals {
    outsider: (Interval, Vec<(Reason, bool)>),
    insiders: Vec<(InsiderInterval, Vec<(Reason, bool)>)>,
}

/// The reasons `interval` (the outsider's, or `insider`'s) fails rules 3 and 4, each with
/// whether the earlier ledger alone gives the bound the rule reads (then the failure is no
/// finding of this report). The bound a rule fails on is exact (solved, or the ends of the
/// ledger's interval reached by tables that satisfy everything published now); the other
/// end may come from a witness, and is compared only where the rule reads it (the width),
/// where a witness end equal to the ledger's is exact too (the interval now lies within the
/// ledger's).
fn judge(
    p: &Protected,
    insider: Option<usize>,
    interval: Interval,
    before: &Before,
    system: &System,
    pool: &mut WitnessPool,
) -> Result<Vec<(Reason, bool)>, DisclosureError> {
    let own = insider.map_or(0, |s| u64::from(p.vector.contains(s)));
    let reasons = interval_failures(p, &interval, own);
    if reasons.is_empty() {
        return Ok(Vec::new());
    }
    // Only the ends the failing rules read are solved.
    let mut out = Vec::with_capacity(reasons.len());
    for reason in reasons {
        let end = |maximise: bool, pool: &mut WitnessPool| {
            before.end(&p.vector, insider, maximise, system, pool)
        };
        let lower_same = |pool: &mut WitnessPool| -> Result<bool, DisclosureError> {
            Ok(end(false, pool)? == Some(Bound::Finite(interval.lower)))
        };
        let upper_same = |pool: &mut WitnessPool| -> Result<bool, DisclosureError> {
            Ok(end(true, pool)? == Some(interval.upper))
        };
        let unchanged = match reason {
            Reason::LowerAboveZero => lower_same(pool)?,
            Reason::UpperTooLow => upper_same(pool)?,
            _ => lower_same(pool)? && upper_same(pool)?,
        };
        out.push((reason, unchanged));
    }
    Ok(out)
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
    run(space, tables, decisions, ledger, profile, pool, false)
}

/// [`audit_with`] for a yes or no: the report when every rule passed, `None` as soon as
/// one fails (the rest is not computed).
pub(super) fn audit_passes(
    space: &InnerSpace,
    tables: &[Table],
    decisions: &[Vec<Decision>],
    ledger: &Ledger,
    profile: Profile,
    pool: &mut WitnessPool,
) -> Result<Option<AuditReport>, DisclosureError> {
    let report = run(space, tables, decisions, ledger, profile, pool, true)?;
    Ok(report.passed().then_some(report))
}

/// The audit; with `stop_at_first`, it returns as soon as a finding is made (its report
/// then holds that finding and what was computed before it).
fn run(
    space: &InnerSpace,
    tables: &[Table],
    decisions: &[Vec<Decision>],
    ledger: &Ledger,
    profile: Profile,
    pool: &mut WitnessPool,
    stop_at_first: bool,
) -> Result<AuditReport, DisclosureError> {
    let stopped = |findings: &BTreeSet<Finding>| stop_at_first && !findings.is_empty();
    let cut = |findings: BTreeSet<Finding>| AuditReport {
        findings: findings.into_iter().collect(),
        intervals: Vec::new(),
        exhaustive: Exhaustive::NotApplicable,
        preexisting: Vec::new(),
    };
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

    if stopped(&findings) {
        return Ok(cut(findings));
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

    if stopped(&findings) {
        return Ok(cut(findings));
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
    // By cell and whether it must look possibly zero (the insiders searched depend on it).
    let mut cache: BTreeMap<(CellVector, bool), CellIntervals> = BTreeMap::new();

    let before = Before::new(truth, ledger);
    pool.start_audit(&system, ledger);
    let scope = Scope {
        system: &system,
        before: &before,
        component: &component,
        insiders: &insiders,
    };
    let new_cells: CellVector = tables
        .iter()
        .flat_map(|t| {
            t.cells()
                .iter()
                .flat_map(|c| c.vector.indices().iter().copied())
        })
        .collect();
    let mut intervals = Vec::with_capacity(protected.len());
    for p in &protected {
        let key = (p.vector.clone(), p.needs_zero);
        if !cache.contains_key(&key) {
            // A cell of an earlier report that no table of this one counts: its witnesses
            // are searched first among tables that leave this report's cells as they are.
            let hold = (matches!(p.subject, Subject::Ledger(_))
                && !p.vector.intersects(&new_cells))
            .then_some(&new_cells);
            let outsider = outsider_interval(&system, p, hold, pool)?;
            let judged = judge(p, None, outsider.0, &before, &system, pool)?;
            // An insider's interval lies within the outsider's: a cell that already fails
            // this report is not searched for insiders (its findings would change nothing:
            // the report fails, and the repair withholds by cell).
            let insiders = if judged.iter().any(|(_, unchanged)| !unchanged) {
                Vec::new()
            } else {
                let found = insider_intervals(&scope, p, outsider, hold, pool)?;
                let mut judged_insiders = Vec::with_capacity(found.len());
                for ii in found {
                    judged_insiders.push((
                        ii,
                        judge(p, Some(ii.insider), ii.interval, &before, &system, pool)?,
                    ));
                }
                judged_insiders
            };
            cache.insert(
                key.clone(),
                CellIntervals {
                    outsider: (outsider.0, judged),
                    insiders,
                },
            );
        }
        let computed = &cache[&key];
        let checks = std::iter::once((None, &computed.outsider.1)).chain(
            computed
                .insiders
                .iter()
                .map(|(ii, judged)| (Some(ii.insider), judged)),
        );
        for (insider, judged) in checks {
            for &(reason, unchanged) in judged {
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
            interval: computed.outsider.0,
            insiders: computed.insiders.iter().map(|(ii, _)| *ii).collect(),
        });
        if stopped(&findings) {
            return Ok(cut(findings));
        }
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
    fn the_yes_or_no_audit_agrees_with_the_full_audit() {
        // 3 x 3 grids of counts 0..12 with random cells withheld: the audit that stops at
        // its first finding says pass exactly when the full audit does.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let (mut passed, mut failed) = (0, 0);
        for _ in 0..200 {
            let counts: Vec<Vec<u64>> =
                (0..3).map(|_| (0..3).map(|_| next(13)).collect()).collect();
            let (space, t) = grid(&counts);
            let mut d = all_published(&t);
            for decision in d[0].iter_mut() {
                if next(3) > 0 {
                    *decision = Decision::Suppress(SuppressionReason::Secondary);
                }
            }
            let full = audit(
                &space,
                std::slice::from_ref(&t),
                &d,
                &Ledger::new(),
                Profile::Standaard,
            )
            .expect("audit runs");
            let mut pool = WitnessPool::new(&space);
            let quick = audit_passes(
                &space,
                &[t],
                &d,
                &Ledger::new(),
                Profile::Standaard,
                &mut pool,
            )
            .expect("audit runs");
            assert_eq!(
                quick.is_some(),
                full.passed(),
                "same verdict for {counts:?} with {d:?}: {:?}",
                full.findings
            );
            if full.passed() {
                passed += 1;
            } else {
                failed += 1;
            }
        }
        assert!(
            passed > 10 && failed > 10,
            "both verdicts occur: {passed} passed, {failed} failed"
        );
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
    fn a_cell_that_fails_for_an_outsider_is_not_searched_for_insiders() {
        // Only r0|c0 (3) withheld: its margins give it exactly, [3, 3], a finding of this
        // report. An insider's interval lies within it, so searching them adds nothing.
        let (space, t) = grid(&[vec![3, 7], vec![6, 8]]);
        let d = with_suppressed(&t, &["r0|c0"]);
        let report = audit(&space, &[t], &d, &Ledger::new(), Profile::Standaard).expect("runs");
        let i = report.interval("t", "r0|c0").expect("primary audited");
        assert_eq!(
            i.interval,
            Interval {
                lower: 3,
                upper: Bound::Finite(3)
            },
            "the outsider interval is exact"
        );
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.rule == Rule::Interval && f.cell.cell == "r0|c0"),
            "the outsider's finding is reported: {:?}",
            report.findings
        );
        assert!(
            i.insiders.is_empty() && report.findings.iter().all(|f| f.rule != Rule::Insider),
            "no insider is searched for a cell that fails anyway: {:?}",
            i.insiders
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
