//! Shared fixtures: a fixed clock, passphrases, and small vaults built by code.

use kluis::Clock;
use kluis::model::*;
use kluis::vault::{RecoveryKey, Unlock, Vault};
use secrecy::SecretString;
use std::path::{Path, PathBuf};

pub const PASSPHRASE: &str = "paarse fiets onder de regenboog zingt";

pub fn day(s: &str) -> chrono::NaiveDate {
    s.parse().expect("test dates are valid ISO dates")
}

pub fn clock() -> Clock {
    Clock::at(day("2026-11-30"))
}

pub fn pass() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

pub fn unlock_pass() -> Unlock {
    Unlock::Passphrase(pass())
}

pub fn unlock_key(key: &RecoveryKey) -> Unlock {
    Unlock::RecoveryKey(SecretString::from(key.expose().to_owned()))
}

pub fn vault_path(dir: &Path) -> PathBuf {
    dir.join("advies.kluis")
}

/// Adds an organisation and returns its id.
pub fn add_org(vault: &mut Vault, name: &str, employees: u32) -> i64 {
    vault
        .store_mut()
        .add_organisation(
            &OrganisationInput {
                name: name.into(),
                employee_count: employees,
                arrangement: Arrangement::Maatwerk,
                contact_label: String::new(),
            },
            clock(),
        )
        .expect("a valid organisation is accepted")
        .id
}

/// Adds a dossier with two categories and two conversations; returns it.
pub fn add_dossier(vault: &mut Vault, org: i64, notes: &str) -> Dossier {
    let mut input = DossierInput::new(org, ContactType::MeldingOmgangsvormen, day("2026-03-02"));
    input.categories = vec!["pesten".into(), "intimidatie".into()];
    input.actions = vec![Action::LuisterendOor, Action::AdviesInformatie];
    input.relation = Relation::Collega;
    input.notes = notes.into();
    let d = vault
        .store_mut()
        .add_dossier(&input, clock())
        .expect("a valid dossier is accepted");
    for (date, minutes) in [("2026-03-02", 60), ("2026-03-16", 45)] {
        vault
            .store_mut()
            .add_conversation(
                d.id,
                &ConversationInput {
                    held_on: day(date),
                    minutes,
                    mode: ConversationMode::Persoonlijk,
                },
                clock(),
            )
            .expect("a valid conversation is accepted");
    }
    vault.store().dossier(d.id).expect("the dossier reads back")
}

/// A saved vault with one organisation and one dossier; returns the recovery key.
pub fn small_vault(path: &Path) -> RecoveryKey {
    let (mut v, key) = Vault::create(path, &pass(), clock()).expect("vault is created");
    let org = add_org(&mut v, "Bakkerij De Korenschoof", 40);
    add_dossier(
        &mut v,
        org,
        "Verzonnen notitie over een conflict op de werkvloer.",
    );
    v.save(clock()).expect("vault saves");
    key
}

/// The documented demo (`kluis demo --orgs 12 --dossiers 2000 --years 5 --seed 1`) in
/// memory.
pub fn documented_demo() -> kluis::store::Store {
    demo(12, 2000, 5, 1)
}

/// A demo of `organisations` with `dossiers` over `years` from `seed`, in memory.
pub fn demo(organisations: u32, dossiers: u32, years: u32, seed: u64) -> kluis::store::Store {
    let mut store = kluis::store::Store::create_empty(clock()).expect("empty store");
    let spec = kluis::demo::DemoSpec {
        organisations,
        dossiers,
        years,
        seed,
    };
    kluis::demo::populate(&mut store, &spec, clock()).expect("demo data");
    store
}

/// The organisation with the most dossiers opened in 2025.
pub fn busiest(store: &kluis::store::Store) -> Organisation {
    let orgs = store.organisations(true).expect("organisations");
    orgs.into_iter()
        .max_by_key(|o| {
            store
                .reportable_dossiers(&[o.id], kluis::report::ReportPeriod::Year(2025))
                .expect("dossiers")
                .len()
        })
        .expect("the demo has organisations")
}

/// A standard Dutch report request without narrative, dated 15 January 2026.
pub fn report_request(orgs: &[i64], period: &str) -> kluis::report::export::ReportRequest {
    kluis::report::export::ReportRequest {
        organisations: orgs.to_vec(),
        period: kluis::report::ReportPeriod::parse(period).expect("valid period"),
        profile: kluis::report::disclosure::Profile::Standaard,
        lang: kluis::Lang::Nl,
        narrative: kluis::report::Narrative::default(),
        pooled_title: String::new(),
        date: day("2026-01-15"),
        joint: false,
    }
}

