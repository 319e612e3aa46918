//! Text to documents, with every problem located by line and column or JSON path.
//! Pure: no file I/O, so the fuzzers and property tests can drive it directly.

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};

mod lists;

use crate::model::validate::{self, Location, Problem, future_version_message};
use crate::model::{QuestionSet, Response, question_set::QUESTION_SET_FORMAT, response::RESPONSE_FORMAT};

/// Files larger than this are refused before parsing, so a hostile file cannot take memory
/// out of proportion. It is set so that whatever consult writes it reads back: a joint
/// response of 5,000 members (about 55 MB) and a response with a 20,000-word answer on every
/// item of a 1,000-item set (about 140 MB) are well inside it; a save that would pass it
/// is refused (see [`writable`]).
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// Whether a document of `bytes` can be read back: consult never writes a draft it would
/// then refuse to open.
pub fn writable(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "it would be larger than {} MB, the most consult reads back; nothing was written",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// What kind of document a JSON file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    QuestionSet,
    Response,
}

/// The problem with a file over [`MAX_FILE_BYTES`]. Only the start of a large file is
/// ever read, so its full size is not known here.
pub fn too_large() -> Problem {
    Problem::error(
        Location::File,
        format!(
            "file is larger than {} MB, the most consult reads",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Bytes to text: refuses empty, oversized and non-UTF-8 input, and drops a UTF-8 byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    if let Some(encoding) = wide_encoding(bytes) {
        return Err(Problem::error(
            Location::File,
            format!("file is {encoding} text, not UTF-8 (save it as UTF-8 and try again)"),
        ));
    }
    // Some tools add a byte-order mark to a file that already has one.
    let mut bytes = bytes;
    while let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bytes = rest;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::error(Location::File, "file is empty"));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        Problem::error(
            Location::Text { line, column },
            "file is not UTF-8 text (save it as UTF-8 and try again)",
        )
    })
}

/// Whether `bytes` are UTF-32 or UTF-16, as Windows tools often save: from a byte-order mark,
/// or (as RFC 4627 suggests) from where the zero bytes fall among the first four, since JSON
/// starts with an ASCII character and UTF-8 JSON never holds a zero byte.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32"),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Some("UTF-16"),
        [0, 0, 0, a, ..] | [a, 0, 0, 0, ..] if *a != 0 => Some("UTF-32"),
        [0, a, 0, b, ..] | [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some("UTF-16"),
        _ => None,
    }
}

/// 1-based line and column of the position just after `prefix`, counting characters.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line_start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&prefix[line_start..]).chars().count() + 1;
    (line, column)
}

/// The fields that tell documents apart, read without judging the rest.
#[derive(Deserialize)]
struct Peek {
    format_version: Option<serde_json::Value>,
    question_set: Option<IgnoredAny>,
    sections: Option<IgnoredAny>,
}

/// `Peek` for any JSON text: `None` when the text is not a JSON object.
fn peek(text: &str) -> Result<Option<Peek>, serde_json::Error> {
    // An object is read straight into `Peek`, skipping the rest unbuilt; anything else (and an
    // object serde will not take as `Peek`, such as one naming a field twice) is judged whole.
    if text.trim_start().starts_with('{')
        && let Ok(peek) = serde_json::from_str(text)
    {
        return Ok(Some(peek));
    }
    let value: serde_json::Value = serde_json::from_str(text)?;
    if !value.is_object() {
        return Ok(None);
    }
    Ok(serde_json::from_value(value).ok())
}

fn not_ours() -> Problem {
    Problem::error(
        Location::File,
        "not a consult document: a question set is a JSON object with \"sections\", a response one with \"question_set\"",
    )
}

/// Which kind of document `text` is, or the syntax error that stops it being either.
pub fn kind(text: &str) -> Result<DocKind, Problem> {
    let peek = peek(text)
        .map_err(|e| json_problem(&e, None))?
        .ok_or_else(not_ours)?;
    match (peek.question_set.is_some(), peek.sections.is_some()) {
        (true, false) => Ok(DocKind::Response),
        (false, true) => Ok(DocKind::QuestionSet),
        _ => Err(not_ours()),
    }
}

/// A question set, checked: shape, then ids and scales.
pub fn question_set(text: &str) -> Result<QuestionSet, Vec<Problem>> {
    let set: QuestionSet = typed(text, QUESTION_SET_FORMAT).map_err(|p| vec![p])?;
    let problems = validate::question_set(&set);
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok(set)
}

/// A response, checked for shape only: whether it fits its question set is
/// [`validate::response`]'s job, once the set is known.
pub fn response(text: &str) -> Result<Response, Problem> {
    typed(text, RESPONSE_FORMAT)
}

fn typed<T: DeserializeOwned + Serialize>(text: &str, newest: u32) -> Result<T, Problem> {
    // Most files are well formed: read them without tracking the path, which costs several
    // times the reading itself on a large file, and track it only to say where a problem is.
    let value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(_) => return Err(located_problem::<T>(text, newest)),
    };
    if let Some(problem) = list_for_record(text, &value) {
        return Err(problem);
    }
    Ok(value)
}

