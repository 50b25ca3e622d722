//! The Kluis desktop shell. This crate only wires Tauri to the `kluis` core: commands parse
//! their arguments, call the core and map its errors. The full app arrives with the desktop
//! issue; for now it opens a window on the static shell page.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// Builds and runs the desktop app until its last window closes.
pub fn run() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
