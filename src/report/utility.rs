//! How much a report tells its reader: the information-loss measures of anonymisation.md,
//! computed from what a report shows (its [`ReportModel`]) and, for the comparison with
//! classic single-table suppression, from the dossiers it counts.
//!
//! - breakdown cells: the body cells of every table but the total (no margins); the share
//!   published;
//! - coverage of a table: the published whole-period row values (a row's total, or the sum
//!   of its published parts when the total is withheld), the row of merged small values
//!   ("Overig") included, as a share of the table's total, capped at 1;
//! - classic suppression: per attribute over the whole period, rows of 1 to k - 1 withheld,
//!   plus the smallest other non-zero row when only one row is withheld; its coverage on the
//!   same table;
//! - the largest category group: whether the report publishes its whole-period count.
//!
//! Used by `cargo bench --bench utility` and by the tests that hold the engine to these
//! measures. Only counts, never case content.

use super::ReportModel;
use super::ReportableDossier;
use super::model::{CellValue, ModelTable};
use std::collections::BTreeMap;

/// The code of a row that merges small rows (global recoding).
pub const MERGED_ROW: &str = "overig_samengevoegd";

/// The measures of one published table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableUtility {
    /// The table's code.
    pub code: String,
    /// Body cells published.
    pub published: usize,
    /// Body cells in all.
    pub cells: usize,
    /// Published whole-period row values over the table's total (0..=1).
    pub coverage: f64,
    /// The table's total as published (`None` when withheld).
    pub total: Option<u64>,
}

/// Whether a label is a margin.
fn is_total(code: &str) -> bool {
    code == "*"
}

/// The measures of one table of a report model. `None` for the total table.
pub fn table_utility(table: &ModelTable) -> Option<TableUtility> {
    if table.code == "totaal" {
        return None;
    }
    let split = table.columns.len() > 1;
    let mut published = 0;
    let mut cells = 0;
    let mut total = None;
    // Per row: (row total if published, sum of published parts).
    let mut rows: BTreeMap<&str, (Option<u64>, u64)> = BTreeMap::new();
    for c in &table.cells {
        let row_total = is_total(&c.row.code);
        let col_total = !split || is_total(&c.column.code);
        let value = match c.value {
            CellValue::Published(v) => Some(v),
            _ => None,
        };
        if row_total && col_total {
            total = value;
            continue;
        }
        if !(row_total || split && is_total(&c.column.code)) {
            cells += 1;
            published += usize::from(value.is_some());
        }
        if row_total {
            continue;
        }
        let entry = rows.entry(c.row.code.as_str()).or_default();
        if col_total {
            entry.0 = value;
        } else if let Some(v) = value {
            entry.1 += v;
        }
    }
    let covered: u64 = rows.values().map(|&(t, parts)| t.unwrap_or(parts)).sum();
    let coverage = match total {
        Some(t) if t > 0 => (covered as f64 / t as f64).min(1.0),
        Some(_) => 1.0,
        None => 0.0,
    };
    Some(TableUtility {
        code: table.code.clone(),
        published,
        cells,
        coverage,
        total,
    })
}

/// The row values of one attribute over the whole period: what a classic table shows
/// before suppression. `attribute` is a table code (`relatie`, `afloop`, `rol_melder`,
/// `categorie_groep`, `categorie`, `contacttype`).
pub fn true_rows(dossiers: &[ReportableDossier], attribute: &str) -> BTreeMap<String, u64> {
    let mut rows = BTreeMap::new();
    for d in dossiers {
        let values: Vec<String> = match attribute {
            "relatie" => vec![d.relation.code().to_owned()],
            "afloop" => vec![d.outcome.code().to_owned()],
            "rol_melder" => vec![d.reporter_role.code().to_owned()],
            "contacttype" => vec![d.contact_type.code().to_owned()],
            "categorie_groep" => d.groups.iter().map(|g| g.code().to_owned()).collect(),
            "categorie" => d.categories.clone(),
            _ => Vec::new(),
        };
        for v in values {
            *rows.entry(v).or_default() += 1;
        }
    }
    rows
}

/// Coverage of classic single-table suppression of these row values with threshold `k`:
/// rows of 1 to k - 1 withheld, and when exactly one is, the smallest other non-zero row
/// too; the published rows over the total (`total`, the number of dossiers).
pub fn classic_coverage(rows: &BTreeMap<String, u64>, total: u64, k: u64) -> f64 {
    if total == 0 {
        return 1.0;
    }
    let small: Vec<&String> = rows
        .iter()
        .filter(|&(_, &v)| (1..k).contains(&v))
        .map(|(r, _)| r)
        .collect();
    let mut withheld: Vec<&String> = small.clone();
    if small.len() == 1
        && let Some((r, _)) = rows
            .iter()
            .filter(|&(r, &v)| v > 0 && !small.contains(&r))
            .min_by_key(|&(r, &v)| (v, r.clone()))
    {
        withheld.push(r);
    }
    let shown: u64 = rows
        .iter()
        .filter(|(r, _)| !withheld.contains(r))
        .map(|(_, &v)| v)
        .sum();
    (shown as f64 / total as f64).min(1.0)
}

