//! `kluis dossier add|list|show|edit|close|reopen` and `kluis conversation add`.

use crate::args::{
    ConversationAddArgs, ConversationCommand, DossierAddArgs, DossierCloseArgs, DossierCommand,
    DossierEditArgs, DossierListArgs, DossierShowArgs, NotesArgs,
};
use crate::error::Failure;
use crate::session::{self, Ctx, FlagMap, Said};
use crate::table::{Align, Table, fields, hm};
use kluis::error::ErrorCode;
use kluis::model::{Category, CloseInput, ConversationInput, Dossier, DossierFilter, DossierInput};
use kluis::store::Store;
use serde::Serialize;
use std::io::Read;

const FLAGS: FlagMap = &[
    ("organisation_id", "--org"),
    ("contact_type", "--type"),
    ("opened_on", "--opened"),
    ("reporter_role", "--role"),
    ("relation", "--relation"),
    ("outcome", "--outcome"),
    ("categories", "--category"),
    ("actions", "--action"),
    ("consent_on", "--consent-date"),
    ("consent_scope", "--consent-scope"),
    ("destroy_by", "--destroy-by"),
    ("legal_hold_reason", "--legal-hold"),
    ("gender", "--gender"),
    ("notes", "--notes-file"),
    ("status", ""),
];

const CLOSE_FLAGS: FlagMap = &[
    ("closed_on", "--date"),
    ("outcome", "--outcome"),
    ("destroy_by", "--destroy-by"),
    ("status", ""),
];

const CONVERSATION_FLAGS: FlagMap = &[
    ("held_on", "--date"),
    ("minutes", "--minutes"),
    ("mode", "--mode"),
];

/// Runs a `dossier` subcommand.
pub fn run(ctx: &Ctx, cmd: &DossierCommand) -> anyhow::Result<()> {
    match cmd {
        DossierCommand::Add(a) => add(ctx, a),
        DossierCommand::List(a) => list(ctx, a),
        DossierCommand::Show(a) => show(ctx, a),
        DossierCommand::Timeline(a) => timeline(ctx, a),
        DossierCommand::Edit(a) => edit(ctx, a),
        DossierCommand::Close(a) => close(ctx, a),
        DossierCommand::Reopen(a) => reopen(ctx, a),
        DossierCommand::Destroy(a) => crate::retention::destroy(ctx, a),
        DossierCommand::Inzage(a) => crate::access::inzage(ctx, a),
        DossierCommand::Export(a) => crate::access::export(ctx, a),
    }
}

/// Runs a `conversation` subcommand.
pub fn run_conversation(ctx: &Ctx, cmd: &ConversationCommand) -> anyhow::Result<()> {
    match cmd {
        ConversationCommand::Add(a) => add_conversation(ctx, a),
    }
}

/// The notes to store, if any were given: from `--notes-file` (a file or `-` for standard
/// input) or `--notes-editor` (starting from `current`). A `--notes` value is refused: every
/// local user can read a process's arguments in /proc/PID/cmdline, and the shell keeps them
/// in its history. The message never repeats the value.
fn read_notes(ctx: &Ctx, n: &NotesArgs, current: &str) -> anyhow::Result<Option<String>> {
    if n.notes.is_some() {
        return Err(Failure::new(
            ErrorCode::NotesOnCommandLine,
            format!(
                "--notes: {}",
                ctx.t(
                    "notities op de opdrachtregel zijn leesbaar voor andere gebruikers van deze computer (/proc) en komen in de shellgeschiedenis; er is niets opgeslagen. Gebruik --notes-file BESTAND, --notes-file - (standaardinvoer) of --notes-editor. Haal de regel ook uit je shellgeschiedenis.",
                    "notes on the command line are readable by other users of this computer (/proc) and end up in the shell history; nothing was saved. Use --notes-file FILE, --notes-file - (standard input) or --notes-editor. Also remove the line from your shell history."
                )
            ),
        )
        .into());
    }
    if n.notes_editor {
        return editor::edit(ctx, current).map(Some);
    }
    let Some(path) = &n.notes_file else {
        return Ok(None);
    };
    let mut text = String::new();
    let read = if session::is_stdin(path) {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| {
        Failure::new(
            ErrorCode::Io,
            format!(
                "--notes-file: {} ({})",
                ctx.t(
                    "kon het bestand niet lezen als tekst",
                    "could not read the file as text"
                ),
                e.kind()
            ),
        )
    })?;
    Ok(Some(text))
}

