//! The release ledger in the vault: what every published report let its recipients read,
//! per organisation, append-only (triggers forbid UPDATE and DELETE). Re-recording the same
//! report adds nothing: rows are inserted with `INSERT OR IGNORE` on their unique key
//! (organisation, report, table, cell).
//!
//! - facts: a selection of dossiers with the exact value or the range a report revealed;
//! - guards: cells a report withheld, which later reports keep protected;
//! - hours: the hours a report published, so that a re-issue shows the same;
//! - reports: every published report in order, with its period.
//!
//! A pooled report is recorded for each participant under the same report key; the
//! organisations linked through such keys share one release history.

use super::{Store, StoreError};
use crate::Clock;
use crate::model::{CellQuery, ReportPeriod};
use std::collections::BTreeSet;

/// One published cell: a fact about a selection of dossiers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReleasedFact {
    /// The report it belongs to (`2025@7/standaard`).
    pub report_key: String,
    /// Table code.
    pub table_code: String,
    /// Cell key in the table.
    pub cell_key: String,
    /// Which dossiers it counts.
    pub selection: CellQuery,
    /// The smallest value the report allows (the value itself when exact).
    pub lower: u64,
    /// The largest (`None`: no upper end); equal to `lower` when the value is published.
    pub upper: Option<u64>,
}

impl ReleasedFact {
    /// The exact value, when the report published one.
    pub fn value(&self) -> Option<u64> {
        (self.upper == Some(self.lower)).then_some(self.lower)
    }
}

/// A cell a published report withheld, which later reports must keep protected.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReleasedGuard {
    /// The report it belongs to.
    pub report_key: String,
    /// Table code.
    pub table_code: String,
    /// Cell key in the table.
    pub cell_key: String,
    /// Which dossiers it counts.
    pub selection: CellQuery,
}

/// A published report of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReleasedReport {
    /// Its place in the order of all publications in the vault (ascending).
    pub sequence: i64,
    /// Its key.
    pub report_key: String,
    /// Its period.
    pub period: ReportPeriod,
}

fn integrity() -> StoreError {
    StoreError::Integrity { problems: 1 }
}

fn to_u64(v: i64) -> Result<u64, StoreError> {
    u64::try_from(v).map_err(|_| integrity())
}

fn to_i64(v: u64) -> Result<i64, StoreError> {
    i64::try_from(v).map_err(|_| integrity())
}

