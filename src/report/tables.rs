//! One organisation's report tables for one period: the gates and table design of the
//! anonymisation rules, disclosure control against the organisation's release ledger, and the
//! resulting [`ReportModel`] that the renderers print.
//!
//! Gates (standaard; strikt in brackets):
//! - the total number of contacts is always shown: exact when it is at least k, otherwise as
//!   the band `1-(k-1)`;
//! - breakdowns only when the period total reaches the minimum (10; 20);
//! - organisations under 50 employees: category group x period only (strikt: total only);
//! - 50 employees or more: one person attribute x period per table (category, relation,
//!   outcome, reporter role), never two attributes crossed (strikt: category group x period);
//! - detailed categories collapse to their groups when more than 25% of the category cells
//!   would be withheld (decided by protecting the detailed table on its own first).
//!
//! The period axis is the quarters of the period when the period is a year, otherwise a
//! single column. Inner cells are named by stable keys (absolute quarter and the coded
//! attributes of the dossiers in them), so the ledger of earlier reports can be mapped onto
//! this report's inner space. Everything is ordered: the same dossiers, ledger and settings
//! give the same model.

use super::disclosure::{
    CellKind, CellVector, Coarsening, Decision, DisclosureError, InnerCell, InnerSpace, Ledger,
    LedgerEntry, Profile, ProtectedCell, Table, TableOutcome, protect, protect_with,
};
use super::{ReportPeriod, ReportableDossier};
use crate::model::{CategoryGroup, Organisation, Outcome, Relation, ReporterRole};
use crate::store::{CountedDossier, ProtectedRelease, ReleasedCell, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Share of withheld category cells above which detailed categories collapse to groups.
const COLLAPSE_SHARE_PERCENT: usize = 25;

/// The year total from which organisations of 250 or more get the category x relation
/// table (anonymisation.md).
const CROSS_MINIMUM_TOTAL: u64 = 50;

/// Everything that can go wrong while building a report. No case content: table codes and
/// cell keys only.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Disclosure control failed.
    #[error(transparent)]
    Disclosure(#[from] DisclosureError),
    /// An earlier published cell covers part, but not all, of this report's data (for
    /// example a year report after one of its quarters was re-cut differently).
    #[error("earlier published cell {table}/{cell} overlaps this report only in part")]
    LedgerOverlap {
        /// Table of the earlier cell.
        table: String,
        /// Its key.
        cell: String,
    },
    /// A pooled report needs more organisations.
    #[error("a pooled report needs at least {minimum} organisations")]
    PooledTooFew {
        /// The minimum.
        minimum: usize,
    },
    /// This period was published before with a different value or pattern; a published
    /// period is frozen.
    #[error("period {period} was published before with different figures; it is frozen")]
    Frozen {
        /// The period code.
        period: String,
    },
}

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
    pub(crate) fn new(code: &str, nl: &str, en: &str) -> Label {
        Label {
            code: code.to_owned(),
            nl: nl.to_owned(),
            en: en.to_owned(),
        }
    }

    fn total() -> Label {
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
    /// The report's key (also the ledger's report key): the period code.
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
}

/// A built report: the model and the cells to record in the release ledger on export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltReport {
    /// What to render.
    pub model: ReportModel,
    /// Published cells for the release ledger.
    pub release: Vec<ReleasedCell>,
    /// Cells later reports must keep protected (recorded with the release).
    pub protected: Vec<ProtectedRelease>,
    /// Indices (into the dossiers given to [`build_report`]) of the dossiers this report
    /// counts.
    pub counted_indices: Vec<usize>,
    /// The counted dossiers no earlier report froze: recorded on export, so that this
    /// period stays as published ([`build_from_store`] fills it).
    pub counted: Vec<CountedDossier>,
}

/// The profile's stable code.
pub fn profile_code(profile: Profile) -> &'static str {
    match profile {
        Profile::Standaard => "standaard",
        Profile::Strikt => "strikt",
    }
}

/// The minimum period total before any breakdown.
pub fn minimum_total(profile: Profile) -> u64 {
    match profile {
        Profile::Standaard => 10,
        Profile::Strikt => 20,
    }
}

/// A category as the report labels it.
#[derive(Debug, Clone)]
struct CategoryInfo {
    label: Label,
    sensitive: bool,
}

/// Which table kinds a report may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribute {
    Total,
    Group,
    Category,
    Relation,
    Outcome,
    Role,
}

impl Attribute {
    fn code(self) -> &'static str {
        match self {
            Attribute::Total => "totaal",
            Attribute::Group => "categorie_groep",
            Attribute::Category => "categorie",
            Attribute::Relation => "relatie",
            Attribute::Outcome => "afloop",
            Attribute::Role => "rol_melder",
        }
    }

    /// The report section (domain.md) a table of this attribute belongs in.
    fn section(self) -> u8 {
        match self {
            Attribute::Total => 3,
            Attribute::Group | Attribute::Category => 4,
            Attribute::Relation | Attribute::Role => 5,
            Attribute::Outcome => 6,
        }
    }

    fn title(self) -> Label {
        let (nl, en) = match self {
            Attribute::Total => ("Aantal contacten", "Number of contacts"),
            Attribute::Group => (
                "Aard van de meldingen (hoofdgroep)",
                "Nature of reports (group)",
            ),
            Attribute::Category => ("Aard van de meldingen", "Nature of reports"),
            Attribute::Relation => (
                "Relatie tot de persoon over wie gemeld wordt",
                "Relation to the person complained about",
            ),
            Attribute::Outcome => ("Afloop", "Outcome"),
            Attribute::Role => ("Positie van de melder", "Reporter's role"),
        };
        Label::new(self.code(), nl, en)
    }

    /// The row codes a dossier counts in.
    fn values(self, d: &ReportableDossier) -> Vec<String> {
        match self {
            Attribute::Total => vec!["totaal".to_owned()],
            Attribute::Group => d.groups.iter().map(|g| g.code().to_owned()).collect(),
            Attribute::Category => d.categories.clone(),
            Attribute::Relation => vec![d.relation.code().to_owned()],
            Attribute::Outcome => vec![d.outcome.code().to_owned()],
            Attribute::Role => vec![d.reporter_role.code().to_owned()],
        }
    }

    /// Every row label in display order.
    fn labels(self, categories: &[(String, CategoryInfo)]) -> Vec<Label> {
        fn vocab<T: Copy>(all: &[T], f: impl Fn(T) -> Label) -> Vec<Label> {
            all.iter().map(|&v| f(v)).collect()
        }
        match self {
            Attribute::Total => vec![Label::new("totaal", "Totaal", "Total")],
            Attribute::Group => vocab(CategoryGroup::ALL, |g| {
                Label::new(g.code(), g.label(crate::Lang::Nl), g.label(crate::Lang::En))
            }),
            Attribute::Category => categories.iter().map(|(_, c)| c.label.clone()).collect(),
            Attribute::Relation => vocab(Relation::ALL, |g| {
                Label::new(g.code(), g.label(crate::Lang::Nl), g.label(crate::Lang::En))
            }),
            Attribute::Outcome => vocab(Outcome::ALL, |g| {
                Label::new(g.code(), g.label(crate::Lang::Nl), g.label(crate::Lang::En))
            }),
            Attribute::Role => vocab(ReporterRole::ALL, |g| {
                Label::new(g.code(), g.label(crate::Lang::Nl), g.label(crate::Lang::En))
            }),
        }
    }
}

