//! Process hardening, called first thing by the CLI and the desktop app: a crash must not
//! write the decrypted database, the notes or a passphrase into a core dump (issue 9, item 2).
//!
//! On every Unix the core-file limit is set to 0 (soft and hard, so it cannot be raised
//! again). On Linux the process is also marked not dumpable (`PR_SET_DUMPABLE` 0), which
//! additionally stops other processes of the same user from attaching a debugger or reading
//! `/proc/<pid>/mem`. A crash reporter that ignores the limit (systemd-coredump honours it)
//! and macOS/Windows crash reporting are outside this function; see the note in
//! docs/architecture.md. Locking pages in memory (`mlock`) is not done: SQLite's heap grows
//! with the database and the default `RLIMIT_MEMLOCK` is far smaller.
//!
//! This module and `store::heap` are the only ones that use `unsafe`.
#![allow(unsafe_code)]

/// What [`harden`] achieved (best effort: a refused call is not an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hardened {
    /// The core-file limit is 0.
    pub core_dumps_off: bool,
    /// The process is not dumpable (Linux only).
    pub not_dumpable: bool,
}

/// Turns off core dumps for this process and, on Linux, makes it not dumpable.
pub fn harden() -> Hardened {
    #[cfg(unix)]
    {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit only reads the valid, initialised struct it is given.
        let core_dumps_off = unsafe { libc::setrlimit(libc::RLIMIT_CORE, &none) } == 0;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        // SAFETY: PR_SET_DUMPABLE takes plain integer arguments and touches no memory of ours.
        let not_dumpable =
            unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0 as libc::c_ulong, 0, 0, 0) } == 0;
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let not_dumpable = false;
        Hardened {
            core_dumps_off,
            not_dumpable,
        }
    }
    #[cfg(not(unix))]
    Hardened {
        core_dumps_off: false,
        not_dumpable: false,
    }
}
