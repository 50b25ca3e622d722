//! The commands through real IPC with tauri's MockRuntime (no display needed): arguments are
//! deserialised from JSON exactly as the UI sends them, errors come back as `{code, message,
//! fields}`.

use crate::state::{Preferences, Session};
use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;

const PASS: &str = "paarse fiets onder de regenboog zingt";

struct App {
    app: tauri::App<MockRuntime>,
    webview: tauri::WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
    vault: String,
}

fn app() -> App {
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
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
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

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} must succeed, got {e}"))
    }

    fn err(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => panic!("{cmd} must fail, returned {v}"),
            Err(e) => e,
        }
    }

    fn create(&self) -> String {
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
    drop(other);
}

#[test]
fn idle_vaults_lock_and_drop_their_data() {
    let a = app();
    a.create();
    let session = a.app.state::<Session>();
    assert!(
        !session.lock_if_idle(std::time::Instant::now()),
        "a freshly used vault stays open"
    );
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
    assert!(
        session.lock_if_idle(std::time::Instant::now()),
        "idle past the limit locks"
    );
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
