//! `kluis document ...`.

use super::*;

/// `kluis document ...`.
#[derive(Debug, Subcommand)]
pub enum DocumentCommand {
    /// Add files to a dossier (e-mails .eml/.msg, PDFs, images, office files; at most 25 MB
    /// each), all or none. The vault is saved before --remove-original deletes a file.
    Add(DocumentAddArgs),
    /// A dossier's documents: id, name, kind, size, date added and SHA-256 (never their
    /// content), and the vault's documents together.
    List(DocumentListArgs),
    /// Write a copy of a document to a new file (never over an existing one); logged in the
    /// export log.
    Export(DocumentExportArgs),
    /// Remove a document from the vault (not from a dossier under legal hold).
    Remove(DocumentIdArgs),
}

/// `kluis document add`.
#[derive(Debug, Args)]
pub struct DocumentAddArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    #[arg(value_name = "NUMBER")]
    pub number: String,
    /// The files to add.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Delete each file from disk once the vault holds it (after a successful save).
    #[arg(long)]
    pub remove_original: bool,
}

/// `kluis document list`.
#[derive(Debug, Args)]
pub struct DocumentListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number.
    #[arg(value_name = "NUMBER")]
    pub number: String,
}

/// `kluis document export`.
#[derive(Debug, Args)]
pub struct DocumentExportArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The document's id (the first column of `kluis document list`).
    #[arg(value_name = "ID")]
    pub id: i64,
    /// The new file (must not exist).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// A document by its id.
#[derive(Debug, Args)]
pub struct DocumentIdArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The document's id (the first column of `kluis document list`).
    #[arg(value_name = "ID")]
    pub id: i64,
}
