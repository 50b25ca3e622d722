//! Whether two written names may be the same person: the conflict-of-interest check's matcher.
//! Pure and deterministic; the store runs it over every party of every organisation.
//!
//! Tolerated: case, accents and other diacritics (`Jàn` ~ `Jan`), initials (`J.` ~ `Jan`,
//! `J.P.` ~ `Jan Peter`, `Th.` ~ `Theo`), Dutch tussenvoegsels (`de`, `van der`, `v.d.`, `'t`:
//! left out on both sides, so `Jan de Vries` ~ `Jan Vries`), titles (`dhr.`, `mevr.`, `dr.`),
//! and word order (`de Vries, Jan`, `Vries, J. de`, and `Jansen Jan` ~ `Jan Jansen`).
//!
//! The rule: the surnames (every word after the tussenvoegsel, or after the comma's swap, or
//! the last word) must be the same words, and every given name or initial of the name with
//! fewer of them must fit a distinct one of the other (a word equal to a word, an initial the
//! start of a word or of another initial). A name without given names (`De Vries`) matches
//! every name with that surname: such a match is marked [`NameMatch::surname_only`].
//! Nicknames (`Hans` ~ `Johannes`) and spelling variants (`ij` ~ `y`) are not matched.
//!
//! ```
//! use kluis::model::names::names_match;
//! assert!(names_match("J. de Vries", "de vries, jan"));
//! assert!(!names_match("Jan de Vries", "Jan de Vos"));
//! assert!(!names_match("Jan de Vries", "Piet de Vries"));
//! ```

use std::collections::BTreeSet;

/// Dutch (and neighbouring) tussenvoegsels: never part of the compared surname.
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "te", "ten", "ter", "in", "op", "aan", "uit", "onder",
    "over", "voor", "bij", "tot", "la", "le", "les", "du", "da", "di", "del", "della", "dos",
    "das", "von", "vom", "zu", "zum", "zur", "vd", "v/d", "v.d.", "v.d", "'t",
];

/// Forms of address and academic titles: left out.
const TITLES: &[&str] = &[
    "dhr", "mevr", "mw", "mevrouw", "meneer", "heer", "hr", "dr", "drs", "mr", "ir", "ing", "prof",
];

/// How two names matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    /// One of the names has no given name or initial: only the surname agreed.
    pub surname_only: bool,
}

/// One reading of a written name: its surname words and its given names and initials.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reading {
    surname: BTreeSet<String>,
    given: Vec<Given>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Given {
    /// A whole given name.
    Word(String),
    /// An initial or an abbreviation (`j`, `th`): the start of a given name.
    Initial(String),
}

/// A name prepared for matching: every plausible reading of it (a name written without a
/// comma or tussenvoegsel may be surname-first). Parse once, compare many times.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameKey {
    /// The usual reading first; the others are only compared with names that have given
    /// names, so a lone word is never read as a given name.
    readings: Vec<Reading>,
}

impl NameKey {
    /// Parses a written name or label.
    pub fn parse(name: &str) -> NameKey {
        let folded = fold(name);
        let readings = match folded.split_once(',') {
            Some((surname, given)) => {
                let s = tokens(surname);
                let g = tokens(given);
                let mut given: Vec<Given> = Vec::new();
                let mut surname = BTreeSet::new();
                for t in s {
                    match t {
                        Token::Word(w) => {
                            surname.insert(w);
                        }
                        Token::Initial(i) => given.push(Given::Initial(i)),
                        Token::Particle => {}
                    }
                }
                for t in g {
                    match t {
                        Token::Word(w) => given.push(Given::Word(w)),
                        Token::Initial(i) => given.push(Given::Initial(i)),
                        Token::Particle => {}
                    }
                }
                vec![Reading { surname, given }]
            }
            None => readings_without_comma(&tokens(&folded)),
        };
        NameKey {
            readings: readings
                .into_iter()
                .filter(|r| !r.surname.is_empty())
                .collect(),
        }
    }