/// The inner space of a report under construction: inner cells by stable key.
struct Space {
    cells: BTreeMap<String, InnerCell>,
}

/// A table design before the inner space is frozen: body cells as sets of inner keys.
struct Design {
    attribute: Attribute,
    rows: Vec<Label>,
    body: Vec<Vec<BTreeSet<String>>>,
    /// For a cross table of two attributes over the whole period: its column labels (the
    /// columns are otherwise the period's parts).
    cross: Option<(Attribute, Vec<Label>)>,
}

/// The report's context: period axis labels and the dossiers' inner keys.
struct Context<'a> {
    period: ReportPeriod,
    dossiers: &'a [ReportableDossier],
    keys: Vec<String>,
    categories: Vec<(String, CategoryInfo)>,
    /// The columns of the breakdown tables: the period itself, or its halves or quarters.
    split: Vec<ReportPeriod>,
}

/// The column (index into `split`) of the quarter with index `quarter` within `period`.
fn column_of_quarter(period: ReportPeriod, split: &[ReportPeriod], quarter: usize) -> usize {
    let q = period.quarters()[quarter];
    split
        .iter()
        .position(|p| p.quarters().contains(&q))
        .unwrap_or(0)
}

/// The period length of the breakdown tables (anonymisation.md): the finest calendar split
/// of `period` (quarters, then halves) whose every part has at least `minimum` dossiers and
/// whose breakdowns by `attributes` would not withhold more than the collapse share;
/// otherwise the period as one column. The strict profile never splits.
fn column_split(
    period: ReportPeriod,
    dossiers: &[ReportableDossier],
    minimum: u64,
    profile: Profile,
    attributes: &[Attribute],
) -> Vec<ReportPeriod> {
    let whole = vec![period];
    if profile == Profile::Strikt {
        return whole;
    }
    let quarters = period.quarters();
    let halves: Vec<ReportPeriod> = match period {
        ReportPeriod::Year(y) => vec![ReportPeriod::Half(y, 1), ReportPeriod::Half(y, 2)],
        _ => Vec::new(),
    };
    for split in [quarters, halves] {
        if split.len() < 2 {
            continue;
        }
        let mut totals = vec![0u64; split.len()];
        for d in dossiers {
            totals[column_of_quarter(period, &split, d.quarter)] += 1;
        }
        if totals.iter().all(|&t| t >= minimum)
            && small_share(period, &split, dossiers, attributes, profile.k())
                <= COLLAPSE_SHARE_PERCENT
        {
            return split;
        }
    }
    whole
}

/// The share (percent, rounded up) of body cells of the breakdown tables over `split` that
/// hold between 1 and k - 1 dossiers: cells that would be withheld at least. A split that
/// would withhold more than the collapse share is coarsened before any table is designed
/// (anonymisation.md: coarsen quarter -> half year -> year), so that a report of a few
/// dozen dossiers is not a page of `x`.
fn small_share(
    period: ReportPeriod,
    split: &[ReportPeriod],
    dossiers: &[ReportableDossier],
    attributes: &[Attribute],
    k: u64,
) -> usize {
    let (mut small, mut cells) = (0usize, 0usize);
    for &attribute in attributes {
        let mut counts: BTreeMap<(String, usize), u64> = BTreeMap::new();
        let mut rows = BTreeSet::new();
        for d in dossiers {
            let column = column_of_quarter(period, split, d.quarter);
            for value in attribute.values(d) {
                rows.insert(value.clone());
                *counts.entry((value, column)).or_default() += 1;
            }
        }
        cells += rows.len() * split.len();
        small += counts.values().filter(|&&n| (1..k).contains(&n)).count();
    }
    (small * 100).div_ceil(cells.max(1))
}

