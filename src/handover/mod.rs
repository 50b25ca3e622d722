//! Handing a caseload over ("overdragen") from one advisor's vault to another's, for both
//! shells:
//!
//! - every vault has a receiving key ([`receive_key`], "mijn ontvangstsleutel"): an age X25519
//!   identity kept inside the vault, made on first need and never replaced. Its public half
//!   (`age1...`) is what a colleague needs; the [`fingerprint`] is short enough to compare by
//!   phone;
//! - [`export`] packs the chosen dossiers ([`package`]: coded fields and the history in words
//!   always; notes, parties and documents only when chosen), encrypts the package with age to
//!   the recipient's key (or a one-time passphrase), writes it through `deliver` (never over a
//!   file), records per dossier that it was handed over, logs `overdracht` and saves. The
//!   advisor then destroys the dossiers through the normal destruction;
//! - [`import`] opens a file made for this vault, matches organisations by name (or makes
//!   them), keeps each dossier's number (prefixed `OV-` when it is taken), records from whom it
//!   came and, for a deputy copy, until when; all dossiers or none;
//! - a deputy copy past its end date is not opened ([`check_deputy`]) and is offered for
//!   destruction.

pub mod package;

use crate::error::{Coded, ErrorCode};
use crate::model::{ValidationCode, ValidationErrors};
use crate::report::export::{ExportError, deliver};
use crate::store::{Store, StoreError, sha256_hex};
use crate::vault::{Vault, VaultError};
use crate::{Clock, Lang};
use age::x25519;
use chrono::NaiveDate;
use package::{HandoverOptions, Package};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::io::{Read as _, Write as _};
use std::path::Path;
use std::str::FromStr as _;
use zeroize::Zeroizing;

/// The kind recorded in the export log.
pub const LOG_KIND: &str = "overdracht";
/// What the export log records as the recipient of a file sealed with a passphrase.
pub const PASSPHRASE_RECIPIENT: &str = "wachtwoordzin";
/// The prefix of a received dossier whose number is taken in this vault.
pub const CLASH_PREFIX: &str = "OV-";

/// Why a handover failed. Carries no case content.
#[derive(Debug, thiserror::Error)]
pub enum HandoverError {
    /// Not a handover file (not age, not our package, another version) or damaged.
    #[error("not a handover file")]
    NotAHandover,
    /// Made for another receiving key or passphrase.
    #[error("handover not for this vault")]
    NotForYou,
    /// A deputy copy past its end date.
    #[error("deputy copy expired")]
    DeputyExpired,
    /// The store refused (a missing dossier, a validation).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the file failed.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// Saving the vault failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
}

impl Coded for HandoverError {
    fn error_code(&self) -> ErrorCode {
        match self {
            HandoverError::NotAHandover => ErrorCode::NotAHandover,
            HandoverError::NotForYou => ErrorCode::HandoverNotForYou,
            HandoverError::DeputyExpired => ErrorCode::DeputyExpired,
            HandoverError::Store(e) => e.error_code(),
            HandoverError::Export(e) => e.error_code(),
            HandoverError::Vault(e) => e.error_code(),
        }
    }

    fn error_message(&self, lang: Lang) -> String {
        match self {
            HandoverError::Store(e) => e.error_message(lang),
            HandoverError::Export(e) => e.error_message(lang),
            HandoverError::Vault(e) => e.error_message(lang),
            other => other.error_code().message(lang).to_owned(),
        }
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        match self {
            HandoverError::Store(e) => e.validation(),
            HandoverError::Export(e) => e.validation(),
            HandoverError::Vault(e) => e.validation(),
            _ => None,
        }
    }
}

/// The public half of a vault's receiving key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceiveKey {
    /// The age recipient (`age1...`) a colleague makes a handover file for.
    pub recipient: String,
    /// Its short fingerprint, to compare by phone ("3F2A 9C01 77BE 4D10").
    pub fingerprint: String,
    /// The recipient as a QR code: an SVG image made here (no text from outside in it).
    pub qr_svg: String,
}

