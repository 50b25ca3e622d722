//! The dry run: every data row read through the mapping into a dossier, or into the errors
//! that keep it out, each with its row and column. Nothing is written here; the records of a
//! plan without errors are what [`super::commit`] writes, all in one transaction.

use super::ImportError;
use super::mapping::{Field, Mapping};
use super::review::{resolve, shorten};
use super::source::{Cell, Sheet, Workbook};
use super::suggest::{Target, targets};
use super::text::{clean, column_letter};
use super::values;
use crate::model::{
    Category, CloseInput, ContactType, ConversationInput, DossierInput, Organisation, Outcome,
    Relation, ReporterRole, ValidationCode, ValidationErrors,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One problem with one cell (or a row, when `column` is absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowIssue {
    /// The spreadsheet row (1-based).
    pub row: u32,
    /// The column letter, when one column is at fault.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub column: Option<String>,
    /// The field concerned.
    pub field: Field,
    /// What is wrong.
    pub code: ValidationCode,
    /// The value at fault, shortened, for the advisor's own screen (never logged).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub value: Option<String>,
}

/// A row as the dry run shows it: what will be created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewRow {
    /// The spreadsheet row (1-based).
    pub row: u32,
    /// The organisation's name.
    pub organisation: String,
    /// Opening date.
    pub opened_on: NaiveDate,
    /// Closing date (a closed dossier), if any.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub closed_on: Option<NaiveDate>,
    /// Kind of contact.
    pub contact_type: ContactType,
    /// Category codes.
    pub categories: Vec<String>,
    /// Minutes of the one conversation recorded, if any.
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub minutes: Option<i64>,
    /// Length of the notes in characters (the notes themselves are not shown here).
    pub notes_chars: u32,
}

/// Dossiers per organisation in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrganisationCount {
    /// The organisation's name.
    pub organisation: String,
    /// Dossiers that will be created for it.
    pub dossiers: u32,
}

/// One dossier to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    /// The spreadsheet row it comes from (1-based).
    pub row: u32,
    /// Its fields.
    pub input: DossierInput,
    /// Its closing date; the outcome is `input.outcome`.
    pub closed_on: Option<NaiveDate>,
    /// The one conversation that holds the row's minutes.
    pub conversation: Option<ConversationInput>,
}

/// The dry run's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPlan {
    /// The sheet read.
    pub sheet: String,
    /// Data rows (below the header row, empty rows not counted).
    pub data_rows: u32,
    /// Empty rows skipped.
    pub empty_rows: u32,
    /// Rows that become a dossier.
    pub ready: u32,
    /// Rows with at least one error.
    pub rows_with_errors: u32,
    /// Every error (the first [`MAX_ISSUES`]).
    pub errors: Vec<RowIssue>,
    /// How many errors there are in all.
    pub errors_total: u32,
    /// Things changed on the way in (control characters removed), the first [`MAX_ISSUES`].
    pub warnings: Vec<RowIssue>,
    /// The first rows that will be created.
    pub preview: Vec<PreviewRow>,
    /// How many dossiers each organisation gets.
    pub per_organisation: Vec<OrganisationCount>,
    /// The dossiers to create (not sent to the UI).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub records: Vec<ImportRecord>,
}

/// The most issues a plan lists (the count says how many more there are).
pub const MAX_ISSUES: usize = 1000;
/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 100;

struct Row<'a> {
    sheet: &'a Sheet,
    index: usize,
    issues: Vec<RowIssue>,
    warnings: Vec<RowIssue>,
}

impl<'a> Row<'a> {
    fn number(&self) -> u32 {
        self.index as u32 + 1
    }

    fn issue(
        &mut self,
        col: Option<usize>,
        field: Field,
        code: ValidationCode,
        value: Option<&str>,
    ) {
        self.issues.push(RowIssue {
            row: self.number(),
            column: col.map(column_letter),
            field,
            code,
            value: value.map(|v| shorten(v, 60)),
        });
    }

    /// The non-blank cells of a field's columns.
    fn cells(&self, cols: &[usize]) -> Vec<(usize, &'a Cell)> {
        cols.iter()
            .map(|&c| (c, self.sheet.cell(self.index, c)))
            .filter(|(_, cell)| !cell.is_blank())
            .collect()
    }

    /// A cell as clean text, with a warning when control characters were removed.
    fn text(&mut self, col: usize, field: Field) -> String {
        let (text, removed) = clean(&self.sheet.cell(self.index, col).display());
        if removed {
            self.warnings.push(RowIssue {
                row: self.number(),
                column: Some(column_letter(col)),
                field,
                code: ValidationCode::ControlCharacters,
                value: None,
            });
        }
        text
    }
}

