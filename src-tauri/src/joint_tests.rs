//! Joint reports through real IPC on the MockRuntime, between two apps with their own vaults:
//! A's contribution for C's receiving key, C's import and list, the joint option of the report
//! request, and the refusals as codes (not_a_contribution, contribution_exists,
//! joint_not_published, not_a_receipt, invalid_period).

use crate::ipc_tests::app;
use serde_json::json;

fn this_year() -> String {
    use chrono::Datelike;
    kluis::Clock::system().today.year().to_string()
}

#[test]
fn a_colleagues_contribution_joins_the_report_through_ipc() {
    let a = app();
    a.create();
    let c = app();
    c.create();
    let (org_a, _) = a.organisation_with_dossier("Verzonnen notitie A");
    let (org_c, _) = c.organisation_with_dossier("Verzonnen notitie C");
    let key = c.ok("handover_key", json!({}));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("bijdrage.age");
    let e = a.err(
        "joint_contribute",
        json!({ "organisationId": org_a["id"], "period": "twintig", "to": key["recipient"],
                "path": out }),
    );
    assert_eq!(e["code"], "invalid_period", "a period that is none: {e}");
    let file = a.ok(
        "joint_contribute",
        json!({ "organisationId": org_a["id"], "period": this_year(), "to": key["recipient"],
                "path": out }),
    );
    assert_eq!(
        (&file["records"], &file["recipient"]),
        (&json!(1), &key["fingerprint"]),
        "A's one dossier, for C's key: {file}"
    );
    let e = a.err("joint_import", json!({ "path": out }));
    assert_eq!(e["code"], "not_a_contribution", "A cannot read C's file");
    let got = c.ok("joint_import", json!({ "path": out }));
    assert_eq!(got["records"], json!(1), "{got}");
    let e = c.err("joint_import", json!({ "path": out }));
    assert_eq!(e["code"], "contribution_exists", "once");
    let listed = c.ok(
        "joint_contributions",
        json!({ "organisationId": org_c["id"], "period": this_year() }),
    );
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");

    let request = json!({
        "organisations": [org_c["id"]], "period": this_year(), "profile": "standaard",
        "lang": "nl", "narrative": { "activities": "", "signals": "", "recommendations": "" },
        "pooled_title": "", "joint": true
    });
    let view = c.ok("report_prepare", json!({ "request": request }));
    assert!(view.is_object(), "the joint report prepares: {view}");
    let e = c.err(
        "joint_receipts",
        json!({ "organisationId": org_c["id"], "period": this_year(), "dir": dir.path() }),
    );
    assert_eq!(
        e["code"], "joint_not_published",
        "receipts after the export"
    );
    let e = a.err("joint_receipt_import", json!({ "path": out }));
    assert_eq!(e["code"], "not_a_receipt", "a contribution is no receipt");
}
