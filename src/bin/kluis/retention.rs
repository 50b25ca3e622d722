//! `kluis dossier destroy`, `kluis retention show|set` and `kluis destruction-log`. The rules
//! (what may be destroyed, the override, the log) are the core's; this module shows the plan,
//! asks for the typed confirmation and prints the result.

use crate::args::{
    DestructionLogArgs, DossierDestroyArgs, OpenArgs, RetentionCommand, RetentionSetArgs,
};
use crate::session::{self, Ctx, FlagMap, Said as _};
use crate::table::{Align, Table};
use kluis::error::ErrorCode;
use kluis::model::{DestroyRequest, DestructionPlan};
use std::io::IsTerminal as _;

const DESTROY_FLAGS: FlagMap = &[("numbers", "NUMBER"), ("reason", "--reason")];
const RETENTION_FLAGS: FlagMap = &[("months", "--months")];

/// What the advisor types to confirm: the same word in both languages' prompts.
pub const CONFIRM_WORD_NL: &str = "VERNIETIG";
/// The English confirmation word.
pub const CONFIRM_WORD_EN: &str = "DESTROY";

/// `kluis retention ...`.
pub fn run(ctx: &Ctx, command: &RetentionCommand) -> anyhow::Result<()> {
    match command {
        RetentionCommand::Show(a) => show(ctx, a),
        RetentionCommand::Set(a) => set(ctx, a),
    }
}

fn show(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, args)?;
    let rule = vault.store().retention_rule().said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&rule);
    }
    outln!(
        "{} {} {}",
        ctx.t("Bewaartermijn van de kluis:", "The vault's retention term:"),
        rule.default_months,
        ctx.t("maanden na sluiten", "months after closing")
    )?;
    outln!(
        "{}",
        ctx.t(
            "Een dossier wordt pas vernietigd als het ook is geteld in een gepubliceerde rapportage van zijn periode.",
            "A dossier is destroyed only once it was also counted in a published report of its period."
        )
    )?;
    if rule.organisations.is_empty() {
        return Ok(());
    }
    let mut t = Table::new(&[
        (ctx.t("Organisatie", "Organisation"), Align::Left),
        (ctx.t("Maanden", "Months"), Align::Right),
    ]);
    for o in &rule.organisations {
        t.row(vec![o.organisation_name.clone(), o.months.to_string()]);
    }
    outln!("{}", t.render())?;
    Ok(())
}

fn set(ctx: &Ctx, a: &RetentionSetArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    match &a.org {
        Some(name) => {
            let org = session::organisation(ctx, vault.store(), name, "--org")?;
            let months = if a.default { None } else { a.months };
            vault
                .store_mut()
                .set_organisation_retention(org.id, months, ctx.clock)
                .said(ctx, RETENTION_FLAGS)?;
        }
        None => {
            let months = a.months.unwrap_or_default();
            vault
                .store_mut()
                .set_default_retention(months)
                .said(ctx, RETENTION_FLAGS)?;
        }
    }
    session::save(ctx, &mut vault)?;
    let rule = vault.store().retention_rule().said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&rule);
    }
    outln!(
        "{}",
        ctx.t(
            "Bewaartermijn opgeslagen. Dossiers die al gesloten zijn houden hun vernietigdatum.",
            "Retention term saved. Dossiers closed before keep their destroy-by date."
        )
    )?;
    Ok(())
}

