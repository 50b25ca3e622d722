//! The repair loop: suppress, audit, and on failure withhold one more cell and try again.
//!
//! The extra cell is the cheapest one in the weak cell's own table (see [`choose_repair`]):
//! a cell of its row or column before anything further away, the smallest value first;
//! zeros are never chosen in the standard profile, and cells whose value the ledger or
//! another table already gives are useless to withhold. A cell of no table of this report
//! (an earlier report's, a latent count) is repaired in any table that counts the same
//! dossiers. When nothing is left to withhold, the [`Coarsening`] hook may replace the table
//! by a coarser one (the report's hook coarsens quarters to half years to the whole
//! period); otherwise the table is dropped, with the rule and reason that could not be
//! satisfied, and the remaining tables are protected again without it (what a dropped
//! table would have revealed or protected goes with it). Every round reuses the witness
//! tables of the rounds before ([`audit_with`]).

use super::audit::{
    AuditReport, Finding, Reason, Rule, Subject, WitnessPool, audit_passes, audit_with,
};
use super::gauss::{CellPos, Decision, Suppression, SuppressionReason, suppress};
use super::ledger::{DerivedCell, ProtectedCell, derived_cells};
use super::rank::NullSpace;
use super::{CellRef, CellVector, DisclosureError, InnerSpace, Ledger, Profile, Table};
use std::collections::BTreeSet;

/// How often one table may be coarsened before it is dropped.
const MAX_COARSENINGS: u32 = 4;

/// Replaces a table that cannot be protected by suppression with a coarser one.
pub trait Coarsening {
    /// A coarser version of `table` over the same inner space, or `None` when there is none.
    fn coarsen(&self, table: &Table, space: &InnerSpace) -> Option<Table>;
}

/// No coarsening: a table that suppression cannot protect is dropped.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoCoarsening;

impl Coarsening for NoCoarsening {
    fn coarsen(&self, _table: &Table, _space: &InnerSpace) -> Option<Table> {
        None
    }
}

/// Why a table was dropped from the report (for its confidentiality section).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DropReason {
    /// The rule that could not be satisfied.
    pub rule: Rule,
    /// How it failed.
    pub reason: Reason,
}

/// What happens to one table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TableOutcome {
    /// Published with these decisions (one per cell). The table may be a coarsened version of
    /// the input ([`Protection::tables`] holds the table as published).
    Published {
        /// One decision per cell.
        decisions: Vec<Decision>,
    },
    /// Not published at all.
    Dropped {
        /// Why.
        reason: DropReason,
    },
}

/// The result of disclosure control over a set of tables.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Protection {
    /// The tables as finally considered (coarsened where the hook did so), in input order.
    pub tables: Vec<Table>,
    /// One outcome per table, in input order.
    pub outcomes: Vec<TableOutcome>,
    /// Indices of the published tables; the audit's [`Subject::Table`] positions index into
    /// this list.
    pub published: Vec<usize>,
    /// The final audit of the published tables (it passed).
    pub audit: AuditReport,
    /// The derived differences this release protects (their `table` is an input index);
    /// recorded in the ledger so that later reports keep protecting them.
    pub derived: Vec<DerivedCell>,
    /// Rounds of suppression and audit.
    pub rounds: usize,
}

impl Protection {
    /// The decisions of table `index`, unless it was dropped.
    pub fn decisions(&self, index: usize) -> Option<&[Decision]> {
        match &self.outcomes[index] {
            TableOutcome::Published { decisions } => Some(decisions),
            TableOutcome::Dropped { .. } => None,
        }
    }

    /// Appends the published tables to `ledger` (see [`Ledger::record`]), and the derived
    /// differences this release protected as protected cells.
    pub fn record(&self, ledger: &mut Ledger, report_key: &str, profile: Profile) {
        let tables: Vec<Table> = self
            .published
            .iter()
            .map(|&i| self.tables[i].clone())
            .collect();
        let decisions: Vec<Vec<Decision>> = self
            .published
            .iter()
            .filter_map(|&i| self.decisions(i).map(<[Decision]>::to_vec))
            .collect();
        ledger.record(report_key, &tables, &decisions, profile);
        for d in &self.derived {
            ledger.protected.push(ProtectedCell {
                cell: CellRef {
                    table: format!("{report_key}/{}", d.cell.table),
                    cell: d.cell.cell.clone(),
                },
                vector: d.vector.clone(),
                home: None,
            });
        }
    }
}

