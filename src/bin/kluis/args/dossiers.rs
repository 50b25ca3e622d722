//! `kluis dossier ...` and `kluis conversation ...`.

use super::*;

/// `kluis dossier ...`.
#[derive(Debug, Subcommand)]
pub enum DossierCommand {
    /// Open a new dossier.
    Add(DossierAddArgs),
    /// List dossiers, newest first.
    List(DossierListArgs),
    /// Show one dossier completely, with conversations and notes.
    Show(DossierShowArgs),
    /// The dossier's history, oldest first (opened, conversations, parties by role,
    /// deadlines, ... closed), without names.
    Timeline(DossierShowArgs),
    /// Change a dossier (only the flags given).
    Edit(DossierEditArgs),
    /// Close a dossier with its outcome; a destroy-by date is set.
    Close(DossierCloseArgs),
    /// Reopen a closed dossier (its destroy-by date is cleared).
    Reopen(DossierShowArgs),
    /// Destroy closed dossiers whose retention term is over (shows what goes, asks for a
    /// typed confirmation, logs number, organisation, dates and reason).
    Destroy(DossierDestroyArgs),
    /// Record an access request (inzageverzoek): when it came in and how the identity was
    /// checked; starts its one-month deadline.
    Inzage(DossierInzageArgs),
    /// Export one dossier for its reporter (access request) as PDF and/or JSON, with the
    /// passages about third parties (from --redact-file) left out; logged in the export log.
    Export(DossierExportArgs),
}

/// `kluis dossier inzage`.
#[derive(Debug, Args)]
pub struct DossierInzageArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
    /// When the request came in [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub received: Option<NaiveDate>,
    /// How the requester's identity was checked.
    #[arg(long, value_parser = vocab::<IdentityCheck>())]
    pub identity: IdentityCheck,
    /// How, in a line (required with `anders`).
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub identity_note: String,
}

/// `kluis dossier export`.
#[derive(Debug, Args)]
pub struct DossierExportArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
    /// Write the PDF here (a new file).
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// Write the JSON here (a new file).
    #[arg(long = "json-file", value_name = "FILE")]
    pub json_file: Option<PathBuf>,
    /// Passages about third parties to leave out, one per line (`-`: standard input). They
    /// are case text, so never on the command line.
    #[arg(long, value_name = "FILE")]
    pub redact_file: Option<PathBuf>,
    /// Who receives it (for the export log).
    #[arg(long, value_name = "TEXT", default_value = "melder")]
    pub recipient: String,
}

/// `kluis dossier add`.
#[derive(Debug, Args)]
pub struct DossierAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Organisation name (case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// Kind of contact.
    #[arg(long = "type", value_name = "TYPE", value_parser = vocab::<ContactType>())]
    pub contact_type: ContactType,
    /// Date of first contact [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub opened: Option<NaiveDate>,
    /// The reporter's role.
    #[arg(long, value_parser = vocab::<ReporterRole>(), default_value = "medewerker")]
    pub role: ReporterRole,
    /// Relation to the person complained about.
    #[arg(long, value_parser = vocab::<Relation>(), default_value = "onbekend")]
    pub relation: Relation,
    /// Category code (repeatable or comma-separated; see `kluis category list`).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub category: Vec<String>,
    /// Action taken (repeatable or comma-separated).
    #[arg(long, value_parser = vocab::<Action>(), value_delimiter = ',')]
    pub action: Vec<Action>,
    /// Outcome so far.
    #[arg(long, value_parser = vocab::<Outcome>(), default_value = "onbekend")]
    pub outcome: Outcome,
    /// Date of the reporter's consent to keeping a file [default: the opening date].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub consent_date: Option<NaiveDate>,
    /// What the reporter consented to.
    #[arg(long, value_parser = vocab::<ConsentScope>(), default_value = "dossier")]
    pub consent_scope: ConsentScope,
    /// Gender, only if the reporter states it.
    #[arg(long, value_parser = vocab::<Gender>())]
    pub gender: Option<Gender>,
    /// Destroy-by date (normally set on closing).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub destroy_by: Option<NaiveDate>,
    /// Put the dossier under legal hold, with this reason.
    #[arg(long, value_name = "REASON")]
    pub legal_hold: Option<String>,
    #[command(flatten)]
    pub notes: NotesArgs,
}

