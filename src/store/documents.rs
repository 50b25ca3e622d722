//! Documents of dossiers, kept as BLOBs in the vault image. The rules (limits, names, kinds,
//! refusals) are [`crate::model::document`]'s; files move in and out through
//! [`crate::documents`]. Listings never read the content column; only
//! [`Store::document_content`] does.
//!
//! A removed document leaves nothing behind: `secure_delete` overwrites its cells and freed
//! pages with zeros, and a `VACUUM` afterwards rewrites the image without the freed pages, so
//! the vault file shrinks again. A document goes with its dossier when that is destroyed
//! (`ON DELETE CASCADE`, then the destruction's own VACUUM; see [`super::retention`]).

use super::{Store, StoreError};
use crate::Clock;
use crate::model::document::{self, MAX_DOCUMENTS_BYTES, SNIFF_BYTES};
use crate::model::{Document, DocumentError, DocumentsSummary};
use rusqlite::{Row, params};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

const COLUMNS: &str = "id, dossier_id, name, kind, size, sha256, added_on, added_at";

fn document_from_row(r: &Row<'_>) -> rusqlite::Result<Document> {
    Ok(Document {
        id: r.get(0)?,
        dossier_id: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        size: r.get::<_, i64>(4)?.max(0) as u64,
        sha256: r.get(5)?,
        added_on: r.get(6)?,
        added_at: r.get(7)?,
    })
}

fn not_found(e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound { what: "document" },
        e => e.into(),
    }
}

/// The SHA-256 of `bytes`, lowercase hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

impl Store {
    /// Adds one document to a dossier; see [`Store::add_documents`].
    pub fn add_document(
        &mut self,
        dossier_id: i64,
        name: &str,
        content: &[u8],
        clock: Clock,
    ) -> Result<Document, StoreError> {
        let mut added = self.add_documents(dossier_id, &[(name, content)], clock)?;
        added.pop().ok_or(StoreError::NotFound { what: "document" })
    }

