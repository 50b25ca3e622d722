//! Stage 5 of a report: the families in order, each on its own thread. First the totals
//! in every family the history or the report touches (a total is the same number in every
//! table, so every family must see it alike), combined; then each attribute family's
//! tables with the totals fixed; then, with the final decisions, what each family's
//! published cells determine anyway is shown.
//!
//! A family's run depends only on the report's inputs and the family's own witness pool,
//! never on another family's, so the families can run at once: the outcomes are taken in
//! the families' order, and a report is the same on one thread or many, on an idle machine
//! or a busy one.

use super::ReportError;
use super::design::TableKind;
use super::disclosure::{Decision, SuppressionReason, Table};
use super::family::{
    FamilyPools, Inputs, PoolSlot, Protected, TableResult, Totals, design_attributes, families,
    families_in_play, run_family, show_derivable,
};
use crate::model::{Attribute, CellQuery};
use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

thread_local! {
    /// The most threads a report built on this thread uses (0: one per processor).
    static MAX_THREADS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `f` with the reports it builds on this thread using at most `threads` threads
/// (0: one per processor, the default). Changes the time a report takes, never what it
/// holds: for benchmarks and the tests that prove it.
pub fn with_threads<R>(threads: usize, f: impl FnOnce() -> R) -> R {
    let before = MAX_THREADS.with(|c| c.replace(threads));
    let out = f();
    MAX_THREADS.with(|c| c.set(before));
    out
}

/// Stack of a family's thread: the repair's recursion and the solver's search are deeper
/// than a default thread stack is meant for.
const STACK_BYTES: usize = 16 << 20;

/// A family and its pool slot.
type Job = (BTreeSet<Attribute>, PoolSlot);

/// Runs `work` for every family, each with its own pool slot taken from `pools` (and put
/// back after), on up to one thread per family, and returns the outcomes in the order of
/// `families`. The category family, usually the largest, starts first.
fn per_family<R: Send>(
    families: Vec<BTreeSet<Attribute>>,
    pools: &mut FamilyPools,
    work: &(dyn Fn(&BTreeSet<Attribute>, &mut PoolSlot) -> R + Sync),
) -> Vec<R> {
    let mut jobs: Vec<Job> = families
        .into_iter()
        .map(|f| {
            let slot = pools.remove(&f);
            (f, slot)
        })
        .collect();
    let available = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = match MAX_THREADS.with(std::cell::Cell::get) {
        0 => available,
        cap => cap,
    }
    .min(jobs.len());
    let outcomes: Vec<R> = if threads <= 1 {
        jobs.iter_mut().map(|(f, slot)| work(f, slot)).collect()
    } else {
        let mut schedule: Vec<usize> = (0..jobs.len()).collect();
        schedule.sort_by_key(|&i| !jobs[i].0.contains(&Attribute::Category));
        let cells: Vec<Mutex<(&mut Job, Option<R>)>> =
            jobs.iter_mut().map(|job| Mutex::new((job, None))).collect();
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                std::thread::Builder::new()
                    .name("kluis-report".into())
                    .stack_size(STACK_BYTES)
                    .spawn_scoped(scope, || {
                        while let Some(&i) = schedule.get(next.fetch_add(1, Ordering::Relaxed)) {
                            let mut cell = cells[i].lock().unwrap_or_else(|e| e.into_inner());
                            let (family, slot) = &mut *cell.0;
                            let outcome = work(family, slot);
                            cell.1 = Some(outcome);
                        }
                    })
                    .expect("a report thread starts");
            }
        });
        cells
            .into_iter()
            .map(|c| {
                c.into_inner()
                    .unwrap_or_else(|e| e.into_inner())
                    .1
                    .expect("every family ran")
            })
            .collect()
    };
    for (family, slot) in jobs {
        if let Some(pool) = slot {
            pools.insert(family, pool);
        }
    }
    outcomes
}

