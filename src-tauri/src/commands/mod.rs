//! Tauri commands, one module per domain. Each command parses its arguments, calls the core
//! through the managed [`crate::state::Session`], and maps errors to [`crate::error::IpcError`].

pub mod access;
pub mod app;
pub mod deadlines;
pub mod documents;
pub mod dossiers;
pub mod import;
pub mod invoices;
pub mod organisations;
pub mod overview;
pub mod parties;
pub mod reports;
pub mod retention;
pub mod settings;
pub mod signing;
pub mod time;
pub mod vault;
