//! Reports over time: published periods frozen, withheld cells kept protected, pooled
//! reports recorded for every participant, hours of the period, comparison with the
//! previous period, and the same bytes on a busy machine.

use super::*;

pub(super) fn request(orgs: &[i64], period: &str) -> ReportRequest {
    report_request(orgs, period)
}

/// Prepares a report and records it as published (what an export does, without files).
fn publish(store: &mut Store, orgs: &[i64], period: &str) -> PreparedReport {
    let prepared = prepare(store, &request(orgs, period)).expect("report builds");
    assert!(
        prepared.document.model.audit_passed,
        "{period}: only a passing report is published"
    );
    record(store, &prepared, clock()).expect("recorded");
    prepared
}

/// The published total of a prepared report (its grand total cell).
fn total_of(p: &PreparedReport) -> Option<u64> {
    let t = p
        .document
        .model
        .tables
        .iter()
        .find(|t| t.code == "totaal")?;
    t.cells.iter().find_map(|c| match c.value {
        CellValue::Published(v) if c.column.code == "*" || t.columns.len() == 1 => Some(v),
        _ => None,
    })
}

#[test]
fn a_published_period_is_frozen_against_later_changes_and_late_dossiers() {
    let mut store = demo_store();
    let org = busiest(&store);
    let q1 = publish(&mut store, &[org.id], "2025-Q1");
    let q1_total = total_of(&q1).expect("the busiest organisation's Q1 total is shown");

    // After publication: a Q1 dossier gets another outcome, and a dossier opened in Q1 is
    // registered late.
    let filter = DossierFilter {
        organisation_id: Some(org.id),
        year: Some(2025),
        ..DossierFilter::default()
    };
    let q1_dossier = store
        .dossiers(&filter)
        .expect("list")
        .into_iter()
        .find(|d| d.opened_on < day("2025-04-01"))
        .expect("a Q1 dossier");
    let mut changed = DossierInput::from(&store.dossier(q1_dossier.id).expect("dossier"));
    changed.outcome = if changed.outcome == Outcome::FormeleKlacht {
        Outcome::Doorverwezen
    } else {
        Outcome::FormeleKlacht
    };
    store
        .update_dossier(q1_dossier.id, &changed, clock())
        .expect("update");
    let mut late = DossierInput::new(org.id, ContactType::Consult, day("2025-02-10"));
    late.categories = vec!["pesten".to_owned()];
    store.add_dossier(&late, clock()).expect("late dossier");

    let again = prepare(&store, &request(&[org.id], "2025-Q1")).expect("Q1 again");
    assert_eq!(
        again.document.model, q1.document.model,
        "a published quarter is frozen: the changed and the late dossier do not alter it"
    );
    assert!(
        again.counted.is_empty(),
        "nothing new is counted in a published quarter"
    );

    let q2 = prepare(&store, &request(&[org.id], "2025-Q2")).expect("Q2");
    let live_q2 = store
        .reportable_dossiers(&[org.id], ReportPeriod::parse("2025-Q2").expect("period"))
        .expect("dossiers")
        .len() as u64;
    assert_eq!(
        q2.counted.len() as u64,
        live_q2 + 1,
        "the late Q1 dossier is counted in the next unpublished quarter"
    );
    assert!(
        q2.document.model.late_included,
        "the report says it includes late dossiers"
    );
    assert!(
        q2.counted.iter().filter(|c| c.late).count() == 1,
        "exactly the late dossier is marked late"
    );

    // The annual report after its first quarter: no ledger mismatch, and its Q1 part is
    // the published Q1.
    let year = prepare(&store, &request(&[org.id], "2025")).expect("the year builds");
    assert!(
        year.document.model.audit_passed,
        "the year passes its audit against the published quarter"
    );
    let year_total = total_of(&year).expect("the year total is shown");
    let live_year = store
        .reportable_dossiers(&[org.id], ReportPeriod::parse("2025").expect("period"))
        .expect("dossiers")
        .len() as u64;
    assert_eq!(
        year_total, live_year,
        "every 2025 dossier is counted once in the year (the late one in a later quarter)"
    );
    assert!(q1_total < year_total, "sanity: the year is larger than Q1");
}

