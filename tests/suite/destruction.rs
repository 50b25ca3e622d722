//! Retention and destruction: nothing of a destroyed dossier stays in the vault image or in
//! the purged backups, published reports stay byte-identical, and the refusals (legal hold,
//! open, not reported, not due) hold in the core.

use super::util::*;
use kluis::Lang;
use kluis::error::{Coded, ErrorCode};
use kluis::model::*;
use kluis::report::export::{prepare, record};
use kluis::report::render::csv::{CsvDialect, render};
use kluis::report::render::pdf::render_pdf;
use kluis::store::{Store, StoreError};
use kluis::vault::{RecoveryKey, Vault};
use std::io::Read;
use std::path::Path;

/// A synthetic, unique word (no real text): 16 hex digits from the clock and the process.
pub(super) fn unique_word() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_nanos();
    let mixed = (nanos as u64 ^ u64::from(std::process::id()).rotate_left(32))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    format!("qqx{mixed:016x}")
}

pub(super) fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The plaintext SQLite image of a vault file, decrypted with the recovery key.
pub(super) fn decrypted_image(path: &Path, key: &RecoveryKey) -> Vec<u8> {
    let bytes = std::fs::read(path).expect("read vault file");
    let keyslots_len = u32::from_le_bytes(bytes[12..16].try_into().expect("4 bytes")) as usize;
    let identity: age::x25519::Identity = key.expose().parse().expect("age identity");
    let mut plain = Vec::new();
    age::Decryptor::new(&bytes[16 + keyslots_len..])
        .expect("payload is an age file")
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .expect("the recovery key decrypts")
        .read_to_end(&mut plain)
        .expect("decrypts");
    assert!(plain.starts_with(b"SQLite format 3\0"), "a SQLite image");
    plain
}

fn close(store: &mut Store, id: i64, closed: &str, destroy_by: Option<&str>) -> Dossier {
    store
        .close_dossier(
            id,
            &CloseInput {
                closed_on: day(closed),
                outcome: Outcome::InformeelOpgelost,
                destroy_by: destroy_by.map(day),
            },
            clock(),
        )
        .expect("close")
}

fn request(numbers: &[&str], reason: &str, override_blocks: bool) -> DestroyRequest {
    DestroyRequest {
        numbers: numbers.iter().map(|n| (*n).to_owned()).collect(),
        reason: reason.into(),
        override_blocks,
    }
}

#[test]
fn a_plain_delete_leaves_the_words_in_the_search_index_and_the_purge_removes_them() {
    // Why destroy_dossiers rebuilds the index and vacuums: FTS5 keeps deleted terms in
    // older segments. If this sanity check ever stops finding them, the test below still
    // guards the end result.
    let mut store = Store::create_empty(clock()).expect("store");
    let org = store
        .add_organisation(
            &OrganisationInput {
                name: "Testorganisatie".into(),
                employee_count: 30,
                arrangement: Arrangement::Collectief,
                contact_label: String::new(),
            },
            clock(),
        )
        .expect("org")
        .id;
    let word = unique_word();
    let mut input = DossierInput::new(org, ContactType::Consult, day("2026-03-02"));
    input.notes = format!("Synthetische notitie {word} over een rooster.");
    let d = store.add_dossier(&input, clock()).expect("dossier");
    store
        .connection()
        .execute("DELETE FROM dossiers WHERE id = ?1", [d.id])
        .expect("plain delete");
    let image = store.image().expect("image").to_vec();
    assert!(
        contains(&image, &word),
        "after a plain DELETE the word is still in the image (FTS5 segments)"
    );
    store.purge_free_space().expect("purge");
    let image = store.image().expect("image").to_vec();
    assert!(
        !contains(&image, &word),
        "after the index rebuild and VACUUM the word is gone from the image"
    );
}

