//! `kluis deadline` and `kluis breach` as a real process: the Wbk chain and the month-end
//! rule (an access request of 31 January is due 28 February, extended to 30 April), the
//! one-extension refusal and the Wbk refusal reach the command line with their codes, the
//! dossier list filters on deadlines, and a breach is due 72 hours after its discovery.
//! `kluis dossier inzage|export`: the access request starts its deadline, the passages from
//! --redact-file (standard input) are absent from the PDF's text, and the files are logged.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const TODAY: &str = "2026-01-31";

mod common;

fn run(dir: &Path, args: &[&str], input: Option<&str>) -> std::process::Output {
    common::run(dir, TODAY, args, input)
}

fn json(dir: &Path, args: &[&str], input: Option<&str>) -> Value {
    common::json(dir, TODAY, args, input)
}

fn refused(dir: &Path, args: &[&str]) -> (String, String) {
    common::refused(dir, TODAY, args)
}

#[test]
fn deadlines_and_breaches_from_the_command_line() {
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
            "Testbedrijf Zuid",
            "--employees",
            "80",
            "--arrangement",
            "maatwerk",
        ],
        None,
    );
    let add = |kind: &str| {
        json(
            dir,
            &[
                "dossier",
                "add",
                v,
                "--org",
                "Testbedrijf Zuid",
                "--type",
                kind,
                "--opened",
                "2026-01-20",
            ],
            None,
        )["number"]
            .as_str()
            .expect("number")
            .to_owned()
    };
    let wbk = add("vermoeden_misstand");
    let consult = add("consult");

    let confirm = json(
        dir,
        &[
            "deadline",
            "add",
            v,
            &wbk,
            "--kind",
            "wbk_ontvangstbevestiging",
            "--from",
            "2026-01-26",
        ],
        None,
    );
    assert_eq!(confirm["due_on"], "2026-02-02", "7 days from receipt");
    let (code, _) = refused(
        dir,
        &[
            "deadline",
            "add",
            v,
            &consult,
            "--kind",
            "wbk_ontvangstbevestiging",
        ],
    );
    assert_eq!(code, "wbk_not_applicable", "no Wbk terms on a consult");

    let id = confirm["id"].as_i64().expect("id").to_string();
    let after = json(
        dir,
        &["deadline", "done", v, &id, "--on", "2026-01-30"],
        None,
    );
    let feedback = after
        .as_array()
        .expect("the dossier's deadlines")
        .iter()
        .find(|d| d["kind"] == "wbk_terugkoppeling")
        .expect("done with the confirmation starts the feedback term")
        .clone();
    assert_eq!(
        feedback["due_on"], "2026-04-30",
        "3 calendar months from 30 January"
    );

    let access = json(
        dir,
        &["deadline", "add", v, &consult, "--kind", "inzageverzoek"],
        None,
    );
    assert_eq!(
        access["due_on"], "2026-02-28",
        "received 31 January: due 28 February, the month end"
    );
    let aid = access["id"].as_i64().expect("id").to_string();
    let (code, message) = refused(dir, &["deadline", "extend", v, &aid, "--reason", " "]);
    assert_eq!(code, "validation", "an extension needs a reason");
    assert!(
        message.contains("--reason"),
        "and names the flag: {message}"
    );
    let extended = json(
        dir,
        &[
            "deadline",
            "extend",
            v,
            &aid,
            "--reason",
            "Omvangrijk verzoek",
        ],
        None,
    );
    assert_eq!(
        extended["due_on"], "2026-04-30",
        "1 + 2 months from 31 January"
    );
    let (code, message) = refused(
        dir,
        &["deadline", "extend", v, &aid, "--reason", "Nog eens"],
    );
    assert_eq!(code, "already_extended", "one extension only");
    assert!(
        message.contains("één verlenging"),
        "said in Dutch: {message}"
    );

    json(
        dir,
        &[
            "deadline",
            "add",
            v,
            &consult,
            "--kind",
            "vervolg",
            "--due",
            "2026-01-29",
            "--label",
            "Bel terug",
        ],
        None,
    );
    let upcoming = json(dir, &["deadline", "list", v], None);
    assert_eq!(
        upcoming[0]["urgency"], "verlopen",
        "the overdue follow-up is first, and red"
    );
    assert_eq!(upcoming[0]["number"], consult.as_str());
    let listed = json(dir, &["dossier", "list", v, "--deadlines"], None);
    let numbers: Vec<&str> = listed
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|d| d["number"].as_str())
        .collect();
    assert_eq!(
        numbers,
        [consult.as_str()],
        "only the dossier with a deadline overdue or due within 3 days"
    );
    let text = run(dir, &["deadline", "list", v], None);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("!! Verlopen"), "the table marks it: {text}");

    let breach = json(
        dir,
        &[
            "breach",
            "add",
            v,
            "--what",
            "Map met printjes kwijt",
            "--discovered",
            "2026-01-30 16:45",
        ],
        None,
    );
    assert_eq!(breach["report_by"], "2026-02-02T16:45:00", "72 hours later");
    assert_eq!(breach["urgency"], "binnenkort");
    let bid = breach["id"].as_i64().expect("id").to_string();
    let handled = json(
        dir,
        &[
            "breach",
            "handle",
            v,
            &bid,
            "--decision",
            "Niet gemeld: geen persoonsgegevens",
            "--informed",
            "Niemand",
        ],
        None,
    );
    assert_eq!(handled["urgency"], "afgerond");
    let open = json(dir, &["breach", "list", v, "--open"], None);
    assert_eq!(open.as_array().map(Vec::len), Some(0), "none left open");
}

