//! The oracle on hand-written files: leaks it must find.

use super::*;

fn vocab() -> Vocabulary {
    let store = kluis::store::Store::create_empty(super::super::util::clock()).expect("store");
    Vocabulary::new(&store.categories().expect("categories"))
}

fn release(orgs: &[i64], csv: &str) -> Release {
    Release {
        orgs: orgs.to_vec(),
        k: 5,
        strict: false,
        csv: csv.replace('\n', "\r\n"),
    }
}

const HEADER: &str = "rapport,tabel,rij,kolom,periode,waarde,status\n";

#[test]
fn a_total_and_all_but_one_row_published_is_a_leak() {
    // Integriteit is withheld, but the total minus the other two groups gives it: 3.
    let csv = format!(
        "{HEADER}2025,Aantal contacten,Totaal,2025,2025,20,\n\
             2025,Aard van de meldingen (hoofdgroep),Ongewenste omgangsvormen,2025,2025,17,\n\
             2025,Aard van de meldingen (hoofdgroep),Integriteit,2025,2025,,C\n\
             2025,Aard van de meldingen (hoofdgroep),Overig,2025,2025,0,\n\
             2025,Aard van de meldingen (hoofdgroep),Totaal,2025,2025,20,\n"
    );
    let vocab = vocab();
    let mut oracle = Oracle::new(&vocab, &[release(&[1], &csv)]);
    let subject = oracle.subjects()[0].clone();
    assert_eq!(
        subject.status,
        Status::Withheld,
        "the C line is the subject"
    );
    assert!(subject.sensitive, "the integrity group is sensitive");
    let v = oracle.vector(&subject.sel).expect("expressible");
    assert!(
        oracle.derivable(&v),
        "20 - 17 - 0 gives the withheld group: the rank test must see it"
    );
    let iv = oracle.interval(&v, None);
    assert_eq!(
        (iv.min, iv.max),
        (3, Some(3)),
        "the interval of a derived cell is the single value"
    );
    let failures = interval_failures(&subject, 3, &iv, false);
    assert!(
        failures.len() >= 3,
        "upper, width and the sensitive lower bound all fail: {failures:?}"
    );
    // And the whole audit finds it, with true values that agree with the file.
    let mut truth = Truth::default();
    let cats = vocab.group("omgangsvormen").expect("group").clone();
    let integ = vocab.group("integriteit").expect("group").clone();
    for i in 0..20 {
        let cat = if i < 17 { cats.first() } else { integ.first() };
        truth.dossiers.push(TrueDossier {
            org: 1,
            quarter: (2025, 1),
            values: [(Attr::Category, [cat.expect("a category").clone()].into())].into(),
        });
    }
    let findings = audit(&mut oracle, &vocab, &truth, &[]).failures;
    assert!(
        findings
            .iter()
            .any(|f| f.contains("Integriteit") && f.contains("outsider interval 3..Some(3)")),
        "the audit reports the withheld group: {findings:?}"
    );
    assert!(
        findings.iter().any(|f| f.contains("derivable")),
        "the audit reports the small group count as derivable: {findings:?}"
    );
}

#[test]
fn a_band_and_a_sum_that_narrow_it_are_a_leak() {
    // Q1 and Q2 are each banded 1-4 and the half year is 7: each quarter is 3 or 4.
    let q1 = format!("{HEADER}2025-Q1,Aantal contacten,Totaal,1e kwartaal 2025,2025-Q1,1-4,B\n");
    let q2 = format!("{HEADER}2025-Q2,Aantal contacten,Totaal,2e kwartaal 2025,2025-Q2,1-4,B\n");
    let h1 = format!("{HEADER}2025-H1,Aantal contacten,Totaal,1e halfjaar 2025,2025-H1,7,\n");
    let vocab = vocab();
    let mut oracle = Oracle::new(
        &vocab,
        &[release(&[1], &q1), release(&[1], &q2), release(&[1], &h1)],
    );
    let band = oracle.subjects()[0].clone();
    assert_eq!(band.status, Status::Banded, "the Q1 band is a subject");
    let v = oracle.vector(&band.sel).expect("expressible");
    assert!(
        !oracle.derivable(&v),
        "Q1 alone is not a linear function of the files (only its sum with Q2 is)"
    );
    let iv = oracle.interval(&v, None);
    assert_eq!(
        (iv.min, iv.max),
        (3, Some(4)),
        "7 minus at most 4 leaves Q1 at 3 or 4"
    );
    assert!(
        !interval_failures(&band, 3, &iv, false).is_empty(),
        "a band narrowed to width 1 is a leak"
    );
    // Without the half year the band is intact.
    let mut alone = Oracle::new(&vocab, &[release(&[1], &q1), release(&[1], &q2)]);
    let v = alone.vector(&band.sel).expect("expressible");
    let iv = alone.interval(&v, None);
    assert_eq!((iv.min, iv.max), (1, Some(4)), "a band alone is 1..4");
    assert!(
        interval_failures(&band, 3, &iv, false).is_empty(),
        "a band alone passes for n = 3"
    );
}