#[test]
fn a_destroyed_dossier_is_absent_from_the_decrypted_vault_and_from_purged_backups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, key) = Vault::create(&path, &pass(), clock()).expect("create");
    let org = add_org(&mut v, "Bakkerij De Korenschoof", 40);
    let word = unique_word();
    let note = format!("Verzonnen notitie {word}: conflict over roosters met een collega.");
    let gone = add_dossier(&mut v, org, &note);
    let kept = add_dossier(&mut v, org, "Verzonnen notitie die blijft staan.");
    // A party with a unique, invented surname: it goes with its dossier.
    let party_word = format!("{}party", unique_word());
    let party_name = format!("Jan {party_word}");
    v.store_mut()
        .add_party(
            gone.id,
            &PartyInput {
                role: PartyRole::Beschuldigde,
                name: party_name.clone(),
                function: "Afdeling Verzonnen".into(),
            },
            clock(),
        )
        .expect("a party");
    close(v.store_mut(), gone.id, "2026-03-31", Some("2026-06-30"));
    v.save(clock()).expect("save");
    let copy = dir.path().join("usb-kopie.kluis");
    v.backup_to(&copy, clock()).expect("a copy elsewhere");
    let before = decrypted_image(&path, &key);
    assert!(
        contains(&before, &word) && contains(&before, &party_word),
        "sanity: before destruction the note and the party's name are in the image"
    );

    let outcome = v
        .store_mut()
        .destroy_dossiers(
            &request(&[&gone.number], "Geen rapportage gemaakt", true),
            clock(),
        )
        .expect("destroyed with an override");
    v.save(clock()).expect("save");
    assert_eq!(
        outcome.destroyed,
        vec![gone.number.clone()],
        "the one dossier"
    );

    let image = decrypted_image(&path, &key);
    assert!(
        !contains(&image, &word),
        "the destroyed note's unique word is nowhere in the decrypted vault image"
    );
    assert!(
        !contains(&image, "conflict over roosters"),
        "nor any phrase of the note"
    );
    assert!(
        !contains(&image, &party_word) && !contains(&image, "Afdeling Verzonnen"),
        "nor the name or function of a party of the destroyed dossier"
    );
    assert!(
        contains(&image, "die blijft staan"),
        "the other dossier's note is still there (the search works on the same image)"
    );
    let store = v.store();
    assert!(
        matches!(store.dossier(gone.id), Err(StoreError::NotFound { .. })),
        "the dossier is gone"
    );
    let left: i64 = store
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM conversations WHERE dossier_id = ?1)
                  + (SELECT count(*) FROM dossier_categories WHERE dossier_id = ?1)
                  + (SELECT count(*) FROM dossier_actions WHERE dossier_id = ?1)",
            [gone.id],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(
        left, 0,
        "conversations, categories and actions went with it"
    );
    let found = store
        .dossiers(&DossierFilter {
            search: Some(word.clone()),
            ..DossierFilter::default()
        })
        .expect("search");
    assert!(found.is_empty(), "the search index no longer finds it");
    assert_eq!(
        store
            .dossiers(&DossierFilter {
                search: Some("blijft".into()),
                ..DossierFilter::default()
            })
            .expect("search")
            .len(),
        1,
        "the rebuilt index still finds the other dossier"
    );
    assert_eq!(
        store.dossier(kept.id).expect("kept").conversations.len(),
        2,
        "the other dossier keeps its conversations"
    );

    let log = store.destruction_log().expect("log");
    assert_eq!(log.len(), 1, "one entry");
    let entry = &log[0];
    assert_eq!(entry.number, gone.number, "the log keeps the number");
    assert_eq!(
        entry.organisation_name, "Bakkerij De Korenschoof",
        "and the organisation"
    );
    assert_eq!(entry.closed_on, Some(day("2026-03-31")), "and the dates");
    assert_eq!(
        entry.overridden,
        [DestructionBlock::NotReported],
        "and what the advisor overrode"
    );
    let json = serde_json::to_string(&log).expect("json");
    assert!(!json.contains(&word), "never the content");

    // Backups beside the vault still hold it until purged; the copy elsewhere is listed.
    let copies = v.destroyed_copies().expect("copies");
    assert!(
        copies.backups > 0,
        "the backups before the destruction hold it"
    );
    assert_eq!(
        copies.until,
        Some(day("2026-11-30") + chrono::Days::new(14)),
        "they are pruned by the day rule after 14 days"
    );
    assert_eq!(copies.copies_elsewhere.len(), 1, "the USB copy is listed");
    let held = kluis::vault::backup::list(&path);
    assert!(
        held.iter()
            .any(|b| contains(&decrypted_image(&b.path, &key), &word)),
        "sanity: some backup really holds the note"
    );
    let removed = v.purge_destroyed_from_backups(clock()).expect("purge");
    assert!(
        removed >= copies.backups as usize,
        "every holding backup is removed"
    );
    for b in kluis::vault::backup::list(&path) {
        assert!(
            !contains(&decrypted_image(&b.path, &key), &word),
            "no remaining backup holds the destroyed note"
        );
    }
    assert!(
        contains(&decrypted_image(&copy, &key), &word),
        "a copy elsewhere is the advisor's to wipe (which is why it is listed)"
    );
}

