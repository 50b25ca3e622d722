//! Joint reports of several advisors for one client (issue 12 part 2), between real
//! encrypted vaults: A and B contribute to the coordinator C; C's joint report equals the
//! report of one vault holding every dossier; the contribution holds coded records only;
//! after the receipt, A's own report is audited against the joint one, and the named attack
//! "joint minus own" (an outside reader subtracting A's report from the joint one) finds
//! none of the other advisors' small counts.

use super::attacks::{Lcg, assert_audit_passes, assert_small_counts_hidden, vocab};
use super::history::{Gen, add};
use super::oracle::{self, Oracle, Release, Sel, TrueDossier, Truth, quarters_of};
use super::util::*;
use kluis::Lang;
use kluis::handover::receive_key;
use kluis::joint::{self, JointError};
use kluis::report::export::{
    ExportFormat, PreparedReport, ReportRequest, prepare, record, render as render_file,
};
use kluis::report::model::CellValue;
use kluis::report::render::csv::{CsvDialect, render};
use kluis::report::{Profile, ReportPeriod};
use kluis::vault::Vault;
use std::path::Path;

const CLIENT: &str = "Proefbedrijf Samen (verzonnen)";

/// `n` dossiers of 2025 drawn from `seed` (spread over the year).
fn gens(n: u32, seed: u64) -> Vec<Gen> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|i| {
            (
                (i * 37 + (seed as u32 % 11)) % 360,
                rng.next(13),
                rng.next(7),
                rng.next(5),
                rng.next(5),
                rng.next(5),
                rng.next(5),
                rng.next(4) as u8,
            )
        })
        .collect()
}

/// A vault with the client and these dossiers.
fn vault_with(dir: &Path, name: &str, dossiers: &[&[Gen]]) -> (Vault, i64) {
    let (mut v, _) = Vault::create(&dir.join(name), &pass(), clock()).expect("vault");
    let org = add_org(&mut v, CLIENT, 140);
    for set in dossiers {
        for g in *set {
            add(v.store_mut(), org, *g);
        }
    }
    v.save(clock()).expect("save");
    (v, org)
}

fn request(org: i64, joint: bool) -> ReportRequest {
    let mut r = ReportRequest::new(
        vec![org],
        ReportPeriod::Year(2025),
        Profile::Standaard,
        Lang::Nl,
        day("2026-01-15"),
    );
    r.joint = joint;
    r
}

fn csv(p: &PreparedReport) -> String {
    String::from_utf8(render(&p.document.model, CsvDialect::Standard, Lang::Nl).expect("csv"))
        .expect("utf-8")
}

/// A and B contribute to C, C imports both. Returns the contribution files.
fn contribute_all(dir: &Path, a: &mut Vault, b: &mut Vault, c: &mut Vault) -> Vec<Vec<u8>> {
    let to = receive_key(c, clock()).expect("C's key").recipient;
    let mut files = Vec::new();
    for (name, v) in [("a", a), ("b", b)] {
        let org = v
            .store()
            .organisation_by_name(CLIENT)
            .expect("the client")
            .id;
        let path = dir.join(format!("bijdrage-{name}.age"));
        joint::contribute(v, org, ReportPeriod::Year(2025), &to, &path, clock())
            .expect("the contribution is written");
        let bytes = std::fs::read(&path).expect("read");
        joint::import_contribution(c, &bytes, clock()).expect("C imports it");
        files.push(bytes);
    }
    files
}