impl Context<'_> {
    /// Whether the breakdown tables have a column per part of the period.
    fn split(&self) -> bool {
        self.split.len() > 1
    }

    fn columns(&self) -> Vec<Label> {
        if self.split() {
            self.split
                .iter()
                .map(|q| {
                    let code = match q {
                        ReportPeriod::Quarter(_, n) => format!("Q{n}"),
                        ReportPeriod::Half(_, n) => format!("H{n}"),
                        other => other.code(),
                    };
                    Label::new(&code, &q.label(crate::Lang::Nl), &q.label(crate::Lang::En))
                })
                .collect()
        } else {
            let p = self.period;
            vec![Label::new(
                &p.code(),
                &p.label(crate::Lang::Nl),
                &p.label(crate::Lang::En),
            )]
        }
    }

    fn column_of(&self, d: &ReportableDossier) -> usize {
        column_of_quarter(self.period, &self.split, d.quarter)
    }

    fn column_period(&self, column: usize) -> String {
        self.split[column].code()
    }

    /// The design of one attribute x period table, adding zero inner cells where a shown
    /// body cell has no dossier. Rows without any dossier in the period are left out.
    fn design(&self, attribute: Attribute, space: &mut Space) -> Option<Design> {
        let ncols = self.columns().len();
        let mut rows = Vec::new();
        let mut body = Vec::new();
        for label in attribute.labels(&self.categories) {
            let mut cols = vec![BTreeSet::new(); ncols];
            for (d, key) in self.dossiers.iter().zip(&self.keys) {
                if attribute.values(d).contains(&label.code) {
                    cols[self.column_of(d)].insert(key.clone());
                }
            }
            if cols.iter().all(BTreeSet::is_empty) {
                continue;
            }
            for (c, set) in cols.iter_mut().enumerate() {
                if set.is_empty() {
                    let key = format!(
                        "{}|leeg|{}|{}",
                        self.column_period(c),
                        attribute.code(),
                        label.code
                    );
                    space.cells.insert(
                        key.clone(),
                        InnerCell {
                            count: 0,
                            sensitive: false,
                        },
                    );
                    set.insert(key);
                }
            }
            rows.push(label);
            body.push(cols);
        }
        if rows.is_empty() {
            None
        } else {
            Some(Design {
                attribute,
                rows,
                body,
                cross: None,
            })
        }
    }

    /// The design of a cross table `rows` x `columns` over the whole period (only for
    /// organisations of 250 or more with at least 50 dossiers in the year). Rows and
    /// columns without any dossier are left out; empty body cells are zero inner cells.
    fn cross_design(
        &self,
        rows: Attribute,
        columns: Attribute,
        space: &mut Space,
    ) -> Option<Design> {
        let dossiers = || self.dossiers.iter().zip(&self.keys);
        let col_labels: Vec<Label> = columns
            .labels(&self.categories)
            .into_iter()
            .filter(|l| dossiers().any(|(d, _)| columns.values(d).contains(&l.code)))
            .collect();
        let mut row_labels = Vec::new();
        let mut body = Vec::new();
        for label in rows.labels(&self.categories) {
            if !dossiers().any(|(d, _)| rows.values(d).contains(&label.code)) {
                continue;
            }
            let mut cols = Vec::with_capacity(col_labels.len());
            for col in &col_labels {
                let mut set: BTreeSet<String> = dossiers()
                    .filter(|(d, _)| {
                        rows.values(d).contains(&label.code)
                            && columns.values(d).contains(&col.code)
                    })
                    .map(|(_, k)| k.clone())
                    .collect();
                if set.is_empty() {
                    let key = format!(
                        "{}|leeg|{}x{}|{}|{}",
                        self.period.code(),
                        rows.code(),
                        columns.code(),
                        label.code,
                        col.code
                    );
                    space.cells.insert(
                        key.clone(),
                        InnerCell {
                            count: 0,
                            sensitive: false,
                        },
                    );
                    set.insert(key);
                }
                cols.push(set);
            }
            row_labels.push(label);
            body.push(cols);
        }
        (row_labels.len() > 1 && col_labels.len() > 1).then_some(Design {
            attribute: rows,
            rows: row_labels,
            body,
            cross: Some((columns, col_labels)),
        })
    }
}

/// A design turned into a disclosure table over the frozen inner space.
fn make_table(
    design: &Design,
    columns: &[Label],
    index: &BTreeMap<String, usize>,
    space: &InnerSpace,
) -> Result<Table, DisclosureError> {
    let vector = |set: &BTreeSet<String>| CellVector::new(set.iter().map(|k| index[k]));
    let row_codes: Vec<&str> = design.rows.iter().map(|l| l.code.as_str()).collect();
    if let Some((columns, labels)) = &design.cross {
        let col_codes: Vec<&str> = labels.iter().map(|l| l.code.as_str()).collect();
        let grid = design
            .body
            .iter()
            .map(|r| r.iter().map(vector).collect())
            .collect();
        let code = format!("{}_{}", design.attribute.code(), columns.code());
        return Table::two_way(&code, space, &row_codes, &col_codes, grid);
    }
    if design.body.first().is_none_or(|r| r.len() == 1) {
        let rows = design.body.iter().map(|r| vector(&r[0])).collect();
        Table::one_way(design.attribute.code(), space, &row_codes, rows)
    } else {
        let col_codes: Vec<&str> = columns.iter().map(|l| l.code.as_str()).collect();
        let grid = design
            .body
            .iter()
            .map(|r| r.iter().map(vector).collect())
            .collect();
        Ok(
            Table::two_way(design.attribute.code(), space, &row_codes, &col_codes, grid)?
                .with_period_axis(super::disclosure::Axis::Columns),
        )
    }
}

/// The share of withheld body cells of a table protected on its own, in percent (rounded
/// up).
fn withheld_share(
    space: &InnerSpace,
    table: &Table,
    ledger: &Ledger,
    profile: Profile,
) -> Result<usize, DisclosureError> {
    let p = protect(space, std::slice::from_ref(table), ledger, profile)?;
    let body: Vec<usize> = (0..table.cells().len())
        .filter(|&i| table.cells()[i].kind == CellKind::Interior)
        .collect();
    let withheld = match p.decisions(0) {
        Some(d) => body.iter().filter(|&&i| !d[i].is_published()).count(),
        None => body.len(),
    };
    Ok((withheld * 100).div_ceil(body.len().max(1)))
}

/// Builds the report of `organisation` for `period` from the store: the reportable
/// dossiers of the period's calendar year, the category list and its release ledger.
pub fn build_from_store(
    store: &Store,
    organisation: &Organisation,
    period: ReportPeriod,
    profile: Profile,
) -> Result<BuiltReport, ReportError> {
    build_set_from_store(store, std::slice::from_ref(organisation), period, profile)
}

/// Builds a pooled report over `organisations` (at least 3, strikt 5) for `period`.
pub fn build_pooled_from_store(
    store: &Store,
    organisations: &[Organisation],
    period: ReportPeriod,
    profile: Profile,
) -> Result<BuiltReport, ReportError> {
    let minimum = pooled_minimum_organisations(profile);
    let mut ids: Vec<i64> = organisations.iter().map(|o| o.id).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() < minimum {
        return Err(ReportError::PooledTooFew { minimum });
    }
    build_set_from_store(store, organisations, period, profile)
}

/// The fewest organisations a pooled report (and each of its cells) needs.
pub fn pooled_minimum_organisations(profile: Profile) -> usize {
    match profile {
        Profile::Standaard => 3,
        Profile::Strikt => 5,
    }
}

/// The organisation an inner-cell key belongs to (`o<id>|...`).
fn key_organisation(key: &str) -> Option<i64> {
    key.strip_prefix('o')?.split('|').next()?.parse().ok()
}

