//! `kluis deadline list|add|done|extend|delete` and `kluis breach list|add|handle`. The rules
//! (due dates, the one extension, the Wbk chain) are the core's; this module prints them.

use crate::args::{
    BreachAddArgs, BreachCommand, BreachHandleArgs, BreachListArgs, DeadlineAddArgs,
    DeadlineCommand, DeadlineDoneArgs, DeadlineExtendArgs, DeadlineIdArgs, DeadlineListArgs,
};
use crate::session::{self, Ctx, FlagMap, Said as _};
use crate::table::{Align, Table};
use kluis::model::{Breach, BreachInput, Deadline, DeadlineInput, DeadlineUrgency};

const DEADLINE_FLAGS: FlagMap = &[
    ("starts_on", "--from"),
    ("due_on", "--due"),
    ("label", "--label"),
    ("reason", "--reason"),
    ("done_on", "--on"),
];
const BREACH_FLAGS: FlagMap = &[
    ("what", "--what"),
    ("discovered_at", "--discovered"),
    ("informed", "--informed"),
    ("decision", "--decision"),
    ("handled_on", "--on"),
];

/// `kluis deadline ...`.
pub fn run(ctx: &Ctx, command: &DeadlineCommand) -> anyhow::Result<()> {
    match command {
        DeadlineCommand::List(a) => list(ctx, a),
        DeadlineCommand::Add(a) => add(ctx, a),
        DeadlineCommand::Done(a) => done(ctx, a),
        DeadlineCommand::Extend(a) => extend(ctx, a),
        DeadlineCommand::Delete(a) => delete(ctx, a),
    }
}

/// `kluis breach ...`.
pub fn run_breach(ctx: &Ctx, command: &BreachCommand) -> anyhow::Result<()> {
    match command {
        BreachCommand::List(a) => breach_list(ctx, a),
        BreachCommand::Add(a) => breach_add(ctx, a),
        BreachCommand::Handle(a) => breach_handle(ctx, a),
    }
}

fn urgency_mark(ctx: &Ctx, u: DeadlineUrgency) -> String {
    match u {
        DeadlineUrgency::Verlopen => format!("!! {}", u.label(ctx.lang)),
        DeadlineUrgency::Binnenkort => format!("! {}", u.label(ctx.lang)),
        _ => u.label(ctx.lang).to_owned(),
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn print_dossier_deadlines(ctx: &Ctx, rows: &[Deadline]) -> anyhow::Result<()> {
    if rows.is_empty() {
        outln!("{}", ctx.t("Geen termijnen.", "No deadlines."))?;
        return Ok(());
    }
    let mut t = Table::new(&[
        ("Id", Align::Right),
        (ctx.t("Soort", "Kind"), Align::Left),
        (ctx.t("Omschrijving", "Label"), Align::Left),
        (ctx.t("Vanaf", "From"), Align::Left),
        (ctx.t("Uiterlijk", "Due"), Align::Left),
        (ctx.t("Verlengd", "Extended"), Align::Left),
        (ctx.t("Afgerond", "Done"), Align::Left),
        (ctx.t("Stand", "State"), Align::Left),
    ]);
    for d in rows {
        t.row(vec![
            d.id.to_string(),
            d.kind.label(ctx.lang).to_owned(),
            d.label.clone(),
            d.starts_on.to_string(),
            d.due_on.to_string(),
            d.extended_on
                .map(|_| d.extension_reason.clone())
                .unwrap_or_default(),
            date(d.done_on),
            urgency_mark(ctx, d.urgency),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}

fn list(ctx: &Ctx, a: &DeadlineListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let store = vault.store();
    if let Some(number) = &a.number {
        let d = session::dossier(ctx, store, number)?;
        let rows = store.deadlines(d.id, ctx.clock.today).said(ctx, &[])?;
        if ctx.json {
            return ctx.print_json(&rows);
        }
        return print_dossier_deadlines(ctx, &rows);
    }
    let today = ctx.clock.today;
    let rows = if a.all {
        store.open_deadlines(today, None)
    } else {
        store.upcoming_deadlines(today)
    }
    .said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&rows);
    }
    if rows.is_empty() {
        outln!(
            "{}",
            ctx.t(
                "Geen open termijnen in de komende 14 dagen.",
                "No open deadlines in the next 14 days."
            )
        )?;
        return Ok(());
    }
    let mut t = Table::new(&[
        ("Id", Align::Right),
        (ctx.t("Dossier", "Dossier"), Align::Left),
        (ctx.t("Organisatie", "Organisation"), Align::Left),
        (ctx.t("Soort", "Kind"), Align::Left),
        (ctx.t("Omschrijving", "Label"), Align::Left),
        (ctx.t("Uiterlijk", "Due"), Align::Left),
        (ctx.t("Stand", "State"), Align::Left),
    ]);
    for s in &rows {
        t.row(vec![
            s.deadline.id.to_string(),
            s.number.clone(),
            s.organisation_name.clone(),
            s.deadline.kind.label(ctx.lang).to_owned(),
            s.deadline.label.clone(),
            s.deadline.due_on.to_string(),
            urgency_mark(ctx, s.urgency),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}

fn add(ctx: &Ctx, a: &DeadlineAddArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    let input = DeadlineInput {
        kind: a.kind,
        starts_on: a.from.unwrap_or(ctx.clock.today),
        due_on: a.due,
        label: a.label.clone(),
    };
    let added = vault
        .store_mut()
        .add_deadline(dossier.id, &input, ctx.clock)
        .said(ctx, DEADLINE_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&added);
    }
    outln!(
        "{} {} ({}) {} {}",
        ctx.t("Termijn", "Deadline"),
        added.id,
        added.kind.label(ctx.lang),
        ctx.t("uiterlijk", "due"),
        added.due_on
    )?;
    Ok(())
}

fn done(ctx: &Ctx, a: &DeadlineDoneArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.id.open)?;
    let rows = vault
        .store_mut()
        .complete_deadline(a.id.id, a.on.unwrap_or(ctx.clock.today), ctx.clock)
        .said(ctx, DEADLINE_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&rows);
    }
    outln!("{}", ctx.t("Afgerond.", "Done."))?;
    print_dossier_deadlines(ctx, &rows)
}

fn extend(ctx: &Ctx, a: &DeadlineExtendArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.id.open)?;
    let d = vault
        .store_mut()
        .extend_deadline(a.id.id, &a.reason, ctx.clock)
        .said(ctx, DEADLINE_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&d);
    }
    outln!("{} {}", ctx.t("Verlengd tot", "Extended until"), d.due_on)?;
    Ok(())
}

fn delete(ctx: &Ctx, a: &DeadlineIdArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    vault.store_mut().delete_deadline(a.id).said(ctx, &[])?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "deleted": a.id }));
    }
    outln!("{}", ctx.t("Termijn verwijderd.", "Deadline removed."))?;
    Ok(())
}

