//! Handover through real IPC on the MockRuntime, between two apps with their own vaults: B's
//! receiving key, A's handover file for it, B's import, and the refusals as codes
//! (handover_not_for_you for a file made for another key, file_exists, invalid_path).

use crate::ipc_tests::app;
use serde_json::json;

#[test]
fn a_dossier_is_handed_from_one_app_to_another_through_ipc() {
    let a = app();
    a.create();
    let b = app();
    b.create();
    let (_, dossier) = a.organisation_with_dossier("Verzonnen notitie");
    let key = b.ok("handover_key", json!({}));
    assert_eq!(
        b.ok("handover_key", json!({})),
        key,
        "the same key every time: {key}"
    );
    let a_key = a.ok("handover_key", json!({}));
    assert_ne!(
        a_key["recipient"], key["recipient"],
        "each vault its own key"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("overdracht.age");
    let options = json!({ "notes": true, "parties": false, "documents": false,
                          "deputy_until": null });
    let file = a.ok(
        "handover_export",
        json!({ "numbers": [dossier["number"]], "options": options, "to": key["recipient"],
                "passphrase": null, "path": out }),
    );
    assert_eq!(file["recipient"], key["fingerprint"], "{file}");
    let e = a.err(
        "handover_export",
        json!({ "numbers": [dossier["number"]], "options": options, "to": key["recipient"],
                "passphrase": null, "path": out }),
    );
    assert_eq!(e["code"], "file_exists", "never over an existing file");
    let e = a.err(
        "handover_export",
        json!({ "numbers": [dossier["number"]], "options": options, "to": "geen sleutel",
                "passphrase": null, "path": dir.path().join("x.age") }),
    );
    assert_eq!(
        (&e["code"], &e["fields"][0]["field"]),
        (&json!("validation"), &json!("to")),
        "a key that is none is named: {e}"
    );

    let e = a.err(
        "handover_import",
        json!({ "path": out, "passphrase": null }),
    );
    assert_eq!(e["code"], "handover_not_for_you", "A cannot read B's file");
    let got = b.ok(
        "handover_import",
        json!({ "path": out, "passphrase": null }),
    );
    assert_eq!(
        got["dossiers"],
        json!([[dossier["number"], dossier["number"]]]),
        "{got}"
    );
    let listed = b.ok("dossiers_list", json!({ "filter": {} }));
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "B has it now");
    let e = b.err(
        "handover_import",
        json!({ "path": "overdracht.age", "passphrase": null }),
    );
    assert_eq!(e["code"], "invalid_path");

    // A one-time passphrase instead of a key: too weak is named, a strong one round-trips.
    let sealed = dir.path().join("waarneming.age");
    let e = a.err(
        "handover_export",
        json!({ "numbers": [dossier["number"]], "options": options, "to": "",
                "passphrase": "kort", "path": sealed }),
    );
    assert_eq!(
        e["fields"][0]["field"], "passphrase",
        "a weak passphrase: {e}"
    );
    let once = "zeven groene olifanten dansen op het ijs";
    a.ok(
        "handover_export",
        json!({ "numbers": [dossier["number"]], "options": options, "to": "",
                "passphrase": once, "path": sealed }),
    );
    let e = b.err(
        "handover_import",
        json!({ "path": sealed, "passphrase": null }),
    );
    assert_eq!(e["code"], "handover_not_for_you", "without the passphrase");
    let got = b.ok(
        "handover_import",
        json!({ "path": sealed, "passphrase": once }),
    );
    assert_eq!(
        got["dossiers"][0][1],
        format!("OV-{}", dossier["number"].as_str().unwrap_or_default()),
        "the second copy gets the prefix: {got}"
    );
}
