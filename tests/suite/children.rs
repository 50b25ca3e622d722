//! Child processes for tests that need a second process: each is an ignored test that the
//! parent test runs by re-executing this test binary. They do nothing unless the parent sets
//! `KLUIS_CHILD_VAULT`.

use super::util::clock;
use kluis::model::*;
use kluis::vault::{Unlock, Vault};
use secrecy::SecretString;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// Starts `test` of this binary as a child with the vault path and recovery key in its env.
pub fn spawn(test: &str, vault: &std::path::Path, key: &str) -> Child {
    Command::new(std::env::current_exe().expect("the test binary knows its path"))
        .args([
            test,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("KLUIS_CHILD_VAULT", vault)
        .env("KLUIS_CHILD_KEY", key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the child process starts")
}

/// Reads the child's stdout until a line equal to `marker` appears.
pub fn wait_for(child: &mut Child, marker: &str) {
    let out = child.stdout.as_mut().expect("stdout is piped");
    let mut lines = std::io::BufReader::new(out).lines();
    for line in lines.by_ref() {
        if line
            .expect("child output is text")
            .trim_end()
            .ends_with(marker)
        {
            return;
        }
    }
    panic!("the child ended without printing {marker}");
}

fn child_env() -> Option<(PathBuf, Unlock)> {
    let path = PathBuf::from(std::env::var_os("KLUIS_CHILD_VAULT")?);
    let key = std::env::var("KLUIS_CHILD_KEY").ok()?;
    Some((path, Unlock::RecoveryKey(SecretString::from(key))))
}

/// Opens the vault and holds it until stdin closes.
#[test]
#[ignore = "child process of vault::lock_is_exclusive_across_processes"]
fn lock_holder() {
    let Some((path, unlock)) = child_env() else {
        return;
    };
    let _vault = Vault::open(&path, &unlock, clock()).expect("child opens the vault");
    println!("LOCKED");
    std::io::stdout().flush().expect("flush");
    let mut sink = String::new();
    let _ = std::io::stdin().read_line(&mut sink);
}

/// Opens the vault and changes and saves it in a loop until killed.
#[test]
#[ignore = "child process of vault::kill_during_save_never_damages_the_vault"]
fn busy_saver() {
    let Some((path, unlock)) = child_env() else {
        return;
    };
    let mut vault = Vault::open(&path, &unlock, clock()).expect("child opens the vault");
    let org = vault.store().organisations(false).expect("orgs")[0].id;
    println!("OPEN");
    std::io::stdout().flush().expect("flush");
    for i in 0.. {
        let mut input =
            DossierInput::new(org, ContactType::Consult, super::util::day("2026-05-01"));
        input.notes = format!("verzonnen notitie {i} ").repeat(50);
        vault
            .store_mut()
            .add_dossier(&input, clock())
            .expect("insert in child");
        vault.save(clock()).expect("save in child");
    }
}

/// Runs the heavy queries of privacy::heavy_queries_write_no_plaintext_files.
#[test]
#[ignore = "child process of privacy::heavy_queries_write_no_plaintext_files"]
fn heavy_queries() {
    let Some((path, unlock)) = child_env() else {
        return;
    };
    let mut vault = Vault::open(&path, &unlock, clock()).expect("child opens the vault");
    let org = vault.store().organisations(false).expect("orgs")[0].id;
    let filler = "Verzonnen lange notitie met veel woorden om het sorteren zwaar te maken. ";
    for i in 0..2500 {
        let mut input =
            DossierInput::new(org, ContactType::Consult, super::util::day("2026-05-01"));
        input.notes = format!("{i:05} {}", filler.repeat(30));
        vault
            .store_mut()
            .add_dossier(&input, clock())
            .expect("insert");
    }
    let conn = vault.store().connection();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT notes FROM dossiers ORDER BY notes DESC, number)",
            [],
            |r| r.get(0),
        )
        .expect("big sort");
    assert!(n >= 2500, "the sort saw every row");
    conn.execute_batch(
        "CREATE TEMP TABLE copy AS SELECT * FROM dossiers;
         CREATE INDEX temp.copy_notes ON copy (notes);
         SELECT count(DISTINCT notes) FROM copy;
         DROP TABLE copy;",
    )
    .expect("temp table work");
    conn.execute_batch("VACUUM").expect("vacuum in memory");
    vault.save(clock()).expect("save");
    println!("DONE");
}
