//! Tests of the `kluis` command line, run as a real process in a temporary directory. Every
//! unlock costs about 0.7 s of scrypt, so each test keeps its number of invocations small.
//! The environment is fixed per invocation (passphrase, day, language), never inherited.
//!
//! Command lines are written as in a shell: words split on spaces, `'...'` keeps spaces.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const PASS: &str = "paarse fiets onder de regenboog zingt";
const TODAY: &str = "2026-03-20";
const VAULT: &str = "v.kluis";

#[path = "cli/document.rs"]
mod document;
#[path = "cli/handover.rs"]
mod handover;
#[path = "cli/import.rs"]
mod import;
#[path = "cli/invoice.rs"]
mod invoice;
#[path = "cli/joint.rs"]
mod joint;
#[path = "cli/letter.rs"]
mod letter;
#[path = "cli/notes.rs"]
mod notes;
#[path = "cli/parties.rs"]
mod parties;
#[path = "cli/report.rs"]
mod report;
#[path = "cli/session.rs"]
mod session;

/// Splits a command line into words; single quotes keep spaces.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    assert!(!quoted, "unbalanced quote in test command line: {line}");
    if started {
        out.push(word);
    }
    out
}

/// A `kluis` process in `dir` with a clean, fixed environment: the passphrase, the day, Dutch.
fn kluis(dir: &Path, line: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kluis"));
    cmd.current_dir(dir)
        .args(words(line))
        .env_remove("KLUIS_LANG")
        .env_remove("KLUIS_RECOVERY_KEY")
        .env_remove("KLUIS_NEW_PASSPHRASE")
        .env("KLUIS_PASSPHRASE", PASS)
        .env("KLUIS_TODAY", TODAY)
        .stdin(Stdio::null());
    cmd
}

