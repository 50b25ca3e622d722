//! The vault: round trip, keys, locking, temp files, backups, crash safety.

use super::children;
use super::util::*;
use kluis::model::*;
use kluis::vault::{BackupPolicy, Unlock, Vault, VaultError, backup};
use secrecy::SecretString;
use std::time::Duration;

#[test]
fn round_trip_keeps_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, _key) = Vault::create(&path, &pass(), clock()).expect("create");
    let org = add_org(&mut v, "Zorggroep De Linde", 180);
    let written = add_dossier(&mut v, org, "Verzonnen: melder ervaart pesterijen.");
    v.save(clock()).expect("save");
    drop(v);

    let v = Vault::open(&path, &unlock_pass(), clock()).expect("reopen with passphrase");
    let read = v.store().dossier(written.id).expect("dossier is there");
    assert_eq!(
        read, written,
        "every field survives encryption and reopening"
    );
    assert_eq!(read.conversations.len(), 2, "both conversations survive");
    assert_eq!(read.number, "2026-0001", "numbers start at 0001 per year");
}

#[test]
fn vault_file_is_private_and_holds_no_plaintext() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    small_vault(&path);
    let bytes = std::fs::read(&path).expect("read");
    for needle in [
        "Korenschoof",
        "Verzonnen notitie",
        "SQLite format",
        "pesten",
    ] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle:?} must not appear in the encrypted file"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the vault is readable by its owner only");
    }
}

#[test]
fn wrong_passphrase_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    small_vault(&path);
    let before = std::fs::read(&path).expect("read");
    let wrong = Unlock::Passphrase(SecretString::from(
        "groene trein boven de wolken".to_owned(),
    ));
    let err = Vault::open(&path, &wrong, clock()).expect_err("a wrong passphrase must fail");
    assert!(matches!(err, VaultError::WrongPassphrase), "got {err:?}");
    assert!(
        err.message(kluis::Lang::Nl)
            .contains("wachtwoordzin klopt niet"),
        "the Dutch message says the passphrase is wrong"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file is untouched"
    );
    assert!(
        !kluis::vault::lock::lock_path(&path).exists(),
        "a failed open leaves no lock file"
    );
}

#[test]
fn recovery_key_unlocks_and_other_keys_do_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let v = Vault::open(&path, &unlock_key(&key), clock()).expect("recovery key opens");
    assert!(
        v.unlocked_with_recovery_key(),
        "the vault knows how it was unlocked"
    );
    assert_eq!(
        v.store().dossier_count().expect("count"),
        1,
        "data is there"
    );
    drop(v);

    let other = age::x25519::Identity::generate();
    use secrecy::ExposeSecret;
    let wrong = Unlock::RecoveryKey(SecretString::from(
        other.to_string().expose_secret().to_owned(),
    ));
    assert!(
        matches!(
            Vault::open(&path, &wrong, clock()),
            Err(VaultError::WrongRecoveryKey)
        ),
        "another vault's recovery key must not open this one"
    );
    let junk = Unlock::RecoveryKey(SecretString::from("AGE-SECRET-KEY-1NOTAKEY".to_owned()));
    assert!(
        matches!(
            Vault::open(&path, &junk, clock()),
            Err(VaultError::MalformedRecoveryKey)
        ),
        "a malformed key is reported as malformed"
    );
}

