//! `kluis party add|list|remove|decide|support` and `kluis link add|list|remove`. The rules
//! (validation, the name matcher, when a decision is needed) are the core's
//! ([`kluis::model::party`], [`kluis::model::names`]); this module reads, calls and prints.
//! A name is never taken from the command line: like notes, it would be readable in
//! /proc/PID/cmdline and kept in the shell history.

use crate::args::{
    LinkAddArgs, LinkCommand, PartyAddArgs, PartyCommand, PartyDecideArgs, PartyIdArgs,
    PartyListArgs, PartySupportArgs,
};
use crate::error::Failure;
use crate::session::{self, Ctx, FlagMap, Said as _};
use crate::table::{Align, Table};
use kluis::error::ErrorCode;
use kluis::model::{ConflictDecisionInput, PartyInput, PartyOverview};
use std::io::Read as _;

const PARTY_FLAGS: FlagMap = &[
    ("name", "--name-file"),
    ("function", "--function"),
    ("decided_on", "--on"),
];

/// `kluis party ...`.
pub fn run(ctx: &Ctx, command: &PartyCommand) -> anyhow::Result<()> {
    match command {
        PartyCommand::Add(a) => add(ctx, a),
        PartyCommand::List(a) => list(ctx, a),
        PartyCommand::Remove(a) => remove(ctx, a),
        PartyCommand::Decide(a) => decide(ctx, a),
        PartyCommand::Support(a) => support(ctx, a),
    }
}

/// `kluis link ...`.
pub fn run_link(ctx: &Ctx, command: &LinkCommand) -> anyhow::Result<()> {
    match command {
        LinkCommand::Add(a) => link_add(ctx, a),
        LinkCommand::List(a) => link_list(ctx, a),
        LinkCommand::Remove(a) => link_remove(ctx, a),
    }
}

/// The name from `--name-file` (a file, or `-` for standard input); `--name` is refused
/// without repeating its value.
fn read_name(ctx: &Ctx, a: &PartyAddArgs) -> anyhow::Result<String> {
    if a.name.is_some() {
        return Err(Failure::new(
            ErrorCode::NameOnCommandLine,
            format!(
                "--name: {}",
                ctx.t(
                    "namen op de opdrachtregel zijn leesbaar voor andere gebruikers van deze computer (/proc) en komen in de shellgeschiedenis; er is niets opgeslagen. Gebruik --name-file BESTAND of --name-file - (standaardinvoer). Haal de regel ook uit je shellgeschiedenis.",
                    "names on the command line are readable by other users of this computer (/proc) and end up in the shell history; nothing was saved. Use --name-file FILE or --name-file - (standard input). Also remove the line from your shell history."
                )
            ),
        )
        .into());
    }
    let Some(path) = &a.name_file else {
        return Ok(String::new()); // the core says the name is required
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
                "--name-file: {} ({})",
                ctx.t(
                    "kon het bestand niet lezen als tekst",
                    "could not read the file as text"
                ),
                e.kind()
            ),
        )
    })?;
    Ok(text.trim().to_owned())
}

fn print_matches(ctx: &Ctx, o: &PartyOverview) -> anyhow::Result<()> {
    if o.matches.is_empty() {
        return Ok(());
    }
    outln!(
        "{}",
        ctx.t(
            "Mogelijk dezelfde persoon in een ander dossier:",
            "Possibly the same person in another case file:"
        )
    )?;
    for m in &o.matches {
        let own = o
            .parties
            .iter()
            .find(|p| p.id == m.party_id)
            .map(|p| p.name.as_str())
            .unwrap_or_default();
        let state = if m.decided {
            ctx.t("besloten", "decided")
        } else {
            ctx.t("BESLUIT NODIG", "DECISION NEEDED")
        };
        outln!(
            "  {own} ~ {}: {} [{state}]",
            m.other_name,
            m.describe(ctx.lang)
        )?;
    }
    if o.undecided {
        outln!(
            "{}",
            ctx.t(
                "Leg een besluit vast: kluis party decide KLUIS NUMMER --decision geen_conflict|doorverwijzen",
                "Record a decision: kluis party decide VAULT NUMBER --decision geen_conflict|doorverwijzen"
            )
        )?;
    }
    Ok(())
}

