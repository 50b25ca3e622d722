//! Errors of the vault. Each failure a user can meet has its own variant with a message in
//! Dutch and English that says what to do. No message ever contains a path, a passphrase,
//! or anything read from the vault. The code a shell reports for each variant comes from the
//! one list in [`crate::error`] (several kinds of damage share `damaged`).

use crate::Lang;

/// The operation that failed with an I/O error, named without any path or content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoOp {
    /// Reading the vault file.
    ReadVault,
    /// Writing the temporary file during a save.
    WriteTemp,
    /// Syncing data to disk.
    Sync,
    /// Replacing the vault with the new version.
    Replace,
    /// Creating or rotating a backup.
    Backup,
    /// Creating or locking the lock file.
    Lock,
    /// Removing stale temporary files.
    Cleanup,
    /// Writing a copy of the vault elsewhere.
    Copy,
}

impl IoOp {
    fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (IoOp::ReadVault, Lang::Nl) => "de kluis lezen",
            (IoOp::ReadVault, Lang::En) => "read the vault",
            (IoOp::WriteTemp, Lang::Nl) => "het tijdelijke bestand schrijven",
            (IoOp::WriteTemp, Lang::En) => "write the temporary file",
            (IoOp::Sync, Lang::Nl) => "de gegevens naar schijf wegschrijven",
            (IoOp::Sync, Lang::En) => "flush the data to disk",
            (IoOp::Replace, Lang::Nl) => "de kluis vervangen door de nieuwe versie",
            (IoOp::Replace, Lang::En) => "replace the vault with the new version",
            (IoOp::Backup, Lang::Nl) => "de reservekopie maken",
            (IoOp::Backup, Lang::En) => "make the backup",
            (IoOp::Lock, Lang::Nl) => "het vergrendelbestand maken",
            (IoOp::Lock, Lang::En) => "create the lock file",
            (IoOp::Cleanup, Lang::Nl) => "oude tijdelijke bestanden opruimen",
            (IoOp::Cleanup, Lang::En) => "remove stale temporary files",
            (IoOp::Copy, Lang::Nl) => "de kopie schrijven",
            (IoOp::Copy, Lang::En) => "write the copy",
        }
    }
}

