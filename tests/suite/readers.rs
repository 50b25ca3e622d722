//! What a recipient reads: the PDF and the CSV of one report show the same thing.
//!
//! The independent oracle (`oracle/`) models a reader of the CSV files. A director reads
//! the PDF. These tests read the PDF's text with poppler's `pdftotext -layout`, the way
//! any reader's tools would, and check that every table in it holds exactly the rows and
//! values of the CSV (an `x` where the CSV says withheld, a row merged into "Overig" named
//! only in the legend), that charts draw no value the tables do not publish, and that the
//! only extra column, the comparison with the previous period, repeats values published
//! in the previous report. So what the oracle attacks is everything a recipient has.

use super::util::*;
use kluis::Lang;
use kluis::report::export::{PreparedReport, prepare, record};
use kluis::report::render::csv::{CsvDialect, STATUS_BANDED, STATUS_CONFIDENTIAL, STATUS_MERGED};
use kluis::report::render::pdf::render_pdf;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// One CSV table: its rows in order, each with its values in column order (`x` for a
/// withheld cell, `1-4` for a band), and the rows merged into "Overig".
#[derive(Debug, Default)]
struct CsvTable {
    rows: Vec<(String, Vec<String>)>,
    merged: Vec<String>,
}

fn csv_tables(bytes: &[u8]) -> Vec<(String, CsvTable)> {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let mut tables: Vec<(String, CsvTable)> = Vec::new();
    for record in reader.records() {
        let r = record.expect("the CSV parses");
        let (title, row, value, status) = (&r[1], &r[2], &r[5], &r[6]);
        if tables.last().is_none_or(|(t, _)| t != title) {
            tables.push((title.to_owned(), CsvTable::default()));
        }
        let table = &mut tables.last_mut().expect("just pushed").1;
        if status == STATUS_MERGED {
            table.merged.push(row.to_owned());
            continue;
        }
        let shown = match status {
            s if s == STATUS_CONFIDENTIAL => "x".to_owned(),
            s if s == STATUS_BANDED => value.to_owned(),
            "" => value.to_owned(),
            other => panic!("an unknown CSV status {other:?}"),
        };
        match table.rows.iter_mut().find(|(label, _)| label == row) {
            Some((_, values)) => values.push(shown),
            None => table.rows.push((row.to_owned(), vec![shown])),
        }
    }
    // The total row is printed last.
    for (_, t) in &mut tables {
        if let Some(i) = t
            .rows
            .iter()
            .position(|(l, _)| l == "Totaal" || l == "Total")
        {
            let total = t.rows.remove(i);
            t.rows.push(total);
        }
    }
    tables
}

/// A printed value: digits (group separators dropped), `x`, a band or the dash of an
/// empty comparison.
fn value_token(token: &str) -> Option<String> {
    let t: String = token
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | '\u{202f}' | '\u{a0}'))
        .collect::<String>()
        .replace('–', "-");
    let band = t.split_once('-').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && (a.chars().chain(b.chars())).all(|c| c.is_ascii_digit())
    });
    (t == "x" || t == "-" || band || (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit())))
        .then_some(t)
}

/// A table row as `pdftotext -layout` prints it: one space, the label, then the values
/// in columns separated by at least two spaces.
fn table_row(line: &str) -> Option<(String, Vec<String>)> {
    let rest = line.strip_prefix(' ')?;
    if rest.starts_with(' ') || rest.is_empty() {
        return None;
    }
    let parts: Vec<&str> = rest
        .split("  ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let (label, values) = parts.split_first()?;
    let values: Vec<String> = values
        .iter()
        .flat_map(|p| p.split(' '))
        .map(value_token)
        .collect::<Option<_>>()?;
    (!values.is_empty()).then(|| (label.to_string(), values))
}

/// A printed table: its rows (label, values) and the text printed under it.
type PdfTable = (Vec<(String, Vec<String>)>, String);

/// The PDF's tables by title: their rows and the text printed under them. A table's rows
/// end at the first line at the left margin that is not a row (its legend, a chart's
/// caption, the next heading); the page footer does not end them.
fn pdf_tables(layout: &str, titles: &BTreeSet<String>) -> BTreeMap<String, PdfTable> {
    let mut out: BTreeMap<String, PdfTable> = BTreeMap::new();
    let mut current: Option<(String, bool)> = None;
    for line in layout.lines() {
        let line = line.trim_start_matches('\u{c}');
        let trimmed = line.trim();
        if titles.contains(trimmed) && !out.contains_key(trimmed) {
            current = Some((trimmed.to_owned(), true));
            out.insert(trimmed.to_owned(), Default::default());
            continue;
        }
        let Some((title, open)) = &mut current else {
            continue;
        };
        let entry = out.get_mut(title.as_str()).expect("inserted");
        let footer =
            trimmed.starts_with("Vertrouwelijk — ") || trimmed.starts_with("Confidential — ");
        match table_row(line) {
            Some(row) if *open => entry.0.push(row),
            _ => {
                if !trimmed.is_empty() && !line.starts_with(' ') && !footer {
                    *open = false;
                }
                entry.1.push(' ');
                entry.1.push_str(trimmed);
            }
        }
    }
    out
}

/// The PDF's text laid out as on the page.
fn layout_text(prepared: &PreparedReport) -> String {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, render_pdf(&prepared.document).expect("renders")).expect("written");
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("UTF-8 path"), "-"])
        .output()
        .expect("pdftotext must be installed for the reader tests");
    assert!(out.status.success(), "pdftotext reads our PDF");
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The report's CSV tables.
fn csv_of(prepared: &PreparedReport) -> Vec<(String, CsvTable)> {
    let csv = kluis::report::render::csv::render(
        &prepared.document.model,
        CsvDialect::Standard,
        prepared.document.lang,
    )
    .expect("CSV renders");
    csv_tables(&csv)
}

