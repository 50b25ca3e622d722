//! macOS: AppKit's workspace notifications (will sleep, screens did sleep, session resigned
//! by fast user switching) and the distributed `com.apple.screenIsLocked`, observed on the
//! main queue for the app's lifetime. This module cannot run in this project's Linux CI; the
//! desktop workflow compiles it on macOS.
#![allow(unsafe_code)]

use super::OnAway;
use block2::RcBlock;
use objc2_app_kit::{
    NSWorkspace, NSWorkspaceScreensDidSleepNotification,
    NSWorkspaceSessionDidResignActiveNotification, NSWorkspaceWillSleepNotification,
};
use objc2_foundation::{
    NSDistributedNotificationCenter, NSNotification, NSOperationQueue, NSString,
};
use std::ptr::NonNull;

/// Subscribes to the notifications; returns how many it observes.
pub fn watch(on_away: OnAway) -> usize {
    let block = RcBlock::new(move |_: NonNull<NSNotification>| on_away());
    let queue = NSOperationQueue::mainQueue();
    let workspace = NSWorkspace::sharedWorkspace().notificationCenter();
    // SAFETY: AppKit's constant notification names, valid for the process's lifetime.
    let names = unsafe {
        [
            NSWorkspaceWillSleepNotification,
            NSWorkspaceScreensDidSleepNotification,
            NSWorkspaceSessionDidResignActiveNotification,
        ]
    };
    let mut watched = 0;
    for name in names {
        // SAFETY: no object filter; the block runs on the main queue (the thread of Tauri's
        // event loop) and only calls `on_away`, which is Send + Sync.
        let observer = unsafe {
            workspace.addObserverForName_object_queue_usingBlock(
                Some(name),
                None,
                Some(&queue),
                &block,
            )
        };
        // Observed for the app's lifetime: the observer is never removed.
        std::mem::forget(observer);
        watched += 1;
    }
    let distributed = NSDistributedNotificationCenter::defaultCenter();
    let screen_locked = NSString::from_str("com.apple.screenIsLocked");
    // SAFETY: as above.
    let observer = unsafe {
        distributed.addObserverForName_object_queue_usingBlock(
            Some(&screen_locked),
            None,
            Some(&queue),
            &block,
        )
    };
    std::mem::forget(observer);
    watched + 1
}
