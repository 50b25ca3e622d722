//! Suggestions for the mapping: which column is which field (from the headers), and which
//! Kluis code a spreadsheet value probably means. A suggestion is only ever a proposal that
//! the advisor confirms (in the app) or reviews in the drafted mapping file (CLI); a value
//! nobody mapped is an error in the dry run, never guessed silently.

use super::mapping::Field;
use super::text::fold;
use crate::Lang;
use crate::model::{Category, ContactType, Organisation, Outcome, Relation, ReporterRole};

/// What a coded field's value can become: a code (or an organisation's name) and the words
/// that name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The value to store (a code; for organisations the name).
    pub code: String,
    /// What it is called, folded: the code, the Dutch and English labels, synonyms.
    names: Vec<String>,
}

/// Words spreadsheets use for Kluis codes, beyond their labels.
const SYNONYMS: &[(Field, &str, &str)] = &[
    (Field::ContactType, "advies", "consult"),
    (Field::ContactType, "sparren", "consult"),
    (Field::ContactType, "vraag", "consult"),
    (Field::ContactType, "melding", "melding_omgangsvormen"),
    (
        Field::ContactType,
        "ongewenst gedrag",
        "melding_omgangsvormen",
    ),
    (Field::ContactType, "integriteit", "melding_integriteit"),
    (Field::ContactType, "misstand", "vermoeden_misstand"),
    (Field::ContactType, "klokkenluider", "vermoeden_misstand"),
    (Field::ContactType, "wbk", "vermoeden_misstand"),
    (
        Field::Categories,
        "ongewenste intimiteiten",
        "seksuele_intimidatie",
    ),
    (Field::Categories, "seksueel", "seksuele_intimidatie"),
    (Field::Categories, "agressie", "agressie_geweld"),
    (Field::Categories, "geweld", "agressie_geweld"),
    (Field::Categories, "werkdruk", "werkdruk_conflict"),
    (Field::Categories, "conflict", "werkdruk_conflict"),
    (Field::Categories, "arbeidsconflict", "werkdruk_conflict"),
    (Field::Categories, "fraude", "fraude_diefstal"),
    (Field::Categories, "diefstal", "fraude_diefstal"),
    (
        Field::Categories,
        "belangenverstrengeling",
        "belangenverstrengeling",
    ),
    (Field::ReporterRole, "werknemer", "medewerker"),
    (Field::ReporterRole, "personeelslid", "medewerker"),
    (Field::ReporterRole, "manager", "leidinggevende"),
    (Field::ReporterRole, "stagiair", "flexibel"),
    (Field::ReporterRole, "uitzendkracht", "flexibel"),
    (Field::ReporterRole, "zzp", "flexibel"),
    (Field::ReporterRole, "vrijwilliger", "flexibel"),
    (Field::ReporterRole, "ex medewerker", "oud_medewerker"),
    (Field::Relation, "manager", "leidinggevende"),
    (Field::Relation, "chef", "leidinggevende"),
    (Field::Relation, "klant", "extern"),
    (Field::Relation, "client", "extern"),
    (Field::Relation, "patient", "extern"),
    (Field::Relation, "leerling", "extern"),
    (Field::Relation, "medewerker", "collega"),
    (Field::Outcome, "opgelost", "informeel_opgelost"),
    (Field::Outcome, "klacht", "formele_klacht"),
    (Field::Outcome, "geen actie", "geen_vervolg"),
    (Field::Outcome, "doorverwijzing", "doorverwezen"),
    (Field::Outcome, "verwezen", "doorverwezen"),
];

/// Words in headers, per field.
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Organisation,
        &[
            "organisatie",
            "organisation",
            "klant",
            "opdrachtgever",
            "werkgever",
            "bedrijf",
            "client",
        ],
    ),
    (
        Field::OpenedOn,
        &[
            "datum",
            "date",
            "geopend",
            "opened",
            "begindatum",
            "startdatum",
            "datum melding",
            "eerste contact",
            "aanmelddatum",
        ],
    ),
    (
        Field::ClosedOn,
        &[
            "gesloten",
            "closed",
            "afgesloten",
            "einddatum",
            "datum afsluiting",
            "afsluitdatum",
        ],
    ),
    (
        Field::ContactType,
        &[
            "soort",
            "type",
            "soort contact",
            "contacttype",
            "contact type",
            "soort melding",
            "aard contact",
        ],
    ),
    (
        Field::Categories,
        &[
            "categorie",
            "categorieen",
            "category",
            "categories",
            "onderwerp",
            "thema",
            "aard",
            "aard van de melding",
        ],
    ),
    (
        Field::Relation,
        &[
            "relatie",
            "relation",
            "relatie tot",
            "relatie beklaagde",
            "wie",
        ],
    ),
    (
        Field::ReporterRole,
        &["rol", "role", "rol melder", "functie melder", "melder"],
    ),
    (
        Field::Outcome,
        &["uitkomst", "outcome", "resultaat", "afloop", "afhandeling"],
    ),
    (
        Field::Minutes,
        &[
            "minuten",
            "minutes",
            "duur",
            "tijd",
            "bestede tijd",
            "tijdsbesteding",
            "gespreksduur",
        ],
    ),
    (
        Field::Notes,
        &[
            "notities",
            "notes",
            "notitie",
            "opmerking",
            "opmerkingen",
            "toelichting",
            "aantekeningen",
            "omschrijving",
        ],
    ),
];

