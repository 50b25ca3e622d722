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

/// Rows of an echelon form keyed by their leading column: fraction-free elimination.
#[derive(Debug, Clone, Default)]
struct Echelon {
    rows: BTreeMap<usize, Vec<(usize, i128)>>,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Echelon {
    /// Reduces `row` by the pivots; returns what is left (empty: in the span).
    fn reduce(&self, mut row: Vec<(usize, i128)>) -> Vec<(usize, i128)> {
        loop {
            let Some(&(lead, a)) = row.first() else {
                return row;
            };
            let Some(pivot) = self.rows.get(&lead) else {
                return row;
            };
            let p = pivot[0].1;
            // row := row * p - pivot * a, which clears the leading column exactly.
            let mut out: BTreeMap<usize, i128> = BTreeMap::new();
            for &(c, v) in &row {
                let x = v.checked_mul(p).expect("elimination overflows i128");
                *out.entry(c).or_default() += x;
            }
            for &(c, v) in pivot {
                let x = v.checked_mul(a).expect("elimination overflows i128");
                let e = out.entry(c).or_default();
                *e = e.checked_sub(x).expect("elimination overflows i128");
            }
            let mut next: Vec<(usize, i128)> = out.into_iter().filter(|&(_, v)| v != 0).collect();
            let g = next.iter().fold(0, |g, &(_, v)| gcd(g, v));
            if g > 1 {
                for e in &mut next {
                    e.1 /= g;
                }
            }
            row = next;
        }
    }

    /// Adds an equation's row; returns whether it raised the rank.
    fn insert(&mut self, row: Vec<(usize, i128)>) -> bool {
        let rest = self.reduce(row);
        match rest.first() {
            None => false,
            Some(&(lead, _)) => {
                self.rows.insert(lead, rest);
                true
            }
        }
    }

    fn rank(&self) -> usize {
        self.rows.len()
    }
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

impl Oracle {
    /// Reads every file. Panics when a line cannot be placed (an unknown table, row,
    /// column, period or status): the oracle must model everything a file says.
    pub fn new(vocab: &Vocabulary, releases: &[Release]) -> Oracle {
        let mut o = Oracle {
            vocab: vocab.clone(),
            releases: releases.to_vec(),
            facts: Vec::new(),
            subjects: Vec::new(),
            published: Vec::new(),
            blocks: BTreeMap::new(),
            classes: BTreeMap::new(),
            vars: Vec::new(),
            index: HashMap::new(),
            equations: Vec::new(),
            inequalities: Vec::new(),
            echelon: Echelon::default(),
            cache: HashMap::new(),
            solves: 0,
        };
        for (i, r) in releases.iter().enumerate() {
            o.read(i, r);
        }
        o.build();
        o
    }

    /// The facts read from the files.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// The withheld, merged and banded cells.
    pub fn subjects(&self) -> &[Subject] {
        &self.subjects
    }

    /// The published values.
    pub fn published(&self) -> &[Published] {
        &self.published
    }

    /// The releases read.
    pub fn releases(&self) -> &[Release] {
        &self.releases
    }

    /// The attributes some file mentions.
    pub fn attributes(&self) -> BTreeSet<Attr> {
        self.classes.keys().copied().collect()
    }

    /// The model's size: variables, rank of the equations, inequalities.
    pub fn size(&self) -> (usize, usize, usize) {
        (
            self.vars.len(),
            self.echelon.rank(),
            self.inequalities.len(),
        )
    }

    /// The smallest k of the files about `org` whose period overlaps `quarters` (`None`: no
    /// file says anything about them).
    pub fn k_for(&self, org: i64, quarters: &BTreeSet<Quarter>) -> Option<u64> {
        self.releases
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                r.orgs.contains(&org)
                    && self
                        .facts
                        .iter()
                        .any(|f| f.file == *i && !f.sel.quarters.is_disjoint(quarters))
            })
            .map(|(_, r)| r.k)
            .min()
    }

