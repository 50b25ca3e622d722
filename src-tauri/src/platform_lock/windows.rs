//! Windows: a hidden top-level window of our own, on its own thread with its own message
//! loop, hears sleep (`WM_POWERBROADCAST` with `PBT_APMSUSPEND`, which Windows broadcasts to
//! top-level windows and waits for briefly) and, registered with
//! `WTSRegisterSessionNotification`, the session's lock (`WM_WTSSESSION_CHANGE` with
//! `WTS_SESSION_LOCK`). This module cannot run in this project's Linux CI; the desktop
//! workflow compiles it on Windows.
#![allow(unsafe_code)]

use super::OnAway;
use std::sync::OnceLock;
use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
use windows_sys::Win32::System::RemoteDesktop::{
    NOTIFY_FOR_THIS_SESSION, WTSRegisterSessionNotification,
};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    CreateWindowExW, DefWindowProcW, DispatchMessageW, GetMessageW, MSG, PBT_APMSUSPEND,
    RegisterClassW, TranslateMessage, WM_POWERBROADCAST, WM_WTSSESSION_CHANGE, WNDCLASSW,
    WTS_SESSION_LOCK,
};

/// What the window procedure calls (it has no other way to reach the app).
static ON_AWAY: OnceLock<OnAway> = OnceLock::new();

unsafe extern "system" fn window_proc(
    hwnd: HWND,
    msg: u32,
    wparam: WPARAM,
    lparam: LPARAM,
) -> LRESULT {
    let away = match msg {
        WM_POWERBROADCAST => wparam as u32 == PBT_APMSUSPEND,
        WM_WTSSESSION_CHANGE => wparam as u32 == WTS_SESSION_LOCK,
        _ => false,
    };
    if away && let Some(on_away) = ON_AWAY.get() {
        on_away();
    }
    if msg == WM_POWERBROADCAST {
        return 1; // TRUE: handled
    }
    // SAFETY: the arguments are the ones this window procedure was called with.
    unsafe { DefWindowProcW(hwnd, msg, wparam, lparam) }
}

/// Starts the window's thread; returns how many hooks it set (sleep, and session lock when
/// the registration worked), or 0.
pub fn watch(on_away: OnAway) -> usize {
    if ON_AWAY.set(on_away).is_err() {
        return 0;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("kluis-power".into())
        .spawn(move || {
            let class: Vec<u16> = "KluisPowerWatch\0".encode_utf16().collect();
            // SAFETY: plain Win32 calls on this thread; `class` outlives the window, which
            // lives as long as the thread's message loop (the app's lifetime).
            unsafe {
                let instance = GetModuleHandleW(std::ptr::null());
                let mut wc: WNDCLASSW = std::mem::zeroed();
                wc.lpfnWndProc = Some(window_proc);
                wc.hInstance = instance;
                wc.lpszClassName = class.as_ptr();
                if RegisterClassW(&wc) == 0 {
                    let _ = tx.send(0);
                    return;
                }
                // Not a message-only window: those receive no broadcasts. Never shown.
                let hwnd = CreateWindowExW(
                    0,
                    class.as_ptr(),
                    class.as_ptr(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    instance,
                    std::ptr::null(),
                );
                if hwnd.is_null() {
                    let _ = tx.send(0);
                    return;
                }
                let session = WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION) != 0;
                let _ = tx.send(1 + usize::from(session));
                let mut msg: MSG = std::mem::zeroed();
                while GetMessageW(&mut msg, std::ptr::null_mut(), 0, 0) > 0 {
                    TranslateMessage(&msg);
                    DispatchMessageW(&msg);
                }
            }
        });
    match spawned {
        Ok(_) => rx.recv().unwrap_or(0),
        Err(_) => 0,
    }
}
