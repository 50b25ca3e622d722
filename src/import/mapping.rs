//! The mapping: which sheet, which header row, which column holds which field, which value
//! means which Kluis code, and the defaults for fields the spreadsheet does not have. It is
//! written and read as TOML (`kluis import --mapping map.toml`) and kept in the vault by the
//! app, so the same mapping serves next year's file.

use super::ImportError;
use crate::model::ConversationMode;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// A field of a dossier that a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The client organisation (matched by name against the vault's organisations).
    Organisation,
    /// Date of first contact.
    OpenedOn,
    /// Closing date; a row with one becomes a closed dossier.
    ClosedOn,
    /// Kind of contact.
    ContactType,
    /// Categories (one cell may list several, separated by `,` `;` `/` `|` or a line break;
    /// several columns may be mapped).
    Categories,
    /// Relation to the person complained about.
    Relation,
    /// The reporter's role.
    ReporterRole,
    /// Outcome.
    Outcome,
    /// Minutes spent: recorded as one conversation on the opening date.
    Minutes,
    /// Free text notes (kept in the vault only, like every note).
    Notes,
}

impl Field {
    /// Every field, in the order a mapping screen lists them.
    pub const ALL: &'static [Field] = &[
        Field::Organisation,
        Field::OpenedOn,
        Field::ClosedOn,
        Field::ContactType,
        Field::Categories,
        Field::Relation,
        Field::ReporterRole,
        Field::Outcome,
        Field::Minutes,
        Field::Notes,
    ];

    /// The stable name (`opened_on`), as in a mapping file.
    pub fn code(self) -> &'static str {
        match self {
            Field::Organisation => "organisation",
            Field::OpenedOn => "opened_on",
            Field::ClosedOn => "closed_on",
            Field::ContactType => "contact_type",
            Field::Categories => "categories",
            Field::Relation => "relation",
            Field::ReporterRole => "reporter_role",
            Field::Outcome => "outcome",
            Field::Minutes => "minutes",
            Field::Notes => "notes",
        }
    }

    /// Whether every row needs a value (from its column or the mapping's default).
    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Organisation | Field::OpenedOn | Field::ContactType
        )
    }

    /// Whether the field takes a value from a closed list (so its values are mapped).
    pub fn coded(self) -> bool {
        matches!(
            self,
            Field::Organisation
                | Field::ContactType
                | Field::Categories
                | Field::Relation
                | Field::ReporterRole
                | Field::Outcome
        )
    }

    /// Whether several columns may be mapped to it.
    pub fn multiple(self) -> bool {
        self == Field::Categories
    }
}

/// How to read a date written as text with the day and month both as numbers
/// (`05-03-2024`): day first, as in the Netherlands, or month first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Day, month, year (05-03-2024 is 5 March).
    #[default]
    Dmy,
    /// Month, day, year (05-03-2024 is 3 May).
    Mdy,
}

/// One or more column letters. A mapping file may write one column as a plain string.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Columns(pub Vec<String>);

impl<'de> Deserialize<'de> for Columns {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        Ok(Columns(match OneOrMany::deserialize(d)? {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }))
    }
}

/// How a spreadsheet becomes dossiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The sheet to read, by name; the first sheet when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sheet: Option<String>,
    /// The row (1-based) that holds the column headers; the data starts below it. 0 means the
    /// file has no header row.
    #[serde(default = "first_row")]
    pub header_row: u32,
    /// How to read dates such as `05-03-2024`.
    #[serde(default)]
    pub date_order: DateOrder,
    /// The mode of the conversation that a row's minutes become.
    #[serde(default = "in_person")]
    pub conversation_mode: ConversationMode,
    /// Which column (letter) holds which field.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<Field, Vec<String>>"))]
    pub columns: BTreeMap<Field, Columns>,
    /// A field's value where its column is absent or the cell is empty (a Kluis code, or an
    /// organisation's name).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<Field, String>"))]
    pub defaults: BTreeMap<Field, String>,
    /// Per field: what a value in the spreadsheet means (a Kluis code, or an organisation's
    /// name). A value that is itself a Kluis code needs no entry. An empty target means the
    /// value is known to be unmapped (a dry run lists it as an error).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<Field, BTreeMap<String, String>>"))]
    pub values: BTreeMap<Field, BTreeMap<String, String>>,
}

