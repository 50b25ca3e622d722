//! Every kind of damaged vault file gets its own clear error, never a panic, and the file is
//! left byte-identical.

use super::util::*;
use kluis::vault::{Unlock, Vault, VaultError, format};
use std::path::Path;
use std::sync::OnceLock;

/// A vault big enough for several age chunks (64 KiB each), made once; returns its bytes
/// and recovery key.
fn pristine() -> &'static (Vec<u8>, String) {
    static FILE: OnceLock<(Vec<u8>, String)> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = vault_path(dir.path());
        let (mut v, key) = Vault::create(&path, &pass(), clock()).expect("create");
        let org = add_org(&mut v, "Transport Horizon", 300);
        for i in 0..40 {
            add_dossier(
                &mut v,
                org,
                &format!("Verzonnen notitie {i}: {}", "lang verhaal ".repeat(200)),
            );
        }
        v.save(clock()).expect("save");
        drop(v);
        (std::fs::read(&path).expect("read"), key.expose().to_owned())
    })
}

fn payload_offset(bytes: &[u8]) -> usize {
    format::parse_header(bytes)
        .expect("pristine header parses")
        .payload_offset
}

/// Writes `bytes` as a vault, opens it with `unlock`, and checks the file did not change.
fn open_damaged(bytes: &[u8], unlock: &Unlock) -> VaultError {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    std::fs::write(&path, bytes).expect("write damaged file");
    let result = Vault::open(&path, unlock, clock());
    assert_eq!(
        std::fs::read(&path).expect("read back"),
        bytes,
        "a failed open must leave the file byte-identical"
    );
    assert_no_backup(&path);
    result.expect_err("a damaged vault must not open")
}

fn assert_no_backup(path: &Path) {
    assert!(
        kluis::vault::backup::list(path).is_empty(),
        "a failed open writes no backup"
    );
}

fn key() -> Unlock {
    Unlock::RecoveryKey(secrecy::SecretString::from(pristine().1.clone()))
}

