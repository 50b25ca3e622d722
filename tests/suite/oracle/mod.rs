//! The outside reader: an attacker that holds every published CSV file and nothing else.
//!
//! What it knows, and nothing more (anonymisation.md, "Determinism and mixed histories":
//! "Oracles in the tests read the rendered CSV and PDF text, not the engine's tables"):
//! - the rendered CSV files (standard dialect, Dutch), each with the organisations it is
//!   about and its profile's k (a reader of a pooled report knows which organisations it
//!   covers; the report states its profile);
//! - the public vocabulary: table titles, the Dutch labels of every code, the categories and
//!   their groups (what `store.categories()` and the `label(Lang::Nl)` functions print);
//! - the published recoding rule: in every breakdown table except the total and the
//!   category groups, a row (and, in a cross table, a column) whose whole-period count is at
//!   most k is merged into "Overig (samengevoegd)" and listed with status `S`; every row
//!   shown on its own holds at least k + 1 over the whole period, also when its value is
//!   withheld.
//!
//! From these it builds, without calling any engine code, the marginal model of the
//! dossiers: per organisation and quarter a number of dossiers `T`, and per attribute and
//! code a count `x`, non-negative integers. An attribute with one value per dossier is a
//! partition (`sum of its codes = T`, an equation); category groups are sets of categories;
//! an attribute with several values per dossier (the demo's categories and actions) gets
//! `x <= T` and union variables for the rows that count "any of these codes". A cross table
//! (categories by relation) adds joint counts linked to both margins. Margins of attributes
//! with one value per dossier and equal totals always come from some table of dossiers (one
//! dossier with any chosen codes included), so the marginal model loses nothing a reader,
//! or an insider who knows their own dossier, could use.
//!
//! Every CSV line becomes a constraint:
//! - status "" (published): an equation `cell = value`;
//! - `B` (banded total): the range `1 <= cell <= k - 1`;
//! - `S` (merged row): the range `0 <= code over the whole period <= k`;
//! - a row shown on its own in a recoded table: `row over the whole period >= k + 1`;
//! - `C` (withheld): nothing, but the cell is a subject of the audit.
//!
//! Quarters that no file tells apart are merged into blocks and codes that no file tells
//! apart into classes; the projection is exact (any solution of the merged model splits into
//! one of the full model), so a count the merged model cannot express is not determined by
//! the files at all.
//!
//! Why this model hides nothing from the audit: every line of every file is read (a line the
//! oracle cannot place fails the test instead of being skipped), every published value is an
//! equation, every band and merge a range, and the recoding rule a range; the only
//! knowledge left out is what the CSV does not carry (the PDF's narrative and hours) and the
//! pooled rule (70% share), which is not part of the CSV contract. So a cell the oracle
//! cannot pin is one the CSV files cannot pin either, and a cell it can pin is a leak.
//!
//! Two questions, both answered exactly:
//! - [`Oracle::derivable`]: is a linear combination of the variables in the span of the
//!   equations (published values and linking equations)? Exact rank by fraction-free
//!   elimination in i128 (rows combined by cross-multiplication as in Bareiss and
//!   normalised by their gcd), written here;
//! - [`Oracle::interval`]: the smallest and largest integer value a combination can take
//!   over every non-negative integer table that satisfies all constraints, optionally for
//!   an insider who knows that their own dossier lies in its cells; integer programs with
//!   `microlp`, each answer checked exactly against the constraints (a solver optimum is a
//!   witness table, verified in integers).

use kluis::Lang;
use kluis::model::{
    Action, Attribute, Category, CategoryGroup, ContactType, DurationBand, Outcome, Relation,
    ReporterRole,
};
use kluis::report::design::kind::TableKind;
use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOptions, TerminationReason};
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod check;
mod echelon;
mod model;
mod read;
mod solve;
#[cfg(test)]
mod tests;

pub use check::{Audit, TrueDossier, Truth, audit, count_selections, interval_failures};
use echelon::Echelon;

/// A calendar quarter: (year, 1..=4).
pub type Quarter = (i32, u8);

