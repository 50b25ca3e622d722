//! The access export ("inzage", AVG art. 15): one dossier for its reporter, as a PDF (rendered
//! with the report engine, Typst, PDF/A-2a) and a JSON file. Its fields in words, consent,
//! conversations with dates and durations, notes, and the list of the dossier's documents
//! (name, kind, size: the list, not the documents themselves; the advisor hands over copies
//! with [`crate::documents::export_copy`] after checking them for third parties). Before
//! anything is written, passages about third parties that the advisor marked are replaced by
//! "[gegevens van derden weggelaten]" everywhere the advisor's own text appears (notes,
//! legal-hold reason, identity note), so the PDF's text layer and the JSON never hold them.
//!
//! Files are written as reports are: each to a private temp file beside its name, then linked
//! to the name without ever replacing a file, and every delivered file goes into the export
//! log (kind `dossier`, organisation, recipient label, SHA-256) before the vault is saved.

use crate::model::PartyRole;
use crate::model::access::{REDACTED_EN, REDACTED_NL, redact};
use crate::model::document::format_size;
use crate::model::party::own_entry;
use crate::report::export::{ExportError, deliver};
use crate::report::render::pdf::{printable, render_access_pdf};
use crate::store::{Store, StoreError};
use crate::vault::Vault;
use crate::{Clock, Lang};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// One field of the dossier, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccessField {
    /// What it is.
    pub label: String,
    /// Its value in words.
    pub value: String,
}

/// One conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccessConversation {
    /// When.
    pub date: NaiveDate,
    /// The date in words.
    pub date_text: String,
    /// How long, in minutes.
    pub minutes: u32,
    /// How (in person, phone, ...), in words.
    pub mode: String,
}

/// The request the export answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccessRequestPart {
    /// When it came in, in words.
    pub received: String,
    /// How the identity was checked, in words.
    pub identity_check: String,
    /// The note on the check (redacted).
    pub identity_note: String,
}

/// Everything an access export shows: what the PDF prints and the JSON holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccessDocument {
    /// The language of the words.
    pub lang: Lang,
    /// The day it was made (the PDF's date).
    pub date: NaiveDate,
    /// That day in words.
    pub date_text: String,
    /// The dossier's number.
    pub number: String,
    /// Its organisation.
    pub organisation: String,
    /// The latest access request, if one was recorded.
    pub request: Option<AccessRequestPart>,
    /// The fields, in words.
    pub fields: Vec<AccessField>,
    /// The conversations, oldest first.
    pub conversations: Vec<AccessConversation>,
    /// Their minutes together.
    pub conversation_minutes: u32,
    /// The notes, redacted.
    pub notes: String,
    /// How many passages were left out.
    pub redacted_passages: u32,
    /// What replaces a left-out passage.
    pub placeholder: String,
    /// The dossier's documents, one line each: name, kind and size ("verslag.pdf (PDF,
    /// 1,2 MB)"), oldest first.
    pub attachments: Vec<String>,
    /// The letters sent from the dossier, one line each: kind, date and how ("Afsluitbrief,
    /// 20 maart 2026 (als pdf)"), oldest first; their text is not repeated (it may name others).
    pub letters: Vec<String>,
}

fn t<'a>(lang: Lang, nl: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// A date in words: "2 december 2026" / "2 December 2026".
pub fn date_in_words(d: NaiveDate, lang: Lang) -> String {
    lang.date_in_words(d)
}

