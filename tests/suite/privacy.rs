//! Plaintext never reaches the disk, and the data stays yours: readable with standard tools.

use super::children;
use super::util::*;
use kluis::demo::{DemoSpec, populate};
use kluis::store::Store;
use kluis::vault::{Vault, format};
use std::io::Read;
use std::process::Command;

#[test]
fn sqlite_keeps_temporary_data_in_memory() {
    let store = Store::create_empty(clock()).expect("store");
    let conn = store.connection();
    let options: Vec<String> = conn
        .prepare("PRAGMA compile_options")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(
        options.iter().any(|o| o == "TEMP_STORE=3"),
        "SQLite must be compiled with TEMP_STORE=3 (temp files always in memory): {options:?}"
    );
    let temp_store: i64 = conn
        .pragma_query_value(None, "temp_store", |r| r.get(0))
        .expect("pragma");
    assert_eq!(temp_store, 2, "PRAGMA temp_store is MEMORY (2)");
    let secure_delete: i64 = conn
        .pragma_query_value(None, "secure_delete", |r| r.get(0))
        .expect("pragma");
    assert_eq!(secure_delete, 1, "deleted content is overwritten");
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .expect("pragma");
    assert_eq!(fk, 1, "foreign keys are enforced");
}

fn strace_available() -> bool {
    Command::new("strace")
        .arg("-V")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Runs big sorts, a temporary table with an index and VACUUM in a child process under
/// strace, and checks that no file was opened for writing outside the vault's folder and
/// that no unnamed temporary file (O_TMPFILE) was created.
#[test]
fn heavy_queries_write_no_plaintext_files() {
    if !strace_available() {
        if std::env::var_os("CI").is_some() {
            panic!("strace is required in CI (make test installs it)");
        }
        eprintln!("strace not installed: skipping the syscall check");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let log = dir.path().join("strace.log");
    let status = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat",
            "-o",
        ])
        .arg(&log)
        .arg(std::env::current_exe().expect("exe"))
        .args([
            "suite::children::heavy_queries",
            "--exact",
            "--ignored",
            "--test-threads=1",
        ])
        .env("KLUIS_CHILD_VAULT", &path)
        .env("KLUIS_CHILD_KEY", key.expose())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("strace runs");
    assert!(status.success(), "the heavy-query child succeeded");
    let trace = std::fs::read_to_string(&log).expect("strace log");
    let vault_dir = dir.path().to_string_lossy().into_owned();
    let mut offending = Vec::new();
    for line in trace.lines() {
        if line.contains("O_TMPFILE") {
            offending.push(line.to_owned());
            continue;
        }
        let writes = line.contains("O_WRONLY")
            || line.contains("O_RDWR")
            || line.contains("O_CREAT")
            || line.contains("creat(");
        if !writes || line.contains("= -1") {
            continue;
        }
        let Some(quoted) = line.split('"').nth(1) else {
            continue;
        };
        if quoted.starts_with(&vault_dir)
            || quoted.starts_with("/dev/")
            || quoted.starts_with("/proc/")
        {
            continue;
        }
        offending.push(line.to_owned());
    }
    assert!(
        trace.contains(".advies.kluis.tmp-"),
        "the trace really covers the child's save (sanity check of the tracing itself)"
    );
    assert!(
        offending.is_empty(),
        "no file may be written outside the vault's folder, and no O_TMPFILE: {offending:#?}"
    );
}

/// The README's recipe: the payload starts at 16 + keyslots_len and is a standard age file;
/// the recovery key decrypts it to a standard SQLite database.
#[test]
fn payload_decrypts_with_plain_age_and_opens_as_ordinary_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let bytes = std::fs::read(&path).expect("read");
    assert_eq!(&bytes[..8], format::MAGIC, "magic first");
    let keyslots_len = u32::from_le_bytes(bytes[12..16].try_into().expect("4 bytes")) as usize;
    let payload = &bytes[16 + keyslots_len..];

    let identity: age::x25519::Identity = key.expose().parse().expect("the key is an age identity");
    let decryptor = age::Decryptor::new(payload).expect("payload is a standard age file");
    let mut plain = Vec::new();
    decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .expect("the recovery key is a recipient")
        .read_to_end(&mut plain)
        .expect("decrypts");
    assert!(
        plain.starts_with(b"SQLite format 3\0"),
        "plaintext is a SQLite database"
    );

    let db = dir.path().join("export.sqlite");
    std::fs::write(&db, &plain).expect("write");
    let conn = rusqlite::Connection::open(&db).expect("ordinary SQLite opens it");
    let notes: String = conn
        .query_row("SELECT notes FROM dossiers", [], |r| r.get(0))
        .expect("dossier readable");
    assert!(
        notes.contains("Verzonnen notitie"),
        "the notes are there for their owner"
    );

    if Command::new("sqlite3").arg("-version").output().is_ok() {
        let out = Command::new("sqlite3")
            .arg(&db)
            .arg("SELECT count(*) FROM organisations;")
            .output()
            .expect("sqlite3 runs");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "1",
            "the sqlite3 tool reads the decrypted database"
        );
    }
}

#[test]
fn demo_notes_never_appear_in_the_vault_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, _key) = Vault::create(&path, &pass(), clock()).expect("create");
    let spec = DemoSpec {
        organisations: 4,
        dossiers: 250,
        years: 3,
        seed: 7,
    };
    let summary = populate(v.store_mut(), &spec, clock()).expect("demo data");
    assert_eq!(summary.dossiers, 250, "every dossier was generated");
    v.save(clock()).expect("save");
    let notes: Vec<String> = v
        .store()
        .connection()
        .prepare("SELECT notes FROM dossiers")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let names: Vec<String> = v
        .store()
        .organisations(true)
        .expect("orgs")
        .into_iter()
        .map(|o| o.name)
        .collect();
    let bytes = std::fs::read(&path).expect("read");
    for text in notes
        .iter()
        .map(|n| &n[..40])
        .chain(names.iter().map(String::as_str))
    {
        assert!(
            !bytes.windows(text.len()).any(|w| w == text.as_bytes()),
            "plaintext {text:?} found in the vault file"
        );
    }
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let spec = DemoSpec {
        organisations: 3,
        dossiers: 40,
        years: 2,
        seed: 11,
    };
    let dump = |seed: u64| {
        let mut s = Store::create_empty(clock()).expect("store");
        populate(&mut s, &DemoSpec { seed, ..spec }, clock()).expect("demo");
        s.dossiers(&Default::default())
            .expect("list")
            .into_iter()
            .map(|d| {
                format!(
                    "{} {} {:?} {:?}",
                    d.number, d.organisation_name, d.contact_type, d.categories
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(dump(11), dump(11), "the same seed gives the same vault");
    assert_ne!(dump(11), dump(12), "another seed gives another vault");
    let _ = children::spawn; // the children module is shared with other tests
}
