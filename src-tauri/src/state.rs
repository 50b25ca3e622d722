//! Managed state. Each type owns its own lock: [`Session`] (the unlocked vault, absent when
//! locked), [`Preferences`] (language and recent vaults, in the platform's config folder; no
//! case data), [`DemoVault`] (the synthetic demo vault of this run) and [`ClipboardGuard`].

use crate::error::{IpcError, IpcResult};
use crate::idle::{IdleClock, IdleTimer};
use kluis::store::{Store, StoreError};
use kluis::vault::{Sealed, Unlock, Vault};
use kluis::{Clock, Lang};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

/// Whether the last save worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SaveState {
    /// Everything is on disk.
    Saved,
    /// The last save failed; the change is kept in memory and saved with the next one.
    Error,
}

/// A change that could not be saved when the vault locked, and what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KeptChange {
    /// Nothing was kept.
    None,
    /// Locked with a change that could not be saved: it is kept, encrypted, until unlock.
    Kept,
    /// Unlocked a kept change and saved it.
    Saved,
    /// Unlocked a kept change but the save failed again: it stays in memory (retried).
    NotSaved,
}

/// The unlocked vault and its idle timer.
struct Unlocked {
    vault: Vault,
    /// Whether this unlock brought back a kept change.
    kept: KeptChange,
    /// Idle time, on a clock that counts suspend ([`crate::idle`]).
    idle: IdleTimer,
    save_state: SaveState,
    /// The last prepared report (dropped with the vault on lock).
    report_cache: kluis::report::export::PrepareCache,
}

/// What an operation that saves by itself ([`Session::save_through`]) left behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// It changed the vault and saved it.
    Yes,
    /// It changed the vault in memory but the save failed.
    No,
    /// It changed nothing.
    Unchanged,
}

/// Called with the new save state after every save attempt (the app emits `save-state`).
pub type SaveNotifier = Box<dyn Fn(SaveState) + Send + Sync>;

/// The unlocked vault, or nothing when locked. A vault that locked while its save failed is
/// kept sealed (ciphertext only, see [`kluis::vault::Sealed`]) until it is unlocked again.
/// Lock order: `inner` before `sealed`.
pub struct Session {
    inner: Mutex<Option<Unlocked>>,
    sealed: Mutex<Option<Sealed>>,
    notifier: Mutex<Option<SaveNotifier>>,
    clock: Arc<dyn IdleClock>,
}

impl Default for Session {
    fn default() -> Self {
        Session::with_clock(crate::idle::system_clock())
    }
}

/// What the UI may know about the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct VaultStatus {
    /// Whether a vault is unlocked.
    pub unlocked: bool,
    /// The vault's file name without extension.
    pub name: Option<String>,
    /// The vault's path.
    pub path: Option<String>,
    /// Unlocked with the recovery key (a new passphrase should be set).
    pub recovery_key_used: bool,
    /// Whether the last save worked.
    pub save_state: SaveState,
    /// Idle minutes before auto-lock.
    pub autolock_minutes: u32,
    /// A change that could not be saved when the vault locked: `kept` while locked (the
    /// unlock screen says so), `saved` or `not_saved` after the unlock that brought it back.
    pub kept_change: KeptChange,
}

