//! Signed reports: the vault's Ed25519 signing key and detached signatures in minisign's
//! format, so that a client verifies a report with the public `minisign` tool (or with
//! `kluis verify-report`), offline, against a public key published once.
//!
//! The formats, written here from minisign's documentation:
//! - public key: an `untrusted comment:` line, then base64 of `Ed` + 8-byte key id + the
//!   32-byte Ed25519 public key;
//! - signature (`<file>.minisig`): an `untrusted comment:` line; base64 of `ED` + key id + the
//!   64-byte Ed25519 signature of the BLAKE2b-512 hash of the file (`ED` = prehashed); a
//!   `trusted comment:` line; base64 of the "global" signature over the file signature
//!   followed by the trusted comment's text, so the comment cannot be changed either.
//!
//! The key id is 8 random bytes; minisign prints it as the little-endian number in 16
//! uppercase hex digits, and so does [`PublicKey::fingerprint`]. The secret key is kept only
//! in the vault's database (`store::signing`); [`SigningKey`]'s `Debug` shows the key id only
//! and the secret is wiped on drop. Errors ([`SignError`]) carry no content of the files.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use blake2::{Blake2b512, Digest as _};
use ed25519_dalek::{Signature, Signer as _, VerifyingKey};
use rand_core::CryptoRngCore;
use std::path::Path;
use zeroize::Zeroizing;

/// Length of a minisign key id.
pub const KEY_ID_LEN: usize = 8;

/// The algorithm bytes of a public key and a legacy signature.
const ALG_KEY: &[u8; 2] = b"Ed";
/// The algorithm bytes of a prehashed (BLAKE2b-512) signature, the only kind Kluis writes
/// and accepts.
const ALG_PREHASHED: &[u8; 2] = b"ED";
const UNTRUSTED: &str = "untrusted comment:";
const TRUSTED: &str = "trusted comment: ";
/// No signature file is larger (a long trusted comment included); anything larger is not one.
const MAX_SIGNATURE_BYTES: u64 = 8192;

/// Why a signature could not be made or checked. No variant carries file content or a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The public key is not a minisign Ed25519 public key.
    #[error("the public key is malformed")]
    PublicKeyMalformed,
    /// There is no signature file.
    #[error("the signature file is missing")]
    SignatureMissing,
    /// The signature file is not a minisign signature Kluis accepts, or its trusted comment
    /// was altered.
    #[error("the signature file is malformed or altered")]
    SignatureMalformed,
    /// The signature was made with another key (its key id differs).
    #[error("the signature is from another key")]
    OtherKey,
    /// The signature does not match the file: the file was changed.
    #[error("the file does not match its signature")]
    FileChanged,
    /// The file to check does not exist.
    #[error("the file is missing")]
    FileMissing,
    /// Reading a file failed.
    #[error("could not read ({kind:?})")]
    Io {
        /// The I/O error kind (no path).
        kind: std::io::ErrorKind,
    },
}

/// The vault's signing key: a key id and an Ed25519 secret key (wiped on drop).
pub struct SigningKey {
    key_id: [u8; KEY_ID_LEN],
    key: ed25519_dalek::SigningKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey {{ key_id: {} }}", hex_id(&self.key_id))
    }
}

impl SigningKey {
    /// A new key and key id from `rng` (the OS random source outside tests).
    pub fn generate(rng: &mut impl CryptoRngCore) -> SigningKey {
        let mut key_id = [0u8; KEY_ID_LEN];
        rng.fill_bytes(&mut key_id);
        SigningKey {
            key_id,
            key: ed25519_dalek::SigningKey::generate(rng),
        }
    }

    /// The key from its stored parts.
    pub(crate) fn from_parts(key_id: [u8; KEY_ID_LEN], secret: &[u8; 32]) -> SigningKey {
        SigningKey {
            key_id,
            key: ed25519_dalek::SigningKey::from_bytes(secret),
        }
    }

