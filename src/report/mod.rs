//! Anonymised trend reports: the pipeline from the vault's dossiers to a PDF and a CSV whose
//! anonymity is proven by an audit against everything released before.
//!
//! The stages, each in its own module:
//! - [`request`]: what the advisor asks for, validated once for the CLI and the app;
//! - [`history`]: what was released before (linked organisations, years, facts, guards);
//! - [`design`]: the gates, the period split, the tables and their recoding;
//! - [`atoms`]: the inner space (dossiers counted alike by every selection in play);
//! - [`family`]: disclosure control per attribute family, with the inner space of each;
//! - [`disclosure`]: which cells may be published, and the proof;
//! - [`assemble`]: the [`ReportModel`] and the release to record;
//! - `participants`: a joint report's contributors as its readers can tell them apart;
//! - [`build`]: the stages in order;
//! - [`document`], [`lint`], [`export`], [`render`]: the advisor's text, its lint, the
//!   files and the release ledger.
//!
//! The report reads [`ReportableDossier`]s only (no notes, names, numbers or dates).

pub mod assemble;
pub mod atoms;
pub mod build;
mod deliver;
pub mod design;
pub mod disclosure;
pub mod document;
mod error;
pub mod export;
pub mod family;
pub mod history;
pub mod key;
pub mod lint;
pub mod model;
pub(crate) mod participants;
pub mod profile;
pub mod protect;
pub mod render;
pub mod request;
pub mod utility;

pub use crate::model::{DurationBand, PeriodError, ReportPeriod, ReportableDossier};
pub use build::{BuiltReport, build_joint_report, build_report};
pub use document::{Narrative, ReportDocument};
pub use error::ReportError;
pub use key::ReportKey;
pub use model::ReportModel;
pub use profile::Profile;
pub use request::ReportRequest;
