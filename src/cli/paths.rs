//! Paths on the command line meaning what the user means: `--out` naming a folder.

use std::path::{Path, PathBuf};

use super::Failure;
use crate::error::{EXIT_BAD_INPUT, EXIT_FAILURE};

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

/// The file `--out PATH` names. PATH is a folder when it exists as one or ends in a path
/// separator (`exports/`): the folder is made if missing, and `default_in` names the file
/// inside it.
pub fn out_file(out: &Path, default_in: impl FnOnce(&Path) -> PathBuf) -> Result<PathBuf, Failure> {
    let trailing_separator = out
        .as_os_str()
        .as_encoded_bytes()
        .last()
        .is_some_and(|&b| std::path::is_separator(b as char));
    if !trailing_separator && !out.is_dir() {
        return Ok(out.to_path_buf());
    }
    std::fs::create_dir_all(out).map_err(|e| Failure {
        code: EXIT_FAILURE,
        message: format!("{}: cannot make the folder: {e}", out.display()),
    })?;
    Ok(default_in(out))
}
