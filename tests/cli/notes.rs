//! Notes never on the command line: refused without echoing them; read from a file or
//! from the editor in a private folder that is cleaned up.

use super::*;

#[test]
fn notes_given_as_a_command_line_value_are_refused_without_echoing_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    let before = std::fs::read(d.join(VAULT)).expect("vault");
    for line in [
        "dossier add v.kluis --org 'bakkerij de korenschoof' --type consult \
         --notes 'Naam van de melder'",
        "dossier edit v.kluis 2026-0001 --notes='Naam van de melder'",
        "dossier edit v.kluis 2026-0001 --notes",
    ] {
        let (error, stderr) = json_error(d, line);
        assert_eq!(
            error["code"], "notes_on_command_line",
            "`{line}`: notes on the command line leak through /proc/PID/cmdline and the \
             shell history, so the value is refused with its own code"
        );
        let message = error["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("--notes-file") && message.contains("shellgeschiedenis"),
            "`{line}`: the message says why and what to use instead: {message}"
        );
        assert!(
            !message.contains("melder") && !stderr.contains("melder"),
            "`{line}`: the refused value is never repeated: {message} / {stderr}"
        );
    }
    assert!(
        std::fs::read(d.join(VAULT)).expect("vault") == before,
        "a refused --notes changes nothing in the vault"
    );
    let help = ok(d, "dossier add --help");
    assert!(
        help.contains("--notes-file")
            && help.contains("--notes-editor")
            && !help.contains("--notes <"),
        "help offers the file, standard input and the editor, not a --notes value: {help}"
    );
}

#[test]
fn notes_come_from_a_file_or_from_the_editor_in_a_private_folder_that_is_cleaned_up() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    std::fs::write(d.join("notities.txt"), "Notitie uit een bestand").expect("notes file");
    let edited = json(
        d,
        "dossier edit v.kluis 2026-0001 --notes-file notities.txt",
    );
    assert_eq!(
        edited["notes"], "Notitie uit een bestand",
        "--notes-file FILE replaces the notes with the file's text"
    );

    let runtime = tempfile::tempdir().expect("runtime dir");
    let editor = d.join("editor.sh");
    // The editor sees the current notes and appends a line.
    std::fs::write(
        &editor,
        "#!/bin/sh\nls -l \"$1\" > \"$0.seen\"\nprintf '\\nAangevuld in de editor' >> \"$1\"\n",
    )
    .expect("editor script");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut cmd = kluis(d, "--json dossier edit v.kluis 2026-0001 --notes-editor");
    cmd.env("EDITOR", &editor)
        .env_remove("VISUAL")
        .env("XDG_RUNTIME_DIR", runtime.path());
    let shown: Value = serde_json::from_str(&success(cmd)).expect("JSON");
    assert_eq!(
        shown["notes"], "Notitie uit een bestand\nAangevuld in de editor",
        "--notes-editor starts from the current notes and stores what the editor saved"
    );
    let seen = std::fs::read_to_string(d.join("editor.sh.seen")).expect("the editor ran");
    assert!(
        seen.starts_with("-rw-------"),
        "the editor's file is readable by the advisor only: {seen}"
    );
    let left: Vec<_> = std::fs::read_dir(runtime.path())
        .expect("runtime dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.is_empty(),
        "the plaintext file is wiped and removed after the editor: {left:?}"
    );

    let mut cmd = kluis(d, "--json dossier edit v.kluis 2026-0001 --notes-editor");
    cmd.env_remove("EDITOR").env_remove("VISUAL");
    let out = output(cmd);
    let error: Value = serde_json::from_slice(&out.stdout).expect("a JSON error");
    assert!(
        out.status.code() == Some(1)
            && error["message"]
                .as_str()
                .unwrap_or_default()
                .contains("EDITOR"),
        "without an editor the message says to set EDITOR: {error}"
    );
}
