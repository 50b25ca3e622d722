//! Import of an existing registration, end to end through the core: spreadsheets written
//! here by maintained writer crates (rust_xlsxwriter for .xlsx, spreadsheet-ods for .ods),
//! CSV files in the dialects and encodings advisors have, a real encrypted vault reopened
//! from disk to check what went in, and hostile cells.

use super::util::*;
use kluis::import::{self, Field, ImportError, Mapping, Source};
use kluis::model::*;
use kluis::vault::Vault;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook as Xlsx};
use std::path::Path;

const HEADERS: [&str; 10] = [
    "Organisatie",
    "Datum melding",
    "Datum afsluiting",
    "Soort contact",
    "Categorie",
    "Relatie",
    "Rol melder",
    "Uitkomst",
    "Bestede tijd",
    "Notities",
];

/// A vault with the two organisations the test files name.
fn vault_with_orgs(dir: &Path) -> Vault {
    let (mut v, _) = Vault::create(&vault_path(dir), &pass(), clock()).expect("vault is created");
    add_org(&mut v, "Zorggroep De Linde", 400);
    add_org(&mut v, "Bakkerij De Korenschoof", 40);
    v.save(clock()).expect("vault saves");
    v
}

fn date_format() -> Format {
    Format::new().set_num_format("dd-mm-yyyy")
}

/// The registration an advisor kept in Excel: real date cells, an unformatted serial, a
/// text date, categories spelled three ways, minutes as "1:30".
fn registration_xlsx(path: &Path) {
    let mut book = Xlsx::new();
    let sheet = book
        .add_worksheet()
        .set_name("Registratie")
        .expect("a valid name");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let date = date_format();
    // Organisation, opened, closed (as text), then the text columns D to J.
    type Line = (
        &'static str,
        (u16, u8, u8),
        Option<(u16, u8, u8)>,
        [&'static str; 7],
    );
    let rows: [Line; 4] = [
        (
            "Zorggroep De Linde",
            (2024, 3, 5),
            Some((2024, 4, 2)),
            [
                "Melding",
                "Pesten, Discriminatie",
                "Collega",
                "Medewerker",
                "Informeel opgelost",
                "1:30",
                "Verzonnen notitie één",
            ],
        ),
        (
            "Zorggroep De Linde",
            (2024, 6, 11),
            None,
            [
                "consult",
                "pesterij",
                "Leidinggevende",
                "Stagiair",
                "",
                "45",
                "",
            ],
        ),
        (
            "Bakkerij De Korenschoof",
            (2025, 1, 20),
            Some((2025, 2, 3)),
            [
                "Melding",
                "PESTEN",
                "collega",
                "medewerker",
                "Doorverwezen",
                "60",
                "Verzonnen notitie twee",
            ],
        ),
        (
            "zorggroep de linde",
            (2025, 9, 1),
            None,
            [
                "Integriteitsmelding",
                "Fraude",
                "Onbekend",
                "Oud-medewerker",
                "",
                "",
                "",
            ],
        ),
    ];
    for (i, (org, opened, closed, texts)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, *org).expect("cell");
        let (y, m, d) = *opened;
        if i == 1 {
            // An unformatted date: Excel shows its serial number.
            let serial = ExcelDateTime::from_ymd(y, m, d).expect("valid").to_excel();
            sheet.write_number(row, 1, serial).expect("cell");
        } else {
            let dt = ExcelDateTime::from_ymd(y, m, d).expect("valid");
            sheet
                .write_datetime_with_format(row, 1, &dt, &date)
                .expect("cell");
        }
        if let Some((y, m, d)) = closed {
            sheet
                .write_string(row, 2, format!("{d}-{m}-{y}"))
                .expect("a text date");
        }
        for (c, v) in texts.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(row, c as u16 + 3, *v).expect("cell");
            }
        }
    }
    book.save(path).expect("the test spreadsheet is written");
}

fn draft_for(source: &Source, vault: &Vault) -> Mapping {
    source
        .draft(vault.store(), None, 1)
        .expect("a draft is made from the headers")
}

