//! Disclosure control for report tables: which cells may be shown, and the proof that what is
//! shown does not let the employer recover a small count, now or combined with every earlier
//! report.
//!
//! The pipeline, for a set of tables over one [`InnerSpace`] and the [`Ledger`] of everything
//! released before:
//!
//! 1. primary rule ([`Profile::primary`]): a cell with 1 <= n <= k - 1 is withheld (k = 5,
//!    strikt 10); zeros are published in the standard profile and never become secondary
//!    cells;
//! 2. secondary suppression by exact Gaussian elimination ([`suppress`], after Statistics
//!    Norway's GaussSuppression), conditioned on the ledger; it protects the primary cells,
//!    the ledger's withheld cells and small differences of nested new and ledger cells
//!    ([`derived_cells`]: year minus year-to-date, pooled minus own);
//! 3. the audit ([`audit()`]), independent of step 2: published values, exact span, intervals
//!    by integer programming with verified witness tables, insiders, and exhaustive
//!    enumeration for tiny tables; a weakness the ledger alone already has and this release
//!    leaves unchanged is listed apart and does not fail it;
//! 4. the repair loop ([`protect`]): withhold one more cell next to the weak one and try
//!    again; then a coarsening hook ([`Coarsening`]); then drop the table and say why.
//!
//! Besides equations (published values) the ledger holds ranges (a band `1-4`, a row shown
//! because it holds more than k, a row merged into "Overig"), and the audit's integer
//! programs respect them: what a reader learns without a value is part of the model too.
//! [`latent`] and [`pooled`] hold the two rules that protect counts no table of the report
//! shows: every small count of every calendar part, and the pooled rule.
//!
//! Everything is deterministic (ordered containers, exact integers, integer programs bounded
//! by a node count and never by a clock; the solver's answers are verified exactly) and
//! carries no case content: cells are named by table code and key.
//!
//! ```
//! use kluis::report::disclosure::{protect, Ledger, Profile, Table};
//! # fn main() -> Result<(), kluis::report::disclosure::DisclosureError> {
//! let (space, table) = Table::two_way_from_counts(
//!     "categorie_kwartaal",
//!     &["pesten", "intimidatie", "overig"],
//!     &["Q1", "Q2", "Q3"],
//!     &[vec![2, 8, 9], vec![7, 6, 10], vec![9, 12, 11]],
//! )?;
//! let protection = protect(&space, &[table], &Ledger::new(), Profile::Standaard)?;
//! let decisions = protection.decisions(0).expect("this table can be published");
//! assert!(!decisions[0].is_published(), "pesten in Q1 (2) is withheld");
//! assert!(protection.audit.passed(), "protect only returns a passing audit");
//! # Ok(()) }
//! ```

mod audit;
mod cells;
mod enumerate;
mod error;
mod findings;
mod gauss;
mod interval;
pub mod latent;
mod ledger;
pub mod pooled;
mod presolve;
pub mod rank;
mod repair;
mod witness;

pub use audit::{
    AuditReport, CellInterval, Exhaustive, Finding, InsiderInterval, Reason, Rule, Subject,
    WitnessPool, audit, audit_with,
};
pub use cells::{
    Axis, Cell, CellKind, CellRef, CellVector, InnerCell, InnerSpace, Primary, Profile, TOTAL_KEY,
    Table,
};
pub use enumerate::{MAX_INNER, MAX_NODES, MAX_TOTAL, ValueSet};
pub use error::DisclosureError;
pub use gauss::{CellPos, Decision, Suppression, SuppressionReason, suppress};
pub use interval::{Bound, Interval};
pub use ledger::{DerivedCell, Ledger, LedgerEntry, ProtectedCell, RangeEntry, derived_cells};
pub use repair::{
    Coarsening, DropReason, NoCoarsening, Protection, TableOutcome, protect, protect_with,
    protect_with_pool,
};