/// Builds the access document of the dossier `number` on `today`, with `redactions` (the
/// passages about third parties, each of which must occur in the advisor's text) left out.
pub fn build(
    store: &Store,
    number: &str,
    redactions: &[String],
    lang: Lang,
    today: NaiveDate,
) -> Result<AccessDocument, StoreError> {
    let d = store.dossier_by_number(number.trim())?;
    let organisation = store.organisation(d.organisation_id)?.name;
    let requests = store.access_requests(d.id)?;
    let placeholder = t(lang, REDACTED_NL, REDACTED_EN);
    // Every passage must occur somewhere in the advisor's own text.
    let own_text = format!(
        "{}\n{}\n{}",
        d.notes,
        d.legal_hold_reason,
        requests
            .first()
            .map(|r| r.identity_note.as_str())
            .unwrap_or("")
    );
    redact(&own_text, redactions, placeholder)?;
    let cut = |s: &str| -> String {
        let present: Vec<String> = redactions
            .iter()
            .filter(|p| s.contains(p.trim()))
            .cloned()
            .collect();
        redact(s, &present, placeholder).unwrap_or_else(|_| placeholder.to_owned())
    };
    let words = |d: NaiveDate| date_in_words(d, lang);
    let none = t(lang, "geen", "none").to_owned();
    let categories = store.categories()?;
    let category_labels: Vec<String> = d
        .categories
        .iter()
        .map(|code| {
            categories
                .iter()
                .find(|c| &c.code == code)
                .map_or_else(|| code.clone(), |c| c.label(lang).to_owned())
        })
        .collect();
    let list = |v: Vec<String>| {
        if v.is_empty() {
            none.clone()
        } else {
            v.join(", ")
        }
    };
    let field = |nl: &str, en: &str, value: String| AccessField {
        label: t(lang, nl, en).to_owned(),
        value,
    };
    let mut fields = vec![
        field("Organisatie", "Organisation", organisation.clone()),
        field(
            "Contactsoort",
            "Contact type",
            d.contact_type.label(lang).to_owned(),
        ),
        field("Status", "Status", d.status.label(lang).to_owned()),
        field("Geopend op", "Opened on", words(d.opened_on)),
        field(
            "Gesloten op",
            "Closed on",
            d.closed_on.map_or_else(|| none.clone(), words),
        ),
        field(
            "Rol van de melder",
            "Reporter's role",
            d.reporter_role.label(lang).to_owned(),
        ),
        field(
            "Relatie tot beklaagde",
            "Relation to the person complained about",
            d.relation.label(lang).to_owned(),
        ),
        field("Categorieën", "Categories", list(category_labels)),
        field(
            "Acties",
            "Actions",
            list(d.actions.iter().map(|a| a.label(lang).to_owned()).collect()),
        ),
        field("Afloop", "Outcome", d.outcome.label(lang).to_owned()),
        field(
            "Geslacht",
            "Gender",
            d.gender
                .map_or_else(|| none.clone(), |g| g.label(lang).to_owned()),
        ),
        field(
            "Toestemming",
            "Consent",
            format!("{} ({})", d.consent_scope.label(lang), words(d.consent_on)),
        ),
        field(
            "Vernietigen na",
            "Destroy by",
            d.destroy_by.map_or_else(|| none.clone(), words),
        ),
    ];
    fields.push(field(
        "Betrokkenen",
        "Parties",
        parties_in_words(store, d.id, lang)?,
    ));
    if d.legal_hold {
        fields.push(field(
            "Juridische blokkade",
            "Legal hold",
            cut(&d.legal_hold_reason),
        ));
    }
    let mut conversations: Vec<AccessConversation> = d
        .conversations
        .iter()
        .map(|c| AccessConversation {
            date: c.held_on,
            date_text: words(c.held_on),
            minutes: c.minutes,
            mode: c.mode.label(lang).to_owned(),
        })
        .collect();
    conversations.sort_by_key(|c| c.date);
    let redacted_passages = redactions
        .iter()
        .map(|p| own_text.matches(p.trim()).count() as u32)
        .sum();
    let doc = AccessDocument {
        lang,
        date: today,
        date_text: words(today),
        number: d.number.clone(),
        organisation: printable(&organisation),
        request: requests.first().map(|r| AccessRequestPart {
            received: words(r.received_on),
            identity_check: r.identity_check.label(lang).to_owned(),
            identity_note: printable(&cut(&r.identity_note)),
        }),
        fields: fields
            .into_iter()
            .map(|f| AccessField {
                label: f.label,
                value: printable(&f.value),
            })
            .collect(),
        conversation_minutes: conversations.iter().map(|c| c.minutes).sum(),
        conversations,
        notes: printable(&cut(&d.notes)),
        redacted_passages,
        placeholder: placeholder.to_owned(),
        attachments: store
            .documents(d.id)?
            .iter()
            .map(|doc| {
                printable(&format!(
                    "{} ({}, {})",
                    doc.name,
                    doc.kind.label(lang),
                    format_size(doc.size, lang)
                ))
            })
            .collect(),
        letters: store
            .letters(d.id)?
            .iter()
            .rev()
            .map(|l| {
                format!(
                    "{}, {} ({})",
                    l.kind.label(lang),
                    lang.date_in_words(l.sent_on),
                    l.via.label(lang).to_lowercase()
                )
            })
            .collect(),
    };
    Ok(doc)
}

