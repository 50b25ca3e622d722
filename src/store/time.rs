//! Time outside dossiers, and the monthly hours per organisation (the invoice basis).

use super::{Store, StoreError};
use crate::Clock;
use crate::model::*;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<TimeEntry> {
    Ok(TimeEntry {
        id: r.get(0)?,
        organisation_id: r.get(1)?,
        spent_on: r.get(2)?,
        minutes: r.get(3)?,
        activity: r.get(4)?,
        description: r.get(5)?,
    })
}

/// First day of the month and first day of the next month.
fn month_bounds(year: i32, month: u32) -> Result<(NaiveDate, NaiveDate), StoreError> {
    let start = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| ValidationErrors::single("month", ValidationCode::TooLarge))?;
    let end = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .ok_or_else(|| ValidationErrors::single("year", ValidationCode::TooLarge))?;
    Ok((start, end))
}

impl Store {
    /// Adds a time entry.
    pub fn add_time_entry(
        &mut self,
        input: &TimeEntryInput,
        clock: Clock,
    ) -> Result<TimeEntry, StoreError> {
        let mut errors = super::Checks::new(input.validate(clock.today));
        errors.add(self.check_organisation_usable(input.organisation_id, "organisation_id"))?;
        errors.finish()?;
        self.conn.execute(
            "INSERT INTO time_entries (organisation_id, spent_on, minutes, activity, description)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                input.organisation_id,
                input.spent_on,
                input.minutes,
                input.activity,
                input.description.trim()
            ],
        )?;
        self.time_entry(self.conn.last_insert_rowid())
    }

    /// Changes a time entry.
    pub fn update_time_entry(
        &mut self,
        id: i64,
        input: &TimeEntryInput,
        clock: Clock,
    ) -> Result<TimeEntry, StoreError> {
        let current = self.time_entry(id)?;
        let mut errors = super::Checks::new(input.validate(clock.today));
        if input.organisation_id != current.organisation_id {
            errors.add(self.check_organisation_usable(input.organisation_id, "organisation_id"))?;
        }
        errors.finish()?;
        self.conn.execute(
            "UPDATE time_entries SET organisation_id = ?2, spent_on = ?3, minutes = ?4,
                activity = ?5, description = ?6 WHERE id = ?1",
            params![
                id,
                input.organisation_id,
                input.spent_on,
                input.minutes,
                input.activity,
                input.description.trim()
            ],
        )?;
        self.time_entry(id)
    }

    /// Deletes a time entry.
    pub fn delete_time_entry(&mut self, id: i64) -> Result<(), StoreError> {
        if self
            .conn
            .execute("DELETE FROM time_entries WHERE id = ?1", [id])?
            == 0
        {
            return Err(StoreError::NotFound { what: "time entry" });
        }
        Ok(())
    }

    /// One time entry.
    pub fn time_entry(&self, id: i64) -> Result<TimeEntry, StoreError> {
        self.conn
            .query_row(
                "SELECT id, organisation_id, spent_on, minutes, activity, description
                 FROM time_entries WHERE id = ?1",
                [id],
                entry_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "time entry" })
    }

    /// Time entries of one organisation (or all) in one month, oldest first.
    pub fn time_entries(
        &self,
        organisation_id: Option<i64>,
        year: i32,
        month: u32,
    ) -> Result<Vec<TimeEntry>, StoreError> {
        let (start, end) = month_bounds(year, month)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, organisation_id, spent_on, minutes, activity, description
             FROM time_entries
             WHERE (?1 IS NULL OR organisation_id = ?1) AND spent_on >= ?2 AND spent_on < ?3
             ORDER BY spent_on, id",
        )?;
        let rows = stmt.query_map(params![organisation_id, start, end], entry_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Minutes per organisation for one month: conversation minutes (by conversation date)
    /// plus time entries per activity. Organisations without minutes are left out.
    pub fn month_hours(
        &self,
        organisation_id: Option<i64>,
        year: i32,
        month: u32,
    ) -> Result<Vec<MonthHours>, StoreError> {
        let (start, end) = month_bounds(year, month)?;
        let mut out = Vec::new();
        for org in self.organisations(true)? {
            if organisation_id.is_some_and(|id| id != org.id) {
                continue;
            }
            let conversation_minutes: u32 = self.conn.query_row(
                "SELECT coalesce(sum(c.minutes), 0) FROM conversations c
                 JOIN dossiers d ON d.id = c.dossier_id
                 WHERE d.organisation_id = ?1 AND c.held_on >= ?2 AND c.held_on < ?3",
                params![org.id, start, end],
                |r| r.get(0),
            )?;
            let mut activity_minutes = Vec::new();
            for a in Activity::ALL {
                let m: u32 = self.conn.query_row(
                    "SELECT coalesce(sum(minutes), 0) FROM time_entries
                     WHERE organisation_id = ?1 AND activity = ?2 AND spent_on >= ?3 AND spent_on < ?4",
                    params![org.id, a, start, end],
                    |r| r.get(0),
                )?;
                activity_minutes.push(ActivityMinutes {
                    activity: *a,
                    minutes: m,
                });
            }
            let total_minutes =
                conversation_minutes + activity_minutes.iter().map(|a| a.minutes).sum::<u32>();
            if total_minutes == 0 && organisation_id.is_none() {
                continue;
            }
            out.push(MonthHours {
                organisation_id: org.id,
                organisation_name: org.name,
                year,
                month,
                conversation_minutes,
                activity_minutes,
                total_minutes,
            });
        }
        Ok(out)
    }
}
