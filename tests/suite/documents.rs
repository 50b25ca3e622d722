//! Documents in the vault: a PDF and an e-mail are read from disk into a dossier, listed with
//! kind, size and SHA-256, exported as a copy (never over a file, logged) and listed in the
//! access export; a removed document and the documents of a destroyed dossier leave neither
//! their content nor their name in the decrypted vault image. Limits and duplicates are
//! refused before anything changes. Only synthetic bytes.

use super::destruction::{contains, decrypted_image, unique_word};
use super::util::*;
use kluis::Lang;
use kluis::documents::{DocumentFileError, OriginalFile, export_copy, import_files, read_file};
use kluis::error::{Coded, ErrorCode};
use kluis::model::document::{MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_BYTES};
use kluis::model::*;
use kluis::report::export::ExportError;
use kluis::store::StoreError;
use kluis::vault::Vault;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A small synthetic PDF carrying `word`.
fn pdf_bytes(word: &str) -> Vec<u8> {
    format!("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% verzonnen verslag {word}\n%%EOF\n")
        .into_bytes()
}

/// A synthetic saved e-mail carrying `word`.
fn eml_bytes(word: &str) -> Vec<u8> {
    format!(
        "Return-Path: <melder@example.invalid>\r\nFrom: Verzonnen Melder <melder@example.invalid>\r\n\
         To: vp@example.invalid\r\nSubject: Verzonnen klacht\r\nDate: Mon, 2 Mar 2026 09:00:00 +0100\r\n\
         MIME-Version: 1.0\r\n\r\nBeste vertrouwenspersoon, dit is verzonnen: {word}.\r\n"
    )
    .into_bytes()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write a synthetic file");
    p
}

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn close_and_destroy(v: &mut Vault, d: &Dossier) {
    v.store_mut()
        .close_dossier(
            d.id,
            &CloseInput {
                closed_on: day("2026-03-31"),
                outcome: Outcome::InformeelOpgelost,
                destroy_by: Some(day("2026-06-30")),
            },
            clock(),
        )
        .expect("close");
    v.store_mut()
        .destroy_dossiers(
            &DestroyRequest {
                numbers: vec![d.number.clone()],
                reason: "Verzonnen reden".into(),
                override_blocks: true,
            },
            clock(),
        )
        .expect("destroyed with an override");
    v.save(clock()).expect("save");
}

