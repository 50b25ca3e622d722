//! Import of an existing registration from a spreadsheet or CSV file.

use super::*;

/// `kluis import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// The spreadsheet (.xlsx, .xls, .ods) or text file (.csv, .txt) to import.
    pub file: PathBuf,
    /// The mapping (TOML): which column is which field and which value is which code.
    /// Draft one with --draft-mapping.
    #[arg(long, value_name = "FILE", required_unless_present = "draft_mapping")]
    pub mapping: Option<PathBuf>,
    /// Show what would be created and every error, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import a file that was imported before (same SHA-256) once more.
    #[arg(long)]
    pub again: bool,
    /// Write a drafted mapping to this file (which must not exist) from the headers and
    /// values of FILE, with suggested codes to check; imports nothing.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["mapping", "dry_run", "again"])]
    pub draft_mapping: Option<PathBuf>,
    /// With --draft-mapping: the sheet to read [default: the first].
    #[arg(long, value_name = "NAME", requires = "draft_mapping")]
    pub sheet: Option<String>,
    /// With --draft-mapping: the row that holds the headers (0: none).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1,
        requires = "draft_mapping"
    )]
    pub header_row: u32,
}
