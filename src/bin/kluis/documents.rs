//! `kluis document add|list|export|remove`. Reading files in, the limits, the kinds, the copy
//! out and its log entry are the core's ([`kluis::documents`], [`kluis::model::document`]);
//! this module calls and prints. A file's path on the command line is fine (it names no
//! person); a document's content is never printed.

use crate::args::{
    DocumentAddArgs, DocumentCommand, DocumentExportArgs, DocumentIdArgs, DocumentListArgs,
};
use crate::error::Failure;
use crate::session::{self, Ctx, FlagMap, Said as _};
use crate::table::{Align, Table};
use kluis::documents::{OriginalFile, export_copy, import_files};
use kluis::model::document::format_size;
use kluis::model::{Document, DocumentsSummary};
use kluis::report::export::ExportError;
use kluis::store::Store;

const DOCUMENT_FLAGS: FlagMap = &[("name", "FILE")];

/// `kluis document ...`.
pub fn run(ctx: &Ctx, command: &DocumentCommand) -> anyhow::Result<()> {
    match command {
        DocumentCommand::Add(a) => add(ctx, a),
        DocumentCommand::List(a) => list(ctx, a),
        DocumentCommand::Export(a) => export(ctx, a),
        DocumentCommand::Remove(a) => remove(ctx, a),
    }
}

/// The vault's documents together, and the warning on standard error when they pass the
/// threshold (so `--json` output stays clean).
fn summary(ctx: &Ctx, store: &Store) -> anyhow::Result<DocumentsSummary> {
    let s = store.documents_summary().said(ctx, &[])?;
    if let Some(text) = s.warning_text(ctx.lang) {
        eprintln!("{} {text}", ctx.t("Let op:", "Note:"));
    }
    Ok(s)
}

fn describe(ctx: &Ctx, d: &Document) -> String {
    format!(
        "{} ({}, {})",
        d.name,
        d.kind.label(ctx.lang),
        format_size(d.size, ctx.lang)
    )
}

fn add(ctx: &Ctx, a: &DocumentAddArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    let added = import_files(
        &mut vault,
        dossier.id,
        &a.files,
        a.remove_original,
        ctx.clock,
    )
    .said(ctx, DOCUMENT_FLAGS)?;
    let totals = summary(ctx, vault.store())?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "documents": added, "summary": totals }));
    }
    for item in &added {
        outln!(
            "{} {} {}",
            ctx.t("Toegevoegd:", "Added:"),
            item.document.id,
            describe(ctx, &item.document)
        )?;
        outln!("  SHA-256: {}", item.document.sha256)?;
        match item.original {
            OriginalFile::Kept => {}
            OriginalFile::Removed => outln!(
                "  {}",
                ctx.t("Origineel verwijderd van schijf.", "Original deleted from disk.")
            )?,
            OriginalFile::NotRemoved => outln!(
                "  {}",
                ctx.t(
                    "Het origineel kon niet worden verwijderd; het document staat wel in de kluis. Verwijder het origineel zelf.",
                    "The original could not be deleted; the document is in the vault all the same. Delete the original yourself."
                )
            )?,
        }
    }
    Ok(())
}

fn list(ctx: &Ctx, a: &DocumentListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    let documents = vault.store().documents(dossier.id).said(ctx, &[])?;
    let totals = summary(ctx, vault.store())?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "documents": documents, "summary": totals }));
    }
    if documents.is_empty() {
        outln!(
            "{}",
            ctx.t(
                "Geen documenten in dit dossier.",
                "No documents in this case file."
            )
        )?;
    } else {
        let mut t = Table::new(&[
            ("Id", Align::Right),
            (ctx.t("Naam", "Name"), Align::Left),
            (ctx.t("Soort", "Kind"), Align::Left),
            (ctx.t("Grootte", "Size"), Align::Right),
            (ctx.t("Toegevoegd", "Added"), Align::Left),
            ("SHA-256", Align::Left),
        ]);
        for d in &documents {
            t.row(vec![
                d.id.to_string(),
                d.name.clone(),
                d.kind.label(ctx.lang).to_owned(),
                format_size(d.size, ctx.lang),
                d.added_on.to_string(),
                d.sha256.clone(),
            ]);
        }
        outln!("{}", t.render())?;
    }
    let own: u64 = documents.iter().map(|d| d.size).sum();
    outln!(
        "{}: {} ({}); {}: {} ({})",
        ctx.t("In dit dossier", "In this case file"),
        documents.len(),
        format_size(own, ctx.lang),
        ctx.t("in de hele kluis", "in the whole vault"),
        totals.count,
        format_size(totals.total_bytes, ctx.lang)
    )?;
    Ok(())
}

fn export(ctx: &Ctx, a: &DocumentExportArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let copy = export_copy(&mut vault, a.id, &a.out, ctx.clock).map_err(|e| {
        let mut f = Failure::core(&e, ctx.lang, &[]);
        if matches!(e, ExportError::Exists { .. } | ExportError::Io { .. }) {
            f.message = format!("--out: {}", f.message);
        }
        anyhow::Error::from(f)
    })?;
    if ctx.json {
        return ctx.print_json(&copy);
    }
    outln!(
        "{} {}",
        ctx.t("Kopie geschreven:", "Copy written:"),
        copy.path
    )?;
    outln!("SHA-256: {}", copy.sha256)?;
    outln!(
        "{}",
        ctx.t(
            "Deze kopie staat onversleuteld buiten de kluis; verwijder haar als u haar niet meer nodig hebt.",
            "This copy is unencrypted outside the vault; delete it when you no longer need it."
        )
    )?;
    Ok(())
}

fn remove(ctx: &Ctx, a: &DocumentIdArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let removed = vault
        .store_mut()
        .remove_document(a.id, ctx.clock)
        .said(ctx, &[])?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "removed": removed }));
    }
    outln!(
        "{} {}",
        ctx.t("Document verwijderd:", "Document removed:"),
        describe(ctx, &removed)
    )?;
    Ok(())
}
