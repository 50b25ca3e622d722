//! Writing files out of the vault, for reports, access exports, invoices and document copies:
//! each file goes to a hidden temporary name beside its target, is synced, and is then linked
//! to its chosen name, never over an existing file.

use super::export::ExportError;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A hidden temporary name beside `dest`.
pub(crate) fn temp_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "rapport".into());
    dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes files out of the vault: refuses when a target exists or two targets are the same
/// file (nothing written), then writes every file under a hidden temporary name beside its
/// target and links them to their names in order, never overwriting. Returns how many were
/// delivered (the first ones) and, when a link failed, why; the rest are cleaned up.
pub(crate) fn deliver(
    targets: &[(&Path, &[u8])],
) -> Result<(usize, Option<ExportError>), ExportError> {
    for (i, (p, _)) in targets.iter().enumerate() {
        if std::fs::symlink_metadata(p).is_ok() {
            return Err(ExportError::Exists { index: i });
        }
        if targets[..i].iter().any(|(o, _)| o == p) {
            return Err(ExportError::SameFile);
        }
    }
    let mut temps = Vec::new();
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for (p, bytes) in targets {
        let tmp = temp_path(p);
        if let Err(e) = write_new(&tmp, bytes) {
            cleanup(&temps);
            return Err(ExportError::Io { kind: e.kind() });
        }
        temps.push(tmp);
    }
    for (i, ((p, _), tmp)) in targets.iter().zip(&temps).enumerate() {
        if let Err(e) = publish(tmp, p, i) {
            cleanup(&temps[i..]);
            return Ok((i, Some(e)));
        }
    }
    Ok((targets.len(), None))
}

/// Links the finished file to its chosen name without ever overwriting an existing file.
pub(crate) fn publish(tmp: &Path, dest: &Path, index: usize) -> Result<(), ExportError> {
    let result = match std::fs::hard_link(tmp, dest) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(ExportError::Exists { index })
        }
        // File systems without hard links (some USB sticks): rename, after checking again.
        Err(_) if dest.exists() => Err(ExportError::Exists { index }),
        Err(_) => std::fs::rename(tmp, dest).map_err(|e| ExportError::Io { kind: e.kind() }),
    };
    let _ = std::fs::remove_file(tmp);
    result
}
