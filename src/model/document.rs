//! Documents in a dossier: e-mails, PDFs, images and office files the advisor keeps with a
//! case, stored inside the vault. Pure here: the limits, the records, the refusals, the name
//! as it is kept ([`clean_name`]) and the kind ([`detect`]); the store keeps the rows and
//! [`crate::documents`] moves files in and out.
//!
//! Limits: one document holds at most [`MAX_DOCUMENT_BYTES`] (25 MiB, the attachment limit of
//! common mail services: what arrives by e-mail fits); the vault warns once all its documents
//! together pass [`WARN_DOCUMENTS_BYTES`] (200 MiB: every save then writes and fsyncs that
//! much, see `docs/architecture.md`) and refuses more than [`MAX_DOCUMENTS_BYTES`] (512 MiB,
//! half the 1 GiB a vault file may be, so a save can never be refused for size).

use super::{DocumentKind, ValidationCode, ValidationErrors, is_control_character};

pub use super::sniff::detect;
use crate::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The largest document kept (25 MiB).
pub const MAX_DOCUMENT_BYTES: u64 = 25 * 1024 * 1024;
/// Above this many bytes of documents in the vault, the advisor is warned (200 MiB).
pub const WARN_DOCUMENTS_BYTES: u64 = 200 * 1024 * 1024;
/// The most bytes of documents one vault keeps (512 MiB).
pub const MAX_DOCUMENTS_BYTES: u64 = 512 * 1024 * 1024;
/// The longest document name kept, in characters.
pub const MAX_DOCUMENT_NAME: usize = 200;
/// How many leading bytes [`detect`] looks at.
pub const SNIFF_BYTES: usize = 1024;

/// Why a document is refused. Nothing was added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// The file is larger than [`MAX_DOCUMENT_BYTES`] (checked before it is read).
    #[error("document larger than the limit")]
    TooLarge,
    /// The vault's documents would pass [`MAX_DOCUMENTS_BYTES`].
    #[error("the vault holds the most documents it can")]
    VaultFull,
    /// The dossier holds this file already (the same SHA-256).
    #[error("the dossier holds this document already")]
    Duplicate,
    /// The file is empty.
    #[error("empty document")]
    Empty,
    /// The dossier is under legal hold: its documents are not removed.
    #[error("the dossier is under legal hold")]
    OnHold,
}

/// A document of a dossier, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Document {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The dossier.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub dossier_id: i64,
    /// The file name as kept ([`clean_name`]).
    pub name: String,
    /// What it is.
    pub kind: DocumentKind,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// The advisor's day it was added.
    pub added_on: NaiveDate,
    /// The instant it was added.
    pub added_at: DateTime<Utc>,
}

/// The vault's documents together, for the "the vault is growing" warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentsSummary {
    /// How many documents the vault holds (every dossier).
    pub count: u32,
    /// Their bytes together.
    pub total_bytes: u64,
    /// `total_bytes` passed [`WARN_DOCUMENTS_BYTES`]: say so, with the advice to keep only
    /// what the case needs.
    pub warning: bool,
    /// The warning threshold ([`WARN_DOCUMENTS_BYTES`]).
    pub warning_bytes: u64,
    /// The largest document kept ([`MAX_DOCUMENT_BYTES`]).
    pub max_document_bytes: u64,
    /// The most bytes of documents the vault keeps ([`MAX_DOCUMENTS_BYTES`]).
    pub max_total_bytes: u64,
}

impl DocumentsSummary {
    /// The summary of `count` documents of `total_bytes` together.
    pub fn new(count: u32, total_bytes: u64) -> DocumentsSummary {
        DocumentsSummary {
            count,
            total_bytes,
            warning: total_bytes > WARN_DOCUMENTS_BYTES,
            warning_bytes: WARN_DOCUMENTS_BYTES,
            max_document_bytes: MAX_DOCUMENT_BYTES,
            max_total_bytes: MAX_DOCUMENTS_BYTES,
        }
    }
}

impl DocumentsSummary {
    /// The warning to show when [`Self::warning`] is set, with the sizes in words.
    pub fn warning_text(&self, lang: Lang) -> Option<String> {
        if !self.warning {
            return None;
        }
        let total = format_size(self.total_bytes, lang);
        let max = format_size(self.max_total_bytes, lang);
        Some(match lang {
            Lang::Nl => format!(
                "De documenten in deze kluis zijn samen {total}. Elke wijziging schrijft de hele kluis opnieuw weg, dus openen en opslaan worden trager, en elke reservekopie is even groot. Bewaar alleen wat de dossiers nodig hebben en verwijder de rest. Er passen hoogstens {max} aan documenten in een kluis."
            ),
            Lang::En => format!(
                "The documents in this vault take {total} together. Every change writes the whole vault again, so opening and saving get slower, and every backup is as large. Keep only what the case files need and remove the rest. A vault holds at most {max} of documents."
            ),
        })
    }
}

/// Refuses an empty file or one over [`MAX_DOCUMENT_BYTES`].
pub fn check_size(bytes: u64) -> Result<(), DocumentError> {
    match bytes {
        0 => Err(DocumentError::Empty),
        n if n > MAX_DOCUMENT_BYTES => Err(DocumentError::TooLarge),
        _ => Ok(()),
    }
}

