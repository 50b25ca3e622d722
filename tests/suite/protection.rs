//! What the protection stage publishes and how it runs: a row's total is kept where
//! withholding parts hides as much, and the families' threads change nothing.

use super::util::*;
use kluis::report::export::{prepare, record};
use kluis::report::model::CellValue;
use kluis::report::protect::with_threads;
use kluis::report::{Profile, ReportPeriod, build_report};

#[test]
fn a_report_is_the_same_on_one_thread_and_on_four() {
    let mut store = demo(4, 400, 2, 3);
    let orgs = store.organisations(true).expect("organisations");
    // A pooled report first, so that the own report after it audits every family
    // against a linked history (the slowest kind, with the most families in play).
    let ids: Vec<i64> = orgs.iter().map(|o| o.id).collect();
    let prepared =
        prepare(&store, &report_request(&ids[..3], "2025")).expect("the pooled report prepares");
    record(&mut store, &prepared, clock()).expect("recorded");
    let busiest = orgs
        .iter()
        .take(3)
        .max_by_key(|o| o.employee_count)
        .expect("orgs");
    let build = |threads| {
        with_threads(threads, || {
            build_report(
                &store,
                std::slice::from_ref(busiest),
                ReportPeriod::Year(2025),
                Profile::Standaard,
            )
            .expect("the own report builds")
        })
    };
    let one = build(1);
    let four = build(4);
    assert!(
        one.model.published_cells > 0,
        "fixture: the own report publishes something"
    );
    assert_eq!(
        one, four,
        "the families' runs are independent: the thread count changes nothing"
    );
}

#[test]
fn a_row_total_of_k_or_more_stays_shown_when_its_parts_can_be_withheld_instead() {
    // Seed 2, 4 organisations of 1,000 dossiers: Klaverblad's 2022 contact types by half
    // year hold 78, 90, 25, 9 and 11 contacts, a small half among the last two. The repair
    // once withheld the rows' totals 9 and 11 (the smallest cells sharing a margin) where
    // withholding the parts of another row hides the same and costs the reader nothing.
    let store = demo(4, 4000, 5, 2);
    let org = store
        .organisations(true)
        .expect("organisations")
        .into_iter()
        .find(|o| o.name == "Bouwbedrijf Klaverblad")
        .expect("the demo has this organisation");
    let built = build_report(&store, &[org], ReportPeriod::Year(2022), Profile::Standaard)
        .expect("report builds");
    let table = built
        .model
        .tables
        .iter()
        .find(|t| t.code == "contacttype")
        .expect("the contact-type table is shown");
    assert!(
        table.columns.len() > 1,
        "fixture: the table is split by period, so rows have totals and parts"
    );
    let totals: Vec<&CellValue> = table
        .cells
        .iter()
        .filter(|c| c.column.code == "*" && c.row.code != "*")
        .map(|c| &c.value)
        .collect();
    assert_eq!(totals.len(), 5, "fixture: five contact types");
    assert!(
        totals
            .iter()
            .all(|v| matches!(v, CellValue::Published(n) if *n >= 5)),
        "every row holds k or more, and each row's total is shown: {totals:?}"
    );
}
