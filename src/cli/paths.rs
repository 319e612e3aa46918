//! Paths on the command line meaning what the user means.

use std::path::Path;

use super::Failure;
use crate::error::EXIT_BAD_INPUT;

/// `consult edit FILE` of a file that is not there: how to start one.
pub fn missing_response(path: &Path) -> Failure {
    let file = crate::text::visible_line(&path.display().to_string()).into_owned();
    Failure {
        code: EXIT_BAD_INPUT,
        message: format!(
            "{file}: no such file; start it with `consult new --questions ID --org NAME --out {file}`"
        ),
    }
}