#[test]
fn withheld_cells_of_a_published_report_stay_protected_later() {
    let mut store = demo_store();
    let org = busiest(&store);
    let q1 = publish(&mut store, &[org.id], "2025-Q1");
    let stored = store.release_guards(org.id).expect("protected");
    assert_eq!(
        stored.len(),
        q1.guards.len(),
        "every protected cell of the published report is stored"
    );
    let withheld = q1
        .document
        .model
        .tables
        .iter()
        .flat_map(|t| &t.cells)
        .filter(|c| c.value == CellValue::Withheld)
        .count();
    assert!(
        withheld == 0 || !stored.is_empty(),
        "a report that withholds cells leaves protected cells for later reports"
    );
    // The half year is built with them as protected cells: none of them becomes
    // derivable from H1 plus Q1.
    let h1 = prepare(&store, &request(&[org.id], "2025-H1")).expect("H1");
    assert!(h1.document.model.audit_passed, "H1 passes against Q1");
}

#[test]
fn pooled_report_keeps_the_pooled_rule_and_records_for_every_participant() {
    let mut store = demo_store();
    let ids: Vec<i64> = store
        .organisations(true)
        .expect("organisations")
        .iter()
        .map(|o| o.id)
        .collect();
    assert!(ids.len() >= 3, "the demo has enough organisations to pool");
    let pooled = publish(&mut store, &ids[..3], "2025");
    for t in &pooled.document.model.tables {
        for c in &t.cells {
            if let CellValue::Published(v) = c.value {
                assert!(
                    !(1..5).contains(&v),
                    "no pooled value between 1 and 4 ({} {})",
                    t.code,
                    c.row.code
                );
            }
        }
    }
    for &id in &ids[..3] {
        assert!(
            store
                .release_facts(id)
                .expect("ledger")
                .iter()
                .any(|c| c.report_key == pooled.key.to_string()),
            "the pooled release is in every participant's ledger"
        );
    }
    // One participant's own report afterwards is audited against the pooled report
    // (pooled minus own): it builds and passes.
    let own = prepare(&store, &request(&[ids[0]], "2025")).expect("own report after pooled");
    assert!(
        own.document.model.audit_passed,
        "the organisation's own report passes against the pooled report"
    );
    let two = prepare(&store, &request(&ids[..2], "2025"));
    assert!(
        matches!(two, Err(ReportError::PooledTooFew { minimum: 3 })),
        "two organisations cannot be pooled"
    );
}

/// A store with one organisation of `employees` whose 2025 dossiers all fall in two
/// categories and two relations, 13 in each combination spread over the year.
fn crossable_store(employees: u32) -> (Store, i64) {
    use kluis::model::{Arrangement, OrganisationInput, Relation};
    let mut store = Store::create_empty(clock()).expect("store");
    let org = store
        .add_organisation(
            &OrganisationInput {
                name: "Grootbedrijf (verzonnen)".into(),
                employee_count: employees,
                arrangement: Arrangement::Maatwerk,
                contact_label: String::new(),
            },
            clock(),
        )
        .expect("organisation")
        .id;
    let mut n = 0u64;
    for category in ["pesten", "werkdruk_conflict"] {
        for relation in [Relation::Leidinggevende, Relation::Collega] {
            for i in 0..13u64 {
                n += 1;
                let date = day("2025-01-02") + chrono::Days::new((n * 29 + i * 7) % 360);
                let mut d = DossierInput::new(org, ContactType::MeldingOmgangsvormen, date);
                d.categories = vec![category.to_owned()];
                d.relation = relation;
                store.add_dossier(&d, clock()).expect("dossier");
            }
        }
    }
    (store, org)
}

#[test]
fn large_organisations_get_category_by_relation_for_a_busy_year_only() {
    let has_cross = |p: &PreparedReport| {
        p.document
            .model
            .tables
            .iter()
            .any(|t| t.code.starts_with("categorie") && t.code.ends_with("_relatie"))
    };
    let (store, big) = crossable_store(400);
    let year = prepare(&store, &request(&[big], "2025")).expect("year");
    let cross = year
        .document
        .model
        .tables
        .iter()
        .find(|t| t.code.starts_with("categorie") && t.code.ends_with("_relatie"))
        .expect(
            "52 dossiers in four well-filled combinations at 400 employees get the cross table",
        );
    assert!(
        cross.columns.iter().any(|c| c.code == "collega"),
        "its columns are relations"
    );
    assert!(year.document.model.audit_passed, "and it passes the audit");
    let quarter = prepare(&store, &request(&[big], "2025-Q2")).expect("quarter");
    assert!(!has_cross(&quarter), "never for a quarter");
    let (store, middle) = crossable_store(120);
    let year = prepare(&store, &request(&[middle], "2025")).expect("year");
    assert!(
        !has_cross(&year),
        "never below 250 employees: no two person attributes crossed"
    );
    // The documented demo's largest organisation has a busy year too, but spread over so
    // many categories that a cross table would be mostly small cells: it gets none.
    let demo = documented_demo();
    let busy = busiest(&demo);
    let year = prepare(&demo, &request(&[busy.id], "2025")).expect("year");
    assert!(
        !has_cross(&year),
        "a cross table of mostly small cells is not designed at all"
    );
}

