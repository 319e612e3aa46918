//! The repository's own files that tests read: the sample responses, the built-in set.
//! Paths are relative to the repository root, as in [`super::COMMISSION`].

use std::path::{Path, PathBuf};

use consult::catalog::Catalog;
use consult::model::{QuestionSet, Response};

/// The built-in question set's file.
pub const QUESTIONS: &str = "questions/integrating-care.json";

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The text of the file at `path` in the repository.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// The response in the file at `path` in the repository.
pub fn response(path: &str) -> Response {
    consult::parse::response(&read(path)).unwrap()
}

/// The built-in question set, "Integrating care".
pub fn built_in() -> QuestionSet {
    Catalog::built_in().find("integrating-care").unwrap().clone()
}

/// Copies the file at `path` in the repository into `dir`, under its own name; returns the copy.
pub fn copy_into(path: &str, dir: &Path) -> PathBuf {
    let copy = dir.join(Path::new(path).file_name().unwrap());
    std::fs::copy(root().join(path), &copy).unwrap();
    copy
}

/// Checks `actual`, what a run printed for `name`, against the file at `expected` (written there
/// first when `CONSULT_BLESS` is set, after a deliberate change); says what differs, if anything.
pub fn differs_from_expected(name: &str, expected: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("CONSULT_BLESS").is_some() {
        std::fs::write(expected, actual).unwrap();
    }
    let wanted =
        std::fs::read_to_string(expected).unwrap_or_else(|_| panic!("{} is missing", expected.display()));
    (wanted != actual).then(|| format!("{name}: stderr differs\n--- expected\n{wanted}--- actual\n{actual}"))
}