    /// Adds documents (name as chosen, content) to a dossier, all or none. Each name is
    /// cleaned ([`document::clean_name`]), each kind detected ([`document::detect`]). Refused:
    /// an empty file or one over [`document::MAX_DOCUMENT_BYTES`], a file the dossier holds
    /// already (the same SHA-256, also twice in one call), and more documents than the vault
    /// keeps ([`MAX_DOCUMENTS_BYTES`]). The caller saves the vault.
    pub fn add_documents(
        &mut self,
        dossier_id: i64,
        files: &[(&str, &[u8])],
        clock: Clock,
    ) -> Result<Vec<Document>, StoreError> {
        self.dossier_exists(dossier_id)?;
        let mut total = self.documents_summary()?.total_bytes;
        let mut rows = Vec::with_capacity(files.len());
        for (name, content) in files {
            let name = document::clean_name(name)?;
            let size = content.len() as u64;
            document::check_size(size)?;
            total += size;
            if total > MAX_DOCUMENTS_BYTES {
                return Err(DocumentError::VaultFull.into());
            }
            let sha256 = sha256_hex(content);
            let held: i64 = self.conn.query_row(
                "SELECT count(*) FROM documents WHERE dossier_id = ?1 AND sha256 = ?2",
                params![dossier_id, sha256],
                |r| r.get(0),
            )?;
            if held > 0 || rows.iter().any(|(_, _, _, h)| *h == sha256) {
                return Err(DocumentError::Duplicate.into());
            }
            let head = &content[..content.len().min(SNIFF_BYTES)];
            let kind = document::detect(&name, head);
            rows.push((name, kind, *content, sha256));
        }
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(rows.len());
        for (name, kind, content, sha256) in &rows {
            tx.execute(
                "INSERT INTO documents
                    (dossier_id, name, kind, size, sha256, added_on, added_at, content)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    dossier_id,
                    name,
                    kind,
                    content.len() as i64,
                    sha256,
                    clock.today,
                    clock.now.to_rfc3339(),
                    content
                ],
            )?;
            ids.push(tx.last_insert_rowid());
        }
        tx.execute(
            "UPDATE dossiers SET updated_at = ?2 WHERE id = ?1",
            params![dossier_id, clock.now.to_rfc3339()],
        )?;
        tx.commit()?;
        ids.into_iter().map(|id| self.document(id)).collect()
    }

    /// A dossier's documents, oldest first, without their content.
    pub fn documents(&self, dossier_id: i64) -> Result<Vec<Document>, StoreError> {
        self.dossier_exists(dossier_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM documents WHERE dossier_id = ?1 ORDER BY added_at, id"
        ))?;
        let rows = stmt.query_map([dossier_id], document_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One document, without its content.
    pub fn document(&self, id: i64) -> Result<Document, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM documents WHERE id = ?1"),
                [id],
                document_from_row,
            )
            .map_err(not_found)
    }

    /// A document's content, in a buffer that wipes itself when dropped.
    pub fn document_content(&self, id: i64) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        self.conn
            .query_row("SELECT content FROM documents WHERE id = ?1", [id], |r| {
                r.get::<_, Vec<u8>>(0)
            })
            .map(Zeroizing::new)
            .map_err(not_found)
    }

    /// Removes a document and rewrites the database so nothing of it stays in a free page;
    /// returns what was removed. Refused while its dossier is under legal hold. The caller
    /// saves the vault.
    pub fn remove_document(&mut self, id: i64, clock: Clock) -> Result<Document, StoreError> {
        let doc = self.document(id)?;
        let hold: bool = self.conn.query_row(
            "SELECT legal_hold FROM dossiers WHERE id = ?1",
            [doc.dossier_id],
            |r| r.get(0),
        )?;
        if hold {
            return Err(DocumentError::OnHold.into());
        }
        self.conn
            .execute("DELETE FROM documents WHERE id = ?1", [id])?;
        self.touch_dossier_row(doc.dossier_id, clock)?;
        self.conn.execute_batch("VACUUM;")?;
        Ok(doc)
    }

    /// Every document of the vault together: how many, how large, and whether to warn.
    pub fn documents_summary(&self) -> Result<DocumentsSummary, StoreError> {
        let (count, total): (u32, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(size), 0) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(DocumentsSummary::new(count, total.max(0) as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn clock() -> Clock {
        Clock::at("2026-03-02".parse().expect("date"))
    }

    fn store_with_dossier() -> (Store, i64) {
        let mut s = Store::create_empty(clock()).expect("store");
        let org = s
            .add_organisation(
                &OrganisationInput {
                    name: "Voorbeeld BV".into(),
                    employee_count: 40,
                    arrangement: Arrangement::Collectief,
                    contact_label: String::new(),
                },
                clock(),
            )
            .expect("organisation");
        let d = s
            .add_dossier(
                &DossierInput::new(org.id, ContactType::Consult, clock().today),
                clock(),
            )
            .expect("dossier");
        (s, d.id)
    }

    #[test]
    fn a_batch_is_added_whole_or_not_at_all() {
        let (mut s, d) = store_with_dossier();
        let pdf = b"%PDF-1.7 verzonnen".as_slice();
        let refused = s.add_documents(d, &[("a.pdf", pdf), ("b.pdf", pdf)], clock());
        assert!(
            matches!(refused, Err(StoreError::Document(DocumentError::Duplicate))),
            "the same file twice in one batch is a duplicate"
        );
        assert!(
            s.documents(d).expect("list").is_empty(),
            "and the first of the batch was not kept either"
        );
        let added = s
            .add_documents(d, &[("a.pdf", pdf), ("b.txt", b"tekst")], clock())
            .expect("two different files");
        assert_eq!(
            added.iter().map(|x| x.kind).collect::<Vec<_>>(),
            [DocumentKind::Pdf, DocumentKind::Text],
            "each with its kind"
        );
        assert_eq!(
            s.documents_summary().expect("summary"),
            DocumentsSummary::new(2, (pdf.len() + 5) as u64),
            "the summary counts both"
        );
        assert!(
            matches!(
                s.add_document(d, "leeg.txt", b"", clock()),
                Err(StoreError::Document(DocumentError::Empty))
            ),
            "an empty file is refused"
        );
        assert!(
            matches!(
                s.documents(d + 99),
                Err(StoreError::NotFound { what: "dossier" })
            ),
            "a missing dossier is not found"
        );
    }

    #[test]
    fn a_document_of_a_dossier_under_legal_hold_stays() {
        let (mut s, d) = store_with_dossier();
        let doc = s
            .add_document(d, "bewijs.txt", b"verzonnen bewijs", clock())
            .expect("added");
        s.connection()
            .execute("UPDATE dossiers SET legal_hold = 1 WHERE id = ?1", [d])
            .expect("hold");
        assert!(
            matches!(
                s.remove_document(doc.id, clock()),
                Err(StoreError::Document(DocumentError::OnHold))
            ),
            "evidence under legal hold is not removed"
        );
        assert_eq!(s.documents(d).expect("list").len(), 1, "it is still there");
    }

    #[test]
    fn secure_delete_zeroes_the_content_and_the_vacuum_gives_the_pages_back() {
        let (mut s, d) = store_with_dossier();
        let mut content = b"begin qqxverzonnenbegin ".to_vec();
        content.extend(std::iter::repeat_n(b'y', 300 * 1024));
        content.extend(b" qqxverzonneneinde");
        let doc = s
            .add_document(d, "los.txt", &content, clock())
            .expect("added");
        let with = s.image().expect("image").len();
        s.connection()
            .execute("DELETE FROM documents WHERE id = ?1", [doc.id])
            .expect("a plain delete");
        let image = s.image().expect("image").to_vec();
        let found = |needle: &[u8]| image.windows(needle.len()).any(|w| w == needle);
        assert!(
            !found(b"qqxverzonnenbegin") && !found(b"qqxverzonneneinde"),
            "secure_delete overwrites the cell and its overflow pages at once"
        );
        assert_eq!(image.len(), with, "but the freed pages stay in the image");
        let other = s.add_document(d, "b.txt", b"kort", clock()).expect("added");
        s.remove_document(other.id, clock()).expect("removed");
        assert!(
            s.image().expect("image").len() < with - 256 * 1024,
            "the removal's VACUUM gives them back"
        );
    }
}
