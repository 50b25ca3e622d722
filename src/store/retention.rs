//! Retention and destruction in the vault: each organisation's retention term, the plan of
//! what destroying dossiers would do, the destruction itself (rows, search index, free pages)
//! and the destruction log. The rules that refuse a dossier are
//! [`crate::model::retention::blocks`]; this file only gathers what they need.
//!
//! After [`Store::destroy_dossiers`] nothing of a dossier is left in the database image: its
//! rows are deleted (with `secure_delete` on, their bytes are overwritten), the full-text
//! index is rebuilt from the remaining dossiers (a delete in FTS5 only adds a tombstone; the
//! old terms stay in older segments until a merge), and `VACUUM` rewrites the database so no
//! free page keeps a trace. The frozen `report_counted` records lose only their link, so
//! published figures and trends stay the same.

use super::{Store, StoreError};
use crate::Clock;
use crate::model::retention::{self, RetentionState};
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

impl Store {
    /// The retention term (months after closing) that applies to an organisation.
    pub fn retention_months_for(&self, organisation_id: i64) -> Result<u32, StoreError> {
        let own: Option<u32> = self
            .conn
            .query_row(
                "SELECT months FROM retention_rules WHERE organisation_id = ?1",
                [organisation_id],
                |r| r.get(0),
            )
            .optional()?;
        match own {
            Some(m) => Ok(m),
            None => Ok(self.settings()?.retention_months),
        }
    }

