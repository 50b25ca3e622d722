//! Keys: the passphrase keyslot (the vault's X25519 identity wrapped in an age scrypt file with
//! a fixed work factor), the recovery key, and passphrase strength.

use super::VaultError;
use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use std::io::{Read, Write};
use std::str::FromStr;
use zeroize::Zeroizing;

/// scrypt work factor (log2 N) used for new keyslots; fixed so that a vault made on a fast
/// machine still opens on a slow one.
pub const WORK_FACTOR: u8 = 18;
/// Highest work factor accepted when opening.
pub const MAX_WORK_FACTOR: u8 = 20;
/// Minimum zxcvbn score (0-4) for a new passphrase.
pub const MIN_SCORE: u8 = 3;

/// Rejects passphrases that are easy to guess.
pub fn check_strength(passphrase: &SecretString) -> Result<(), VaultError> {
    let score = strength(passphrase);
    if score < MIN_SCORE {
        return Err(VaultError::WeakPassphrase { score });
    }
    Ok(())
}

/// zxcvbn's score, 0 (trivial) to 4 (strong), for a strength indicator.
pub fn strength(passphrase: &SecretString) -> u8 {
    let p = passphrase.expose_secret();
    if p.trim().is_empty() {
        return 0;
    }
    zxcvbn::zxcvbn(p, &["kluis", "vertrouwenspersoon", "wachtwoord"]).score() as u8
}

/// Wraps the vault identity under a passphrase: a standard age file with one scrypt recipient.
pub fn wrap(identity: &x25519::Identity, passphrase: &SecretString) -> Result<Vec<u8>, VaultError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(WORK_FACTOR);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|_| VaultError::MalformedHeader)?;
    let mut out = Vec::new();
    let mut w = encryptor
        .wrap_output(&mut out)
        .map_err(VaultError::io(super::IoOp::WriteTemp))?;
    let secret = identity.to_string();
    w.write_all(secret.expose_secret().as_bytes())
        .and_then(|_| w.finish().map(|_| ()))
        .map_err(VaultError::io(super::IoOp::WriteTemp))?;
    Ok(out)
}

/// Unwraps the vault identity from a passphrase keyslot.
pub fn unwrap(data: &[u8], passphrase: &SecretString) -> Result<x25519::Identity, VaultError> {
    let decryptor = age::Decryptor::new_buffered(data).map_err(header_error)?;
    if !decryptor.is_scrypt() {
        return Err(VaultError::MalformedHeader);
    }
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => VaultError::WrongPassphrase,
            age::DecryptError::ExcessiveWork { required, .. } => VaultError::ExcessiveWorkFactor {
                required,
                maximum: MAX_WORK_FACTOR,
            },
            other => header_error(other),
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plain)
        .map_err(|_| VaultError::Tampered)?;
    let text = std::str::from_utf8(&plain).map_err(|_| VaultError::Tampered)?;
    x25519::Identity::from_str(text.trim()).map_err(|_| VaultError::Tampered)
}

/// Maps an age error met while reading a header to a vault error.
pub fn header_error(e: age::DecryptError) -> VaultError {
    match e {
        age::DecryptError::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            VaultError::Truncated
        }
        age::DecryptError::InvalidMac => VaultError::Tampered,
        age::DecryptError::UnknownFormat => VaultError::UnsupportedVersion {
            found: 0,
            supported: super::format::FORMAT_VERSION.into(),
        },
        _ => VaultError::MalformedHeader,
    }
}

/// Parses a recovery key as typed or pasted: surrounding space, line breaks, spaces inside and
/// lower case are forgiven.
pub fn parse_recovery_key(text: &SecretString) -> Result<x25519::Identity, VaultError> {
    let cleaned: Zeroizing<String> = Zeroizing::new(
        text.expose_secret()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase(),
    );
    x25519::Identity::from_str(&cleaned).map_err(|_| VaultError::MalformedRecoveryKey)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passphrases_are_refused_and_strong_ones_accepted() {
        for weak in ["", "wachtwoord", "kluis123", "Welkom01!"] {
            assert!(
                matches!(
                    check_strength(&SecretString::from(weak.to_owned())),
                    Err(VaultError::WeakPassphrase { .. })
                ),
                "a guessable passphrase must be refused"
            );
        }
        let strong = SecretString::from("paarse fiets onder de regenboog zingt".to_owned());
        assert!(
            check_strength(&strong).is_ok(),
            "a long unusual phrase is accepted"
        );
    }

    #[test]
    fn recovery_key_parsing_forgives_spacing_and_case() {
        let id = x25519::Identity::generate();
        let s = id.to_string();
        let s = s.expose_secret();
        let messy = format!("  {} \n {}  ", &s[..20].to_lowercase(), &s[20..]);
        let parsed = parse_recovery_key(&SecretString::from(messy)).expect("messy key parses");
        assert_eq!(
            parsed.to_public().to_string(),
            id.to_public().to_string(),
            "the same key comes out"
        );
        assert!(matches!(
            parse_recovery_key(&SecretString::from("not a key".to_owned())),
            Err(VaultError::MalformedRecoveryKey)
        ));
    }
}
