use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use consult::app::{App, Draft};
use consult::catalog::{self, Catalog};
use consult::cli::{self, Cli, Command, EditArgs};
use consult::dirs::Dirs;
use consult::drafts;
use consult::error::located;
use consult::plain::{self, Start};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dirs = Dirs::locate();
    match cli.command {
        None if plain::chosen(false) => plain_mode(dirs, Start::Choose),
        None => open_app(dirs, None),
        Some(Command::Edit(args)) if plain::chosen(args.plain) => plain_mode(
            dirs,
            Start::Edit {
                file: args.file,
                questions: args.questions,
            },
        ),
        Some(Command::Edit(args)) => open_app(dirs, Some(args)),
        Some(Command::New(args)) if args.plain => plain_mode(
            dirs,
            Start::New {
                questions: args.questions,
                organisation: args.org,
            },
        ),
        Some(Command::Compare(args)) if args.format.is_none() => open_comparison(dirs, &args),
        Some(command) => {
            let mut stdout = std::io::stdout().lock();
            let mut stderr = std::io::stderr().lock();
            match cli::run(command, &dirs, &mut stdout, &mut stderr) {
                Ok(()) => ExitCode::SUCCESS,
                Err(failure) => fail(failure),
            }
        }
    }
}

fn fail(failure: cli::Failure) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "consult: {}", failure.message);
    ExitCode::from(failure.code as u8)
}

/// The line-by-line dialogue for screen readers and scripts.
fn plain_mode(dirs: Dirs, start: Start) -> ExitCode {
    ExitCode::from(plain::run(dirs, start))
}

/// The full-screen app on the comparison screen (`consult compare` without `--format`).
fn open_comparison(dirs: Dirs, args: &cli::CompareArgs) -> ExitCode {
    match cli::compare::prepare(args, &dirs) {
        Ok(prepared) => run_app(App::comparing(
            dirs,
            prepared.catalog,
            prepared.files,
            prepared.set,
        )),
        Err(failure) => fail(failure),
    }
}

/// The full-screen app: on the drafts list, or straight into one file.
fn open_app(dirs: Dirs, edit: Option<EditArgs>) -> ExitCode {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let app = match edit {
        None => App::new(dirs, catalog),
        Some(args) => {
            let set = match args
                .questions
                .as_deref()
                .map(catalog::load_question_set)
                .transpose()
            {
                Ok(set) => set,
                Err(e) => return fail(e.into()),
            };
            let opened = match drafts::open(&dirs, &catalog, &args.file, set.as_ref()) {
                Ok(opened) => opened,
                Err(message) => {
                    eprintln!("consult: {message}");
                    return ExitCode::from(consult::error::EXIT_FAILURE as u8);
                }
            };
            for warning in &opened.warnings {
                eprintln!("{}", located(&args.file, warning));
            }
            App::editing(dirs, catalog, Draft::opened(opened))
        }
    };
    run_app(app)
}

/// Runs the full-screen app until it quits; what it has to say is printed after.
fn run_app(app: App) -> ExitCode {
    match consult::tui::run::run(app) {
        Ok(notes) => {
            for note in notes {
                eprintln!("consult: {note}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("consult: {e}");
            ExitCode::from(consult::error::EXIT_FAILURE as u8)
        }
    }
}