#[test]
fn an_excel_registration_goes_in_through_draft_dry_run_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registratie.xlsx");
    registration_xlsx(&file);
    let mut vault = vault_with_orgs(dir.path());
    let source = Source::read(&file).expect("the spreadsheet is read");
    assert_eq!(source.book.kind, import::FileKind::Xlsx);

    let mut mapping = draft_for(&source, &vault);
    for (field, letter) in [
        (Field::Organisation, "A"),
        (Field::OpenedOn, "B"),
        (Field::ClosedOn, "C"),
        (Field::ContactType, "D"),
        (Field::Categories, "E"),
        (Field::Relation, "F"),
        (Field::ReporterRole, "G"),
        (Field::Outcome, "H"),
        (Field::Minutes, "I"),
        (Field::Notes, "J"),
    ] {
        assert_eq!(
            mapping.columns_of(field),
            vec![kluis::import::text::column_index(letter).unwrap()],
            "{field:?} is suggested from its header"
        );
    }
    let cats = &mapping.values[&Field::Categories];
    assert_eq!(cats["Pesten"], "pesten", "the label, suggested");
    assert_eq!(cats["pesterij"], "pesten", "a spelling, suggested");
    assert_eq!(cats["PESTEN"], "pesten", "capitals, suggested");
    assert_eq!(cats["Fraude"], "fraude_diefstal", "a synonym, suggested");
    // "Melding" alone could be either kind of report: the advisor decides.
    assert_eq!(
        mapping.values[&Field::ContactType]["Melding"],
        "melding_omgangsvormen"
    );
    mapping
        .values
        .get_mut(&Field::ContactType)
        .unwrap()
        .insert("Melding".into(), "melding_omgangsvormen".into());

    let before = std::fs::read(vault_path(dir.path())).unwrap();
    let run = source
        .plan(vault.store(), &mapping, clock())
        .expect("the dry run runs");
    assert_eq!(run.plan.errors, vec![], "every row of this file is valid");
    assert_eq!((run.plan.data_rows, run.plan.ready), (4, 4));
    assert_eq!(
        std::fs::read(vault_path(dir.path())).unwrap(),
        before,
        "a dry run writes nothing"
    );
    assert_eq!(
        vault.store().dossier_count().unwrap(),
        0,
        "nor changes the open vault"
    );

    let outcome = import::commit(&mut vault, &source, &run, false, clock()).expect("imports");
    assert_eq!(outcome.created, 4);
    assert_eq!(
        (outcome.first_number.as_str(), outcome.last_number.as_str()),
        ("2024-0001", "2025-0002")
    );
    drop(vault);

    // Reopened from the encrypted file: what went in is what the sheet says.
    let vault = Vault::open(&vault_path(dir.path()), &unlock_pass(), clock()).expect("reopens");
    let d = vault.store().dossier_by_number("2024-0001").unwrap();
    assert_eq!(d.opened_on, day("2024-03-05"));
    assert_eq!(
        d.closed_on,
        Some(day("2024-04-02")),
        "a text date, day first"
    );
    assert_eq!(d.status, DossierStatus::Closed);
    assert!(
        d.destroy_by.is_some(),
        "a closed dossier gets its destroy-by date"
    );
    assert_eq!(
        d.categories,
        vec!["pesten".to_owned(), "discriminatie".to_owned()]
    );
    assert_eq!(d.conversations.len(), 1);
    assert_eq!(d.conversations[0].minutes, 90, "1:30 is 90 minutes");
    assert_eq!(d.notes, "Verzonnen notitie één");
    assert_eq!(d.contact_type, ContactType::MeldingOmgangsvormen);
    let d = vault.store().dossier_by_number("2024-0002").unwrap();
    assert_eq!(
        d.opened_on,
        day("2024-06-11"),
        "the serial number is read as Excel shows it"
    );
    assert_eq!(
        d.reporter_role,
        ReporterRole::Flexibel,
        "stagiair is a flexible worker"
    );
    assert_eq!(d.status, DossierStatus::Open);
    let d = vault.store().dossier_by_number("2025-0002").unwrap();
    assert_eq!(d.contact_type, ContactType::MeldingIntegriteit);
    assert_eq!(d.reporter_role, ReporterRole::OudMedewerker);
    let org = vault.store().organisation(d.organisation_id).unwrap();
    assert_eq!(
        org.name, "Zorggroep De Linde",
        "a name in other capitals is the same organisation"
    );
    let log = vault.store().export_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.kind == "import" && e.sha256 == source.sha256),
        "the import is in the log with the file's hash"
    );
}

