//! What every command shares: the language, the output mode, the clock, unlocking a vault
//! (passphrase or recovery key, from the terminal or the environment), and turning core errors
//! into a [`Failure`]: a code from the core's one list and the advisor's language. Messages
//! never quote case content.

use crate::error::Failure;
use anyhow::Context as _;
use kluis::error::{Coded, ErrorCode};
use kluis::model::ValidationErrors;
use kluis::store::{Store, StoreError};
use kluis::vault::{Unlock, Vault};
use kluis::{Clock, Lang};
use secrecy::SecretString;
use serde::Serialize;
use std::path::Path;

use crate::args::OpenArgs;

/// Which input field a command's flag fills: `(model field, flag)`. An empty flag means the
/// message needs no prefix.
pub type FlagMap = &'static [(&'static str, &'static str)];

/// The settings of one invocation.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    /// Language of messages and labels.
    pub lang: Lang,
    /// JSON instead of tables.
    pub json: bool,
    /// The clock (KLUIS_TODAY fixes the day).
    pub clock: Clock,
}

impl Ctx {
    /// Picks the Dutch or English text.
    pub fn t<'a>(&self, nl: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// A failure with a code from the core's list and the Dutch or English message.
    pub fn err(&self, code: ErrorCode, nl: &str, en: &str) -> anyhow::Error {
        Failure::new(code, self.t(nl, en)).into()
    }

    /// Prints a value as pretty JSON on standard output.
    pub fn print_json(&self, value: &impl Serialize) -> anyhow::Result<()> {
        use zeroize::Zeroize as _;
        // The JSON may hold notes or a recovery key: wiped once written.
        let mut text = serde_json::to_string_pretty(value).context("JSON")?;
        let written = outln!("{text}");
        text.zeroize();
        written?;
        Ok(())
    }
}

/// The clock: the system clock, or noon of KLUIS_TODAY when set.
pub fn clock(lang: Lang) -> anyhow::Result<Clock> {
    match std::env::var("KLUIS_TODAY") {
        Ok(day) => {
            let day = crate::args::date(&day)
                .map_err(|e| Failure::new(ErrorCode::Validation, format!("KLUIS_TODAY: {e}")))?;
            Ok(Clock::at(day))
        }
        Err(std::env::VarError::NotPresent) => Ok(Clock::system()),
        Err(std::env::VarError::NotUnicode(_)) => Err(Failure::new(
            ErrorCode::Validation,
            format!(
                "KLUIS_TODAY: {}",
                match lang {
                    Lang::Nl => "geen geldige tekst",
                    Lang::En => "not valid text",
                }
            ),
        )
        .into()),
    }
}

/// The message for a validation error, one line per field, naming the command's flags.
pub fn describe_validation(v: &ValidationErrors, lang: Lang, flags: FlagMap) -> String {
    let head = match lang {
        Lang::Nl => "Ongeldige invoer:",
        Lang::En => "Invalid input:",
    };
    let mut lines = vec![head.to_owned()];
    for f in &v.fields {
        let flag = flags
            .iter()
            .find(|(field, _)| *field == f.field)
            .map(|(_, flag)| (*flag).to_owned())
            .unwrap_or_else(|| f.field.clone());
        if flag.is_empty() {
            lines.push(format!("  {}", f.code.message(lang)));
        } else {
            lines.push(format!("  {flag}: {}", f.code.message(lang)));
        }
    }
    lines.join("\n")
}

/// A core error (vault, store, report, export, ...) as a [`Failure`]: the code and message
/// from the core, validation messages naming this command's flags.
pub fn core_error(e: &impl Coded, lang: Lang, flags: FlagMap) -> anyhow::Error {
    Failure::core(e, lang, flags).into()
}

/// Turns a core result into one whose error is a [`Failure`].
pub trait Said<T> {
    /// Maps the error, naming this command's flags in validation messages.
    fn said(self, ctx: &Ctx, flags: FlagMap) -> anyhow::Result<T>;
}

impl<T, E: Coded> Said<T> for Result<T, E> {
    fn said(self, ctx: &Ctx, flags: FlagMap) -> anyhow::Result<T> {
        self.map_err(|e| core_error(&e, ctx.lang, flags))
    }
}

/// Asks a secret on the terminal.
fn prompt(ctx: &Ctx, nl: &str, en: &str) -> anyhow::Result<SecretString> {
    let text = rpassword::prompt_password(ctx.t(nl, en)).map_err(|_| {
        ctx.err(
            ErrorCode::PassphraseRequired,
            "Kon de wachtwoordzin niet op de terminal vragen. Zet KLUIS_PASSPHRASE of gebruik een terminal.",
            "Could not ask for the passphrase on the terminal. Set KLUIS_PASSPHRASE or use a terminal.",
        )
    })?;
    Ok(SecretString::from(text))
}

/// A secret from the environment, if set.
fn from_env(var: &str) -> Option<SecretString> {
    std::env::var(var).ok().map(SecretString::from)
}

/// The passphrase that unlocks a vault: KLUIS_PASSPHRASE or a prompt.
pub fn passphrase(ctx: &Ctx) -> anyhow::Result<SecretString> {
    match from_env("KLUIS_PASSPHRASE") {
        Some(p) => Ok(p),
        None => prompt(ctx, "Wachtwoordzin: ", "Passphrase: "),
    }
}

