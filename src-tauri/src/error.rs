//! Errors across IPC: `{ code, message, fields }` with the core's closed
//! [`kluis::error::ErrorCode`], the same list the CLI's `--json` errors use, which the UI
//! branches on. Every mapping from a core error to a code lives in the core
//! ([`kluis::error::Coded`]); this shell only wraps the result. Messages are a fallback in the
//! app's language; they never contain case content or paths.

use kluis::Lang;
use kluis::error::{Coded, ErrorCode};
use kluis::model::FieldError;
use serde::Serialize;

/// The error every command returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct IpcError {
    /// What went wrong.
    pub code: ErrorCode,
    /// A fallback message in the app's language.
    pub message: String,
    /// Invalid fields, for `validation`.
    pub fields: Vec<FieldError>,
}

impl IpcError {
    /// An error with a message of the shell's own (one the core cannot know).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// An error with the code's own message from the core.
    pub fn from_code(code: ErrorCode, lang: Lang) -> Self {
        Self::new(code, code.message(lang))
    }

    /// The error for commands that need an unlocked vault.
    pub fn not_unlocked(lang: Lang) -> Self {
        Self::from_code(ErrorCode::NotUnlocked, lang)
    }

    /// Maps a core error (vault, store, report, export, period, ...): code, message and
    /// invalid fields all come from the core.
    pub fn from_core(e: &impl Coded, lang: Lang) -> Self {
        IpcError {
            code: e.error_code(),
            message: e.error_message(lang),
            fields: e.validation().map(|v| v.fields.clone()).unwrap_or_default(),
        }
    }
}

/// Commands return this.
pub type IpcResult<T> = Result<T, IpcError>;
