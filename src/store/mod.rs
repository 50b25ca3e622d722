//! The vault's database: an in-memory SQLite database (never a file), its schema and
//! migrations, and typed queries for every record of the model. The vault module moves the
//! database image in and out; everything else goes through [`Store`].
//!
//! SQLite is compiled with `SQLITE_TEMP_STORE=3` (see `.cargo/config.toml`) and every
//! connection sets `temp_store=MEMORY` and `secure_delete=ON`, so sorting, temporary tables and
//! VACUUM never spill plaintext into temporary files.

mod deadlines;
mod documents;
mod dossiers;
mod error;
mod handover;
pub(crate) mod heap;
mod import;
mod invoices;
mod joint;
mod ledger;
mod letters;
mod organisations;
mod overview;
mod parties;
mod records;
mod reportable;
mod retention;
mod settings;
mod signing;
mod time;
mod timeline;

pub use deadlines::DEADLINES_AHEAD_DAYS;
pub(crate) use documents::sha256_hex;
pub use dossiers::proposed_destroy_by;
pub use error::StoreError;
pub use handover::Received;
pub use invoices::{AdvisorDetails, Invoice, InvoiceStatus, iban_valid};
pub use joint::{JointParticipant, JointSent, LedgerPart, NewParticipant, placeholder};
pub use ledger::{ReleasedFact, ReleasedGuard, ReleasedReport};
pub use overview::OVERDUE_SHOWN;
pub use reportable::{CountedDossier, YearDossier};
pub use settings::Settings;
pub use timeline::{TimelineEvent, TimelineKind};

use crate::Clock;
use rusqlite::{Connection, MAIN_DB};

/// Forward-only migrations; the index + 1 is the schema version (`PRAGMA user_version`).
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_frozen_reports.sql"),
    include_str!("migrations/0003_release_facts.sql"),
    include_str!("migrations/0004_retention.sql"),
    include_str!("migrations/0005_deadlines.sql"),
    include_str!("migrations/0006_access_requests.sql"),
    include_str!("migrations/0007_signing_key.sql"),
    include_str!("migrations/0008_parties.sql"),
    include_str!("migrations/0009_invoices.sql"),
    include_str!("migrations/0010_documents.sql"),
    include_str!("migrations/0011_letters.sql"),
    include_str!("migrations/0012_handover.sql"),
    include_str!("migrations/0013_joint_reports.sql"),
];

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The SQLite page size of vault databases.
pub const PAGE_SIZE: u32 = 4096;

/// Gathers the validation errors of several checks on one input, so the advisor sees every
/// invalid field at once; any other error (a database failure) stops at once.
pub(crate) struct Checks(crate::model::ValidationErrors);

impl Checks {
    /// Starts with the input's own (pure) validation.
    pub(crate) fn new(first: Result<(), crate::model::ValidationErrors>) -> Checks {
        Checks(first.err().unwrap_or_default())
    }

    /// Adds a check that needs the database.
    pub(crate) fn add(&mut self, result: Result<(), StoreError>) -> Result<(), StoreError> {
        match result {
            Err(StoreError::Validation(v)) => {
                self.0.fields.extend(v.fields);
                Ok(())
            }
            other => other,
        }
    }

    /// Records one more invalid field.
    pub(crate) fn push(&mut self, field: &str, code: crate::model::ValidationCode) {
        self.0.push(field, code);
    }

    /// `Ok` when every check passed.
    pub(crate) fn finish(self) -> Result<(), StoreError> {
        Ok(self.0.into_result()?)
    }
}

/// An open, decrypted vault database, in memory only.
pub struct Store {
    conn: Connection,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Store { .. }")
    }
}

fn memory_connection() -> Result<Connection, StoreError> {
    heap::install();
    Ok(Connection::open_in_memory()?)
}

