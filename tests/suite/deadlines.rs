//! Deadlines ("termijnen") and the breach register in the store: the Wbk chain from
//! confirmation to feedback, one extension only, the Wbk only where it applies, the overview's
//! panel and the dossier list's filter, deadlines that go with a destroyed dossier, breaches
//! due in 72 hours, and a demo with deadlines that stays deterministic. The clock is
//! 30 November 2026.

use super::util::*;
use kluis::error::{Coded, ErrorCode};
use kluis::model::*;
use kluis::store::{Store, StoreError};

fn store_with_dossier(kind: ContactType, opened: &str) -> (Store, Dossier) {
    let mut store = Store::create_empty(clock()).expect("store");
    let org = store
        .add_organisation(
            &OrganisationInput {
                name: "Stichting Termijnproef".into(),
                employee_count: 120,
                arrangement: Arrangement::Maatwerk,
                contact_label: String::new(),
            },
            clock(),
        )
        .expect("organisation");
    let d = store
        .add_dossier(&DossierInput::new(org.id, kind, day(opened)), clock())
        .expect("dossier");
    (store, d)
}

fn input(kind: DeadlineKind, from: &str) -> DeadlineInput {
    DeadlineInput {
        kind,
        starts_on: day(from),
        due_on: None,
        label: String::new(),
    }
}

fn follow_up(due: &str, label: &str) -> DeadlineInput {
    DeadlineInput {
        kind: DeadlineKind::Vervolg,
        starts_on: day("2026-11-01"),
        due_on: Some(day(due)),
        label: label.into(),
    }
}

fn code(e: StoreError) -> ErrorCode {
    e.error_code()
}

#[test]
fn the_wbk_chain_runs_from_receipt_to_feedback_and_extends_once() {
    let (mut store, d) = store_with_dossier(ContactType::VermoedenMisstand, "2026-11-20");
    let confirm = store
        .add_deadline(
            d.id,
            &input(DeadlineKind::WbkBevestiging, "2026-11-24"),
            clock(),
        )
        .expect("a Wbk term on a suspected wrongdoing");
    assert_eq!(
        confirm.due_on,
        day("2026-12-01"),
        "received 24 November: confirm within 7 days"
    );
    let after = store
        .complete_deadline(confirm.id, day("2026-11-30"), clock())
        .expect("confirmed");
    let feedback = after
        .iter()
        .find(|x| x.kind == DeadlineKind::WbkTerugkoppeling)
        .expect("confirming starts the feedback term");
    assert_eq!(
        feedback.due_on,
        day("2027-02-28"),
        "3 calendar months from 30 November, clamped to the end of February"
    );
    assert_eq!(
        after.len(),
        2,
        "the confirmation stays, done, beside the new term"
    );
    assert_eq!(
        code(
            store
                .complete_deadline(confirm.id, day("2026-11-30"), clock())
                .expect_err("twice")
        ),
        ErrorCode::DeadlineDone,
        "a done term is not done again (and no second feedback term is made)"
    );
    assert_eq!(
        code(
            store
                .extend_deadline(confirm.id, "Drukte", clock())
                .expect_err("done")
        ),
        ErrorCode::DeadlineDone,
        "nor extended"
    );
    let e = store
        .extend_deadline(feedback.id, " ", clock())
        .expect_err("a reason is required");
    assert!(
        e.validation()
            .is_some_and(|v| v.has("reason", ValidationCode::Required)),
        "an extension needs its reason"
    );
    let extended = store
        .extend_deadline(feedback.id, "Onderzoek loopt nog", clock())
        .expect("extended once");
    assert_eq!(
        extended.due_on,
        day("2027-05-30"),
        "3 + 3 months from 30 November is 30 May, counted from the start"
    );
    assert_eq!(
        extended.original_due_on,
        day("2027-02-28"),
        "the original date is kept"
    );
    assert_eq!(extended.extended_on, Some(day("2026-11-30")));
    let again = store
        .extend_deadline(feedback.id, "Nog meer tijd", clock())
        .expect_err("once only");
    assert_eq!(
        code(again),
        ErrorCode::AlreadyExtended,
        "the law allows one extension"
    );
    assert_eq!(
        store
            .deadline(feedback.id, day("2026-11-30"))
            .expect("read")
            .due_on,
        day("2027-05-30"),
        "a refused second extension changed nothing"
    );
}

