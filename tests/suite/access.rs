//! The access export (inzage): recording the request starts its one-month deadline; the PDF
//! and JSON hold the dossier in words without any redacted passage (checked in the PDF's text
//! layer with pdftotext, as reports are, and with pdffonts and qpdf); both files are in the
//! export log with their SHA-256; an existing file is never replaced; a passage that is not
//! in the text is refused before anything is written.

use super::util::*;
use kluis::Lang;
use kluis::access::{AccessExportRequest, export};
use kluis::error::{Coded, ErrorCode};
use kluis::model::*;
use kluis::vault::Vault;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

const THIRD: &str = "Qqderde Pietersen van inkoop sloeg met de deur";

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed for the access tests: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} must succeed on our PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_text(pdf: &Path) -> String {
    let raw = run("pdftotext", &[pdf.to_str().expect("UTF-8 path"), "-"]);
    raw.replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn sha(path: &Path) -> String {
    format!(
        "{:x}",
        Sha256::digest(std::fs::read(path).expect("file written"))
    )
}

#[test]
fn an_access_export_leaves_third_parties_out_of_the_pdf_text_and_is_logged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, _key) = Vault::create(&path, &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Stichting Inzageproef", 90);
    let notes = format!(
        "Melder voelde zich onveilig op de afdeling.\n{THIRD}, zegt melder.\nAdvies: gesprek met HR."
    );
    let d = add_dossier(&mut v, org, &notes);
    let request = v
        .store_mut()
        .add_access_request(
            d.id,
            &AccessRequestInput {
                received_on: day("2026-10-31"),
                identity_check: IdentityCheck::Legitimatiebewijs,
                identity_note: String::new(),
            },
            clock(),
        )
        .expect("recorded");
    let deadline = v
        .store()
        .deadline(request.deadline_id.expect("a deadline"), day("2026-11-30"))
        .expect("deadline");
    assert_eq!(deadline.kind, DeadlineKind::Inzageverzoek);
    assert_eq!(
        deadline.due_on,
        day("2026-11-30"),
        "received 31 October: answer by 30 November (the month end)"
    );

    let pdf = dir.path().join("inzage.pdf");
    let json = dir.path().join("inzage.json");
    let req = AccessExportRequest {
        number: d.number.clone(),
        redactions: vec![THIRD.to_owned()],
        recipient: "melder".into(),
        lang: Lang::Nl,
        pdf: Some(pdf.clone()),
        json: Some(json.clone()),
    };
    let files = export(&mut v, &req, clock()).expect("exported");
    assert_eq!(files.len(), 2);

    let text = pdf_text(&pdf);
    for word in ["Qqderde", "Pietersen", "sloeg met de deur"] {
        assert!(
            !text.contains(word),
            "the redacted passage is absent from the PDF's text layer ({word})"
        );
    }
    assert!(
        text.contains("[gegevens van derden weggelaten], zegt melder."),
        "it is replaced where it stood: {text}"
    );
    assert!(
        text.contains("Melder voelde zich onveilig op de afdeling."),
        "the rest of the notes is there"
    );
    for shown in [
        d.number.as_str(),
        "Inzage in uw dossier",
        "Melding ongewenste omgangsvormen",
        "Pesten",
        "Legitimatiebewijs getoond",
        "31 oktober 2026",
        "2 maart 2026",
        "Persoonlijk",
        "Er zijn geen bijlagen.",
    ] {
        assert!(text.contains(shown), "the PDF shows {shown:?}: {text}");
    }
    let fonts = run("pdffonts", &[pdf.to_str().expect("UTF-8")]);
    assert!(
        fonts
            .lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .all(|l| l.contains("Inter")),
        "only the embedded Inter fonts: {fonts}"
    );
    run("qpdf", &["--check", pdf.to_str().expect("UTF-8")]);

    let raw_json = std::fs::read_to_string(&json).expect("json");
    assert!(!raw_json.contains("Qqderde"), "nor from the JSON file");
    let parsed: serde_json::Value = serde_json::from_str(&raw_json).expect("valid JSON");
    assert_eq!(parsed["number"], d.number.as_str());
    assert_eq!(parsed["redacted_passages"], 1);
    assert_eq!(
        parsed["conversations"].as_array().map(Vec::len),
        Some(2),
        "with its conversations"
    );

    let log = v.store().export_log().expect("log");
    let dossier_entries: Vec<_> = log.iter().filter(|e| e.kind == "dossier").collect();
    assert_eq!(dossier_entries.len(), 2, "both files are in the export log");
    let hashes: Vec<&str> = dossier_entries.iter().map(|e| e.sha256.as_str()).collect();
    assert!(hashes.contains(&sha(&pdf).as_str()) && hashes.contains(&sha(&json).as_str()));
    assert!(
        dossier_entries
            .iter()
            .all(|e| e.recipient == "melder" && e.organisations == ["Stichting Inzageproef"])
    );

    let before = std::fs::read(&pdf).expect("pdf");
    let again = export(&mut v, &req, clock()).expect_err("the files exist");
    assert_eq!(again.error_code(), ErrorCode::FileExists);
    assert_eq!(
        std::fs::read(&pdf).expect("pdf"),
        before,
        "an existing file is never replaced"
    );

    let other = AccessExportRequest {
        redactions: vec!["Qqniet in de tekst".into()],
        pdf: Some(dir.path().join("ander.pdf")),
        json: None,
        ..req
    };
    let e = export(&mut v, &other, clock()).expect_err("a mistyped passage");
    assert!(
        e.validation()
            .is_some_and(|v| v.has("redactions", ValidationCode::NotInText)),
        "a passage that is not in the text is refused"
    );
    assert!(
        !dir.path().join("ander.pdf").exists(),
        "and nothing is written"
    );
    assert_eq!(
        v.store().export_log().expect("log").len(),
        log.len(),
        "nor logged"
    );
}
