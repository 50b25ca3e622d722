//! Signed reports: the vault's public signing key, and checking a report's signature.

use super::*;

/// `kluis key ...`.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Print the vault's public signing key (minisign .pub format) and its fingerprint, to
    /// publish once to clients (made now in a vault from before signing keys).
    Show(OpenArgs),
}

/// `kluis verify-report`.
#[derive(Debug, Args)]
pub struct VerifyReportArgs {
    /// The report file (PDF or CSV) to check.
    pub file: PathBuf,
    /// The advisor's public key: the key itself (a line starting with RW) or a minisign .pub
    /// file.
    #[arg(long, value_name = "KEY")]
    pub public_key: String,
    /// The signature file [default: FILE.minisig].
    #[arg(long, value_name = "FILE")]
    pub signature: Option<PathBuf>,
}
