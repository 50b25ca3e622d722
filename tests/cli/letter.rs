//! `kluis letter` as a real process: a closing letter drafted with the dossier's values, a
//! field without a value left in braces and named, the export refused until the advisor
//! fills it in, then written as PDF (read back with pdftotext), listed, logged by kind only;
//! an own template with a typo refused, a good one used and reset. The addressee's name is
//! read from a file or standard input, never from the command line. Only synthetic names.

use super::*;

const NAME: &str = "Fenna qqxVerzonnen7741";

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext must be installed (make deps)");
    assert!(out.status.success(), "pdftotext reads the letter");
    text(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_closing_letter_is_drafted_refused_while_unfilled_then_written_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d); // 2026-0001, opened 2026-02-10, at Bakkerij De Korenschoof
    json_with_stdin(
        d,
        "party add v.kluis 2026-0001 --role melder --name-file -",
        NAME,
    );
    ok(
        d,
        "invoice details v.kluis --name 'A. Verzonnen' --street 'Verzonnenlaan 12' \
         --postcode '3511 AB' --city Utrecht",
    );

    // Still open: the closing date and the destruction date are not known yet.
    let out = output(kluis(d, "letter draft v.kluis 2026-0001 --kind afsluiting"));
    assert!(out.status.success(), "a draft is printed all the same");
    let (draft, warning) = (text(&out.stdout), text(&out.stderr));
    assert!(
        draft.starts_with("Afsluiting van uw dossier\n\n")
            && draft.contains(&format!("Beste {NAME},"))
            && draft.contains("Op 10 februari 2026 nam u")
            && draft.contains("{afgesloten_op}"),
        "the subject, a blank line, the text with the values and the gap: {draft}"
    );
    assert!(
        warning.contains("{afgesloten_op}") && warning.contains("{vernietigen_na}"),
        "the fields to fill in are named on standard error: {warning}"
    );
    let (error, _) = json_error(
        d,
        "letter export v.kluis 2026-0001 --kind afsluiting --out brief.pdf",
    );
    assert_eq!(error["code"], "validation", "refused: {error}");
    assert_eq!(
        error["fields"][0]["code"], "unfilled_field",
        "because a field is left in braces: {error}"
    );
    assert!(!d.join("brief.pdf").exists(), "and nothing is written");

    // The advisor fills the gaps in an edited draft and addresses it.
    let edited = draft
        .replace("{afgesloten_op}", "18 maart 2026")
        .replace("{vernietigen_na}", "18 maart 2027");
    std::fs::write(d.join("brief.txt"), &edited).expect("edited draft");
    let out = output_with_stdin(
        d,
        "--json letter export v.kluis 2026-0001 --kind afsluiting --out brief.pdf \
         --from-file brief.txt --recipient-file -",
        &format!("{NAME}\nVerzonnenstraat 3\n1234 AB Verzonnen\n"),
    );
    assert!(out.status.success(), "written: {}", text(&out.stderr));
    let written: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(written["letter"]["via"], "pdf", "{written}");
    let pdf = pdf_text(&d.join("brief.pdf"));
    for expected in [
        NAME,
        "Verzonnenstraat 3",
        "Afsluiting van uw dossier",
        "op 18 maart 2026 heb afgesloten",
        "Utrecht, 20 maart 2026",
        "2026-0001",
    ] {
        assert!(pdf.contains(expected), "the PDF shows {expected:?}: {pdf}");
    }

    let list = ok(d, "letter list v.kluis 2026-0001");
    assert!(
        list.contains("Afsluitbrief") && list.contains("Als pdf") && !list.contains(NAME),
        "listed by kind and subject: {list}"
    );
    let log = json(d, "exports v.kluis");
    let entry = &log.as_array().expect("entries")[0];
    assert_eq!(
        (entry["kind"].as_str(), entry["recipient"].as_str()),
        (Some("letter"), Some("afsluiting")),
        "logged by kind: {log}"
    );
    assert!(!log.to_string().contains(NAME), "the log names nobody");
}

#[test]
fn an_own_template_with_a_typo_is_refused_and_a_good_one_used_and_reset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    std::fs::write(d.join("fout.txt"), "Beste {aam},\n").expect("template");
    let (error, _) = json_error(
        d,
        "letter set-template v.kluis --kind doorverwijzing --subject Verwijzing \
         --body-file fout.txt",
    );
    assert_eq!(
        error["fields"][0]["code"], "unknown_field",
        "a field Kluis does not know is a typo: {error}"
    );
    std::fs::write(
        d.join("goed.txt"),
        "Zoals besproken op {eerste_contact} verwijs ik u naar {doorverwezen_naar}.\n",
    )
    .expect("template");
    ok(
        d,
        "letter set-template v.kluis --kind doorverwijzing --subject 'Verwijzing {dossier}' \
         --body-file goed.txt",
    );
    let draft = ok(d, "letter draft v.kluis 2026-0001 --kind doorverwijzing");
    assert_eq!(
        draft.trim_end(),
        "Verwijzing 2026-0001\n\nZoals besproken op 10 februari 2026 verwijs ik u naar \
         {doorverwezen_naar}.",
        "the next draft uses the own template"
    );
    let list = ok(d, "letter templates v.kluis");
    assert!(list.contains("eigen"), "marked as own: {list}");
    ok(d, "letter reset-template v.kluis --kind doorverwijzing");
    let back = ok(
        d,
        "letter draft v.kluis 2026-0001 --kind doorverwijzing --language en",
    );
    assert!(
        back.starts_with("Referral\n"),
        "the English template was never changed: {back}"
    );
    let nl = ok(d, "letter templates v.kluis --kind doorverwijzing");
    assert!(
        nl.contains("sjabloon van Kluis"),
        "after the reset Kluis's template is back: {nl}"
    );
}