/// `--notes-editor`: the notes in the advisor's own editor.
///
/// The text has to be in a file for the editor. It goes into `$XDG_RUNTIME_DIR` (the user's
/// private runtime folder, memory-backed on systemd Linux), in a new file only the user can
/// read, which is overwritten with zeros and removed afterwards, also when anything fails.
/// What stays out of reach: copies the editor itself makes (swap, backup or undo files,
/// depending on its settings) and the editor process's memory.
mod editor {
    use crate::error::Failure;
    use crate::session::Ctx;
    use kluis::error::ErrorCode;
    use std::io::Write as _;
    use std::path::{Path, PathBuf};

    /// Wipes and removes the file when dropped.
    struct Scratch(PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            if let Ok(meta) = std::fs::metadata(&self.0)
                && let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&self.0)
            {
                let zeros = vec![0u8; meta.len() as usize];
                let _ = f.write_all(&zeros).and_then(|()| f.sync_all());
            }
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn fail(ctx: &Ctx, nl: &str, en: &str) -> anyhow::Error {
        Failure::new(ErrorCode::Io, format!("--notes-editor: {}", ctx.t(nl, en))).into()
    }

    fn create_private(path: &Path, text: &str) -> std::io::Result<()> {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(path)?;
        f.write_all(text.as_bytes())
    }

    /// Runs the editor on `current` and returns the edited text.
    pub fn edit(ctx: &Ctx, current: &str) -> anyhow::Result<String> {
        let editor = ["VISUAL", "EDITOR"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|e| !e.trim().is_empty())
            .ok_or_else(|| {
                fail(
                    ctx,
                    "zet VISUAL of EDITOR (bijvoorbeeld EDITOR=nano), of gebruik --notes-file.",
                    "set VISUAL or EDITOR (for example EDITOR=nano), or use --notes-file.",
                )
            })?;
        let dir = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|d| d.is_absolute() && d.is_dir())
            .ok_or_else(|| {
                fail(
                    ctx,
                    "er is geen privémap in het geheugen (XDG_RUNTIME_DIR) om de tekst in te bewerken; gebruik --notes-file -.",
                    "there is no private in-memory folder (XDG_RUNTIME_DIR) to edit the text in; use --notes-file -.",
                )
            })?;
        let scratch = Scratch(dir.join(format!("kluis-notities-{}.txt", std::process::id())));
        create_private(&scratch.0, current).map_err(|_| {
            fail(
                ctx,
                "kon geen tijdelijk bestand maken.",
                "could not create a temporary file.",
            )
        })?;
        // Through the shell, so that EDITOR="code --wait" works as it does for git.
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("kluis")
            .arg(&scratch.0)
            .status()
            .map_err(|_| {
                fail(
                    ctx,
                    "kon de editor niet starten.",
                    "could not start the editor.",
                )
            })?;
        if !status.success() {
            return Err(fail(
                ctx,
                "de editor is afgebroken; er is niets opgeslagen.",
                "the editor was aborted; nothing was saved.",
            ));
        }
        std::fs::read_to_string(&scratch.0).map_err(|_| {
            fail(
                ctx,
                "kon de tekst niet teruglezen.",
                "could not read the text back.",
            )
        })
    }
}

