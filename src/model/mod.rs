//! The domain model: typed records (organisations, categories, dossiers, conversations, time
//! entries), the inputs that create or change them, and their validation. Validation here is
//! pure (no database); checks that need the vault (unknown or archived organisation, unknown
//! category) are made by the store with the same error type.

pub mod access;
mod codes;
pub mod deadline;
pub mod document;
pub mod names;
pub mod party;
mod period;
mod reportable;
pub mod retention;
mod selection;
mod sniff;
mod validate;

pub use access::{AccessRequest, AccessRequestInput};
pub use codes::*;
pub use deadline::{Breach, BreachInput, Deadline, DeadlineError, DeadlineInput, DeadlineSummary};
pub use document::{Document, DocumentError, DocumentsSummary};
pub use party::{
    ConflictDecisionInput, ConflictDecisionRecord, ConflictMatch, DossierLink, Party, PartyError,
    PartyInput, PartyOverview,
};
pub use period::{PeriodError, ReportPeriod};
pub use reportable::{DurationBand, ReportableDossier};
pub use retention::{
    DestroyRequest, DestroyedCopies, DestructionItem, DestructionLogEntry, DestructionOutcome,
    DestructionPlan, OrganisationRetention, RetentionRule,
};
pub use selection::{Attribute, CellQuery, Selection, Unit};
pub use validate::{
    FieldError, ValidationCode, ValidationErrors, has_control_characters, is_control_character,
    validate_title,
};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A code that is not part of a closed vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} code; allowed: {allowed}")]
pub struct UnknownCode {
    /// Which vocabulary was asked.
    pub vocabulary: &'static str,
    /// The allowed codes.
    pub allowed: String,
}

/// A client organisation of the advisor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Organisation {
    /// Row id in the vault.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Name, unique in the vault (case-insensitive).
    pub name: String,
    /// Number of employees (drives which report tables are allowed).
    pub employee_count: u32,
    /// Collective arrangement or tailored subscription.
    pub arrangement: Arrangement,
    /// Free label for the contact at the organisation (for the advisor; never in reports).
    pub contact_label: String,
    /// Archived organisations keep their dossiers but take no new ones.
    pub archived: bool,
}

/// What is needed to create or edit an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrganisationInput {
    /// Name, unique in the vault.
    pub name: String,
    /// Number of employees.
    pub employee_count: u32,
    /// Arrangement.
    pub arrangement: Arrangement,
    /// Contact label.
    pub contact_label: String,
}

/// A category of reports; data, not code, so advisors can add their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Category {
    /// Stable code such as `pesten`.
    pub code: String,
    /// Dutch label.
    pub label_nl: String,
    /// English label.
    pub label_en: String,
    /// The group reports collapse to.
    pub group: CategoryGroup,
    /// Retired categories stay readable in old dossiers but cannot be chosen anew.
    pub active: bool,
}

impl Category {
    /// The label in the given language.
    pub fn label(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Nl => &self.label_nl,
            crate::Lang::En => &self.label_en,
        }
    }
}

/// A conversation within a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conversation {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The dossier it belongs to.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub dossier_id: i64,
    /// When it took place.
    pub held_on: NaiveDate,
    /// Duration in minutes (> 0).
    pub minutes: u32,
    /// In person, phone, video or e-mail.
    pub mode: ConversationMode,
}

/// What is needed to add or edit a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConversationInput {
    /// When it took place.
    pub held_on: NaiveDate,
    /// Duration in minutes; must be positive.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub minutes: i64,
    /// How it took place.
    pub mode: ConversationMode,
}

