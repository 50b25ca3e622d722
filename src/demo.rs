//! A synthetic vault for demonstrations, tests and benchmarks: organisations of different
//! sizes, dossiers over several years with realistic mixes of categories, relations, actions
//! and outcomes, conversations and time entries. Every name and every note is invented by
//! code from a seed; the same seed gives the same vault.

use crate::Clock;
use crate::model::*;
use crate::store::{Store, StoreError};
use serde::Serialize;

/// The passphrase of demo vaults. Public: demo vaults hold only synthetic data.
pub const DEMO_PASSPHRASE: &str = "demo oefenkluis met verzonnen gegevens";

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    /// Number of organisations.
    pub organisations: u32,
    /// Number of dossiers.
    pub dossiers: u32,
    /// Number of calendar years (ending with the clock's year) the dossiers spread over.
    pub years: u32,
    /// Seed of the generator.
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoSummary {
    /// Organisations created.
    pub organisations: u32,
    /// Dossiers created.
    pub dossiers: u32,
    /// Conversations created.
    pub conversations: u32,
    /// Time entries created.
    pub time_entries: u32,
    /// Deadlines created (after everything else, from a random stream of their own, so the
    /// dossiers and records are those of a demo without deadlines).
    pub deadlines: u32,
}

/// SplitMix64: tiny, fast, and stable across versions, so a seed means the same vault forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Picks by integer weights.
    fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut x = self.below(total);
        for (item, w) in items {
            if x < *w {
                return *item;
            }
            x -= w;
        }
        items[items.len() - 1].0
    }
}

const ORG_KINDS: &[&str] = &[
    "Zorggroep",
    "Bouwbedrijf",
    "Stichting",
    "Logistiek",
    "Bakkerij",
    "Installatiebedrijf",
    "Kinderopvang",
    "Adviesbureau",
    "Scholengroep",
    "Transport",
    "Welzijnsorganisatie",
    "Drukkerij",
    "Tuincentrum",
    "Woningcorporatie",
];
const ORG_NAMES: &[&str] = &[
    "De Linde",
    "Het Anker",
    "Noorderlicht",
    "Zuiderhaven",
    "De Vlinder",
    "Ooststroom",
    "Westerkim",
    "De Brug",
    "Horizon",
    "Klaverblad",
    "Meridiaan",
    "Polderwind",
    "De Korenschoof",
    "Duinzicht",
    "Het Baken",
    "Rivierenland Oost",
];
const SIZES: &[u32] = &[
    12, 18, 26, 34, 45, 60, 85, 120, 160, 210, 280, 360, 450, 600, 850, 1200,
];

const SITUATIONS: &[&str] = &[
    "herhaaldelijk kleinerende opmerkingen tijdens het werkoverleg",
    "een conflict over de roosterindeling dat steeds verder escaleert",
    "ongewenste aanrakingen bij de koffieautomaat",
    "buitensluiten door een groepje collega's in de pauzes",
    "een leidinggevende die dreigt met het niet verlengen van het contract",
    "grappen over afkomst die als kwetsend worden ervaren",
    "twijfels over declaraties van een afdelingshoofd",
    "het delen van vertrouwelijke klantgegevens buiten de organisatie",
    "een agressieve klant aan de balie en weinig steun daarna",
    "structureel te hoge werkdruk sinds een reorganisatie",
    "een opdracht aan een bekende leverancier zonder offertetraject",
    "berichten via sociale media buiten werktijd",
];
const FEELINGS: &[&str] = &[
    "voelt zich onzeker en slaapt slecht",
    "twijfelt of melden zin heeft",
    "wil vooral dat het ophoudt, zonder formele stappen",
    "is bang voor gevolgen voor de eigen positie",
    "heeft al eerder geprobeerd het bespreekbaar te maken",
    "wil eerst de mogelijkheden op een rij hebben",
];
const ADVICE: &[&str] = &[
    "Mogelijkheden besproken: zelf aanspreken, bemiddeling of een formele klacht.",
    "Afgesproken dat melder de situatie de komende weken bijhoudt in een logboek.",
    "Verwezen naar de bedrijfsarts voor de klachten door de werkdruk.",
    "Uitleg gegeven over de klachtenregeling en de rol van de klachtencommissie.",
    "Informatie gegeven over het Huis voor Klokkenluiders en de interne meldregeling.",
    "Melder bereidt een gesprek met de leidinggevende voor; vervolgafspraak gepland.",
];

