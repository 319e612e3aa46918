//! Opening response files: read, parse, find the set they answer, check they fit it.

use std::path::Path;

use crate::catalog::Catalog;
use crate::error::FileError;
use crate::model::validate::{self, Location, Problem};
use crate::model::{QuestionSet, Response};
use crate::{parse, storage};

/// A response together with the question set it answers, and any warnings.
#[derive(Debug, Clone)]
pub struct Opened {
    pub response: Response,
    pub set: QuestionSet,
    /// Problems that do not stop the response being used, such as a digest mismatch.
    pub warnings: Vec<Problem>,
}

/// Reads a response file and checks it against its question set: `set` if given,
/// else the set in `catalog` with the id the response names.
pub fn open_response(path: &Path, catalog: &Catalog, set: Option<&QuestionSet>) -> Result<Opened, FileError> {
    open_response_and_bytes(path, catalog, set).map(|(opened, _)| opened)
}

/// [`open_response`], with the file's bytes as they were read: a review copy records
/// which saved version it was made from by their digest.
pub fn open_response_and_bytes(
    path: &Path,
    catalog: &Catalog,
    set: Option<&QuestionSet>,
) -> Result<(Opened, Vec<u8>), FileError> {
    let bytes = storage::read_bytes(path)?;
    let text = parse::decode(&bytes).map_err(|problem| FileError::bad(path, vec![problem]))?;
    let opened = response_from_text(text, catalog, set).map_err(|problems| FileError::bad(path, problems))?;
    Ok((opened, bytes))
}

/// The same as [`open_response`] for text already read.
pub fn response_from_text(
    text: &str,
    catalog: &Catalog,
    set: Option<&QuestionSet>,
) -> Result<Opened, Vec<Problem>> {
    let response = parse::response(text).map_err(|problem| {
        // A question set given where a response is meant would otherwise earn a puzzling
        // "unknown field `id`": say what it is instead. Only looked at once parsing failed.
        if parse::kind(text) == Ok(parse::DocKind::QuestionSet) {
            vec![Problem::error(
                Location::File,
                "this is a question set, not a response; give a response file (a draft or a JSON export), \
                 or start one to this set with `consult new --questions FILE --org NAME`",
            )]
        } else {
            vec![problem]
        }
    })?;
    let set = match set {
        Some(set) => set.clone(),
        None => catalog.find(&response.question_set.id).cloned().ok_or_else(|| {
            vec![Problem::at(
                "question_set.id",
                format!(
                    "answers question set {:?}, which consult does not know (known sets: {}); put that set's file in your questions folder, or name it with `--questions FILE` (`consult validate` takes it beside the response instead)",
                    response.question_set.id,
                    catalog.ids().join(", ")
                ),
            )]
        })?,
    };
    let problems = validate::response(&response, &set);
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok(Opened {
        response,
        set,
        warnings: problems,
    })
}
