//! `kluis dossier destroy`, `kluis retention` and `kluis destruction-log` as a real process:
//! the per-organisation term sets destroy-by (31 January + 1 month), the core's refusals
//! reach the command line with their codes (legal hold, not reported, not confirmed), and a
//! destroyed dossier is logged without content and purged from the backups.
//!
//! Kept apart from tests/cli.rs (already long); the helpers are the same shape.

use serde_json::Value;
use std::path::Path;

const TODAY: &str = "2026-03-20";

mod common;

fn json(dir: &Path, args: &[&str], input: Option<&str>) -> Value {
    common::json(dir, TODAY, args, input)
}

fn refused(dir: &Path, args: &[&str]) -> (String, String) {
    common::refused(dir, TODAY, args)
}

#[test]
fn destroy_refuses_a_held_dossier_and_destroys_an_overridden_one_from_the_command_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let v = "v.kluis";
    json(dir, &["init", v], None);
    json(
        dir,
        &[
            "org",
            "add",
            v,
            "--name",
            "Testbedrijf Noord",
            "--employees",
            "40",
            "--arrangement",
            "collectief",
        ],
        None,
    );
    let rule = json(
        dir,
        &[
            "retention",
            "set",
            v,
            "--org",
            "Testbedrijf Noord",
            "--months",
            "1",
        ],
        None,
    );
    assert_eq!(
        rule["default_months"], 12,
        "the vault's term stays 12 months"
    );
    assert_eq!(
        rule["organisations"][0]["months"], 1,
        "the organisation's own term is 1 month"
    );

    let word = format!("qqcli{:x}", std::process::id() as u64 * 0x9E37_79B9);
    let add = |notes: &str, hold: Option<&str>| {
        let mut args = vec![
            "dossier",
            "add",
            v,
            "--org",
            "Testbedrijf Noord",
            "--type",
            "consult",
            "--opened",
            "2026-01-05",
            "--notes-file",
            "-",
        ];
        if let Some(reason) = hold {
            args.extend_from_slice(&["--legal-hold", reason]);
        }
        json(dir, &args, Some(notes))["number"]
            .as_str()
            .expect("number")
            .to_owned()
    };
    let free = add(&format!("Synthetische notitie {word}"), None);
    let held = add("Synthetische notitie twee", Some("Procedure loopt"));
    for n in [&free, &held] {
        let closed = json(
            dir,
            &[
                "dossier",
                "close",
                v,
                n,
                "--date",
                "2026-01-31",
                "--outcome",
                "geen_vervolg",
            ],
            None,
        );
        assert_eq!(
            closed["destroy_by"], "2026-02-28",
            "closed 31 January under a 1-month term: destroy by 28 February"
        );
    }

    let (code, message) = refused(
        dir,
        &[
            "dossier",
            "destroy",
            v,
            &held,
            "--override",
            "--reason",
            "opruimen",
            "--yes",
        ],
    );
    assert_eq!(
        code, "legal_hold",
        "a held dossier is refused, even with --override"
    );
    assert!(
        message.contains("juridische blokkade"),
        "in Dutch: {message}"
    );
    let (code, _) = refused(
        dir,
        &[
            "dossier",
            "destroy",
            v,
            &free,
            &held,
            "--yes",
            "--override",
            "--reason",
            "x",
        ],
    );
    assert_eq!(
        code, "legal_hold",
        "a batch with a held dossier is refused as a whole"
    );
    let (code, _) = refused(dir, &["dossier", "destroy", v, &free, "--yes"]);
    assert_eq!(
        code, "not_reported",
        "no published report counted it: an override is needed"
    );
    let (code, _) = refused(
        dir,
        &[
            "dossier",
            "destroy",
            v,
            &free,
            "--override",
            "--reason",
            "x",
        ],
    );
    assert_eq!(
        code, "not_confirmed",
        "without a terminal and without --yes nothing goes"
    );

    let done = json(
        dir,
        &[
            "dossier",
            "destroy",
            v,
            &free,
            "--override",
            "--reason",
            "Contract beëindigd",
            "--yes",
        ],
        None,
    );
    assert_eq!(
        done["destroyed"][0],
        free.as_str(),
        "the dossier is destroyed"
    );
    assert!(
        done["backups"].as_u64().expect("count") > 0,
        "backups still hold it"
    );
    let (code, _) = refused(dir, &["dossier", "show", v, &free]);
    assert_eq!(code, "not_found", "it is gone");
    assert_eq!(
        json(dir, &["dossier", "show", v, &held], None)["number"],
        held.as_str(),
        "the held dossier is still there"
    );

    let log = json(dir, &["destruction-log", v, "--purge-backups"], None);
    let entry = &log["entries"][0];
    assert_eq!(entry["number"], free.as_str(), "the log names the number");
    assert_eq!(
        entry["organisation_name"], "Testbedrijf Noord",
        "and the organisation"
    );
    assert_eq!(entry["reason"], "Contract beëindigd", "and the reason");
    assert_eq!(
        entry["overridden"][0], "niet_gerapporteerd",
        "and the override"
    );
    assert!(!log.to_string().contains(&word), "never the notes");
    assert!(
        log["purged_backups"].as_u64().expect("count") > 0,
        "the backups were purged"
    );
    assert_eq!(log["backups"], 0, "no backup holds it any more");
    assert_eq!(
        log["entries"].as_array().map(Vec::len),
        Some(1),
        "one entry"
    );
}
