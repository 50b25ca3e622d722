//! The commands through real IPC with tauri's MockRuntime (no display needed): arguments are
//! deserialised from JSON exactly as the UI sends them, errors come back as `{code, message,
//! fields}`.

use crate::state::{Preferences, Session};
use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;

pub(crate) const PASS: &str = "paarse fiets onder de regenboog zingt";

pub(crate) struct App {
    pub(crate) app: tauri::App<MockRuntime>,
    webview: tauri::WebviewWindow<MockRuntime>,
    pub(crate) _dir: tempfile::TempDir,
    pub(crate) vault: String,
}

pub(crate) fn app() -> App {
    let app = crate::setup(mock_builder(), Preferences::load(None))
        .build(mock_context(noop_assets()))
        .expect("the app builds on the mock runtime");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("a mock window");
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir
        .path()
        .join("advies.kluis")
        .to_string_lossy()
        .into_owned();
    App {
        app,
        webview,
        _dir: dir,
        vault,
    }
}

impl App {
    pub(crate) fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        tauri::test::get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().expect("url"),
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().expect("JSON response"))
    }

    pub(crate) fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} must succeed, got {e}"))
    }

    pub(crate) fn err(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => panic!("{cmd} must fail, returned {v}"),
            Err(e) => e,
        }
    }

    /// An organisation and, in it, an open dossier opened today with `notes`, made as the UI
    /// makes them; returns both as the UI receives them.
    pub(crate) fn organisation_with_dossier(&self, notes: &str) -> (Value, Value) {
        let org = self.ok(
            "organisation_create",
            json!({ "input": { "name": "Stichting Verzonnen Zorg", "employee_count": 80,
                               "arrangement": "collectief", "contact_label": "" } }),
        );
        let dossier = self.ok(
            "dossier_create",
            json!({ "input": {
                "organisation_id": org["id"], "contact_type": "consult", "opened_on": today(),
                "reporter_role": "medewerker", "relation": "collega", "outcome": "onbekend",
                "categories": [], "actions": [], "consent_on": today(),
                "consent_scope": "dossier", "destroy_by": null, "legal_hold": false,
                "legal_hold_reason": "", "gender": null, "notes": notes } }),
        );
        (org, dossier)
    }

    pub(crate) fn create(&self) -> String {
        let key = self.ok(
            "vault_create",
            json!({ "path": self.vault, "passphrase": PASS }),
        );
        key.as_str().expect("the recovery key is text").to_owned()
    }
}

fn today() -> String {
    kluis::Clock::system().today.to_string()
}

#[test]
fn the_whole_registration_flow_survives_lock_and_unlock() {
    let a = app();
    let key = a.create();
    assert!(
        key.starts_with("AGE-SECRET-KEY-1"),
        "the recovery key is an age identity"
    );
    let status = a.ok("vault_status", json!({}));
    assert_eq!(status["unlocked"], true, "creating unlocks");
    assert_eq!(
        status["name"], "advies",
        "the vault's name is its file name"
    );

    let org = a.ok(
        "organisation_create",
        json!({ "input": { "name": "Zorggroep De Linde", "employee_count": 180,
                           "arrangement": "maatwerk", "contact_label": "" } }),
    );
    let mut input = json!({
        "organisation_id": org["id"], "contact_type": "melding_omgangsvormen",
        "opened_on": today(), "reporter_role": "medewerker", "relation": "collega",
        "outcome": "onbekend", "categories": ["pesten", "intimidatie"],
        "actions": ["luisterend_oor"], "consent_on": today(), "consent_scope": "dossier",
        "destroy_by": null, "legal_hold": false, "legal_hold_reason": "", "gender": null,
        "notes": "Verzonnen notitie"
    });
    let dossier = a.ok("dossier_create", json!({ "input": input }));
    for minutes in [60, 45] {
        a.ok(
            "conversation_add",
            json!({ "dossierId": dossier["id"],
                    "input": { "held_on": today(), "minutes": minutes, "mode": "telefoon" } }),
        );
    }
    input["notes"] = json!("Bijgewerkte verzonnen notitie");
    a.ok(
        "dossier_update",
        json!({ "id": dossier["id"], "input": input }),
    );

    a.ok("vault_lock", json!({}));
    assert_eq!(a.ok("vault_status", json!({}))["unlocked"], false, "locked");
    let locked = a.err("dossiers_list", json!({ "filter": {} }));
    assert_eq!(locked["code"], "not_unlocked", "no data while locked");

    let wrong = a.err(
        "vault_unlock",
        json!({ "path": a.vault, "secret": "verkeerde zin", "method": "passphrase" }),
    );
    assert_eq!(
        wrong["code"], "wrong_passphrase",
        "a wrong passphrase has its own code"
    );
    assert!(
        wrong["message"]
            .as_str()
            .unwrap_or("")
            .contains("klopt niet"),
        "the fallback message is Dutch by default"
    );

    a.ok(
        "vault_unlock",
        json!({ "path": a.vault, "secret": PASS, "method": "passphrase" }),
    );
    let back = a.ok("dossier_get", json!({ "id": dossier["id"] }));
    assert_eq!(
        back["notes"], "Bijgewerkte verzonnen notitie",
        "the edit was saved"
    );
    assert_eq!(
        back["categories"].as_array().map(Vec::len),
        Some(2),
        "two categories"
    );
    assert_eq!(
        back["conversations"].as_array().map(Vec::len),
        Some(2),
        "two conversations"
    );

    a.ok("vault_lock", json!({}));
    let status = a.ok(
        "vault_unlock",
        json!({ "path": a.vault, "secret": key, "method": "recovery_key" }),
    );
    assert_eq!(
        status["recovery_key_used"], true,
        "the UI learns to ask for a new passphrase"
    );
    let list = a.ok(
        "dossiers_list",
        json!({ "filter": { "search": "bijgewerkte" } }),
    );
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "search finds the dossier"
    );
}

