//! Letters: a closing letter drafted from the dossier (the supported party's name, the dates,
//! the organisation, the advisor's name and town), written as a PDF read back with pdftotext
//! and pdffonts, kept with the dossier, logged without a name, shown in the timeline, and gone
//! from the decrypted vault image once the dossier is destroyed. A field left in braces stops
//! a letter before anything is written; an own template is checked, used and reset; the Wbk
//! confirmation counts its dates by the Wbk's terms. Only synthetic names.

use super::destruction::{contains, decrypted_image, unique_word};
use super::util::*;
use kluis::Lang;
use kluis::error::{Coded, ErrorCode};
use kluis::invoice::PostalAddress;
use kluis::letter::export::{export_pdf, record_copy};
use kluis::model::*;
use kluis::report::export::ExportError;
use kluis::store::{AdvisorDetails, StoreError, TimelineKind};
use kluis::vault::Vault;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (make deps): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} must succeed on our PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_text(pdf: &Path) -> String {
    run("pdftotext", &[pdf.to_str().expect("UTF-8 path"), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn advisor(v: &mut Vault) {
    v.store_mut()
        .set_advisor_details(&AdvisorDetails {
            name: "A. Verzonnen-Adviseur".into(),
            address: PostalAddress {
                street: "Verzonnenlaan 1".into(),
                postcode: "3511 AB".into(),
                city: "Utrecht".into(),
                country: "NL".into(),
            },
            ..AdvisorDetails::default()
        })
        .expect("the advisor's details");
}

fn melder(v: &mut Vault, dossier: i64, name: &str) {
    v.store_mut()
        .add_party(
            dossier,
            &PartyInput {
                role: PartyRole::Melder,
                name: name.into(),
                function: String::new(),
            },
            clock(),
        )
        .expect("the reporter");
}

fn close(v: &mut Vault, d: &Dossier) {
    v.store_mut()
        .close_dossier(
            d.id,
            &CloseInput {
                closed_on: day("2026-11-20"),
                outcome: Outcome::InformeelOpgelost,
                destroy_by: Some(day("2028-11-20")),
            },
            clock(),
        )
        .expect("close");
}

#[test]
fn a_closing_letter_is_drafted_written_kept_logged_and_destroyed_with_its_dossier() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, key) = Vault::create(&path, &pass(), clock()).expect("vault");
    advisor(&mut v);
    let org = add_org(&mut v, "Stichting Briefproef", 60);
    let d = add_dossier(&mut v, org, "");
    let name = format!("Jan {}", unique_word());
    melder(&mut v, d.id, &name);
    close(&mut v, &d);

    let draft = v
        .store()
        .letter_draft(d.id, LetterKind::Afsluiting, Lang::Nl, clock().today)
        .expect("draft");
    assert!(
        draft.missing.is_empty(),
        "a closed dossier with a reporter and advisor details fills every field: {:?}",
        draft.missing
    );
    assert_eq!(draft.input.recipient, name, "addressed to the reporter");
    for expected in [
        format!("Beste {name},"),
        "Op 2 maart 2026 nam u voor het eerst contact".to_owned(),
        "vertrouwenspersoon voor Stichting Briefproef".to_owned(),
        "op 20 november 2026 heb afgesloten".to_owned(),
        "versleuteld tot 20 november 2028".to_owned(),
        "A. Verzonnen-Adviseur\nExterne vertrouwenspersoon".to_owned(),
    ] {
        assert!(
            draft.input.body.contains(&expected),
            "the draft says {expected:?}: {}",
            draft.input.body
        );
    }
    assert_eq!(
        draft.file_name,
        format!("afsluitbrief-{}.pdf", d.number),
        "offered under its kind and number, never a name"
    );

    // The advisor edits the text, then writes the PDF.
    let word = unique_word();
    let mut input = draft.input.clone();
    input.body = input.body.replace(
        "Dank voor het vertrouwen",
        &format!("Een verzonnen zin met {word}. Dank voor het vertrouwen"),
    );
    let out = dir.path().join(&draft.file_name);
    let written = export_pdf(&mut v, d.id, &input, &out, clock()).expect("written");
    let pdf = std::fs::read(&out).expect("the PDF exists");
    assert_eq!(
        written.letter.sha256,
        sha(&pdf),
        "the kept hash is the file's"
    );
    let text = pdf_text(&out);
    for expected in [
        name.as_str(),
        "Afsluiting van uw dossier",
        "Betreft",
        "Ons kenmerk",
        d.number.as_str(),
        "Utrecht, 30 november 2026",
        "A. Verzonnen-Adviseur",
        "Verzonnenlaan 1",
        word.as_str(),
        "Vertrouwelijk",
    ] {
        assert!(
            text.contains(expected),
            "the PDF shows {expected:?}: {text}"
        );
    }
    let fonts = run("pdffonts", &[out.to_str().expect("UTF-8")]);
    assert!(
        fonts.contains("Inter") && !fonts.lines().skip(2).any(|l| l.contains(" no ")),
        "only the embedded report fonts: {fonts}"
    );

    let log = v.store().export_log().expect("log");
    assert_eq!(log.len(), 1, "one letter, one entry");
    assert_eq!(
        (
            log[0].kind.as_str(),
            log[0].recipient.as_str(),
            log[0].organisations.clone(),
            log[0].sha256.as_str()
        ),
        (
            "letter",
            "afsluiting",
            vec!["Stichting Briefproef".to_owned()],
            sha(&pdf).as_str()
        ),
        "logged by kind and organisation, with the PDF's hash"
    );
    let logged = serde_json::to_string(&log).expect("json");
    assert!(
        !logged.contains(&name),
        "the export log never names the reporter"
    );

    // Never over a file: nothing more is kept or logged.
    std::fs::write(&out, b"eigen bestand").expect("the advisor changes the file");
    let again = export_pdf(&mut v, d.id, &input, &out, clock());
    assert!(
        matches!(again, Err(ExportError::Exists { .. })),
        "an existing file is never replaced: {again:?}"
    );
    assert_eq!(std::fs::read(&out).expect("kept"), b"eigen bestand");
    let letters = v.store().letters(d.id).expect("letters");
    assert_eq!(letters.len(), 1, "the refused export kept no letter");
    assert_eq!(letters[0].via, LetterVia::Pdf);
    assert!(
        letters[0].body.contains(&word),
        "kept as sent, edits included"
    );
    assert_eq!(
        v.store().export_log().expect("log").len(),
        1,
        "nor logged one"
    );

    let timeline = v.store().timeline(d.id, Lang::Nl).expect("timeline");
    let sent = timeline
        .iter()
        .find(|e| e.kind == TimelineKind::LetterSent)
        .expect("the timeline shows the letter");
    assert_eq!(
        (sent.on, sent.text.as_str()),
        (clock().today, "Brief verstuurd: Afsluitbrief (als pdf)"),
        "on the day it left, by kind, without a name"
    );

    let access = kluis::access::build(v.store(), &d.number, &[], Lang::Nl, clock().today)
        .expect("access document");
    assert_eq!(
        access.letters,
        ["Afsluitbrief, 30 november 2026 (als pdf)"],
        "the access export lists the letter by kind, date and how, not its text"
    );

    v.save(clock()).expect("save");
    assert!(
        contains(&decrypted_image(&path, &key), &word),
        "sanity: the letter's text is inside the vault image"
    );
    v.store_mut()
        .destroy_dossiers(
            &DestroyRequest {
                numbers: vec![d.number.clone()],
                reason: "Verzonnen reden".into(),
                override_blocks: true,
            },
            clock(),
        )
        .expect("destroyed");
    v.save(clock()).expect("save");
    let image = decrypted_image(&path, &key);
    assert!(
        !contains(&image, &word) && !contains(&image, &name),
        "after destruction neither the letter nor the name is left in the image"
    );
}

#[test]
fn a_letter_with_a_field_left_in_braces_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut v, _) = Vault::create(&vault_path(dir.path()), &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Stichting Briefproef", 60);
    let d = add_dossier(&mut v, org, "");
    let draft = v
        .store()
        .letter_draft(d.id, LetterKind::Afsluiting, Lang::Nl, clock().today)
        .expect("draft");
    assert_eq!(
        draft.missing,
        [
            LetterField::Aan,
            LetterField::AfgeslotenOp,
            LetterField::VernietigenNa,
            LetterField::Adviseur
        ],
        "an open dossier without parties or advisor details leaves these for the advisor"
    );
    assert!(
        draft.input.body.contains("{afgesloten_op}") && draft.input.recipient.is_empty(),
        "they stay in braces where the advisor must write"
    );
    let out = dir.path().join("brief.pdf");
    let refused = export_pdf(&mut v, d.id, &draft.input, &out, clock()).expect_err("refused");
    assert_eq!(refused.error_code(), ErrorCode::Validation);
    let ExportError::Store(StoreError::Validation(fields)) = &refused else {
        panic!("a validation error: {refused:?}");
    };
    assert_eq!(
        (fields.fields[0].field.as_str(), fields.fields[0].code),
        ("body", ValidationCode::UnfilledField),
        "the body is named, with why"
    );
    assert!(!out.exists(), "no file is written");
    assert!(
        v.store().letters(d.id).expect("letters").is_empty(),
        "nothing kept"
    );
    assert!(
        v.store().export_log().expect("log").is_empty(),
        "nothing logged"
    );
    let copied = record_copy(&mut v, d.id, &draft.input, clock());
    assert!(copied.is_err(), "nor copied");
}