impl Store {
    /// The reports published for an organisation, in publication order.
    pub fn released_reports(&self, org_id: i64) -> Result<Vec<ReleasedReport>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, report_key, period FROM released_reports
              WHERE organisation_id = ?1 ORDER BY id",
        )?;
        let rows: Vec<(i64, String, String)> = stmt
            .query_map([org_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(sequence, report_key, period)| {
                Ok(ReleasedReport {
                    sequence,
                    report_key,
                    period: ReportPeriod::parse(&period).map_err(|_| integrity())?,
                })
            })
            .collect()
    }

    /// Records that a report was published for an organisation (again: nothing changes).
    pub fn record_report(
        &mut self,
        org_id: i64,
        report_key: &str,
        period: ReportPeriod,
        clock: Clock,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR IGNORE INTO released_reports (organisation_id, report_key, period,
                 published_at)
             VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![org_id, report_key, period.code(), clock.now.to_rfc3339()],
        )?;
        Ok(())
    }

    /// The organisations that share a release history with these: linked to them, directly
    /// or through others, by a pooled report. Includes the given ones; sorted.
    pub fn linked_organisations(&self, org_ids: &[i64]) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT b.organisation_id FROM released_reports a
               JOIN released_reports b ON b.report_key = a.report_key
              WHERE a.organisation_id = ?1",
        )?;
        let mut seen: BTreeSet<i64> = org_ids.iter().copied().collect();
        let mut todo: Vec<i64> = seen.iter().copied().collect();
        while let Some(org) = todo.pop() {
            let linked: Vec<i64> = stmt
                .query_map([org], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for other in linked {
                if seen.insert(other) {
                    todo.push(other);
                }
            }
        }
        Ok(seen.into_iter().collect())
    }

    /// Every fact of an organisation's published reports, in publication order.
    pub fn release_facts(&self, org_id: i64) -> Result<Vec<ReleasedFact>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT report_key, table_code, cell_key, selection, lower, upper
               FROM release_facts WHERE organisation_id = ?1 ORDER BY id",
        )?;
        let rows: Vec<(String, String, String, String, i64, Option<i64>)> = stmt
            .query_map([org_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(
                |(report_key, table_code, cell_key, selection, lower, upper)| {
                    Ok(ReleasedFact {
                        report_key,
                        table_code,
                        cell_key,
                        selection: CellQuery::from_json(&selection).ok_or_else(integrity)?,
                        lower: to_u64(lower)?,
                        upper: upper.map(to_u64).transpose()?,
                    })
                },
            )
            .collect()
    }

    /// Appends the facts of a published report (re-recording adds nothing). Returns how
    /// many rows were added.
    pub fn record_facts(
        &mut self,
        org_id: i64,
        facts: &[ReleasedFact],
        clock: Clock,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO release_facts (organisation_id, report_key, table_code,
                     cell_key, selection, lower, upper, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for f in facts {
                added += stmt.execute(rusqlite::params![
                    org_id,
                    f.report_key,
                    f.table_code,
                    f.cell_key,
                    f.selection.to_json(),
                    to_i64(f.lower)?,
                    f.upper.map(to_i64).transpose()?,
                    clock.now.to_rfc3339(),
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Every guard of an organisation's published reports, in order.
    pub fn release_guards(&self, org_id: i64) -> Result<Vec<ReleasedGuard>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT report_key, table_code, cell_key, selection
               FROM release_guards WHERE organisation_id = ?1 ORDER BY id",
        )?;
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map([org_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(report_key, table_code, cell_key, selection)| {
                Ok(ReleasedGuard {
                    report_key,
                    table_code,
                    cell_key,
                    selection: CellQuery::from_json(&selection).ok_or_else(integrity)?,
                })
            })
            .collect()
    }

    /// Appends the guards of a published report (re-recording adds nothing).
    pub fn record_guards(
        &mut self,
        org_id: i64,
        guards: &[ReleasedGuard],
        clock: Clock,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO release_guards (organisation_id, report_key, table_code,
                     cell_key, selection, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for g in guards {
                added += stmt.execute(rusqlite::params![
                    org_id,
                    g.report_key,
                    g.table_code,
                    g.cell_key,
                    g.selection.to_json(),
                    clock.now.to_rfc3339(),
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// The hours a published report showed, per activity code, in the order recorded
    /// (empty when the report was never published).
    pub fn release_hours(
        &self,
        org_id: i64,
        report_key: &str,
    ) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT activity, hours FROM release_hours
              WHERE organisation_id = ?1 AND report_key = ?2 ORDER BY id",
        )?;
        let rows: Vec<(String, i64)> = stmt
            .query_map(rusqlite::params![org_id, report_key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(|(a, h)| Ok((a, to_u64(h)?))).collect()
    }

    /// Records the hours a report published (re-recording adds nothing).
    pub fn record_hours(
        &mut self,
        org_id: i64,
        report_key: &str,
        hours: &[(String, u64)],
        clock: Clock,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO release_hours (organisation_id, report_key, activity,
                     hours, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (activity, h) in hours {
                added += stmt.execute(rusqlite::params![
                    org_id,
                    report_key,
                    activity,
                    to_i64(*h)?,
                    clock.now.to_rfc3339(),
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// How many cells reports of the first test versions (schema v2) recorded for an
    /// organisation in the old ledger format. Reports for such an organisation are refused:
    /// those cells cannot be mapped onto later reports exactly.
    pub fn legacy_release_rows(&self, org_id: i64) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM release_ledger WHERE organisation_id = ?1)
                  + (SELECT count(*) FROM release_protected WHERE organisation_id = ?1)",
            [org_id],
            |r| r.get(0),
        )?;
        to_u64(n)
    }
}
