//! The marginal model: blocks of quarters, classes of codes, variables, and the
//! constraints every fact becomes.

use super::*;

impl Oracle {
    /// Blocks, classes, variables and the constraints of the facts.
    pub(super) fn build(&mut self) {
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

    pub(super) fn var(&mut self, v: Var) -> usize {
        if let Some(&i) = self.index.get(&v) {
            return i;
        }
        let i = self.vars.len();
        self.vars.push(v.clone());
        self.index.insert(v, i);
        self.cache.clear();
        i
    }

    pub(super) fn equation(&mut self, v: Vector, rhs: i64) {
        self.echelon
            .insert(v.0.iter().map(|&(i, c)| (i, i128::from(c))).collect());
        self.equations.push((v, rhs));
        self.cache.clear();
    }

    pub(super) fn ge(&mut self, v: Vector, rhs: i64) {
        self.inequalities.push((v, Cmp::Ge, rhs));
        self.cache.clear();
    }

    pub(super) fn le(&mut self, v: Vector, rhs: i64) {
        self.inequalities.push((v, Cmp::Le, rhs));
        self.cache.clear();
    }

    /// The blocks of `org` that make up `quarters` (`None`: not a union of blocks).
    pub(super) fn blocks_of(&self, org: i64, quarters: &BTreeSet<Quarter>) -> Option<Vec<usize>> {
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
    pub(super) fn classes_of(&self, a: Attr, codes: &BTreeSet<String>) -> Option<Vec<usize>> {
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
    pub(super) fn joint(&mut self, org: i64, b: usize) -> Option<()> {
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
    pub(super) fn union(
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
}
