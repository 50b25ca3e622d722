//! Parser tests: the command line is consistent and the value parsers refuse clearly.

use super::*;
use clap::CommandFactory;

#[test]
fn the_command_line_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn dates_must_exist() {
    assert!(date("2026-02-28").is_ok(), "an ordinary date parses");
    assert!(date("2024-02-29").is_ok(), "a leap day parses");
    assert!(date("2026-02-30").is_err(), "30 February does not exist");
    assert!(
        date("2026-2-3").is_err(),
        "the short form is refused to avoid ambiguity"
    );
    assert!(
        date("15-03-2026").is_err(),
        "Dutch day-first order is refused"
    );
}

#[test]
fn months_parse() {
    assert_eq!(
        year_month("2026-03"),
        Ok(YearMonth {
            year: 2026,
            month: 3
        }),
        "YYYY-MM parses"
    );
    assert!(year_month("2026-13").is_err(), "month 13 does not exist");
    assert!(year_month("2026").is_err(), "a year alone is not a month");
}

#[test]
fn options_may_precede_the_vault_path() {
    let cli = Cli::try_parse_from([
        "kluis",
        "demo",
        "--orgs",
        "12",
        "--dossiers",
        "2000",
        "--years",
        "5",
        "--seed",
        "1",
        "demo.kluis",
    ])
    .expect("the documented demo usage parses");
    match cli.command {
        Command::Demo(d) => {
            assert_eq!(
                d.vault,
                PathBuf::from("demo.kluis"),
                "the path is positional"
            );
            assert_eq!(
                (d.orgs, d.dossiers, d.years, d.seed),
                (12, 2000, 5, 1),
                "flags"
            );
        }
        other => panic!("parsed as another command: {other:?}"),
    }
}

#[test]
fn recovery_key_new_takes_the_vault() {
    let cli = Cli::try_parse_from(["kluis", "recovery-key", "new", "a.kluis"]).expect("parses");
    match cli.command {
        Command::RecoveryKey(RecoveryKeyCommand::New(o)) => {
            assert_eq!(o.vault, PathBuf::from("a.kluis"), "the vault is positional");
        }
        other => panic!("parsed as another command: {other:?}"),
    }
}

mod fuzz {
    //! The CLI's value parsers on arbitrary text: no panic, a clear message for every
    //! refusal, and whatever parses round-trips.
    use super::*;
    use proptest::prelude::*;

    fn refused_clearly(e: &str) -> bool {
        !e.trim().is_empty() && !e.contains("panicked")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn dates_parse_exactly_or_say_how_to_write_them(
            s in prop_oneof![".{0,16}", "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}", " ?[0-9]{4}-[0-9]{2}-[0-9]{2} ?"],
        ) {
            match date(&s) {
                Ok(d) => prop_assert_eq!(
                    d.format("%Y-%m-%d").to_string(),
                    s.trim(),
                    "only the exact YYYY-MM-DD form of a real day parses"
                ),
                Err(e) => prop_assert!(refused_clearly(&e), "a refused date says why: {}", e),
            }
        }

        #[test]
        fn months_parse_exactly_or_say_how_to_write_them(
            s in prop_oneof![".{0,10}", "[0-9]{1,5}-[0-9]{1,3}"],
        ) {
            match year_month(&s) {
                Ok(m) => prop_assert_eq!(
                    format!("{:04}-{:02}", m.year, m.month),
                    s.trim(),
                    "only YYYY-MM with a month of 1-12 parses"
                ),
                Err(e) => prop_assert!(refused_clearly(&e), "a refused month says why: {}", e),
            }
        }

        #[test]
        fn periods_and_profiles_parse_or_say_what_is_allowed(
            s in prop_oneof![".{0,16}", "[0-9]{4}(-([HhQq][0-9]|[0-9]{4}))?"],
        ) {
            match period(&s) {
                Ok(p) => prop_assert_eq!(
                    period(&p.code()).ok(),
                    Some(p),
                    "a parsed period round-trips"
                ),
                Err(e) => prop_assert!(refused_clearly(&e), "{}", e),
            }
            if let Err(e) = profile(&s) {
                prop_assert!(refused_clearly(&e), "{}", e);
            }
        }

        #[test]
        fn minutes_and_organisation_lists_never_panic_the_parser(
            minutes in prop_oneof![".{0,12}", "-?[0-9]{1,24}"],
            orgs in "[^\\x00]{0,40}",
            year in ".{0,6}",
        ) {
            let time = Cli::try_parse_from([
                "kluis", "time", "add", "v.kluis", "--org", "A", "--activity",
                "voorlichting", "--minutes", &minutes,
            ]);
            if let Ok(cli) = time {
                let Command::Time(TimeCommand::Add(a)) = cli.command else {
                    panic!("parsed as another command");
                };
                prop_assert_eq!(
                    Some(a.minutes),
                    minutes.parse::<i64>().ok(),
                    "--minutes is a whole number (range checks are the model's)"
                );
            }
            let report = Cli::try_parse_from([
                "kluis", "report", "v.kluis", "--pooled", "--orgs", &orgs, "--period",
                "2025", "--csv", "x.csv",
            ]);
            if let Ok(cli) = report {
                let Command::Report(r) = cli.command else {
                    panic!("parsed as another command");
                };
                let expected: Vec<String> = orgs.split(',').map(str::to_owned).collect();
                prop_assert_eq!(r.orgs, expected, "--orgs splits on commas only");
            }
            let _ = Cli::try_parse_from(["kluis", "dossier", "list", "v.kluis", "--year", &year]);
            let _ = Cli::try_parse_from(["kluis", "demo", "d.kluis", "--years", &year]);
        }
    }
}

