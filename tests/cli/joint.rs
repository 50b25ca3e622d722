//! `kluis joint` as real processes: three vaults serve one (made-up) client; A and B send
//! their contributions to C's receiving key, C imports them, writes the joint report and a
//! signed receipt for each contributor, and A takes its receipt in. Every refusal on the way
//! has its own code.

use super::*;

/// The client every vault serves (made up).
const CLIENT: &str = "Proefbedrijf Samen (verzonnen)";

/// The dossiers of 2025 each vault adds: (type, category, relation, opened on MM-DD).
const DOSSIERS: [[(&str, &str, &str, &str); 6]; 3] = [
    [
        ("melding_omgangsvormen", "pesten", "collega", "01-14"),
        ("consult", "werkdruk_conflict", "leidinggevende", "02-20"),
        ("melding_omgangsvormen", "discriminatie", "collega", "04-03"),
        ("consult", "werkdruk_conflict", "collega", "06-17"),
        ("melding_omgangsvormen", "pesten", "leidinggevende", "09-08"),
        ("consult", "werkdruk_conflict", "collega", "11-25"),
    ],
    [
        ("consult", "werkdruk_conflict", "collega", "01-22"),
        ("melding_omgangsvormen", "pesten", "collega", "03-11"),
        ("consult", "werkdruk_conflict", "leidinggevende", "05-06"),
        ("melding_omgangsvormen", "pesten", "collega", "07-29"),
        ("consult", "discriminatie", "collega", "10-02"),
        (
            "melding_omgangsvormen",
            "werkdruk_conflict",
            "leidinggevende",
            "12-09",
        ),
    ],
    [
        (
            "melding_omgangsvormen",
            "werkdruk_conflict",
            "collega",
            "02-03",
        ),
        ("consult", "pesten", "leidinggevende", "03-27"),
        (
            "melding_omgangsvormen",
            "werkdruk_conflict",
            "collega",
            "05-19",
        ),
        ("consult", "pesten", "collega", "08-12"),
        (
            "melding_omgangsvormen",
            "werkdruk_conflict",
            "collega",
            "10-21",
        ),
        ("consult", "discriminatie", "leidinggevende", "12-01"),
    ],
];

/// The published total ("Aantal contacten", row "Totaal") of a report CSV in the standard
/// dialect, read by the header's column names.
fn csv_total(csv: &str) -> Option<u64> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next()?.split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let (table, row, value) = (column("tabel")?, column("rij")?, column("waarde")?);
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| f.get(table) == Some(&"Aantal contacten") && f.get(row) == Some(&"Totaal"))
        .and_then(|f| f.get(value)?.parse().ok())
}

/// A string field of a JSON object, or a panic naming it.
fn field(v: &Value, name: &str) -> String {
    v[name]
        .as_str()
        .unwrap_or_else(|| panic!("`{name}` is a string: {v}"))
        .to_owned()
}