#[test]
fn passphrase_change_rewrites_the_keyslot_and_keeps_the_recovery_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let new = SecretString::from("zeven blauwe olifanten dansen traag".to_owned());
    let mut v = Vault::open(&path, &unlock_pass(), clock()).expect("open");
    assert!(
        matches!(
            v.change_passphrase(&SecretString::from("welkom123".to_owned()), clock()),
            Err(VaultError::WeakPassphrase { .. })
        ),
        "a weak new passphrase is refused"
    );
    v.change_passphrase(&new, clock()).expect("change");
    drop(v);
    assert!(
        matches!(
            Vault::open(&path, &unlock_pass(), clock()),
            Err(VaultError::WrongPassphrase)
        ),
        "the old passphrase no longer opens the vault"
    );
    drop(Vault::open(&path, &Unlock::Passphrase(new.clone()), clock()).expect("new opens"));
    drop(Vault::open(&path, &unlock_key(&key), clock()).expect("recovery key still opens"));

    // After a recovery-key unlock the vault gets a new key under a new passphrase.
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open with key");
    let newer = SecretString::from("oranje vuurtoren fluistert naar zee".to_owned());
    v.change_passphrase(&newer, clock())
        .expect("re-key after recovery");
    drop(v);
    drop(Vault::open(&path, &Unlock::Passphrase(newer), clock()).expect("newest opens"));
    drop(Vault::open(&path, &unlock_key(&key), clock()).expect("recovery key still opens"));
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    std::fs::write(&path, b"something precious").expect("write");
    assert!(
        matches!(
            Vault::create(&path, &pass(), clock()),
            Err(VaultError::AlreadyExists)
        ),
        "create never overwrites"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"something precious",
        "file intact"
    );
}

#[test]
fn weak_passphrase_is_refused_at_creation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let err = Vault::create(&path, &SecretString::from("kluis2026".to_owned()), clock())
        .expect_err("weak passphrase");
    assert!(
        matches!(err, VaultError::WeakPassphrase { .. }),
        "got {err:?}"
    );
    assert!(
        !path.exists(),
        "no file is created for a refused passphrase"
    );
}

#[test]
fn lock_is_exclusive_across_processes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let mut child = children::spawn("suite::children::lock_holder", &path, key.expose());
    children::wait_for(&mut child, "LOCKED");
    let err = Vault::open(&path, &unlock_key(&key), clock()).expect_err("vault is held");
    assert!(
        matches!(err, VaultError::Locked),
        "second process gets Locked, got {err:?}"
    );
    assert!(
        err.message(kluis::Lang::Nl).contains("al geopend"),
        "the Dutch message says it is open elsewhere"
    );
    drop(child.stdin.take()); // let the child finish
    child.wait().expect("child exits");
    drop(Vault::open(&path, &unlock_key(&key), clock()).expect("free again after the child"));
}

#[test]
fn stale_temp_files_are_removed_at_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let stale = dir.path().join(".advies.kluis.tmp-424242");
    std::fs::write(&stale, b"half a save").expect("write stale");
    let unrelated = dir.path().join(".other.kluis.tmp-1");
    std::fs::write(&unrelated, b"not ours").expect("write");
    drop(Vault::open(&path, &unlock_key(&key), clock()).expect("open"));
    assert!(!stale.exists(), "a crashed save's temp file is removed");
    assert!(
        unrelated.exists(),
        "another vault's temp file is left alone"
    );
}

#[test]
fn backups_keep_recent_saves_and_one_per_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    let mut s = v.store().settings().expect("settings");
    s.backups_recent = 3;
    s.backups_days = 5;
    v.store().set_settings(&s).expect("settings");
    // 4 saves a day for 10 days, ending on the test clock's day
    let end = clock().today;
    for back in (0..10).rev() {
        let day = end - chrono::Duration::days(back);
        for hour in [9, 11, 14, 16] {
            let c = kluis::Clock {
                now: day.and_hms_opt(hour, 0, 0).expect("time").and_utc(),
                today: day,
            };
            v.save(c).expect("save");
        }
    }
    let list = backup::list(&path);
    let days: std::collections::BTreeSet<_> =
        list.iter().map(|b| b.taken_at.date_naive()).collect();
    assert_eq!(
        days.len(),
        5,
        "one backup for each of the last 5 days: {list:?}"
    );
    // 3 recent (all today) + the last of 4 earlier days; today's last is among the recent
    assert_eq!(list.len(), 3 + 4, "3 recent plus one for each earlier day");
    assert!(
        list.iter()
            .all(|b| (end - b.taken_at.date_naive()).num_days() < 5),
        "nothing older than the day window survives"
    );
    let newest = &list[0];
    let reopened = Vault::verify(&newest.path, &unlock_key(&key), clock());
    // the backup is a complete vault (its own lock file name differs from the live vault's)
    assert!(reopened.is_ok(), "a backup opens as a vault: {reopened:?}");
    let _ = BackupPolicy::default();
}