/// The quarters of a period code (`2025`, `2025-H1`, `2025-Q3`, `2024-2025`).
pub fn quarters_of(code: &str) -> Option<BTreeSet<Quarter>> {
    let (year, rest) = match code.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (code, None),
    };
    let year: i32 = year.parse().ok()?;
    let out: BTreeSet<Quarter> = match rest {
        None => (1..=4).map(|q| (year, q)).collect(),
        Some(r) if r.len() == 4 => {
            let second: i32 = r.parse().ok()?;
            if second != year + 1 {
                return None;
            }
            (1..=4).flat_map(|q| [(year, q), (second, q)]).collect()
        }
        Some("H1") => [(year, 1), (year, 2)].into(),
        Some("H2") => [(year, 3), (year, 4)].into(),
        Some(q) => {
            let n: u8 = q.strip_prefix('Q')?.parse().ok()?;
            if !(1..=4).contains(&n) {
                return None;
            }
            [(year, n)].into()
        }
    };
    Some(out)
}

/// An attribute of a dossier as a reader knows it (category groups are sets of
/// categories, not an attribute of their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attr {
    ContactType,
    Category,
    Relation,
    Role,
    Outcome,
    Action,
    Duration,
}

impl Attr {
    fn of(a: Attribute) -> Option<Attr> {
        Some(match a {
            Attribute::ContactType => Attr::ContactType,
            Attribute::Category => Attr::Category,
            Attribute::Group => return None,
            Attribute::Relation => Attr::Relation,
            Attribute::Outcome => Attr::Outcome,
            Attribute::Role => Attr::Role,
            Attribute::Action => Attr::Action,
            Attribute::Duration => Attr::Duration,
        })
    }
}

/// The public vocabulary: codes and Dutch labels per attribute, the category groups, which
/// attributes may have several values per dossier, and which categories are sensitive.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    codes: BTreeMap<Attr, Vec<(String, String)>>,
    groups: Vec<(String, String, BTreeSet<String>)>,
    multi: BTreeSet<Attr>,
    sensitive: BTreeSet<String>,
}

impl Vocabulary {
    /// The vocabulary with these categories; every attribute a partition (one value per
    /// dossier), as the generated histories make them.
    pub fn new(categories: &[Category]) -> Vocabulary {
        fn list<T: Copy>(
            all: &[T],
            f: impl Fn(T) -> (&'static str, &'static str),
        ) -> Vec<(String, String)> {
            all.iter()
                .map(|&v| {
                    let (c, l) = f(v);
                    (c.to_owned(), l.to_owned())
                })
                .collect()
        }
        let mut codes = BTreeMap::new();
        codes.insert(
            Attr::ContactType,
            list(ContactType::ALL, |v| (v.code(), v.label(Lang::Nl))),
        );
        codes.insert(
            Attr::Category,
            categories
                .iter()
                .map(|c| (c.code.clone(), c.label_nl.clone()))
                .collect(),
        );
        codes.insert(
            Attr::Relation,
            list(Relation::ALL, |v| (v.code(), v.label(Lang::Nl))),
        );
        codes.insert(
            Attr::Role,
            list(ReporterRole::ALL, |v| (v.code(), v.label(Lang::Nl))),
        );
        codes.insert(
            Attr::Outcome,
            list(Outcome::ALL, |v| (v.code(), v.label(Lang::Nl))),
        );
        codes.insert(
            Attr::Action,
            list(Action::ALL, |v| (v.code(), v.label(Lang::Nl))),
        );
        codes.insert(
            Attr::Duration,
            list(&DurationBand::ALL, |v| (v.code(), v.label(Lang::Nl))),
        );
        let groups = CategoryGroup::ALL
            .iter()
            .map(|g| {
                (
                    g.code().to_owned(),
                    g.label(Lang::Nl).to_owned(),
                    categories
                        .iter()
                        .filter(|c| c.group == *g)
                        .map(|c| c.code.clone())
                        .collect(),
                )
            })
            .collect();
        // anonymisation.md: sexual harassment, discrimination and integrity are sensitive.
        let sensitive = categories
            .iter()
            .filter(|c| {
                c.group == CategoryGroup::Integriteit
                    || c.code == "seksuele_intimidatie"
                    || c.code == "discriminatie"
            })
            .map(|c| c.code.clone())
            .collect();
        Vocabulary {
            codes,
            groups,
            multi: BTreeSet::new(),
            sensitive,
        }
    }

