//! Anonymised trend reports: period tables, disclosure control, audit, release ledger and
//! rendering.
//!
//! - [`period`]: calendar-aligned report periods (`2025`, `2025-H1`, `2025-Q3`);
//! - [`reportable`]: [`ReportableDossier`], the only input of the pipeline (no notes, names,
//!   numbers or exact dates);
//! - [`tables`]: the gates and table design of one organisation's report, disclosure control
//!   against the release ledger, and the resulting [`ReportModel`];
//! - [`disclosure`]: which cells may be published, and the proof;
//! - [`render`]: the model as CSV.

pub mod disclosure;
pub mod document;
pub mod export;
pub mod lint;
pub mod period;
pub mod render;
pub mod reportable;
pub mod tables;
pub mod utility;

pub use document::{Narrative, ReportDocument};
pub use period::{PeriodError, ReportPeriod};
pub use reportable::{DurationBand, ReportableDossier};
pub use tables::{ReportError, ReportModel};
