//! Locks the vault when the platform says the user is away: on Linux, logind's
//! `PrepareForSleep(true)` and session `Lock` signals (system bus) and the freedesktop/GNOME
//! screensaver's `ActiveChanged(true)` (session bus). Where a bus is missing (a server, CI
//! without D-Bus) nothing is watched; auto-lock on idle still applies.

use tauri::{AppHandle, Runtime};

/// What to do when the platform reports sleep or screen lock.
pub type OnAway = std::rc::Rc<dyn Fn()>;

#[cfg(target_os = "linux")]
/// Subscribes to the platform's sleep and screen-lock signals. Must run on the main thread
/// (the GLib main context that Tauri drives).
pub fn watch<R: Runtime>(_app: &AppHandle<R>, on_away: OnAway) -> usize {
    use gio::{BusType, Cancellable, DBusSignalFlags};
    let mut watched = 0;
    let subscribe = |bus: BusType, interface: &str, member: &str, path: Option<&str>| {
        let Ok(conn) = gio::bus_get_sync(bus, Cancellable::NONE) else {
            return false;
        };
        let on_away = on_away.clone();
        let member_name = member.to_owned();
        conn.signal_subscribe(
            None,
            Some(interface),
            Some(member),
            path,
            None,
            DBusSignalFlags::NONE,
            move |_, _, _, _, _, params| {
                // PrepareForSleep(b) and ActiveChanged(b) carry "true" when going away;
                // Lock has no arguments.
                let away = member_name == "Lock" || params.get::<(bool,)>() == Some((true,));
                if away {
                    on_away();
                }
            },
        );
        // The subscription lives as long as the connection: keep it for the app's lifetime.
        std::mem::forget(conn);
        true
    };
    for (bus, interface, member, path) in [
        (
            BusType::System,
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            Some("/org/freedesktop/login1"),
        ),
        (
            BusType::System,
            "org.freedesktop.login1.Session",
            "Lock",
            None,
        ),
        (
            BusType::Session,
            "org.freedesktop.ScreenSaver",
            "ActiveChanged",
            None,
        ),
        (
            BusType::Session,
            "org.gnome.ScreenSaver",
            "ActiveChanged",
            None,
        ),
    ] {
        if subscribe(bus, interface, member, path) {
            watched += 1;
        }
    }
    watched
}

#[cfg(not(target_os = "linux"))]
/// Other platforms: not watched yet (auto-lock on idle still applies).
pub fn watch<R: Runtime>(_app: &AppHandle<R>, _on_away: OnAway) -> usize {
    0
}