fn vault_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Session {
    /// A locked session whose idle timer reads `clock` (the tests pass one they can suspend).
    pub fn with_clock(clock: Arc<dyn IdleClock>) -> Session {
        Session {
            inner: Mutex::default(),
            sealed: Mutex::default(),
            notifier: Mutex::default(),
            clock,
        }
    }

    /// Takes an opened vault as the session (replacing and locking any previous one).
    pub fn unlock(&self, vault: Vault) -> VaultStatus {
        let minutes = vault
            .store()
            .settings()
            .map(|s| s.autolock_minutes)
            .unwrap_or(5);
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(mut old) = guard.take() {
            // The commands lock (and so save or seal) first; this is a last resort.
            if old.vault.save(Clock::system()).is_err()
                && let Ok(sealed) = old.vault.seal()
            {
                self.keep_sealed(sealed);
            }
        }
        *guard = Some(Unlocked {
            vault,
            kept: KeptChange::None,
            idle: IdleTimer::new(
                self.clock.now(),
                Duration::from_secs(u64::from(minutes) * 60),
            ),
            save_state: SaveState::Saved,
            report_cache: Default::default(),
        });
        status_of(guard.as_ref())
    }

    /// The session's status.
    pub fn status(&self) -> VaultStatus {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none()
            && let Some(s) = self
                .sealed
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .as_ref()
        {
            return VaultStatus {
                name: Some(vault_name(s.path())),
                path: Some(s.path().to_string_lossy().into_owned()),
                save_state: SaveState::Error,
                kept_change: KeptChange::Kept,
                ..status_of(None)
            };
        }
        status_of(guard.as_ref())
    }

    fn keep_sealed(&self, sealed: Sealed) {
        let mut slot = self.sealed.lock().unwrap_or_else(|p| p.into_inner());
        // Only one vault is unlocked at a time and another is refused while one is sealed
        // (`refuse_if_kept`), so the slot is empty here; were it not, the older change is
        // put on disk rather than dropped.
        if let Some(older) = slot.take() {
            let _ = older.write_back(Clock::system());
        }
        *slot = Some(sealed);
    }

    /// Refuses (`change_kept`) when a change to a vault other than `path` is kept sealed:
    /// that vault must be unlocked first, or its change would wait unseen. `None` (a new
    /// vault) is never the sealed one.
    pub fn refuse_if_kept(&self, path: Option<&Path>, lang: Lang) -> IpcResult<()> {
        match self
            .sealed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            Some(s) if !path.is_some_and(|p| s.is_for(p)) => Err(IpcError::from_code(
                kluis::error::ErrorCode::ChangeKept,
                lang,
            )),
            _ => Ok(()),
        }
    }

    /// Opens the vault at `path` and makes it the session (the caller has locked any other
    /// first). When that vault was sealed with a kept change, the sealed change is unlocked
    /// and saved instead of the older file on disk; the status says whether the save worked
    /// (`kept_change`). A wrong passphrase leaves the sealed change as it was.
    pub fn open(&self, path: &Path, unlock: &Unlock, lang: Lang) -> IpcResult<VaultStatus> {
        self.refuse_if_kept(Some(path), lang)?;
        let sealed = self.sealed.lock().unwrap_or_else(|p| p.into_inner()).take();
        let Some(sealed) = sealed else {
            let vault = Vault::open(path, unlock, Clock::system())
                .map_err(|e| IpcError::from_core(&e, lang))?;
            return Ok(self.unlock(vault));
        };
        match sealed.unlock(unlock, Clock::system()) {
            Ok(unsealed) => {
                let saved = unsealed.saved.is_ok();
                self.unlock(unsealed.vault);
                let state = {
                    let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
                    if let Some(u) = guard.as_mut() {
                        (u.kept, u.save_state) = if saved {
                            (KeptChange::Saved, SaveState::Saved)
                        } else {
                            (KeptChange::NotSaved, SaveState::Error)
                        };
                    }
                    status_of(guard.as_ref())
                };
                self.notify(state.save_state);
                Ok(state)
            }
            Err((sealed, e)) => {
                self.keep_sealed(sealed);
                Err(IpcError::from_core(&e, lang))
            }
        }
    }

    /// At quit: locks (sealing a change that cannot be saved), then tries once more to put a
    /// kept change in the vault's own file, and otherwise writes it as a new vault file
    /// (same passphrase, ciphertext only) in `recovery_dir`. Returns that file's path.
    pub fn close_for_exit(&self, recovery_dir: Option<&Path>) -> Option<PathBuf> {
        let _ = self.lock(Lang::Nl);
        let sealed = self
            .sealed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()?;
        let clock = Clock::system();
        if sealed.write_back(clock).is_ok() {
            return None;
        }
        let dir = recovery_dir?;
        std::fs::create_dir_all(dir).ok()?;
        let stamp = clock.now.format("%Y%m%d-%H%M%S");
        let name = vault_name(sealed.path());
        (0..100).find_map(|n| {
            let suffix = if n == 0 {
                String::new()
            } else {
                format!("-{n}")
            };
            let dest = dir.join(format!("{name}-herstel-{stamp}{suffix}.kluis"));
            sealed.write_copy(&dest).ok().map(|()| dest)
        })
    }

    /// Looks at the unlocked vault itself, if any, without counting as activity.
    pub fn peek<T>(&self, f: impl FnOnce(&Vault) -> T) -> Option<T> {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().map(|u| f(&u.vault))
    }

    /// Reads from the unlocked vault.
    pub fn read<T>(
        &self,
        lang: Lang,
        f: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> IpcResult<T> {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let u = guard.as_mut().ok_or_else(|| IpcError::not_unlocked(lang))?;
        u.idle.touch(self.clock.now());
        f(u.vault.store()).map_err(|e| IpcError::from_core(&e, lang))
    }

    /// Reads from the unlocked vault with an operation that maps its own errors (a report,
    /// whose errors are not store errors).
    pub fn inspect<T>(&self, lang: Lang, f: impl FnOnce(&Store) -> IpcResult<T>) -> IpcResult<T> {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let u = guard.as_mut().ok_or_else(|| IpcError::not_unlocked(lang))?;
        u.idle.touch(self.clock.now());
        f(u.vault.store())
    }

    /// Prepares a report, reusing the session's last one when only the narrative changed.
    pub fn prepare_report(
        &self,
        lang: Lang,
        req: &kluis::report::export::ReportRequest,
    ) -> IpcResult<Result<kluis::report::export::PreparedReport, kluis::report::ReportError>> {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let u = guard.as_mut().ok_or_else(|| IpcError::not_unlocked(lang))?;
        u.idle.touch(self.clock.now());
        Ok(kluis::report::export::prepare_cached(
            u.vault.store(),
            req,
            &mut u.report_cache,
        ))
    }

    /// Runs an operation that changes the vault and saves it by itself (a report export
    /// records the release ledger and export log, then saves before the file appears). The
    /// operation tells what it left behind; the save state follows: [`Saved::Yes`] clears an
    /// earlier error, [`Saved::No`] (changed in memory, not on disk) turns it to `error` so
    /// [`Session::retry_save`] keeps trying, [`Saved::Unchanged`] leaves it alone.
    pub fn save_through<T>(
        &self,
        lang: Lang,
        f: impl FnOnce(&mut Vault, Clock) -> (IpcResult<T>, Saved),
    ) -> IpcResult<T> {
        let (result, state) = {
            let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            let u = guard.as_mut().ok_or_else(|| IpcError::not_unlocked(lang))?;
            u.idle.touch(self.clock.now());
            let (result, saved) = f(&mut u.vault, Clock::system());
            match saved {
                Saved::Yes => u.save_state = SaveState::Saved,
                Saved::No => u.save_state = SaveState::Error,
                Saved::Unchanged => return result,
            }
            (result, u.save_state)
        };
        self.notify(state);
        result
    }

    /// Sets who hears about save results.
    pub fn set_notifier(&self, notifier: SaveNotifier) {
        *self.notifier.lock().unwrap_or_else(|p| p.into_inner()) = Some(notifier);
    }

    fn notify(&self, state: SaveState) {
        if let Some(n) = self
            .notifier
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            n(state);
        }
    }

    /// Changes the unlocked vault and saves it. A failed change saves nothing and returns its
    /// error. A change that worked is returned even if the save fails: it stays in memory,
    /// the save state turns to `error` (the UI is told through the notifier) and
    /// [`Session::retry_save`] keeps trying; locking refuses until a save succeeds.
    pub fn change<T>(
        &self,
        lang: Lang,
        f: impl FnOnce(&mut Store, Clock) -> Result<T, StoreError>,
    ) -> IpcResult<T> {
        let (value, state) = {
            let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            let u = guard.as_mut().ok_or_else(|| IpcError::not_unlocked(lang))?;
            u.idle.touch(self.clock.now());
            let clock = Clock::system();
            let value = f(u.vault.store_mut(), clock).map_err(|e| IpcError::from_core(&e, lang))?;
            u.save_state = match u.vault.save(clock) {
                Ok(()) => SaveState::Saved,
                Err(_) => SaveState::Error,
            };
            (value, u.save_state)
        };
        self.notify(state);
        Ok(value)
    }

    /// Saves again if the last save failed; returns the new state (None when locked or
    /// nothing to retry).
    pub fn retry_save(&self) -> Option<SaveState> {
        let state = {
            let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            let u = guard.as_mut()?;
            if u.save_state != SaveState::Error {
                return None;
            }
            if u.vault.save(Clock::system()).is_ok() {
                u.save_state = SaveState::Saved;
            }
            u.save_state
        };
        self.notify(state);
        Some(state)
    }

    /// Runs an operation on the vault itself (passphrase change, backup).
    pub fn with_vault<T>(
        &self,
        lang: Lang,
        f: impl FnOnce(&mut Vault) -> Result<T, kluis::vault::VaultError>,
    ) -> IpcResult<T> {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let u = guard.as_mut().ok_or_else(|| IpcError::not_unlocked(lang))?;
        u.idle.touch(self.clock.now());
        f(&mut u.vault).map_err(|e| IpcError::from_core(&e, lang))
    }

    /// Sets the idle time before auto-lock.
    pub fn set_autolock(&self, minutes: u32) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(u) = guard.as_mut() {
            u.idle
                .set_limit(Duration::from_secs(u64::from(minutes) * 60));
        }
    }

    /// Records user activity. Never waits: while a long operation (a report being prepared)
    /// holds the vault, that operation counts as activity itself, and the UI thread that
    /// calls this must not block behind it.
    pub fn touch(&self) {
        let mut guard = match self.inner.try_lock() {
            Ok(g) => g,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return,
        };
        if let Some(u) = guard.as_mut() {
            u.idle.touch(self.clock.now());
        }
    }

    /// Saves and locks: the vault, its keys and the database are dropped. The lock fails
    /// closed: if the save fails, the vault is sealed (encrypted in memory as the save would
    /// have written it; only ciphertext is kept) and locked all the same, and the change is
    /// saved after the next unlock. Only when even sealing fails (the image cannot be read or
    /// is over the size cap) does the vault stay unlocked, with the error. Returns whether a
    /// vault was unlocked.
    pub fn lock(&self, lang: Lang) -> IpcResult<bool> {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let Some(mut u) = guard.take() else {
            return Ok(false);
        };
        if u.vault.save(Clock::system()).is_err() {
            match u.vault.seal() {
                Ok(sealed) => self.keep_sealed(sealed),
                Err((vault, e)) => {
                    u.vault = *vault;
                    u.save_state = SaveState::Error;
                    *guard = Some(u);
                    return Err(IpcError::from_core(&e, lang));
                }
            }
        }
        Ok(true)
    }

    /// Locks if idle longer than the auto-lock time (time asleep counts); returns whether it
    /// locked. Like every lock it fails closed: a vault that cannot be saved is sealed.
    pub fn lock_if_idle(&self) -> bool {
        let idle = {
            let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            match guard.as_ref() {
                Some(u) => u.idle.expired(self.clock.now()),
                None => false,
            }
        };
        idle && self.lock(Lang::Nl).unwrap_or(false)
    }

    /// Test support: pretends the last activity was `ago` earlier.
    pub fn backdate_activity(&self, ago: Duration) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(u) = guard.as_mut() {
            u.idle.backdate(ago);
        }
    }
}