fn output(mut cmd: Command) -> Output {
    cmd.output().expect("the kluis binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Standard output of a command that must succeed.
fn success(cmd: Command) -> String {
    let shown = format!("{cmd:?}");
    let out = output(cmd);
    assert!(
        out.status.success(),
        "{shown} must succeed; stderr: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Runs a command line that must succeed and returns its standard output.
fn ok(dir: &Path, line: &str) -> String {
    success(kluis(dir, line))
}

/// Runs a command line with `--json` that must succeed and parses its output.
fn json(dir: &Path, line: &str) -> Value {
    let out = ok(dir, &format!("--json {line}"));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("--json prints JSON ({e}): {out}"))
}

/// Runs a command line with `input` on standard input; returns what it did.
fn output_with_stdin(dir: &Path, line: &str, input: &str) -> Output {
    use std::io::Write as _;
    let mut cmd = kluis(dir, line);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("kluis starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("kluis reads its standard input");
    child.wait_with_output().expect("kluis ends")
}

/// Runs a command line with `--json` that must succeed, with `input` on standard input.
fn json_with_stdin(dir: &Path, line: &str, input: &str) -> Value {
    let out = output_with_stdin(dir, &format!("--json {line}"), input);
    assert!(
        out.status.success(),
        "`{line}` must succeed; stderr: {}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("--json prints JSON ({e}): {}", text(&out.stdout)))
}

/// A vault with one organisation and one open dossier (2026-0001, opened 2026-02-10), its
/// notes read from standard input.
fn vault_with_dossier(dir: &Path) {
    ok(dir, "init v.kluis");
    ok(
        dir,
        "org add v.kluis --name 'Bakkerij De Korenschoof' --employees 40 --arrangement collectief",
    );
    let d = json_with_stdin(
        dir,
        "dossier add v.kluis --org 'bakkerij de korenschoof' --type melding_omgangsvormen \
         --opened 2026-02-10 --category pesten --category discriminatie \
         --action luisterend_oor,verwijzing --relation collega --notes-file -",
        "Geheime notitie over de melder",
    );
    assert_eq!(
        d["number"], "2026-0001",
        "the first dossier of 2026 gets number 2026-0001"
    );
}

#[test]
fn command_lines_split_like_a_shell() {
    assert_eq!(
        words("org add v.kluis --name 'De Korenschoof'  --employees 4"),
        [
            "org",
            "add",
            "v.kluis",
            "--name",
            "De Korenschoof",
            "--employees",
            "4"
        ],
        "quotes keep spaces and repeated spaces separate once"
    );
    assert_eq!(
        words("--contact ''"),
        ["--contact", ""],
        "'' is an empty word"
    );
}

#[test]
fn init_refuses_a_weak_passphrase_in_dutch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = kluis(dir.path(), "init v.kluis");
    cmd.env("KLUIS_PASSPHRASE", "wachtwoord123");
    let out = output(cmd);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a weak passphrase is a user error (exit 1)"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("te makkelijk te raden"),
        "the refusal is explained in Dutch by default: {err}"
    );
    assert!(
        !err.contains("WeakPassphrase"),
        "no Debug output reaches the user: {err}"
    );
    assert!(
        !dir.path().join(VAULT).exists(),
        "no vault file is created with a weak passphrase"
    );
}

#[test]
fn a_dossier_round_trips_through_show_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    let c = json(
        d,
        "conversation add v.kluis 2026-0001 --date 2026-02-12 --minutes 45 --mode persoonlijk",
    );
    assert_eq!(c["minutes"], 45, "the conversation keeps its minutes");

    let shown = json(d, "dossier show v.kluis 2026-0001");
    assert_eq!(
        shown["organisation_name"], "Bakkerij De Korenschoof",
        "the organisation found case-insensitively is the one the dossier belongs to"
    );
    assert_eq!(
        shown["contact_type"], "melding_omgangsvormen",
        "contact type is stored"
    );
    assert_eq!(shown["status"], "open", "a new dossier is open");
    assert_eq!(
        shown["opened_on"], "2026-02-10",
        "the opening date is the one given"
    );
    assert_eq!(
        shown["consent_on"], "2026-02-10",
        "consent defaults to the opening date"
    );
    assert_eq!(shown["relation"], "collega", "relation is stored");
    assert_eq!(
        shown["categories"],
        serde_json::json!(["pesten", "discriminatie"]),
        "repeated --category flags are all kept"
    );
    assert_eq!(
        shown["actions"],
        serde_json::json!(["luisterend_oor", "verwijzing"]),
        "comma-separated --action values are all kept"
    );
    assert_eq!(
        shown["notes"], "Geheime notitie over de melder",
        "show gives the advisor the notes"
    );
    let convs = shown["conversations"]
        .as_array()
        .expect("conversations list");
    assert_eq!(convs.len(), 1, "the conversation added is shown");
    assert_eq!(convs[0]["held_on"], "2026-02-12", "with its date");
    assert_eq!(convs[0]["mode"], "persoonlijk", "and its mode");
    assert_eq!(shown["conversation_minutes"], 45, "minutes are totalled");
}

#[test]
fn a_wrong_passphrase_fails_in_dutch_and_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, "init v.kluis");
    let before = std::fs::read(d.join(VAULT)).expect("vault exists after init");
    let mut cmd = kluis(d, "dossier list v.kluis");
    cmd.env("KLUIS_PASSPHRASE", "groene olifant danst op het dak");
    let out = output(cmd);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a wrong passphrase is a user error (exit 1)"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("Deze wachtwoordzin klopt niet"),
        "the Dutch wrong-passphrase message is shown: {err}"
    );
    assert!(
        !err.contains("WrongPassphrase") && !err.contains("panicked"),
        "neither Debug output nor a panic reaches the user: {err}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is listed: {}",
        text(&out.stdout)
    );
    let after = std::fs::read(d.join(VAULT)).expect("vault still exists");
    assert!(
        before == after,
        "a failed unlock must leave the vault byte-identical"
    );
    assert!(
        !d.join(format!("{VAULT}.lock")).exists(),
        "the lock is released after a failed unlock"
    );
}