struct Context<'a> {
    mapping: &'a Mapping,
    targets: BTreeMap<Field, Vec<Target>>,
    columns: BTreeMap<Field, Vec<usize>>,
    organisations: &'a [Organisation],
    today: NaiveDate,
}

impl Context<'_> {
    /// A coded field's one value: from its column, else the default; `None` when neither
    /// has one (an error for required fields).
    fn coded(&self, row: &mut Row<'_>, field: Field) -> Option<String> {
        let cols = &self.columns[&field];
        let targets = &self.targets[&field];
        if let Some(&(col, _)) = row.cells(cols).first() {
            let value = row.text(col, field);
            return match resolve(self.mapping, field, &value, targets) {
                Ok(code) => Some(code),
                Err(code) => {
                    row.issue(Some(col), field, code, Some(&value));
                    None
                }
            };
        }
        match self.mapping.defaults.get(&field) {
            Some(d) => match resolve(self.mapping, field, d, targets) {
                Ok(code) => Some(code),
                Err(code) => {
                    row.issue(None, field, code, Some(d));
                    None
                }
            },
            None => {
                if field.required() {
                    row.issue(cols.first().copied(), field, ValidationCode::Required, None);
                }
                None
            }
        }
    }

    fn date(&self, row: &mut Row<'_>, field: Field) -> Option<NaiveDate> {
        let cols = &self.columns[&field];
        let Some(&(col, cell)) = row.cells(cols).first() else {
            if field.required() {
                row.issue(cols.first().copied(), field, ValidationCode::Required, None);
            }
            return None;
        };
        match values::date(cell, self.mapping.date_order) {
            Ok(d) => Some(d),
            Err(code) => {
                let shown = cell.display();
                row.issue(Some(col), field, code, Some(&shown));
                None
            }
        }
    }

    fn row(&self, row: &mut Row<'_>) -> Option<ImportRecord> {
        let organisation = self.coded(row, Field::Organisation);
        let opened_on = self.date(row, Field::OpenedOn);
        let closed_on = self.date(row, Field::ClosedOn);
        let contact_type = self.coded(row, Field::ContactType);
        let relation = self.coded(row, Field::Relation);
        let reporter_role = self.coded(row, Field::ReporterRole);
        let outcome = self.coded(row, Field::Outcome);
        let mut categories: Vec<String> = Vec::new();
        let cat_targets = &self.targets[&Field::Categories];
        for (col, _) in row.cells(&self.columns[&Field::Categories]) {
            let text = row.text(col, Field::Categories);
            for value in values::list(&text) {
                match resolve(self.mapping, Field::Categories, &value, cat_targets) {
                    Ok(code) if !categories.contains(&code) => categories.push(code),
                    Ok(_) => {}
                    Err(code) => row.issue(Some(col), Field::Categories, code, Some(&value)),
                }
            }
        }
        if categories.is_empty()
            && let Some(d) = self.mapping.defaults.get(&Field::Categories)
        {
            match resolve(self.mapping, Field::Categories, d, cat_targets) {
                Ok(code) => categories.push(code),
                Err(code) => row.issue(None, Field::Categories, code, Some(d)),
            }
        }
        let minutes_col = self.columns[&Field::Minutes].first().copied();
        let minutes = match minutes_col {
            Some(col) => match values::minutes(row.sheet.cell(row.index, col)) {
                Ok(m) => m,
                Err(code) => {
                    let shown = row.sheet.cell(row.index, col).display();
                    row.issue(Some(col), Field::Minutes, code, Some(&shown));
                    None
                }
            },
            None => None,
        };
        let notes_col = self.columns[&Field::Notes].first().copied();
        let notes = notes_col
            .map(|c| row.text(c, Field::Notes))
            .unwrap_or_default();

        let organisation = organisation.and_then(|name| {
            self.organisations
                .iter()
                .find(|o| o.name == name)
                .map(|o| o.id)
        });
        let (Some(organisation_id), Some(opened_on), Some(contact_type)) = (
            organisation,
            opened_on,
            contact_type.and_then(|c| c.parse::<ContactType>().ok()),
        ) else {
            return None;
        };
        let mut input = DossierInput::new(organisation_id, contact_type, opened_on);
        input.categories = categories;
        input.notes = notes;
        if let Some(r) = relation.and_then(|r| r.parse::<Relation>().ok()) {
            input.relation = r;
        }
        if let Some(r) = reporter_role.and_then(|r| r.parse::<ReporterRole>().ok()) {
            input.reporter_role = r;
        }
        if let Some(o) = outcome.and_then(|o| o.parse::<Outcome>().ok()) {
            input.outcome = o;
        }
        let conversation = minutes.map(|m| ConversationInput {
            held_on: opened_on,
            minutes: m,
            mode: self.mapping.conversation_mode,
        });
        // The same checks as a dossier typed in by hand (one rule, one place).
        let mut checks = Vec::new();
        checks.push(input.validate(closed_on, self.today));
        if let Some(c) = closed_on {
            let close = CloseInput {
                closed_on: c,
                outcome: input.outcome,
                destroy_by: None,
            };
            checks.push(close.validate(opened_on, self.today));
        }
        if let Some(c) = &conversation {
            checks.push(c.validate(opened_on, self.today));
        }
        for e in checks.into_iter().filter_map(Result::err) {
            self.validation(row, &e);
        }
        row.issues.is_empty().then(|| ImportRecord {
            row: row.number(),
            input,
            closed_on,
            conversation,
        })
    }

    fn validation(&self, row: &mut Row<'_>, errors: &ValidationErrors) {
        for f in &errors.fields {
            let field = match f.field.as_str() {
                // The closing date is the one at fault (both inputs report it).
                _ if f.code == ValidationCode::ClosedBeforeOpened => Field::ClosedOn,
                "closed_on" => Field::ClosedOn,
                "notes" => Field::Notes,
                "categories" => Field::Categories,
                "minutes" => Field::Minutes,
                "outcome" => Field::Outcome,
                // held_on and consent_on are the opening date here.
                _ => Field::OpenedOn,
            };
            let already = row
                .issues
                .iter()
                .any(|i| i.field == field && i.code == f.code);
            if !already {
                let col = self.columns[&field].first().copied();
                row.issue(col, field, f.code, None);
            }
        }
    }
}

