//! Dossiers, their categories and actions, and their conversations.

use super::{Store, StoreError};
use crate::Clock;
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params, params_from_iter};

const DOSSIER_COLUMNS: &str = "id, number, organisation_id, contact_type, status, opened_on, \
    closed_on, reporter_role, relation, outcome, consent_on, consent_scope, destroy_by, \
    legal_hold, legal_hold_reason, gender, notes";

fn dossier_from_row(r: &Row<'_>) -> rusqlite::Result<Dossier> {
    Ok(Dossier {
        id: r.get(0)?,
        number: r.get(1)?,
        organisation_id: r.get(2)?,
        contact_type: r.get(3)?,
        status: r.get(4)?,
        opened_on: r.get(5)?,
        closed_on: r.get(6)?,
        reporter_role: r.get(7)?,
        relation: r.get(8)?,
        outcome: r.get(9)?,
        consent_on: r.get(10)?,
        consent_scope: r.get(11)?,
        destroy_by: r.get(12)?,
        legal_hold: r.get(13)?,
        legal_hold_reason: r.get(14)?,
        gender: r.get(15)?,
        notes: r.get(16)?,
        categories: Vec::new(),
        actions: Vec::new(),
        conversations: Vec::new(),
    })
}

/// Turns what the advisor typed into an FTS5 query: every word must occur, as a prefix.
fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The destroy-by date proposed on closing: `months` calendar months after the closing
/// date (the rule is [`crate::model::retention::destroy_by`]).
pub fn proposed_destroy_by(closed_on: NaiveDate, months: u32) -> NaiveDate {
    crate::model::retention::destroy_by(closed_on, months)
}

impl Store {
    pub(super) fn check_categories(
        &self,
        codes: &[String],
        already: &[String],
    ) -> Result<(), StoreError> {
        let known = self.categories()?;
        let mut e = ValidationErrors::default();
        for code in codes {
            match known.iter().find(|c| &c.code == code) {
                None => e.push("categories", ValidationCode::UnknownCategory),
                Some(c) if !c.active && !already.contains(code) => {
                    e.push("categories", ValidationCode::InactiveCategory)
                }
                Some(_) => {}
            }
        }
        Ok(e.into_result()?)
    }

