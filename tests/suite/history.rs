//! Property tests of whole release histories: two or three organisations of mixed sizes,
//! random dossiers in 2025, and random steps (publish a quarter, half year or the year for
//! one organisation or a pooled report over all of them, mostly under `standaard`, sometimes
//! `strikt`; register a late dossier; change a dossier's outcome). Every report is rendered
//! as the CSV its readers get; a re-issued report must be byte-identical. At the end (what a
//! reader holds only grows, so the end state is the strongest check) the outside reader of
//! `super::oracle`, which reads only the CSV files, must find no small count: see
//! [`super::oracle::audit`] for the four checks. The store's frozen dossiers only say which
//! cells are small.
//!
//! Generated dossiers have exactly one category and one action, so that every attribute
//! partitions the dossiers, as the oracle's model assumes.
//!
//! Histories found by exploring other seeds (`PROPTEST_RNG_SEED`, `PROPTEST_CASES`) in which
//! the engine refuses a request with an error the contract does not allow, or panics, are
//! kept below as named, minimised tests, ignored until the engine is fixed. The leaks the
//! oracle found are in `super::attacks` (D4 and D5 variants).

use super::oracle::{self, Oracle, TrueDossier, Truth, Vocabulary};
use super::util::*;
use kluis::model::*;
use kluis::report::{Profile, ReportError};
use kluis::store::Store;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// One generated dossier: day of 2025, category, action, relation, outcome, reporter role,
/// contact type (indices into the vocabularies), and how it closed (0: still open, else
/// after about 1, 2 or 5 months).
pub(super) type Gen = (u32, usize, usize, usize, usize, usize, usize, u8);

#[derive(Debug, Clone)]
pub(super) enum Step {
    /// Publish a period of 2025 for organisation `target`, or (`target` beyond the last)
    /// a pooled report over all organisations.
    Publish {
        target: usize,
        period: &'static str,
        strict: bool,
    },
    /// Register a dossier for an organisation (late when its quarter is published).
    Register(usize, Gen),
    /// Change the outcome of an organisation's n-th dossier.
    Change(usize, usize, usize),
}

const PERIODS: &[&str] = &[
    "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2025-H1", "2025-H2", "2025",
];

fn dossier_gen() -> impl Strategy<Value = Gen> {
    (
        0u32..365,
        0usize..13,
        0usize..7,
        0usize..5,
        0usize..5,
        0usize..5,
        0usize..5,
        0u8..4,
    )
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (0usize..4, prop::sample::select(PERIODS), prop::bool::weighted(0.2))
            .prop_map(|(target, period, strict)| Step::Publish { target, period, strict }),
        1 => (0usize..3, dossier_gen()).prop_map(|(o, g)| Step::Register(o, g)),
        1 => (0usize..3, 0usize..60, 0usize..5).prop_map(|(o, i, x)| Step::Change(o, i, x)),
    ]
}

/// One organisation: employees and its first dossiers.
pub(super) type OrgGen = (u32, Vec<Gen>);

fn org_gen() -> impl Strategy<Value = OrgGen> {
    (
        prop::sample::select(vec![30u32, 120, 400]),
        prop::collection::vec(dossier_gen(), 3..50),
    )
}

pub(super) fn add(store: &mut Store, org: i64, g: Gen) -> i64 {
    let categories = store.categories().expect("categories");
    let opened = day("2025-01-01") + chrono::Days::new(u64::from(g.0));
    let mut input = DossierInput::new(org, ContactType::ALL[g.6], opened);
    input.categories = vec![categories[g.1 % categories.len()].code.clone()];
    input.actions = vec![Action::ALL[g.2]];
    input.relation = Relation::ALL[g.3];
    input.outcome = Outcome::ALL[g.4];
    input.reporter_role = ReporterRole::ALL[g.5];
    let id = store
        .add_dossier(&input, clock())
        .expect("valid dossier")
        .id;
    let days = match g.7 {
        0 => return id,
        1 => 20,
        2 => 60,
        _ => 150,
    };
    store
        .close_dossier(
            id,
            &CloseInput {
                closed_on: opened + chrono::Days::new(days),
                outcome: input.outcome,
                destroy_by: None,
            },
            clock(),
        )
        .expect("closing");
    id
}

