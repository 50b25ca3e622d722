//! Signed reports: every exported PDF and CSV has a `.minisig` beside it, by the vault's own
//! key, listed in the export log; the public `minisign` tool verifies those signatures and
//! rejects a file with one changed byte; a vault from before signing keys gets its key on
//! first need and keeps it. Synthetic data only.

use super::util::*;
use kluis::signing::{PublicKey, SignError, SigningKey, signature_path, verify_file};
use kluis::vault::Vault;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::{Command, Output};

fn minisign(args: &[&str]) -> Output {
    Command::new("minisign")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("minisign must be installed for the signing tests: {e}"))
}

fn minisign_verifies(file: &Path, public_key: &str) -> Output {
    minisign(&["-Vm", file.to_str().expect("UTF-8 path"), "-P", public_key])
}

fn sha(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).expect("read")))
}

/// A copy of `file` with one byte changed, under another name with the same signature
/// beside it.
fn changed_copy(file: &Path, dir: &Path, name: &str) -> std::path::PathBuf {
    let mut bytes = std::fs::read(file).expect("read");
    let i = bytes.len() / 2;
    bytes[i] ^= 0x20;
    let copy = dir.join(name);
    std::fs::write(&copy, bytes).expect("write copy");
    std::fs::copy(signature_path(file), signature_path(&copy)).expect("copy signature");
    copy
}

#[test]
fn exported_reports_are_signed_logged_and_verified_by_the_public_minisign_tool() {
    use kluis::report::export::{ExportFormat, ExportTarget, SIGNATURE_KIND, export, prepare};
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut vault, _key) =
        Vault::create_unchecked(&vault_path(dir.path()), &pass(), clock()).expect("vault");
    let spec = kluis::demo::DemoSpec {
        organisations: 4,
        dossiers: 200,
        years: 2,
        seed: 5,
    };
    kluis::demo::populate(vault.store_mut(), &spec, clock()).expect("demo data");
    vault.save(clock()).expect("save");
    let org = busiest(vault.store());
    let prepared = prepare(vault.store(), &report_request(&[org.id], "2025")).expect("prepare");
    let public = vault
        .store()
        .signing_key()
        .expect("read")
        .expect("a new vault has its signing key")
        .public_key();
    assert_eq!(
        prepared
            .document
            .signing
            .as_ref()
            .map(|s| s.fingerprint.as_str()),
        Some(public.fingerprint().as_str()),
        "the preview already shows the key the export signs with"
    );
    let pdf = dir.path().join("rapport.pdf");
    let csv = dir.path().join("rapport.csv");
    let targets = [
        ExportTarget {
            path: pdf.clone(),
            format: ExportFormat::Pdf,
        },
        ExportTarget {
            path: csv.clone(),
            format: ExportFormat::Csv,
        },
    ];
    let outcome =
        export(&mut vault, &prepared, &targets, "Directie", true, clock()).expect("export");

    for file in [&pdf, &csv] {
        let sig = signature_path(file);
        assert!(sig.exists(), "{} has its .minisig", file.display());
        verify_file(file, &sig, &public).expect("the vault's own key verifies its signature");
        let out = minisign_verifies(file, &public.to_base64());
        assert!(
            out.status.success(),
            "the public minisign tool verifies a Kluis signature: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout)
                .contains("Signature and comment signature verified"),
            "minisign checked the trusted comment too"
        );
        let name = format!("gewijzigd-{}", file.file_name().unwrap().to_string_lossy());
        let changed = changed_copy(file, dir.path(), &name);
        let out = minisign_verifies(&changed, &public.to_base64());
        assert!(
            !out.status.success(),
            "minisign rejects a file with one changed byte"
        );
        assert_eq!(
            verify_file(&changed, &signature_path(&changed), &public),
            Err(SignError::FileChanged),
            "and so does Kluis, saying the file changed"
        );
    }
    // A .pub file works with minisign's -p as well.
    let pub_file = dir.path().join("adviseur.pub");
    std::fs::write(&pub_file, public.to_file()).expect("write .pub");
    let out = minisign(&[
        "-Vm",
        pdf.to_str().expect("UTF-8"),
        "-p",
        pub_file.to_str().expect("UTF-8"),
    ]);
    assert!(out.status.success(), "minisign reads Kluis's .pub file");

    let log = vault.store().export_log().expect("export log");
    for (file, kind) in [(&pdf, "report_pdf"), (&csv, "report_csv")] {
        for (path, kind) in [(file.clone(), kind), (signature_path(file), SIGNATURE_KIND)] {
            let hash = sha(&path);
            assert!(
                log.iter().any(|e| e.kind == kind && e.sha256 == hash),
                "{} is in the export log as {kind} with its SHA-256",
                path.display()
            );
        }
    }
    assert_eq!(log.len(), 4, "two files and two signatures, one row each");
    assert_eq!(
        outcome.files[0].signature,
        signature_path(&pdf).to_string_lossy(),
        "the outcome names each file's signature"
    );
    let text = Command::new("pdftotext")
        .args([pdf.to_str().expect("UTF-8"), "-"])
        .output()
        .expect("pdftotext");
    assert!(
        String::from_utf8_lossy(&text.stdout).contains(&public.fingerprint()),
        "the exported PDF prints the fingerprint of the key that signed it"
    );

    // A signature already at the name of the next export's .minisig: nothing is written.
    let next = dir.path().join("tweede.csv");
    std::fs::write(signature_path(&next), b"iets anders").expect("write");
    let refused = export(
        &mut vault,
        &prepared,
        &[ExportTarget {
            path: next.clone(),
            format: ExportFormat::Csv,
        }],
        "Directie",
        true,
        clock(),
    );
    assert!(
        matches!(
            refused,
            Err(kluis::report::export::ExportError::Exists { index: 0 })
        ),
        "an existing file at the signature's name is never replaced: {refused:?}"
    );
    assert!(!next.exists(), "and the report itself was not written");
}

