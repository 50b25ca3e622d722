//! Letters through real IPC on the MockRuntime: a closing letter drafted with the dossier's
//! values and the field still unknown named, refused while a field is left in braces, written
//! as PDF and refused over an existing file, copied (the text returned for the clipboard),
//! listed; an own template refused with a typo, kept, and reset. Codes as the card branches on.

use crate::ipc_tests::app;
use serde_json::json;

#[test]
fn a_letter_is_drafted_refused_while_unfilled_written_copied_and_listed_through_ipc() {
    let a = app();
    a.create();
    let (_, dossier) = a.organisation_with_dossier("");
    let id = dossier["id"].clone();
    let draft = a.ok(
        "letter_draft",
        json!({ "dossierId": id, "kind": "afsluiting", "lang": "nl" }),
    );
    assert_eq!(
        draft["missing"],
        json!(["aan", "afgesloten_op", "vernietigen_na", "adviseur"]),
        "an open dossier without parties or details leaves these fields: {draft}"
    );
    assert_eq!(
        draft["file_name"],
        format!(
            "afsluitbrief-{}.pdf",
            dossier["number"].as_str().unwrap_or_default()
        ),
        "offered under its kind and number"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("brief.pdf");
    let e = a.err(
        "letter_export",
        json!({ "dossierId": id, "letter": draft["input"], "path": out }),
    );
    assert_eq!(
        (
            &e["code"],
            &e["fields"][0]["field"],
            &e["fields"][0]["code"]
        ),
        (
            &json!("validation"),
            &json!("body"),
            &json!("unfilled_field")
        ),
        "a field left in braces stops it: {e}"
    );
    assert!(!out.exists(), "nothing is written");

    let mut letter = draft["input"].clone();
    letter["recipient"] = json!("Fenna Verzonnen");
    letter["body"] = json!("Beste Fenna,\n\nVerzonnen afsluiting.\n\nMet vriendelijke groet,");
    let written = a.ok(
        "letter_export",
        json!({ "dossierId": id, "letter": letter, "path": out }),
    );
    assert_eq!(written["letter"]["via"], "pdf", "{written}");
    assert!(
        std::fs::read(&out).expect("pdf").starts_with(b"%PDF-"),
        "a PDF is written"
    );
    let e = a.err(
        "letter_export",
        json!({ "dossierId": id, "letter": letter, "path": out }),
    );
    assert_eq!(e["code"], "file_exists", "never over an existing file");
    let e = a.err(
        "letter_export",
        json!({ "dossierId": id, "letter": letter, "path": "brief.pdf" }),
    );
    assert_eq!(e["code"], "invalid_path", "only a full path");

    let copied = a.ok("letter_copy", json!({ "dossierId": id, "letter": letter }));
    assert_eq!(
        copied["text"],
        "Afsluiting van uw dossier\n\nBeste Fenna,\n\nVerzonnen afsluiting.\n\nMet vriendelijke groet,",
        "the subject, a blank line, the text"
    );
    let list = a.ok("letters_list", json!({ "dossierId": id }));
    let via: Vec<&str> = list
        .as_array()
        .expect("letters")
        .iter()
        .filter_map(|l| l["via"].as_str())
        .collect();
    assert_eq!(via, ["kopie", "pdf"], "both kept, newest first");
}

#[test]
fn an_own_template_is_refused_with_a_typo_kept_and_reset_through_ipc() {
    let a = app();
    a.create();
    let all = a.ok("letter_templates", json!({}));
    assert_eq!(
        all.as_array().map(Vec::len),
        Some(10),
        "five kinds in two languages"
    );
    let e = a.err(
        "letter_template_set",
        json!({ "kind": "inzage", "lang": "en", "subject": "Access", "body": "Dear {aam}," }),
    );
    assert_eq!(
        e["fields"][0]["code"], "unknown_field",
        "a typo is caught: {e}"
    );
    let own = a.ok(
        "letter_template_set",
        json!({ "kind": "inzage", "lang": "en", "subject": "Access", "body": "Dear {aan}," }),
    );
    assert_eq!(
        (&own["custom"], &own["body"]),
        (&json!(true), &json!("Dear {aan},"))
    );
    let back = a.ok(
        "letter_template_reset",
        json!({ "kind": "inzage", "lang": "en" }),
    );
    assert_eq!(
        (&back["custom"], &back["subject"]),
        (&json!(false), &json!("Your request for access")),
        "Kluis's template again"
    );
}
