//! Report tables and CSV from a demo vault: periods, gates, no case content, the CSV
//! dialects, determinism and the release ledger.

use super::util::*;
use kluis::Lang;
use kluis::model::{ContactType, DossierFilter, DossierInput, Organisation, Outcome};
use kluis::report::export::{PreparedReport, ReportRequest, prepare, record};
use kluis::report::model::{CellValue, SizeBand};
use kluis::report::render::csv::{CsvDialect, render};
use kluis::report::{BuiltReport, Profile, ReportError, ReportPeriod, build_report};
use kluis::store::Store;
use std::collections::BTreeMap;

fn demo_store() -> Store {
    small_demo()
}

fn org_where(store: &Store, pred: impl Fn(&Organisation) -> bool) -> Organisation {
    store
        .organisations(true)
        .expect("organisations")
        .into_iter()
        .find(pred)
        .expect("the demo has an organisation of this size")
}

fn build(store: &Store, org: &Organisation, period: &str) -> BuiltReport {
    let period = ReportPeriod::parse(period).expect("valid period");
    build_report(store, std::slice::from_ref(org), period, Profile::Standaard)
        .expect("report builds")
}

#[test]
fn periods_parse_and_reject() {
    for (text, period) in [
        ("2025", ReportPeriod::Year(2025)),
        ("2025-H1", ReportPeriod::Half(2025, 1)),
        ("2025-Q3", ReportPeriod::Quarter(2025, 3)),
    ] {
        assert_eq!(
            ReportPeriod::parse(text),
            Ok(period),
            "{text} is a valid period"
        );
        assert_eq!(period.code(), text, "the code prints back as parsed");
    }
    for bad in [
        "2025-Q5", "2025-H3", "25", "2025-", "2025-Q", "Q3-2025", "2025-M01", "",
    ] {
        assert!(
            ReportPeriod::parse(bad).is_err(),
            "{bad:?} is not a period and must be refused"
        );
    }
    let y = ReportPeriod::Year(2025);
    assert_eq!(y.quarters().len(), 4, "a year has four quarters");
    assert_eq!(
        ReportPeriod::Quarter(2025, 3).label(Lang::Nl),
        "3e kwartaal 2025",
        "Dutch quarter label"
    );
    assert_eq!(
        ReportPeriod::Half(2025, 1).label(Lang::En),
        "first half of 2025",
        "English half-year label"
    );
}