/// Protects `tables` against `ledger` with the repair loop and no coarsening.
pub fn protect(
    space: &InnerSpace,
    tables: &[Table],
    ledger: &Ledger,
    profile: Profile,
) -> Result<Protection, DisclosureError> {
    protect_with(space, tables, ledger, profile, &NoCoarsening)
}

/// Protects `tables` against `ledger`: suppression, audit, repair, coarsening, dropping.
pub fn protect_with(
    space: &InnerSpace,
    tables: &[Table],
    ledger: &Ledger,
    profile: Profile,
    coarsening: &dyn Coarsening,
) -> Result<Protection, DisclosureError> {
    let mut pool = WitnessPool::new(space);
    protect_with_pool(space, tables, ledger, profile, coarsening, &mut pool)
}

/// [`protect_with`], starting from (and adding to) the witness tables of earlier audits of
/// the same space: each is used only where it satisfies what is published, so the result
/// is the same; only the work differs.
pub fn protect_with_pool(
    space: &InnerSpace,
    tables: &[Table],
    ledger: &Ledger,
    profile: Profile,
    coarsening: &dyn Coarsening,
    pool: &mut WitnessPool,
) -> Result<Protection, DisclosureError> {
    if !pool.fits(space) {
        *pool = WitnessPool::new(space);
    }
    let mut current: Vec<Table> = tables.to_vec();
    let mut active: Vec<usize> = (0..tables.len()).collect();
    let mut outcomes: Vec<Option<TableOutcome>> = vec![None; tables.len()];
    // Repairs by (input table, cell).
    let mut repairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut coarsened = vec![0u32; tables.len()];
    let mut rounds = 0;
    // What the ledger alone gives away: withholding such a cell would be pointless.
    let before: Vec<CellVector> = ledger
        .published
        .iter()
        .chain(&ledger.fixed)
        .map(|e| e.vector.clone())
        .collect();
    let known = NullSpace::of(&before, space.len())?;
    let mut streak: std::collections::BTreeMap<CellRef, u32> = Default::default();
    loop {
        rounds += 1;
        let view: Vec<Table> = active.iter().map(|&i| current[i].clone()).collect();
        let local: BTreeSet<CellPos> = repairs
            .iter()
            .filter_map(|&(t, cell)| {
                active
                    .iter()
                    .position(|&a| a == t)
                    .map(|table| CellPos { table, cell })
            })
            .collect();
        // A dropped table reveals nothing: its ranges and the cells it protects go with it.
        let codes: BTreeSet<&str> = view.iter().map(Table::code).collect();
        let effective = ledger.for_tables(&codes);
        let ledger = &effective;
        let suppression = suppress(space, &view, ledger, profile, &local)?;
        let report = audit_with(space, &view, &suppression.decisions, ledger, profile, pool)?;
        let derived = derived_cells(space, &view, ledger, profile)?;
        let Some(weak) = report.findings.first().cloned() else {
            let (decisions, report) = publish_back(
                space,
                &view,
                suppression.decisions,
                ledger,
                profile,
                pool,
                report,
            )?;
            let protected_derived = report
                .intervals
                .iter()
                .filter_map(|i| match i.subject {
                    Subject::Derived(d) => Some(DerivedCell {
                        table: active[derived[d].table],
                        ..derived[d].clone()
                    }),
                    _ => None,
                })
                .collect();
            for (&i, decisions) in active.iter().zip(decisions) {
                outcomes[i] = Some(TableOutcome::Published { decisions });
            }
            return Ok(Protection {
                tables: current,
                outcomes: outcomes
                    .into_iter()
                    .map(|o| {
                        o.unwrap_or(TableOutcome::Dropped {
                            reason: DropReason {
                                rule: Rule::Span,
                                reason: Reason::InSpan,
                            },
                        })
                    })
                    .collect(),
                published: active,
                audit: report,
                derived: protected_derived,
                rounds,
            });
        };
        let context = Context {
            view: &view,
            suppression: &suppression,
            ledger,
            derived: &derived,
            known: &known,
        };
        // One repair per weak cell in this round (not one per round): the rounds, each a
        // full suppression and audit, were the cost of a report.
        // A cell that stays weak for three rounds gets two, then four repairs at once: a
        // small count inside a table of small counts needs several neighbours withheld, and
        // each round is a full suppression and audit.
        let mut chosen = local.clone();
        let mut seen = BTreeSet::new();
        let mut failing = BTreeSet::new();
        for finding in &report.findings {
            if !seen.insert(finding.subject) {
                continue;
            }
            failing.insert(finding.cell.clone());
            let times = streak.get(&finding.cell).copied().unwrap_or(0);
            for _ in 0..(1usize << times.saturating_sub(2).min(2)) {
                let Some(pos) = choose_repair(&context, profile, finding, &chosen)? else {
                    break;
                };
                chosen.insert(pos);
                repairs.insert((active[pos.table], pos.cell));
            }
        }
        streak.retain(|cell, _| failing.contains(cell));
        for cell in failing {
            *streak.entry(cell).or_default() += 1;
        }
        if chosen.len() > local.len() {
            continue;
        }
        let Some(t) = table_to_drop(&context, &weak) else {
            return Err(DisclosureError::LedgerDiscloses {
                table: weak.cell.table,
                cell: weak.cell.cell,
            });
        };
        let input = active[t];
        repairs.retain(|&(i, _)| i != input);
        if coarsened[input] < MAX_COARSENINGS
            && let Some(coarser) = coarsening.coarsen(&current[input], space)
        {
            coarsened[input] += 1;
            current[input] = coarser;
            continue;
        }
        outcomes[input] = Some(TableOutcome::Dropped {
            reason: DropReason {
                rule: weak.rule,
                reason: weak.reason,
            },
        });
        active.remove(t);
    }
}