    fn read(&mut self, file: usize, r: &Release) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(r.csv.as_bytes());
        let header = reader.headers().expect("a CSV header").clone();
        assert_eq!(
            header.iter().collect::<Vec<_>>(),
            [
                "rapport", "tabel", "rij", "kolom", "periode", "waarde", "status"
            ],
            "file {file}: the Dutch CSV columns of the contract"
        );
        // Lines per table, in file order.
        let mut tables: Vec<(String, Vec<csv::StringRecord>)> = Vec::new();
        for line in reader.records() {
            let line = line.expect("a well-formed CSV line");
            let title = line[1].to_owned();
            match tables.last_mut() {
                Some((t, lines)) if *t == title => lines.push(line),
                _ => tables.push((title, vec![line])),
            }
        }
        for (title, lines) in &tables {
            self.read_table(file, r, title, lines);
        }
    }

    /// The codes (of the row attribute) a row label stands for.
    fn row_codes(
        &self,
        spec: Spec,
        label: &str,
        merged: &BTreeSet<String>,
        what: &str,
    ) -> BTreeSet<String> {
        let all = self.vocab.all(Attr::Category);
        match spec {
            Spec::Total => BTreeSet::new(),
            _ if label == MERGED => merged.clone(),
            Spec::By(a) if label == TOTAL => self.vocab.all(a),
            Spec::Groups | Spec::Cross { .. } if label == TOTAL => all,
            Spec::By(a) => [self
                .vocab
                .code_of(a, label)
                .unwrap_or_else(|| panic!("{what}: unknown row {label:?}"))]
            .into(),
            Spec::Groups | Spec::Cross { groups: true } => self
                .vocab
                .group_of_label(label)
                .unwrap_or_else(|| panic!("{what}: unknown group {label:?}"))
                .clone(),
            Spec::Cross { groups: false } => [self
                .vocab
                .code_of(Attr::Category, label)
                .unwrap_or_else(|| panic!("{what}: unknown category {label:?}"))]
            .into(),
        }
    }

    fn row_attr(spec: Spec) -> Option<Attr> {
        match spec {
            Spec::Total => None,
            Spec::By(a) => Some(a),
            Spec::Groups | Spec::Cross { .. } => Some(Attr::Category),
        }
    }

    fn read_table(&mut self, file: usize, r: &Release, title: &str, lines: &[csv::StringRecord]) {
        let orgs: BTreeSet<i64> = r.orgs.iter().copied().collect();
        let k = r.k;
        let report = lines[0][0].to_owned();
        let head = format!("file {file} ({report}, organisations {orgs:?}, k = {k})");
        let spec =
            Spec::of_title(title).unwrap_or_else(|| panic!("{head}: unknown table {title:?}"));
        let whole = quarters_of(&report)
            .unwrap_or_else(|| panic!("{head}: unknown report period {report:?}"));
        let attr = Oracle::row_attr(spec);
        // Merged rows (S) and shown rows.
        let mut merged: BTreeSet<String> = BTreeSet::new();
        let mut merged_rows: Vec<(String, BTreeSet<String>)> = Vec::new();
        for l in lines.iter().filter(|l| &l[6] == "S") {
            assert!(
                spec.recoded(),
                "{head}: a merged row {:?} in table {title:?}, which is never recoded",
                &l[2]
            );
            let codes = self.row_codes(spec, &l[2], &BTreeSet::new(), &head);
            merged.extend(codes.iter().cloned());
            merged_rows.push((l[2].to_owned(), codes));
        }
        let shown_rows: BTreeSet<String> = lines
            .iter()
            .filter(|l| &l[6] != "S" && &l[2] != TOTAL && &l[2] != MERGED)
            .map(|l| l[2].to_owned())
            .collect();
        // Cross tables: relation columns shown, the rest merged.
        let cross = matches!(spec, Spec::Cross { .. });
        let relations = self.vocab.all(Attr::Relation);
        let shown_cols: BTreeSet<String> = if cross {
            lines
                .iter()
                .filter(|l| &l[6] != "S" && &l[3] != TOTAL && &l[3] != MERGED)
                .map(|l| {
                    self.vocab
                        .code_of(Attr::Relation, &l[3])
                        .unwrap_or_else(|| panic!("{head}: unknown relation column {:?}", &l[3]))
                })
                .collect()
        } else {
            BTreeSet::new()
        };
        let merged_cols: BTreeSet<String> = relations.difference(&shown_cols).cloned().collect();
        let base = |quarters: BTreeSet<Quarter>| Sel::new(orgs.iter().copied(), quarters);
        for l in lines {
            let what = format!(
                "{head}: {title} / {} / {} [{}] {}{}",
                &l[2],
                &l[3],
                &l[4],
                if l[5].is_empty() { "" } else { &l[5] },
                if l[6].is_empty() {
                    String::new()
                } else {
                    format!(" status {}", &l[6])
                }
            );
            assert_eq!(&l[0], report, "{what}: one report period per file");
            let quarters = quarters_of(&l[4]).unwrap_or_else(|| panic!("{what}: unknown period"));
            assert!(
                quarters.is_subset(&whole),
                "{what}: a cell outside the report's period"
            );
            let status = &l[6];
            if status == "S" {
                // Listed once per merged code; at most k over the whole period.
                let codes = self.row_codes(spec, &l[2], &merged, &what);
                let sel = base(whole.clone()).with(attr.expect("recoded"), codes);
                self.facts.push(Fact {
                    file,
                    what: what.clone(),
                    sel: sel.clone(),
                    lower: 0,
                    upper: Some(k),
                });
                let sensitive = self.sensitive(&sel);
                self.subjects.push(Subject {
                    file,
                    what,
                    sel,
                    status: Status::Merged,
                    k,
                    strict: r.strict,
                    sensitive,
                });
                continue;
            }
            let mut sel = base(quarters);
            if let Some(a) = attr {
                sel = sel.with(a, self.row_codes(spec, &l[2], &merged, &what));
            } else {
                assert_eq!(&l[2], TOTAL, "{what}: the total table has one row");
            }
            if cross {
                let cols = match &l[3] {
                    c if c == TOTAL => relations.clone(),
                    c if c == MERGED => merged_cols.clone(),
                    c => [self.vocab.code_of(Attr::Relation, c).expect("checked")].into(),
                };
                sel = sel.with(Attr::Relation, cols);
            }
            match status {
                "" => {
                    let value: u64 = l[5]
                        .parse()
                        .unwrap_or_else(|_| panic!("{what}: a published value is a count"));
                    self.facts.push(Fact {
                        file,
                        what: what.clone(),
                        sel: sel.clone(),
                        lower: value,
                        upper: Some(value),
                    });
                    self.published.push(Published { what, value, k });
                }
                "B" => {
                    assert_eq!(
                        &l[5],
                        format!("1-{}", k - 1),
                        "{what}: a band is 1 to k - 1"
                    );
                    self.facts.push(Fact {
                        file,
                        what: what.clone(),
                        sel: sel.clone(),
                        lower: 1,
                        upper: Some(k - 1),
                    });
                    self.subjects.push(Subject {
                        file,
                        what,
                        sel,
                        status: Status::Banded,
                        k,
                        strict: r.strict,
                        sensitive: false,
                    });
                }
                "C" => {
                    assert!(l[5].is_empty(), "{what}: a withheld cell has no value");
                    let sensitive = self.sensitive(&sel);
                    self.subjects.push(Subject {
                        file,
                        what,
                        sel,
                        status: Status::Withheld,
                        k,
                        strict: r.strict,
                        sensitive,
                    });
                }
                s => panic!("{what}: unknown status {s:?}"),
            }
        }
        if spec.recoded() {
            // The recoding rule: a row shown on its own holds more than k over the period.
            let a = attr.expect("recoded tables have rows");
            for label in &shown_rows {
                let codes = self.row_codes(spec, label, &merged, &head);
                self.facts.push(Fact {
                    file,
                    what: format!("{head}: {title} / {label} is shown, so it holds more than k"),
                    sel: base(whole.clone()).with(a, codes),
                    lower: k + 1,
                    upper: None,
                });
            }
            if cross {
                for c in &shown_cols {
                    self.facts.push(Fact {
                        file,
                        what: format!(
                            "{head}: {title} / column {c} is shown, so it holds more than k"
                        ),
                        sel: base(whole.clone()).with(Attr::Relation, [c.clone()]),
                        lower: k + 1,
                        upper: None,
                    });
                }
                for c in &merged_cols {
                    let what = format!("{head}: {title} / column {c} is merged (left out)");
                    let sel = base(whole.clone()).with(Attr::Relation, [c.clone()]);
                    self.facts.push(Fact {
                        file,
                        what: what.clone(),
                        sel: sel.clone(),
                        lower: 0,
                        upper: Some(k),
                    });
                    self.subjects.push(Subject {
                        file,
                        what,
                        sel,
                        status: Status::Merged,
                        k,
                        strict: r.strict,
                        sensitive: false,
                    });
                }
            }
        }
    }

    /// Whether a selection is about sensitive categories only.
    pub fn sensitive(&self, sel: &Sel) -> bool {
        sel.conds
            .get(&Attr::Category)
            .is_some_and(|c| !c.is_empty() && c.is_subset(&self.vocab.sensitive))
    }

    /// Drops conditions that every dossier meets (all codes of a partition attribute).
    fn normalise(&self, sel: &Sel) -> Sel {
        let mut out = sel.clone();
        out.conds
            .retain(|a, codes| self.vocab.is_multi(*a) || *codes != self.vocab.all(*a));
        out
    }

    /// Blocks, classes, variables and the constraints of the facts.
    fn build(&mut self) {
        let sels: Vec<Sel> = self
            .facts
            .iter()
            .map(|f| f.sel.clone())
            .chain(self.subjects.iter().map(|s| s.sel.clone()))
            .map(|s| self.normalise(&s))
            .collect();
        // Blocks: quarters of an organisation that no selection tells apart.
        let mut signatures: BTreeMap<i64, BTreeMap<Quarter, BTreeSet<usize>>> = BTreeMap::new();
        for (i, s) in sels.iter().enumerate() {
            for &org in &s.orgs {
                for &q in &s.quarters {
                    signatures
                        .entry(org)
                        .or_default()
                        .entry(q)
                        .or_default()
                        .insert(i);
                }
            }
        }
        for (org, by_quarter) in signatures {
            let mut groups: BTreeMap<BTreeSet<usize>, BTreeSet<Quarter>> = BTreeMap::new();
            for (q, sig) in by_quarter {
                groups.entry(sig).or_default().insert(q);
            }
            let mut blocks: Vec<BTreeSet<Quarter>> = groups.into_values().collect();
            blocks.sort();
            self.blocks.insert(org, blocks);
        }
        // Classes: codes of a partition attribute that no selection tells apart.
        let mut attrs: BTreeSet<Attr> = BTreeSet::new();
        for s in &sels {
            attrs.extend(s.conds.keys().copied());
        }
        // A cross table needs both margins in the model.
        if sels.iter().any(|s| s.conds.len() == 2) {
            attrs.insert(Attr::Category);
            attrs.insert(Attr::Relation);
        }
        for a in attrs {
            let all = self.vocab.all(a);
            let classes: Vec<BTreeSet<String>> = if self.vocab.is_multi(a) {
                all.into_iter().map(|c| [c].into()).collect()
            } else {
                let mut groups: BTreeMap<BTreeSet<usize>, BTreeSet<String>> = BTreeMap::new();
                for c in all {
                    let sig: BTreeSet<usize> = sels
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| s.conds.get(&a).is_some_and(|codes| codes.contains(&c)))
                        .map(|(i, _)| i)
                        .collect();
                    groups.entry(sig).or_default().insert(c);
                }
                let mut v: Vec<BTreeSet<String>> = groups.into_values().collect();
                v.sort();
                v
            };
            self.classes.insert(a, classes);
        }
        // The variables of every block, with their linking constraints.
        let blocks: Vec<(i64, usize)> = self
            .blocks
            .iter()
            .flat_map(|(&org, b)| (0..b.len()).map(move |i| (org, i)))
            .collect();
        for (org, b) in blocks {
            let t = self.var(Var::T(org, b));
            let classes = self.classes.clone();
            for (a, cls) in &classes {
                let xs: Vec<usize> = (0..cls.len())
                    .map(|c| self.var(Var::X(org, b, *a, c)))
                    .collect();
                if self.vocab.is_multi(*a) {
                    for &x in &xs {
                        self.le(Vector(vec![(x, 1), (t, -1)]), 0);
                    }
                } else {
                    let v = Vector::from_terms(xs.iter().map(|&x| (x, 1)).chain([(t, -1)]));
                    self.equation(v, 0);
                }
            }
        }
        // The constraints of the facts.
        let facts = self.facts.clone();
        for f in &facts {
            let v = self
                .vector(&f.sel)
                .unwrap_or_else(|| panic!("{}: every fact is expressible", f.what));
            match f.upper {
                Some(u) if u == f.lower => self.equation(v, f.lower as i64),
                Some(u) => {
                    if f.lower > 0 {
                        self.ge(v.clone(), f.lower as i64);
                    }
                    self.le(v, u as i64);
                }
                None => self.ge(v, f.lower as i64),
            }
        }
    }

    fn var(&mut self, v: Var) -> usize {
        if let Some(&i) = self.index.get(&v) {
            return i;
        }
        let i = self.vars.len();
        self.vars.push(v.clone());
        self.index.insert(v, i);
        self.cache.clear();
        i
    }

    fn equation(&mut self, v: Vector, rhs: i64) {
        self.echelon
            .insert(v.0.iter().map(|&(i, c)| (i, i128::from(c))).collect());
        self.equations.push((v, rhs));
        self.cache.clear();
    }

    fn ge(&mut self, v: Vector, rhs: i64) {
        self.inequalities.push((v, Cmp::Ge, rhs));
        self.cache.clear();
    }

    fn le(&mut self, v: Vector, rhs: i64) {
        self.inequalities.push((v, Cmp::Le, rhs));
        self.cache.clear();
    }

    /// The blocks of `org` that make up `quarters` (`None`: not a union of blocks).
    fn blocks_of(&self, org: i64, quarters: &BTreeSet<Quarter>) -> Option<Vec<usize>> {
        let blocks = self.blocks.get(&org)?;
        let mut out = Vec::new();
        let mut covered = BTreeSet::new();
        for (i, b) in blocks.iter().enumerate() {
            if b.is_subset(quarters) {
                out.push(i);
                covered.extend(b.iter().copied());
            } else if !b.is_disjoint(quarters) {
                return None;
            }
        }
        (covered == *quarters).then_some(out)
    }

    /// The classes of `a` that make up `codes` (`None`: not a union of classes).
    fn classes_of(&self, a: Attr, codes: &BTreeSet<String>) -> Option<Vec<usize>> {
        let classes = self.classes.get(&a)?;
        let mut out = Vec::new();
        for (i, c) in classes.iter().enumerate() {
            if c.is_subset(codes) {
                out.push(i);
            } else if !c.is_disjoint(codes) {
                return None;
            }
        }
        Some(out)
    }

    /// The joint variables of a block (created with their linking equations).
    fn joint(&mut self, org: i64, b: usize) -> Option<()> {
        let ncat = self.classes.get(&Attr::Category)?.len();
        let nrel = self.classes.get(&Attr::Relation)?.len();
        if self.index.contains_key(&Var::J(org, b, 0, 0)) {
            return Some(());
        }
        assert!(
            !self.vocab.is_multi(Attr::Relation),
            "a cross table needs one relation per dossier"
        );
        let mut js = vec![vec![0usize; nrel]; ncat];
        for (c, row) in js.iter_mut().enumerate() {
            for (r, slot) in row.iter_mut().enumerate() {
                *slot = self.var(Var::J(org, b, c, r));
            }
        }
        for (c, row) in js.iter().enumerate() {
            let x = self.var(Var::X(org, b, Attr::Category, c));
            let v = Vector::from_terms(row.iter().map(|&j| (j, 1)).chain([(x, -1)]));
            self.equation(v, 0);
        }
        for r in 0..nrel {
            let x = self.var(Var::X(org, b, Attr::Relation, r));
            if self.vocab.is_multi(Attr::Category) {
                for row in &js {
                    self.le(Vector(vec![(row[r], 1), (x, -1)]), 0);
                }
            } else {
                let v = Vector::from_terms(js.iter().map(|row| (row[r], 1)).chain([(x, -1)]));
                self.equation(v, 0);
            }
        }
        Some(())
    }

    /// A union variable: dossiers with any of `codes` (each counted once), bounded by the
    /// single codes below and their sum and the block's total above.
    fn union(
        &mut self,
        org: i64,
        b: usize,
        a: Attr,
        codes: &BTreeSet<String>,
        rel: Option<usize>,
    ) -> Option<usize> {
        let key = Var::U(org, b, a, codes.clone(), rel);
        if let Some(&i) = self.index.get(&key) {
            return Some(i);
        }
        let parts: Vec<usize> = codes
            .iter()
            .map(|c| {
                let cls = self.classes_of(a, &[c.clone()].into())?;
                let cl = *cls.first()?;
                Some(match rel {
                    None => self.var(Var::X(org, b, a, cl)),
                    Some(r) => self.var(Var::J(org, b, cl, r)),
                })
            })
            .collect::<Option<_>>()?;
        let cap = match rel {
            None => self.var(Var::T(org, b)),
            Some(r) => self.var(Var::X(org, b, Attr::Relation, r)),
        };
        let u = self.var(key);
        for &p in &parts {
            self.le(Vector::from_terms([(p, 1), (u, -1)]), 0);
        }
        self.le(
            Vector::from_terms(std::iter::once((u, 1)).chain(parts.iter().map(|&p| (p, -1)))),
            0,
        );
        self.le(Vector::from_terms([(u, 1), (cap, -1)]), 0);
        Some(u)
    }

    /// The model's combination for a selection (`None`: the files cannot express it).
    pub fn vector(&mut self, sel: &Sel) -> Option<Vector> {
        let sel = self.normalise(sel);
        if sel.conds.values().any(BTreeSet::is_empty) {
            return Some(Vector(Vec::new()));
        }
        let mut terms: Vec<(usize, i64)> = Vec::new();
        for &org in &sel.orgs {
            for b in self.blocks_of(org, &sel.quarters)? {
                let conds: Vec<(Attr, BTreeSet<String>)> =
                    sel.conds.iter().map(|(a, c)| (*a, c.clone())).collect();
                match conds.as_slice() {
                    [] => terms.push((self.var(Var::T(org, b)), 1)),
                    [(a, codes)] => {
                        if self.vocab.is_multi(*a) && codes.len() > 1 {
                            terms.push((self.union(org, b, *a, codes, None)?, 1));
                        } else {
                            for c in self.classes_of(*a, codes)? {
                                terms.push((self.var(Var::X(org, b, *a, c)), 1));
                            }
                        }
                    }
                    [(Attr::Category, cats), (Attr::Relation, rels)] => {
                        self.joint(org, b)?;
                        for r in self.classes_of(Attr::Relation, rels)? {
                            if self.vocab.is_multi(Attr::Category) && cats.len() > 1 {
                                terms.push((self.union(org, b, Attr::Category, cats, Some(r))?, 1));
                            } else {
                                for c in self.classes_of(Attr::Category, cats)? {
                                    terms.push((self.var(Var::J(org, b, c, r)), 1));
                                }
                            }
                        }
                    }
                    other => panic!("the oracle has no joint model of {other:?}"),
                }
            }
        }
        Some(Vector::from_terms(terms))
    }

    /// Whether the combination is a linear function of the equations (exact rank).
    pub fn derivable(&self, v: &Vector) -> bool {
        self.echelon
            .reduce(v.0.iter().map(|&(i, c)| (i, i128::from(c))).collect())
            .is_empty()
    }

    /// What an insider knows: their own dossier (organisation, quarter and codes) lies in
    /// these cells.
    pub fn insider(&mut self, d: &TrueDossier) -> Insider {
        let mut own = Vec::new();
        let Some(blocks) = self.blocks.get(&d.org) else {
            return Insider::default();
        };
        let Some(b) = blocks.iter().position(|b| b.contains(&d.quarter)) else {
            return Insider::default();
        };
        let block = blocks[b].clone();
        let base = Sel::new([d.org], block);
        own.push(self.vector(&base).expect("a block is expressible"));
        let attrs: Vec<Attr> = self.classes.keys().copied().collect();
        for a in &attrs {
            for code in d.values.get(a).into_iter().flatten() {
                let sel = base.clone().with(*a, [code.clone()]);
                // The class of the code (a class holds the code, so it is >= 1 too).
                let cls = self.classes_of(*a, &[code.clone()].into());
                let v = match cls {
                    Some(_) => self.vector(&sel),
                    None => {
                        let class = self.classes[a]
                            .iter()
                            .find(|c| c.contains(code))
                            .cloned()
                            .expect("every code has a class");
                        self.vector(&base.clone().with(*a, class))
                    }
                };
                own.extend(v);
            }
        }
        if self
            .index
            .keys()
            .any(|k| matches!(k, Var::J(o, bb, _, _) if *o == d.org && *bb == b))
        {
            for cat in d.values.get(&Attr::Category).into_iter().flatten() {
                for rel in d.values.get(&Attr::Relation).into_iter().flatten() {
                    let class = |a: Attr, code: &String| {
                        self.classes[&a]
                            .iter()
                            .find(|c| c.contains(code))
                            .cloned()
                            .expect("every code has a class")
                    };
                    let sel = base
                        .clone()
                        .with(Attr::Category, class(Attr::Category, cat))
                        .with(Attr::Relation, class(Attr::Relation, rel));
                    own.extend(self.vector(&sel));
                }
            }
        }
        Insider { own }
    }

    /// The base integer program: every variable integer in 0..=BIG, every constraint, and
    /// `z` (variable 0 of the program) equal to `sign * v`, maximised.
    fn program(
        &self,
        v: &Vector,
        sign: i64,
        insider: Option<&Insider>,
        integer: bool,
    ) -> (Problem, Vec<microlp::Variable>) {
        let mut p = Problem::new(OptimizationDirection::Maximize);
        let mut var = |obj: f64, lo: i32| {
            if integer {
                p.add_integer_var(obj, (lo, BIG))
            } else {
                p.add_var(obj, (f64::from(lo), f64::from(BIG)))
            }
        };
        let z = var(1.0, -BIG);
        let xs: Vec<microlp::Variable> = (0..self.vars.len()).map(|_| var(0.0, 0)).collect();
        let terms = |v: &Vector| -> Vec<(microlp::Variable, f64)> {
            v.0.iter().map(|&(i, c)| (xs[i], c as f64)).collect()
        };
        for (v, rhs) in &self.equations {
            p.add_constraint(terms(v), ComparisonOp::Eq, *rhs as f64);
        }
        for (v, cmp, rhs) in &self.inequalities {
            let op = match cmp {
                Cmp::Ge => ComparisonOp::Ge,
                Cmp::Le => ComparisonOp::Le,
            };
            p.add_constraint(terms(v), op, *rhs as f64);
        }
        for own in insider.map(|i| i.own.as_slice()).unwrap_or_default() {
            p.add_constraint(terms(own), ComparisonOp::Ge, 1.0);
        }
        let mut objective = terms(v);
        for t in &mut objective {
            t.1 *= sign as f64;
        }
        objective.push((z, -1.0));
        p.add_constraint(objective, ComparisonOp::Eq, 0.0);
        let mut all = vec![z];
        all.extend(xs);
        (p, all)
    }

    /// Whether integer values satisfy every constraint (and the insider's) exactly.
    fn satisfies(&self, values: &[i64], insider: Option<&Insider>) -> bool {
        values.iter().all(|&x| (0..=i64::from(BIG)).contains(&x))
            && self.equations.iter().all(|(v, rhs)| v.eval(values) == *rhs)
            && self.inequalities.iter().all(|(v, cmp, rhs)| match cmp {
                Cmp::Ge => v.eval(values) >= *rhs,
                Cmp::Le => v.eval(values) <= *rhs,
            })
            && insider.is_none_or(|i| i.own.iter().all(|o| o.eval(values) >= 1))
    }

    /// The largest value of `sign * v`: (value, witness, proven), or `None` when nothing is
    /// feasible; `Some((BIG, ..))` means unbounded.
    fn optimise(
        &mut self,
        v: &Vector,
        sign: i64,
        insider: Option<&Insider>,
    ) -> Option<(i64, Vec<i64>, bool)> {
        self.solves += 1;
        if sign > 0 {
            // An integer program is unbounded exactly when its relaxation is (rational data
            // with an integer point): ask the cheap relaxation first, since branch and bound
            // on an unbounded program never ends.
            let (lp, _) = self.program(v, sign, insider, false);
            match lp.solve() {
                Err(microlp::Error::Infeasible) => return None,
                Err(microlp::Error::Unbounded) => return Some((i64::from(BIG), Vec::new(), true)),
                Err(e) => panic!("the linear relaxation failed: {e}"),
                Ok(o) => {
                    let top = o.solution().map_or(f64::INFINITY, |s| s.objective());
                    if top >= f64::from(BIG / 2) {
                        return Some((i64::from(BIG), Vec::new(), true));
                    }
                }
            }
        }
        let (p, all) = self.program(v, sign, insider, true);
        let mut options = SolveOptions::default();
        options.node_limit = Some(NODE_LIMIT);
        let outcome = match p.solve_with(options) {
            Ok(o) => o,
            Err(microlp::Error::Infeasible) => return None,
            Err(microlp::Error::Unbounded) => return Some((i64::from(BIG), Vec::new(), true)),
            Err(e) => panic!("the integer program failed: {e}"),
        };
        let proven = outcome.termination_reason() == TerminationReason::ProvenOptimal;
        let solution = outcome.solution().unwrap_or_else(|| {
            panic!(
                "the oracle cannot decide: no table found within {NODE_LIMIT} nodes for {v:?} \
                 ({} variables)",
                self.vars.len()
            )
        });
        let values: Vec<i64> = all[1..]
            .iter()
            .map(|&x| solution.var_value(x).round() as i64)
            .collect();
        assert!(
            self.satisfies(&values, insider),
            "the solver's table does not satisfy the files exactly"
        );
        Some((sign * v.eval(&values), values, proven))
    }

    /// The integer interval of `v` over every table consistent with the files (and, for
    /// an insider, with their own dossier in its cells). Panics when the files contradict
    /// themselves (no table at all).
    pub fn interval(&mut self, v: &Vector, insider: Option<&Insider>) -> Interval {
        if let Some((iv, lo, hi)) = self.cache.get(v).cloned() {
            match insider {
                None => return iv,
                Some(i) => {
                    // The outsider's extreme tables are the insider's too when they
                    // already hold the insider's dossier.
                    let lo_ok = self.satisfies(&lo, Some(i));
                    let hi_ok = hi.as_ref().is_some_and(|h| self.satisfies(h, Some(i)))
                        || (iv.max.is_none() && lo_ok);
                    if lo_ok && hi_ok {
                        return iv;
                    }
                    return self.solve_interval(v, Some(i)).0;
                }
            }
        }
        let (iv, lo, hi) = self.solve_interval(v, insider);
        if insider.is_none() {
            self.cache.insert(v.clone(), (iv, lo, hi));
        }
        iv
    }

    fn solve_interval(&mut self, v: &Vector, insider: Option<&Insider>) -> Solved {
        let (neg_min, lo, p1) = self
            .optimise(v, -1, insider)
            .expect("the files (and the insider's knowledge) admit some table");
        let (max, hi, p2) = self.optimise(v, 1, insider).expect("feasible");
        let unbounded = max >= i64::from(BIG) / 2;
        (
            Interval {
                min: -neg_min,
                max: (!unbounded).then_some(max),
                exact: p1 && p2,
            },
            lo,
            (!unbounded).then_some(hi),
        )
    }
}

