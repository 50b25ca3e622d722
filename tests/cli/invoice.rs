//! `kluis invoice` as a process: a month's invoices for three organisations drafted from the
//! time registered with the CLI, made final, written as PDF and UBL (checked with xmllint
//! against the OASIS UBL 2.1 schemas and with pdftotext), one credited, the register as CSV;
//! a draft's lines edited; and the refusals with their codes. Only synthetic data.

use super::*;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

const LINDE: &str = "Zorggroep De Linde";
const BAKKERIJ: &str = "Bakkerij De Korenschoof";
const SCHOOL: &str = "Basisschool De Regenboog";

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

/// Runs a tool that must be installed (make deps) and returns whether it succeeded, with
/// its output.
fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} must be installed (make deps): {e}"));
    (
        out.status.success(),
        format!("{}{}", text(&out.stdout), text(&out.stderr)),
    )
}

/// Validates a UBL file against its OASIS main document schema.
fn assert_valid_ubl(xml: &Path, document: &str) {
    let xsd = schemas().join(format!("maindoc/UBL-{document}-2.1.xsd"));
    let (valid, said) = tool(
        "xmllint",
        &[
            "--noout",
            "--schema",
            xsd.to_str().expect("a UTF-8 path"),
            xml.to_str().expect("a UTF-8 path"),
        ],
    );
    assert!(
        valid,
        "the UBL {document} must pass the OASIS schema: {said}"
    );
}

/// A vault with three organisations, each with one dossier and a 90-minute conversation in
/// February 2026, 120 minutes of information sessions for De Linde, the advisor's complete
/// details and an agreement of a different kind for each organisation.
fn february(d: &Path) {
    ok(d, "init v.kluis");
    for (name, employees, arrangement) in [
        (LINDE, 400, "maatwerk"),
        (BAKKERIJ, 40, "collectief"),
        (SCHOOL, 30, "collectief"),
    ] {
        ok(
            d,
            &format!(
                "org add v.kluis --name '{name}' --employees {employees} --arrangement {arrangement}"
            ),
        );
        let dossier = json(
            d,
            &format!(
                "dossier add v.kluis --org '{name}' --type melding_omgangsvormen \
                 --opened 2026-02-03 --category pesten --action luisterend_oor --relation collega"
            ),
        );
        let number = dossier["number"].as_str().expect("a dossier number");
        ok(
            d,
            &format!(
                "conversation add v.kluis {number} --date 2026-02-10 --minutes 90 --mode persoonlijk"
            ),
        );
    }
    ok(
        d,
        &format!(
            "time add v.kluis --org '{LINDE}' --date 2026-02-12 --minutes 120 --activity voorlichting"
        ),
    );
    let details = json(
        d,
        "invoice details v.kluis --name 'Praktijk Vertrouwd (verzonnen)' \
         --street 'Voorbeeldstraat 1' --postcode 1234ab --city Nergenshuizen --kvk 12345678 \
         --vat-number NL123456789B01 --iban 'NL91 ABNA 0417 1643 00'",
    );
    assert_eq!(
        (&details["address"]["postcode"], &details["iban"]),
        (&Value::from("1234 AB"), &Value::from("NL91ABNA0417164300")),
        "the core tidied the details the CLI passed on: {details}"
    );
    let debtor = "--debtor-street 'Postbus 12' --debtor-postcode '9999 ZZ' \
                  --debtor-city Verzonnenstad";
    for (name, terms) in [
        (
            LINDE,
            "--yearly-fee 2400 --hourly-rate 110,00 --hours-included 1 --vat 21 \
             --debtor-kvk 87654321 --debtor-reference PO-4711",
        ),
        (BAKKERIJ, "--hourly-rate 95 --vat 21"),
        (SCHOOL, "--conversation-fee 120.00 --vat 0"),
    ] {
        ok(
            d,
            &format!("invoice agreement v.kluis '{name}' {terms} {debtor}"),
        );
    }
}

/// The invoice of an organisation in a `--json invoice list`.
fn invoice_of<'a>(list: &'a Value, org: &str, status: &str) -> &'a Value {
    list.as_array()
        .expect("invoice list --json is a list")
        .iter()
        .find(|i| i["organisation"] == org && i["status"] == status)
        .unwrap_or_else(|| panic!("{org} has a {status} invoice: {list}"))
}

