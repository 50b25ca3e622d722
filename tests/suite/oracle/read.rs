//! Reading the published files: every CSV line placed as a fact, a subject or a
//! published value (a line the oracle cannot place panics).

use super::*;

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

    pub(super) fn read(&mut self, file: usize, r: &Release) {
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
    pub(super) fn row_codes(
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

    pub(super) fn row_attr(spec: Spec) -> Option<Attr> {
        match spec {
            Spec::Total => None,
            Spec::By(a) => Some(a),
            Spec::Groups | Spec::Cross { .. } => Some(Attr::Category),
        }
    }

    pub(super) fn read_table(
        &mut self,
        file: usize,
        r: &Release,
        title: &str,
        lines: &[csv::StringRecord],
    ) {
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
    pub(super) fn normalise(&self, sel: &Sel) -> Sel {
        let mut out = sel.clone();
        out.conds
            .retain(|a, codes| self.vocab.is_multi(*a) || *codes != self.vocab.all(*a));
        out
    }
}