    pub(super) fn next_number(tx: &Transaction<'_>, year: i32) -> Result<String, StoreError> {
        let prefix = format!("{year:04}-");
        let max: Option<String> = tx
            .query_row(
                "SELECT max(number) FROM dossiers WHERE number LIKE ?1 || '%'",
                [&prefix],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let next = max
            .and_then(|m| m[prefix.len()..].parse::<u32>().ok())
            .unwrap_or(0)
            + 1;
        Ok(format!("{prefix}{next:04}"))
    }

    pub(super) fn write_links(
        tx: &Transaction<'_>,
        id: i64,
        input: &DossierInput,
    ) -> Result<(), StoreError> {
        tx.execute("DELETE FROM dossier_categories WHERE dossier_id = ?1", [id])?;
        tx.execute("DELETE FROM dossier_actions WHERE dossier_id = ?1", [id])?;
        for c in &input.categories {
            tx.execute(
                "INSERT INTO dossier_categories (dossier_id, category_code) VALUES (?1, ?2)",
                params![id, c],
            )?;
        }
        for a in &input.actions {
            tx.execute(
                "INSERT INTO dossier_actions (dossier_id, action) VALUES (?1, ?2)",
                params![id, a],
            )?;
        }
        Ok(())
    }

    /// Creates a dossier with the next number of its opening year.
    pub fn add_dossier(
        &mut self,
        input: &DossierInput,
        clock: Clock,
    ) -> Result<Dossier, StoreError> {
        let mut errors = super::Checks::new(input.validate(None, clock.today));
        errors.add(self.check_organisation_usable(input.organisation_id, "organisation_id"))?;
        errors.add(self.check_categories(&input.categories, &[]))?;
        errors.finish()?;
        let now = clock.now.to_rfc3339();
        let tx = self.conn.transaction()?;
        let number = Self::next_number(&tx, input.opened_on.year())?;
        tx.execute(
            "INSERT INTO dossiers (number, organisation_id, contact_type, status, opened_on,
                reporter_role, relation, outcome, consent_on, consent_scope, destroy_by,
                legal_hold, legal_hold_reason, gender, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'open', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
            params![
                number,
                input.organisation_id,
                input.contact_type,
                input.opened_on,
                input.reporter_role,
                input.relation,
                input.outcome,
                input.consent_on,
                input.consent_scope,
                input.destroy_by,
                input.legal_hold,
                input.legal_hold_reason.trim(),
                input.gender,
                input.notes,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        Self::write_links(&tx, id, input)?;
        tx.commit()?;
        self.dossier(id)
    }

    /// Changes a dossier's fields (not its number or status).
    pub fn update_dossier(
        &mut self,
        id: i64,
        input: &DossierInput,
        clock: Clock,
    ) -> Result<Dossier, StoreError> {
        let current = self.dossier(id)?;
        let mut errors = super::Checks::new(input.validate(current.closed_on, clock.today));
        let org_check = if input.organisation_id == current.organisation_id {
            self.organisation(input.organisation_id).map(|_| ())
        } else {
            self.check_organisation_usable(input.organisation_id, "organisation_id")
        };
        errors.add(org_check)?;
        errors.add(self.check_categories(&input.categories, &current.categories))?;
        if current
            .conversations
            .iter()
            .any(|c| c.held_on < input.opened_on)
        {
            errors.push("opened_on", ValidationCode::BeforeOpened);
        }
        errors.finish()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE dossiers SET organisation_id = ?2, contact_type = ?3, opened_on = ?4,
                reporter_role = ?5, relation = ?6, outcome = ?7, consent_on = ?8,
                consent_scope = ?9, destroy_by = ?10, legal_hold = ?11, legal_hold_reason = ?12,
                gender = ?13, notes = ?14, updated_at = ?15
             WHERE id = ?1",
            params![
                id,
                input.organisation_id,
                input.contact_type,
                input.opened_on,
                input.reporter_role,
                input.relation,
                input.outcome,
                input.consent_on,
                input.consent_scope,
                input.destroy_by,
                input.legal_hold,
                input.legal_hold_reason.trim(),
                input.gender,
                input.notes,
                clock.now.to_rfc3339()
            ],
        )?;
        Self::write_links(&tx, id, input)?;
        tx.commit()?;
        self.dossier(id)
    }

    /// Closes a dossier, setting its outcome and its destroy-by date (the vault's retention
    /// default after the closing date unless one is given).
    pub fn close_dossier(
        &mut self,
        id: i64,
        close: &CloseInput,
        clock: Clock,
    ) -> Result<Dossier, StoreError> {
        let current = self.dossier(id)?;
        if current.status == DossierStatus::Closed {
            return Err(ValidationErrors::single("status", ValidationCode::AlreadyClosed).into());
        }
        close.validate(current.opened_on, clock.today)?;
        let destroy_by = match close.destroy_by {
            Some(d) => d,
            None => proposed_destroy_by(
                close.closed_on,
                self.retention_months_for(current.organisation_id)?,
            ),
        };
        self.conn.execute(
            "UPDATE dossiers SET status = 'gesloten', closed_on = ?2, outcome = ?3,
                destroy_by = ?4, updated_at = ?5 WHERE id = ?1",
            params![
                id,
                close.closed_on,
                close.outcome,
                destroy_by,
                clock.now.to_rfc3339()
            ],
        )?;
        self.dossier(id)
    }

    /// Reopens a closed dossier (its destroy-by date is cleared).
    pub fn reopen_dossier(&mut self, id: i64, clock: Clock) -> Result<Dossier, StoreError> {
        let current = self.dossier(id)?;
        if current.status == DossierStatus::Open {
            return Err(ValidationErrors::single("status", ValidationCode::NotClosed).into());
        }
        self.conn.execute(
            "UPDATE dossiers SET status = 'open', closed_on = NULL, destroy_by = NULL,
                updated_at = ?2 WHERE id = ?1",
            params![id, clock.now.to_rfc3339()],
        )?;
        self.dossier(id)
    }

    /// One dossier with its categories, actions and conversations.
    pub fn dossier(&self, id: i64) -> Result<Dossier, StoreError> {
        let mut d = self
            .conn
            .query_row(
                &format!("SELECT {DOSSIER_COLUMNS} FROM dossiers WHERE id = ?1"),
                [id],
                dossier_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "dossier" })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT dc.category_code FROM dossier_categories dc
             JOIN categories c ON c.code = dc.category_code
             WHERE dc.dossier_id = ?1 ORDER BY c.sort_order",
        )?;
        d.categories = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT action FROM dossier_actions WHERE dossier_id = ?1")?;
        let mut actions: Vec<Action> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        actions.sort();
        d.actions = actions;
        d.conversations = self.conversations(id)?;
        Ok(d)
    }