#[test]
fn backup_to_writes_an_identical_encrypted_copy_and_logs_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    let dest = dir.path().join("usb-stick.kluis");
    let hash = v.backup_to(&dest, clock()).expect("backup");
    assert_eq!(hash.len(), 64, "a SHA-256 in hex");
    let log = v.store().export_log().expect("log");
    assert_eq!(log.len(), 1, "the backup is in the export log");
    assert_eq!(log[0].sha256, hash, "with its hash");
    assert!(
        matches!(v.backup_to(&dest, clock()), Err(VaultError::AlreadyExists)),
        "an existing copy is never overwritten"
    );
    drop(v);
    let report = Vault::verify(&dest, &unlock_key(&key), clock()).expect("the copy verifies");
    assert_eq!(report.dossiers, 1, "the copy holds the data");
}

#[test]
fn kill_during_save_never_damages_the_vault() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let mut seed: u64 = 0x1234_5678;
    let mut last_count = 0;
    // 200 kills in `make test`; `make soak` sets KLUIS_KILL_ROUNDS=2000.
    let rounds: u32 = std::env::var("KLUIS_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    for round in 0..rounds {
        let mut child = children::spawn("suite::children::busy_saver", &path, key.expose());
        children::wait_for(&mut child, "OPEN");
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_millis(5 + (seed >> 33) % 60));
        child.kill().expect("SIGKILL the child mid-work");
        child.wait().expect("reap");
        let v = Vault::open(&path, &unlock_key(&key), clock())
            .unwrap_or_else(|e| panic!("round {round}: vault must open after a kill: {e:?}"));
        v.store()
            .check_integrity()
            .unwrap_or_else(|e| panic!("round {round}: integrity after a kill: {e:?}"));
        let count = v.store().dossier_count().expect("count");
        assert!(
            count >= last_count,
            "round {round}: saved dossiers are never lost"
        );
        last_count = count;
        let temps = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter(|e| {
                e.as_ref()
                    .map(|e| e.file_name().to_string_lossy().contains(".tmp-"))
                    .unwrap_or(false)
            })
            .count();
        assert_eq!(
            temps, 0,
            "round {round}: open removed the killed save's temp file"
        );
    }
    assert!(last_count > 1, "the children really saved between kills");
    println!(
        "{rounds} kills during saves: the vault opened sound after every one \
         ({last_count} dossiers saved)"
    );
}

#[test]
fn newer_schema_is_refused_without_changing_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    v.store()
        .connection()
        .pragma_update(None, "user_version", 99)
        .expect("pretend a future schema");
    v.save(clock()).expect("save");
    drop(v);
    let before = std::fs::read(&path).expect("read");
    let err = Vault::open(&path, &unlock_key(&key), clock()).expect_err("future schema");
    assert_eq!(
        kluis::error::Coded::error_code(&err),
        kluis::error::ErrorCode::UnsupportedVersion,
        "a newer schema is reported as an unsupported version: got {err:?}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "file untouched"
    );
    let _ = ContactType::ALL;
}

