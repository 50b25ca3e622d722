//! The byte layout of a vault file (format version 1):
//!
//! ```text
//! magic "KLUISVLT" | u16 format_version | u16 flags | u32 keyslots_len      (little-endian)
//! keyslots: keyslots_len bytes of (u16 type, u32 len, len bytes)*
//!    type 1 passphrase: a standard age file (scrypt) holding the vault's X25519 identity
//!    type 3 checksum:   SHA-256 of the type 1 keyslot's bytes (32 bytes), so that a damaged
//!                       keyslot is told apart from a wrong passphrase; readers that do not
//!                       know type 3 ignore it (written since the hardening of issue 9)
//! payload: a standard age v1 file (X25519 recipients: vault key + recovery key)
//! ```
//!
//! Parsing is bounded: no length in the header can make the reader allocate or read past the
//! file, and every inconsistency is a specific error. A file larger than [`MAX_FILE_BYTES`] is
//! refused before it is read, and the magic is checked before more than the fixed header is
//! read.

use super::VaultError;

/// The first eight bytes of every vault.
pub const MAGIC: &[u8; 8] = b"KLUISVLT";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u16 = 1;
/// Fixed header size before the keyslots.
pub const FIXED_HEADER: usize = 8 + 2 + 2 + 4;
/// Upper bound for the keyslot area (a passphrase keyslot is a few hundred bytes).
const MAX_KEYSLOTS_LEN: usize = 64 * 1024;

/// The largest vault file accepted (1 GiB). Saves refuse to write a larger one, so no vault
/// Kluis wrote can be refused by this bound: 10,000 dossiers take 14 MB, so this is about
/// 70 times the largest practice we know of, and it keeps opening (the file and the
/// decrypted database are both held in memory) within an ordinary laptop's memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Keyslot type: the vault identity encrypted with an age scrypt (passphrase) recipient.
pub const KEYSLOT_PASSPHRASE: u16 = 1;
/// Keyslot type: the SHA-256 of the passphrase keyslot (32 bytes).
pub const KEYSLOT_CHECKSUM: u16 = 3;

/// One keyslot: a type and its opaque bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyslot {
    /// Keyslot type (1 = passphrase).
    pub kind: u16,
    /// The keyslot's bytes (for type 1, a standard age file).
    pub data: Vec<u8>,
}

/// A parsed header: the keyslots and where the payload starts.
#[derive(Debug, Clone)]
pub struct Header {
    /// Keyslots in file order.
    pub keyslots: Vec<Keyslot>,
    /// Offset of the age payload in the file.
    pub payload_offset: usize,
}

/// Serialises the header and keyslots.
pub fn encode_header(keyslots: &[Keyslot]) -> Vec<u8> {
    let body_len: usize = keyslots.iter().map(|k| 6 + k.data.len()).sum();
    let mut out = Vec::with_capacity(FIXED_HEADER + body_len);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(body_len as u32).to_le_bytes());
    for k in keyslots {
        out.extend_from_slice(&k.kind.to_le_bytes());
        out.extend_from_slice(&(k.data.len() as u32).to_le_bytes());
        out.extend_from_slice(&k.data);
    }
    out
}

/// The keyslots of a passphrase: the keyslot and its checksum.
pub fn passphrase_keyslots(data: Vec<u8>) -> Vec<Keyslot> {
    use sha2::Digest;
    let checksum = sha2::Sha256::digest(&data).to_vec();
    vec![
        Keyslot {
            kind: KEYSLOT_PASSPHRASE,
            data,
        },
        Keyslot {
            kind: KEYSLOT_CHECKSUM,
            data: checksum,
        },
    ]
}

/// Whether the passphrase keyslot differs from its checksum: `Some(true)` when it is damaged,
/// `Some(false)` when intact, `None` when the file has no checksum (written before type 3).
pub fn passphrase_keyslot_damaged(keyslots: &[Keyslot]) -> Option<bool> {
    use sha2::Digest;
    let slot = keyslots.iter().find(|k| k.kind == KEYSLOT_PASSPHRASE)?;
    let checksum = keyslots.iter().find(|k| k.kind == KEYSLOT_CHECKSUM)?;
    Some(sha2::Sha256::digest(&slot.data).as_slice() != checksum.data.as_slice())
}

