//! The model through the store: validation that needs the vault, filters, search, hours.

use super::util::*;
use kluis::model::*;
use kluis::store::{Store, StoreError};

fn store() -> Store {
    Store::create_empty(clock()).expect("empty store")
}

fn org(s: &mut Store, name: &str) -> i64 {
    s.add_organisation(
        &OrganisationInput {
            name: name.into(),
            employee_count: 120,
            arrangement: Arrangement::Maatwerk,
            contact_label: "P&O".into(),
        },
        clock(),
    )
    .expect("organisation")
    .id
}

fn validation(e: StoreError) -> ValidationErrors {
    match e {
        StoreError::Validation(v) => v,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn categories_are_seeded_from_the_domain_list() {
    let s = store();
    let cats = s.categories().expect("categories");
    assert_eq!(cats.len(), 13, "12 domain categories plus overig");
    let pesten = cats
        .iter()
        .find(|c| c.code == "pesten")
        .expect("pesten exists");
    assert_eq!(pesten.label_en, "Bullying", "English label from domain.md");
    assert_eq!(
        pesten.group,
        CategoryGroup::Omgangsvormen,
        "grouped as undesirable behaviour"
    );
    assert_eq!(
        cats.iter()
            .filter(|c| c.group == CategoryGroup::Integriteit)
            .count(),
        6,
        "six integrity categories"
    );
}

#[test]
fn duplicate_organisation_names_are_refused_case_insensitively() {
    let mut s = store();
    org(&mut s, "Zorggroep De Linde");
    let e = s
        .add_organisation(
            &OrganisationInput {
                name: "zorggroep de linde".into(),
                employee_count: 10,
                arrangement: Arrangement::Collectief,
                contact_label: String::new(),
            },
            clock(),
        )
        .expect_err("duplicate");
    assert!(
        validation(e).has("name", ValidationCode::Duplicate),
        "names are unique"
    );
}

#[test]
fn dossier_needs_a_known_active_organisation_and_categories() {
    let mut s = store();
    let o = org(&mut s, "Drukkerij Meridiaan");
    let mut input = DossierInput::new(999, ContactType::Consult, day("2026-02-01"));
    input.categories = vec!["bestaat_niet".into()];
    let v = validation(
        s.add_dossier(&input, clock())
            .expect_err("unknown org and category"),
    );
    assert!(
        v.has("organisation_id", ValidationCode::UnknownOrganisation),
        "{v:?}"
    );
    assert!(
        v.has("categories", ValidationCode::UnknownCategory),
        "{v:?}"
    );

    s.set_organisation_archived(o, true).expect("archive");
    input.organisation_id = o;
    input.categories = vec!["pesten".into()];
    let v = validation(s.add_dossier(&input, clock()).expect_err("archived org"));
    assert!(
        v.has("organisation_id", ValidationCode::ArchivedOrganisation),
        "{v:?}"
    );

    s.set_organisation_archived(o, false).expect("restore");
    s.set_category_active("pesten", false).expect("retire");
    let v = validation(
        s.add_dossier(&input, clock())
            .expect_err("retired category"),
    );
    assert!(
        v.has("categories", ValidationCode::InactiveCategory),
        "{v:?}"
    );

    s.set_category_active("pesten", true).expect("re-activate");
    let d = s.add_dossier(&input, clock()).expect("now valid");
    s.set_category_active("pesten", false)
        .expect("retire again");
    let mut edit = DossierInput::from(&d);
    edit.notes = "bijgewerkt".into();
    s.update_dossier(d.id, &edit, clock())
        .expect("a retired category already on a dossier stays readable and editable");
}

#[test]
fn impossible_dates_and_minutes_are_refused() {
    let mut s = store();
    let o = org(&mut s, "Tuincentrum Duinzicht");
    let future = DossierInput::new(o, ContactType::Consult, day("2027-01-01"));
    let v = validation(s.add_dossier(&future, clock()).expect_err("future"));
    assert!(
        v.has("opened_on", ValidationCode::InFuture),
        "opened in the future: {v:?}"
    );

    let d = s
        .add_dossier(
            &DossierInput::new(o, ContactType::Consult, day("2026-06-01")),
            clock(),
        )
        .expect("dossier");
    let bad = ConversationInput {
        held_on: day("2026-05-01"),
        minutes: -5,
        mode: ConversationMode::Video,
    };
    let v = validation(
        s.add_conversation(d.id, &bad, clock())
            .expect_err("bad conversation"),
    );
    assert!(v.has("held_on", ValidationCode::BeforeOpened), "{v:?}");
    assert!(v.has("minutes", ValidationCode::NotPositive), "{v:?}");

    let close = CloseInput {
        closed_on: day("2026-05-15"),
        outcome: Outcome::Onbekend,
        destroy_by: None,
    };
    let v = validation(
        s.close_dossier(d.id, &close, clock())
            .expect_err("before opening"),
    );
    assert!(
        v.has("closed_on", ValidationCode::ClosedBeforeOpened),
        "{v:?}"
    );
    assert!(
        v.describe(kluis::Lang::Nl)
            .contains("sluitdatum ligt voor de openingsdatum"),
        "Dutch message for closing before opening"
    );
}

#[test]
fn closing_sets_destroy_by_from_the_retention_setting() {
    let mut s = store();
    let o = org(&mut s, "Adviesbureau Het Baken");
    let mut settings = s.settings().expect("settings");
    settings.retention_months = 6;
    s.set_settings(&settings).expect("set");
    let d = s
        .add_dossier(
            &DossierInput::new(o, ContactType::Consult, day("2026-01-10")),
            clock(),
        )
        .expect("dossier");
    let closed = s
        .close_dossier(
            d.id,
            &CloseInput {
                closed_on: day("2026-02-20"),
                outcome: Outcome::InformeelOpgelost,
                destroy_by: None,
            },
            clock(),
        )
        .expect("close");
    assert_eq!(
        closed.status,
        DossierStatus::Closed,
        "status follows closing"
    );
    assert_eq!(
        closed.destroy_by,
        Some(day("2026-08-20")),
        "6 months after closing"
    );
    let overdue = s
        .dossiers(&DossierFilter {
            overdue_on: Some(day("2026-09-01")),
            ..Default::default()
        })
        .expect("list");
    assert_eq!(
        overdue.len(),
        1,
        "the dossier is overdue after its destroy-by date"
    );
    let v = validation(
        s.close_dossier(
            d.id,
            &CloseInput {
                closed_on: day("2026-03-01"),
                outcome: Outcome::Onbekend,
                destroy_by: None,
            },
            clock(),
        )
        .expect_err("closing twice"),
    );
    assert!(v.has("status", ValidationCode::AlreadyClosed), "{v:?}");
}

#[test]
fn filters_and_search_combine() {
    let mut s = store();
    let a = org(&mut s, "Scholengroep Noorderlicht");
    let b = org(&mut s, "Bouwbedrijf Westerkim");
    let mut make = |o: i64, kind: ContactType, opened: &str, cat: &str, notes: &str| {
        let mut i = DossierInput::new(o, kind, day(opened));
        i.categories = vec![cat.into()];
        i.notes = notes.into();
        s.add_dossier(&i, clock()).expect("dossier")
    };
    make(
        a,
        ContactType::MeldingOmgangsvormen,
        "2025-03-01",
        "pesten",
        "Verzonnen: pesterijen in de kantine",
    );
    make(
        a,
        ContactType::Consult,
        "2026-02-01",
        "werkdruk_conflict",
        "Verzonnen: roosterconflict",
    );
    let d3 = make(
        b,
        ContactType::MeldingIntegriteit,
        "2026-04-01",
        "fraude_diefstal",
        "Verzonnen: declaraties",
    );
    let all = s.dossiers(&DossierFilter::default()).expect("all");
    assert_eq!(all.len(), 3, "no filter lists everything");
    assert_eq!(all[0].id, d3.id, "newest first");
    let count = |s: &Store, filter: DossierFilter| s.dossiers(&filter).expect("filter").len();
    let f = |filter: DossierFilter| count(&s, filter);
    assert_eq!(
        f(DossierFilter {
            organisation_id: Some(a),
            ..Default::default()
        }),
        2,
        "by org"
    );
    assert_eq!(
        f(DossierFilter {
            year: Some(2026),
            ..Default::default()
        }),
        2,
        "by year"
    );
    assert_eq!(
        f(DossierFilter {
            contact_type: Some(ContactType::Consult),
            ..Default::default()
        }),
        1,
        "by contact type"
    );
    assert_eq!(
        f(DossierFilter {
            category: Some("pesten".into()),
            ..Default::default()
        }),
        1,
        "by category"
    );
    assert_eq!(
        f(DossierFilter {
            search: Some("kantine".into()),
            ..Default::default()
        }),
        1,
        "notes search"
    );
    assert_eq!(
        f(DossierFilter {
            search: Some("roost".into()),
            ..Default::default()
        }),
        1,
        "prefix search"
    );
    assert_eq!(
        f(DossierFilter {
            search: Some(d3.number.clone()),
            ..Default::default()
        }),
        1,
        "number search"
    );
    assert_eq!(
        f(DossierFilter {
            search: Some("\"unbalanced OR (".into()),
            ..Default::default()
        }),
        0,
        "FTS syntax in the search box is plain text, not an error"
    );
    assert_eq!(
        f(DossierFilter {
            organisation_id: Some(b),
            search: Some("kantine".into()),
            ..Default::default()
        }),
        0,
        "filters combine with AND"
    );
    // editing notes updates the index
    let mut edit = DossierInput::from(&d3);
    edit.notes = "Verzonnen: nu over kantine".into();
    s.update_dossier(d3.id, &edit, clock()).expect("edit");
    let f = |filter: DossierFilter| count(&s, filter);
    assert_eq!(
        f(DossierFilter {
            search: Some("kantine".into()),
            ..Default::default()
        }),
        2,
        "index follows edits"
    );
    assert_eq!(
        f(DossierFilter {
            search: Some("declaraties".into()),
            ..Default::default()
        }),
        0,
        "old text is gone"
    );
}

#[test]
fn month_hours_add_conversations_and_time_entries() {
    let mut s = store();
    let a = org(&mut s, "Woningcorporatie Ooststroom");
    let d = s
        .add_dossier(
            &DossierInput::new(a, ContactType::Consult, day("2026-03-01")),
            clock(),
        )
        .expect("dossier");
    for (date, minutes) in [("2026-03-02", 60), ("2026-03-30", 45), ("2026-04-01", 30)] {
        s.add_conversation(
            d.id,
            &ConversationInput {
                held_on: day(date),
                minutes,
                mode: ConversationMode::Telefoon,
            },
            clock(),
        )
        .expect("conversation");
    }
    for (date, minutes, activity) in [
        ("2026-03-10", 120, Activity::Voorlichting),
        ("2026-03-11", 30, Activity::Overleg),
        ("2026-02-28", 999, Activity::Overleg),
    ] {
        s.add_time_entry(
            &TimeEntryInput {
                organisation_id: a,
                spent_on: day(date),
                minutes,
                activity,
                description: String::new(),
            },
            clock(),
        )
        .expect("time entry");
    }
    let march = s.month_hours(Some(a), 2026, 3).expect("hours");
    assert_eq!(march.len(), 1, "one organisation asked");
    let m = &march[0];
    assert_eq!(
        m.conversation_minutes, 105,
        "60 + 45 in March; April's 30 is excluded"
    );
    let minutes_of = |act: Activity| Some(m.minutes_of(act));
    assert_eq!(
        minutes_of(Activity::Voorlichting),
        Some(120),
        "information session"
    );
    assert_eq!(
        minutes_of(Activity::Overleg),
        Some(30),
        "February's entry is excluded"
    );
    assert_eq!(
        m.total_minutes,
        105 + 150,
        "total is conversations plus activities"
    );
    let zero = TimeEntryInput {
        organisation_id: a,
        spent_on: day("2026-03-12"),
        minutes: 0,
        activity: Activity::Overig,
        description: String::new(),
    };
    let v = validation(s.add_time_entry(&zero, clock()).expect_err("zero minutes"));
    assert!(v.has("minutes", ValidationCode::NotPositive), "{v:?}");
}

#[test]
fn overview_counts_per_organisation_and_lists_the_longest_overdue_first() {
    let mut s = store();
    let a = org(&mut s, "Kinderopvang Het Anker");
    for (opened, closed) in [
        ("2024-01-10", "2024-02-01"),
        ("2024-03-10", "2024-04-01"),
        ("2026-11-02", ""),
    ] {
        let d = s
            .add_dossier(
                &DossierInput::new(a, ContactType::Consult, day(opened)),
                clock(),
            )
            .expect("dossier");
        if !closed.is_empty() {
            s.close_dossier(
                d.id,
                &CloseInput {
                    closed_on: day(closed),
                    outcome: Outcome::Onbekend,
                    destroy_by: None,
                },
                clock(),
            )
            .expect("close");
        }
    }
    let o = s.overview(day("2026-11-30")).expect("overview");
    assert_eq!(o.organisations.len(), 1, "one organisation");
    assert_eq!(
        o.organisations[0].open_dossiers, 1,
        "one dossier still open"
    );
    assert_eq!(
        o.organisations[0].dossiers_this_year, 1,
        "one opened in 2026"
    );
    assert_eq!(
        o.overdue_total, 2,
        "both dossiers closed in 2024 are past 12 months"
    );
    assert!(
        o.overdue[0].destroy_by < o.overdue[1].destroy_by,
        "the longest overdue comes first"
    );
}
