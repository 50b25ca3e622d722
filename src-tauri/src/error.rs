//! Errors across IPC: `{ code, message, fields }` with a closed [`ErrorCode`] the UI branches on.
//! Messages are a fallback in the app's language; they never contain case content or paths.

use kluis::Lang;
use kluis::model::FieldError;
use kluis::store::StoreError;
use kluis::vault::VaultError;
use serde::Serialize;

/// What went wrong, as the UI needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No vault is unlocked (it may have been locked meanwhile).
    NotUnlocked,
    /// The passphrase does not open the vault.
    WrongPassphrase,
    /// The recovery key does not open the vault.
    WrongRecoveryKey,
    /// The text is not a recovery key.
    MalformedRecoveryKey,
    /// The new passphrase is too easy to guess.
    WeakPassphrase,
    /// The file is not a Kluis vault.
    NotAVault,
    /// Made by a newer Kluis.
    UnsupportedVersion,
    /// Truncated, tampered with, trailing bytes or a malformed header.
    Damaged,
    /// Open in another instance.
    LockedElsewhere,
    /// The target file exists.
    AlreadyExists,
    /// A record or file was not found.
    NotFound,
    /// Invalid input; see `fields`.
    Validation,
    /// An operating-system error.
    Io,
    /// A database error.
    Database,
    /// Anything else (a bug).
    Internal,
    /// A report period that is not `2025`, `2025-H1` or `2025-Q3`.
    InvalidPeriod,
    /// A pooled report with fewer organisations than the profile needs.
    PooledTooFew,
    /// The period was published before with other figures; it is frozen.
    PeriodFrozen,
    /// Disclosure control could not protect the report (nothing is written).
    AnonymisationFailed,
    /// The disclosure audit did not pass; nothing may be exported.
    AuditFailed,
    /// Lint warnings on the advisor's text are neither fixed nor accepted.
    LintNotAccepted,
    /// No file to export was given.
    NothingChosen,
    /// An export file must be a full path.
    InvalidPath,
    /// The chosen export file exists already (never overwritten).
    FileExists,
    /// Two exports name the same file.
    SameFile,
    /// The report could not be laid out or written in its format.
    RenderFailed,
}

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
    /// An error without fields.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// The error for commands that need an unlocked vault.
    pub fn not_unlocked(lang: Lang) -> Self {
        Self::new(
            ErrorCode::NotUnlocked,
            match lang {
                Lang::Nl => "De kluis is vergrendeld.",
                Lang::En => "The vault is locked.",
            },
        )
    }

    /// Maps a store error.
    pub fn from_store(e: StoreError, lang: Lang) -> Self {
        let message = e.message(lang);
        match e {
            StoreError::Validation(v) => IpcError {
                code: ErrorCode::Validation,
                message,
                fields: v.fields,
            },
            StoreError::NotFound { .. } => Self::new(ErrorCode::NotFound, message),
            StoreError::UnsupportedSchema { .. } => {
                Self::new(ErrorCode::UnsupportedVersion, message)
            }
            StoreError::Integrity { .. } => Self::new(ErrorCode::Damaged, message),
            StoreError::Sqlite { .. } => Self::new(ErrorCode::Database, message),
        }
    }

    /// Maps a vault error.
    pub fn from_vault(e: VaultError, lang: Lang) -> Self {
        let message = e.message(lang);
        let code = match e {
            VaultError::Store(s) => return Self::from_store(s, lang),
            VaultError::WeakPassphrase { .. } => ErrorCode::WeakPassphrase,
            VaultError::WrongPassphrase => ErrorCode::WrongPassphrase,
            VaultError::WrongRecoveryKey => ErrorCode::WrongRecoveryKey,
            VaultError::MalformedRecoveryKey => ErrorCode::MalformedRecoveryKey,
            VaultError::NotAVault => ErrorCode::NotAVault,
            VaultError::UnsupportedVersion { .. } => ErrorCode::UnsupportedVersion,
            VaultError::ExcessiveWorkFactor { .. }
            | VaultError::Truncated
            | VaultError::Tampered
            | VaultError::TrailingBytes
            | VaultError::MalformedHeader => ErrorCode::Damaged,
            VaultError::Locked => ErrorCode::LockedElsewhere,
            VaultError::AlreadyExists => ErrorCode::AlreadyExists,
            VaultError::NotFound => ErrorCode::NotFound,
            VaultError::Io { .. } => ErrorCode::Io,
        };
        Self::new(code, message)
    }
}

/// Commands return this.
pub type IpcResult<T> = Result<T, IpcError>;
