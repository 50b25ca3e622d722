//! Locking when the save fails (the USB stick was pulled, the disk is full): the vault is
//! locked all the same, and the change that could not be written is kept as the bytes the
//! save would have written: the header with its keyslots and an age payload encrypted to the
//! vault's own two recipients. Only ciphertext stays in memory; the database, the connection
//! and the keys are dropped as at any lock. Unlocking the sealed bytes (passphrase or recovery
//! key, with every check of an ordinary open) gives the vault back with the change, which is
//! then saved. The vault's lock stays held meanwhile, so no other process opens the older
//! file on disk and writes a version the sealed change would later replace.

use super::{Clock, IoOp, Mode, Unlock, Vault, VaultError, backup, lock, parent_dir, sync_dir};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A locked vault with a change that is not on disk yet: ciphertext only.
pub struct Sealed {
    path: PathBuf,
    bytes: Vec<u8>,
    /// Held until unlocked (absent only if a failed unlock got as far as taking it over).
    lock: Option<lock::VaultLock>,
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealed { .. }")
    }
}

/// What [`Sealed::unlock`] gives back: the vault with the kept change, and whether saving it
/// worked. When it did not, the change is in the vault (in memory) and the next save or the
/// next seal keeps it.
pub struct Unsealed {
    /// The unlocked vault, holding the kept change.
    pub vault: Vault,
    /// The result of saving it right after unlocking.
    pub saved: Result<(), VaultError>,
}

impl Vault {
    /// Locks without saving: encrypts the vault as a save would, into memory, and drops the
    /// database and every key. Use when the save failed and the vault must lock anyway. On
    /// the rare failure (the image cannot be read, or it is over the size cap that every save
    /// refuses as well) the vault is handed back unchanged with the error.
    pub fn seal(mut self) -> Result<Sealed, (Box<Vault>, VaultError)> {
        match self.encrypt_into(Vec::new()) {
            Ok(bytes) => Ok(Sealed {
                path: self.path.clone(),
                bytes,
                lock: Some(self._lock),
            }),
            Err(e) => Err((Box::new(self), e)),
        }
    }
}

impl Sealed {
    /// The vault's real path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether `path` names this vault (as given, or resolved; a vault whose medium is gone
    /// cannot be resolved, so the given path is compared as well).
    pub fn is_for(&self, path: &Path) -> bool {
        path == self.path || std::fs::canonicalize(path).is_ok_and(|p| p == self.path)
    }

    /// Unlocks the sealed bytes (the same checks as [`Vault::open`]) and tries to save them.
    /// A wrong passphrase or key gives the sealed vault back with the error, unchanged.
    pub fn unlock(self, unlock: &Unlock, clock: Clock) -> Result<Unsealed, (Sealed, VaultError)> {
        let Sealed { path, bytes, lock } = self;
        let mut lock = lock;
        match Vault::from_bytes(
            path.clone(),
            &mut lock,
            &bytes,
            unlock,
            clock,
            Mode::ReadWrite,
        ) {
            Ok(mut vault) => {
                let saved = vault.save(clock);
                Ok(Unsealed { vault, saved })
            }
            Err(e) => Err((Sealed { path, bytes, lock }, e)),
        }
    }

