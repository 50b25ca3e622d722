//! Typed selections of dossiers: which dossiers a report cell counts. A [`Selection`] names
//! organisations, quarters and, per coded attribute, the values a dossier must have (any of
//! them, for attributes that hold several values such as categories); a [`CellQuery`] is a
//! selection or the difference of two queries. The release ledger stores every published
//! and protected cell as a query, so that it can be evaluated on the dossiers of any later
//! report, whatever its table design: a year's category table, its quarters, or a pooled
//! report over several organisations all select from the same dossiers.
//!
//! A query holds codes only (organisation ids, quarter codes, vocabulary codes), never case
//! content.

use super::{ReportPeriod, ReportableDossier};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A coded attribute of a dossier that a report may break down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    /// Kind of contact (consult, report of undesirable behaviour, ...).
    ContactType,
    /// Detailed category (several per dossier).
    Category,
    /// Category group (several per dossier).
    Group,
    /// Relation to the person complained about.
    Relation,
    /// Outcome.
    Outcome,
    /// Reporter's role.
    Role,
    /// Actions taken (several per dossier).
    Action,
    /// How long the dossier took (duration band).
    Duration,
}

impl Attribute {
    /// Every attribute, in report order.
    pub const ALL: [Attribute; 8] = [
        Attribute::ContactType,
        Attribute::Category,
        Attribute::Group,
        Attribute::Relation,
        Attribute::Outcome,
        Attribute::Role,
        Attribute::Action,
        Attribute::Duration,
    ];

    /// Whether a dossier can have several values.
    pub fn multi_valued(self) -> bool {
        matches!(
            self,
            Attribute::Category | Attribute::Group | Attribute::Action
        )
    }

    /// The codes a dossier has for this attribute.
    pub fn values(self, d: &ReportableDossier) -> Vec<String> {
        match self {
            Attribute::ContactType => vec![d.contact_type.code().to_owned()],
            Attribute::Category => d.categories.clone(),
            Attribute::Group => d.groups.iter().map(|g| g.code().to_owned()).collect(),
            Attribute::Relation => vec![d.relation.code().to_owned()],
            Attribute::Outcome => vec![d.outcome.code().to_owned()],
            Attribute::Role => vec![d.reporter_role.code().to_owned()],
            Attribute::Action => d.actions.iter().map(|a| a.code().to_owned()).collect(),
            Attribute::Duration => vec![d.duration.code().to_owned()],
        }
    }
}

/// What a selection is evaluated on: one dossier counted in one quarter, or a phantom (a
/// dossier that could exist: a place where a table shows 0, so that whoever reads the
/// report can imagine a dossier there). An attribute a phantom lacks matches no filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The organisation.
    pub organisation: i64,
    /// The quarter it is counted in.
    pub quarter: ReportPeriod,
    /// The quarter's code (kept beside it: selections compare codes).
    pub quarter_code: String,
    /// Its codes per attribute.
    pub values: BTreeMap<Attribute, Vec<String>>,
    /// 1 for a dossier, 0 for a phantom.
    pub count: u64,
    /// Whether it belongs to a sensitive category.
    pub sensitive: bool,
}

impl Unit {
    /// A dossier counted in `quarter`.
    pub fn dossier(d: &ReportableDossier, quarter: ReportPeriod, sensitive: bool) -> Unit {
        Unit {
            organisation: d.organisation_id,
            quarter,
            quarter_code: quarter.code(),
            values: Attribute::ALL
                .into_iter()
                .map(|a| (a, a.values(d)))
                .collect(),
            count: 1,
            sensitive,
        }
    }

    /// A phantom of `organisation` in `quarter` with these attribute codes.
    pub fn phantom(
        organisation: i64,
        quarter: ReportPeriod,
        values: BTreeMap<Attribute, Vec<String>>,
        sensitive: bool,
    ) -> Unit {
        Unit {
            organisation,
            quarter,
            quarter_code: quarter.code(),
            values,
            count: 0,
            sensitive,
        }
    }
}

/// Dossiers of some organisations, opened (counted) in some quarters, with, per attribute,
/// at least one of the listed codes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Selection {
    /// Organisation ids.
    pub organisations: BTreeSet<i64>,
    /// Quarter codes (`2025-Q1`).
    pub quarters: BTreeSet<String>,
    /// Per attribute, the accepted codes; an attribute not listed is not filtered.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub filters: BTreeMap<Attribute, BTreeSet<String>>,
}

impl Selection {
    /// Every dossier of these organisations counted in the quarters of these periods.
    pub fn new(
        organisations: impl IntoIterator<Item = i64>,
        periods: impl IntoIterator<Item = ReportPeriod>,
    ) -> Selection {
        Selection {
            organisations: organisations.into_iter().collect(),
            quarters: periods
                .into_iter()
                .flat_map(ReportPeriod::quarters)
                .map(ReportPeriod::code)
                .collect(),
            filters: BTreeMap::new(),
        }
    }

    /// The same, restricted to dossiers with one of `codes` for `attribute` (added to a
    /// filter already there: the codes of one attribute are alternatives).
    pub fn with<S: Into<String>>(
        mut self,
        attribute: Attribute,
        codes: impl IntoIterator<Item = S>,
    ) -> Selection {
        self.filters
            .entry(attribute)
            .or_default()
            .extend(codes.into_iter().map(Into::into));
        self
    }

    /// Whether the unit is selected.
    pub fn matches(&self, unit: &Unit) -> bool {
        self.organisations.contains(&unit.organisation)
            && self.quarters.contains(&unit.quarter_code)
            && self.filters.iter().all(|(attribute, codes)| {
                unit.values
                    .get(attribute)
                    .is_some_and(|vs| vs.iter().any(|v| codes.contains(v)))
            })
    }

