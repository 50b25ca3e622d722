//! Deadlines of dossiers and the breach register in the vault. The rules (how a due date is
//! counted, the one extension, which dossiers the Wbk covers, the Wbk chain, urgency) are
//! [`crate::model::deadline`]'s; this file keeps the rows and applies them. Deadlines go with
//! their dossier (`ON DELETE CASCADE`) when it is destroyed.

use super::{Store, StoreError};
use crate::Clock;
use crate::model::deadline::{self, DeadlineError};
use crate::model::*;
use chrono::{Duration, NaiveDate};
use rusqlite::{Row, params};

/// The overview lists deadlines due within this many days (and every overdue one).
pub const DEADLINES_AHEAD_DAYS: i64 = 14;

const DEADLINE_COLUMNS: &str = "id, dossier_id, kind, label, starts_on, original_due_on, \
    due_on, extended_on, extension_reason, done_on";

fn deadline_from_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Deadline> {
    let due_on: NaiveDate = r.get(6)?;
    let done_on: Option<NaiveDate> = r.get(9)?;
    Ok(Deadline {
        id: r.get(0)?,
        dossier_id: r.get(1)?,
        kind: r.get(2)?,
        label: r.get(3)?,
        starts_on: r.get(4)?,
        original_due_on: r.get(5)?,
        due_on,
        extended_on: r.get(7)?,
        extension_reason: r.get(8)?,
        done_on,
        urgency: deadline::urgency(due_on, done_on, today),
    })
}

fn breach_from_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Breach> {
    let discovered_at: chrono::NaiveDateTime = r.get(2)?;
    let handled_on: Option<NaiveDate> = r.get(5)?;
    let report_by = deadline::breach_report_by(discovered_at);
    Ok(Breach {
        id: r.get(0)?,
        what: r.get(1)?,
        discovered_at,
        report_by,
        informed: r.get(3)?,
        decision: r.get(4)?,
        handled_on,
        urgency: deadline::urgency(report_by.date(), handled_on, today),
    })
}

impl Store {
    /// Adds a deadline to a dossier. A Wbk term is refused on a dossier the Wbk does not
    /// cover ([`deadline::wbk_applies`]).
    pub fn add_deadline(
        &mut self,
        dossier_id: i64,
        input: &DeadlineInput,
        clock: Clock,
    ) -> Result<Deadline, StoreError> {
        let dossier = self.dossier(dossier_id)?;
        input.validate(clock.today)?;
        if input.kind.is_wbk() && !deadline::wbk_applies(dossier.contact_type) {
            return Err(DeadlineError::WbkNotApplicable.into());
        }
        let due = input.due();
        let now = clock.now.to_rfc3339();
        self.conn.execute(
            "INSERT INTO deadlines (dossier_id, kind, label, starts_on, original_due_on, due_on,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?6)",
            params![
                dossier_id,
                input.kind,
                input.label.trim(),
                input.starts_on,
                due,
                now
            ],
        )?;
        self.deadline(self.conn.last_insert_rowid(), clock.today)
    }