/// A dossier as the published reports counted it (from the store; for the true values).
#[derive(Debug, Clone)]
pub struct TrueDossier {
    pub org: i64,
    pub quarter: Quarter,
    pub values: BTreeMap<Attr, BTreeSet<String>>,
}

impl TrueDossier {
    /// Whether the dossier is counted by a selection.
    pub fn in_sel(&self, s: &Sel) -> bool {
        s.orgs.contains(&self.org)
            && s.quarters.contains(&self.quarter)
            && s.conds
                .iter()
                .all(|(a, codes)| self.values.get(a).is_some_and(|v| !v.is_disjoint(codes)))
    }
}

/// The true dossiers (to decide which cells are small, never to answer a question).
#[derive(Debug, Clone, Default)]
pub struct Truth {
    pub dossiers: Vec<TrueDossier>,
}

impl Truth {
    /// What the published reports counted for these organisations in these years: frozen
    /// dossiers with their frozen attributes and quarter, the rest in the quarter the next
    /// report would count them in.
    pub fn from_store(store: &kluis::store::Store, orgs: &[i64], years: &[i32]) -> Truth {
        let mut dossiers = Vec::new();
        for y in store.year_dossiers(orgs, years).expect("year dossiers") {
            let d = &y.dossier;
            let quarter = quarters_of(&y.quarter.code())
                .and_then(|q| q.first().copied())
                .expect("a quarter");
            let mut values: BTreeMap<Attr, BTreeSet<String>> = BTreeMap::new();
            values.insert(Attr::ContactType, [d.contact_type.code().to_owned()].into());
            values.insert(Attr::Category, d.categories.iter().cloned().collect());
            values.insert(Attr::Relation, [d.relation.code().to_owned()].into());
            values.insert(Attr::Role, [d.reporter_role.code().to_owned()].into());
            values.insert(Attr::Outcome, [d.outcome.code().to_owned()].into());
            values.insert(
                Attr::Action,
                d.actions.iter().map(|a| a.code().to_owned()).collect(),
            );
            values.insert(Attr::Duration, [d.duration.code().to_owned()].into());
            dossiers.push(TrueDossier {
                org: d.organisation_id,
                quarter,
                values,
            });
        }
        Truth { dossiers }
    }

