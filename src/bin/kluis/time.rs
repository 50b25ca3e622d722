//! `kluis time add` and `kluis hours`: time outside dossiers and the monthly invoice basis.

use crate::args::{HoursArgs, TimeAddArgs, TimeCommand, YearMonth};
use crate::session::{self, Ctx, FlagMap, Said};
use crate::table::{Align, Table, hm};
use chrono::Datelike;
use kluis::model::{Activity, TimeEntryInput};

const FLAGS: FlagMap = &[
    ("organisation_id", "--org"),
    ("spent_on", "--date"),
    ("minutes", "--minutes"),
    ("activity", "--activity"),
    ("description", "--description"),
];

/// Runs a `time` subcommand.
pub fn run(ctx: &Ctx, cmd: &TimeCommand) -> anyhow::Result<()> {
    match cmd {
        TimeCommand::Add(a) => add(ctx, a),
    }
}

fn add(ctx: &Ctx, a: &TimeAddArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let org = session::organisation(ctx, vault.store(), &a.org, "--org")?;
    let input = TimeEntryInput {
        organisation_id: org.id,
        spent_on: a.date.unwrap_or(ctx.clock.today),
        minutes: a.minutes,
        activity: a.activity,
        description: a.description.clone(),
    };
    let entry = vault
        .store_mut()
        .add_time_entry(&input, ctx.clock)
        .said(ctx, FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&entry);
    }
    outln!(
        "{} {} ({} {}, {})",
        ctx.t("Tijd geregistreerd voor", "Time registered for"),
        org.name,
        entry.spent_on,
        hm(entry.minutes),
        entry.activity.label(ctx.lang)
    )?;
    Ok(())
}

/// `kluis hours`.
pub fn hours(ctx: &Ctx, a: &HoursArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let store = vault.store();
    let month = a.month.unwrap_or(YearMonth {
        year: ctx.clock.today.year(),
        month: ctx.clock.today.month(),
    });
    let organisation_id = match &a.org {
        Some(name) => Some(session::organisation(ctx, store, name, "--org")?.id),
        None => None,
    };
    let rows = store
        .month_hours(organisation_id, month.year, month.month)
        .said(ctx, &[("month", "--month"), ("year", "--month")])?;
    if ctx.json {
        return ctx.print_json(&rows);
    }
    outln!(
        "{} {:04}-{:02}",
        ctx.t("Uren per organisatie,", "Hours per organisation,"),
        month.year,
        month.month
    )?;
    outln!()?;
    let mut columns: Vec<(&str, Align)> = vec![
        (ctx.t("Organisatie", "Organisation"), Align::Left),
        (ctx.t("Gesprekken", "Conversations"), Align::Right),
    ];
    columns.extend(
        Activity::ALL
            .iter()
            .map(|a| (a.label(ctx.lang), Align::Right)),
    );
    columns.push((ctx.t("Totaal", "Total"), Align::Right));
    let mut t = Table::new(&columns);
    let mut sums = vec![0u32; Activity::ALL.len() + 2];
    for r in &rows {
        let mut values = vec![r.conversation_minutes];
        values.extend(Activity::ALL.iter().map(|act| r.minutes_of(*act)));
        values.push(r.total_minutes);
        for (s, v) in sums.iter_mut().zip(&values) {
            *s += v;
        }
        let mut cells = vec![r.organisation_name.clone()];
        cells.extend(values.into_iter().map(hm));
        t.row(cells);
    }
    if rows.len() > 1 {
        let mut cells = vec![ctx.t("Totaal", "Total").to_owned()];
        cells.extend(sums.into_iter().map(hm));
        t.footer(cells);
    }
    if rows.is_empty() {
        outln!(
            "{}",
            ctx.t("Geen uren in deze maand.", "No hours in this month.")
        )?;
        return Ok(());
    }
    outln!("{}", t.render())?;
    Ok(())
}
