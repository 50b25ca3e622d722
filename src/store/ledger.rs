//! The release ledger in the vault: every cell a report published, per organisation,
//! append-only (triggers forbid UPDATE and DELETE). Re-recording the same report adds nothing:
//! rows are inserted with `INSERT OR IGNORE` on the unique key (organisation, report, table,
//! cell).

use super::{Store, StoreError};
use crate::Clock;
use serde::{Deserialize, Serialize};

/// One published cell as the vault stores it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReleasedCell {
    /// The report it belongs to (for example `2025-Q3`).
    pub report_key: String,
    /// The report period code.
    pub period: String,
    /// Table code.
    pub table_code: String,
    /// Cell key in the table.
    pub cell_key: String,
    /// The stable keys of the inner cells it adds up.
    pub inner_cells: Vec<String>,
    /// The published value.
    pub value: u64,
}

/// A cell a published report withheld and later reports must keep protected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProtectedRelease {
    /// The report it belongs to.
    pub report_key: String,
    /// Table code.
    pub table_code: String,
    /// Cell key in the table.
    pub cell_key: String,
    /// The stable keys of the inner cells it adds up.
    pub inner_cells: Vec<String>,
}

impl Store {
    /// The keys of the reports published for an organisation, in publication order.
    pub fn released_reports(&self, org_id: i64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT report_key FROM released_reports WHERE organisation_id = ?1 ORDER BY id",
        )?;
        let keys = stmt
            .query_map([org_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(keys)
    }

    /// Records that a report was published for an organisation (again: nothing changes).
    pub fn record_report(
        &mut self,
        org_id: i64,
        report_key: &str,
        clock: Clock,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR IGNORE INTO released_reports (organisation_id, report_key, published_at)
             VALUES (?1, ?2, ?3)",
            rusqlite::params![org_id, report_key, clock.now.to_rfc3339()],
        )?;
        Ok(())
    }

    /// Every protected cell of an organisation's published reports, in order.
    pub fn protected_entries(&self, org_id: i64) -> Result<Vec<ProtectedRelease>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT report_key, table_code, cell_key, inner_cells
               FROM release_protected WHERE organisation_id = ?1 ORDER BY id",
        )?;
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map([org_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(report_key, table_code, cell_key, inner)| {
                Ok(ProtectedRelease {
                    report_key,
                    table_code,
                    cell_key,
                    inner_cells: serde_json::from_str(&inner)
                        .map_err(|_| StoreError::Integrity { problems: 1 })?,
                })
            })
            .collect()
    }

    /// Appends the protected cells of a published report (re-recording adds nothing).
    pub fn record_protected(
        &mut self,
        org_id: i64,
        cells: &[ProtectedRelease],
        clock: Clock,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO release_protected (organisation_id, report_key,
                     table_code, cell_key, inner_cells, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for c in cells {
                let inner = serde_json::to_string(&c.inner_cells)
                    .map_err(|_| StoreError::Integrity { problems: 1 })?;
                added += stmt.execute(rusqlite::params![
                    org_id,
                    c.report_key,
                    c.table_code,
                    c.cell_key,
                    inner,
                    clock.now.to_rfc3339(),
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Every published cell of an organisation, in publication order.
    pub fn ledger_entries(&self, org_id: i64) -> Result<Vec<ReleasedCell>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT report_key, period, table_code, cell_key, inner_cells, value
               FROM release_ledger WHERE organisation_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([org_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (report_key, period, table_code, cell_key, inner, value) = row?;
            let inner_cells: Vec<String> =
                serde_json::from_str(&inner).map_err(|_| StoreError::Integrity { problems: 1 })?;
            out.push(ReleasedCell {
                report_key,
                period,
                table_code,
                cell_key,
                inner_cells,
                value: u64::try_from(value).map_err(|_| StoreError::Integrity { problems: 1 })?,
            });
        }
        Ok(out)
    }

    /// Appends published cells of a report; cells already recorded under the same key are
    /// left as they are. Returns how many rows were added.
    pub fn record_release(
        &mut self,
        org_id: i64,
        cells: &[ReleasedCell],
        clock: Clock,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO release_ledger (organisation_id, report_key, period,
                     table_code, cell_key, inner_cells, value, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for c in cells {
                let inner = serde_json::to_string(&c.inner_cells)
                    .map_err(|_| StoreError::Integrity { problems: 1 })?;
                let value =
                    i64::try_from(c.value).map_err(|_| StoreError::Integrity { problems: 1 })?;
                added += stmt.execute(rusqlite::params![
                    org_id,
                    c.report_key,
                    c.period,
                    c.table_code,
                    c.cell_key,
                    inner,
                    value,
                    clock.now.to_rfc3339(),
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }
}
