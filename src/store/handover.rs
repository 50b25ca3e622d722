//! Handover rows: the vault's receiving key (made once, never replaced) and, per dossier,
//! that it was handed over or received (with the deputy copy's end date).

use super::{Store, StoreError};
use crate::Clock;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// A dossier received from another vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Received {
    /// The day it was imported.
    pub on_date: NaiveDate,
    /// Who handed it over (the sender's name as they set it, or their key's fingerprint).
    pub from: String,
    /// Its number in the sender's vault.
    pub original_number: String,
    /// For a deputy copy: the last day it may be opened.
    pub deputy_until: Option<NaiveDate>,
}

impl Store {
    /// The receiving key's secret (`AGE-SECRET-KEY-1...`), if the vault has one yet.
    pub(crate) fn receive_secret(&self) -> Result<Option<SecretString>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT secret_key FROM receive_key WHERE id = 1", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .map(SecretString::from))
    }

    /// Stores `secret` as the receiving key unless the vault has one; returns the one it has
    /// afterwards (an existing key is never replaced). The caller saves.
    pub(crate) fn ensure_receive_secret(
        &mut self,
        secret: &SecretString,
        clock: Clock,
    ) -> Result<SecretString, StoreError> {
        self.conn.execute(
            "INSERT OR IGNORE INTO receive_key (id, secret_key, created_at) VALUES (1, ?1, ?2)",
            params![secret.expose_secret(), clock.now.to_rfc3339()],
        )?;
        self.receive_secret()?.ok_or(StoreError::NotFound {
            what: "receive_key",
        })
    }

    /// Records that a dossier was handed over to the holder of the key with `fingerprint`.
    pub(crate) fn record_handed_over(
        &mut self,
        dossier_id: i64,
        fingerprint: &str,
        deputy_until: Option<NaiveDate>,
        clock: Clock,
    ) -> Result<(), StoreError> {
        let number = self.dossier(dossier_id)?.number;
        self.conn.execute(
            "INSERT INTO handovers (dossier_id, direction, on_date, counterpart, original_number,
                 deputy_until) VALUES (?1, 'uit', ?2, ?3, ?4, ?5)",
            params![dossier_id, clock.today, fingerprint, number, deputy_until],
        )?;
        Ok(())
    }

    /// Records that a dossier was received.
    pub(crate) fn record_received(
        &mut self,
        dossier_id: i64,
        received: &Received,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO handovers (dossier_id, direction, on_date, counterpart, original_number,
                 deputy_until) VALUES (?1, 'in', ?2, ?3, ?4, ?5)",
            params![
                dossier_id,
                received.on_date,
                received.from,
                received.original_number,
                received.deputy_until
            ],
        )?;
        Ok(())
    }

    /// How a dossier came into this vault, if it was received.
    pub fn received(&self, dossier_id: i64) -> Result<Option<Received>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT on_date, counterpart, original_number, deputy_until FROM handovers
                 WHERE dossier_id = ?1 AND direction = 'in' ORDER BY id DESC LIMIT 1",
                [dossier_id],
                |r| {
                    Ok(Received {
                        on_date: r.get(0)?,
                        from: r.get(1)?,
                        original_number: r.get(2)?,
                        deputy_until: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The day a dossier was handed over, if it was.
    pub fn handed_over_on(&self, dossier_id: i64) -> Result<Option<NaiveDate>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT max(on_date) FROM handovers WHERE dossier_id = ?1 AND direction = 'uit'",
                [dossier_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// Whether a dossier is a deputy copy whose end date has passed on `today`.
    pub fn is_expired_deputy_copy(
        &self,
        dossier_id: i64,
        today: NaiveDate,
    ) -> Result<bool, StoreError> {
        Ok(self
            .received(dossier_id)?
            .and_then(|r| r.deputy_until)
            .is_some_and(|until| until < today))
    }

    /// Dossier numbers of deputy copies whose end date has passed on `today`.
    pub fn expired_deputy_copies(&self, today: NaiveDate) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.number FROM handovers h JOIN dossiers d ON d.id = h.dossier_id
             WHERE h.direction = 'in' AND h.deputy_until IS NOT NULL AND h.deputy_until < ?1
             ORDER BY d.number",
        )?;
        let rows = stmt.query_map([today], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The organisation with this name (case and surrounding spaces ignored), if any.
    pub(crate) fn organisation_named(&self, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM organisations WHERE name = ?1 COLLATE NOCASE
                   AND id NOT IN (SELECT organisation_id FROM joint_participants)
                 ORDER BY id LIMIT 1",
                [name.trim()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The number received dossier `id` gets here ([`crate::handover::package`]): taken means
    /// by another dossier (not by the number `id` was given when it was added).
    pub(crate) fn free_number(&self, id: i64, original: &str) -> Result<String, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM dossiers WHERE number = ?1 AND id <> ?2")?;
        let mut failed = None;
        let number = crate::handover::package::number_for(original.trim(), |n| {
            match stmt.exists(params![n, id]) {
                Ok(taken) => taken,
                Err(e) => {
                    failed = Some(e);
                    true
                }
            }
        });
        match failed {
            Some(e) => Err(e.into()),
            None => Ok(number),
        }
    }

    /// Gives a dossier another number (a received one keeps the sender's).
    pub(crate) fn renumber(&mut self, dossier_id: i64, number: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE dossiers SET number = ?2 WHERE id = ?1",
            params![dossier_id, number],
        )?;
        Ok(())
    }

    /// Takes back a failed import: its dossiers (with everything that goes with them) and the
    /// organisations it made.
    pub(crate) fn undo_received(
        &mut self,
        dossiers: &[i64],
        organisations: &[i64],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for id in dossiers {
            tx.execute("DELETE FROM dossiers WHERE id = ?1", [id])?;
        }
        for id in organisations {
            tx.execute("DELETE FROM organisations WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(())
    }
}