/// The targets of a coded field.
pub fn targets(
    field: Field,
    organisations: &[Organisation],
    categories: &[Category],
) -> Vec<Target> {
    fn vocab<T: Copy>(
        all: &[T],
        code: fn(T) -> &'static str,
        label: fn(T, Lang) -> &'static str,
    ) -> Vec<Target> {
        all.iter()
            .map(|&v| Target {
                code: code(v).to_owned(),
                names: vec![
                    fold(code(v)),
                    fold(label(v, Lang::Nl)),
                    fold(label(v, Lang::En)),
                ],
            })
            .collect()
    }
    let mut out = match field {
        Field::Organisation => organisations
            .iter()
            .filter(|o| !o.archived)
            .map(|o| Target {
                code: o.name.clone(),
                names: vec![fold(&o.name)],
            })
            .collect(),
        Field::Categories => categories
            .iter()
            .filter(|c| c.active)
            .map(|c| Target {
                code: c.code.clone(),
                names: vec![fold(&c.code), fold(&c.label_nl), fold(&c.label_en)],
            })
            .collect(),
        Field::ContactType => vocab(ContactType::ALL, ContactType::code, ContactType::label),
        Field::ReporterRole => vocab(ReporterRole::ALL, ReporterRole::code, ReporterRole::label),
        Field::Relation => vocab(Relation::ALL, Relation::code, Relation::label),
        Field::Outcome => vocab(Outcome::ALL, Outcome::code, Outcome::label),
        _ => Vec::new(),
    };
    for &(f, word, code) in SYNONYMS {
        if f == field
            && let Some(t) = out.iter_mut().find(|t| t.code == code)
        {
            t.names.push(fold(word));
        }
    }
    out
}

/// How sure a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// A word shares a long prefix with a name, or is one typing error from it.
    Near,
    /// A known synonym, or a name contained in the value.
    Synonym,
    /// The value is a name, apart from case, accents and punctuation.
    Exact,
}

/// The code a value most probably means, if exactly one target is the best match.
pub fn suggest_value(raw: &str, targets: &[Target]) -> Option<String> {
    let value = fold(raw);
    if value.is_empty() {
        return None;
    }
    let mut best: Option<(Strength, &str)> = None;
    let mut tie = false;
    for t in targets {
        let Some(s) = t.names.iter().filter_map(|n| strength(&value, n)).max() else {
            continue;
        };
        match best {
            Some((b, code)) if s == b && code != t.code => tie = true,
            Some((b, _)) if s <= b => {}
            _ => {
                best = Some((s, &t.code));
                tie = false;
            }
        }
    }
    match best {
        Some((_, code)) if !tie => Some(code.to_owned()),
        _ => None,
    }
}

fn strength(value: &str, name: &str) -> Option<Strength> {
    if name.is_empty() {
        return None;
    }
    if value == name || value.replace(' ', "") == name.replace(' ', "") {
        return Some(Strength::Exact);
    }
    if contains_words(value, name) {
        return Some(Strength::Synonym);
    }
    let near = value.split(' ').any(|v| {
        name.split(' ')
            .any(|n| common_prefix(v, n) >= 5.min(v.len().min(n.len())).max(4) || typo(v, n))
    });
    near.then_some(Strength::Near)
}