#[test]
fn a_new_recovery_key_is_returned_once_and_replaces_the_old_one() {
    let a = app();
    let old = a.create();
    let new = a.ok("vault_new_recovery_key", json!({}));
    let new = new
        .as_str()
        .expect("the new recovery key is text")
        .to_owned();
    assert!(
        new.starts_with("AGE-SECRET-KEY-1") && new != old,
        "a new, different recovery key is returned to show once"
    );
    a.ok("vault_lock", json!({}));
    let e = a.err(
        "vault_unlock",
        json!({ "path": a.vault, "secret": old, "method": "recovery_key" }),
    );
    assert_eq!(
        e["code"], "wrong_recovery_key",
        "the replaced recovery key no longer opens the vault"
    );
    a.ok(
        "vault_unlock",
        json!({ "path": a.vault, "secret": new, "method": "recovery_key" }),
    );
}

#[test]
fn about_shows_the_version_and_the_open_vaults_key_fingerprints() {
    let a = app();
    let locked = a.ok("app_about", json!({}));
    assert_eq!(locked["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(locked["licence"], "EUPL-1.2");
    assert!(locked["vault_key"].is_null() && locked["recovery_key"].is_null());
    a.create();
    let open = a.ok("app_about", json!({}));
    let fp = |v: &Value, k: &str| v[k].as_str().expect("a fingerprint").to_owned();
    let (vault_key, recovery_key) = (fp(&open, "vault_key"), fp(&open, "recovery_key"));
    for f in [&vault_key, &recovery_key] {
        assert_eq!(f.len(), 19, "16 hex digits in groups of four: {f}");
        assert!(
            f.split(' ')
                .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit()))
        );
    }
    assert_ne!(vault_key, recovery_key);
    a.ok("vault_new_recovery_key", json!({}));
    let renewed = a.ok("app_about", json!({}));
    assert_eq!(
        fp(&renewed, "vault_key"),
        vault_key,
        "the vault key is unchanged"
    );
    assert_ne!(
        fp(&renewed, "recovery_key"),
        recovery_key,
        "a new recovery key, a new print"
    );
    a.ok("vault_lock", json!({}));
    assert!(
        a.ok("app_about", json!({}))["vault_key"].is_null(),
        "nothing while locked"
    );
}