/// A small demo (4 organisations, 200 dossiers over 2 years, seed 5) in memory.
pub fn small_demo() -> kluis::store::Store {
    demo(4, 200, 2, 5)
}

/// Publishes reports as an advisor does (prepare, then record) and keeps every CSV file as
/// its readers get it: the input of the oracle (`super::oracle`).
#[derive(Debug, Default)]
pub struct Publisher {
    /// Every distinct file published, in order.
    pub releases: Vec<super::oracle::Release>,
    /// The bytes of each report as first published: (organisations, period, profile).
    issued: std::collections::BTreeMap<(Vec<i64>, String, &'static str), Vec<u8>>,
}

impl Publisher {
    /// Prepares and records the report of `orgs` over `period` under `profile`, renders its
    /// CSV (standard dialect, Dutch) and keeps it. A re-issued report (same organisations,
    /// period and profile) must be byte-identical to the first issue. Returns the engine's
    /// refusal unchanged.
    pub fn publish(
        &mut self,
        store: &mut kluis::store::Store,
        orgs: &[i64],
        period: &str,
        profile: kluis::report::Profile,
    ) -> Result<(), kluis::report::ReportError> {
        let mut orgs = orgs.to_vec();
        orgs.sort_unstable();
        let request = kluis::report::export::ReportRequest::new(
            orgs.clone(),
            kluis::report::ReportPeriod::parse(period).expect("valid period"),
            profile,
            kluis::Lang::Nl,
            day("2026-01-15"),
        );
        let prepared = kluis::report::export::prepare(store, &request)?;
        assert!(
            prepared.document.model.audit_passed,
            "{orgs:?} {period} {}: a prepared report has passed its own audit",
            profile.code()
        );
        let csv = kluis::report::render::csv::render(
            &prepared.document.model,
            kluis::report::render::csv::CsvDialect::Standard,
            kluis::Lang::Nl,
        )
        .expect("the CSV renders");
        kluis::report::export::record(store, &prepared, clock()).expect("the release is recorded");
        let key = (orgs.clone(), period.to_owned(), profile.code());
        if let Some(first) = self.issued.get(&key) {
            assert_eq!(
                String::from_utf8_lossy(first),
                String::from_utf8_lossy(&csv),
                "{orgs:?} {period} {}: a re-issued report is byte-identical to the first issue",
                profile.code()
            );
            return Ok(());
        }
        self.issued.insert(key, csv.clone());
        self.releases.push(super::oracle::Release {
            orgs,
            k: profile.k(),
            strict: profile == kluis::report::Profile::Strikt,
            csv: String::from_utf8(csv).expect("the CSV is UTF-8"),
        });
        Ok(())
    }

    /// Whether these organisations' `period` was published under another profile than
    /// `profile` (the one case in which the engine must refuse with `ProfileFrozen`).
    pub fn published_under_other_profile(
        &self,
        orgs: &[i64],
        period: &str,
        profile: kluis::report::Profile,
    ) -> bool {
        let mut orgs = orgs.to_vec();
        orgs.sort_unstable();
        self.issued
            .keys()
            .any(|(o, p, pr)| *o == orgs && p == period && *pr != profile.code())
    }
}

/// The tables each migration since v7 added, newest first: what a test drops to turn a vault
/// back into an older schema. A new migration adds its line here (one place for every
/// migration test).
const ADDED_BY_MIGRATION: &[(i64, &str)] = &[
    (13, "DROP TABLE joint_sent; DROP TABLE joint_participants;"),
    (12, "DROP TABLE handovers; DROP TABLE receive_key;"),
    (11, "DROP TABLE letters; DROP TABLE letter_templates;"),
    (10, "DROP TABLE documents;"),
    (
        9,
        "DROP TABLE invoice_lines; DROP TABLE invoices; DROP TABLE agreements;",
    ),
    (
        8,
        "DROP TABLE conflict_decision_matches; DROP TABLE conflict_decisions;
         DROP TABLE dossier_links; DROP TABLE dossier_support; DROP TABLE parties;",
    ),
    (7, "DROP TABLE signing_key;"),
];

/// Turns an open vault's image back into schema `version` (at least 6) by dropping what the
/// later migrations added; the caller saves.
pub fn roll_back_schema(vault: &Vault, version: i64) {
    assert!(version >= 6, "older schemas are rebuilt by their own tests");
    for (added, sql) in ADDED_BY_MIGRATION {
        if *added > version {
            vault
                .store()
                .connection()
                .execute_batch(sql)
                .expect("drop what a later migration added");
        }
    }
    vault
        .store()
        .connection()
        .pragma_update(None, "user_version", version)
        .expect("set the schema version");
}
