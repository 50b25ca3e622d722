//! `kluis report` as a process: CSV and PDF files logged with their hashes, never
//! overwritten, pooled reports, and the narrative lint that blocks until accepted.

use super::*;

#[test]
fn a_report_csv_is_logged_with_its_hash_and_never_overwritten() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, "demo --orgs 2 --dossiers 80 --years 2 --seed 3 v.kluis");
    let orgs = json(d, "org list v.kluis");
    let name = orgs[0]["name"]
        .as_str()
        .expect("the demo has organisations")
        .to_owned();
    let report = |extra: &str| {
        let mut cmd = kluis(
            d,
            &format!("--json report v.kluis --period 2025 --csv out.csv {extra}"),
        );
        cmd.args(["--org", &name]);
        cmd
    };
    let written: Value = serde_json::from_str(&success(report("--recipient OR-voorzitter")))
        .expect("report --json prints JSON");
    let bytes = std::fs::read(d.join("out.csv")).expect("the CSV was written");
    let hash = format!("{:x}", Sha256::digest(&bytes));
    let leftovers: Vec<String> = std::fs::read_dir(d)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "the temporary file of the export is gone: {leftovers:?}"
    );
    assert_eq!(
        written["files"][0]["sha256"], hash,
        "the printed hash is the SHA-256 of the file"
    );
    let log = json(d, "exports v.kluis");
    assert_eq!(
        log[0]["kind"], "report_signature",
        "the CSV's signature is logged right after it (newest first)"
    );
    let entry = &log[1];
    assert_eq!(entry["kind"], "report_csv", "the export log names the kind");
    assert_eq!(
        entry["sha256"], hash,
        "the export log holds the file's SHA-256"
    );
    assert_eq!(entry["period"], "2025", "the export log holds the period");
    assert_eq!(
        entry["recipient"], "OR-voorzitter",
        "the recipient label is logged"
    );
    assert_eq!(
        entry["organisations"][0], name,
        "the export log names the organisation"
    );

    let out = output(report("--csv-dialect excel-nl"));
    assert_eq!(
        out.status.code(),
        Some(1),
        "writing over an existing file is refused as a user error"
    );
    assert!(
        text(&out.stderr).contains("bestaat al"),
        "the refusal says the file exists, in Dutch: {}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(d.join("out.csv")).expect("still there"),
        bytes,
        "the existing file is left untouched"
    );
    let mut cmd = kluis(d, "--json ledger show v.kluis");
    cmd.args(["--org", &name]);
    let ledger: Value = serde_json::from_str(&success(cmd)).expect("ledger show --json");
    let added = written["ledger_cells_added"]
        .as_u64()
        .expect("the report says how many ledger cells it added");
    assert!(added > 0, "a published report adds cells to the ledger");
    assert_eq!(
        ledger.as_array().map(Vec::len),
        Some(added as usize),
        "the ledger lists every cell the report published"
    );
}

#[test]
fn pdf_and_pooled_reports_are_written_and_lint_blocks_until_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, "demo --orgs 5 --dossiers 300 --years 2 --seed 4 v.kluis");
    let orgs = json(d, "org list v.kluis");
    let names: Vec<String> = orgs
        .as_array()
        .expect("a list")
        .iter()
        .map(|o| o["name"].as_str().expect("a name").to_owned())
        .collect();
    std::fs::write(
        d.join("tekst.md"),
        "# Activiteiten\nVoorlichting op dinsdag.\n\n# Signalen en trends\nMeer vragen over werkdruk.\n\n# Aanbevelingen\nBlijf in gesprek.\n",
    )
    .expect("narrative file");
    let single = |extra: &str| {
        let mut cmd = kluis(
            d,
            &format!("--json report v.kluis --period 2025 --narrative tekst.md {extra}"),
        );
        cmd.args(["--org", &names[0]]);
        cmd
    };
    let refused = output(single("--pdf r.pdf"));
    assert_eq!(
        refused.status.code(),
        Some(1),
        "a lint warning (a weekday) blocks the export"
    );
    assert!(
        text(&refused.stderr).contains("dinsdag"),
        "the warning names the word: {}",
        text(&refused.stderr)
    );
    assert!(
        !d.join("r.pdf").exists(),
        "nothing is written while the warning stands"
    );
    let written: Value =
        serde_json::from_str(&success(single("--pdf r.pdf --csv r.csv --accept-lint")))
            .expect("JSON");
    let pdf = std::fs::read(d.join("r.pdf")).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    assert_eq!(
        written["files"].as_array().map(Vec::len),
        Some(2),
        "both files are reported"
    );
    let log = json(d, "exports v.kluis");
    let kinds: Vec<&str> = log
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["kind"].as_str().expect("kind"))
        .collect();
    assert!(
        kinds.contains(&"report_pdf") && kinds.contains(&"report_csv"),
        "both files are in the export log: {kinds:?}"
    );

    let mut pooled = kluis(
        d,
        "--json report v.kluis --pooled --period 2025 --pdf p.pdf --csv p.csv --title Sector",
    );
    pooled.args(["--orgs", &names[..4].join(",")]);
    let written: Value = serde_json::from_str(&success(pooled)).expect("JSON");
    assert!(
        written["published_cells"].as_u64().expect("count") > 0,
        "the pooled report publishes cells"
    );
    let csv = std::fs::read_to_string(d.join("p.csv")).expect("pooled CSV");
    for line in csv.lines().skip(1) {
        let value = line.rsplit(',').nth(1).expect("a value column");
        if let Ok(v) = value.parse::<u64>() {
            assert!(v == 0 || v >= 5, "no pooled value between 1 and 4: {line}");
        }
    }
    let mut two = kluis(d, "report v.kluis --pooled --period 2025 --csv q.csv");
    two.args(["--orgs", &names[..2].join(",")]);
    let out = output(two);
    assert_eq!(
        out.status.code(),
        Some(1),
        "two organisations cannot be pooled"
    );
    assert!(
        text(&out.stderr).contains('3'),
        "the message gives the minimum: {}",
        text(&out.stderr)
    );
}