/// An age recipient as a QR code, as SVG (black modules on white, with the quiet zone).
pub fn qr_svg(recipient: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(recipient.trim(), qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(180, 180)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

/// The short fingerprint of an age recipient: the first 8 bytes of the SHA-256 of its text,
/// in four groups of four hex digits.
pub fn fingerprint(recipient: &str) -> String {
    let hex = sha256_hex(recipient.trim().as_bytes()).to_uppercase();
    hex.as_bytes()[..16]
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn identity(store: &Store) -> Result<Option<x25519::Identity>, HandoverError> {
    match store.receive_secret()? {
        None => Ok(None),
        Some(s) => x25519::Identity::from_str(s.expose_secret())
            .map(Some)
            .map_err(|_| StoreError::Integrity { problems: 1 }.into()),
    }
}

/// Whether the vault has made its receiving key yet.
pub fn receive_key_made(store: &Store) -> Result<bool, HandoverError> {
    Ok(store.receive_secret()?.is_some())
}

/// The vault's receiving key, made (and saved) on first need.
pub fn receive_key(vault: &mut Vault, clock: Clock) -> Result<ReceiveKey, HandoverError> {
    let id = match identity(vault.store())? {
        Some(id) => id,
        None => {
            let new = x25519::Identity::generate();
            let kept = vault
                .store_mut()
                .ensure_receive_secret(&new.to_string(), clock)?;
            vault.save(clock)?;
            x25519::Identity::from_str(kept.expose_secret())
                .map_err(|_| StoreError::Integrity { problems: 1 })?
        }
    };
    let recipient = id.to_public().to_string();
    Ok(ReceiveKey {
        fingerprint: fingerprint(&recipient),
        qr_svg: qr_svg(&recipient),
        recipient,
    })
}

/// Whom a handover file is for.
pub enum HandoverTo {
    /// The holder of this receiving key (`age1...`).
    Key(String),
    /// Whoever knows this one-time passphrase.
    Passphrase(SecretString),
}

impl HandoverTo {
    /// What the export log and the dossier's record say the file was for.
    fn label(&self) -> String {
        match self {
            HandoverTo::Key(k) => fingerprint(k),
            HandoverTo::Passphrase(_) => PASSPHRASE_RECIPIENT.to_owned(),
        }
    }
}

fn invalid(field: &str, code: ValidationCode) -> HandoverError {
    StoreError::Validation(ValidationErrors::single(field, code)).into()
}

/// Encrypts a package for its recipient.
fn seal(package: &Package, to: &HandoverTo) -> Result<Vec<u8>, HandoverError> {
    let plain = Zeroizing::new(serde_json::to_vec(package).map_err(|_| {
        HandoverError::Export(ExportError::Render {
            code: "handover_data",
        })
    })?);
    seal_bytes(&plain, to)
}

/// Encrypts bytes with age for a receiving key or a one-time passphrase (strength checked);
/// handover files, contributions and receipts are all sealed this way.
pub(crate) fn seal_bytes(plain: &[u8], to: &HandoverTo) -> Result<Vec<u8>, HandoverError> {
    let key;
    let mut scrypt;
    let recipient: &dyn age::Recipient = match to {
        HandoverTo::Key(text) => {
            key = x25519::Recipient::from_str(text.trim())
                .map_err(|_| invalid("to", ValidationCode::InvalidFormat))?;
            &key
        }
        HandoverTo::Passphrase(p) => {
            if crate::vault::keyslot::strength(p) < 3 {
                return Err(invalid("passphrase", ValidationCode::InvalidFormat));
            }
            scrypt = age::scrypt::Recipient::new(p.clone());
            scrypt.set_work_factor(16);
            &scrypt
        }
    };
    let io = |_| {
        HandoverError::Export(ExportError::Io {
            kind: std::io::ErrorKind::Other,
        })
    };
    let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient))
        .map_err(|_| invalid("to", ValidationCode::InvalidFormat))?;
    let mut out = Vec::new();
    let mut w = encryptor.wrap_output(&mut out).map_err(io)?;
    w.write_all(plain).map_err(io)?;
    w.finish().map_err(io)?;
    Ok(out)
}

/// Decrypts a handover file with this vault's receiving key (or the passphrase it was made
/// with) and reads the package.
fn open(
    store: &Store,
    bytes: &[u8],
    passphrase: Option<&SecretString>,
) -> Result<Package, HandoverError> {
    let plain = open_bytes(store, bytes, passphrase)?;
    let package: Package =
        serde_json::from_slice(&plain).map_err(|_| HandoverError::NotAHandover)?;
    if package.format != package::FORMAT || package.version != package::VERSION {
        return Err(HandoverError::NotAHandover);
    }
    Ok(package)
}

/// Decrypts an age file made for this vault's receiving key (or with `passphrase`):
/// `NotForYou` when it was made for another, `NotAHandover` when it is no age file.
pub(crate) fn open_bytes(
    store: &Store,
    bytes: &[u8],
    passphrase: Option<&SecretString>,
) -> Result<Zeroizing<Vec<u8>>, HandoverError> {
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| HandoverError::NotAHandover)?;
    let mut reader = if decryptor.is_scrypt() {
        let p = passphrase.ok_or(HandoverError::NotForYou)?;
        let mut id = age::scrypt::Identity::new(p.clone());
        id.set_max_work_factor(20);
        decryptor.decrypt(std::iter::once(&id as &dyn age::Identity))
    } else {
        let id = identity(store)?.ok_or(HandoverError::NotForYou)?;
        decryptor.decrypt(std::iter::once(&id as &dyn age::Identity))
    }
    .map_err(|e| match e {
        age::DecryptError::NoMatchingKeys
        | age::DecryptError::KeyDecryptionFailed
        | age::DecryptError::DecryptionFailed => HandoverError::NotForYou,
        _ => HandoverError::NotAHandover,
    })?;
    let mut plain = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plain)
        .map_err(|_| HandoverError::NotAHandover)?;
    Ok(plain)
}

