//! The `kluis` command line: create, unlock, fill, check and back up a vault without the
//! desktop app. Every command that changes the vault saves it before returning.
//!
//! Exit codes: 0 success, 1 a user error (wrong passphrase, invalid input, missing record;
//! the message says what to do, in Dutch or English), 2 a usage error (unknown command or
//! flag, a value that cannot be parsed, such as a date that does not exist).
//!
//! A user error carries a code from the core's one list ([`kluis::error::ErrorCode`], the same
//! codes the desktop app's IPC errors use). With `--json`, standard output then holds
//! `{ "code": "locked_elsewhere", "message": "...", "fields": [] }` instead of a result, and
//! the message is still written to standard error. Usage errors stay clap's text (exit 2).
#![forbid(unsafe_code)]

/// `println!` that returns the write error instead of panicking (a closed pipe, as in
/// `kluis dossier list v.kluis | head`, ends the program quietly). Every line goes through
/// [`table::write_line`]: text from the vault (a name, a label, notes) can never send a
/// control sequence to the terminal, and the formatted line (which may hold notes or a
/// recovery key) is wiped once written.
macro_rules! outln {
    () => {{
        use std::io::Write as _;
        writeln!(std::io::stdout())
    }};
    ($($arg:tt)*) => {{
        crate::table::write_line(format!($($arg)*))
    }};
}

#[path = "kluis/access.rs"]
mod access;
#[path = "kluis/args/mod.rs"]
mod args;
#[path = "kluis/deadlines.rs"]
mod deadlines;
#[path = "kluis/documents.rs"]
mod documents;
#[path = "kluis/dossiers.rs"]
mod dossiers;
#[path = "kluis/error.rs"]
mod error;
#[path = "kluis/handover.rs"]
mod handover;
#[path = "kluis/import.rs"]
mod import;
#[path = "kluis/invoice.rs"]
mod invoice;
#[path = "kluis/invoice_show.rs"]
mod invoice_show;
#[path = "kluis/joint.rs"]
mod joint;
#[path = "kluis/letters.rs"]
mod letters;
#[path = "kluis/organisations.rs"]
mod organisations;
#[path = "kluis/parties.rs"]
mod parties;
#[path = "kluis/report.rs"]
mod report;
#[path = "kluis/retention.rs"]
mod retention;
#[path = "kluis/session.rs"]
mod session;
#[path = "kluis/signing.rs"]
mod signing;
#[path = "kluis/table.rs"]
mod table;
#[path = "kluis/time.rs"]
mod time;
#[path = "kluis/vault.rs"]
mod vault;

use args::{CategoryCommand, Cli, Command, KeyCommand, LedgerCommand, RecoveryKeyCommand};
use clap::Parser;
use kluis::Lang;
use session::Ctx;
use std::process::ExitCode;

fn run(ctx: &Ctx, command: &Command) -> anyhow::Result<()> {
    match command {
        Command::Init(a) => vault::init(ctx, a),
        Command::Passwd(a) => vault::passwd(ctx, a),
        Command::RecoveryKey(RecoveryKeyCommand::New(a)) => vault::recovery_key_new(ctx, a),
        Command::Verify(a) => vault::verify(ctx, a),
        Command::Backup(a) => vault::backup(ctx, a),
        Command::Demo(a) => vault::demo(ctx, a),
        Command::Org(c) => organisations::run(ctx, c),
        Command::Category(CategoryCommand::List(a)) => organisations::categories(ctx, a),
        Command::Dossier(c) => dossiers::run(ctx, c),
        Command::Conversation(c) => dossiers::run_conversation(ctx, c),
        Command::Time(c) => time::run(ctx, c),
        Command::Hours(a) => time::hours(ctx, a),
        Command::Report(a) => report::report(ctx, a),
        Command::Ledger(LedgerCommand::Show(a)) => report::ledger_show(ctx, a),
        Command::Exports(a) => report::exports(ctx, a),
        Command::Retention(c) => retention::run(ctx, c),
        Command::DestructionLog(a) => retention::log(ctx, a),
        Command::Deadline(c) => deadlines::run(ctx, c),
        Command::Breach(c) => deadlines::run_breach(ctx, c),
        Command::Key(KeyCommand::Show(a)) => signing::key_show(ctx, a),
        Command::VerifyReport(a) => signing::verify_report(ctx, a),
        Command::Import(a) => import::run(ctx, a),
        Command::Party(c) => parties::run(ctx, c),
        Command::Link(c) => parties::run_link(ctx, c),
        Command::Invoice(c) => invoice::run(ctx, c),
        Command::Document(c) => documents::run(ctx, c),
        Command::Letter(c) => letters::run(ctx, c),
        Command::Handover(c) => handover::run(ctx, c),
        Command::Joint(c) => joint::run(ctx, c),
    }
}

fn main() -> ExitCode {
    // Before any secret is read: no core dumps, not dumpable (best effort).
    let _ = kluis::process::harden();
    let cli = Cli::parse(); // usage errors exit with 2
    let lang = cli.lang.map(Lang::from).unwrap_or_else(args::lang_from_env);
    let result = session::clock(lang).and_then(|clock| {
        let ctx = Ctx {
            lang,
            json: cli.json,
            clock,
        };
        run(&ctx, &cli.command)
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Only the top-level message: it is written for the advisor and names no content.
            let failure = error::Failure::of(&e);
            if cli.json
                && let Ok(text) = serde_json::to_string_pretty(&failure)
            {
                // A closed pipe is no reason to change the exit code or the message below.
                let _ = outln!("{text}");
            }
            let label = match lang {
                Lang::Nl => "fout",
                Lang::En => "error",
            };
            eprintln!("{label}: {}", table::terminal_safe(&failure.message));
            ExitCode::from(1)
        }
    }
}