#[test]
fn pristine_file_opens_with_both_keys() {
    let (bytes, _) = pristine();
    assert!(
        bytes.len() > 3 * 65536,
        "the fixture spans several age chunks"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    std::fs::write(&path, bytes).expect("write");
    drop(Vault::open(&path, &key(), clock()).expect("recovery key opens the fixture"));
    drop(Vault::open(&path, &unlock_pass(), clock()).expect("passphrase opens the fixture"));
}

#[test]
fn half_a_file_is_truncated() {
    let (bytes, _) = pristine();
    let err = open_damaged(&bytes[..bytes.len() / 2], &unlock_pass());
    assert!(
        matches!(err, VaultError::Truncated),
        "half a file: got {err:?}"
    );
}

#[test]
fn missing_last_chunk_is_truncated() {
    let (bytes, _) = pristine();
    // The age header ends with the line "--- <mac>\n", followed by a 16-byte nonce; then
    // come 64 KiB chunks of ciphertext, each with a 16-byte tag.
    let payload = &bytes[payload_offset(bytes)..];
    let mac_line = payload
        .windows(5)
        .position(|w| w == b"\n--- ")
        .expect("age header has a MAC line");
    let header_end = mac_line
        + 1
        + payload[mac_line + 1..]
            .iter()
            .position(|&c| c == b'\n')
            .expect("eol")
        + 1;
    let chunks_len = payload.len() - header_end - 16;
    let full = 65536 + 16;
    let last = match chunks_len % full {
        0 => full,
        r => r,
    };
    assert!(chunks_len > last, "the fixture has more than one chunk");
    let err = open_damaged(&bytes[..bytes.len() - last], &key());
    assert!(
        matches!(err, VaultError::Truncated),
        "last chunk cut: got {err:?}"
    );
}

#[test]
fn one_byte_cut_is_truncated() {
    let (bytes, _) = pristine();
    let err = open_damaged(&bytes[..bytes.len() - 1], &key());
    assert!(
        matches!(err, VaultError::Truncated),
        "one byte cut: got {err:?}"
    );
}

#[test]
fn flipped_payload_byte_is_tampered() {
    let (bytes, _) = pristine();
    // Bytes of the encrypted chunks, never of age's header: that header has a random-length
    // "grease" stanza, so a fixed small offset past its start sometimes fell inside it (a
    // header error, not tampering) and the test failed now and then.
    for pos in [
        bytes.len() - 5,
        payload_offset(bytes) + 4096,
        bytes.len() / 2,
    ] {
        let mut b = bytes.clone();
        b[pos] ^= 0x01;
        let err = open_damaged(&b, &key());
        assert!(
            matches!(err, VaultError::Tampered),
            "flip at {pos}: got {err:?}"
        );
    }
}

#[test]
fn flipped_keyslot_byte_never_opens() {
    let (bytes, _) = pristine();
    let header = format::parse_header(bytes).expect("pristine header parses");
    let slot = &header.keyslots[0];
    assert_eq!(
        slot.kind,
        format::KEYSLOT_PASSPHRASE,
        "the passphrase keyslot is first"
    );
    let mut b = bytes.clone();
    // inside the passphrase keyslot's age payload (its last bytes)
    let pos = format::FIXED_HEADER + 6 + slot.data.len() - 3;
    b[pos] ^= 0x40;
    let err = open_damaged(&b, &unlock_pass());
    assert!(
        matches!(err, VaultError::KeyslotDamaged),
        "a damaged keyslot is reported as damaged, not as a wrong passphrase: got {err:?}"
    );
}

#[test]
fn a_damaged_keyslot_checksum_alone_does_not_stop_the_right_passphrase() {
    let (bytes, _) = pristine();
    let mut b = bytes.clone();
    let pos = payload_offset(bytes) - 3; // the checksum keyslot comes last
    b[pos] ^= 0x40;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    std::fs::write(&path, &b).expect("write");
    let v = Vault::open(&path, &unlock_pass(), clock());
    assert!(
        v.is_ok(),
        "the keyslot itself is intact, so the passphrase opens the vault: {v:?}"
    );
}

#[test]
fn appended_bytes_are_trailing() {
    let (bytes, _) = pristine();
    let mut b = bytes.clone();
    b.extend_from_slice(b"extra");
    let err = open_damaged(&b, &key());
    assert!(
        matches!(err, VaultError::TrailingBytes),
        "appended bytes: got {err:?}"
    );
}

#[test]
fn wrong_magic_is_not_a_vault() {
    let (bytes, _) = pristine();
    let mut b = bytes.clone();
    b[..8].copy_from_slice(b"SQLite f");
    assert!(
        matches!(open_damaged(&b, &key()), VaultError::NotAVault),
        "wrong magic"
    );
    assert!(
        matches!(open_damaged(b"", &key()), VaultError::NotAVault),
        "empty file"
    );
    assert!(
        matches!(
            open_damaged(b"hello, world, this is text", &key()),
            VaultError::NotAVault
        ),
        "a text file"
    );
}

#[test]
fn future_version_is_unsupported() {
    let (bytes, _) = pristine();
    let mut b = bytes.clone();
    b[8..10].copy_from_slice(&2u16.to_le_bytes());
    let err = open_damaged(&b, &key());
    assert!(
        matches!(
            err,
            VaultError::UnsupportedVersion {
                found: 2,
                supported: 1
            }
        ),
        "future version: got {err:?}"
    );
    assert!(
        err.message(kluis::Lang::Nl).contains("nieuwere versie"),
        "the Dutch message says to update"
    );
}

#[test]
fn header_cut_short_is_truncated() {
    let (bytes, _) = pristine();
    for len in [4, 12, 40] {
        let err = open_damaged(&bytes[..len], &key());
        assert!(
            matches!(err, VaultError::Truncated),
            "cut at {len}: got {err:?}"
        );
    }
}

#[test]
fn every_error_has_a_shared_code_a_distinct_message_and_both_languages() {
    use kluis::error::{Coded, ErrorCode};
    let errors = [
        (VaultError::WrongPassphrase, ErrorCode::WrongPassphrase),
        (VaultError::Truncated, ErrorCode::Damaged),
        (VaultError::Tampered, ErrorCode::Damaged),
        (VaultError::TrailingBytes, ErrorCode::Damaged),
        (VaultError::NotAVault, ErrorCode::NotAVault),
        (
            VaultError::UnsupportedVersion {
                found: 2,
                supported: 1,
            },
            ErrorCode::UnsupportedVersion,
        ),
        (VaultError::Locked, ErrorCode::LockedElsewhere),
    ];
    for (e, code) in &errors {
        assert_eq!(
            e.error_code(),
            *code,
            "{e:?} reaches the CLI and the app with the code from the one list"
        );
    }
    let messages: std::collections::BTreeSet<_> = errors
        .iter()
        .map(|(e, _)| e.message(kluis::Lang::En))
        .collect();
    assert_eq!(
        messages.len(),
        errors.len(),
        "each failure still says what happened in its own words (truncated is not tampered)"
    );
    for (e, _) in &errors {
        assert_ne!(
            e.message(kluis::Lang::Nl),
            e.message(kluis::Lang::En),
            "{e:?} has a Dutch and an English message"
        );
    }
}

#[test]
fn a_file_cut_at_a_tenth_is_reported_as_cut_short() {
    let (bytes, _) = pristine();
    for tenth in 1..10 {
        let cut = bytes.len() * tenth / 10;
        let err = open_damaged(&bytes[..cut], &key());
        assert!(
            matches!(err, VaultError::Truncated),
            "cut at {tenth}/10: a file cut short must say so, not that it is altered: got {err:?}"
        );
    }
}

/// The position of a character in the middle of the scrypt stanza's body line of the
/// passphrase keyslot (base64 of the wrapped file key).
fn keyslot_stanza_body(bytes: &[u8]) -> usize {
    let header = format::parse_header(bytes).expect("pristine header parses");
    let offset = format::FIXED_HEADER + 6; // the passphrase keyslot comes first
    let slot = &header.keyslots[0];
    assert_eq!(slot.kind, format::KEYSLOT_PASSPHRASE, "the first keyslot");
    let stanza = slot
        .data
        .windows(9)
        .position(|w| w == b"-> scrypt")
        .expect("a scrypt stanza");
    let body = stanza
        + slot.data[stanza..]
            .iter()
            .position(|&c| c == b'\n')
            .expect("stanza line ends")
        + 1;
    offset + body + 10
}

#[test]
fn a_damaged_passphrase_keyslot_is_not_reported_as_a_wrong_passphrase() {
    use kluis::error::{Coded, ErrorCode};
    let (bytes, _) = pristine();
    let pos = keyslot_stanza_body(bytes);
    let mut b = bytes.clone();
    // Another base64 letter: the stanza still parses, but the wrapped key is wrong.
    b[pos] = if b[pos] == b'A' { b'B' } else { b'A' };
    let err = open_damaged(&b, &unlock_pass());
    assert!(
        matches!(err, VaultError::KeyslotDamaged) && err.error_code() == ErrorCode::KeyslotDamaged,
        "the right passphrase on a damaged keyslot must not be told it is wrong: got {err:?}"
    );
    assert!(
        err.message(kluis::Lang::En).contains("recovery key"),
        "the message says the recovery key still opens the vault"
    );
    // The recovery key does not need the keyslot.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    std::fs::write(&path, &b).expect("write");
    drop(Vault::open(&path, &key(), clock()).expect("the recovery key opens it"));
}

#[test]
fn a_file_larger_than_any_vault_is_refused_before_it_is_read() {
    use kluis::error::{Coded, ErrorCode};
    let (bytes, _) = pristine();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    std::fs::write(&path, &bytes[..64]).expect("write");
    // Sparse: takes no disk, but reading it would take over 1 GiB of memory.
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_len(format::MAX_FILE_BYTES + 1))
        .expect("grow the file");
    let started = std::time::Instant::now();
    let err = Vault::open(&path, &key(), clock()).expect_err("too large");
    assert!(
        matches!(err, VaultError::TooLarge { .. }) && err.error_code() == ErrorCode::FileTooLarge,
        "a file over the cap is refused as too large: got {err:?}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "refused without reading it: took {:?}",
        started.elapsed()
    );
    std::fs::write(&path, b"SQLite format 3\0").expect("write");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_len(format::MAX_FILE_BYTES + 1))
        .expect("grow the file");
    assert!(
        matches!(
            Vault::open(&path, &key(), clock()),
            Err(VaultError::NotAVault)
        ),
        "a large file without the magic is not a vault, found from its first bytes"
    );
}

