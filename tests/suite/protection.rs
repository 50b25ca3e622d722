//! What the protection stage publishes and how it runs: a row's total is kept where
//! withholding parts hides as much, annual reports cover at least what classic suppression
//! shows, and the families' threads change nothing.

use super::util::*;
use kluis::report::export::{prepare, record};
use kluis::report::model::CellValue;
use kluis::report::protect::with_threads;
use kluis::report::utility::compare_with_classic;
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

#[test]
fn annual_reports_cover_at_least_what_classic_suppression_shows() {
    // Every annual report of seed 2's four organisations (1,000 dossiers, 2022-2025): the
    // relation, outcome, role and contact-type tables publish on average at least the share
    // of dossiers classic single-table suppression would (which the audit would often
    // refuse), and the largest category group is shown wherever classic suppression shows it
    // and the insider rule allows it.
    let store = demo(4, 1000, 5, 2);
    let (mut kluis, mut classic, mut tables) = (0.0, 0.0, 0usize);
    let (mut largest, mut largest_shown) = (0usize, 0usize);
    for org in store.organisations(true).expect("organisations") {
        for year in 2022..=2025 {
            let period = ReportPeriod::Year(year);
            let prepared = prepare(&store, &report_request(&[org.id], &year.to_string()))
                .expect("the annual report prepares");
            let dossiers = store
                .reportable_dossiers(&[org.id], period)
                .expect("dossiers");
            let (compared, group) = compare_with_classic(&prepared.document.model, &dossiers, 5);
            for c in compared {
                kluis += c.kluis;
                classic += c.classic;
                tables += 1;
            }
            if let Some(g) = group.filter(|g| g.insider_allows) {
                largest += 1;
                largest_shown += usize::from(g.published);
            }
        }
    }
    assert!(
        tables >= 20 && largest >= 8,
        "fixture: {tables} tables, {largest} category tables"
    );
    assert!(
        kluis + 1e-9 >= classic,
        "mean coverage {:.3} is at least classic suppression's {:.3}",
        kluis / tables as f64,
        classic / tables as f64
    );
    assert!(
        largest_shown * 10 >= largest * 9,
        "the largest group is shown in {largest_shown} of {largest} tables (at least 90%)"
    );
}

#[test]
fn a_complement_the_audit_does_not_need_is_shown_again() {
    // Seed 4, 12 organisations of 2,000 dossiers: Scholengroep Rivierenland Oost's 2023
    // relation rows are leidinggevende 21, collega 18, extern 6, and 3 merged into "Overig".
    // A row shown on its own reveals at least k + 1 = 6, so withholding extern beside Overig
    // protects nothing (Overig <= 9 - 6 = 3); the repair then withheld both large rows,
    // though either one withheld leaves Overig in [0, 10]. The other is shown again.
    let store = demo(12, 2000, 5, 4);
    let org = store
        .organisations(true)
        .expect("organisations")
        .into_iter()
        .find(|o| o.name == "Scholengroep Rivierenland Oost")
        .expect("the demo has this organisation");
    let built = build_report(&store, &[org], ReportPeriod::Year(2023), Profile::Standaard)
        .expect("report builds");
    let table = built
        .model
        .tables
        .iter()
        .find(|t| t.code == "relatie")
        .expect("the relation table is shown");
    let value = |code: &str| {
        table
            .cells
            .iter()
            .find(|c| c.row.code == code)
            .map(|c| c.value)
            .expect("the row is in the table")
    };
    assert_eq!(
        value("overig_samengevoegd"),
        CellValue::Withheld,
        "fixture: the merged row holds a small count and is withheld"
    );
    let large = [value("leidinggevende"), value("collega")];
    assert_eq!(
        large
            .iter()
            .filter(|v| matches!(v, CellValue::Published(_)))
            .count(),
        1,
        "one large row protects the merged row, the other is shown: {large:?}"
    );
    assert!(
        matches!(value("*"), CellValue::Published(_)),
        "the total stays shown"
    );
}
