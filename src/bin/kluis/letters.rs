//! `kluis letter fields|templates|set-template|reset-template|draft|export|list`. The
//! templates, the fields and their values, the check before a letter leaves, the PDF, what is
//! kept and logged are the core's ([`kluis::letter`]); this module reads files, calls and
//! prints. A letter's text is printed only by `draft` and `list`, on request.

use crate::args::{
    LangArg, LetterCommand, LetterDraftArgs, LetterExportArgs, LetterListArgs,
    LetterSetTemplateArgs, LetterTemplateArgs, LetterTemplatesArgs,
};
use crate::error::Failure;
use crate::session::{self, Ctx, FlagMap, Said as _};
use crate::table::{Align, Table};
use kluis::Lang;
use kluis::letter::export::export_pdf;
use kluis::letter::{LetterDraft, LetterInput, LetterTemplate};
use kluis::model::{LetterField, LetterKind};
use kluis::report::export::ExportError;

const LETTER_FLAGS: FlagMap = &[
    ("subject", "--subject / --from-file"),
    ("body", "--body-file / --from-file"),
    ("recipient", "--recipient-file"),
];

/// `kluis letter ...`.
pub fn run(ctx: &Ctx, command: &LetterCommand) -> anyhow::Result<()> {
    match command {
        LetterCommand::Fields => fields(ctx),
        LetterCommand::Templates(a) => templates(ctx, a),
        LetterCommand::SetTemplate(a) => set_template(ctx, a),
        LetterCommand::ResetTemplate(a) => reset_template(ctx, a),
        LetterCommand::Draft(a) => draft(ctx, a),
        LetterCommand::Export(a) => export(ctx, a),
        LetterCommand::List(a) => list(ctx, a),
    }
}

fn language(ctx: &Ctx, arg: Option<LangArg>) -> Lang {
    arg.map(Lang::from).unwrap_or(ctx.lang)
}