    /// A dossier by its number, such as `2026-0007`.
    pub fn dossier_by_number(&self, number: &str) -> Result<Dossier, StoreError> {
        let id: i64 = self
            .conn
            .query_row(
                "SELECT id FROM dossiers WHERE number = ?1",
                [number.trim()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "dossier" })?;
        self.dossier(id)
    }

    /// The dossier list, newest first, filtered.
    pub fn dossiers(&self, filter: &DossierFilter) -> Result<Vec<DossierSummary>, StoreError> {
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(o) = filter.organisation_id {
            args.push(o.into());
            conds.push(format!("d.organisation_id = ?{}", args.len()));
        }
        if let Some(s) = filter.status {
            args.push(s.code().to_owned().into());
            conds.push(format!("d.status = ?{}", args.len()));
        }
        if let Some(y) = filter.year {
            args.push(format!("{y:04}-01-01").into());
            args.push(format!("{:04}-01-01", y + 1).into());
            conds.push(format!(
                "d.opened_on >= ?{} AND d.opened_on < ?{}",
                args.len() - 1,
                args.len()
            ));
        }
        if let Some(c) = filter.contact_type {
            args.push(c.code().to_owned().into());
            conds.push(format!("d.contact_type = ?{}", args.len()));
        }
        if let Some(c) = &filter.category {
            args.push(c.clone().into());
            conds.push(format!(
                "EXISTS (SELECT 1 FROM dossier_categories x WHERE x.dossier_id = d.id AND x.category_code = ?{})",
                args.len()
            ));
        }
        if let Some(q) = filter.search.as_deref().and_then(fts_query) {
            args.push(q.into());
            conds.push(format!(
                "d.id IN (SELECT rowid FROM dossier_search WHERE dossier_search MATCH ?{})",
                args.len()
            ));
        }
        if let Some(day) = filter.overdue_on {
            args.push(day.to_string().into());
            // Due: past its destroy-by date, or a deputy copy past its end date.
            conds.push(format!(
                "d.legal_hold = 0 AND ((d.destroy_by IS NOT NULL AND d.destroy_by < ?{n})
                 OR EXISTS (SELECT 1 FROM handovers h WHERE h.dossier_id = d.id
                     AND h.direction = 'in' AND h.deputy_until < ?{n}))",
                n = args.len()
            ));
        }
        if let Some(day) = filter.deadline_due_by {
            args.push(day.to_string().into());
            conds.push(format!(
                "EXISTS (SELECT 1 FROM deadlines x WHERE x.dossier_id = d.id AND x.done_on IS NULL AND x.due_on <= ?{})",
                args.len()
            ));
        }
        let where_clause = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        let sql = format!(
            "SELECT d.id, d.number, d.organisation_id, o.name, d.contact_type, d.status,
                d.opened_on, d.closed_on, d.destroy_by, d.legal_hold,
                (SELECT group_concat(category_code, ',') FROM dossier_categories x WHERE x.dossier_id = d.id),
                (SELECT count(*) FROM conversations c WHERE c.dossier_id = d.id),
                (SELECT coalesce(sum(minutes), 0) FROM conversations c WHERE c.dossier_id = d.id)
             FROM dossiers d JOIN organisations o ON o.id = d.organisation_id
             {where_clause}
             ORDER BY d.opened_on DESC, d.number DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            let cats: Option<String> = r.get(10)?;
            Ok(DossierSummary {
                id: r.get(0)?,
                number: r.get(1)?,
                organisation_id: r.get(2)?,
                organisation_name: r.get(3)?,
                contact_type: r.get(4)?,
                status: r.get(5)?,
                opened_on: r.get(6)?,
                closed_on: r.get(7)?,
                destroy_by: r.get(8)?,
                legal_hold: r.get(9)?,
                categories: cats
                    .map(|c| c.split(',').map(str::to_owned).collect())
                    .unwrap_or_default(),
                conversation_count: r.get(11)?,
                conversation_minutes: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Conversations of a dossier, oldest first.
    pub fn conversations(&self, dossier_id: i64) -> Result<Vec<Conversation>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, dossier_id, held_on, minutes, mode FROM conversations
             WHERE dossier_id = ?1 ORDER BY held_on, id",
        )?;
        let rows = stmt.query_map([dossier_id], conversation_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a conversation to a dossier.
    pub fn add_conversation(
        &mut self,
        dossier_id: i64,
        input: &ConversationInput,
        clock: Clock,
    ) -> Result<Conversation, StoreError> {
        let d = self.dossier(dossier_id)?;
        input.validate(d.opened_on, clock.today)?;
        self.check_conflict_decided(dossier_id)?;
        self.conn.execute(
            "INSERT INTO conversations (dossier_id, held_on, minutes, mode) VALUES (?1, ?2, ?3, ?4)",
            params![dossier_id, input.held_on, input.minutes, input.mode],
        )?;
        self.touch_dossier(dossier_id, clock)?;
        self.conversation(self.conn.last_insert_rowid())
    }

    /// Changes a conversation.
    pub fn update_conversation(
        &mut self,
        id: i64,
        input: &ConversationInput,
        clock: Clock,
    ) -> Result<Conversation, StoreError> {
        let c = self.conversation(id)?;
        let d = self.dossier(c.dossier_id)?;
        input.validate(d.opened_on, clock.today)?;
        self.conn.execute(
            "UPDATE conversations SET held_on = ?2, minutes = ?3, mode = ?4 WHERE id = ?1",
            params![id, input.held_on, input.minutes, input.mode],
        )?;
        self.touch_dossier(c.dossier_id, clock)?;
        self.conversation(id)
    }

    /// Deletes a conversation.
    pub fn delete_conversation(&mut self, id: i64, clock: Clock) -> Result<(), StoreError> {
        let c = self.conversation(id)?;
        self.conn
            .execute("DELETE FROM conversations WHERE id = ?1", [id])?;
        self.touch_dossier(c.dossier_id, clock)
    }

    fn conversation(&self, id: i64) -> Result<Conversation, StoreError> {
        self.conn
            .query_row(
                "SELECT id, dossier_id, held_on, minutes, mode FROM conversations WHERE id = ?1",
                [id],
                conversation_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "conversation",
            })
    }

    fn touch_dossier(&self, id: i64, clock: Clock) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE dossiers SET updated_at = ?2 WHERE id = ?1",
            params![id, clock.now.to_rfc3339()],
        )?;
        Ok(())
    }

    /// Number of dossiers in the vault.
    pub fn dossier_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM dossiers", [], |r| r.get(0))?;
        Ok(n as u64)
    }
}

fn conversation_from_row(r: &Row<'_>) -> rusqlite::Result<Conversation> {
    Ok(Conversation {
        id: r.get(0)?,
        dossier_id: r.get(1)?,
        held_on: r.get(2)?,
        minutes: r.get(3)?,
        mode: r.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_terms_are_quoted_prefixes() {
        assert_eq!(fts_query("  "), None, "blank search means no search");
        assert_eq!(
            fts_query("pest 2026-00"),
            Some("\"pest\"* \"2026-00\"*".to_owned()),
            "each word becomes a quoted prefix term"
        );
        assert_eq!(
            fts_query("a\"b"),
            Some("\"a\"\"b\"*".to_owned()),
            "quotes are escaped so user text cannot inject FTS syntax"
        );
    }

    #[test]
    fn destroy_by_is_months_after_closing() {
        let d = proposed_destroy_by("2026-01-31".parse().expect("date"), 1);
        assert_eq!(
            d,
            "2026-02-28".parse::<NaiveDate>().expect("date"),
            "month end clamps"
        );
    }
}
