//! `kluis letter ...`.

use super::*;
use kluis::model::LetterKind;

/// `kluis letter ...`.
#[derive(Debug, Subcommand)]
pub enum LetterCommand {
    /// The fields a template may name in braces ({aan}, {afgesloten_op}, ...) and what
    /// each holds.
    Fields,
    /// Every template (kind and language; "eigen" when it is your own version), or one whole
    /// with --kind.
    Templates(LetterTemplatesArgs),
    /// Keep your own version of a template: the subject, and the text from a file
    /// (UTF-8, paragraphs separated by a blank line, fields in braces).
    SetTemplate(LetterSetTemplateArgs),
    /// Go back to Kluis's own template.
    ResetTemplate(LetterTemplateArgs),
    /// A letter for a dossier drafted from its template, fields filled in: the subject, a
    /// blank line, then the text (what `export --body-file` reads). Fields the vault has no
    /// value for stay in braces and are named on standard error.
    Draft(LetterDraftArgs),
    /// Write a letter as PDF (never over an existing file), keep it with the dossier and log
    /// it. The text is the draft, or your edited draft from --from-file; a field left in
    /// braces refuses the export.
    Export(LetterExportArgs),
    /// The letters a dossier has sent, newest first.
    List(LetterListArgs),
}

/// A template: kind and language.
#[derive(Debug, Args)]
pub struct LetterTemplateArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Which letter.
    #[arg(long, value_parser = vocab::<LetterKind>())]
    pub kind: LetterKind,
    /// The template's language [default: --lang].
    #[arg(long, value_enum, value_name = "LANG")]
    pub language: Option<LangArg>,
}

/// `kluis letter templates`.
#[derive(Debug, Args)]
pub struct LetterTemplatesArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Show this one whole.
    #[arg(long, value_parser = vocab::<LetterKind>())]
    pub kind: Option<LetterKind>,
    /// The template's language [default: --lang].
    #[arg(long, value_enum, value_name = "LANG")]
    pub language: Option<LangArg>,
}

/// `kluis letter set-template`.
#[derive(Debug, Args)]
pub struct LetterSetTemplateArgs {
    #[command(flatten)]
    pub template: LetterTemplateArgs,
    /// The subject line.
    #[arg(long)]
    pub subject: String,
    /// The text.
    #[arg(long, value_name = "FILE")]
    pub body_file: PathBuf,
}

/// `kluis letter draft`.
#[derive(Debug, Args)]
pub struct LetterDraftArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number, such as 2026-0007.
    #[arg(value_name = "NUMBER")]
    pub number: String,
    /// Which letter.
    #[arg(long, value_parser = vocab::<LetterKind>())]
    pub kind: LetterKind,
    /// The letter's language [default: --lang].
    #[arg(long, value_enum, value_name = "LANG")]
    pub language: Option<LangArg>,
}

/// `kluis letter export`.
#[derive(Debug, Args)]
pub struct LetterExportArgs {
    #[command(flatten)]
    pub draft: LetterDraftArgs,
    /// The PDF to write (must not exist).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The letter as edited: the subject on the first line, a blank line, then the text
    /// (the form `kluis letter draft` prints) [default: the draft].
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// Name and address of the addressee, one line each, read from this file (`-`: standard
    /// input), never from the command line, which other users can see [default: the
    /// supported party's name].
    #[arg(long, value_name = "FILE")]
    pub recipient_file: Option<PathBuf>,
}

/// `kluis letter list`.
#[derive(Debug, Args)]
pub struct LetterListArgs {
    #[command(flatten)]
    pub open: OpenArgs,
    /// Dossier number.
    #[arg(value_name = "NUMBER")]
    pub number: String,
}
