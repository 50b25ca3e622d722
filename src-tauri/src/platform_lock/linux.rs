//! Linux: logind (system bus) and the screensaver (session bus) through GIO's D-Bus.

use super::{OnAway, SleepInhibitor};
use gio::prelude::*;
use gio::{BusType, Cancellable, DBusCallFlags, DBusConnection, DBusSignalFlags, UnixFDList};
use std::cell::RefCell;
use std::rc::Rc;

const LOGIND: &str = "org.freedesktop.login1";
const LOGIND_PATH: &str = "/org/freedesktop/login1";
const LOGIND_MANAGER: &str = "org.freedesktop.login1.Manager";

/// Takes a logind delay inhibitor for sleep: the returned fd list holds the inhibitor's file
/// descriptor, and dropping it closes the descriptor, which releases the inhibitor.
fn take_inhibitor(conn: &DBusConnection) -> Option<UnixFDList> {
    let args = (
        "sleep",
        "Kluis",
        "De kluis wordt vergrendeld en opgeslagen / Locking and saving the vault",
        "delay",
    )
        .to_variant();
    conn.call_with_unix_fd_list_sync(
        Some(LOGIND),
        LOGIND_PATH,
        LOGIND_MANAGER,
        "Inhibit",
        Some(&args),
        Some(gio::glib::VariantTy::new("(h)").expect("a valid type")),
        DBusCallFlags::NONE,
        5_000,
        None::<&UnixFDList>,
        Cancellable::NONE,
    )
    .ok()
    .map(|(_, fds)| fds)
}

/// Subscribes to the signals; returns how many subscriptions (and inhibitors) it holds.
pub fn watch(on_away: OnAway) -> usize {
    let mut watched = 0;
    let system = gio::bus_get_sync(BusType::System, Cancellable::NONE).ok();
    if let Some(conn) = system.as_ref() {
        // Sleep: lock while holding the delay inhibitor, then release it; take it again after
        // waking.
        let take_conn = conn.clone();
        let inhibitor = Rc::new(RefCell::new(SleepInhibitor::new(Box::new(move || {
            take_inhibitor(&take_conn)
        }))));
        if inhibitor.borrow().held() {
            watched += 1;
        }
        let on_sleep = on_away.clone();
        conn.signal_subscribe(
            Some(LOGIND),
            Some(LOGIND_MANAGER),
            Some("PrepareForSleep"),
            Some(LOGIND_PATH),
            None,
            DBusSignalFlags::NONE,
            move |_, _, _, _, _, params| {
                if let Some((going,)) = params.get::<(bool,)>() {
                    inhibitor
                        .borrow_mut()
                        .prepare_for_sleep(going, || on_sleep());
                }
            },
        );
        watched += 1;
    }
    let subscribe = |conn: Option<DBusConnection>, interface: &str, member: &str| {
        let Some(conn) = conn else {
            return false;
        };
        let on_away = on_away.clone();
        let member_name = member.to_owned();
        conn.signal_subscribe(
            None,
            Some(interface),
            Some(member),
            None,
            None,
            DBusSignalFlags::NONE,
            move |_, _, _, _, _, params| {
                // ActiveChanged(b) carries "true" when the screensaver starts; Lock has no
                // arguments.
                if member_name == "Lock" || params.get::<(bool,)>() == Some((true,)) {
                    on_away();
                }
            },
        );
        true
    };
    let session = gio::bus_get_sync(BusType::Session, Cancellable::NONE).ok();
    for (conn, interface, member) in [
        (system.clone(), "org.freedesktop.login1.Session", "Lock"),
        (
            session.clone(),
            "org.freedesktop.ScreenSaver",
            "ActiveChanged",
        ),
        (session.clone(), "org.gnome.ScreenSaver", "ActiveChanged"),
    ] {
        if subscribe(conn, interface, member) {
            watched += 1;
        }
    }
    // The subscriptions live as long as their connections: keep them for the app's lifetime.
    std::mem::forget(system);
    std::mem::forget(session);
    watched
}
