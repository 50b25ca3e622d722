//! Stages 4 and 5 of a report: the inner space and disclosure control, per attribute
//! family.
//!
//! Every table breaks down by one attribute (a cross table by two), and whoever reads the
//! reports learns about each attribute only through the tables of that attribute and the
//! totals: any breakdown by categories consistent with what is published can be combined
//! with any breakdown by relation consistent with what is published, for the same totals.
//! So the audit of the categories needs the category facts and the totals, not the relation
//! facts; restricting it to the combinations of categories and relations that happen to
//! exist would let relation facts pin categories in a way no reader could, and withhold
//! for nothing. Attributes are grouped into families (categories with their groups; two
//! attributes that some published cell crosses), and each family is protected on its own:
//!
//! - its units: the dossiers projected onto the family's attributes (organisation, quarter,
//!   codes), plus phantoms: a dossier with any single code of the family's vocabulary in any
//!   quarter and organisation of the report where none exists, and one in every empty cell,
//!   because a reader cannot rule such dossiers out;
//! - [`Atoms`] over every selection of the family (earlier facts and guards, table cells,
//!   revealed ranges) and the totals;
//! - the disclosure [`Ledger`] (earlier facts and guards, this report's ranges, latent small
//!   counts, merged rows and pooled cells to protect);
//! - [`protect_with`], with coarsening of the period split;
//! - withheld cells that the published cells determine are shown.
//!
//! The totals come first, on their own: a total is the same number in every table (the
//! grand total of the relation table is the number of contacts), so no family may decide
//! it alone. What the totals stage publishes is a fixed published cell in every family, what
//! it withholds a protected one. A report of a band or a zero alone is audited too: its band
//! must not narrow anything an earlier report protects, or it is refused.

use super::ReportError;
use super::atoms::Atoms;
use super::design::kind::{attribute_rows, sensitive_category};
use super::design::recode::RevealedRange;
use super::design::{CellPlace, ColumnDesign, Columns, TableDesign, TableKind};
use super::disclosure::latent::latent_counts;
use super::disclosure::pooled::pooled_rule_fails;
use super::disclosure::rank::NullSpace;
use super::disclosure::{
    Axis, CellRef, CellVector, Coarsening, Decision, DisclosureError, DropReason, InnerSpace,
    Ledger, LedgerEntry, ProtectedCell, RangeEntry, SuppressionReason, Table, TableOutcome,
    WitnessPool, audit_with, protect_with_pool,
};
use super::history::History;
use super::key::ReportKey;
use super::{Profile, ReportPeriod};
use crate::model::{Attribute, Category, CategoryGroup, CellQuery, Unit};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// What one table became.
#[derive(Debug, Clone)]
pub(crate) struct TableResult {
    /// The design as finally protected (coarsened where the repair loop did so).
    pub design: TableDesign,
    /// The disclosure table (true values; never shown).
    pub table: Table,
    /// Published with these decisions, or dropped.
    pub outcome: Result<Vec<Decision>, DropReason>,
}

/// The protected report.
pub(crate) struct Protected {
    /// One result per design, in design order.
    pub tables: Vec<TableResult>,
    /// Cells later reports must keep protected besides the withheld small table cells:
    /// small differences with earlier cells, merged rows, pooled-rule cells (table code,
    /// cell key, selection).
    pub guards: Vec<(String, String, CellQuery)>,
}

/// What protection needs from the report.
pub(crate) struct Inputs<'a> {
    pub key: &'a ReportKey,
    pub history: &'a History,
    pub categories: &'a [Category],
    /// Every dossier in play (and nothing else).
    pub units: &'a [Unit],
    pub designs: &'a [TableDesign],
    /// Ranges the designs reveal, by table code.
    pub revealed: &'a [(String, RevealedRange)],
    /// The selection of the report's total, when it is shown only as a band.
    pub banded: Option<&'a CellQuery>,
}

/// The attributes a query filters on.
fn attributes(q: &CellQuery) -> BTreeSet<Attribute> {
    match q {
        CellQuery::Select(s) => s.filters.keys().copied().collect(),
        CellQuery::Minus(a, b) => attributes(a).union(&attributes(b)).copied().collect(),
    }
}