    /// The same vocabulary where these attributes may have several values per dossier (the
    /// demo's categories and actions).
    pub fn with_multi_valued(mut self, attrs: &[Attr]) -> Vocabulary {
        self.multi.extend(attrs.iter().copied());
        self
    }

    /// Every code of an attribute.
    pub fn all(&self, a: Attr) -> BTreeSet<String> {
        self.codes[&a].iter().map(|(c, _)| c.clone()).collect()
    }

    /// Every code of an attribute, in vocabulary order, with its Dutch label.
    pub fn labelled(&self, a: Attr) -> &[(String, String)] {
        &self.codes[&a]
    }

    /// The categories of a group code.
    pub fn group(&self, code: &str) -> Option<&BTreeSet<String>> {
        self.groups.iter().find(|g| g.0 == code).map(|g| &g.2)
    }

    /// The group codes with their Dutch labels and categories.
    pub fn groups(&self) -> &[(String, String, BTreeSet<String>)] {
        &self.groups
    }

    /// Whether an attribute may have several values per dossier.
    pub fn is_multi(&self, a: Attr) -> bool {
        self.multi.contains(&a)
    }

    fn code_of(&self, a: Attr, label: &str) -> Option<String> {
        self.codes[&a]
            .iter()
            .find(|(_, l)| l == label)
            .map(|(c, _)| c.clone())
    }

    fn group_of_label(&self, label: &str) -> Option<&BTreeSet<String>> {
        self.groups.iter().find(|g| g.1 == label).map(|g| &g.2)
    }
}

/// The label of the row (or column) that merges small rows.
pub const MERGED: &str = "Overig (samengevoegd)";
/// The label of a margin.
pub const TOTAL: &str = "Totaal";

/// What a table is, as its title says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    /// The number of contacts.
    Total,
    /// One attribute per row.
    By(Attr),
    /// The three category groups (never recoded).
    Groups,
    /// Categories (or groups) by relation.
    Cross { groups: bool },
}

impl Spec {
    /// Every kind of table with its Dutch title.
    pub fn all() -> Vec<(Spec, String)> {
        let mut out = vec![(Spec::Total, TableKind::Total.title().nl)];
        for a in Attribute::ALL {
            let spec = match Attr::of(a) {
                Some(attr) => Spec::By(attr),
                None => Spec::Groups,
            };
            out.push((spec, TableKind::By(a).title().nl));
        }
        out.push((
            Spec::Cross { groups: false },
            TableKind::Cross(Attribute::Category).title().nl,
        ));
        out.push((
            Spec::Cross { groups: true },
            TableKind::Cross(Attribute::Group).title().nl,
        ));
        out
    }

    fn of_title(title: &str) -> Option<Spec> {
        Spec::all()
            .into_iter()
            .find(|(_, t)| t == title)
            .map(|(s, _)| s)
    }

    /// Whether the recoding rule applies (every breakdown but the groups).
    pub fn recoded(self) -> bool {
        matches!(self, Spec::By(_) | Spec::Cross { .. })
    }
}

/// A set of dossiers a cell counts: organisations, quarters, and per attribute the codes a
/// dossier must have one of.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sel {
    pub orgs: BTreeSet<i64>,
    pub quarters: BTreeSet<Quarter>,
    pub conds: BTreeMap<Attr, BTreeSet<String>>,
}

impl Sel {
    /// Every dossier of these organisations in these quarters.
    pub fn new(orgs: impl IntoIterator<Item = i64>, quarters: BTreeSet<Quarter>) -> Sel {
        Sel {
            orgs: orgs.into_iter().collect(),
            quarters,
            conds: BTreeMap::new(),
        }
    }

    /// The same, restricted to dossiers with one of `codes` of `a`.
    pub fn with(mut self, a: Attr, codes: impl IntoIterator<Item = String>) -> Sel {
        let codes: BTreeSet<String> = codes.into_iter().collect();
        let merged = match self.conds.remove(&a) {
            Some(old) => old.intersection(&codes).cloned().collect(),
            None => codes,
        };
        self.conds.insert(a, merged);
        self
    }
}