#[test]
fn a_v1_vault_is_migrated_to_the_current_schema_after_an_untouched_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    let dossiers_before = v.store().dossier_count().expect("count");
    v.store()
        .connection()
        .execute_batch(
            "DROP TABLE release_facts; DROP TABLE release_guards; DROP TABLE release_hours;
             DROP TABLE report_counted; DROP TABLE release_protected; DROP TABLE released_reports;
             DROP TABLE retention_rules; DROP TABLE destruction_log;
             DROP TABLE access_requests; DROP TABLE deadlines; DROP TABLE breaches;
             DROP TABLE signing_key;
             DROP TABLE conflict_decision_matches; DROP TABLE conflict_decisions;
             DROP TABLE dossier_links; DROP TABLE dossier_support; DROP TABLE parties;
             DROP TABLE documents; DROP TABLE invoice_lines; DROP TABLE invoices;
             DROP TABLE agreements;
             CREATE TABLE destruction_log (
                 id             INTEGER PRIMARY KEY,
                 dossier_number TEXT NOT NULL,
                 destroyed_at   TEXT NOT NULL,
                 reason         TEXT NOT NULL DEFAULT ''
             ) STRICT;
             PRAGMA user_version = 1;",
        )
        .expect("turn the image back into schema v1");
    v.save(clock()).expect("save");
    drop(v);
    let v1_bytes = std::fs::read(&path).expect("read");

    let v = Vault::open(&path, &unlock_key(&key), clock()).expect("open migrates");
    let version: i64 = v
        .store()
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(
        version,
        kluis::store::SCHEMA_VERSION,
        "the vault is at the current schema after opening (v1 -> v2 -> v3 -> v4)"
    );
    assert_eq!(
        v.store().dossier_count().expect("count"),
        dossiers_before,
        "migration keeps every dossier"
    );
    assert!(
        v.store().release_guards(1).expect("new table").is_empty()
            && v.store().released_reports(1).expect("v2 table").is_empty(),
        "the v2 and v3 tables exist"
    );
    assert!(
        v.store()
            .retention_rule()
            .expect("v4 table")
            .organisations
            .is_empty()
            && v.store().destruction_log().expect("v4 columns").is_empty(),
        "the v4 table and columns exist"
    );
    drop(v);
    let backups = path.with_file_name("advies.kluis-backups");
    let pre: Vec<std::path::PathBuf> = std::fs::read_dir(&backups)
        .expect("backup folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.to_string_lossy()
                .contains(&format!("pre-v{}", kluis::store::SCHEMA_VERSION))
        })
        .collect();
    assert_eq!(pre.len(), 1, "one pre-migration backup is kept: {pre:?}");
    assert_eq!(
        std::fs::read(&pre[0]).expect("read backup"),
        v1_bytes,
        "the pre-migration backup is the v1 file, byte for byte"
    );
}

/// Whether `identity` decrypts the age payload of the vault file `bytes`.
fn payload_opens_with(bytes: &[u8], identity: &dyn age::Identity) -> bool {
    let header = kluis::vault::format::parse_header(bytes).expect("the vault's header parses");
    let Ok(decryptor) = age::Decryptor::new(&bytes[header.payload_offset..]) else {
        return false;
    };
    let Ok(mut reader) = decryptor.decrypt(std::iter::once(identity)) else {
        return false;
    };
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut reader, &mut plain).is_ok()
}

/// The vault identity in the passphrase keyslot of the vault file `bytes`.
fn keyslot_identity(bytes: &[u8], passphrase: &SecretString) -> age::x25519::Identity {
    let header = kluis::vault::format::parse_header(bytes).expect("the vault's header parses");
    let slot = header
        .keyslots
        .iter()
        .find(|k| k.kind == kluis::vault::format::KEYSLOT_PASSPHRASE)
        .expect("a passphrase keyslot");
    kluis::vault::keyslot::unwrap(&slot.data, passphrase).expect("the keyslot opens")
}

#[test]
fn a_passphrase_change_makes_a_new_vault_key_so_old_copies_cannot_read_later_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let old_copy = std::fs::read(&path).expect("copy the vault before the change");
    let old_identity = keyslot_identity(&old_copy, &pass());
    assert!(
        payload_opens_with(&old_copy, &old_identity),
        "the fixture is sound: the old keyslot opens the old payload"
    );

    let new = SecretString::from("zeven blauwe olifanten dansen traag".to_owned());
    let mut v = Vault::open(&path, &unlock_pass(), clock()).expect("open");
    v.change_passphrase(&new, clock()).expect("change");
    let org = add_org(&mut v, "Later Toegevoegd BV", 12);
    add_dossier(&mut v, org, "Verzonnen notitie na de wijziging.");
    v.save(clock()).expect("save after the change");
    drop(v);

    let current = std::fs::read(&path).expect("read the current vault");
    assert!(
        !payload_opens_with(&current, &old_identity),
        "the old copy's keyslot with the old passphrase must not decrypt a save made after \
         the passphrase change (the vault key must be new, not re-wrapped)"
    );
    let new_identity = keyslot_identity(&current, &new);
    assert_ne!(
        new_identity.to_public().to_string(),
        old_identity.to_public().to_string(),
        "the new keyslot holds a different vault key"
    );
    assert!(
        payload_opens_with(&current, &new_identity),
        "the new keyslot opens the new payload"
    );
    assert_eq!(
        Vault::open(&path, &unlock_key(&key), clock())
            .expect("the recovery key still opens the vault after a passphrase change")
            .store()
            .dossier_count()
            .expect("count"),
        2,
        "both dossiers are there"
    );
}