#[test]
fn validation_errors_carry_their_fields() {
    let a = app();
    a.create();
    let e = a.err(
        "organisation_create",
        json!({ "input": { "name": " ", "employee_count": 0,
                           "arrangement": "collectief", "contact_label": "" } }),
    );
    assert_eq!(
        e["code"], "validation",
        "invalid input is a validation error"
    );
    let fields: Vec<(String, String)> = e["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or("").into(),
                f["code"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert!(
        fields.contains(&("name".into(), "required".into())),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("employee_count".into(), "not_positive".into())),
        "{fields:?}"
    );
}

#[test]
fn a_vault_open_elsewhere_is_reported() {
    let a = app();
    a.create();
    a.ok("vault_lock", json!({}));
    let other = kluis::vault::Vault::open(
        std::path::Path::new(&a.vault),
        &kluis::vault::Unlock::Passphrase(secrecy::SecretString::from(PASS.to_owned())),
        kluis::Clock::system(),
    )
    .expect("another instance opens it");
    let e = a.err(
        "vault_unlock",
        json!({ "path": a.vault, "secret": PASS, "method": "passphrase" }),
    );
    assert_eq!(
        e["code"], "locked_elsewhere",
        "the core's lock reaches the UI as its own code"
    );
    assert_eq!(
        e["code"],
        kluis::error::ErrorCode::LockedElsewhere.code(),
        "the code comes from the core's one list, the one the CLI's --json errors use"
    );
    assert_eq!(
        e["message"],
        kluis::error::Coded::error_message(&kluis::vault::VaultError::Locked, kluis::Lang::Nl),
        "the fallback message is the core's, in Dutch by default"
    );
    assert_eq!(
        e["fields"],
        json!([]),
        "only a validation error lists fields"
    );
    drop(other);
}

#[test]
fn idle_vaults_lock_and_drop_their_data() {
    let a = app();
    a.create();
    let session = a.app.state::<Session>();
    assert!(!session.lock_if_idle(), "a freshly used vault stays open");
    a.ok(
        "settings_set",
        json!({ "settings": { "retention_months": 12, "backups_recent": 10,
                                               "backups_days": 14, "autolock_minutes": 1 } }),
    );
    assert_eq!(
        a.ok("vault_status", json!({}))["autolock_minutes"],
        1,
        "applies at once"
    );
    session.backdate_activity(std::time::Duration::from_secs(61));
    assert!(session.lock_if_idle(), "idle past the limit locks");
    assert_eq!(
        a.err("overview_get", json!({}))["code"],
        "not_unlocked",
        "after auto-lock no vault data is reachable"
    );
}

#[test]
fn passphrase_strength_and_weak_passphrases() {
    let a = app();
    let weak = a.ok("passphrase_strength", json!({ "passphrase": "welkom01" }));
    let strong = a.ok("passphrase_strength", json!({ "passphrase": PASS }));
    assert!(
        weak.as_u64() < Some(3) && strong.as_u64() >= Some(3),
        "{weak} vs {strong}"
    );
    let e = a.err(
        "vault_create",
        json!({ "path": a.vault, "passphrase": "welkom01" }),
    );
    assert_eq!(
        e["code"], "weak_passphrase",
        "creation refuses a weak passphrase"
    );
}

/// The demo vault (12 organisations, 2,000 dossiers), unlocked through IPC, and the id of
/// its largest organisation.
fn demo_app() -> (App, i64) {
    let a = app();
    let demo = a.ok("vault_open_demo", json!({}));
    a.ok(
        "vault_unlock",
        json!({ "path": demo["path"], "secret": demo["passphrase"], "method": "passphrase" }),
    );
    let orgs = a.ok("organisations_list", json!({ "includeArchived": false }));
    let largest = orgs
        .as_array()
        .expect("organisations")
        .iter()
        .max_by_key(|o| o["employee_count"].as_u64())
        .expect("the demo has organisations")["id"]
        .as_i64()
        .expect("an id");
    (a, largest)
}

fn last_year() -> String {
    use chrono::Datelike;
    (kluis::Clock::system().today.year() - 1).to_string()
}

fn report_request(org: i64, narrative: &str) -> Value {
    json!({
        "organisations": [org], "period": last_year(), "profile": "standaard", "lang": "nl",
        "narrative": { "activities": narrative, "signals": "", "recommendations": "" },
        "pooled_title": ""
    })
}

#[test]
fn a_prepared_report_publishes_no_small_counts_and_previews_its_pages() {
    let (a, org) = demo_app();
    let options = a.ok("report_options", json!({}));
    assert!(
        options["years"]
            .as_array()
            .is_some_and(|y| y.contains(&json!(last_year().parse::<i64>().expect("a year")))),
        "last year has dossiers: {}",
        options["years"]
    );
    let view = a.ok(
        "report_prepare",
        json!({ "request": report_request(org, "") }),
    );
    assert_eq!(view["audit_passed"], true, "the audit passes");
    let k = view["k"].as_u64().expect("k");
    assert_eq!(k, 5, "the standard profile");
    let tables = view["tables"].as_array().expect("tables");
    assert!(!tables.is_empty(), "the largest organisation has tables");
    let (mut published, mut withheld) = (0, 0);
    for table in tables {
        let rows = table["rows"].as_array().map_or(0, Vec::len);
        let columns = table["columns"].as_array().map_or(0, Vec::len);
        let cells = table["cells"].as_array().expect("cells");
        assert_eq!(cells.len(), rows, "one cell row per label");
        for row in cells {
            let row = row.as_array().expect("a row of cells");
            assert_eq!(row.len(), columns, "one cell per column");
            for cell in row {
                match cell["status"].as_str() {
                    Some("published") => {
                        let v = cell["value"].as_u64().expect("a count");
                        assert!(
                            v == 0 || v >= k,
                            "no published count between 1 and k - 1 ({v} in {})",
                            table["code"]
                        );
                        published += 1;
                    }
                    Some("withheld") => withheld += 1,
                    Some("banded") => {}
                    other => panic!("unknown cell status {other:?}"),
                }
            }
        }
    }
    assert_eq!(
        view["published_cells"], published,
        "the counts match the grid"
    );
    assert_eq!(
        view["withheld_cells"], withheld,
        "the counts match the grid"
    );
    assert!(withheld > 0, "the demo report withholds cells");
    let pages = view["pages"].as_array().expect("pages");
    assert!(!pages.is_empty(), "the preview has pages");
    assert!(
        pages
            .iter()
            .all(|p| p.as_str().is_some_and(|s| s.starts_with("<svg"))),
        "each page is an SVG document"
    );
    assert_eq!(view["preview_error"], Value::Null);

    let e = a.err(
        "report_prepare",
        json!({ "request": { "organisations": [org, org + 1], "period": last_year(),
                "profile": "standaard", "lang": "nl",
                "narrative": { "activities": "", "signals": "", "recommendations": "" },
                "pooled_title": "" } }),
    );
    assert_eq!(
        e["code"], "pooled_too_few",
        "two organisations cannot be pooled"
    );
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.contains("ten minste 3")),
        "the core's message gives the minimum: {e}"
    );
    let mut bad = report_request(org, "");
    bad["period"] = json!("2025-Q5");
    assert_eq!(
        a.err("report_prepare", json!({ "request": bad }))["code"],
        "invalid_period",
        "a quarter that does not exist is refused with the period's own code"
    );
    a.app.state::<crate::state::DemoVault>().remove();
}