/// A new passphrase: from `var` if set, else asked twice on the terminal.
pub fn new_passphrase(ctx: &Ctx, var: &str) -> anyhow::Result<SecretString> {
    use secrecy::ExposeSecret;
    if let Some(p) = from_env(var) {
        return Ok(p);
    }
    let first = prompt(ctx, "Nieuwe wachtwoordzin: ", "New passphrase: ")?;
    let second = prompt(ctx, "Herhaal de wachtwoordzin: ", "Repeat the passphrase: ")?;
    if first.expose_secret() != second.expose_secret() {
        return Err(ctx.err(
            ErrorCode::Validation,
            "De twee wachtwoordzinnen zijn niet gelijk. Er is niets veranderd.",
            "The two passphrases differ. Nothing was changed.",
        ));
    }
    Ok(first)
}

/// How to unlock: the recovery key from `--recovery-key-file` or KLUIS_RECOVERY_KEY, else the
/// passphrase.
pub fn unlock(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<Unlock> {
    if let Some(file) = &args.recovery_key_file {
        let text = std::fs::read_to_string(file).map_err(|e| {
            Failure::new(
                ErrorCode::Io,
                format!(
                    "--recovery-key-file: {} ({})",
                    ctx.t("kon het bestand niet lezen", "could not read the file"),
                    e.kind()
                ),
            )
        })?;
        let key = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("")
            .to_owned();
        return Ok(Unlock::RecoveryKey(SecretString::from(key)));
    }
    if let Some(key) = from_env("KLUIS_RECOVERY_KEY") {
        return Ok(Unlock::RecoveryKey(key));
    }
    Ok(Unlock::Passphrase(passphrase(ctx)?))
}

/// Opens the vault named in `args`.
pub fn open_quietly(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<Vault> {
    let how = unlock(ctx, args)?;
    Vault::open(&args.vault, &how, ctx.clock).said(ctx, &[])
}

/// Says on standard error that the vault is open read-only, and why (read-only media or a
/// folder without write permission).
pub fn note_read_only(ctx: &Ctx) {
    eprintln!(
        "{}",
        ctx.t(
            "Let op: alleen-lezen geopend, want de map of schijf van de kluis is niet beschrijfbaar (er kon geen vergrendelbestand worden gemaakt). Lezen en controleren kan; wijzigingen worden geweigerd.",
            "Note: opened read-only, because the vault's folder or disk cannot be written (no lock file could be made). Reading and verifying work; changes are refused."
        )
    );
}

/// Opens the vault named in `args`; when the recovery key was used, advises setting a new
/// passphrase; when the folder cannot be written, says it is open read-only.
pub fn open(ctx: &Ctx, args: &OpenArgs) -> anyhow::Result<Vault> {
    let vault = open_quietly(ctx, args)?;
    if vault.read_only() {
        note_read_only(ctx);
    }
    if vault.unlocked_with_recovery_key() {
        eprintln!(
            "{}",
            ctx.t(
                "Let op: geopend met de herstelsleutel. Stel een nieuwe wachtwoordzin in met `kluis passwd`.",
                "Note: opened with the recovery key. Set a new passphrase with `kluis passwd`."
            )
        );
    }
    Ok(vault)
}

/// Saves after a change.
pub fn save(ctx: &Ctx, vault: &mut Vault) -> anyhow::Result<()> {
    vault.save(ctx.clock).said(ctx, &[])
}

/// An organisation by name; the message names the flag, never the name.
pub fn organisation(
    ctx: &Ctx,
    store: &Store,
    name: &str,
    flag: &str,
) -> anyhow::Result<kluis::model::Organisation> {
    match store.organisation_by_name(name) {
        Ok(o) => Ok(o),
        Err(StoreError::NotFound { .. }) => Err(Failure::new(
            ErrorCode::NotFound,
            format!(
                "{flag}: {}",
                ctx.t(
                    "deze organisatie bestaat niet (zie `kluis org list --all`).",
                    "this organisation does not exist (see `kluis org list --all`)."
                )
            ),
        )
        .into()),
        Err(e) => Err(core_error(&e, ctx.lang, &[])),
    }
}

/// A dossier by number.
pub fn dossier(ctx: &Ctx, store: &Store, number: &str) -> anyhow::Result<kluis::model::Dossier> {
    match store.dossier_by_number(number) {
        Ok(d) => Ok(d),
        Err(StoreError::NotFound { .. }) => Err(Failure::new(
            ErrorCode::NotFound,
            match ctx.lang {
                Lang::Nl => format!(
                    "Dossier {} bestaat niet (zie `kluis dossier list`).",
                    number.trim()
                ),
                Lang::En => format!(
                    "Dossier {} does not exist (see `kluis dossier list`).",
                    number.trim()
                ),
            },
        )
        .into()),
        Err(e) => Err(core_error(&e, ctx.lang, &[])),
    }
}

/// Whether a path is given as `-` (standard input).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a text file the advisor wrote (UTF-8), `-` being standard input; errors name the
/// flag, never the path's content.
pub fn read_text(ctx: &Ctx, path: &Path, flag: &str) -> anyhow::Result<String> {
    let read = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    };
    let bytes = read.map_err(|e| {
        Failure::new(
            if e.kind() == std::io::ErrorKind::NotFound {
                ErrorCode::NotFound
            } else {
                ErrorCode::Io
            },
            match ctx.lang {
                Lang::Nl => format!(
                    "{flag}: het bestand kon niet worden gelezen ({}).",
                    e.kind()
                ),
                Lang::En => format!("{flag}: the file could not be read ({}).", e.kind()),
            },
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        Failure::new(
            ErrorCode::Validation,
            match ctx.lang {
                Lang::Nl => format!("{flag}: dit bestand is geen UTF-8-tekst."),
                Lang::En => format!("{flag}: this file is not UTF-8 text."),
            },
        )
        .into()
    })
}