/// Runs a command line with `--json` that must fail as a user error (exit 1) and parses the
/// error object it prints on standard output.
fn json_error(dir: &Path, line: &str) -> (Value, String) {
    let out = output(kluis(dir, &format!("--json {line}")));
    assert_eq!(
        out.status.code(),
        Some(1),
        "`{line}` must fail as a user error (exit 1); stderr: {}",
        text(&out.stderr)
    );
    let error: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "with --json a failure prints a JSON error on stdout ({e}): {}",
            text(&out.stdout)
        )
    });
    (error, text(&out.stderr))
}

#[test]
fn json_errors_use_the_codes_the_app_uses_for_a_locked_or_damaged_vault() {
    use kluis::error::{Coded, ErrorCode};
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, "init v.kluis");
    let path = d.join(VAULT);

    // The CLI locks the vault's real path (symlinks resolved), so the test does too.
    let real = std::fs::canonicalize(&path).expect("the vault exists");
    let lock = kluis::vault::lock::VaultLock::acquire(&real)
        .expect("the test holds the vault's lock, as another open window would");
    let (error, stderr) = json_error(d, "org list v.kluis");
    assert_eq!(
        error["code"], "locked_elsewhere",
        "a vault open elsewhere has the app's code (once `locked` in the CLI): {error}"
    );
    assert_eq!(
        error["code"],
        ErrorCode::LockedElsewhere.code(),
        "the code comes from the core's one list"
    );
    let message = kluis::vault::VaultError::Locked.error_message(kluis::Lang::Nl);
    assert_eq!(
        error["message"], message,
        "the message is the core's, in Dutch by default"
    );
    assert_eq!(
        error["fields"],
        serde_json::json!([]),
        "the error object has the IPC shape: code, message, fields"
    );
    assert!(
        stderr.contains(&message),
        "the message is still written to stderr for a person: {stderr}"
    );
    let (error, _) = json_error(d, "--lang en org list v.kluis");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("already open")),
        "--lang en gives the English message: {error}"
    );
    drop(lock);

    let bytes = std::fs::read(&path).expect("the vault exists");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("cut the vault in half");
    let (error, _) = json_error(d, "verify v.kluis");
    assert_eq!(
        error["code"], "damaged",
        "a cut-off vault has the app's code `damaged` (once `truncated`): {error}"
    );
    let out = output(kluis(d, "verify v.kluis"));
    assert_eq!(
        out.status.code(),
        Some(1),
        "without --json the exit code is the same"
    );
    assert!(
        out.stdout.is_empty() && text(&out.stderr).starts_with("fout: "),
        "without --json only the Dutch message is printed, on stderr: {}",
        text(&out.stderr)
    );
}

#[test]
fn hours_sum_conversations_and_time_entries_for_the_month() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    ok(
        d,
        "conversation add v.kluis 2026-0001 --date 2026-03-02 --minutes 45 --mode telefoon",
    );
    ok(
        d,
        "conversation add v.kluis 2026-0001 --date 2026-02-27 --minutes 30 --mode video",
    );
    for line in [
        "time add v.kluis --org 'Bakkerij De Korenschoof' --date 2026-03-05 --minutes 90 \
         --activity voorlichting --description 'sessie voor leidinggevenden'",
        "time add v.kluis --org 'Bakkerij De Korenschoof' --date 2026-03-31 --minutes 20 \
         --activity overleg",
    ] {
        let mut cmd = kluis(d, line);
        cmd.env("KLUIS_TODAY", "2026-04-02"); // the 31st must not lie in the future
        success(cmd);
    }

    let rows = json(d, "hours v.kluis --month 2026-03");
    let rows = rows.as_array().expect("hours --json is a list");
    assert_eq!(rows.len(), 1, "one organisation has hours in March");
    let r = &rows[0];
    assert_eq!(
        r["conversation_minutes"], 45,
        "only March's conversation counts, not February's"
    );
    let activity = |code: &str| -> u64 {
        r["activity_minutes"]
            .as_array()
            .expect("activity minutes list")
            .iter()
            .find(|entry| entry["activity"] == code)
            .and_then(|entry| entry["minutes"].as_u64())
            .unwrap_or_else(|| panic!("activity {code} is listed"))
    };
    assert_eq!(
        activity("voorlichting"),
        90,
        "information sessions are summed"
    );
    assert_eq!(
        activity("overleg"),
        20,
        "the last day of the month belongs to it"
    );
    assert_eq!(activity("rapportage"), 0, "activities without time show 0");
    assert_eq!(
        r["total_minutes"],
        45 + 90 + 20,
        "the total adds conversations and time entries"
    );

    let table = ok(d, "hours v.kluis --month 2026-03");
    assert!(
        table.contains("2:35"),
        "the table shows the total of 155 minutes as H:MM: {table}"
    );
}

