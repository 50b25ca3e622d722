//! The report as a tagged PDF/A-2a and as SVG pages for the preview, with Typst as a library.
//!
//! The template is `assets/report/report.typ` (compiled in); it reads the
//! [`ReportDocument`] as the virtual file `/data.json` and inserts the advisor's text as
//! strings, never as markup. The world is minimal: the template, the data, the Inter fonts
//! from `assets/fonts/` (no system fonts), no packages, and `today()` is the report's date
//! (never the clock), so the same document always gives the same bytes.

use crate::report::document::ReportDocument;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// The report template.
const TEMPLATE: &str = include_str!("../../../assets/report/report.typ");

/// The template of an access export (one dossier for its reporter, [`crate::access`]).
const ACCESS_TEMPLATE: &str = include_str!("../../../assets/access/access.typ");

/// The template of an invoice ([`crate::invoice`]).
const INVOICE_TEMPLATE: &str = include_str!("../../../assets/invoice/invoice.typ");

/// The template of a letter ([`crate::letter`]).
const LETTER_TEMPLATE: &str = include_str!("../../../assets/letter/letter.typ");

/// A document other than the report, with its own template and the report's fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// An access export.
    Access,
    /// An invoice.
    Invoice,
    /// A letter.
    Letter,
}

/// The only fonts a report may use (SIL Open Font License, `assets/fonts/OFL.txt`).
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/Inter-Regular.otf"),
    include_bytes!("../../../assets/fonts/Inter-Medium.otf"),
    include_bytes!("../../../assets/fonts/Inter-SemiBold.otf"),
    include_bytes!("../../../assets/fonts/Inter-Bold.otf"),
];

/// The PDF standard the report conforms to (tagged, so accessible and archival).
const STANDARD: PdfStandard = PdfStandard::A_2a;

/// How many compilations Typst's memoisation cache keeps entries for, so that a preview
/// rendered again and again does not grow without bound.
const CACHE_AGE: usize = 10;

/// Why a report could not be rendered. Messages carry no case text or names; the Typst
/// diagnostics (about the template, which is ours) are kept for logging only.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The report's date is not a calendar date.
    #[error("the report date is not a valid date")]
    InvalidDate,
    /// The document could not be serialised for the template.
    #[error("the report data could not be prepared for the template")]
    Data,
    /// The template did not compile: a bug in the template, not in the user's data.
    #[error("the report template failed ({} diagnostics)", .diagnostics.len())]
    Template {
        /// Typst's messages (without source excerpts), for the log.
        diagnostics: Vec<String>,
    },
    /// The laid-out report could not be written as PDF/A.
    #[error("the report could not be written as PDF ({} diagnostics)", .diagnostics.len())]
    Pdf {
        /// Typst's messages, for the log.
        diagnostics: Vec<String>,
    },
}

impl RenderError {
    /// A stable code for the UI and the log.
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::InvalidDate => "render_invalid_date",
            RenderError::Data => "render_data",
            RenderError::Template { .. } => "render_template",
            RenderError::Pdf { .. } => "render_pdf",
        }
    }

    /// Typst's messages, if any (for a log, never for the report's reader).
    pub fn diagnostics(&self) -> &[String] {
        match self {
            RenderError::InvalidDate | RenderError::Data => &[],
            RenderError::Template { diagnostics } | RenderError::Pdf { diagnostics } => diagnostics,
        }
    }
}

/// Renders the report as a tagged PDF/A-2a. The same document gives the same bytes.
pub fn render_pdf(doc: &ReportDocument) -> Result<Vec<u8>, RenderError> {
    let compiled = compile(doc)?;
    write_pdf(&compiled)
}

/// Renders an access export (already redacted and made [`printable`]) with its own template
/// and the same fonts, standard and determinism as reports.
pub fn render_access_pdf(
    data: &impl serde::Serialize,
    date: chrono::NaiveDate,
) -> Result<Vec<u8>, RenderError> {
    render_template_pdf(Template::Access, data, date)
}

/// Renders data (already made [`printable`]) with one of the other templates, with the same
/// fonts, standard and determinism as reports; `date` is the document's date.
pub fn render_template_pdf(
    template: Template,
    data: &impl serde::Serialize,
    date: chrono::NaiveDate,
) -> Result<Vec<u8>, RenderError> {
    use chrono::Datelike as _;
    let assets = &*ASSETS;
    let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .ok_or(RenderError::InvalidDate)?;
    let data = serde_json::to_vec(data).map_err(|_| RenderError::Data)?;
    let world = ReportWorld {
        assets,
        main: match template {
            Template::Access => &assets.access,
            Template::Invoice => &assets.invoice,
            Template::Letter => &assets.letter,
        },
        data: Bytes::new(data),
        today,
    };
    let result = typst::compile::<PagedDocument>(&world).output;
    typst::comemo::evict(CACHE_AGE);
    let compiled = result.map_err(|errors| RenderError::Template {
        diagnostics: messages(&errors),
    })?;
    write_pdf(&compiled)
}

