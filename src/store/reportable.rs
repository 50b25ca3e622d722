//! The report pipeline's only view of dossiers: [`Store::reportable_dossiers`] selects coded
//! attributes and dates, coarsens the dates to a quarter index and a duration band, and never
//! selects the notes column (a unit test checks the SQL text).

use super::{Store, StoreError};
use crate::model::{Action, CategoryGroup, ContactType, Gender, Outcome, Relation, ReporterRole};
use crate::report::{DurationBand, ReportPeriod, ReportableDossier};
use chrono::NaiveDate;

/// The dossiers of one organisation opened in a date range. Only coded columns; no notes,
/// number, consent or retention fields.
const DOSSIERS_SQL: &str = "SELECT id, contact_type, opened_on, closed_on, reporter_role, relation,
        outcome, gender
   FROM dossiers
  WHERE organisation_id = ?1 AND opened_on >= ?2 AND opened_on <= ?3
  ORDER BY opened_on, id";

/// The categories of one dossier with their groups.
const CATEGORIES_SQL: &str = "SELECT dc.category_code, c.category_group
   FROM dossier_categories dc JOIN categories c ON c.code = dc.category_code
  WHERE dc.dossier_id = ?1
  ORDER BY dc.category_code";

/// The actions of one dossier.
const ACTIONS_SQL: &str = "SELECT action FROM dossier_actions WHERE dossier_id = ?1";

impl Store {
    /// The dossiers of these organisations opened in `period`, as the report pipeline may
    /// see them, ordered by organisation (as given), opening date and id.
    pub fn reportable_dossiers(
        &self,
        org_ids: &[i64],
        period: ReportPeriod,
    ) -> Result<Vec<ReportableDossier>, StoreError> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(DOSSIERS_SQL)?;
        let mut cats = self.conn.prepare_cached(CATEGORIES_SQL)?;
        let mut acts = self.conn.prepare_cached(ACTIONS_SQL)?;
        for &org in org_ids {
            let rows =
                stmt.query_map(rusqlite::params![org, period.start(), period.end()], |r| {
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
            for (id, contact_type, opened, closed, reporter_role, relation, outcome, gender) in rows
            {
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
                out.push(ReportableDossier {
                    organisation_id: org,
                    quarter: period.quarter_index(opened).ok_or(StoreError::NotFound {
                        what: "quarter of a dossier in the period",
                    })?,
                    contact_type,
                    categories: pairs.into_iter().map(|p| p.0).collect(),
                    groups,
                    reporter_role,
                    relation,
                    outcome,
                    actions,
                    duration: DurationBand::of(opened, closed),
                    gender,
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queries_never_mention_notes() {
        for sql in [DOSSIERS_SQL, CATEGORIES_SQL, ACTIONS_SQL] {
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