#[test]
fn the_published_report_of_the_period_is_byte_identical_after_destruction() {
    let mut store = small_demo();
    let org = busiest(&store);
    let req = report_request(&[org.id], "2025");
    let prepared = prepare(&store, &req).expect("2025 builds");
    assert!(prepared.document.model.audit_passed, "publishable");
    record(&mut store, &prepared, clock()).expect("published");
    let files = |store: &Store, period: &str| {
        let p = prepare(store, &report_request(&[org.id], period)).expect("builds");
        (
            render(&p.document.model, CsvDialect::Standard, Lang::Nl).expect("csv"),
            render_pdf(&p.document).expect("pdf"),
        )
    };
    let before = files(&store, "2025");
    let next_before = files(&store, "2026");
    assert_eq!(
        files(&store, "2025"),
        before,
        "sanity: the same request gives the same bytes"
    );

    let today = clock().today;
    let candidates: Vec<String> = store
        .dossiers(&DossierFilter {
            organisation_id: Some(org.id),
            year: Some(2025),
            ..DossierFilter::default()
        })
        .expect("list")
        .into_iter()
        .map(|d| d.number)
        .collect();
    let plan = store.destruction_plan(&candidates, today).expect("plan");
    let due: Vec<String> = plan
        .items
        .iter()
        .filter(|i| i.blocks.is_empty())
        .map(|i| i.number.clone())
        .take(5)
        .collect();
    assert!(
        due.len() >= 2,
        "the published 2025 has closed, reported, due dossiers to destroy"
    );
    assert!(
        plan.items
            .iter()
            .filter(|i| due.contains(&i.number))
            .all(|i| i
                .report_key
                .as_deref()
                .is_some_and(|k| k.starts_with("2025"))),
        "each names the 2025 report that counted it"
    );
    let refs: Vec<&str> = due.iter().map(String::as_str).collect();
    store
        .destroy_dossiers(&request(&refs, "", false), clock())
        .expect("reported, due dossiers are destroyed without an override");
    assert!(
        store.dossier_by_number(&due[0]).is_err(),
        "they are really gone"
    );
    let after = files(&store, "2025");
    assert!(
        after.0 == before.0,
        "the 2025 CSV is byte-identical after destruction"
    );
    assert!(
        after.1 == before.1,
        "the 2025 PDF is byte-identical after destruction"
    );
    assert!(
        files(&store, "2026") == next_before,
        "the next year's report, which compares with 2025, is unchanged too"
    );
    let log = store.destruction_log().expect("log");
    assert!(
        log.iter()
            .all(|e| e.report_key.starts_with("2025") && e.overridden.is_empty()),
        "the log names the report and no override"
    );
}

