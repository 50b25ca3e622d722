//! Import of a 10,000-row registration (an .xlsx file written here, two organisations, dates,
//! categories and minutes): reading the file, the dry run, and writing all rows in one
//! transaction into an in-memory vault database. `cargo bench --bench import`.

use criterion::{Criterion, criterion_group, criterion_main};
use kluis::Clock;
use kluis::import::{Mapping, Source};
use kluis::model::{Arrangement, OrganisationInput};
use kluis::store::Store;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::hint::black_box;
use std::time::Duration;

const ROWS: u32 = 10_000;

fn clock() -> Clock {
    Clock::at("2026-11-30".parse().expect("date"))
}

fn spreadsheet() -> Vec<u8> {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let headers = [
        "Organisatie",
        "Datum melding",
        "Datum afsluiting",
        "Soort contact",
        "Categorie",
        "Minuten",
        "Notities",
    ];
    for (c, h) in headers.iter().enumerate() {
        s.write_string(0, c as u16, *h).expect("header");
    }
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let orgs = ["Zorggroep De Linde", "Bakkerij De Korenschoof"];
    let cats = [
        "pesten",
        "discriminatie",
        "werkdruk_conflict, pesten",
        "agressie_geweld",
    ];
    for i in 0..ROWS {
        let r = i + 1;
        let (y, m, d) = (
            2020 + (i % 6) as u16,
            (i % 12) as u8 + 1,
            (i % 28) as u8 + 1,
        );
        s.write_string(r, 0, orgs[(i % 2) as usize]).expect("cell");
        s.write_datetime_with_format(r, 1, ExcelDateTime::from_ymd(y, m, d).expect("date"), &date)
            .expect("cell");
        if i % 3 == 0 {
            s.write_string(r, 2, format!("{}-{}-{}", d.min(27) + 1, m, y))
                .expect("cell");
        }
        s.write_string(r, 3, "consult").expect("cell");
        s.write_string(r, 4, cats[(i % 4) as usize]).expect("cell");
        s.write_number(r, 5, f64::from(15 + i % 90)).expect("cell");
        s.write_string(r, 6, "Verzonnen notitie voor de meting.")
            .expect("cell");
    }
    book.save_to_buffer().expect("xlsx")
}

fn store() -> Store {
    let mut store = Store::create_empty(clock()).expect("store");
    for name in ["Zorggroep De Linde", "Bakkerij De Korenschoof"] {
        store
            .add_organisation(
                &OrganisationInput {
                    name: name.into(),
                    employee_count: 100,
                    arrangement: Arrangement::Maatwerk,
                    contact_label: String::new(),
                },
                clock(),
            )
            .expect("organisation");
    }
    store
}

fn bench(c: &mut Criterion) {
    let bytes = spreadsheet();
    eprintln!(
        "import bench: {ROWS} rows, {} KiB .xlsx",
        bytes.len() / 1024
    );
    let mapping = Mapping::from_toml(
        "[columns]\norganisation = \"A\"\nopened_on = \"B\"\nclosed_on = \"C\"\ncontact_type = \"D\"\n\
         categories = \"E\"\nminutes = \"F\"\nnotes = \"G\"\n\
         [defaults]\nreporter_role = \"medewerker\"\nrelation = \"onbekend\"\noutcome = \"onbekend\"\n",
    )
    .expect("mapping");
    let base = store();
    let source = Source::from_bytes(&bytes).expect("read");
    let run = source.plan(&base, &mapping, clock()).expect("plan");
    assert_eq!(
        (run.plan.ready, run.plan.errors_total),
        (ROWS, 0),
        "a clean file"
    );

    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(2));
    group.bench_function("read 10k-row xlsx", |b| {
        b.iter(|| black_box(Source::from_bytes(&bytes).expect("read")))
    });
    group.bench_function("dry run 10k rows", |b| {
        b.iter(|| black_box(source.plan(&base, &mapping, clock()).expect("plan")))
    });
    group.bench_function("write 10k dossiers in one transaction", |b| {
        b.iter_batched(
            store,
            |mut s| {
                black_box(
                    s.import_dossiers(&run.plan.records, clock())
                        .expect("import"),
                )
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