/// Whether `name`'s words occur in `value` in order as whole words.
fn contains_words(value: &str, name: &str) -> bool {
    format!(" {value} ").contains(&format!(" {name} "))
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// One edit apart for words of 5 letters or more, two for 9 or more.
fn typo(a: &str, b: &str) -> bool {
    let n = a.chars().count().min(b.chars().count());
    let allowed = if n >= 9 {
        2
    } else if n >= 5 {
        1
    } else {
        0
    };
    allowed > 0 && levenshtein(a, b) <= allowed
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The field a header most probably names; `None` when no field or several fit equally.
pub fn suggest_field(header: &str) -> Option<Field> {
    let h = fold(header);
    if h.is_empty() {
        return None;
    }
    let mut best: Option<(usize, Field)> = None;
    let mut tie = false;
    for &(field, words) in HEADERS {
        // Exact header beats a header that contains the word; longer words beat shorter.
        let score = words
            .iter()
            .filter_map(|w| {
                if h == *w {
                    Some(1000 + w.len())
                } else if contains_words(&h, w) {
                    Some(w.len())
                } else {
                    None
                }
            })
            .max();
        if let Some(s) = score {
            match best {
                Some((b, f)) if s == b && f != field => tie = true,
                Some((b, _)) if s <= b => {}
                _ => {
                    best = Some((s, field));
                    tie = false;
                }
            }
        }
    }
    if tie { None } else { best.map(|(_, f)| f) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(code: &str, nl: &str, en: &str) -> Category {
        Category {
            code: code.into(),
            label_nl: nl.into(),
            label_en: en.into(),
            group: crate::model::CategoryGroup::Omgangsvormen,
            active: true,
        }
    }

    fn categories() -> Vec<Category> {
        vec![
            category("pesten", "Pesten", "Bullying"),
            category(
                "intimidatie",
                "Intimidatie (niet-seksueel)",
                "Intimidation (non-sexual)",
            ),
            category(
                "seksuele_intimidatie",
                "Seksuele intimidatie",
                "Sexual harassment",
            ),
            category(
                "agressie_geweld",
                "Agressie en geweld",
                "Aggression and violence",
            ),
            category("discriminatie", "Discriminatie", "Discrimination"),
            category(
                "werkdruk_conflict",
                "Werkdruk of arbeidsconflict",
                "Work pressure or workplace conflict",
            ),
        ]
    }

    #[test]
    fn spellings_of_a_category_are_suggested_as_its_code() {
        let t = targets(Field::Categories, &[], &categories());
        for raw in [
            "Pesten", "PESTEN", " pesten ", "pesterij", "Bullying", "Pesten!",
        ] {
            assert_eq!(
                suggest_value(raw, &t).as_deref(),
                Some("pesten"),
                "{raw} means pesten"
            );
        }
        assert_eq!(
            suggest_value("Discrimnatie", &t).as_deref(),
            Some("discriminatie"),
            "one typo"
        );
        assert_eq!(
            suggest_value("Agressie", &t).as_deref(),
            Some("agressie_geweld"),
            "synonym"
        );
        assert_eq!(
            suggest_value("seksuele intimidatie", &t).as_deref(),
            Some("seksuele_intimidatie"),
            "an exact label beats the shorter label it contains"
        );
    }

    #[test]
    fn a_value_that_fits_nothing_gets_no_suggestion() {
        let t = targets(Field::Categories, &[], &categories());
        assert_eq!(
            suggest_value("Parkeren", &t),
            None,
            "unrelated: never guessed"
        );
        assert_eq!(suggest_value("", &t), None);
        assert_eq!(
            suggest_value("x", &t),
            None,
            "too short to be near anything"
        );
    }

    #[test]
    fn vocabularies_are_suggested_from_their_labels_and_synonyms() {
        let t = targets(Field::ReporterRole, &[], &[]);
        assert_eq!(suggest_value("Stagiair", &t).as_deref(), Some("flexibel"));
        assert_eq!(
            suggest_value("Oud-medewerker", &t).as_deref(),
            Some("oud_medewerker")
        );
        assert_eq!(
            suggest_value("Former employee", &t).as_deref(),
            Some("oud_medewerker")
        );
        let t = targets(Field::ContactType, &[], &[]);
        assert_eq!(suggest_value("Consult", &t).as_deref(), Some("consult"));
        assert_eq!(
            suggest_value("Integriteitsmelding", &t).as_deref(),
            Some("melding_integriteit")
        );
    }

    #[test]
    fn headers_are_matched_to_fields() {
        assert_eq!(suggest_field("Organisatie"), Some(Field::Organisation));
        assert_eq!(suggest_field("Datum melding"), Some(Field::OpenedOn));
        assert_eq!(suggest_field("Datum afsluiting"), Some(Field::ClosedOn));
        assert_eq!(suggest_field("Categorieën"), Some(Field::Categories));
        assert_eq!(suggest_field("Bestede tijd (min)"), Some(Field::Minutes));
        assert_eq!(suggest_field("Rol melder"), Some(Field::ReporterRole));
        assert_eq!(suggest_field("Kolom zonder betekenis"), None);
    }
}
