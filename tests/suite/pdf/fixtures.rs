//! What the PDF tests share: the demo store and documents, the synthetic model, the
//! section titles and legend, and running the real tools on a written file.

use super::*;

pub(super) const SECTIONS_NL: [&str; 9] = [
    "Inleiding",
    "Activiteiten",
    "Aantal contacten",
    "Aard van de meldingen",
    "Kenmerken",
    "Afhandeling",
    "Signalen en trends",
    "Aanbevelingen",
    "Vertrouwelijkheid",
];

pub(super) const SECTIONS_EN: [&str; 9] = [
    "Introduction",
    "Activities",
    "Number of contacts",
    "Nature of reports",
    "Characteristics",
    "Handling",
    "Signals and trends",
    "Recommendations",
    "Confidentiality",
];

pub(super) const LEGEND_NL: &str = "x = niet gepubliceerd om herleidbaarheid te voorkomen";
pub(super) const LEGEND_EN: &str = "x = withheld to prevent identification";

/// Text that is markup in Typst and must come out literally.
pub(super) const SPECIAL: [&str; 6] = [
    "a < b",
    "#strong[niet]",
    "*geen vet*",
    "$x + 1$",
    "_geen cursief_",
    "<label> @ref",
];

pub(super) fn demo_store() -> Store {
    small_demo()
}

pub(super) fn larger_org(store: &Store) -> Organisation {
    store
        .organisations(true)
        .expect("organisations")
        .into_iter()
        .find(|o| o.employee_count >= 50)
        .expect("the demo has an organisation of 50 or more")
}

pub(super) fn model(store: &Store, org: &Organisation, period: &str) -> ReportModel {
    let period = ReportPeriod::parse(period).expect("valid period");
    build_report(store, std::slice::from_ref(org), period, Profile::Standaard)
        .expect("report builds")
        .model
}

pub(super) fn label(code: &str, nl: &str, en: &str) -> Label {
    Label {
        code: code.into(),
        nl: nl.into(),
        en: en.into(),
    }
}

pub(super) fn narrative() -> Narrative {
    let long = "Medewerkers wisten de vertrouwenspersoon dit jaar beter te vinden, vooral na \
                de voorlichtingsbijeenkomsten in het voorjaar. Het merendeel van de \
                gesprekken ging over de omgangsvormen binnen teams en over de manier waarop \
                leidinggevenden feedback geven. Daarnaast vroegen verschillende \
                medewerkers om informatie over de klachtenprocedure en de mogelijkheden \
                van bemiddeling, zonder dat dit tot een formele melding leidde. De \
                vertrouwenspersoon adviseert om de werkafspraken over bereikbaarheid en \
                werkdruk opnieuw te bespreken in het werkoverleg.";
    Narrative {
        activities: format!("Twee voorlichtingen en drie keer overleg met de directie.\n\n{long}"),
        signals: format!(
            "Opvallend: {} en {} en {}.\nVolgende regel: {} {} {} 🙂.",
            SPECIAL[0], SPECIAL[1], SPECIAL[2], SPECIAL[3], SPECIAL[4], SPECIAL[5]
        ),
        recommendations: String::new(),
    }
}

pub(super) fn document(org: &Organisation, model: ReportModel, lang: Lang) -> ReportDocument {
    let year = model.period.year();
    ReportDocument {
        lang,
        date: ReportDate {
            year: year + 1,
            month: 1,
            day: 15,
        },
        recipient: org.name.clone(),
        pooled_organisations: None,
        joint_advisors: None,
        size_band: Some(model.size_band),
        advisor: "A. de Vries".into(),
        hours: Some(Hours {
            period: label(&year.to_string(), &year.to_string(), &year.to_string()),
            rounding: 5,
            total: 85,
            by_activity: vec![
                HoursRow {
                    activity: label("voorlichting", "Voorlichting", "Information session"),
                    hours: 20,
                },
                HoursRow {
                    activity: label("overleg", "Overleg", "Meeting"),
                    hours: 65,
                },
            ],
        }),
        narrative: narrative(),
        signing: Some(kluis::report::document::Signing {
            fingerprint: "66B394FB41CECC35".into(),
        }),
        history: vec![HistoryPoint {
            period: label(
                &format!("{}", year - 1),
                &format!("{}", year - 1),
                &format!("{}", year - 1),
            ),
            value: Some(37),
        }],
        model,
    }
}

