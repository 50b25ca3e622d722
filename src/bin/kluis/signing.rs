//! Signed reports: `kluis key show` (the vault's public signing key, to publish once) and
//! `kluis verify-report` (a report against its `.minisig` and a public key, offline, without
//! a vault). A failed check is a user error with its own code: `signature_missing`,
//! `signature_malformed`, `signature_other_key`, `file_changed`, `public_key_malformed`.

use crate::args::{OpenArgs, VerifyReportArgs};
use crate::session::{self, Ctx, Said};
use kluis::signing::{PublicKey, SignError, signature_path, verify_file};
use serde::Serialize;

/// No `.pub` file is larger; a larger file is not read.
const MAX_KEY_FILE_BYTES: u64 = 4096;

/// `kluis key show`.
pub fn key_show(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, args)?;
    let public = vault.signing_key(ctx.clock).said(ctx, &[])?.public_key();
    if ctx.json {
        return ctx.print_json(&public.view());
    }
    // The .pub file first, so that the output saved to a file is a key file minisign reads.
    for line in public.to_file().lines() {
        outln!("{line}")?;
    }
    outln!()?;
    outln!(
        "{} {}",
        ctx.t("Vingerafdruk:", "Fingerprint:"),
        public.fingerprint()
    )?;
    outln!(
        "{}",
        ctx.t(
            "Geef deze publieke sleutel één keer aan de opdrachtgever (in de afspraak). Elk rapport dat Kluis schrijft krijgt een .minisig-bestand; de opdrachtgever controleert het met `minisign -Vm rapport.pdf -P <sleutel>` of `kluis verify-report rapport.pdf --public-key <sleutel>`.",
            "Give this public key to the client once (in the agreement). Every report Kluis writes gets a .minisig file; the client checks it with `minisign -Vm report.pdf -P <key>` or `kluis verify-report report.pdf --public-key <key>`."
        )
    )?;
    Ok(())
}

/// The key as given: the key itself, else the path of a `.pub` file.
fn public_key(given: &str) -> Result<PublicKey, SignError> {
    use std::io::Read as _;
    if let Ok(key) = PublicKey::parse(given) {
        return Ok(key);
    }
    let Ok(file) = std::fs::File::open(given) else {
        return Err(SignError::PublicKeyMalformed);
    };
    let mut text = String::new();
    file.take(MAX_KEY_FILE_BYTES)
        .read_to_string(&mut text)
        .map_err(|_| SignError::PublicKeyMalformed)?;
    PublicKey::parse(&text)
}

#[derive(Serialize)]
struct Verified {
    valid: bool,
    fingerprint: String,
    trusted_comment: String,
}

/// `kluis verify-report`.
pub fn verify_report(ctx: &Ctx, args: &VerifyReportArgs) -> anyhow::Result<()> {
    let key = public_key(&args.public_key).said(ctx, &[])?;
    let signature = args
        .signature
        .clone()
        .unwrap_or_else(|| signature_path(&args.file));
    let verified = verify_file(&args.file, &signature, &key).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&Verified {
            valid: true,
            fingerprint: key.fingerprint(),
            trusted_comment: verified.trusted_comment,
        });
    }
    outln!(
        "{} {}.",
        ctx.t(
            "Handtekening geldig: dit bestand is ongewijzigd en ondertekend met de sleutel",
            "Signature valid: this file is unchanged and signed with the key"
        ),
        key.fingerprint()
    )?;
    outln!(
        "{} {}",
        ctx.t("Vertrouwd commentaar:", "Trusted comment:"),
        verified.trusted_comment
    )?;
    Ok(())
}