#[test]
fn a_shown_row_holds_more_than_k_and_an_insider_narrows() {
    // Relation: Collega shown but withheld; the rest merged. The rule says Collega >= 6,
    // so with a total of 8 the merged rows hold at most 2 together.
    let csv = format!(
        "{HEADER}2025,Aantal contacten,Totaal,2025,2025,8,\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Collega,2025,2025,,C\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Overig (samengevoegd),2025,2025,,C\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Totaal,2025,2025,8,\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Leidinggevende,2025,2025,,S\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Ondergeschikte,2025,2025,,S\n\
             2025,Relatie tot de persoon over wie gemeld wordt,\"Extern (cliënt, patiënt, leerling, publiek)\",2025,2025,,S\n\
             2025,Relatie tot de persoon over wie gemeld wordt,Onbekend,2025,2025,,S\n"
    );
    let vocab = vocab();
    let mut oracle = Oracle::new(&vocab, &[release(&[1], &csv)]);
    let overig = oracle
        .subjects()
        .iter()
        .find(|s| s.what.contains("Overig (samengevoegd)"))
        .expect("the merged row")
        .clone();
    let v = oracle.vector(&overig.sel).expect("expressible");
    let iv = oracle.interval(&v, None);
    assert_eq!(
        (iv.min, iv.max),
        (0, Some(2)),
        "a shown row holds at least k + 1 = 6, so the merged rows hold 0..2 of 8"
    );
    let leiding = oracle
        .subjects()
        .iter()
        .find(|s| s.what.contains("Leidinggevende"))
        .expect("a merged code")
        .clone();
    let v = oracle.vector(&leiding.sel).expect("expressible");
    let insider = TrueDossier {
        org: 1,
        quarter: (2025, 2),
        values: [(Attr::Relation, ["leidinggevende".to_owned()].into())].into(),
    };
    let insider = oracle.insider(&insider);
    let iv = oracle.interval(&v, Some(&insider));
    assert_eq!(
        (iv.min, iv.max),
        (1, Some(2)),
        "an insider who complained about a manager knows the merged code is 1 or 2"
    );
}

#[test]
fn several_actions_per_dossier_are_counted_as_unions() {
    // Rows add up to more than the total: a dossier can have several actions. The merged
    // row counts dossiers with any of its actions once, so it lies between its largest code
    // (each at most 5) and the total.
    let t = "Ondernomen acties (meer per contact mogelijk)";
    let mut csv = format!(
        "{HEADER}2025,Aantal contacten,Totaal,2025,2025,10,\n\
         2025,{t},Luisterend oor,2025,2025,9,\n\
         2025,{t},Advies en informatie,2025,2025,7,\n\
         2025,{t},Overig (samengevoegd),2025,2025,,C\n\
         2025,{t},Totaal,2025,2025,10,\n"
    );
    for a in [
        "Verwijzing",
        "Begeleiding bij gesprek",
        "Bemiddeling via derde",
        "Formele klacht",
        "Interne melding misstand",
    ] {
        csv.push_str(&format!("2025,{t},{a},2025,2025,,S\n"));
    }
    let vocab = vocab().with_multi_valued(&[Attr::Action]);
    let mut oracle = Oracle::new(&vocab, &[release(&[1], &csv)]);
    let merged = oracle
        .subjects()
        .iter()
        .find(|s| s.status == Status::Withheld)
        .expect("the merged row is withheld")
        .clone();
    let v = oracle.vector(&merged.sel).expect("expressible");
    assert!(
        !oracle.derivable(&v),
        "a union of actions is not a function of the published counts"
    );
    let iv = oracle.interval(&v, None);
    assert_eq!(
        (iv.min, iv.max),
        (0, Some(10)),
        "the merged actions lie between 0 and the total (each code at most 5, five codes)"
    );
}