/// What a replayed history leaves: the store, the organisations and every published file.
struct World {
    store: Store,
    ids: Vec<i64>,
    publisher: Publisher,
}

/// Replays a history. A refusal the contract allows (`ProfileFrozen` for a period published
/// under the other profile, `PooledTooFew`, `NotPublishable` for a band that would narrow
/// an earlier protected count: nothing is published) is skipped; any other error is returned
/// as the reason the history fails.
fn replay(orgs: Vec<OrgGen>, steps: Vec<Step>) -> Result<World, String> {
    let mut store = Store::create_empty(clock()).expect("store");
    let mut ids: Vec<i64> = Vec::new();
    let mut dossiers: Vec<Vec<i64>> = Vec::new();
    for (n, (employees, gens)) in orgs.into_iter().enumerate() {
        let org = store
            .add_organisation(
                &OrganisationInput {
                    name: format!("Proefbedrijf {n} (verzonnen)"),
                    employee_count: employees,
                    arrangement: Arrangement::Maatwerk,
                    contact_label: String::new(),
                },
                clock(),
            )
            .expect("organisation")
            .id;
        ids.push(org);
        dossiers.push(gens.into_iter().map(|g| add(&mut store, org, g)).collect());
    }
    let mut publisher = Publisher::default();
    for step in steps {
        match step {
            Step::Register(o, g) => {
                let o = o % ids.len();
                let id = add(&mut store, ids[o], g);
                dossiers[o].push(id);
            }
            Step::Change(o, i, x) => {
                let list = &dossiers[o % ids.len()];
                let id = list[i % list.len()];
                let mut input = DossierInput::from(&store.dossier(id).expect("dossier"));
                input.outcome = Outcome::ALL[x];
                store.update_dossier(id, &input, clock()).expect("update");
            }
            Step::Publish {
                target,
                period,
                strict,
            } => {
                let profile = if strict {
                    Profile::Strikt
                } else {
                    Profile::Standaard
                };
                let orgs: Vec<i64> = if target < ids.len() {
                    vec![ids[target]]
                } else {
                    ids.clone()
                };
                let what = format!("{orgs:?} {period} {}", profile.code());
                match publisher.publish(&mut store, &orgs, period, profile) {
                    Ok(()) => {}
                    Err(ReportError::ProfileFrozen { .. }) => {
                        if !publisher.published_under_other_profile(&orgs, period, profile) {
                            return Err(format!(
                                "{what}: refused as frozen under another profile, but it was \
                                 never published under another profile"
                            ));
                        }
                    }
                    Err(ReportError::PooledTooFew { .. })
                        if orgs.len() < profile.pooled_minimum_organisations() => {}
                    Err(ReportError::NotPublishable) => {}
                    Err(e) => return Err(format!("{what}: refused: {e}")),
                }
            }
        }
    }
    Ok(World {
        store,
        ids,
        publisher,
    })
}

/// The oracle's audit of everything a world published, with the number of files and of
/// integer programs solved.
fn audit_world(world: &World) -> (oracle::Audit, usize, usize) {
    let (audit, files, solves, _) = audit_world_sized(world);
    (audit, files, solves)
}

/// The same, with the size of the oracle's model (variables, rank, inequalities).
fn audit_world_sized(world: &World) -> (oracle::Audit, usize, usize, (usize, usize, usize)) {
    let truth = Truth::from_store(&world.store, &world.ids, &[2025]);
    let vocab = Vocabulary::new(&world.store.categories().expect("categories"));
    let mut oracle = Oracle::new(&vocab, &world.publisher.releases);
    // Insiders: the first two counted dossiers of each organisation.
    let mut insiders: Vec<TrueDossier> = Vec::new();
    for &org in &world.ids {
        insiders.extend(
            truth
                .dossiers
                .iter()
                .filter(|d| d.org == org)
                .take(2)
                .cloned(),
        );
    }
    let audit = oracle::audit(&mut oracle, &vocab, &truth, &insiders);
    (
        audit,
        world.publisher.releases.len(),
        oracle.solves,
        oracle.size(),
    )
}

/// Replays a history (panicking on a refusal the contract does not allow) and audits it.
pub(super) fn run(orgs: Vec<OrgGen>, steps: Vec<Step>) -> (oracle::Audit, usize, usize) {
    let world = replay(orgs, steps).unwrap_or_else(|e| panic!("{e}"));
    audit_world(&world)
}

