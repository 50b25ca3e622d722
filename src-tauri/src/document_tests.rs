//! Documents through real IPC on the MockRuntime: a PDF and an e-mail added from files as a
//! drop or the open dialog sends them (one with its original deleted), listed with the
//! summary, a copy written and refused over an existing file, removal, and the refusals
//! arriving as codes the card branches on (document_exists, document_too_large,
//! invalid_path, file_exists, not_found).

use crate::ipc_tests::app;
use serde_json::json;

#[test]
fn documents_are_added_listed_copied_and_removed_through_ipc() {
    let a = app();
    a.create();
    let (_, dossier) = a.organisation_with_dossier("");
    let id = dossier["id"].clone();
    let empty = a.ok("documents_list", json!({ "dossierId": id }));
    assert_eq!(
        (
            empty["documents"].as_array().map(Vec::len),
            &empty["summary"]["warning"]
        ),
        (Some(0), &json!(false)),
        "a new dossier has no documents and the vault no warning: {empty}"
    );
    assert_eq!(
        empty["summary"]["max_document_bytes"],
        25 * 1024 * 1024,
        "the card can say the limit, from the core"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("verslag.pdf");
    let eml = dir.path().join("klacht.eml");
    std::fs::write(&pdf, b"%PDF-1.4\n% verzonnen\n%%EOF\n").expect("pdf");
    std::fs::write(
        &eml,
        b"From: a@example.invalid\r\nSubject: Verzonnen\r\n\r\nVerzonnen tekst\r\n",
    )
    .expect("eml");
    let added = a.ok(
        "document_add",
        json!({ "dossierId": id, "path": pdf, "removeOriginal": false }),
    );
    assert_eq!(
        (&added["document"]["kind"], &added["original"]),
        (&json!("pdf"), &json!("kept")),
        "a PDF, its original left where it was: {added}"
    );
    let added = a.ok(
        "document_add",
        json!({ "dossierId": id, "path": eml, "removeOriginal": true }),
    );
    assert_eq!(
        (&added["document"]["kind"], &added["original"]),
        (&json!("email"), &json!("removed")),
        "an e-mail, its original deleted after the save: {added}"
    );
    assert!(!eml.exists(), "the .eml is gone from disk");
    assert_eq!(
        added["view"]["documents"].as_array().map(Vec::len),
        Some(2),
        "the answer carries the dossier's list"
    );

    let e = a.err(
        "document_add",
        json!({ "dossierId": id, "path": pdf, "removeOriginal": true }),
    );
    assert_eq!(e["code"], "document_exists", "the same file twice");
    assert!(pdf.exists(), "a refused file is never deleted");
    let big = dir.path().join("groot.pdf");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(30 * 1024 * 1024))
        .expect("a sparse 30 MB file");
    let e = a.err(
        "document_add",
        json!({ "dossierId": id, "path": big, "removeOriginal": false }),
    );
    assert_eq!(e["code"], "document_too_large", "over 25 MB: {e}");
    let e = a.err(
        "document_add",
        json!({ "dossierId": id, "path": "verslag.pdf", "removeOriginal": false }),
    );
    assert_eq!(
        e["code"], "invalid_path",
        "only a full path from a dialog or a drop"
    );

    let pdf_id = added["view"]["documents"][0]["id"].clone();
    let out = dir.path().join("kopie.pdf");
    let copy = a.ok("document_export", json!({ "id": pdf_id, "path": out }));
    assert_eq!(
        std::fs::read(&out).expect("copy"),
        std::fs::read(&pdf).expect("original"),
        "the copy is the original: {copy}"
    );
    assert_eq!(
        copy["sha256"], added["view"]["documents"][0]["sha256"],
        "with the hash shown in the list"
    );
    let e = a.err("document_export", json!({ "id": pdf_id, "path": out }));
    assert_eq!(e["code"], "file_exists", "never over an existing file");

    let left = a.ok("document_remove", json!({ "id": pdf_id }));
    assert_eq!(
        (
            left["documents"].as_array().map(Vec::len),
            &left["summary"]["count"]
        ),
        (Some(1), &json!(1)),
        "removal answers with the dossier's list: {left}"
    );
    let e = a.err("document_remove", json!({ "id": pdf_id }));
    assert_eq!(e["code"], "not_found", "a removed document is gone");
}