fn build_set_from_store(
    store: &Store,
    organisations: &[Organisation],
    period: ReportPeriod,
    profile: Profile,
) -> Result<BuiltReport, ReportError> {
    // The report organisations' ledgers, each cell once (a pooled cell is in every
    // participant's ledger).
    let name = |r: &String, t: &String, c: &String| (r.clone(), t.clone(), c.clone());
    let released = each_once(
        organisations,
        |id| store.ledger_entries(id),
        |c| name(&c.report_key, &c.table_code, &c.cell_key),
    )?;
    let protected = each_once(
        organisations,
        |id| store.protected_entries(id),
        |c| name(&c.report_key, &c.table_code, &c.cell_key),
    )?;
    let reports = each_once(organisations, |id| store.released_reports(id), Clone::clone)?;
    // The year's dossiers (live, or as published reports froze them) of the report
    // organisations and of every organisation an earlier pooled cell of theirs covers (to
    // map those cells).
    let mut ids: BTreeSet<i64> = organisations.iter().map(|o| o.id).collect();
    for keys in released
        .iter()
        .map(|c| &c.inner_cells)
        .chain(protected.iter().map(|c| &c.inner_cells))
    {
        ids.extend(keys.iter().filter_map(|k| key_organisation(k)));
    }
    let ids: Vec<i64> = ids.into_iter().collect();
    let year = store.year_dossiers(&ids, period.year())?;
    let dossiers: Vec<ReportableDossier> = year.iter().map(|y| y.dossier.clone()).collect();
    let categories = store.categories()?;
    let mut built = build_report(
        organisations,
        period,
        profile,
        &dossiers,
        &categories,
        Releases {
            published: &released,
            protected: &protected,
            reports: &reports,
        },
    )?;
    let quarters = ReportPeriod::Year(period.year()).quarters();
    for &i in &built.counted_indices {
        let y = &year[i];
        built.model.late_included |= y.late;
        if let (false, Some(id)) = (y.frozen, y.dossier_id) {
            built.counted.push(CountedDossier {
                dossier_id: id,
                quarter: quarters[y.dossier.quarter].code(),
                late: y.late,
                dossier: y.dossier.clone(),
            });
        }
    }
    Ok(built)
}

/// The entries of every organisation, each key once, in order.
fn each_once<T, K: Ord>(
    organisations: &[Organisation],
    entries: impl Fn(i64) -> Result<Vec<T>, StoreError>,
    key: impl Fn(&T) -> K,
) -> Result<Vec<T>, StoreError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for o in organisations {
        for entry in entries(o.id)? {
            if seen.insert(key(&entry)) {
                out.push(entry);
            }
        }
    }
    Ok(out)
}

/// The stable key of a dossier's inner cell: its organisation, its quarter and the coded
/// attributes the tables may use. The release ledger names cells by these keys.
pub fn inner_key(d: &ReportableDossier, quarter: ReportPeriod) -> String {
    format!(
        "o{}|{}|{}|{}|{}|{}",
        d.organisation_id,
        quarter.code(),
        d.categories.join("+"),
        d.reporter_role.code(),
        d.relation.code(),
        d.outcome.code()
    )
}

/// The key under which a report is recorded: the period code, and for a pooled report the
/// organisations too (`2025@3+5+9`).
fn report_key(organisations: &[Organisation], period: ReportPeriod) -> String {
    if organisations.len() == 1 {
        return period.code();
    }
    let mut ids: Vec<i64> = organisations.iter().map(|o| o.id).collect();
    ids.sort_unstable();
    ids.dedup();
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("{}@{}", period.code(), ids.join("+"))
}

/// Cells of a pooled report that fail the pooled rule (anonymisation.md): fewer than the
/// minimum number of organisations contribute, or the largest contributes more than 70%.
/// They are protected like primary cells.
fn pooled_protections(
    tables: &[Table],
    keys: &[&String],
    space: &InnerSpace,
    minimum: usize,
) -> Vec<ProtectedCell> {
    let mut out = Vec::new();
    for table in tables {
        for cell in table.cells() {
            if cell.value == 0 {
                continue;
            }
            let mut by_org: BTreeMap<i64, u64> = BTreeMap::new();
            for &i in cell.vector.indices() {
                let count = space.count(i);
                if count > 0 {
                    *by_org
                        .entry(key_organisation(keys[i]).unwrap_or(-1))
                        .or_default() += count;
                }
            }
            let largest = by_org.values().copied().max().unwrap_or(0);
            if by_org.len() < minimum || largest * 10 > cell.value * 7 {
                out.push(ProtectedCell {
                    cell: super::disclosure::CellRef {
                        table: format!("pooled/{}", table.code()),
                        cell: cell.key.clone(),
                    },
                    vector: cell.vector.clone(),
                });
            }
        }
    }
    out
}

/// What was released before for the report's organisations.
#[derive(Debug, Clone, Copy)]
pub struct Releases<'a> {
    /// Their release ledgers (published cells).
    pub published: &'a [ReleasedCell],
    /// The cells their reports withheld.
    pub protected: &'a [ProtectedRelease],
    /// The keys of their published reports, in publication order.
    pub reports: &'a [String],
}

