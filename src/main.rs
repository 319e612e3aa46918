use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use consult::cli::{self, Cli};
use consult::storage::Dirs;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dirs = Dirs::locate();
    let Some(command) = cli.command else {
        // The full-screen app lands with the drafting issue; until then, show what there is.
        let _ = Cli::command().print_help();
        return ExitCode::SUCCESS;
    };
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    match cli::run(command, &dirs, &mut stdout, &mut stderr) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            use std::io::Write;
            let _ = writeln!(stderr, "consult: {}", failure.message);
            ExitCode::from(failure.code as u8)
        }
    }
}