/// A year report of a large organisation with quarter columns, detailed categories, a few
/// withheld cells and a dropped table: every part of the template at once, independent of
/// what the demo data happens to give.
pub(super) fn synthetic_model(store: &Store) -> ReportModel {
    use kluis::report::model::{DroppedTable, ModelCell, ModelTable};
    let quarters: Vec<Label> = (1..=4)
        .map(|q| {
            label(
                &format!("Q{q}"),
                &format!("{q}e kwartaal 2025"),
                &format!("Q{q} 2025"),
            )
        })
        .collect();
    let total = label("*", "Totaal", "Total");
    let table = |code: &str, title: Label, section: u8, rows: &[(&str, &str, [Option<u64>; 4])]| {
        let mut labels: Vec<Label> = rows.iter().map(|(c, t, _)| label(c, t, t)).collect();
        let mut cells = Vec::new();
        let mut sums = [0u64; 4];
        for (row, (_, _, values)) in labels.iter().zip(rows) {
            let mut sum = 0;
            let mut row_hidden = false;
            for (q, v) in values.iter().enumerate() {
                cells.push(ModelCell {
                    row: row.clone(),
                    column: quarters[q].clone(),
                    period: format!("2025-Q{}", q + 1),
                    value: v.map_or(CellValue::Withheld, CellValue::Published),
                });
                sum += v.unwrap_or(5);
                sums[q] += v.unwrap_or(5);
                row_hidden |= v.is_none();
            }
            cells.push(ModelCell {
                row: row.clone(),
                column: total.clone(),
                period: "2025".into(),
                value: if row_hidden && sum < 12 {
                    CellValue::Withheld
                } else {
                    CellValue::Published(sum)
                },
            });
        }
        if rows.len() > 1 {
            for (q, s) in sums.iter().enumerate() {
                cells.push(ModelCell {
                    row: total.clone(),
                    column: quarters[q].clone(),
                    period: format!("2025-Q{}", q + 1),
                    value: CellValue::Published(*s),
                });
            }
            cells.push(ModelCell {
                row: total.clone(),
                column: total.clone(),
                period: "2025".into(),
                value: CellValue::Published(sums.iter().sum()),
            });
            labels.push(total.clone());
        }
        let mut columns = quarters.clone();
        columns.push(total.clone());
        ModelTable {
            code: code.into(),
            title,
            section,
            rows: labels,
            columns,
            cells,
            merged: Vec::new(),
            comparison: None,
        }
    };
    let tables = vec![
        table(
            "totaal",
            label("totaal", "Aantal contacten", "Number of contacts"),
            3,
            &[("totaal", "Totaal", [Some(14), Some(9), None, Some(17)])],
        ),
        table(
            "categorie",
            label("categorie", "Aard van de meldingen", "Nature of reports"),
            4,
            &[
                ("pesten", "Pesten", [Some(6), Some(5), Some(7), Some(8)]),
                ("intimidatie", "Intimidatie", [None, Some(5), None, Some(6)]),
                (
                    "seksuele_intimidatie",
                    "Seksuele intimidatie",
                    [None, None, Some(0), Some(5)],
                ),
                (
                    "discriminatie",
                    "Discriminatie",
                    [Some(0), Some(0), None, None],
                ),
                (
                    "agressie",
                    "Agressie en geweld door externen (cliënten, patiënten, publiek)",
                    [Some(5), Some(6), Some(5), Some(7)],
                ),
                (
                    "werkdruk",
                    "Werkdruk",
                    [Some(9), Some(7), Some(6), Some(11)],
                ),
                ("overig", "Overig", [Some(5), Some(0), Some(5), Some(6)]),
            ],
        ),
        table(
            "relatie",
            label(
                "relatie",
                "Relatie tot de persoon over wie gemeld wordt",
                "Relation to the person complained about",
            ),
            5,
            &[
                (
                    "leidinggevende",
                    "Leidinggevende",
                    [Some(7), Some(5), Some(6), Some(9)],
                ),
                ("collega", "Collega", [Some(8), Some(6), Some(5), Some(8)]),
                ("extern", "Extern", [None, Some(5), None, Some(5)]),
            ],
        ),
        table(
            "afloop",
            label("afloop", "Afloop", "Outcome"),
            6,
            &[
                (
                    "informeel",
                    "Informeel opgelost",
                    [Some(9), Some(6), Some(8), Some(10)],
                ),
                ("vervolg", "Formele klacht", [None, Some(5), None, Some(5)]),
                ("onbekend", "Onbekend", [Some(6), Some(5), Some(5), Some(6)]),
            ],
        ),
    ];
    let (mut withheld, mut published) = (0, 0);
    for t in &tables {
        for c in &t.cells {
            if c.value == CellValue::Withheld {
                withheld += 1;
            } else {
                published += 1;
            }
        }
    }
    // Built on a real model, so fields added to the model later keep their real values.
    let mut m = model(store, &larger_org(store), "2025");
    m.report = "2025".into();
    m.period = ReportPeriod::Year(2025);
    m.period_label = label("2025", "2025", "2025");
    m.profile = "standaard".into();
    m.size_band = SizeBand::From250;
    m.breakdowns = true;
    m.categories_grouped = false;
    m.tables = tables;
    m.dropped = vec![DroppedTable {
        code: "rol_melder".into(),
        title: label("rol_melder", "Positie van de melder", "Reporter's role"),
        rule: 4,
        reason: "too_narrow".into(),
    }];
    m.withheld_cells = withheld;
    m.published_cells = published;
    m.k = 5;
    m.audit_passed = true;
    m
}