#[test]
fn an_own_template_is_checked_used_and_reset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut v, _) = Vault::create(&vault_path(dir.path()), &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Stichting Briefproef", 60);
    let d = add_dossier(&mut v, org, "");
    let s = v.store_mut();
    let typo = s.set_letter_template(
        LetterKind::Doorverwijzing,
        Lang::Nl,
        "Doorverwijzing",
        "Beste {aam},",
        clock(),
    );
    let Err(StoreError::Validation(e)) = typo else {
        panic!("a template with an unknown field is refused: {typo:?}");
    };
    assert_eq!(e.fields[0].code, ValidationCode::UnknownField);
    assert!(
        !s.letter_template(LetterKind::Doorverwijzing, Lang::Nl)
            .expect("template")
            .custom,
        "and nothing is kept"
    );
    let own = s
        .set_letter_template(
            LetterKind::Doorverwijzing,
            Lang::Nl,
            "Verwijzing ({dossier})",
            "Zoals besproken op {eerste_contact}: {doorverwezen_naar}.",
            clock(),
        )
        .expect("an own template");
    assert!(own.custom, "marked as the advisor's own");
    let draft = s
        .letter_draft(d.id, LetterKind::Doorverwijzing, Lang::Nl, clock().today)
        .expect("draft");
    assert_eq!(
        (draft.input.subject.as_str(), draft.input.body.as_str()),
        (
            format!("Verwijzing ({})", d.number).as_str(),
            "Zoals besproken op 2 maart 2026: {doorverwezen_naar}."
        ),
        "the next draft uses it; the referral's destination is for the advisor to write"
    );
    assert_eq!(draft.missing, [LetterField::DoorverwezenNaar]);
    let english = s
        .letter_draft(d.id, LetterKind::Doorverwijzing, Lang::En, clock().today)
        .expect("draft");
    assert_eq!(
        english.input.subject, "Referral",
        "the English template is apart"
    );
    let back = s
        .reset_letter_template(LetterKind::Doorverwijzing, Lang::Nl)
        .expect("reset");
    assert!(
        !back.custom && back.subject == "Doorverwijzing",
        "a reset brings Kluis's template back"
    );
}