    /// The secret key's 32 bytes, to store in the vault (wiped when dropped).
    pub(crate) fn secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.key.to_bytes())
    }

    /// The key id.
    pub fn key_id(&self) -> [u8; KEY_ID_LEN] {
        self.key_id
    }

    /// The public key, to publish.
    pub fn public_key(&self) -> PublicKey {
        PublicKey {
            key_id: self.key_id,
            key: self.key.verifying_key(),
        }
    }

    /// The detached signature of `data` as a minisign signature file. `trusted_comment` is
    /// signed too; line breaks in it are replaced by spaces.
    pub fn sign(&self, data: &[u8], trusted_comment: &str) -> String {
        let comment: String = trusted_comment
            .chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
            .collect();
        let hash = Blake2b512::digest(data);
        let signature = self.key.sign(&hash).to_bytes();
        let mut signed = Vec::with_capacity(2 + KEY_ID_LEN + 64);
        signed.extend_from_slice(ALG_PREHASHED);
        signed.extend_from_slice(&self.key_id);
        signed.extend_from_slice(&signature);
        let mut global = signature.to_vec();
        global.extend_from_slice(comment.as_bytes());
        let global = self.key.sign(&global).to_bytes();
        format!(
            "{UNTRUSTED} signature from Kluis secret key\n{}\n{TRUSTED}{comment}\n{}\n",
            B64.encode(&signed),
            B64.encode(global)
        )
    }
}

/// The trusted comment Kluis signs: like minisign's own (`timestamp:` seconds, `file:` the
/// file's name, `hashed`), with control characters in the name replaced.
pub fn trusted_comment(file_name: &str, clock: crate::Clock) -> String {
    let name: String = file_name
        .chars()
        .map(|c| if c.is_control() { '_' } else { c })
        .collect();
    format!("timestamp:{}\tfile:{name}\thashed", clock.now.timestamp())
}

/// A public signing key: what a client needs to verify reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    key_id: [u8; KEY_ID_LEN],
    key: VerifyingKey,
}

/// A public key as the shells show it (the app's settings, `kluis key show --json`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PublicKeyView {
    /// The key as one base64 line (what `minisign -P` takes).
    pub public_key: String,
    /// The key id, 16 hex digits.
    pub fingerprint: String,
    /// The key as a minisign `.pub` file.
    pub pub_file: String,
}

/// What a valid signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The signed trusted comment (time and file name at signing).
    pub trusted_comment: String,
}

impl PublicKey {
    /// The key id as minisign prints it: 16 uppercase hex digits.
    pub fn fingerprint(&self) -> String {
        hex_id(&self.key_id)
    }

    /// The key in every form the shells show.
    pub fn view(&self) -> PublicKeyView {
        PublicKeyView {
            public_key: self.to_base64(),
            fingerprint: self.fingerprint(),
            pub_file: self.to_file(),
        }
    }

    /// The key as one base64 line (what `minisign -P` takes).
    pub fn to_base64(&self) -> String {
        let mut bytes = Vec::with_capacity(2 + KEY_ID_LEN + 32);
        bytes.extend_from_slice(ALG_KEY);
        bytes.extend_from_slice(&self.key_id);
        bytes.extend_from_slice(self.key.as_bytes());
        B64.encode(bytes)
    }

    /// The key as a minisign `.pub` file.
    pub fn to_file(&self) -> String {
        format!(
            "{UNTRUSTED} minisign public key {}\n{}\n",
            self.fingerprint(),
            self.to_base64()
        )
    }

    /// Reads a key given as its base64 line or as the text of a `.pub` file.
    pub fn parse(text: &str) -> Result<PublicKey, SignError> {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // A `.pub` file is read as minisign reads it: the comment and the key line, and
        // nothing after them (so `kluis key show`'s whole output is a key file too).
        let line = match lines.as_slice() {
            [key] => key,
            [comment, key, ..] if comment.starts_with(UNTRUSTED) => key,
            _ => return Err(SignError::PublicKeyMalformed),
        };
        let bytes = B64
            .decode(line)
            .map_err(|_| SignError::PublicKeyMalformed)?;
        if bytes.len() != 2 + KEY_ID_LEN + 32 || &bytes[..2] != ALG_KEY {
            return Err(SignError::PublicKeyMalformed);
        }
        let key_id = bytes[2..2 + KEY_ID_LEN]
            .try_into()
            .map_err(|_| SignError::PublicKeyMalformed)?;
        let key: [u8; 32] = bytes[2 + KEY_ID_LEN..]
            .try_into()
            .map_err(|_| SignError::PublicKeyMalformed)?;
        let key = VerifyingKey::from_bytes(&key).map_err(|_| SignError::PublicKeyMalformed)?;
        Ok(PublicKey { key_id, key })
    }

