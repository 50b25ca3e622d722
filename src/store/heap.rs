//! SQLite's heap, wiped on free. Case data lives only in SQLite's memory; this allocator,
//! installed through `sqlite3_config(SQLITE_CONFIG_MALLOC)` before the first connection, zeroes
//! every block SQLite frees or moves, so a locked vault leaves no plaintext in freed memory.
//! This is the only module of the crate that uses `unsafe`.
#![allow(unsafe_code)]

use rusqlite::ffi;
use std::alloc::{Layout, alloc, dealloc};
use std::ffi::{c_int, c_void};
use std::sync::OnceLock;
use zeroize::Zeroize;

/// Bytes before each block holding its size; 16 keeps the block 16-byte aligned.
const HEADER: usize = 16;
const ALIGN: usize = 16;

fn layout(n: usize) -> Option<Layout> {
    Layout::from_size_align(n.checked_add(HEADER)?, ALIGN).ok()
}

unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
    if n <= 0 {
        return std::ptr::null_mut();
    }
    let n = n as usize;
    let Some(l) = layout(n) else {
        return std::ptr::null_mut();
    };
    // SAFETY: the layout has a non-zero size; the header is written inside the block.
    unsafe {
        let base = alloc(l);
        if base.is_null() {
            return std::ptr::null_mut();
        }
        base.cast::<usize>().write(n);
        base.add(HEADER).cast()
    }
}

/// SAFETY: `p` must come from `x_malloc`/`x_realloc` and not be freed yet.
unsafe fn block_size(p: *mut c_void) -> usize {
    unsafe { p.cast::<u8>().sub(HEADER).cast::<usize>().read() }
}

unsafe extern "C" fn x_free(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: SQLite only frees blocks it got from this allocator.
    unsafe {
        let n = block_size(p);
        std::slice::from_raw_parts_mut(p.cast::<u8>(), n).zeroize();
        let base = p.cast::<u8>().sub(HEADER);
        dealloc(base, layout(n).expect("layout was valid at allocation"));
    }
}

unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    // Always move, so the old block is wiped by x_free rather than left behind by realloc.
    // SAFETY: `p` is null or a live block of this allocator; copy stays within both blocks.
    unsafe {
        if p.is_null() {
            return x_malloc(n);
        }
        let fresh = x_malloc(n);
        if fresh.is_null() {
            return std::ptr::null_mut();
        }
        let keep = block_size(p).min(n as usize);
        std::ptr::copy_nonoverlapping(p.cast::<u8>(), fresh.cast::<u8>(), keep);
        x_free(p);
        fresh
    }
}

unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
    if p.is_null() {
        return 0;
    }
    // SAFETY: `p` is a live block of this allocator.
    unsafe { block_size(p) as c_int }
}

unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
    (n + 7) & !7
}

unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_shutdown(_: *mut c_void) {}

/// Installs the wiping allocator once per process. Must run before the first SQLite
/// connection; returns whether it is in place (false if SQLite was already initialised).
pub fn install() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        let methods = ffi::sqlite3_mem_methods {
            xMalloc: Some(x_malloc),
            xFree: Some(x_free),
            xRealloc: Some(x_realloc),
            xSize: Some(x_size),
            xRoundup: Some(x_roundup),
            xInit: Some(x_init),
            xShutdown: Some(x_shutdown),
            pAppData: std::ptr::null_mut(),
        };
        // SAFETY: SQLite copies the methods struct before returning; the functions are
        // 'static. SQLITE_CONFIG_MALLOC is only accepted before sqlite3_initialize.
        let rc = unsafe {
            ffi::sqlite3_config(
                ffi::SQLITE_CONFIG_MALLOC,
                &methods as *const ffi::sqlite3_mem_methods,
            )
        };
        rc == ffi::SQLITE_OK
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn wiping_allocator_is_installed_before_sqlite_starts() {
        assert!(
            super::install(),
            "the allocator must be accepted: nothing may open SQLite before it"
        );
        let c = crate::store::Store::create_empty(crate::Clock::at(
            "2026-01-01".parse().expect("date"),
        ))
        .expect("an empty store opens with the wiping allocator");
        drop(c);
    }
}
