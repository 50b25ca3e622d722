//! The overview screen's figures: per organisation what is open, this year's dossiers and this
//! month's minutes, the dossiers past their destroy-by date, and the deadlines ("termijnen")
//! and breaches that need attention.

use super::{Store, StoreError};
use crate::model::{DossierFilter, Overview, OverviewRow};
use chrono::{Datelike, NaiveDate};
use rusqlite::params;

/// How many overdue dossiers the overview lists (the total is given separately).
pub const OVERDUE_SHOWN: usize = 50;

impl Store {
    /// The overview on `today`. Archived organisations are left out.
    pub fn overview(&self, today: NaiveDate) -> Result<Overview, StoreError> {
        let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("Jan 1st");
        let mut rows = Vec::new();
        for org in self.organisations(false)? {
            let (open, this_year): (u32, u32) = self.conn.query_row(
                "SELECT coalesce(sum(status = 'open'), 0), coalesce(sum(opened_on >= ?2), 0)
                 FROM dossiers WHERE organisation_id = ?1",
                params![org.id, year_start],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let minutes = self
                .month_hours(Some(org.id), today.year(), today.month())?
                .first()
                .map_or(0, |h| h.total_minutes);
            rows.push(OverviewRow {
                organisation_id: org.id,
                name: org.name,
                open_dossiers: open,
                dossiers_this_year: this_year,
                minutes_this_month: minutes,
            });
        }
        let mut overdue = self.dossiers(&DossierFilter {
            overdue_on: Some(today),
            ..Default::default()
        })?;
        let overdue_total = overdue.len() as u32;
        // The longest overdue first; the screen lists a limited number.
        overdue.sort_by(|a, b| {
            a.destroy_by
                .cmp(&b.destroy_by)
                .then(a.number.cmp(&b.number))
        });
        overdue.truncate(OVERDUE_SHOWN);
        Ok(Overview {
            organisations: rows,
            overdue,
            overdue_total,
            deadlines: self.upcoming_deadlines(today)?,
            breaches: self.breaches(today, true)?,
        })
    }
}
