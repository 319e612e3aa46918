//! Question-set files: any bytes through `decode`, `kind` and `question_set`.
//! No input panics; every problem is located; a set that loads survives being saved
//! and loaded again, and a new response to it exports cleanly.
#![no_main]

use consult_core::model::Response;
use consult_core::parse;
use consult_fuzz::{check_json, check_markdown, check_problems, decoded};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = decoded(data) else { return };
    let set = match parse::question_set(text) {
        Ok(set) => set,
        Err(problems) => return check_problems(&problems),
    };
    let saved = serde_json::to_string_pretty(&set).expect("a set serialises");
    let again = parse::question_set(&saved).expect("a saved set loads again");
    assert_eq!(again, set);
    assert_eq!(again.digest(), set.digest());

    let response = Response::new(&set, "Fuzz Trust");
    check_json(&response);
    check_markdown(&response, &set);
});
