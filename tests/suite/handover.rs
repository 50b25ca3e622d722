//! Handing a caseload over: three dossiers of vault A go to vault B through a file encrypted
//! to B's receiving key, with their notes and parties as chosen and without their documents;
//! B's decrypted image holds them and nothing else of A; a number B already uses gets the
//! `OV-` prefix; A records them as handed over and logs the file by the key's fingerprint; a
//! third vault cannot read the file; a deputy copy stops opening after its end date.

use super::destruction::{contains, decrypted_image, unique_word};
use super::util::*;
use kluis::Lang;
use kluis::error::{Coded, ErrorCode};
use kluis::handover::package::HandoverOptions;
use kluis::handover::{HandoverError, HandoverTo, check_deputy, export, import, receive_key};
use kluis::model::*;
use kluis::store::AdvisorDetails;
use kluis::vault::Vault;
use secrecy::SecretString;

fn named_advisor(v: &mut Vault, name: &str) {
    v.store_mut()
        .set_advisor_details(&AdvisorDetails {
            name: name.into(),
            ..AdvisorDetails::default()
        })
        .expect("details");
}

#[test]
fn a_handover_moves_three_dossiers_to_the_receiving_vault_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path_a, path_b) = (dir.path().join("a.kluis"), dir.path().join("b.kluis"));
    let (mut a, _) = Vault::create(&path_a, &pass(), clock()).expect("vault A");
    let (mut b, key_b) = Vault::create(&path_b, &pass(), clock()).expect("vault B");
    named_advisor(&mut a, "A. Verzonnen");
    let org = add_org(&mut a, "Stichting Overdracht", 120);
    let other_org = add_org(&mut a, "Blijft Bij A BV", 30);
    let words: Vec<String> = (0..3).map(|_| unique_word()).collect();
    let moved: Vec<Dossier> = words
        .iter()
        .map(|w| add_dossier(&mut a, org, &format!("Verzonnen notitie {w}")))
        .collect();
    let stays_word = unique_word();
    let stays = add_dossier(
        &mut a,
        other_org,
        &format!("Notitie die blijft {stays_word}"),
    );
    let party = format!("Jan {}", unique_word());
    a.store_mut()
        .add_party(
            moved[0].id,
            &PartyInput {
                role: PartyRole::Melder,
                name: party.clone(),
                function: String::new(),
            },
            clock(),
        )
        .expect("party");
    let doc_word = unique_word();
    a.store_mut()
        .add_document(moved[1].id, "verslag.txt", doc_word.as_bytes(), clock())
        .expect("document");
    a.save(clock()).expect("save A");

    // B already has a dossier with the first number.
    let b_org = add_org(&mut b, "stichting overdracht", 120);
    let own = add_dossier(&mut b, b_org, "B's eigen dossier");
    assert_eq!(
        own.number, moved[0].number,
        "sanity: the same number in both vaults"
    );
    let key = receive_key(&mut b, clock()).expect("B's receiving key");
    assert!(
        key.recipient.starts_with("age1"),
        "an age recipient: {}",
        key.recipient
    );
    assert_eq!(
        receive_key(&mut b, clock()).expect("again"),
        key,
        "the key is made once and kept"
    );
    assert_eq!(
        key.fingerprint.len(),
        19,
        "four groups of four: {}",
        key.fingerprint
    );

    let numbers: Vec<String> = moved.iter().map(|d| d.number.clone()).collect();
    let file = dir.path().join("overdracht.age");
    let written = export(
        &mut a,
        &numbers,
        &HandoverOptions {
            notes: true,
            parties: true,
            documents: false,
            deputy_until: None,
        },
        &HandoverTo::Key(key.recipient.clone()),
        &file,
        Lang::Nl,
        clock(),
    )
    .expect("handover file written");
    assert_eq!(written.dossiers, numbers);
    assert_eq!(written.recipient, key.fingerprint, "made for B's key");
    let sealed = std::fs::read(&file).expect("file");
    assert!(
        !contains(&sealed, &words[0]) && !contains(&sealed, &party),
        "the file is encrypted"
    );
    for d in &moved {
        assert_eq!(
            a.store().handed_over_on(d.id).expect("read"),
            Some(clock().today),
            "A records each dossier as handed over"
        );
    }
    assert_eq!(a.store().handed_over_on(stays.id).expect("read"), None);
    let plan = a
        .store()
        .destruction_plan(&numbers, clock().today)
        .expect("plan");
    assert!(
        plan.items.iter().all(|i| i.blocks.is_empty()),
        "handed over, the open dossiers may be destroyed at A without an override: {:?}",
        plan.items.iter().map(|i| &i.blocks).collect::<Vec<_>>()
    );
    let stays_plan = a
        .store()
        .destruction_plan(std::slice::from_ref(&stays.number), clock().today)
        .expect("plan");
    assert!(
        stays_plan.items[0]
            .blocks
            .contains(&DestructionBlock::StillOpen),
        "a dossier that was not handed over stays protected while open"
    );
    let log = a.store().export_log().expect("log");
    assert_eq!(
        (log[0].kind.as_str(), log[0].recipient.as_str()),
        ("overdracht", key.fingerprint.as_str()),
        "logged by the key's fingerprint"
    );

    // A third vault cannot read it; garbage is no handover.
    let (mut c, _) = Vault::create(&dir.path().join("c.kluis"), &pass(), clock()).expect("vault C");
    let refused = import(&mut c, &sealed, None, clock()).expect_err("not for C");
    assert!(matches!(refused, HandoverError::NotForYou), "{refused:?}");
    assert_eq!(refused.error_code(), ErrorCode::HandoverNotForYou);
    let garbage = import(&mut c, b"geen overdracht", None, clock()).expect_err("garbage");
    assert_eq!(garbage.error_code(), ErrorCode::NotAHandover);
    assert!(
        c.store()
            .dossiers(&DossierFilter::default())
            .expect("list")
            .is_empty(),
        "nothing was added to C"
    );

    let got = import(&mut b, &sealed, None, clock()).expect("imported into B");
    assert_eq!(
        got.dossiers,
        vec![
            (numbers[0].clone(), format!("OV-{}", numbers[0])),
            (numbers[1].clone(), numbers[1].clone()),
            (numbers[2].clone(), numbers[2].clone()),
        ],
        "numbers kept, the taken one prefixed"
    );
    assert!(
        got.organisations_created.is_empty(),
        "the organisation is matched by name, whatever its case"
    );
    assert_eq!(got.from, "A. Verzonnen");
    let first = b
        .store()
        .dossier_by_number(&format!("OV-{}", numbers[0]))
        .expect("received");
    assert_eq!(first.organisation_id, b_org, "in B's own organisation");
    assert_eq!(
        first.conversations.len(),
        moved[0].conversations.len(),
        "its conversations came along"
    );
    let received = b
        .store()
        .received(first.id)
        .expect("read")
        .expect("received");
    assert_eq!(
        (received.from.as_str(), received.original_number.as_str()),
        ("A. Verzonnen", numbers[0].as_str()),
        "B knows from whom and under which number"
    );
    let history = b.store().timeline(first.id, Lang::Nl).expect("timeline");
    assert!(
        history
            .iter()
            .any(|e| e.text == format!("Overgedragen door A. Verzonnen (daar {})", numbers[0])),
        "B's timeline says from whom: {history:?}"
    );
    assert_eq!(
        b.store().parties(first.id).expect("parties")[0].name,
        party,
        "the parties, as chosen"
    );

    let image = decrypted_image(&path_b, &key_b);
    for w in &words {
        assert!(contains(&image, w), "the chosen notes are in B's vault");
    }
    assert!(contains(&image, &party), "and the party");
    assert!(
        !contains(&image, &stays_word),
        "the dossier that was not chosen never reached B"
    );
    assert!(
        !contains(&image, &doc_word),
        "nor the documents, which were not chosen"
    );
    assert!(
        !contains(&image, "Blijft Bij A BV"),
        "nor the other organisation"
    );
}