fn print_overview(ctx: &Ctx, o: &PartyOverview) -> anyhow::Result<()> {
    outln!(
        "{} {}",
        ctx.t("U staat bij:", "You support:"),
        o.supports.label(ctx.lang).to_lowercase()
    )?;
    if o.parties.is_empty() {
        outln!("{}", ctx.t("Geen betrokkenen.", "No parties."))?;
    } else {
        let mut t = Table::new(&[
            ("Id", Align::Right),
            (ctx.t("Rol", "Role"), Align::Left),
            (ctx.t("Naam", "Name"), Align::Left),
            (
                ctx.t("Functie of afdeling", "Function or department"),
                Align::Left,
            ),
        ]);
        for p in &o.parties {
            t.row(vec![
                p.id.to_string(),
                p.role.label(ctx.lang).to_owned(),
                p.name.clone(),
                p.function.clone(),
            ]);
        }
        outln!("{}", t.render())?;
    }
    print_matches(ctx, o)?;
    for d in &o.decisions {
        outln!(
            "{} {}: {}",
            ctx.t("Besluit van", "Decision of"),
            d.decided_on,
            d.decision.label(ctx.lang)
        )?;
    }
    Ok(())
}

fn add(ctx: &Ctx, a: &PartyAddArgs) -> anyhow::Result<()> {
    let name = read_name(ctx, a)?;
    let mut vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    let input = PartyInput {
        role: a.role,
        name,
        function: a.function.clone(),
    };
    let party = vault
        .store_mut()
        .add_party(dossier.id, &input, ctx.clock)
        .said(ctx, PARTY_FLAGS)?;
    session::save(ctx, &mut vault)?;
    let overview = vault.store().party_overview(dossier.id).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "party": party, "overview": overview }));
    }
    outln!(
        "{} {} ({})",
        ctx.t("Betrokkene", "Party"),
        party.id,
        party.role.label(ctx.lang)
    )?;
    print_matches(ctx, &overview)
}

fn list(ctx: &Ctx, a: &PartyListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    let overview = vault.store().party_overview(dossier.id).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&overview);
    }
    print_overview(ctx, &overview)
}

fn remove(ctx: &Ctx, a: &PartyIdArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    vault
        .store_mut()
        .remove_party(a.id, ctx.clock)
        .said(ctx, &[])?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "removed": a.id }));
    }
    outln!("{}", ctx.t("Betrokkene verwijderd.", "Party removed."))?;
    Ok(())
}

fn decide(ctx: &Ctx, a: &PartyDecideArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    let input = ConflictDecisionInput {
        decision: a.decision,
        decided_on: a.on.unwrap_or(ctx.clock.today),
    };
    let d = vault
        .store_mut()
        .decide_conflict(dossier.id, &input, ctx.clock)
        .said(ctx, PARTY_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&d);
    }
    outln!(
        "{} {}: {}",
        ctx.t("Besluit vastgelegd op", "Decision recorded on"),
        d.decided_on,
        d.decision.label(ctx.lang)
    )?;
    Ok(())
}

fn support(ctx: &Ctx, a: &PartySupportArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    vault
        .store_mut()
        .set_supported_side(dossier.id, a.side, ctx.clock)
        .said(ctx, &[])?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "supports": a.side }));
    }
    outln!(
        "{} {}",
        ctx.t("U staat bij:", "You support:"),
        a.side.label(ctx.lang).to_lowercase()
    )?;
    Ok(())
}

fn link_add(ctx: &Ctx, a: &LinkAddArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    session::dossier(ctx, vault.store(), &a.other)?;
    let link = vault
        .store_mut()
        .add_link(dossier.id, &a.other, a.kind, ctx.clock)
        .said(ctx, &[])?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&link);
    }
    outln!(
        "{} {}: {} {}",
        ctx.t("Koppeling", "Link"),
        link.id,
        link.kind.label(ctx.lang),
        link.other_number
    )?;
    Ok(())
}

fn link_list(ctx: &Ctx, a: &PartyListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    let links = vault.store().links(dossier.id).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&links);
    }
    if links.is_empty() {
        outln!("{}", ctx.t("Geen koppelingen.", "No links."))?;
        return Ok(());
    }
    let mut t = Table::new(&[
        ("Id", Align::Right),
        (ctx.t("Soort", "Kind"), Align::Left),
        (ctx.t("Dossier", "Dossier"), Align::Left),
        (ctx.t("Organisatie", "Organisation"), Align::Left),
    ]);
    for l in &links {
        t.row(vec![
            l.id.to_string(),
            l.kind.label(ctx.lang).to_owned(),
            l.other_number.clone(),
            l.other_organisation.clone(),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}

fn link_remove(ctx: &Ctx, a: &PartyIdArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    vault.store_mut().remove_link(a.id).said(ctx, &[])?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "removed": a.id }));
    }
    outln!("{}", ctx.t("Koppeling verwijderd.", "Link removed."))?;
    Ok(())
}