    /// Checks `signature` (the text of a `.minisig` file) on `data`: well formed, made by
    /// this key, over these bytes, with its trusted comment unchanged.
    pub fn verify(&self, data: &[u8], signature: &[u8]) -> Result<Verified, SignError> {
        let parsed = ParsedSignature::parse(signature)?;
        if parsed.key_id != self.key_id {
            return Err(SignError::OtherKey);
        }
        let hash = Blake2b512::digest(data);
        self.key
            .verify_strict(&hash, &parsed.signature)
            .map_err(|_| SignError::FileChanged)?;
        let mut global = parsed.signature.to_bytes().to_vec();
        global.extend_from_slice(parsed.trusted_comment.as_bytes());
        self.key
            .verify_strict(&global, &parsed.global)
            .map_err(|_| SignError::SignatureMalformed)?;
        Ok(Verified {
            trusted_comment: parsed.trusted_comment,
        })
    }
}

/// The parts of a signature file.
struct ParsedSignature {
    key_id: [u8; KEY_ID_LEN],
    signature: Signature,
    trusted_comment: String,
    global: Signature,
}

impl ParsedSignature {
    fn parse(bytes: &[u8]) -> Result<ParsedSignature, SignError> {
        let malformed = SignError::SignatureMalformed;
        let text = std::str::from_utf8(bytes).map_err(|_| malformed)?;
        let lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        let (untrusted, signed, trusted, global) = match lines.as_slice() {
            [u, s, t, g] | [u, s, t, g, ""] => (u, s, t, g),
            _ => return Err(malformed),
        };
        if !untrusted.starts_with(UNTRUSTED) {
            return Err(malformed);
        }
        let trusted_comment = trusted.strip_prefix(TRUSTED).ok_or(malformed)?;
        let signed = B64.decode(signed.trim()).map_err(|_| malformed)?;
        if signed.len() != 2 + KEY_ID_LEN + 64 || &signed[..2] != ALG_PREHASHED {
            return Err(malformed);
        }
        let global = B64.decode(global.trim()).map_err(|_| malformed)?;
        let global = Signature::from_slice(&global).map_err(|_| malformed)?;
        Ok(ParsedSignature {
            key_id: signed[2..2 + KEY_ID_LEN]
                .try_into()
                .map_err(|_| malformed)?,
            signature: Signature::from_slice(&signed[2 + KEY_ID_LEN..]).map_err(|_| malformed)?,
            trusted_comment: trusted_comment.to_owned(),
            global,
        })
    }
}

/// The signature file's path beside `file`: `<file>.minisig`.
pub fn signature_path(file: &Path) -> std::path::PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".minisig");
    name.into()
}

/// Checks `file` against the signature file `signature` with `key`, reading both (the
/// signature file only up to a size no signature exceeds).
pub fn verify_file(file: &Path, signature: &Path, key: &PublicKey) -> Result<Verified, SignError> {
    use std::io::Read as _;
    let io = |e: std::io::Error| SignError::Io { kind: e.kind() };
    let mut sig = Vec::new();
    match std::fs::File::open(signature) {
        Ok(f) => f
            .take(MAX_SIGNATURE_BYTES + 1)
            .read_to_end(&mut sig)
            .map_err(io)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(SignError::SignatureMissing);
        }
        Err(e) => return Err(io(e)),
    };
    if sig.len() as u64 > MAX_SIGNATURE_BYTES {
        return Err(SignError::SignatureMalformed);
    }
    let data = match std::fs::read(file) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(SignError::FileMissing),
        Err(e) => return Err(io(e)),
    };
    key.verify(&data, &sig)
}