/// Builds the report of one organisation, or a pooled report of several, for one period.
/// `year_dossiers` are the dossiers opened in the period's calendar year of the report's
/// organisations and of any organisation an earlier pooled cell covers, their `quarter` an
/// index within that year (as `Store::reportable_dossiers` gives for `ReportPeriod::Year`);
/// only those of the report's organisations opened in `period` are counted, the others
/// serve to map earlier releases of overlapping periods (a year after its quarters, a
/// quarter after its year, an organisation's report after a pooled one). `history` is what
/// was released before for the report's organisations.
pub fn build_report(
    organisations: &[Organisation],
    period: ReportPeriod,
    profile: Profile,
    year_dossiers: &[ReportableDossier],
    categories: &[crate::model::Category],
    history: Releases<'_>,
) -> Result<BuiltReport, ReportError> {
    let Releases {
        published: released,
        protected: protected_released,
        reports,
    } = history;
    let pooled = organisations.len() > 1;
    let members: BTreeSet<i64> = organisations.iter().map(|o| o.id).collect();
    let report_key = report_key(organisations, period);
    let categories_in = categories;
    // A re-issue of a published report is computed against what was released before it
    // was first published, not against later reports: those were conditioned on it, and
    // letting them change its pattern would refuse an unchanged re-export.
    let mut order: BTreeMap<&str, usize> = BTreeMap::new();
    for key in reports
        .iter()
        .map(String::as_str)
        .chain(released.iter().map(|c| c.report_key.as_str()))
    {
        let next = order.len();
        order.entry(key).or_insert(next);
    }
    let (released, protected_released): (Vec<ReleasedCell>, Vec<ProtectedRelease>) =
        match order.get(report_key.as_str()) {
            Some(&position) => {
                let before = |key: &str| order.get(key).is_some_and(|&p| p < position);
                (
                    released
                        .iter()
                        .filter(|c| before(&c.report_key) || c.report_key == report_key)
                        .cloned()
                        .collect(),
                    protected_released
                        .iter()
                        .filter(|c| before(&c.report_key))
                        .cloned()
                        .collect(),
                )
            }
            None => (released.to_vec(), protected_released.to_vec()),
        };
    let (released, protected_released) = (released.as_slice(), protected_released.as_slice());
    let categories: Vec<(String, CategoryInfo)> = categories
        .iter()
        .map(|c| {
            let sensitive = c.group == CategoryGroup::Integriteit
                || c.code == "seksuele_intimidatie"
                || c.code == "discriminatie";
            (
                c.code.clone(),
                CategoryInfo {
                    label: Label::new(&c.code, &c.label_nl, &c.label_en),
                    sensitive,
                },
            )
        })
        .collect();
    let sensitive_codes: BTreeSet<&str> = categories
        .iter()
        .filter(|(_, c)| c.sensitive)
        .map(|(code, _)| code.as_str())
        .collect();
    let is_sensitive = |d: &ReportableDossier| {
        d.categories
            .iter()
            .any(|c| sensitive_codes.contains(c.as_str()))
    };

    // Split the year into this period's dossiers (quarter index within the period) and the
    // others (inner cells only for mapping the ledger).
    let year_quarters = ReportPeriod::Year(period.year()).quarters();
    let period_quarters = period.quarters();
    let first = year_quarters
        .iter()
        .position(|q| *q == period_quarters[0])
        .expect("a period's first quarter lies in its year");
    let range = first..first + period_quarters.len();
    let mut dossiers = Vec::new();
    let mut elsewhere: BTreeMap<String, InnerCell> = BTreeMap::new();
    let mut counted_indices = Vec::new();
    for (i, d) in year_dossiers.iter().enumerate() {
        let quarter = *year_quarters.get(d.quarter).ok_or(ReportError::Frozen {
            period: period.code(),
        })?;
        if range.contains(&d.quarter) && members.contains(&d.organisation_id) {
            counted_indices.push(i);
            dossiers.push(ReportableDossier {
                quarter: d.quarter - first,
                ..d.clone()
            });
        } else {
            let cell = elsewhere.entry(inner_key(d, quarter)).or_insert(InnerCell {
                count: 0,
                sensitive: is_sensitive(d),
            });
            cell.count += 1;
        }
    }
    let dossiers = dossiers.as_slice();

    let mut space = Space {
        cells: BTreeMap::new(),
    };
    let mut keys = Vec::with_capacity(dossiers.len());
    for d in dossiers {
        let key = inner_key(d, period_quarters[d.quarter]);
        let cell = space.cells.entry(key.clone()).or_insert(InnerCell {
            count: 0,
            sensitive: is_sensitive(d),
        });
        cell.count += 1;
        keys.push(key);
    }
    let ctx = Context {
        period,
        dossiers,
        keys,
        categories,
        split: if pooled {
            vec![period]
        } else {
            column_split(
                period,
                dossiers,
                minimum_total(profile),
                profile,
                &[
                    Attribute::Group,
                    Attribute::Relation,
                    Attribute::Outcome,
                    Attribute::Role,
                ],
            )
        },
    };
    let columns = ctx.columns();

    let total = dossiers.len() as u64;
    let k = profile.k();
    // A pooled report is designed as one organisation of the participants' joint size,
    // but never gets the tables reserved for 250 or more employees.
    let band = SizeBand::of(
        organisations
            .iter()
            .map(|o| o.employee_count)
            .fold(0u32, u32::saturating_add),
    );
    let band = if pooled {
        band.min(SizeBand::From50To249)
    } else {
        band
    };
    // The strict profile breaks down whole years only ("year or longer").
    let breakdowns = total >= minimum_total(profile)
        && !(profile == Profile::Strikt
            && (band == SizeBand::Under50 || !matches!(period, ReportPeriod::Year(_))));

    // Designs: the total (when it can be shown exactly), then the allowed breakdowns.
    let mut designs = Vec::new();
    if total >= k {
        // Per part of the period when the period is split (each part then has at least
        // the minimum), else one cell.
        designs.extend(ctx.design(Attribute::Total, &mut space));
    }
    let detailed = breakdowns && profile == Profile::Standaard && band != SizeBand::Under50;
    let mut category_design = None;
    let mut group_design = None;
    let mut others = Vec::new();
    if breakdowns {
        if detailed {
            category_design = ctx.design(Attribute::Category, &mut space);
            for a in [Attribute::Relation, Attribute::Outcome, Attribute::Role] {
                others.extend(ctx.design(a, &mut space));
            }
        }
        group_design = ctx.design(Attribute::Group, &mut space);
    }
    // Category x relation: organisations of 250 or more, whole years of at least 50.
    let (mut cross_detailed, mut cross_grouped) = (None, None);
    if breakdowns
        && profile == Profile::Standaard
        && band == SizeBand::From250
        && matches!(period, ReportPeriod::Year(_))
        && total >= CROSS_MINIMUM_TOTAL
    {
        cross_detailed = ctx.cross_design(Attribute::Category, Attribute::Relation, &mut space);
        cross_grouped = ctx.cross_design(Attribute::Group, Attribute::Relation, &mut space);
    }

    // Complete the space with the inner cells of earlier releases that overlap it in part
    // (other quarters of the year, and their zero cells), until nothing changes.
    loop {
        let mut added = false;
        let earlier = released
            .iter()
            .map(|c| (&c.report_key, &c.table_code, &c.cell_key, &c.inner_cells))
            .chain(
                protected_released
                    .iter()
                    .map(|c| (&c.report_key, &c.table_code, &c.cell_key, &c.inner_cells)),
            );
        for (report_key, table_code, cell_key, inner_cells) in earlier {
            let present = |k: &String| space.cells.contains_key(k.as_str());
            if !inner_cells.iter().any(present) || inner_cells.iter().all(present) {
                continue;
            }
            for k in inner_cells {
                if space.cells.contains_key(k.as_str()) {
                    continue;
                }
                let inner = match elsewhere.get(k.as_str()) {
                    Some(c) => *c,
                    None if k.contains("|leeg|") => InnerCell {
                        count: 0,
                        sensitive: false,
                    },
                    None => {
                        return Err(ReportError::LedgerOverlap {
                            table: format!("{report_key}/{table_code}"),
                            cell: cell_key.clone(),
                        });
                    }
                };
                space.cells.insert(k.clone(), inner);
                added = true;
            }
        }
        if !added {
            break;
        }
    }

    // Freeze the inner space.
    let index: BTreeMap<String, usize> = space
        .cells
        .keys()
        .enumerate()
        .map(|(i, k)| (k.clone(), i))
        .collect();
    let inner = InnerSpace::from_cells(space.cells.values().copied().collect());

    // The ledger of earlier reports, mapped onto this space. A re-run of this same report is
    // computed without its own earlier cells and must then agree with them.
    let mut ledger = Ledger::new();
    let mut own = Vec::new();
    for cell in released {
        let present = cell
            .inner_cells
            .iter()
            .filter(|k| index.contains_key(k.as_str()))
            .count();
        if present == 0 {
            continue;
        }
        if present != cell.inner_cells.len() {
            return Err(ReportError::LedgerOverlap {
                table: format!("{}/{}", cell.report_key, cell.table_code),
                cell: cell.cell_key.clone(),
            });
        }
        if cell.report_key == report_key {
            own.push(cell);
            continue;
        }
        ledger.published.push(LedgerEntry {
            cell: super::disclosure::CellRef {
                table: format!("{}/{}", cell.report_key, cell.table_code),
                cell: cell.cell_key.clone(),
            },
            vector: CellVector::new(cell.inner_cells.iter().map(|k| index[k.as_str()])),
            value: cell.value,
        });
    }
    for cell in protected_released {
        if cell.report_key == report_key
            || !cell
                .inner_cells
                .iter()
                .all(|k| index.contains_key(k.as_str()))
        {
            continue;
        }
        ledger.protected.push(ProtectedCell {
            cell: super::disclosure::CellRef {
                table: format!("{}/{}", cell.report_key, cell.table_code),
                cell: cell.cell_key.clone(),
            },
            vector: CellVector::new(cell.inner_cells.iter().map(|k| index[k.as_str()])),
        });
    }
    ledger.check(&inner)?;
    let inherited_protected = ledger.protected.len();
    if pooled {
        let keys: Vec<&String> = space.cells.keys().collect();
        let candidates: Vec<Table> =
            chosen_candidates(&designs, &category_design, &group_design, &others)
                .into_iter()
                .map(|d| make_table(d, &ctx.columns(), &index, &inner))
                .collect::<Result<_, _>>()?;
        ledger.protected.extend(pooled_protections(
            &candidates,
            &keys,
            &inner,
            pooled_minimum_organisations(profile),
        ));
    }
    // With earlier releases in play, differences of several of them can isolate a calendar
    // part that no table shows (a year minus three of its quarters is the fourth): every
    // small count of a quarter, half year or the year, by every attribute the tables use,
    // kept out of the span of what is published. Recomputed for each report, so not
    // recorded.
    if !ledger.published.is_empty() {
        let keys: Vec<&String> = space.cells.keys().collect();
        let group_of: BTreeMap<&str, CategoryGroup> = categories_in
            .iter()
            .map(|c| (c.code.as_str(), c.group))
            .collect();
        ledger.latent = latent_protections(&keys, &inner, profile.k(), &group_of);
    }

    // Detailed categories or groups.
    let mut categories_grouped = !detailed;
    let mut chosen: Vec<Design> = designs;
    // The level is fixed for the series: once a report of this calendar year published
    // category groups (or detailed categories), the year's other reports follow it.
    let series_level = released
        .iter()
        .filter(|c| {
            c.report_key != report_key
                && ReportPeriod::parse(c.report_key.split('@').next().unwrap_or_default())
                    .is_ok_and(|p| p.year() == period.year())
        })
        .find_map(|c| match c.table_code.as_str() {
            "categorie" => Some(false),
            "categorie_groep" => Some(true),
            _ => None,
        });
    if let Some(design) = category_design {
        let table = make_table(&design, &columns, &index, &inner)?;
        let collapse = match series_level {
            Some(grouped) => grouped,
            None => withheld_share(&inner, &table, &ledger, profile)? > COLLAPSE_SHARE_PERCENT,
        };
        if collapse {
            categories_grouped = true;
            chosen.extend(group_design);
        } else {
            chosen.push(design);
        }
    } else if breakdowns {
        categories_grouped = true;
        chosen.extend(group_design);
    }
    chosen.extend(others);
    chosen.extend(if categories_grouped {
        cross_grouped
    } else {
        cross_detailed
    });

    let tables: Vec<Table> = chosen
        .iter()
        .map(|d| make_table(d, &columns, &index, &inner))
        .collect::<Result<_, _>>()?;
    let protection = if tables.is_empty() {
        None
    } else {
        Some(protect_with(
            &inner,
            &tables,
            &ledger,
            profile,
            &PeriodCoarsening,
        )?)
    };

    // The model and the release.
    let keys_by_index: Vec<&String> = space.cells.keys().collect();
    let mut model_tables = Vec::new();
    let mut dropped = Vec::new();
    let mut release = Vec::new();
    let (mut withheld_cells, mut published_cells) = (0, 0);
    if total < k {
        // The total alone, banded (or an exact zero).
        let value = if total == 0 {
            CellValue::Published(0)
        } else {
            CellValue::Banded { upper: k - 1 }
        };
        model_tables.push(ModelTable {
            code: Attribute::Total.code().to_owned(),
            title: Attribute::Total.title(),
            section: Attribute::Total.section(),
            rows: Attribute::Total.labels(&[]),
            columns: vec![columns_total(&columns)],
            cells: vec![ModelCell {
                row: Attribute::Total.labels(&[]).remove(0),
                column: columns_total(&columns),
                period: period.code(),
                value,
            }],
        });
    }
    if let Some(p) = &protection {
        for (t, design) in chosen.iter().enumerate() {
            let table = &p.tables[t];
            match &p.outcomes[t] {
                TableOutcome::Dropped { reason } => dropped.push(DroppedTable {
                    code: table.code().to_owned(),
                    title: design.attribute.title(),
                    rule: reason.rule.number(),
                    reason: reason.reason.code().to_owned(),
                }),
                TableOutcome::Published { decisions } => {
                    let (cols, periods) = table_columns(&ctx, table);
                    let mt = model_table(&ctx, design, table, decisions, &cols, &periods);
                    for c in &mt.cells {
                        match c.value {
                            CellValue::Withheld => withheld_cells += 1,
                            _ => published_cells += 1,
                        }
                    }
                    for (cell, decision) in table.cells().iter().zip(decisions) {
                        if *decision == Decision::Publish {
                            release.push(ReleasedCell {
                                report_key: report_key.clone(),
                                period: period.code(),
                                table_code: table.code().to_owned(),
                                cell_key: cell.key.clone(),
                                inner_cells: cell
                                    .vector
                                    .indices()
                                    .iter()
                                    .map(|&i| keys_by_index[i].clone())
                                    .collect(),
                                value: cell.value,
                            });
                        }
                    }
                    model_tables.push(mt);
                }
            }
        }
    }

    // What later reports must keep protected: this report's withheld primary cells, the
    // small differences it protected, and the cells the pooled rule withheld.
    let mut protected_release = Vec::new();
    let inner_keys = |v: &CellVector| -> Vec<String> {
        v.indices()
            .iter()
            .map(|&i| keys_by_index[i].clone())
            .collect()
    };
    if let Some(p) = &protection {
        for (t, outcome) in p.outcomes.iter().enumerate() {
            let TableOutcome::Published { decisions } = outcome else {
                continue;
            };
            let table = &p.tables[t];
            for (cell, decision) in table.cells().iter().zip(decisions) {
                if !decision.is_published() && profile.primary(cell).is_some() {
                    protected_release.push(ProtectedRelease {
                        report_key: report_key.clone(),
                        table_code: table.code().to_owned(),
                        cell_key: cell.key.clone(),
                        inner_cells: inner_keys(&cell.vector),
                    });
                }
            }
        }
        for d in &p.derived {
            protected_release.push(ProtectedRelease {
                report_key: report_key.clone(),
                table_code: format!("verschil/{}", d.cell.table),
                cell_key: d.cell.cell.clone(),
                inner_cells: inner_keys(&d.vector),
            });
        }
    }
    for c in &ledger.protected[inherited_protected..] {
        protected_release.push(ProtectedRelease {
            report_key: report_key.clone(),
            table_code: c.cell.table.clone(),
            cell_key: c.cell.cell.clone(),
            inner_cells: inner_keys(&c.vector),
        });
    }

    // A re-run must agree with what this report published before.
    for old in &own {
        let same = release.iter().any(|r| {
            r.table_code == old.table_code
                && r.cell_key == old.cell_key
                && r.value == old.value
                && r.inner_cells == old.inner_cells
        });
        if !same {
            return Err(ReportError::Frozen {
                period: period.code(),
            });
        }
    }

    let audit_passed = protection.as_ref().is_none_or(|p| p.audit.passed());
    Ok(BuiltReport {
        model: ReportModel {
            report: report_key,
            period,
            period_label: Label::new(
                &period.code(),
                &period.label(crate::Lang::Nl),
                &period.label(crate::Lang::En),
            ),
            profile: profile_code(profile).to_owned(),
            size_band: band,
            breakdowns,
            categories_grouped,
            tables: model_tables,
            dropped,
            withheld_cells,
            published_cells,
            k,
            audit_passed,
            late_included: false,
        },
        release,
        protected: protected_release,
        counted_indices,
        counted: Vec::new(),
    })
}

