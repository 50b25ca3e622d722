//! Building one report, in named stages:
//!
//! 1. [`history`](super::history): what was released before (linked organisations, years,
//!    facts, guards; profile freeze; re-issue cut-off);
//! 2. units: the dossiers of those organisations and years as the release history froze
//!    them (late registrations in the first unpublished quarter), and which this report
//!    counts;
//! 3. [`design`](super::design): gates, period split, tables, recoding into "Overig", the
//!    category level;
//! 4. and 5. [`family`](super::family): per attribute family, the inner space
//!    ([`atoms`](super::atoms)), the disclosure ledger and
//!    [`protect_with`](super::disclosure::protect_with) (suppression, audit, repair,
//!    coarsening); withheld cells that anyone can compute are shown;
//! 6. [`assemble`](super::assemble): the [`ReportModel`](super::ReportModel) and what to
//!    record.

use super::ReportError;
use super::assemble::{self, Assembly};
use super::design::gates::{COLLAPSE_SHARE_PERCENT, candidate_splits, gates};
use super::design::kind::sensitive_category;
use super::design::recode::{RevealedRange, recode};
use super::design::{ColumnDesign, Columns, TableDesign, TableKind};
use super::family::{FamilyPools, Inputs, Protected, TableResult, coarser};
use super::history::{self, History};
use super::key::ReportKey;
use super::model::ReportModel;
use super::participants::Merge;
use super::protect::protect_report;
use super::{Profile, ReportPeriod};
use crate::model::{Attribute, Category, CellQuery, Organisation, ReportableDossier, Unit};
use crate::store::{CountedDossier, ReleasedFact, ReleasedGuard, Store, YearDossier};
use std::collections::BTreeSet;

/// A built report: the model and what to record on export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltReport {
    /// Its key.
    pub key: ReportKey,
    /// What to render.
    pub model: ReportModel,
    /// What a recipient can read, for the release ledger of every organisation of the
    /// report.
    pub facts: Vec<ReleasedFact>,
    /// Cells later reports must keep protected.
    pub guards: Vec<ReleasedGuard>,
    /// The counted dossiers no earlier report froze: recorded on export, so that this
    /// period stays as published.
    pub counted: Vec<CountedDossier>,
}

/// Builds the report of `organisations` (one, or at least three for a pooled report) for
/// `period` under `profile`.
pub fn build_report(
    store: &Store,
    organisations: &[Organisation],
    period: ReportPeriod,
    profile: Profile,
) -> Result<BuiltReport, ReportError> {
    let ids: Vec<i64> = organisations.iter().map(|o| o.id).collect();
    let key = ReportKey::new(&ids, period, profile);
    if key.organisations.is_empty() {
        return Err(ReportError::NoOrganisation);
    }
    if key.organisations.len() != ids.len() {
        return Err(ReportError::DuplicateOrganisation);
    }
    if key.pooled() && key.organisations.len() < profile.pooled_minimum_organisations() {
        return Err(ReportError::PooledTooFew {
            minimum: profile.pooled_minimum_organisations(),
        });
    }
    let history = history::load(store, &key)?;
    let year: Vec<i32> = history.years.iter().copied().collect();
    let organisations_in_play: Vec<i64> = history.organisations.iter().copied().collect();
    let dossiers = store.year_dossiers(&organisations_in_play, &year)?;
    let categories = store.categories()?;
    let employees = organisations
        .iter()
        .map(|o| o.employee_count)
        .fold(0u32, u32::saturating_add);
    let input = Input {
        key,
        employees,
        categories,
        history,
        dossiers,
    };
    build(&input)
}

/// Builds the joint report of `client` for `period` under `profile`: the client's dossiers
/// in this vault and the contributed shares `shares` (`store::joint` rows), against the
/// union of every participant's release history. The audit sees the participants as their
/// readers can tell them apart ([`participants`](super::participants)); what is recorded
/// counts every share. Recorded under the joint key, for the client and every share.
pub fn build_joint_report(
    store: &Store,
    client: &Organisation,
    shares: &[i64],
    period: ReportPeriod,
    profile: Profile,
) -> Result<BuiltReport, ReportError> {
    let key = ReportKey::joint(client.id, shares, period, profile);
    let mut history = history::load(store, &key)?;
    let year: Vec<i32> = history.years.iter().copied().collect();
    let organisations_in_play: Vec<i64> = history.organisations.iter().copied().collect();
    let mut dossiers = store.year_dossiers(&organisations_in_play, &year)?;
    let merge = Merge::of(&key.organisations, &history);
    merge.relabel_history(&mut history);
    merge.relabel_dossiers(&mut dossiers);
    let seen: Vec<i64> = merge
        .set(&key.organisations.iter().copied().collect())
        .into_iter()
        .collect();
    // One population to the readers: audited as the client's own report.
    let audit_key = ReportKey {
        joint: seen.len() > 1,
        organisations: seen,
        ..key.clone()
    };
    let input = Input {
        key: audit_key,
        employees: client.employee_count,
        categories: store.categories()?,
        history,
        dossiers,
    };
    let mut built = build(&input)?;
    built.key = key;
    for f in &mut built.facts {
        f.report_key = built.key.to_string();
        f.selection = merge.expand(&f.selection);
    }
    for g in &mut built.guards {
        g.report_key = built.key.to_string();
        g.selection = merge.expand(&g.selection);
    }
    Ok(built)
}

