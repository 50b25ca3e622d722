//! Property tests of the whole report pipeline over random dossier sets (3-60 dossiers)
//! and random release histories (quarters, halves, the year, re-issued periods, late
//! registrations, changed dossiers): after every release, everything the employer holds
//! is checked with oracles written apart from the suppression code.

use super::util::*;
use kluis::Lang;
use kluis::model::*;
use kluis::report::disclosure::Profile;
use kluis::report::export::{ReportRequest, prepare, record};
use kluis::report::tables::{CellValue, ReportError, inner_key};
use kluis::report::{Narrative, ReportPeriod};
use kluis::store::Store;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// One generated dossier: day of 2025, category, role, relation, outcome (indices).
type Gen = (u32, usize, usize, usize, usize);

#[derive(Debug, Clone)]
enum Step {
    /// Publish this period of 2025.
    Publish(&'static str),
    /// Register a dossier opened on this day of 2025 (late if its quarter is published).
    Register(Gen),
    /// Change the outcome of the n-th dossier.
    Change(usize, usize),
}

const PERIODS: &[&str] = &[
    "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2025-H1", "2025-H2", "2025",
];

fn dossier_gen() -> impl Strategy<Value = Gen> {
    (0u32..365, 0usize..13, 0usize..5, 0usize..5, 0usize..5)
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => prop::sample::select(PERIODS).prop_map(Step::Publish),
        1 => dossier_gen().prop_map(Step::Register),
        1 => (0usize..60, 0usize..5).prop_map(|(i, o)| Step::Change(i, o)),
    ]
}

fn add(store: &mut Store, org: i64, g: Gen) -> i64 {
    let categories = store.categories().expect("categories");
    let date = day("2025-01-01") + chrono::Days::new(u64::from(g.0));
    let mut input = DossierInput::new(org, ContactType::MeldingOmgangsvormen, date);
    input.categories = vec![categories[g.1 % categories.len()].code.clone()];
    input.reporter_role = ReporterRole::ALL[g.2];
    input.relation = Relation::ALL[g.3];
    input.outcome = Outcome::ALL[g.4];
    store
        .add_dossier(&input, clock())
        .expect("valid dossier")
        .id
}

