//! The built-in question set and the sample responses, for the export tests
//! (`#[path]`-included).

use std::path::Path;

use consult::catalog::Catalog;
use consult::model::{QuestionSet, Response};

pub fn built_in() -> QuestionSet {
    Catalog::built_in().find("integrating-care").unwrap().clone()
}

/// A response in `tests/fixtures/`.
pub fn fixture(name: &str) -> Response {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    consult::parse::response(&std::fs::read_to_string(path).unwrap()).unwrap()
}
