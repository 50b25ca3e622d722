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
mod payload;
pub mod sealed;

pub use backup::BackupPolicy;
pub use error::{IoOp, VaultError};

use crate::Clock;
use crate::store::Store;
use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use format::{KEYSLOT_PASSPHRASE, Keyslot};
use payload::{WipingWriter, age_body_len, decrypt_payload};
pub use sealed::Sealed;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

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
    /// Whether the vault was opened read-only (its folder or medium cannot be written).
    pub read_only: bool,
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

/// Reads a vault file: the fixed header first (a file that is not a vault is refused without
/// reading the rest), then the size ([`format::MAX_FILE_BYTES`]), then the whole file.
fn read_vault_file(path: &Path) -> Result<Vec<u8>, VaultError> {
    let read_error = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => VaultError::NotFound,
        kind => VaultError::Io {
            op: IoOp::ReadVault,
            kind,
        },
    };
    let mut file = File::open(path).map_err(read_error)?;
    let len = file.metadata().map_err(read_error)?.len();
    let mut bytes = Vec::new();
    (&mut file)
        .take(format::FIXED_HEADER as u64)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    format::parse_fixed(&bytes)?;
    if len > format::MAX_FILE_BYTES {
        return Err(VaultError::TooLarge {
            max_bytes: format::MAX_FILE_BYTES,
        });
    }
    bytes.reserve_exact((len as usize).saturating_sub(bytes.len()));
    // Bounded even if the file grows while it is read.
    file.take(format::MAX_FILE_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > format::MAX_FILE_BYTES {
        return Err(VaultError::TooLarge {
            max_bytes: format::MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// The real path of an existing vault: symlinks and `..` resolved once, so that saves replace
/// the file (not a link), backups sit beside the file, and the lock is the same for every path
/// that names the vault.
fn real_path(path: &Path) -> Result<PathBuf, VaultError> {
    std::fs::canonicalize(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => VaultError::NotFound,
        kind => VaultError::Io {
            op: IoOp::ReadVault,
            kind,
        },
    })
}

/// The real path of a vault to create: the real folder and the new name. Anything at `path`,
/// even a dangling symlink, is refused.
fn real_new_path(path: &Path) -> Result<PathBuf, VaultError> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(VaultError::AlreadyExists);
    }
    let name = path.file_name().ok_or(VaultError::Io {
        op: IoOp::WriteTemp,
        kind: std::io::ErrorKind::InvalidInput,
    })?;
    let dir = std::fs::canonicalize(parent_dir(path)).map_err(VaultError::io(IoOp::WriteTemp))?;
    Ok(dir.join(name))
}

/// Puts the first version of a new vault in place without ever replacing a file: a hard link
/// fails if the name was taken meanwhile. Without hard links (FAT, exFAT) the name is claimed
/// with an exclusive create, and the temporary file is renamed over that placeholder.
fn publish_new(tmp: &Path, path: &Path) -> Result<(), VaultError> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => {
            // A leftover is removed as a stale temporary file at the next open.
            let _ = std::fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(VaultError::AlreadyExists),
        Err(_) => {
            let mut opts = OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            opts.open(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => VaultError::AlreadyExists,
                kind => VaultError::Io {
                    op: IoOp::Replace,
                    kind,
                },
            })?;
            std::fs::rename(tmp, path).map_err(VaultError::io(IoOp::Replace))
        }
    }
}