#[test]
fn lint_warnings_block_the_export_until_accepted_and_files_are_never_overwritten() {
    let (a, org) = demo_app();
    let out = tempfile::tempdir().expect("tempdir");
    let pdf = out
        .path()
        .join("rapport.pdf")
        .to_string_lossy()
        .into_owned();
    let request = report_request(org, "Op dinsdag gaven we voorlichting.");

    let view = a.ok("report_prepare", json!({ "request": request }));
    let lint = view["lint"].as_array().expect("lint");
    assert_eq!(lint.len(), 1, "one warning: {lint:?}");
    assert_eq!(lint[0]["text"], "dinsdag");
    assert_eq!(lint[0]["section"], "activities");
    assert_eq!(lint[0]["rule"], "date_word");
    assert_eq!(
        (lint[0]["start"].as_u64(), lint[0]["end"].as_u64()),
        (Some(3), Some(10))
    );
    assert!(
        lint[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("dag")),
        "the explanation is in the UI language: {}",
        lint[0]["message"]
    );
    let live = a.ok(
        "report_lint",
        json!({ "request": request, "total": view["lint_total"] }),
    );
    assert_eq!(
        live.as_array(),
        Some(lint),
        "the live lint agrees with prepare"
    );

    let targets = json!([{ "path": pdf, "format": "pdf" }]);
    let e = a.err(
        "report_export",
        json!({ "request": request, "targets": targets, "recipient": "Directie", "acceptLint": false }),
    );
    assert_eq!(e["code"], "lint_not_accepted", "warnings block the export");
    assert!(!std::path::Path::new(&pdf).exists(), "nothing was written");

    let outcome = a.ok(
        "report_export",
        json!({ "request": request, "targets": targets, "recipient": "Directie", "acceptLint": true }),
    );
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let file = &outcome["files"][0];
    assert_eq!(file["format"], "pdf");
    assert_eq!(file["sha256"].as_str().map(str::len), Some(64), "a SHA-256");
    assert!(
        outcome["ledger_cells_added"].as_u64() > Some(0),
        "the release is recorded"
    );
    assert_eq!(a.ok("vault_status", json!({}))["save_state"], "saved");

    let e = a.err(
        "report_export",
        json!({ "request": request, "targets": targets, "recipient": "", "acceptLint": true }),
    );
    assert_eq!(e["code"], "file_exists", "an existing file is refused");
    assert!(
        !e["message"].as_str().unwrap_or("").contains("rapport.pdf"),
        "no path in the message"
    );
    assert_eq!(
        std::fs::read(&pdf).expect("still there"),
        bytes,
        "and left alone"
    );

    let e = a.err(
        "report_export",
        json!({ "request": request, "targets": [{ "path": "rapport.csv", "format": "csv" }],
                "recipient": "", "acceptLint": true }),
    );
    assert_eq!(e["code"], "invalid_path", "a path must be absolute");
    assert_eq!(
        e["message"],
        kluis::error::ErrorCode::InvalidPath.message(kluis::Lang::Nl),
        "an error the shell finds itself still takes its message from the core's list"
    );
    a.app.state::<crate::state::DemoVault>().remove();
}