fn print_plan(ctx: &Ctx, plan: &DestructionPlan) -> anyhow::Result<()> {
    let mut t = Table::new(&[
        (ctx.t("Dossier", "Dossier"), Align::Left),
        (ctx.t("Organisatie", "Organisation"), Align::Left),
        (ctx.t("Gesloten", "Closed"), Align::Left),
        (ctx.t("Vernietigen na", "Destroy by"), Align::Left),
        (ctx.t("Gesprekken", "Conversations"), Align::Right),
        (ctx.t("Rapportage", "Report"), Align::Left),
        (ctx.t("Bezwaar", "Blocked by"), Align::Left),
    ]);
    for i in &plan.items {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        t.row(vec![
            i.number.clone(),
            i.organisation_name.clone(),
            date(i.closed_on),
            date(i.destroy_by),
            i.conversations.to_string(),
            i.report_key.clone().unwrap_or_default(),
            i.blocks
                .iter()
                .map(|b| b.label(ctx.lang))
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    outln!("{}", t.render())?;
    outln!(
        "{}",
        ctx.t(
            "Weg gaan: het dossier met notities, gesprekken, categorieën, acties, de minuten in de urenoverzichten en de zoekindex. De rapportagecijfers blijven.",
            "What goes: the dossier with its notes, conversations, categories, actions, its minutes in the hour totals and the search index. Report figures stay."
        )
    )?;
    Ok(())
}

/// `kluis dossier destroy`.
pub fn destroy(ctx: &Ctx, a: &DossierDestroyArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let request = DestroyRequest {
        numbers: a.numbers.clone(),
        reason: a.reason.clone(),
        override_blocks: a.override_blocks,
    };
    // The plan first (which dossier is blocked by what), then the core's verdict.
    if !ctx.json
        && let Ok(plan) = vault
            .store()
            .destruction_plan(&request.numbers, ctx.clock.today)
    {
        print_plan(ctx, &plan)?;
    }
    let plan = vault
        .store()
        .check_destruction(&request, ctx.clock.today)
        .said(ctx, DESTROY_FLAGS)?;
    if !a.yes {
        confirm(ctx, plan.items.len())?;
    }
    let outcome = vault
        .store_mut()
        .destroy_dossiers(&request, ctx.clock)
        .said(ctx, DESTROY_FLAGS)?;
    session::save(ctx, &mut vault)?;
    let copies = vault.destroyed_copies().said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({
            "destroyed": outcome.destroyed,
            "destroyed_at": outcome.destroyed_at,
            "backups": copies.backups,
            "backups_until": copies.until,
            "copies_elsewhere": copies.copies_elsewhere.len(),
        }));
    }
    outln!(
        "{} {}",
        ctx.t("Vernietigd:", "Destroyed:"),
        outcome.destroyed.join(", ")
    )?;
    print_copies(ctx, &copies)
}

fn print_copies(ctx: &Ctx, copies: &kluis::model::DestroyedCopies) -> anyhow::Result<()> {
    if copies.backups > 0 {
        let until = copies.until.map(|d| d.to_string()).unwrap_or_default();
        outln!(
            "{}",
            match ctx.lang {
                kluis::Lang::Nl => format!(
                    "Nog in {} back-ups tot {until}; wis ze nu met `kluis destruction-log KLUIS --purge-backups`.",
                    copies.backups
                ),
                kluis::Lang::En => format!(
                    "Still in {} backups until {until}; remove them now with `kluis destruction-log VAULT --purge-backups`.",
                    copies.backups
                ),
            }
        )?;
    }
    for c in &copies.copies_elsewhere {
        outln!(
            "{} {} (SHA-256 {})",
            ctx.t(
                "Kopie elders, zelf wissen:",
                "Copy elsewhere, wipe it yourself:"
            ),
            c.exported_at.format("%Y-%m-%d %H:%M"),
            c.sha256.get(..16).unwrap_or(&c.sha256)
        )?;
    }
    Ok(())
}

/// Asks the advisor to type the confirmation word on the terminal.
fn confirm(ctx: &Ctx, count: usize) -> anyhow::Result<()> {
    let word = ctx.t(CONFIRM_WORD_NL, CONFIRM_WORD_EN);
    let refused = || {
        ctx.err(
            ErrorCode::NotConfirmed,
            "Het vernietigen is niet bevestigd (typ de bevestiging, of geef --yes mee). Er is niets vernietigd.",
            "The destruction was not confirmed (type the confirmation, or pass --yes). Nothing was destroyed.",
        )
    };
    if !std::io::stdin().is_terminal() {
        return Err(refused());
    }
    eprint!(
        "{}",
        match ctx.lang {
            kluis::Lang::Nl =>
                format!("Typ {word} om {count} dossier(s) definitief te vernietigen: "),
            kluis::Lang::En => format!("Type {word} to destroy {count} dossier(s) for good: "),
        }
    );
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    if line.trim() != word {
        return Err(refused());
    }
    Ok(())
}

/// `kluis destruction-log`.
pub fn log(ctx: &Ctx, a: &DestructionLogArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let purged = if a.purge_backups {
        Some(
            vault
                .purge_destroyed_from_backups(ctx.clock)
                .said(ctx, &[])?,
        )
    } else {
        None
    };
    let entries = vault.store().destruction_log().said(ctx, &[])?;
    let copies = vault.destroyed_copies().said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({
            "entries": entries,
            "backups": copies.backups,
            "backups_until": copies.until,
            "copies_elsewhere": copies.copies_elsewhere,
            "purged_backups": purged,
        }));
    }
    if entries.is_empty() {
        outln!(
            "{}",
            ctx.t("Nog niets vernietigd.", "Nothing destroyed yet.")
        )?;
    } else {
        let mut t = Table::new(&[
            (ctx.t("Vernietigd op", "Destroyed on"), Align::Left),
            (ctx.t("Dossier", "Dossier"), Align::Left),
            (ctx.t("Organisatie", "Organisation"), Align::Left),
            (ctx.t("Geopend", "Opened"), Align::Left),
            (ctx.t("Gesloten", "Closed"), Align::Left),
            (ctx.t("Rapportage", "Report"), Align::Left),
            (ctx.t("Reden", "Reason"), Align::Left),
        ]);
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        for e in &entries {
            let mut reason = e.reason.clone();
            if !e.overridden.is_empty() {
                let labels: Vec<&str> = e.overridden.iter().map(|b| b.label(ctx.lang)).collect();
                reason = format!("[{}] {reason}", labels.join(", "));
            }
            t.row(vec![
                e.destroyed_at.format("%Y-%m-%d %H:%M").to_string(),
                e.number.clone(),
                e.organisation_name.clone(),
                date(e.opened_on),
                date(e.closed_on),
                e.report_key.clone(),
                reason,
            ]);
        }
        outln!("{}", t.render())?;
    }
    if let Some(n) = purged {
        outln!("{} {n}", ctx.t("Back-ups gewist:", "Backups removed:"))?;
    }
    print_copies(ctx, &copies)
}