#[test]
fn three_organisations_are_invoiced_exported_credited_and_registered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    february(d);

    let agreement = json(d, &format!("invoice agreement v.kluis '{LINDE}'"));
    assert_eq!(
        (
            &agreement["agreement"]["yearly_fee_cents"],
            &agreement["agreement"]["hourly_rate_cents"],
            &agreement["agreement"]["vat_rate_bp"],
        ),
        (
            &Value::from(240_000),
            &Value::from(11_000),
            &Value::from(2100)
        ),
        "euro amounts were stored as cents and 21 as 2100 basis points: {agreement}"
    );

    let drafted = ok(d, "invoice draft v.kluis --period 2026-02");
    assert_eq!(
        drafted.matches("Concept (id ").count(),
        3,
        "one draft per organisation with an agreement:\n{drafted}"
    );
    for name in [LINDE, BAKKERIJ, SCHOOL] {
        assert!(
            drafted.contains(&format!("· {name} · februari 2026")),
            "{name}'s draft is printed with its period:\n{drafted}"
        );
    }
    assert!(
        drafted.contains("Let op: 2:30 uur boven de inbegrepen uren"),
        "De Linde used 3:30 of 1 included hour: the warning is printed:\n{drafted}"
    );
    assert!(
        drafted.contains("€ 172,43"),
        "the bakery's 1,5 hours at € 95 plus 21% VAT is € 172,43 (the core's money format):\n{drafted}"
    );
    let again = ok(d, "invoice draft v.kluis --period 2026-02");
    assert_eq!(
        again.matches("Overgeslagen:").count(),
        3,
        "drafting the period again skips every organisation, saying so:\n{again}"
    );

    let list = json(d, "invoice list v.kluis");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(3),
        "three drafts, no duplicates from the second run: {list}"
    );
    let draft_id = invoice_of(&list, LINDE, "concept")["id"].clone();
    let (error, stderr) = json_error(
        d,
        &format!("invoice export v.kluis {draft_id} --pdf concept.pdf"),
    );
    assert_eq!(
        error["code"], "invoice_not_final",
        "a draft has no number and is never exported: {error}"
    );
    assert!(
        stderr.contains("definitief"),
        "the reason is on stderr in Dutch: {stderr}"
    );
    assert!(!d.join("concept.pdf").exists(), "nothing was written");

    let mut numbers = Vec::new();
    for name in [LINDE, BAKKERIJ, SCHOOL] {
        let id = invoice_of(&list, name, "concept")["id"].clone();
        let fin = json(
            d,
            &format!("invoice finalize v.kluis {id} --issued-on 2026-03-02"),
        );
        assert_eq!(fin["status"], "definitief", "{name}'s invoice is final");
        let number = fin["number"].as_str().expect("a final number").to_owned();
        let file = |ext: &str| format!("{}.{ext}", number.to_lowercase());
        let files = json(
            d,
            &format!(
                "invoice export v.kluis {number} --pdf {} --ubl {}",
                file("pdf"),
                file("xml")
            ),
        );
        let files = files.as_array().expect("export --json lists the files");
        assert_eq!(files.len(), 2, "the PDF and the UBL file are written");
        for f in files {
            let path = d.join(f["path"].as_str().expect("a path"));
            let bytes = std::fs::read(&path).expect("the file exists");
            assert_eq!(
                f["sha256"],
                format!("{:x}", Sha256::digest(&bytes)),
                "the printed SHA-256 is the file's"
            );
        }
        assert_valid_ubl(&d.join(file("xml")), "Invoice");
        let pdf = d.join(file("pdf"));
        let (read, pdf_text) = tool("pdftotext", &[pdf.to_str().expect("UTF-8"), "-"]);
        assert!(read, "pdftotext reads the PDF: {pdf_text}");
        assert!(
            pdf_text.contains(&number) && pdf_text.contains("februari 2026"),
            "the PDF shows {number} and the period:\n{pdf_text}"
        );
        numbers.push(number);
    }
    assert_eq!(
        numbers,
        ["F2026-0001", "F2026-0002", "F2026-0003"],
        "final invoices are numbered in sequence with the default pattern"
    );

    let credit = json(
        d,
        "invoice credit v.kluis F2026-0002 --issued-on 2026-03-20",
    );
    assert_eq!(
        (&credit["number"], &credit["organisation"]),
        (&Value::from("F2026-0004"), &Value::from(BAKKERIJ)),
        "the credit invoice takes the next number: {credit}"
    );
    assert_eq!(
        credit["totals"]["gross_cents"], -17_243,
        "it credits the whole € 172,43"
    );
    json(d, "invoice export v.kluis F2026-0004 --ubl credit.xml");
    assert_valid_ubl(&d.join("credit.xml"), "CreditNote");
    let paid = json(
        d,
        "invoice register v.kluis F2026-0001 --sent 2026-03-03 --paid 2026-03-18",
    );
    assert_eq!(
        (&paid["sent_on"], &paid["paid_on"]),
        (&Value::from("2026-03-03"), &Value::from("2026-03-18")),
        "sending and payment are recorded: {paid}"
    );

    let out = ok(
        d,
        "invoice csv v.kluis --out register.csv --dialect excel-nl",
    );
    assert!(
        out.contains("SHA-256"),
        "the register's hash is printed: {out}"
    );
    let csv = std::fs::read_to_string(d.join("register.csv")).expect("the register exists");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows.len(),
        5,
        "a header and four final invoices (three and a credit):\n{csv}"
    );
    assert!(
        rows[0].starts_with("\u{feff}factuurnummer;"),
        "Dutch Excel: a BOM and semicolons: {}",
        rows[0]
    );
    assert!(
        rows[1].contains("F2026-0001") && rows[1].ends_with(";2026-03-03;2026-03-18"),
        "the register holds the sent and paid dates: {}",
        rows[1]
    );
    let table = ok(d, "invoice list v.kluis");
    assert!(
        table.contains("creditfactuur") && table.contains("F2026-0004"),
        "the list names the credit invoice:\n{table}"
    );
}

