//! A dossier's timeline: everything that happened to it in one list, oldest first, derived
//! from its own records, in the advisor's language, with no name in it, and gone with the
//! dossier.

use super::util::*;
use kluis::Lang;
use kluis::model::*;
use kluis::store::{StoreError, TimelineKind};
use kluis::vault::Vault;

#[test]
fn the_timeline_lists_a_dossiers_history_in_order_without_names_and_goes_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _) = Vault::create(&vault_path(dir.path()), &pass(), clock()).expect("vault");
    let org = add_org(&mut v, "Zorggroep De Linde", 400);
    let other = add_dossier(&mut v, org, "");
    let s = v.store_mut();
    let mut input = DossierInput::new(org, ContactType::VermoedenMisstand, day("2026-03-02"));
    input.categories = vec!["fraude_diefstal".into()];
    input.notes = "Verzonnen notitie".into();
    let d = s.add_dossier(&input, clock()).expect("dossier");
    for (held_on, minutes) in [("2026-03-02", 60), ("2026-03-16", 45)] {
        s.add_conversation(
            d.id,
            &ConversationInput {
                held_on: day(held_on),
                minutes,
                mode: ConversationMode::Persoonlijk,
            },
            clock(),
        )
        .expect("conversation");
    }
    s.add_party(
        d.id,
        &PartyInput {
            role: PartyRole::Beschuldigde,
            name: "Piet Verzonnen".into(),
            function: "teamleider".into(),
        },
        kluis::Clock::at(day("2026-03-10")),
    )
    .expect("party");
    s.add_link(
        d.id,
        &other.number,
        LinkKind::ZelfdeIncident,
        kluis::Clock::at(day("2026-03-11")),
    )
    .expect("link");
    let deadline = s
        .add_deadline(
            d.id,
            &DeadlineInput {
                kind: DeadlineKind::WbkTerugkoppeling,
                starts_on: day("2026-03-02"),
                due_on: None,
                label: String::new(),
            },
            clock(),
        )
        .expect("deadline");
    s.extend_deadline(
        deadline.id,
        "Onderzoek loopt nog (verzonnen)",
        kluis::Clock::at(day("2026-04-20")),
    )
    .expect("extended");
    s.complete_deadline(deadline.id, day("2026-05-04"), clock())
        .expect("met");
    s.close_dossier(
        d.id,
        &CloseInput {
            closed_on: day("2026-06-01"),
            outcome: Outcome::InformeelOpgelost,
            destroy_by: Some(day("2026-07-01")),
        },
        clock(),
    )
    .expect("closed");

    let events = v.store().timeline(d.id, Lang::Nl).expect("timeline");
    let kinds: Vec<TimelineKind> = events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds.first(),
        Some(&TimelineKind::Opened),
        "opening first: {events:#?}"
    );
    assert_eq!(kinds.last(), Some(&TimelineKind::Closed), "closing last");
    for kind in [
        TimelineKind::Consent,
        TimelineKind::Conversation,
        TimelineKind::PartyAdded,
        TimelineKind::Linked,
        TimelineKind::DeadlineSet,
        TimelineKind::DeadlineExtended,
        TimelineKind::DeadlineMet,
    ] {
        assert!(
            kinds.contains(&kind),
            "{kind:?} is in the history: {events:#?}"
        );
    }
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == TimelineKind::Conversation)
            .count(),
        2,
        "each conversation"
    );
    assert!(
        events.windows(2).all(|w| w[0].on <= w[1].on),
        "oldest first: {events:#?}"
    );
    let text: Vec<&str> = events.iter().map(|e| e.text.as_str()).collect();
    assert!(text.contains(&"Gesprek (persoonlijk, 60 min)"), "{text:#?}");
    assert!(
        text.contains(&"Betrokkene toegevoegd: beschuldigde"),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("Gekoppeld aan ") && t.contains(&other.number)),
        "the linked dossier by number: {text:#?}"
    );
    let all = text.join("\n");
    for secret in ["Piet", "Verzonnen", "teamleider", "Onderzoek loopt"] {
        assert!(
            !all.contains(secret),
            "no name, function or note in the timeline ({secret})"
        );
    }
    let english = v.store().timeline(d.id, Lang::En).expect("timeline");
    assert!(
        english[0].text.starts_with("Case file opened ("),
        "in the advisor's language: {:?}",
        english[0].text
    );
    assert!(
        v.store()
            .timeline(other.id, Lang::Nl)
            .unwrap()
            .iter()
            .any(|e| e.kind == TimelineKind::Linked && e.text.contains(&d.number)),
        "a link shows on both dossiers"
    );

    v.store_mut()
        .destroy_dossiers(
            &DestroyRequest {
                numbers: vec![d.number.clone()],
                reason: "Bewaartermijn verstreken".into(),
                override_blocks: true,
            },
            clock(),
        )
        .expect("destroyed");
    assert!(
        matches!(
            v.store().timeline(d.id, Lang::Nl),
            Err(StoreError::NotFound { .. })
        ),
        "the history went with the dossier"
    );
    assert!(
        !v.store()
            .timeline(other.id, Lang::Nl)
            .unwrap()
            .iter()
            .any(|e| e.kind == TimelineKind::Linked),
        "and its link from the other dossier's history"
    );
}