#[test]
fn a_deputy_copy_sealed_with_a_passphrase_stops_opening_after_its_end_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut a, _) = Vault::create(&dir.path().join("a.kluis"), &pass(), clock()).expect("A");
    let (mut b, _) = Vault::create(&dir.path().join("b.kluis"), &pass(), clock()).expect("B");
    let org = add_org(&mut a, "Stichting Waarneming", 50);
    let d = add_dossier(&mut a, org, "");
    let until = day("2026-12-14");
    let file = dir.path().join("waarneming.age");
    let once = SecretString::from("zeven groene olifanten dansen op het ijs".to_owned());
    export(
        &mut a,
        std::slice::from_ref(&d.number),
        &HandoverOptions {
            deputy_until: Some(until),
            ..HandoverOptions::default()
        },
        &HandoverTo::Passphrase(once.clone()),
        &file,
        Lang::Nl,
        clock(),
    )
    .expect("deputy copy");
    let sealed = std::fs::read(&file).expect("file");
    let wrong = SecretString::from("een heel andere lange wachtwoordzin hier".to_owned());
    assert_eq!(
        import(&mut b, &sealed, Some(&wrong), clock())
            .expect_err("wrong passphrase")
            .error_code(),
        ErrorCode::HandoverNotForYou
    );
    let got = import(&mut b, &sealed, Some(&once), clock()).expect("imported");
    assert_eq!(got.deputy_until, Some(until));
    let copy = b.store().dossier_by_number(&d.number).expect("there");
    assert!(
        check_deputy(b.store(), copy.id, until).is_ok(),
        "it opens up to and including its last day"
    );
    let later = until.succ_opt().expect("date");
    let refused = check_deputy(b.store(), copy.id, later).expect_err("expired");
    assert_eq!(refused.error_code(), ErrorCode::DeputyExpired);
    assert_eq!(
        b.store().expired_deputy_copies(later).expect("list"),
        vec![d.number.clone()],
        "and is offered for destruction"
    );
    let due = b
        .store()
        .dossiers(&DossierFilter {
            overdue_on: Some(later),
            ..DossierFilter::default()
        })
        .expect("overdue list");
    assert_eq!(
        due.iter().map(|x| x.number.as_str()).collect::<Vec<_>>(),
        [d.number.as_str()],
        "the overdue list shows it"
    );
    let plan = b
        .store()
        .destruction_plan(std::slice::from_ref(&d.number), later)
        .expect("plan");
    assert!(
        plan.items[0].blocks.is_empty() && !plan.refused,
        "open and unreported, an expired deputy copy may be destroyed: {:?}",
        plan.items[0].blocks
    );
    b.store_mut()
        .destroy_dossiers(
            &DestroyRequest {
                numbers: vec![d.number.clone()],
                reason: "Waarneming afgelopen".into(),
                override_blocks: false,
            },
            kluis::Clock::at(later),
        )
        .expect("destroyed without an override");
    assert!(b.store().dossier_by_number(&d.number).is_err(), "gone");
}
