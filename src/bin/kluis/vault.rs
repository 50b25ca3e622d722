//! Commands on the vault file as a whole: init, passwd, verify, backup and demo.

use crate::args::{BackupArgs, DemoArgs, InitArgs, OpenArgs};
use crate::session::{self, Ctx, Said};
use crate::table::fields;
use kluis::demo::{DEMO_PASSPHRASE, DemoSpec, DemoSummary};
use kluis::vault::{RecoveryKey, Vault, VaultError};
use secrecy::SecretString;
use serde::Serialize;
use std::path::Path;

/// Prints the recovery key once, with the instruction in both languages.
fn show_recovery_key(key: &RecoveryKey) -> std::io::Result<()> {
    outln!()?;
    outln!("HERSTELSLEUTEL / RECOVERY KEY")?;
    outln!()?;
    outln!("    {}", key.expose())?;
    outln!()?;
    outln!(
        "NL: Dit is de enige keer dat deze herstelsleutel wordt getoond. Schrijf hem op of print\n    \
         hem en bewaar hem offline op een veilige plek (niet op deze computer, niet in de cloud).\n    \
         Ben je je wachtwoordzin kwijt, dan opent alleen deze sleutel de kluis nog."
    )?;
    outln!(
        "EN: This is the only time this recovery key is shown. Write it down or print it and keep\n    \
         it offline in a safe place (not on this computer, not in the cloud). If you lose your\n    \
         passphrase, only this key can still open the vault."
    )?;
    Ok(())
}

#[derive(Serialize)]
struct Created<'a> {
    vault: &'a Path,
    recovery_key: &'a str,
}

/// `kluis init`.
pub fn init(ctx: &Ctx, args: &InitArgs) -> anyhow::Result<()> {
    if args.vault.exists() {
        return Err(session::core_error(
            &VaultError::AlreadyExists,
            ctx.lang,
            &[],
        ));
    }
    let pass = session::new_passphrase(ctx, "KLUIS_PASSPHRASE")?;
    let (vault, key) = Vault::create(&args.vault, &pass, ctx.clock).said(ctx, &[])?;
    drop(vault);
    if ctx.json {
        return ctx.print_json(&Created {
            vault: &args.vault,
            recovery_key: key.expose(),
        });
    }
    outln!(
        "{} {}",
        ctx.t("Kluis aangemaakt:", "Vault created:"),
        args.vault.display()
    )?;
    show_recovery_key(&key)?;
    Ok(())
}

#[derive(Serialize)]
struct PassphraseChanged {
    changed: bool,
    new_vault_key: bool,
}

/// What a new passphrase or recovery key does not do for copies made before (both languages
/// of the CLI's own text).
const OLD_COPIES_NL: &str = "Kopieën en reservekopieën van vóór deze wijziging blijven openen met de oude wachtwoordzin en herstelsleutel; alleen wat vanaf nu wordt opgeslagen is daarmee niet meer te openen. Verwijder oude kopieën die iemand anders in handen kan hebben gekregen.";
const OLD_COPIES_EN: &str = "Copies and backups made before this change still open with the old passphrase and recovery key; only what is saved from now on can no longer be opened with them. Delete old copies that someone else may have got hold of.";

/// `kluis passwd`.
pub fn passwd(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<()> {
    let mut vault = session::open_quietly(ctx, args)?;
    let new = session::new_passphrase(ctx, "KLUIS_NEW_PASSPHRASE")?;
    vault.change_passphrase(&new, ctx.clock).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&PassphraseChanged {
            changed: true,
            new_vault_key: true,
        });
    }
    outln!(
        "{}",
        ctx.t(
            "De wachtwoordzin is gewijzigd en de kluis heeft een nieuwe kluissleutel gekregen. De herstelsleutel blijft geldig (vervang hem met `kluis recovery-key new`).",
            "The passphrase was changed and the vault got a new vault key. The recovery key stays valid (replace it with `kluis recovery-key new`)."
        )
    )?;
    outln!("{}", ctx.t(OLD_COPIES_NL, OLD_COPIES_EN))?;
    Ok(())
}

#[derive(Serialize)]
struct RecoveryKeyReplaced<'a> {
    recovery_key: &'a str,
}

/// `kluis recovery-key new`.
pub fn recovery_key_new(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, args)?;
    let key = vault.new_recovery_key(ctx.clock).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&RecoveryKeyReplaced {
            recovery_key: key.expose(),
        });
    }
    outln!(
        "{}",
        ctx.t(
            "Er is een nieuwe herstelsleutel gemaakt; de oude opent wat vanaf nu wordt opgeslagen niet meer.",
            "A new recovery key was made; the old one does not open what is saved from now on."
        )
    )?;
    outln!("{}", ctx.t(OLD_COPIES_NL, OLD_COPIES_EN))?;
    show_recovery_key(&key)?;
    Ok(())
}

