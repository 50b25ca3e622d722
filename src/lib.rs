//! # Kluis core
//!
//! Kluis keeps the confidential case files ("dossiers") of an independent external confidential
//! advisor (*externe vertrouwenspersoon*) in one encrypted vault file on the advisor's own
//! laptop, and produces anonymised trend reports for client organisations.
//!
//! This crate is the whole core, with no dependency on the desktop shell:
//!
//! - [`vault`]: the encrypted container (age + SQLite image): create, open, save, backups,
//!   passphrase and recovery key, single-instance lock.
//! - [`store`]: the SQLite schema, its migrations and typed queries, in memory only.
//! - [`model`]: domain types, inputs and validation.
//! - [`demo`]: a synthetic vault for demonstrations and benchmarks.
//! - [`documents`]: documents of dossiers in and out of the vault (files read with their
//!   size checked first, copies written never over a file and logged).
//! - [`report`]: anonymised trend reports: report periods, the notes-free
//!   [`report::ReportableDossier`], table design per organisation, disclosure control
//!   (suppression, audit, release ledger) and the CSV rendering.
//! - [`error`]: the one closed list of error codes ([`error::ErrorCode`]) that the CLI's
//!   `--json` errors and the desktop app's IPC errors share, and the mapping of every core
//!   error onto it ([`error::Coded`]).
//!
//! Data flows one way: an input is validated by [`model`], written by [`store`] into the
//! in-memory database, and [`vault::Vault::save`] serialises that database, encrypts it and
//! replaces the vault file atomically. Plaintext never touches the disk.
//!
//! ```no_run
//! use kluis::{Clock, vault::{Vault, Unlock}, model::*};
//! use secrecy::SecretString;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let clock = Clock::system();
//! let pass = SecretString::from("paarse fiets onder de regenboog".to_owned());
//! let (mut vault, recovery_key) = Vault::create("advies.kluis".as_ref(), &pass, clock)?;
//! // show `recovery_key` to the advisor once, then forget it
//! # let _ = recovery_key;
//! let org = vault.store_mut().add_organisation(&OrganisationInput {
//!     name: "Bakkerij De Korenschoof".into(),
//!     employee_count: 40,
//!     arrangement: Arrangement::Collectief,
//!     contact_label: String::new(),
//! }, clock)?;
//! vault.save(clock)?;
//! drop(vault); // locks: the connection and every key are dropped
//! let vault = Vault::open("advies.kluis".as_ref(), &Unlock::Passphrase(pass), clock)?;
//! assert_eq!(vault.store().organisation(org.id)?.name, "Bakkerij De Korenschoof");
//! # Ok(()) }
//! ```
#![deny(unsafe_code)]
#![deny(missing_docs)]

pub mod access;
pub mod demo;
pub mod documents;
pub mod error;
pub mod handover;
pub mod import;
pub mod invoice;
pub mod joint;
pub mod letter;
pub mod model;
pub mod process;
pub mod report;
pub mod signing;
pub mod store;
pub mod vault;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The language of messages and labels. Dutch first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Parses `nl`/`en` (and `nl_NL.UTF-8`-style locales); anything else is Dutch.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Nl
        }
    }

    /// A month's name (1-12): "maart" / "March".
    pub fn month_name(self, month: u32) -> &'static str {
        const NL: [&str; 12] = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let i = (month.clamp(1, 12) - 1) as usize;
        match self {
            Lang::Nl => NL[i],
            Lang::En => EN[i],
        }
    }

    /// A date in words: "2 december 2026" / "2 December 2026".
    pub fn date_in_words(self, d: NaiveDate) -> String {
        use chrono::Datelike as _;
        format!("{} {} {}", d.day(), self.month_name(d.month()), d.year())
    }
}

/// The time as the core sees it: passed in, never read from the system inside the core, so
/// that tests and reports are deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// The current instant (timestamps, backup names).
    pub now: DateTime<Utc>,
    /// The advisor's local calendar day (date validation, deadlines).
    pub today: NaiveDate,
}

impl Clock {
    /// The system clock with the local calendar day.
    pub fn system() -> Clock {
        Clock {
            now: Utc::now(),
            today: chrono::Local::now().date_naive(),
        }
    }

    /// A fixed clock at noon UTC of the given day.
    pub fn at(today: NaiveDate) -> Clock {
        Clock {
            now: today.and_hms_opt(12, 0, 0).expect("noon exists").and_utc(),
            today,
        }
    }
}