/// Small counts of every calendar part (quarter, half year, year) of every organisation
/// in the space, by every attribute the tables use: what differences of earlier releases
/// could isolate.
fn latent_protections(
    keys: &[&String],
    space: &InnerSpace,
    k: u64,
    group_of: &BTreeMap<&str, CategoryGroup>,
) -> Vec<ProtectedCell> {
    let mut sets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, key) in keys.iter().enumerate() {
        let parts: Vec<&str> = key.split('|').collect();
        let [org, quarter, cats, role, relation, outcome] = parts[..] else {
            continue;
        };
        let Ok(ReportPeriod::Quarter(year, q)) = ReportPeriod::parse(quarter) else {
            continue;
        };
        let half = ReportPeriod::Half(year, if q <= 2 { 1 } else { 2 }).code();
        let mut attributes = vec![
            "totaal".to_owned(),
            format!("rol_melder={role}"),
            format!("relatie={relation}"),
            format!("afloop={outcome}"),
        ];
        for c in cats.split('+').filter(|c| !c.is_empty()) {
            attributes.push(format!("categorie={c}"));
            if let Some(g) = group_of.get(c) {
                attributes.push(format!("categorie_groep={}", g.code()));
            }
        }
        attributes.sort();
        attributes.dedup();
        for part in [quarter.to_owned(), half.clone(), year.to_string()] {
            for a in &attributes {
                sets.entry(format!("{org}|{part}|{a}")).or_default().push(i);
            }
        }
    }
    sets.into_iter()
        .filter_map(|(name, indices)| {
            let vector = CellVector::new(indices);
            let n = space.value(&vector).ok()?;
            (1..k).contains(&n).then(|| ProtectedCell {
                cell: super::disclosure::CellRef {
                    table: "deel".to_owned(),
                    cell: name,
                },
                vector,
            })
        })
        .collect()
}