/// The first problem in `text`, which does not read as a `T`, located by JSON path.
fn located_problem<T: DeserializeOwned>(text: &str, newest: u32) -> Problem {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let problem = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(_) => deserializer.end().err().map(|e| json_problem(&e, None)),
        Err(e) => {
            // A newer format's unknown fields would otherwise be reported one by one:
            // the version is the real problem, so say that instead.
            if let Some(found) = future_version(text, newest) {
                return Problem::at("format_version", future_version_message(found, newest));
            }
            let path = e.path().to_string();
            Some(json_problem(e.inner(), Some(path)))
        }
    };
    problem.unwrap_or_else(|| Problem::error(Location::File, "invalid JSON"))
}

/// serde reads a record from a JSON list as readily as from an object, taking the values in
/// field order, so `"respondent": ["Example Trust"]` would load as if it named the organisation.
/// Every record in consult's formats is an object: a list in the place of one is refused.
fn list_for_record<T: Serialize>(text: &str, document: &T) -> Option<Problem> {
    let expected = serde_json::to_value(document).ok()?;
    let path = lists::first_in_place_of_record(text, &expected)?;
    if path.is_empty() {
        return Some(not_ours());
    }
    Some(Problem::at(
        path,
        "invalid type: sequence, expected an object with named fields",
    ))
}

fn future_version(text: &str, newest: u32) -> Option<u64> {
    let peek = peek(text).ok()??;
    let found = peek.format_version?.as_u64()?;
    (found > u64::from(newest)).then_some(found)
}

/// serde_json's message without its trailing "at line L column C", said in plain words and located properly.
fn json_problem(error: &serde_json::Error, path: Option<String>) -> Problem {
    let full = error.to_string();
    let message = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
    let message = match error.classify() {
        serde_json::error::Category::Eof => {
            let inside = message.strip_prefix("EOF while parsing ").unwrap_or(message);
            format!("file ends too early, in the middle of {inside}")
        }
        serde_json::error::Category::Syntax if message == "trailing characters" => {
            "invalid JSON: there is more text after the end of the document".to_string()
        }
        serde_json::error::Category::Syntax if message == "expected ident" => {
            "invalid JSON: expected true, false or null".to_string()
        }
        serde_json::error::Category::Syntax if message.starts_with("control character") => {
            "invalid JSON: a line break or other control character inside quotes must be written as an escape, such as \\n".to_string()
        }
        // serde_json stops at this depth, long before the stack could overflow.
        serde_json::error::Category::Syntax if message == "recursion limit exceeded" => {
            "invalid JSON: nested more than 128 levels deep".to_string()
        }
        serde_json::error::Category::Syntax => format!("invalid JSON: {message}"),
        _ => {
            let message = plain_types(message);
            match path.as_deref() {
                Some(p) if p != "." => format!("{message} (at {p})"),
                _ => message,
            }
        }
    };
    if error.line() == 0 {
        return Problem::error(Location::File, message);
    }
    Problem::error(
        Location::Text {
            line: error.line(),
            // At the very end of a file serde_json reports column 0.
            column: error.column().max(1),
        },
        message,
    )
}

/// Rust's names for number types, in words a person writing JSON uses.
fn plain_types(message: &str) -> String {
    let mut message = message.to_string();
    for (rust, plain) in [
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
    ] {
        if let Some(head) = message.strip_suffix(rust) {
            message = format!("{head}{plain}");
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn sample() -> Value {
        let set = crate::model::validate::tests::small_set();
        let mut response = Response::new(&set, "Example Trust");
        response.answers.push(crate::model::Answer {
            item: set.items().next().unwrap().id.clone(),
            ..Default::default()
        });
        serde_json::to_value(&response).unwrap()
    }

    fn problem_at(document: &Value) -> String {
        let problem = response(&document.to_string()).unwrap_err();
        problem.location.to_string()
    }

    // The path of a list in place of a record is put together only when one is found.
    #[test]
    fn a_list_in_place_of_a_record_is_named_by_its_path() {
        let well_formed = sample();
        assert!(response(&well_formed.to_string()).is_ok());

        let mut document = well_formed.clone();
        document["respondent"] = serde_json::json!(["Example Trust", "", "", null, true]);
        assert_eq!(problem_at(&document), "at respondent");

        let mut document = well_formed.clone();
        let set = &document["question_set"];
        let in_field_order = serde_json::json!([set["id"], set["title"], set["digest"]]);
        document["question_set"] = in_field_order;
        assert_eq!(problem_at(&document), "at question_set");
    }

    #[test]
    fn a_problem_in_a_large_well_formed_looking_file_keeps_its_path() {
        let mut document = sample();
        document["answers"][0]["status"] = serde_json::json!("half-done");
        let problem = response(&document.to_string()).unwrap_err();
        assert!(
            problem.message.contains("answers[0].status"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn kind_reads_objects_without_building_them_and_judges_the_rest_whole() {
        assert_eq!(kind(&sample().to_string()), Ok(DocKind::Response));
        assert_eq!(
            kind(r#"{"sections": [], "x": {"deep": [1, 2]}}"#),
            Ok(DocKind::QuestionSet)
        );
        // A field named twice, a list, a bare value: as before, from the whole text.
        assert_eq!(
            kind(r#"{"sections": [], "sections": []}"#),
            Ok(DocKind::QuestionSet)
        );
        assert_eq!(kind("[1, 2]"), Err(not_ours()));
        assert!(kind(r#"{"sections": [}"#).is_err());
    }
}
