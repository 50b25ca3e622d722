//! Parties (betrokkenen) through a real vault: the conflict check across organisations and
//! its decision survive a save and a reopen; links show on both dossiers; the access export
//! names only the subject's own entry (AVG art. 15(4)) and lists everyone else by role; a
//! report never holds a party's name. Every name here is invented.

use super::util::*;
use kluis::Lang;
use kluis::model::*;
use kluis::vault::Vault;

fn party(role: PartyRole, name: &str, function: &str) -> PartyInput {
    PartyInput {
        role,
        name: name.into(),
        function: function.into(),
    }
}

#[test]
fn a_conflict_decision_is_kept_with_the_dossier_across_a_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, _key) = Vault::create(&path, &pass(), clock()).expect("vault");
    let one = add_org(&mut v, "Verzonnen Zorg BV", 60);
    let other = add_org(&mut v, "Fictieve Logistiek NV", 80);
    let earlier = add_dossier(&mut v, other, "");
    let now = add_dossier(&mut v, one, "");
    v.store_mut()
        .add_party(
            earlier.id,
            &party(PartyRole::Melder, "Vries, Jàn de", ""),
            clock(),
        )
        .expect("party elsewhere");
    v.store_mut()
        .add_party(
            now.id,
            &party(PartyRole::Beschuldigde, "Karel Verzinsel", "Inkoop"),
            clock(),
        )
        .expect("first party");
    v.store_mut()
        .add_party(
            now.id,
            &party(PartyRole::Getuige, "J. DE VRIES", ""),
            clock(),
        )
        .expect("second party");
    let overview = v.store().party_overview(now.id).expect("overview");
    assert!(
        overview.undecided,
        "the same person in another organisation's dossier asks for a decision"
    );
    assert_eq!(
        (
            overview.matches.len(),
            overview.matches[0].other_number.as_str(),
            overview.matches[0].other_role
        ),
        (1, earlier.number.as_str(), PartyRole::Melder),
        "shown as 'melder in <number>'"
    );
    v.store_mut()
        .decide_conflict(
            now.id,
            &ConflictDecisionInput {
                decision: ConflictDecision::Doorverwijzen,
                decided_on: day("2026-11-29"),
            },
            clock(),
        )
        .expect("decided");
    v.save(clock()).expect("save");
    drop(v);

    let v = Vault::open(&path, &unlock_pass(), clock()).expect("reopen");
    let overview = v.store().party_overview(now.id).expect("overview");
    assert!(!overview.undecided, "the decision was saved in the vault");
    assert_eq!(
        overview
            .decisions
            .iter()
            .map(|d| (d.decision, d.decided_on))
            .collect::<Vec<_>>(),
        vec![(ConflictDecision::Doorverwijzen, day("2026-11-29"))],
        "with what was decided and when"
    );
    assert_eq!(overview.parties.len(), 2, "both parties are kept");
}

#[test]
fn the_access_export_names_only_the_subjects_own_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, _key) = Vault::create(&path, &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Proefbedrijf Inzage", 50);
    let d = add_dossier(&mut v, org, "Verzonnen notitie.");
    for (role, name, function) in [
        (PartyRole::Melder, "Mila Verzonnenhuis", "Planning"),
        (PartyRole::Beschuldigde, "Bram Fictiefsma", "Teamleider"),
        (PartyRole::Getuige, "Gert Bedachtman", ""),
        (PartyRole::Getuige, "Greet Bedachtman", ""),
    ] {
        v.store_mut()
            .add_party(d.id, &party(role, name, function), clock())
            .expect("party");
    }
    let doc = kluis::access::build(v.store(), &d.number, &[], Lang::Nl, clock().today)
        .expect("access document");
    let json = serde_json::to_string(&doc).expect("json");
    let parties = doc
        .fields
        .iter()
        .find(|f| f.label == "Betrokkenen")
        .expect("a Betrokkenen field");
    assert_eq!(
        parties.value, "Melder: Mila Verzonnenhuis (Planning) (uzelf); Beschuldigde; Getuige (2)",
        "the reporter's own entry in full, the others by role and count"
    );
    for other in ["Fictiefsma", "Teamleider", "Bedachtman"] {
        assert!(
            !json.contains(other),
            "another person's name or function is not disclosed: {other}"
        );
    }

    v.store_mut()
        .set_supported_side(d.id, SupportedSide::Beschuldigde, clock())
        .expect("supports the accused");
    let doc = kluis::access::build(v.store(), &d.number, &[], Lang::En, clock().today)
        .expect("access document");
    let json = serde_json::to_string(&doc).expect("json");
    assert!(
        json.contains("Accused: Bram Fictiefsma (Teamleider) (yourself)")
            && !json.contains("Verzonnenhuis"),
        "when the advisor supports the accused, the accused is the subject and the reporter is a role: {json}"
    );
}

