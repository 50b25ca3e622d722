//! A command's failure: a code from the core's one list ([`kluis::error::ErrorCode`]), the
//! message for the advisor in their language, and the invalid fields of a validation error.
//! With `--json` it is printed as `{ "code", "message", "fields" }` on standard output (the
//! same shape as the desktop app's IPC errors); the message also goes to standard error.
//! Messages never contain case content, names, paths or file contents.

use crate::session::{FlagMap, describe_validation};
use kluis::Lang;
use kluis::error::{Coded, ErrorCode};
use kluis::model::FieldError;
use serde::Serialize;

/// Why a command failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// What went wrong, from the core's list.
    pub code: ErrorCode,
    /// The message for the advisor.
    pub message: String,
    /// The invalid fields (model field names) of a `validation` failure.
    pub fields: Vec<FieldError>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl Failure {
    /// A core failure of a command that writes the file `--out`: a file already at that name,
    /// or a write that failed, names the flag.
    pub fn naming_out(mut self, export: Option<&kluis::report::export::ExportError>) -> Self {
        use kluis::report::export::ExportError;
        if matches!(
            export,
            Some(ExportError::Exists { .. } | ExportError::Io { .. })
        ) {
            self.message = format!("--out: {}", self.message);
        }
        self
    }

    /// A failure with the CLI's own message (one that names a flag, for example).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// A core error: its code and message from the core; a validation message names the
    /// command's flags.
    pub fn core(e: &impl Coded, lang: Lang, flags: FlagMap) -> Self {
        match e.validation() {
            Some(v) => Failure {
                code: e.error_code(),
                message: describe_validation(v, lang, flags),
                fields: v.fields.clone(),
            },
            None => Failure::new(e.error_code(), e.error_message(lang)),
        }
    }

    /// Whatever ended a command: a [`Failure`] as it is; an I/O error (writing the output)
    /// as `io`; anything else as `internal`, with its own text (never case content).
    pub fn of(e: &anyhow::Error) -> Self {
        if let Some(f) = e.downcast_ref::<Failure>() {
            return f.clone();
        }
        let code = if e.downcast_ref::<std::io::Error>().is_some() {
            ErrorCode::Io
        } else {
            ErrorCode::Internal
        };
        Failure::new(code, e.to_string())
    }
}