/// Everything a report is built from.
struct Input {
    key: ReportKey,
    employees: u32,
    categories: Vec<Category>,
    history: History,
    dossiers: Vec<YearDossier>,
}

/// The units of a report and which of them it counts.
struct Units {
    units: Vec<Unit>,
    /// Indices (into `units` and the input dossiers) of the counted dossiers.
    counted: Vec<usize>,
}

fn units(input: &Input, sensitive: &BTreeSet<String>) -> Units {
    let key = &input.key;
    let mut units = Vec::with_capacity(input.dossiers.len());
    let mut counted = Vec::new();
    for (i, y) in input.dossiers.iter().enumerate() {
        let is_sensitive = y.dossier.categories.iter().any(|c| sensitive.contains(c));
        units.push(Unit::dossier(&y.dossier, y.quarter, is_sensitive));
        if key.organisations.contains(&y.dossier.organisation_id) && y.quarter.within(key.period) {
            counted.push(i);
        }
    }
    Units { units, counted }
}

/// The designs of a report (before phantoms and atoms).
struct Designs {
    tables: Vec<TableDesign>,
    revealed: Vec<(String, RevealedRange)>,
    categories_grouped: bool,
    breakdowns: bool,
    band: super::model::SizeBand,
    recoded: bool,
}

/// A design of `kind` over these columns, recoded; `None` when nothing is left to show.
fn design(
    input: &Input,
    kind: TableKind,
    columns: Columns,
    counted: &[&ReportableDossier],
) -> Option<(TableDesign, Vec<RevealedRange>)> {
    let d = TableDesign {
        kind,
        organisations: input.key.organisations.iter().copied().collect(),
        period: input.key.period,
        rows: kind.rows(&input.categories),
        columns,
        merged: Vec::new(),
    };
    // The totals and the three category groups (the headline of every report) are never
    // recoded: every row is always shown, zeros too.
    if matches!(kind, TableKind::Total | TableKind::By(Attribute::Group)) {
        return Some((d, Vec::new()));
    }
    recode(d, counted, input.key.profile.k())
}

/// The share (percent, rounded up) of body cells of these designs holding 1 to k - 1 of the
/// counted dossiers.
fn small_share(
    designs: &[TableDesign],
    counted: &[(&ReportableDossier, ReportPeriod)],
    k: u64,
) -> usize {
    let (mut small, mut cells) = (0usize, 0usize);
    for d in designs {
        for place in d.places().into_iter().filter(|p| d.is_body(*p)) {
            let query = d.query(place);
            let n = counted
                .iter()
                .filter(|(dossier, quarter)| {
                    query.matches(&Unit::dossier(dossier, *quarter, false))
                })
                .count() as u64;
            cells += 1;
            small += usize::from((1..k).contains(&n));
        }
    }
    (small * 100).div_ceil(cells.max(1))
}