/// The attributes a design breaks down by.
pub(super) fn design_attributes(d: &TableDesign) -> BTreeSet<Attribute> {
    let mut out: BTreeSet<Attribute> = d.kind.attribute().into_iter().collect();
    if let Columns::Cross(a, _) = &d.columns {
        out.insert(*a);
    }
    out
}

/// Every attribute family: categories with their groups, and attributes that any selection
/// in play crosses, linked.
fn all_families(inputs: &Inputs<'_>) -> Vec<BTreeSet<Attribute>> {
    let mut parent: BTreeMap<Attribute, Attribute> =
        Attribute::ALL.iter().map(|&a| (a, a)).collect();
    fn find(p: &mut BTreeMap<Attribute, Attribute>, a: Attribute) -> Attribute {
        let mut r = a;
        while p[&r] != r {
            r = p[&r];
        }
        p.insert(a, r);
        r
    }
    let union = |p: &mut BTreeMap<Attribute, Attribute>, a: Attribute, b: Attribute| {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            p.insert(ra.max(rb), ra.min(rb));
        }
    };
    union(&mut parent, Attribute::Category, Attribute::Group);
    let crossing = inputs
        .history
        .facts
        .iter()
        .map(|f| attributes(&f.selection))
        .chain(
            inputs
                .history
                .guards
                .iter()
                .map(|g| attributes(&g.selection)),
        )
        .chain(inputs.designs.iter().map(design_attributes));
    for attrs in crossing {
        let v: Vec<Attribute> = attrs.into_iter().collect();
        for w in v.windows(2) {
            union(&mut parent, w[0], w[1]);
        }
    }
    let mut families: BTreeMap<Attribute, BTreeSet<Attribute>> = BTreeMap::new();
    for a in Attribute::ALL {
        let r = find(&mut parent, a);
        families.entry(r).or_default().insert(a);
    }
    families.into_values().collect()
}

/// The attribute families of the report's tables (at least one, possibly empty, so that
/// the totals are protected too).
pub(super) fn families(inputs: &Inputs<'_>) -> Vec<BTreeSet<Attribute>> {
    let families = all_families(inputs);
    let used: BTreeSet<Attribute> = inputs.designs.iter().flat_map(design_attributes).collect();
    let out: Vec<BTreeSet<Attribute>> = families
        .into_iter()
        .filter(|f| !f.is_disjoint(&used))
        .collect();
    if out.is_empty() {
        vec![BTreeSet::new()]
    } else {
        out
    }
}

/// The families in which the totals are audited: the empty one (the totals on their own,
/// with every earlier total), and every family of an earlier fact or guard in play (a
/// total can narrow a count of that attribute). A family without earlier releases needs no
/// such audit: the totals alone cannot isolate a count by an attribute nobody published.
pub(super) fn families_in_play(inputs: &Inputs<'_>) -> Vec<BTreeSet<Attribute>> {
    let used: BTreeSet<Attribute> = inputs
        .history
        .facts
        .iter()
        .flat_map(|f| attributes(&f.selection))
        .chain(
            inputs
                .history
                .guards
                .iter()
                .flat_map(|g| attributes(&g.selection)),
        )
        .collect();
    let mut out = vec![BTreeSet::new()];
    out.extend(
        all_families(inputs)
            .into_iter()
            .filter(|f| !f.is_disjoint(&used)),
    );
    out
}

/// The units projected onto a family: organisation, quarter and the family's codes; units
/// that become equal are merged (their counts add up; sensitive when all were).
fn project(units: &[Unit], family: &BTreeSet<Attribute>) -> Vec<Unit> {
    type Key = (i64, String, Vec<(Attribute, Vec<String>)>);
    let mut merged: BTreeMap<Key, Unit> = BTreeMap::new();
    for u in units {
        let values: BTreeMap<Attribute, Vec<String>> = u
            .values
            .iter()
            .filter(|(a, _)| family.contains(a))
            .map(|(a, v)| (*a, v.clone()))
            .collect();
        let key = (
            u.organisation,
            u.quarter_code.clone(),
            values.iter().map(|(a, v)| (*a, v.clone())).collect(),
        );
        match merged.get_mut(&key) {
            Some(m) => {
                m.count += u.count;
                m.sensitive &= u.sensitive;
            }
            None => {
                merged.insert(
                    key,
                    Unit {
                        values,
                        ..u.clone()
                    },
                );
            }
        }
    }
    merged.into_values().collect()
}