fn status_of(u: Option<&Unlocked>) -> VaultStatus {
    match u {
        None => VaultStatus {
            unlocked: false,
            name: None,
            path: None,
            recovery_key_used: false,
            save_state: SaveState::Saved,
            autolock_minutes: 5,
            kept_change: KeptChange::None,
        },
        Some(u) => VaultStatus {
            unlocked: true,
            name: Some(vault_name(u.vault.path())),
            path: Some(u.vault.path().to_string_lossy().into_owned()),
            recovery_key_used: u.vault.unlocked_with_recovery_key(),
            save_state: u.save_state,
            autolock_minutes: (u.idle.limit().as_secs() / 60) as u32,
            kept_change: u.kept,
        },
    }
}

/// A vault opened recently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RecentVault {
    /// Its path.
    pub path: String,
    /// Its name (file name without extension).
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct PreferenceData {
    #[serde(default)]
    language: Lang,
    #[serde(default)]
    recent: Vec<RecentVault>,
}

/// App preferences in the platform's config folder: language and recent vaults. No case data.
pub struct Preferences {
    file: Mutex<Option<PathBuf>>,
    data: Mutex<PreferenceData>,
}

impl Preferences {
    /// Loads preferences from `file` (missing or unreadable: defaults). `None` keeps them in
    /// memory only (tests).
    pub fn load(file: Option<PathBuf>) -> Preferences {
        let data = file
            .as_ref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Preferences {
            file: Mutex::new(file),
            data: Mutex::new(data),
        }
    }

