//! Invoicing through the core on a real vault: agreements of three kinds, drafts from the
//! registered time, final invoices numbered in sequence that never change, a credit invoice,
//! the register, all reopened from the encrypted file.

use super::util::*;
use kluis::Lang;
use kluis::invoice::{Agreement, Debtor, InvoicePeriod, PostalAddress};
use kluis::model::*;
use kluis::store::{AdvisorDetails, InvoiceStatus, StoreError, iban_valid};
use kluis::vault::Vault;

fn minutes_on(vault: &mut Vault, org: i64, day_: &str, conversations: &[i64]) {
    let mut input = DossierInput::new(org, ContactType::Consult, day(day_));
    input.categories = vec!["pesten".into()];
    let d = vault
        .store_mut()
        .add_dossier(&input, clock())
        .expect("dossier");
    for &m in conversations {
        vault
            .store_mut()
            .add_conversation(
                d.id,
                &ConversationInput {
                    held_on: day(day_),
                    minutes: m,
                    mode: ConversationMode::Persoonlijk,
                },
                clock(),
            )
            .expect("conversation");
    }
}

fn time(vault: &mut Vault, org: i64, day_: &str, minutes: i64, activity: Activity) {
    vault
        .store_mut()
        .add_time_entry(
            &TimeEntryInput {
                organisation_id: org,
                spent_on: day(day_),
                minutes,
                activity,
                description: "Verzonnen omschrijving".into(),
            },
            clock(),
        )
        .expect("time entry");
}

/// A synthetic Dutch address.
pub fn address(street: &str, postcode: &str, city: &str) -> PostalAddress {
    PostalAddress {
        street: street.into(),
        postcode: postcode.into(),
        city: city.into(),
        country: "NL".into(),
    }
}

/// A debtor with an address (what a final invoice needs).
pub fn debtor(reference: &str) -> Debtor {
    Debtor {
        address: address("Postbus 12", "9999 ZZ", "Verzonnenstad"),
        reference: reference.into(),
        ..Debtor::default()
    }
}

/// The synthetic advisor's complete details.
pub fn details() -> AdvisorDetails {
    AdvisorDetails {
        name: "Praktijk Vertrouwd (verzonnen)".into(),
        address: address("Voorbeeldstraat 1", "1234ab", "Nergenshuizen"),
        kvk: "12345678".into(),
        vat_number: "NL123456789B01".into(),
        iban: "NL91 ABNA 0417 1643 00".into(),
        ..AdvisorDetails::default()
    }
}