/// One confidential case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dossier {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Per-vault number such as `2026-0007`.
    pub number: String,
    /// The client organisation.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// Kind of contact.
    pub contact_type: ContactType,
    /// Open or closed.
    pub status: DossierStatus,
    /// First contact.
    pub opened_on: NaiveDate,
    /// Closing date, when closed.
    pub closed_on: Option<NaiveDate>,
    /// The reporter's role.
    pub reporter_role: ReporterRole,
    /// Relation to the person complained about.
    pub relation: Relation,
    /// Outcome.
    pub outcome: Outcome,
    /// Category codes.
    pub categories: Vec<String>,
    /// Actions taken.
    pub actions: Vec<Action>,
    /// Date of the reporter's consent to keeping a file.
    pub consent_on: NaiveDate,
    /// What the reporter consented to.
    pub consent_scope: ConsentScope,
    /// Date after which the dossier should be destroyed.
    pub destroy_by: Option<NaiveDate>,
    /// Legal hold pauses destruction.
    pub legal_hold: bool,
    /// Why the legal hold applies.
    pub legal_hold_reason: String,
    /// Only when the reporter states it.
    pub gender: Option<Gender>,
    /// Free text; never leaves the vault in any report or log.
    pub notes: String,
    /// Conversations, oldest first.
    pub conversations: Vec<Conversation>,
}

/// What is needed to create or edit a dossier. Status, number and closing are separate
/// operations (see [`CloseInput`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DossierInput {
    /// The client organisation.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// Kind of contact.
    pub contact_type: ContactType,
    /// First contact.
    pub opened_on: NaiveDate,
    /// The reporter's role.
    pub reporter_role: ReporterRole,
    /// Relation to the person complained about.
    pub relation: Relation,
    /// Outcome (may stay unknown while open).
    pub outcome: Outcome,
    /// Category codes.
    pub categories: Vec<String>,
    /// Actions taken.
    pub actions: Vec<Action>,
    /// Date of consent.
    pub consent_on: NaiveDate,
    /// Scope of consent.
    pub consent_scope: ConsentScope,
    /// Destroy-by date (set automatically on closing; may be edited).
    pub destroy_by: Option<NaiveDate>,
    /// Legal hold.
    pub legal_hold: bool,
    /// Reason for the legal hold (required when the hold is on).
    pub legal_hold_reason: String,
    /// Optional gender.
    pub gender: Option<Gender>,
    /// Notes.
    pub notes: String,
}

impl DossierInput {
    /// A minimal input for the given organisation, opened today; useful for forms and tests.
    pub fn new(organisation_id: i64, contact_type: ContactType, opened_on: NaiveDate) -> Self {
        DossierInput {
            organisation_id,
            contact_type,
            opened_on,
            reporter_role: ReporterRole::Medewerker,
            relation: Relation::Onbekend,
            outcome: Outcome::Onbekend,
            categories: Vec::new(),
            actions: Vec::new(),
            consent_on: opened_on,
            consent_scope: ConsentScope::Dossier,
            destroy_by: None,
            legal_hold: false,
            legal_hold_reason: String::new(),
            gender: None,
            notes: String::new(),
        }
    }
}

impl From<&Dossier> for DossierInput {
    fn from(d: &Dossier) -> Self {
        DossierInput {
            organisation_id: d.organisation_id,
            contact_type: d.contact_type,
            opened_on: d.opened_on,
            reporter_role: d.reporter_role,
            relation: d.relation,
            outcome: d.outcome,
            categories: d.categories.clone(),
            actions: d.actions.clone(),
            consent_on: d.consent_on,
            consent_scope: d.consent_scope,
            destroy_by: d.destroy_by,
            legal_hold: d.legal_hold,
            legal_hold_reason: d.legal_hold_reason.clone(),
            gender: d.gender,
            notes: d.notes.clone(),
        }
    }
}

/// Closing a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CloseInput {
    /// Closing date (not before opening, not in the future).
    pub closed_on: NaiveDate,
    /// Final outcome.
    pub outcome: Outcome,
    /// Destroy-by date; `None` takes the vault's retention default.
    pub destroy_by: Option<NaiveDate>,
}

/// One row of the dossier list: what a table shows, without notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DossierSummary {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Dossier number.
    pub number: String,
    /// Organisation id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// Organisation name.
    pub organisation_name: String,
    /// Contact type.
    pub contact_type: ContactType,
    /// Status.
    pub status: DossierStatus,
    /// Opened.
    pub opened_on: NaiveDate,
    /// Closed.
    pub closed_on: Option<NaiveDate>,
    /// Destroy-by date.
    pub destroy_by: Option<NaiveDate>,
    /// Legal hold.
    pub legal_hold: bool,
    /// Category codes.
    pub categories: Vec<String>,
    /// Number of conversations.
    pub conversation_count: u32,
    /// Total conversation minutes.
    pub conversation_minutes: u32,
}