fn fields(ctx: &Ctx) -> anyhow::Result<()> {
    if ctx.json {
        let list: Vec<_> = LetterField::ALL
            .iter()
            .map(|f| serde_json::json!({ "field": f.code(), "label": f.label(ctx.lang) }))
            .collect();
        return ctx.print_json(&list);
    }
    let mut t = Table::new(&[
        (ctx.t("Veld", "Field"), Align::Left),
        (ctx.t("Betekenis", "Meaning"), Align::Left),
    ]);
    for f in LetterField::ALL {
        t.row(vec![
            format!("{{{}}}", f.code()),
            f.label(ctx.lang).to_owned(),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}

fn print_template(ctx: &Ctx, t: &LetterTemplate) -> anyhow::Result<()> {
    if ctx.json {
        return ctx.print_json(t);
    }
    outln!(
        "{} ({}, {})",
        t.kind.label(ctx.lang),
        kluis::letter::lang_code(t.lang),
        if t.custom {
            ctx.t("eigen versie", "your own version")
        } else {
            ctx.t("sjabloon van Kluis", "Kluis's template")
        }
    )?;
    outln!("{} {}", ctx.t("Onderwerp:", "Subject:"), t.subject)?;
    outln!("")?;
    outln!("{}", t.body)?;
    Ok(())
}

fn templates(ctx: &Ctx, a: &LetterTemplatesArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    if let Some(kind) = a.kind {
        let t = vault
            .store()
            .letter_template(kind, language(ctx, a.language))
            .said(ctx, &[])?;
        return print_template(ctx, &t);
    }
    let all = vault.store().letter_templates().said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&all);
    }
    let mut t = Table::new(&[
        (ctx.t("Soort", "Kind"), Align::Left),
        (ctx.t("Brief", "Letter"), Align::Left),
        (ctx.t("Taal", "Language"), Align::Left),
        (ctx.t("Versie", "Version"), Align::Left),
        (ctx.t("Onderwerp", "Subject"), Align::Left),
    ]);
    for x in &all {
        t.row(vec![
            x.kind.code().to_owned(),
            x.kind.label(ctx.lang).to_owned(),
            kluis::letter::lang_code(x.lang).to_owned(),
            if x.custom {
                ctx.t("eigen", "own")
            } else {
                ctx.t("Kluis", "Kluis")
            }
            .to_owned(),
            x.subject.clone(),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}

fn set_template(ctx: &Ctx, a: &LetterSetTemplateArgs) -> anyhow::Result<()> {
    let body = session::read_text(ctx, &a.body_file, "--body-file")?;
    let mut vault = session::open(ctx, &a.template.open)?;
    let t = vault
        .store_mut()
        .set_letter_template(
            a.template.kind,
            language(ctx, a.template.language),
            &a.subject,
            &body,
            ctx.clock,
        )
        .said(ctx, &[("subject", "--subject"), ("body", "--body-file")])?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&t);
    }
    outln!(
        "{} {} ({})",
        ctx.t("Eigen sjabloon bewaard:", "Own template kept:"),
        t.kind.label(ctx.lang),
        kluis::letter::lang_code(t.lang)
    )?;
    Ok(())
}

fn reset_template(ctx: &Ctx, a: &LetterTemplateArgs) -> anyhow::Result<()> {
    let mut vault = session::open(ctx, &a.open)?;
    let t = vault
        .store_mut()
        .reset_letter_template(a.kind, language(ctx, a.language))
        .said(ctx, &[])?;
    session::save(ctx, &mut vault)?;
    if ctx.json {
        return ctx.print_json(&t);
    }
    outln!(
        "{} {} ({})",
        ctx.t(
            "Terug naar het sjabloon van Kluis:",
            "Back to Kluis's template:"
        ),
        t.kind.label(ctx.lang),
        kluis::letter::lang_code(t.lang)
    )?;
    Ok(())
}

/// Names the fields still in braces on standard error (so the draft on standard output can
/// be saved to a file as it is).
fn warn_missing(ctx: &Ctx, missing: &[LetterField]) {
    if missing.is_empty() {
        return;
    }
    let names: Vec<String> = missing
        .iter()
        .map(|f| format!("{{{}}}", f.code()))
        .collect();
    eprintln!(
        "{} {}",
        ctx.t(
            "Let op: vul zelf in wat nog tussen accolades staat:",
            "Note: fill in yourself what is still in braces:"
        ),
        names.join(", ")
    );
}

fn make_draft(
    ctx: &Ctx,
    store: &kluis::store::Store,
    a: &LetterDraftArgs,
) -> anyhow::Result<(i64, LetterDraft)> {
    let dossier = session::dossier(ctx, store, &a.number)?;
    let draft = store
        .letter_draft(
            dossier.id,
            a.kind,
            language(ctx, a.language),
            ctx.clock.today,
        )
        .said(ctx, &[])?;
    Ok((dossier.id, draft))
}

fn draft(ctx: &Ctx, a: &LetterDraftArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let (_, draft) = make_draft(ctx, vault.store(), a)?;
    if ctx.json {
        return ctx.print_json(&draft);
    }
    warn_missing(ctx, &draft.missing);
    outln!("{}", kluis::letter::export::copy_text(&draft.input))?;
    Ok(())
}

/// The edited letter: the subject on the first line, then (after a blank line) the text.
fn parse_edited(kind: LetterKind, lang: Lang, recipient: String, text: &str) -> LetterInput {
    let text = text.replace("\r\n", "\n");
    let (subject, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
    LetterInput {
        kind,
        lang,
        recipient,
        subject: subject.trim().to_owned(),
        body: body.trim_start_matches('\n').trim_end().to_owned(),
    }
}

fn export(ctx: &Ctx, a: &LetterExportArgs) -> anyhow::Result<()> {
    let edited = a
        .from_file
        .as_deref()
        .map(|p| session::read_text(ctx, p, "--from-file"))
        .transpose()?;
    let recipient = a
        .recipient_file
        .as_deref()
        .map(|p| session::read_text(ctx, p, "--recipient-file"))
        .transpose()?;
    let mut vault = session::open(ctx, &a.draft.open)?;
    let (dossier_id, draft) = make_draft(ctx, vault.store(), &a.draft)?;
    let recipient = match &recipient {
        Some(r) => r.trim().to_owned(),
        None => draft.input.recipient.clone(),
    };
    let input = match edited {
        Some(text) => parse_edited(draft.input.kind, draft.input.lang, recipient, &text),
        None => LetterInput {
            recipient,
            ..draft.input.clone()
        },
    };
    let written = export_pdf(&mut vault, dossier_id, &input, &a.out, ctx.clock).map_err(|e| {
        let mut f = Failure::core(&e, ctx.lang, LETTER_FLAGS);
        if matches!(e, ExportError::Exists { .. } | ExportError::Io { .. }) {
            f.message = format!("--out: {}", f.message);
        }
        if let ExportError::Store(kluis::store::StoreError::Validation(_)) = &e {
            let still = kluis::letter::unfilled(&format!(
                "{}\n{}\n{}",
                input.recipient, input.subject, input.body
            ));
            if !still.is_empty() {
                let names: Vec<String> =
                    still.iter().map(|f| format!("{{{}}}", f.code())).collect();
                f.message = format!("{} ({})", f.message, names.join(", "));
            }
        }
        anyhow::Error::from(f)
    })?;
    if ctx.json {
        return ctx.print_json(&written);
    }
    outln!(
        "{} {}",
        ctx.t("Brief geschreven:", "Letter written:"),
        written.path
    )?;
    outln!("SHA-256: {}", written.letter.sha256)?;
    outln!(
        "{}",
        ctx.t(
            "De brief is bij het dossier bewaard en staat in het exportlogboek. Het pdf-bestand staat onversleuteld buiten de kluis.",
            "The letter is kept with the case file and recorded in the export log. The PDF is unencrypted outside the vault."
        )
    )?;
    Ok(())
}

fn list(ctx: &Ctx, a: &LetterListArgs) -> anyhow::Result<()> {
    let vault = session::open(ctx, &a.open)?;
    let dossier = session::dossier(ctx, vault.store(), &a.number)?;
    let letters = vault.store().letters(dossier.id).said(ctx, &[])?;
    if ctx.json {
        return ctx.print_json(&letters);
    }
    if letters.is_empty() {
        outln!(
            "{}",
            ctx.t(
                "Dit dossier heeft nog geen brieven verstuurd.",
                "This case file has sent no letters yet."
            )
        )?;
        return Ok(());
    }
    let mut t = Table::new(&[
        ("Id", Align::Right),
        (ctx.t("Datum", "Date"), Align::Left),
        (ctx.t("Brief", "Letter"), Align::Left),
        (ctx.t("Hoe", "How"), Align::Left),
        (ctx.t("Onderwerp", "Subject"), Align::Left),
    ]);
    for l in &letters {
        t.row(vec![
            l.id.to_string(),
            l.sent_on.to_string(),
            l.kind.label(ctx.lang).to_owned(),
            l.via.label(ctx.lang).to_owned(),
            l.subject.clone(),
        ]);
    }
    outln!("{}", t.render())?;
    Ok(())
}