#[test]
fn a_joint_report_of_three_vaults_equals_the_report_of_one_vault_with_all_dossiers() {
    for seed in [3u64, 8] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (ga, gb, gc) = (gens(17, seed), gens(9, seed + 100), gens(12, seed + 200));
        let (mut a, _) = vault_with(dir.path(), "a.kluis", &[&ga]);
        let (mut b, _) = vault_with(dir.path(), "b.kluis", &[&gb]);
        let (mut c, org_c) = vault_with(dir.path(), "c.kluis", &[&gc]);
        let (d, org_d) = vault_with(dir.path(), "d.kluis", &[&ga, &gb, &gc]);
        contribute_all(dir.path(), &mut a, &mut b, &mut c);
        let joint = prepare(c.store(), &request(org_c, true)).expect("the joint report");
        let single = prepare(d.store(), &request(org_d, false)).expect("the single report");
        assert!(
            joint.document.model.audit_passed,
            "seed {seed}: the joint report passes its audit"
        );
        let total = joint
            .document
            .model
            .tables
            .iter()
            .find(|t| t.code == "totaal")
            .and_then(|t| {
                t.cells.iter().find_map(|c| match c.value {
                    CellValue::Published(v) if c.column.code == "*" || t.columns.len() == 1 => {
                        Some(v)
                    }
                    _ => None,
                })
            });
        assert_eq!(
            total,
            Some(38),
            "seed {seed}: the joint report counts every advisor's dossiers"
        );
        let withheld = joint
            .document
            .model
            .tables
            .iter()
            .flat_map(|t| &t.cells)
            .filter(|c| !matches!(c.value, CellValue::Published(_)))
            .count();
        assert!(
            withheld > 0,
            "seed {seed}: the data is small enough that suppression has work to do"
        );
        assert_eq!(
            joint.document.model, single.document.model,
            "seed {seed}: the joint report is the single-vault report of the same dossiers"
        );
        assert_eq!(
            csv(&joint),
            csv(&single),
            "seed {seed}: and its CSV is the same, byte for byte"
        );
        assert_eq!(
            joint.document.joint_advisors,
            Some(3),
            "seed {seed}: the document says how many advisors it counts"
        );
        if seed == 3 {
            let pdf = dir.path().join("gezamenlijk.pdf");
            std::fs::write(
                &pdf,
                render_file(&joint.document, ExportFormat::Pdf).expect("pdf"),
            )
            .expect("write");
            let out = std::process::Command::new("pdftotext")
                .args(["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()])
                .output()
                .expect("pdftotext runs");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains("3 (gezamenlijke rapportage)")
                    && text.contains("Dit is een gezamenlijke rapportage"),
                "the reader is told it is a joint report of three advisors"
            );
        }
        assert!(
            joint.key.joint && joint.key.organisations.len() == 3,
            "seed {seed}: recorded as joint over the client and two shares: {}",
            joint.key
        );
    }
}