#[test]
fn wbk_terms_only_on_wrongdoing_and_integrity_and_the_confirmation_is_not_extendable() {
    let (mut store, consult) = store_with_dossier(ContactType::Consult, "2026-11-02");
    let e = store
        .add_deadline(
            consult.id,
            &input(DeadlineKind::WbkBevestiging, "2026-11-25"),
            clock(),
        )
        .expect_err("not on a consult");
    assert_eq!(code(e), ErrorCode::WbkNotApplicable);
    let access = store
        .add_deadline(
            consult.id,
            &input(DeadlineKind::Inzageverzoek, "2026-10-31"),
            clock(),
        )
        .expect("an access request on any dossier");
    assert_eq!(
        access.due_on,
        day("2026-11-30"),
        "31 October + 1 month = 30 November"
    );
    assert_eq!(
        store
            .extend_deadline(access.id, "Omvangrijk dossier", clock())
            .expect("extended")
            .due_on,
        day("2027-01-31"),
        "1 + 2 months from 31 October = 31 January"
    );

    let (mut store, integrity) = store_with_dossier(ContactType::MeldingIntegriteit, "2026-11-02");
    let confirm = store
        .add_deadline(
            integrity.id,
            &input(DeadlineKind::WbkBevestiging, "2026-11-25"),
            clock(),
        )
        .expect("an integrity report passed on for the reporter");
    assert_eq!(
        code(
            store
                .extend_deadline(confirm.id, "Vakantie", clock())
                .expect_err("7 days are 7 days")
        ),
        ErrorCode::NotExtendable
    );
    let e = store
        .add_deadline(
            integrity.id,
            &input(DeadlineKind::Inzageverzoek, "2026-12-01"),
            clock(),
        )
        .expect_err("tomorrow");
    assert!(
        e.validation()
            .is_some_and(|v| v.has("starts_on", ValidationCode::InFuture)),
        "a request cannot have been received tomorrow"
    );
}

#[test]
fn the_overview_colours_deadlines_and_the_list_filters_on_them() {
    let (mut store, d) = store_with_dossier(ContactType::MeldingOmgangsvormen, "2026-10-01");
    let late = store
        .add_deadline(d.id, &follow_up("2026-11-27", "Bel terug"), clock())
        .expect("a follow-up may lie in the past");
    store
        .add_deadline(d.id, &follow_up("2026-12-03", "Evaluatiegesprek"), clock())
        .expect("in 3 days");
    store
        .add_deadline(d.id, &follow_up("2026-12-20", "Nabellen"), clock())
        .expect("in 20 days");
    let other = store
        .add_dossier(
            &DossierInput::new(d.organisation_id, ContactType::Consult, day("2026-11-02")),
            clock(),
        )
        .expect("a dossier without deadlines");

    let overview = store.overview(day("2026-11-30")).expect("overview");
    let shown: Vec<(&str, DeadlineUrgency)> = overview
        .deadlines
        .iter()
        .map(|s| (s.deadline.label.as_str(), s.urgency))
        .collect();
    assert_eq!(
        shown,
        [
            ("Bel terug", DeadlineUrgency::Verlopen),
            ("Evaluatiegesprek", DeadlineUrgency::Binnenkort)
        ],
        "overdue (red) first, then due within 3 days (amber); 20 days ahead is not shown"
    );
    assert_eq!(overview.deadlines[0].number, d.number, "with its dossier");

    let filter = |by: &str| DossierFilter {
        deadline_due_by: Some(day(by)),
        ..Default::default()
    };
    let listed = store.dossiers(&filter("2026-12-03")).expect("list");
    assert_eq!(
        listed.iter().map(|x| x.id).collect::<Vec<_>>(),
        [d.id],
        "only the dossier with a deadline due by then"
    );
    assert!(
        !listed.iter().any(|x| x.id == other.id),
        "the other has none"
    );
    store
        .complete_deadline(late.id, day("2026-11-29"), clock())
        .expect("done");
    store
        .delete_deadline(
            store.deadlines(d.id, day("2026-11-30")).expect("list")[0].id, // the one due 3 December
        )
        .expect("removed");
    assert!(
        store
            .dossiers(&filter("2026-12-03"))
            .expect("list")
            .is_empty(),
        "done and removed deadlines no longer match"
    );
    assert!(
        store
            .overview(day("2026-11-30"))
            .expect("overview")
            .deadlines
            .is_empty(),
        "and leave the panel"
    );
    assert_eq!(
        store
            .deadlines(d.id, day("2026-11-30"))
            .expect("list")
            .len(),
        2,
        "the done one and the one in 20 days are still on the dossier"
    );
}

