//! Disclosure control end to end: property tests over random tables and random release
//! histories, checked against the independent exact rank oracle and the exhaustive oracle,
//! and a library of named attacks that must each fail to recover a withheld count.

use kluis::report::disclosure::{
    Axis, CellVector, Decision, Exhaustive, InnerSpace, Interval, Ledger, Profile, Protection,
    Table, TableOutcome, audit, protect, rank, suppress,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn labels(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

/// A 2-D table with margins from a grid of counts; rows listed in `sensitive` are sensitive
/// categories.
fn grid(counts: &[Vec<u64>], sensitive: &[bool]) -> (InnerSpace, Table) {
    let nc = counts[0].len();
    let mut space = InnerSpace::grid(counts).expect("rectangular grid");
    for (r, &s) in sensitive.iter().enumerate().take(counts.len()) {
        if s {
            space
                .mark_sensitive(&CellVector::new((0..nc).map(|c| r * nc + c)))
                .expect("row in range");
        }
    }
    let body = (0..counts.len())
        .map(|r| (0..nc).map(|c| CellVector::single(r * nc + c)).collect())
        .collect();
    let table = Table::two_way(
        "tabel",
        &space,
        &labels("cat", counts.len()),
        &labels("kw", nc),
        body,
    )
    .expect("valid table");
    (space, table)
}

/// Invariants (a)-(c) of one protected release against the ledger it was conditioned on:
/// (a) no published value in 1..k-1; (b) no primary cell (of these tables or withheld
/// earlier) in the span of everything published, by the exact rank oracle; (c) the audit
/// passed, and running it again on the published tables gives the same passing report.
fn check_release(space: &InnerSpace, p: &Protection, ledger: &Ledger, profile: Profile) {
    let k = profile.k();
    let mut published: Vec<CellVector> =
        ledger.published.iter().map(|e| e.vector.clone()).collect();
    let mut primaries: Vec<(String, CellVector)> = ledger
        .protected
        .iter()
        .map(|c| (c.cell.to_string(), c.vector.clone()))
        .collect();
    let mut tables = Vec::new();
    let mut decisions = Vec::new();
    for &i in &p.published {
        let table = &p.tables[i];
        let d = p.decisions(i).expect("published tables have decisions");
        for (cell, decision) in table.cells().iter().zip(d) {
            if decision.is_published() {
                assert!(
                    !(1..k).contains(&cell.value),
                    "(a) published {}/{} is between 1 and k - 1",
                    table.code(),
                    cell.key
                );
                published.push(cell.vector.clone());
            }
            if profile.primary(cell).is_some() {
                primaries.push((
                    format!("{}/{}", table.code(), cell.key),
                    cell.vector.clone(),
                ));
            }
        }
        tables.push(table.clone());
        decisions.push(d.to_vec());
    }
    for (name, vector) in &primaries {
        assert!(
            !rank::in_span(vector, &published, space.len()).expect("exact rank"),
            "(b) primary cell {name} is computable from published cells"
        );
    }
    assert!(
        p.audit.passed(),
        "(c) protect returned a failing audit: {:?}",
        p.audit.findings
    );
    let again = audit(space, &tables, &decisions, ledger, profile).expect("audit runs");
    assert_eq!(
        again.findings, p.audit.findings,
        "(c) a fresh audit of what is published gives the same verdict"
    );
    assert_eq!(
        audit(space, &tables, &decisions, ledger, profile).expect("audit runs"),
        again,
        "(c) the audit is deterministic: the same input gives the same report"
    );
    for (i, outcome) in p.outcomes.iter().enumerate() {
        if let TableOutcome::Dropped { .. } = outcome {
            assert!(
                !p.published.contains(&i),
                "a dropped table is not published"
            );
        }
    }
}

/// (d): where the exhaustive oracle ran, every interval the audit reports (shown by witness
/// tables, so never wider than the truth) lies within the one enumeration found.
fn check_oracle(report: &kluis::report::disclosure::AuditReport) -> bool {
    match &report.exhaustive {
        Exhaustive::Checked(enumerated) => {
            let solved: Vec<Interval> = report.intervals.iter().map(|i| i.interval).collect();
            assert_eq!(solved.len(), enumerated.len(), "(d) one interval per cell");
            for (s, e) in solved.iter().zip(enumerated) {
                assert!(
                    s.lower >= e.lower
                        && e.reaches(match s.upper {
                            kluis::report::disclosure::Bound::Finite(u) => u,
                            kluis::report::disclosure::Bound::Unbounded => u64::MAX,
                        }),
                    "(d) the audit reports {s:?}, outside what enumeration allows: {e:?}"
                );
            }
            true
        }
        _ => false,
    }
}

/// Gauss alone (before any repair) and then the full loop, with all invariants.
fn check_table(space: &InnerSpace, table: &Table, profile: Profile) {
    let tables = std::slice::from_ref(table);
    let ledger = Ledger::new();
    let s = suppress(space, tables, &ledger, profile, &BTreeSet::new()).expect("suppression runs");
    let gauss_only = audit(space, tables, &s.decisions, &ledger, profile).expect("audit runs");
    assert!(
        !gauss_only.findings.iter().any(|f| f.rule.number() <= 2),
        "Gauss alone never publishes a small cell nor leaves a primary computable: {:?}",
        gauss_only.findings
    );
    check_oracle(&gauss_only);
    let p = protect(space, tables, &ledger, profile).expect("protection runs");
    check_release(space, &p, &ledger, profile);
    check_oracle(&p.audit);
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![2 => Just(0u64), 3 => 1u64..=4, 2 => 5u64..=12]
}

fn counts_grid() -> impl Strategy<Value = Vec<Vec<u64>>> {
    (2usize..=4, 2usize..=4)
        .prop_flat_map(|(r, c)| prop::collection::vec(prop::collection::vec(count(), c), r))
        .prop_filter("total between 3 and 60", |g| {
            (3..=60).contains(&g.iter().flatten().sum::<u64>())
        })
}

fn tiny_grid() -> impl Strategy<Value = Vec<Vec<u64>>> {
    (2usize..=3, 2usize..=4)
        .prop_flat_map(|(r, c)| {
            prop::collection::vec(
                prop::collection::vec(prop_oneof![Just(0u64), 1u64..=3, 4u64..=6], c),
                r,
            )
        })
        .prop_filter("tiny: total 3..=15", |g| {
            (3..=15).contains(&g.iter().flatten().sum::<u64>())
        })
}

fn profile() -> impl Strategy<Value = Profile> {
    prop_oneof![3 => Just(Profile::Standaard), 1 => Just(Profile::Strikt)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_tables_keep_every_invariant(
        counts in counts_grid(),
        sensitive in prop::collection::vec(any::<bool>(), 4),
        profile in profile(),
    ) {
        let (space, table) = grid(&counts, &sensitive);
        check_table(&space, &table, profile);
    }

    #[test]
    fn tiny_tables_agree_with_the_exhaustive_oracle(
        counts in tiny_grid(),
        sensitive in prop::collection::vec(any::<bool>(), 3),
    ) {
        let (space, table) = grid(&counts, &sensitive);
        check_table(&space, &table, Profile::Standaard);
        let s = suppress(&space, std::slice::from_ref(&table), &Ledger::new(), Profile::Standaard, &BTreeSet::new())
            .expect("suppression runs");
        let report = audit(&space, std::slice::from_ref(&table), &s.decisions, &Ledger::new(), Profile::Standaard)
            .expect("audit runs");
        prop_assert!(
            check_oracle(&report) || report.intervals.is_empty()
                || matches!(report.exhaustive, Exhaustive::TooLarge),
            "a tiny table with primary cells is enumerated"
        );
    }
}

/// Categories 0..3 over quarters 0..4: inner cell `category * 4 + quarter`.
fn quarter_table(space: &InnerSpace, q: usize) -> Table {
    let rows = (0..3).map(|c| CellVector::single(c * 4 + q)).collect();
    Table::one_way(&format!("kwartaal{}", q + 1), space, &["a", "b", "c"], rows)
        .expect("valid table")
}

fn annual_table(space: &InnerSpace, two_way: bool) -> Table {
    if two_way {
        let body = (0..3)
            .map(|c| (0..4).map(|q| CellVector::single(c * 4 + q)).collect())
            .collect();
        Table::two_way(
            "jaar",
            space,
            &["a", "b", "c"],
            &["Q1", "Q2", "Q3", "Q4"],
            body,
        )
        .expect("valid table")
        .with_period_axis(Axis::Columns)
    } else {
        let rows = (0..3)
            .map(|c| CellVector::new((0..4).map(|q| c * 4 + q)))
            .collect();
        Table::one_way("jaar", space, &["a", "b", "c"], rows).expect("valid table")
    }
}

/// Four quarterly reports then the annual report, each conditioned on everything before.
fn run_history(space: &InnerSpace, two_way: bool, profile: Profile) -> (Ledger, Protection) {
    let mut ledger = Ledger::new();
    for q in 0..4 {
        let table = quarter_table(space, q);
        let p = protect(space, std::slice::from_ref(&table), &ledger, profile)
            .expect("quarter protected");
        check_release(space, &p, &ledger, profile);
        p.record(&mut ledger, &format!("2026-Q{}", q + 1), profile);
    }
    let annual = annual_table(space, two_way);
    let p = protect(space, std::slice::from_ref(&annual), &ledger, profile).expect("annual");
    check_release(space, &p, &ledger, profile);
    (ledger, p)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_release_histories_keep_every_invariant(
        counts in prop::collection::vec(count(), 12),
        sensitive_first in any::<bool>(),
        two_way in any::<bool>(),
        profile in profile(),
    ) {
        let mut space = InnerSpace::new(counts);
        if sensitive_first {
            space.mark_sensitive(&CellVector::new(0..4)).expect("category a in range");
        }
        run_history(&space, two_way, profile);
    }
}

/// Every protected cell (withheld primaries, the ledger's withheld cells, derived
/// differences) keeps an interval of width >= 2 for outsiders and for every insider.
fn assert_no_recovery(p: &Protection, attack: &str) {
    assert!(
        p.audit.passed(),
        "{attack}: audit failed: {:?}",
        p.audit.findings
    );
    assert!(
        !p.audit.intervals.is_empty(),
        "{attack}: the attack must have a withheld count to go after"
    );
    for i in &p.audit.intervals {
        assert!(
            i.narrowest_width().is_none_or(|w| w >= 2),
            "{attack}: {} is pinned to an interval narrower than 2: {:?}",
            i.cell,
            i
        );
    }
}

#[test]
fn attack_year_to_date_then_annual() {
    // a: 3 + 2 + 1 in Q1-Q3 (6, publishable), 2 in Q4: annual 8 minus year-to-date 6 would
    // give the Q4 count 2.
    let space = InnerSpace::new([3, 2, 1, 2, 5, 6, 7, 8, 4, 0, 3, 6]);
    let ytd_rows = (0..3)
        .map(|c| CellVector::new((0..3).map(|q| c * 4 + q)))
        .collect();
    let ytd = Table::one_way("tot_en_met_q3", &space, &["a", "b", "c"], ytd_rows).expect("valid");
    let mut ledger = Ledger::new();
    let first = protect(
        &space,
        std::slice::from_ref(&ytd),
        &ledger,
        Profile::Standaard,
    )
    .expect("year-to-date protected");
    check_release(&space, &first, &ledger, Profile::Standaard);
    first.record(&mut ledger, "2026-ytd", Profile::Standaard);
    assert!(
        ledger
            .published
            .iter()
            .any(|e| e.cell.cell == "a" && e.value == 6),
        "the year-to-date count of a (6) is public"
    );

    let annual = annual_table(&space, false);
    let p = protect(
        &space,
        std::slice::from_ref(&annual),
        &ledger,
        Profile::Standaard,
    )
    .expect("annual protected");
    check_release(&space, &p, &ledger, Profile::Standaard);
    let d = p.decisions(0).expect("annual table published");
    assert!(
        !d[annual.position("a").expect("cell")].is_published(),
        "publishing a's annual 8 would reveal its Q4 count by subtraction"
    );
    assert!(
        p.audit
            .intervals
            .iter()
            .any(|i| i.cell.cell.starts_with("a - ") && i.narrowest_width().is_none_or(|w| w >= 2)),
        "the derived Q4 count of a is audited and keeps its interval"
    );
    assert_no_recovery(&p, "year-to-date then annual");
}

#[test]
fn attack_two_tables_sharing_a_margin() {
    // Inner cells category (a, b) x relation (manager, colleague) x quarter (Q1, Q2):
    // index c * 4 + r * 2 + q. Table 1: category x quarter; table 2: relation x quarter;
    // they share the quarter margins and the grand total.
    let counts = [
        2, 1, 3, 6, // a: manager Q1 Q2, colleague Q1 Q2
        1, 5, 4, 0, // b
    ];
    let space = InnerSpace::new(counts);
    let at = |c: usize, r: usize, q: usize| c * 4 + r * 2 + q;
    let by_category = (0..2)
        .map(|c| {
            (0..2)
                .map(|q| CellVector::new((0..2).map(|r| at(c, r, q))))
                .collect()
        })
        .collect();
    let by_relation = (0..2)
        .map(|r| {
            (0..2)
                .map(|q| CellVector::new((0..2).map(|c| at(c, r, q))))
                .collect()
        })
        .collect();
    let t1 = Table::two_way("categorie", &space, &["a", "b"], &["Q1", "Q2"], by_category)
        .expect("valid")
        .with_period_axis(Axis::Columns);
    let t2 = Table::two_way(
        "relatie",
        &space,
        &["manager", "collega"],
        &["Q1", "Q2"],
        by_relation,
    )
    .expect("valid")
    .with_period_axis(Axis::Columns);
    let tables = [t1, t2];
    let p = protect(&space, &tables, &Ledger::new(), Profile::Standaard).expect("protected");
    check_release(&space, &p, &Ledger::new(), Profile::Standaard);
    // The shared margins get one decision: same inner cells, same fate in both tables.
    if let (Some(d1), Some(d2)) = (p.decisions(0), p.decisions(1)) {
        for key in ["*|Q1", "*|Q2", "*|*"] {
            let a = d1[tables[0].position(key).expect("cell")].is_published();
            let b = d2[tables[1].position(key).expect("cell")].is_published();
            assert_eq!(
                a, b,
                "shared margin {key} is shown in both tables or in neither"
            );
        }
    }
    assert_no_recovery(&p, "two tables sharing a margin");
}

#[test]
fn attack_all_dossiers_in_one_category() {
    // Everything in category a (sexual harassment, sensitive), spread 3 2 4 3 over the
    // quarters; the other categories are all zero and published as such.
    let (space, table) = grid(
        &[vec![3, 2, 4, 3], vec![0, 0, 0, 0], vec![0, 0, 0, 0]],
        &[true, false, false],
    );
    let table = table.with_period_axis(Axis::Columns);
    let p = protect(
        &space,
        std::slice::from_ref(&table),
        &Ledger::new(),
        Profile::Standaard,
    )
    .expect("protected");
    check_release(&space, &p, &Ledger::new(), Profile::Standaard);
    assert_no_recovery(&p, "all dossiers in one category");
    for i in &p.audit.intervals {
        assert_eq!(
            i.interval.lower, 0,
            "{}: a sensitive withheld count must be able to be 0",
            i.cell
        );
    }
}

#[test]
fn attack_published_zeros_beside_withheld_cells() {
    let (space, table) = grid(
        &[vec![2, 0, 6], vec![0, 0, 7], vec![5, 8, 0]],
        &[false, false, false],
    );
    let p = protect(
        &space,
        std::slice::from_ref(&table),
        &Ledger::new(),
        Profile::Standaard,
    )
    .expect("protected");
    check_release(&space, &p, &Ledger::new(), Profile::Standaard);
    let d = p.decisions(0).expect("published");
    for (cell, decision) in table.cells().iter().zip(d) {
        if cell.value == 0 {
            assert!(decision.is_published(), "zero {} is published", cell.key);
        }
    }
    assert_no_recovery(&p, "published zeros beside withheld cells");
}

#[test]
fn attack_quarterly_reports_then_the_annual_report() {
    // a has primary cells in Q1 (2) and Q3 (1); c has 4 in Q4.
    let space = InnerSpace::new([2, 6, 1, 7, 6, 9, 8, 7, 7, 5, 9, 4]);
    for two_way in [false, true] {
        let (ledger, p) = run_history(&space, two_way, Profile::Standaard);
        assert!(
            ledger.protected.len() >= 3,
            "the quarters withheld a in Q1, a in Q3 and c in Q4"
        );
        let names: BTreeSet<String> = p
            .audit
            .intervals
            .iter()
            .map(|i| i.cell.to_string())
            .collect();
        for earlier in &ledger.protected {
            assert!(
                names.contains(&earlier.cell.to_string()),
                "the annual audit re-checks {}",
                earlier.cell
            );
        }
        assert_no_recovery(&p, "quarterly reports then the annual report");
    }
}

#[test]
fn same_input_gives_the_same_protection() {
    let (space, table) = grid(
        &[vec![1, 7, 3], vec![6, 0, 9], vec![2, 8, 5]],
        &[true, false, false],
    );
    let tables = std::slice::from_ref(&table);
    let a = protect(&space, tables, &Ledger::new(), Profile::Standaard).expect("runs");
    let b = protect(&space, tables, &Ledger::new(), Profile::Standaard).expect("runs");
    assert_eq!(a, b, "the suppression pattern and audit are deterministic");
}

#[test]
fn timing_of_a_typical_table() {
    // Category (4) x quarter (4) with margins, 47 dossiers: the size of a real annual table.
    let (space, table) = grid(
        &[
            vec![3, 5, 2, 6],
            vec![1, 4, 0, 3],
            vec![7, 2, 5, 1],
            vec![0, 3, 2, 3],
        ],
        &[true, false, false, false],
    );
    let table = table.with_period_axis(Axis::Columns);
    let start = std::time::Instant::now();
    let p = protect(
        &space,
        std::slice::from_ref(&table),
        &Ledger::new(),
        Profile::Standaard,
    )
    .expect("runs");
    let elapsed = start.elapsed();
    eprintln!(
        "typical 4x4 table, {} dossiers: suppression + audit + repair in {:?} ({} rounds, {} cells withheld, {} intervals)",
        table.total(),
        elapsed,
        p.rounds,
        p.decisions(0)
            .map_or(0, |d| d.iter().filter(|d| **d != Decision::Publish).count()),
        p.audit.intervals.len()
    );
    check_release(&space, &p, &Ledger::new(), Profile::Standaard);
}
