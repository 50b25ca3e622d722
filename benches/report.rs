//! Report building (tables, disclosure control, audit) and PDF rendering on the
//! 2,000-dossier demo (`kluis demo --orgs 12 --dossiers 2000 --years 5 --seed 1`): every
//! organisation-year 2022-2025 (48 reports, each on the vault as generated), the busiest
//! organisation-year and the slowest, a pooled report of all 12 organisations, and the
//! slowest own report after it (the history then links every organisation: each own report
//! is audited against all of them), on all threads and on one.
//! `cargo bench --bench report`. (`cargo bench --bench utility` prints what they publish.)

use criterion::{Criterion, criterion_group, criterion_main};
use kluis::demo::{DemoSpec, populate};
use kluis::report::disclosure::Profile;
use kluis::report::export::{ReportRequest, prepare, record};
use kluis::report::protect::with_threads;
use kluis::report::render::pdf::render_pdf;
use kluis::report::{Narrative, ReportPeriod};
use kluis::store::Store;
use kluis::{Clock, Lang};
use std::hint::black_box;
use std::time::Duration;

fn clock() -> Clock {
    Clock::at("2026-11-30".parse().expect("date"))
}

fn request(organisations: Vec<i64>) -> ReportRequest {
    ReportRequest {
        organisations,
        period: ReportPeriod::parse("2025").expect("period"),
        profile: Profile::Standaard,
        lang: Lang::Nl,
        narrative: Narrative {
            activities: "Voorlichting aan teams en overleg met de directie.".into(),
            signals: "Werkdruk en omgangsvormen in teams blijven terugkomen.".into(),
            recommendations: "Investeer in leiderschap en een duidelijke gedragscode.".into(),
        },
        pooled_title: "Sector (verzonnen)".into(),
        date: "2026-01-15".parse().expect("date"),
        joint: false,
    }
}

fn bench(c: &mut Criterion) {
    let mut store = Store::create_empty(clock()).expect("store");
    let spec = DemoSpec {
        organisations: 12,
        dossiers: 2000,
        years: 5,
        seed: 1,
    };
    populate(&mut store, &spec, clock()).expect("demo data");
    let orgs = store.organisations(true).expect("organisations");
    let busiest = orgs
        .iter()
        .max_by_key(|o| {
            store
                .reportable_dossiers(&[o.id], ReportPeriod::Year(2025))
                .expect("dossiers")
                .len()
        })
        .expect("organisations")
        .id;
    let all: Vec<i64> = orgs.iter().map(|o| o.id).collect();
    let org_years: Vec<ReportRequest> = orgs
        .iter()
        .flat_map(|o| {
            (2022..=2025).map(|y| ReportRequest {
                period: ReportPeriod::Year(y),
                ..request(vec![o.id])
            })
        })
        .collect();
    // The slowest organisation-year, measured once.
    let slowest = org_years
        .iter()
        .max_by_key(|r| {
            let start = std::time::Instant::now();
            prepare(&store, r).expect("builds");
            start.elapsed()
        })
        .expect("48 reports")
        .clone();

    let mut group = c.benchmark_group("report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(2));
    group.bench_function("all_48_org_years/tables_and_audit", |b| {
        b.iter(|| {
            for r in &org_years {
                prepare(black_box(&store), black_box(r)).expect("builds");
            }
        })
    });
    for (name, req) in [
        ("org_year", request(vec![busiest])),
        ("slowest_org_year", slowest),
        ("pooled_12", request(all)),
    ] {
        let prepared = prepare(&store, &req).expect("report builds");
        eprintln!(
            "{name}: {} tables, {} published and {} withheld cells, audit passed: {}",
            prepared.document.model.tables.len(),
            prepared.document.model.published_cells,
            prepared.document.model.withheld_cells,
            prepared.document.model.audit_passed
        );
        group.bench_function(format!("{name}/tables_and_audit"), |b| {
            b.iter(|| prepare(black_box(&store), black_box(&req)).expect("builds"))
        });
        group.bench_function(format!("{name}/pdf"), |b| {
            b.iter(|| render_pdf(black_box(&prepared.document)).expect("renders"))
        });
        group.bench_function(format!("{name}/audit_and_pdf"), |b| {
            b.iter(|| {
                let p = prepare(black_box(&store), black_box(&req)).expect("builds");
                render_pdf(&p.document).expect("renders")
            })
        });
    }
    // The chain: the pooled report of 12 recorded, then each organisation's own 2025
    // report in turn; the slowest of them is measured again with the chain before it.
    let image = store.image().expect("image").to_vec();
    let mut chain = Store::from_image(image.as_slice(), image.len()).expect("copy");
    let pooled = prepare(&chain, &request(orgs.iter().map(|o| o.id).collect())).expect("pooled");
    record(&mut chain, &pooled, clock()).expect("recorded");
    let mut slowest_own: Option<(Duration, Vec<u8>, ReportRequest)> = None;
    for o in &orgs {
        let req = request(vec![o.id]);
        let before = chain.image().expect("image").to_vec();
        let start = std::time::Instant::now();
        let p = prepare(&chain, &req).expect("own report after the pooled one");
        let took = start.elapsed();
        eprintln!("own after pooled, {}: {took:?}", o.id);
        if slowest_own.as_ref().is_none_or(|(t, _, _)| took > *t) {
            slowest_own = Some((took, before, req));
        }
        record(&mut chain, &p, clock()).expect("recorded");
    }
    let (_, image, req) = slowest_own.expect("12 own reports");
    let history = Store::from_image(image.as_slice(), image.len()).expect("copy");
    group.bench_function("own_after_pooled_12/slowest/tables_and_audit", |b| {
        b.iter(|| prepare(black_box(&history), black_box(&req)).expect("builds"))
    });
    group.bench_function("own_after_pooled_12/slowest/one_thread", |b| {
        b.iter(|| {
            with_threads(1, || prepare(black_box(&history), black_box(&req))).expect("builds")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
