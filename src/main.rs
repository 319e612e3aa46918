use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use consult::app::{App, Draft};
use consult::catalog::{self, Catalog};
use consult::cli::{self, Cli, Command, EditArgs};
use consult::documents;
use consult::error::located;
use consult::storage::Dirs;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dirs = Dirs::locate();
    match cli.command {
        None => open_app(dirs, None),
        Some(Command::Edit(args)) => open_app(dirs, Some(args)),
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
            let opened = match documents::open_response(&args.file, &catalog, set.as_ref()) {
                Ok(opened) => opened,
                Err(e) => return fail(e.into()),
            };
            for warning in &opened.warnings {
                eprintln!("{}", located(&args.file, warning));
            }
            let draft = Draft::new(args.file, opened.set, opened.response);
            App::editing(dirs, catalog, draft)
        }
    };
    match consult::tui::run::run(app) {
        Ok(notes) => {
            for note in notes {
                eprintln!("{note}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("consult: {e}");
            ExitCode::from(consult::error::EXIT_FAILURE as u8)
        }
    }
}
