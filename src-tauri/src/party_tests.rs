//! Parties, the conflict check and links through real IPC on the MockRuntime: arguments as the
//! UI sends them (camelCase), every change answering with the dossier's whole overview, and
//! the refusals arriving as codes the UI branches on, with messages that hold no name.

use crate::ipc_tests::{App, app};
use serde_json::{Value, json};

fn today() -> String {
    kluis::Clock::system().today.to_string()
}

/// Creates an organisation and one open dossier in it; returns the dossier.
fn dossier(a: &App, organisation: &str) -> Value {
    let org = a.ok(
        "organisation_create",
        json!({ "input": { "name": organisation, "employee_count": 30,
                           "arrangement": "collectief", "contact_label": "" } }),
    );
    a.ok(
        "dossier_create",
        json!({ "input": {
            "organisation_id": org["id"], "contact_type": "consult",
            "opened_on": today(), "reporter_role": "medewerker", "relation": "onbekend",
            "outcome": "onbekend", "categories": [], "actions": [], "consent_on": today(),
            "consent_scope": "dossier", "destroy_by": null, "legal_hold": false,
            "legal_hold_reason": "", "gender": null, "notes": ""
        } }),
    )
}

fn add(a: &App, dossier_id: &Value, role: &str, name: &str) -> Value {
    a.ok(
        "party_add",
        json!({ "dossierId": dossier_id,
                "input": { "role": role, "name": name, "function": "" } }),
    )
}

#[test]
fn a_party_matching_another_organisations_party_needs_a_decision_through_ipc() {
    let a = app();
    a.create();
    let other = dossier(&a, "Verzonnen Vervoer BV");
    let this = dossier(&a, "Proefschool De Bedachte Boom");
    add(&a, &other["id"], "melder", "Vries, Jan de");
    let overview = add(&a, &this["id"], "beschuldigde", "Karel Verzinsel");
    assert_eq!(overview["undecided"], false, "no match, no decision");
    let overview = add(&a, &this["id"], "getuige", "J. de Vries");
    assert_eq!(
        overview["undecided"], true,
        "the same person in another organisation's dossier: {overview}"
    );
    assert_eq!(
        overview["matches"][0]["other_number"], other["number"],
        "the match names the other dossier"
    );

    let refused = a.err(
        "conversation_add",
        json!({ "dossierId": this["id"],
                "input": { "held_on": today(), "minutes": 30, "mode": "telefoon" } }),
    );
    assert_eq!(
        refused["code"], "conflict_undecided",
        "the UI branches on the code"
    );
    assert!(
        !refused["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Vries"),
        "the message names nobody: {refused}"
    );

    let decided = a.ok(
        "conflict_decide",
        json!({ "dossierId": this["id"],
                "input": { "decision": "geen_conflict", "decided_on": today() } }),
    );
    assert_eq!(decided["undecided"], false, "decided");
    assert_eq!(
        decided["decisions"][0]["decision"], "geen_conflict",
        "the decision is kept with the dossier"
    );
    let reopened = a.ok("parties_overview", json!({ "dossierId": this["id"] }));
    assert_eq!(
        reopened["decisions"][0]["decided_on"],
        json!(today()),
        "and its date, when the dossier is opened again"
    );
}

#[test]
fn links_and_the_supported_side_round_trip_through_ipc() {
    let a = app();
    a.create();
    let one = dossier(&a, "Verzonnen Vervoer BV");
    let two = dossier(&a, "Proefschool De Bedachte Boom");
    let overview = a.ok(
        "link_add",
        json!({ "dossierId": one["id"], "otherNumber": two["number"], "kind": "zelfde_incident" }),
    );
    let link = &overview["links"][0];
    assert_eq!(link["other_number"], two["number"], "linked");
    let seen = a.ok("parties_overview", json!({ "dossierId": two["id"] }));
    assert_eq!(
        seen["links"][0]["other_number"], one["number"],
        "shown on both dossiers"
    );
    let itself = a.err(
        "link_add",
        json!({ "dossierId": one["id"], "otherNumber": one["number"], "kind": "zelfde_melder" }),
    );
    assert_eq!(itself["code"], "link_to_itself", "its own code");
    let after = a.ok(
        "link_remove",
        json!({ "dossierId": two["id"], "id": link["id"] }),
    );
    assert_eq!(after["links"], json!([]), "removed from either side");

    let supports = a.ok(
        "party_set_support",
        json!({ "dossierId": one["id"], "side": "beschuldigde" }),
    );
    assert_eq!(
        supports["supports"], "beschuldigde",
        "the advisor supports the accused"
    );
    let party = add(&a, &one["id"], "anders", "Teamleider B");
    let id = &party["parties"][0]["id"];
    let gone = a.ok("party_remove", json!({ "id": id }));
    assert_eq!(gone["parties"], json!([]), "a party can be removed");
}