/// `kluis verify`.
pub fn verify(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<()> {
    let how = session::unlock(ctx, args)?;
    let report = Vault::verify(&args.vault, &how, ctx.clock).said(ctx, &[])?;
    if report.read_only {
        session::note_read_only(ctx);
    }
    if ctx.json {
        return ctx.print_json(&report);
    }
    outln!(
        "{}",
        ctx.t(
            "De kluis is in orde: sleutels, versleuteling en database zijn gecontroleerd.",
            "The vault is sound: keys, encryption and database were checked."
        )
    )?;
    outln!()?;
    let rows = vec![
        (
            ctx.t("Bestandsformaat", "File format").to_owned(),
            report.format_version.to_string(),
        ),
        (
            ctx.t("Databaseschema", "Database schema").to_owned(),
            report.schema_version.to_string(),
        ),
        (
            ctx.t("Organisaties", "Organisations").to_owned(),
            report.organisations.to_string(),
        ),
        (
            ctx.t("Dossiers", "Dossiers").to_owned(),
            report.dossiers.to_string(),
        ),
        (
            ctx.t("Bestandsgrootte", "File size").to_owned(),
            format!("{} bytes", report.file_bytes),
        ),
        (
            ctx.t("Databasegrootte", "Database size").to_owned(),
            format!("{} bytes", report.database_bytes),
        ),
        (
            ctx.t("Reservekopieën", "Backups").to_owned(),
            report.backups.to_string(),
        ),
    ];
    outln!("{}", fields(&rows))?;
    Ok(())
}

#[derive(Serialize)]
struct BackupWritten<'a> {
    path: &'a Path,
    sha256: &'a str,
}

/// `kluis backup`.
pub fn backup(ctx: &Ctx, args: &BackupArgs) -> anyhow::Result<()> {
    if args.dest.exists() {
        return Err(session::core_error(
            &VaultError::AlreadyExists,
            ctx.lang,
            &[],
        ));
    }
    let mut vault = session::open(ctx, &args.open)?;
    let hash = vault.backup_to(&args.dest, ctx.clock).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&BackupWritten {
            path: &args.dest,
            sha256: &hash,
        });
    }
    outln!(
        "{} {}",
        ctx.t("Versleutelde kopie geschreven:", "Encrypted copy written:"),
        args.dest.display()
    )?;
    outln!("SHA-256: {hash}")?;
    Ok(())
}

#[derive(Serialize)]
struct DemoCreated<'a> {
    vault: &'a Path,
    /// `demo` (the public demo passphrase) or `env` (KLUIS_PASSPHRASE).
    passphrase_source: &'a str,
    /// The public demo passphrase; absent when KLUIS_PASSPHRASE was used.
    passphrase: Option<&'a str>,
    recovery_key: &'a str,
    summary: &'a DemoSummary,
}

/// `kluis demo`.
pub fn demo(ctx: &Ctx, args: &DemoArgs) -> anyhow::Result<()> {
    let from_env = std::env::var("KLUIS_PASSPHRASE").ok();
    let (pass, source) = match &from_env {
        Some(p) => (SecretString::from(p.clone()), "env"),
        None => (SecretString::from(DEMO_PASSPHRASE.to_owned()), "demo"),
    };
    let (mut vault, key) = Vault::create_unchecked(&args.vault, &pass, ctx.clock).said(ctx, &[])?;
    let spec = DemoSpec {
        organisations: args.orgs,
        dossiers: args.dossiers,
        years: args.years,
        seed: args.seed,
    };
    let summary = kluis::demo::populate(vault.store_mut(), &spec, ctx.clock).said(
        ctx,
        &[
            ("organisations", "--orgs"),
            ("dossiers", "--dossiers"),
            ("years", "--years"),
        ],
    )?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&DemoCreated {
            vault: &args.vault,
            passphrase_source: source,
            passphrase: from_env.is_none().then_some(DEMO_PASSPHRASE),
            recovery_key: key.expose(),
            summary: &summary,
        });
    }
    outln!(
        "{} {}",
        ctx.t(
            "Demokluis met verzonnen gegevens aangemaakt:",
            "Demo vault with invented data created:"
        ),
        args.vault.display()
    )?;
    match source {
        "env" => outln!(
            "{}",
            ctx.t(
                "Wachtwoordzin: die uit KLUIS_PASSPHRASE.",
                "Passphrase: the one in KLUIS_PASSPHRASE."
            )
        )?,
        _ => outln!(
            "{} \"{DEMO_PASSPHRASE}\"",
            ctx.t(
                "Wachtwoordzin (openbaar, alleen voor demo's):",
                "Passphrase (public, for demos only):"
            )
        )?,
    }
    outln!(
        "{} {}",
        ctx.t("Herstelsleutel:", "Recovery key:"),
        key.expose()
    )?;
    outln!()?;
    let rows = vec![
        (
            ctx.t("Organisaties", "Organisations").to_owned(),
            summary.organisations.to_string(),
        ),
        (
            ctx.t("Dossiers", "Dossiers").to_owned(),
            summary.dossiers.to_string(),
        ),
        (
            ctx.t("Gesprekken", "Conversations").to_owned(),
            summary.conversations.to_string(),
        ),
        (
            ctx.t("Tijdregistraties", "Time entries").to_owned(),
            summary.time_entries.to_string(),
        ),
        (
            ctx.t("Termijnen", "Deadlines").to_owned(),
            summary.deadlines.to_string(),
        ),
    ];
    outln!("{}", fields(&rows))?;
    Ok(())
}