/// A sheet with one mistake per row.
fn faulty_csv() -> Vec<u8> {
    let text = "Organisatie;Datum melding;Datum afsluiting;Soort contact;Categorie\n\
        Zorggroep De Linde;31-02-2024;;consult;pesten\n\
        Onbekende BV;05-03-2024;;consult;pesten\n\
        Zorggroep De Linde;;;consult;pesten\n\
        Zorggroep De Linde;05-03-2024;;consult;Parkeren\n\
        Zorggroep De Linde;05-03-2027;;consult;pesten\n\
        Zorggroep De Linde;05-03-2024;01-03-2024;consult;pesten\n\
        ;;;;\n\
        Zorggroep De Linde;05-03-2024;;consult;pesten\n";
    text.as_bytes().to_vec()
}

fn csv_mapping() -> Mapping {
    Mapping::from_toml(
        "[columns]\norganisation = \"A\"\nopened_on = \"B\"\nclosed_on = \"C\"\ncontact_type = \"D\"\ncategories = \"E\"\n\
         [defaults]\nreporter_role = \"medewerker\"\nrelation = \"onbekend\"\noutcome = \"onbekend\"\n",
    )
    .expect("a valid mapping")
}

#[test]
fn a_dry_run_names_every_error_by_row_and_column_and_the_import_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault_with_orgs(dir.path());
    let source = Source::from_bytes(&faulty_csv()).expect("CSV is read");
    let run = source.plan(vault.store(), &csv_mapping(), clock()).unwrap();
    let found: Vec<(u32, Option<&str>, Field, ValidationCode)> = run
        .plan
        .errors
        .iter()
        .map(|i| (i.row, i.column.as_deref(), i.field, i.code))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                2,
                Some("B"),
                Field::OpenedOn,
                ValidationCode::ImpossibleDate
            ),
            (
                3,
                Some("A"),
                Field::Organisation,
                ValidationCode::UnknownValue
            ),
            (4, Some("B"), Field::OpenedOn, ValidationCode::Required),
            (
                5,
                Some("E"),
                Field::Categories,
                ValidationCode::UnknownValue
            ),
            (6, Some("B"), Field::OpenedOn, ValidationCode::InFuture),
            (
                7,
                Some("C"),
                Field::ClosedOn,
                ValidationCode::ClosedBeforeOpened
            ),
        ],
        "each mistake at its own row and column, with its own code"
    );
    assert_eq!(
        run.plan.errors[3].value.as_deref(),
        Some("Parkeren"),
        "the value, for the advisor's screen"
    );
    assert_eq!(
        (
            run.plan.ready,
            run.plan.rows_with_errors,
            run.plan.empty_rows
        ),
        (1, 6, 1)
    );
    let file_before = std::fs::read(vault_path(dir.path())).unwrap();
    let e = import::commit(&mut vault, &source, &run, false, clock()).expect_err("refused");
    assert!(matches!(e, ImportError::HasErrors { rows: 6 }), "{e:?}");
    assert_eq!(
        vault.store().dossier_count().unwrap(),
        0,
        "not even the valid row went in"
    );
    assert_eq!(
        std::fs::read(vault_path(dir.path())).unwrap(),
        file_before,
        "the file is untouched"
    );
}

#[test]
fn csv_files_in_every_dialect_and_encoding_read_alike() {
    let rows = [
        [
            "Organisatie",
            "Datum melding",
            "Soort contact",
            "Categorie",
            "Notities",
        ],
        [
            "Zorggroep De Linde",
            "05-03-2024",
            "consult",
            "pesten",
            "Coördinatie, één",
        ],
        [
            "Bakkerij De Korenschoof",
            "2024-04-01",
            "consult",
            "discriminatie",
            "regel 1\nregel 2",
        ],
    ];
    let with = |d: &str| -> String {
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        if c.contains(d) || c.contains('\n') {
                            format!("\"{c}\"")
                        } else {
                            c.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(d)
            })
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    let utf8_bom_semicolon = [&[0xEF, 0xBB, 0xBF][..], with(";").as_bytes()].concat();
    let comma = with(",");
    let (win, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&comma);
    assert!(!unmappable);
    let mut utf16_tab = vec![0xFF, 0xFE];
    for u in with("\t").encode_utf16() {
        utf16_tab.extend_from_slice(&u.to_le_bytes());
    }
    let mapping = plain_mapping();
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_with_orgs(dir.path());
    let mut plans = Vec::new();
    for (name, bytes) in [
        ("UTF-8 with BOM, ;", utf8_bom_semicolon),
        ("Windows-1252, ,", win.into_owned()),
        ("UTF-16 LE, tab", utf16_tab),
    ] {
        let source = Source::from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let run = source.plan(vault.store(), &mapping, clock()).unwrap();
        assert_eq!(run.plan.errors, vec![], "{name}: no errors");
        assert_eq!(run.plan.ready, 2, "{name}: both rows");
        let notes: Vec<&str> = run
            .plan
            .records
            .iter()
            .map(|r| r.input.notes.as_str())
            .collect();
        assert_eq!(
            notes,
            vec!["Coördinatie, één", "regel 1\nregel 2"],
            "{name}: accents and a quoted line break survive"
        );
        plans.push(run.plan.records);
    }
    assert!(
        plans.windows(2).all(|w| w[0] == w[1]),
        "the same rows whatever the dialect"
    );
}