/// The vocabulary codes of an attribute, with the group each category implies.
fn vocabulary(a: Attribute, categories: &[Category]) -> Vec<Vec<(Attribute, String)>> {
    attribute_rows(a, categories)
        .into_iter()
        .flat_map(|r| r.codes.into_iter())
        .map(|code| {
            let mut v = vec![(a, code.clone())];
            if a == Attribute::Category
                && let Some(c) = categories.iter().find(|c| c.code == code)
            {
                v.push((Attribute::Group, c.group.code().to_owned()));
            }
            v
        })
        .collect()
}

/// Phantoms of a family: in every organisation and quarter of the report, a dossier with
/// each code of the family's vocabulary where no dossier has it (one attribute at a time;
/// a category with its group).
fn vocabulary_phantoms(
    inputs: &Inputs<'_>,
    family: &BTreeSet<Attribute>,
    units: &[Unit],
) -> Vec<Unit> {
    let sensitive: BTreeSet<&str> = inputs
        .categories
        .iter()
        .filter(|c| sensitive_category(c))
        .map(|c| c.code.as_str())
        .collect();
    let mut out = Vec::new();
    let primaries: Vec<Attribute> = family
        .iter()
        .copied()
        .filter(|&a| !(a == Attribute::Group && family.contains(&Attribute::Category)))
        .collect();
    for &org in &inputs.key.organisations {
        for quarter in inputs.key.period.quarters() {
            let code = quarter.code();
            for &a in &primaries {
                for values in vocabulary(a, inputs.categories) {
                    let (attr, value) = &values[0];
                    let present = units.iter().any(|u| {
                        u.organisation == org
                            && u.quarter_code == code
                            && u.values.get(attr).is_some_and(|vs| vs.contains(value))
                    });
                    if present {
                        continue;
                    }
                    let is_sensitive = (*attr == Attribute::Category
                        && sensitive.contains(value.as_str()))
                        || (*attr == Attribute::Group
                            && value == CategoryGroup::Integriteit.code());
                    let mut map: BTreeMap<Attribute, Vec<String>> = BTreeMap::new();
                    for (a, v) in values {
                        map.entry(a).or_default().push(v);
                    }
                    out.push(Unit::phantom(org, quarter, map, is_sensitive));
                }
            }
        }
    }
    out
}

/// A phantom in every body cell of these designs that no unit lies in.
fn cell_phantoms(designs: &[&TableDesign], units: &[Unit], categories: &[Category]) -> Vec<Unit> {
    let group_of: BTreeMap<&str, CategoryGroup> = categories
        .iter()
        .map(|c| (c.code.as_str(), c.group))
        .collect();
    let sensitive: BTreeSet<&str> = categories
        .iter()
        .filter(|c| sensitive_category(c))
        .map(|c| c.code.as_str())
        .collect();
    let mut out: Vec<Unit> = Vec::new();
    for d in designs {
        for place in d.places().into_iter().filter(|p| d.is_body(*p)) {
            let query = d.query(place);
            if units.iter().chain(&out).any(|u| query.matches(u)) {
                continue;
            }
            let Some(&org) = d.organisations.iter().next() else {
                continue;
            };
            let quarter = d.cell_period(place).quarters()[0];
            let mut values: BTreeMap<Attribute, Vec<String>> = BTreeMap::new();
            let mut is_sensitive = false;
            for (attribute, code) in d.phantom_codes(place) {
                if attribute == Attribute::Category {
                    is_sensitive |= sensitive.contains(code.as_str());
                    if let Some(g) = group_of.get(code.as_str()) {
                        values
                            .entry(Attribute::Group)
                            .or_default()
                            .push(g.code().to_owned());
                    }
                }
                if attribute == Attribute::Group && code == CategoryGroup::Integriteit.code() {
                    is_sensitive = true;
                }
                values.entry(attribute).or_default().push(code);
            }
            out.push(Unit::phantom(org, quarter, values, is_sensitive));
        }
    }
    out
}

