//! The built-in question set and the sample responses, for the export tests
//! (`#[path]`-included).

#![allow(dead_code)] // each test file uses some of these

use std::path::{Path, PathBuf};

use consult::catalog::Catalog;
use consult::model::{QuestionSet, Response};

pub fn built_in() -> QuestionSet {
    Catalog::built_in().find("integrating-care").unwrap().clone()
}

/// The path of a file in `tests/fixtures/`.
pub fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A response in `tests/fixtures/`.
pub fn fixture(name: &str) -> Response {
    consult::parse::response(&std::fs::read_to_string(path(name)).unwrap()).unwrap()
}