/// Named attack: an employer that took part in a pooled report subtracts its own published
/// report from the pooled one, cell by cell, to learn about the other organisations.
#[test]
fn attack_pooled_minus_own_organisation() {
    for own_first in [true, false] {
        let mut store = demo_store();
        let ids: Vec<i64> = store
            .organisations(true)
            .expect("organisations")
            .iter()
            .map(|o| o.id)
            .collect();
        let own_id = busiest(&store).id;
        let mut members: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|&i| i != own_id)
            .take(2)
            .collect();
        members.push(own_id);
        let (own, pooled) = if own_first {
            let own = publish(&mut store, &[own_id], "2025");
            (own, publish(&mut store, &members, "2025"))
        } else {
            let pooled = publish(&mut store, &members, "2025");
            (publish(&mut store, &[own_id], "2025"), pooled)
        };
        let cells = |p: &PreparedReport| -> BTreeMap<(String, String), u64> {
            p.document
                .model
                .tables
                .iter()
                .flat_map(|t| {
                    t.cells.iter().filter_map(move |c| match c.value {
                        CellValue::Published(v) if c.column.code == "*" || t.columns.len() == 1 => {
                            Some(((t.code.clone(), c.row.code.clone()), v))
                        }
                        _ => None,
                    })
                })
                .collect()
        };
        let (own_cells, pooled_cells) = (cells(&own), cells(&pooled));
        let mut compared = 0;
        for (key, p) in &pooled_cells {
            if let Some(o) = own_cells.get(key) {
                compared += 1;
                let others = p - o;
                assert!(
                    !(1..5).contains(&others),
                    "own first: {own_first}: pooled minus own gives the other organisations' {key:?} = {others}"
                );
            }
        }
        assert!(compared > 0, "the attack had cells to subtract");
    }
}

#[test]
fn the_prepare_cache_reuses_tables_only_while_nothing_changed() {
    use kluis::report::export::{PrepareCache, prepare_cached};
    let mut store = demo_store();
    let org = busiest(&store);
    let mut cache = PrepareCache::default();
    let first = prepare_cached(&store, &request(&[org.id], "2025"), &mut cache).expect("first");
    let mut edited = request(&[org.id], "2025");
    edited.narrative.signals = "Op maandag meer meldingen.".into();
    let second = prepare_cached(&store, &edited, &mut cache).expect("second");
    assert_eq!(
        second.document.model, first.document.model,
        "only the narrative changed: the same tables"
    );
    assert_eq!(
        second.document.narrative.signals, "Op maandag meer meldingen.",
        "the new narrative is in the document"
    );
    assert!(
        second.lint.iter().any(|w| w.text == "maandag"),
        "and it is linted again"
    );
    assert_eq!(
        second,
        prepare(&store, &edited).expect("fresh"),
        "a cached result equals a fresh one"
    );
    let mut late = DossierInput::new(org.id, ContactType::Consult, day("2025-05-10"));
    late.categories = vec!["pesten".to_owned()];
    store.add_dossier(&late, clock()).expect("new dossier");
    let third = prepare_cached(&store, &edited, &mut cache).expect("third");
    assert_eq!(
        third.counted.len(),
        second.counted.len() + 1,
        "after a write to the store the report is built again"
    );
}

/// The hours a report shows belong to its period and are frozen with it: time registered
/// afterwards, in the period or after it, never changes a re-issue (the issue's "Gesprekken
/// 75 -> 80" revealed activity after the period).
#[test]
fn hours_belong_to_the_period_and_are_frozen_with_it() {
    use kluis::model::{Activity, TimeEntryInput};
    let mut store = demo_store();
    let org = busiest(&store);
    let q1 = publish(&mut store, &[org.id], "2025-Q1");
    let hours = q1
        .document
        .hours
        .clone()
        .expect("the busiest organisation has hours in Q1");
    assert_eq!(
        hours.period.code, "2025-Q1",
        "the hours are those of the report's period, not of the calendar year"
    );
    let entry = |on: &str| TimeEntryInput {
        organisation_id: org.id,
        spent_on: day(on),
        minutes: 600,
        activity: Activity::Voorlichting,
        description: String::new(),
    };
    // Ten hours in November (after the period) and ten hours backdated into February.
    store
        .add_time_entry(&entry("2025-11-04"), clock())
        .expect("time");
    store
        .add_time_entry(&entry("2025-02-12"), clock())
        .expect("time");
    let again = prepare(&store, &request(&[org.id], "2025-Q1")).expect("re-issue");
    assert_eq!(
        again.document.hours,
        Some(hours),
        "a re-issue shows exactly the hours it showed"
    );
    let q2 = prepare(&store, &request(&[org.id], "2025-Q2")).expect("Q2");
    assert_eq!(
        q2.document.hours.as_ref().map(|h| h.period.code.as_str()),
        Some("2025-Q2"),
        "the next quarter has hours of its own"
    );
}

