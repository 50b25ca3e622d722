//! The last stage of a report: from the protected tables to what is shown and recorded.
//!
//! - the [`ReportModel`]: labels and values per table, the rows merged into "Overig", the
//!   comparison with the previous period where both values are published;
//! - the release: every published value and every revealed range as a fact, every
//!   withheld small cell (and banded total, small difference, pooled-rule cell) as a guard.

use super::design::recode::RevealedRange;
use super::design::{CellPlace, Columns, TableDesign, TableKind};
use super::family::Protected;
use super::history::History;
use super::key::ReportKey;
use super::model::{
    CellValue, ComparedRow, Comparison, DroppedTable, Label, ModelCell, ModelTable, ReportModel,
    SizeBand,
};
use super::utility::MERGED_ROW;
use crate::model::CellQuery;
use crate::store::{ReleasedFact, ReleasedGuard};

/// What the assembly needs.
pub(crate) struct Assembly<'a> {
    pub key: &'a ReportKey,
    /// The designs as first made.
    pub original: &'a [TableDesign],
    /// The protected tables (`None`: the report has no table, only a band or a zero).
    pub protected: Option<&'a Protected>,
    pub revealed: &'a [(String, RevealedRange)],
    pub total: u64,
    pub total_query: &'a CellQuery,
    pub history: &'a History,
    pub breakdowns: bool,
    pub categories_grouped: bool,
    pub band: SizeBand,
    pub recoded: bool,
    pub late: bool,
}

/// The key of a cell in a table: `row` (one column), `row|column`, with `*` for margins.
pub(crate) fn cell_key(design: &TableDesign, place: CellPlace) -> String {
    let row = place
        .row
        .map_or("*".to_owned(), |r| design.rows[r].label.code.clone());
    match (&design.columns, place.column) {
        (Columns::Whole, _) => row,
        (Columns::Parts(p), Some(c)) => format!("{row}|{}", p[c].label.code),
        (Columns::Cross(_, cols), Some(c)) => format!("{row}|{}", cols[c].label.code),
        (_, None) => format!("{row}|*"),
    }
}

/// The model, the facts and the guards of a report.
pub(crate) fn assemble(a: &Assembly<'_>) -> (ReportModel, Vec<ReleasedFact>, Vec<ReleasedGuard>) {
    let key = a.key;
    let report = key.to_string();
    let profile = key.profile;
    let k = profile.k();
    let period = key.period;
    let period_label = Label::new(
        &period.code(),
        &period.label(crate::Lang::Nl),
        &period.label(crate::Lang::En),
    );
    let mut tables = Vec::new();
    let mut dropped = Vec::new();
    let mut facts = Vec::new();
    let mut guards = Vec::new();
    let (mut withheld_cells, mut published_cells) = (0, 0);
    let fact = |table: &str, cell: String, selection: CellQuery, lower, upper| ReleasedFact {
        report_key: report.clone(),
        table_code: table.to_owned(),
        cell_key: cell,
        selection,
        lower,
        upper,
    };
    let guard = |table: &str, cell: String, selection: CellQuery| ReleasedGuard {
        report_key: report.clone(),
        table_code: table.to_owned(),
        cell_key: cell,
        selection,
    };
    if a.total < k {
        // The total alone: banded, or an exact zero.
        let value = if a.total == 0 {
            facts.push(fact(
                "totaal",
                "*".into(),
                a.total_query.clone(),
                0,
                Some(0),
            ));
            CellValue::Published(0)
        } else {
            facts.push(fact(
                "totaal",
                "band".into(),
                a.total_query.clone(),
                1,
                Some(k - 1),
            ));
            guards.push(guard("totaal", "band".into(), a.total_query.clone()));
            CellValue::Banded { upper: k - 1 }
        };
        tables.push(ModelTable {
            code: "totaal".into(),
            title: TableKind::Total.title(),
            section: 3,
            rows: vec![Label::new("totaal", "Totaal", "Total")],
            columns: vec![period_label.clone()],
            cells: vec![ModelCell {
                row: Label::new("totaal", "Totaal", "Total"),
                column: period_label.clone(),
                period: period.code(),
                value,
            }],
            merged: Vec::new(),
            comparison: None,
        });
    }
    let mut coarsened = false;
    if let Some(p) = a.protected {
        // Ranges are revealed by the tables that are shown.
        let shown: std::collections::BTreeSet<&str> = p
            .tables
            .iter()
            .filter(|t| t.outcome.is_ok())
            .map(|t| t.design.kind.code())
            .collect();
        for (table, r) in a.revealed {
            if shown.contains(table.as_str()) {
                facts.push(fact(
                    table,
                    r.key.clone(),
                    r.query.clone(),
                    r.lower,
                    r.upper,
                ));
            }
        }
        for (t, result) in p.tables.iter().enumerate() {
            let design = &result.design;
            coarsened |= design.columns != a.original[t].columns;
            let decisions = match &result.outcome {
                Err(reason) => {
                    dropped.push(DroppedTable {
                        code: design.kind.code().to_owned(),
                        title: design.kind.title(),
                        rule: reason.rule.number(),
                        reason: reason.reason.code().to_owned(),
                    });
                    continue;
                }
                Ok(d) => d,
            };
            let places = design.places();
            let mut cells = Vec::with_capacity(places.len());
            for ((place, cell), decision) in places.iter().zip(result.table.cells()).zip(decisions)
            {
                let query = design.query(*place);
                let name = cell_key(design, *place);
                let value = if decision.is_published() {
                    facts.push(fact(
                        design.kind.code(),
                        name,
                        query,
                        cell.value,
                        Some(cell.value),
                    ));
                    CellValue::Published(cell.value)
                } else {
                    if profile.primary(cell).is_some() {
                        guards.push(guard(design.kind.code(), name, query));
                    }
                    CellValue::Withheld
                };
                cells.push((*place, value));
            }
            tables.push(model_table(design, &cells, &period_label, a, key));
        }
        for (table, cell, q) in &p.guards {
            guards.push(guard(table, cell.clone(), q.clone()));
        }
    }
    // What a reader sees: the cells of the model (the table of totals shows each total once).
    for c in tables.iter().flat_map(|t| &t.cells) {
        match c.value {
            CellValue::Published(_) => published_cells += 1,
            CellValue::Withheld => withheld_cells += 1,
            CellValue::Banded { .. } => {}
        }
    }
    let model = ReportModel {
        report,
        period,
        period_label,
        profile: profile.code().to_owned(),
        size_band: a.band,
        breakdowns: a.breakdowns,
        categories_grouped: a.categories_grouped,
        tables,
        dropped,
        withheld_cells,
        published_cells,
        k,
        audit_passed: true,
        late_included: a.late,
        recoded: a.recoded,
        coarsened,
    };
    (model, facts, guards)
}