#[test]
fn an_ods_file_and_a_merged_header_read_like_excel() {
    use spreadsheet_ods::{Sheet, WorkBook};
    let mut book = WorkBook::new_empty();
    let mut sheet = Sheet::new("Registratie");
    // Row 1: a merged group header over the two date columns; row 2: the real headers.
    sheet.set_value(0, 1, "Datum");
    sheet.set_col_span(0, 1, 2);
    for (c, h) in ["Organisatie", "geopend", "gesloten", "Soort contact"]
        .iter()
        .enumerate()
    {
        sheet.set_value(1, c as u32, *h);
    }
    sheet.set_value(2, 0, "Zorggroep De Linde");
    sheet.set_value(2, 1, chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap());
    sheet.set_value(2, 3, "consult");
    book.push_sheet(sheet);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registratie.ods");
    spreadsheet_ods::write_ods(&mut book, &file).expect("the test ODS is written");
    let source = Source::read(&file).expect("ODS is read");
    assert_eq!(source.book.kind, import::FileKind::Ods);
    let mapping = Mapping::from_toml(
        "header_row = 2\n[columns]\norganisation = \"A\"\nopened_on = \"B\"\nclosed_on = \"C\"\ncontact_type = \"D\"\n\
         [defaults]\nreporter_role = \"medewerker\"\nrelation = \"onbekend\"\noutcome = \"onbekend\"\n",
    )
    .unwrap();
    let vault = vault_with_orgs(dir.path());
    let run = source.plan(vault.store(), &mapping, clock()).unwrap();
    assert_eq!(run.plan.errors, vec![]);
    assert_eq!(
        run.plan.records[0].input.opened_on,
        day("2024-03-05"),
        "an ODS date cell"
    );

    // The same layout in Excel, with the group header merged over B1:C1.
    let mut x = Xlsx::new();
    let s = x.add_worksheet();
    s.merge_range(0, 1, 0, 2, "Datum", &Format::new()).unwrap();
    for (c, h) in ["Organisatie", "geopend", "gesloten"].iter().enumerate() {
        s.write_string(1, c as u16, *h).unwrap();
    }
    let file = dir.path().join("samengevoegd.xlsx");
    x.save(&file).unwrap();
    let source = Source::read(&file).unwrap();
    let cols = import::review::columns(&source.book.sheets[0], 1);
    let headers: Vec<&str> = cols.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(
        headers,
        vec!["", "Datum", "Datum"],
        "a merged header names every column it covers"
    );
}

fn plain_mapping() -> Mapping {
    Mapping::from_toml(
        "[columns]\norganisation = \"A\"\nopened_on = \"B\"\ncontact_type = \"C\"\ncategories = \"D\"\nnotes = \"E\"\n\
         [defaults]\nreporter_role = \"medewerker\"\nrelation = \"onbekend\"\noutcome = \"onbekend\"\n",
    )
    .expect("a valid mapping")
}