/// Whether the report publishes the whole-period count of row `code` in table
/// `table_code` (directly, or as the sum of its published parts).
pub fn row_published(model: &ReportModel, table_code: &str, code: &str) -> bool {
    let Some(table) = model.tables.iter().find(|t| t.code == table_code) else {
        return false;
    };
    let split = table.columns.len() > 1;
    let cells: Vec<_> = table.cells.iter().filter(|c| c.row.code == code).collect();
    let total = cells
        .iter()
        .find(|c| !split || is_total(&c.column.code))
        .is_some_and(|c| matches!(c.value, CellValue::Published(_)));
    let parts = split
        && cells
            .iter()
            .filter(|c| !is_total(&c.column.code))
            .all(|c| matches!(c.value, CellValue::Published(_)));
    total || parts
}

/// The tables that classic single-table suppression is compared on: one attribute each.
pub const CLASSIC_TABLES: [&str; 4] = ["relatie", "afloop", "rol_melder", "contacttype"];

/// One table of a report next to classic suppression of the same attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassicComparison {
    /// The table's code (one of [`CLASSIC_TABLES`]).
    pub code: String,
    /// The report's coverage of the table.
    pub kluis: f64,
    /// Classic suppression's coverage.
    pub classic: f64,
    /// The true whole-period rows.
    pub rows: BTreeMap<String, u64>,
}

/// The largest category group of a report, where classic suppression would publish it.
#[derive(Debug, Clone, PartialEq)]
pub struct LargestGroup {
    /// The true group counts.
    pub groups: BTreeMap<String, u64>,
    /// Whether the report publishes the largest group's count.
    pub published: bool,
    /// Whether the insider audit (anonymisation.md rule 4) allows publishing it: not when
    /// the other groups are k - 1 and 1, as the one dossier's insider then knows the k - 1.
    pub insider_allows: bool,
}

/// A report's model against classic suppression of the same tables (threshold `k`) over
/// `dossiers`, the dossiers it counts: the classic tables, and the largest category group
/// when classic suppression would publish it (unless the other groups hold 1 to k - 1).
pub fn compare_with_classic(
    model: &ReportModel,
    dossiers: &[ReportableDossier],
    k: u64,
) -> (Vec<ClassicComparison>, Option<LargestGroup>) {
    let total = dossiers.len() as u64;
    let mut tables = Vec::new();
    let mut largest = None;
    for table in &model.tables {
        let Some(u) = table_utility(table) else {
            continue;
        };
        if CLASSIC_TABLES.contains(&table.code.as_str()) {
            let rows = true_rows(dossiers, &table.code);
            tables.push(ClassicComparison {
                code: table.code.clone(),
                kluis: u.coverage,
                classic: classic_coverage(&rows, total, k),
                rows,
            });
        }
        if table.code == "categorie_groep" {
            let groups = true_rows(dossiers, "categorie_groep");
            if let Some((name, &n)) = groups.iter().max_by_key(|&(g, &n)| (n, g.clone())) {
                let rest = total.saturating_sub(n);
                if n >= k && !(1..k).contains(&rest) {
                    let mut others: Vec<u64> = groups
                        .iter()
                        .filter(|&(g, &c)| g != name && c > 0)
                        .map(|(_, &c)| c)
                        .collect();
                    others.sort_unstable();
                    largest = Some(LargestGroup {
                        published: row_published(model, &table.code, name),
                        insider_allows: others != [1, k - 1],
                        groups,
                    });
                }
            }
        }
    }
    (tables, largest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_suppression_withholds_small_rows_and_one_complement() {
        let rows: BTreeMap<String, u64> = [("a", 20), ("b", 3), ("c", 7), ("d", 0)]
            .map(|(r, v)| (r.to_owned(), v))
            .into();
        let c = classic_coverage(&rows, 30, 5);
        assert!(
            (c - 20.0 / 30.0).abs() < 1e-9,
            "b (3) and the smallest other non-zero row c (7) are withheld: {c}"
        );
        let rows: BTreeMap<String, u64> = [("a", 20), ("b", 3), ("c", 2), ("d", 5)]
            .map(|(r, v)| (r.to_owned(), v))
            .into();
        let c = classic_coverage(&rows, 30, 5);
        assert!(
            (c - 25.0 / 30.0).abs() < 1e-9,
            "two small rows protect each other: {c}"
        );
    }
}