#[test]
fn a_demo_vault_verifies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let mut cmd = kluis(
        d,
        "demo --orgs 3 --dossiers 60 --years 2 --seed 7 --json demo.kluis",
    );
    cmd.env_remove("KLUIS_PASSPHRASE");
    let created: Value = serde_json::from_str(&success(cmd)).expect("demo --json prints JSON");
    assert_eq!(
        created["passphrase_source"], "demo",
        "without KLUIS_PASSPHRASE the public demo passphrase is used"
    );
    let pass = created["passphrase"]
        .as_str()
        .expect("the demo passphrase is printed");
    assert_eq!(
        created["summary"]["dossiers"], 60,
        "the summary counts the dossiers asked for"
    );
    assert!(
        created["recovery_key"]
            .as_str()
            .is_some_and(|k| k.starts_with("AGE-SECRET-KEY-1")),
        "the recovery key is printed"
    );

    let mut cmd = kluis(d, "verify --json demo.kluis");
    cmd.env("KLUIS_PASSPHRASE", pass);
    let report: Value = serde_json::from_str(&success(cmd))
        .expect("the demo vault opens with the printed passphrase and verify prints JSON");
    assert_eq!(
        report["organisations"], 3,
        "all organisations are in the vault"
    );
    assert_eq!(report["dossiers"], 60, "all dossiers are in the vault");
}

#[test]
fn an_impossible_date_is_refused_naming_the_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let line = "dossier add v.kluis --org X --type consult --opened 2026-02-30";
    let out = output(kluis(d, line));
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unparsable value is a usage error (exit 2)"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("--opened"),
        "the message names the flag: {err}"
    );
    assert!(
        err.contains("bestaat niet"),
        "and says in Dutch that the date does not exist: {err}"
    );

    let err = text(&output(kluis(d, &format!("{line} --lang en"))).stderr);
    assert!(
        err.contains("does not exist"),
        "--lang en gives the English explanation: {err}"
    );
    assert!(
        !d.join(VAULT).exists(),
        "nothing is created when the arguments are refused"
    );
}

#[test]
fn closing_before_opening_is_refused_with_the_validation_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    let before = std::fs::read(d.join(VAULT)).expect("vault exists");
    let out = output(kluis(
        d,
        "dossier close v.kluis 2026-0001 --date 2026-02-01 --outcome doorverwezen",
    ));
    assert_eq!(
        out.status.code(),
        Some(1),
        "invalid input is a user error (exit 1)"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("De sluitdatum ligt voor de openingsdatum"),
        "the validation message is shown in Dutch: {err}"
    );
    assert!(
        err.contains("--date"),
        "the message names the flag that is wrong: {err}"
    );
    assert!(
        !err.contains("Geheime notitie"),
        "an error never shows case content: {err}"
    );
    let after = std::fs::read(d.join(VAULT)).expect("vault still exists");
    assert!(before == after, "a refused change is not saved");
}