impl Store {
    /// A new, empty, fully migrated database.
    pub fn create_empty(clock: Clock) -> Result<Store, StoreError> {
        let conn = memory_connection()?;
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        let mut store = Store { conn };
        store.configure()?;
        store.migrate()?;
        store.set_setting("created_at", &clock.now.to_rfc3339())?;
        Ok(store)
    }

    /// Loads a database image of `size` bytes from `reader` straight into SQLite's memory.
    /// The image is checked only by SQLite; call [`Store::check_integrity`] for a full check.
    pub fn from_image(reader: impl std::io::Read, size: usize) -> Result<Store, StoreError> {
        let mut conn = memory_connection()?;
        conn.deserialize_read_exact(MAIN_DB, reader, size, false)?;
        let store = Store { conn };
        store.configure()?;
        Ok(store)
    }

    fn configure(&self) -> Result<(), StoreError> {
        // Defensive mode: no writable_schema, no writes to sqlite_dbpage or to the shadow
        // tables of the full-text index, so SQL cannot corrupt the database file itself.
        self.conn
            .set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
        self.conn.execute_batch(
            "PRAGMA temp_store = MEMORY;
             PRAGMA secure_delete = ON;
             PRAGMA foreign_keys = ON;
             PRAGMA trusted_schema = OFF;",
        )?;
        Ok(())
    }

