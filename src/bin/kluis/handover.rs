//! `kluis handover key|export|import`. The key, the package, the encryption, what is recorded
//! and logged are the core's ([`kluis::handover`]); this module reads the passphrase file,
//! calls and prints. A one-time passphrase is read from a file or standard input, never from
//! the command line.

use crate::args::{HandoverCommand, HandoverExportArgs, HandoverImportArgs};
use crate::error::Failure;
use crate::session::{self, Ctx, FlagMap, Said as _};
use kluis::handover::package::HandoverOptions;
use kluis::handover::{HandoverTo, export, import, receive_key};
use secrecy::SecretString;

const EXPORT_FLAGS: FlagMap = &[
    ("to", "--to"),
    ("passphrase", "--passphrase-file"),
    ("deputy_until", "--deputy-until"),
];

/// `kluis handover ...`.
pub fn run(ctx: &Ctx, command: &HandoverCommand) -> anyhow::Result<()> {
    match command {
        HandoverCommand::Key(open) => key(ctx, open),
        HandoverCommand::Export(a) => write(ctx, a),
        HandoverCommand::Import(a) => read(ctx, a),
    }
}

fn key(ctx: &Ctx, open: &crate::args::OpenArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, open)?;
    let key = receive_key(&mut vault, ctx.clock).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&key);
    }
    outln!("{}", ctx.t("Mijn ontvangstsleutel:", "My receiving key:"))?;
    outln!("  {}", key.recipient)?;
    outln!(
        "{} {}",
        ctx.t("Vingerafdruk:", "Fingerprint:"),
        key.fingerprint
    )?;
    outln!(
        "{}",
        ctx.t(
            "Geef de age1-regel aan wie dossiers aan u overdraagt, en vergelijk de vingerafdruk telefonisch.",
            "Give the age1 line to whoever hands dossiers over to you, and compare the fingerprint by phone."
        )
    )?;
    Ok(())
}

fn passphrase(ctx: &Ctx, file: &std::path::Path) -> anyhow::Result<SecretString> {
    let text = session::read_text(ctx, file, "--passphrase-file")?;
    Ok(SecretString::from(
        text.trim_end_matches(['\n', '\r']).to_owned(),
    ))
}

fn write(ctx: &Ctx, a: &HandoverExportArgs) -> anyhow::Result<()> {
    let to = match (&a.to, &a.passphrase_file) {
        (Some(k), _) => HandoverTo::Key(k.clone()),
        (None, Some(f)) => HandoverTo::Passphrase(passphrase(ctx, f)?),
        (None, None) => unreachable!("clap requires --to or --passphrase-file"),
    };
    let mut vault = session::open(ctx, &a.open)?;
    for n in &a.numbers {
        session::dossier(ctx, vault.store(), n)?;
    }
    let options = HandoverOptions {
        notes: a.notes,
        parties: a.parties,
        documents: a.documents,
        deputy_until: a.deputy_until,
    };
    let file = export(
        &mut vault, &a.numbers, &options, &to, &a.out, ctx.lang, ctx.clock,
    )
    .map_err(|e| {
        let export = match &e {
            kluis::handover::HandoverError::Export(x) => Some(x),
            _ => None,
        };
        Failure::core(&e, ctx.lang, EXPORT_FLAGS).naming_out(export)
    })?;
    if ctx.json {
        return ctx.print_json(&file);
    }
    outln!(
        "{} {} ({} {})",
        ctx.t("Overdrachtsbestand geschreven:", "Handover file written:"),
        file.path,
        file.dossiers.len(),
        ctx.t("dossiers", "case files")
    )?;
    outln!("{} {}", ctx.t("Voor:", "For:"), file.recipient)?;
    outln!(
        "{}",
        ctx.t(
            "De dossiers zijn gemarkeerd als overgedragen. Vernietig ze hier zodra de ontvanger ze heeft ingelezen (kluis dossier destroy).",
            "The case files are marked as handed over. Destroy them here once the recipient has imported them (kluis dossier destroy)."
        )
    )?;
    Ok(())
}

fn read(ctx: &Ctx, a: &HandoverImportArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(&a.file).map_err(|e| {
        Failure::new(
            kluis::error::ErrorCode::Io,
            format!(
                "FILE: {}",
                match ctx.lang {
                    kluis::Lang::Nl =>
                        format!("het bestand kon niet worden gelezen ({}).", e.kind()),
                    kluis::Lang::En => format!("the file could not be read ({}).", e.kind()),
                }
            ),
        )
    })?;
    let pass = a
        .passphrase_file
        .as_deref()
        .map(|f| passphrase(ctx, f))
        .transpose()?;
    let mut vault = session::open(ctx, &a.open)?;
    let got = import(&mut vault, &bytes, pass.as_ref(), ctx.clock).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&got);
    }
    outln!(
        "{} {} ({} {})",
        got.dossiers.len(),
        ctx.t("dossiers ingelezen", "case files imported"),
        ctx.t("overgedragen door", "handed over by"),
        got.from
    )?;
    for (from, to) in &got.dossiers {
        if from == to {
            outln!("  {to}")?;
        } else {
            outln!("  {from} -> {to}")?;
        }
    }
    for o in &got.organisations_created {
        outln!("{} {o}", ctx.t("Nieuwe organisatie:", "New organisation:"))?;
    }
    if let Some(until) = got.deputy_until {
        outln!(
            "{} {until}",
            ctx.t(
                "Waarneming: deze dossiers openen tot en met",
                "Deputy copy: these case files open up to and including"
            )
        )?;
    }
    Ok(())
}