    /// True when nothing in the name can be compared (empty, only initials or particles).
    pub fn is_empty(&self) -> bool {
        self.readings.is_empty()
    }

    /// Whether the two names may be the same person, and how.
    pub fn matches(&self, other: &NameKey) -> Option<NameMatch> {
        let mut best: Option<NameMatch> = None;
        for (i, a) in self.readings.iter().enumerate() {
            for (j, b) in other.readings.iter().enumerate() {
                // A surname-first reading only meets names that have given names too.
                if (i > 0 || j > 0) && (a.given.is_empty() || b.given.is_empty()) {
                    continue;
                }
                if let Some(m) = compatible(a, b) {
                    if !m.surname_only {
                        return Some(m);
                    }
                    best = Some(m);
                }
            }
        }
        best
    }
}

/// Whether two written names may be the same person.
pub fn names_match(a: &str, b: &str) -> bool {
    NameKey::parse(a).matches(&NameKey::parse(b)).is_some()
}

fn compatible(a: &Reading, b: &Reading) -> Option<NameMatch> {
    if a.surname != b.surname {
        return None;
    }
    if a.given.is_empty() || b.given.is_empty() {
        return Some(NameMatch { surname_only: true });
    }
    let (short, long) = if a.given.len() <= b.given.len() {
        (&a.given, &b.given)
    } else {
        (&b.given, &a.given)
    };
    let mut used = vec![false; long.len()];
    // Whole words first, each against an equal word; then what is left, by prefix.
    let mut rest: Vec<&Given> = Vec::new();
    for g in short {
        let exact = long.iter().enumerate().find(|(k, l)| {
            !used[*k] && matches!((g, l), (Given::Word(x), Given::Word(y)) if x == y)
        });
        match exact {
            Some((k, _)) => used[k] = true,
            None => rest.push(g),
        }
    }
    for g in rest {
        let fit = long
            .iter()
            .enumerate()
            .find(|(k, l)| !used[*k] && fits(g, l))
            .map(|(k, _)| k);
        used[fit?] = true;
    }
    Some(NameMatch {
        surname_only: false,
    })
}

/// A given name fits another when the words are equal or an initial starts the other.
fn fits(a: &Given, b: &Given) -> bool {
    match (a, b) {
        (Given::Word(x), Given::Word(y)) => x == y,
        (Given::Word(w), Given::Initial(i)) | (Given::Initial(i), Given::Word(w)) => {
            w.starts_with(i.as_str())
        }
        (Given::Initial(x), Given::Initial(y)) => {
            x.starts_with(y.as_str()) || y.starts_with(x.as_str())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Initial(String),
    Particle,
}

/// Readings of a name written without a comma.
fn readings_without_comma(tokens: &[Token]) -> Vec<Reading> {
    let initials: Vec<Given> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Initial(i) => Some(Given::Initial(i.clone())),
            _ => None,
        })
        .collect();
    let first_particle = tokens.iter().position(|t| *t == Token::Particle);
    let words_in = |range: &[Token]| -> Vec<String> {
        range
            .iter()
            .filter_map(|t| match t {
                Token::Word(w) => Some(w.clone()),
                _ => None,
            })
            .collect()
    };
    let mut readings = Vec::new();
    if let Some(p) = first_particle {
        let before = words_in(&tokens[..p]);
        let after = words_in(&tokens[p..]);
        if !after.is_empty() {
            // Given names, then tussenvoegsel and surname: "Jan de Vries".
            let mut given: Vec<Given> = before.iter().cloned().map(Given::Word).collect();
            given.extend(initials.iter().cloned());
            readings.push(Reading {
                surname: after.iter().cloned().collect(),
                given,
            });
            if before.is_empty() && after.len() > 1 {
                // Surname first: "de Vries Jan".
                let mut given: Vec<Given> = after[1..].iter().cloned().map(Given::Word).collect();
                given.extend(initials.iter().cloned());
                readings.push(Reading {
                    surname: BTreeSet::from([after[0].clone()]),
                    given,
                });
            }
            return readings;
        }
    }
    let words = words_in(tokens);
    if let Some((last, firsts)) = words.split_last() {
        let mut given: Vec<Given> = firsts.iter().cloned().map(Given::Word).collect();
        given.extend(initials.iter().cloned());
        readings.push(Reading {
            surname: BTreeSet::from([last.clone()]),
            given,
        });
        if let Some((first, rest)) = words.split_first()
            && !rest.is_empty()
        {
            // Surname first: "Jansen Jan".
            let mut given: Vec<Given> = rest.iter().cloned().map(Given::Word).collect();
            given.extend(initials.iter().cloned());
            readings.push(Reading {
                surname: BTreeSet::from([first.clone()]),
                given,
            });
        }
    }
    readings
}

