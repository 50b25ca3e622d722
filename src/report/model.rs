//! What a report shows: the [`ReportModel`] that the renderers print (PDF, CSV, the app's
//! preview). It holds labels and published values only; withheld cells are marked, never
//! valued, and nothing in it names a dossier.

use crate::model::ReportPeriod;
use serde::{Deserialize, Serialize};

/// The size band of an organisation, which decides which tables are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeBand {
    /// Fewer than 50 employees.
    Under50,
    /// 50 to 249 employees.
    From50To249,
    /// 250 employees or more.
    From250,
}

impl SizeBand {
    /// The band of an employee count.
    pub fn of(employees: u32) -> SizeBand {
        match employees {
            0..50 => SizeBand::Under50,
            50..250 => SizeBand::From50To249,
            _ => SizeBand::From250,
        }
    }
}

/// A label in both languages, with its stable code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Label {
    /// Stable code (a vocabulary code, `Q1`, a period code or `*` for a total).
    pub code: String,
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl Label {
    /// A label with its code and its Dutch and English text.
    pub fn new(code: &str, nl: &str, en: &str) -> Label {
        Label {
            code: code.to_owned(),
            nl: nl.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The label of a margin or total (`*`).
    pub fn total() -> Label {
        Label::new("*", "Totaal", "Total")
    }

    /// The text in a language.
    pub fn text(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Nl => &self.nl,
            crate::Lang::En => &self.en,
        }
    }
}

/// What a report shows in one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "value")]
pub enum CellValue {
    /// The exact value is shown.
    Published(u64),
    /// The value is withheld (shown as `x`).
    Withheld,
    /// Only the band 1..=upper is shown (a small period total).
    Banded {
        /// The band's upper end (k - 1).
        upper: u64,
    },
}

/// One cell of a report table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ModelCell {
    /// Row label.
    pub row: Label,
    /// Column label.
    pub column: Label,
    /// The period code the cell counts (a quarter for quarter columns, else the report's).
    pub period: String,
    /// What is shown.
    pub value: CellValue,
}

/// One table as published.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ModelTable {
    /// Stable code (`totaal`, `categorie`, ...).
    pub code: String,
    /// Title in both languages.
    pub title: Label,
    /// The section of domain.md's report it belongs in (3 contacts, 4 nature, 5
    /// characteristics, 6 handling).
    pub section: u8,
    /// Row labels, margins last.
    pub rows: Vec<Label>,
    /// Column labels, margins last.
    pub columns: Vec<Label>,
    /// The cells, row by row.
    pub cells: Vec<ModelCell>,
    /// The rows merged into the row "Overig" because each holds fewer than k dossiers in
    /// the period (empty when nothing was merged).
    pub merged: Vec<Label>,
    /// The same rows in the previous period's report, where both values are published.
    pub comparison: Option<Comparison>,
}

/// A row value of this report beside the same row of the previous report of the same
/// length: shown only when both are published, so it reveals nothing new.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Comparison {
    /// The previous period.
    pub period: Label,
    /// Per row: its label, the previous value and the current one.
    pub rows: Vec<ComparedRow>,
}

/// One compared row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ComparedRow {
    /// The row.
    pub row: Label,
    /// Published in the previous period.
    pub previous: u64,
    /// Published now.
    pub current: u64,
}

/// A table that was designed but not published, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DroppedTable {
    /// Its code.
    pub code: String,
    /// Its title.
    pub title: Label,
    /// The audit rule number that could not be satisfied.
    pub rule: u8,
    /// The reason code.
    pub reason: String,
}

/// A report for one organisation and period, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportModel {
    /// The report's key in the release ledger (`2025@7/standaard`).
    pub report: String,
    /// The period.
    pub period: ReportPeriod,
    /// The period's label.
    pub period_label: Label,
    /// `standaard` or `strikt`.
    pub profile: String,
    /// The organisation's size band (never its name or contact).
    pub size_band: SizeBand,
    /// Whether the period total reached the minimum for breakdowns.
    pub breakdowns: bool,
    /// Whether categories are shown as groups instead of detailed categories.
    pub categories_grouped: bool,
    /// The published tables (the total first).
    pub tables: Vec<ModelTable>,
    /// Tables designed but dropped, with the reasons.
    pub dropped: Vec<DroppedTable>,
    /// Cells withheld in the published tables.
    pub withheld_cells: usize,
    /// Cells published in the published tables.
    pub published_cells: usize,
    /// The profile's threshold k: no published count lies between 1 and k - 1.
    pub k: u64,
    /// Whether the disclosure audit passed (a report is exported only then).
    pub audit_passed: bool,
    /// Whether dossiers registered after their own period was published are counted here
    /// (said in the confidentiality section, without a number).
    pub late_included: bool,
    /// Whether some table merged small rows into "Overig" (said in the confidentiality
    /// section, by rule).
    pub recoded: bool,
    /// Whether some table was replaced by a coarser one (a longer period or category
    /// groups) because the finer one would have published too little.
    pub coarsened: bool,
}