    /// Takes over another instance's file and data (used once at startup, when the config
    /// folder is known).
    pub fn replace_with(&self, other: Preferences) {
        let data = other.data.into_inner().unwrap_or_else(|p| p.into_inner());
        *self.data.lock().unwrap_or_else(|p| p.into_inner()) = data;
        *self.file.lock().unwrap_or_else(|p| p.into_inner()) =
            other.file.into_inner().unwrap_or_else(|p| p.into_inner());
    }

    fn store(&self, data: &PreferenceData) {
        let file = self.file.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let Some(file) = file else { return };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(bytes) = serde_json::to_vec_pretty(data) {
            let tmp = file.with_extension("json.tmp");
            if std::fs::write(&tmp, bytes).is_ok() {
                let _ = std::fs::rename(&tmp, file);
            }
        }
    }

    /// The UI language.
    pub fn language(&self) -> Lang {
        self.data.lock().unwrap_or_else(|p| p.into_inner()).language
    }

    /// Sets the UI language.
    pub fn set_language(&self, lang: Lang) {
        let mut d = self.data.lock().unwrap_or_else(|p| p.into_inner());
        d.language = lang;
        self.store(&d);
    }

    /// Recent vaults, newest first, only those that still exist.
    pub fn recent(&self) -> Vec<RecentVault> {
        let d = self.data.lock().unwrap_or_else(|p| p.into_inner());
        d.recent
            .iter()
            .filter(|r| Path::new(&r.path).exists())
            .cloned()
            .collect()
    }

