//! Writing an import: every dossier of a plan in one transaction, so either all rows go in
//! or none do. Each record is checked again here with the same rules as a dossier typed in
//! by hand, whatever the plan said.

use super::{Store, StoreError};
use crate::Clock;
use crate::import::ImportRecord;
use crate::model::{CloseInput, ValidationCode, ValidationErrors};
use chrono::Datelike;
use rusqlite::params;

impl Store {
    /// Creates a dossier for every record, numbered per opening year in record order, closed
    /// where the record has a closing date (destroy-by date from the organisation's
    /// retention term), with one conversation where it has minutes. Returns the new ids.
    pub fn import_dossiers(
        &mut self,
        records: &[ImportRecord],
        clock: Clock,
    ) -> Result<Vec<i64>, StoreError> {
        use std::collections::BTreeMap;
        let mut destroy_by = Vec::with_capacity(records.len());
        // The same checks as one dossier at a time, each database lookup made once per
        // organisation and per set of categories (10,000 rows repeat a few of each).
        let mut org_checked: BTreeMap<i64, (bool, u32)> = BTreeMap::new();
        let mut cats_checked: BTreeMap<Vec<String>, bool> = BTreeMap::new();
        for r in records {
            let mut e = super::Checks::new(r.input.validate(r.closed_on, clock.today));
            let org = r.input.organisation_id;
            let usable = match org_checked.get(&org) {
                Some(&(usable, _)) => usable,
                None => {
                    let usable = self
                        .check_organisation_usable(org, "organisation_id")
                        .is_ok();
                    let months = if usable {
                        self.retention_months_for(org)?
                    } else {
                        0
                    };
                    org_checked.insert(org, (usable, months));
                    usable
                }
            };
            if !usable {
                e.add(self.check_organisation_usable(org, "organisation_id"))?;
            }
            let cats_ok = match cats_checked.get(&r.input.categories) {
                Some(&ok) => ok,
                None => {
                    let ok = self.check_categories(&r.input.categories, &[]).is_ok();
                    cats_checked.insert(r.input.categories.clone(), ok);
                    ok
                }
            };
            if !cats_ok {
                e.add(self.check_categories(&r.input.categories, &[]))?;
            }
            if let Some(closed_on) = r.closed_on {
                let close = CloseInput {
                    closed_on,
                    outcome: r.input.outcome,
                    destroy_by: None,
                };
                e.add(
                    close
                        .validate(r.input.opened_on, clock.today)
                        .map_err(Into::into),
                )?;
            }
            if let Some(c) = &r.conversation {
                e.add(
                    c.validate(r.input.opened_on, clock.today)
                        .map_err(Into::into),
                )?;
            }
            e.finish()?;
            destroy_by.push(
                r.closed_on
                    .map(|c| super::dossiers::proposed_destroy_by(c, org_checked[&org].1)),
            );
        }
        if records.iter().any(|r| r.input.legal_hold) {
            // An import never sets a legal hold (it needs a reason the advisor gives).
            return Err(
                ValidationErrors::single("legal_hold", ValidationCode::HoldNeedsReason).into(),
            );
        }
        let now = clock.now.to_rfc3339();
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(records.len());
        // The next number per year, looked up once and counted on (the numbers are unique).
        let mut next: BTreeMap<i32, u32> = BTreeMap::new();
        for (r, destroy_by) in records.iter().zip(destroy_by) {
            let input = &r.input;
            let year = input.opened_on.year();
            let seq = match next.get(&year) {
                Some(&n) => n,
                None => Self::next_number(&tx, year)?[5..]
                    .parse::<u32>()
                    .unwrap_or(1),
            };
            next.insert(year, seq + 1);
            let number = format!("{year:04}-{seq:04}");
            let status = if r.closed_on.is_some() {
                "gesloten"
            } else {
                "open"
            };
            tx.execute(
                "INSERT INTO dossiers (number, organisation_id, contact_type, status, opened_on,
                    closed_on, reporter_role, relation, outcome, consent_on, consent_scope,
                    destroy_by, legal_hold, legal_hold_reason, gender, notes, created_at,
                    updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, '', ?13, ?14,
                    ?15, ?15)",
                params![
                    number,
                    input.organisation_id,
                    input.contact_type,
                    status,
                    input.opened_on,
                    r.closed_on,
                    input.reporter_role,
                    input.relation,
                    input.outcome,
                    input.consent_on,
                    input.consent_scope,
                    destroy_by,
                    input.gender,
                    input.notes,
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            Self::write_links(&tx, id, input)?;
            if let Some(c) = &r.conversation {
                tx.execute(
                    "INSERT INTO conversations (dossier_id, held_on, minutes, mode)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![id, c.held_on, c.minutes, c.mode],
                )?;
            }
            ids.push(id);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Takes back an import whose save failed: deletes the dossiers it created (their
    /// categories, actions and conversations go with them), all in one transaction.
    pub fn undo_import(&mut self, ids: &[i64]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for id in ids {
            tx.execute("DELETE FROM dossiers WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// When a file with this SHA-256 was imported, if it was (from the export log).
    pub fn imported_before(
        &self,
        sha256: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        use rusqlite::OptionalExtension;
        let at: Option<String> = self
            .conn
            .query_row(
                "SELECT min(exported_at) FROM export_log WHERE kind = 'import' AND sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(at
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.to_utc()))
    }

    /// Removes the log entry of an import that was taken back.
    pub fn forget_import(&mut self, sha256: &str, clock: Clock) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM export_log WHERE kind = 'import' AND sha256 = ?1 AND exported_at = ?2",
            params![sha256, clock.now.to_rfc3339()],
        )?;
        Ok(())
    }
}
