//! A scripted session under strace: it changes only the vault folder and the exports, and
//! opens no socket.

use super::*;

/// The syscalls of one `kluis` invocation under strace: file changes and network use.
fn traced(
    dir: &Path,
    trace_dir: &Path,
    n: usize,
    line: &str,
    stdin: Option<&str>,
) -> (String, String) {
    use std::io::Write as _;
    let log = trace_dir.join(format!("trace.{n}"));
    let inner = kluis(dir, line);
    let mut cmd = Command::new("strace");
    cmd.current_dir(dir)
        .args(["-f", "-qq", "-e", "trace=%file,%network", "-o"])
        .arg(&log)
        .arg(inner.get_program())
        .args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let home = dir.join("home");
    cmd.env("HOME", &home)
        .env("TMPDIR", dir.join("tmp"))
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_RUNTIME_DIR", dir.join("run"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .expect("strace must be installed (make test installs it)");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(s) = stdin {
        input.write_all(s.as_bytes()).expect("kluis reads stdin");
    }
    drop(input);
    let out = child.wait_with_output().expect("strace ends");
    assert!(
        out.status.success(),
        "`{line}` must succeed under strace; stderr: {}",
        text(&out.stderr)
    );
    (
        std::fs::read_to_string(&log).expect("the strace log"),
        text(&out.stdout),
    )
}

/// The syscall of a strace line (`1234 openat(...) = 3`) and the paths it names.
fn syscall(line: &str) -> (&str, Vec<&str>) {
    let call = line.split_once(' ').map_or(line, |(_, rest)| rest);
    let name = call.split('(').next().unwrap_or_default();
    let paths = call.split('"').skip(1).step_by(2).collect();
    (name, paths)
}

#[test]
fn a_scripted_session_changes_only_the_vault_folder_and_exports_and_opens_no_socket() {
    if std::env::var_os("CI").is_none() && Command::new("strace").arg("-V").output().is_err() {
        eprintln!("strace not installed: skipping (make test installs it)");
        return;
    }
    const PROBE: &str = "sonde-7f3a9c-verzonnen-melding";
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let traces = tempfile::tempdir().expect("trace dir");
    for sub in ["home", "tmp", "run", "exports"] {
        std::fs::create_dir(d.join(sub)).expect("folder");
    }
    let mut calls = Vec::new();
    let mut run = |line: &str, stdin: Option<&str>| {
        let (log, out) = traced(d, traces.path(), calls.len(), line, stdin);
        calls.push(log);
        out
    };
    run(
        "demo --orgs 2 --dossiers 80 --years 2 --seed 3 v.kluis",
        None,
    );
    let orgs: Value =
        serde_json::from_str(&run("--json org list v.kluis", None)).expect("org list --json");
    let org = format!(
        "--org '{}'",
        orgs[0]["name"]
            .as_str()
            .expect("the demo has organisations")
    );
    let added: Value = serde_json::from_str(&run(
        &format!(
            "--json dossier add v.kluis {org} --type melding_omgangsvormen --opened 2025-02-10 \
             --category pesten --relation collega --notes-file -"
        ),
        Some(PROBE),
    ))
    .expect("dossier add --json prints JSON");
    let number = added["number"]
        .as_str()
        .expect("a dossier number")
        .to_owned();
    run("dossier list v.kluis", None);
    run(&format!("dossier show v.kluis {number}"), None);
    run(
        &format!("report v.kluis {org} --period 2025 --csv exports/r.csv --pdf exports/r.pdf"),
        None,
    );
    run("backup v.kluis exports/kopie.kluis", None);
    run("verify v.kluis", None);
    run("exports v.kluis", None);
    run(&format!("ledger show v.kluis {org}"), None);
    let calls: Vec<String> = calls
        .iter()
        .flat_map(|log| log.lines().map(str::to_owned))
        .collect();
    let root = d.to_string_lossy().into_owned();
    let inside = |p: &str| {
        let relative = !p.starts_with('/') && !p.starts_with("..");
        relative || p.starts_with(&root)
    };
    let changes = |c: &str| {
        let (name, _) = syscall(c);
        let writes = matches!(name, "open" | "openat" | "openat2" | "creat")
            && ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"]
                .iter()
                .any(|f| c.contains(f));
        let alters = matches!(
            name,
            "rename"
                | "renameat"
                | "renameat2"
                | "unlink"
                | "unlinkat"
                | "link"
                | "linkat"
                | "mkdir"
                | "mkdirat"
                | "rmdir"
                | "truncate"
                | "symlink"
                | "symlinkat"
                | "creat"
        );
        writes || alters
    };
    let devices = [
        "/dev/null",
        "/dev/tty",
        "/dev/urandom",
        "/dev/random",
        "/dev/ptmx",
    ];
    let outside: Vec<&String> = calls
        .iter()
        .filter(|c| changes(c))
        .filter(|c| {
            syscall(c)
                .1
                .iter()
                .any(|p| !inside(p) && !devices.contains(p))
        })
        .collect();
    assert!(
        outside.is_empty(),
        "the CLI changes nothing outside the vault folder and the chosen exports: {outside:#?}"
    );
    let tmpfile: Vec<&String> = calls.iter().filter(|c| c.contains("O_TMPFILE")).collect();
    assert!(
        tmpfile.is_empty(),
        "no unnamed temporary file (O_TMPFILE) is ever created: {tmpfile:#?}"
    );
    let network: Vec<&String> = calls
        .iter()
        .filter(|c| {
            matches!(
                syscall(c).0,
                "socket" | "connect" | "bind" | "sendto" | "sendmsg" | "listen" | "accept"
            )
        })
        .collect();
    assert!(
        network.is_empty(),
        "the CLI opens no socket and makes no connection: {network:#?}"
    );
    assert!(
        calls.len() > 100,
        "strace recorded the session's file calls ({} lines)",
        calls.len()
    );
    // The note's text is in no file on disk: not in the vault folder, the exports, the
    // home and temporary folders the CLI was given.
    let mut files = Vec::new();
    let mut stack = vec![d.to_path_buf()];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).expect("readable").flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    assert!(
        files.iter().any(|f| f.ends_with("exports/r.pdf")) && files.len() >= 4,
        "the session wrote its vault, report and backup: {files:?}"
    );
    for f in &files {
        let bytes = std::fs::read(f).expect("readable file");
        assert!(
            !bytes.windows(PROBE.len()).any(|w| w == PROBE.as_bytes()),
            "the note's text is in no file on disk, found in {}",
            f.display()
        );
    }
    let shown = ok(d, &format!("dossier show v.kluis {number}"));
    assert!(
        shown.contains(PROBE),
        "the probe is really in the vault, so the search above could find it: {shown}"
    );
}