#[test]
fn a_pdf_and_an_email_go_in_come_out_as_copies_and_leave_no_trace_when_destroyed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, key) = Vault::create(&path, &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Stichting Documentproef", 60);
    let gone = add_dossier(&mut v, org, "Verzonnen notitie.");
    let kept = add_dossier(&mut v, org, "Verzonnen notitie die blijft.");
    let (pdf_word, eml_word) = (unique_word(), format!("{}mail", unique_word()));
    let pdf_name = format!("verslag-{}.pdf", unique_word());
    let eml_name = format!("klacht-{}.eml", unique_word());
    let pdf = pdf_bytes(&pdf_word);
    let eml = eml_bytes(&eml_word);
    let inbox = dir.path().join("downloads");
    std::fs::create_dir(&inbox).expect("a downloads folder");
    let sources = [
        write(&inbox, &pdf_name, &pdf),
        write(&inbox, &eml_name, &eml),
    ];

    let added = import_files(&mut v, gone.id, &sources, true, clock()).expect("imported");
    assert_eq!(
        added.iter().map(|a| a.original).collect::<Vec<_>>(),
        [OriginalFile::Removed, OriginalFile::Removed],
        "asked to, both originals are deleted once the vault is saved"
    );
    assert!(
        sources.iter().all(|s| !s.exists()),
        "the originals are gone from the downloads folder"
    );
    let other = v
        .store_mut()
        .add_document(kept.id, "blijft.pdf", &pdf_bytes("blijvend"), clock())
        .expect("a document of the other dossier");
    v.save(clock()).expect("save");

    let listed = v.store().documents(gone.id).expect("list");
    let shown: Vec<(&str, DocumentKind, u64, &str)> = listed
        .iter()
        .map(|d| (d.name.as_str(), d.kind, d.size, d.sha256.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            (
                pdf_name.as_str(),
                DocumentKind::Pdf,
                pdf.len() as u64,
                sha(&pdf).as_str()
            ),
            (
                eml_name.as_str(),
                DocumentKind::Email,
                eml.len() as u64,
                sha(&eml).as_str()
            ),
        ],
        "listed with name, kind, size and SHA-256, in the order added"
    );
    assert!(
        listed.iter().all(|d| d.added_on == clock().today),
        "with the day they were added"
    );
    let image = decrypted_image(&path, &key);
    assert!(
        contains(&image, &pdf_word) && contains(&image, &eml_word) && contains(&image, &pdf_name),
        "sanity: the documents and their names are inside the vault image"
    );

    // A copy out: the same bytes, never over a file, logged.
    let out = dir.path().join("kopie.pdf");
    let copy = export_copy(&mut v, listed[0].id, &out, clock()).expect("copy written");
    let written = std::fs::read(&out).expect("the copy exists");
    assert_eq!(
        (copy.sha256.as_str(), sha(&written)),
        (sha(&pdf).as_str(), sha(&pdf)),
        "the copy is byte for byte the original and says so"
    );
    std::fs::write(&out, b"eigen bestand").expect("the advisor changes the copy");
    let again = export_copy(&mut v, listed[1].id, &out, clock());
    assert!(
        matches!(again, Err(ExportError::Exists { .. })),
        "an existing file is never replaced: {again:?}"
    );
    assert_eq!(
        again.map(|_| ()).unwrap_err().error_code(),
        ErrorCode::FileExists,
        "and the shells hear `file_exists`"
    );
    assert_eq!(
        std::fs::read(&out).expect("still there"),
        b"eigen bestand",
        "the file is untouched"
    );
    let log = v.store().export_log().expect("log");
    assert_eq!(log.len(), 1, "only the delivered copy is logged");
    assert_eq!(
        (
            log[0].kind.as_str(),
            log[0].recipient.as_str(),
            log[0].organisations.clone(),
            log[0].sha256.as_str()
        ),
        (
            "document",
            "kopie",
            vec!["Stichting Documentproef".to_owned()],
            sha(&pdf).as_str()
        ),
        "the export log records a document copy for the organisation, with its hash"
    );

    // The access export lists them (name, kind, size), not their content.
    let access = kluis::access::build(v.store(), &gone.number, &[], Lang::Nl, clock().today)
        .expect("access document");
    assert_eq!(access.attachments.len(), 2, "both documents are listed");
    assert!(
        access.attachments[0].starts_with(&pdf_name) && access.attachments[0].contains("(PDF, "),
        "name, kind and size in words: {:?}",
        access.attachments
    );
    assert!(
        access.attachments[1].contains("(E-mail, ") && access.attachments[1].ends_with("bytes)"),
        "an e-mail of a few hundred bytes: {:?}",
        access.attachments
    );
    let json = serde_json::to_string(&access).expect("json");
    assert!(
        !json.contains(&pdf_word) && !json.contains(&eml_word),
        "the list holds no content"
    );

    // Destroyed with the dossier: nothing of them remains in the decrypted image.
    close_and_destroy(&mut v, &gone);
    let image = decrypted_image(&path, &key);
    for (what, needle) in [
        ("the PDF's content", pdf_word.as_str()),
        ("the e-mail's content", eml_word.as_str()),
        ("the PDF's name", pdf_name.as_str()),
        ("the e-mail's name", eml_name.as_str()),
        ("the e-mail's hash", sha(&eml).as_str()),
    ] {
        assert!(
            !contains(&image, needle),
            "{what} is nowhere in the decrypted vault image after the destruction"
        );
    }
    assert_eq!(
        v.store().export_log().expect("log")[0].sha256,
        sha(&pdf),
        "by design the export log keeps the hash of the copy that left the vault (as it does \
         for every export), and nothing else of the document"
    );
    assert!(
        contains(&image, "blijvend") && contains(&image, "blijft.pdf"),
        "the other dossier's document stays (so the check above would have found them)"
    );
    assert_eq!(
        v.store().documents(kept.id).expect("list"),
        vec![other],
        "and is listed as before"
    );
    assert!(
        v.store().document(listed[0].id).is_err(),
        "a destroyed dossier's document is not found"
    );
}

#[test]
fn a_removed_document_leaves_no_trace_and_the_vault_shrinks_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, key) = Vault::create(&path, &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Stichting Verwijderproef", 60);
    let d = add_dossier(&mut v, org, "Verzonnen notitie.");
    v.save(clock()).expect("save");
    let small = std::fs::metadata(&path).expect("vault").len();
    let word = unique_word();
    let name = format!("scan-{}.txt", unique_word());
    // 600 kB of text: the content spans many overflow pages.
    let mut content = format!("begin {word}\n").into_bytes();
    content.extend(std::iter::repeat_n(b'x', 600 * 1024));
    content.extend(format!("\neinde {word}\n").into_bytes());
    let doc = v
        .store_mut()
        .add_document(d.id, &name, &content, clock())
        .expect("added");
    v.save(clock()).expect("save");
    assert!(
        std::fs::metadata(&path).expect("vault").len() > small + 600 * 1024,
        "sanity: the vault file carries the document"
    );
    let removed = v
        .store_mut()
        .remove_document(doc.id, clock())
        .expect("removed");
    assert_eq!(removed.id, doc.id, "the removed document is returned");
    v.save(clock()).expect("save");
    let image = decrypted_image(&path, &key);
    assert!(
        !contains(&image, &word) && !contains(&image, &name),
        "neither the content nor the name of a removed document stays in the image"
    );
    assert!(
        std::fs::metadata(&path).expect("vault").len() < small + 64 * 1024,
        "the VACUUM gives the space back: the vault is small again"
    );
    assert!(
        matches!(
            v.store_mut().remove_document(doc.id, clock()),
            Err(StoreError::NotFound { what: "document" })
        ),
        "removing twice finds nothing"
    );
}