fn first_row() -> u32 {
    1
}

fn in_person() -> ConversationMode {
    ConversationMode::Persoonlijk
}

impl Default for Mapping {
    fn default() -> Self {
        Mapping {
            sheet: None,
            header_row: 1,
            date_order: DateOrder::Dmy,
            conversation_mode: ConversationMode::Persoonlijk,
            columns: BTreeMap::new(),
            defaults: BTreeMap::new(),
            values: BTreeMap::new(),
        }
    }
}

/// The most columns, defaults and values a mapping may hold (a mapping is small; a huge one
/// is a damaged or hostile file).
const MAX_ENTRIES: usize = 10_000;

impl Mapping {
    /// Reads a mapping file's text. A mistake is reported with its line, never with the
    /// file's content.
    pub fn from_toml(text: &str) -> Result<Mapping, ImportError> {
        let mapping: Mapping = toml::from_str(text).map_err(|e| ImportError::MappingInvalid {
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1),
        })?;
        mapping.check()?;
        Ok(mapping)
    }

    /// The mapping as TOML, as `kluis import --draft-mapping` writes it.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("a mapping is always representable in TOML")
    }

    /// Checks what does not depend on the file: column letters, one column per single
    /// field, and a sane size.
    pub fn check(&self) -> Result<(), ImportError> {
        let entries = self.columns.len()
            + self.defaults.len()
            + self.values.values().map(BTreeMap::len).sum::<usize>();
        if entries > MAX_ENTRIES {
            return Err(ImportError::MappingInvalid { line: None });
        }
        for (&field, cols) in &self.columns {
            if cols.0.is_empty() || (cols.0.len() > 1 && !field.multiple()) {
                return Err(ImportError::MappingColumn { field });
            }
            if cols
                .0
                .iter()
                .any(|c| super::text::column_index(c).is_none())
            {
                return Err(ImportError::MappingColumn { field });
            }
        }
        Ok(())
    }

    /// The 0-based columns mapped to a field.
    pub fn columns_of(&self, field: Field) -> Vec<usize> {
        self.columns
            .get(&field)
            .map(|c| {
                c.0.iter()
                    .filter_map(|l| super::text::column_index(l))
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_file_reads_one_column_as_a_string_and_several_as_a_list() {
        let m = Mapping::from_toml(
            r#"
header_row = 2
[columns]
organisation = "A"
categories = ["E", "F"]
[defaults]
reporter_role = "medewerker"
[values.categories]
"Pesterij" = "pesten"
"#,
        )
        .expect("a valid mapping");
        assert_eq!(m.header_row, 2);
        assert_eq!(m.columns_of(Field::Organisation), vec![0]);
        assert_eq!(m.columns_of(Field::Categories), vec![4, 5]);
        assert_eq!(m.values[&Field::Categories]["Pesterij"], "pesten");
        assert_eq!(
            m.conversation_mode,
            ConversationMode::Persoonlijk,
            "the default mode"
        );
        let again = Mapping::from_toml(&m.to_toml()).expect("what we write, we read");
        assert_eq!(again, m, "a saved mapping is reused unchanged");
    }

    #[test]
    fn a_broken_mapping_says_which_line_and_nothing_of_its_content() {
        let e = Mapping::from_toml("header_row = 1\n[columns]\norganisation = \"Geheime Naam\"\n")
            .expect_err("not a column letter");
        assert!(
            matches!(
                e,
                ImportError::MappingColumn {
                    field: Field::Organisation
                }
            ),
            "{e:?}"
        );
        let e = Mapping::from_toml("header_row = 1\n\n[columns\n").expect_err("bad TOML");
        assert!(
            matches!(e, ImportError::MappingInvalid { line: Some(3) }),
            "the line of the error: {e:?}"
        );
        let e = Mapping::from_toml("[columns]\norganisation = [\"A\", \"B\"]\n")
            .expect_err("two columns for a single field");
        assert!(matches!(
            e,
            ImportError::MappingColumn {
                field: Field::Organisation
            }
        ));
        let e = Mapping::from_toml("kolommen = 1\n").expect_err("unknown key");
        assert!(
            matches!(e, ImportError::MappingInvalid { .. }),
            "typos are not ignored"
        );
    }
}