/// The acceptance check: the documented demo command, then verify, and no note text
/// or organisation name anywhere in the vault file's bytes.
#[test]
fn the_documented_demo_verifies_and_leaks_no_plaintext() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(
        d,
        "demo --orgs 12 --dossiers 2000 --years 5 --seed 1 demo.kluis",
    );
    let report = json(d, "verify demo.kluis");
    assert_eq!(report["dossiers"], 2000, "verify counts every demo dossier");
    assert_eq!(report["organisations"], 12, "and every organisation");

    let path = d.join("demo.kluis");
    let bytes = std::fs::read(&path).expect("read the vault file");
    let unlock = kluis::vault::Unlock::Passphrase(secrecy::SecretString::from(PASS.to_owned()));
    let clock = kluis::Clock::at(TODAY.parse().expect("date"));
    let vault = kluis::vault::Vault::open(&path, &unlock, clock).expect("library opens it");
    let conn = vault.store().connection();
    let mut texts: Vec<String> = conn
        .prepare("SELECT notes FROM dossiers UNION SELECT name FROM organisations")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    texts.sort();
    texts.dedup();
    assert!(texts.len() > 1000, "the demo has many distinct notes");
    // Index the file's 12-byte windows once, then look up the start and the end of every
    // text (the end of a demo note carries its unique serial).
    let windows: std::collections::HashSet<&[u8]> = bytes.windows(12).collect();
    for t in texts.iter().map(String::as_bytes).filter(|t| t.len() >= 12) {
        for probe in [&t[..12], &t[t.len() - 12..]] {
            assert!(
                !windows.contains(probe),
                "part of a note or name was found in the encrypted file"
            );
        }
    }
    assert!(
        windows.contains(&b"KLUISVLT\x01\x00\x00\x00"[..]),
        "sanity check: the lookup does find bytes that are in the file"
    );
}