    /// The true count of a selection.
    pub fn count(&self, s: &Sel) -> u64 {
        self.dossiers.iter().filter(|d| d.in_sel(s)).count() as u64
    }

    /// The organisations and years the dossiers are in.
    fn orgs_years(&self) -> (BTreeSet<i64>, BTreeSet<i32>) {
        (
            self.dossiers.iter().map(|d| d.org).collect(),
            self.dossiers.iter().map(|d| d.quarter.0).collect(),
        )
    }
}

/// The calendar parts a small count is checked for: quarters, halves and the year.
pub fn calendar_parts(year: i32) -> Vec<(String, BTreeSet<Quarter>)> {
    let mut out = Vec::new();
    for q in 1..=4u8 {
        out.push((format!("{year}-Q{q}"), [(year, q)].into()));
    }
    out.push((format!("{year}-H1"), [(year, 1), (year, 2)].into()));
    out.push((format!("{year}-H2"), [(year, 3), (year, 4)].into()));
    out.push((format!("{year}"), (1..=4).map(|q| (year, q)).collect()));
    out
}

/// Every count of one organisation and calendar part the audit looks at: the total, every
/// code of every attribute some file mentions, and every category group.
pub fn count_selections(
    oracle: &Oracle,
    vocab: &Vocabulary,
    org: i64,
    quarters: &BTreeSet<Quarter>,
) -> Vec<(String, Sel)> {
    let base = Sel::new([org], quarters.clone());
    let mut out = vec![("totaal".to_owned(), base.clone())];
    for a in oracle.attributes() {
        for (code, _) in vocab.labelled(a) {
            out.push((
                format!("{a:?} {code}"),
                base.clone().with(a, [code.clone()]),
            ));
        }
        if a == Attr::Category {
            for (g, _, cats) in vocab.groups() {
                out.push((
                    format!("groep {g}"),
                    base.clone().with(a, cats.iter().cloned()),
                ));
            }
        }
    }
    out
}

