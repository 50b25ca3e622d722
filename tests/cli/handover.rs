//! `kluis handover` as a real process: vault B shows its receiving key, vault A writes three
//! dossiers to a file for that key, B imports them (and no other vault can); a deputy copy
//! sealed with a one-time passphrase read from standard input stops opening after its end
//! date.

use super::*;

#[test]
fn three_dossiers_are_handed_over_to_another_vault_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d); // v.kluis: 2026-0001 at Bakkerij De Korenschoof
    for opened in ["2026-02-11", "2026-02-12", "2026-02-13"] {
        json(
            d,
            &format!(
                "dossier add v.kluis --org 'bakkerij de korenschoof' --type consult --opened {opened}"
            ),
        );
    }
    ok(d, "init b.kluis");
    ok(d, "init c.kluis");
    let key = json(d, "handover key b.kluis");
    let recipient = key["recipient"].as_str().expect("recipient").to_owned();
    assert!(recipient.starts_with("age1"), "{key}");
    let shown = ok(d, "handover key b.kluis");
    assert!(
        shown.contains(&recipient) && shown.contains(key["fingerprint"].as_str().unwrap_or("-")),
        "the key and its fingerprint are shown: {shown}"
    );

    let written = json(
        d,
        &format!(
            "handover export v.kluis 2026-0001 2026-0002 2026-0003 --to {recipient} --out o.age --notes"
        ),
    );
    assert_eq!(
        written["dossiers"],
        serde_json::json!(["2026-0001", "2026-0002", "2026-0003"]),
        "{written}"
    );
    let (error, _) = json_error(d, "handover import c.kluis o.age");
    assert_eq!(
        error["code"], "handover_not_for_you",
        "C cannot read it: {error}"
    );
    let got = json(d, "handover import b.kluis o.age");
    assert_eq!(
        got["dossiers"].as_array().map(Vec::len),
        Some(3),
        "three dossiers in B: {got}"
    );
    assert_eq!(
        got["organisations_created"],
        serde_json::json!(["Bakkerij De Korenschoof"]),
        "B had no such organisation"
    );
    let listed = json(d, "dossier list b.kluis");
    assert_eq!(
        listed.as_array().map(Vec::len),
        Some(3),
        "exactly the three, not 2026-0004: {listed}"
    );
    let shown = json(d, "dossier show b.kluis 2026-0001");
    assert_eq!(
        shown["notes"], "Geheime notitie over de melder",
        "the notes came along, as asked"
    );
    let log = json(d, "exports v.kluis");
    assert_eq!(log[0]["kind"], "overdracht", "A logged it: {log}");
}

#[test]
fn a_deputy_copy_expires_after_its_end_date_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    ok(d, "init b.kluis");
    let once = "zeven groene olifanten dansen op het ijs\n";
    let out = output_with_stdin(
        d,
        "handover export v.kluis 2026-0001 --passphrase-file - --out w.age --deputy-until 2026-03-31",
        once,
    );
    assert!(out.status.success(), "written: {}", text(&out.stderr));
    let out = output_with_stdin(d, "handover import b.kluis w.age --passphrase-file -", once);
    assert!(out.status.success(), "imported: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("2026-03-31"),
        "the end date is said: {}",
        text(&out.stdout)
    );
    ok(d, "dossier show b.kluis 2026-0001");
    let mut later = kluis(d, "--json dossier show b.kluis 2026-0001");
    later.env("KLUIS_TODAY", "2026-04-01");
    let out = output(later);
    assert_eq!(out.status.code(), Some(1), "refused after the end date");
    let error: Value = serde_json::from_slice(&out.stdout).expect("JSON error");
    assert_eq!(error["code"], "deputy_expired", "{error}");
}