#[test]
fn a_months_invoices_for_three_agreements_are_drafted_numbered_credited_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _) = Vault::create(&vault_path(dir.path()), &pass(), clock()).expect("vault");
    let linde = add_org(&mut v, "Zorggroep De Linde", 400);
    let bakkerij = add_org(&mut v, "Bakkerij De Korenschoof", 40);
    let school = add_org(&mut v, "Basisschool De Regenboog", 30);
    let s = v.store_mut();
    s.set_agreement(
        linde,
        &Agreement {
            yearly_fee_cents: 240_000,
            hourly_rate_cents: 11_000,
            hours_included: 12,
            vat_rate_bp: 2100,
            debtor: debtor("PO-4711"),
            ..Agreement::default()
        },
        clock(),
    )
    .expect("subscription with included hours");
    s.set_agreement(
        bakkerij,
        &Agreement {
            hourly_rate_cents: 9_500,
            vat_rate_bp: 2100,
            debtor: debtor(""),
            ..Agreement::default()
        },
        clock(),
    )
    .expect("hourly");
    s.set_agreement(
        school,
        &Agreement {
            conversation_fee_cents: 12_000,
            vat_rate_bp: 2100,
            debtor: debtor(""),
            ..Agreement::default()
        },
        clock(),
    )
    .expect("per conversation");
    // De Linde used 11 of its 12 hours before March.
    minutes_on(&mut v, linde, "2026-02-10", &[660]);
    minutes_on(&mut v, linde, "2026-03-03", &[60, 60]);
    time(&mut v, linde, "2026-03-20", 90, Activity::Voorlichting);
    minutes_on(&mut v, bakkerij, "2026-03-12", &[45]);
    time(&mut v, bakkerij, "2026-03-13", 30, Activity::Overleg);
    minutes_on(&mut v, school, "2026-03-05", &[50, 40, 30]);
    minutes_on(&mut v, school, "2026-04-01", &[50]);

    let march = InvoicePeriod::parse("2026-03").unwrap();
    let s = v.store_mut();
    let a = s
        .draft_invoice(linde, march, Lang::Nl, clock())
        .expect("draft");
    let lines: Vec<(&str, i64, i64)> = a
        .lines
        .iter()
        .map(|l| (l.description.as_str(), l.quantity_milli, l.unit_price_cents))
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                "Abonnement externe vertrouwenspersoon, maart 2026",
                1000,
                20_000
            ),
            (
                "Gesprekken met medewerkers (binnen het abonnement), maart 2026",
                1000,
                0
            ),
            ("Gesprekken met medewerkers, maart 2026", 1000, 11_000),
            ("Voorlichting, maart 2026", 1500, 11_000),
        ],
        "the last included hour, then the hourly rate; never a dossier or a date"
    );
    assert_eq!(
        a.over_included_minutes,
        Some(150),
        "the draft warns: 14.5 of 12 hours"
    );
    assert_eq!(
        a.debtor.name, "Zorggroep De Linde",
        "the organisation's name when none is set"
    );
    assert_eq!(a.totals.net_cents, 20_000 + 11_000 + 16_500);
    let b = s
        .draft_invoice(bakkerij, march, Lang::Nl, clock())
        .expect("draft");
    assert_eq!(b.totals.net_cents, 11_875, "1.25 hours at 95.00");
    let c = s
        .draft_invoice(school, march, Lang::Nl, clock())
        .expect("draft");
    assert_eq!(
        c.totals.net_cents, 36_000,
        "three conversations in March, not April's"
    );
    let e = s
        .draft_invoice(school, march, Lang::Nl, clock())
        .expect_err("one draft per period");
    assert!(matches!(e, StoreError::Validation(_)), "{e:?}");

    // Without the advisor's own details nothing is final.
    let e = s
        .finalize_invoice(a.id, day("2026-04-01"), clock())
        .expect_err("no details");
    let StoreError::Validation(v_) = e else {
        panic!("a validation error")
    };
    let fields: Vec<&str> = v_.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "name",
            "kvk",
            "iban",
            "street",
            "postcode",
            "city",
            "vat_number"
        ],
        "what a final invoice must show"
    );
    s.set_advisor_details(&details()).expect("details");

    // The advisor adjusts a line of a draft, then finalises all three in order.
    let mut adjusted = b.lines.clone();
    adjusted[0].description = "Advies en gesprekken, maart 2026".into();
    s.update_draft_lines(b.id, &adjusted)
        .expect("a draft changes");
    let numbers: Vec<String> = [a.id, b.id, c.id]
        .iter()
        .map(|&id| {
            s.finalize_invoice(id, day("2026-04-01"), clock())
                .expect("final")
                .number
                .expect("a number")
        })
        .collect();
    assert_eq!(
        numbers,
        vec!["F2026-0001", "F2026-0002", "F2026-0003"],
        "in sequence"
    );
    let final_b = s.invoice(b.id).unwrap();
    assert_eq!(final_b.due_on, Some(day("2026-05-01")), "30 days");
    let e = s.update_draft_lines(b.id, &adjusted).expect_err("final");
    assert!(format!("{e:?}").contains("InvoiceFinal"), "{e:?}");
    assert!(
        s.delete_draft(a.id).is_err(),
        "a final invoice is never deleted"
    );

    let credit = s
        .credit_invoice(b.id, day("2026-04-15"), clock())
        .expect("credit");
    assert_eq!(
        credit.number.as_deref(),
        Some("F2026-0004"),
        "the same sequence, never reused"
    );
    assert_eq!(credit.credit_of, Some(b.id));
    assert_eq!(
        credit.totals.gross_cents, -final_b.totals.gross_cents,
        "it cancels the invoice"
    );
    assert!(
        s.credit_invoice(b.id, day("2026-04-15"), clock()).is_err(),
        "credited once"
    );
    assert!(
        s.credit_invoice(credit.id, day("2026-04-15"), clock())
            .is_err(),
        "a credit is not credited"
    );
    s.set_invoice_register(
        a.id,
        Some(day("2026-04-01")),
        Some(day("2026-04-20")),
        clock(),
    )
    .expect("paid");
    v.save(clock()).expect("saves");
    drop(v);

    let v = Vault::open(&vault_path(dir.path()), &unlock_pass(), clock()).expect("reopens");
    let all = v.store().invoices(None).unwrap();
    let kept: Vec<(Option<&str>, InvoiceStatus)> = all
        .iter()
        .map(|i| (i.number.as_deref(), i.status))
        .collect();
    assert_eq!(
        kept,
        vec![
            (Some("F2026-0001"), InvoiceStatus::Definitief),
            (Some("F2026-0002"), InvoiceStatus::Definitief),
            (Some("F2026-0003"), InvoiceStatus::Definitief),
            (Some("F2026-0004"), InvoiceStatus::Definitief),
        ]
    );
    assert_eq!(all[0].paid_on, Some(day("2026-04-20")));
    assert_eq!(
        all[1].lines[0].description, "Advies en gesprekken, maart 2026",
        "the adjusted line"
    );
    assert_eq!(all[0].debtor.reference, "PO-4711");
    assert_eq!(
        v.store().advisor_details().unwrap().address.postcode,
        "1234 AB",
        "a Dutch postcode is kept in its usual form"
    );
}

#[test]
fn advisor_details_are_checked_as_a_bookkeeper_would() {
    assert!(
        iban_valid("NL91 ABNA 0417 1643 00"),
        "a valid Dutch IBAN with blanks"
    );
    assert!(!iban_valid("NL92ABNA0417164300"), "a wrong check digit");
    let mut d = details();
    d.kvk = "1234567".into();
    d.iban = "NL91ABNA0417164301".into();
    d.vat_number = "NL123456789X01".into();
    d.number_pattern = "factuur-{jaar}".into();
    let e = d.validate(true).expect_err("four mistakes");
    let fields: Vec<(&str, ValidationCode)> = e
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.code))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("kvk", ValidationCode::InvalidFormat),
            ("iban", ValidationCode::InvalidFormat),
            ("vat_number", ValidationCode::InvalidFormat),
            ("number_pattern", ValidationCode::InvalidFormat),
        ]
    );
}