/// Two-year periods exist for organisations too small for a yearly breakdown, and a
/// report that shows the contact type, actions and duration passes its audit.
#[test]
fn two_year_periods_and_the_new_tables() {
    let store = documented_demo();
    let small = store
        .organisations(true)
        .expect("organisations")
        .into_iter()
        .filter(|o| o.employee_count < 50)
        .max_by_key(|o| o.employee_count)
        .expect("the documented demo has a small organisation");
    let two = prepare(&store, &request(&[small.id], "2024-2025")).expect("two years");
    assert_eq!(
        two.key.period,
        ReportPeriod::TwoYear(2024),
        "the report covers 2024 and 2025"
    );
    assert!(two.document.model.audit_passed, "and passes its audit");
    let one = prepare(&store, &request(&[small.id], "2025")).expect("one year");
    let total = |p: &PreparedReport| total_of(p).unwrap_or(0);
    assert!(
        total(&two) >= total(&one),
        "two years count at least as many contacts as one of them"
    );
    let big = busiest(&store);
    let year = prepare(&store, &request(&[big.id], "2025")).expect("year");
    let codes: Vec<&str> = year
        .document
        .model
        .tables
        .iter()
        .map(|t| t.code.as_str())
        .chain(year.document.model.dropped.iter().map(|d| d.code.as_str()))
        .collect();
    for code in ["contacttype", "categorie_groep", "actie", "duur"] {
        assert!(
            codes.contains(&code),
            "a busy year of a large organisation has a {code} table (or says why it is left out): {codes:?}"
        );
    }
}

/// A row is compared with the previous period only where both values are published, so
/// the comparison says nothing the two reports did not.
#[test]
fn the_previous_period_is_compared_where_both_are_published() {
    let mut store = documented_demo();
    let org = busiest(&store);
    let before = publish(&mut store, &[org.id], "2024");
    let now = prepare(&store, &request(&[org.id], "2025")).expect("2025");
    let published = |p: &PreparedReport, table: &str, row: &str| -> Option<u64> {
        let t = p.document.model.tables.iter().find(|t| t.code == table)?;
        t.cells.iter().find_map(|c| match c.value {
            CellValue::Published(v)
                if c.row.code == row && (c.column.code == "*" || t.columns.len() == 1) =>
            {
                Some(v)
            }
            _ => None,
        })
    };
    let mut compared = 0;
    for t in &now.document.model.tables {
        let Some(c) = &t.comparison else { continue };
        assert_eq!(c.period.code, "2024", "the previous year");
        for r in &c.rows {
            compared += 1;
            assert_eq!(
                published(&before, &t.code, &r.row.code),
                Some(r.previous),
                "the previous value of {}/{} is the one 2024 published",
                t.code,
                r.row.code
            );
            assert_eq!(
                published(&now, &t.code, &r.row.code),
                Some(r.current),
                "the current value of {}/{} is the one 2025 publishes",
                t.code,
                r.row.code
            );
        }
    }
    assert!(compared > 0, "the busiest organisation has rows to compare");
}

/// The same vault and request give byte-identical files on a busy and an idle machine: the
/// audit's integer programs are bounded by a node count, never by a clock.
#[test]
fn the_same_request_gives_the_same_bytes_on_a_busy_machine() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let store = documented_demo();
    let ids: Vec<i64> = store
        .organisations(true)
        .expect("organisations")
        .iter()
        .map(|o| o.id)
        .collect();
    let requests = [
        request(&[busiest(&store).id], "2025"),
        request(&ids, "2025"),
    ];
    let files = |store: &Store| -> Vec<Vec<u8>> {
        requests
            .iter()
            .map(|r| {
                let p = prepare(store, r).expect("report builds");
                render(&p.document.model, CsvDialect::Standard, Lang::Nl).expect("csv")
            })
            .collect()
    };
    let idle = files(&store);
    let stop = Arc::new(AtomicBool::new(false));
    let burners: Vec<_> = (0..4)
        .map(|_| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut x = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                }
                x
            })
        })
        .collect();
    let busy = files(&store);
    stop.store(true, Ordering::Relaxed);
    for b in burners {
        b.join().expect("burner thread");
    }
    assert_eq!(
        busy, idle,
        "an organisation-year and the pooled report of 12 are the same bytes under load"
    );
}
