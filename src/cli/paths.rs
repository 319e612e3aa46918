//! Paths on the command line meaning what the user means: a draft named as `consult list`
//! shows it, and `--out` naming a folder.

use std::path::{Path, PathBuf};

use super::{Command, Failure};
use crate::drafts;

/// `command` with each response file that is not in the current folder, but is the name
/// of a draft in `drafts_dir`, replaced by that draft. Every command that takes a response
/// file goes through here, the ones main runs itself included.
pub fn find_drafts(mut command: Command, drafts_dir: &Path) -> Command {
    let resolve = |path: &mut PathBuf| {
        // Only a bare name can be a draft's: a path with a folder in it is not looked at
        // here, so `consult compare` over thousands of files opens each once and that is all.
        if path.components().count() == 1
            && !path.exists()
            && let Some(draft) = drafts::find_draft(drafts_dir, path)
        {
            *path = draft;
        }
    };
    match &mut command {
        Command::Edit(args) => resolve(&mut args.file),
        Command::Export(args) => resolve(&mut args.response),
        Command::Validate(args) => args.files.iter_mut().for_each(resolve),
        Command::Compare(args) => args.files.iter_mut().for_each(resolve),
        Command::Versions(args) => resolve(&mut args.file),
        Command::Restore(args) => resolve(&mut args.file),
        Command::Review(args) => resolve(&mut args.draft),
        Command::Merge(args) if !args.git => {
            args.files.iter_mut().for_each(resolve);
            args.base.iter_mut().for_each(resolve);
        }
        Command::Diff(args) => args.files.iter_mut().for_each(resolve),
        Command::Joint(args) => match &mut args.command {
            super::args::JointCommand::New(new) => new.files.iter_mut().for_each(resolve),
            super::args::JointCommand::Status(status) => resolve(&mut status.joint.file),
            super::args::JointCommand::Provenance(p) => resolve(&mut p.joint.file),
        },
        Command::Questions(_)
        | Command::New(_)
        | Command::List(_)
        | Command::Completions(_)
        | Command::Man(_)
        | Command::Import(_)
        | Command::Merge(_) => {}
    }
    command
}

/// `consult edit FILE` of a file that is not there (nor a draft of that name): how to start one.
pub fn missing_response(path: &Path) -> Failure {
    let file = crate::text::shown_path(path);
    Failure::bad_input(format!(
        "{file}: no such file, nor a draft of that name (`consult list` shows your drafts); \
             start it with `consult new --questions ID --org NAME --out {file}`"
    ))
}

/// The file `--out PATH` names. PATH is a folder when it exists as one or ends in a path
/// separator (`exports/`): the folder is made if missing, and `default_in` names the file
/// inside it.
pub fn out_file(out: &Path, default_in: impl FnOnce(&Path) -> PathBuf) -> Result<PathBuf, Failure> {
    let out = &expand(out);
    let trailing_separator = out
        .as_os_str()
        .as_encoded_bytes()
        .last()
        .is_some_and(|&b| std::path::is_separator(b as char));
    if !trailing_separator && !out.is_dir() {
        return Ok(out.to_path_buf());
    }
    std::fs::create_dir_all(out)
        .map_err(|e| Failure::failed(format!("{}: cannot make the folder: {e}", out.display())))?;
    Ok(default_in(out))
}

/// `--out PATH` with a leading `~` as the home folder, for a path a shell did not expand
/// (quoted, or typed into a script).
pub fn expand(out: &Path) -> PathBuf {
    match out.to_str() {
        Some(text) => crate::dirs::expand_home(text),
        None => out.to_path_buf(),
    }
}