#[test]
fn hostile_cells_are_data_never_code() {
    let mut book = Xlsx::new();
    let s = book.add_worksheet();
    for (c, h) in [
        "Organisatie",
        "Datum melding",
        "Soort contact",
        "Categorie",
        "Notities",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    let date = date_format();
    for r in 1..=2u32 {
        s.write_string(r, 0, "Zorggroep De Linde").unwrap();
        s.write_datetime_with_format(r, 1, ExcelDateTime::from_ymd(2024, 3, 5).unwrap(), &date)
            .unwrap();
        s.write_string(r, 2, "consult").unwrap();
        s.write_string(r, 3, "pesten").unwrap();
    }
    s.write_string(1, 4, "tekst met \u{1b}[31mescape\u{202e} en \u{7}bel")
        .unwrap();
    // A formula: its stored result is read, the formula never run.
    s.write_formula(
        2,
        4,
        Formula::new("=HYPERLINK(\"http://example.invalid\",\"klik\")").set_result("klik"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vijandig.xlsx");
    book.save(&file).unwrap();
    let source = Source::read(&file).unwrap();
    let vault = vault_with_orgs(dir.path());
    let plan = source
        .plan(vault.store(), &plain_mapping(), clock())
        .unwrap()
        .plan;
    assert_eq!(plan.errors, vec![], "nothing here is an error");
    assert_eq!(
        plan.records[0].input.notes, "tekst met [31mescape en bel",
        "control characters removed"
    );
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.row == 2 && w.code == ValidationCode::ControlCharacters),
        "and the dry run says so"
    );
    assert_eq!(
        plan.records[1].input.notes, "klik",
        "the formula's stored value, as text"
    );
}

#[test]
fn a_megabyte_cell_is_too_long_for_notes_and_no_category() {
    // Excel cannot hold more than 32,767 characters in a cell; a CSV file can.
    let huge = "Verzonnen ".repeat(105_000); // more than 1 MB
    let text = format!(
        "Organisatie;Datum melding;Soort contact;Categorie;Notities\n\
         Zorggroep De Linde;05-03-2024;consult;pesten;{huge}\n\
         Zorggroep De Linde;05-03-2024;consult;{huge};\n\
         Zorggroep De Linde;05-03-2024;consult;pesten;=cmd|' /C calc'!A0\n"
    );
    let source = Source::from_bytes(text.as_bytes()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_with_orgs(dir.path());
    let plan = source
        .plan(vault.store(), &plain_mapping(), clock())
        .unwrap()
        .plan;
    let issues: Vec<(u32, Field, ValidationCode)> = plan
        .errors
        .iter()
        .map(|i| (i.row, i.field, i.code))
        .collect();
    assert_eq!(
        issues,
        vec![
            (2, Field::Notes, ValidationCode::TooLong),
            (3, Field::Categories, ValidationCode::UnknownValue)
        ],
        "a 1 MB cell is too long for notes and no category"
    );
    assert!(
        plan.errors
            .iter()
            .all(|i| i.value.as_ref().is_none_or(|v| v.chars().count() <= 60)),
        "a value shown back is shortened"
    );
    assert_eq!(plan.records.len(), 1, "the third row goes in");
    assert_eq!(
        plan.records[0].input.notes, "=cmd|' /C calc'!A0",
        "a formula in a text file is just text"
    );
}

#[test]
fn the_same_file_twice_is_refused_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault_with_orgs(dir.path());
    let bytes = b"Organisatie,Datum melding,Soort contact\nZorggroep De Linde,05-03-2024,consult\n";
    let source = Source::from_bytes(bytes).unwrap();
    let mapping = Mapping::from_toml(
        "[columns]\norganisation = \"A\"\nopened_on = \"B\"\ncontact_type = \"C\"\n\
         [defaults]\nreporter_role = \"medewerker\"\nrelation = \"onbekend\"\noutcome = \"onbekend\"\n",
    )
    .unwrap();
    let run = source.plan(vault.store(), &mapping, clock()).unwrap();
    assert_eq!(run.imported_before, None);
    import::commit(&mut vault, &source, &run, false, clock()).expect("first time");
    let run = source.plan(vault.store(), &mapping, clock()).unwrap();
    assert!(run.imported_before.is_some(), "the dry run warns");
    let e = import::commit(&mut vault, &source, &run, false, clock()).expect_err("second time");
    assert!(matches!(e, ImportError::AlreadyImported), "{e:?}");
    assert_eq!(vault.store().dossier_count().unwrap(), 1, "no duplicates");
    let o = import::commit(&mut vault, &source, &run, true, clock()).expect("when asked for");
    assert_eq!(
        o.first_number, "2024-0002",
        "numbers go on after those already in the vault"
    );
    assert_eq!(vault.store().dossier_count().unwrap(), 2);
}

#[test]
fn an_import_whose_save_fails_is_taken_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault_with_orgs(dir.path());
    let source = Source::from_bytes(
        b"A,B,C\nZorggroep De Linde,05-03-2024,consult\nZorggroep De Linde,06-03-2024,consult\n",
    )
    .unwrap();
    let mapping = Mapping::from_toml(
        "[columns]\norganisation = \"A\"\nopened_on = \"B\"\ncontact_type = \"C\"\n\
         [defaults]\nreporter_role = \"medewerker\"\nrelation = \"onbekend\"\noutcome = \"onbekend\"\n",
    )
    .unwrap();
    let run = source.plan(vault.store(), &mapping, clock()).unwrap();
    assert_eq!(run.plan.ready, 2);
    // The save keeps the previous file as a backup first; a file where the backup folder
    // should be makes the save fail (as a full disk would).
    let backups = kluis::vault::backup::backup_dir(&vault_path(dir.path()));
    let _ = std::fs::remove_dir_all(&backups);
    std::fs::write(&backups, b"in de weg").unwrap();
    let before = std::fs::read(vault_path(dir.path())).unwrap();
    let e = import::commit(&mut vault, &source, &run, false, clock()).expect_err("the save fails");
    assert!(matches!(e, ImportError::Vault(_)), "{e:?}");
    assert_eq!(
        vault.store().dossier_count().unwrap(),
        0,
        "the dossiers are taken back"
    );
    assert_eq!(
        vault.store().imported_before(&source.sha256).unwrap(),
        None,
        "and the log entry"
    );
    assert_eq!(
        std::fs::read(vault_path(dir.path())).unwrap(),
        before,
        "the file is as it was"
    );
}

