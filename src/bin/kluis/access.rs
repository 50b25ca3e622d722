//! `kluis dossier inzage` (record an access request) and `kluis dossier export` (the dossier
//! for its reporter, with passages about third parties left out). The export itself, the
//! redaction and the export log are the core's ([`kluis::access`]).

use crate::args::{DossierExportArgs, DossierInzageArgs};
use crate::error::Failure;
use crate::session::{self, Ctx, FlagMap, Said as _};
use kluis::access::AccessExportRequest;
use kluis::error::ErrorCode;
use kluis::model::AccessRequestInput;
use std::io::Read as _;

const INZAGE_FLAGS: FlagMap = &[
    ("received_on", "--received"),
    ("identity_note", "--identity-note"),
];
const EXPORT_FLAGS: FlagMap = &[("redactions", "--redact-file")];

/// `kluis dossier inzage`.
pub fn inzage(ctx: &Ctx, a: &DossierInzageArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    let input = AccessRequestInput {
        received_on: a.received.unwrap_or(ctx.clock.today),
        identity_check: a.identity,
        identity_note: a.identity_note.clone(),
    };
    let request = vault
        .store_mut()
        .add_access_request(dossier.id, &input, ctx.clock)
        .said(ctx, INZAGE_FLAGS)?;
    session::save(ctx, &mut vault)?;
    let deadline = match request.deadline_id {
        Some(id) => Some(vault.store().deadline(id, ctx.clock.today).said(ctx, &[])?),
        None => None,
    };
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "request": request, "deadline": deadline }));
    }
    if let Some(d) = deadline {
        outln!(
            "{} {}",
            ctx.t(
                "Inzageverzoek vastgelegd; beantwoorden uiterlijk",
                "Access request recorded; answer by"
            ),
            d.due_on
        )?;
    }
    Ok(())
}

fn read_passages(ctx: &Ctx, path: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let mut text = String::new();
    let read = if session::is_stdin(path) {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| {
        Failure::new(
            ErrorCode::Io,
            format!(
                "--redact-file: {} ({})",
                ctx.t(
                    "kon het bestand niet lezen als tekst",
                    "could not read the file as text"
                ),
                e.kind()
            ),
        )
    })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// `kluis dossier export`.
pub fn export(ctx: &Ctx, a: &DossierExportArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    session::dossier(ctx, vault.store(), &a.number)?;
    let redactions = match &a.redact_file {
        Some(p) => read_passages(ctx, p)?,
        None => Vec::new(),
    };
    let request = AccessExportRequest {
        number: a.number.clone(),
        redactions,
        recipient: a.recipient.clone(),
        lang: ctx.lang,
        pdf: a.pdf.clone(),
        json: a.json_file.clone(),
    };
    let files = kluis::access::export(&mut vault, &request, ctx.clock).said(ctx, EXPORT_FLAGS)?;
    if ctx.json {
        return ctx.print_json(&files);
    }
    for f in &files {
        outln!(
            "{} {} (SHA-256 {})",
            ctx.t("Geschreven:", "Written:"),
            f.path,
            f.sha256
        )?;
    }
    Ok(())
}