#[test]
fn the_wbk_confirmation_names_the_day_received_and_the_feedback_due_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut v, _) = Vault::create(&vault_path(dir.path()), &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Stichting Briefproef", 60);
    let s = v.store_mut();
    let mut input = DossierInput::new(org, ContactType::VermoedenMisstand, day("2026-11-02"));
    input.categories = vec!["fraude_diefstal".into()];
    let d = s.add_dossier(&input, clock()).expect("dossier");
    let confirmation = s
        .add_deadline(
            d.id,
            &DeadlineInput {
                kind: DeadlineKind::WbkBevestiging,
                starts_on: day("2026-11-26"),
                due_on: None,
                label: String::new(),
            },
            clock(),
        )
        .expect("the confirmation term");
    let draft = |s: &kluis::store::Store| {
        s.letter_draft(d.id, LetterKind::WbkBevestiging, Lang::Nl, clock().today)
            .expect("draft")
            .input
            .body
    };
    let before = draft(s);
    assert!(
        before.contains("op 26 november 2026 uw melding"),
        "the day the report came in: {before}"
    );
    assert!(
        before.contains("Uiterlijk 28 februari 2027"),
        "not yet confirmed: the letter confirms today (30 November), feedback within three \
         calendar months, the end of a shorter month: {before}"
    );
    s.complete_deadline(confirmation.id, day("2026-11-27"), clock())
        .expect("confirmed");
    let after = draft(s);
    assert!(
        after.contains("Uiterlijk 27 februari 2027"),
        "confirmed on 27 November: the feedback term's own due date: {after}"
    );
    let copied = record_copy(
        &mut v,
        d.id,
        &kluis::letter::LetterInput {
            kind: LetterKind::WbkBevestiging,
            lang: Lang::Nl,
            recipient: String::new(),
            subject: "Bevestiging".into(),
            body: "Verzonnen tekst.".into(),
        },
        clock(),
    )
    .expect("copied");
    assert_eq!(copied.via, LetterVia::Kopie);
    assert_eq!(
        copied.sha256,
        sha(b"Bevestiging\n\nVerzonnen tekst."),
        "the hash of the copied text"
    );
    let log = v.store().export_log().expect("log");
    assert_eq!(
        (log[0].kind.as_str(), log[0].recipient.as_str()),
        ("letter", "wbk_bevestiging"),
        "a copy is logged as well"
    );
}
