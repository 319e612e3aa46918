//! What every subcommand shares: [`Failure`], the way a subcommand says it failed, and
//! the helpers that produce one (a path shown safely, where `--out` goes, a write).

use std::io::Write;
use std::path::Path;

use crate::catalog::{self, Catalog};
use crate::dirs::Dirs;
use crate::error::{EXIT_BAD_INPUT, EXIT_FAILURE, FileError};
use crate::model::QuestionSet;
use crate::out;
use crate::storage::NewFileMode;

/// Why a command failed, and the exit code that says so.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        Failure {
            code: e.exit_code(),
            message: e.to_string(),
        }
    }
}

impl Failure {
    /// Bad input or a usage mistake: exit 2.
    pub fn bad_input(message: impl Into<String>) -> Self {
        Failure {
            code: EXIT_BAD_INPUT,
            message: message.into(),
        }
    }

    /// Something that should have worked did not (a write, a lock): exit 1.
    pub fn failed(message: impl Into<String>) -> Self {
        Failure {
            code: EXIT_FAILURE,
            message: message.into(),
        }
    }

    /// A file that could not be written.
    pub fn io(path: &Path, error: &std::io::Error) -> Self {
        Failure::failed(format!("{}: cannot write: {error}", name(path)))
    }
}

/// A path as it may be shown on a terminal.
pub fn name(path: &Path) -> String {
    crate::text::shown_path(path)
}

/// The question sets consult knows, and the one named with `--questions FILE`, if any.
pub(crate) fn known_sets(
    dirs: &Dirs,
    questions: Option<&Path>,
) -> Result<(Catalog, Option<QuestionSet>), Failure> {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let set = questions.map(catalog::load_question_set).transpose()?;
    Ok((catalog, set))
}

/// Where `--out PATH` sends a document ([`out::target`]: `~` as the home folder, `-` as
/// standard output, a pipe or device written into, an existing file only with `--force`),
/// checked before anything is made.
pub(crate) fn out_target(path: &Path, force: bool) -> Result<out::Target, Failure> {
    out::target(&super::paths::expand(path), force).map_err(|refused| Failure::failed(refused.to_string()))
}

/// Writes a document made by `write` to `target` (standard output being `stdout`).
pub(crate) fn write_out(
    target: &out::Target,
    mode: NewFileMode,
    stdout: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    out::write(target, mode, stdout, write).map_err(|e| match target {
        out::Target::File(path) | out::Target::Stream(path) => Failure::io(path, &e),
        out::Target::Stdout => Failure::failed(format!("cannot write to standard output: {e}")),
    })
}

/// Tells where a document went, when it went to a file the user will look for.
pub(crate) fn say_written(out: &mut dyn Write, target: &out::Target, message: impl FnOnce() -> String) {
    if target.is_file() {
        let _ = writeln!(out, "{}", message());
    }
}

/// Why `--strict` stops: there were warnings.
pub fn strict_message(warnings: usize) -> String {
    let warnings = if warnings == 1 {
        "1 warning".to_string()
    } else {
        format!("{warnings} warnings")
    };
    format!("{warnings}, and --strict treats warnings as failures")
}