#[test]
fn recovery_key_new_shows_a_new_key_once_and_the_old_one_stops_opening_the_vault() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let created = json(d, "init v.kluis");
    let old = created["recovery_key"]
        .as_str()
        .expect("init prints the recovery key")
        .to_owned();
    let replaced = json(d, "recovery-key new v.kluis");
    let new = replaced["recovery_key"]
        .as_str()
        .expect("recovery-key new prints the new key")
        .to_owned();
    assert!(
        new.starts_with("AGE-SECRET-KEY-1") && new != old,
        "a new, different recovery key is shown"
    );

    let mut cmd = kluis(d, "--json org list v.kluis");
    cmd.env_remove("KLUIS_PASSPHRASE")
        .env("KLUIS_RECOVERY_KEY", &old);
    let out = output(cmd);
    let error: Value = serde_json::from_slice(&out.stdout).expect("a JSON error");
    assert_eq!(
        error["code"], "wrong_recovery_key",
        "the replaced recovery key no longer opens the vault: {error}"
    );
    let mut cmd = kluis(d, "org list v.kluis");
    cmd.env_remove("KLUIS_PASSPHRASE")
        .env("KLUIS_RECOVERY_KEY", &new);
    success(cmd);

    let out = ok(d, "recovery-key new v.kluis");
    assert!(
        out.contains("HERSTELSLEUTEL") && out.contains("oude wachtwoordzin en herstelsleutel"),
        "without --json the key is shown with the note on older copies: {out}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn the_cli_runs_without_core_dumps_and_not_dumpable() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    // Blocks reading the notes from standard input, after unlocking: a live process to inspect.
    let mut cmd = kluis(
        d,
        "dossier add v.kluis --org 'bakkerij de korenschoof' --type consult \
         --opened 2026-02-11 --notes-file -",
    );
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("kluis starts");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let proc_dir = format!("/proc/{}", child.id());
    let limits = std::fs::read_to_string(format!("{proc_dir}/limits")).expect("limits");
    let owner = std::fs::metadata(format!("{proc_dir}/status")).map(|m| m.uid());
    let me = std::fs::metadata("/proc/self/status").map(|m| m.uid());
    child.kill().expect("stop the child");
    child.wait().expect("reap");
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .expect("a core file size line");
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(
        fields[4..6],
        ["0", "0"],
        "a crash of kluis must not write plaintext into a core dump (soft and hard limit 0): {core}"
    );
    if let (Ok(owner), Ok(me)) = (owner, me)
        && me != 0
    {
        assert_eq!(
            owner, 0,
            "a non-dumpable process's /proc files belong to root, so no other process of the \
             user can read its memory"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_vault_in_a_folder_that_cannot_be_written_opens_read_only_and_refuses_changes() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().join("cd-rom");
    std::fs::create_dir(&d).expect("vault folder");
    vault_with_dossier(&d);
    let before = std::fs::read(d.join(VAULT)).expect("vault");
    let listing = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&d)
            .expect("folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let names_before = listing();
    let mode = |p: &Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
    };
    // The vault is ciphertext; readable by another user for the case below.
    mode(dir.path(), 0o755);
    mode(&d.join(VAULT), 0o644);
    mode(&d, 0o555);
    // Root ignores folder permissions (tests may run as root): then run kluis as `nobody`,
    // for whom the folder really is read-only.
    let probe = d.join("probe");
    let privileged = std::fs::write(&probe, b"").is_ok();
    if privileged {
        std::fs::remove_file(&probe).expect("remove the probe");
    }
    let run = |line: &str| {
        let mut cmd = kluis(&d, line);
        if privileged {
            cmd.uid(65534).gid(65534);
        }
        output(cmd)
    };

    let out = run("--json verify v.kluis");
    assert!(
        out.status.success(),
        "a vault on read-only media can still be verified (no lock file can be made there); \
         stderr: {}",
        text(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        report["read_only"], true,
        "verify reports that it opened read-only"
    );
    assert!(
        text(&out.stderr).contains("alleen-lezen"),
        "a clear note says why it is read-only: {}",
        text(&out.stderr)
    );

    let out = run("dossier list v.kluis");
    assert!(
        out.status.success() && text(&out.stdout).contains("2026-0001"),
        "reading commands work read-only; stderr: {}",
        text(&out.stderr)
    );

    let out = run("--json dossier close v.kluis 2026-0001 --outcome informeel_opgelost");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a change cannot be saved read-only: a user error"
    );
    let error: Value = serde_json::from_slice(&out.stdout).expect("a JSON error");
    assert_eq!(
        error["code"], "read_only",
        "the refusal has its own code, not a bare I/O error"
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("niets opgeslagen"),
        "the message says nothing was saved and why: {error}"
    );
    mode(&d, 0o755);
    assert!(
        std::fs::read(d.join(VAULT)).expect("vault") == before,
        "the vault is byte-identical after read-only use"
    );
    assert_eq!(
        listing(),
        names_before,
        "nothing was written beside the vault (no lock, no temp, no backup)"
    );
}

#[test]
fn an_organisation_name_with_an_escape_sequence_is_refused_naming_the_flag_not_the_value() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, "init v.kluis");
    for (name, contact) in [
        ("Nep\u{1b}[2J\u{1b}]0;x\u{7}BV", "Jan"),
        ("Zorg\u{202E}ehT", "Jan"),
        ("Bakkerij", "Jan\u{9b}31mPiet"),
    ] {
        let (error, stderr) = json_error(
            d,
            &format!(
                "org add v.kluis --name '{name}' --employees 40 --arrangement collectief \
                 --contact '{contact}'"
            ),
        );
        assert_eq!(
            error["code"], "validation",
            "{name:?}: a control character is invalid input"
        );
        let fields = error["fields"].as_array().expect("fields");
        assert!(
            fields.iter().any(|f| f["code"] == "control_characters"),
            "{name:?}: the field carries the code the app translates: {error}"
        );
        let message = error["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("--name") || message.contains("--contact"),
            "the message names the flag: {message}"
        );
        assert!(
            !stderr.chars().any(|c| c != '\n' && c.is_control())
                && !message.contains("Nep")
                && !message.contains("Piet"),
            "neither the value nor a control character is printed back: {stderr:?}"
        );
    }
    let listed = json(d, "org list v.kluis");
    assert_eq!(
        listed.as_array().map(Vec::len),
        Some(0),
        "nothing was stored"
    );
}