    /// The calendar years of its quarters.
    pub fn years(&self) -> BTreeSet<i32> {
        self.quarters
            .iter()
            .filter_map(|q| ReportPeriod::parse(q).ok())
            .map(ReportPeriod::year)
            .collect()
    }
}

/// Which dossiers a cell counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellQuery {
    /// A selection.
    Select(Selection),
    /// The dossiers of the first query that the second does not select (a difference of
    /// nested cells, such as a year minus one of its quarters).
    Minus(Box<CellQuery>, Box<CellQuery>),
}

impl CellQuery {
    /// Whether the unit is counted.
    pub fn matches(&self, unit: &Unit) -> bool {
        match self {
            CellQuery::Select(s) => s.matches(unit),
            CellQuery::Minus(a, b) => a.matches(unit) && !b.matches(unit),
        }
    }

    /// The organisations it can select.
    pub fn organisations(&self) -> BTreeSet<i64> {
        match self {
            CellQuery::Select(s) => s.organisations.clone(),
            CellQuery::Minus(a, _) => a.organisations(),
        }
    }

    /// The calendar years it can select.
    pub fn years(&self) -> BTreeSet<i32> {
        match self {
            CellQuery::Select(s) => s.years(),
            CellQuery::Minus(a, _) => a.years(),
        }
    }

    /// The organisation sets of its selections (one for a selection, both sides' for a
    /// difference).
    pub fn organisation_sets(&self) -> Vec<&BTreeSet<i64>> {
        match self {
            CellQuery::Select(s) => vec![&s.organisations],
            CellQuery::Minus(a, b) => {
                let mut out = a.organisation_sets();
                out.extend(b.organisation_sets());
                out
            }
        }
    }

    /// The same query with every organisation set replaced by `map` of it (joint reports
    /// rename participants between vaults).
    pub fn map_organisations(&self, map: &dyn Fn(&BTreeSet<i64>) -> BTreeSet<i64>) -> CellQuery {
        match self {
            CellQuery::Select(s) => CellQuery::Select(Selection {
                organisations: map(&s.organisations),
                ..s.clone()
            }),
            CellQuery::Minus(a, b) => CellQuery::Minus(
                Box::new(a.map_organisations(map)),
                Box::new(b.map_organisations(map)),
            ),
        }
    }

    /// The query as stored (JSON, canonical: every set is ordered).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a query always serialises")
    }

    /// A stored query.
    pub fn from_json(text: &str) -> Option<CellQuery> {
        serde_json::from_str(text).ok()
    }
}

impl From<Selection> for CellQuery {
    fn from(s: Selection) -> CellQuery {
        CellQuery::Select(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ContactType, DurationBand, Outcome, Relation, ReporterRole};

    fn dossier(categories: &[&str]) -> ReportableDossier {
        ReportableDossier {
            organisation_id: 7,
            contact_type: ContactType::MeldingOmgangsvormen,
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            groups: Vec::new(),
            reporter_role: ReporterRole::Medewerker,
            relation: Relation::Collega,
            outcome: Outcome::Onbekend,
            actions: Vec::new(),
            duration: DurationBand::Open,
            gender: None,
        }
    }

    #[test]
    fn a_selection_takes_any_listed_code_and_every_filter() {
        let q1 = ReportPeriod::Quarter(2025, 1);
        let unit = Unit::dossier(&dossier(&["pesten", "intimidatie"]), q1, false);
        let year = Selection::new([7], [ReportPeriod::Year(2025)]);
        assert!(year.matches(&unit), "the year holds its first quarter");
        assert!(
            year.clone()
                .with(Attribute::Category, ["pesten", "discriminatie"])
                .matches(&unit),
            "one listed category is enough"
        );
        assert!(
            !year
                .clone()
                .with(Attribute::Category, ["pesten"])
                .with(Attribute::Relation, ["leidinggevende"])
                .matches(&unit),
            "every attribute filter must hold"
        );
        assert!(
            !Selection::new([8], [ReportPeriod::Year(2025)]).matches(&unit),
            "another organisation's selection does not count it"
        );
        let h2 = Selection::new([7], [ReportPeriod::Half(2025, 2)]);
        let minus = CellQuery::Minus(Box::new(year.into()), Box::new(h2.into()));
        assert!(
            minus.matches(&unit),
            "the year minus its second half holds Q1"
        );
    }

    #[test]
    fn a_phantom_without_an_attribute_matches_no_filter_on_it() {
        let q1 = ReportPeriod::Quarter(2025, 1);
        let phantom = Unit::phantom(
            7,
            q1,
            [(Attribute::Category, vec!["pesten".to_owned()])].into(),
            false,
        );
        let all = Selection::new([7], [q1]);
        assert!(all.matches(&phantom), "a total counts the phantom");
        assert!(
            !all.with(Attribute::Relation, ["collega"]).matches(&phantom),
            "the phantom has no relation"
        );
    }

    #[test]
    fn queries_round_trip_through_json() {
        let q = CellQuery::Minus(
            Box::new(
                Selection::new([3, 5], [ReportPeriod::Year(2025)])
                    .with(Attribute::Outcome, ["onbekend"])
                    .into(),
            ),
            Box::new(Selection::new([3], [ReportPeriod::Half(2025, 1)]).into()),
        );
        let text = q.to_json();
        assert_eq!(
            CellQuery::from_json(&text),
            Some(q),
            "stored queries read back"
        );
        assert!(!text.contains("notes"), "a query holds codes only: {text}");
    }
}
