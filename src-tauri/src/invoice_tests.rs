//! Invoicing through real IPC on the MockRuntime: the advisor's details and an agreement as
//! the UI sends them, a draft from the registered time, finalising, the files, and the
//! refusals arriving as codes the UI branches on (field errors, invoice_not_final,
//! file_exists).

use crate::ipc_tests::app;
use serde_json::json;

fn today() -> String {
    kluis::Clock::system().today.to_string()
}

#[test]
fn an_invoice_is_drafted_finalised_and_exported_through_ipc() {
    let a = app();
    a.create();
    let org = a.ok(
        "organisation_create",
        json!({ "input": { "name": "Stichting Verzonnen Zorg", "employee_count": 80,
                           "arrangement": "collectief", "contact_label": "" } }),
    );
    let org_id = org["id"].clone();
    a.ok(
        "time_entry_add",
        json!({ "input": { "organisation_id": org_id, "spent_on": today(), "minutes": 90,
                           "activity": "voorlichting", "description": "Verzonnen" } }),
    );
    let e = a.err(
        "agreement_set",
        json!({ "organisationId": org_id, "agreement": {
            "yearly_fee_cents": 0, "hourly_rate_cents": 9500, "conversation_fee_cents": 0,
            "hours_included": 0, "vat_rate_bp": 2100,
            "debtor": { "name": "", "kvk": "123", "reference": "",
                        "address": { "street": "Laan 1", "postcode": "9999 ZZ",
                                     "city": "Verzonnenstad", "country": "NL" } } } }),
    );
    assert_eq!(e["code"], "validation");
    assert_eq!(
        e["fields"][0]["field"], "debtor_kvk",
        "the field the dialog marks"
    );
    a.ok(
        "agreement_set",
        json!({ "organisationId": org_id, "agreement": {
            "yearly_fee_cents": 0, "hourly_rate_cents": 9500, "conversation_fee_cents": 0,
            "hours_included": 0, "vat_rate_bp": 2100,
            "debtor": { "name": "", "kvk": "", "reference": "PO-1",
                        "address": { "street": "Laan 1", "postcode": "9999 ZZ",
                                     "city": "Verzonnenstad", "country": "NL" } } } }),
    );
    let period = &today()[..7];
    let draft = a.ok(
        "invoice_draft",
        json!({ "organisationId": org_id, "period": period }),
    );
    assert_eq!(draft["status"], "concept");
    assert_eq!(
        draft["number"],
        serde_json::Value::Null,
        "a draft has no number"
    );
    assert_eq!(
        draft["line_amounts_cents"][0], 14250,
        "1.5 hours at 95.00, computed by the core"
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("f.pdf").to_string_lossy().into_owned();
    let e = a.err(
        "invoice_export",
        json!({ "id": draft["id"], "pdf": pdf, "ubl": null }),
    );
    assert_eq!(e["code"], "invoice_not_final");
    let e = a.err(
        "invoice_finalize",
        json!({ "id": draft["id"], "issuedOn": today() }),
    );
    assert_eq!(
        e["code"], "validation",
        "without the advisor's details nothing is final"
    );
    a.ok(
        "invoice_details_set",
        json!({ "details": {
            "name": "Praktijk Verzonnen", "kvk": "12345678", "vat_number": "NL123456789B01",
            "iban": "NL91ABNA0417164300", "payment_term_days": 14,
            "number_pattern": "VP-{jaar}-{volgnummer:3}",
            "address": { "street": "Straat 2", "postcode": "1234AB", "city": "Nergens",
                         "country": "NL" } } }),
    );
    let fin = a.ok(
        "invoice_finalize",
        json!({ "id": draft["id"], "issuedOn": today() }),
    );
    let year = &today()[..4];
    assert_eq!(
        fin["number"],
        format!("VP-{year}-001"),
        "the advisor's pattern"
    );
    let files = a.ok(
        "invoice_export",
        json!({ "id": fin["id"], "pdf": pdf, "ubl": dir.path().join("f.xml") }),
    );
    assert_eq!(
        files.as_array().map(Vec::len),
        Some(2),
        "PDF and UBL: {files}"
    );
    let xml = std::fs::read_to_string(dir.path().join("f.xml")).unwrap();
    assert!(xml.contains(&format!("<cbc:ID>VP-{year}-001</cbc:ID>")));
    let e = a.err(
        "invoice_export",
        json!({ "id": fin["id"], "pdf": pdf, "ubl": null }),
    );
    assert_eq!(e["code"], "file_exists", "never overwritten");
    let e = a.err(
        "invoice_update_lines",
        json!({ "id": fin["id"], "lines": [] }),
    );
    assert_eq!(e["fields"][0]["code"], "invoice_final");
    let list = a.ok("invoices_list", json!({ "organisationId": null }));
    assert_eq!(list.as_array().map(Vec::len), Some(1));
}