/// Text made printable in the report fonts (see [`printable_document`]).
pub fn printable(text: &str) -> String {
    clean_text(text, &ASSETS.fonts)
}

fn write_pdf(compiled: &PagedDocument) -> Result<Vec<u8>, RenderError> {
    let options = PdfOptions {
        // The document's identity is derived from its content; no clock is read.
        ident: Smart::Auto,
        timestamp: None,
        standards: PdfStandards::new(&[STANDARD]).map_err(|e| RenderError::Pdf {
            diagnostics: vec![e.message().to_string()],
        })?,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(compiled, &options).map_err(|errors| RenderError::Pdf {
        diagnostics: messages(&errors),
    })
}

/// Renders the same pages as [`render_pdf`] as one SVG document per page (the preview).
pub fn render_svg_pages(doc: &ReportDocument) -> Result<Vec<String>, RenderError> {
    let compiled = compile(doc)?;
    let options = typst_svg::SvgOptions::default();
    Ok(compiled
        .pages()
        .iter()
        .map(|page| typst_svg::svg(page, &options))
        .collect())
}

/// Lays the report out.
fn compile(doc: &ReportDocument) -> Result<PagedDocument, RenderError> {
    let world = ReportWorld::new(doc)?;
    let result = typst::compile::<PagedDocument>(&world).output;
    typst::comemo::evict(CACHE_AGE);
    result.map_err(|errors| RenderError::Template {
        diagnostics: messages(&errors),
    })
}

fn messages(errors: &[SourceDiagnostic]) -> Vec<String> {
    errors.iter().map(|e| e.message.to_string()).collect()
}

/// What every render shares: the standard library, the fonts and the parsed template.
struct Assets {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    access: Source,
    invoice: Source,
    letter: Source,
    data: FileId,
}

static ASSETS: LazyLock<Assets> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|bytes| Font::iter(Bytes::new(*bytes)))
        .collect();
    let book = FontBook::from_fonts(&fonts);
    let id = |path: &str| {
        FileId::new(RootedPath::new(
            VirtualRoot::Project,
            VirtualPath::new(path).expect("a fixed absolute virtual path is valid"),
        ))
    };
    Assets {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(book),
        fonts,
        main: Source::new(id("/report.typ"), TEMPLATE.to_owned()),
        access: Source::new(id("/access.typ"), ACCESS_TEMPLATE.to_owned()),
        invoice: Source::new(id("/invoice.typ"), INVOICE_TEMPLATE.to_owned()),
        letter: Source::new(id("/letter.typ"), LETTER_TEMPLATE.to_owned()),
        data: id("/data.json"),
    }
});

/// One render's world: the shared assets plus this report's data and date.
struct ReportWorld {
    assets: &'static Assets,
    main: &'static Source,
    data: Bytes,
    today: Datetime,
}

impl ReportWorld {
    fn new(doc: &ReportDocument) -> Result<ReportWorld, RenderError> {
        let d = doc.date;
        let valid = chrono::NaiveDate::from_ymd_opt(d.year, d.month, d.day).is_some();
        let today = u8::try_from(d.month)
            .ok()
            .zip(u8::try_from(d.day).ok())
            .and_then(|(m, day)| Datetime::from_ymd(d.year, m, day))
            .filter(|_| valid)
            .ok_or(RenderError::InvalidDate)?;
        let assets = &*ASSETS;
        let printable = printable_document(doc, &assets.fonts);
        let data = serde_json::to_vec(&printable).map_err(|_| RenderError::Data)?;
        Ok(ReportWorld {
            assets,
            main: &assets.main,
            data: Bytes::new(data),
            today,
        })
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.assets.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.assets.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.assets.data {
            Err(FileError::NotSource)
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.assets.data {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.assets.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Anything but the template and the data: there are no other files and no packages.
fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}

/// The document with the user's text made printable in the report's fonts: control
/// characters become spaces (newlines stay), characters Inter has no glyph for become `?`
/// (PDF/A forbids missing glyphs, and a report must not fail on an emoji).
fn printable_document(doc: &ReportDocument, fonts: &[Font]) -> ReportDocument {
    let clean = |s: &str| clean_text(s, fonts);
    let mut out = doc.clone();
    out.recipient = clean(&doc.recipient);
    out.advisor = clean(&doc.advisor);
    out.narrative.activities = clean(&doc.narrative.activities);
    out.narrative.signals = clean(&doc.narrative.signals);
    out.narrative.recommendations = clean(&doc.narrative.recommendations);
    out
}

fn clean_text(s: &str, fonts: &[Font]) -> String {
    let covered = |c: char| fonts.iter().any(|f| f.info().coverage.contains(c as u32));
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            c if c.is_control() => Some(' '),
            // Invisible format characters (joiners, marks, soft hyphens) are dropped.
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' => None,
            c if c.is_whitespace() => Some(' '),
            c if covered(c) => Some(c),
            _ => Some('?'),
        })
        .collect()
}
