//! Open and save of a vault holding 200 MiB of documents (40 × 5 MiB of random bytes, which
//! neither compress nor deduplicate, in 40 dossiers) against the same vault without them
//! (1,000 synthetic dossiers), and the removal of one document (DELETE + VACUUM of the whole
//! image). Opening uses the recovery key, so scrypt (the passphrase's fixed ~0.7 s) is not in
//! the figures. Saving keeps the previous file as a backup and prunes, as every save does.
//! `cargo bench --bench documents`; the sizes (image, file, backups, peak memory) are printed
//! to stderr.

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use kluis::Clock;
use kluis::demo::{DemoSpec, populate};
use kluis::vault::{Unlock, Vault};
use secrecy::SecretString;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const DOCUMENTS: usize = 40;
const DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

fn clock() -> Clock {
    Clock::at("2026-11-30".parse().expect("date"))
}

/// Random bytes from xorshift64*, seeded: incompressible, and different per document.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        out.extend_from_slice(&x.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Files and bytes in the backup folder beside the vault.
fn backups(path: &Path) -> (usize, u64) {
    let dir = kluis::vault::backup::backup_dir(path);
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().fold((0, 0), |(n, bytes), e| {
                (n + 1, bytes + e.metadata().map(|m| m.len()).unwrap_or(0))
            })
        })
        .unwrap_or((0, 0))
}

/// Peak resident memory of this process so far (Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("documents");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    for (label, with_documents) in [("none", false), ("200MiB", true)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bench.kluis");
        let pass = SecretString::from(kluis::demo::DEMO_PASSPHRASE.to_owned());
        let (mut vault, key) = Vault::create_unchecked(&path, &pass, clock()).expect("create");
        let spec = DemoSpec {
            organisations: 12,
            dossiers: 1_000,
            years: 5,
            seed: 1,
        };
        populate(vault.store_mut(), &spec, clock()).expect("demo data");
        let dossiers: Vec<i64> = vault
            .store()
            .dossiers(&Default::default())
            .expect("dossiers")
            .iter()
            .map(|d| d.id)
            .collect();
        if with_documents {
            for (i, dossier) in dossiers.iter().take(DOCUMENTS).enumerate() {
                let bytes = random_bytes(i as u64 + 1, DOCUMENT_BYTES);
                vault
                    .store_mut()
                    .add_document(*dossier, &format!("scan-{i:02}.pdf"), &bytes, clock())
                    .expect("document");
            }
        }
        vault.save(clock()).expect("save");
        let image_len = vault.store_mut().image().expect("image").len() as u64;
        let file_len = std::fs::metadata(&path).expect("meta").len();
        let summary = vault.store().documents_summary().expect("summary");
        eprintln!(
            "{label}: {} documents ({:.1} MiB), database image {:.1} MiB, vault file {:.1} MiB",
            summary.count,
            mib(summary.total_bytes),
            mib(image_len),
            mib(file_len)
        );

        group.bench_function(BenchmarkId::new("save", label), |b| {
            b.iter(|| vault.save(clock()).expect("save"))
        });
        let (n, bytes) = backups(&path);
        eprintln!(
            "{label}: after the saves, {n} backups beside the vault take {:.1} MiB",
            mib(bytes)
        );

        if with_documents {
            let extra = random_bytes(999, DOCUMENT_BYTES);
            let dossier = dossiers[DOCUMENTS];
            // Timed by hand: only the step named, the rest puts the vault back as it was.
            group.bench_function(BenchmarkId::new("add_one_and_save", label), |b| {
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        let t = Instant::now();
                        let doc = vault
                            .store_mut()
                            .add_document(dossier, "extra.pdf", &extra, clock())
                            .expect("add");
                        vault.save(clock()).expect("save");
                        spent += t.elapsed();
                        vault
                            .store_mut()
                            .remove_document(doc.id, clock())
                            .expect("remove");
                    }
                    spent
                })
            });
            group.bench_function(BenchmarkId::new("remove_one", label), |b| {
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        let doc = vault
                            .store_mut()
                            .add_document(dossier, "extra.pdf", &extra, clock())
                            .expect("add");
                        let t = Instant::now();
                        vault
                            .store_mut()
                            .remove_document(doc.id, clock())
                            .expect("remove");
                        spent += t.elapsed();
                    }
                    spent
                })
            });
            vault.save(clock()).expect("save");
        }
        drop(vault);

        let unlock = Unlock::RecoveryKey(SecretString::from(key.expose().to_owned()));
        group.bench_function(BenchmarkId::new("open", label), |b| {
            b.iter(|| {
                let v = Vault::open(&path, &unlock, clock()).expect("open");
                black_box(v.store().dossier_count().expect("count"));
            })
        });
        if let Some(peak) = peak_rss_mib() {
            eprintln!("{label}: peak resident memory of the benchmark so far {peak:.0} MiB");
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