/// Whether a save puts a new vault in place or replaces the current file (keeping a backup).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Publish {
    New,
    Replace,
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
        Self::create_inner(path, passphrase, clock, &mut || {})
    }

    /// [`Vault::create_unchecked`] with a hook run just before the file is put in place (the
    /// tests use it to create a file at the path in that window).
    fn create_inner(
        path: &Path,
        passphrase: &SecretString,
        clock: Clock,
        before_publish: &mut dyn FnMut(),
    ) -> Result<(Vault, RecoveryKey), VaultError> {
        let path = real_new_path(path)?;
        let lock = lock::VaultLock::acquire(&path)?;
        let identity = x25519::Identity::generate();
        let recovery = x25519::Identity::generate();
        let keyslot_data = keyslot::wrap(&identity, passphrase)?;
        let mut store = Store::create_empty(clock)?;
        store.ensure_signing_key(
            crate::signing::SigningKey::generate(&mut rand_core::OsRng),
            clock,
        )?;
        let recipients = vec![identity.to_public(), recovery.to_public()];
        store.set_setting(SETTING_VAULT_RECIPIENT, &recipients[0].to_string())?;
        store.set_setting(SETTING_RECOVERY_RECIPIENT, &recipients[1].to_string())?;
        let mut vault = Vault {
            path,
            store,
            keyslots: format::passphrase_keyslots(keyslot_data),
            identity: Some(identity),
            recipients,
            _lock: lock,
        };
        before_publish();
        vault.save_as(clock, Publish::New)?;
        Ok((vault, RecoveryKey(recovery.to_string())))
    }

    /// Opens a vault: takes the lock, removes stale temporary files, unlocks, decrypts into
    /// memory, checks the database's schema and keys, migrates the schema if needed (after
    /// keeping a backup) and saves. A symlink is resolved once: the vault is its real file.
    pub fn open(path: &Path, unlock: &Unlock, clock: Clock) -> Result<Vault, VaultError> {
        Self::open_mode(path, unlock, clock, Mode::ReadWrite)
    }

    fn open_mode(
        path: &Path,
        unlock: &Unlock,
        clock: Clock,
        mode: Mode,
    ) -> Result<Vault, VaultError> {
        let path = real_path(path)?;
        // A folder that cannot be written (read-only media) still lets the vault be read and
        // verified; every save is then refused (`VaultError::ReadOnly`).
        let lock = lock::VaultLock::acquire_or_read_only(&path)?;
        if mode == Mode::ReadWrite && !lock.read_only() {
            remove_stale_temps(&path)?;
        }
        let file = read_vault_file(&path)?;
        Self::from_bytes(path, &mut Some(lock), &file, unlock, clock, mode)
    }

    /// Unlocks the bytes of a vault file read from `path` (or sealed in memory, see
    /// [`Sealed`]) while holding its lock: the keyslot, the payload, the schema and the keys,
    /// then migrates if needed. The lock moves into the vault only once the keys and the
    /// database have passed every check (a failure before leaves it in `lock`).
    fn from_bytes(
        path: PathBuf,
        lock: &mut Option<lock::VaultLock>,
        file: &[u8],
        unlock: &Unlock,
        clock: Clock,
        mode: Mode,
    ) -> Result<Vault, VaultError> {
        let header = format::parse_header(file)?;
        let payload = &file[header.payload_offset..];
        let mut keyslots = header.keyslots;
        let (store, identity) = match unlock {
            Unlock::Passphrase(p) => {
                let mut slots = keyslots.iter().filter(|k| k.kind == KEYSLOT_PASSPHRASE);
                let (Some(slot), None) = (slots.next(), slots.next()) else {
                    return Err(VaultError::MalformedHeader);
                };
                let identity = keyslot::unwrap(&slot.data, p).map_err(|e| {
                    match (&e, format::passphrase_keyslot_damaged(&keyslots)) {
                        (
                            VaultError::WrongPassphrase
                            | VaultError::Tampered
                            | VaultError::MalformedHeader
                            | VaultError::Truncated,
                            Some(true),
                        ) => VaultError::KeyslotDamaged,
                        _ => e,
                    }
                })?;
                // The keyslot opened but the payload is not for its key: the file was altered.
                let store = decrypt_payload(payload, &identity, VaultError::Tampered)?;
                // The keyslot is proven good: write its checksum (again) with the next save.
                let mut rebuilt = format::passphrase_keyslots(slot.data.clone());
                rebuilt.extend(
                    keyslots
                        .iter()
                        .filter(|k| {
                            k.kind != KEYSLOT_PASSPHRASE && k.kind != format::KEYSLOT_CHECKSUM
                        })
                        .cloned(),
                );
                keyslots = rebuilt;
                (store, Ok(identity))
            }
            Unlock::RecoveryKey(k) => {
                let recovery = keyslot::parse_recovery_key(k)?;
                let store = decrypt_payload(payload, &recovery, VaultError::WrongRecoveryKey)?;
                (store, Err(recovery.to_public()))
            }
        };
        // Before anything reads or writes the database: its schema is the one its migrations
        // define (no planted trigger or view), ...
        store.check_schema()?;
        // ... and the key that unlocked it is one that every later save encrypts to. (After a
        // recovery-key unlock the vault key cannot be checked without the passphrase; a
        // passphrase change replaces it anyway.)
        let identity = match identity {
            Ok(identity) => {
                check_recipient(&store, SETTING_VAULT_RECIPIENT, &identity.to_public())?;
                Some(identity)
            }
            Err(recovery) => {
                check_recipient(&store, SETTING_RECOVERY_RECIPIENT, &recovery)?;
                None
            }
        };
        let recipients = [SETTING_VAULT_RECIPIENT, SETTING_RECOVERY_RECIPIENT]
            .iter()
            .map(|key| stored_recipient(&store, key))
            .collect::<Result<Vec<_>, _>>()?;
        if recipients[0].to_string() == recipients[1].to_string() {
            return Err(VaultError::KeyMismatch);
        }
        let mut vault = Vault {
            path,
            store,
            keyslots,
            identity,
            recipients,
            _lock: lock.take().ok_or(VaultError::Locked)?,
        };
        if mode == Mode::ReadWrite && vault.read_only() && vault.store.needs_migration()? {
            // An older schema needs a migration, and a migration needs a save.
            return Err(VaultError::ReadOnly);
        }
        if mode == Mode::ReadWrite && vault.store.needs_migration()? {
            let label = format!("pre-v{}", crate::store::SCHEMA_VERSION);
            let kept = backup::keep(&vault.path, clock.now, Some(&label))?;
            let migrated = vault
                .store
                .migrate()
                .map_err(VaultError::from)
                .and_then(|_| vault.save(clock));
            if let Err(e) = migrated {
                // Nothing changed: a pre-migration backup of an unchanged file is only clutter
                // that pruning never removes.
                if let Some(b) = kept {
                    backup::discard_if_same(&b, &vault.path);
                }
                return Err(e);
            }
        } else {
            // Refuse a schema from the future even read-only.
            vault.store.needs_migration()?;
        }
        Ok(vault)
    }

    /// Opens read-only and checks everything: header, keys, payload authentication, the
    /// schema against the migrations, the stored keys, SQLite integrity and foreign keys.
    /// Never changes the file.
    pub fn verify(path: &Path, unlock: &Unlock, clock: Clock) -> Result<VerifyReport, VaultError> {
        let mut vault = Self::open_mode(path, unlock, clock, Mode::ReadOnly)?;
        vault.store.check_integrity()?;
        vault.store.check_format()?;
        let organisations: u64 = vault.store.organisations(true)?.len() as u64;
        let dossiers = vault.store.dossier_count()?;
        let schema_version = vault.store.schema_version()?;
        let database_bytes = vault.store.image()?.len() as u64;
        let file_bytes = std::fs::metadata(&vault.path)
            .map_err(VaultError::io(IoOp::ReadVault))?
            .len();
        Ok(VerifyReport {
            format_version: format::FORMAT_VERSION,
            schema_version,
            organisations,
            dossiers,
            file_bytes,
            database_bytes,
            backups: backup::list(&vault.path).len(),
            read_only: vault.read_only(),
        })
    }

    /// Whether the vault was opened read-only because its folder or medium cannot be written
    /// (not even the lock file could be made). Reading and verifying work; every save fails
    /// with [`VaultError::ReadOnly`], so a change made in memory is never written.
    pub fn read_only(&self) -> bool {
        self._lock.read_only()
    }

    /// The vault's real path (symlinks resolved when it was opened or created).
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

    /// Short fingerprints of the two public keys the vault is encrypted to: the vault key and
    /// the recovery key, in that order (see [`key_fingerprint`]). A passphrase change gives a
    /// new vault key, `new_recovery_key` a new recovery key, and so a new fingerprint.
    pub fn key_fingerprints(&self) -> [String; 2] {
        [
            key_fingerprint(&self.recipients[0].to_string()),
            key_fingerprint(&self.recipients[1].to_string()),
        ]
    }

    /// The vault's report-signing key, made (and saved) on first need in a vault created
    /// before vaults had one. A read-only vault without a key cannot make one: a signature
    /// by a key that is not kept would never verify again.
    pub fn signing_key(&mut self, clock: Clock) -> Result<crate::signing::SigningKey, VaultError> {
        if let Some(key) = self.store.signing_key()? {
            return Ok(key);
        }
        if self.read_only() {
            return Err(VaultError::ReadOnly);
        }
        let new = crate::signing::SigningKey::generate(&mut rand_core::OsRng);
        let key = self.store.ensure_signing_key(new, clock)?;
        self.save(clock)?;
        Ok(key)
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
        self.save_as(clock, Publish::Replace)
    }

    fn save_as(&mut self, clock: Clock, publish: Publish) -> Result<(), VaultError> {
        if self.read_only() {
            return Err(VaultError::ReadOnly);
        }
        let dir = parent_dir(&self.path);
        let tmp = dir.join(format!("{}{}", temp_prefix(&self.path), std::process::id()));
        let result = self.write_temp(&tmp).and_then(|()| match publish {
            Publish::New => {
                publish_new(&tmp, &self.path)?;
                sync_dir(&dir)
            }
            Publish::Replace => {
                let had_previous = backup::keep(&self.path, clock.now, None)?.is_some();
                std::fs::rename(&tmp, &self.path).map_err(VaultError::io(IoOp::Replace))?;
                sync_dir(&dir)?;
                if had_previous {
                    sync_dir(&backup::backup_dir(&self.path))?;
                    backup::prune(&self.path, self.backup_policy(), clock.today)?;
                }
                Ok(())
            }
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
        let file = self.encrypt_into(file)?;
        file.sync_all().map_err(VaultError::io(IoOp::Sync))?;
        Ok(())
    }

    /// Writes the whole vault file (header, keyslots, age payload) to `out`: only
    /// ciphertext and public header fields leave this function.
    fn encrypt_into<W: Write>(&mut self, out: W) -> Result<W, VaultError> {
        let header = format::encode_header(&self.keyslots);
        // Never write a vault that opening would refuse (the age header is a few hundred
        // bytes; 4 KiB is a generous bound).
        let image_len = self.store.image()?.len();
        if (header.len() + 4096 + age_body_len(image_len)) as u64 > format::MAX_FILE_BYTES {
            return Err(VaultError::TooLarge {
                max_bytes: format::MAX_FILE_BYTES,
            });
        }
        // Our own buffer, wiped as it goes (see [`WipingWriter`] for what stays out of reach).
        let mut out = WipingWriter::with_capacity(256 * 1024, out);
        out.write_all(&header)
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
        out.into_inner().map_err(VaultError::io(IoOp::WriteTemp))
    }

    /// Sets a new passphrase and a new vault key: the vault identity is generated anew,
    /// wrapped under the new passphrase, and the vault is re-encrypted and saved. An earlier
    /// copy of the file (a backup, a copy on a USB stick) still opens with the passphrase that
    /// was valid when it was written, but its keyslot no longer opens anything saved after
    /// the change. The recovery key stays; replace it with [`Vault::new_recovery_key`].
    /// If saving fails, nothing changes (the old passphrase and key stay in use).
    pub fn change_passphrase(
        &mut self,
        new: &SecretString,
        clock: Clock,
    ) -> Result<(), VaultError> {
        keyslot::check_strength(new)?;
        let identity = x25519::Identity::generate();
        let keyslots = format::passphrase_keyslots(keyslot::wrap(&identity, new)?);
        let recipient = identity.to_public();
        let old_keyslots = std::mem::replace(&mut self.keyslots, keyslots);
        let old_identity = self.identity.replace(identity);
        let old_recipient = std::mem::replace(&mut self.recipients[0], recipient);
        let result = self
            .store
            .set_setting(SETTING_VAULT_RECIPIENT, &self.recipients[0].to_string())
            .map_err(VaultError::from)
            .and_then(|()| self.save(clock));
        if result.is_err() {
            self.keyslots = old_keyslots;
            self.identity = old_identity;
            self.recipients[0] = old_recipient;
            let _ = self
                .store
                .set_setting(SETTING_VAULT_RECIPIENT, &self.recipients[0].to_string());
        }
        result
    }

    /// Replaces the recovery key: a new one is generated, the vault is re-encrypted to it and
    /// saved, and the new key is returned to be shown once. The old recovery key no longer
    /// opens anything saved after this (earlier copies and backups still open with it). If
    /// saving fails, nothing changes and no key is returned.
    pub fn new_recovery_key(&mut self, clock: Clock) -> Result<RecoveryKey, VaultError> {
        let recovery = x25519::Identity::generate();
        let old = std::mem::replace(&mut self.recipients[1], recovery.to_public());
        let result = self
            .store
            .set_setting(SETTING_RECOVERY_RECIPIENT, &self.recipients[1].to_string())
            .map_err(VaultError::from)
            .and_then(|()| self.save(clock));
        if let Err(e) = result {
            self.recipients[1] = old;
            let _ = self
                .store
                .set_setting(SETTING_RECOVERY_RECIPIENT, &self.recipients[1].to_string());
            return Err(e);
        }
        Ok(RecoveryKey(recovery.to_string()))
    }

    /// The copies of the vault that still hold the dossiers destroyed last (and every one
    /// before): backups beside the vault and copies made elsewhere (export log).
    pub fn destroyed_copies(&self) -> Result<crate::model::DestroyedCopies, VaultError> {
        let destroyed_at = self.store.last_destruction()?;
        let Some(at) = destroyed_at else {
            return Ok(crate::model::DestroyedCopies {
                destroyed_at: None,
                backups: 0,
                kept_until_purged: 0,
                until: None,
                copies_elsewhere: Vec::new(),
            });
        };
        let e = backup::exposure(&self.path, at, self.backup_policy());
        let copies_elsewhere = self
            .store
            .export_log()?
            .into_iter()
            .filter(|x| x.kind == "backup" && x.exported_at <= at)
            .collect();
        Ok(crate::model::DestroyedCopies {
            destroyed_at,
            backups: e.count as u32,
            kept_until_purged: e.kept_until_purged as u32,
            until: e.until,
            copies_elsewhere,
        })
    }

    /// Removes the backups beside the vault that still hold destroyed dossiers. Saves first,
    /// so the vault file itself is the one without them. Returns how many were removed.
    pub fn purge_destroyed_from_backups(&mut self, clock: Clock) -> Result<usize, VaultError> {
        self.save(clock)?;
        match self.store.last_destruction()? {
            Some(at) => backup::purge_holding(&self.path, at),
            None => Ok(0),
        }
    }

    /// Writes an encrypted copy of the vault (as last saved, after saving) to `dest`, which
    /// must not exist yet, and records it in the export log. Returns the copy's SHA-256.
    /// Whatever was at `dest` before the call is never removed or replaced.
    pub fn backup_to(&mut self, dest: &Path, clock: Clock) -> Result<String, VaultError> {
        use sha2::Digest;
        if std::fs::symlink_metadata(dest).is_ok() {
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
        // Only a file this call created may be removed after a failed write.
        let mut file = opts.open(dest).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => VaultError::AlreadyExists,
            kind => VaultError::Io {
                op: IoOp::Copy,
                kind,
            },
        })?;
        if let Err(e) = file.write_all(&bytes).and_then(|()| file.sync_all()) {
            drop(file);
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

/// A public key stored in the database.
/// The fingerprint of a public age recipient (`age1...`): the first 8 bytes of the SHA-256
/// of its text, as 16 lowercase hex digits in groups of four (`3f2a 9c1d 0b7e 44a1`).
pub fn key_fingerprint(recipient: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(recipient.as_bytes());
    let hex: Vec<String> = digest[..8]
        .chunks(2)
        .map(|c| format!("{:02x}{:02x}", c[0], c[1]))
        .collect();
    hex.join(" ")
}

fn stored_recipient(store: &Store, key: &str) -> Result<x25519::Recipient, VaultError> {
    store
        .setting(key)?
        .and_then(|s| x25519::Recipient::from_str(&s).ok())
        .ok_or(VaultError::KeyMismatch)
}

/// Checks that the public key stored under `key` is the one of the key that unlocked the
/// vault: a database that encrypts later saves to someone else's key is refused.
fn check_recipient(
    store: &Store,
    key: &str,
    expected: &x25519::Recipient,
) -> Result<(), VaultError> {
    match store.setting(key)? {
        Some(s) if s == expected.to_string() => Ok(()),
        _ => Err(VaultError::KeyMismatch),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock {
        Clock::at("2026-11-30".parse().expect("date"))
    }

    #[test]
    fn create_never_replaces_a_file_that_appears_after_its_check() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("advies.kluis");
        let pass = SecretString::from("paarse fiets onder de regenboog zingt".to_owned());
        let result = Vault::create_inner(&path, &pass, clock(), &mut || {
            std::fs::write(&path, b"someone else's file").expect("write in the window");
        });
        assert!(
            matches!(result, Err(VaultError::AlreadyExists)),
            "a file created between the check and the rename must win: got {result:?}"
        );
        assert_eq!(
            std::fs::read(&path).expect("read"),
            b"someone else's file",
            "the other file must be left byte for byte"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "the refused create removes its temporary file: {leftovers:?}"
        );
    }
}
