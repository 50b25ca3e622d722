//! `kluis import`: draft a mapping from a CSV file's headers, dry-run it, fix it, import it;
//! every refusal with its own code and nothing written before the import.

use super::*;

const CSV: &str = "Organisatie;Datum melding;Soort contact;Categorie;Notities\n\
    Bakkerij De Korenschoof;05-03-2025;consult;Pesterij;Verzonnen notitie\n\
    Bakkerij De Korenschoof;31-02-2025;consult;Parkeren;\n";

fn setup(d: &Path) {
    ok(d, "init v.kluis");
    ok(
        d,
        "org add v.kluis --name 'Bakkerij De Korenschoof' --employees 40 --arrangement collectief",
    );
    std::fs::write(d.join("registratie.csv"), CSV).expect("the test CSV is written");
}

#[test]
fn a_registration_goes_in_through_draft_dry_run_and_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    setup(d);
    let said = ok(d, "import v.kluis registratie.csv --draft-mapping map.toml");
    assert!(
        said.contains("Koppeling geschreven"),
        "the draft is announced: {said}"
    );
    let mapping = std::fs::read_to_string(d.join("map.toml")).expect("the draft exists");
    let parsed = kluis::import::Mapping::from_toml(&mapping).expect("the draft reads back");
    use kluis::import::Field;
    assert_eq!(
        parsed.columns_of(Field::Organisation),
        vec![0],
        "columns from the headers"
    );
    assert_eq!(
        parsed.values[&Field::Categories]["Pesterij"],
        "pesten",
        "a suggestion to check"
    );
    assert_eq!(
        parsed.values[&Field::Categories]["Parkeren"],
        "",
        "an unknown value left empty"
    );
    let again = output(kluis(
        d,
        "import v.kluis registratie.csv --draft-mapping map.toml",
    ));
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing mapping file is never overwritten"
    );

    let before = std::fs::read(d.join("v.kluis")).expect("vault");
    let run = json(
        d,
        "import v.kluis registratie.csv --mapping map.toml --dry-run",
    );
    assert_eq!(run["plan"]["rows_with_errors"], 1, "{run}");
    let codes: Vec<(u64, &str, &str)> = run["plan"]["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap_or(0),
                e["column"].as_str().unwrap_or(""),
                e["code"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![(3, "B", "impossible_date"), (3, "D", "unknown_value")],
        "both mistakes of row 3, by row and column"
    );
    let text = ok(
        d,
        "import v.kluis registratie.csv --mapping map.toml --dry-run",
    );
    assert!(
        text.contains("rij 3, kolom B (opened_on): Deze datum bestaat niet. [31-02-2025]"),
        "the text report names row, column, field, problem and value: {text}"
    );
    let (error, _) = json_error(d, "import v.kluis registratie.csv --mapping map.toml");
    assert_eq!(
        error["code"], "import_has_errors",
        "an import with errors is refused"
    );
    assert!(
        std::fs::read(d.join("v.kluis")).expect("vault") == before,
        "a dry run and a refused import write nothing"
    );

    // The advisor fixes the file and maps the unknown value.
    std::fs::write(
        d.join("registratie.csv"),
        CSV.replace("31-02-2025", "28-02-2025"),
    )
    .unwrap();
    let mut fixed = parsed.clone();
    fixed
        .values
        .get_mut(&Field::Categories)
        .expect("categories")
        .insert("Parkeren".into(), "werkdruk_conflict".into());
    std::fs::write(d.join("map.toml"), fixed.to_toml()).unwrap();
    let done = json(d, "import v.kluis registratie.csv --mapping map.toml");
    assert_eq!(done["created"], 2, "{done}");
    let list = json(d, "dossier list v.kluis");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(2),
        "both dossiers are in the vault"
    );
    let (error, _) = json_error(d, "import v.kluis registratie.csv --mapping map.toml");
    assert_eq!(
        error["code"], "already_imported",
        "the same file twice is refused"
    );
}

#[test]
fn a_broken_mapping_or_file_is_refused_by_code_without_echoing_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    setup(d);
    std::fs::write(
        d.join("map.toml"),
        "[columns]\norganisation = \"Geheime Kolom\"\n",
    )
    .unwrap();
    let (error, stderr) = json_error(d, "import v.kluis registratie.csv --mapping map.toml");
    assert_eq!(error["code"], "mapping_invalid");
    assert!(
        !stderr.contains("Geheime"),
        "the mapping's content is not repeated: {stderr}"
    );
    std::fs::write(d.join("map.toml"), "[columns\n").unwrap();
    let (error, _) = json_error(d, "import v.kluis registratie.csv --mapping map.toml");
    assert_eq!(error["code"], "mapping_invalid");
    assert!(
        error["message"].as_str().unwrap_or("").contains("regel 1"),
        "{error}"
    );
    std::fs::write(d.join("map.toml"), "").unwrap();
    std::fs::write(d.join("kapot.xlsx"), b"PK\x03\x04 niet echt").unwrap();
    let (error, _) = json_error(d, "import v.kluis kapot.xlsx --mapping map.toml");
    assert_eq!(error["code"], "unreadable_file");
}
