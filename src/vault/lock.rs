//! The single-instance lock: an exclusive OS lock on `<vault>.lock`, a separate file because a
//! save's rename replaces the vault's inode. The lock file holds nothing and is removed when
//! the vault is closed.

use super::{IoOp, VaultError};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held while a vault is open; dropping it releases the lock and removes the file (a
/// read-only open's lock is only released: that file is not ours to remove).
#[derive(Debug)]
pub struct VaultLock {
    file: Option<File>,
    path: PathBuf,
    read_only: bool,
}

/// The lock file's path for a vault path.
pub fn lock_path(vault: &Path) -> PathBuf {
    let mut name = vault.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    vault.with_file_name(name)
}

/// Whether an error creating the lock file means the folder cannot be written at all: a
/// read-only file system (a CD, a write-protected USB stick, a read-only mount) or a folder
/// without write permission.
fn folder_not_writable(kind: std::io::ErrorKind) -> bool {
    matches!(
        kind,
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
    )
}

impl VaultLock {
    /// Takes the lock or fails with [`VaultError::Locked`] when another process holds it.
    pub fn acquire(vault: &Path) -> Result<VaultLock, VaultError> {
        Self::acquire_with(vault, &open_lock_file)
    }

    /// Takes the lock; when the lock file cannot be created because the folder cannot be
    /// written, the vault can still be read: the lock is then a shared lock on an existing
    /// lock file (so a writer elsewhere still makes this fail with [`VaultError::Locked`]),
    /// or none when there is no lock file (nobody who could write holds the vault), and
    /// [`VaultLock::read_only`] says so.
    pub fn acquire_or_read_only(vault: &Path) -> Result<VaultLock, VaultError> {
        Self::acquire_or_read_only_with(vault, &open_lock_file)
    }

    /// [`VaultLock::acquire_or_read_only`] with the lock file's creation passed in (the tests
    /// make it fail as a read-only folder does, which they cannot arrange when run as root).
    pub(crate) fn acquire_or_read_only_with(
        vault: &Path,
        create: &dyn Fn(&Path) -> std::io::Result<File>,
    ) -> Result<VaultLock, VaultError> {
        match Self::acquire_with(vault, create) {
            Err(VaultError::Io {
                op: IoOp::Lock,
                kind,
            }) if folder_not_writable(kind) => {}
            other => return other,
        }
        let path = lock_path(vault);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(VaultLock {
                    file: None,
                    path,
                    read_only: true,
                });
            }
            Err(e) => {
                return Err(VaultError::Io {
                    op: IoOp::Lock,
                    kind: e.kind(),
                });
            }
        };
        match file.try_lock_shared() {
            Ok(()) => Ok(VaultLock {
                file: Some(file),
                path,
                read_only: true,
            }),
            Err(TryLockError::WouldBlock) => Err(VaultError::Locked),
            Err(TryLockError::Error(e)) => Err(VaultError::Io {
                op: IoOp::Lock,
                kind: e.kind(),
            }),
        }
    }

    fn acquire_with(
        vault: &Path,
        create: &dyn Fn(&Path) -> std::io::Result<File>,
    ) -> Result<VaultLock, VaultError> {
        let path = lock_path(vault);
        // A holder that is closing removes the file after we opened it: retry on a new inode.
        for _ in 0..5 {
            let file = create(&path).map_err(VaultError::io(IoOp::Lock))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(VaultError::Locked),
                Err(TryLockError::Error(e)) => {
                    return Err(VaultError::Io {
                        op: IoOp::Lock,
                        kind: e.kind(),
                    });
                }
            }
            if same_file(&file, &path) {
                return Ok(VaultLock {
                    file: Some(file),
                    path,
                    read_only: false,
                });
            }
        }
        Err(VaultError::Locked)
    }

    /// Whether the vault is open read-only because its folder cannot be written.
    pub fn read_only(&self) -> bool {
        self.read_only
    }
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for VaultLock {
    fn drop(&mut self) {
        // Remove while still holding the lock, so nobody locks a file about to vanish.
        if !self.read_only {
            let _ = std::fs::remove_file(&self.path);
        }
        drop(self.file.take());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_only_folder(_: &Path) -> std::io::Result<File> {
        Err(std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem))
    }

    fn no_permission(_: &Path) -> std::io::Result<File> {
        Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
    }

    fn disk_full(_: &Path) -> std::io::Result<File> {
        Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
    }

    #[test]
    fn a_folder_that_cannot_be_written_gives_a_read_only_lock_not_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let vault = dir.path().join("advies.kluis");
        for create in [read_only_folder, no_permission] {
            let lock = VaultLock::acquire_or_read_only_with(&vault, &create)
                .expect("a vault on read-only media can still be opened to read");
            assert!(
                lock.read_only(),
                "the lock says the vault is read-only, so saves are refused"
            );
        }
        assert!(
            matches!(
                VaultLock::acquire_or_read_only_with(&vault, &disk_full),
                Err(VaultError::Io { op: IoOp::Lock, .. })
            ),
            "any other failure to make the lock file is still an error"
        );
        assert!(
            matches!(
                VaultLock::acquire_with(&vault, &read_only_folder),
                Err(VaultError::Io { op: IoOp::Lock, .. })
            ),
            "opening to write never falls back to read-only by itself"
        );
    }

    #[test]
    fn a_read_only_open_still_respects_a_writer_elsewhere() {
        let dir = tempfile::tempdir().expect("tempdir");
        let vault = dir.path().join("advies.kluis");
        let writer = VaultLock::acquire(&vault).expect("a writer takes the lock");
        assert!(
            matches!(
                VaultLock::acquire_or_read_only_with(&vault, &no_permission),
                Err(VaultError::Locked)
            ),
            "a reader that cannot write the lock file still sees a writer's lock"
        );
        drop(writer);
        assert!(
            !lock_path(&vault).exists(),
            "the writer removes its lock file"
        );
        std::fs::write(lock_path(&vault), b"").expect("a lock file left by someone else");
        let reader = VaultLock::acquire_or_read_only_with(&vault, &no_permission)
            .expect("an unheld lock file lets a reader in");
        assert!(reader.read_only(), "read-only");
        drop(reader);
        assert!(
            lock_path(&vault).exists(),
            "a read-only open never removes a lock file it did not make"
        );
    }
}