fn days_ago(n: u64) -> String {
    (kluis::Clock::system().today - chrono::Days::new(n)).to_string()
}

/// A vault with one organisation and two closed dossiers past their destroy-by date, the
/// second under legal hold; returns their numbers.
fn closed_dossiers(a: &App) -> (Value, String, String) {
    a.create();
    let org = a.ok(
        "organisation_create",
        json!({ "input": { "name": "Testbedrijf Zuid", "employee_count": 60,
                           "arrangement": "collectief", "contact_label": "" } }),
    );
    let mut numbers = Vec::new();
    for hold in [false, true] {
        let input = json!({
            "organisation_id": org["id"], "contact_type": "consult",
            "opened_on": days_ago(90), "reporter_role": "medewerker", "relation": "onbekend",
            "outcome": "onbekend", "categories": ["pesten"], "actions": [],
            "consent_on": days_ago(90), "consent_scope": "dossier", "destroy_by": null,
            "legal_hold": hold, "legal_hold_reason": if hold { "Procedure loopt" } else { "" },
            "gender": null, "notes": "Synthetische notitie qqipc"
        });
        let d = a.ok("dossier_create", json!({ "input": input }));
        a.ok(
            "dossier_close",
            json!({ "id": d["id"], "input": { "closed_on": days_ago(60),
                    "outcome": "geen_vervolg", "destroy_by": days_ago(1) } }),
        );
        numbers.push(d["number"].as_str().expect("number").to_owned());
    }
    let held = numbers.pop().expect("two");
    (org, numbers.pop().expect("two"), held)
}

