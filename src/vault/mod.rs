//! The encrypted container. A vault is one file: a small header with keyslots, then a standard
//! age file whose plaintext is a SQLite database image (see [`format`]). Opening decrypts
//! straight into SQLite's memory; saving serialises, encrypts to a private temporary file,
//! syncs it, keeps the previous file as a backup, renames over the vault and syncs the
//! directory. A vault is open in at most one process at a time ([`lock`]).
//!
//! Keys: the passphrase unwraps (scrypt, log N = 18) a random X25519 *vault identity*; the
//! payload is encrypted to that identity and to the *recovery key*, a second X25519 identity
//! shown once at creation, of which only the public half is kept. Both public recipients are
//! stored inside the database, so saving never needs the passphrase or scrypt.

pub mod backup;
mod error;
pub mod format;
pub mod keyslot;
pub mod lock;

pub use backup::BackupPolicy;
pub use error::{IoOp, VaultError};

use crate::Clock;
use crate::store::{Store, StoreError};
use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use format::{KEYSLOT_PASSPHRASE, Keyslot};
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use zeroize::Zeroizing;

/// How to unlock a vault.
pub enum Unlock {
    /// The advisor's passphrase.
    Passphrase(SecretString),
    /// The recovery key (`AGE-SECRET-KEY-1...`).
    RecoveryKey(SecretString),
}

/// The recovery key, shown once at creation. Its `Debug` never shows the key.
pub struct RecoveryKey(SecretString);

impl RecoveryKey {
    /// The key as text, to show, print or store offline.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

/// What [`Vault::verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VerifyReport {
    /// File format version.
    pub format_version: u16,
    /// Database schema version.
    pub schema_version: i64,
    /// Number of organisations.
    pub organisations: u64,
    /// Number of dossiers.
    pub dossiers: u64,
    /// Size of the vault file in bytes.
    pub file_bytes: u64,
    /// Size of the database image in bytes.
    pub database_bytes: u64,
    /// Number of backups beside the vault.
    pub backups: usize,
}

/// Whether opening may change the file (migrations) or must leave it untouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    ReadWrite,
    ReadOnly,
}

const SETTING_VAULT_RECIPIENT: &str = "vault_recipient";
const SETTING_RECOVERY_RECIPIENT: &str = "recovery_recipient";

/// An unlocked vault. Dropping it locks: the database, the keys and the lock are released.
pub struct Vault {
    path: PathBuf,
    store: Store,
    keyslots: Vec<Keyslot>,
    /// Present when unlocked with the passphrase (needed to change it without re-keying).
    identity: Option<x25519::Identity>,
    recipients: Vec<x25519::Recipient>,
    _lock: lock::VaultLock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault { .. }")
    }
}

/// Sets owner-only permissions (best effort; the files are ciphertext anyway).
pub(crate) fn set_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn temp_prefix(vault: &Path) -> String {
    format!(
        ".{}.tmp-",
        vault.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// Removes temporary files left by a save that crashed. Only call while holding the lock.
fn remove_stale_temps(vault: &Path) -> Result<usize, VaultError> {
    let dir = parent_dir(vault);
    let prefix = temp_prefix(vault);
    let mut removed = 0;
    let entries = std::fs::read_dir(&dir).map_err(VaultError::io(IoOp::Cleanup))?;
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            std::fs::remove_file(entry.path()).map_err(VaultError::io(IoOp::Cleanup))?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn sync_dir(dir: &Path) -> Result<(), VaultError> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(VaultError::io(IoOp::Sync))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A reader that counts bytes and remembers the first I/O error's kind, so a failure inside
/// SQLite's deserialize can be mapped back to truncation or tampering.
struct Tracked<R> {
    inner: R,
    error: Option<std::io::ErrorKind>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => Ok(n),
            Err(e) => {
                self.error.get_or_insert(e.kind());
                Err(e)
            }
        }
    }
}

/// Counts what age's unbuffered header parser consumes.
struct HeaderCounter<'a> {
    inner: &'a [u8],
    consumed: &'a std::cell::Cell<usize>,
}

impl Read for HeaderCounter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.set(self.consumed.get() + n);
        Ok(n)
    }
}

fn stream_error(kind: std::io::ErrorKind) -> VaultError {
    if kind == std::io::ErrorKind::UnexpectedEof {
        VaultError::Truncated
    } else {
        VaultError::Tampered
    }
}

