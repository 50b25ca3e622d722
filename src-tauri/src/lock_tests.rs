//! Locking fails closed (issue 9 item 5), through real IPC on the MockRuntime: when the save
//! fails, idle lock, the lock command and quitting all lock anyway; the change is kept sealed
//! (ciphertext in memory) and saved after unlock, or written as a vault file of its own at
//! quit. The saves fail for real, also as root: the vault's folder is replaced by a file.

use crate::ipc_tests::{App, PASS, app};
use crate::state::Session;
use kluis::vault::{Unlock, Vault};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tauri::Manager;

/// An app with a vault created and unlocked in `<tmp>/stick/advies.kluis`.
fn app_on_stick() -> (App, PathBuf, String) {
    let a = app();
    let stick = a._dir.path().join("stick");
    std::fs::create_dir(&stick).expect("the stick's folder");
    let path = stick.join("advies.kluis").to_string_lossy().into_owned();
    a.ok("vault_create", json!({ "path": path, "passphrase": PASS }));
    (a, stick, path)
}

/// Pulls the stick: the folder goes away and a file takes its name, so every save fails
/// (creating the temporary file needs the folder), whoever runs the test.
fn pull(stick: &Path) {
    std::fs::rename(stick, stick.with_extension("weg")).expect("move the folder away");
    std::fs::write(stick, b"geen map").expect("a file where the folder was");
}

fn put_back(stick: &Path) {
    std::fs::remove_file(stick).expect("remove the file");
    std::fs::rename(stick.with_extension("weg"), stick).expect("the folder is back");
}

fn add_org(a: &App, name: &str) {
    a.ok(
        "organisation_create",
        json!({ "input": { "name": name, "employee_count": 30,
                           "arrangement": "maatwerk", "contact_label": "" } }),
    );
}

fn org_names(a: &App) -> Vec<String> {
    let orgs = a.ok("organisations_list", json!({ "includeArchived": true }));
    orgs.as_array()
        .expect("a list")
        .iter()
        .map(|o| o["name"].as_str().expect("a name").to_owned())
        .collect()
}

fn names_on_disk(path: &Path) -> Vec<String> {
    let vault = Vault::open(
        path,
        &Unlock::Passphrase(secrecy::SecretString::from(PASS.to_owned())),
        kluis::Clock::system(),
    )
    .expect("the file on disk opens");
    let orgs = vault.store().organisations(true).expect("organisations");
    orgs.into_iter().map(|o| o.name).collect()
}

fn unlock(a: &App, path: &str, secret: &str) -> Result<Value, Value> {
    a.call(
        "vault_unlock",
        json!({ "path": path, "secret": secret, "method": "passphrase" }),
    )
}

/// Nothing of the vault is served: every reading command answers `not_unlocked`.
fn assert_no_data(a: &App, when: &str) {
    for (cmd, args) in [
        ("organisations_list", json!({ "includeArchived": true })),
        ("dossiers_list", json!({ "filter": {} })),
        ("overview_get", json!({})),
        ("settings_get", json!({})),
    ] {
        assert_eq!(
            a.err(cmd, args)["code"],
            "not_unlocked",
            "{when}: {cmd} must serve no vault data"
        );
    }
    let about = a.ok("app_about", json!({}));
    assert!(
        about["vault_key"].is_null(),
        "{when}: not even the key fingerprints are shown"
    );
}

#[test]
fn idle_lock_with_a_failing_save_locks_and_the_change_is_saved_after_unlock() {
    let (a, stick, path) = app_on_stick();
    pull(&stick);
    add_org(&a, "Stichting Losgetrokken");
    assert_eq!(
        a.ok("vault_status", json!({}))["save_state"],
        "error",
        "fixture: the save failed"
    );
    let session = a.app.state::<Session>();
    session.backdate_activity(Duration::from_secs(6 * 60));
    assert!(
        session.lock_if_idle(),
        "an idle vault locks even though it cannot be saved (it used to stay open)"
    );
    let status = a.ok("vault_status", json!({}));
    assert_eq!(status["unlocked"], false, "locked");
    assert_eq!(
        status["kept_change"], "kept",
        "the lock screen can say that a change is kept"
    );
    assert_eq!(
        status["path"].as_str().map(|p| p.ends_with("advies.kluis")),
        Some(true),
        "and which vault to unlock for it"
    );
    assert_no_data(&a, "locked with a kept change");

    let wrong = unlock(&a, &path, "dit is niet de goede wachtwoordzin").expect_err("wrong");
    assert_eq!(wrong["code"], "wrong_passphrase", "a wrong passphrase");
    assert_eq!(
        a.ok("vault_status", json!({}))["kept_change"],
        "kept",
        "a wrong passphrase loses nothing"
    );
    let other = a._dir.path().join("ander.kluis");
    let refused = unlock(&a, &other.to_string_lossy(), PASS).expect_err("another vault");
    assert_eq!(
        refused["code"], "change_kept",
        "another vault waits until the kept change is saved"
    );
    let refused = a.err(
        "vault_create",
        json!({ "path": other.to_string_lossy(), "passphrase": PASS }),
    );
    assert_eq!(refused["code"], "change_kept", "so does a new vault");
    assert!(!other.exists(), "and nothing was created");

    put_back(&stick);
    let status = unlock(&a, &path, PASS).expect("the passphrase unlocks");
    assert_eq!(status["unlocked"], true, "unlocked");
    assert_eq!(
        status["kept_change"], "saved",
        "the UI is told the kept change is saved now"
    );
    assert_eq!(status["save_state"], "saved", "saved");
    assert_eq!(
        org_names(&a),
        ["Stichting Losgetrokken"],
        "the change is back after unlock"
    );
    a.ok("vault_lock", json!({}));
    assert_eq!(
        names_on_disk(Path::new(&path)),
        ["Stichting Losgetrokken"],
        "and it is in the saved, re-opened vault"
    );
}