#[test]
fn backup_takes_vault_then_destination() {
    let cli = Cli::try_parse_from(["kluis", "backup", "a.kluis", "b.kluis"]).expect("parses");
    match cli.command {
        Command::Backup(b) => {
            assert_eq!(
                b.open.vault,
                PathBuf::from("a.kluis"),
                "the vault comes first"
            );
            assert_eq!(b.dest, PathBuf::from("b.kluis"), "the destination second");
        }
        other => panic!("parsed as another command: {other:?}"),
    }
}

#[test]
fn amounts_in_euro_become_cents_with_a_point_or_a_comma() {
    assert_eq!(euro_cents("1200"), Ok(120_000), "whole euros");
    assert_eq!(euro_cents("1200.50"), Ok(120_050), "a decimal point");
    assert_eq!(
        euro_cents("1200,50"),
        Ok(120_050),
        "a decimal comma, as in Dutch"
    );
    assert_eq!(euro_cents("95,5"), Ok(9_550), "one decimal is tenths");
    assert_eq!(
        euro_cents(" 0 "),
        Ok(0),
        "zero (no fee) with blanks around it"
    );
    for refused in [
        "12,3,4",
        "1.200,50",
        "1.200",
        "1,200",
        "-5",
        "+5",
        "12.345",
        "12.",
        ",50",
        "",
        "€95",
        "1e3",
        "9999999999999",
    ] {
        assert!(
            euro_cents(refused).is_err(),
            "{refused:?} is refused: no thousands separators (1.200 could be read as 1,20), \
             never negative, at most two decimals, digits only, no overflow"
        );
    }
    let e = euro_cents("1.200,50").expect_err("two separators");
    assert!(
        e.contains("1200"),
        "the refusal shows how to write the amount: {e}"
    );
}

#[test]
fn vat_rates_quantities_and_clearable_dates_parse() {
    assert_eq!(vat_percent("21"), Ok(2100), "21% is 2100 basis points");
    assert_eq!(vat_percent("9%"), Ok(900), "a percent sign is allowed");
    assert_eq!(vat_percent("0"), Ok(0), "0% (exempt)");
    assert!(vat_percent("-9").is_err(), "a negative rate is refused");
    assert!(vat_percent("twintig").is_err(), "words are refused");
    assert_eq!(quantity_milli("1,5"), Ok(1_500), "a decimal comma");
    assert_eq!(
        quantity_milli("-2.25"),
        Ok(-2_250),
        "a deduction is negative"
    );
    assert_eq!(
        quantity_milli("0.001"),
        Ok(1),
        "three decimals are thousandths"
    );
    assert!(
        quantity_milli("0.0001").is_err(),
        "four decimals are refused"
    );
    assert!(quantity_milli("--1").is_err(), "one sign at most");
    assert_eq!(date_or_none("none"), Ok(DateOrNone(None)), "none clears");
    assert_eq!(
        date_or_none("geen"),
        Ok(DateOrNone(None)),
        "Dutch geen clears"
    );
    assert_eq!(
        date_or_none("2026-03-03"),
        Ok(DateOrNone(NaiveDate::from_ymd_opt(2026, 3, 3))),
        "a date is a date"
    );
    assert!(
        date_or_none("2026-02-30").is_err(),
        "an impossible date is refused"
    );
    assert!(invoice_period("2026-Q4").is_ok(), "a quarter");
    assert!(invoice_period("2026-13").is_err(), "month 13 is refused");
}