    /// One deadline, with its urgency on `today`.
    pub fn deadline(&self, id: i64, today: NaiveDate) -> Result<Deadline, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {DEADLINE_COLUMNS} FROM deadlines WHERE id = ?1"),
                [id],
                |r| deadline_from_row(r, today),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound { what: "deadline" },
                e => e.into(),
            })
    }

    /// A dossier's deadlines, with their urgency on `today`: open ones by due date, then done
    /// ones.
    pub fn deadlines(
        &self,
        dossier_id: i64,
        today: NaiveDate,
    ) -> Result<Vec<Deadline>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DEADLINE_COLUMNS} FROM deadlines WHERE dossier_id = ?1
             ORDER BY done_on IS NOT NULL, due_on, id"
        ))?;
        let rows = stmt.query_map([dossier_id], |r| deadline_from_row(r, today))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Marks a deadline done on `done_on`. Done with the Wbk confirmation starts the feedback
    /// term (3 calendar months from that day), unless the dossier has one already. Returns
    /// the dossier's deadlines.
    pub fn complete_deadline(
        &mut self,
        id: i64,
        done_on: NaiveDate,
        clock: Clock,
    ) -> Result<Vec<Deadline>, StoreError> {
        let d = self.deadline(id, clock.today)?;
        if d.done_on.is_some() {
            return Err(DeadlineError::AlreadyDone.into());
        }
        if done_on > clock.today {
            return Err(ValidationErrors::single("done_on", ValidationCode::InFuture).into());
        }
        let now = clock.now.to_rfc3339();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE deadlines SET done_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, done_on, now],
        )?;
        if let Some(next) = d.kind.next_in_chain() {
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM deadlines WHERE dossier_id = ?1 AND kind = ?2",
                params![d.dossier_id, next],
                |r| r.get(0),
            )?;
            if !exists && let Some(due) = next.due_from(done_on) {
                tx.execute(
                    "INSERT INTO deadlines (dossier_id, kind, starts_on, original_due_on, due_on,
                         created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?5)",
                    params![d.dossier_id, next, done_on, due, now],
                )?;
            }
        }
        tx.commit()?;
        self.deadlines(d.dossier_id, clock.today)
    }

    /// Extends a deadline once, by the months its kind allows, with a reason.
    pub fn extend_deadline(
        &mut self,
        id: i64,
        reason: &str,
        clock: Clock,
    ) -> Result<Deadline, StoreError> {
        let d = self.deadline(id, clock.today)?;
        let due = d.extended_due()?;
        deadline::validate_reason(reason)?;
        self.conn.execute(
            "UPDATE deadlines SET due_on = ?2, extended_on = ?3, extension_reason = ?4,
                 updated_at = ?5 WHERE id = ?1",
            params![id, due, clock.today, reason.trim(), clock.now.to_rfc3339()],
        )?;
        self.deadline(id, clock.today)
    }

    /// Removes a deadline (one set by mistake).
    pub fn delete_deadline(&mut self, id: i64) -> Result<(), StoreError> {
        if self
            .conn
            .execute("DELETE FROM deadlines WHERE id = ?1", [id])?
            == 0
        {
            return Err(StoreError::NotFound { what: "deadline" });
        }
        Ok(())
    }

    /// Deadlines not yet done that are due on or before `until` (`None`: all), soonest first,
    /// with their dossier and their urgency on `today`.
    pub fn open_deadlines(
        &self,
        today: NaiveDate,
        until: Option<NaiveDate>,
    ) -> Result<Vec<DeadlineSummary>, StoreError> {
        let cols = DEADLINE_COLUMNS
            .split(", ")
            .map(|c| format!("x.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {cols}, d.number, o.name FROM deadlines x
               JOIN dossiers d ON d.id = x.dossier_id
               JOIN organisations o ON o.id = d.organisation_id
             WHERE x.done_on IS NULL AND (?1 IS NULL OR x.due_on <= ?1)
             ORDER BY x.due_on, d.number, x.id"
        ))?;
        let rows = stmt.query_map([until], |r| {
            let deadline = deadline_from_row(r, today)?;
            Ok(DeadlineSummary {
                urgency: deadline.urgency,
                deadline,
                number: r.get(10)?,
                organisation_name: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What the overview shows on `today`: open deadlines overdue or due within
    /// [`DEADLINES_AHEAD_DAYS`] days.
    pub fn upcoming_deadlines(&self, today: NaiveDate) -> Result<Vec<DeadlineSummary>, StoreError> {
        self.open_deadlines(today, Some(today + Duration::days(DEADLINES_AHEAD_DAYS)))
    }

    /// Records an access request on a dossier and starts its one-month deadline, in one
    /// transaction.
    pub fn add_access_request(
        &mut self,
        dossier_id: i64,
        input: &AccessRequestInput,
        clock: Clock,
    ) -> Result<AccessRequest, StoreError> {
        self.dossier(dossier_id)?;
        input.validate(clock.today)?;
        let now = clock.now.to_rfc3339();
        let due = DeadlineKind::Inzageverzoek
            .due_from(input.received_on)
            .unwrap_or(input.received_on);
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO deadlines (dossier_id, kind, starts_on, original_due_on, due_on,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?5)",
            params![
                dossier_id,
                DeadlineKind::Inzageverzoek,
                input.received_on,
                due,
                now
            ],
        )?;
        let deadline_id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO access_requests (dossier_id, deadline_id, received_on, identity_check,
                 identity_note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                dossier_id,
                deadline_id,
                input.received_on,
                input.identity_check,
                input.identity_note.trim(),
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(AccessRequest {
            id,
            dossier_id,
            deadline_id: Some(deadline_id),
            received_on: input.received_on,
            identity_check: input.identity_check,
            identity_note: input.identity_note.trim().to_owned(),
        })
    }

    /// A dossier's access requests, newest first.
    pub fn access_requests(&self, dossier_id: i64) -> Result<Vec<AccessRequest>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, dossier_id, deadline_id, received_on, identity_check, identity_note
             FROM access_requests WHERE dossier_id = ?1 ORDER BY received_on DESC, id DESC",
        )?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok(AccessRequest {
                id: r.get(0)?,
                dossier_id: r.get(1)?,
                deadline_id: r.get(2)?,
                received_on: r.get(3)?,
                identity_check: r.get(4)?,
                identity_note: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Registers a breach.
    pub fn add_breach(&mut self, input: &BreachInput, clock: Clock) -> Result<Breach, StoreError> {
        input.validate(clock.today)?;
        let now = clock.now.to_rfc3339();
        self.conn.execute(
            "INSERT INTO breaches (what, discovered_at, informed, decision, handled_on,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                input.what.trim(),
                input.discovered_at,
                input.informed.trim(),
                input.decision.trim(),
                input.handled_on,
                now
            ],
        )?;
        self.breach(self.conn.last_insert_rowid(), clock.today)
    }

    /// Updates a breach (whom informed, the decision, when handled).
    pub fn update_breach(
        &mut self,
        id: i64,
        input: &BreachInput,
        clock: Clock,
    ) -> Result<Breach, StoreError> {
        input.validate(clock.today)?;
        let n = self.conn.execute(
            "UPDATE breaches SET what = ?2, discovered_at = ?3, informed = ?4, decision = ?5,
                 handled_on = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                id,
                input.what.trim(),
                input.discovered_at,
                input.informed.trim(),
                input.decision.trim(),
                input.handled_on,
                clock.now.to_rfc3339()
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "breach" });
        }
        self.breach(id, clock.today)
    }

    /// One breach, with its urgency on `today`.
    pub fn breach(&self, id: i64, today: NaiveDate) -> Result<Breach, StoreError> {
        self.conn
            .query_row(
                "SELECT id, what, discovered_at, informed, decision, handled_on
                 FROM breaches WHERE id = ?1",
                [id],
                |r| breach_from_row(r, today),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound { what: "breach" },
                e => e.into(),
            })
    }

    /// The breach register, newest discovery first; `open_only` leaves out handled ones
    /// (then oldest first, the most pressing on top).
    pub fn breaches(&self, today: NaiveDate, open_only: bool) -> Result<Vec<Breach>, StoreError> {
        let sql = if open_only {
            "SELECT id, what, discovered_at, informed, decision, handled_on FROM breaches
             WHERE handled_on IS NULL ORDER BY discovered_at, id"
        } else {
            "SELECT id, what, discovered_at, informed, decision, handled_on FROM breaches
             ORDER BY discovered_at DESC, id DESC"
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| breach_from_row(r, today))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