fn print_breaches(ctx: &Ctx, rows: &[Breach]) -> anyhow::Result<()> {
    if rows.is_empty() {
        outln!("{}", ctx.t("Geen datalekken.", "No breaches."))?;
        return Ok(());
    }
    let mut t = Table::new(&[
        ("Id", Align::Right),
        (ctx.t("Ontdekt", "Discovered"), Align::Left),
        (ctx.t("Melden voor", "Report by"), Align::Left),
        (ctx.t("Wat", "What"), Align::Left),
        (ctx.t("Geïnformeerd", "Informed"), Align::Left),
        (ctx.t("Besluit", "Decision"), Align::Left),
        (ctx.t("Afgehandeld", "Handled"), Align::Left),
        (ctx.t("Stand", "State"), Align::Left),
    ]);
    for b in rows {
        t.row(vec![
            b.id.to_string(),
            b.discovered_at.format("%Y-%m-%d %H:%M").to_string(),
            b.report_by.format("%Y-%m-%d %H:%M").to_string(),
            b.what.clone(),
            b.informed.clone(),
            b.decision.clone(),
            date(b.handled_on),
            urgency_mark(ctx, b.urgency),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}

fn breach_list(ctx: &Ctx, a: &BreachListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let rows = vault
        .store()
        .breaches(ctx.clock.today, a.open_only)
        .said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&rows);
    }
    print_breaches(ctx, &rows)
}

fn breach_add(ctx: &Ctx, a: &BreachAddArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let input = BreachInput {
        what: a.what.clone(),
        discovered_at: a.discovered,
        informed: a.informed.clone(),
        decision: a.decision.clone(),
        handled_on: None,
    };
    let b = vault
        .store_mut()
        .add_breach(&input, ctx.clock)
        .said(ctx, BREACH_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&b);
    }
    outln!(
        "{} {} {}",
        ctx.t("Datalek geregistreerd. Melden bij de Autoriteit Persoonsgegevens (of besluiten en vastleggen waarom niet) vóór", "Breach registered. Report it to the Dutch DPA (or decide and record why not) before"),
        b.report_by.format("%Y-%m-%d %H:%M"),
        ctx.t("(72 uur).", "(72 hours).")
    )?;
    Ok(())
}

fn breach_handle(ctx: &Ctx, a: &BreachHandleArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let old = vault.store().breach(a.id, ctx.clock.today).said(ctx, &[])?;
    let input = BreachInput {
        what: old.what,
        discovered_at: old.discovered_at,
        informed: a.informed.clone().unwrap_or(old.informed),
        decision: a.decision.clone(),
        handled_on: Some(a.on.unwrap_or(ctx.clock.today)),
    };
    let b = vault
        .store_mut()
        .update_breach(a.id, &input, ctx.clock)
        .said(ctx, BREACH_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&b);
    }
    print_breaches(ctx, std::slice::from_ref(&b))
}