/// Filters for the dossier list; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DossierFilter {
    /// Only this organisation.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub organisation_id: Option<i64>,
    /// Only this status.
    pub status: Option<DossierStatus>,
    /// Only dossiers opened in this year.
    pub year: Option<i32>,
    /// Only this contact type.
    pub contact_type: Option<ContactType>,
    /// Only dossiers with this category.
    pub category: Option<String>,
    /// Full-text search over number and notes.
    pub search: Option<String>,
    /// Only dossiers whose destroy-by date has passed on this day (and no legal hold).
    pub overdue_on: Option<NaiveDate>,
    /// Only dossiers with a deadline not yet done that is due on or before this day.
    pub deadline_due_by: Option<NaiveDate>,
}

/// Time spent for an organisation outside dossiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimeEntry {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Organisation.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// Day.
    pub spent_on: NaiveDate,
    /// Minutes (> 0).
    pub minutes: u32,
    /// Activity.
    pub activity: Activity,
    /// Short description for the advisor (never in reports).
    pub description: String,
}

/// What is needed to add or edit a time entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimeEntryInput {
    /// Organisation.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// Day.
    pub spent_on: NaiveDate,
    /// Minutes; must be positive.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub minutes: i64,
    /// Activity.
    pub activity: Activity,
    /// Description.
    pub description: String,
}

/// Minutes for one organisation in one month: the invoice basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthHours {
    /// Organisation id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// Organisation name.
    pub organisation_name: String,
    /// Year.
    pub year: i32,
    /// Month (1-12).
    pub month: u32,
    /// Minutes of conversations in dossiers.
    pub conversation_minutes: u32,
    /// Minutes per activity outside dossiers, in [`Activity::ALL`] order.
    pub activity_minutes: Vec<ActivityMinutes>,
    /// Everything together.
    pub total_minutes: u32,
}

/// Minutes of one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivityMinutes {
    /// The activity.
    pub activity: Activity,
    /// Its minutes.
    pub minutes: u32,
}

impl MonthHours {
    /// Minutes of one activity (0 if none).
    pub fn minutes_of(&self, activity: Activity) -> u32 {
        self.activity_minutes
            .iter()
            .find(|a| a.activity == activity)
            .map_or(0, |a| a.minutes)
    }
}

/// One organisation on the overview screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OverviewRow {
    /// Organisation id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub organisation_id: i64,
    /// Organisation name.
    pub name: String,
    /// Dossiers still open.
    pub open_dossiers: u32,
    /// Dossiers opened this calendar year.
    pub dossiers_this_year: u32,
    /// Minutes this month (conversations and activities).
    pub minutes_this_month: u32,
}

/// The overview screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Overview {
    /// Active organisations by name.
    pub organisations: Vec<OverviewRow>,
    /// Dossiers past their destroy-by date without a legal hold, longest overdue first (at
    /// most [`crate::store::OVERDUE_SHOWN`]).
    pub overdue: Vec<DossierSummary>,
    /// How many dossiers are overdue in all.
    pub overdue_total: u32,
    /// Deadlines not yet done that are overdue or due within
    /// [`crate::store::DEADLINES_AHEAD_DAYS`] days, soonest first.
    pub deadlines: Vec<DeadlineSummary>,
    /// Breaches not yet handled, oldest first.
    pub breaches: Vec<Breach>,
}

/// An entry of the export log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportLogEntry {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// When.
    pub exported_at: DateTime<Utc>,
    /// What kind of export (`backup`, `report_pdf`, `report_csv`, `report_signature`,
    /// `dossier`, `document`, `invoice`, `invoice_register`).
    pub kind: String,
    /// Organisations concerned (names), if any.
    pub organisations: Vec<String>,
    /// Period, if any.
    pub period: String,
    /// Recipient label.
    pub recipient: String,
    /// SHA-256 of the written file, hex.
    pub sha256: String,
}
