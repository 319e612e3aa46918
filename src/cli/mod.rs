//! The command line: its arguments ([`args`]), and the subcommands that work on files and
//! never start the full-screen app, a file each. clap stays in this layer: the domain's
//! enums get their command-line names in `args`.

pub mod args;
pub mod compare;
mod completions;
pub mod diff;
mod export;
pub mod import;
pub mod joint;
mod list;
pub mod merge;
mod new;
mod paths;
mod questions;
mod restore;
mod review;
pub mod shared;
mod validate;
mod versions;

use std::io::Write;

pub use args::*;
pub use paths::{find_drafts, missing_response};
pub use shared::Failure;

use crate::dirs::Dirs;

/// Runs one subcommand, writing results to `out` and warnings to `err`.
pub fn run(command: Command, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    match command {
        Command::Edit(_) => Err(Failure::failed(
            "`edit` opens the full-screen app and is run by main, not here",
        )),
        Command::Questions(QuestionsArgs { command: None }) => questions::list(dirs, out, err),
        Command::Questions(QuestionsArgs {
            command: Some(QuestionsCommand::Export(args)),
        }) => questions::export(args, dirs, out),
        Command::Questions(QuestionsArgs {
            command: Some(QuestionsCommand::Import(args)),
        }) => questions::import(args, dirs, out, err),
        Command::New(args) => new::run(args, dirs, out),
        Command::Validate(args) => validate::run(args, dirs, out, err),
        Command::Export(args) => export::run(args, dirs, out, err),
        Command::Compare(args) => compare::run(args, dirs, out, err),
        Command::Versions(args) => versions::run(args, dirs, out, err),
        Command::Restore(args) => restore::run(args, dirs, out),
        Command::List(args) => list::run(args, dirs, out, err),
        Command::Completions(args) => completions::completions(args, out),
        Command::Man(args) => completions::man(args, out),
        Command::Merge(args) => merge::run(args, dirs, out, err),
        Command::Diff(args) => diff::run(args, dirs, out),
        Command::Joint(args) => joint::run(args, dirs, out, err),
        Command::Import(args) => import::run(args, dirs, out, err),
        Command::Review(args) => review::run(args, dirs, out, err),
    }
}
