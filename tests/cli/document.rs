//! `kluis document` as a real process: a PDF and an e-mail added from files (the originals
//! deleted after the save), listed with kind, size and SHA-256, a copy exported (never over a
//! file, logged), a duplicate refused, one removed, and after `kluis dossier destroy` neither
//! content nor name is left in the decrypted vault image. Only synthetic bytes.

use super::*;
use sha2::{Digest, Sha256};

const PDF_WORD: &str = "qqxpdfverzonnen7731";
const EML_WORD: &str = "qqxmailverzonnen7732";
const PDF_NAME: &str = "verslag-qqxnaam7733.pdf";
const EML_NAME: &str = "klacht-qqxnaam7734.eml";

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The decrypted database image of the test vault, through the library.
fn image(dir: &Path) -> Vec<u8> {
    let unlock = kluis::vault::Unlock::Passphrase(secrecy::SecretString::from(PASS.to_owned()));
    let clock = kluis::Clock::at(TODAY.parse().expect("date"));
    let mut vault =
        kluis::vault::Vault::open(&dir.join(VAULT), &unlock, clock).expect("library opens it");
    vault.store_mut().image().expect("image").to_vec()
}

fn holds(image: &[u8], needle: &str) -> bool {
    image.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn documents_are_added_listed_copied_removed_and_destroyed_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    let pdf = format!("%PDF-1.4\n% verzonnen {PDF_WORD}\n%%EOF\n").into_bytes();
    let eml = format!(
        "From: Verzonnen <a@example.invalid>\r\nSubject: Verzonnen\r\nDate: Mon, 2 Mar 2026 \
         09:00:00 +0100\r\n\r\n{EML_WORD}\r\n"
    )
    .into_bytes();
    std::fs::write(d.join(PDF_NAME), &pdf).expect("pdf");
    std::fs::write(d.join(EML_NAME), &eml).expect("eml");

    let added = json(
        d,
        &format!("document add v.kluis 2026-0001 {PDF_NAME} {EML_NAME} --remove-original"),
    );
    let docs = added["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2, "both files are added: {added}");
    assert_eq!(
        (
            docs[0]["document"]["kind"].as_str(),
            docs[1]["document"]["kind"].as_str()
        ),
        (Some("pdf"), Some("email")),
        "each with its kind"
    );
    assert!(
        docs.iter().all(|x| x["original"] == "removed")
            && !d.join(PDF_NAME).exists()
            && !d.join(EML_NAME).exists(),
        "--remove-original deletes the files once the vault is saved"
    );
    let pdf_id = docs[0]["document"]["id"].as_i64().expect("id");
    let eml_id = docs[1]["document"]["id"].as_i64().expect("id");

    let table = ok(d, "document list v.kluis 2026-0001");
    for expected in [PDF_NAME, EML_NAME, "PDF", "E-mail", &sha(&pdf), &sha(&eml)] {
        assert!(
            table.contains(expected),
            "the table shows {expected}: {table}"
        );
    }
    assert!(
        !table.contains(PDF_WORD) && !table.contains(EML_WORD),
        "but never the content: {table}"
    );

    let copy = json(
        d,
        &format!("document export v.kluis {pdf_id} --out kopie.pdf"),
    );
    assert_eq!(
        (
            copy["sha256"].as_str(),
            std::fs::read(d.join("kopie.pdf")).ok()
        ),
        (Some(sha(&pdf).as_str()), Some(pdf.clone())),
        "the copy is the original, byte for byte, and its hash is printed"
    );
    let (error, _) = json_error(
        d,
        &format!("document export v.kluis {eml_id} --out kopie.pdf"),
    );
    assert_eq!(
        error["code"], "file_exists",
        "an existing file is never replaced: {error}"
    );
    assert_eq!(
        std::fs::read(d.join("kopie.pdf")).expect("copy"),
        pdf,
        "and is left as it was"
    );
    let log = json(d, "exports v.kluis");
    assert_eq!(
        (log[0]["kind"].as_str(), log[0]["recipient"].as_str()),
        (Some("document"), Some("kopie")),
        "the copy is in the export log: {log}"
    );

    std::fs::write(d.join("opnieuw.pdf"), &pdf).expect("the same file again");
    let (error, _) = json_error(d, "document add v.kluis 2026-0001 opnieuw.pdf");
    assert_eq!(
        error["code"], "document_exists",
        "the same content twice in a dossier is refused: {error}"
    );
    json(d, &format!("document remove v.kluis {eml_id}"));
    let listed = json(d, "document list v.kluis 2026-0001");
    assert_eq!(
        (
            listed["documents"].as_array().map(Vec::len),
            listed["summary"]["count"].as_u64()
        ),
        (Some(1), Some(1)),
        "one document is left: {listed}"
    );
    let now = image(d);
    assert!(
        holds(&now, PDF_WORD) && !holds(&now, EML_WORD) && !holds(&now, EML_NAME),
        "the removed e-mail is gone from the image, the PDF is still there"
    );

    ok(
        d,
        "dossier close v.kluis 2026-0001 --date 2026-03-19 --outcome geen_vervolg",
    );
    ok(
        d,
        "dossier destroy v.kluis 2026-0001 --override --reason 'Verzonnen reden' --yes",
    );
    let after = image(d);
    assert!(
        !holds(&after, PDF_WORD) && !holds(&after, PDF_NAME),
        "after the destruction neither the PDF's content nor its name is in the image"
    );
}