#[test]
fn a_new_recovery_key_replaces_the_old_one_for_later_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let old_key = small_vault(&path);
    let mut v = Vault::open(&path, &unlock_pass(), clock()).expect("open");
    let new_key = v.new_recovery_key(clock()).expect("a new recovery key");
    assert_ne!(
        new_key.expose(),
        old_key.expose(),
        "the new recovery key is a new key"
    );
    drop(v);
    assert!(
        matches!(
            Vault::open(&path, &unlock_key(&old_key), clock()),
            Err(VaultError::WrongRecoveryKey)
        ),
        "the replaced recovery key must not open a save made after the replacement"
    );
    let v = Vault::open(&path, &unlock_key(&new_key), clock())
        .expect("the new recovery key opens the vault");
    assert_eq!(
        v.store().dossier_count().expect("count"),
        1,
        "with all its data"
    );
    drop(v);
    drop(
        Vault::open(&path, &unlock_pass(), clock())
            .expect("the passphrase is not affected by a new recovery key"),
    );
}

/// Saves `sql` into the vault's database image (as a forger holding a key could), then
/// returns the error that opening it gives, after checking that verify refuses it too.
fn open_forged(sql: &str) -> VaultError {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    v.store()
        .connection()
        .execute_batch(sql)
        .expect("the forger's SQL runs on the image");
    v.save(clock()).expect("save the forged image");
    drop(v);
    let before = std::fs::read(&path).expect("read");
    let verified = Vault::verify(&path, &unlock_pass(), clock());
    assert!(
        verified.is_err(),
        "verify must not call a forged database sound: {verified:?}"
    );
    let err =
        Vault::open(&path, &unlock_pass(), clock()).expect_err("a forged image must not open");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "refusing a forged image leaves the file as it was"
    );
    err
}

#[test]
fn a_database_image_with_a_planted_trigger_is_refused_as_altered() {
    use kluis::error::{Coded, ErrorCode};
    // The review's backdoor: re-point the recovery recipient on an ordinary `dossier add`.
    let attacker = age::x25519::Identity::generate().to_public().to_string();
    let err = open_forged(&format!(
        "CREATE TRIGGER backdoor AFTER INSERT ON dossiers BEGIN
           UPDATE settings SET value = '{attacker}' WHERE key = 'recovery_recipient';
         END;"
    ));
    assert_eq!(
        err.error_code(),
        ErrorCode::DatabaseAltered,
        "an unknown trigger is reported as an altered database: got {err:?}"
    );
    for sql in [
        "CREATE VIEW spy AS SELECT notes FROM dossiers;",
        "CREATE TABLE extra (x INTEGER);",
        "CREATE INDEX extra_index ON dossiers (notes);",
        "DROP TRIGGER release_facts_append_only_delete;",
    ] {
        let err = open_forged(sql);
        assert_eq!(
            err.error_code(),
            ErrorCode::DatabaseAltered,
            "{sql}: every schema object the migrations do not define is refused: got {err:?}"
        );
    }
}

#[test]
fn stored_keys_that_are_not_the_vaults_own_are_refused() {
    use kluis::error::{Coded, ErrorCode};
    let attacker = age::x25519::Identity::generate().to_public().to_string();
    let err = open_forged(&format!(
        "UPDATE settings SET value = '{attacker}' WHERE key = 'vault_recipient';"
    ));
    assert!(
        matches!(err, VaultError::KeyMismatch) && err.error_code() == ErrorCode::KeyMismatch,
        "a vault recipient that is not the keyslot's key would lock the advisor out (or let \
         someone else in) at the next save: got {err:?}"
    );
}