/// Exact rank of integer vectors (fraction-free Bareiss elimination in i128), written
/// apart from the library's own elimination.
fn rank(rows: &[Vec<i128>]) -> usize {
    let mut m: Vec<Vec<i128>> = rows.to_vec();
    let cols = m.first().map_or(0, Vec::len);
    let mut r = 0;
    for c in 0..cols {
        let Some(p) = (r..m.len()).find(|&i| m[i][c] != 0) else {
            continue;
        };
        m.swap(r, p);
        for i in 0..m.len() {
            if i != r && m[i][c] != 0 {
                let (a, b) = (m[r][c], m[i][c]);
                let pivot = m[r].clone();
                let mut g = 0i128;
                for (x, y) in m[i].iter_mut().zip(&pivot) {
                    *x = *x * a - *y * b;
                    g = gcd(g, *x);
                }
                if g > 1 {
                    for x in m[i].iter_mut() {
                        *x /= g;
                    }
                }
            }
        }
        r += 1;
    }
    r
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Checks everything the organisation's employer holds after a release.
fn check_holdings(store: &Store, org: i64, k: u64) {
    let ledger = store.ledger_entries(org).expect("ledger");
    let protected = store.protected_entries(org).expect("protected");
    // 1. No published value between 1 and k - 1, ever.
    for cell in &ledger {
        assert!(
            !(1..k).contains(&cell.value),
            "published {}/{}/{} = {} lies between 1 and k - 1",
            cell.report_key,
            cell.table_code,
            cell.cell_key,
            cell.value
        );
    }
    // 2. A published period is frozen: every published value still equals the count of
    //    the frozen dossiers in its inner cells.
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let quarters = ReportPeriod::Year(2025).quarters();
    for y in store.year_dossiers(&[org], 2025).expect("year") {
        if y.frozen {
            *counts
                .entry(inner_key(&y.dossier, quarters[y.dossier.quarter]))
                .or_default() += 1;
        }
    }
    for cell in &ledger {
        let sum: u64 = cell
            .inner_cells
            .iter()
            .map(|k| counts.get(k).copied().unwrap_or(0))
            .sum();
        assert_eq!(
            sum, cell.value,
            "published {}/{}/{} no longer matches the frozen dossiers",
            cell.report_key, cell.table_code, cell.cell_key
        );
    }
    // 3. No protected cell is a linear combination of published cells (exact rank).
    let keys: BTreeSet<&String> = ledger
        .iter()
        .flat_map(|c| &c.inner_cells)
        .chain(protected.iter().flat_map(|c| &c.inner_cells))
        .collect();
    let index: BTreeMap<&String, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let vector = |cells: &[String]| {
        let mut v = vec![0i128; index.len()];
        for k in cells {
            v[index[k]] = 1;
        }
        v
    };
    let published: Vec<Vec<i128>> = ledger.iter().map(|c| vector(&c.inner_cells)).collect();
    let base = rank(&published);
    // 4. No small count of any calendar part (quarter, half year, year) by any attribute
    //    is derivable either, whether or not a table ever showed it.
    let groups: BTreeMap<String, String> = store
        .categories()
        .expect("categories")
        .into_iter()
        .map(|c| (c.code, c.group.code().to_owned()))
        .collect();
    // Per part: its count, its vector, and whether every one of its dossiers lies in some
    // released cell (otherwise it cannot be derived at all).
    let mut parts: BTreeMap<String, (u64, Vec<i128>, bool)> = BTreeMap::new();
    for y in store.year_dossiers(&[org], 2025).expect("year") {
        if !y.frozen {
            continue;
        }
        let q = quarters[y.dossier.quarter];
        let i = index.get(&inner_key(&y.dossier, q)).copied();
        let half = if q.quarters()[0] <= ReportPeriod::parse("2025-Q2").expect("q") {
            "H1"
        } else {
            "H2"
        };
        let mut attributes = vec![
            "totaal".to_owned(),
            format!("rol {:?}", y.dossier.reporter_role),
            format!("relatie {:?}", y.dossier.relation),
            format!("afloop {:?}", y.dossier.outcome),
        ];
        for c in &y.dossier.categories {
            attributes.push(format!("categorie {c}"));
            attributes.push(format!("groep {}", groups[c]));
        }
        attributes.sort();
        attributes.dedup();
        for part in [q.code(), half.to_owned(), "2025".to_owned()] {
            for a in &attributes {
                let entry = parts
                    .entry(format!("{part} {a}"))
                    .or_insert_with(|| (0, vec![0i128; index.len()], true));
                entry.0 += 1;
                match i {
                    Some(i) => entry.1[i] = 1,
                    None => entry.2 = false,
                }
            }
        }
    }
    for (name, (count, v, released)) in &parts {
        if *released && (1..k).contains(count) {
            let mut with = published.clone();
            with.push(v.clone());
            assert_eq!(
                rank(&with),
                base + 1,
                "the small count {name} = {count} is derivable from everything published"
            );
        }
    }
    for p in &protected {
        let value: u64 = p
            .inner_cells
            .iter()
            .map(|k| counts.get(k).copied().unwrap_or(0))
            .sum();
        if value == 0 {
            continue;
        }
        let mut with = published.clone();
        with.push(vector(&p.inner_cells));
        assert_eq!(
            rank(&with),
            base + 1,
            "withheld {}/{}/{} is derivable from everything published",
            p.report_key,
            p.table_code,
            p.cell_key
        );
    }
}

fn run(dossiers: Vec<Gen>, employees: u32, profile: Profile, steps: Vec<Step>) {
    let mut store = Store::create_empty(clock()).expect("store");
    let org = store
        .add_organisation(
            &OrganisationInput {
                name: "Proefbedrijf (verzonnen)".into(),
                employee_count: employees,
                arrangement: Arrangement::Maatwerk,
                contact_label: String::new(),
            },
            clock(),
        )
        .expect("organisation")
        .id;
    let mut ids: Vec<i64> = dossiers
        .into_iter()
        .map(|g| add(&mut store, org, g))
        .collect();
    let mut published: BTreeMap<&str, kluis::report::ReportModel> = BTreeMap::new();
    for step in steps {
        match step {
            Step::Register(g) => ids.push(add(&mut store, org, g)),
            Step::Change(i, o) => {
                let id = ids[i % ids.len()];
                let mut input = DossierInput::from(&store.dossier(id).expect("dossier"));
                input.outcome = Outcome::ALL[o];
                store.update_dossier(id, &input, clock()).expect("update");
            }
            Step::Publish(period) => {
                let request = ReportRequest {
                    organisations: vec![org],
                    period: ReportPeriod::parse(period).expect("period"),
                    profile,
                    lang: Lang::Nl,
                    narrative: Narrative::default(),
                    pooled_title: String::new(),
                    date: day("2026-01-15"),
                };
                let prepared = match prepare(&store, &request) {
                    Ok(p) => p,
                    Err(ReportError::Frozen { .. } | ReportError::LedgerOverlap { .. }) => {
                        panic!("{period}: a frozen history must always rebuild")
                    }
                    // A table design whose audit exceeds the solver's time limit is refused
                    // (nothing is published), never published half-checked.
                    Err(ReportError::Disclosure(
                        kluis::report::disclosure::DisclosureError::Solver { .. },
                    )) => continue,
                    Err(e) => panic!("{period}: {e}"),
                };
                let model = &prepared.document.model;
                assert!(
                    model.audit_passed,
                    "{period}: every report passes its audit"
                );
                for t in &model.tables {
                    for c in &t.cells {
                        if let CellValue::Published(v) = c.value {
                            assert!(
                                !(1..model.k).contains(&v),
                                "{period}: shows {v} in {}",
                                t.code
                            );
                        }
                    }
                }
                if let Some(before) = published.get(period) {
                    assert_eq!(
                        before, model,
                        "{period}: a re-issued period is identical to what was published"
                    );
                }
                record(&mut store, &prepared, clock()).expect("record");
                published.insert(period, prepared.document.model);
                check_holdings(&store, org, profile.k());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_histories_keep_every_invariant(
        dossiers in prop::collection::vec(dossier_gen(), 3..60),
        employees in prop::sample::select(vec![30u32, 120, 400]),
        strict in prop::bool::weighted(0.25),
        steps in prop::collection::vec(step(), 1..6),
    ) {
        let profile = if strict { Profile::Strikt } else { Profile::Standaard };
        run(dossiers, employees, profile, steps);
    }
}

/// The named history of the issue: quarterly reports, a late dossier and a changed one,
/// then the year, then a re-issue of a quarter.
#[test]
fn quarters_then_late_and_changed_dossiers_then_the_year_then_a_reissue() {
    let dossiers: Vec<Gen> = (0..48u32)
        .map(|i| {
            (
                (i * 7) % 365,
                (i % 4) as usize,
                (i % 2) as usize,
                (i % 3) as usize,
                (i % 2) as usize,
            )
        })
        .collect();
    run(
        dossiers,
        120,
        Profile::Standaard,
        vec![
            Step::Publish("2025-Q1"),
            Step::Publish("2025-Q2"),
            Step::Register((20, 1, 0, 1, 0)),
            Step::Change(0, 3),
            Step::Publish("2025-Q3"),
            Step::Publish("2025"),
            Step::Publish("2025-Q1"),
            Step::Publish("2025-H2"),
        ],
    );
}
