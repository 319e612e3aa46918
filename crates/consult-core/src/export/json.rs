//! The JSON form of a response: the draft format itself, pretty-printed with a fixed
//! key order (the struct's field order) so that diffs between versions read well.

use serde::Serialize;

use crate::model::{Answer, Conflict, Respondent, Response, ResponseStatus, SetRef};

/// A response as written: every field borrowed, but the format version the one the file
/// needs ([`Response::format_to_write`]), so nothing is copied to change one number.
#[derive(Serialize)]
struct Written<'a> {
    format_version: u32,
    question_set: &'a SetRef,
    respondent: &'a Respondent,
    status: ResponseStatus,
    created: jiff::Timestamp,
    updated: jiff::Timestamp,
    current_item: &'a Option<String>,
    answers: &'a [Answer],
    #[serde(skip_serializing_if = "<[Conflict]>::is_empty")]
    conflicts: &'a [Conflict],
    #[serde(skip_serializing_if = "Option::is_none")]
    joint: &'a Option<crate::model::Joint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: &'a Option<crate::model::Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviews: &'a Option<crate::model::review::Reviews>,
}

/// Loading a file this wrote and rendering it again gives the same bytes.
pub fn render(response: &Response) -> String {
    // Every field named, so a new one cannot be forgotten here.
    let Response {
        format_version: _,
        question_set,
        respondent,
        status,
        created,
        updated,
        current_item,
        answers,
        conflicts,
        joint,
        source,
        reviews,
    } = response;
    let written = Written {
        format_version: response.format_to_write(),
        question_set,
        respondent,
        status: *status,
        created: *created,
        updated: *updated,
        current_item,
        answers,
        conflicts,
        joint,
        source,
        reviews,
    };
    let mut text = serde_json::to_string_pretty(&written).expect("a response always serialises");
    text.push('\n');
    text
}
