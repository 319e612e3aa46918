//! Response files: any bytes through `decode`, `kind`, `response` and the check against the
//! built-in question set, as `consult validate` and the app do. No input panics; every
//! problem is located; any response that parses exports to JSON losslessly and to Markdown
//! whose structure no answer can change.
#![no_main]

use std::sync::LazyLock;

use consult_core::catalog::Catalog;
use consult_core::model::QuestionSet;
use consult_core::{documents, parse};
use consult_fuzz::{check_json, check_markdown, check_problems, decoded};
use libfuzzer_sys::fuzz_target;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::built_in);
static SET: LazyLock<QuestionSet> =
    LazyLock::new(|| CATALOG.find("integrating-care").expect("built in").clone());

fuzz_target!(|data: &[u8]| {
    let Some(text) = decoded(data) else { return };
    let response = match parse::response(text) {
        Ok(response) => response,
        Err(problem) => return check_problems(&[problem]),
    };
    // Whether or not it fits the set, export must not fail on it.
    check_json(&response);
    check_markdown(&response, &SET);
    match documents::response_from_text(text, &CATALOG, None) {
        Ok(opened) => {
            assert_eq!(opened.response, response);
            for warning in &opened.warnings {
                assert!(!warning.is_error());
            }
        }
        Err(problems) => check_problems(&problems),
    }
});