/// The category labels, for showing codes to people.
fn category_label(cats: &[Category], code: &str, ctx: &Ctx) -> String {
    cats.iter()
        .find(|c| c.code == code)
        .map(|c| c.label(ctx.lang).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

fn print_saved(ctx: &Ctx, store: &Store, d: &Dossier, nl: &str, en: &str) -> anyhow::Result<()> {
    if ctx.json {
        return ctx.print_json(&Shown::new(store, d.clone(), ctx)?);
    }
    outln!("{} {}", ctx.t(nl, en), d.number)?;
    Ok(())
}

fn add(ctx: &Ctx, a: &DossierAddArgs) -> anyhow::Result<()> {
    let notes = read_notes(ctx, &a.notes, "")?;
    let mut vault = session::open(ctx, &a.open)?;
    let org = session::organisation(ctx, vault.store(), &a.org, "--org")?;
    let opened = a.opened.unwrap_or(ctx.clock.today);
    let mut input = DossierInput::new(org.id, a.contact_type, opened);
    input.reporter_role = a.role;
    input.relation = a.relation;
    input.outcome = a.outcome;
    input.categories = a.category.iter().map(|c| c.trim().to_owned()).collect();
    input.actions = a.action.clone();
    input.consent_on = a.consent_date.unwrap_or(opened);
    input.consent_scope = a.consent_scope;
    input.gender = a.gender;
    input.destroy_by = a.destroy_by;
    if let Some(reason) = &a.legal_hold {
        input.legal_hold = true;
        input.legal_hold_reason = reason.clone();
    }
    input.notes = notes.unwrap_or_default();
    let d = vault
        .store_mut()
        .add_dossier(&input, ctx.clock)
        .said(ctx, FLAGS)?;
    session::save(ctx, &mut vault)?;
    print_saved(
        ctx,
        vault.store(),
        &d,
        "Dossier aangemaakt:",
        "Dossier created:",
    )
}

fn list(ctx: &Ctx, a: &DossierListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let store = vault.store();
    let cats = store.categories().said(ctx, &[])?;
    let organisation_id = match &a.org {
        Some(name) => Some(session::organisation(ctx, store, name, "--org")?.id),
        None => None,
    };
    if let Some(code) = &a.category
        && !cats.iter().any(|c| c.code == code.trim())
    {
        return Err(Failure::new(
            ErrorCode::NotFound,
            format!(
                "--category: {}",
                ctx.t(
                    "deze categorie bestaat niet (zie `kluis category list`).",
                    "this category does not exist (see `kluis category list`)."
                )
            ),
        )
        .into());
    }
    let filter = DossierFilter {
        organisation_id,
        status: a.status,
        year: a.year,
        contact_type: a.contact_type,
        category: a.category.as_ref().map(|c| c.trim().to_owned()),
        search: a.search.clone(),
        overdue_on: a.overdue.then_some(ctx.clock.today),
        deadline_due_by: a
            .deadlines
            .then(|| ctx.clock.today + chrono::Duration::days(kluis::model::deadline::SOON_DAYS)),
    };
    let rows = store.dossiers(&filter).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&rows);
    }
    let mut t = Table::new(&[
        (ctx.t("Nummer", "Number"), Align::Left),
        (ctx.t("Organisatie", "Organisation"), Align::Left),
        (ctx.t("Soort", "Type"), Align::Left),
        (ctx.t("Status", "Status"), Align::Left),
        (ctx.t("Geopend", "Opened"), Align::Left),
        (ctx.t("Gesloten", "Closed"), Align::Left),
        (ctx.t("Vernietigen na", "Destroy by"), Align::Left),
        (ctx.t("Gesprekken", "Conversations"), Align::Right),
        (ctx.t("Tijd", "Time"), Align::Right),
        (ctx.t("Categorieën", "Categories"), Align::Left),
    ]);
    for d in &rows {
        let destroy = match (d.destroy_by, d.legal_hold) {
            (_, true) => ctx.t("blokkade", "legal hold").to_owned(),
            (Some(day), false) => day.to_string(),
            (None, false) => String::new(),
        };
        t.row(vec![
            d.number.clone(),
            d.organisation_name.clone(),
            d.contact_type.code().to_owned(),
            d.status.label(ctx.lang).to_owned(),
            d.opened_on.to_string(),
            d.closed_on.map(|c| c.to_string()).unwrap_or_default(),
            destroy,
            d.conversation_count.to_string(),
            hm(d.conversation_minutes),
            d.categories.join(", "),
        ]);
    }
    outln!("{}", t.render())?;
    outln!()?;
    outln!(
        "{} {}",
        rows.len(),
        if rows.len() == 1 {
            "dossier"
        } else {
            "dossiers"
        }
    )?;
    Ok(())
}

/// A dossier as `show --json` prints it: every field plus the organisation's name.
#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    dossier: Dossier,
    organisation_name: String,
    conversation_minutes: u32,
}

impl Shown {
    fn new(store: &Store, dossier: Dossier, ctx: &Ctx) -> anyhow::Result<Shown> {
        let org = store.organisation(dossier.organisation_id).said(ctx, &[])?;
        let conversation_minutes = dossier.conversations.iter().map(|c| c.minutes).sum();
        Ok(Shown {
            dossier,
            organisation_name: org.name,
            conversation_minutes,
        })
    }
}

/// `kluis dossier timeline`: the core's history of the dossier, one line per event.
fn timeline(ctx: &Ctx, a: &DossierShowArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let store = vault.store();
    let d = session::dossier(ctx, store, &a.number)?;
    let events = store.timeline(d.id, ctx.lang).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&events);
    }
    for e in &events {
        outln!("{}  {}", e.on, e.text)?;
    }
    Ok(())
}