#[test]
fn an_access_request_and_a_redacted_export_from_the_command_line() {
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
            "Testbedrijf West",
            "--employees",
            "30",
            "--arrangement",
            "collectief",
        ],
        None,
    );
    let number = json(
        dir,
        &[
            "dossier",
            "add",
            v,
            "--org",
            "Testbedrijf West",
            "--type",
            "melding_omgangsvormen",
            "--opened",
            "2026-01-05",
            "--notes-file",
            "-",
        ],
        Some("Melder is gepest.\nQqcollega Jansen van de balie lachte mee.\nAdvies gegeven."),
    )["number"]
        .as_str()
        .expect("number")
        .to_owned();
    let recorded = json(
        dir,
        &[
            "dossier",
            "inzage",
            v,
            &number,
            "--identity",
            "legitimatiebewijs",
        ],
        None,
    );
    assert_eq!(
        recorded["deadline"]["due_on"], "2026-02-28",
        "asked 31 January: answer by 28 February"
    );
    let (code, _) = refused(
        dir,
        &["dossier", "inzage", v, &number, "--identity", "anders"],
    );
    assert_eq!(code, "validation", "`anders` needs a note");

    let files = json(
        dir,
        &[
            "dossier",
            "export",
            v,
            &number,
            "--pdf",
            "inzage.pdf",
            "--json-file",
            "inzage.json",
            "--redact-file",
            "-",
        ],
        Some("Qqcollega Jansen van de balie\n"),
    );
    assert_eq!(files.as_array().map(Vec::len), Some(2), "PDF and JSON");
    let out = Command::new("pdftotext")
        .args([dir.join("inzage.pdf").to_str().expect("UTF-8"), "-"])
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("Qqcollega"),
        "the passage is not in the PDF's text"
    );
    assert!(text.contains("weggelaten"), "its placeholder is: {text}");
    let log = json(dir, &["exports", v], None);
    assert_eq!(
        log.as_array()
            .expect("entries")
            .iter()
            .filter(|e| e["kind"] == "dossier")
            .count(),
        2,
        "both files are in the export log"
    );
    let (code, _) = refused(
        dir,
        &["dossier", "export", v, &number, "--pdf", "inzage.pdf"],
    );
    assert_eq!(code, "file_exists", "never over an existing file");
}
