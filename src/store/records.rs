//! The export log: every file that left the vault, with its hash.

use super::{Store, StoreError};
use crate::Clock;
use crate::model::ExportLogEntry;
use rusqlite::params;

impl Store {
    /// Appends an export-log entry.
    pub fn log_export(
        &mut self,
        kind: &str,
        organisations: &[String],
        period: &str,
        recipient: &str,
        sha256: &str,
        clock: Clock,
    ) -> Result<(), StoreError> {
        let orgs = serde_json::to_string(organisations).unwrap_or_else(|_| "[]".into());
        self.conn.execute(
            "INSERT INTO export_log (exported_at, kind, organisations, period, recipient, sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                clock.now.to_rfc3339(),
                kind,
                orgs,
                period,
                recipient,
                sha256
            ],
        )?;
        Ok(())
    }

    /// The export log, newest first.
    pub fn export_log(&self) -> Result<Vec<ExportLogEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, exported_at, kind, organisations, period, recipient, sha256
             FROM export_log ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let orgs: String = r.get(3)?;
            Ok(ExportLogEntry {
                id: r.get(0)?,
                exported_at: r.get(1)?,
                kind: r.get(2)?,
                organisations: serde_json::from_str(&orgs).unwrap_or_default(),
                period: r.get(4)?,
                recipient: r.get(5)?,
                sha256: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