#[test]
fn destruction_through_ipc_refuses_a_legal_hold_and_logs_an_override() {
    let a = app();
    let (org, free, held) = closed_dossiers(&a);
    let plan = a.ok("destruction_plan", json!({ "numbers": [free, held] }));
    assert_eq!(
        plan["items"][1]["blocks"][0], "juridische_blokkade",
        "the plan names the legal hold first"
    );
    assert_eq!(
        plan["refused"], true,
        "a batch with a held dossier is refused"
    );
    let e = a.err(
        "dossiers_destroy",
        json!({ "request": { "numbers": [held], "reason": "opruimen", "override_blocks": true } }),
    );
    assert_eq!(
        e["code"], "legal_hold",
        "a held dossier is refused, even with an override"
    );
    assert!(
        !e["message"].as_str().unwrap_or("").contains(&held),
        "the message names no dossier"
    );
    let e = a.err(
        "dossiers_destroy",
        json!({ "request": { "numbers": [free], "reason": "", "override_blocks": false } }),
    );
    assert_eq!(
        e["code"], "not_reported",
        "no report counted it: an override is needed"
    );
    let e = a.err(
        "dossiers_destroy",
        json!({ "request": { "numbers": [free], "reason": "", "override_blocks": true } }),
    );
    assert_eq!(e["code"], "validation", "an override needs a reason");
    assert_eq!(
        e["fields"][0]["field"], "reason",
        "the reason field is named"
    );

    let done = a.ok(
        "dossiers_destroy",
        json!({ "request": { "numbers": [free], "reason": "Contract beëindigd",
                             "override_blocks": true } }),
    );
    assert_eq!(done["destroyed"][0], free.as_str(), "destroyed");
    let listed = a.ok("dossiers_list", json!({ "filter": {} }));
    assert_eq!(
        listed.as_array().map(Vec::len),
        Some(1),
        "only the held dossier is left"
    );
    let log = a.ok("destruction_log_get", json!({}));
    assert_eq!(log[0]["number"], free.as_str(), "logged by number");
    assert_eq!(
        log[0]["overridden"][0], "niet_gerapporteerd",
        "with the override"
    );
    assert!(!log.to_string().contains("qqipc"), "never the notes");

    let copies = a.ok("destroyed_copies_get", json!({}));
    assert!(
        copies["backups"].as_u64().expect("count") > 0,
        "backups still hold it"
    );
    assert!(copies["until"].is_string(), "until a date");
    let after = a.ok("destroyed_backups_purge", json!({}));
    assert_eq!(after["backups"], 0, "purged");

    let rule = a.ok(
        "retention_set_organisation",
        json!({ "organisationId": org["id"], "months": 6 }),
    );
    assert_eq!(
        rule["organisations"][0]["months"], 6,
        "an organisation's own term"
    );
    let e = a.err("retention_set_default", json!({ "months": 0 }));
    assert_eq!(e["code"], "validation", "0 months is refused");
    let rule = a.ok(
        "retention_set_organisation",
        json!({ "organisationId": org["id"], "months": null }),
    );
    assert_eq!(
        rule["organisations"].as_array().map(Vec::len),
        Some(0),
        "back to the vault's term"
    );
}