#[test]
fn a_drafts_lines_are_edited_and_refusals_carry_their_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, "init v.kluis");
    ok(
        d,
        &format!("org add v.kluis --name '{BAKKERIJ}' --employees 40 --arrangement collectief"),
    );
    ok(
        d,
        &format!(
            "time add v.kluis --org '{BAKKERIJ}' --date 2026-02-12 --minutes 90 --activity voorlichting"
        ),
    );
    let (error, _) = json_error(d, "invoice draft v.kluis --period 2026-02 Bakkerij");
    assert_eq!(
        error["code"], "not_found",
        "an organisation that does not exist is not found: {error}"
    );
    let (error, stderr) = json_error(
        d,
        &format!("invoice draft v.kluis --period 2026-02 '{BAKKERIJ}'"),
    );
    assert!(
        error["code"] == "not_found" && stderr.contains("kluis invoice agreement"),
        "without an agreement the command says how to make one: {error} {stderr}"
    );
    ok(
        d,
        &format!(
            "invoice agreement v.kluis '{BAKKERIJ}' --hourly-rate 95 --vat 21 \
             --debtor-street 'Postbus 12' --debtor-postcode '9999 ZZ' --debtor-city Verzonnenstad"
        ),
    );
    let drafted = json(
        d,
        &format!("invoice draft v.kluis --period 2026-02 '{BAKKERIJ}'"),
    );
    let draft = &drafted["drafted"][0];
    let id = draft["id"].clone();
    assert_eq!(
        draft["lines"].as_array().map(Vec::len),
        Some(1),
        "one line: 1,5 hours of information sessions: {drafted}"
    );

    let added = json_with_stdin(
        d,
        &format!(
            "invoice add-line v.kluis {id} --description-file - --quantity 2 --unit piece \
             --price 12,50 --vat 21"
        ),
        "Reiskosten (verzonnen)\n",
    );
    assert_eq!(
        added["lines"][1]["description"], "Reiskosten (verzonnen)",
        "the description is read from standard input, trimmed: {added}"
    );
    assert_eq!(
        added["totals"]["net_cents"],
        14_250 + 2_500,
        "1,5 h at € 95 plus 2 at € 12,50"
    );
    let changed = json(
        d,
        &format!("invoice set-line v.kluis {id} 2 --quantity -1 --description 'Korting'"),
    );
    assert_eq!(
        (
            &changed["lines"][1]["quantity_milli"],
            &changed["lines"][1]["unit_price_cents"],
            &changed["lines"][1]["description"],
        ),
        (
            &Value::from(-1000),
            &Value::from(1250),
            &Value::from("Korting")
        ),
        "only the flags given change; a deduction is a negative quantity: {changed}"
    );
    let (error, _) = json_error(d, &format!("invoice remove-line v.kluis {id} 3"));
    assert_eq!(
        error["code"], "not_found",
        "there is no third line: {error}"
    );
    let removed = json(d, &format!("invoice remove-line v.kluis {id} 1"));
    assert_eq!(
        removed["lines"].as_array().map(Vec::len),
        Some(1),
        "the first line is gone, the deduction stays: {removed}"
    );

    let (error, stderr) = json_error(d, &format!("invoice finalize v.kluis {id}"));
    assert_eq!(
        error["code"], "validation",
        "without the advisor's details no final invoice: {error}"
    );
    let fields: Vec<&str> = error["fields"]
        .as_array()
        .expect("the invalid fields are listed")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert!(
        fields.contains(&"kvk") && fields.contains(&"iban"),
        "the core lists what is missing: {fields:?}"
    );
    assert!(
        stderr.contains("kluis invoice details --kvk"),
        "the message names the command that fills it: {stderr}"
    );

    let deleted = json(d, &format!("invoice delete-draft v.kluis {id}"));
    assert_eq!(deleted["deleted"], id, "the draft is deleted");
    let (error, _) = json_error(d, &format!("invoice show v.kluis {id}"));
    assert_eq!(
        error["code"], "not_found",
        "a deleted draft is gone: {error}"
    );
    let out = output(kluis(d, "invoice agreement v.kluis x --yearly-fee 1.200"));
    assert_eq!(
        out.status.code(),
        Some(2),
        "an amount with a thousands separator is a usage error, never 1,20 euro"
    );
}