fn note(rng: &mut Rng, serial: u32) -> String {
    format!(
        "Melder beschrijft {}. Melder {}. {} (verzonnen demotekst {serial:05})",
        rng.pick(SITUATIONS),
        rng.pick(FEELINGS),
        rng.pick(ADVICE)
    )
}

fn categories_for(rng: &mut Rng, kind: ContactType) -> Vec<String> {
    let omgang: &[(&str, u64)] = &[
        ("werkdruk_conflict", 30),
        ("pesten", 20),
        ("intimidatie", 18),
        ("agressie_geweld", 12),
        ("seksuele_intimidatie", 10),
        ("discriminatie", 10),
    ];
    let integriteit: &[(&str, u64)] = &[
        ("fraude_diefstal", 25),
        ("belangenverstrengeling", 20),
        ("misbruik_bevoegdheden", 18),
        ("misbruik_informatie", 15),
        ("corruptie", 7),
        ("integriteit_overig", 15),
    ];
    let table = match kind {
        ContactType::MeldingOmgangsvormen => omgang,
        ContactType::MeldingIntegriteit | ContactType::VermoedenMisstand => integriteit,
        ContactType::Overig => return vec!["overig".to_owned()],
        ContactType::Consult => {
            if rng.chance(80) {
                omgang
            } else {
                integriteit
            }
        }
    };
    let first = rng.weighted(table);
    let mut out = vec![first.to_owned()];
    if rng.chance(20) {
        let second = rng.weighted(table);
        if second != first {
            out.push(second.to_owned());
        }
    }
    out
}

