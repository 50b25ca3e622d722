//! `kluis invoice add-line|set-line|remove-line|delete-draft`: a draft's lines are rebuilt
//! here and handed to the core whole ([`kluis::store::Store::update_draft_lines`]), which
//! checks them; a final invoice is refused there.

use super::{LINE_FLAGS, SaidInvoice as _, find, print, set};
use crate::args::{
    DescriptionArgs, InvoiceAddLineArgs, InvoiceLineRefArgs, InvoiceRefArgs, InvoiceSetLineArgs,
};
use crate::error::Failure;
use crate::session::{self, Ctx};
use kluis::error::ErrorCode;
use kluis::invoice::InvoiceLine;
use kluis::store::Invoice;
use kluis::vault::Vault;
use serde::Serialize;
use std::io::Read as _;

/// A line's description from `--description` or `--description-file` (`-`: standard input).
fn description(
    ctx: &Ctx,
    text: &Option<String>,
    file: &Option<std::path::PathBuf>,
) -> anyhow::Result<Option<String>> {
    if let Some(t) = text {
        return Ok(Some(t.trim().to_owned()));
    }
    let Some(path) = file else {
        return Ok(None);
    };
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
                "--description-file: {} ({})",
                ctx.t(
                    "kon het bestand niet lezen als tekst",
                    "could not read the file as text"
                ),
                e.kind()
            ),
        )
    })?;
    Ok(Some(text.trim().to_owned()))
}

/// Replaces a draft's lines through the core, saves and prints the draft.
fn save_lines(
    ctx: &Ctx,
    mut vault: Vault,
    inv: &Invoice,
    lines: &[InvoiceLine],
) -> anyhow::Result<()> {
    let inv = vault
        .store_mut()
        .update_draft_lines(inv.id, lines)
        .said(ctx, LINE_FLAGS)?;
    session::save(ctx, &mut vault)?;
    print(ctx, vault.store(), &inv)
}

pub fn add_line(ctx: &Ctx, a: &InvoiceAddLineArgs) -> anyhow::Result<()> {
    let text = description(ctx, &a.description, &a.description_file)?.unwrap_or_default();
    let vault = session::open(ctx, &a.open)?;
    let inv = find(ctx, vault.store(), &a.invoice)?;
    let mut lines = inv.lines.clone();
    lines.push(InvoiceLine {
        description: text,
        quantity_milli: a.quantity,
        unit: a.unit,
        unit_price_cents: a.price,
        vat_rate_bp: a.vat,
    });
    save_lines(ctx, vault, &inv, &lines)
}

/// The draft and the index of the line at a 1-based position.
fn line_at(ctx: &Ctx, a: &InvoiceLineRefArgs) -> anyhow::Result<(Vault, Invoice, usize)> {
    let vault = session::open(ctx, &a.open)?;
    let inv = find(ctx, vault.store(), &a.invoice)?;
    let index = a.position as usize - 1;
    if index >= inv.lines.len() {
        return Err(Failure::new(
            ErrorCode::NotFound,
            format!(
                "POSITION: {}",
                ctx.t(
                    "deze factuur heeft geen regel op deze plaats (zie `kluis invoice show`).",
                    "this invoice has no line at this position (see `kluis invoice show`)."
                )
            ),
        )
        .into());
    }
    Ok((vault, inv, index))
}

pub fn set_line(ctx: &Ctx, a: &InvoiceSetLineArgs) -> anyhow::Result<()> {
    let DescriptionArgs {
        description: text,
        description_file,
    } = &a.description;
    let text = description(ctx, text, description_file)?;
    let (vault, inv, index) = line_at(ctx, &a.line)?;
    let mut lines = inv.lines.clone();
    let l = &mut lines[index];
    set(&mut l.description, &text);
    set(&mut l.quantity_milli, &a.quantity);
    set(&mut l.unit, &a.unit);
    set(&mut l.unit_price_cents, &a.price);
    set(&mut l.vat_rate_bp, &a.vat);
    save_lines(ctx, vault, &inv, &lines)
}

pub fn remove_line(ctx: &Ctx, a: &InvoiceLineRefArgs) -> anyhow::Result<()> {
    let (vault, inv, index) = line_at(ctx, a)?;
    let mut lines = inv.lines.clone();
    lines.remove(index);
    save_lines(ctx, vault, &inv, &lines)
}

#[derive(Serialize)]
struct Deleted {
    deleted: i64,
}

pub fn delete_draft(ctx: &Ctx, a: &InvoiceRefArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let inv = find(ctx, vault.store(), &a.invoice)?;
    vault
        .store_mut()
        .delete_draft(inv.id)
        .said(ctx, LINE_FLAGS)?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&Deleted { deleted: inv.id });
    }
    outln!(
        "{} (id {}).",
        ctx.t("Concept verwijderd", "Draft deleted"),
        inv.id
    )?;
    Ok(())
}
