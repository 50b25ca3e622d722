//! The `kluis` command as a real process, for the CLI test targets that share it
//! (tests/cli_destroy.rs, tests/cli_deadlines.rs): a clean, fixed environment, `--json`
//! output of a command that must succeed, the code of one that must fail.

#![allow(dead_code)]

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The passphrase of every test vault.
pub const PASS: &str = "paarse fiets onder de regenboog zingt";

/// A `kluis` process in `dir` with a clean, fixed environment: passphrase, `today`, Dutch. The
/// arguments are given as words (no shell).
pub fn kluis(dir: &Path, today: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kluis"));
    cmd.current_dir(dir)
        .args(args)
        .env_remove("KLUIS_LANG")
        .env_remove("KLUIS_RECOVERY_KEY")
        .env_remove("KLUIS_NEW_PASSPHRASE")
        .env("KLUIS_PASSPHRASE", PASS)
        .env("KLUIS_TODAY", today)
        .stdin(Stdio::null());
    cmd
}

pub fn run(dir: &Path, today: &str, args: &[&str], input: Option<&str>) -> Output {
    use std::io::Write as _;
    let mut cmd = kluis(dir, today, args);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    if input.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().expect("kluis starts");
    if let Some(text) = input {
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    child.wait_with_output().expect("kluis ends")
}

/// `--json` output of a command that must succeed.
pub fn json(dir: &Path, today: &str, args: &[&str], input: Option<&str>) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(dir, today, &all, input);
    assert!(
        out.status.success(),
        "{args:?} must succeed; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

/// The error code and the (Dutch) message of a command that must fail with exit 1.
pub fn refused(dir: &Path, today: &str, args: &[&str]) -> (String, String) {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(dir, today, &all, None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?} must fail as a user error"
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("the failure is JSON");
    (
        v["code"].as_str().expect("a code").to_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