/// Size of an age STREAM payload (after the header and nonce) for `n` plaintext bytes.
fn age_body_len(n: usize) -> usize {
    const CHUNK: usize = 64 * 1024;
    const TAG: usize = 16;
    let chunks = n.div_ceil(CHUNK).max(1);
    n + chunks * TAG
}

/// Decrypts the payload (a whole age file in memory) straight into a new in-memory store.
fn decrypt_payload(
    payload: &[u8],
    identity: &dyn age::Identity,
    wrong_key: VaultError,
) -> Result<Store, VaultError> {
    let consumed = std::cell::Cell::new(0usize);
    let counted = HeaderCounter {
        inner: payload,
        consumed: &consumed,
    };
    let decryptor = age::Decryptor::new(counted).map_err(keyslot::header_error)?;
    let header_len = consumed.get(); // the unbuffered parser reads exactly header + nonce
    let reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys
            | age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed => wrong_key,
            other => keyslot::header_error(other),
        })?;
    let mut reader = Tracked {
        inner: reader,
        error: None,
    };
    // The SQLite header tells the image size: page size x page count.
    let mut head = Zeroizing::new([0u8; 100]);
    reader
        .read_exact(&mut head[..])
        .map_err(|e| stream_error(e.kind()))?;
    if &head[..16] != b"SQLite format 3\0" {
        return Err(VaultError::Tampered);
    }
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65536usize,
        n if n >= 512 && n.is_power_of_two() => n as usize,
        _ => return Err(VaultError::Tampered),
    };
    let pages = u32::from_be_bytes([head[28], head[29], head[30], head[31]]) as usize;
    let size = page_size
        .checked_mul(pages)
        .filter(|&s| s >= 100)
        .ok_or(VaultError::Tampered)?;
    let body = payload.len().saturating_sub(header_len);
    let expected = age_body_len(size);
    if body < expected {
        return Err(VaultError::Truncated);
    }
    if body > expected {
        return Err(VaultError::TrailingBytes);
    }
    let chained = (&head[..]).chain(&mut reader);
    let store = Store::from_image(chained, size).map_err(|e| match (e, reader.error) {
        (_, Some(kind)) => stream_error(kind),
        (e, None) => VaultError::Store(e),
    })?;
    // Reading past the end authenticates the final chunk and proves nothing follows.
    let mut probe = [0u8; 1];
    match reader.read(&mut probe) {
        Ok(0) => {}
        Ok(_) => return Err(VaultError::TrailingBytes),
        Err(e) => return Err(stream_error(e.kind())),
    }
    Ok(store)
}

fn read_vault_file(path: &Path) -> Result<Vec<u8>, VaultError> {
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => VaultError::NotFound,
        kind => VaultError::Io {
            op: IoOp::ReadVault,
            kind,
        },
    })
}

impl Vault {
    /// Creates a new vault at `path` (which must not exist) with the given passphrase.
    /// Returns the open vault and the recovery key, to be shown to the advisor once.
    pub fn create(
        path: &Path,
        passphrase: &SecretString,
        clock: Clock,
    ) -> Result<(Vault, RecoveryKey), VaultError> {
        keyslot::check_strength(passphrase)?;
        Self::create_unchecked(path, passphrase, clock)
    }

    /// Creates a vault without judging the passphrase's strength (for the synthetic demo
    /// vault and tests, whose passphrases are public anyway).
    pub fn create_unchecked(
        path: &Path,
        passphrase: &SecretString,
        clock: Clock,
    ) -> Result<(Vault, RecoveryKey), VaultError> {
        if path.exists() {
            return Err(VaultError::AlreadyExists);
        }
        let lock = lock::VaultLock::acquire(path)?;
        let identity = x25519::Identity::generate();
        let recovery = x25519::Identity::generate();
        let keyslot_data = keyslot::wrap(&identity, passphrase)?;
        let store = Store::create_empty(clock)?;
        let recipients = vec![identity.to_public(), recovery.to_public()];
        store.set_setting(SETTING_VAULT_RECIPIENT, &recipients[0].to_string())?;
        store.set_setting(SETTING_RECOVERY_RECIPIENT, &recipients[1].to_string())?;
        let mut vault = Vault {
            path: path.to_path_buf(),
            store,
            keyslots: vec![Keyslot {
                kind: KEYSLOT_PASSPHRASE,
                data: keyslot_data,
            }],
            identity: Some(identity),
            recipients,
            _lock: lock,
        };
        vault.save(clock)?;
        Ok((vault, RecoveryKey(recovery.to_string())))
    }