/// The dossier's parties for its subject (AVG art. 15(4): access must not harm others). The
/// subject's own entry ([`own_entry`]: the one party of the side the advisor supports) is given
/// with name and function; everyone else by role only, counted ("Beschuldigde; Getuige (2)"),
/// never by name or function, and not redacted passage by passage: they are simply left out.
fn parties_in_words(store: &Store, dossier_id: i64, lang: Lang) -> Result<String, StoreError> {
    let parties = store.parties(dossier_id)?;
    if parties.is_empty() {
        return Ok(t(lang, "geen vastgelegd", "none recorded").to_owned());
    }
    let own = own_entry(&parties, store.supported_side(dossier_id)?);
    let mut parts = Vec::new();
    if let Some(p) = own {
        let mut text = format!("{}: {}", p.role.label(lang), p.name);
        if !p.function.is_empty() {
            text.push_str(&format!(" ({})", p.function));
        }
        text.push_str(t(lang, " (uzelf)", " (yourself)"));
        parts.push(text);
    }
    for role in PartyRole::ALL {
        let n = parties
            .iter()
            .filter(|p| p.role == *role && own.is_none_or(|o| o.id != p.id))
            .count();
        match n {
            0 => {}
            1 => parts.push(role.label(lang).to_owned()),
            n => parts.push(format!("{} ({n})", role.label(lang))),
        }
    }
    Ok(parts.join("; "))
}

/// What to write: the files (at least one), the recipient label for the export log, and the
/// passages to leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessExportRequest {
    /// The dossier's number.
    pub number: String,
    /// Passages about third parties to leave out.
    pub redactions: Vec<String>,
    /// Who receives it (a label for the export log, such as "melder").
    pub recipient: String,
    /// The language of the files.
    pub lang: Lang,
    /// Where the PDF goes (must not exist).
    pub pdf: Option<PathBuf>,
    /// Where the JSON goes (must not exist).
    pub json: Option<PathBuf>,
}

/// One file written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccessFile {
    /// Where.
    pub path: String,
    /// `pdf` or `json`.
    pub format: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
}

/// Writes the access export of one dossier and logs it; see the module docs. Nothing is
/// written when the dossier, a passage or a file name is refused.
pub fn export(
    vault: &mut Vault,
    request: &AccessExportRequest,
    clock: Clock,
) -> Result<Vec<AccessFile>, ExportError> {
    let targets: Vec<(&PathBuf, &str)> = [(&request.pdf, "pdf"), (&request.json, "json")]
        .into_iter()
        .filter_map(|(p, f)| p.as_ref().map(|p| (p, f)))
        .collect();
    if targets.is_empty() {
        return Err(ExportError::NothingChosen);
    }
    let doc = build(
        vault.store(),
        &request.number,
        &request.redactions,
        request.lang,
        clock.today,
    )?;
    let organisation = vault
        .store()
        .dossier_by_number(request.number.trim())
        .and_then(|d| vault.store().organisation(d.organisation_id))?
        .name;
    let mut rendered = Vec::new();
    for (_, format) in &targets {
        let bytes = match *format {
            "pdf" => render_access_pdf(&doc, clock.today)
                .map_err(|e| ExportError::Render { code: e.code() })?,
            _ => serde_json::to_vec_pretty(&doc).map_err(|_| ExportError::Render {
                code: "render_json",
            })?,
        };
        let hash = format!("{:x}", Sha256::digest(&bytes));
        rendered.push((bytes, hash));
    }
    let files_to_write: Vec<(&std::path::Path, &[u8])> = targets
        .iter()
        .zip(&rendered)
        .map(|((p, _), (bytes, _))| (p.as_path(), bytes.as_slice()))
        .collect();
    let (delivered, failed) = deliver(&files_to_write)?;
    let files: Vec<AccessFile> = targets
        .iter()
        .zip(&rendered)
        .take(delivered)
        .map(|((p, format), (_, hash))| AccessFile {
            path: p.to_string_lossy().into_owned(),
            format: (*format).to_owned(),
            sha256: hash.clone(),
        })
        .collect();
    // The export log: only what was delivered.
    let logged = files
        .iter()
        .try_for_each(|f| {
            vault.store_mut().log_export(
                "dossier",
                std::slice::from_ref(&organisation),
                "",
                request.recipient.trim(),
                &f.sha256,
                clock,
            )
        })
        .map_err(ExportError::from)
        .and_then(|()| {
            if files.is_empty() {
                Ok(())
            } else {
                vault.save(clock).map_err(ExportError::from)
            }
        });
    if let Some(e) = failed {
        return Err(e);
    }
    logged?;
    Ok(files)
}
