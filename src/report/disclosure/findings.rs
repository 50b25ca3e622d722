//! What an audit reports: the rules and reasons, the findings, the intervals of each
//! protected cell (outsider and insiders) and the enumeration of tiny tables. It names cells,
//! rules and reason codes only; it holds the derivable intervals but no true counts.

use super::interval::Interval;
use super::{CellPos, CellRef};

/// The audit rules (numbered as in the design).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// 1: no published small value.
    PublishedValue,
    /// 2: linear non-derivability.
    Span,
    /// 3: interval widths.
    Interval,
    /// 4: intervals against an insider.
    Insider,
    /// 6: exhaustive enumeration of tiny tables.
    Exhaustive,
}

impl Rule {
    /// The rule's number in the design.
    pub fn number(self) -> u8 {
        match self {
            Rule::PublishedValue => 1,
            Rule::Span => 2,
            Rule::Interval => 3,
            Rule::Insider => 4,
            Rule::Exhaustive => 6,
        }
    }
}

/// Why a cell fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// A published value is between 1 and k - 1.
    SmallValuePublished,
    /// A zero is published where the profile hides zeros.
    ZeroPublished,
    /// The value can be computed exactly from published values.
    InSpan,
    /// The largest consistent value is below n + 1.
    UpperTooLow,
    /// The consistent values span less than 2.
    TooNarrow,
    /// A sensitive cell cannot be 0 (or, for an insider's own cell, 1).
    LowerAboveZero,
    /// Enumeration finds a single consistent value.
    SingleValue,
}

impl Reason {
    /// A stable machine-readable code.
    pub fn code(self) -> &'static str {
        match self {
            Reason::SmallValuePublished => "small_value_published",
            Reason::ZeroPublished => "zero_published",
            Reason::InSpan => "derivable",
            Reason::UpperTooLow => "upper_too_low",
            Reason::TooNarrow => "too_narrow",
            Reason::LowerAboveZero => "lower_above_zero",
            Reason::SingleValue => "single_value",
        }
    }
}

/// Where an audited cell comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// A cell of the audited tables.
    Table(CellPos),
    /// A withheld cell of an earlier report (index into [`super::Ledger::protected`]).
    Ledger(usize),
    /// A small difference of nested new and ledger cells (index into the list of
    /// [`super::derived_cells`] for the same tables and ledger).
    Derived(usize),
    /// A latent small count (index into [`super::Ledger::latent`]); checked by rank only.
    Latent(usize),
}

/// One failing cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// The cell's name.
    pub cell: CellRef,
    /// Where it comes from.
    pub subject: Subject,
    /// The rule it fails.
    pub rule: Rule,
    /// Why.
    pub reason: Reason,
    /// The insider's inner cell, for rules 4 and 6.
    pub insider: Option<usize>,
}

/// The interval of one protected cell for one insider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InsiderInterval {
    /// The insider's inner cell.
    pub insider: usize,
    /// What the insider can derive.
    pub interval: Interval,
}

/// What can be derived about one protected cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CellInterval {
    /// The cell's name.
    pub cell: CellRef,
    /// Where it comes from.
    pub subject: Subject,
    /// The outsider's interval (rule 3).
    pub interval: Interval,
    /// Each insider's interval (rule 4), for insiders whose knowledge is linked to the cell;
    /// none when the outsider's interval already fails this report (an insider's lies within
    /// it: the cell fails either way).
    pub insiders: Vec<InsiderInterval>,
}

impl CellInterval {
    /// The narrowest width over the outsider and every insider (`None`: unbounded for all).
    pub fn narrowest_width(&self) -> Option<u64> {
        std::iter::once(&self.interval)
            .chain(self.insiders.iter().map(|i| &i.interval))
            .filter_map(Interval::width)
            .min()
    }
}

/// Whether rule 6 ran.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Exhaustive {
    /// The tables are not tiny.
    NotApplicable,
    /// Enumerated: the intervals it found, in the order of [`AuditReport::intervals`].
    Checked(Vec<Interval>),
    /// Tiny, but the search exceeded its node budget; rules 3 and 4 still stand.
    TooLarge,
}

/// The result of the audit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditReport {
    /// Every failing cell, sorted.
    pub findings: Vec<Finding>,
    /// The intervals of every protected cell (this report's primaries first, then the
    /// ledger's, then derived differences), as found by the interval audit.
    pub intervals: Vec<CellInterval>,
    /// Rule 6.
    pub exhaustive: Exhaustive,
    /// Weaknesses that the ledger alone already has and this release does not make worse
    /// (the value was already computable; the bound a failing interval rule reads, the lower
    /// end for a sensitive cell that cannot be 0, the upper end for one that cannot exceed
    /// its value, both for the width, is the one the ledger alone gives; or the set of
    /// enumerated values is the ledger's). They do not fail the audit:
    /// withholding more in this report cannot undo an earlier release.
    pub preexisting: Vec<Finding>,
}

impl AuditReport {
    /// Whether every rule passed.
    pub fn passed(&self) -> bool {
        self.findings.is_empty()
    }

    /// The interval of a named cell.
    pub fn interval(&self, table: &str, cell: &str) -> Option<&CellInterval> {
        self.intervals
            .iter()
            .find(|i| i.cell.table == table && i.cell.cell == cell)
    }
}
