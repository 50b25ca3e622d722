//! `kluis key show` and `kluis verify-report` as a real process: the key printed by the vault
//! verifies the report it signed (given as the key itself or as the printed .pub file), and
//! each way a check fails reaches the command line with its own code: the signature missing,
//! malformed, from another key, the file changed, a malformed public key. Synthetic data only.

use serde_json::Value;
use std::path::Path;

const TODAY: &str = "2026-03-20";

mod common;

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    common::run(dir, TODAY, args, None)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    common::json(dir, TODAY, args, None)
}

fn refused(dir: &Path, args: &[&str]) -> String {
    common::refused(dir, TODAY, args).0
}

#[test]
fn a_report_verifies_with_the_vaults_key_and_every_failure_has_its_code() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    json(
        d,
        &[
            "demo",
            "--orgs",
            "2",
            "--dossiers",
            "80",
            "--years",
            "2",
            "--seed",
            "3",
            "v.kluis",
        ],
    );
    let orgs = json(d, &["org", "list", "v.kluis"]);
    let name = orgs[0]["name"].as_str().expect("a name").to_owned();
    let written = json(
        d,
        &[
            "report", "v.kluis", "--period", "2025", "--csv", "r.csv", "--org", &name,
        ],
    );
    assert!(
        written["files"][0]["signature"]
            .as_str()
            .is_some_and(|s| s.ends_with("r.csv.minisig")),
        "the report command names the signature it wrote: {written}"
    );
    assert!(d.join("r.csv.minisig").exists(), "the signature is written");
    let out = run(
        d,
        &[
            "report", "v.kluis", "--period", "2025", "--csv", "r2.csv", "--org", &name,
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Handtekening: r2.csv.minisig"),
        "the text output names the signature too: {}",
        String::from_utf8_lossy(&out.stdout)
    );

    let shown = json(d, &["key", "show", "v.kluis"]);
    let key = shown["public_key"].as_str().expect("the key").to_owned();
    let fingerprint = shown["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_owned();
    assert!(key.starts_with("RW"), "a minisign Ed25519 public key");

    // Valid: with the key itself, in Dutch and in English; exit 0.
    let out = run(d, &["verify-report", "r.csv", "--public-key", &key]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "a valid signature exits 0");
    assert!(
        stdout.contains("Handtekening geldig") && stdout.contains(&fingerprint),
        "the Dutch message says so and names the key: {stdout}"
    );
    let out = run(
        d,
        &[
            "--lang",
            "en",
            "verify-report",
            "r.csv",
            "--public-key",
            &key,
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Signature valid"),
        "and in English"
    );

    // With the printed .pub file (the whole text output saved to a file).
    let out = run(d, &["key", "show", "v.kluis"]);
    assert!(out.status.success(), "key show prints the key");
    std::fs::write(d.join("adviseur.pub"), &out.stdout).expect("write .pub");
    let checked = json(
        d,
        &["verify-report", "r.csv", "--public-key", "adviseur.pub"],
    );
    assert_eq!(checked["valid"], true, "the saved output is a key file");
    assert_eq!(checked["fingerprint"], fingerprint.as_str());

    // The signature elsewhere, with --signature.
    std::fs::copy(d.join("r.csv.minisig"), d.join("handtekening.minisig")).expect("copy");
    json(
        d,
        &[
            "verify-report",
            "r.csv",
            "--public-key",
            &key,
            "--signature",
            "handtekening.minisig",
        ],
    );

    // Each failure has its own code.
    let mut changed = std::fs::read(d.join("r.csv")).expect("read");
    let last = changed.len() - 2;
    changed[last] ^= 0x01;
    std::fs::write(d.join("gewijzigd.csv"), &changed).expect("write");
    assert_eq!(
        refused(d, &["verify-report", "gewijzigd.csv", "--public-key", &key]),
        "signature_missing",
        "no .minisig beside the file"
    );
    std::fs::copy(d.join("r.csv.minisig"), d.join("gewijzigd.csv.minisig")).expect("copy");
    assert_eq!(
        refused(d, &["verify-report", "gewijzigd.csv", "--public-key", &key]),
        "file_changed",
        "one changed byte"
    );
    std::fs::write(d.join("kapot.csv"), b"a,b\n").expect("write");
    std::fs::write(
        d.join("kapot.csv.minisig"),
        b"untrusted comment: x\nniet base64\n",
    )
    .expect("write");
    assert_eq!(
        refused(d, &["verify-report", "kapot.csv", "--public-key", &key]),
        "signature_malformed",
        "a signature file that is not one"
    );
    json(
        d,
        &[
            "demo",
            "--orgs",
            "1",
            "--dossiers",
            "5",
            "--years",
            "1",
            "--seed",
            "9",
            "ander.kluis",
        ],
    );
    let other = json(d, &["key", "show", "ander.kluis"]);
    let other_key = other["public_key"].as_str().expect("key");
    assert_ne!(other_key, key, "two vaults, two keys");
    assert_eq!(
        refused(d, &["verify-report", "r.csv", "--public-key", other_key]),
        "signature_other_key",
        "another vault's key"
    );
    assert_eq!(
        refused(
            d,
            &["verify-report", "r.csv", "--public-key", "RWgeen-sleutel"]
        ),
        "public_key_malformed",
        "a key that is not one"
    );
    let (_, message) = common::refused(
        d,
        TODAY,
        &["verify-report", "gewijzigd.csv", "--public-key", &key],
    );
    assert!(
        message.contains("gewijzigd nadat het werd ondertekend"),
        "the Dutch message says what happened: {message}"
    );
    assert!(
        !message.contains("totaal") && !message.contains(&name),
        "and carries no content of the file"
    );
}
