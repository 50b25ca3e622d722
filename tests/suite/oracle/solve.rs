//! The two questions: derivable (exact rank) and interval (integer programs, each answer
//! checked exactly), for outsiders and insiders.

use super::*;

impl Oracle {
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
    pub(super) fn program(
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
    pub(super) fn satisfies(&self, values: &[i64], insider: Option<&Insider>) -> bool {
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
    pub(super) fn optimise(
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

    pub(super) fn solve_interval(&mut self, v: &Vector, insider: Option<&Insider>) -> Solved {
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