fn hex_id(key_id: &[u8; KEY_ID_LEN]) -> String {
    format!("{:016X}", u64::from_le_bytes(*key_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic random source for tests (never for real keys).
    struct TestRng(u64);
    impl rand_core::RngCore for TestRng {
        fn next_u32(&mut self) -> u32 {
            self.next_u64() as u32
        }
        fn next_u64(&mut self) -> u64 {
            // SplitMix64.
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn fill_bytes(&mut self, dest: &mut [u8]) {
            for chunk in dest.chunks_mut(8) {
                let v = self.next_u64().to_le_bytes();
                chunk.copy_from_slice(&v[..chunk.len()]);
            }
        }
        fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
            self.fill_bytes(dest);
            Ok(())
        }
    }
    impl rand_core::CryptoRng for TestRng {}

    fn key(seed: u64) -> SigningKey {
        SigningKey::generate(&mut TestRng(seed))
    }

    const REPORT: &[u8] = b"rapport,tabel,rij,kolom,periode,waarde,status\nr,totaal,*,*,2025,42,\n";

    fn clock() -> crate::Clock {
        crate::Clock::at("2026-11-30".parse().expect("date"))
    }

    #[test]
    fn a_signature_verifies_and_its_trusted_comment_is_returned() {
        let k = key(1);
        let comment = trusted_comment("rapport.csv", clock());
        let sig = k.sign(REPORT, &comment);
        let verified = k
            .public_key()
            .verify(REPORT, sig.as_bytes())
            .expect("a fresh signature verifies");
        assert_eq!(
            verified.trusted_comment, comment,
            "the trusted comment comes back as signed"
        );
        assert!(
            comment.contains("file:rapport.csv") && comment.ends_with("hashed"),
            "minisign's trusted comment shape: {comment}"
        );
        let lines: Vec<&str> = sig.lines().collect();
        assert_eq!(lines.len(), 4, "four lines, as minisign writes");
        assert!(lines[0].starts_with("untrusted comment: "));
        assert!(
            lines[1].starts_with("RU"),
            "base64 of `ED` starts with RU: a prehashed signature"
        );
        assert!(lines[2].starts_with("trusted comment: "));
    }

    #[test]
    fn one_changed_byte_of_the_file_is_rejected() {
        let k = key(2);
        let sig = k.sign(REPORT, "t");
        for i in [0, REPORT.len() / 2, REPORT.len() - 1] {
            let mut changed = REPORT.to_vec();
            changed[i] ^= 0x01;
            assert_eq!(
                k.public_key().verify(&changed, sig.as_bytes()),
                Err(SignError::FileChanged),
                "byte {i} changed: the file no longer matches"
            );
        }
        let mut longer = REPORT.to_vec();
        longer.push(b'\n');
        assert_eq!(
            k.public_key().verify(&longer, sig.as_bytes()),
            Err(SignError::FileChanged),
            "an appended byte is a change too"
        );
    }

    #[test]
    fn another_key_is_rejected_by_its_key_id_and_by_its_signature() {
        let ours = key(3);
        let theirs = key(4);
        let sig = ours.sign(REPORT, "t");
        assert_eq!(
            theirs.public_key().verify(REPORT, sig.as_bytes()),
            Err(SignError::OtherKey),
            "another key id"
        );
        // Another key that claims our key id: the signature itself fails.
        let impostor = SigningKey::from_parts(ours.key_id(), &theirs.secret_bytes());
        assert_eq!(
            impostor.public_key().verify(REPORT, sig.as_bytes()),
            Err(SignError::FileChanged),
            "the same key id with another key does not verify"
        );
    }

    #[test]
    fn an_altered_trusted_comment_is_rejected() {
        let k = key(5);
        let sig = k.sign(REPORT, "timestamp:1\tfile:rapport.csv\thashed");
        let altered = sig.replace("file:rapport.csv", "file:ander.csv");
        assert_eq!(
            k.public_key().verify(REPORT, altered.as_bytes()),
            Err(SignError::SignatureMalformed),
            "the trusted comment is covered by the global signature"
        );
    }

    #[test]
    fn malformed_signature_files_give_the_specific_error() {
        let k = key(6);
        let sig = k.sign(REPORT, "t");
        let lines: Vec<&str> = sig.lines().collect();
        let legacy = {
            let mut raw = B64.decode(lines[1]).expect("base64");
            raw[1] = b'd';
            let l1 = B64.encode(raw);
            format!("{}\n{}\n{}\n{}\n", lines[0], l1, lines[2], lines[3])
        };
        let cases: Vec<(&str, String)> = vec![
            ("empty", String::new()),
            ("not text", "\u{0}\u{1}".into()),
            ("three lines", lines[..3].join("\n")),
            (
                "no untrusted comment",
                format!("x\n{}\n{}\n{}\n", lines[1], lines[2], lines[3]),
            ),
            (
                "not base64",
                format!("{}\n!!!\n{}\n{}\n", lines[0], lines[2], lines[3]),
            ),
            (
                "short signature",
                format!(
                    "{}\n{}\n{}\n{}\n",
                    lines[0],
                    &lines[1][..40],
                    lines[2],
                    lines[3]
                ),
            ),
            (
                "no trusted comment",
                format!("{}\n{}\nt\n{}\n", lines[0], lines[1], lines[3]),
            ),
            (
                "short global signature",
                format!("{}\n{}\n{}\nAAAA\n", lines[0], lines[1], lines[2]),
            ),
            ("another algorithm", legacy),
        ];
        for (what, text) in cases {
            assert_eq!(
                k.public_key().verify(REPORT, text.as_bytes()),
                Err(SignError::SignatureMalformed),
                "{what}: malformed, not another error"
            );
        }
        let crlf = sig.replace('\n', "\r\n");
        assert!(
            k.public_key().verify(REPORT, crlf.as_bytes()).is_ok(),
            "a signature file with Windows line ends (mailed around) still verifies"
        );
    }

    #[test]
    fn public_keys_read_back_from_base64_and_pub_files() {
        let k = key(7);
        let public = k.public_key();
        assert_eq!(
            PublicKey::parse(&public.to_base64()),
            Ok(public.clone()),
            "the base64 line"
        );
        assert_eq!(
            PublicKey::parse(&public.to_file()),
            Ok(public.clone()),
            "the .pub file"
        );
        assert!(
            public.to_base64().starts_with("RW"),
            "base64 of `Ed` starts with RW, as minisign keys do"
        );
        assert_eq!(public.fingerprint().len(), 16, "16 hex digits");
        assert!(
            public.to_file().contains(&public.fingerprint()),
            "the .pub file's comment names the key id"
        );
        for bad in [
            "",
            "RWxyz",
            "untrusted comment: x",
            "a\nb\nc",
            &public.to_base64()[1..],
        ] {
            assert_eq!(
                PublicKey::parse(bad),
                Err(SignError::PublicKeyMalformed),
                "{bad:?} is not a key"
            );
        }
        assert!(
            !format!("{k:?}").contains(&B64.encode(k.secret_bytes().as_slice())),
            "Debug never shows the secret key"
        );
    }

    #[test]
    fn files_on_disk_missing_signature_and_missing_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let k = key(8);
        let file = dir.path().join("rapport.csv");
        std::fs::write(&file, REPORT).expect("write");
        let sig = signature_path(&file);
        assert!(sig.to_string_lossy().ends_with("rapport.csv.minisig"));
        assert_eq!(
            verify_file(&file, &sig, &k.public_key()),
            Err(SignError::SignatureMissing),
            "no .minisig beside the file"
        );
        std::fs::write(&sig, k.sign(REPORT, "t")).expect("write");
        assert!(verify_file(&file, &sig, &k.public_key()).is_ok());
        assert_eq!(
            verify_file(&dir.path().join("weg.csv"), &sig, &k.public_key()),
            Err(SignError::FileMissing),
            "the file itself missing"
        );
        std::fs::write(&sig, vec![b'a'; 10_000]).expect("write");
        assert_eq!(
            verify_file(&file, &sig, &k.public_key()),
            Err(SignError::SignatureMalformed),
            "an oversized signature file is not read whole"
        );
    }
}
