//! The kinds of report table: what each shows, its stable code (the release ledger and the
//! CSV name tables by it), its title, the section of the report it belongs in (domain.md)
//! and its rows before recoding.

use super::RowDesign;
use crate::Lang;
use crate::model::{
    Action, Attribute, Category, CategoryGroup, ContactType, DurationBand, Outcome, Relation,
    ReporterRole,
};
use crate::report::model::Label;
use std::collections::BTreeSet;

/// A kind of table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableKind {
    /// The number of contacts (per part of the period).
    Total,
    /// A breakdown by one attribute.
    By(Attribute),
    /// Categories (detailed or groups) by relation, over the whole period.
    Cross(Attribute),
}

impl TableKind {
    /// The attribute of the rows (`None` for the total).
    pub fn attribute(self) -> Option<Attribute> {
        match self {
            TableKind::Total => None,
            TableKind::By(a) | TableKind::Cross(a) => Some(a),
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            TableKind::Total => "totaal",
            TableKind::By(a) => attribute_code(a),
            TableKind::Cross(Attribute::Category) => "categorie_relatie",
            TableKind::Cross(_) => "categorie_groep_relatie",
        }
    }

    /// The report section (domain.md): 3 contacts, 4 nature, 5 characteristics, 6 handling.
    pub fn section(self) -> u8 {
        match self {
            TableKind::Total | TableKind::By(Attribute::ContactType) => 3,
            TableKind::By(Attribute::Category | Attribute::Group) => 4,
            TableKind::By(Attribute::Relation | Attribute::Role) | TableKind::Cross(_) => 5,
            TableKind::By(Attribute::Outcome | Attribute::Action | Attribute::Duration) => 6,
        }
    }

    /// The title in both languages.
    pub fn title(self) -> Label {
        let (nl, en) = match self {
            TableKind::Total => ("Aantal contacten", "Number of contacts"),
            TableKind::By(Attribute::ContactType) => ("Soort contact", "Kind of contact"),
            TableKind::By(Attribute::Group) => (
                "Aard van de meldingen (hoofdgroep)",
                "Nature of reports (group)",
            ),
            TableKind::By(Attribute::Category) => ("Aard van de meldingen", "Nature of reports"),
            TableKind::By(Attribute::Relation) => (
                "Relatie tot de persoon over wie gemeld wordt",
                "Relation to the person complained about",
            ),
            TableKind::By(Attribute::Outcome) => ("Afloop", "Outcome"),
            TableKind::By(Attribute::Role) => ("Positie van de melder", "Reporter's role"),
            TableKind::By(Attribute::Action) => (
                "Ondernomen acties (meer per contact mogelijk)",
                "Actions taken (several per contact possible)",
            ),
            TableKind::By(Attribute::Duration) => ("Doorlooptijd", "Duration"),
            TableKind::Cross(Attribute::Category) => (
                "Aard van de meldingen naar relatie",
                "Nature of reports by relation",
            ),
            TableKind::Cross(_) => (
                "Aard van de meldingen (hoofdgroep) naar relatie",
                "Nature of reports (group) by relation",
            ),
        };
        Label::new(self.code(), nl, en)
    }

    /// The rows before recoding: every code of the attribute (the total table: one row).
    pub fn rows(self, categories: &[Category]) -> Vec<RowDesign> {
        match self.attribute() {
            None => vec![RowDesign {
                label: Label::new("totaal", "Totaal", "Total"),
                codes: BTreeSet::new(),
            }],
            Some(a) => attribute_rows(a, categories),
        }
    }
}

/// The table code of a breakdown by one attribute.
pub fn attribute_code(a: Attribute) -> &'static str {
    match a {
        Attribute::ContactType => "contacttype",
        Attribute::Category => "categorie",
        Attribute::Group => "categorie_groep",
        Attribute::Relation => "relatie",
        Attribute::Outcome => "afloop",
        Attribute::Role => "rol_melder",
        Attribute::Action => "actie",
        Attribute::Duration => "duur",
    }
}

fn row(code: &str, nl: &str, en: &str) -> RowDesign {
    RowDesign {
        label: Label::new(code, nl, en),
        codes: BTreeSet::from([code.to_owned()]),
    }
}

/// One row per code of an attribute, in vocabulary order.
pub fn attribute_rows(a: Attribute, categories: &[Category]) -> Vec<RowDesign> {
    fn vocab<T: Copy>(
        all: &[T],
        f: impl Fn(T) -> (&'static str, &'static str, &'static str),
    ) -> Vec<RowDesign> {
        all.iter()
            .map(|&v| {
                let (c, nl, en) = f(v);
                row(c, nl, en)
            })
            .collect()
    }
    match a {
        Attribute::ContactType => vocab(ContactType::ALL, |v| {
            (v.code(), v.label(Lang::Nl), v.label(Lang::En))
        }),
        Attribute::Category => categories
            .iter()
            .map(|c| row(&c.code, &c.label_nl, &c.label_en))
            .collect(),
        Attribute::Group => vocab(CategoryGroup::ALL, |v| {
            (v.code(), v.label(Lang::Nl), v.label(Lang::En))
        }),
        Attribute::Relation => vocab(Relation::ALL, |v| {
            (v.code(), v.label(Lang::Nl), v.label(Lang::En))
        }),
        Attribute::Outcome => vocab(Outcome::ALL, |v| {
            (v.code(), v.label(Lang::Nl), v.label(Lang::En))
        }),
        Attribute::Role => vocab(ReporterRole::ALL, |v| {
            (v.code(), v.label(Lang::Nl), v.label(Lang::En))
        }),
        Attribute::Action => vocab(Action::ALL, |v| {
            (v.code(), v.label(Lang::Nl), v.label(Lang::En))
        }),
        Attribute::Duration => vocab(&DurationBand::ALL, |v| {
            (v.code(), v.label(Lang::Nl), v.label(Lang::En))
        }),
    }
}

/// Whether a category is sensitive: a count of it must always be able to be 0 when
/// withheld (sexual harassment, discrimination, every integrity category).
pub fn sensitive_category(c: &Category) -> bool {
    c.group == CategoryGroup::Integriteit
        || c.code == "seksuele_intimidatie"
        || c.code == "discriminatie"
}
