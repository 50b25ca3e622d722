//! `kluis party` and `kluis link` as a real process: a name is read from standard input and
//! never taken from the command line; the same person written differently in another
//! organisation's dossier is reported as a possible conflict, conversations wait for the
//! decision, and the decision is kept with its date; links show on both dossiers.

use super::*;

#[test]
fn a_conflict_across_organisations_is_reported_and_decided_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d); // 2026-0001 at Bakkerij De Korenschoof
    ok(
        d,
        "org add v.kluis --name 'Fictieve Fietsen BV' --employees 25 --arrangement collectief",
    );
    let other = json(
        d,
        "dossier add v.kluis --org 'fictieve fietsen bv' --type consult --opened 2026-03-01",
    );
    assert_eq!(other["number"], "2026-0002", "the second dossier of 2026");
    json_with_stdin(
        d,
        "party add v.kluis 2026-0002 --role beschuldigde --name-file -",
        "de vries, jan\n",
    );
    let first = json_with_stdin(
        d,
        "party add v.kluis 2026-0001 --role melder --name-file -",
        "Piet Verzonnen",
    );
    assert_eq!(
        first["overview"]["undecided"], false,
        "a name nobody else has needs no decision: {first}"
    );
    let second = json_with_stdin(
        d,
        "party add v.kluis 2026-0001 --role getuige --function Inkoop --name-file -",
        "J. DE VRIES",
    );
    let overview = &second["overview"];
    assert_eq!(
        overview["undecided"], true,
        "the same person, written differently, in another organisation's dossier: {second}"
    );
    assert_eq!(
        (
            overview["matches"][0]["other_number"].as_str(),
            overview["matches"][0]["other_role"].as_str()
        ),
        (Some("2026-0002"), Some("beschuldigde")),
        "shown as 'beschuldigde in 2026-0002'"
    );
    let text = ok(d, "party list v.kluis 2026-0001");
    assert!(
        text.contains("beschuldigde in 2026-0002 (Fictieve Fietsen BV)")
            && text.contains("kluis party decide"),
        "the table says where the match is and what to do: {text}"
    );

    let (error, _) = json_error(
        d,
        "conversation add v.kluis 2026-0001 --minutes 30 --mode telefoon",
    );
    assert_eq!(
        error["code"], "conflict_undecided",
        "the work on the dossier waits for the decision: {error}"
    );
    json(
        d,
        "party decide v.kluis 2026-0001 --decision doorverwijzen --on 2026-03-19",
    );
    let listed = json(d, "party list v.kluis 2026-0001");
    assert_eq!(
        (
            listed["undecided"].as_bool(),
            listed["decisions"][0]["decision"].as_str(),
            listed["decisions"][0]["decided_on"].as_str()
        ),
        (Some(false), Some("doorverwijzen"), Some("2026-03-19")),
        "the decision and its date are kept with the dossier: {listed}"
    );
    json(
        d,
        "conversation add v.kluis 2026-0001 --minutes 30 --mode telefoon",
    );
    let removed = json(
        d,
        &format!(
            "party remove v.kluis {}",
            second["party"]["id"].as_i64().expect("an id")
        ),
    );
    assert!(
        removed["removed"].is_i64(),
        "a party can be removed: {removed}"
    );
}

#[test]
fn a_name_on_the_command_line_is_refused_without_echoing_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let (error, stderr) = json_error(
        d,
        "party add v.kluis 2026-0001 --role melder --name 'Qqgeheime Naam'",
    );
    assert_eq!(
        error["code"], "name_on_command_line",
        "a name in the arguments leaks through /proc/PID/cmdline and the shell history"
    );
    assert!(
        !error.to_string().contains("Qqgeheime") && !stderr.contains("Qqgeheime"),
        "the refused value is never repeated: {error} / {stderr}"
    );
}

#[test]
fn links_are_shown_on_both_dossiers_and_a_dossier_is_not_linked_to_itself() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d);
    json(
        d,
        "dossier add v.kluis --org 'bakkerij de korenschoof' --type consult --opened 2026-03-01",
    );
    let link = json(
        d,
        "link add v.kluis 2026-0001 2026-0002 --kind zelfde_beschuldigde",
    );
    let from_other = json(d, "link list v.kluis 2026-0002");
    assert_eq!(
        (
            from_other[0]["other_number"].as_str(),
            from_other[0]["kind"].as_str()
        ),
        (Some("2026-0001"), Some("zelfde_beschuldigde")),
        "the link shows on the other dossier too: {from_other}"
    );
    let (error, _) = json_error(
        d,
        "link add v.kluis 2026-0001 2026-0001 --kind zelfde_incident",
    );
    assert_eq!(
        error["code"], "link_to_itself",
        "a dossier is not linked to itself"
    );
    json(
        d,
        &format!(
            "link remove v.kluis {}",
            link["id"].as_i64().expect("an id")
        ),
    );
    let left = json(d, "link list v.kluis 2026-0001");
    assert_eq!(left.as_array().map(Vec::len), Some(0), "removed: {left}");
}

#[test]
fn the_timeline_tells_a_dossiers_history_by_role_never_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    vault_with_dossier(d); // 2026-0001
    json_with_stdin(
        d,
        "party add v.kluis 2026-0001 --role beschuldigde --name-file -",
        "Piet Verzonnen",
    );
    let text = ok(d, "dossier timeline v.kluis 2026-0001");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.first().is_some_and(|l| l.contains("Dossier geopend")),
        "the opening first: {text}"
    );
    assert!(
        text.contains("Betrokkene toegevoegd: beschuldigde"),
        "the party by role: {text}"
    );
    assert!(!text.contains("Piet"), "never by name: {text}");
    let events = json(d, "dossier timeline v.kluis 2026-0001");
    assert_eq!(
        events[0]["kind"], "opened",
        "the JSON carries the kind for scripts: {events}"
    );
}
