//! Vault settings: key/value rows with typed accessors and defaults.

use super::{Store, StoreError};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

/// The settings an advisor can change, with their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    /// Months after closing until a dossier should be destroyed.
    pub retention_months: u32,
    /// Newest saves kept as backups.
    pub backups_recent: u32,
    /// Days for which the last save of the day is kept.
    pub backups_days: u32,
    /// Idle minutes before the app locks.
    pub autolock_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            retention_months: crate::model::retention::DEFAULT_RETENTION_MONTHS,
            backups_recent: 10,
            backups_days: 14,
            autolock_minutes: 5,
        }
    }
}

impl Store {
    /// Reads a raw setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Writes a raw setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Removes a raw setting (nothing happens when it is not set).
    pub fn delete_setting(&self, key: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM settings WHERE key = ?1", [key])?;
        Ok(())
    }

    fn number(&self, key: &str, default: u32) -> Result<u32, StoreError> {
        Ok(self
            .setting(key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    }

    /// The typed settings, defaults filled in.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let d = Settings::default();
        Ok(Settings {
            retention_months: self.number("retention_months", d.retention_months)?,
            backups_recent: self.number("backups_recent", d.backups_recent)?,
            backups_days: self.number("backups_days", d.backups_days)?,
            autolock_minutes: self.number("autolock_minutes", d.autolock_minutes)?,
        })
    }

    /// Stores the typed settings after checking their ranges.
    pub fn set_settings(&self, s: &Settings) -> Result<(), StoreError> {
        use crate::model::{ValidationCode, ValidationErrors};
        let mut e = ValidationErrors::default();
        if let Err(v) =
            crate::model::retention::validate_months("retention_months", s.retention_months)
        {
            e.fields.extend(v.fields);
        }
        if s.backups_recent > 1000 {
            e.push("backups_recent", ValidationCode::TooLarge);
        }
        if s.backups_days > 366 {
            e.push("backups_days", ValidationCode::TooLarge);
        }
        match s.autolock_minutes {
            0 => e.push("autolock_minutes", ValidationCode::NotPositive),
            241.. => e.push("autolock_minutes", ValidationCode::TooLarge),
            _ => {}
        }
        e.into_result()?;
        self.set_setting("retention_months", &s.retention_months.to_string())?;
        self.set_setting("backups_recent", &s.backups_recent.to_string())?;
        self.set_setting("backups_days", &s.backups_days.to_string())?;
        self.set_setting("autolock_minutes", &s.autolock_minutes.to_string())?;
        Ok(())
    }
}
