//! What the oracle checks at the end of a history: the true dossiers, the counts and
//! cells looked at, and the four checks.

use super::*;

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
    pub(super) fn orgs_years(&self) -> (BTreeSet<i64>, BTreeSet<i32>) {
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