/// A vault file with the pristine header and a payload that is `image`, encrypted to the
/// pristine vault's recovery key (as anyone holding that key, or the standard tools, could).
fn vault_with_image(image: &[u8]) -> Vec<u8> {
    let (bytes, recovery) = pristine();
    let identity: age::x25519::Identity = recovery.parse().expect("the recovery key parses");
    let recipient = identity.to_public();
    let mut out = bytes[..payload_offset(bytes)].to_vec();
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .expect("one recipient");
    let mut w = encryptor.wrap_output(&mut out).expect("age writer");
    std::io::Write::write_all(&mut w, image).expect("encrypt");
    w.finish().expect("finish");
    out
}

/// A SQLite database image made by `sql`, serialised.
fn image_of(sql: &str) -> Vec<u8> {
    let mut conn = rusqlite::Connection::open_in_memory().expect("memory database");
    conn.execute_batch(sql).expect("build the image");
    conn.serialize(rusqlite::MAIN_DB)
        .expect("serialise")
        .to_vec()
}

#[test]
fn an_unrelated_database_inside_a_vault_is_named_as_such() {
    use kluis::error::{Coded, ErrorCode};
    let image = image_of("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soep');");
    let err = open_damaged(&vault_with_image(&image), &key());
    assert_eq!(
        err.error_code(),
        ErrorCode::ForeignDatabase,
        "an unrelated database says so, not `Database error (code 1)`: got {err:?}"
    );
}

#[test]
fn a_wal_mode_database_inside_a_vault_is_named_as_such() {
    use kluis::error::{Coded, ErrorCode};
    let mut image = image_of("CREATE TABLE t (x);");
    // What sqlite3 leaves after `PRAGMA journal_mode=WAL`: file format versions 2.
    image[18] = 2;
    image[19] = 2;
    let err = open_damaged(&vault_with_image(&image), &key());
    assert_eq!(
        err.error_code(),
        ErrorCode::WalDatabase,
        "a WAL image says so, not `Database error (code 14)`: got {err:?}"
    );
    assert!(
        err.message(kluis::Lang::En).contains("journal_mode=DELETE"),
        "the message says how to convert it"
    );
}