/// Splits folded text into words, initials and particles; titles are dropped.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        let raw = raw.trim_matches(|c: char| !(c.is_alphanumeric() || "./'".contains(c)));
        if raw.is_empty() {
            continue;
        }
        if PARTICLES.contains(&raw) {
            out.push(Token::Particle);
            continue;
        }
        // An elision: d'Ancona, 't Hooft (the short part before the apostrophe is a particle).
        let raw = match raw.rsplit_once('\'') {
            Some((head, tail)) if head.chars().count() <= 2 => {
                if !head.is_empty() {
                    out.push(Token::Particle);
                }
                if tail == "t" || tail.is_empty() {
                    continue;
                }
                tail
            }
            Some(_) => raw,
            None => raw,
        };
        let dotted = raw.contains('.');
        for piece in raw.split(['.', '\'', '/']) {
            let piece: String = piece.chars().filter(|c| c.is_alphanumeric()).collect();
            if piece.is_empty() || TITLES.contains(&piece.as_str()) {
                continue;
            }
            // "J", "J.", "Th.", "Wilh.": initials; "Vries." is a word with a stray dot.
            let letters = piece.chars().count();
            if letters == 1 || (dotted && letters <= 4) {
                out.push(Token::Initial(piece));
            } else {
                out.push(Token::Word(piece));
            }
        }
    }
    out
}

/// Lower case without diacritics; hyphens become spaces (double surnames and given names are
/// compared word by word). Characters that are neither letters, digits, dots, commas, slashes
/// (`v/d`) nor apostrophes become spaces.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue; // combining marks of decomposed text
        }
        match c {
            '’' | '‘' | '`' | '´' | '\'' => out.push('\''),
            '.' | ',' | '/' => out.push(c),
            c if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    match base_letter(l) {
                        Some(s) => out.push_str(s),
                        None => out.push(l),
                    }
                }
            }
            _ => out.push(' '),
        }
    }
    out
}

