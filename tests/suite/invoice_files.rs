//! Invoices leaving the vault: a month's invoices for three organisations as PDF and as the
//! Dutch e-invoice (UBL 2.1, NLCIUS), each UBL file validated by xmllint against the OASIS
//! UBL 2.1 schemas and read back with XPath; the PDF read with pdftotext and pdffonts; the
//! register as CSV; every file in the export log with its hash, nothing overwritten, no
//! draft exported.

use super::invoices::{debtor, details};
use super::util::*;
use kluis::Lang;
use kluis::invoice::export::{InvoiceExportRequest, export_invoice, export_register};
use kluis::invoice::{Agreement, InvoiceLine, InvoicePeriod, InvoiceUnit};
use kluis::model::*;
use kluis::report::export::ExportError;
use kluis::report::render::csv::CsvDialect;
use kluis::vault::Vault;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where `tests/ubl/fetch-schemas.sh` put the OASIS schemas (`make test` runs it first).
fn schemas() -> PathBuf {
    let dir = std::env::var_os("KLUIS_UBL_SCHEMAS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".cache/ubl-2.1"));
    assert!(
        dir.join("maindoc/UBL-Invoice-2.1.xsd").is_file(),
        "the UBL 2.1 schemas are missing: run tests/ubl/fetch-schemas.sh (make test does)"
    );
    dir
}

fn run(tool: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (make deps): {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Validates a file against a UBL main document schema with libxml2's xmllint.
fn assert_valid(xml: &Path, document: &str) {
    let xsd = schemas().join(format!("maindoc/UBL-{document}-2.1.xsd"));
    let (ok, text) = run(
        "xmllint",
        &[
            "--noout",
            "--schema",
            xsd.to_str().unwrap(),
            xml.to_str().unwrap(),
        ],
    );
    assert!(ok, "the UBL {document} must pass the OASIS schema: {text}");
}

/// One value read from the XML with XPath by element names (namespaces ignored).
fn xpath(xml: &Path, path: &str) -> String {
    let expr = path
        .split('/')
        .map(|n| {
            let (name, predicate) = n.split_at(n.find('[').unwrap_or(n.len()));
            if name.is_empty() {
                String::new()
            } else {
                format!("*[local-name()='{name}']{predicate}")
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    let (ok, text) = run(
        "xmllint",
        &["--xpath", &format!("string({expr})"), xml.to_str().unwrap()],
    );
    assert!(ok, "xmllint reads {path}: {text}");
    // xmllint ends its answer with a newline of its own.
    text.strip_suffix('\n').unwrap_or(&text).to_owned()
}

fn cents(decimal: &str) -> i64 {
    let (whole, frac) = decimal
        .trim()
        .split_once('.')
        .unwrap_or_else(|| panic!("an amount with two decimals, not {decimal:?}"));
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    sign * (whole.trim_start_matches('-').parse::<i64>().unwrap() * 100
        + frac.parse::<i64>().unwrap())
}

struct Month {
    _dir: tempfile::TempDir,
    out: PathBuf,
    vault: Vault,
    invoices: Vec<i64>,
}

/// Three organisations with three kinds of agreement, October's time, October's invoices
/// drafted and made final on 2 November.
fn october() -> Month {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    std::fs::create_dir(&out).unwrap();
    let (mut v, _) = Vault::create(&vault_path(dir.path()), &pass(), clock()).expect("vault");
    let orgs = [
        add_org(&mut v, "Zorggroep De Linde", 400),
        add_org(&mut v, "Bakkerij De Korenschoof", 40),
        add_org(&mut v, "Basisschool De Regenboog", 30),
    ];
    let agreements = [
        Agreement {
            yearly_fee_cents: 240_000,
            hourly_rate_cents: 11_000,
            hours_included: 12,
            vat_rate_bp: 2100,
            debtor: kluis::invoice::Debtor {
                kvk: "87654321".into(),
                ..debtor("PO-4711")
            },
            ..Agreement::default()
        },
        Agreement {
            hourly_rate_cents: 9_500,
            vat_rate_bp: 2100,
            debtor: debtor(""),
            ..Agreement::default()
        },
        Agreement {
            conversation_fee_cents: 12_000,
            vat_rate_bp: 0,
            debtor: debtor(""),
            ..Agreement::default()
        },
    ];
    let s = v.store_mut();
    s.set_advisor_details(&details()).expect("details");
    for (org, a) in orgs.iter().zip(&agreements) {
        s.set_agreement(*org, a, clock()).expect("agreement");
        let mut input = DossierInput::new(*org, ContactType::Consult, day("2026-10-06"));
        input.categories = vec!["pesten".into()];
        let d = s.add_dossier(&input, clock()).expect("dossier");
        for minutes in [50, 70] {
            s.add_conversation(
                d.id,
                &ConversationInput {
                    held_on: day("2026-10-06"),
                    minutes,
                    mode: ConversationMode::Persoonlijk,
                },
                clock(),
            )
            .expect("conversation");
        }
    }
    let period = InvoicePeriod::parse("2026-10").unwrap();
    let invoices = orgs
        .iter()
        .map(|&org| {
            let draft = s
                .draft_invoice(org, period, Lang::Nl, clock())
                .expect("draft");
            s.finalize_invoice(draft.id, day("2026-11-02"), clock())
                .expect("final")
                .id
        })
        .collect();
    Month {
        _dir: dir,
        out,
        vault: v,
        invoices,
    }
}

fn export(m: &mut Month, id: i64, name: &str) -> (PathBuf, PathBuf) {
    let pdf = m.out.join(format!("{name}.pdf"));
    let ubl = m.out.join(format!("{name}.xml"));
    let files = export_invoice(
        &mut m.vault,
        &InvoiceExportRequest {
            invoice_id: id,
            lang: Lang::Nl,
            pdf: Some(pdf.clone()),
            ubl: Some(ubl.clone()),
        },
        clock(),
    )
    .expect("exported");
    assert_eq!(files.len(), 2, "both files written");
    for f in &files {
        let bytes = std::fs::read(&f.path).unwrap();
        assert_eq!(
            f.sha256,
            format!("{:x}", Sha256::digest(&bytes)),
            "the hash names the file written"
        );
    }
    (pdf, ubl)
}

#[test]
fn a_months_invoices_for_three_organisations_pass_the_ubl_schema_and_read_back_right() {
    let mut m = october();
    let logged_before = m.vault.store().export_log().unwrap().len();
    for (i, id) in m.invoices.clone().into_iter().enumerate() {
        let inv = m.vault.store().invoice(id).unwrap();
        let (pdf, ubl) = export(&mut m, id, &format!("factuur-{i}"));
        assert_valid(&ubl, "Invoice");
        assert_eq!(xpath(&ubl, "/Invoice/ID"), inv.number.clone().unwrap());
        assert_eq!(
            xpath(&ubl, "/Invoice/CustomizationID"),
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0",
            "declares NLCIUS"
        );
        assert_eq!(
            cents(&xpath(&ubl, "/Invoice/LegalMonetaryTotal/PayableAmount")),
            inv.totals.gross_cents,
            "the e-invoice asks what the invoice asks"
        );
        assert_eq!(
            cents(&xpath(&ubl, "/Invoice/TaxTotal/TaxAmount")),
            inv.totals.vat_cents
        );
        let line_sum: i64 = (1..=inv.lines.len())
            .map(|n| {
                cents(&xpath(
                    &ubl,
                    &format!("/Invoice/InvoiceLine[{n}]/LineExtensionAmount"),
                ))
            })
            .sum();
        assert_eq!(
            cents(&xpath(
                &ubl,
                "/Invoice/LegalMonetaryTotal/LineExtensionAmount"
            )),
            line_sum,
            "EN 16931 BR-CO-10: the total is the sum of the lines"
        );
        assert_eq!(
            xpath(
                &ubl,
                "/Invoice/AccountingSupplierParty/Party/PartyLegalEntity/CompanyID"
            ),
            "12345678",
            "NLCIUS BR-NL-1: the seller's KvK number"
        );
        assert_eq!(
            xpath(&ubl, "/Invoice/PaymentMeans/PayeeFinancialAccount/ID"),
            "NL91ABNA0417164300"
        );

        let (ok, text) = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
        assert!(ok, "{text}");
        for expected in [
            "Factuur",
            inv.number.as_deref().unwrap(),
            "oktober 2026",
            "02-11-2026",
            "NL91 ABNA 0417 1643 00",
            &kluis::invoice::money(inv.totals.gross_cents, Lang::Nl),
        ] {
            assert!(
                text.contains(expected),
                "the PDF shows {expected:?}:\n{text}"
            );
        }
        // The invoice's own number (F2026-0001) is taken out before looking for a dossier
        // number (2026-0001) in the rest.
        let text = text.replace(inv.number.as_deref().unwrap(), "");
        for never in [
            "06-10-2026",
            "pesten",
            "Pesten",
            "2026-0001",
            "2026-0002",
            "2026-0003",
        ] {
            assert!(
                !text.contains(never),
                "no dossier date, category or dossier number on an invoice ({never:?})"
            );
        }
        let (ok, fonts) = run("pdffonts", &[pdf.to_str().unwrap()]);
        assert!(ok);
        for line in fonts.lines().skip(2) {
            assert!(
                line.contains("Inter"),
                "only the embedded report fonts: {line}"
            );
        }
    }
    let log = m.vault.store().export_log().unwrap();
    assert_eq!(log.len(), logged_before + 6, "every file is logged");
    assert!(
        log.iter()
            .take(6)
            .all(|e| e.kind == "invoice" && e.period == "2026-10")
    );

    // The 0% agreement is exempt, with its reason (EN 16931 BR-E-10).
    let school = m.out.join("factuur-2.xml");
    assert_eq!(
        xpath(&school, "/Invoice/TaxTotal/TaxSubtotal/TaxCategory/ID"),
        "E"
    );

    // A credit invoice is a UBL credit note that refers to what it credits.
    let original = m.vault.store().invoice(m.invoices[1]).unwrap();
    let credit = m
        .vault
        .store_mut()
        .credit_invoice(original.id, day("2026-11-20"), clock())
        .expect("credit");
    let (pdf, ubl) = export(&mut m, credit.id, "credit");
    assert_valid(&ubl, "CreditNote");
    assert_eq!(
        xpath(
            &ubl,
            "/CreditNote/BillingReference/InvoiceDocumentReference/ID"
        ),
        original.number.clone().unwrap()
    );
    assert_eq!(
        cents(&xpath(&ubl, "/CreditNote/LegalMonetaryTotal/PayableAmount")),
        original.totals.gross_cents,
        "a credit note states the credited amount as positive"
    );
    let (_, text) = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Creditfactuur") && text.contains(original.number.as_deref().unwrap()));

    // The register for the bookkeeper.
    let csv = m.out.join("register.csv");
    export_register(
        &mut m.vault,
        None,
        CsvDialect::ExcelNl,
        Lang::Nl,
        csv.clone(),
        clock(),
    )
    .expect("register");
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 5, "a header and four final invoices:\n{text}");
    assert!(rows[0].starts_with("\u{feff}factuurnummer;factuurdatum"));
    assert!(
        rows[4].contains(&format!(";{};", original.number.as_deref().unwrap())),
        "the credit row names what it credits: {}",
        rows[4]
    );
    assert!(
        rows[4].contains(&format!(
            "-{}",
            kluis::invoice::decimal(original.totals.gross_cents).replace('.', ",")
        )),
        "decimal comma for a Dutch Excel: {}",
        rows[4]
    );
    assert_eq!(
        m.vault.store().export_log().unwrap()[0].kind,
        "invoice_register"
    );
}

#[test]
fn a_draft_is_never_exported_and_an_existing_file_is_never_overwritten() {
    let mut m = october();
    let org = m
        .vault
        .store()
        .invoice(m.invoices[0])
        .unwrap()
        .organisation_id;
    let draft = m
        .vault
        .store_mut()
        .draft_invoice(
            org,
            InvoicePeriod::parse("2026-11").unwrap(),
            Lang::Nl,
            clock(),
        )
        .expect("a draft for November");
    let pdf = m.out.join("concept.pdf");
    let e = export_invoice(
        &mut m.vault,
        &InvoiceExportRequest {
            invoice_id: draft.id,
            lang: Lang::Nl,
            pdf: Some(pdf.clone()),
            ubl: None,
        },
        clock(),
    )
    .expect_err("a draft has no number");
    assert!(matches!(e, ExportError::NotFinal), "{e:?}");
    assert!(!pdf.exists(), "nothing written");

    let taken = m.out.join("bestaat.xml");
    std::fs::write(&taken, b"van de boekhouder").unwrap();
    let logged = m.vault.store().export_log().unwrap().len();
    let e = export_invoice(
        &mut m.vault,
        &InvoiceExportRequest {
            invoice_id: m.invoices[0],
            lang: Lang::Nl,
            pdf: Some(pdf.clone()),
            ubl: Some(taken.clone()),
        },
        clock(),
    )
    .expect_err("the XML name is taken");
    assert!(matches!(e, ExportError::Exists { index: 1 }), "{e:?}");
    assert_eq!(
        std::fs::read(&taken).unwrap(),
        b"van de boekhouder",
        "not overwritten"
    );
    assert!(
        !pdf.exists(),
        "all or nothing: the PDF is not written either"
    );
    assert_eq!(
        m.vault.store().export_log().unwrap().len(),
        logged,
        "nothing logged"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&m.out).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

#[test]
fn markup_in_a_line_stays_text_in_the_e_invoice_and_the_pdf() {
    let mut m = october();
    let org = m
        .vault
        .store()
        .invoice(m.invoices[1])
        .unwrap()
        .organisation_id;
    let s = m.vault.store_mut();
    let draft = s
        .draft_invoice(
            org,
            InvoicePeriod::parse("2026-09").unwrap(),
            Lang::Nl,
            clock(),
        )
        .expect("a draft");
    let hostile = "Advies <Item>&amp; ]]> \"R&D\" 'x' #set text(red)";
    s.update_draft_lines(
        draft.id,
        &[InvoiceLine {
            description: hostile.into(),
            quantity_milli: 2_500,
            unit: InvoiceUnit::Hour,
            unit_price_cents: 9_500,
            vat_rate_bp: 2100,
        }],
    )
    .expect("a line");
    let negative = s.update_draft_lines(
        draft.id,
        &[InvoiceLine {
            description: "Korting".into(),
            quantity_milli: 1_000,
            unit: InvoiceUnit::Piece,
            unit_price_cents: -100,
            vat_rate_bp: 2100,
        }],
    );
    assert!(
        negative.is_err(),
        "a price is never negative (BR-27); a deduction is a negative quantity"
    );
    let fin = s
        .finalize_invoice(draft.id, day("2026-11-02"), clock())
        .expect("final");
    let (pdf, ubl) = export(&mut m, fin.id, "vreemd");
    assert_valid(&ubl, "Invoice");
    assert_eq!(
        xpath(&ubl, "/Invoice/InvoiceLine/Item/Name"),
        hostile,
        "read back literally"
    );
    let (_, unit) = run(
        "xmllint",
        &[
            "--xpath",
            "string(//*[local-name()='InvoicedQuantity']/@unitCode)",
            ubl.to_str().unwrap(),
        ],
    );
    assert_eq!(unit.trim_end(), "HUR", "hours in the UN/ECE unit");
    let (_, text) = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("#set text(red)") && text.contains("R&D"),
        "Typst markup is printed, not run:\n{text}"
    );
}

/// Writes October's invoices and a credit note for a person to look at
/// (`cargo test --test tests invoice_files -- --ignored`), into `$KLUIS_PDF_SAMPLES`
/// (default `/tmp/pdfcheck`).
#[test]
#[ignore = "writes files for inspection"]
fn write_invoice_samples_for_inspection() {
    let out = PathBuf::from(
        std::env::var("KLUIS_PDF_SAMPLES").unwrap_or_else(|_| "/tmp/pdfcheck".into()),
    );
    std::fs::create_dir_all(&out).expect("sample dir");
    let mut m = october();
    m.out = out;
    for (i, id) in m.invoices.clone().into_iter().enumerate() {
        let _ = std::fs::remove_file(m.out.join(format!("invoice-{i}.pdf")));
        let _ = std::fs::remove_file(m.out.join(format!("invoice-{i}.xml")));
        export(&mut m, id, &format!("invoice-{i}"));
    }
    let credit = m
        .vault
        .store_mut()
        .credit_invoice(m.invoices[0], day("2026-11-20"), clock())
        .expect("credit");
    let _ = std::fs::remove_file(m.out.join("credit.pdf"));
    let _ = std::fs::remove_file(m.out.join("credit.xml"));
    export(&mut m, credit.id, "credit");
}