/// Checks that the PDF of `prepared` shows exactly its CSV, and that a comparison column
/// repeats the whole-period values of the `previous` report's CSV; returns the number of
/// table rows compared.
fn same_as_csv(name: &str, prepared: &PreparedReport, previous: &[(String, CsvTable)]) -> usize {
    let tables = csv_of(prepared);
    let titles: BTreeSet<String> = tables.iter().map(|(t, _)| t.clone()).collect();
    let layout = layout_text(prepared);
    if std::env::var_os("KLUIS_DUMP_LAYOUT").is_some() {
        println!("{layout}");
    }
    let history_title = match prepared.document.lang {
        Lang::Nl => "Vergelijking met eerdere perioden",
        Lang::En => "Comparison with earlier periods",
    };
    let mut all_titles = titles.clone();
    all_titles.insert(history_title.to_owned());
    let pdf = pdf_tables(&layout, &all_titles);
    // The comparison with earlier periods prints totals: this report's and those of the
    // previous report.
    let totals = |tables: &[(String, CsvTable)]| -> Vec<String> {
        tables
            .first()
            .and_then(|(_, t)| t.rows.last())
            .and_then(|(_, v)| v.last())
            .cloned()
            .into_iter()
            .collect()
    };
    let allowed: Vec<String> = totals(&tables)
        .into_iter()
        .chain(totals(previous))
        .collect();
    if let Some((rows, _)) = pdf.get(history_title) {
        for (period, values) in rows {
            assert!(
                values.iter().all(|v| allowed.contains(v)),
                "{name}: the comparison with earlier periods prints only published totals \
                 ({period}: {values:?}, published {allowed:?})"
            );
        }
    }
    let mut compared = 0;
    for (title, table) in &tables {
        let (rows, text) = pdf
            .get(title)
            .unwrap_or_else(|| panic!("{name}: the PDF prints the CSV's table {title:?}"));
        assert_eq!(
            rows.len(),
            table.rows.len(),
            "{name}, {title}: the PDF prints the CSV's rows, no more, no fewer: {rows:?} vs {:?}",
            table.rows
        );
        for ((label, printed), (csv_label, values)) in rows.iter().zip(&table.rows) {
            assert_eq!(label, csv_label, "{name}, {title}: rows in the same order");
            let mut printed = printed.clone();
            if printed.len() == values.len() + 1 {
                let shown = printed.pop().expect("a comparison column");
                let before = previous
                    .iter()
                    .find(|(t, _)| t == title)
                    .and_then(|(_, t)| t.rows.iter().find(|(l, _)| l == label))
                    .and_then(|(_, v)| v.last())
                    .filter(|v| *v != "x");
                assert!(
                    shown == "-" || Some(&shown) == before,
                    "{name}, {title}, {label}: the previous period's column shows {shown}, \
                     which must be a dash or the value the previous report published ({before:?})"
                );
            }
            assert_eq!(
                &printed, values,
                "{name}, {title}, {label}: the PDF prints the CSV's values (x where withheld)"
            );
            compared += 1;
        }
        for merged in &table.merged {
            assert!(
                text.contains(merged.as_str()),
                "{name}, {title}: a row merged into Overig ({merged}) is named under the table"
            );
            assert!(
                !rows.iter().any(|(l, _)| l == merged),
                "{name}, {title}: a merged row is not printed as a row of its own"
            );
        }
    }
    // Charts and running text: any number printed outside the tables that is not a
    // published cell value must be one of the report's fixed facts (dates, years, pages,
    // k, hours, cell counts), never a withheld value: it is checked here by requiring every
    // number in a chart block to be a published value of the report.
    let published: BTreeSet<String> = tables
        .iter()
        .flat_map(|(_, t)| t.rows.iter().flat_map(|(_, v)| v.iter().cloned()))
        .filter(|v| v != "x")
        .chain(allowed.iter().cloned())
        .collect();
    for chart in chart_blocks(&layout, prepared.document.lang) {
        for number in chart
            .split_whitespace()
            .filter_map(value_token)
            .filter(|t| t != "-" && t != "x")
        {
            assert!(
                published.contains(&number),
                "{name}: a chart draws only published values (or the published totals of earlier periods), not {number}"
            );
        }
    }
    compared
}