#[test]
fn a_kept_change_whose_save_fails_again_stays_kept_and_says_so() {
    let (a, stick, path) = app_on_stick();
    pull(&stick);
    add_org(&a, "Stichting Tweemaal Mis");
    a.ok("vault_lock", json!({}));
    assert_eq!(
        a.ok("vault_status", json!({}))["unlocked"],
        false,
        "the lock command locks even though the save fails (it used to refuse)"
    );
    assert_no_data(&a, "after the lock command");

    let status = unlock(&a, &path, PASS).expect("unlocks while the stick is still out");
    assert_eq!(
        status["kept_change"], "not_saved",
        "the UI is told the save failed again"
    );
    assert_eq!(status["save_state"], "error", "the save state says so too");
    assert_eq!(
        org_names(&a),
        ["Stichting Tweemaal Mis"],
        "the change is there, in memory"
    );
    let session = a.app.state::<Session>();
    assert_eq!(
        session.retry_save(),
        Some(crate::state::SaveState::Error),
        "retrying while the stick is out still fails"
    );
    a.ok("vault_lock", json!({}));
    assert_eq!(
        a.ok("vault_status", json!({}))["kept_change"],
        "kept",
        "locked again: sealed again"
    );
    put_back(&stick);
    let status = unlock(&a, &path, PASS).expect("unlocks");
    assert_eq!(status["kept_change"], "saved", "saved at last");
    a.ok("vault_lock", json!({}));
    assert_eq!(
        names_on_disk(Path::new(&path)),
        ["Stichting Tweemaal Mis"],
        "the change reached the file"
    );
}

#[test]
fn quitting_with_a_kept_change_writes_it_back_or_to_an_encrypted_copy() {
    // The stick is back by the time the app quits: the kept change goes into the vault.
    let (a, stick, path) = app_on_stick();
    pull(&stick);
    add_org(&a, "Stichting Afsluiten");
    a.ok("vault_lock", json!({}));
    put_back(&stick);
    let recovery = a._dir.path().join("config/herstel");
    let session = a.app.state::<Session>();
    assert_eq!(
        session.close_for_exit(Some(&recovery)),
        None,
        "written back, no copy needed"
    );
    assert_eq!(
        names_on_disk(Path::new(&path)),
        ["Stichting Afsluiten"],
        "the kept change is in the vault"
    );

    // The stick is still out: the change goes to a vault file of its own.
    let (b, stick, _) = app_on_stick();
    pull(&stick);
    add_org(&b, "Stichting Herstelbestand");
    let recovery = b._dir.path().join("config/herstel");
    let session = b.app.state::<Session>();
    let copy = session
        .close_for_exit(Some(&recovery))
        .expect("an unlocked vault that cannot be saved is kept at quit");
    assert!(copy.starts_with(&recovery), "in the recovery folder");
    let bytes = std::fs::read(&copy).expect("the copy");
    assert!(
        !String::from_utf8_lossy(&bytes).contains("Herstelbestand"),
        "the copy is ciphertext"
    );
    assert_eq!(
        names_on_disk(&copy),
        ["Stichting Herstelbestand"],
        "the copy opens with the vault's passphrase and holds the change"
    );
}

/// A clock the test suspends: it counts sleep, as CLOCK_BOOTTIME does.
#[derive(Default)]
struct FakeBoot(std::sync::Mutex<Duration>);

impl crate::idle::IdleClock for FakeBoot {
    fn now(&self) -> Duration {
        *self.0.lock().expect("lock")
    }
}

#[test]
fn an_idle_vault_locks_at_once_after_a_suspend_longer_than_its_limit() {
    let clock = std::sync::Arc::new(FakeBoot::default());
    let session = Session::with_clock(clock.clone());
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = Vault::create_unchecked(
        &dir.path().join("advies.kluis"),
        &secrecy::SecretString::from(PASS.to_owned()),
        kluis::Clock::system(),
    )
    .expect("create");
    session.unlock(vault);
    *clock.0.lock().expect("lock") += Duration::from_secs(4 * 60);
    assert!(!session.lock_if_idle(), "four idle minutes of five: open");
    session.touch();
    // The lid closes for an hour; the timer thread sleeps with the machine and runs again
    // one second after waking.
    *clock.0.lock().expect("lock") += Duration::from_secs(3600 + 1);
    assert!(
        session.lock_if_idle(),
        "the hour asleep counts as idle time: the vault locks on the first tick after waking"
    );
    assert!(!session.status().unlocked, "locked");
}