/// Fills an empty store with synthetic data. Dossiers spread over `spec.years` calendar
/// years ending today; larger organisations get more dossiers.
pub fn populate(
    store: &mut Store,
    spec: &DemoSpec,
    clock: Clock,
) -> Result<DemoSummary, StoreError> {
    use chrono::{Datelike, Duration, NaiveDate};
    let mut rng = Rng(spec.seed ^ 0x4B4C_5549_5331);
    let mut summary = DemoSummary {
        organisations: 0,
        dossiers: 0,
        conversations: 0,
        time_entries: 0,
        deadlines: 0,
    };
    let mut orgs = Vec::new();
    let offset = rng.below(ORG_NAMES.len() as u64) as usize;
    for i in 0..spec.organisations {
        // Distinct kinds first, then distinct kind/name pairs (5 and 16 are coprime).
        let mut name = format!(
            "{} {}",
            ORG_KINDS[i as usize % ORG_KINDS.len()],
            ORG_NAMES[(i as usize * 5 + offset) % ORG_NAMES.len()]
        );
        while store.organisation_by_name(&name).is_ok() {
            name = format!("{name} {}", i + 2);
        }
        let employees = SIZES[(i as usize * 5 + 3) % SIZES.len()];
        let org = store.add_organisation(
            &OrganisationInput {
                name,
                employee_count: employees,
                arrangement: if employees < 50 {
                    Arrangement::Collectief
                } else {
                    Arrangement::Maatwerk
                },
                contact_label: "HR-adviseur (verzonnen)".into(),
            },
            clock,
        )?;
        // dossier weight grows with the square root of the size
        let weight = (f64::from(employees)).sqrt().round() as u64;
        orgs.push((org, weight.max(1)));
        summary.organisations += 1;
    }
    if orgs.is_empty() {
        return Ok(summary);
    }
    let weights: Vec<(usize, u64)> = orgs.iter().enumerate().map(|(i, (_, w))| (i, *w)).collect();
    let years = spec.years.max(1) as i32;
    let first_day =
        NaiveDate::from_ymd_opt(clock.today.year() - years + 1, 1, 1).expect("January 1st exists");
    let span = (clock.today - first_day).num_days().max(1) as u64;
    let retention = store.settings()?.retention_months;

    for serial in 0..spec.dossiers {
        let (org, _) = &orgs[rng.weighted(&weights)];
        let opened = first_day + Duration::days(rng.below(span + 1) as i64);
        let kind = rng.weighted(&[
            (ContactType::Consult, 35),
            (ContactType::MeldingOmgangsvormen, 45),
            (ContactType::MeldingIntegriteit, 10),
            (ContactType::VermoedenMisstand, 3),
            (ContactType::Overig, 7),
        ]);
        let mut input = DossierInput::new(org.id, kind, opened);
        input.reporter_role = rng.weighted(&[
            (ReporterRole::Medewerker, 75),
            (ReporterRole::Leidinggevende, 10),
            (ReporterRole::Flexibel, 8),
            (ReporterRole::OudMedewerker, 4),
            (ReporterRole::Extern, 3),
        ]);
        input.relation = rng.weighted(&[
            (Relation::Leidinggevende, 40),
            (Relation::Collega, 38),
            (Relation::Extern, 10),
            (Relation::Ondergeschikte, 5),
            (Relation::Onbekend, 7),
        ]);
        input.categories = categories_for(&mut rng, kind);
        let mut actions = vec![Action::LuisterendOor];
        for (a, p) in [
            (Action::AdviesInformatie, 70),
            (Action::Verwijzing, 25),
            (Action::BegeleidingGesprek, 10),
            (Action::BemiddelingDerde, 7),
            (Action::FormeleKlacht, 5),
        ] {
            if rng.chance(p) {
                actions.push(a);
            }
        }
        if matches!(
            kind,
            ContactType::MeldingIntegriteit | ContactType::VermoedenMisstand
        ) && rng.chance(30)
        {
            actions.push(Action::InterneMelding);
        }
        if rng.chance(8) {
            actions.retain(|a| *a != Action::LuisterendOor);
            if actions.is_empty() {
                actions.push(Action::AdviesInformatie);
            }
        }
        input.actions = actions;
        input.consent_scope = if rng.chance(20) {
            ConsentScope::DossierEnDerden
        } else {
            ConsentScope::Dossier
        };
        input.gender = if rng.chance(40) {
            Some(rng.weighted(&[(Gender::Vrouw, 55), (Gender::Man, 40), (Gender::Anders, 5)]))
        } else {
            None
        };
        input.notes = note(&mut rng, serial);
        let dossier = store.add_dossier(&input, clock)?;

        let age_days = (clock.today - opened).num_days();
        let closes = if age_days > 120 {
            rng.chance(96)
        } else {
            rng.chance(45)
        };
        let duration = match rng.below(10) {
            0..=4 => rng.below(30),
            5..=7 => 30 + rng.below(60),
            _ => 90 + rng.below(150),
        } as i64;
        let closed_on = closes.then(|| (opened + Duration::days(duration)).min(clock.today));
        let last_day = closed_on.unwrap_or(clock.today);
        let talks = 1 + rng.below(4) + u64::from(rng.chance(15)) * 2;
        let window = (last_day - opened).num_days().max(0) as u64;
        let mut days: Vec<i64> = (0..talks)
            .map(|k| {
                if k == 0 {
                    0
                } else {
                    rng.below(window + 1) as i64
                }
            })
            .collect();
        days.sort_unstable();
        for d in days {
            store.add_conversation(
                dossier.id,
                &ConversationInput {
                    held_on: opened + Duration::days(d),
                    minutes: *rng.pick(&[30, 45, 60, 60, 75, 90, 120]),
                    mode: rng.weighted(&[
                        (ConversationMode::Persoonlijk, 45),
                        (ConversationMode::Telefoon, 30),
                        (ConversationMode::Video, 20),
                        (ConversationMode::Email, 5),
                    ]),
                },
                clock,
            )?;
            summary.conversations += 1;
        }
        if let Some(closed_on) = closed_on {
            let outcome = rng.weighted(&[
                (Outcome::InformeelOpgelost, 35),
                (Outcome::GeenVervolg, 30),
                (Outcome::Doorverwezen, 18),
                (Outcome::FormeleKlacht, 7),
                (Outcome::Onbekend, 10),
            ]);
            store.close_dossier(
                dossier.id,
                &CloseInput {
                    closed_on,
                    outcome,
                    destroy_by: Some(crate::store::proposed_destroy_by(closed_on, retention)),
                },
                clock,
            )?;
            if rng.chance(1) {
                let mut edit = DossierInput::from(&store.dossier(dossier.id)?);
                edit.legal_hold = true;
                edit.legal_hold_reason = "Lopende procedure bij de klachtencommissie".into();
                store.update_dossier(dossier.id, &edit, clock)?;
            }
        }
        summary.dossiers += 1;
    }

    // Time outside dossiers: a few entries per organisation per month.
    for (org, weight) in &orgs {
        let mut month = first_day;
        while month <= clock.today {
            let entries = rng.below(2 + weight / 8);
            for _ in 0..entries {
                let day = month + Duration::days(rng.below(28) as i64);
                if day > clock.today {
                    continue;
                }
                store.add_time_entry(
                    &TimeEntryInput {
                        organisation_id: org.id,
                        spent_on: day,
                        minutes: *rng.pick(&[30, 60, 90, 120, 180, 240]),
                        activity: rng.weighted(&[
                            (Activity::Voorlichting, 20),
                            (Activity::AdviesOrganisatie, 20),
                            (Activity::Overleg, 30),
                            (Activity::Rapportage, 20),
                            (Activity::Overig, 10),
                        ]),
                        description: String::new(),
                    },
                    clock,
                )?;
                summary.time_entries += 1;
            }
            month = month
                .checked_add_months(chrono::Months::new(1))
                .expect("months stay in range");
        }
    }
    summary.deadlines = add_deadlines(store, spec.seed, clock)?;
    Ok(summary)
}

