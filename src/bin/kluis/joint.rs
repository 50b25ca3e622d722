//! `kluis joint contribute|import|list|receipts|receipt`. What a contribution and a receipt
//! hold, how they are sealed, signed, checked and recorded are the core's
//! ([`kluis::joint`]); this module reads the files, calls and prints.

use crate::args::{
    JointCommand, JointContributeArgs, JointFileArgs, JointListArgs, JointReceiptsArgs,
};
use crate::error::Failure;
use crate::session::{self, Ctx, Said as _};
use kluis::joint;

const CONTRIBUTE_FLAGS: crate::session::FlagMap = &[("to", "--to")];

/// `kluis joint ...`.
pub fn run(ctx: &Ctx, command: &JointCommand) -> anyhow::Result<()> {
    match command {
        JointCommand::Contribute(a) => contribute(ctx, a),
        JointCommand::Import(a) => import(ctx, a),
        JointCommand::List(a) => list(ctx, a),
        JointCommand::Receipts(a) => receipts(ctx, a),
        JointCommand::Receipt(a) => receipt(ctx, a),
    }
}

fn read_file(ctx: &Ctx, path: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Failure::new(
            kluis::error::ErrorCode::Io,
            format!(
                "FILE: {}",
                ctx.t(
                    &format!("het bestand kon niet worden gelezen ({}).", e.kind()),
                    &format!("the file could not be read ({}).", e.kind())
                )
            ),
        )
        .into()
    })
}

fn contribute(ctx: &Ctx, a: &JointContributeArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let org = session::organisation(ctx, vault.store(), a.org.trim(), "--org")?;
    let file =
        joint::contribute(&mut vault, org.id, a.period, &a.to, &a.out, ctx.clock).map_err(|e| {
            let export = match &e {
                joint::JointError::Export(x) => Some(x),
                _ => None,
            };
            Failure::core(&e, ctx.lang, CONTRIBUTE_FLAGS).naming_out(export)
        })?;
    if ctx.json {
        return ctx.print_json(&file);
    }
    outln!(
        "{} {} ({} {}, {} {})",
        ctx.t("Bijdrage geschreven:", "Contribution written:"),
        file.path,
        file.records,
        ctx.t("gecodeerde registraties", "coded records"),
        file.reports,
        ctx.t("eerdere rapportages", "earlier reports")
    )?;
    outln!("{} {}", ctx.t("Voor:", "For:"), file.recipient)?;
    outln!(
        "{}",
        ctx.t(
            "Lees straks het ontvangstbewijs van de coördinator in (kluis joint receipt): dan worden uw latere rapportages getoetst aan de gezamenlijke.",
            "Import the coordinator's receipt later (kluis joint receipt): your later reports are then audited against the joint one."
        )
    )?;
    Ok(())
}

fn import(ctx: &Ctx, a: &JointFileArgs) -> anyhow::Result<()> {
    let bytes = read_file(ctx, &a.file)?;
    let mut vault = session::open(ctx, &a.open)?;
    let got = joint::import_contribution(&mut vault, &bytes, ctx.clock).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&got);
    }
    outln!(
        "{} {} {} ({} {}, {} {})",
        ctx.t("Bijdrage ingelezen voor", "Contribution imported for"),
        got.organisation,
        got.period,
        got.records,
        ctx.t("gecodeerde registraties", "coded records"),
        got.reports,
        ctx.t("eerdere rapportages", "earlier reports")
    )?;
    let from = if got.advisor.is_empty() {
        got.fingerprint.clone()
    } else {
        format!("{} ({})", got.advisor, got.fingerprint)
    };
    outln!("{} {from}", ctx.t("Van:", "From:"))?;
    Ok(())
}

fn list(ctx: &Ctx, a: &JointListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let org = session::organisation(ctx, vault.store(), a.org.trim(), "--org")?;
    let list = joint::contributions(vault.store(), org.id, a.period).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&list);
    }
    if list.is_empty() {
        outln!(
            "{}",
            ctx.t(
                "Nog geen bijdragen voor deze organisatie en periode.",
                "No contributions for this organisation and period yet."
            )
        )?;
    }
    for c in &list {
        outln!(
            "{}  {}  {} {}",
            c.fingerprint,
            if c.advisor.is_empty() {
                "-"
            } else {
                &c.advisor
            },
            c.records,
            ctx.t("registraties", "records")
        )?;
    }
    Ok(())
}

fn receipts(ctx: &Ctx, a: &JointReceiptsArgs) -> anyhow::Result<()> {
    if !a.out_dir.is_dir() {
        return Err(Failure::new(
            kluis::error::ErrorCode::InvalidPath,
            format!(
                "--out-dir: {}",
                ctx.t(
                    "dit is geen bestaande map; maak hem eerst aan.",
                    "this is not an existing folder; create it first."
                )
            ),
        )
        .into());
    }
    let mut vault = session::open(ctx, &a.open)?;
    let org = session::organisation(ctx, vault.store(), a.org.trim(), "--org")?;
    let files =
        joint::receipts(&mut vault, org.id, a.period, &a.out_dir, ctx.clock).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&files);
    }
    for f in &files {
        outln!(
            "{} {} ({} {})",
            ctx.t("Ontvangstbewijs:", "Receipt:"),
            f.path,
            ctx.t("voor", "for"),
            if f.advisor.is_empty() {
                &f.recipient
            } else {
                &f.advisor
            }
        )?;
    }
    Ok(())
}

fn receipt(ctx: &Ctx, a: &JointFileArgs) -> anyhow::Result<()> {
    let bytes = read_file(ctx, &a.file)?;
    let mut vault = session::open(ctx, &a.open)?;
    let got = joint::import_receipt(&mut vault, &bytes, ctx.clock).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&got);
    }
    outln!(
        "{} {} {} ({} {})",
        ctx.t("Ontvangstbewijs ingelezen:", "Receipt imported:"),
        got.organisation,
        got.period,
        got.facts,
        ctx.t("gepubliceerde cellen", "published cells")
    )?;
    outln!(
        "{} {}",
        ctx.t("Ondertekend met sleutel", "Signed with key"),
        got.signer
    )?;
    outln!(
        "{}",
        ctx.t(
            "Vergelijk die sleutel-ID met die van de coördinator (kluis key show).",
            "Compare that key ID with the coordinator's (kluis key show)."
        )
    )?;
    Ok(())
}