pub(super) fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("the PDF is written to the temp dir");
    path
}

/// Runs a tool and returns its standard output; the tool must succeed.
pub(super) fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed for the PDF tests: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} must succeed on our PDF: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text as pdftotext extracts it, with line-end hyphenation undone and all
/// whitespace collapsed (justified text breaks lines anywhere).
pub(super) fn pdf_text(pdf: &Path) -> String {
    let raw = run("pdftotext", &[pdf.to_str().expect("UTF-8 path"), "-"]);
    let joined = raw
        .replace("-\n", "")
        .replace("\u{00AD}\n", "")
        .replace('\u{00AD}', "");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn withheld_in(model: &ReportModel) -> bool {
    model
        .tables
        .iter()
        .any(|t| t.cells.iter().any(|c| c.value == CellValue::Withheld))
}

/// Dossier numbers and the start of every note in the store.
pub(super) fn case_content(store: &Store) -> (Vec<String>, Vec<String>) {
    let summaries = store
        .dossiers(&DossierFilter::default())
        .expect("the dossiers list");
    assert!(!summaries.is_empty(), "the demo has dossiers to leak");
    let mut numbers = Vec::new();
    let mut notes = Vec::new();
    for s in summaries {
        let d = store.dossier(s.id).expect("the dossier reads back");
        numbers.push(d.number.clone());
        let note: String = d.notes.chars().take(30).collect();
        if note.trim().len() >= 10 {
            notes.push(note);
        }
    }
    (numbers, notes)
}

/// Renders, checks what every report must (and must not) say, and returns the text.
pub(super) fn check_text(
    store: &Store,
    doc: &ReportDocument,
    sections: &[&str; 9],
    legend: &str,
) -> String {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let pdf = write(dir.path(), "report.pdf", &render_pdf(doc).expect("renders"));
    let text = pdf_text(&pdf);
    for (i, heading) in sections.iter().enumerate() {
        assert!(
            text.contains(&format!("{} {heading}", i + 1)),
            "section {} heading {heading:?} must be in the PDF: {text}",
            i + 1
        );
    }
    let period = doc.model.period_label.text(doc.lang);
    assert!(
        text.contains(period),
        "the period label {period:?} must be in the PDF"
    );
    let (numbers, notes) = case_content(store);
    for number in &numbers {
        assert!(
            !text.contains(number.as_str()),
            "dossier number {number} must never reach a report"
        );
    }
    for note in &notes {
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            !text.contains(&note),
            "note text must never reach a report: {note:?}"
        );
    }
    for org in store.organisations(true).expect("organisations") {
        assert!(
            !text.contains(&org.contact_label),
            "the organisation's contact label must never reach a report"
        );
    }
    assert_eq!(
        text.contains(legend),
        withheld_in(&doc.model),
        "the x legend appears exactly when a table has a withheld cell"
    );
    assert!(
        !text.contains("<5") && !text.contains("< 5"),
        "a withheld cell is never shown as <5"
    );
    text
}