fn held_and_open_store() -> (Store, Dossier, Dossier, Dossier) {
    let mut store = Store::create_empty(clock()).expect("store");
    let org = store
        .add_organisation(
            &OrganisationInput {
                name: "Gemeente Testdorp".into(),
                employee_count: 120,
                arrangement: Arrangement::Maatwerk,
                contact_label: String::new(),
            },
            clock(),
        )
        .expect("org")
        .id;
    let mut make = |notes: &str| {
        let mut input = DossierInput::new(org, ContactType::Consult, day("2026-01-05"));
        input.notes = notes.into();
        store.add_dossier(&input, clock()).expect("dossier")
    };
    let (a, b, c) = (make("a"), make("b"), make("c"));
    close(&mut store, a.id, "2026-02-01", Some("2026-03-01"));
    close(&mut store, b.id, "2026-02-01", Some("2026-03-01"));
    let mut held = DossierInput::from(&store.dossier(b.id).expect("b"));
    held.legal_hold = true;
    held.legal_hold_reason = "Procedure bij de klachtencommissie".into();
    let b = store.update_dossier(b.id, &held, clock()).expect("hold");
    let a = store.dossier(a.id).expect("a");
    (store, a, b, c)
}

#[test]
fn a_dossier_under_legal_hold_or_still_open_cannot_be_destroyed_even_with_an_override() {
    let (mut store, free, held, open) = held_and_open_store();
    let e = store
        .destroy_dossiers(
            &request(&[&free.number, &held.number], "opruimen", true),
            clock(),
        )
        .expect_err("a batch with a held dossier is refused");
    assert_eq!(
        e.error_code(),
        ErrorCode::LegalHold,
        "the code says legal hold"
    );
    assert!(
        store.dossier(free.id).is_ok() && store.dossier(held.id).is_ok(),
        "all or nothing: the free dossier of the batch stays too"
    );
    assert!(
        store.destruction_log().expect("log").is_empty(),
        "nothing logged"
    );
    let e = store
        .destroy_dossiers(&request(&[&open.number], "opruimen", true), clock())
        .expect_err("an open dossier is refused");
    assert_eq!(e.error_code(), ErrorCode::DossierOpen, "the code says open");
    for lang in [Lang::Nl, Lang::En] {
        let m = e.error_message(lang);
        assert!(
            !m.contains(&open.number),
            "the message names no dossier: {m}"
        );
    }
}

#[test]
fn not_reported_needs_an_override_with_a_reason_and_the_log_keeps_it() {
    let (mut store, free, _, _) = held_and_open_store();
    let e = store
        .destroy_dossiers(&request(&[&free.number], "", false), clock())
        .expect_err("unreported without override");
    assert_eq!(
        e.error_code(),
        ErrorCode::NotReported,
        "the code says not reported"
    );
    let e = store
        .destroy_dossiers(&request(&[&free.number], "  ", true), clock())
        .expect_err("an override without a reason");
    assert!(
        e.validation()
            .is_some_and(|v| v.has("reason", ValidationCode::Required)),
        "an override needs a reason"
    );
    store
        .destroy_dossiers(
            &request(
                &[&free.number],
                "Organisatie heeft het contract beëindigd",
                true,
            ),
            clock(),
        )
        .expect("with a reason it goes");
    let log = store.destruction_log().expect("log");
    assert_eq!(
        log[0].reason, "Organisatie heeft het contract beëindigd",
        "reason kept"
    );
    assert_eq!(log[0].report_key, "", "no report counted it");
}

#[test]
fn an_organisation_can_have_its_own_retention_term() {
    let (mut store, _, _, open) = held_and_open_store();
    let org = open.organisation_id;
    assert_eq!(
        store.retention_months_for(org).expect("months"),
        12,
        "the default"
    );
    store
        .set_organisation_retention(org, Some(1), clock())
        .expect("own term");
    let d = close(&mut store, open.id, "2026-01-31", None);
    assert_eq!(
        d.destroy_by,
        Some(day("2026-02-28")),
        "closed 31 January + 1 month is 28 February"
    );
    let rule = store.retention_rule().expect("rule");
    assert_eq!(
        rule.organisations.len(),
        1,
        "one organisation with its own term"
    );
    assert!(
        store
            .set_organisation_retention(org, Some(0), clock())
            .is_err(),
        "0 months is refused"
    );
    store
        .set_organisation_retention(org, None, clock())
        .expect("back to the default");
    assert_eq!(
        store.retention_months_for(org).expect("months"),
        12,
        "follows the vault"
    );
    store.set_default_retention(24).expect("vault term");
    assert_eq!(
        store.retention_months_for(org).expect("months"),
        24,
        "the new default"
    );
}