#[test]
fn csv_has_no_case_content_and_no_small_values() {
    let store = demo_store();
    let org = org_where(&store, |o| o.employee_count >= 50);
    let built = build(&store, &org, "2025");
    assert!(
        built.model.audit_passed,
        "the audit passes for a protected report"
    );
    assert!(
        built.model.breakdowns,
        "a larger demo organisation has breakdowns"
    );
    let text =
        String::from_utf8(render(&built.model, CsvDialect::Standard, Lang::Nl).expect("renders"))
            .expect("UTF-8");
    let notes: Vec<String> = store
        .connection()
        .prepare("SELECT notes, number FROM dossiers")
        .expect("prepare")
        .query_map([], |r| {
            Ok(format!(
                "{}\u{0}{}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for pair in &notes {
        let (note, number) = pair.split_once('\u{0}').expect("two fields");
        assert!(
            !text.contains(&note[..note.len().min(30)]),
            "note text must never reach a CSV"
        );
        assert!(
            !text.contains(number),
            "dossier numbers must never reach a CSV"
        );
    }
    assert!(
        !text.contains(&org.contact_label),
        "the organisation's contact label must never reach a CSV"
    );
    assert!(
        !text.contains(&org.name),
        "the CSV carries no organisation name"
    );
    let mut rows = 0;
    for table in &built.model.tables {
        for cell in &table.cells {
            if let CellValue::Published(v) = cell.value {
                assert!(
                    !(1..5).contains(&v),
                    "published value in {} is between 1 and 4",
                    table.code
                );
            }
            rows += 1;
        }
        rows += table.merged.len();
    }
    assert_eq!(
        text.lines().count(),
        rows + 1,
        "one CSV row per cell and per row merged into Overig, plus the header"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.expect("valid CSV");
        assert_eq!(record.len(), 7, "seven columns per row");
        let (value, status) = (&record[5], &record[6]);
        match status {
            "C" => assert!(value.is_empty(), "a withheld cell has an empty value"),
            "" => {
                let v: u64 = value.parse().expect("a published value is a count");
                assert!(
                    !(1..5).contains(&v),
                    "no published value is between 1 and 4"
                );
            }
            "S" => assert!(
                value.is_empty(),
                "a row merged into Overig is listed without a value"
            ),
            other => assert_eq!(other, "B", "the only other status is a banded total"),
        }
    }
}

#[test]
fn the_two_dialects_differ_only_as_specified() {
    let store = demo_store();
    let org = org_where(&store, |o| o.employee_count >= 50);
    let built = build(&store, &org, "2025");
    let standard = render(&built.model, CsvDialect::Standard, Lang::Nl).expect("standard");
    let excel = render(&built.model, CsvDialect::ExcelNl, Lang::Nl).expect("excel-nl");
    assert!(
        excel.starts_with(&[0xEF, 0xBB, 0xBF]),
        "excel-nl starts with a UTF-8 byte-order mark"
    );
    assert!(
        !standard.starts_with(&[0xEF, 0xBB, 0xBF]),
        "standard has no byte-order mark"
    );
    let excel = String::from_utf8(excel[3..].to_vec()).expect("UTF-8");
    let standard = String::from_utf8(standard).expect("UTF-8");
    let parse = |text: &str, sep: u8| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(sep)
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
            .collect()
    };
    assert_eq!(
        parse(&standard, b','),
        parse(&excel, b';'),
        "the same fields, only the separator differs"
    );
    assert!(
        standard.contains("\"Extern (cliënt, patiënt, leerling, publiek)\"")
            || !standard.contains("patiënt"),
        "a label with the separator is quoted (RFC 4180)"
    );
    assert_eq!(
        CsvDialect::ExcelNl.number(1.5, 1),
        "1,5",
        "excel-nl writes a decimal comma"
    );
    assert_eq!(
        CsvDialect::Standard.number(1.5, 1),
        "1.5",
        "standard writes a decimal point"
    );
}

#[test]
fn same_report_twice_is_identical_and_adds_nothing_to_the_ledger() {
    let mut store = demo_store();
    let org = org_where(&store, |o| o.employee_count >= 50);
    let first = prepare(&store, &request(&[org.id], "2025")).expect("report builds");
    let added = record(&mut store, &first, clock()).expect("record");
    assert_eq!(
        added,
        first.facts.len(),
        "the first release records every published fact"
    );
    let second = prepare(&store, &request(&[org.id], "2025")).expect("report builds");
    assert_eq!(
        render(&first.document.model, CsvDialect::Standard, Lang::Nl).expect("csv"),
        render(&second.document.model, CsvDialect::Standard, Lang::Nl).expect("csv"),
        "the same report gives a byte-identical CSV"
    );
    assert!(
        second.counted.is_empty(),
        "the second time every dossier is already frozen"
    );
    let again = record(&mut store, &second, clock()).expect("record");
    assert_eq!(again, 0, "re-recording an unchanged report adds nothing");
    assert_eq!(
        store.release_facts(org.id).expect("ledger").len(),
        first.facts.len(),
        "the ledger holds each published fact once"
    );
    // A quarter of the same year, after the year: built against the year's ledger.
    let q = build(&store, &org, "2025-Q2");
    assert!(
        q.model.audit_passed,
        "the quarter passes its audit against the year"
    );
}

#[test]
fn a_small_organisation_gets_only_the_total_and_category_groups() {
    let store = demo_store();
    // The small organisation with the most dossiers (the demo's sizes and names may change).
    let org = store
        .organisations(true)
        .expect("organisations")
        .into_iter()
        .filter(|o| o.employee_count < 50)
        .max_by_key(|o| {
            store
                .dossiers(&kluis::model::DossierFilter {
                    organisation_id: Some(o.id),
                    ..Default::default()
                })
                .expect("list")
                .len()
        })
        .expect("the demo has a small organisation");
    let mut breakdowns = 0;
    for period in ["2025", "2024"] {
        let built = build(&store, &org, period);
        assert_eq!(
            built.model.size_band,
            SizeBand::Under50,
            "small organisation"
        );
        let codes: Vec<&str> = built.model.tables.iter().map(|t| t.code.as_str()).collect();
        for code in &codes {
            assert!(
                ["totaal", "categorie_groep"].contains(code),
                "a small organisation gets no {code} table"
            );
        }
        assert_eq!(
            codes.first(),
            Some(&"totaal"),
            "the total always comes first"
        );
        if built.model.breakdowns {
            breakdowns += 1;
            assert!(
                codes.contains(&"categorie_groep")
                    || built
                        .model
                        .dropped
                        .iter()
                        .any(|t| t.code == "categorie_groep"),
                "with enough dossiers a small organisation gets the category groups"
            );
        }
    }
    assert!(
        breakdowns > 0,
        "the demo gives the small organisation enough dossiers for a breakdown in some year"
    );
    // A quarter with fewer than five dossiers shows only the banded total.
    let mut banded = 0;
    for q in ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"] {
        let built = build(&store, &org, q);
        let total = &built.model.tables[0].cells[0].value;
        if let CellValue::Banded { upper } = total {
            banded += 1;
            assert_eq!(*upper, 4, "the standard band is 1-4");
            assert_eq!(built.model.tables.len(), 1, "a banded total comes alone");
            assert!(
                built
                    .facts
                    .iter()
                    .all(|f| f.value().is_none() && f.lower == 1 && f.upper == Some(4)),
                "a banded total is recorded as the range 1-4, never as a value"
            );
            assert_eq!(
                built.guards.len(),
                1,
                "and its exact value stays protected in later reports"
            );
            let csv = String::from_utf8(
                render(&built.model, CsvDialect::Standard, Lang::Nl).expect("renders"),
            )
            .expect("UTF-8");
            assert!(
                csv.contains(",1-4,B"),
                "the CSV shows the band with status B: {csv}"
            );
        }
    }
    assert!(
        banded > 0,
        "some quarter of the small demo organisation has 1-4 dossiers"
    );
}

#[test]
fn strikt_shows_groups_by_whole_year_only() {
    let store = demo_store();
    let org = org_where(&store, |o| o.employee_count >= 250);
    let half = build_report(
        &store,
        std::slice::from_ref(&org),
        ReportPeriod::parse("2025-H1").expect("valid period"),
        Profile::Strikt,
    )
    .expect("report builds");
    assert!(
        !half.model.breakdowns && half.model.tables.iter().all(|t| t.code == "totaal"),
        "strikt breaks down whole years only: a half year shows its total alone"
    );
    let period = ReportPeriod::parse("2025").expect("valid period");
    let built = build_report(&store, std::slice::from_ref(&org), period, Profile::Strikt)
        .expect("report builds");
    assert!(
        built.model.audit_passed,
        "the strict report passes its audit"
    );
    assert!(
        built.model.breakdowns && built.model.categories_grouped,
        "the largest demo organisation reaches the strict minimum, with groups only"
    );
    for table in &built.model.tables {
        assert!(
            ["totaal", "categorie_groep"].contains(&table.code.as_str()),
            "strikt shows no {} table",
            table.code
        );
        assert!(
            table.cells.iter().all(|c| c.period == "2025"),
            "strikt never splits the year into quarters or halves"
        );
        for cell in &table.cells {
            if let CellValue::Published(v) = cell.value {
                assert!(
                    !(1..10).contains(&v),
                    "strikt publishes no value between 1 and 9"
                );
            }
        }
    }
}

mod history;
use history::request;
