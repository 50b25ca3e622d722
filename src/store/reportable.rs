//! The report pipeline's only view of dossiers: [`Store::reportable_dossiers`] selects coded
//! attributes and dates, coarsens the dates to a quarter index and a duration band, and never
//! selects the notes column (a unit test checks the SQL text).

use super::{Store, StoreError};
use crate::model::{
    Action, CategoryGroup, ContactType, DurationBand, Gender, Outcome, Relation, ReportPeriod,
    ReportableDossier, ReporterRole,
};
use chrono::NaiveDate;

/// The dossiers of one organisation opened in a date range. Only coded columns; no notes,
/// number, consent or retention fields.
const DOSSIERS_SQL: &str = "SELECT id, contact_type, opened_on, closed_on, reporter_role, relation,
        outcome, gender
   FROM dossiers
  WHERE organisation_id = ?1 AND opened_on >= ?2 AND opened_on <= ?3
  ORDER BY opened_on, id";

/// The same, for dossiers no published report has counted yet.
const UNFROZEN_SQL: &str = "SELECT d.id, d.contact_type, d.opened_on, d.closed_on, d.reporter_role,
        d.relation, d.outcome, d.gender
   FROM dossiers d LEFT JOIN report_counted rc ON rc.dossier_id = d.id
  WHERE d.organisation_id = ?1 AND d.opened_on >= ?2 AND d.opened_on <= ?3 AND rc.id IS NULL
  ORDER BY d.opened_on, d.id";

/// The categories of one dossier with their groups.
const CATEGORIES_SQL: &str = "SELECT dc.category_code, c.category_group
   FROM dossier_categories dc JOIN categories c ON c.code = dc.category_code
  WHERE dc.dossier_id = ?1
  ORDER BY dc.category_code";

/// The actions of one dossier.
const ACTIONS_SQL: &str = "SELECT action FROM dossier_actions WHERE dossier_id = ?1";

/// A dossier as a report counts it in a calendar year: live, or as a published report
/// froze it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearDossier {
    /// The dossier's id (`None` once a frozen dossier was destroyed).
    pub dossier_id: Option<i64>,
    /// Whether a published report counted it (its attributes and quarter are frozen).
    pub frozen: bool,
    /// Whether it was registered after its own quarter was published, and is counted in a
    /// later quarter.
    pub late: bool,
    /// The quarter it is counted in.
    pub quarter: ReportPeriod,
    /// The dossier.
    pub dossier: ReportableDossier,
}

/// A dossier newly counted by a report that is being exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedDossier {
    /// The dossier's id.
    pub dossier_id: i64,
    /// The quarter it is counted in (`2025-Q3`).
    pub quarter: String,
    /// Counted later than its own quarter.
    pub late: bool,
    /// Its report attributes now.
    pub dossier: ReportableDossier,
}