    /// Puts the sealed bytes in place as the vault file, as a save does (private temporary
    /// file, sync, backup of the previous file, rename, sync the folder). Used when the app
    /// quits while locked with a kept change.
    pub fn write_back(&self, clock: Clock) -> Result<(), VaultError> {
        if self.lock.as_ref().is_some_and(|l| l.read_only()) {
            return Err(VaultError::ReadOnly);
        }
        let dir = parent_dir(&self.path);
        let tmp = dir.join(format!(
            "{}{}",
            super::temp_prefix(&self.path),
            std::process::id()
        ));
        let result = write_new(&tmp, &self.bytes, IoOp::WriteTemp).and_then(|()| {
            backup::keep(&self.path, clock.now, None)?;
            std::fs::rename(&tmp, &self.path).map_err(VaultError::io(IoOp::Replace))?;
            sync_dir(&dir)
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Writes the sealed bytes as a new vault file at `dest` (which must not exist): a
    /// complete vault that opens with the same passphrase or recovery key. Used when the app
    /// quits and the vault's own folder still cannot be written.
    pub fn write_copy(&self, dest: &Path) -> Result<(), VaultError> {
        write_new(dest, &self.bytes, IoOp::Copy)?;
        sync_dir(&parent_dir(dest))
    }
}

/// Creates `path` (never replacing anything), private, writes `bytes` and syncs; a file this
/// call created is removed again after a failed write.
fn write_new(path: &Path, bytes: &[u8], op: IoOp) -> Result<(), VaultError> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => VaultError::AlreadyExists,
        kind => VaultError::Io { op, kind },
    })?;
    if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(VaultError::Io { op, kind: e.kind() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Arrangement, OrganisationInput};
    use age::secrecy::SecretString;

    const PASS: &str = "paarse fiets onder de regenboog zingt";

    fn clock() -> Clock {
        Clock::at("2026-11-30".parse().expect("date"))
    }

    fn pass(p: &str) -> Unlock {
        Unlock::Passphrase(SecretString::from(p.to_owned()))
    }

    fn add_org(vault: &mut Vault, name: &str) {
        vault
            .store_mut()
            .add_organisation(
                &OrganisationInput {
                    name: name.into(),
                    employee_count: 40,
                    arrangement: Arrangement::Maatwerk,
                    contact_label: String::new(),
                },
                clock(),
            )
            .expect("organisation");
    }

    fn names(vault: &Vault) -> Vec<String> {
        let orgs = vault.store().organisations(true).expect("organisations");
        orgs.into_iter().map(|o| o.name).collect()
    }

    /// Makes every save fail, also as root: the vault's folder is moved aside and a plain
    /// file takes its name, so the temporary file cannot be created. Returns the moved folder.
    fn break_folder(dir: &Path) -> PathBuf {
        let aside = dir.with_extension("weg");
        std::fs::rename(dir, &aside).expect("move the folder aside");
        std::fs::write(dir, b"not a folder").expect("a file where the folder was");
        aside
    }

    fn mend_folder(dir: &Path, aside: &Path) {
        std::fs::remove_file(dir).expect("remove the file");
        std::fs::rename(aside, dir).expect("the folder is back");
    }

    #[test]
    fn a_sealed_change_survives_the_lock_and_is_saved_after_unlock() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("stick");
        std::fs::create_dir(&dir).expect("folder");
        let path = dir.join("advies.kluis");
        let (mut vault, key) =
            Vault::create_unchecked(&path, &SecretString::from(PASS.to_owned()), clock())
                .expect("create");
        let path = vault.path().to_path_buf();
        let aside = break_folder(&dir);
        add_org(&mut vault, "Stichting Onopgeslagen");
        assert!(vault.save(clock()).is_err(), "fixture: the save fails");
        let sealed = vault
            .seal()
            .map_err(|(_, e)| e)
            .expect("sealing needs no disk");
        assert!(
            !String::from_utf8_lossy(&sealed.bytes).contains("Onopgeslagen"),
            "the sealed change is ciphertext"
        );
        mend_folder(&dir, &aside);
        assert!(
            matches!(
                Vault::open(&path, &pass(PASS), clock()),
                Err(VaultError::Locked)
            ),
            "while sealed the vault's lock stays held: nobody opens the older file"
        );
        let (sealed, e) = match sealed.unlock(&pass("verkeerde wachtwoordzin hier"), clock()) {
            Err(back) => back,
            Ok(_) => panic!("a wrong passphrase must not unseal"),
        };
        assert!(
            matches!(e, VaultError::WrongPassphrase),
            "the error says why: {e:?}"
        );
        let Unsealed { vault, saved } = sealed
            .unlock(&pass(PASS), clock())
            .map_err(|(_, e)| e)
            .expect("the passphrase unseals");
        assert!(
            saved.is_ok(),
            "the folder is back, so the save works: {saved:?}"
        );
        assert_eq!(
            names(&vault),
            ["Stichting Onopgeslagen"],
            "the change is back"
        );
        drop(vault);
        let reopened = Vault::open(
            &path,
            &Unlock::RecoveryKey(SecretString::from(key.expose().to_owned())),
            clock(),
        )
        .expect("the saved file opens, also with the recovery key");
        assert_eq!(
            names(&reopened),
            ["Stichting Onopgeslagen"],
            "the kept change is in the file on disk"
        );
    }

    #[test]
    fn a_save_that_fails_after_unsealing_keeps_the_change_and_a_copy_opens_elsewhere() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("stick");
        std::fs::create_dir(&dir).expect("folder");
        let (mut vault, _) = Vault::create_unchecked(
            &dir.join("advies.kluis"),
            &SecretString::from(PASS.to_owned()),
            clock(),
        )
        .expect("create");
        let aside = break_folder(&dir);
        add_org(&mut vault, "Stichting Nog Steeds");
        let sealed = vault.seal().map_err(|(_, e)| e).expect("seal");
        assert!(
            sealed.write_back(clock()).is_err(),
            "fixture: the folder still cannot be written"
        );
        let Unsealed { vault, saved } = sealed
            .unlock(&pass(PASS), clock())
            .map_err(|(_, e)| e)
            .expect("unseal");
        assert!(saved.is_err(), "the save after unlocking fails again");
        assert_eq!(
            names(&vault),
            ["Stichting Nog Steeds"],
            "and the change is still there, in memory"
        );
        let sealed = vault.seal().map_err(|(_, e)| e).expect("seal again");
        let copy = tmp.path().join("herstel.kluis");
        sealed.write_copy(&copy).expect("a copy in another folder");
        assert!(
            matches!(sealed.write_copy(&copy), Err(VaultError::AlreadyExists)),
            "a copy never replaces a file"
        );
        drop(sealed);
        mend_folder(&dir, &aside);
        let opened = Vault::open(&copy, &pass(PASS), clock()).expect("the copy is a vault");
        assert_eq!(
            names(&opened),
            ["Stichting Nog Steeds"],
            "the copy holds the change that the vault's folder would not take"
        );
    }
}
