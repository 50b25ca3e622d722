//! Errors of disclosure control. Messages name tables, cells and rules, never counts or case
//! content: a table code and a cell key are structure (labels of categories and periods), and
//! that is all an error may carry.

/// Everything that can go wrong while suppressing or auditing report tables.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisclosureError {
    /// A cell refers to an inner cell that the inner space does not have.
    #[error("inner cell {index} is outside the inner space of {len} cells")]
    InnerCellOutOfRange {
        /// The offending inner-cell index.
        index: usize,
        /// The number of inner cells in the space.
        len: usize,
    },
    /// A table is malformed (empty cell, ragged grid, duplicate or unusable label).
    #[error("table {table} is malformed: {problem}")]
    Shape {
        /// Code of the table.
        table: String,
        /// What is wrong, in fixed words.
        problem: &'static str,
    },
    /// The inner space was given flags that do not match its counts.
    #[error("inner space is malformed: {problem}")]
    Space {
        /// What is wrong, in fixed words.
        problem: &'static str,
    },
    /// A release-ledger value differs from the frozen counts of its period: the data of a
    /// published period changed, so the ledger no longer describes what the employer knows.
    #[error("release ledger cell {table}/{cell} disagrees with the frozen counts")]
    LedgerMismatch {
        /// Table of the ledger cell.
        table: String,
        /// Key of the ledger cell.
        cell: String,
    },
    /// The release ledger alone already lets a withheld cell be recovered; no suppression in
    /// a new report can repair that.
    #[error("the release ledger already discloses withheld cell {table}/{cell}")]
    LedgerDiscloses {
        /// Table of the withheld cell.
        table: String,
        /// Key of the withheld cell.
        cell: String,
    },
    /// Exact integer elimination left the 128-bit range (not expected at report sizes).
    #[error("integer overflow in exact elimination")]
    Overflow,
    /// The integer-programming solver failed or gave an answer that did not verify exactly.
    #[error("interval solver failed: {reason}")]
    Solver {
        /// What went wrong, in fixed words.
        reason: &'static str,
    },
}

impl DisclosureError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            DisclosureError::InnerCellOutOfRange { .. } => "inner_cell_out_of_range",
            DisclosureError::Shape { .. } => "table_shape",
            DisclosureError::Space { .. } => "inner_space",
            DisclosureError::LedgerMismatch { .. } => "ledger_mismatch",
            DisclosureError::LedgerDiscloses { .. } => "ledger_discloses",
            DisclosureError::Overflow => "overflow",
            DisclosureError::Solver { .. } => "solver",
        }
    }
}
