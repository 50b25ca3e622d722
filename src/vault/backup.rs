//! Encrypted backups beside the vault, in `<name>.kluis-backups/`. Every save keeps the previous
//! vault file there (a hard link, so no extra write), then prunes: the newest `recent` saves
//! plus the last save of each of the last `days` days are kept. Backups are complete vault
//! files: they open with the passphrase that was valid when they were written, or the
//! recovery key.

use super::{IoOp, VaultError};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How many backups to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupPolicy {
    /// Keep this many of the newest backups.
    pub recent: u32,
    /// Also keep the last backup of each of this many days (today included).
    pub days: u32,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            recent: 10,
            days: 14,
        }
    }
}

const STAMP: &str = "%Y%m%d-%H%M%S%3f";

/// The backup folder of a vault.
pub fn backup_dir(vault: &Path) -> PathBuf {
    let mut name = vault.file_name().unwrap_or_default().to_os_string();
    name.push("-backups");
    vault.with_file_name(name)
}

fn stem(vault: &Path) -> String {
    vault
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kluis".into())
}

/// One backup file with the time it was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// Where it is.
    pub path: PathBuf,
    /// When the save that replaced it happened.
    pub taken_at: DateTime<Utc>,
    /// Backups taken before a schema migration are never pruned.
    pub pre_migration: bool,
}

pub(crate) fn ensure_dir(dir: &Path) -> Result<(), VaultError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(VaultError::io(IoOp::Backup))
}

/// Keeps the current vault file as a backup taken at `now`. `label` marks special backups
/// (such as `pre-v2` before a migration). Returns the backup's path; `None` if there was no
/// vault file yet.
pub fn keep(
    vault: &Path,
    now: DateTime<Utc>,
    label: Option<&str>,
) -> Result<Option<PathBuf>, VaultError> {
    if !vault.exists() {
        return Ok(None);
    }
    let dir = backup_dir(vault);
    ensure_dir(&dir)?;
    let stamp = now.format(STAMP).to_string();
    let base = match label {
        Some(l) => format!("{}-{l}-{stamp}", stem(vault)),
        None => format!("{}-{stamp}", stem(vault)),
    };
    let mut target = dir.join(format!("{base}.kluis"));
    let mut n = 1;
    while target.exists() {
        target = dir.join(format!("{base}-{n}.kluis"));
        n += 1;
    }
    if std::fs::hard_link(vault, &target).is_err() {
        // File systems without hard links: copy (the file is ciphertext).
        std::fs::copy(vault, &target).map_err(VaultError::io(IoOp::Backup))?;
        super::set_private(&target);
    }
    Ok(Some(target))
}

/// Lists the backups of a vault, newest first.
pub fn list(vault: &Path) -> Vec<BackupFile> {
    let dir = backup_dir(vault);
    let prefix = format!("{}-", stem(vault));
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".kluis"))
        else {
            continue;
        };
        let pre_migration = rest.starts_with("pre-");
        let rest = if pre_migration {
            rest.split_once('-')
                .and_then(|(_, r)| r.split_once('-'))
                .map(|(_, r)| r)
                .unwrap_or("")
        } else {
            rest
        };
        // stamp is "YYYYmmdd-HHMMSSfff", optionally followed by "-n"
        let stamp = rest.get(..18).unwrap_or("");
        if let Ok(t) = NaiveDateTime::parse_from_str(stamp, STAMP) {
            out.push(BackupFile {
                path: entry.path(),
                taken_at: t.and_utc(),
                pre_migration,
            });
        }
    }
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    out
}

/// Removes the backups the policy does not keep. Returns how many were removed.
pub fn prune(vault: &Path, policy: BackupPolicy, today: NaiveDate) -> Result<usize, VaultError> {
    let all: Vec<BackupFile> = list(vault)
        .into_iter()
        .filter(|b| !b.pre_migration)
        .collect();
    let mut keep: BTreeSet<usize> = (0..all.len().min(policy.recent as usize)).collect();
    let mut seen_days = BTreeSet::new();
    for (i, b) in all.iter().enumerate() {
        let day = b.taken_at.date_naive();
        let age = (today - day).num_days();
        if age >= 0 && age < i64::from(policy.days) && seen_days.insert(day) {
            keep.insert(i); // newest of that day, since the list is newest first
        }
    }
    let mut removed = 0;
    for (i, b) in all.iter().enumerate() {
        if !keep.contains(&i) {
            std::fs::remove_file(&b.path).map_err(VaultError::io(IoOp::Backup))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Removes `backup` if it is still the same file as `vault` (a hard link to it, or a copy with
/// the same bytes): used when the operation it was kept for changed nothing. A backup of a
/// version the vault no longer is stays.
pub(crate) fn discard_if_same(backup: &Path, vault: &Path) {
    let same = match (std::fs::read(backup), std::fs::read(vault)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        let _ = std::fs::remove_file(backup);
    }
}

/// The backups that still hold what was destroyed at `destroyed_at`: every backup taken at or
/// before it (a backup is the file as it was before the save that took it, so the save of a
/// destruction keeps one more copy with the dossier).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BackupExposure {
    /// Backups that still hold it.
    pub count: usize,
    /// Of those, backups kept before an update of the vault's format, which are never
    /// pruned: they stay until purged.
    pub kept_until_purged: usize,
    /// The day after which the others are pruned at the latest by the day rule (the newest
    /// `recent` saves are kept too, so with daily use this is when they are gone).
    pub until: Option<NaiveDate>,
}

fn holding(vault: &Path, destroyed_at: DateTime<Utc>) -> Vec<BackupFile> {
    list(vault)
        .into_iter()
        .filter(|b| b.taken_at <= destroyed_at)
        .collect()
}

/// How many backups still hold what was destroyed at `destroyed_at`, and until when.
pub fn exposure(vault: &Path, destroyed_at: DateTime<Utc>, policy: BackupPolicy) -> BackupExposure {
    let held = holding(vault, destroyed_at);
    let until = held
        .iter()
        .filter(|b| !b.pre_migration)
        .map(|b| b.taken_at.date_naive() + chrono::Days::new(u64::from(policy.days)))
        .max();
    BackupExposure {
        count: held.len(),
        kept_until_purged: held.iter().filter(|b| b.pre_migration).count(),
        until,
    }
}

/// Removes every backup that still holds what was destroyed at `destroyed_at` (pre-update
/// backups too). Returns how many were removed.
pub fn purge_holding(vault: &Path, destroyed_at: DateTime<Utc>) -> Result<usize, VaultError> {
    let held = holding(vault, destroyed_at);
    for b in &held {
        std::fs::remove_file(&b.path).map_err(VaultError::io(IoOp::Backup))?;
    }
    Ok(held.len())
}