    /// The database image, borrowed from SQLite without a copy.
    pub fn image(&mut self) -> Result<rusqlite::serialize::Data<'_>, StoreError> {
        Ok(self.conn.serialize(MAIN_DB)?)
    }

    /// The schema version of this database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Whether [`Store::migrate`] has work to do; an error if the schema is too new or
    /// negative (no Kluis writes that; 0 is a new, empty database).
    pub fn needs_migration(&self) -> Result<bool, StoreError> {
        let v = self.schema_version()?;
        if v < 0 {
            return Err(StoreError::AlteredSchema);
        }
        if v > SCHEMA_VERSION {
            return Err(StoreError::UnsupportedSchema {
                found: v,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(v < SCHEMA_VERSION)
    }

    /// A number that changes with every write to the database (rows inserted, updated or
    /// deleted since it was opened): caches of derived results compare it.
    pub fn change_count(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Applies pending migrations in one transaction. Returns how many were applied.
    pub fn migrate(&mut self) -> Result<usize, StoreError> {
        if !self.needs_migration()? {
            return Ok(0);
        }
        let from =
            usize::try_from(self.schema_version()?).map_err(|_| StoreError::AlteredSchema)?;
        let tx = self.conn.transaction()?;
        for sql in &MIGRATIONS[from..] {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(MIGRATIONS.len() - from)
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`; an error describes only how many
    /// problems there are.
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut problems = if rows == ["ok"] { 0 } else { rows.len() };
        let mut fk = self.conn.prepare("PRAGMA foreign_key_check")?;
        problems += fk.query_map([], |_| Ok(()))?.count();
        if problems > 0 {
            return Err(StoreError::Integrity { problems });
        }
        Ok(())
    }

    /// Checks that the database's schema is exactly the one the migrations up to its own
    /// `user_version` define: the same tables, indexes, triggers and views with the same SQL,
    /// and nothing else. A database image is read from a file that someone other than Kluis
    /// may have written (anyone holding a key can encrypt a new image); an extra trigger or
    /// view would run inside every later session. Call before anything writes.
    ///
    /// Errors: [`StoreError::ForeignDatabase`] when the image is no Kluis database at all
    /// (version 0 or no `settings`/`dossiers` tables), [`StoreError::AlteredSchema`] for an
    /// impossible version or any difference, [`StoreError::UnsupportedSchema`] for a newer
    /// version (its schema cannot be known here).
    pub fn check_schema(&self) -> Result<(), StoreError> {
        let version = self.schema_version()?;
        let actual = schema_objects(&self.conn)?;
        let kluis_like = ["settings", "dossiers"]
            .iter()
            .all(|t| actual.iter().any(|o| o.0 == "table" && o.1 == *t));
        if version == 0 || !kluis_like {
            return Err(StoreError::ForeignDatabase);
        }
        if version < 0 {
            return Err(StoreError::AlteredSchema);
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::UnsupportedSchema {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if actual != expected_schema(version as usize)? {
            return Err(StoreError::AlteredSchema);
        }
        Ok(())
    }

    /// Checks that the tables of the current schema exist (the vault's format check).
    pub fn check_format(&self) -> Result<(), StoreError> {
        const TABLES: &[&str] = &[
            "settings",
            "organisations",
            "categories",
            "dossiers",
            "dossier_categories",
            "dossier_actions",
            "conversations",
            "time_entries",
            "export_log",
            "release_ledger",
            "destruction_log",
            "dossier_search",
            "retention_rules",
            "deadlines",
            "breaches",
            "access_requests",
        ];
        for t in TABLES {
            let n: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [t],
                |r| r.get(0),
            )?;
            if n != 1 {
                return Err(StoreError::Integrity { problems: 1 });
            }
        }
        Ok(())
    }

    /// The underlying connection, for the report engine and tests. Do not ATTACH files or
    /// `VACUUM INTO` paths: that would write plaintext to disk.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Mutable access to the connection (transactions).
    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// One row of `sqlite_schema` as compared: type, name, table and SQL with its whitespace
/// collapsed (the root page differs between any two databases).
type SchemaObject = (String, String, String, Option<String>);

fn schema_objects(conn: &Connection) -> Result<Vec<SchemaObject>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name, tbl_name",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let sql: Option<String> = r.get(3)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                sql.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The schema the first `version` migrations make, from a fresh in-memory database.
fn expected_schema(version: usize) -> Result<Vec<SchemaObject>, StoreError> {
    let conn = memory_connection()?;
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    for sql in &MIGRATIONS[..version.min(MIGRATIONS.len())] {
        conn.execute_batch(sql)?;
    }
    schema_objects(&conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_idempotent() {
        let clock = Clock::at("2026-01-01".parse().expect("date"));
        let mut s = Store::create_empty(clock).expect("empty store");
        assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
        assert_eq!(
            s.migrate().expect("second run"),
            0,
            "a migrated store needs nothing"
        );
        s.check_integrity().expect("fresh database is consistent");
        s.check_format().expect("every table exists");
    }

    #[test]
    fn every_schema_version_matches_its_own_migrations() {
        let clock = Clock::at("2026-01-01".parse().expect("date"));
        let s = Store::create_empty(clock).expect("empty store");
        s.check_schema()
            .expect("a fresh database has exactly the schema its migrations define");
        s.conn
            .execute_batch("CREATE TRIGGER spy AFTER INSERT ON dossiers BEGIN SELECT 1; END;")
            .expect("plant a trigger");
        assert!(
            matches!(s.check_schema(), Err(StoreError::AlteredSchema)),
            "one unknown trigger makes the schema altered"
        );
    }

    #[test]
    fn a_negative_schema_version_is_an_error_not_a_panic() {
        let clock = Clock::at("2026-01-01".parse().expect("date"));
        let mut s = Store::create_empty(clock).expect("empty store");
        s.conn
            .pragma_update(None, "user_version", -1)
            .expect("set version");
        assert!(
            matches!(s.needs_migration(), Err(StoreError::AlteredSchema)),
            "a negative version was never written by Kluis"
        );
        assert!(
            matches!(s.migrate(), Err(StoreError::AlteredSchema)),
            "migrating from a negative version must fail cleanly (it used to index out of range)"
        );
        assert!(
            matches!(s.check_schema(), Err(StoreError::AlteredSchema)),
            "and the schema check refuses it"
        );
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let clock = Clock::at("2026-01-01".parse().expect("date"));
        let s = Store::create_empty(clock).expect("empty store");
        s.conn
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("set version");
        assert!(
            matches!(
                s.needs_migration(),
                Err(StoreError::UnsupportedSchema { .. })
            ),
            "a schema from the future must not be touched"
        );
    }
}