#[test]
fn deadlines_through_ipc_turn_red_on_the_overview_chain_and_extend_once() {
    let a = app();
    a.create();
    let org = a.ok(
        "organisation_create",
        json!({ "input": { "name": "Testbedrijf Oost", "employee_count": 90,
                           "arrangement": "maatwerk", "contact_label": "" } }),
    );
    let dossier = |kind: &str| {
        let input = json!({
            "organisation_id": org["id"], "contact_type": kind,
            "opened_on": days_ago(30), "reporter_role": "medewerker", "relation": "onbekend",
            "outcome": "onbekend", "categories": [], "actions": [],
            "consent_on": days_ago(30), "consent_scope": "dossier", "destroy_by": null,
            "legal_hold": false, "legal_hold_reason": "", "gender": null, "notes": ""
        });
        a.ok("dossier_create", json!({ "input": input }))
    };
    let wbk = dossier("vermoeden_misstand");
    let consult = dossier("consult");

    let confirm = a.ok(
        "deadline_add",
        json!({ "dossierId": wbk["id"], "input": { "kind": "wbk_ontvangstbevestiging",
                "starts_on": days_ago(20), "due_on": null, "label": "" } }),
    );
    let overview = a.ok("overview_get", json!({}));
    assert_eq!(
        overview["deadlines"][0]["urgency"], "verlopen",
        "a confirmation 20 days after receipt is overdue: red on the overview"
    );
    assert_eq!(overview["deadlines"][0]["number"], wbk["number"]);
    let e = a.err(
        "deadline_add",
        json!({ "dossierId": consult["id"], "input": { "kind": "wbk_terugkoppeling",
                "starts_on": days_ago(1), "due_on": null, "label": "" } }),
    );
    assert_eq!(e["code"], "wbk_not_applicable", "no Wbk terms on a consult");

    let list = a.ok(
        "deadline_complete",
        json!({ "id": confirm["id"], "doneOn": days_ago(1) }),
    );
    let feedback = list
        .as_array()
        .expect("the dossier's deadlines")
        .iter()
        .find(|d| d["kind"] == "wbk_terugkoppeling")
        .expect("the feedback term follows")
        .clone();
    a.ok(
        "deadline_extend",
        json!({ "id": feedback["id"], "reason": "Onderzoek loopt" }),
    );
    let e = a.err(
        "deadline_extend",
        json!({ "id": feedback["id"], "reason": "Nog eens" }),
    );
    assert_eq!(e["code"], "already_extended", "once only");
    assert!(
        !e["message"].as_str().unwrap_or("").contains("Nog eens"),
        "the message quotes nothing typed"
    );

    a.ok(
        "deadline_add",
        json!({ "dossierId": consult["id"], "input": { "kind": "vervolg",
                "starts_on": days_ago(2), "due_on": days_ago(0), "label": "Bel terug" } }),
    );
    let filtered = a.ok(
        "dossiers_list",
        json!({ "filter": { "deadline_due_by": days_ago(0) } }),
    );
    assert_eq!(
        filtered.as_array().map(Vec::len),
        Some(1),
        "only the dossier with a deadline due today"
    );
    assert_eq!(filtered[0]["id"], consult["id"]);
    let on_page = a.ok("deadlines_list", json!({ "dossierId": consult["id"] }));
    assert_eq!(
        on_page[0]["label"], "Bel terug",
        "the dossier page lists it"
    );

    let breach = a.ok(
        "breach_add",
        json!({ "input": { "what": "Verloren USB-stick", "discovered_at": format!("{}T09:30:00", days_ago(4)),
                "informed": "", "decision": "", "handled_on": null } }),
    );
    assert_eq!(breach["urgency"], "verlopen", "72 hours have passed");
    let overview = a.ok("overview_get", json!({}));
    assert_eq!(
        overview["breaches"][0]["id"], breach["id"],
        "an open breach is on the overview"
    );
    assert_eq!(
        a.ok("breaches_list", json!({})).as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn an_access_request_through_ipc_starts_its_deadline_and_exports_without_third_parties() {
    let a = app();
    a.create();
    let org = a.ok(
        "organisation_create",
        json!({ "input": { "name": "Testbedrijf Inzage", "employee_count": 40,
                           "arrangement": "collectief", "contact_label": "" } }),
    );
    let input = json!({
        "organisation_id": org["id"], "contact_type": "melding_omgangsvormen",
        "opened_on": days_ago(10), "reporter_role": "medewerker", "relation": "collega",
        "outcome": "onbekend", "categories": ["pesten"], "actions": [],
        "consent_on": days_ago(10), "consent_scope": "dossier", "destroy_by": null,
        "legal_hold": false, "legal_hold_reason": "", "gender": null,
        "notes": "Melder is gepest. Qqipcderde Bakker deed mee. Advies gegeven."
    });
    let d = a.ok("dossier_create", json!({ "input": input }));
    let request = a.ok(
        "access_request_add",
        json!({ "dossierId": d["id"], "input": { "received_on": days_ago(0),
                "identity_check": "videogesprek", "identity_note": "" } }),
    );
    assert!(request["deadline_id"].is_number(), "a deadline was started");
    let overview = a.ok("overview_get", json!({}));
    assert!(
        overview["deadlines"]
            .as_array()
            .is_some_and(|l| l.is_empty()),
        "due in a month: not yet on the panel"
    );
    let preview = a.ok(
        "access_preview",
        json!({ "number": d["number"], "redactions": ["Qqipcderde Bakker deed mee."] }),
    );
    assert_eq!(
        preview["notes"], "Melder is gepest. [gegevens van derden weggelaten] Advies gegeven.",
        "the preview is the core's redaction"
    );
    let e = a.err(
        "access_preview",
        json!({ "number": d["number"], "redactions": ["niet in de tekst"] }),
    );
    assert_eq!(e["fields"][0]["code"], "not_in_text");
    let pdf = a._dir.path().join("inzage.pdf");
    let files = a.ok(
        "access_export",
        json!({ "number": d["number"], "redactions": ["Qqipcderde Bakker deed mee."],
                "recipient": "melder", "pdf": pdf.to_string_lossy(), "json": null }),
    );
    assert_eq!(files[0]["format"], "pdf");
    let bytes = std::fs::read(&pdf).expect("written");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let e = a.err(
        "access_export",
        json!({ "number": d["number"], "redactions": [], "recipient": "melder",
                "pdf": "relatief.pdf", "json": null }),
    );
    assert_eq!(e["code"], "invalid_path", "a full path is required");
}