/// The plain letters of a lower-case Latin letter with a diacritic, or of a ligature.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        let ab = names_match(a, b);
        assert_eq!(
            ab,
            names_match(b, a),
            "matching must be symmetric: {a:?} / {b:?}"
        );
        ab
    }

    #[test]
    fn the_spellings_of_one_person_all_match_each_other() {
        let spellings = [
            "J. de Vries",
            "Jan de Vries",
            "de vries, jan",
            "Jàn DE VRIES",
            "Vries, J. de",
            "  jan   de   vries ",
            "dhr. J. de Vries",
            "Jan Vries",
            "JAN DE VRIËS",
            "Jan de Vries\u{300}", // a stray combining mark
        ];
        for a in spellings {
            for b in spellings {
                assert!(
                    same(a, b),
                    "{a:?} and {b:?} are written forms of one person"
                );
            }
        }
    }

    #[test]
    fn a_different_surname_or_given_name_is_no_match() {
        for (a, b) in [
            ("Jan de Vries", "Jan de Vos"),
            ("Jan de Vries", "Piet de Vries"),
            ("J. de Vries", "P. de Vries"),
            ("J. de Vries", "Piet de Vries"),
            ("Jan de Vries", "Jan de Vries-Jansen"),
            ("Jan de Vries", "Vries, Piet de"),
            ("Jan Peter de Vries", "J.K. de Vries"),
            ("Jan Jansen", "Piet Jansen"),
            ("Jan Jansen", "Jan Janssen"),
            ("Anna Bakker", "Anne Bakker"),
        ] {
            assert!(!same(a, b), "{a:?} and {b:?} are different people");
        }
    }

    #[test]
    fn initials_and_abbreviations_fit_the_given_names_they_start() {
        assert!(
            same("J.P. de Vries", "Jan Peter de Vries"),
            "two initials, two names"
        );
        assert!(
            same("Peter de Vries", "Jan Peter de Vries"),
            "the calling name among several"
        );
        assert!(
            same("P. de Vries", "Jan Peter de Vries"),
            "one initial fits the second name"
        );
        assert!(
            same("Th. Bakker", "Theo Bakker"),
            "an abbreviation is an initial"
        );
        assert!(
            same("J de Vries", "Jan de Vries"),
            "an initial without a dot"
        );
        assert!(
            same("J.J. de Vries", "Jan de Vries"),
            "the calling name alone fits one of two initials (Jan Jacob goes by Jan)"
        );
        assert!(
            same("Wilh. Jansen", "Wilhelmina Jansen"),
            "a four-letter abbreviation"
        );
        assert!(
            same("Jan de Vries.", "Jan de Vries"),
            "a stray dot after a surname"
        );
    }

    #[test]
    fn tussenvoegsels_in_every_form_are_left_out() {
        assert!(same("Jan van der Berg", "J. v.d. Berg"), "v.d. is van der");
        assert!(
            same("Jan van den Berg", "Berg, Jan van den"),
            "after the comma"
        );
        assert!(same("Karel van 't Hof", "Karel Hof"), "'t is a particle");
        assert!(same("Sara d'Ancona", "S. Ancona"), "an elided particle");
        assert!(same("Jan De Vries", "jan de vries"), "a capital particle");
    }

    #[test]
    fn word_order_is_tolerated_with_or_without_a_comma() {
        assert!(same("Jansen, Jan", "Jan Jansen"), "comma form");
        assert!(
            same("Jansen Jan", "Jan Jansen"),
            "surname first without a comma"
        );
        assert!(
            same("de Vries Jan", "Jan de Vries"),
            "particle first without a comma"
        );
        assert!(
            !same("Jansen Piet", "Jan Jansen"),
            "but the given name still counts"
        );
    }

    #[test]
    fn a_surname_alone_matches_but_says_so() {
        let m = NameKey::parse("De Vries").matches(&NameKey::parse("Jan de Vries"));
        assert_eq!(
            m,
            Some(NameMatch { surname_only: true }),
            "a name recorded without a given name may be the same person; the UI says why"
        );
        assert_eq!(
            NameKey::parse("J. de Vries").matches(&NameKey::parse("Jan de Vries")),
            Some(NameMatch {
                surname_only: false
            }),
            "an initial that fits is more than the surname alone"
        );
        assert!(
            !same("Jan", "Jan de Vries"),
            "a lone word is read as a surname, never as a given name"
        );
    }

    #[test]
    fn diacritics_and_ligatures_fold_to_plain_letters() {
        assert!(same("Zoë Çelik", "Zoe Celik"), "ë and Ç");
        assert!(same("Ĳsbrand Ørsted", "ijsbrand orsted"), "ĳ and ø");
        assert!(same("Şükrü Yılmaz", "Sukru Yilmaz"), "Turkish letters");
        assert!(
            same("Jose\u{301} Garci\u{301}a", "José García"),
            "decomposed accents"
        );
    }

    #[test]
    fn names_with_nothing_to_compare_match_nothing() {
        for empty in ["", "   ", "...", "J.", "de van", "dhr."] {
            assert!(
                NameKey::parse(empty).is_empty(),
                "{empty:?} has no surname to compare"
            );
            assert!(!same(empty, "Jan de Vries"), "{empty:?} matches nobody");
            assert!(!same(empty, empty), "{empty:?} does not even match itself");
        }
    }
}
