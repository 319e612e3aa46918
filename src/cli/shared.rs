//! What every subcommand shares: [`Failure`], the way a subcommand says it failed, and
//! the helpers that produce one (a path shown safely, a refused overwrite, a write).

use std::path::Path;

use crate::catalog::{self, Catalog};
use crate::dirs::Dirs;
use crate::error::{EXIT_BAD_INPUT, EXIT_FAILURE, FileError};
use crate::model::QuestionSet;
use crate::storage::{self, NewFileMode};

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

/// Refuses to write over `path` unless `--force` was given.
pub(crate) fn refuse_overwrite(path: &Path, force: bool) -> Result<(), Failure> {
    if path.exists() && !force {
        return Err(Failure::failed(format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        )));
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: never a half-written file.
pub(crate) fn write_file(path: &Path, bytes: &[u8], mode: NewFileMode) -> Result<(), Failure> {
    storage::write_atomic(path, bytes, mode).map_err(|e| Failure::io(path, &e))
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