#[test]
fn three_vaults_report_jointly_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    for (vault, dossiers) in ["a.kluis", "b.kluis", "c.kluis"].iter().zip(DOSSIERS) {
        ok(d, &format!("init {vault}"));
        ok(
            d,
            &format!("org add {vault} --name '{CLIENT}' --employees 140 --arrangement collectief"),
        );
        for (kind, category, relation, opened) in dossiers {
            ok(
                d,
                &format!(
                    "dossier add {vault} --org '{CLIENT}' --type {kind} --category {category} \
                     --relation {relation} --opened 2025-{opened}"
                ),
            );
        }
    }
    // A dossier of 2026 lies outside the period's years: it must stay in A.
    ok(
        d,
        &format!(
            "dossier add a.kluis --org '{CLIENT}' --type consult --category pesten --opened 2026-01-12"
        ),
    );
    let mut expected_total = 0;
    for vault in ["a.kluis", "b.kluis", "c.kluis"] {
        let listed = json(d, &format!("dossier list {vault} --year 2025"));
        expected_total += listed
            .as_array()
            .map(Vec::len)
            .unwrap_or_else(|| panic!("dossier list --json is a list: {listed}"));
    }
    assert_eq!(
        expected_total, 18,
        "each vault holds its six dossiers of 2025"
    );

    // The coordinator's receiving key, and each contributor's (their receipt is named by it).
    let c_key = json(d, "handover key c.kluis");
    let to = field(&c_key, "recipient");
    assert!(
        to.starts_with("age1"),
        "the receiving key is an age recipient: {c_key}"
    );
    let a_fp = field(&json(d, "handover key a.kluis"), "fingerprint");
    let b_fp = field(&json(d, "handover key b.kluis"), "fingerprint");
    assert_ne!(a_fp, b_fp, "every vault has its own receiving key");

    for (vault, file) in [("a.kluis", "a.age"), ("b.kluis", "b.age")] {
        let written = json(
            d,
            &format!(
                "joint contribute {vault} --org '{CLIENT}' --period 2025 --to {to} --out {file}"
            ),
        );
        assert_eq!(
            written["records"], 6,
            "{vault}: the contribution holds the six coded records of 2025, not the 2026 \
             dossier: {written}"
        );
        assert_eq!(
            written["recipient"], c_key["fingerprint"],
            "{vault}: the contribution names the coordinator's key it is sealed to: {written}"
        );
        let bytes = std::fs::read(d.join(file)).expect("the contribution was written");
        assert!(
            !bytes.windows(CLIENT.len()).any(|w| w == CLIENT.as_bytes()),
            "{vault}: the contribution is ciphertext; not even the client's name shows"
        );
    }

    let (error, _) = json_error(d, "joint import a.kluis b.age");
    assert_eq!(
        error["code"], "not_a_contribution",
        "A cannot open a contribution sealed for C's key: {error}"
    );
    let got = json(d, "joint import c.kluis a.age");
    assert_eq!(
        (got["records"].clone(), got["fingerprint"].clone()),
        (Value::from(6), Value::from(a_fp.clone())),
        "C takes in A's six records and names A by its receiving key: {got}"
    );
    assert_eq!(
        got["organisation"], CLIENT,
        "the contribution is matched to C's organisation of the same name: {got}"
    );
    let shown = ok(d, "joint import c.kluis b.age");
    assert!(
        shown.contains(&b_fp) && shown.contains("6 gecodeerde registraties"),
        "the import says, in Dutch, whose contribution it was and how much it held: {shown}"
    );
    let (error, _) = json_error(d, "joint import c.kluis b.age");
    assert_eq!(
        error["code"], "contribution_exists",
        "the same contribution is not taken in twice: {error}"
    );

    // A vault without the client cannot take in a contribution for it.
    ok(d, "init d.kluis");
    let d_key = field(&json(d, "handover key d.kluis"), "recipient");
    ok(
        d,
        &format!(
            "joint contribute a.kluis --org '{CLIENT}' --period 2025 --to {d_key} --out d.age"
        ),
    );
    let (error, _) = json_error(d, "joint import d.kluis d.age");
    assert_eq!(
        error["code"], "joint_unknown_organisation",
        "D has no organisation of that name, so the contribution has nowhere to go: {error}"
    );

    let listed = json(
        d,
        &format!("joint list c.kluis --org '{CLIENT}' --period 2025"),
    );
    let listed = listed
        .as_array()
        .unwrap_or_else(|| panic!("joint list --json is a list: {listed}"));
    let mut fingerprints: Vec<&str> = listed
        .iter()
        .map(|c| c["fingerprint"].as_str().unwrap_or("-"))
        .collect();
    fingerprints.sort_unstable();
    let mut want = [a_fp.as_str(), b_fp.as_str()];
    want.sort_unstable();
    assert_eq!(
        fingerprints, want,
        "C lists exactly the two contributions, A's and B's: {listed:?}"
    );

    std::fs::create_dir(d.join("bewijzen")).expect("receipt folder");
    let receipts =
        format!("joint receipts c.kluis --org '{CLIENT}' --period 2025 --out-dir bewijzen");
    let (error, _) = json_error(d, &receipts);
    assert_eq!(
        error["code"], "joint_not_published",
        "no receipts before the joint report was exported: {error}"
    );

    let written = json(
        d,
        &format!("report c.kluis --org '{CLIENT}' --period 2025 --joint --csv joint.csv"),
    );
    assert!(
        written["published_cells"].as_u64().unwrap_or(0) > 0,
        "the joint report publishes cells: {written}"
    );
    let csv = std::fs::read_to_string(d.join("joint.csv")).expect("the joint CSV was written");
    assert_eq!(
        csv_total(&csv),
        Some(expected_total as u64),
        "the joint report counts every advisor's dossiers of 2025, A's 2026 dossier not: {csv}"
    );

    let files = json(d, &receipts);
    let files = files
        .as_array()
        .unwrap_or_else(|| panic!("joint receipts --json is a list: {files}"));
    assert_eq!(files.len(), 2, "one receipt per contributor: {files:?}");
    let receipt_of = |fp: &str| format!("ontvangstbewijs-2025-{}.age", fp.replace(' ', ""));
    for fp in [&a_fp, &b_fp] {
        assert!(
            d.join("bewijzen").join(receipt_of(fp)).is_file(),
            "the receipt for {fp} is named by the period and that contributor's key: {files:?}"
        );
    }
    let a_receipt = format!("bewijzen/{}", receipt_of(&a_fp));
    let b_receipt = format!("bewijzen/{}", receipt_of(&b_fp));

    let signer = field(&json(d, "key show c.kluis"), "fingerprint");
    let shown = ok(d, &format!("joint receipt a.kluis {a_receipt}"));
    assert!(
        shown.contains(&signer),
        "the import names C's signing key ({signer}), so A can compare it with the \
         coordinator's: {shown}"
    );
    let (error, _) = json_error(d, &format!("joint receipt a.kluis {a_receipt}"));
    assert_eq!(
        error["code"], "contribution_exists",
        "a receipt is taken in once: {error}"
    );
    let (error, _) = json_error(d, &format!("joint receipt b.kluis {a_receipt}"));
    assert_eq!(
        error["code"], "not_a_receipt",
        "B cannot take in the receipt sealed for A: {error}"
    );
    let got = json(d, &format!("joint receipt b.kluis {b_receipt}"));
    assert_eq!(
        got["signer"], signer,
        "B's own receipt is signed with C's signing key too: {got}"
    );
}