/// Protects the report's tables: first the totals on their own (a total is the same
/// number in every table, so every family must see it alike), then each attribute family
/// with the totals fixed.
pub(crate) fn protect_report(
    inputs: &Inputs<'_>,
    pools: &mut FamilyPools,
) -> Result<Protected, ReportError> {
    let profile = inputs.key.profile;
    let mut results: Vec<Option<TableResult>> = vec![None; inputs.designs.len()];
    let mut guards = Vec::new();
    let mut runs = Vec::new();
    // The totals (or, for a report of a band or a zero alone, what it reveals), audited in
    // every family the release history or the report touches: a total can narrow a count
    // of any attribute (after a pooled report, an organisation's own total bounds what the
    // others hold). A total is shown only where every family shows it.
    let total_members: Vec<usize> = (0..inputs.designs.len())
        .filter(|&i| inputs.designs[i].kind == TableKind::Total)
        .collect();
    let mut totals_results: Vec<Option<TableResult>> = vec![None; total_members.len()];
    let no_totals = Totals::default();
    let totals_runs = per_family(families_in_play(inputs), pools, &|family, slot| {
        run_family(inputs, family, total_members.clone(), &no_totals, slot)
    });
    for outcome in totals_runs {
        let (_, results_here, totals_guards) = outcome?;
        for (slot, result) in totals_results.iter_mut().zip(results_here) {
            *slot = Some(match slot.take() {
                None => result,
                Some(earlier) => combine(earlier, result),
            });
        }
        guards.extend(totals_guards);
    }
    let mut totals = Totals::default();
    for (&i, result) in total_members.iter().zip(totals_results) {
        let result = result.expect("the totals are protected in at least one family");
        if let Ok(decisions) = &result.outcome {
            for ((place, cell), d) in result
                .design
                .places()
                .into_iter()
                .zip(result.table.cells())
                .zip(decisions)
            {
                if d.is_published() {
                    totals
                        .published
                        .push((result.design.query(place), cell.value));
                } else {
                    totals.withheld.push(result.design.query(place));
                }
            }
        }
        results[i] = Some(result);
    }
    let members = |family: &BTreeSet<Attribute>| -> Vec<usize> {
        (0..inputs.designs.len())
            .filter(|&i| {
                inputs.designs[i].kind != TableKind::Total
                    && design_attributes(&inputs.designs[i]).is_subset(family)
            })
            .collect()
    };
    let with_tables: Vec<BTreeSet<Attribute>> = families(inputs)
        .into_iter()
        .filter(|f| !members(f).is_empty())
        .collect();
    let table_runs = per_family(with_tables, pools, &|family, slot| {
        run_family(inputs, family, members(family), &totals, slot)
    });
    for outcome in table_runs {
        let (run, family_results, family_guards) = outcome?;
        for (&i, result) in run.members.iter().zip(family_results) {
            results[i] = Some(result);
        }
        guards.extend(family_guards);
        runs.push(run);
    }
    let mut tables: Vec<TableResult> = results
        .into_iter()
        .map(|r| r.expect("every table belongs to a family"))
        .collect();
    // With the final decisions, show what each family's published cells determine anyway.
    for run in &runs {
        let (shown, family_tables): (Vec<usize>, Vec<&Table>) = run
            .members
            .iter()
            .zip(&run.tables)
            .filter(|(i, _)| tables[**i].outcome.is_ok())
            .map(|(i, t)| (*i, t))
            .unzip();
        let mut decisions: Vec<Vec<Decision>> = shown
            .iter()
            .map(|&i| tables[i].outcome.clone().unwrap_or_default())
            .collect();
        show_derivable(
            profile,
            run.atoms.len(),
            &run.ledger,
            &family_tables,
            &mut decisions,
        )?;
        for (&i, d) in shown.iter().zip(decisions) {
            tables[i].outcome = Ok(d);
        }
    }
    let mut seen = BTreeSet::new();
    guards.retain(|g: &(String, String, CellQuery)| seen.insert((g.0.clone(), g.1.clone())));
    Ok(Protected { tables, guards })
}

/// The totals protected in two families: withheld where either withholds them, dropped
/// when either dropped them. Both families saw the same design (the totals are never
/// coarsened differently: the coarser one is kept and the finer one's cells withheld).
fn combine(a: TableResult, b: TableResult) -> TableResult {
    match (a.outcome, b.outcome) {
        (Err(r), _) | (_, Err(r)) => TableResult {
            outcome: Err(r),
            ..b
        },
        (Ok(da), Ok(db)) if a.design == b.design => TableResult {
            outcome: Ok(da
                .into_iter()
                .zip(db)
                .map(|(x, y)| if x.is_published() { y } else { x })
                .collect()),
            ..b
        },
        (Ok(_), Ok(db)) => TableResult {
            outcome: Ok(db
                .into_iter()
                .map(|_| Decision::Suppress(SuppressionReason::Repair))
                .collect()),
            ..b
        },
    }
}
