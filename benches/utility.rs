//! What the reports of the documented demo publish, and how long each takes: the
//! information-loss measures of anonymisation.md for one annual report per organisation and
//! year (each on a fresh copy of the vault, standard profile), against classic single-table
//! suppression of the same tables. `cargo bench --bench utility` (add `-- SEED ORGS
//! DOSSIERS` for another demo). Prints numbers; asserts nothing (the tests do that).

use kluis::demo::{DemoSpec, populate};
use kluis::report::disclosure::Profile;
use kluis::report::export::{ReportRequest, prepare};
use kluis::report::utility::{compare_with_classic, table_utility};
use kluis::report::{Narrative, ReportPeriod};
use kluis::store::Store;
use kluis::{Clock, Lang};
use std::time::Instant;

fn clock() -> Clock {
    Clock::at("2026-11-30".parse().expect("date"))
}

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let seed = args.first().copied().unwrap_or(1);
    let organisations = args.get(1).copied().unwrap_or(12) as u32;
    let dossiers = args.get(2).copied().unwrap_or(2000) as u32;
    let mut store = Store::create_empty(clock()).expect("store");
    populate(
        &mut store,
        &DemoSpec {
            organisations,
            dossiers,
            years: 5,
            seed,
        },
        clock(),
    )
    .expect("demo data");
    let image = store.image().expect("image").to_vec();
    let orgs = store.organisations(true).expect("organisations");
    println!(
        "demo: seed {seed}, {organisations} organisations, {dossiers} dossiers; annual reports 2022-2025, standaard"
    );

    let (mut cells, mut published) = (0usize, 0usize);
    let mut coverages = Vec::new();
    let (mut classic_sum, mut kluis_sum, mut classic_tables, mut below_classic) =
        (0.0, 0.0, 0usize, 0usize);
    let (mut largest_possible, mut largest_published) = (0usize, 0usize);
    let mut largest_missed = Vec::new();
    let mut below = Vec::new();
    let (mut insider_possible, mut insider_published) = (0usize, 0usize);
    let mut times: Vec<(f64, String)> = Vec::new();
    let mut failures = Vec::new();
    for org in &orgs {
        for year in 2022..=2025 {
            let fresh = Store::from_image(image.as_slice(), image.len()).expect("copy");
            let period = ReportPeriod::Year(year);
            let request = ReportRequest {
                organisations: vec![org.id],
                period,
                profile: Profile::Standaard,
                lang: Lang::Nl,
                narrative: Narrative::default(),
                pooled_title: String::new(),
                date: "2026-01-15".parse().expect("date"),
                joint: false,
            };
            let name = format!("{} {year}", org.name);
            let start = Instant::now();
            let prepared = match prepare(&fresh, &request) {
                Ok(p) => p,
                Err(e) => {
                    failures.push(format!("{name}: {e}"));
                    continue;
                }
            };
            times.push((start.elapsed().as_secs_f64() * 1000.0, name.clone()));
            let model = &prepared.document.model;
            let dossiers = fresh
                .reportable_dossiers(&[org.id], period)
                .expect("dossiers");
            for table in &model.tables {
                if let Some(u) = table_utility(table) {
                    cells += u.cells;
                    published += u.published;
                    coverages.push(u.coverage);
                }
            }
            let (classic, largest) = compare_with_classic(model, &dossiers, 5);
            for c in classic {
                classic_sum += c.classic;
                kluis_sum += c.kluis;
                classic_tables += 1;
                if c.kluis + 1e-9 < c.classic {
                    below_classic += 1;
                    below.push(format!(
                        "{name} {}: {:.3} vs classic {:.3}, rows {:?}",
                        c.code, c.kluis, c.classic, c.rows
                    ));
                }
            }
            if let Some(l) = largest {
                largest_possible += 1;
                largest_published += usize::from(l.published);
                if l.insider_allows {
                    insider_possible += 1;
                    insider_published += usize::from(l.published);
                }
                if !l.published {
                    largest_missed.push(format!("{name}: {:?}", l.groups));
                }
            }
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!(
        "breakdown cells published: {published} of {cells} ({:.0}%)",
        100.0 * published as f64 / cells.max(1) as f64
    );
    println!(
        "mean coverage per table: {:.0}% over {} tables; {} tables below half",
        100.0 * mean(&coverages),
        coverages.len(),
        coverages.iter().filter(|&&c| c < 0.5).count()
    );
    println!(
        "relation/outcome/role/contact-type tables: Kluis {:.0}%, classic single-table suppression {:.0}%; Kluis below classic in {below_classic} of {classic_tables}",
        100.0 * kluis_sum / classic_tables.max(1) as f64,
        100.0 * classic_sum / classic_tables.max(1) as f64,
    );
    for b in &below {
        println!("  below classic: {b}");
    }
    println!(
        "largest category group published in {largest_published} of {largest_possible} category tables where classic suppression publishes it"
    );
    println!(
        "  of those, where the insider audit (anonymisation.md rule 4) allows it: {insider_published} of {insider_possible}"
    );
    for missed in &largest_missed {
        println!("  largest group withheld: {missed}");
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    if !times.is_empty() {
        let median = times[times.len() / 2].0;
        println!(
            "time per report (tables + disclosure + audit, this build): median {median:.1} ms, worst {:.1} ms ({}), {} reports",
            times[times.len() - 1].0,
            times[times.len() - 1].1,
            times.len()
        );
        for (ms, name) in times.iter().rev().take(5) {
            println!("  {ms:9.1} ms  {name}");
        }
    }
    for f in &failures {
        println!("refused: {f}");
    }
}