/// Every table design a report may end up with.
fn chosen_candidates<'a>(
    designs: &'a [Design],
    category: &'a Option<Design>,
    group: &'a Option<Design>,
    others: &'a [Design],
) -> Vec<&'a Design> {
    designs
        .iter()
        .chain(category.iter())
        .chain(group.iter())
        .chain(others.iter())
        .collect()
}

/// The column label of a whole-period total.
fn columns_total(columns: &[Label]) -> Label {
    if columns.len() > 1 {
        Label::total()
    } else {
        columns[0].clone()
    }
}

/// The model of one published table, in the order of the disclosure table's cells.
fn model_table(
    ctx: &Context<'_>,
    design: &Design,
    table: &Table,
    decisions: &[Decision],
    columns: &[Label],
    periods: &[String],
) -> ModelTable {
    if let Some((other, labels)) = &design.cross {
        return cross_model_table(ctx, design, *other, labels, table, decisions);
    }
    let is_total = design.attribute == Attribute::Total;
    let quarterly = columns.len() > 1 && design.body.first().is_some_and(|r| r.len() > 1);
    let whole = columns_total(columns);
    let mut cells = Vec::with_capacity(table.cells().len());
    for (cell, decision) in table.cells().iter().zip(decisions) {
        let row = cell
            .row
            .map_or_else(Label::total, |r| design.rows[r].clone());
        let (column, period) = match cell.column {
            Some(c) if quarterly => (columns[c].clone(), periods[c].clone()),
            _ => (whole.clone(), ctx.period.code()),
        };
        let value = if decision.is_published() {
            CellValue::Published(cell.value)
        } else {
            CellValue::Withheld
        };
        cells.push(ModelCell {
            row,
            column,
            period,
            value,
        });
    }
    let mut rows = design.rows.clone();
    let mut cols = if quarterly {
        columns.to_vec()
    } else {
        vec![whole]
    };
    if !is_total {
        rows.push(Label::total());
    }
    if quarterly {
        cols.push(Label::total());
    }
    // The total table has one row and its total is the same dossiers: show one cell.
    if is_total {
        cells.retain(|c| c.row.code != "*");
    }
    ModelTable {
        code: table.code().to_owned(),
        title: design.attribute.title(),
        section: design.attribute.section(),
        rows,
        columns: cols,
        cells,
    }
}