/// The text of each chart: from its caption to the next table title or section heading.
fn chart_blocks(layout: &str, lang: Lang) -> Vec<String> {
    let captions: &[&str] = match lang {
        Lang::Nl => &["Verloop van", "Verdeling naar", "Trend"],
        Lang::En => &["Course of", "Distribution by", "Trend"],
    };
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in layout.lines() {
        let t = line.trim();
        let heading = t
            .split_once(' ')
            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
            && !line.starts_with(' ');
        if captions.iter().any(|c| t.starts_with(c)) {
            blocks.extend(current.take());
            current = Some(String::new());
            continue;
        }
        if heading || t.starts_with("Vertrouwelijk") || t.starts_with("Confidential") {
            blocks.extend(current.take());
            continue;
        }
        // The time axis: a line of two or more years.
        let words: Vec<&str> = t.split_whitespace().collect();
        let axis = words.len() >= 2
            && words.iter().all(|w| {
                w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (2000..=2100).contains(&y))
            });
        if let Some(b) = current.as_mut().filter(|_| !axis) {
            b.push(' ');
            b.push_str(t);
        }
    }
    blocks.extend(current);
    blocks
}

#[test]
fn pdf_tables_print_exactly_the_csv_cells_for_own_pooled_and_english_reports() {
    let store = documented_demo();
    let orgs = store.organisations(true).expect("organisations");
    let busiest = busiest(&store).id;
    let smallest = orgs
        .iter()
        .min_by_key(|o| o.employee_count)
        .expect("the demo has organisations")
        .id;
    let all: Vec<i64> = orgs.iter().map(|o| o.id).collect();
    let mut compared = 0;
    for (name, organisations, period, lang) in [
        ("busiest 2025", vec![busiest], "2025", Lang::Nl),
        ("busiest 2025-Q2", vec![busiest], "2025-Q2", Lang::Nl),
        ("smallest 2025", vec![smallest], "2025", Lang::Nl),
        ("smallest 2025-Q3", vec![smallest], "2025-Q3", Lang::Nl),
        ("pooled 2025", all.clone(), "2025", Lang::Nl),
        ("busiest 2024 en", vec![busiest], "2024", Lang::En),
    ] {
        let mut request = report_request(&organisations, period);
        request.lang = lang;
        if organisations.len() > 1 {
            request.pooled_title = "Sector (verzonnen)".into();
        }
        let prepared = prepare(&store, &request).expect("the report builds");
        compared += same_as_csv(name, &prepared, &[]);
    }
    assert!(
        compared > 40,
        "the comparison covered the reports' rows, not an empty parse ({compared} rows)"
    );
}

#[test]
fn the_previous_period_column_repeats_only_what_the_previous_report_published() {
    let mut store = documented_demo();
    let busiest = busiest(&store).id;
    let earlier = prepare(&store, &report_request(&[busiest], "2024")).expect("2024 builds");
    record(&mut store, &earlier, clock()).expect("2024 recorded");
    let later = prepare(&store, &report_request(&[busiest], "2025")).expect("2025 builds");
    assert!(
        later
            .document
            .model
            .tables
            .iter()
            .any(|t| t.comparison.is_some()),
        "after a published 2024 report, the 2025 report compares with it"
    );
    assert!(
        same_as_csv("busiest 2025 after 2024", &later, &csv_of(&earlier)) > 10,
        "the compared report has rows"
    );
}