impl Store {
    /// Live dossiers of one organisation opened from `start` to `end`, with their ids and
    /// opening dates; `quarter` is left 0.
    fn live_dossiers(
        &self,
        org: i64,
        start: NaiveDate,
        end: NaiveDate,
        unfrozen_only: bool,
    ) -> Result<Vec<(i64, NaiveDate, ReportableDossier)>, StoreError> {
        let mut out = Vec::new();
        let sql = if unfrozen_only {
            UNFROZEN_SQL
        } else {
            DOSSIERS_SQL
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut cats = self.conn.prepare_cached(CATEGORIES_SQL)?;
        let mut acts = self.conn.prepare_cached(ACTIONS_SQL)?;
        let rows = stmt.query_map(rusqlite::params![org, start, end], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, ContactType>(1)?,
                r.get::<_, NaiveDate>(2)?,
                r.get::<_, Option<NaiveDate>>(3)?,
                r.get::<_, ReporterRole>(4)?,
                r.get::<_, Relation>(5)?,
                r.get::<_, Outcome>(6)?,
                r.get::<_, Option<Gender>>(7)?,
            ))
        })?;
        let rows: Vec<_> = rows.collect::<Result<_, _>>()?;
        for (id, contact_type, opened, closed, reporter_role, relation, outcome, gender) in rows {
            let pairs: Vec<(String, CategoryGroup)> = cats
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let mut groups: Vec<CategoryGroup> = pairs.iter().map(|p| p.1).collect();
            groups.sort();
            groups.dedup();
            let mut actions: Vec<Action> = acts
                .query_map([id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            actions.sort();
            actions.dedup();
            out.push((
                id,
                opened,
                ReportableDossier {
                    organisation_id: org,
                    contact_type,
                    categories: pairs.into_iter().map(|p| p.0).collect(),
                    groups,
                    reporter_role,
                    relation,
                    outcome,
                    actions,
                    duration: DurationBand::of(opened, closed),
                    gender,
                },
            ));
        }
        Ok(out)
    }

    /// The live dossiers of these organisations opened in `period`, as the report pipeline
    /// may see them, ordered by organisation (as given), opening date and id.
    pub fn reportable_dossiers(
        &self,
        org_ids: &[i64],
        period: ReportPeriod,
    ) -> Result<Vec<ReportableDossier>, StoreError> {
        let mut out = Vec::new();
        for &org in org_ids {
            for (_, _, d) in self.live_dossiers(org, period.start(), period.end(), false)? {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// The quarters some published report of the organisation covers (its own reports and
    /// pooled reports it took part in).
    pub fn published_quarters(
        &self,
        org: i64,
    ) -> Result<std::collections::BTreeSet<ReportPeriod>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT period FROM released_reports WHERE organisation_id = ?1")?;
        let periods: Vec<String> = stmt
            .query_map([org], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = std::collections::BTreeSet::new();
        for period in periods {
            let p =
                ReportPeriod::parse(&period).map_err(|_| StoreError::Integrity { problems: 1 })?;
            out.extend(p.quarters());
        }
        Ok(out)
    }

    /// What reports of these calendar years count for these organisations: the dossiers
    /// published reports froze (with their frozen attributes and quarter), and every other
    /// dossier in its own quarter, or, when that quarter was already published, in the
    /// first later quarter that is not (marked late). Ordered by organisation (as given),
    /// then frozen before live, then by quarter.
    pub fn year_dossiers(
        &self,
        org_ids: &[i64],
        years: &[i32],
    ) -> Result<Vec<YearDossier>, StoreError> {
        let wanted: std::collections::BTreeSet<ReportPeriod> = years
            .iter()
            .flat_map(|&y| ReportPeriod::Year(y).quarters())
            .collect();
        let Some(last) = wanted.iter().next_back().copied() else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut frozen = self.conn.prepare_cached(
            "SELECT dossier_id, quarter, late, attributes FROM report_counted
              WHERE organisation_id = ?1 ORDER BY quarter, id",
        )?;
        for &org in org_ids {
            let rows: Vec<(Option<i64>, String, bool, String)> = frozen
                .query_map([org], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<_, _>>()?;
            for (dossier_id, quarter, late, attributes) in rows {
                let q = ReportPeriod::parse(&quarter)
                    .map_err(|_| StoreError::Integrity { problems: 1 })?;
                if !wanted.contains(&q) {
                    continue;
                }
                let mut dossier: ReportableDossier = serde_json::from_str(&attributes)
                    .map_err(|_| StoreError::Integrity { problems: 1 })?;
                dossier.organisation_id = org;
                out.push(YearDossier {
                    dossier_id,
                    frozen: true,
                    late,
                    quarter: q,
                    dossier,
                });
            }
            let published = self.published_quarters(org)?;
            for (id, opened, dossier) in self.live_dossiers(org, EARLIEST, last.end(), true)? {
                let own = ReportPeriod::quarter_of(opened);
                let mut effective = own;
                while published.contains(&effective) {
                    effective = effective.next_quarter();
                }
                if !wanted.contains(&effective) {
                    continue;
                }
                out.push(YearDossier {
                    dossier_id: Some(id),
                    frozen: false,
                    late: effective != own,
                    quarter: effective,
                    dossier,
                });
            }
        }
        Ok(out)
    }

    /// Records the dossiers an exported report counted for the first time. Dossiers
    /// already recorded are left as they are. Returns how many were added.
    pub fn record_counted(
        &mut self,
        org: i64,
        counted: &[CountedDossier],
        clock: crate::Clock,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO report_counted
                     (organisation_id, dossier_id, quarter, late, attributes, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for c in counted {
                let attributes = serde_json::to_string(&c.dossier)
                    .map_err(|_| StoreError::Integrity { problems: 1 })?;
                added += stmt.execute(rusqlite::params![
                    org,
                    c.dossier_id,
                    c.quarter,
                    c.late,
                    attributes,
                    clock.now.to_rfc3339(),
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }
}

/// Before any dossier (a bound for "every earlier dossier").
const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queries_never_mention_notes() {
        for sql in [DOSSIERS_SQL, UNFROZEN_SQL, CATEGORIES_SQL, ACTIONS_SQL] {
            assert!(
                !sql.to_ascii_lowercase().contains("notes"),
                "the report pipeline must never read the notes column"
            );
            assert!(
                !sql.contains('*'),
                "a wildcard select would pull in the notes column"
            );
        }
    }
}