/// Reads every data row of the mapped sheet into dossiers or errors. `today` bounds the
/// dates (none may lie in the future).
pub fn plan(
    book: &Workbook,
    mapping: &Mapping,
    organisations: &[Organisation],
    categories: &[Category],
    today: NaiveDate,
) -> Result<ImportPlan, ImportError> {
    mapping.check()?;
    let sheet = mapping.sheet_of(book)?;
    let columns: BTreeMap<Field, Vec<usize>> = Field::ALL
        .iter()
        .map(|&f| (f, mapping.columns_of(f)))
        .collect();
    let context = Context {
        mapping,
        targets: Field::ALL
            .iter()
            .map(|&f| (f, targets(f, organisations, categories)))
            .collect(),
        columns,
        organisations,
        today,
    };
    let mut plan = ImportPlan {
        sheet: sheet.name.clone(),
        data_rows: 0,
        empty_rows: 0,
        ready: 0,
        rows_with_errors: 0,
        errors: Vec::new(),
        errors_total: 0,
        warnings: Vec::new(),
        preview: Vec::new(),
        per_organisation: Vec::new(),
        records: Vec::new(),
    };
    let mut per_org: BTreeMap<i64, u32> = BTreeMap::new();
    for index in mapping.first_data_row()..sheet.rows.len() {
        if sheet.rows[index].iter().all(Cell::is_blank) {
            plan.empty_rows += 1;
            continue;
        }
        plan.data_rows += 1;
        let mut row = Row {
            sheet,
            index,
            issues: Vec::new(),
            warnings: Vec::new(),
        };
        let record = context.row(&mut row);
        plan.errors_total += row.issues.len() as u32;
        if !row.issues.is_empty() {
            plan.rows_with_errors += 1;
        }
        for i in row.issues {
            if plan.errors.len() < MAX_ISSUES {
                plan.errors.push(i);
            }
        }
        for w in row.warnings {
            if plan.warnings.len() < MAX_ISSUES {
                plan.warnings.push(w);
            }
        }
        if let Some(r) = record {
            plan.ready += 1;
            *per_org.entry(r.input.organisation_id).or_default() += 1;
            if plan.preview.len() < PREVIEW_ROWS {
                plan.preview.push(preview(&r, organisations));
            }
            plan.records.push(r);
        }
    }
    plan.per_organisation = per_org
        .into_iter()
        .map(|(id, dossiers)| OrganisationCount {
            organisation: organisations
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            dossiers,
        })
        .collect();
    Ok(plan)
}

fn preview(r: &ImportRecord, organisations: &[Organisation]) -> PreviewRow {
    PreviewRow {
        row: r.row,
        organisation: organisations
            .iter()
            .find(|o| o.id == r.input.organisation_id)
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        opened_on: r.input.opened_on,
        closed_on: r.closed_on,
        contact_type: r.input.contact_type,
        categories: r.input.categories.clone(),
        minutes: r.conversation.as_ref().map(|c| c.minutes),
        notes_chars: r.input.notes.chars().count() as u32,
    }
}