    /// The vault's retention rule: its term and the organisations with their own.
    pub fn retention_rule(&self) -> Result<RetentionRule, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.organisation_id, o.name, r.months FROM retention_rules r
               JOIN organisations o ON o.id = r.organisation_id ORDER BY o.name",
        )?;
        let organisations = stmt
            .query_map([], |r| {
                Ok(OrganisationRetention {
                    organisation_id: r.get(0)?,
                    organisation_name: r.get(1)?,
                    months: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(RetentionRule {
            default_months: self.settings()?.retention_months,
            organisations,
        })
    }

    /// Sets the vault's own retention term.
    pub fn set_default_retention(&mut self, months: u32) -> Result<(), StoreError> {
        retention::validate_months("months", months)?;
        self.set_setting("retention_months", &months.to_string())
    }

    /// Gives an organisation its own retention term, or (`None`) lets it follow the vault's.
    /// Dossiers closed before keep their destroy-by date.
    pub fn set_organisation_retention(
        &mut self,
        organisation_id: i64,
        months: Option<u32>,
        clock: Clock,
    ) -> Result<(), StoreError> {
        self.organisation(organisation_id)?;
        match months {
            Some(m) => {
                retention::validate_months("months", m)?;
                self.conn.execute(
                    "INSERT INTO retention_rules (organisation_id, months, updated_at)
                     VALUES (?1, ?2, ?3)
                     ON CONFLICT (organisation_id) DO UPDATE
                        SET months = excluded.months, updated_at = excluded.updated_at",
                    params![organisation_id, m, clock.now.to_rfc3339()],
                )?;
            }
            None => {
                self.conn.execute(
                    "DELETE FROM retention_rules WHERE organisation_id = ?1",
                    [organisation_id],
                )?;
            }
        }
        Ok(())
    }

    /// The first published report of the organisation that counted this dossier.
    fn counting_report(&self, dossier_id: i64, org: i64) -> Result<Option<String>, StoreError> {
        let quarter: Option<String> = self
            .conn
            .query_row(
                "SELECT quarter FROM report_counted WHERE dossier_id = ?1",
                [dossier_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(quarter) = quarter else {
            return Ok(None);
        };
        let q = ReportPeriod::parse(&quarter).map_err(|_| StoreError::Integrity { problems: 1 })?;
        Ok(self
            .released_reports(org)?
            .into_iter()
            .find(|r| r.period.quarters().contains(&q))
            .map(|r| r.report_key))
    }

    /// What destroying these dossiers (by number) would do on `today`, and what stands in
    /// the way of each.
    pub fn destruction_plan(
        &self,
        numbers: &[String],
        today: NaiveDate,
    ) -> Result<DestructionPlan, StoreError> {
        let mut items = Vec::with_capacity(numbers.len());
        for number in numbers {
            let d = self.dossier_by_number(number)?;
            let report_key = self.counting_report(d.id, d.organisation_id)?;
            let state = RetentionState {
                status: d.status,
                destroy_by: d.destroy_by,
                legal_hold: d.legal_hold,
                reported: report_key.is_some(),
            };
            let mut blocks = retention::blocks(state, today);
            if self.is_expired_deputy_copy(d.id, today)? || self.handed_over_on(d.id)?.is_some() {
                // A deputy copy past its end date must go, and a handed-over dossier lives on
                // with the successor: open or not, reported or not (a legal hold still holds).
                blocks.retain(|b| *b == DestructionBlock::LegalHold);
            }
            items.push(DestructionItem {
                dossier_id: d.id,
                number: d.number.clone(),
                organisation_id: d.organisation_id,
                organisation_name: self.organisation(d.organisation_id)?.name,
                opened_on: d.opened_on,
                closed_on: d.closed_on,
                destroy_by: d.destroy_by,
                report_key,
                blocks,
                conversations: d.conversations.len() as u32,
                conversation_minutes: d.conversations.iter().map(|c| c.minutes).sum(),
                categories: d.categories.len() as u32,
                actions: d.actions.len() as u32,
                has_notes: !d.notes.trim().is_empty(),
            });
        }
        let refused = items
            .iter()
            .any(|i| i.blocks.iter().any(|b| !b.overridable()));
        let needs_override = items.iter().any(|i| !i.blocks.is_empty());
        Ok(DestructionPlan {
            items,
            refused,
            needs_override,
        })
    }

    /// The plan of a destruction request, or why it is refused: invalid input, a dossier
    /// under legal hold or still open, or (without an override) not yet reported or not yet
    /// due. The error names the most serious block and how many dossiers it applies to.
    /// [`Store::destroy_dossiers`] runs the same check; shells call it to refuse before
    /// asking for a confirmation.
    pub fn check_destruction(
        &self,
        request: &DestroyRequest,
        today: NaiveDate,
    ) -> Result<DestructionPlan, StoreError> {
        request.validate()?;
        let numbers: Vec<String> = request
            .numbers
            .iter()
            .map(|n| n.trim().to_owned())
            .collect();
        let plan = self.destruction_plan(&numbers, today)?;
        let soft: &[DestructionBlock] = if request.override_blocks {
            &[]
        } else {
            &[DestructionBlock::NotReported, DestructionBlock::NotDue]
        };
        for &block in [DestructionBlock::LegalHold, DestructionBlock::StillOpen]
            .iter()
            .chain(soft)
        {
            let n = plan
                .items
                .iter()
                .filter(|i| i.blocks.contains(&block))
                .count();
            if n > 0 {
                return Err(StoreError::DestructionRefused { block, dossiers: n });
            }
        }
        Ok(plan)
    }

    /// Destroys dossiers, all or none, after [`Store::check_destruction`]. Logs each one
    /// (number, organisation, dates, report, overridden blocks, reason), deletes its rows,
    /// rebuilds the search index and vacuums the database. The caller saves the vault.
    pub fn destroy_dossiers(
        &mut self,
        request: &DestroyRequest,
        clock: Clock,
    ) -> Result<DestructionOutcome, StoreError> {
        let plan = self.check_destruction(request, clock.today)?;
        let now = clock.now;
        let reason = request.reason.trim();
        let tx = self.conn.transaction()?;
        for item in &plan.items {
            let overridden: Vec<&str> = item.blocks.iter().map(|b| b.code()).collect();
            tx.execute(
                "INSERT INTO destruction_log (dossier_number, destroyed_at, reason,
                     organisation_id, opened_on, closed_on, destroy_by, report_key, overridden)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    item.number,
                    now.to_rfc3339(),
                    reason,
                    item.organisation_id,
                    item.opened_on,
                    item.closed_on,
                    item.destroy_by,
                    item.report_key.clone().unwrap_or_default(),
                    overridden.join(","),
                ],
            )?;
            // Categories, actions and conversations go with it (ON DELETE CASCADE); the
            // frozen report record keeps its figures and loses only the link.
            tx.execute("DELETE FROM dossiers WHERE id = ?1", [item.dossier_id])?;
        }
        tx.commit()?;
        self.purge_free_space()?;
        Ok(DestructionOutcome {
            destroyed: plan.items.into_iter().map(|i| i.number).collect(),
            destroyed_at: now,
        })
    }

    /// Rebuilds the full-text index from the dossiers that remain and rewrites the database
    /// (`VACUUM`), so that nothing deleted survives in an index segment or a free page.
    pub fn purge_free_space(&mut self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("INSERT INTO dossier_search (dossier_search) VALUES ('rebuild');")?;
        self.conn.execute_batch("VACUUM;")?;
        Ok(())
    }

    /// The destruction log, newest first.
    pub fn destruction_log(&self) -> Result<Vec<DestructionLogEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.id, l.dossier_number, coalesce(o.name, ''), l.opened_on, l.closed_on,
                    l.destroy_by, l.destroyed_at, l.report_key, l.overridden, l.reason
               FROM destruction_log l LEFT JOIN organisations o ON o.id = l.organisation_id
              ORDER BY l.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let overridden: String = r.get(8)?;
            Ok(DestructionLogEntry {
                id: r.get(0)?,
                number: r.get(1)?,
                organisation_name: r.get(2)?,
                opened_on: r.get(3)?,
                closed_on: r.get(4)?,
                destroy_by: r.get(5)?,
                destroyed_at: r.get(6)?,
                report_key: r.get(7)?,
                overridden: overridden
                    .split(',')
                    .filter_map(DestructionBlock::from_code)
                    .collect(),
                reason: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// When the last dossier was destroyed, if ever.
    pub fn last_destruction(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT max(destroyed_at) FROM destruction_log", [], |r| {
                r.get(0)
            })?)
    }
}
