//! The single-instance lock: an exclusive OS lock on `<vault>.lock`, a separate file because a
//! save's rename replaces the vault's inode. The lock file holds nothing and is removed when
//! the vault is closed.

use super::{IoOp, VaultError};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held while a vault is open; dropping it releases the lock and removes the file.
#[derive(Debug)]
pub struct VaultLock {
    file: Option<File>,
    path: PathBuf,
}

/// The lock file's path for a vault path.
pub fn lock_path(vault: &Path) -> PathBuf {
    let mut name = vault.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    vault.with_file_name(name)
}

impl VaultLock {
    /// Takes the lock or fails with [`VaultError::Locked`] when another process holds it.
    pub fn acquire(vault: &Path) -> Result<VaultLock, VaultError> {
        let path = lock_path(vault);
        // A holder that is closing removes the file after we opened it: retry on a new inode.
        for _ in 0..5 {
            let file = open_lock_file(&path)?;
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
                });
            }
        }
        Err(VaultError::Locked)
    }
}

fn open_lock_file(path: &Path) -> Result<File, VaultError> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path).map_err(VaultError::io(IoOp::Lock))
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
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
    }
}