#[test]
fn a_negative_schema_version_is_refused_by_open_and_verify_without_a_panic() {
    use kluis::error::{Coded, ErrorCode};
    let err = open_forged("PRAGMA user_version = -1;");
    assert_eq!(
        err.error_code(),
        ErrorCode::DatabaseAltered,
        "a schema version Kluis never writes is an altered database: got {err:?}"
    );
}

#[test]
fn a_refused_migration_leaves_no_pre_migration_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    // Claims schema 2 but holds schema 3's tables: migration 3 cannot run on it.
    v.store()
        .connection()
        .pragma_update(None, "user_version", 2)
        .expect("set version");
    v.save(clock()).expect("save");
    drop(v);
    let before = backup::list(&path).len();
    let err = Vault::open(&path, &unlock_key(&key), clock()).expect_err("must be refused");
    assert!(
        matches!(
            err,
            VaultError::Store(kluis::store::StoreError::AlteredSchema)
        ),
        "a schema that is not its version's is altered: got {err:?}"
    );
    let after = backup::list(&path);
    assert_eq!(
        after.len(),
        before,
        "a refused or failed migration keeps no pre-migration backup (pruning never removes \
         those): {after:?}"
    );
    assert!(
        after.iter().all(|b| !b.pre_migration),
        "no pre-migration backup is left"
    );
}

#[cfg(unix)]
#[test]
fn a_vault_opened_through_a_symlink_is_saved_backed_up_and_locked_as_its_real_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real_dir = dir.path().join("echt");
    std::fs::create_dir(&real_dir).expect("real folder");
    let path = vault_path(&real_dir);
    let key = small_vault(&path);
    let link = dir.path().join("snelkoppeling.kluis");
    std::os::unix::fs::symlink(&path, &link).expect("symlink to the vault");

    let mut v = Vault::open(&link, &unlock_key(&key), clock()).expect("open through the link");
    assert_eq!(
        v.path(),
        std::fs::canonicalize(&path).expect("real path"),
        "the vault knows its real path"
    );
    let other = Vault::open(&path, &unlock_key(&key), clock());
    assert!(
        matches!(other, Err(VaultError::Locked)),
        "the same vault by its real path is locked while open through the link: {other:?}"
    );
    let org = add_org(&mut v, "Via De Link BV", 5);
    add_dossier(&mut v, org, "Verzonnen notitie via een snelkoppeling.");
    v.save(clock()).expect("save through the link");
    drop(v);

    assert!(
        std::fs::symlink_metadata(&link)
            .expect("the link is still there")
            .file_type()
            .is_symlink(),
        "a save replaces the real file, never the link"
    );
    assert_eq!(
        Vault::open(&path, &unlock_key(&key), clock())
            .expect("the real file opens")
            .store()
            .dossier_count()
            .expect("count"),
        2,
        "the real file holds the save made through the link"
    );
    assert!(
        !backup::list(&path).is_empty(),
        "backups sit beside the real file"
    );
    assert!(
        !dir.path().join("snelkoppeling.kluis-backups").exists(),
        "no backup folder beside the link"
    );

    let dangling = dir.path().join("nergens.kluis");
    std::os::unix::fs::symlink(dir.path().join("bestaat-niet.kluis"), &dangling)
        .expect("dangling symlink");
    assert!(
        matches!(
            Vault::create(&dangling, &pass(), clock()),
            Err(VaultError::AlreadyExists)
        ),
        "create refuses a name that is taken, even by a dangling link"
    );
    assert!(
        !dir.path().join("bestaat-niet.kluis").exists(),
        "and writes nothing through it"
    );
}

#[cfg(unix)]
#[test]
fn backup_to_never_removes_what_was_at_the_destination() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let dest = dir.path().join("usb-stick.kluis");
    // A dangling link: `exists()` says no, but the name is taken.
    std::os::unix::fs::symlink(dir.path().join("elders.kluis"), &dest).expect("symlink");
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    let result = v.backup_to(&dest, clock());
    assert!(
        matches!(result, Err(VaultError::AlreadyExists)),
        "a taken destination is refused: {result:?}"
    );
    assert!(
        std::fs::symlink_metadata(&dest).is_ok(),
        "what was at the destination before the call is still there"
    );
}