/// A published file.
#[derive(Debug, Clone)]
pub struct Release {
    /// The organisations it is about.
    pub orgs: Vec<i64>,
    /// The profile's k.
    pub k: u64,
    /// Whether it is a strict report (lower bound 0 required for every withheld cell).
    pub strict: bool,
    /// The CSV text (standard dialect, Dutch).
    pub csv: String,
}

/// The status of an audited line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `C`: withheld.
    Withheld,
    /// `S`: merged into Overig (or, in a cross table, a relation column left out).
    Merged,
    /// `B`: a banded total.
    Banded,
}

/// A cell the files do not give: withheld, merged or banded.
#[derive(Debug, Clone)]
pub struct Subject {
    pub file: usize,
    pub what: String,
    pub sel: Sel,
    pub status: Status,
    pub k: u64,
    pub strict: bool,
    pub sensitive: bool,
}

/// A published value.
#[derive(Debug, Clone)]
pub struct Published {
    pub what: String,
    pub value: u64,
    pub k: u64,
}

/// A constraint read from a file: `lower <= cell <= upper`.
#[derive(Debug, Clone)]
pub struct Fact {
    pub file: usize,
    pub what: String,
    pub sel: Sel,
    pub lower: u64,
    pub upper: Option<u64>,
}

/// A linear combination of model variables (sorted by variable, no zero coefficients).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Vector(pub Vec<(usize, i64)>);

impl Vector {
    fn from_terms(terms: impl IntoIterator<Item = (usize, i64)>) -> Vector {
        let mut m: BTreeMap<usize, i64> = BTreeMap::new();
        for (v, c) in terms {
            *m.entry(v).or_default() += c;
        }
        Vector(m.into_iter().filter(|&(_, c)| c != 0).collect())
    }

    fn eval(&self, values: &[i64]) -> i64 {
        self.0.iter().map(|&(v, c)| c * values[v]).sum()
    }
}

/// The integer interval of a combination over every table consistent with the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub min: i64,
    /// `None`: no upper bound.
    pub max: Option<i64>,
    /// Whether both ends were proven optimal (otherwise they are values of verified witness
    /// tables, found within the solver's node limit).
    pub exact: bool,
}

impl Interval {
    /// max - min (`None` when unbounded).
    pub fn width(&self) -> Option<i64> {
        self.max.map(|m| m - self.min)
    }
}

/// What an insider knows: their own dossier lies in these combinations (each >= 1).
#[derive(Debug, Clone, Default)]
pub struct Insider {
    pub own: Vec<Vector>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Var {
    /// Dossiers of an organisation in a block of quarters.
    T(i64, usize),
    /// Dossiers with a class of codes of an attribute.
    X(i64, usize, Attr, usize),
    /// Dossiers with a category class and a relation class.
    J(i64, usize, usize, usize),
    /// Dossiers with any of these codes of a multi-valued attribute (within a relation
    /// class, for a cross table).
    U(i64, usize, Attr, BTreeSet<String>, Option<usize>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Ge,
    Le,
}

/// The largest value any variable may take in the integer programs (far above any count).
const BIG: i32 = 100_000;
/// Branch-and-bound nodes per integer program (deterministic; never a wall clock).
const NODE_LIMIT: u64 = 5_000;

/// An interval with the witness tables of its ends (`None`: unbounded above).
type Solved = (Interval, Vec<i64>, Option<Vec<i64>>);

/// The outside reader of a set of CSV files.
#[derive(Debug)]
pub struct Oracle {
    vocab: Vocabulary,
    releases: Vec<Release>,
    facts: Vec<Fact>,
    subjects: Vec<Subject>,
    published: Vec<Published>,
    /// Per organisation: its blocks of quarters.
    blocks: BTreeMap<i64, Vec<BTreeSet<Quarter>>>,
    /// Per partition attribute in the model: its classes of codes (a multi-valued
    /// attribute: one code per class).
    classes: BTreeMap<Attr, Vec<BTreeSet<String>>>,
    vars: Vec<Var>,
    index: HashMap<Var, usize>,
    equations: Vec<(Vector, i64)>,
    inequalities: Vec<(Vector, Cmp, i64)>,
    echelon: Echelon,
    /// Outsider intervals already computed, with their witness tables.
    cache: HashMap<Vector, Solved>,
    /// Integer programs solved (for the run-time report).
    pub solves: usize,
}