#[test]
fn a_destroyed_dossier_takes_its_deadlines_with_it() {
    let (mut store, d) = store_with_dossier(ContactType::MeldingOmgangsvormen, "2026-01-05");
    let x = store
        .add_deadline(
            d.id,
            &follow_up("2026-11-27", "qqtermijn Bel terug"),
            clock(),
        )
        .expect("follow-up");
    store
        .close_dossier(
            d.id,
            &CloseInput {
                closed_on: day("2026-02-01"),
                outcome: Outcome::GeenVervolg,
                destroy_by: Some(day("2026-03-01")),
            },
            clock(),
        )
        .expect("closed");
    store
        .destroy_dossiers(
            &DestroyRequest {
                numbers: vec![d.number.clone()],
                reason: "Test".into(),
                override_blocks: true,
            },
            clock(),
        )
        .expect("destroyed");
    assert!(
        matches!(
            store.deadline(x.id, day("2026-11-30")),
            Err(StoreError::NotFound { what: "deadline" })
        ),
        "the deadline went with its dossier"
    );
    assert!(
        store
            .upcoming_deadlines(day("2026-11-30"))
            .expect("list")
            .is_empty(),
        "and left the panel"
    );
    let image = store.image().expect("image").to_vec();
    assert!(
        !image.windows(9).any(|w| w == b"qqtermijn"),
        "no byte of its label stays in the database image"
    );
}

#[test]
fn a_breach_is_due_in_72_hours_and_leaves_the_panel_when_handled() {
    let mut store = Store::create_empty(clock()).expect("store");
    let mut input = BreachInput {
        what: "Laptoptas met uitgeprinte agenda kwijt".into(),
        discovered_at: "2026-11-28T15:00:00".parse().expect("time"),
        informed: String::new(),
        decision: String::new(),
        handled_on: None,
    };
    let b = store.add_breach(&input, clock()).expect("registered");
    assert_eq!(
        b.report_by,
        "2026-12-01T15:00:00".parse().expect("time"),
        "72 hours after its discovery"
    );
    assert_eq!(
        b.urgency,
        DeadlineUrgency::Binnenkort,
        "due tomorrow: amber"
    );
    let overview = store.overview(day("2026-11-30")).expect("overview");
    assert_eq!(overview.breaches.len(), 1, "an open breach is on the panel");
    assert_eq!(
        store
            .overview(day("2026-12-02"))
            .expect("overview")
            .breaches[0]
            .urgency,
        DeadlineUrgency::Verlopen,
        "and red once its day has passed"
    );
    input.handled_on = Some(day("2026-11-30"));
    let e = store
        .update_breach(b.id, &input, clock())
        .expect_err("no decision");
    assert!(
        e.validation()
            .is_some_and(|v| v.has("decision", ValidationCode::Required)),
        "handling records the decision"
    );
    input.decision = "Gemeld bij de AP; geen gevoelige gegevens in de agenda".into();
    input.informed = "Autoriteit Persoonsgegevens".into();
    let handled = store.update_breach(b.id, &input, clock()).expect("handled");
    assert_eq!(handled.urgency, DeadlineUrgency::Afgerond);
    assert!(
        store
            .overview(day("2026-11-30"))
            .expect("overview")
            .breaches
            .is_empty(),
        "a handled breach leaves the panel"
    );
    assert_eq!(
        store
            .breaches(day("2026-11-30"), false)
            .expect("register")
            .len(),
        1,
        "and stays in the register"
    );
}

#[test]
fn the_demo_has_deadlines_for_the_panel_and_the_same_seed_gives_the_same_ones() {
    let a = small_demo();
    let b = small_demo();
    let today = day("2026-11-30");
    let all = |s: &Store| s.open_deadlines(today, None).expect("deadlines");
    let (da, db) = (all(&a), all(&b));
    assert!(!da.is_empty(), "the demo's panel has content");
    assert_eq!(da, db, "the same seed gives the same deadlines");
    let panel = a.overview(today).expect("overview").deadlines;
    assert!(
        panel.iter().any(|s| s.urgency == DeadlineUrgency::Verlopen)
            && panel
                .iter()
                .any(|s| s.urgency == DeadlineUrgency::Binnenkort),
        "the demo shows red and amber deadlines: {:?}",
        panel.iter().map(|s| s.urgency).collect::<Vec<_>>()
    );
    assert!(
        da.iter()
            .all(|s| s.deadline.kind != DeadlineKind::WbkBevestiging
                || a.dossier(s.deadline.dossier_id)
                    .is_ok_and(|d| deadline::wbk_applies(d.contact_type))),
        "Wbk terms only on dossiers the Wbk covers"
    );
}