/// How many withheld cells [`publish_back`] tries, at most, per protection: each try is
/// an audit, and the largest cells (tried first) are the ones a reader misses most.
const MAX_PUBLISH_BACK: usize = 12;

/// Shows again, largest value first, each cell withheld as a complement (secondary or
/// repair, never a primary cell) when the audit still passes with it shown, and returns the
/// decisions with the audit that passed last. The repair loop withholds one cell per weak
/// cell and round, in its own table, the smallest first; a cell chosen early can be needless
/// once later ones are withheld, and a small complement whose range the design already
/// reveals (a row shown on its own holds at least k + 1) protects nothing, so the loop goes
/// on to the large rows. Each cell shown here passed a full audit with everything shown
/// before it, so the result is as safe as the loop's and never shows less.
fn publish_back(
    space: &InnerSpace,
    view: &[Table],
    mut decisions: Vec<Vec<Decision>>,
    ledger: &Ledger,
    profile: Profile,
    pool: &mut WitnessPool,
    mut report: AuditReport,
) -> Result<(Vec<Vec<Decision>>, AuditReport), DisclosureError> {
    let mut candidates: Vec<(std::cmp::Reverse<u64>, usize, usize)> = Vec::new();
    for (t, (table, d)) in view.iter().zip(&decisions).enumerate() {
        for (c, (cell, decision)) in table.cells().iter().zip(d).enumerate() {
            let complement = matches!(
                decision,
                Decision::Suppress(SuppressionReason::Secondary | SuppressionReason::Repair)
            );
            if complement && cell.value > 0 && profile.primary(cell).is_none() {
                candidates.push((std::cmp::Reverse(cell.value), t, c));
            }
        }
    }
    candidates.sort_unstable();
    for (_, t, c) in candidates.into_iter().take(MAX_PUBLISH_BACK) {
        let before = std::mem::replace(&mut decisions[t][c], Decision::Publish);
        match audit_passes(space, view, &decisions, ledger, profile, pool)? {
            Some(passed) => report = passed,
            None => decisions[t][c] = before,
        }
    }
    Ok((decisions, report))
}

/// What one round of the loop knows.
struct Context<'a> {
    view: &'a [Table],
    suppression: &'a Suppression,
    ledger: &'a Ledger,
    derived: &'a [DerivedCell],
    /// The span of the ledger alone.
    known: &'a NullSpace,
}

impl Context<'_> {
    /// The inner cells of the weak cell.
    fn weak_vector(&self, weak: &Finding) -> CellVector {
        match weak.subject {
            Subject::Table(pos) => self.view[pos.table].cells()[pos.cell].vector.clone(),
            Subject::Ledger(i) => self.ledger.protected[i].vector.clone(),
            Subject::Latent(i) => self.ledger.latent[i].vector.clone(),
            Subject::Derived(i) => self.derived[i].vector.clone(),
        }
    }
}