    /// Opens a vault: takes the lock, removes stale temporary files, unlocks, decrypts into
    /// memory, migrates the schema if needed (after keeping a backup) and saves.
    pub fn open(path: &Path, unlock: &Unlock, clock: Clock) -> Result<Vault, VaultError> {
        Self::open_mode(path, unlock, clock, Mode::ReadWrite)
    }

    fn open_mode(
        path: &Path,
        unlock: &Unlock,
        clock: Clock,
        mode: Mode,
    ) -> Result<Vault, VaultError> {
        if !path.exists() {
            return Err(VaultError::NotFound);
        }
        let lock = lock::VaultLock::acquire(path)?;
        if mode == Mode::ReadWrite {
            remove_stale_temps(path)?;
        }
        let file = read_vault_file(path)?;
        let header = format::parse_header(&file)?;
        let payload = &file[header.payload_offset..];
        let (store, identity) = match unlock {
            Unlock::Passphrase(p) => {
                let slot = header
                    .keyslots
                    .iter()
                    .find(|k| k.kind == KEYSLOT_PASSPHRASE)
                    .ok_or(VaultError::MalformedHeader)?;
                let identity = keyslot::unwrap(&slot.data, p)?;
                // The keyslot opened but the payload is not for its key: the file was altered.
                let store = decrypt_payload(payload, &identity, VaultError::Tampered)?;
                (store, Some(identity))
            }
            Unlock::RecoveryKey(k) => {
                let recovery = keyslot::parse_recovery_key(k)?;
                let store = decrypt_payload(payload, &recovery, VaultError::WrongRecoveryKey)?;
                (store, None)
            }
        };
        let recipients = [SETTING_VAULT_RECIPIENT, SETTING_RECOVERY_RECIPIENT]
            .iter()
            .map(|key| {
                store
                    .setting(key)?
                    .and_then(|s| x25519::Recipient::from_str(&s).ok())
                    .ok_or(VaultError::Store(StoreError::Integrity { problems: 1 }))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut vault = Vault {
            path: path.to_path_buf(),
            store,
            keyslots: header.keyslots,
            identity,
            recipients,
            _lock: lock,
        };
        if mode == Mode::ReadWrite && vault.store.needs_migration()? {
            let label = format!("pre-v{}", crate::store::SCHEMA_VERSION);
            backup::keep(path, clock.now, Some(&label))?;
            vault.store.migrate()?;
            vault.save(clock)?;
        } else {
            // Refuse a schema from the future even read-only.
            vault.store.needs_migration()?;
        }
        Ok(vault)
    }

    /// Opens read-only and checks everything: header, keys, payload authentication, SQLite
    /// integrity and foreign keys, and the schema's tables. Never changes the file.
    pub fn verify(path: &Path, unlock: &Unlock, clock: Clock) -> Result<VerifyReport, VaultError> {
        let mut vault = Self::open_mode(path, unlock, clock, Mode::ReadOnly)?;
        vault.store.check_integrity()?;
        vault.store.check_format()?;
        let organisations: u64 = vault.store.organisations(true)?.len() as u64;
        let dossiers = vault.store.dossier_count()?;
        let schema_version = vault.store.schema_version()?;
        let database_bytes = vault.store.image()?.len() as u64;
        let file_bytes = std::fs::metadata(path)
            .map_err(VaultError::io(IoOp::ReadVault))?
            .len();
        Ok(VerifyReport {
            format_version: format::FORMAT_VERSION,
            schema_version,
            organisations,
            dossiers,
            file_bytes,
            database_bytes,
            backups: backup::list(path).len(),
        })
    }

    /// The vault's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The database, to read.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The database, to change. Call [`Vault::save`] afterwards.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Whether the vault was unlocked with the recovery key (then a new passphrase should be
    /// set with [`Vault::change_passphrase`]).
    pub fn unlocked_with_recovery_key(&self) -> bool {
        self.identity.is_none()
    }

    fn backup_policy(&self) -> BackupPolicy {
        match self.store.settings() {
            Ok(s) => BackupPolicy {
                recent: s.backups_recent,
                days: s.backups_days,
            },
            Err(_) => BackupPolicy::default(),
        }
    }

    /// Writes the vault: encrypt to a private temporary file, sync, keep the previous file as
    /// a backup, rename over the vault, sync the directory, prune old backups.
    pub fn save(&mut self, clock: Clock) -> Result<(), VaultError> {
        let dir = parent_dir(&self.path);
        let tmp = dir.join(format!("{}{}", temp_prefix(&self.path), std::process::id()));
        let result = self.write_temp(&tmp).and_then(|()| {
            let had_previous = backup::keep(&self.path, clock.now, None)?.is_some();
            std::fs::rename(&tmp, &self.path).map_err(VaultError::io(IoOp::Replace))?;
            sync_dir(&dir)?;
            if had_previous {
                sync_dir(&backup::backup_dir(&self.path))?;
                backup::prune(&self.path, self.backup_policy(), clock.today)?;
            }
            Ok(())
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    fn write_temp(&mut self, tmp: &Path) -> Result<(), VaultError> {
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(tmp).map_err(VaultError::io(IoOp::WriteTemp))?;
        let mut out = BufWriter::with_capacity(256 * 1024, file);
        out.write_all(&format::encode_header(&self.keyslots))
            .map_err(VaultError::io(IoOp::WriteTemp))?;
        let encryptor = age::Encryptor::with_recipients(
            self.recipients.iter().map(|r| r as &dyn age::Recipient),
        )
        .map_err(|_| VaultError::MalformedHeader)?;
        let image = self.store.image()?;
        let mut w = encryptor
            .wrap_output(&mut out)
            .map_err(VaultError::io(IoOp::WriteTemp))?;
        w.write_all(&image)
            .map_err(VaultError::io(IoOp::WriteTemp))?;
        w.finish().map_err(VaultError::io(IoOp::WriteTemp))?;
        drop(image);
        let file = out.into_inner().map_err(|e| VaultError::Io {
            op: IoOp::WriteTemp,
            kind: e.error().kind(),
        })?;
        file.sync_all().map_err(VaultError::io(IoOp::Sync))?;
        Ok(())
    }

    /// Sets a new passphrase. Unlocked with the passphrase, this rewrites only the keyslot
    /// (the vault key stays). Unlocked with the recovery key, the vault gets a new vault key
    /// (the old one is unknown), wrapped under the new passphrase. The vault is saved.
    pub fn change_passphrase(
        &mut self,
        new: &SecretString,
        clock: Clock,
    ) -> Result<(), VaultError> {
        keyslot::check_strength(new)?;
        let identity = match self.identity.take() {
            Some(id) => id,
            None => {
                let id = x25519::Identity::generate();
                self.recipients[0] = id.to_public();
                self.store
                    .set_setting(SETTING_VAULT_RECIPIENT, &self.recipients[0].to_string())?;
                id
            }
        };
        let data = keyslot::wrap(&identity, new);
        self.identity = Some(identity);
        self.keyslots = vec![Keyslot {
            kind: KEYSLOT_PASSPHRASE,
            data: data?,
        }];
        self.save(clock)
    }

    /// Writes an encrypted copy of the vault (as last saved, after saving) to `dest`, which
    /// must not exist yet, and records it in the export log. Returns the copy's SHA-256.
    pub fn backup_to(&mut self, dest: &Path, clock: Clock) -> Result<String, VaultError> {
        use sha2::Digest;
        if dest.exists() {
            return Err(VaultError::AlreadyExists);
        }
        self.save(clock)?;
        let bytes = read_vault_file(&self.path)?;
        let hash = hex(&sha2::Sha256::digest(&bytes));
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let written = opts
            .open(dest)
            .and_then(|mut f| f.write_all(&bytes).and_then(|()| f.sync_all()));
        if let Err(e) = written {
            let _ = std::fs::remove_file(dest);
            return Err(VaultError::Io {
                op: IoOp::Copy,
                kind: e.kind(),
            });
        }
        sync_dir(&parent_dir(dest))?;
        self.store.log_export("backup", &[], "", "", &hash, clock)?;
        self.save(clock)?;
        Ok(hash)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