#[test]
fn invoice_commands_parse_amounts_and_take_the_vault_first() {
    let cli = Cli::try_parse_from([
        "kluis",
        "invoice",
        "agreement",
        "v.kluis",
        "Bakkerij De Korenschoof",
        "--yearly-fee",
        "2400",
        "--hourly-rate",
        "95,50",
        "--vat",
        "21",
    ])
    .expect("an agreement with amounts parses");
    let Command::Invoice(InvoiceCommand::Agreement(a)) = cli.command else {
        panic!("parsed as another command");
    };
    assert_eq!(
        a.open.vault,
        PathBuf::from("v.kluis"),
        "the vault comes first"
    );
    assert_eq!(a.org, "Bakkerij De Korenschoof", "then the organisation");
    assert_eq!(
        (a.yearly_fee, a.hourly_rate, a.conversation_fee, a.vat),
        (Some(240_000), Some(9_550), None, Some(2100)),
        "amounts in cents, the rate in basis points, omitted fields stay None"
    );

    let cli = Cli::try_parse_from([
        "kluis",
        "invoice",
        "set-line",
        "v.kluis",
        "7",
        "2",
        "--quantity",
        "-1,5",
    ])
    .expect("a negative quantity is a value, not a flag");
    let Command::Invoice(InvoiceCommand::SetLine(s)) = cli.command else {
        panic!("parsed as another command");
    };
    assert_eq!(
        (
            s.line.invoice.as_str(),
            s.line.position,
            s.quantity,
            s.price
        ),
        ("7", 2, Some(-1_500), None),
        "invoice, 1-based position, the quantity in thousandths"
    );
    assert!(
        Cli::try_parse_from(["kluis", "invoice", "remove-line", "v.kluis", "7", "0"]).is_err(),
        "positions start at 1"
    );
    assert!(
        Cli::try_parse_from(["kluis", "invoice", "draft", "v.kluis"]).is_err(),
        "a draft needs --period"
    );
    let cli = Cli::try_parse_from([
        "kluis", "invoice", "draft", "v.kluis", "--period", "2026-10",
    ])
    .expect("a draft for every organisation");
    let Command::Invoice(InvoiceCommand::Draft(d)) = cli.command else {
        panic!("parsed as another command");
    };
    assert_eq!(
        d.org, None,
        "without ORG: every organisation with an agreement"
    );
    assert!(
        Cli::try_parse_from(["kluis", "invoice", "export", "v.kluis", "1"]).is_err(),
        "an export names at least one file"
    );
    assert!(
        Cli::try_parse_from(["kluis", "invoice", "register", "v.kluis", "1"]).is_err(),
        "register changes --sent or --paid"
    );
    let cli = Cli::try_parse_from([
        "kluis",
        "invoice",
        "register",
        "v.kluis",
        "F2026-0001",
        "--sent",
        "none",
    ])
    .expect("--sent none clears");
    let Command::Invoice(InvoiceCommand::Register(r)) = cli.command else {
        panic!("parsed as another command");
    };
    assert_eq!(
        (r.sent, r.paid),
        (Some(DateOrNone(None)), None),
        "--sent none clears the date; an omitted --paid keeps its value"
    );
    assert!(
        Cli::try_parse_from([
            "kluis",
            "invoice",
            "add-line",
            "v.kluis",
            "1",
            "--quantity",
            "1",
            "--price",
            "5",
            "--vat",
            "21",
        ])
        .is_err(),
        "a new line needs --description or --description-file"
    );
    assert!(
        Cli::try_parse_from([
            "kluis",
            "invoice",
            "add-line",
            "v.kluis",
            "1",
            "--description",
            "x",
            "--description-file",
            "f",
            "--quantity",
            "1",
            "--price",
            "5",
            "--vat",
            "21",
        ])
        .is_err(),
        "--description and --description-file exclude each other"
    );
}

mod amounts_fuzz {
    //! Amounts written either way read back to the same cents; anything else is refused
    //! with a message, never a panic.
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn cents_written_with_a_point_or_a_comma_round_trip(cents in 0i64..10_000_000_000_000) {
            let (whole, frac) = (cents / 100, cents % 100);
            prop_assert_eq!(euro_cents(&format!("{whole}.{frac:02}")), Ok(cents), "a point");
            prop_assert_eq!(euro_cents(&format!("{whole},{frac:02}")), Ok(cents), "a comma");
            if frac == 0 {
                prop_assert_eq!(euro_cents(&whole.to_string()), Ok(cents), "whole euros");
            }
        }

        #[test]
        fn arbitrary_text_is_parsed_or_refused_with_a_message(s in ".{0,20}") {
            for result in [euro_cents(&s), quantity_milli(&s), vat_percent(&s).map(i64::from)] {
                if let Err(e) = result {
                    prop_assert!(!e.trim().is_empty(), "a refusal says how to write it");
                }
            }
        }
    }
}
