//! Report building (tables, disclosure control, audit) and PDF rendering on the
//! 2,000-dossier demo (`kluis demo --orgs 12 --dossiers 2000 --years 5 --seed 1`): one
//! organisation-year (the busiest organisation, 2025) and a pooled report of all 12
//! organisations. `cargo bench --bench report`.

use criterion::{Criterion, criterion_group, criterion_main};
use kluis::demo::{DemoSpec, populate};
use kluis::report::disclosure::Profile;
use kluis::report::export::{ReportRequest, prepare};
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

    let mut group = c.benchmark_group("report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(2));
    for (name, req) in [
        ("org_year", request(vec![busiest])),
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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
