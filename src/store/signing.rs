//! The vault's report-signing key (`signing_key`, one row): read, and made once.

use super::{Store, StoreError};
use crate::Clock;
use crate::signing::{KEY_ID_LEN, SigningKey};
use rusqlite::OptionalExtension;
use zeroize::Zeroizing;

impl Store {
    /// The signing key, if the vault has one yet.
    pub fn signing_key(&self) -> Result<Option<SigningKey>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT key_id, secret_key FROM signing_key WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, Vec<u8>>(0)?,
                        Zeroizing::new(r.get::<_, Vec<u8>>(1)?),
                    ))
                },
            )
            .optional()?;
        let Some((key_id, secret)) = row else {
            return Ok(None);
        };
        let key_id: [u8; KEY_ID_LEN] = key_id
            .as_slice()
            .try_into()
            .map_err(|_| StoreError::Integrity { problems: 1 })?;
        let mut bytes = Zeroizing::new([0u8; 32]);
        if secret.len() != 32 {
            return Err(StoreError::Integrity { problems: 1 });
        }
        bytes.copy_from_slice(&secret);
        Ok(Some(SigningKey::from_parts(key_id, &bytes)))
    }

    /// Stores `key` as the vault's signing key unless it has one; returns the key the vault
    /// has afterwards (so an existing key is never replaced). The caller saves.
    pub fn ensure_signing_key(
        &mut self,
        key: SigningKey,
        clock: Clock,
    ) -> Result<SigningKey, StoreError> {
        let secret = key.secret_bytes();
        self.conn.execute(
            "INSERT OR IGNORE INTO signing_key (id, key_id, secret_key, created_at)
             VALUES (1, ?1, ?2, ?3)",
            rusqlite::params![
                key.key_id().as_slice(),
                secret.as_slice(),
                clock.now.to_rfc3339()
            ],
        )?;
        self.signing_key()?.ok_or(StoreError::NotFound {
            what: "signing_key",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_and_read_back_the_same() {
        let clock = Clock::at("2026-11-30".parse().expect("date"));
        let mut store = Store::create_empty(clock).expect("store");
        assert!(
            store.signing_key().expect("read").is_none(),
            "an empty store has no key until one is made"
        );
        let first = store
            .ensure_signing_key(SigningKey::generate(&mut rand_core::OsRng), clock)
            .expect("made");
        let again = store
            .ensure_signing_key(SigningKey::generate(&mut rand_core::OsRng), clock)
            .expect("kept");
        assert_eq!(
            first.public_key(),
            again.public_key(),
            "a second key never replaces the first"
        );
        assert_eq!(
            store.signing_key().expect("read").map(|k| k.public_key()),
            Some(first.public_key()),
            "read back from the database"
        );
    }
}