/// Why an interval fails the rule for a cell of true value `n` (empty: it passes). `own`:
/// the insider's own dossier lies in the cell, so its lower bound may be 1.
pub fn interval_failures(s: &Subject, n: u64, iv: &Interval, own: bool) -> Vec<String> {
    let n = n as i64;
    let k = s.k as i64;
    let mut out = Vec::new();
    // A band already says x <= k - 1: for n = k - 1 the band's top is the most it can show.
    let need = if s.status == Status::Banded {
        (n + 1).min(k - 1)
    } else {
        n + 1
    };
    if iv.max.is_some_and(|m| m < need) {
        out.push(format!("upper bound below {need}"));
    }
    if iv.width().is_some_and(|w| w < 2) {
        out.push("narrower than 2".to_owned());
    }
    let needs_zero = s.sensitive || (s.strict && s.status != Status::Banded);
    if needs_zero && iv.min > i64::from(own) {
        out.push(format!(
            "cannot be {} ({})",
            i64::from(own),
            if s.sensitive {
                "sensitive category"
            } else {
                "strict profile"
            }
        ));
    }
    if !out.is_empty() && !iv.exact {
        out.push("(solver node limit: ends are witness values, not proven)".to_owned());
    }
    out
}

/// Everything the oracle checks at the end of a history, as failure messages (empty: the
/// files disclose no small count):
/// 1. no published value lies in 1..=k-1 of its file's profile;
/// 2. every line holds for the true dossiers (a published period is frozen);
/// 3. no small true count (total, every code, every group) of an organisation and
///    quarter, half year or year is derivable (rank). Small means below the smallest k of
///    the organisation's files of that calendar year: a count no file shows is protected at
///    the weakest promise made for that year, while every cell a file withholds keeps its
///    own file's k (check 4);
/// 4. every withheld, merged or banded cell with a small true value (for its own file's k)
///    keeps an interval reaching n + 1 (a band: its top), at least 2 wide, able to be 0 when
///    sensitive (a strict file: always), for outsiders and for each insider (whose own cell
///    may stop at 1).
///
/// A cell of check 4 that the files published before its own file already pin (a strict
/// file that bands a value standard files gave before) is no failure of this file: its
/// value was published at the earlier file's k, and no later file can take that back. It
/// is listed in [`Audit::pre_existing`].
pub fn audit(
    oracle: &mut Oracle,
    vocab: &Vocabulary,
    truth: &Truth,
    insiders: &[TrueDossier],
) -> Audit {
    let mut failures = Vec::new();
    let mut pre_existing = Vec::new();
    let mut counts = 0;
    let mut cells = 0;
    for p in oracle.published() {
        if (1..p.k).contains(&p.value) {
            failures.push(format!("{}: a published value between 1 and k - 1", p.what));
        }
    }
    for f in oracle.facts() {
        let n = truth.count(&f.sel);
        if n < f.lower || f.upper.is_some_and(|u| n > u) {
            failures.push(format!(
                "{}: the file says {}..{:?} but the dossiers it counted are {n}",
                f.what, f.lower, f.upper
            ));
        }
    }
    let (orgs, years) = truth.orgs_years();
    for &org in &orgs {
        for &year in &years {
            let whole: BTreeSet<Quarter> = (1..=4).map(|q| (year, q)).collect();
            let Some(k) = oracle.k_for(org, &whole) else {
                continue;
            };
            for (part, quarters) in calendar_parts(year) {
                for (name, sel) in count_selections(oracle, vocab, org, &quarters) {
                    let n = truth.count(&sel);
                    if !(1..k).contains(&n) {
                        continue;
                    }
                    let Some(v) = oracle.vector(&sel) else {
                        continue;
                    };
                    counts += 1;
                    if oracle.derivable(&v) {
                        failures.push(format!(
                            "organisation {org}, {part}, {name} = {n} (small for k = {k}) is derivable from the files"
                        ));
                    }
                }
            }
        }
    }
    let insiders: Vec<(TrueDossier, Insider)> = insiders
        .iter()
        .map(|d| (d.clone(), oracle.insider(d)))
        .collect();
    let releases = oracle.releases().to_vec();
    let mut before: BTreeMap<usize, Oracle> = BTreeMap::new();
    // Whether the files before the subject's own file already fail it the same way.
    let mut pinned_before = |s: &Subject, n: u64, d: Option<&TrueDossier>| -> bool {
        if s.file == 0 {
            return false;
        }
        let o = before
            .entry(s.file)
            .or_insert_with(|| Oracle::new(vocab, &releases[..s.file]));
        let Some(v) = o.vector(&s.sel) else {
            return false;
        };
        let insider = d.map(|d| o.insider(d));
        let iv = o.interval(&v, insider.as_ref());
        !interval_failures(s, n, &iv, d.is_some_and(|d| d.in_sel(&s.sel))).is_empty()
    };
    let subjects = oracle.subjects().to_vec();
    for s in &subjects {
        let n = truth.count(&s.sel);
        if !(1..s.k).contains(&n) {
            continue;
        }
        let v = oracle.vector(&s.sel).expect("a subject is expressible");
        cells += 1;
        let iv = oracle.interval(&v, None);
        let f = interval_failures(s, n, &iv, false);
        if !f.is_empty() {
            let text = format!(
                "{} (true {n}): outsider interval {}..{:?}: {}",
                s.what,
                iv.min,
                iv.max,
                f.join(", ")
            );
            if pinned_before(s, n, None) {
                pre_existing.push(text);
            } else {
                failures.push(text);
            }
        }
        for (d, insider) in &insiders {
            let iv = oracle.interval(&v, Some(insider));
            let own = d.in_sel(&s.sel);
            let f = interval_failures(s, n, &iv, own);
            if !f.is_empty() {
                let text = format!(
                    "{} (true {n}): insider {d:?} finds {}..{:?}: {}",
                    s.what,
                    iv.min,
                    iv.max,
                    f.join(", ")
                );
                if pinned_before(s, n, Some(d)) {
                    pre_existing.push(text);
                } else {
                    failures.push(text);
                }
            }
        }
    }
    Audit {
        failures,
        pre_existing,
        small_counts: counts,
        small_cells: cells,
        insiders: insiders.len(),
    }
}

