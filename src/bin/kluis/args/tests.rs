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
