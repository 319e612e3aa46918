//! JSON Schemas for the two file formats, generated from the Rust types so that
//! they can never disagree with what consult actually reads.

use crate::model::{QuestionSet, Response};

/// Makes one schema's text.
pub type Generator = fn() -> String;

/// The schema files kept in the repository, and how to make each.
pub const FILES: &[(&str, Generator)] = &[
    ("schemas/question-set.schema.json", question_set),
    ("schemas/response.schema.json", response),
];

pub fn question_set() -> String {
    pretty(schemars::schema_for!(QuestionSet))
}

pub fn response() -> String {
    pretty(schemars::schema_for!(Response))
}

fn pretty(schema: schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialise");
    text.push('\n');
    text
}