/// The disclosure table of a design over the atoms.
fn table(design: &TableDesign, atoms: &Atoms, units: &[Unit]) -> Result<Table, DisclosureError> {
    let vector = |place: CellPlace| -> Result<CellVector, DisclosureError> {
        atoms
            .vector(units, &design.query(place))
            .ok_or(DisclosureError::Space {
                problem: "a table cell splits an atom",
            })
    };
    let code = design.kind.code();
    let row_codes: Vec<&str> = design.rows.iter().map(|r| r.label.code.as_str()).collect();
    match &design.columns {
        Columns::Whole => {
            let rows = (0..design.rows.len())
                .map(|r| {
                    vector(CellPlace {
                        row: Some(r),
                        column: None,
                    })
                })
                .collect::<Result<_, _>>()?;
            Table::one_way(code, &atoms.space, &row_codes, rows)
        }
        Columns::Parts(parts) => {
            let col_codes: Vec<&str> = parts.iter().map(|p| p.label.code.as_str()).collect();
            let grid = grid(design, vector)?;
            Ok(
                Table::two_way(code, &atoms.space, &row_codes, &col_codes, grid)?
                    .with_period_axis(Axis::Columns),
            )
        }
        Columns::Cross(_, cols) => {
            let col_codes: Vec<&str> = cols.iter().map(|c| c.label.code.as_str()).collect();
            let grid = grid(design, vector)?;
            Table::two_way(code, &atoms.space, &row_codes, &col_codes, grid)
        }
    }
}

fn grid(
    design: &TableDesign,
    vector: impl Fn(CellPlace) -> Result<CellVector, DisclosureError>,
) -> Result<Vec<Vec<CellVector>>, DisclosureError> {
    (0..design.rows.len())
        .map(|r| {
            (0..design.body_columns())
                .map(|c| {
                    vector(CellPlace {
                        row: Some(r),
                        column: Some(c),
                    })
                })
                .collect()
        })
        .collect()
}

/// The next coarser design of a table split by period, if any: quarters become half
/// years, half years (or the years of two) the whole period.
pub(crate) fn coarser(design: &TableDesign) -> Option<TableDesign> {
    let Columns::Parts(parts) = &design.columns else {
        return None;
    };
    let all_quarters = parts
        .iter()
        .all(|p| matches!(p.period, ReportPeriod::Quarter(..)));
    let columns = match design.period {
        ReportPeriod::Year(y) if all_quarters => Columns::Parts(vec![
            ColumnDesign::of(ReportPeriod::Half(y, 1)),
            ColumnDesign::of(ReportPeriod::Half(y, 2)),
        ]),
        _ => Columns::Whole,
    };
    Some(TableDesign {
        columns,
        ..design.clone()
    })
}

/// Coarsens a table split by period before the repair loop would drop it, and keeps the
/// coarser design so that the report can name its cells.
struct DesignCoarsening<'a> {
    atoms: &'a Atoms,
    units: &'a [Unit],
    /// The current design per table code.
    designs: RefCell<BTreeMap<String, TableDesign>>,
}

impl Coarsening for DesignCoarsening<'_> {
    fn coarsen(&self, table: &Table, _space: &InnerSpace) -> Option<Table> {
        let mut designs = self.designs.borrow_mut();
        let current = designs.get(table.code())?;
        let next = coarser(current)?;
        let t = self::table(&next, self.atoms, self.units).ok()?;
        designs.insert(table.code().to_owned(), next);
        Some(t)
    }
}

/// A named ledger cell.
fn cell_ref(report: &str, table: &str, cell: &str) -> CellRef {
    CellRef {
        table: format!("{report}/{table}"),
        cell: cell.to_owned(),
    }
}

/// The disclosure ledger of one family, with the query of each published entry (for small
/// differences) and the protected cells this report adds (merged rows, pooled cells).
struct Known {
    ledger: Ledger,
    published_queries: Vec<CellQuery>,
    added: Vec<(String, String, CellQuery)>,
}