fn designs(input: &Input, counted_indices: &[usize]) -> Designs {
    let key = &input.key;
    let profile = key.profile;
    let k = profile.k();
    let counted: Vec<&ReportableDossier> = counted_indices
        .iter()
        .map(|&i| &input.dossiers[i].dossier)
        .collect();
    let with_quarter: Vec<(&ReportableDossier, ReportPeriod)> = counted_indices
        .iter()
        .map(|&i| (&input.dossiers[i].dossier, input.dossiers[i].quarter))
        .collect();
    let total = counted.len() as u64;
    let g = gates(input.employees, key.pooled(), key.period, total, profile);
    let recoded_designs = |columns: &Columns| -> Vec<(TableDesign, Vec<RevealedRange>)> {
        g.kinds
            .iter()
            .filter_map(|&kind| design(input, kind, columns.clone(), &counted))
            .collect()
    };
    // The period split: the finest whose every part has the minimum and whose breakdown
    // tables would not withhold more than the collapse share.
    let mut columns = Columns::Whole;
    if g.breakdowns && !key.pooled() {
        for split in candidate_splits(key.period, profile) {
            let parts: Vec<ColumnDesign> = split.iter().copied().map(ColumnDesign::of).collect();
            let enough = split.iter().all(|p| {
                with_quarter.iter().filter(|(_, q)| q.within(*p)).count() as u64
                    >= profile.minimum_total()
            });
            if !enough {
                continue;
            }
            let candidate = Columns::Parts(parts);
            let tables: Vec<TableDesign> = recoded_designs(&candidate)
                .into_iter()
                .map(|d| d.0)
                .collect();
            if small_share(&tables, &with_quarter, k) <= COLLAPSE_SHARE_PERCENT {
                columns = candidate;
                break;
            }
        }
    }
    let mut tables = Vec::new();
    let mut revealed = Vec::new();
    if total >= k {
        tables.extend(design(input, TableKind::Total, columns.clone(), &counted).map(|d| d.0));
    }
    let mut categories_grouped = true;
    let mut recoded = false;
    for (d, ranges) in recoded_designs(&columns) {
        if d.kind == TableKind::By(Attribute::Category) {
            // Detailed categories beside their groups: fixed for the year's series once a
            // report of it showed them or not; otherwise only when at most the collapse
            // share of their cells would be small.
            let show = match series_level(input) {
                Some(grouped) => !grouped,
                None => {
                    small_share(std::slice::from_ref(&d), &with_quarter, k)
                        <= COLLAPSE_SHARE_PERCENT
                }
            };
            if !show {
                continue;
            }
            categories_grouped = false;
        }
        recoded |= !d.merged.is_empty();
        revealed.extend(ranges.into_iter().map(|r| (d.kind.code().to_owned(), r)));
        tables.push(d);
    }
    if g.cross {
        // Only when few of its cells would be small: a cross table of small cells cannot be
        // protected without withholding most of it.
        let rows = if categories_grouped {
            Attribute::Group
        } else {
            Attribute::Category
        };
        let relation_rows = super::design::kind::attribute_rows(Attribute::Relation, &[]);
        if let Some((d, ranges)) = design(
            input,
            TableKind::Cross(rows),
            Columns::Cross(Attribute::Relation, relation_rows),
            &counted,
        ) && small_share(std::slice::from_ref(&d), &with_quarter, k) <= COLLAPSE_SHARE_PERCENT
        {
            recoded |= !d.merged.is_empty();
            revealed.extend(ranges.into_iter().map(|r| (d.kind.code().to_owned(), r)));
            tables.push(d);
        }
    }
    Designs {
        tables,
        revealed,
        categories_grouped,
        breakdowns: g.breakdowns,
        band: g.band,
        recoded,
    }
}

/// How often a report's design may be refined after protection.
const MAX_REFINEMENTS: usize = 4;

/// The share of a protected table's total that its published rows show (a row's total, or
/// the sum of its published parts): the coverage of anonymisation.md.
fn coverage(result: &TableResult) -> f64 {
    let Ok(decisions) = &result.outcome else {
        return 0.0;
    };
    let design = &result.design;
    let cells = result.table.cells();
    let places = design.places();
    let mut total = 0u64;
    let mut rows: Vec<(Option<u64>, u64)> = vec![(None, 0); design.rows.len()];
    for ((place, cell), decision) in places.iter().zip(cells).zip(decisions) {
        let whole = place.column.is_none();
        match place.row {
            None if whole => total = cell.value,
            Some(r) if whole && decision.is_published() => rows[r].0 = Some(cell.value),
            Some(r) if decision.is_published() => rows[r].1 += cell.value,
            _ => {}
        }
    }
    if total == 0 {
        return 1.0;
    }
    let shown: u64 = rows.iter().map(|(t, parts)| t.unwrap_or(*parts)).sum();
    (shown as f64 / total as f64).min(1.0)
}