/// Labels of the demo's follow-up dates.
const FOLLOW_UPS: &[&str] = &[
    "Bel terug",
    "Evaluatiegesprek",
    "Nabellen na verwijzing",
    "Terugkoppeling na gesprek met HR",
];

/// Deadlines on recent dossiers, from their own random stream (the rest of the demo is the
/// same with or without them): the Wbk chain on recent reports of wrongdoing and integrity
/// reports, follow-up dates on some open dossiers (a few overdue, a few due this week), and
/// an access request or two. Returns how many were added.
fn add_deadlines(store: &mut Store, seed: u64, clock: Clock) -> Result<u32, StoreError> {
    use chrono::Duration;
    let mut rng = Rng(seed ^ 0x5445_524D_494A_4E45);
    let mut added = 0;
    let mut follow_ups = 0;
    let today = clock.today;
    let mut recent = store.dossiers(&DossierFilter::default())?;
    recent.retain(|d| (today - d.opened_on).num_days() <= 120);
    recent.sort_by(|a, b| a.number.cmp(&b.number));
    for d in &recent {
        let age = (today - d.opened_on).num_days();
        if deadline::wbk_applies(d.contact_type) && d.status == DossierStatus::Open {
            let confirm = store.add_deadline(
                d.id,
                &DeadlineInput {
                    kind: DeadlineKind::WbkBevestiging,
                    starts_on: d.opened_on,
                    due_on: None,
                    label: String::new(),
                },
                clock,
            )?;
            added += 1;
            if age > 3 {
                let done = d.opened_on + Duration::days(1 + rng.below(age.min(6) as u64) as i64);
                let before = store.deadlines(d.id, today)?.len();
                let after = store.complete_deadline(confirm.id, done.min(today), clock)?;
                added += (after.len() - before) as u32;
            }
        }
        // The first two follow-ups are one overdue and one due this week, so the overview's
        // panel always shows both colours.
        if d.status == DossierStatus::Open && age <= 60 && (follow_ups < 2 || rng.chance(30)) {
            let days = match follow_ups {
                0 => -2,
                1 => 2,
                _ => rng.below(18) as i64 - 3,
            };
            follow_ups += 1;
            let due = today + Duration::days(days);
            store.add_deadline(
                d.id,
                &DeadlineInput {
                    kind: DeadlineKind::Vervolg,
                    starts_on: d.opened_on,
                    due_on: Some(due),
                    label: (*rng.pick(FOLLOW_UPS)).to_owned(),
                },
                clock,
            )?;
            added += 1;
        }
        if d.status == DossierStatus::Closed && rng.chance(3) {
            let asked = today - Duration::days(rng.below(40) as i64);
            store.add_deadline(
                d.id,
                &DeadlineInput {
                    kind: DeadlineKind::Inzageverzoek,
                    starts_on: asked.max(d.opened_on),
                    due_on: None,
                    label: String::new(),
                },
                clock,
            )?;
            added += 1;
        }
    }
    Ok(added)
}