fn known(
    inputs: &Inputs<'_>,
    in_family: &dyn Fn(&CellQuery) -> bool,
    atoms: &Atoms,
    units: &[Unit],
    designs: &[&TableDesign],
) -> Result<Known, ReportError> {
    let vector = |q: &CellQuery| -> Result<CellVector, ReportError> {
        atoms
            .vector(units, q)
            .ok_or(ReportError::Disclosure(DisclosureError::Space {
                problem: "a released cell splits an atom",
            }))
    };
    let mut ledger = Ledger::new();
    let mut published_queries = Vec::new();
    for f in inputs
        .history
        .facts
        .iter()
        .filter(|f| in_family(&f.selection))
    {
        let cell = cell_ref(&f.report_key, &f.table_code, &f.cell_key);
        let v = vector(&f.selection)?;
        match f.value() {
            Some(value) => {
                ledger.published.push(LedgerEntry {
                    cell,
                    vector: v,
                    value,
                });
                published_queries.push(f.selection.clone());
            }
            None => ledger.ranges.push(RangeEntry {
                cell,
                vector: v,
                lower: f.lower,
                upper: f.upper,
                home: None,
            }),
        }
    }
    for g in inputs
        .history
        .guards
        .iter()
        .filter(|g| in_family(&g.selection))
    {
        ledger.protected.push(ProtectedCell {
            cell: cell_ref(&g.report_key, &g.table_code, &g.cell_key),
            vector: vector(&g.selection)?,
            home: None,
        });
    }
    let report = inputs.key.to_string();
    let k = inputs.key.profile.k();
    let mut added = Vec::new();
    let codes: BTreeSet<&str> = designs.iter().map(|d| d.kind.code()).collect();
    for (table, r) in inputs.revealed {
        if !codes.contains(table.as_str()) {
            continue;
        }
        let v = vector(&r.query)?;
        // A merged row holding a small count is protected like a withheld cell of its
        // table: its range is published, its value never.
        if r.upper.is_some() && (1..k).contains(&atoms.space.value(&v)?) {
            ledger.protected.push(ProtectedCell {
                cell: cell_ref(&report, table, &r.key),
                vector: v.clone(),
                home: Some(table.clone()),
            });
            added.push((table.clone(), r.key.clone(), r.query.clone()));
        }
        ledger.revealed.push(RangeEntry {
            cell: cell_ref(&report, table, &r.key),
            vector: v,
            lower: r.lower,
            upper: r.upper,
            home: Some(table.clone()),
        });
    }
    if let Some(q) = inputs.banded {
        ledger.revealed.push(RangeEntry {
            cell: cell_ref(&report, "totaal", "band"),
            vector: vector(q)?,
            lower: 1,
            upper: Some(k - 1),
            home: None,
        });
    }
    // Latent small counts of every organisation and calendar part in play: kept out of the
    // span of what is published (those that split an atom cannot be in it).
    for l in latent_counts(
        units,
        &inputs.history.organisations,
        &inputs.history.years,
        k,
    ) {
        if let Some(v) = atoms.vector(units, &l.selection.clone().into()) {
            ledger.latent.push(ProtectedCell {
                cell: CellRef {
                    table: "deel".to_owned(),
                    cell: l.name,
                },
                vector: v,
                home: None,
            });
        }
    }
    // The pooled rule: cells too few organisations contribute to, or that one dominates.
    if inputs.key.pooled() {
        for d in designs {
            for place in d.places() {
                let q = d.query(place);
                let mut by_org: BTreeMap<i64, u64> = BTreeMap::new();
                for u in units.iter().filter(|u| u.count > 0 && q.matches(u)) {
                    *by_org.entry(u.organisation).or_default() += u.count;
                }
                if pooled_rule_fails(&by_org, inputs.key.profile) {
                    let cell_key = super::assemble::cell_key(d, place);
                    let table = format!("pooled/{}", d.kind.code());
                    ledger.protected.push(ProtectedCell {
                        cell: CellRef {
                            table: table.clone(),
                            cell: cell_key.clone(),
                        },
                        vector: vector(&q)?,
                        home: Some(d.kind.code().to_owned()),
                    });
                    added.push((table, cell_key, q));
                }
            }
        }
    }
    Ok(Known {
        ledger,
        published_queries,
        added,
    })
}