#[test]
fn a_contribution_holds_coded_records_and_releases_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ga = gens(6, 5);
    let (mut a, org_a) = vault_with(dir.path(), "a.kluis", &[&ga]);
    let (mut c, _) = vault_with(dir.path(), "c.kluis", &[]);
    // A dossier of 2026 is outside the period's years: it stays home.
    let mut later = kluis::model::DossierInput::new(
        org_a,
        kluis::model::ContactType::ALL[0],
        day("2026-03-02"),
    );
    later.categories = vec![a.store().categories().expect("categories")[0].code.clone()];
    later.notes = "Verzonnen notitie Zwaluwstaart".into();
    a.store_mut().add_dossier(&later, clock()).expect("dossier");
    let to = receive_key(&mut c, clock()).expect("key").recipient;
    let path = dir.path().join("bijdrage.age");
    let written = joint::contribute(&mut a, org_a, ReportPeriod::Year(2025), &to, &path, clock())
        .expect("written");
    assert_eq!(
        written.records, 6,
        "the six dossiers of 2025, not the one of 2026"
    );
    let bytes = std::fs::read(&path).expect("read");
    assert!(
        !contains(&bytes, CLIENT.as_bytes()),
        "the file is ciphertext: not even the client's name shows"
    );
    let read = joint::read_contribution(c.store(), &bytes).expect("C reads it");
    let json = serde_json::to_string(&read).expect("json");
    for number in a
        .store()
        .dossiers(&Default::default())
        .expect("dossiers")
        .iter()
        .map(|d| d.number.clone())
    {
        assert!(
            !json.contains(&format!("\"{number}\"")),
            "no dossier number ({number}) in a contribution"
        );
    }
    assert!(
        !json.contains("Zwaluwstaart") && !json.contains("notes"),
        "no notes in a contribution"
    );
    assert!(
        !json.contains("2025-0") && !json.contains("-01-") && !json.contains("opened"),
        "no dates in a contribution, only quarters: {}",
        &json[..json.len().min(400)]
    );
    assert_eq!(read.organisation, CLIENT, "the client by name, to match it");
    assert!(
        read.units.iter().all(|u| u.quarter.starts_with("2025-Q")),
        "every record counted in a quarter of 2025"
    );
    // A third vault cannot open it.
    let (e, _) = vault_with(dir.path(), "e.kluis", &[]);
    assert!(
        matches!(
            joint::read_contribution(e.store(), &bytes),
            Err(JointError::NotAContribution)
        ),
        "a vault without the coordinator's key reads nothing"
    );
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn contributions_and_receipts_are_taken_in_once_and_only_where_they_belong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut a, org_a) = vault_with(dir.path(), "a.kluis", &[&gens(12, 1)]);
    let (mut b, _) = vault_with(dir.path(), "b.kluis", &[&gens(9, 2)]);
    let (mut c, org_c) = vault_with(dir.path(), "c.kluis", &[&gens(11, 3)]);
    let files = contribute_all(dir.path(), &mut a, &mut b, &mut c);
    assert!(
        matches!(
            joint::import_contribution(&mut c, &files[0], clock()),
            Err(JointError::Exists)
        ),
        "the same contribution twice adds nothing"
    );
    let again = dir.path().join("bijdrage-a-opnieuw.age");
    let to = receive_key(&mut c, clock()).expect("key").recipient;
    joint::contribute(
        &mut a,
        org_a,
        ReportPeriod::Year(2025),
        &to,
        &again,
        clock(),
    )
    .expect("A writes a second contribution");
    assert!(
        matches!(
            joint::import_contribution(&mut c, &std::fs::read(&again).expect("read"), clock()),
            Err(JointError::Exists)
        ),
        "a second contribution of the same colleague for the same period would count twice"
    );
    assert_eq!(
        joint::contributions(c.store(), org_c, ReportPeriod::Year(2025))
            .expect("list")
            .len(),
        2,
        "two contributions listed"
    );
    assert!(
        matches!(
            joint::receipts(&mut c, org_c, ReportPeriod::Year(2025), dir.path(), clock()),
            Err(JointError::NotPublished)
        ),
        "no receipts before the joint report is exported"
    );
    let joint_report = prepare(c.store(), &request(org_c, true)).expect("joint");
    record(c.store_mut(), &joint_report, clock()).expect("recorded");
    let out = dir.path().join("bewijzen");
    std::fs::create_dir(&out).expect("dir");
    let receipts =
        joint::receipts(&mut c, org_c, ReportPeriod::Year(2025), &out, clock()).expect("receipts");
    assert_eq!(receipts.len(), 2, "one receipt per contributor");
    let a_fp = kluis::handover::fingerprint(&receive_key(&mut a, clock()).expect("key").recipient);
    let for_a = receipts
        .iter()
        .find(|r| r.recipient == a_fp)
        .expect("a receipt for A");
    let bytes = std::fs::read(&for_a.path).expect("read");
    assert!(
        matches!(
            joint::import_receipt(&mut b, &bytes, clock()),
            Err(JointError::NotAReceipt)
        ),
        "B cannot take in A's receipt"
    );
    // One of the dossiers A sent is destroyed before the receipt comes: it is frozen as
    // sent, without its link, and the receipt is still taken in.
    let gone = a.store().dossiers(&Default::default()).expect("dossiers")[0].id;
    a.store()
        .connection()
        .execute("DELETE FROM dossiers WHERE id = ?1", [gone])
        .expect("destroyed");
    let got = joint::import_receipt(&mut a, &bytes, clock()).expect("A takes it in");
    let frozen: i64 = a
        .store()
        .connection()
        .query_row(
            "SELECT count(*) FROM report_counted WHERE organisation_id = ?1",
            [org_a],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(
        frozen, 12,
        "all twelve dossiers A sent are frozen, the destroyed one too"
    );
    let c_key = c.signing_key(clock()).expect("C's signing key");
    assert_eq!(
        got.signer,
        c_key.public_key().fingerprint(),
        "signed by the coordinator's key"
    );
    assert!(
        matches!(
            joint::import_receipt(&mut a, &bytes, clock()),
            Err(JointError::Exists)
        ),
        "a receipt is taken in once"
    );
    assert!(
        a.store()
            .released_reports(org_a)
            .expect("ledger")
            .iter()
            .any(|r| r.report_key.ends_with("/gezamenlijk")),
        "A's ledger now holds the joint report"
    );
    assert!(
        a.store()
            .organisations(true)
            .expect("organisations")
            .iter()
            .all(|o| o.name == CLIENT),
        "the other participants are never listed as organisations"
    );
}

