//! The auto-lock timer and its clock. The idle time must count time the computer spent
//! asleep: a laptop closed for an hour with an unlocked vault must lock at once when it wakes.
//! `std::time::Instant` does not do that on Linux (CLOCK_MONOTONIC stops in suspend) nor on
//! macOS (mach_absolute_time), so the timer reads a clock that keeps running:
//! CLOCK_BOOTTIME on Linux, CLOCK_MONOTONIC on macOS (Darwin's counts sleep; its
//! CLOCK_UPTIME_RAW does not), and on Windows `Instant` itself (QueryPerformanceCounter
//! counts sleep). The clock is passed in ([`IdleClock`]) so the tests can suspend a fake one.

use std::sync::Arc;
use std::time::Duration;

/// A clock that keeps running while the computer sleeps: time since an arbitrary origin.
pub trait IdleClock: Send + Sync {
    /// Now, as time since the clock's origin.
    fn now(&self) -> Duration;
}

/// The platform's clock that counts suspend (see the module docs).
#[derive(Debug, Default, Clone, Copy)]
pub struct BootClock;

impl IdleClock for BootClock {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn now(&self) -> Duration {
        timespec(rustix::time::clock_gettime(rustix::time::ClockId::Boottime))
    }

    #[cfg(target_os = "macos")]
    fn now(&self) -> Duration {
        timespec(rustix::time::clock_gettime(
            rustix::time::ClockId::Monotonic,
        ))
    }

    #[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
    fn now(&self) -> Duration {
        // Windows: Instant is QueryPerformanceCounter, which counts sleep and hibernation.
        static ORIGIN: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        ORIGIN.get_or_init(std::time::Instant::now).elapsed()
    }
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn timespec(t: rustix::time::Timespec) -> Duration {
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

/// The clock the app uses.
pub fn system_clock() -> Arc<dyn IdleClock> {
    Arc::new(BootClock)
}

/// When the vault was last used, and how long it may stay idle; read on an [`IdleClock`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleTimer {
    last_activity: Duration,
    limit: Duration,
}

impl IdleTimer {
    /// A timer that starts now.
    pub fn new(now: Duration, limit: Duration) -> IdleTimer {
        IdleTimer {
            last_activity: now,
            limit,
        }
    }

    /// Records activity at `now` (never moves the timer back).
    pub fn touch(&mut self, now: Duration) {
        self.last_activity = self.last_activity.max(now);
    }

    /// Whether the vault has been idle at least the limit at `now`.
    pub fn expired(&self, now: Duration) -> bool {
        now.saturating_sub(self.last_activity) >= self.limit
    }

    /// The idle limit.
    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// Sets the idle limit.
    pub fn set_limit(&mut self, limit: Duration) {
        self.limit = limit;
    }

    /// Test support: pretends the last activity was `ago` earlier.
    pub fn backdate(&mut self, ago: Duration) {
        self.last_activity = self.last_activity.saturating_sub(ago);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// A laptop's two clocks: `awake` stops in suspend (CLOCK_MONOTONIC, std's Instant on
    /// Linux), `boot` keeps running (CLOCK_BOOTTIME).
    #[derive(Default)]
    struct Laptop {
        awake: Mutex<Duration>,
        boot: Mutex<Duration>,
    }

    impl Laptop {
        fn run(&self, d: Duration) {
            *self.awake.lock().expect("lock") += d;
            *self.boot.lock().expect("lock") += d;
        }
        fn suspend(&self, d: Duration) {
            *self.boot.lock().expect("lock") += d;
        }
    }

    struct Awake<'a>(&'a Laptop);
    struct Boot<'a>(&'a Laptop);
    impl IdleClock for Awake<'_> {
        fn now(&self) -> Duration {
            *self.0.awake.lock().expect("lock")
        }
    }
    impl IdleClock for Boot<'_> {
        fn now(&self) -> Duration {
            *self.0.boot.lock().expect("lock")
        }
    }

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn time_asleep_counts_as_idle_time() {
        let laptop = Laptop::default();
        laptop.run(Duration::from_secs(3600));
        for (clock, name, locks) in [
            (
                &Boot(&laptop) as &dyn IdleClock,
                "a clock that runs in suspend",
                true,
            ),
            (
                &Awake(&laptop),
                "a clock that stops in suspend (the old Instant)",
                false,
            ),
        ] {
            let mut timer = IdleTimer::new(clock.now(), 5 * MIN);
            laptop.run(MIN);
            timer.touch(clock.now());
            laptop.run(MIN);
            assert!(
                !timer.expired(clock.now()),
                "{name}: one idle minute is not five"
            );
            laptop.suspend(60 * MIN);
            laptop.run(Duration::from_secs(1));
            assert_eq!(
                timer.expired(clock.now()),
                locks,
                "{name}: an hour asleep, one second awake: locks at once only with a clock \
                 that counted the hour"
            );
        }
    }

    #[test]
    fn the_timer_follows_activity_and_its_limit() {
        let mut t = IdleTimer::new(Duration::from_secs(100), 5 * MIN);
        assert!(!t.expired(Duration::from_secs(100) + 5 * MIN - Duration::from_secs(1)));
        assert!(
            t.expired(Duration::from_secs(100) + 5 * MIN),
            "at the limit it expires"
        );
        t.touch(Duration::from_secs(200));
        t.touch(Duration::from_secs(150));
        assert!(
            !t.expired(Duration::from_secs(200) + 4 * MIN),
            "a late touch from an earlier reading never moves the timer back"
        );
        t.set_limit(MIN);
        assert!(
            t.expired(Duration::from_secs(200) + MIN),
            "a shorter limit applies at once"
        );
        assert!(
            !t.expired(Duration::from_secs(10)),
            "a clock reading before the last activity is not idle time"
        );
    }

    #[test]
    fn the_system_clock_never_runs_backwards() {
        let clock = BootClock;
        let a = clock.now();
        std::thread::sleep(Duration::from_millis(5));
        let b = clock.now();
        assert!(
            b >= a + Duration::from_millis(5),
            "the boot clock advances with real time: {a:?} then {b:?}"
        );
        #[cfg(target_os = "linux")]
        {
            let monotonic = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
            assert!(
                clock.now() >= timespec(monotonic),
                "CLOCK_BOOTTIME is CLOCK_MONOTONIC plus the time spent in suspend, never less"
            );
        }
    }
}
