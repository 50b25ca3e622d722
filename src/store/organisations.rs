//! Organisations and categories.

use super::{Store, StoreError};
use crate::Clock;
use crate::model::*;
use rusqlite::{OptionalExtension, Row, params};

const ORG_COLUMNS: &str = "id, name, employee_count, arrangement, contact_label, archived";

fn org_from_row(r: &Row<'_>) -> rusqlite::Result<Organisation> {
    Ok(Organisation {
        id: r.get(0)?,
        name: r.get(1)?,
        employee_count: r.get(2)?,
        arrangement: r.get(3)?,
        contact_label: r.get(4)?,
        archived: r.get(5)?,
    })
}

impl Store {
    fn check_unique_name(&self, name: &str, except: Option<i64>) -> Result<(), StoreError> {
        let clash: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM organisations WHERE name = ?1 AND id IS NOT ?2",
                params![name.trim(), except],
                |r| r.get(0),
            )
            .optional()?;
        if clash.is_some() {
            return Err(ValidationErrors::single("name", ValidationCode::Duplicate).into());
        }
        Ok(())
    }

    /// Adds an organisation.
    pub fn add_organisation(
        &mut self,
        input: &OrganisationInput,
        clock: Clock,
    ) -> Result<Organisation, StoreError> {
        input.validate()?;
        self.check_unique_name(&input.name, None)?;
        self.conn.execute(
            "INSERT INTO organisations (name, employee_count, arrangement, contact_label, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                input.name.trim(),
                input.employee_count,
                input.arrangement,
                input.contact_label.trim(),
                clock.now.to_rfc3339()
            ],
        )?;
        self.organisation(self.conn.last_insert_rowid())
    }

    /// Changes an organisation's details.
    pub fn update_organisation(
        &mut self,
        id: i64,
        input: &OrganisationInput,
    ) -> Result<Organisation, StoreError> {
        input.validate()?;
        self.organisation(id)?;
        self.check_unique_name(&input.name, Some(id))?;
        self.conn.execute(
            "UPDATE organisations SET name = ?2, employee_count = ?3, arrangement = ?4,
             contact_label = ?5 WHERE id = ?1",
            params![
                id,
                input.name.trim(),
                input.employee_count,
                input.arrangement,
                input.contact_label.trim()
            ],
        )?;
        self.organisation(id)
    }

    /// Archives (or restores) an organisation. Its dossiers stay; it takes no new ones.
    pub fn set_organisation_archived(
        &mut self,
        id: i64,
        archived: bool,
    ) -> Result<Organisation, StoreError> {
        let n = self.conn.execute(
            "UPDATE organisations SET archived = ?2 WHERE id = ?1",
            params![id, archived],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "organisation",
            });
        }
        self.organisation(id)
    }

    /// One organisation (never a joint report's participant row, see `store::joint`).
    pub fn organisation(&self, id: i64) -> Result<Organisation, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {ORG_COLUMNS} FROM organisations WHERE id = ?1
                       AND id NOT IN (SELECT organisation_id FROM joint_participants)"
                ),
                [id],
                org_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "organisation",
            })
    }

    /// An organisation by name (case-insensitive).
    pub fn organisation_by_name(&self, name: &str) -> Result<Organisation, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {ORG_COLUMNS} FROM organisations WHERE name = ?1
                       AND id NOT IN (SELECT organisation_id FROM joint_participants)"
                ),
                [name.trim()],
                org_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "organisation",
            })
    }

    /// All organisations by name; archived ones only when asked.
    pub fn organisations(&self, include_archived: bool) -> Result<Vec<Organisation>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ORG_COLUMNS} FROM organisations
              WHERE (archived = 0 OR ?1)
                AND id NOT IN (SELECT organisation_id FROM joint_participants)
             ORDER BY name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([include_archived], org_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Checks that an organisation exists and, for new records, is not archived.
    pub(crate) fn check_organisation_usable(&self, id: i64, field: &str) -> Result<(), StoreError> {
        match self.organisation(id) {
            Err(StoreError::NotFound { .. }) => {
                Err(ValidationErrors::single(field, ValidationCode::UnknownOrganisation).into())
            }
            Err(e) => Err(e),
            Ok(o) if o.archived => {
                Err(ValidationErrors::single(field, ValidationCode::ArchivedOrganisation).into())
            }
            Ok(_) => Ok(()),
        }
    }

    /// All categories in display order, retired ones included.
    pub fn categories(&self) -> Result<Vec<Category>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, label_nl, label_en, category_group, active FROM categories
             ORDER BY sort_order, code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Category {
                code: r.get(0)?,
                label_nl: r.get(1)?,
                label_en: r.get(2)?,
                group: r.get(3)?,
                active: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds an advisor's own category.
    pub fn add_category(&mut self, category: &Category) -> Result<(), StoreError> {
        category.validate()?;
        if self.categories()?.iter().any(|c| c.code == category.code) {
            return Err(ValidationErrors::single("code", ValidationCode::Duplicate).into());
        }
        self.conn.execute(
            "INSERT INTO categories (code, label_nl, label_en, category_group, active, sort_order)
             VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(sort_order), 0) + 10 FROM categories))",
            params![
                category.code,
                category.label_nl.trim(),
                category.label_en.trim(),
                category.group,
                category.active
            ],
        )?;
        Ok(())
    }

    /// Retires or re-activates a category; retired categories stay in old dossiers.
    pub fn set_category_active(&mut self, code: &str, active: bool) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE categories SET active = ?2 WHERE code = ?1",
            params![code, active],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "category" });
        }
        Ok(())
    }
}
