//! `consult completions SHELL` and `consult man`: made from the same clap definitions as
//! the command line itself, so they can never list a command or option it does not have.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use super::{Cli, CompletionsArgs, Failure, ManArgs};

pub fn completions(args: CompletionsArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    clap_complete::generate(args.shell, &mut command, name, out);
    Ok(())
}

/// consult(1) as roff on `out`; with `--dir`, it and a page per command, which consult(1)
/// refers to (consult-export(1)…), written there.
pub fn man(args: ManArgs, out: &mut dyn Write) -> Result<(), Failure> {
    // `help` is not a command with a page of its own: every page has its options.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let source = format!("consult {}", env!("CARGO_PKG_VERSION"));
    let page = |command| clap_mangen::Man::new(command).source(source.clone());
    let Some(dir) = args.dir else {
        return page(command)
            .render(out)
            .map_err(|e| failure(Path::new("standard output"), &e));
    };
    std::fs::create_dir_all(&dir).map_err(|e| failure(&dir, &e))?;
    let commands: Vec<clap::Command> = command.get_subcommands().cloned().collect();
    for command in std::iter::once(command).chain(commands) {
        let man = page(command);
        let path = dir.join(man.get_filename());
        let mut roff = Vec::new();
        man.render(&mut roff).map_err(|e| failure(&path, &e))?;
        crate::storage::write_atomic(&path, &roff, crate::storage::NewFileMode::Shared)
            .map_err(|e| failure(&path, &e))?;
        let _ = writeln!(out, "wrote {}", path.display());
    }
    Ok(())
}

fn failure(path: &Path, error: &std::io::Error) -> Failure {
    Failure::failed(format!(
        "{}: cannot write the manual page: {error}",
        path.display()
    ))
}