/// Checks the fixed part of the header (magic, version, flags) from the first bytes of a
/// file, which may be all of it; returns the length of the keyslot area.
pub fn parse_fixed(file: &[u8]) -> Result<usize, VaultError> {
    if file.len() < MAGIC.len() {
        return Err(if MAGIC.starts_with(file) && !file.is_empty() {
            VaultError::Truncated
        } else {
            VaultError::NotAVault
        });
    }
    if &file[..8] != MAGIC {
        return Err(VaultError::NotAVault);
    }
    if file.len() < FIXED_HEADER {
        return Err(VaultError::Truncated);
    }
    let version = u16::from_le_bytes([file[8], file[9]]);
    if version != FORMAT_VERSION {
        if version > FORMAT_VERSION {
            return Err(VaultError::UnsupportedVersion {
                found: version.into(),
                supported: FORMAT_VERSION.into(),
            });
        }
        return Err(VaultError::MalformedHeader);
    }
    let flags = u16::from_le_bytes([file[10], file[11]]);
    if flags != 0 {
        // Version 1 defines no flags; a set flag means a newer writer or damage.
        return Err(VaultError::MalformedHeader);
    }
    let keyslots_len = u32::from_le_bytes([file[12], file[13], file[14], file[15]]) as usize;
    if keyslots_len > MAX_KEYSLOTS_LEN {
        return Err(VaultError::MalformedHeader);
    }
    Ok(keyslots_len)
}

/// Parses the header of a whole vault file.
pub fn parse_header(file: &[u8]) -> Result<Header, VaultError> {
    let keyslots_len = parse_fixed(file)?;
    let end = FIXED_HEADER + keyslots_len;
    if file.len() < end {
        return Err(VaultError::Truncated);
    }
    let mut keyslots = Vec::new();
    let mut pos = FIXED_HEADER;
    while pos < end {
        if end - pos < 6 {
            return Err(VaultError::MalformedHeader);
        }
        let kind = u16::from_le_bytes([file[pos], file[pos + 1]]);
        let len = u32::from_le_bytes([file[pos + 2], file[pos + 3], file[pos + 4], file[pos + 5]])
            as usize;
        pos += 6;
        if len > end - pos {
            return Err(VaultError::MalformedHeader);
        }
        keyslots.push(Keyslot {
            kind,
            data: file[pos..pos + len].to_vec(),
        });
        pos += len;
    }
    Ok(Header {
        keyslots,
        payload_offset: end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trips() {
        let slots = vec![Keyslot {
            kind: KEYSLOT_PASSPHRASE,
            data: b"age-encryption.org/v1 fake".to_vec(),
        }];
        let mut file = encode_header(&slots);
        file.extend_from_slice(b"payload");
        let h = parse_header(&file).expect("a header we wrote parses");
        assert_eq!(h.keyslots, slots, "keyslots survive the round trip");
        assert_eq!(
            &file[h.payload_offset..],
            b"payload",
            "payload offset is right"
        );
    }

    #[test]
    fn oversized_keyslot_length_is_rejected_without_allocating() {
        let mut file = encode_header(&[]);
        file[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(
            matches!(parse_header(&file), Err(VaultError::MalformedHeader)),
            "a 4 GiB keyslot length is malformed, not an allocation"
        );
    }

    #[test]
    fn keyslot_running_past_the_area_is_malformed() {
        let mut file = encode_header(&[Keyslot {
            kind: 1,
            data: vec![0; 10],
        }]);
        // claim 11 bytes for a 10-byte keyslot
        file[18..22].copy_from_slice(&11u32.to_le_bytes());
        file.extend_from_slice(&[0; 32]);
        assert!(matches!(
            parse_header(&file),
            Err(VaultError::MalformedHeader)
        ));
    }
}