/// A handover file written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverFile {
    /// Where.
    pub path: String,
    /// The dossiers in it, by number.
    pub dossiers: Vec<String>,
    /// For whom: the key's fingerprint, or `wachtwoordzin`.
    pub recipient: String,
    /// SHA-256 of the file, hex (as in the export log).
    pub sha256: String,
}

/// Writes the dossiers `numbers` for `to` to `dest` (which must not exist), records them as
/// handed over, logs and saves; see the module docs.
pub fn export(
    vault: &mut Vault,
    numbers: &[String],
    options: &HandoverOptions,
    to: &HandoverTo,
    dest: &Path,
    lang: Lang,
    clock: Clock,
) -> Result<HandoverFile, HandoverError> {
    if numbers.is_empty() {
        return Err(ExportError::NothingChosen.into());
    }
    if options.deputy_until.is_some_and(|d| d < clock.today) {
        return Err(invalid("deputy_until", ValidationCode::InvalidFormat));
    }
    let package = package::build(vault.store(), numbers, options, lang, clock.today)?;
    let sealed = seal(&package, to)?;
    drop(package);
    let sha256 = sha256_hex(&sealed);
    let (_, failed) = deliver(&[(dest, sealed.as_slice())])?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let label = to.label();
    let store = vault.store_mut();
    let mut organisations = Vec::new();
    let mut shown = Vec::new();
    for number in numbers {
        let d = store.dossier_by_number(number)?;
        store.record_handed_over(d.id, &label, options.deputy_until, clock)?;
        let org = store.organisation(d.organisation_id)?.name;
        if !organisations.contains(&org) {
            organisations.push(org);
        }
        shown.push(d.number);
    }
    store.log_export(LOG_KIND, &organisations, "", &label, &sha256, clock)?;
    vault.save(clock)?;
    Ok(HandoverFile {
        path: dest.to_string_lossy().into_owned(),
        dossiers: shown,
        recipient: label,
        sha256,
    })
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverImported {
    /// Per dossier: its number in the sender's vault and here.
    pub dossiers: Vec<(String, String)>,
    /// Organisations made because no organisation here had their name.
    pub organisations_created: Vec<String>,
    /// Who handed them over.
    pub from: String,
    /// For a deputy copy: until when.
    pub deputy_until: Option<NaiveDate>,
}

/// Reads a handover file made for this vault and adds its dossiers, all or none; saves.
pub fn import(
    vault: &mut Vault,
    bytes: &[u8],
    passphrase: Option<&SecretString>,
    clock: Clock,
) -> Result<HandoverImported, HandoverError> {
    let package = open(vault.store(), bytes, passphrase)?;
    let imported = package::apply(vault.store_mut(), &package, clock)?;
    vault.save(clock)?;
    Ok(imported)
}

/// Refuses a deputy copy past its end date (`deputy_expired`); the shells call it before
/// showing a dossier.
pub fn check_deputy(store: &Store, dossier_id: i64, today: NaiveDate) -> Result<(), HandoverError> {
    match store.received(dossier_id)? {
        Some(r) if r.deputy_until.is_some_and(|until| until < today) => {
            Err(HandoverError::DeputyExpired)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_reads_back_as_the_recipient() {
        let recipient = x25519::Identity::generate().to_public().to_string();
        let code = qrcode::QrCode::with_error_correction_level(&recipient, qrcode::EcLevel::M)
            .expect("a recipient fits a QR code");
        // Draw the modules (4 pixels each, a 4-module quiet zone) and decode them with an
        // independent reader.
        let (width, scale, quiet) = (code.width(), 4, 4);
        let side = (width + 2 * quiet) * scale;
        let colors = code.to_colors();
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (
                (x / scale) as isize - quiet as isize,
                (y / scale) as isize - quiet as isize,
            );
            let dark = mx >= 0
                && my >= 0
                && (mx as usize) < width
                && (my as usize) < width
                && colors[my as usize * width + mx as usize] == qrcode::Color::Dark;
            if dark { 0 } else { 255 }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code is found");
        let (_, content) = grids[0].decode().expect("it decodes");
        assert_eq!(content, recipient, "the code holds exactly the recipient");
        let svg = qr_svg(&recipient);
        assert!(
            svg.contains("<svg") && svg.contains("#000"),
            "the shipped SVG is drawn by the same encoder: {}",
            &svg[..svg.len().min(120)]
        );
    }

    #[test]
    fn the_fingerprint_is_four_groups_of_four_and_ignores_surrounding_space() {
        let f = fingerprint("age1abc");
        assert_eq!(f.len(), 19, "{f}");
        assert_eq!(f.split(' ').count(), 4, "{f}");
        assert_eq!(
            f,
            fingerprint(" age1abc\n"),
            "a pasted key with a line break is the same"
        );
    }
}
