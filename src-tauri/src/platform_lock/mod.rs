//! Locks the vault when the platform says the user is away (sleep, screen lock), one module
//! per platform:
//!
//! - Linux ([`linux`]): logind's `PrepareForSleep(true)` and session `Lock` (system bus), the
//!   freedesktop/GNOME screensaver's `ActiveChanged(true)` (session bus), and a logind
//!   *delay* inhibitor for sleep, so the lock and its save finish before the machine sleeps;
//! - macOS (`macos`): NSWorkspace's will-sleep, screens-did-sleep and session-resign
//!   notifications, and the distributed `com.apple.screenIsLocked`;
//! - Windows (`windows`): a hidden window that hears `WM_POWERBROADCAST`/`PBT_APMSUSPEND`
//!   and, registered with `WTSRegisterSessionNotification`, `WTS_SESSION_LOCK`.
//!
//! Where nothing can be watched (a server, CI without D-Bus) auto-lock on idle still applies,
//! and its clock counts time asleep ([`crate::idle`]).

use std::sync::Arc;
use tauri::{AppHandle, Runtime};

#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(target_os = "windows")]
mod windows;

/// What to do when the platform reports sleep or screen lock: lock (and save) now, before
/// returning. Called on the main thread on Linux and macOS, on the hook's own thread on
/// Windows.
pub type OnAway = Arc<dyn Fn() + Send + Sync>;

/// Subscribes to the platform's sleep and screen-lock signals; returns how many it watches.
/// Must run on the main thread (Linux: the GLib main context that Tauri drives; macOS: the
/// main operation queue).
pub fn watch<R: Runtime>(_app: &AppHandle<R>, on_away: OnAway) -> usize {
    #[cfg(target_os = "linux")]
    return linux::watch(on_away);
    #[cfg(target_os = "macos")]
    return macos::watch(on_away);
    #[cfg(target_os = "windows")]
    return windows::watch(on_away);
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
    {
        let _ = on_away;
        0
    }
}

/// A sleep *delay* inhibitor kept while the app runs (logind's `Inhibit("sleep", ...,
/// "delay")` on Linux): the system waits (up to its InhibitDelayMaxSec, 5 s by default) until
/// it is released. Going to sleep, the vault is locked and saved first and only then the
/// inhibitor released; after waking a new one is taken for the next sleep. (macOS and Windows
/// give the app time to handle their sleep notification before sleeping, so only Linux uses
/// it.)
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub struct SleepInhibitor<T> {
    held: Option<T>,
    take: Box<dyn Fn() -> Option<T>>,
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
impl<T> SleepInhibitor<T> {
    /// Takes the first inhibitor (`take` returns `None` where none can be had: then sleep
    /// simply is not delayed).
    pub fn new(take: Box<dyn Fn() -> Option<T>>) -> Self {
        let held = take();
        SleepInhibitor { held, take }
    }

    /// Whether an inhibitor is held.
    pub fn held(&self) -> bool {
        self.held.is_some()
    }

    /// Handles `PrepareForSleep(going)`: going to sleep, runs `lock` and then releases the
    /// inhibitor (dropping it closes its file descriptor); after waking, takes a new one.
    pub fn prepare_for_sleep(&mut self, going: bool, lock: impl FnOnce()) {
        if going {
            lock();
            drop(self.held.take());
        } else if self.held.is_none() {
            self.held = (self.take)();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// An inhibitor that writes its release into the log when dropped.
    struct Fd(u32, Rc<RefCell<Vec<String>>>);
    impl Drop for Fd {
        fn drop(&mut self) {
            self.1.borrow_mut().push(format!("release {}", self.0));
        }
    }

    #[test]
    fn sleep_waits_for_the_lock_and_the_inhibitor_comes_back_after_waking() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let n = Rc::new(RefCell::new(0));
        let (l, c) = (log.clone(), n.clone());
        let mut inhibitor = SleepInhibitor::new(Box::new(move || {
            *c.borrow_mut() += 1;
            let id = *c.borrow();
            l.borrow_mut().push(format!("take {id}"));
            Some(Fd(id, l.clone()))
        }));
        assert!(inhibitor.held(), "an inhibitor is held from the start");
        inhibitor.prepare_for_sleep(true, || log.borrow_mut().push("lock".into()));
        assert!(!inhibitor.held(), "released for the sleep to go on");
        inhibitor.prepare_for_sleep(false, || panic!("waking does not lock"));
        inhibitor.prepare_for_sleep(false, || panic!("waking does not lock"));
        assert_eq!(
            *log.borrow(),
            ["take 1", "lock", "release 1", "take 2"],
            "the vault locks before the inhibitor is released, and one new inhibitor is \
             taken after waking"
        );
    }

    #[test]
    fn without_an_inhibitor_sleep_still_locks() {
        let mut inhibitor: SleepInhibitor<()> = SleepInhibitor::new(Box::new(|| None));
        let mut locked = false;
        inhibitor.prepare_for_sleep(true, || locked = true);
        assert!(
            locked,
            "no logind (a container): the lock still runs on PrepareForSleep"
        );
    }
}