/// Improves a design after protection, so that a report publishes what a reader needs
/// (anonymisation.md, "Publish as much as is safe"): when the largest category group is
/// withheld while the detailed categories are shown, the detailed table goes (the headline
/// matters more than the detail); a table that shows less than half of its total is
/// replaced by its coarser form (halves for quarters, the whole period for halves). Returns
/// whether anything changed.
fn refine(designs: &mut Designs, p: &Protected) -> bool {
    let mut changed = false;
    let group = p
        .tables
        .iter()
        .find(|t| t.design.kind == TableKind::By(Attribute::Group));
    let headline_withheld = group.is_some_and(|g| {
        let Ok(decisions) = &g.outcome else {
            return true;
        };
        let places = g.design.places();
        let whole: Vec<(u64, bool)> = places
            .iter()
            .zip(g.table.cells())
            .zip(decisions)
            .filter(|((place, _), _)| place.row.is_some() && place.column.is_none())
            .map(|((_, cell), d)| (cell.value, d.is_published()))
            .collect();
        whole
            .iter()
            .max_by_key(|(v, _)| *v)
            .is_some_and(|(_, shown)| !shown)
    });
    if headline_withheld
        && let Some(i) = designs
            .tables
            .iter()
            .position(|d| d.kind == TableKind::By(Attribute::Category))
    {
        designs.tables.remove(i);
        designs.revealed.retain(|(code, _)| code != "categorie");
        designs.categories_grouped = true;
        changed = true;
    }
    for result in &p.tables {
        if result.outcome.is_ok()
            && coverage(result) < 0.5
            && let Some(coarser) = coarser(&result.design)
            && let Some(d) = designs
                .tables
                .iter_mut()
                .find(|d| d.kind == result.design.kind)
        {
            *d = coarser;
            changed = true;
        }
    }
    changed
}

/// Whether an earlier report of the same organisations in the same year showed category
/// groups only (`Some(true)`) or detailed categories too (`Some(false)`).
fn series_level(input: &Input) -> Option<bool> {
    let key = &input.key;
    let same: BTreeSet<String> = input
        .history
        .reports
        .iter()
        .filter(|r| {
            r.organisations == key.organisations
                && r.period
                    .years()
                    .iter()
                    .any(|y| key.period.years().contains(y))
        })
        .map(ToString::to_string)
        .collect();
    let earlier: Vec<&str> = input
        .history
        .facts
        .iter()
        .filter(|f| same.contains(&f.report_key))
        .map(|f| f.table_code.as_str())
        .collect();
    if earlier.contains(&"categorie") {
        Some(false)
    } else if earlier.contains(&"categorie_groep") {
        Some(true)
    } else {
        None
    }
}

fn build(input: &Input) -> Result<BuiltReport, ReportError> {
    let sensitive: BTreeSet<String> = input
        .categories
        .iter()
        .filter(|c| sensitive_category(c))
        .map(|c| c.code.clone())
        .collect();
    let units = units(input, &sensitive);
    let mut designs = designs(input, &units.counted);
    let k = input.key.profile.k();
    let total = units.counted.len() as u64;
    let total_query: CellQuery =
        crate::model::Selection::new(input.key.organisations.iter().copied(), [input.key.period])
            .into();
    let banded = (1..k).contains(&total).then_some(&total_query);
    let original = designs.tables.clone();
    let mut protected = None;
    let mut pools = FamilyPools::new();
    for _ in 0..MAX_REFINEMENTS {
        let p = protect_report(
            &Inputs {
                key: &input.key,
                history: &input.history,
                categories: &input.categories,
                units: &units.units,
                designs: &designs.tables,
                revealed: &designs.revealed,
                banded,
            },
            &mut pools,
        )?;
        let again = refine(&mut designs, &p);
        protected = Some(p);
        if !again {
            break;
        }
    }
    let assembly = Assembly {
        key: &input.key,
        original: &original,
        protected: protected.as_ref(),
        revealed: &designs.revealed,
        total,
        total_query: &total_query,
        history: &input.history,
        breakdowns: designs.breakdowns,
        categories_grouped: designs.categories_grouped,
        band: designs.band,
        recoded: designs.recoded,
        late: units.counted.iter().any(|&i| input.dossiers[i].late),
    };
    let (model, facts, guards) = assemble::assemble(&assembly);
    // A re-issue must show exactly what it showed.
    if !input.history.own.is_empty() {
        let as_set = |f: &[ReleasedFact]| -> BTreeSet<(String, String, String, u64, Option<u64>)> {
            f.iter()
                .map(|f| {
                    (
                        f.table_code.clone(),
                        f.cell_key.clone(),
                        f.selection.to_json(),
                        f.lower,
                        f.upper,
                    )
                })
                .collect()
        };
        if as_set(&input.history.own) != as_set(&facts) {
            return Err(ReportError::Frozen {
                period: input.key.period.code(),
            });
        }
    }
    let counted = units
        .counted
        .iter()
        .filter_map(|&i| {
            let y = &input.dossiers[i];
            match (y.frozen, y.dossier_id) {
                (false, Some(id)) => Some(CountedDossier {
                    dossier_id: id,
                    quarter: y.quarter.code(),
                    late: y.late,
                    dossier: y.dossier.clone(),
                }),
                _ => None,
            }
        })
        .collect();
    Ok(BuiltReport {
        key: input.key.clone(),
        model,
        facts,
        guards,
        counted,
    })
}