/// The named attack "joint minus own": the client holds the joint report (A, B and C's
/// dossiers) and then A's own report of the same year. Subtracting A's report from the joint
/// one is a count of B and C's dossiers; none of their small counts may follow.
#[test]
fn attack_joint_minus_own_keeps_the_other_advisors_small_counts_hidden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ga, gb, gc) = (gens(21, 41), gens(6, 42), gens(7, 43));
    let (mut a, org_a) = vault_with(dir.path(), "a.kluis", &[&ga]);
    let (mut b, org_b) = vault_with(dir.path(), "b.kluis", &[&gb]);
    let (mut c, org_c) = vault_with(dir.path(), "c.kluis", &[&gc]);
    let truth_of = |v: &Vault, org: i64, as_org: i64| -> Vec<TrueDossier> {
        Truth::from_store(v.store(), &[org], &[2025])
            .dossiers
            .into_iter()
            .map(|mut d| {
                d.org = as_org;
                d
            })
            .collect()
    };
    // The reader's view: 1 = A's clients, 2 = B's, 3 = C's.
    let mut truth = Truth {
        dossiers: truth_of(&a, org_a, 1),
    };
    truth.dossiers.extend(truth_of(&b, org_b, 2));
    truth.dossiers.extend(truth_of(&c, org_c, 3));
    let vocab = vocab(a.store());

    contribute_all(dir.path(), &mut a, &mut b, &mut c);
    let joint_report = prepare(c.store(), &request(org_c, true)).expect("joint");
    assert!(
        joint_report.document.model.audit_passed,
        "the joint report passes"
    );
    record(c.store_mut(), &joint_report, clock()).expect("recorded");
    let out = dir.path().join("bewijzen");
    std::fs::create_dir(&out).expect("dir");
    let a_fp = kluis::handover::fingerprint(&receive_key(&mut a, clock()).expect("key").recipient);
    let receipts =
        joint::receipts(&mut c, org_c, ReportPeriod::Year(2025), &out, clock()).expect("receipts");
    let for_a = receipts
        .iter()
        .find(|r| r.recipient == a_fp)
        .expect("A's receipt");
    joint::import_receipt(&mut a, &std::fs::read(&for_a.path).expect("read"), clock())
        .expect("A takes in the receipt");

    let mut releases = vec![Release {
        orgs: vec![1, 2, 3],
        k: 5,
        strict: false,
        csv: csv(&joint_report),
    }];
    match prepare(a.store(), &request(org_a, false)) {
        Ok(own) => {
            assert!(own.document.model.audit_passed, "A's own report passes");
            releases.push(Release {
                orgs: vec![1],
                k: 5,
                strict: false,
                csv: csv(&own),
            });
        }
        Err(e) => eprintln!("joint minus own: A's own report is refused ({e})"),
    }
    let mut o = Oracle::new(&vocab, &releases);
    let year = quarters_of("2025").expect("a year");
    // B and C's clients together: what joint minus own would count.
    let others: Vec<(String, Sel)> = oracle::count_selections(&o, &vocab, 2, &year)
        .into_iter()
        .map(|(name, sel)| {
            (
                name,
                Sel {
                    orgs: [2, 3].into(),
                    ..sel
                },
            )
        })
        .collect();
    let small = assert_small_counts_hidden(
        "joint minus own: B and C's 2025",
        &mut o,
        &truth,
        others,
        false,
    );
    assert!(
        small > 0,
        "joint minus own: B and C have small counts for the attack to aim at"
    );
    assert_audit_passes("joint minus own", &vocab, &releases, &truth, &[1, 2, 3]);
    // The attack bites only when A's own report was published at all.
    assert_eq!(
        releases.len(),
        2,
        "A's own report was published after the joint one"
    );
}