/// The table a weak cell belongs to, if any: its own table, the table of a derived
/// difference's new cell, or the home table of a protected cell of this report.
fn home_table(cx: &Context<'_>, weak: &Finding) -> Option<usize> {
    match weak.subject {
        Subject::Table(pos) => Some(pos.table),
        Subject::Derived(i) => Some(cx.derived[i].table),
        Subject::Ledger(i) => cx.ledger.protected[i]
            .home
            .as_deref()
            .and_then(|code| cx.view.iter().position(|t| t.code() == code)),
        Subject::Latent(_) => None,
    }
}

/// The next cell to withhold, if any: the cheapest cell that can weaken what is known about
/// the weak cell. In order of preference, each time the smallest value first (withhold the
/// fewest dossiers; never a large headline cell when a smaller one will do):
/// 1. a cell of the weak cell's table in its row or column (sharing a margin with it), or
///    containing it or contained in it;
/// 2. any other cell of that table but its grand total;
/// 3. for a cell of no table of this report (an earlier report's, a latent count): a cell
///    of any table that counts some of the same dossiers, then a cell linked to it through
///    an earlier release, then any other cell of a table that counts some of them;
/// 4. the grand total of the weak cell's table.
///
/// A weakness of a table is repaired in that table only: when nothing there helps, the
/// table is coarsened or dropped, and no other table pays for it. Zeros are never withheld
/// in the standard profile, nor cells whose value the ledger already gives, nor cells whose
/// exact set of dossiers another table publishes anyway (withholding one copy hides
/// nothing).
fn choose_repair(
    cx: &Context<'_>,
    profile: Profile,
    weak: &Finding,
    repairs: &BTreeSet<CellPos>,
) -> Result<Option<CellPos>, DisclosureError> {
    // A published cell that should not be (rule 1) is withheld first.
    if weak.rule == Rule::PublishedValue
        && let Subject::Table(pos) = weak.subject
        && !repairs.contains(&pos)
    {
        return Ok(Some(pos));
    }
    let w = &cx.weak_vector(weak);
    let home = home_table(cx, weak);
    let own_cell = match weak.subject {
        Subject::Table(pos) => Some(&cx.view[pos.table].cells()[pos.cell]),
        _ => None,
    };
    // Vectors published by more than one cell: withholding one copy hides nothing.
    let mut copies: std::collections::BTreeMap<&CellVector, usize> = Default::default();
    for (t, table) in cx.view.iter().enumerate() {
        for (c, cell) in table.cells().iter().enumerate() {
            let pos = CellPos { table: t, cell: c };
            if cx.suppression.decision(pos).is_published() && !repairs.contains(&pos) {
                *copies.entry(&cell.vector).or_default() += 1;
            }
        }
    }
    let mut best: Option<(u8, bool, u64, CellPos)> = None;
    for (t, table) in cx.view.iter().enumerate() {
        if home.is_some_and(|h| h != t) {
            continue;
        }
        for (c, cell) in table.cells().iter().enumerate() {
            let pos = CellPos { table: t, cell: c };
            let eligible = cx.suppression.decision(pos).is_published()
                && (cell.value > 0 || !profile.publishes_zeros())
                && !repairs.contains(&pos)
                && copies.get(&cell.vector).copied().unwrap_or(0) <= 1;
            if !eligible {
                continue;
            }
            let nested = w.is_subset(&cell.vector) || cell.vector.is_subset(w);
            let rank = if home.is_none() {
                if cell.kind == super::CellKind::GrandTotal {
                    continue;
                }
                if cell.vector.intersects(w) {
                    3
                } else if table.cells().iter().any(|c| c.vector.intersects(w)) {
                    // A cell of a table that counts some of the same dossiers: its value
                    // can narrow the weak cell through the table's margins.
                    5
                } else {
                    continue;
                }
            } else if cell.kind == super::CellKind::GrandTotal {
                4
            } else {
                let shares = match own_cell {
                    Some(o) => {
                        (o.row.is_some() && o.row == cell.row)
                            || (o.column.is_some() && o.column == cell.column)
                            || table.column_labels().is_empty()
                    }
                    None => false,
                };
                if shares || nested { 1 } else { 2 }
            };
            // Within a rank, a part before a margin: a withheld part costs the reader
            // nothing while its row's total is shown, a withheld row total costs the row.
            let margin = matches!(
                cell.kind,
                super::CellKind::RowMargin | super::CellKind::ColumnMargin
            );
            if best.is_some_and(|b| (b.0, b.1, b.2) <= (rank, margin, cell.value)) {
                continue;
            }
            if cx.known.spans(&cell.vector)? {
                continue;
            }
            best = Some((rank, margin, cell.value, pos));
        }
    }
    if let Some((rank, _, _, pos)) = best
        && rank < 4
    {
        return Ok(Some(pos));
    }
    if home.is_none()
        && let Some(pos) = linked(cx, w, profile, repairs)
            .into_iter()
            .min()
            .map(|(_, p)| p)
    {
        return Ok(Some(pos));
    }
    Ok(best.map(|b| b.3))
}

