//! Joint reports (issue 12 part 2) on real encrypted vaults: three advisors with 150, 120 and
//! 90 dossiers of 2025 at one client. Measured: writing a contribution (the records, the
//! ledger, age, the vault save), reading one at the coordinator (age and JSON), and preparing
//! the joint report beside the report of one vault holding all 360 dossiers (the same tables;
//! the difference is the participants' rows in play). `cargo bench --bench joint`.

use criterion::{Criterion, criterion_group, criterion_main};
use kluis::handover::receive_key;
use kluis::joint;
use kluis::model::{
    Action, ContactType, DossierInput, OrganisationInput, Outcome, Relation, ReporterRole,
};
use kluis::report::ReportPeriod;
use kluis::report::disclosure::Profile;
use kluis::report::export::{ReportRequest, prepare};
use kluis::vault::Vault;
use kluis::{Clock, Lang};
use secrecy::SecretString;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn clock() -> Clock {
    Clock::at("2026-11-30".parse().expect("date"))
}

const CLIENT: &str = "Proefbedrijf Samen (verzonnen)";

/// A vault with the client and `n` dossiers of 2025 drawn from `seed`.
fn vault(dir: &Path, name: &str, sets: &[(u32, u64)]) -> (Vault, i64) {
    let pass = SecretString::from("paarse fiets onder de regenboog zingt".to_owned());
    let (mut v, _) = Vault::create(&dir.join(name), &pass, clock()).expect("vault");
    let org = v
        .store_mut()
        .add_organisation(
            &OrganisationInput {
                name: CLIENT.into(),
                employee_count: 400,
                arrangement: kluis::model::Arrangement::Maatwerk,
                contact_label: String::new(),
            },
            clock(),
        )
        .expect("organisation")
        .id;
    let categories = v.store().categories().expect("categories");
    for &(n, seed) in sets {
        let mut x = seed;
        let mut next = |m: usize| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % m as u64) as usize
        };
        for i in 0..n {
            let opened = "2025-01-01".parse::<chrono::NaiveDate>().expect("date")
                + chrono::Days::new(u64::from((i * 37 + seed as u32) % 360));
            let mut input = DossierInput::new(org, ContactType::ALL[next(5)], opened);
            input.categories = vec![categories[next(categories.len())].code.clone()];
            input.actions = vec![Action::ALL[next(Action::ALL.len())]];
            input.relation = Relation::ALL[next(Relation::ALL.len())];
            input.outcome = Outcome::ALL[next(Outcome::ALL.len())];
            input.reporter_role = ReporterRole::ALL[next(ReporterRole::ALL.len())];
            v.store_mut().add_dossier(&input, clock()).expect("dossier");
        }
    }
    v.save(clock()).expect("save");
    (v, org)
}

fn request(org: i64, joint: bool) -> ReportRequest {
    let mut r = ReportRequest::new(
        vec![org],
        ReportPeriod::Year(2025),
        Profile::Standaard,
        Lang::Nl,
        "2026-01-15".parse().expect("date"),
    );
    r.joint = joint;
    r
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let sets = [(150, 1), (120, 2), (90, 3)];
    let (mut a, org_a) = vault(dir.path(), "a.kluis", &sets[..1]);
    let (mut b, org_b) = vault(dir.path(), "b.kluis", &sets[1..2]);
    let (mut coordinator, org_c) = vault(dir.path(), "c.kluis", &sets[2..]);
    let (single, org_d) = vault(dir.path(), "d.kluis", &sets);
    let to = receive_key(&mut coordinator, clock())
        .expect("key")
        .recipient;
    let mut files = Vec::new();
    for (name, v, org) in [("a", &mut a, org_a), ("b", &mut b, org_b)] {
        let path = dir.path().join(format!("{name}.age"));
        joint::contribute(v, org, ReportPeriod::Year(2025), &to, &path, clock()).expect("write");
        let bytes = std::fs::read(&path).expect("read");
        joint::import_contribution(&mut coordinator, &bytes, clock()).expect("import");
        files.push(bytes);
    }

    let mut g = c.benchmark_group("joint");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    let mut n = 0u32;
    g.bench_function("contribute 150 dossiers (write, seal, save)", |bench| {
        bench.iter(|| {
            n += 1;
            let path = dir.path().join(format!("again-{n}.age"));
            joint::contribute(&mut a, org_a, ReportPeriod::Year(2025), &to, &path, clock())
                .expect("write")
        })
    });
    g.bench_function("read a contribution (age, JSON)", |bench| {
        bench.iter(|| {
            joint::read_contribution(coordinator.store(), black_box(&files[0])).expect("read")
        })
    });
    g.bench_function(
        "prepare the joint report of 3 vaults (360 dossiers)",
        |bench| bench.iter(|| prepare(coordinator.store(), &request(org_c, true)).expect("joint")),
    );
    g.bench_function("prepare the same report in one vault", |bench| {
        bench.iter(|| prepare(single.store(), &request(org_d, false)).expect("single"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