    /// Puts a vault at the top of the recent list (at most 8 are kept).
    pub fn remember(&self, path: &Path) {
        let mut d = self.data.lock().unwrap_or_else(|p| p.into_inner());
        let path_text = path.to_string_lossy().into_owned();
        d.recent.retain(|r| r.path != path_text);
        d.recent.insert(
            0,
            RecentVault {
                name: vault_name(path),
                path: path_text,
            },
        );
        d.recent.truncate(8);
        self.store(&d);
    }
}

/// The synthetic demo vault of this run, in a temporary folder removed at exit.
#[derive(Default)]
pub struct DemoVault {
    dir: Mutex<Option<PathBuf>>,
}

impl DemoVault {
    /// The demo vault's path, generating it on first use.
    pub fn path(&self, lang: Lang) -> IpcResult<PathBuf> {
        let mut dir = self.dir.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(d) = dir.as_ref() {
            let p = d.join("demo.kluis");
            if p.exists() {
                return Ok(p);
            }
        }
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let d = std::env::temp_dir().join(format!("kluis-demo-{}-{stamp}", std::process::id()));
        std::fs::create_dir_all(&d)
            .map_err(|_| IpcError::from_code(kluis::error::ErrorCode::Io, lang))?;
        let path = d.join("demo.kluis");
        crate::demo::generate(&path, lang)?;
        *dir = Some(d);
        Ok(path)
    }

    /// Removes the demo folder.
    pub fn remove(&self) {
        if let Some(d) = self.dir.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

/// Remembers what the app put on the clipboard, so it clears only its own text.
#[derive(Default)]
pub struct ClipboardGuard {
    copied: Mutex<Option<(u64, u64)>>, // (generation, hash of the text)
}

/// A non-cryptographic fingerprint of clipboard text (never stored as text).
pub fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl ClipboardGuard {
    /// Records a copy; returns its generation.
    pub fn copied(&self, text: &str) -> u64 {
        let mut c = self.copied.lock().unwrap_or_else(|p| p.into_inner());
        let generation = c.map(|(g, _)| g + 1).unwrap_or(1);
        *c = Some((generation, fingerprint(text)));
        generation
    }

    /// Whether `current` is still the text of copy `generation` (any generation when `None`);
    /// forgets the copy when it is.
    pub fn take_if_ours(&self, generation: Option<u64>, current: &str) -> bool {
        let mut c = self.copied.lock().unwrap_or_else(|p| p.into_inner());
        match *c {
            Some((g, h))
                if generation.is_none_or(|want| want == g) && h == fingerprint(current) =>
            {
                *c = None;
                true
            }
            _ => false,
        }
    }
}