/// Coarsens a table split by period before it would be dropped (anonymisation.md):
/// quarters become half years, half years the whole period. Other tables have no coarser
/// form here (the category level is decided before protection).
struct PeriodCoarsening;

impl Coarsening for PeriodCoarsening {
    fn coarsen(&self, table: &Table, space: &InnerSpace) -> Option<Table> {
        if table.period_axis() != Some(super::disclosure::Axis::Columns) {
            return None;
        }
        let columns = table.column_labels();
        let quarters = ["Q1", "Q2", "Q3", "Q4"];
        let groups: Vec<(&str, Vec<usize>)> = if columns.iter().map(String::as_str).eq(quarters) {
            vec![("H1", vec![0, 1]), ("H2", vec![2, 3])]
        } else if columns.len() > 1 {
            vec![("", (0..columns.len()).collect())]
        } else {
            return None;
        };
        let rows = table.row_labels();
        let body = |r: usize, group: &[usize]| {
            table
                .cells()
                .iter()
                .filter(|c| c.row == Some(r) && c.column.is_some_and(|col| group.contains(&col)))
                .fold(CellVector::default(), |all, c| all.union(&c.vector))
        };
        if groups.len() == 1 {
            let vectors = (0..rows.len()).map(|r| body(r, &groups[0].1)).collect();
            return Table::one_way(table.code(), space, rows, vectors).ok();
        }
        let codes: Vec<&str> = groups.iter().map(|g| g.0).collect();
        let grid = (0..rows.len())
            .map(|r| groups.iter().map(|g| body(r, &g.1)).collect())
            .collect();
        Table::two_way(table.code(), space, rows, &codes, grid)
            .ok()
            .map(|t| t.with_period_axis(super::disclosure::Axis::Columns))
    }
}

/// The column labels and period codes of a published table: the report's columns, or
/// those of its coarsened form (half years, or the whole period).
fn table_columns(ctx: &Context<'_>, table: &Table) -> (Vec<Label>, Vec<String>) {
    let labels = table.column_labels();
    let own = ctx.columns();
    if labels
        .iter()
        .map(String::as_str)
        .eq(own.iter().map(|l| l.code.as_str()))
    {
        let periods = (0..own.len()).map(|c| ctx.column_period(c)).collect();
        return (own, periods);
    }
    let p = ctx.period;
    let whole = || {
        Label::new(
            &p.code(),
            &p.label(crate::Lang::Nl),
            &p.label(crate::Lang::En),
        )
    };
    if labels.len() < 2 {
        return (vec![whole()], vec![p.code()]);
    }
    labels
        .iter()
        .map(|code| {
            let half = match code.as_str() {
                "H1" => Some(ReportPeriod::Half(p.year(), 1)),
                "H2" => Some(ReportPeriod::Half(p.year(), 2)),
                _ => None,
            };
            match half {
                Some(h) => (
                    Label::new(code, &h.label(crate::Lang::Nl), &h.label(crate::Lang::En)),
                    h.code(),
                ),
                None => (whole(), p.code()),
            }
        })
        .unzip()
}

/// The model of a published cross table (two attributes over the whole period).
fn cross_model_table(
    ctx: &Context<'_>,
    design: &Design,
    other: Attribute,
    labels: &[Label],
    table: &Table,
    decisions: &[Decision],
) -> ModelTable {
    let cells = table
        .cells()
        .iter()
        .zip(decisions)
        .map(|(cell, decision)| ModelCell {
            row: cell
                .row
                .map_or_else(Label::total, |r| design.rows[r].clone()),
            column: cell.column.map_or_else(Label::total, |c| labels[c].clone()),
            period: ctx.period.code(),
            value: if decision.is_published() {
                CellValue::Published(cell.value)
            } else {
                CellValue::Withheld
            },
        })
        .collect();
    let mut rows = design.rows.clone();
    rows.push(Label::total());
    let mut columns = labels.to_vec();
    columns.push(Label::total());
    let title = design.attribute.title();
    let (by_nl, by_en) = match other {
        Attribute::Relation => ("relatie", "relation"),
        _ => (other.code(), other.code()),
    };
    ModelTable {
        code: table.code().to_owned(),
        title: Label::new(
            table.code(),
            &format!("{} naar {by_nl}", title.nl),
            &format!("{} by {by_en}", title.en),
        ),
        section: 5,
        rows,
        columns,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_coarsening_goes_from_quarters_to_halves_to_the_whole_period() {
        let (space, table) = Table::two_way_from_counts(
            "categorie",
            &["pesten", "overig"],
            &["Q1", "Q2", "Q3", "Q4"],
            &[vec![1, 2, 3, 4], vec![5, 6, 7, 8]],
        )
        .expect("valid table");
        let table = table.with_period_axis(super::super::disclosure::Axis::Columns);
        let halves = PeriodCoarsening
            .coarsen(&table, &space)
            .expect("quarters coarsen to halves");
        assert_eq!(
            halves.column_labels(),
            ["H1", "H2"],
            "two half-year columns"
        );
        let h1 = halves.cell("pesten|H1").expect("cell exists");
        assert_eq!(h1.value, 3, "pesten in H1 is Q1 + Q2 = 1 + 2");
        let whole = PeriodCoarsening
            .coarsen(&halves, &space)
            .expect("halves coarsen to the whole period");
        assert!(
            whole.column_labels().is_empty(),
            "the whole period is a one-way table"
        );
        assert_eq!(
            whole.cell("overig").expect("cell").value,
            26,
            "overig over the year is 5 + 6 + 7 + 8"
        );
        assert!(
            PeriodCoarsening.coarsen(&whole, &space).is_none(),
            "nothing is coarser than the whole period"
        );
    }
}