/// Notes (free text; encrypted; never in any report or export), from a file, standard input
/// or an editor. Never from the command line itself: every local user can read a process's
/// arguments (/proc/PID/cmdline) and the shell keeps them in its history.
#[derive(Debug, Args)]
pub struct NotesArgs {
    /// Refused: notes on the command line are readable by other local users and end up in
    /// the shell history. Parsed only to refuse it with that message (the value is never
    /// echoed).
    #[arg(
        long,
        hide = true,
        num_args = 0..=1,
        default_missing_value = "",
        allow_hyphen_values = true,
        value_name = "TEXT"
    )]
    pub notes: Option<String>,
    /// Read the notes from this file (`-` for standard input), e.g. `--notes-file - <<'EOF'`.
    #[arg(long, value_name = "FILE", conflicts_with = "notes_editor")]
    pub notes_file: Option<PathBuf>,
    /// Write the notes in $VISUAL or $EDITOR (a private file in $XDG_RUNTIME_DIR, memory-backed
    /// on most Linux systems, wiped and removed afterwards).
    #[arg(long)]
    pub notes_editor: bool,
}

/// `kluis dossier list`.
#[derive(Debug, Args)]
pub struct DossierListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Only this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Only this status.
    #[arg(long, value_parser = vocab::<DossierStatus>())]
    pub status: Option<DossierStatus>,
    /// Only dossiers opened in this year.
    #[arg(long)]
    pub year: Option<i32>,
    /// Only this kind of contact.
    #[arg(long = "type", value_name = "TYPE", value_parser = vocab::<ContactType>())]
    pub contact_type: Option<ContactType>,
    /// Only dossiers with this category code.
    #[arg(long, value_name = "CODE")]
    pub category: Option<String>,
    /// Words that must occur in the number or the notes.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only dossiers whose destroy-by date has passed (and no legal hold).
    #[arg(long)]
    pub overdue: bool,
    /// Only dossiers with a deadline not yet done that is overdue or due within 3 days.
    #[arg(long)]
    pub deadlines: bool,
}

/// One dossier by number.
#[derive(Debug, Args)]
pub struct DossierShowArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
}

/// `kluis dossier edit`.
#[derive(Debug, Args)]
pub struct DossierEditArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
    /// Move to this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Kind of contact.
    #[arg(long = "type", value_name = "TYPE", value_parser = vocab::<ContactType>())]
    pub contact_type: Option<ContactType>,
    /// Date of first contact.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub opened: Option<NaiveDate>,
    /// The reporter's role.
    #[arg(long, value_parser = vocab::<ReporterRole>())]
    pub role: Option<ReporterRole>,
    /// Relation to the person complained about.
    #[arg(long, value_parser = vocab::<Relation>())]
    pub relation: Option<Relation>,
    /// Replace the categories with these (repeatable or comma-separated).
    #[arg(
        long,
        value_name = "CODE",
        value_delimiter = ',',
        conflicts_with = "clear_categories"
    )]
    pub category: Vec<String>,
    /// Remove all categories.
    #[arg(long)]
    pub clear_categories: bool,
    /// Replace the actions with these (repeatable or comma-separated).
    #[arg(long, value_parser = vocab::<Action>(), value_delimiter = ',', conflicts_with = "clear_actions")]
    pub action: Vec<Action>,
    /// Remove all actions.
    #[arg(long)]
    pub clear_actions: bool,
    /// Outcome.
    #[arg(long, value_parser = vocab::<Outcome>())]
    pub outcome: Option<Outcome>,
    /// Date of consent.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub consent_date: Option<NaiveDate>,
    /// Scope of consent.
    #[arg(long, value_parser = vocab::<ConsentScope>())]
    pub consent_scope: Option<ConsentScope>,
    /// Gender, only if the reporter states it.
    #[arg(long, value_parser = vocab::<Gender>(), conflicts_with = "clear_gender")]
    pub gender: Option<Gender>,
    /// Remove the gender.
    #[arg(long)]
    pub clear_gender: bool,
    /// Destroy-by date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub destroy_by: Option<NaiveDate>,
    /// Put the dossier under legal hold, with this reason.
    #[arg(long, value_name = "REASON", conflicts_with = "release_hold")]
    pub legal_hold: Option<String>,
    /// Lift the legal hold.
    #[arg(long)]
    pub release_hold: bool,
    #[command(flatten)]
    pub notes: NotesArgs,
}

/// `kluis dossier close`.
#[derive(Debug, Args)]
pub struct DossierCloseArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
    /// Closing date [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Final outcome.
    #[arg(long, value_parser = vocab::<Outcome>())]
    pub outcome: Outcome,
    /// Destroy-by date [default: the vault's retention term after closing].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub destroy_by: Option<NaiveDate>,
}

/// `kluis conversation ...`.
#[derive(Debug, Subcommand)]
pub enum ConversationCommand {
    /// Add a conversation to a dossier.
    Add(ConversationAddArgs),
}

/// `kluis conversation add`.
#[derive(Debug, Args)]
pub struct ConversationAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    pub number: String,
    /// When it took place [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Duration in minutes.
    #[arg(long, allow_negative_numbers = true)]
    pub minutes: i64,
    /// How it took place.
    #[arg(long, value_parser = vocab::<ConversationMode>())]
    pub mode: ConversationMode,
}