/// What [`audit`] found and how much it looked at.
#[derive(Debug, Clone, Default)]
pub struct Audit {
    /// Why the files disclose a small count (empty: they do not).
    pub failures: Vec<String>,
    /// Weak cells that the files before their own file already pinned (see [`audit`]).
    pub pre_existing: Vec<String>,
    /// Small true counts the files could express, each checked for derivability.
    pub small_counts: usize,
    /// Withheld, merged or banded cells with a small true value, each interval-checked.
    pub small_cells: usize,
    /// Insiders whose knowledge was added.
    pub insiders: usize,
}

fn vocab() -> Vocabulary {
    let store = kluis::store::Store::create_empty(super::util::clock()).expect("store");
    Vocabulary::new(&store.categories().expect("categories"))
}

fn release(orgs: &[i64], csv: &str) -> Release {
    Release {
        orgs: orgs.to_vec(),
        k: 5,
        strict: false,
        csv: csv.replace('\n', "\r\n"),
    }
}

const HEADER: &str = "rapport,tabel,rij,kolom,periode,waarde,status\n";

#[test]
fn a_total_and_all_but_one_row_published_is_a_leak() {
    // Integriteit is withheld, but the total minus the other two groups gives it: 3.
    let csv = format!(
        "{HEADER}2025,Aantal contacten,Totaal,2025,2025,20,\n\
             2025,Aard van de meldingen (hoofdgroep),Ongewenste omgangsvormen,2025,2025,17,\n\
             2025,Aard van de meldingen (hoofdgroep),Integriteit,2025,2025,,C\n\
             2025,Aard van de meldingen (hoofdgroep),Overig,2025,2025,0,\n\
             2025,Aard van de meldingen (hoofdgroep),Totaal,2025,2025,20,\n"
    );
    let vocab = vocab();
    let mut oracle = Oracle::new(&vocab, &[release(&[1], &csv)]);
    let subject = oracle.subjects()[0].clone();
    assert_eq!(
        subject.status,
        Status::Withheld,
        "the C line is the subject"
    );
    assert!(subject.sensitive, "the integrity group is sensitive");
    let v = oracle.vector(&subject.sel).expect("expressible");
    assert!(
        oracle.derivable(&v),
        "20 - 17 - 0 gives the withheld group: the rank test must see it"
    );
    let iv = oracle.interval(&v, None);
    assert_eq!(
        (iv.min, iv.max),
        (3, Some(3)),
        "the interval of a derived cell is the single value"
    );
    let failures = interval_failures(&subject, 3, &iv, false);
    assert!(
        failures.len() >= 3,
        "upper, width and the sensitive lower bound all fail: {failures:?}"
    );
    // And the whole audit finds it, with true values that agree with the file.
    let mut truth = Truth::default();
    let cats = vocab.group("omgangsvormen").expect("group").clone();
    let integ = vocab.group("integriteit").expect("group").clone();
    for i in 0..20 {
        let cat = if i < 17 { cats.first() } else { integ.first() };
        truth.dossiers.push(TrueDossier {
            org: 1,
            quarter: (2025, 1),
            values: [(Attr::Category, [cat.expect("a category").clone()].into())].into(),
        });
    }
    let findings = audit(&mut oracle, &vocab, &truth, &[]).failures;
    assert!(
        findings
            .iter()
            .any(|f| f.contains("Integriteit") && f.contains("outsider interval 3..Some(3)")),
        "the audit reports the withheld group: {findings:?}"
    );
    assert!(
        findings.iter().any(|f| f.contains("derivable")),
        "the audit reports the small group count as derivable: {findings:?}"
    );
}