fn show(ctx: &Ctx, a: &DossierShowArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let store = vault.store();
    let d = session::dossier(ctx, store, &a.number)?;
    kluis::handover::check_deputy(store, d.id, ctx.clock.today).said(ctx, &[])?;
    let shown = Shown::new(store, d, ctx)?;
    if ctx.json {
        return ctx.print_json(&shown);
    }
    let cats = store.categories().said(ctx, &[])?;
    let d = &shown.dossier;
    let lang = ctx.lang;
    let none = || "-".to_owned();
    let list_or_none = |items: Vec<String>| {
        if items.is_empty() {
            none()
        } else {
            items.join(", ")
        }
    };
    let hold = if d.legal_hold {
        format!("{}: {}", ctx.t("ja", "yes"), d.legal_hold_reason)
    } else {
        ctx.t("nee", "no").to_owned()
    };
    let rows = vec![
        (
            ctx.t("Organisatie", "Organisation").to_owned(),
            shown.organisation_name.clone(),
        ),
        (
            ctx.t("Soort contact", "Contact type").to_owned(),
            d.contact_type.label(lang).to_owned(),
        ),
        (
            ctx.t("Status", "Status").to_owned(),
            d.status.label(lang).to_owned(),
        ),
        (
            ctx.t("Geopend", "Opened").to_owned(),
            d.opened_on.to_string(),
        ),
        (
            ctx.t("Gesloten", "Closed").to_owned(),
            d.closed_on.map(|c| c.to_string()).unwrap_or_else(none),
        ),
        (
            ctx.t("Rol melder", "Reporter role").to_owned(),
            d.reporter_role.label(lang).to_owned(),
        ),
        (
            ctx.t(
                "Relatie tot beklaagde",
                "Relation to person complained about",
            )
            .to_owned(),
            d.relation.label(lang).to_owned(),
        ),
        (
            ctx.t("Categorieën", "Categories").to_owned(),
            list_or_none(
                d.categories
                    .iter()
                    .map(|c| category_label(&cats, c, ctx))
                    .collect(),
            ),
        ),
        (
            ctx.t("Acties", "Actions").to_owned(),
            list_or_none(d.actions.iter().map(|a| a.label(lang).to_owned()).collect()),
        ),
        (
            ctx.t("Uitkomst", "Outcome").to_owned(),
            d.outcome.label(lang).to_owned(),
        ),
        (
            ctx.t("Toestemming", "Consent").to_owned(),
            format!("{} ({})", d.consent_on, d.consent_scope.label(lang)),
        ),
        (
            ctx.t("Vernietigen na", "Destroy by").to_owned(),
            d.destroy_by.map(|c| c.to_string()).unwrap_or_else(none),
        ),
        (ctx.t("Juridische blokkade", "Legal hold").to_owned(), hold),
        (
            ctx.t("Geslacht", "Gender").to_owned(),
            d.gender
                .map(|g| g.label(lang).to_owned())
                .unwrap_or_else(none),
        ),
    ];
    outln!("{} {}", ctx.t("Dossier", "Dossier"), d.number)?;
    outln!()?;
    outln!("{}", fields(&rows))?;
    outln!()?;
    outln!(
        "{} ({}, {})",
        ctx.t("Gesprekken", "Conversations"),
        d.conversations.len(),
        hm(shown.conversation_minutes)
    )?;
    if !d.conversations.is_empty() {
        let mut t = Table::new(&[
            (ctx.t("Datum", "Date"), Align::Left),
            (ctx.t("Minuten", "Minutes"), Align::Right),
            (ctx.t("Vorm", "Mode"), Align::Left),
        ]);
        for c in &d.conversations {
            t.row(vec![
                c.held_on.to_string(),
                c.minutes.to_string(),
                c.mode.label(lang).to_owned(),
            ]);
        }
        outln!("{}", t.render())?;
    }
    outln!()?;
    outln!("{}", ctx.t("Notities", "Notes"))?;
    if d.notes.trim().is_empty() {
        outln!("-")?;
    } else {
        outln!("{}", d.notes.trim_end())?;
    }
    Ok(())
}

