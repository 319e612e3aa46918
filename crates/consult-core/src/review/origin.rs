//! Whether a reviewed Word file was made from this draft: its custom properties name the
//! question set, the organisation, the draft's file and the saved version it was made
//! from. A copy made from another draft or for another consultation is refused, naming
//! what it was made from; a file without any of consult's marks is not a review copy.

use super::read::Copy;
use crate::model::Response;

/// Why a reviewed file cannot be read into this draft, as a sentence that follows the
/// file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotACopy,
    OtherConsultation { set: String },
    OtherQuestions { set: String },
    OtherOrganisation { organisation: String },
    OtherDraft { draft: String },
}

impl Refusal {
    pub fn describe(&self, response: &Response, draft: &str) -> String {
        match self {
            Refusal::NotACopy => {
                "is not a consult review copy: it has none of the marks consult puts in a copy \
                 for review (write one with `consult export DRAFT --format docx --for-review`)"
                    .to_string()
            }
            Refusal::OtherConsultation { set } => format!(
                "was made from a response to another consultation ({set}), not to {} ({})",
                response.question_set.title, response.question_set.id
            ),
            Refusal::OtherQuestions { set } => format!(
                "was made for another version of the questions of {set} than {draft} answers; \
                 its items cannot be matched"
            ),
            Refusal::OtherOrganisation { organisation } => format!(
                "was made from {organisation}'s response, not {}'s",
                response.respondent.organisation
            ),
            Refusal::OtherDraft { draft: other } => {
                format!("was made from the draft {other}, not {draft}")
            }
        }
    }
}

/// Checks `copy` against the draft (`response`, whose file is named `draft`).
/// `version_known`: the version the copy names is in this draft's history, which shows
/// it was made from this draft even if the draft's file has been renamed since.
pub fn check(copy: &Copy, response: &Response, draft: &str, version_known: bool) -> Result<(), Refusal> {
    let properties = &copy.properties;
    if properties.is_empty() && !copy.has_marks() {
        return Err(Refusal::NotACopy);
    }
    if let Some(set) = properties
        .set
        .as_ref()
        .filter(|s| **s != response.question_set.id)
    {
        return Err(Refusal::OtherConsultation { set: set.clone() });
    }
    if properties
        .set_digest
        .as_ref()
        .is_some_and(|d| *d != response.question_set.digest)
    {
        return Err(Refusal::OtherQuestions {
            set: response.question_set.id.clone(),
        });
    }
    if let Some(organisation) = properties
        .organisation
        .as_ref()
        .filter(|o| o.trim().to_lowercase() != response.respondent.organisation.trim().to_lowercase())
    {
        return Err(Refusal::OtherOrganisation {
            organisation: organisation.clone(),
        });
    }
    if !version_known && let Some(other) = properties.draft.as_ref().filter(|d| d.as_str() != draft) {
        return Err(Refusal::OtherDraft { draft: other.clone() });
    }
    Ok(())
}
