//! The clipboard: the app clears what it copied after 10 s, on lock and on quit, and never
//! touches text the user copied elsewhere. What it copies is marked as secret, so clipboard
//! managers keep it out of their history (and Windows out of its cloud clipboard): on Linux
//! the `x-kde-passwordManagerHint` target that KDE Klipper, GNOME extensions and most
//! managers honour; on macOS the concealed type of nspasteboard.org; on Windows the
//! history and cloud exclusion formats. A manager that ignores these hints may still keep
//! the text until the app clears it.

use crate::error::{IpcError, IpcResult};
use crate::state::{ClipboardGuard, Preferences};
use kluis::error::ErrorCode;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_clipboard_manager::Clipboard;

/// The app's own clipboard connection for secret writes. On X11 the text is served by this
/// connection for as long as it lives, so it is kept for the app's lifetime.
#[derive(Default)]
pub struct SecretClipboard(std::sync::Mutex<Option<arboard::Clipboard>>);

impl SecretClipboard {
    /// Writes `text` marked as secret; `false` when the platform's clipboard is not
    /// reachable this way (the caller then writes it plainly).
    fn write(&self, text: &str) -> bool {
        let Ok(mut slot) = self.0.lock() else {
            return false;
        };
        if slot.is_none() {
            *slot = arboard::Clipboard::new().ok();
        }
        let Some(clipboard) = slot.as_mut() else {
            return false;
        };
        let set = clipboard.set();
        #[cfg(any(
            target_os = "linux",
            target_os = "freebsd",
            target_os = "openbsd",
            target_os = "netbsd",
            target_os = "dragonfly"
        ))]
        let set = {
            use arboard::SetExtLinux as _;
            set.exclude_from_history()
        };
        #[cfg(target_os = "macos")]
        let set = {
            use arboard::SetExtApple as _;
            set.exclude_from_history()
        };
        #[cfg(windows)]
        let set = {
            use arboard::SetExtWindows as _;
            set.exclude_from_history().exclude_from_cloud()
        };
        set.text(text.to_owned()).is_ok()
    }
}

/// Writes text to the system clipboard, marked as secret where the platform allows.
pub fn write<R: Runtime>(app: &AppHandle<R>, text: &str) -> IpcResult<()> {
    if app
        .try_state::<SecretClipboard>()
        .is_some_and(|secret| secret.write(text))
    {
        return Ok(());
    }
    let lang = app
        .try_state::<Preferences>()
        .map(|p| p.language())
        .unwrap_or_default();
    let clipboard = app
        .try_state::<Clipboard<R>>()
        .ok_or_else(|| IpcError::from_code(ErrorCode::Internal, lang))?;
    clipboard
        .write_text(text)
        .map_err(|_| IpcError::from_code(ErrorCode::Io, lang))
}

/// After a lock: tells the window first (it drops every store and shows the unlock screen),
/// then clears the clipboard if it holds the app's copy, on a thread of its own. Reading the
/// clipboard can wait on whichever program owns it (an X11 selection owner that does not
/// answer blocked the main loop for good in the end-to-end tests), and neither the lock
/// screen nor the main loop, which also delivers the sleep and screen-lock signals, may wait
/// for that.
pub fn after_lock<R: Runtime>(app: &AppHandle<R>) {
    let _ = app.emit("vault-locked", ());
    let app = app.clone();
    std::thread::spawn(move || clear_if_ours(&app, None));
}

/// Clears the clipboard if it still holds the app's copy (`generation`, or any when `None`).
pub fn clear_if_ours<R: Runtime>(app: &AppHandle<R>, generation: Option<u64>) {
    let (Some(clipboard), Some(guard)) = (
        app.try_state::<Clipboard<R>>(),
        app.try_state::<ClipboardGuard>(),
    ) else {
        return;
    };
    let current = clipboard.read_text().unwrap_or_default();
    if guard.take_if_ours(generation, &current) {
        let _ = clipboard.write_text("");
    }
}
