//! `kluis org add|list|edit|archive` and `kluis category list`.

use crate::args::{OpenArgs, OrgAddArgs, OrgArchiveArgs, OrgCommand, OrgEditArgs, OrgListArgs};
use crate::session::{self, Ctx, FlagMap, Said};
use crate::table::{Align, Table};
use kluis::model::{Organisation, OrganisationInput};

const FLAGS: FlagMap = &[
    ("name", "--name"),
    ("employee_count", "--employees"),
    ("arrangement", "--arrangement"),
    ("contact_label", "--contact"),
];

/// Runs an `org` subcommand.
pub fn run(ctx: &Ctx, cmd: &OrgCommand) -> anyhow::Result<()> {
    match cmd {
        OrgCommand::Add(a) => add(ctx, a),
        OrgCommand::List(a) => list(ctx, a),
        OrgCommand::Edit(a) => edit(ctx, a),
        OrgCommand::Archive(a) => archive(ctx, a),
    }
}

fn yes_no(ctx: &Ctx, b: bool) -> String {
    if b {
        ctx.t("ja", "yes")
    } else {
        ctx.t("nee", "no")
    }
    .to_owned()
}

fn print_one(ctx: &Ctx, org: &Organisation, nl: &str, en: &str) -> anyhow::Result<()> {
    if ctx.json {
        return ctx.print_json(org);
    }
    outln!("{} {}", ctx.t(nl, en), org.name)?;
    Ok(())
}

fn add(ctx: &Ctx, a: &OrgAddArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let input = OrganisationInput {
        name: a.name.clone(),
        employee_count: a.employees,
        arrangement: a.arrangement,
        contact_label: a.contact.clone(),
    };
    let org = vault
        .store_mut()
        .add_organisation(&input, ctx.clock)
        .said(ctx, FLAGS)?;
    session::save(ctx, &mut vault)?;
    print_one(ctx, &org, "Organisatie toegevoegd:", "Organisation added:")
}

fn list(ctx: &Ctx, a: &OrgListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let orgs = vault.store().organisations(a.all).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&orgs);
    }
    let mut t = Table::new(&[
        (ctx.t("Naam", "Name"), Align::Left),
        (ctx.t("Medewerkers", "Employees"), Align::Right),
        (ctx.t("Regeling", "Arrangement"), Align::Left),
        (ctx.t("Contact", "Contact"), Align::Left),
        (ctx.t("Gearchiveerd", "Archived"), Align::Left),
    ]);
    for o in &orgs {
        t.row(vec![
            o.name.clone(),
            o.employee_count.to_string(),
            o.arrangement.label(ctx.lang).to_owned(),
            o.contact_label.clone(),
            yes_no(ctx, o.archived),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}

fn edit(ctx: &Ctx, a: &OrgEditArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let org = session::organisation(ctx, vault.store(), &a.org, "ORG")?;
    let input = OrganisationInput {
        name: a.name.clone().unwrap_or_else(|| org.name.clone()),
        employee_count: a.employees.unwrap_or(org.employee_count),
        arrangement: a.arrangement.unwrap_or(org.arrangement),
        contact_label: a
            .contact
            .clone()
            .unwrap_or_else(|| org.contact_label.clone()),
    };
    let unchanged = input.name == org.name
        && input.employee_count == org.employee_count
        && input.arrangement == org.arrangement
        && input.contact_label == org.contact_label;
    if unchanged {
        if ctx.json {
            return ctx.print_json(&org);
        }
        outln!("{}", ctx.t("Niets gewijzigd.", "Nothing changed."))?;
        return Ok(());
    }
    let org = vault
        .store_mut()
        .update_organisation(org.id, &input)
        .said(ctx, FLAGS)?;
    session::save(ctx, &mut vault)?;
    print_one(ctx, &org, "Organisatie gewijzigd:", "Organisation changed:")
}

fn archive(ctx: &Ctx, a: &OrgArchiveArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let org = session::organisation(ctx, vault.store(), &a.org, "ORG")?;
    let archived = !a.restore;
    if org.archived == archived {
        if ctx.json {
            return ctx.print_json(&org);
        }
        outln!(
            "{}",
            if archived {
                ctx.t(
                    "Deze organisatie was al gearchiveerd.",
                    "This organisation was already archived.",
                )
            } else {
                ctx.t(
                    "Deze organisatie was niet gearchiveerd.",
                    "This organisation was not archived.",
                )
            }
        )?;
        return Ok(());
    }
    let org = vault
        .store_mut()
        .set_organisation_archived(org.id, archived)
        .said(ctx, &[])?;
    session::save(ctx, &mut vault)?;
    if archived {
        print_one(
            ctx,
            &org,
            "Organisatie gearchiveerd:",
            "Organisation archived:",
        )
    } else {
        print_one(
            ctx,
            &org,
            "Organisatie teruggezet:",
            "Organisation restored:",
        )
    }
}

/// `kluis category list`.
pub fn categories(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, args)?;
    let cats = vault.store().categories().said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&cats);
    }
    let mut t = Table::new(&[
        (ctx.t("Code", "Code"), Align::Left),
        (ctx.t("Omschrijving", "Label"), Align::Left),
        (ctx.t("Groep", "Group"), Align::Left),
        (ctx.t("In gebruik", "Active"), Align::Left),
    ]);
    for c in &cats {
        t.row(vec![
            c.code.clone(),
            c.label(ctx.lang).to_owned(),
            c.group.label(ctx.lang).to_owned(),
            yes_no(ctx, c.active),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}