#[test]
fn a_band_and_a_sum_that_narrow_it_are_a_leak() {
    // Q1 and Q2 are each banded 1-4 and the half year is 7: each quarter is 3 or 4.
    let q1 = format!("{HEADER}2025-Q1,Aantal contacten,Totaal,1e kwartaal 2025,2025-Q1,1-4,B\n");
    let q2 = format!("{HEADER}2025-Q2,Aantal contacten,Totaal,2e kwartaal 2025,2025-Q2,1-4,B\n");
    let h1 = format!("{HEADER}2025-H1,Aantal contacten,Totaal,1e halfjaar 2025,2025-H1,7,\n");
    let vocab = vocab();
    let mut oracle = Oracle::new(
        &vocab,
        &[release(&[1], &q1), release(&[1], &q2), release(&[1], &h1)],
    );
    let band = oracle.subjects()[0].clone();
    assert_eq!(band.status, Status::Banded, "the Q1 band is a subject");
    let v = oracle.vector(&band.sel).expect("expressible");
    assert!(
        !oracle.derivable(&v),
        "Q1 alone is not a linear function of the files (only its sum with Q2 is)"
    );
    let iv = oracle.interval(&v, None);
    assert_eq!(
        (iv.min, iv.max),
        (3, Some(4)),
        "7 minus at most 4 leaves Q1 at 3 or 4"
    );
    assert!(
        !interval_failures(&band, 3, &iv, false).is_empty(),
        "a band narrowed to width 1 is a leak"
    );
    // Without the half year the band is intact.
    let mut alone = Oracle::new(&vocab, &[release(&[1], &q1), release(&[1], &q2)]);
    let v = alone.vector(&band.sel).expect("expressible");
    let iv = alone.interval(&v, None);
    assert_eq!((iv.min, iv.max), (1, Some(4)), "a band alone is 1..4");
    assert!(
        interval_failures(&band, 3, &iv, false).is_empty(),
        "a band alone passes for n = 3"
    );
}