fn edit(ctx: &Ctx, a: &DossierEditArgs) -> anyhow::Result<()> {
    // Refuse --notes (and read a file) before asking for the passphrase; the editor starts
    // from the current notes, so it runs once the vault is open.
    let mut notes = if a.notes.notes_editor {
        None
    } else {
        read_notes(ctx, &a.notes, "")?
    };
    let mut vault = session::open(ctx, &a.open)?;
    let d = session::dossier(ctx, vault.store(), &a.number)?;
    if a.notes.notes_editor {
        notes = read_notes(ctx, &a.notes, &d.notes)?;
    }
    let before = DossierInput::from(&d);
    let mut input = before.clone();
    if let Some(name) = &a.org {
        input.organisation_id = session::organisation(ctx, vault.store(), name, "--org")?.id;
    }
    if let Some(t) = a.contact_type {
        input.contact_type = t;
    }
    if let Some(o) = a.opened {
        input.opened_on = o;
    }
    if let Some(r) = a.role {
        input.reporter_role = r;
    }
    if let Some(r) = a.relation {
        input.relation = r;
    }
    if !a.category.is_empty() {
        input.categories = a.category.iter().map(|c| c.trim().to_owned()).collect();
    }
    if a.clear_categories {
        input.categories.clear();
    }
    if !a.action.is_empty() {
        input.actions = a.action.clone();
    }
    if a.clear_actions {
        input.actions.clear();
    }
    if let Some(o) = a.outcome {
        input.outcome = o;
    }
    if let Some(c) = a.consent_date {
        input.consent_on = c;
    }
    if let Some(s) = a.consent_scope {
        input.consent_scope = s;
    }
    if let Some(g) = a.gender {
        input.gender = Some(g);
    }
    if a.clear_gender {
        input.gender = None;
    }
    if let Some(day) = a.destroy_by {
        input.destroy_by = Some(day);
    }
    if let Some(reason) = &a.legal_hold {
        input.legal_hold = true;
        input.legal_hold_reason = reason.clone();
    }
    if a.release_hold {
        input.legal_hold = false;
        input.legal_hold_reason.clear();
    }
    if let Some(n) = notes {
        input.notes = n;
    }
    if input == before {
        if ctx.json {
            return ctx.print_json(&Shown::new(vault.store(), d, ctx)?);
        }
        outln!("{}", ctx.t("Niets gewijzigd.", "Nothing changed."))?;
        return Ok(());
    }
    let d = vault
        .store_mut()
        .update_dossier(d.id, &input, ctx.clock)
        .said(ctx, FLAGS)?;
    session::save(ctx, &mut vault)?;
    print_saved(
        ctx,
        vault.store(),
        &d,
        "Dossier gewijzigd:",
        "Dossier changed:",
    )
}

fn close(ctx: &Ctx, a: &DossierCloseArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let d = session::dossier(ctx, vault.store(), &a.number)?;
    let input = CloseInput {
        closed_on: a.date.unwrap_or(ctx.clock.today),
        outcome: a.outcome,
        destroy_by: a.destroy_by,
    };
    let d = vault
        .store_mut()
        .close_dossier(d.id, &input, ctx.clock)
        .said(ctx, CLOSE_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&Shown::new(vault.store(), d, ctx)?);
    }
    outln!(
        "{} {}",
        ctx.t("Dossier gesloten:", "Dossier closed:"),
        d.number
    )?;
    if let Some(day) = d.destroy_by {
        outln!("{} {day}", ctx.t("Vernietigen na:", "Destroy by:"))?;
    }
    Ok(())
}

fn reopen(ctx: &Ctx, a: &DossierShowArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let d = session::dossier(ctx, vault.store(), &a.number)?;
    let d = vault
        .store_mut()
        .reopen_dossier(d.id, ctx.clock)
        .said(ctx, FLAGS)?;
    session::save(ctx, &mut vault)?;
    print_saved(
        ctx,
        vault.store(),
        &d,
        "Dossier heropend:",
        "Dossier reopened:",
    )
}

fn add_conversation(ctx: &Ctx, a: &ConversationAddArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let d = session::dossier(ctx, vault.store(), &a.number)?;
    let input = ConversationInput {
        held_on: a.date.unwrap_or(ctx.clock.today),
        minutes: a.minutes,
        mode: a.mode,
    };
    let c = vault
        .store_mut()
        .add_conversation(d.id, &input, ctx.clock)
        .said(ctx, CONVERSATION_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&c);
    }
    outln!(
        "{} {} ({} {}, {})",
        ctx.t(
            "Gesprek toegevoegd aan dossier",
            "Conversation added to dossier"
        ),
        d.number,
        c.held_on,
        hm(c.minutes),
        c.mode.label(ctx.lang)
    )?;
    Ok(())
}