/// Published cells that touch the weak cell only through an earlier release: they share
/// inner cells with a ledger cell that shares inner cells with the weak one (a year minus
/// this half year is the other half year). With their value, smallest first.
fn linked(
    cx: &Context<'_>,
    w: &CellVector,
    profile: Profile,
    repairs: &BTreeSet<CellPos>,
) -> Vec<(u64, CellPos)> {
    let bridges: Vec<&CellVector> = cx
        .ledger
        .published
        .iter()
        .map(|e| &e.vector)
        .filter(|v| v.intersects(w))
        .collect();
    let mut out = Vec::new();
    for (t, table) in cx.view.iter().enumerate() {
        for (c, cell) in table.cells().iter().enumerate() {
            let pos = CellPos { table: t, cell: c };
            if cx.suppression.decision(pos).is_published()
                && (cell.value > 0 || !profile.publishes_zeros())
                && !repairs.contains(&pos)
                && bridges.iter().any(|b| b.intersects(&cell.vector))
            {
                out.push((cell.value, pos));
            }
        }
    }
    out
}

/// The table that cannot be protected: the weak cell's own (for a derived difference, the
/// table of its new cell), or for an earlier report's cell the first table that publishes
/// something about its inner cells.
fn table_to_drop(cx: &Context<'_>, weak: &Finding) -> Option<usize> {
    if let Some(t) = home_table(cx, weak) {
        return Some(t);
    }
    let w = &cx.weak_vector(weak);
    let published_touching = |touches: &dyn Fn(&CellVector) -> bool| {
        cx.view.iter().enumerate().find_map(|(t, table)| {
            table
                .cells()
                .iter()
                .enumerate()
                .any(|(c, cell)| {
                    cx.suppression
                        .decision(CellPos { table: t, cell: c })
                        .is_published()
                        && touches(&cell.vector)
                })
                .then_some(t)
        })
    };
    // A table that publishes about the weak cell's inner cells, or else one linked to
    // them through an earlier release.
    published_touching(&|v| v.intersects(w))
        .or_else(|| {
            let bridges: Vec<&CellVector> = cx
                .ledger
                .published
                .iter()
                .map(|e| &e.vector)
                .filter(|v| v.intersects(w))
                .collect();
            published_touching(&|v| bridges.iter().any(|b| b.intersects(v)))
        })
        // Everything touching it is withheld, yet it is weak: what the tables publish or
        // reveal (a row shown because it holds more than k) narrows it, directly or through
        // an earlier release; the first table that counts some of the same dossiers, or of
        // an earlier cell that does, goes.
        .or_else(|| {
            let bridges: Vec<&CellVector> = cx
                .ledger
                .published
                .iter()
                .chain(&cx.ledger.fixed)
                .map(|e| &e.vector)
                .filter(|v| v.intersects(w))
                .collect();
            cx.view.iter().position(|t| {
                t.cells().iter().any(|c| {
                    c.vector.intersects(w) || bridges.iter().any(|b| b.intersects(&c.vector))
                })
            })
        })
}

#[cfg(test)]
mod tests {
    use super::super::audit;
    use super::*;

    #[test]
    fn a_protected_table_passes_its_audit() {
        let (space, t) = Table::two_way_from_counts(
            "t",
            &["a", "b", "c"],
            &["x", "y", "z"],
            &[vec![2, 8, 9], vec![7, 0, 10], vec![9, 12, 1]],
        )
        .expect("valid");
        let p = protect(&space, &[t], &Ledger::new(), Profile::Standaard).expect("runs");
        assert!(
            p.audit.passed(),
            "protect only returns passing publications"
        );
        assert!(p.decisions(0).is_some(), "this table can be protected");
        assert!(
            p.audit
                .intervals
                .iter()
                .all(|i| i.narrowest_width().is_none_or(|w| w >= 2)),
            "every withheld small cell keeps a width of at least 2"
        );
    }