/// Shows the withheld cells that are not protected and that the published cells (with
/// everything published before) already determine: such an `x` protects nothing. Showing
/// a value that can be computed adds no equation a reader does not already have, so the
/// audit that passed still holds.
pub(super) fn show_derivable(
    profile: Profile,
    n: usize,
    ledger: &Ledger,
    tables: &[&Table],
    decisions: &mut [Vec<Decision>],
) -> Result<(), ReportError> {
    let mut published: Vec<CellVector> =
        ledger.published.iter().map(|e| e.vector.clone()).collect();
    for (table, d) in tables.iter().zip(decisions.iter()) {
        for (cell, decision) in table.cells().iter().zip(d) {
            if decision.is_published() {
                published.push(cell.vector.clone());
            }
        }
    }
    let span = NullSpace::of(&published, n)?;
    let protected: BTreeSet<&CellVector> = ledger.protected.iter().map(|p| &p.vector).collect();
    for (table, d) in tables.iter().zip(decisions.iter_mut()) {
        for (cell, decision) in table.cells().iter().zip(d.iter_mut()) {
            let secondary = matches!(
                decision,
                Decision::Suppress(SuppressionReason::Secondary | SuppressionReason::Repair)
            );
            if secondary
                && profile.primary(cell).is_none()
                && !protected.contains(&cell.vector)
                && span.spans(&cell.vector)?
            {
                *decision = Decision::Publish;
            }
        }
    }
    Ok(())
}

/// One family's protection.
pub(super) struct FamilyRun {
    /// Indices of its designs in the report's designs.
    pub(super) members: Vec<usize>,
    /// Its tables over its own atoms, one per member.
    pub(super) tables: Vec<Table>,
    pub(super) atoms: Atoms,
    pub(super) ledger: Ledger,
}

/// What the totals stage fixes for every family: the totals it publishes (selection and
/// value) and those it withholds.
#[derive(Default)]
pub(super) struct Totals {
    pub(super) published: Vec<(CellQuery, u64)>,
    pub(super) withheld: Vec<CellQuery>,
}

/// Per attribute family: the partition of its atoms and the witness tables and earlier
/// intervals found in that space, kept across the runs of a report (the totals' run, the
/// tables' run, the runs after a refinement) as long as the space is the same.
pub(crate) type FamilyPools = BTreeMap<BTreeSet<Attribute>, (Vec<Vec<usize>>, WitnessPool)>;

/// One family's partition and pool, once it ran.
pub(crate) type PoolSlot = Option<(Vec<Vec<usize>>, WitnessPool)>;

/// A family's run, the result of each member (in member order) and the guards it adds.
pub(super) type FamilyOutcome = (
    FamilyRun,
    Vec<TableResult>,
    Vec<(String, String, CellQuery)>,
);