/// Characters Windows does not allow in a file name: replaced, so the name can be offered
/// as the name of an exported copy anywhere.
const NOT_IN_FILE_NAMES: &[char] = &['<', '>', ':', '"', '|', '?', '*'];

/// The name a document is kept under: the last part of a path (after `/` or `\`), without
/// control characters (escape sequences, bidirectional overrides, line breaks), with
/// characters no file system allows replaced by `_`, without spaces around or dots at the
/// end, and at most [`MAX_DOCUMENT_NAME`] characters (the extension kept). A name with
/// nothing left is refused (`name`: `required`).
pub fn clean_name(raw: &str) -> Result<String, ValidationErrors> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !is_control_character(*c))
        .map(|c| {
            if NOT_IN_FILE_NAMES.contains(&c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_end_matches(['.', ' ']).trim();
    if trimmed.is_empty() {
        return Err(ValidationErrors::single("name", ValidationCode::Required));
    }
    if trimmed.chars().count() <= MAX_DOCUMENT_NAME {
        return Ok(trimmed.to_owned());
    }
    let ext = trimmed
        .rsplit_once('.')
        .filter(|(stem, e)| !stem.is_empty() && !e.is_empty() && e.chars().count() <= 16)
        .map(|(_, e)| format!(".{e}"))
        .unwrap_or_default();
    let keep = MAX_DOCUMENT_NAME - ext.chars().count();
    let stem: String = trimmed.chars().take(keep).collect();
    Ok(format!("{}{ext}", stem.trim_end()))
}

/// The extension of a name, lowercase (`None` without one, or for `.profile`).
pub fn extension(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_lowercase())
}

/// A size as the advisor reads it: `850 bytes`, `12 kB`, `3,4 MB` (binary units, one
/// decimal below 10, the decimal comma in Dutch).
pub fn format_size(bytes: u64, lang: Lang) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = if value < 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    let text = match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    };
    format!("{text} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_paths_and_control_characters_and_keep_their_extension() {
        assert_eq!(
            clean_name("C:\\Users\\vp\\Downloads\\verslag.pdf").as_deref(),
            Ok("verslag.pdf"),
            "a Windows path keeps only its file name"
        );
        assert_eq!(
            clean_name("/home/vp/../../etc/passwd").as_deref(),
            Ok("passwd"),
            "no path separator survives, so an exported name never climbs folders"
        );
        assert_eq!(
            clean_name("brief\u{202E}fdp.exe").as_deref(),
            Ok("brieffdp.exe"),
            "a bidirectional override could make brief.exe look like a PDF"
        );
        assert_eq!(
            clean_name("mail\u{1b}[2J\n.eml").as_deref(),
            Ok("mail[2J.eml"),
            "escape sequences and line breaks could rewrite a terminal"
        );
        assert_eq!(
            clean_name("vraag?: ja*nee.txt").as_deref(),
            Ok("vraag__ ja_nee.txt"),
            "characters Windows refuses in file names are replaced"
        );
        assert_eq!(
            clean_name("  notulen.docx. ").as_deref(),
            Ok("notulen.docx"),
            "spaces around and trailing dots go"
        );
        for empty in ["", "   ", "..", "/", "C:\\map\\", "\u{7}"] {
            assert!(
                clean_name(empty).is_err_and(|e| e.has("name", ValidationCode::Required)),
                "{empty:?} leaves no name"
            );
        }
        let long = format!("{}.pdf", "a".repeat(500));
        let kept = clean_name(&long).expect("a long name is shortened, not refused");
        assert_eq!(
            kept.chars().count(),
            MAX_DOCUMENT_NAME,
            "shortened to the limit"
        );
        assert!(kept.ends_with(".pdf"), "with its extension: {kept}");
    }

    #[test]
    fn sizes_are_checked_and_shown_readably() {
        assert_eq!(check_size(0), Err(DocumentError::Empty), "empty");
        assert_eq!(check_size(MAX_DOCUMENT_BYTES), Ok(()), "the limit fits");
        assert_eq!(
            check_size(MAX_DOCUMENT_BYTES + 1),
            Err(DocumentError::TooLarge),
            "one byte more does not"
        );
        assert_eq!(format_size(850, Lang::Nl), "850 bytes");
        assert_eq!(format_size(12 * 1024 + 300, Lang::En), "12 kB");
        assert_eq!(
            format_size(3_565_158, Lang::Nl),
            "3,4 MB",
            "a decimal comma in Dutch"
        );
        assert_eq!(format_size(3_565_158, Lang::En), "3.4 MB");
        assert_eq!(format_size(MAX_DOCUMENT_BYTES, Lang::En), "25 MB");
        let s = DocumentsSummary::new(41, WARN_DOCUMENTS_BYTES + 1);
        assert!(s.warning, "past the threshold the vault warns");
        assert!(
            !DocumentsSummary::new(40, WARN_DOCUMENTS_BYTES).warning,
            "at it, not yet"
        );
    }
}