/// The number of cases: `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

fn check(orgs: Vec<OrgGen>, steps: Vec<Step>) {
    let (audit, files, _) = run(orgs, steps);
    let failures = audit.failures;
    assert!(
        failures.is_empty(),
        "the {files} published CSV files disclose small counts to an outside reader:\n{}",
        failures.join("\n")
    );
}

proptest! {
    // The seed comes from the Makefile (PROPTEST_RNG_SEED); PROPTEST_CASES explores more
    // cases. Failures are saved in history.proptest-regressions and re-run first.
    #![proptest_config(ProptestConfig {
        cases: cases(48),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/suite/history.proptest-regressions"
        )))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_release_histories_disclose_no_small_count(
        orgs in prop::collection::vec(org_gen(), 2..=3),
        steps in prop::collection::vec(step(), 1..8),
    ) {
        check(orgs, steps);
    }
}

/// The named history of the issue: quarterly reports, a late dossier and a changed one,
/// then the year, a re-issue of a quarter and the second half year; with a second, small
/// organisation and a third, large one, and a pooled year report over all three.
#[test]
fn quarters_then_late_and_changed_dossiers_then_the_year_then_a_reissue() {
    let gens = |n: u32, shift: u32| -> Vec<Gen> {
        (0..n)
            .map(|i| {
                (
                    (i * 7 + shift) % 365,
                    (i % 4) as usize,
                    (i % 3) as usize,
                    (i % 3) as usize,
                    (i % 2) as usize,
                    (i % 2) as usize,
                    (i % 5) as usize,
                    (i % 4) as u8,
                )
            })
            .collect()
    };
    let started = std::time::Instant::now();
    let world = replay(
        vec![(120, gens(48, 0)), (30, gens(9, 3)), (400, gens(40, 5))],
        vec![
            publish(0, "2025-Q1", false),
            publish(0, "2025-Q2", false),
            Step::Register(0, (20, 1, 0, 1, 0, 0, 1, 0)),
            Step::Change(0, 0, 3),
            publish(0, "2025-Q3", false),
            publish(0, "2025", false),
            publish(0, "2025-Q1", false),
            publish(0, "2025-H2", false),
            publish(1, "2025", false),
            publish(3, "2025", false),
            publish(2, "2025-H1", false),
            publish(2, "2025", false),
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (audit, files, solves, size) = audit_world_sized(&world);
    assert!(
        audit.failures.is_empty(),
        "the {files} published CSV files disclose small counts:\n{}",
        audit.failures.join("\n")
    );
    assert!(
        audit.small_counts > 0 && audit.small_cells > 0,
        "the history gives the oracle small counts and cells to check: {audit:?}"
    );
    assert!(
        files >= 8,
        "the history published its reports ({files} files)"
    );
    eprintln!(
        "named history: {files} files; model of {} variables, equation rank {}, {} \
         inequalities; {} small counts and {} small cells checked against {} insiders \
         ({} integer programs); {} weak cells pinned before their own file; {:?}",
        size.0,
        size.1,
        size.2,
        audit.small_counts,
        audit.small_cells,
        audit.insiders,
        solves,
        audit.pre_existing.len(),
        started.elapsed()
    );
}

/// A dossier of 2025 with every attribute at its first code, opened on `day`.
pub(super) fn on(day: u32) -> Gen {
    (day, 0, 0, 0, 0, 0, 0, 0)
}

pub(super) fn publish(target: usize, period: &'static str, strict: bool) -> Step {
    Step::Publish {
        target,
        period,
        strict,
    }
}

/// Found by exploration (seed 23, case 192; minimised): an own report of an empty second
/// quarter, then a pooled report of the third quarter. The engine panicked while preparing
/// the pooled report (an equation over no inner cell reached the enumeration); such an
/// equation now constrains nothing.
#[test]
fn a_pooled_quarter_after_an_empty_own_quarter_is_prepared() {
    let closed = (248, 0, 0, 0, 0, 0, 0, 1);
    check(
        vec![
            (30, vec![on(227)]),
            (400, vec![on(250), on(191), on(235)]),
            (
                400,
                vec![on(230), on(267), on(213), on(234), on(218), closed],
            ),
        ],
        vec![publish(0, "2025-Q2", false), publish(3, "2025-Q3", false)],
    );
}

/// Found by exploration (seed 1; minimised): a third quarter of one dossier is published as
/// the band 1-4; the first half year (5 dossiers) is then refused with `LedgerDiscloses`
/// for that band, although nothing published narrows it (the oracle finds 1..4 for
/// outsiders and insiders). A small organisation with one small quarter could publish
/// nothing more that year. Fixed: a band says the count exists, so it is not required to
/// look possibly zero, and a failure is compared with the ledger alone exactly.
#[test]
fn a_banded_quarter_does_not_block_the_first_half_year() {
    check(
        vec![(30, vec![on(52), on(227), on(5), on(52), on(22), on(19)])],
        vec![publish(0, "2025-Q3", false), publish(0, "2025-H1", false)],
    );
}

/// Found by exploration (seed 1; shrunk by proptest): the fourth quarter (one dossier) as
/// the standard band 1-4, then the year under `strikt`: refused with `LedgerDiscloses`,
/// apparently because the earlier standard band is judged by the strict rule (lower bound
/// 0), not by its own report's profile (anonymisation.md: "stays protected at that
/// report's k"). Fixed with the band rule above.
#[test]
fn a_standard_band_does_not_block_a_strict_year() {
    let mut dossiers = vec![on(0); 9];
    dossiers.push(on(273));
    check(
        vec![(30, dossiers), (30, vec![on(0); 3])],
        vec![publish(0, "2025-Q4", false), publish(0, "2025", true)],
    );
}

/// Found by exploration (seed 1; minimised): the first half year drops its outcome table
/// (no line about outcomes reaches the CSV), yet the year was refused because "the release
/// ledger already discloses" a merged outcome of that dropped table. Fixed: a dropped
/// table's merged rows are not guarded (they were never revealed).
#[test]
fn a_dropped_table_does_not_block_the_year() {
    let outcome = |day: u32, o: usize| (day, 0, 0, 0, o, 0, 0, 0);
    check(
        vec![
            (
                400,
                vec![
                    outcome(268, 0),
                    outcome(92, 0),
                    outcome(23, 3),
                    outcome(88, 3),
                    outcome(152, 0),
                    outcome(92, 3),
                    outcome(54, 3),
                    outcome(66, 0),
                    outcome(96, 3),
                    outcome(31, 0),
                    outcome(64, 3),
                ],
            ),
            (120, vec![on(189)]),
        ],
        vec![publish(0, "2025-H1", false), publish(0, "2025", false)],
    );
}

/// Found by exploration (seed 51; shrunk by proptest): the first half year, then the
/// year, then the second half year. The second half year's contact-type table reveals
/// rows shown because they hold more than k; with the year, that narrowed a row the first
/// half year merged, and the report was refused (`LedgerDiscloses`) because no table of it
/// touches the first half year. The table whose ranges narrow it is now dropped instead.
#[test]
fn the_second_half_year_after_the_year_drops_what_would_narrow_the_first() {
    let zero = (0, 0, 0, 0, 0, 0, 0, 0);
    let kind = |day: u32, contact: usize, outcome: usize| (day, 0, 0, 0, 0, contact, outcome, 0);
    let second = vec![
        kind(0, 3, 0),
        kind(181, 1, 0),
        kind(0, 3, 0),
        kind(181, 1, 0),
        kind(0, 0, 0),
        kind(0, 3, 0),
        kind(0, 0, 0),
        kind(0, 3, 0),
        kind(0, 0, 0),
        kind(0, 3, 0),
        kind(181, 1, 0),
        kind(0, 0, 0),
        kind(181, 0, 0),
        kind(181, 0, 0),
        kind(181, 0, 0),
        kind(0, 0, 0),
        kind(181, 0, 1),
        kind(181, 0, 1),
        kind(181, 0, 1),
        (0, 6, 0, 0, 0, 0, 2, 0),
        kind(181, 0, 2),
    ];
    check(
        vec![(30, vec![zero; 3]), (120, second)],
        vec![
            publish(1, "2025-H1", false),
            publish(1, "2025", false),
            publish(1, "2025-H2", false),
        ],
    );
}
