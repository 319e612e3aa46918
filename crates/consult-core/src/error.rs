//! A failure tied to one file: what was wrong, where, and which exit code it earns.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::validate::{Location, Problem, Severity};

/// Exit code for bad input or usage.
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit code for failures such as I/O errors.
pub const EXIT_FAILURE: i32 = 1;

#[derive(Debug, Clone)]
pub struct FileError {
    pub path: PathBuf,
    pub problems: Vec<Problem>,
    /// True when the file could not be read or written, rather than being malformed.
    pub io: bool,
}

impl FileError {
    pub fn bad(path: &Path, problems: Vec<Problem>) -> Self {
        FileError {
            path: path.to_path_buf(),
            problems,
            io: false,
        }
    }

    pub fn io(path: &Path, message: impl Into<String>) -> Self {
        FileError {
            path: path.to_path_buf(),
            problems: vec![Problem::error(Location::File, message)],
            io: true,
        }
    }

    pub fn exit_code(&self) -> i32 {
        if self.io { EXIT_FAILURE } else { EXIT_BAD_INPUT }
    }
}

impl std::error::Error for FileError {}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", located(&self.path, problem))?;
        }
        Ok(())
    }
}

/// One problem as `file:line:column: error: message`, the form editors can jump to.
pub fn located(path: &Path, problem: &Problem) -> String {
    let severity = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    // A file name can hold control characters too: never send them to the terminal.
    let file = crate::text::shown_path(path);
    match &problem.location {
        Location::Text { line, column } => format!("{file}:{line}:{column}: {severity}: {}", problem.message),
        Location::Path(json_path) => format!("{file}: {severity} at {json_path}: {}", problem.message),
        Location::File => format!("{file}: {severity}: {}", problem.message),
    }
}
