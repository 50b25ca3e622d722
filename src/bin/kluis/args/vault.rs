//! Commands on the vault itself: create, open, recovery key, backup, demo.

use super::*;

/// The vault to create.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Path of the new vault file (must not exist).
    pub vault: PathBuf,
}

/// The vault to open, and how to unlock it.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Path of the vault file.
    pub vault: PathBuf,
    /// Unlock with the recovery key stored in this file (or set KLUIS_RECOVERY_KEY).
    #[arg(long, value_name = "FILE")]
    pub recovery_key_file: Option<PathBuf>,
}

/// `kluis recovery-key ...`.
#[derive(Debug, Subcommand)]
pub enum RecoveryKeyCommand {
    /// Make a new recovery key and show it once; the old one no longer opens later saves.
    New(OpenArgs),
}

/// `kluis backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Where to write the copy (must not exist).
    pub dest: PathBuf,
}

/// `kluis demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Path of the new demo vault (must not exist).
    pub vault: PathBuf,
    /// Number of organisations.
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub orgs: u32,
    /// Number of dossiers.
    #[arg(long, default_value_t = 2000)]
    pub dossiers: u32,
    /// Number of calendar years (ending this year) the dossiers spread over.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub years: u32,
    /// Seed of the generator; the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}