    #[test]
    fn a_table_of_small_cells_only_is_dropped_or_fully_withheld() {
        // Total 3: every non-zero cell and every margin is primary.
        let (space, t) = Table::one_way_from_counts("t", &["a", "b"], &[1, 2]).expect("valid");
        let p = protect(&space, &[t], &Ledger::new(), Profile::Standaard).expect("runs");
        match &p.outcomes[0] {
            TableOutcome::Published { decisions } => assert!(
                decisions.iter().all(|d| !d.is_published()),
                "nothing of a 1 + 2 table can be shown"
            ),
            TableOutcome::Dropped { .. } => {}
        }
    }

    #[test]
    fn repair_withholds_the_smallest_cell_sharing_a_margin() {
        // Body 4 1 / 0 0: zeros are published, so Gauss shows the total 5 and row a's total
        // (equal to it). An insider in a|y (the 1) then knows a|x <= 5 - 1 = 4 = n: the upper
        // bound is not above the true value. The loop withholds the cells that share a margin
        // with a|x, smallest first, until the audit passes.
        let (space, t) =
            Table::two_way_from_counts("t", &["a", "b"], &["x", "y"], &[vec![4, 1], vec![0, 0]])
                .expect("valid");
        let plain = suppress(
            &space,
            std::slice::from_ref(&t),
            &Ledger::new(),
            Profile::Standaard,
            &BTreeSet::new(),
        )
        .expect("runs");
        let first = audit(
            &space,
            std::slice::from_ref(&t),
            &plain.decisions,
            &Ledger::new(),
            Profile::Standaard,
        )
        .expect("runs");
        assert!(
            first
                .findings
                .iter()
                .any(|f| f.rule == Rule::Insider && f.reason == Reason::UpperTooLow),
            "Gauss alone leaves an insider weakness: {:?}",
            first.findings
        );
        let p = protect(
            &space,
            std::slice::from_ref(&t),
            &Ledger::new(),
            Profile::Standaard,
        )
        .expect("runs");
        assert!(p.rounds > 1, "the repair loop had to act");
        assert!(p.audit.passed(), "the loop ends with a passing audit");
        let d = p.decisions(0).expect("zeros can still be shown");
        for key in ["a|*", "*|*"] {
            assert_eq!(
                d[t.position(key).expect("cell exists")],
                Decision::Suppress(super::super::SuppressionReason::Repair),
                "{key} shares a margin with a|x and is withheld by repair"
            );
        }
        for key in ["b|x", "b|y", "b|*"] {
            assert!(
                d[t.position(key).expect("cell exists")].is_published(),
                "zero {key} stays"
            );
        }
    }

    /// Counts how often it is asked to coarsen (a stand-in for the later category and period
    /// step), and offers the table's total only.
    #[derive(Default)]
    struct Counting(std::cell::Cell<usize>);

    impl Coarsening for Counting {
        fn coarsen(&self, table: &Table, space: &InnerSpace) -> Option<Table> {
            self.0.set(self.0.get() + 1);
            let all = table
                .cells()
                .iter()
                .fold(CellVector::default(), |a, c| a.union(&c.vector));
            Table::one_way(table.code(), space, &["alles"], vec![all]).ok()
        }
    }

    #[test]
    fn the_coarsening_hook_is_consulted_only_when_suppression_cannot_protect() {
        let (space, t) =
            Table::two_way_from_counts("t", &["a", "b"], &["x", "y"], &[vec![4, 1], vec![0, 0]])
                .expect("valid");
        let hook = Counting::default();
        let p = protect_with(
            &space,
            std::slice::from_ref(&t),
            &Ledger::new(),
            Profile::Standaard,
            &hook,
        )
        .expect("runs");
        assert_eq!(hook.0.get(), 0, "repair alone protects this table");
        let plain = protect(&space, &[t], &Ledger::new(), Profile::Standaard).expect("runs");
        assert_eq!(p, plain, "an unused hook changes nothing");
        assert_eq!(
            NoCoarsening.coarsen(&plain.tables[0], &space),
            None,
            "no coarsening is built yet"
        );
    }
}