#[test]
fn a_shown_row_holds_more_than_k_and_an_insider_narrows() {
    // Relation: Collega shown but withheld; the rest merged. The rule says Collega >= 6,
    // so with a total of 8 the merged rows hold at most 2 together.
    let csv = format!(
        "{HEADER}2025,Aantal contacten,Totaal,2025,2025,8,\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Collega,2025,2025,,C\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Overig (samengevoegd),2025,2025,,C\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Totaal,2025,2025,8,\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Leidinggevende,2025,2025,,S\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Ondergeschikte,2025,2025,,S\n\
             2025,Relatie tot de persoon over wie gemeld wordt,\"Extern (cliënt, patiënt, leerling, publiek)\",2025,2025,,S\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Onbekend,2025,2025,,S\n"
    );
    let vocab = vocab();
    let mut oracle = Oracle::new(&vocab, &[release(&[1], &csv)]);
    let overig = oracle
        .subjects()
        .iter()
        .find(|s| s.what.contains("Overig (samengevoegd)"))
        .expect("the merged row")
        .clone();
    let v = oracle.vector(&overig.sel).expect("expressible");
    let iv = oracle.interval(&v, None);
    assert_eq!(
        (iv.min, iv.max),
        (0, Some(2)),
        "a shown row holds at least k + 1 = 6, so the merged rows hold 0..2 of 8"
    );
    let leiding = oracle
        .subjects()
        .iter()
        .find(|s| s.what.contains("Leidinggevende"))
        .expect("a merged code")
        .clone();
    let v = oracle.vector(&leiding.sel).expect("expressible");
    let insider = TrueDossier {
        org: 1,
        quarter: (2025, 2),
        values: [(Attr::Relation, ["leidinggevende".to_owned()].into())].into(),
    };
    let insider = oracle.insider(&insider);
    let iv = oracle.interval(&v, Some(&insider));
    assert_eq!(
        (iv.min, iv.max),
        (1, Some(2)),
        "an insider who complained about a manager knows the merged code is 1 or 2"
    );
}

#[test]
fn several_actions_per_dossier_are_counted_as_unions() {
    // Rows add up to more than the total: a dossier can have several actions. The merged
    // row counts dossiers with any of its actions once, so it lies between its largest code
    // (each at most 5) and the total.
    let t = "Ondernomen acties (meer per contact mogelijk)";
    let mut csv = format!(
        "{HEADER}2025,Aantal contacten,Totaal,2025,2025,10,\n\
         2025,{t},Luisterend oor,2025,2025,9,\n\
         2025,{t},Advies en informatie,2025,2025,7,\n\
         2025,{t},Overig (samengevoegd),2025,2025,,C\n\
         2025,{t},Totaal,2025,2025,10,\n"
    );
    for a in [
        "Verwijzing",
        "Begeleiding bij gesprek",
        "Bemiddeling via derde",
        "Formele klacht",
        "Interne melding misstand",
    ] {
        csv.push_str(&format!("2025,{t},{a},2025,2025,,S\n"));
    }
    let vocab = vocab().with_multi_valued(&[Attr::Action]);
    let mut oracle = Oracle::new(&vocab, &[release(&[1], &csv)]);
    let merged = oracle
        .subjects()
        .iter()
        .find(|s| s.status == Status::Withheld)
        .expect("the merged row is withheld")
        .clone();
    let v = oracle.vector(&merged.sel).expect("expressible");
    assert!(
        !oracle.derivable(&v),
        "a union of actions is not a function of the published counts"
    );
    let iv = oracle.interval(&v, None);
    assert_eq!(
        (iv.min, iv.max),
        (0, Some(10)),
        "the merged actions lie between 0 and the total (each code at most 5, five codes)"
    );
}