/// The model of one published table.
fn model_table(
    design: &TableDesign,
    cells: &[(CellPlace, CellValue)],
    period_label: &Label,
    a: &Assembly<'_>,
    key: &ReportKey,
) -> ModelTable {
    let total = Label::total;
    let is_total = design.kind == TableKind::Total;
    let column_label = |place: CellPlace| -> (Label, String) {
        match (&design.columns, place.column) {
            (Columns::Whole, _) => (period_label.clone(), key.period.code()),
            (Columns::Parts(p), Some(c)) => (p[c].label.clone(), p[c].period.code()),
            (Columns::Cross(_, cols), Some(c)) => (cols[c].label.clone(), key.period.code()),
            (_, None) => (total(), key.period.code()),
        }
    };
    let mut model_cells = Vec::with_capacity(cells.len());
    for (place, value) in cells {
        if is_total && place.row.is_none() {
            continue;
        }
        let row = place
            .row
            .map_or_else(total, |r| design.rows[r].label.clone());
        let (column, period) = column_label(*place);
        model_cells.push(ModelCell {
            row,
            column,
            period,
            value: *value,
        });
    }
    let mut rows: Vec<Label> = design.rows.iter().map(|r| r.label.clone()).collect();
    if !is_total {
        rows.push(total());
    }
    let columns = match &design.columns {
        Columns::Whole => vec![period_label.clone()],
        Columns::Parts(p) => p
            .iter()
            .map(|c| c.label.clone())
            .chain(std::iter::once(total()))
            .collect(),
        Columns::Cross(_, cols) => cols
            .iter()
            .map(|c| c.label.clone())
            .chain(std::iter::once(total()))
            .collect(),
    };
    let comparison = comparison(design, &model_cells, a, key);
    ModelTable {
        code: design.kind.code().to_owned(),
        title: design.kind.title(),
        section: design.kind.section(),
        rows,
        columns,
        cells: model_cells,
        merged: design.merged.clone(),
        comparison,
    }
}

/// The rows of this table beside the same rows of the previous report of the same length
/// over the same organisations, where both whole-period values are published.
fn comparison(
    design: &TableDesign,
    cells: &[ModelCell],
    a: &Assembly<'_>,
    key: &ReportKey,
) -> Option<Comparison> {
    if matches!(design.columns, Columns::Cross(..)) {
        return None;
    }
    let previous = key.period.previous();
    if a.history.previous.is_empty() {
        return None;
    }
    let whole = |c: &ModelCell| match design.columns {
        Columns::Whole => true,
        _ => c.column.code == "*",
    };
    let mut rows = Vec::new();
    for c in cells.iter().filter(|c| whole(c)) {
        let CellValue::Published(current) = c.value else {
            continue;
        };
        if c.row.code == MERGED_ROW {
            continue;
        }
        let before = a.history.previous.iter().find(|f| {
            f.table_code == design.kind.code()
                && (f.cell_key == c.row.code || f.cell_key == format!("{}|*", c.row.code))
        });
        if let Some(previous) = before.and_then(ReleasedFact::value) {
            rows.push(ComparedRow {
                row: c.row.clone(),
                previous,
                current,
            });
        }
    }
    (!rows.is_empty()).then(|| Comparison {
        period: Label::new(
            &previous.code(),
            &previous.label(crate::Lang::Nl),
            &previous.label(crate::Lang::En),
        ),
        rows,
    })
}