#[test]
fn ten_thousand_rows_go_in_at_once() {
    let mut book = Xlsx::new();
    let s = book.add_worksheet();
    for (c, h) in [
        "Organisatie",
        "Datum melding",
        "Soort contact",
        "Categorie",
        "Minuten",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    let date = date_format();
    let orgs = ["Zorggroep De Linde", "Bakkerij De Korenschoof"];
    let cats = ["pesten", "Discriminatie", "werkdruk", "Agressie"];
    for i in 0..10_000u32 {
        let r = i + 1;
        s.write_string(r, 0, orgs[(i % 2) as usize]).unwrap();
        let d = ExcelDateTime::from_ymd(
            2020 + (i % 6) as u16,
            (i % 12) as u8 + 1,
            (i % 28) as u8 + 1,
        )
        .unwrap();
        s.write_datetime_with_format(r, 1, d, &date).unwrap();
        s.write_string(r, 2, "consult").unwrap();
        s.write_string(r, 3, cats[(i % 4) as usize]).unwrap();
        s.write_number(r, 4, f64::from(15 + i % 90)).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("groot.xlsx");
    book.save(&file).unwrap();
    let mut vault = vault_with_orgs(dir.path());
    let source = Source::read(&file).unwrap();
    let mapping = draft_for(&source, &vault);
    let run = source.plan(vault.store(), &mapping, clock()).unwrap();
    assert_eq!(
        (run.plan.ready, run.plan.errors_total),
        (10_000, 0),
        "{:?}",
        run.plan.errors.first()
    );
    let outcome = import::commit(&mut vault, &source, &run, false, clock()).unwrap();
    assert_eq!(outcome.created, 10_000);
    drop(vault);
    let vault = Vault::open(&vault_path(dir.path()), &unlock_pass(), clock()).unwrap();
    assert_eq!(
        vault.store().dossier_count().unwrap(),
        10_000,
        "all rows, saved and reopened"
    );
}

#[test]
fn files_that_are_no_spreadsheet_are_refused_by_name() {
    assert!(matches!(
        Source::from_bytes(b"PK\x03\x04 broken zip"),
        Err(ImportError::Unreadable)
    ));
    assert!(matches!(
        Source::from_bytes(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]),
        Err(ImportError::Unreadable)
    ));
    let mut binary = b"abc".to_vec();
    binary.extend_from_slice(&[0, 1, 2, 0, 0, 0, 7, 0, 200, 0]);
    assert!(
        matches!(Source::from_bytes(&binary), Err(ImportError::Unreadable)),
        "NUL bytes: not text"
    );
    let wide = (0..300)
        .map(|i| format!("k{i}"))
        .collect::<Vec<_>>()
        .join(";");
    assert!(matches!(
        Source::from_bytes(wide.as_bytes()),
        Err(ImportError::TooManyColumns { max_columns: 256 })
    ));
}
