use std::io::{IsTerminal, Write};
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
    // A draft's name as `consult list` shows it works wherever a response file does.
    let command = cli.command.map(|c| cli::find_drafts(c, &dirs.drafts()));
    match command {
        None if plain::chosen(false) => plain_mode(dirs, Start::Choose),
        None => open_app(dirs, None),
        Some(Command::Edit(args)) if !args.file.exists() => fail(cli::missing_response(&args.file)),
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

/// Where the app can show itself. The full screen needs a terminal on both ends (plain mode,
/// chosen before this is asked, answers for standard input that is not one).
enum Interface {
    Screen,
    /// Why there is no screen to draw on.
    NoTerminal(&'static str),
}

fn interface() -> Interface {
    if !std::io::stdin().is_terminal() {
        Interface::NoTerminal("standard input is not one")
    } else if !std::io::stdout().is_terminal() {
        Interface::NoTerminal("standard output is not one")
    } else {
        Interface::Screen
    }
}

/// Whether `screen` can be opened; if not, why, and the command that writes what it would
/// show (`instead`). Checked before anything is opened or locked.
fn screen_or(screen: &str, instead: &str) -> Result<(), cli::Failure> {
    match interface() {
        Interface::Screen => Ok(()),
        Interface::NoTerminal(why) => Err(cli::Failure::bad_input(format!(
            "{screen} needs a terminal, but {why}; {instead}"
        ))),
    }
}

/// The line-by-line dialogue for screen readers and scripts.
fn plain_mode(dirs: Dirs, start: Start) -> ExitCode {
    ExitCode::from(plain::run(dirs, start))
}

/// The full-screen app on the comparison screen (`consult compare` without `--format`).
fn open_comparison(dirs: Dirs, args: &cli::CompareArgs) -> ExitCode {
    let screen = screen_or(
        "the comparison screen",
        "`--format md|json|csv` writes the comparison instead, to standard output or to `--out FILE`",
    );
    if let Err(failure) = screen {
        return fail(failure);
    }
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
    if let Some(args) = &edit
        && !args.file.exists()
    {
        return fail(cli::missing_response(&args.file));
    }
    let screen = screen_or(
        "the drafting app",
        "`consult list` shows your drafts and `consult export DRAFT --format md` writes one out",
    );
    if let Err(failure) = screen {
        return fail(failure);
    }
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
            let mut opened =
                match drafts::open_keeping_version_later(&dirs, &catalog, &args.file, set.as_ref()) {
                    Ok(opened) => opened,
                    Err(message) => {
                        eprintln!("consult: {message}");
                        return ExitCode::from(consult::error::EXIT_FAILURE as u8);
                    }
                };
            let offer = drafts::set_version::on_opening(&mut opened, &catalog);
            for warning in &opened.warnings {
                eprintln!("{}", located(&args.file, warning));
            }
            let mut app = App::editing(dirs, catalog, Draft::opened(opened));
            if let Some(offer) = offer {
                consult::app::update::offer_set_version(&mut app, &offer);
            }
            app
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