#[test]
fn too_large_empty_and_duplicate_files_are_refused_before_anything_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, _key) = Vault::create(&path, &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Stichting Grensproef", 60);
    let d = add_dossier(&mut v, org, "Verzonnen notitie.");
    let other = add_dossier(&mut v, org, "Verzonnen notitie twee.");
    v.save(clock()).expect("save");
    let before = std::fs::read(&path).expect("vault");

    // A sparse file of 64 GiB: reading it would take minutes and all memory, so a quick
    // refusal shows the size came from the metadata.
    let huge = dir.path().join("enorm.pdf");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(64 << 30))
        .expect("a sparse file");
    let started = std::time::Instant::now();
    let refused = import_files(&mut v, d.id, std::slice::from_ref(&huge), true, clock());
    assert!(
        matches!(
            refused,
            Err(DocumentFileError::Store(StoreError::Document(
                DocumentError::TooLarge
            )))
        ),
        "a file over the limit is refused: {refused:?}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "without reading it"
    );
    assert!(huge.exists(), "and the original is kept");
    let just_over = write(
        dir.path(),
        "net-te-groot.pdf",
        &vec![b'x'; (MAX_DOCUMENT_BYTES + 1) as usize],
    );
    let code = read_file(&just_over).map(|_| ()).unwrap_err().error_code();
    assert_eq!(
        code,
        ErrorCode::DocumentTooLarge,
        "one byte over 25 MiB is too large, with its own code"
    );
    assert!(
        ErrorCode::DocumentTooLarge
            .message(Lang::Nl)
            .contains(&format!("{} MB", MAX_DOCUMENT_BYTES >> 20))
            && ErrorCode::DocumentsFull
                .message(Lang::En)
                .contains(&format!("{} MB", MAX_DOCUMENTS_BYTES >> 20)),
        "the messages name the limits the core applies"
    );
    let empty = write(dir.path(), "leeg.eml", b"");
    assert_eq!(
        read_file(&empty).map(|_| ()).unwrap_err().error_code(),
        ErrorCode::DocumentEmpty,
        "an empty file is refused"
    );
    assert_eq!(
        read_file(dir.path()).map(|_| ()).unwrap_err().error_code(),
        ErrorCode::Io,
        "a folder is no document"
    );
    assert_eq!(
        read_file(&dir.path().join("bestaat-niet.pdf"))
            .map(|_| ())
            .unwrap_err()
            .error_code(),
        ErrorCode::NotFound,
        "a missing file is not found"
    );

    let pdf = write(dir.path(), "verslag.pdf", &pdf_bytes("dubbel"));
    import_files(&mut v, d.id, std::slice::from_ref(&pdf), false, clock()).expect("first time");
    let copy = write(dir.path(), "verslag (1).pdf", &pdf_bytes("dubbel"));
    let twice = import_files(&mut v, d.id, std::slice::from_ref(&copy), true, clock());
    assert_eq!(
        twice.map(|_| ()).unwrap_err().error_code(),
        ErrorCode::DocumentExists,
        "the same content under another name is refused in the same dossier"
    );
    assert!(
        copy.exists(),
        "a refused file is never deleted, even when asked"
    );
    let elsewhere = import_files(&mut v, other.id, &[copy], false, clock()).expect("other");
    assert_eq!(
        elsewhere[0].original,
        OriginalFile::Kept,
        "another dossier may hold the same file; not asked, the original stays"
    );
    assert_eq!(
        v.store().documents_summary().expect("summary").count,
        2,
        "only the two accepted documents are in the vault"
    );
    assert_ne!(
        std::fs::read(&path).expect("vault"),
        before,
        "sanity: the accepted ones were saved"
    );
}

#[test]
fn an_original_is_deleted_only_after_the_vault_was_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, _key) = Vault::create(&path, &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Stichting Opslagproef", 60);
    let d = add_dossier(&mut v, org, "Verzonnen notitie.");
    v.save(clock()).expect("save");
    // Every save keeps the previous file in the backup folder: a file in its place makes the
    // save fail.
    let backups = kluis::vault::backup::backup_dir(&path);
    std::fs::remove_dir_all(&backups).expect("remove the backup folder");
    std::fs::write(&backups, b"geen map").expect("a file where the folder was");
    let source = write(dir.path(), "bericht.eml", &eml_bytes("bewaard"));
    let failed = import_files(&mut v, d.id, std::slice::from_ref(&source), true, clock());
    assert!(
        matches!(failed, Err(DocumentFileError::Vault(_))),
        "the save fails: {failed:?}"
    );
    assert!(
        source.exists(),
        "so the original is kept: the document is not safely in the vault yet"
    );
}