/// Everything that can go wrong when creating, opening, saving or verifying a vault.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The passphrase is too easy to guess.
    #[error("passphrase too weak")]
    WeakPassphrase {
        /// zxcvbn's score, 0-4 (3 is required).
        score: u8,
    },
    /// The passphrase does not unlock this vault.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The recovery key does not unlock this vault.
    #[error("wrong recovery key")]
    WrongRecoveryKey,
    /// The text given as recovery key is not a recovery key.
    #[error("malformed recovery key")]
    MalformedRecoveryKey,
    /// The file is not a Kluis vault.
    #[error("not a Kluis vault")]
    NotAVault,
    /// The vault was written by a newer Kluis.
    #[error("vault format {found} is newer than this version of Kluis supports ({supported})")]
    UnsupportedVersion {
        /// Version found in the file.
        found: u32,
        /// Newest version this build reads.
        supported: u32,
    },
    /// The key derivation asks for more work than allowed (a sign of tampering or of a vault
    /// from a foreign tool).
    #[error("key derivation work factor {required} exceeds the maximum {maximum}")]
    ExcessiveWorkFactor {
        /// Work factor in the keyslot.
        required: u8,
        /// Highest accepted.
        maximum: u8,
    },
    /// The file ends early: it was cut off (an interrupted copy or a full disk).
    #[error("vault file is truncated")]
    Truncated,
    /// The file's contents fail authentication: changed after writing (disk error or tampering).
    #[error("vault file is damaged or was tampered with")]
    Tampered,
    /// Extra bytes follow the end of the vault.
    #[error("vault file has unexpected bytes after its end")]
    TrailingBytes,
    /// The header's structure is invalid.
    #[error("vault header is malformed")]
    MalformedHeader,
    /// The passphrase keyslot no longer matches its checksum: the header was damaged, so the
    /// passphrase cannot be checked (the recovery key still opens the vault).
    #[error("passphrase keyslot is damaged")]
    KeyslotDamaged,
    /// The file is larger than any vault can be ([`super::format::MAX_FILE_BYTES`]).
    #[error("file is larger than any vault can be")]
    TooLarge {
        /// The largest vault file accepted, in bytes.
        max_bytes: u64,
    },
    /// The database image is in WAL mode: it was written by another tool (sqlite3) and not
    /// converted back.
    #[error("database image is in WAL mode")]
    WalImage,
    /// The public keys stored in the database do not belong to the key that unlocked the
    /// vault: the database was replaced or altered.
    #[error("stored keys do not match the vault's keys")]
    KeyMismatch,
    /// Another Kluis instance has this vault open.
    #[error("vault is open elsewhere")]
    Locked,
    /// The target file already exists (creating never overwrites).
    #[error("a file already exists at that location")]
    AlreadyExists,
    /// The vault file does not exist.
    #[error("vault file not found")]
    NotFound,
    /// The vault was opened read-only (its folder or medium cannot be written, so not even
    /// the lock file could be made): a change cannot be saved.
    #[error("vault is open read-only")]
    ReadOnly,
    /// An operating-system error during a named operation.
    #[error("could not {}: {kind}", op.describe(Lang::En))]
    Io {
        /// What was being done.
        op: IoOp,
        /// The kind of I/O error.
        kind: std::io::ErrorKind,
    },
    /// The database inside the vault failed a check or a migration.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl VaultError {
    /// The message for the advisor, in the given language, saying what to do.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            VaultError::WeakPassphrase { .. } => if nl {
                "Deze wachtwoordzin is te makkelijk te raden. Kies een langere zin van minstens vier ongewone woorden."
            } else {
                "This passphrase is too easy to guess. Choose a longer phrase of at least four unusual words."
            }.into(),
            VaultError::WrongPassphrase => if nl {
                "Deze wachtwoordzin klopt niet. Probeer het opnieuw of gebruik je herstelsleutel."
            } else {
                "This passphrase is not correct. Try again or use your recovery key."
            }.into(),
            VaultError::WrongRecoveryKey => if nl {
                "Deze herstelsleutel hoort niet bij deze kluis."
            } else {
                "This recovery key does not belong to this vault."
            }.into(),
            VaultError::MalformedRecoveryKey => if nl {
                "Dit is geen geldige herstelsleutel. Een herstelsleutel begint met AGE-SECRET-KEY-1."
            } else {
                "This is not a valid recovery key. A recovery key starts with AGE-SECRET-KEY-1."
            }.into(),
            VaultError::NotAVault => if nl {
                "Dit bestand is geen Kluis-kluis."
            } else {
                "This file is not a Kluis vault."
            }.into(),
            VaultError::UnsupportedVersion { found, supported } => if nl {
                format!("Deze kluis is gemaakt met een nieuwere versie van Kluis (formaat {found}, deze versie leest t/m {supported}). Werk Kluis bij.")
            } else {
                format!("This vault was made by a newer version of Kluis (format {found}, this version reads up to {supported}). Update Kluis.")
            },
            VaultError::ExcessiveWorkFactor { .. } => if nl {
                "De sleutelafleiding van deze kluis vraagt ongewoon veel rekenwerk; het bestand is waarschijnlijk beschadigd of gewijzigd. Gebruik een reservekopie."
            } else {
                "This vault's key derivation asks for an unusual amount of work; the file is probably damaged or altered. Use a backup."
            }.into(),
            VaultError::Truncated => if nl {
                "Het kluisbestand is afgekapt (onvolledig gekopieerd of schijf vol). Gebruik een reservekopie."
            } else {
                "The vault file is cut short (an incomplete copy or a full disk). Use a backup."
            }.into(),
            VaultError::Tampered => if nl {
                "Het kluisbestand is beschadigd of gewijzigd en kan niet worden vertrouwd. Gebruik een reservekopie."
            } else {
                "The vault file is damaged or altered and cannot be trusted. Use a backup."
            }.into(),
            VaultError::TrailingBytes => if nl {
                "Achter het einde van het kluisbestand staan onverwachte gegevens. Gebruik een reservekopie."
            } else {
                "Unexpected data follows the end of the vault file. Use a backup."
            }.into(),
            VaultError::MalformedHeader => if nl {
                "De kop van het kluisbestand is beschadigd. Gebruik een reservekopie."
            } else {
                "The vault file's header is damaged. Use a backup."
            }.into(),
            VaultError::KeyslotDamaged => if nl {
                "Het sleutelvak voor de wachtwoordzin in de kop van het kluisbestand is beschadigd, dus de wachtwoordzin kan niet worden gecontroleerd. Open de kluis met je herstelsleutel en stel daarna een nieuwe wachtwoordzin in, of gebruik een reservekopie."
            } else {
                "The passphrase keyslot in the vault file's header is damaged, so the passphrase cannot be checked. Open the vault with your recovery key and then set a new passphrase, or use a backup."
            }.into(),
            VaultError::TooLarge { max_bytes } => if nl {
                format!("Dit bestand is groter dan een kluis kan zijn (meer dan {} MiB). Het is geen kluis of het is beschadigd.", max_bytes / (1024 * 1024))
            } else {
                format!("This file is larger than a vault can be (over {} MiB). It is not a vault or it is damaged.", max_bytes / (1024 * 1024))
            },
            VaultError::WalImage => if nl {
                "De database in dit kluisbestand staat in WAL-modus: hij is met een ander programma (zoals sqlite3) bewerkt en niet teruggezet. Zet hem daar terug met PRAGMA journal_mode=DELETE en versleutel hem opnieuw, of gebruik een reservekopie."
            } else {
                "The database in this vault file is in WAL mode: it was edited with another program (such as sqlite3) and not converted back. Convert it there with PRAGMA journal_mode=DELETE and encrypt it again, or use a backup."
            }.into(),
            VaultError::KeyMismatch => if nl {
                "De sleutels die in de kluis zijn vastgelegd horen niet bij de sleutel waarmee hij is geopend: de database is vervangen of gewijzigd en kan niet worden vertrouwd. Gebruik een reservekopie."
            } else {
                "The keys recorded in the vault do not belong to the key that opened it: the database was replaced or altered and cannot be trusted. Use a backup."
            }.into(),
            VaultError::Locked => if nl {
                "Deze kluis is al geopend in een ander venster of programma. Sluit het daar eerst."
            } else {
                "This vault is already open in another window or program. Close it there first."
            }.into(),
            VaultError::AlreadyExists => if nl {
                "Op deze plek staat al een bestand. Kies een andere naam."
            } else {
                "A file already exists at this location. Choose another name."
            }.into(),
            VaultError::NotFound => if nl {
                "Het kluisbestand is niet gevonden."
            } else {
                "The vault file was not found."
            }.into(),
            VaultError::ReadOnly => if nl {
                "Deze kluis is alleen-lezen geopend omdat de map of schijf niet beschrijfbaar is; er is niets opgeslagen. Kopieer de kluis naar een beschrijfbare map om te wijzigen."
            } else {
                "This vault was opened read-only because its folder or disk cannot be written; nothing was saved. Copy the vault to a writable folder to make changes."
            }.into(),
            VaultError::Io { op, kind } => if nl {
                format!("Kon {} niet ({kind}). Er is niets verloren gegaan; probeer het opnieuw.", op.describe(lang))
            } else {
                format!("Could not {} ({kind}). Nothing was lost; try again.", op.describe(lang))
            },
            VaultError::Store(e) => e.message(lang),
        }
    }

    pub(crate) fn io(op: IoOp) -> impl FnOnce(std::io::Error) -> VaultError {
        move |e| VaultError::Io { op, kind: e.kind() }
    }
}