#[test]
fn a_link_shows_on_both_dossiers_and_goes_with_a_deleted_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let (mut v, _key) = Vault::create(&path, &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Proefbedrijf Koppeling", 50);
    let a = add_dossier(&mut v, org, "");
    let b = add_dossier(&mut v, org, "");
    let store = v.store_mut();
    store
        .add_link(a.id, &b.number, LinkKind::ZelfdeIncident, clock())
        .expect("link");
    assert_eq!(
        store.links(b.id).expect("links")[0].other_number,
        a.number,
        "shown on the other dossier, pointing back"
    );
    store
        .connection()
        .execute("DELETE FROM dossiers WHERE id = ?1", [a.id])
        .expect("a fresh dossier deletes");
    assert!(
        store.links(b.id).expect("links").is_empty(),
        "a deleted dossier takes its links along (cascade)"
    );
}

#[test]
fn a_report_never_holds_a_partys_name() {
    use kluis::report::export::prepare;
    use kluis::report::render::csv::{CsvDialect, render};
    let mut store = small_demo();
    let org = busiest(&store);
    let numbers: Vec<String> = store
        .dossiers(&DossierFilter {
            organisation_id: Some(org.id),
            year: Some(2025),
            ..DossierFilter::default()
        })
        .expect("list")
        .into_iter()
        .map(|d| d.number)
        .collect();
    for number in &numbers {
        let d = store.dossier_by_number(number).expect("dossier");
        store
            .add_party(
                d.id,
                &party(PartyRole::Melder, "Qqverzonnen Naamloos", "Qqafdeling"),
                clock(),
            )
            .expect("party");
    }
    let prepared = prepare(&store, &report_request(&[org.id], "2025")).expect("report");
    let csv = render(&prepared.document.model, CsvDialect::Standard, Lang::Nl).expect("csv");
    // The PDF's streams are compressed: check the data the template prints from instead.
    let printed = serde_json::to_vec(&prepared.document).expect("the PDF's data");
    for (what, bytes) in [("CSV", &csv[..]), ("PDF data", &printed[..])] {
        assert!(
            !bytes.windows(2).any(|w| w == b"Qq"),
            "the {what} holds no party's name or function"
        );
    }
}

#[test]
fn a_v7_vault_is_migrated_to_v8_and_takes_parties() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vault_path(dir.path());
    let key = small_vault(&path);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open");
    v.store()
        .connection()
        .execute_batch(
            "DROP TABLE documents; DROP TABLE invoice_lines; DROP TABLE invoices;
             DROP TABLE agreements;
             DROP TABLE conflict_decision_matches; DROP TABLE conflict_decisions;
             DROP TABLE dossier_links; DROP TABLE dossier_support; DROP TABLE parties;
             PRAGMA user_version = 7;",
        )
        .expect("turn the image back into schema v7");
    v.save(clock()).expect("save");
    drop(v);
    let mut v = Vault::open(&path, &unlock_key(&key), clock()).expect("open migrates to v8");
    assert_eq!(
        v.store().schema_version().expect("version"),
        kluis::store::SCHEMA_VERSION,
        "migration 0008 and every later one ran on open"
    );
    let d = v
        .store()
        .dossiers(&DossierFilter::default())
        .expect("list")
        .into_iter()
        .next()
        .expect("the small vault has a dossier");
    v.store_mut()
        .add_party(
            d.id,
            &party(PartyRole::Melder, "Verzonnen Persoon", ""),
            clock(),
        )
        .expect("the migrated vault takes parties");
    v.save(clock()).expect("save");
}

#[test]
#[ignore = "a measurement, printed: cargo test --release --test tests -- --ignored conflict_check_time"]
fn conflict_check_time_on_a_10000_dossier_vault() {
    const GIVEN: &[&str] = &[
        "Jan", "Piet", "Anna", "Sara", "Mila", "Bram", "Noor", "Daan",
    ];
    const SURNAMES: &[&str] = &["Verzonnen", "Bedacht", "Fictief", "Proef", "Naamloos"];
    let mut store = demo(12, 10_000, 2, 3);
    let ids: Vec<i64> = store
        .dossiers(&DossierFilter::default())
        .expect("list")
        .into_iter()
        .map(|d| d.id)
        .collect();
    let mut n = 0usize;
    for (i, id) in ids.iter().enumerate() {
        for k in 0..3 {
            let name = format!(
                "{} {}{}",
                GIVEN[(i + k) % GIVEN.len()],
                SURNAMES[(i * 7 + k) % SURNAMES.len()],
                i % 997
            );
            store
                .add_party(*id, &party(PartyRole::ALL[k], &name, ""), clock())
                .expect("party");
            n += 1;
        }
    }
    let start = std::time::Instant::now();
    let overview = store.party_overview(ids[0]).expect("overview");
    let elapsed = start.elapsed();
    println!(
        "conflict check of one dossier against {n} parties: {elapsed:?} ({} matches)",
        overview.matches.len()
    );
}