#[test]
fn minisign_rejects_another_key_and_kluis_reads_minisigns_own_signatures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("rapport.csv");
    std::fs::write(&file, b"rapport,tabel,waarde\nr,totaal,42\n").expect("write");
    let ours = SigningKey::generate(&mut rand_core::OsRng);
    let theirs = SigningKey::generate(&mut rand_core::OsRng);
    let bytes = std::fs::read(&file).expect("read");
    std::fs::write(
        signature_path(&file),
        ours.sign(&bytes, "timestamp:0\tfile:rapport.csv\thashed"),
    )
    .expect("write signature");
    let out = minisign_verifies(&file, &theirs.public_key().to_base64());
    assert!(
        !out.status.success(),
        "minisign refuses a signature by another key"
    );
    assert_eq!(
        verify_file(&file, &signature_path(&file), &theirs.public_key()),
        Err(SignError::OtherKey),
        "Kluis says it is another key"
    );

    // The other way round: a key and a signature made by minisign itself.
    let pk = dir.path().join("m.pub");
    let sk = dir.path().join("m.key");
    let out = minisign(&[
        "-G",
        "-W",
        "-p",
        pk.to_str().expect("UTF-8"),
        "-s",
        sk.to_str().expect("UTF-8"),
    ]);
    assert!(
        out.status.success(),
        "minisign makes an unencrypted test key"
    );
    std::fs::remove_file(signature_path(&file)).expect("remove ours");
    let out = minisign(&[
        "-S",
        "-s",
        sk.to_str().expect("UTF-8"),
        "-m",
        file.to_str().expect("UTF-8"),
    ]);
    assert!(
        out.status.success(),
        "minisign signs: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let key = PublicKey::parse(&std::fs::read_to_string(&pk).expect("read .pub"))
        .expect("Kluis reads minisign's .pub file");
    let verified = verify_file(&file, &signature_path(&file), &key)
        .expect("Kluis verifies a signature made by minisign");
    assert!(
        verified.trusted_comment.contains("file:rapport.csv"),
        "minisign's trusted comment comes through: {}",
        verified.trusted_comment
    );
}

#[test]
fn an_older_vault_gets_its_signing_key_on_first_need_and_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    let mut v = v;
    v.store()
        .connection()
        .execute_batch(
            "DROP TABLE documents; DROP TABLE invoice_lines; DROP TABLE invoices;
             DROP TABLE agreements;
             DROP TABLE conflict_decision_matches; DROP TABLE conflict_decisions;
             DROP TABLE dossier_links; DROP TABLE dossier_support; DROP TABLE parties;
             DROP TABLE signing_key; PRAGMA user_version = 6;",
        )
        .expect("turn the image back into schema v6");
    v.save(clock()).expect("save");
    drop(v);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open migrates to v7");
    assert!(
        v.store()
            .signing_key()
            .expect("the v7 table exists")
            .is_none(),
        "the migration makes no key: SQLite has no random source fit for one"
    );
    let made = v
        .signing_key(clock())
        .expect("made on first need")
        .public_key();
    drop(v);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    assert_eq!(
        v.signing_key(clock()).expect("kept").public_key(),
        made,
        "the key made on first need was saved in the vault and is used from then on"
    );
}
