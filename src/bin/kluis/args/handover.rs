//! `kluis handover ...`.

use super::*;

/// `kluis handover ...`.
#[derive(Debug, Subcommand)]
pub enum HandoverCommand {
    /// This vault's receiving key ("mijn ontvangstsleutel"): give the age1... line to a
    /// colleague who hands dossiers over to you, and compare the fingerprint by phone.
    Key(OpenArgs),
    /// Write chosen dossiers to a handover file only the recipient can open (their receiving
    /// key, or a one-time passphrase), mark them as handed over and log it. Coded fields and
    /// the history always; notes, parties and documents only when asked. Destroy the
    /// dossiers afterwards with `kluis dossier destroy`.
    Export(HandoverExportArgs),
    /// Read a handover file made for this vault: organisations matched by name (or made),
    /// numbers kept (with OV- when taken), all dossiers or none.
    Import(HandoverImportArgs),
}

/// `kluis handover export`.
#[derive(Debug, Args)]
pub struct HandoverExportArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier numbers.
    #[arg(value_name = "NUMBER", required = true)]
    pub numbers: Vec<String>,
    /// The recipient's receiving key (age1...).
    #[arg(
        long,
        value_name = "AGE1...",
        conflicts_with = "passphrase_file",
        required_unless_present = "passphrase_file"
    )]
    pub to: Option<String>,
    /// Seal with a one-time passphrase read from this file (`-`: standard input) instead.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// The file to write (must not exist).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Include the notes.
    #[arg(long)]
    pub notes: bool,
    /// Include the parties (names) and whom you support.
    #[arg(long)]
    pub parties: bool,
    /// Include the documents.
    #[arg(long)]
    pub documents: bool,
    /// A deputy copy: the last day the deputy may open these dossiers.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub deputy_until: Option<NaiveDate>,
}

/// `kluis handover import`.
#[derive(Debug, Args)]
pub struct HandoverImportArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The handover file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The one-time passphrase it was sealed with, read from this file (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}
