//! Vault open and save at 1,000 and 10,000 dossiers (synthetic demo data), beside a same-run
//! baseline: raw ChaCha20-Poly1305 over the same database image in 64 KiB chunks (what age's
//! STREAM does at its core) and a plain memcpy of it. `cargo bench --bench vault`.

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kluis::Clock;
use kluis::demo::{DemoSpec, populate};
use kluis::vault::{Unlock, Vault};
use secrecy::SecretString;
use std::hint::black_box;
use std::time::Duration;

fn clock() -> Clock {
    Clock::at("2026-11-30".parse().expect("date"))
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("vault");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(2));
    for dossiers in [1_000u32, 10_000] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bench.kluis");
        let pass = SecretString::from(kluis::demo::DEMO_PASSPHRASE.to_owned());
        let (mut vault, key) = Vault::create_unchecked(&path, &pass, clock()).expect("create");
        let spec = DemoSpec {
            organisations: 12,
            dossiers,
            years: 5,
            seed: 1,
        };
        populate(vault.store_mut(), &spec, clock()).expect("demo data");
        vault.save(clock()).expect("save");
        let image: Vec<u8> = vault.store_mut().image().expect("image").to_vec();
        let file_len = std::fs::metadata(&path).expect("meta").len();
        eprintln!(
            "{dossiers} dossiers: database image {} bytes, vault file {file_len} bytes",
            image.len()
        );

        let org = vault.store().organisations(false).expect("orgs")[0].id;
        let filters = [
            ("list_all", kluis::model::DossierFilter::default()),
            (
                "list_org_open_year",
                kluis::model::DossierFilter {
                    organisation_id: Some(org),
                    status: Some(kluis::model::DossierStatus::Open),
                    year: Some(2026),
                    ..Default::default()
                },
            ),
            (
                "list_search",
                kluis::model::DossierFilter {
                    search: Some("roosterindeling".into()),
                    ..Default::default()
                },
            ),
        ];
        for (name, filter) in &filters {
            group.bench_function(BenchmarkId::new(*name, dossiers), |b| {
                b.iter(|| black_box(vault.store().dossiers(filter).expect("list").len()))
            });
        }

        group.bench_function(BenchmarkId::new("save", dossiers), |b| {
            b.iter(|| vault.save(clock()).expect("save"))
        });
        drop(vault);

        let unlock = Unlock::RecoveryKey(SecretString::from(key.expose().to_owned()));
        group.bench_function(BenchmarkId::new("open", dossiers), |b| {
            b.iter(|| {
                let v = Vault::open(&path, &unlock, clock()).expect("open");
                black_box(v.store().dossier_count().expect("count"));
            })
        });

        let cipher = ChaCha20Poly1305::new(Key::from_slice(&[7u8; 32]));
        let mut buf = image.clone();
        group.bench_function(
            BenchmarkId::new("baseline_chacha20poly1305", dossiers),
            |b| {
                b.iter(|| {
                    buf.copy_from_slice(&image);
                    for (i, chunk) in buf.chunks_mut(64 * 1024).enumerate() {
                        let mut nonce = [0u8; 12];
                        nonce[..8].copy_from_slice(&(i as u64).to_be_bytes());
                        let tag = cipher
                            .encrypt_in_place_detached(Nonce::from_slice(&nonce), b"", chunk)
                            .expect("encrypt");
                        black_box(tag);
                    }
                })
            },
        );
        group.bench_function(BenchmarkId::new("baseline_memcpy", dossiers), |b| {
            b.iter(|| {
                let copy = black_box(&image).clone();
                black_box(copy);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