/// Protects `members` (indices of designs) over the family's attributes, with the report's
/// totals as decided before (published ones fixed, withheld ones protected). Returns the
/// run, the result of each member (in member order) and the guards it adds.
pub(super) fn run_family(
    inputs: &Inputs<'_>,
    family: &BTreeSet<Attribute>,
    members: Vec<usize>,
    totals: &Totals,
    slot: &mut PoolSlot,
) -> Result<FamilyOutcome, ReportError> {
    let profile = inputs.key.profile;
    let in_family = |q: &CellQuery| attributes(q).is_subset(family);
    let designs: Vec<&TableDesign> = members.iter().map(|&i| &inputs.designs[i]).collect();
    // The space is that of every table of the family and the totals, whichever of them this
    // run protects: the totals' run and the tables' run of a family then share one space,
    // and the second starts from the first one's witness tables and earlier intervals.
    let space_designs: Vec<&TableDesign> = inputs
        .designs
        .iter()
        .filter(|d| d.kind == TableKind::Total || design_attributes(d).is_subset(family))
        .collect();
    let mut units = project(inputs.units, family);
    let phantoms = vocabulary_phantoms(inputs, family, &units);
    units.extend(phantoms);
    let phantoms = cell_phantoms(&space_designs, &units, inputs.categories);
    units.extend(phantoms);
    // The atoms: every selection of the family in play.
    let cell_queries: Vec<CellQuery> = space_designs
        .iter()
        .flat_map(|d| {
            d.places()
                .into_iter()
                .map(|p| d.query(p))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut queries: Vec<&CellQuery> = Vec::new();
    queries.extend(
        inputs
            .history
            .facts
            .iter()
            .map(|f| &f.selection)
            .filter(|q| in_family(q)),
    );
    queries.extend(
        inputs
            .history
            .guards
            .iter()
            .map(|g| &g.selection)
            .filter(|q| in_family(q)),
    );
    queries.extend(cell_queries.iter());
    queries.extend(
        inputs
            .revealed
            .iter()
            .map(|(_, r)| &r.query)
            .filter(|q| in_family(q)),
    );
    queries.extend(inputs.banded);
    queries.extend(totals.published.iter().map(|(q, _)| q));
    queries.extend(totals.withheld.iter());
    let atoms = Atoms::build(&units, &queries);
    let pool = match slot {
        Some((partition, pool))
            if partition.as_slice() == atoms.partition() && pool.fits(&atoms.space) =>
        {
            pool
        }
        _ => {
            &mut slot
                .insert((atoms.partition().to_vec(), WitnessPool::new(&atoms.space)))
                .1
        }
    };
    let mut known = known(inputs, &in_family, &atoms, &units, &designs)?;
    let report = inputs.key.to_string();
    let vector = |q: &CellQuery| {
        atoms
            .vector(&units, q)
            .ok_or(ReportError::Disclosure(DisclosureError::Space {
                problem: "a total splits an atom",
            }))
    };
    for (i, (q, value)) in totals.published.iter().enumerate() {
        known.ledger.fixed.push(LedgerEntry {
            cell: cell_ref(&report, "totaal", &format!("vast{i}")),
            vector: vector(q)?,
            value: *value,
        });
    }
    for (i, q) in totals.withheld.iter().enumerate() {
        known.ledger.protected.push(ProtectedCell {
            cell: cell_ref(&report, "totaal", &format!("verborgen{i}")),
            vector: vector(q)?,
            home: None,
        });
    }
    known.ledger.check(&atoms.space)?;
    let tables: Vec<Table> = designs
        .iter()
        .map(|d| table(d, &atoms, &units))
        .collect::<Result<_, _>>()?;
    let mut results = Vec::with_capacity(members.len());
    let mut guards = Vec::new();
    if tables.is_empty() {
        // Nothing to publish but what the report reveals anyway (a band): it must not
        // narrow anything earlier reports protect.
        let report = audit_with(&atoms.space, &[], &[], &known.ledger, profile, pool)?;
        if !report.passed() {
            return Err(ReportError::NotPublishable);
        }
    } else {
        let coarsening = DesignCoarsening {
            atoms: &atoms,
            units: &units,
            designs: RefCell::new(
                designs
                    .iter()
                    .map(|d| (d.kind.code().to_owned(), (*d).clone()))
                    .collect(),
            ),
        };
        let p = protect_with_pool(
            &atoms.space,
            &tables,
            &known.ledger,
            profile,
            &coarsening,
            pool,
        )?;
        let final_designs = coarsening.designs.into_inner();
        for (local, &i) in members.iter().enumerate() {
            let design = final_designs[inputs.designs[i].kind.code()].clone();
            let outcome = match &p.outcomes[local] {
                TableOutcome::Dropped { reason } => Err(*reason),
                TableOutcome::Published { decisions } => Ok(decisions.clone()),
            };
            results.push(TableResult {
                design,
                table: p.tables[local].clone(),
                outcome,
            });
        }
        // Small differences with earlier cells that this family protected.
        for dc in &p.derived {
            let design = designs[dc.table];
            let place = design.places()[dc.new_cell];
            let new = design.query(place);
            let old = known.published_queries[dc.entry].clone();
            let (outer, inner) = if dc.new_outer { (new, old) } else { (old, new) };
            guards.push((
                format!("verschil/{}", design.kind.code()),
                dc.cell.cell.clone(),
                CellQuery::Minus(Box::new(outer), Box::new(inner)),
            ));
        }
        // Merged rows and pooled cells are guarded only where their table is shown.
        let shown: BTreeSet<&str> = results
            .iter()
            .filter(|r| r.outcome.is_ok())
            .map(|r| r.design.kind.code())
            .collect();
        guards.extend(
            known
                .added
                .into_iter()
                .filter(|(table, _, _)| shown.contains(table.trim_start_matches("pooled/"))),
        );
        let run = FamilyRun {
            members,
            tables: p.tables.clone(),
            atoms,
            ledger: known.ledger,
        };
        return Ok((run, results, guards));
    }
    Ok((
        FamilyRun {
            members,
            tables,
            atoms,
            ledger: known.ledger,
        },
        results,
        guards,
    ))
}
