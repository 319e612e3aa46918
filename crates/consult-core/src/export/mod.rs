//! Response documents out, pure functions all: JSON (lossless), and the submission as
//! Markdown, paste-ready text, a printable HTML page, Word, and HL7 FHIR. Each writer lays
//! out [`parts::submission`] and renders answer text through [`rich`], so every format says
//! the same and no answer can change a document's structure.

pub mod attribution;
pub mod docx;
pub mod fhir;
pub mod html;
pub mod json;
pub mod limits;
pub mod markdown;
mod package;
pub mod parts;
pub mod paste;
pub mod provenance;
pub mod rich;

use std::path::{Path, PathBuf};

use crate::model::{QuestionSet, Response};
use crate::text::slug;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    /// Paste-ready plain text for online forms.
    Text,
    /// One self-contained, printable HTML page.
    Html,
    /// A Word document.
    Docx,
    /// An HL7 FHIR R4 QuestionnaireResponse, as JSON.
    Fhir,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Text => "txt",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Fhir => "fhir.json",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
            Format::Text => "paste-ready text",
            Format::Html => "HTML",
            Format::Docx => "Word",
            Format::Fhir => "FHIR",
        }
    }
}

/// What a submission leaves out. JSON, the response itself, always has everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Leave out items with neither a position nor an answer.
    pub skip_empty: bool,
    /// The submission as sent: only items answered, never those marked "not answering"
    /// (with neither a position nor an answer, those are left out either way here).
    pub answered_only: bool,
    /// Include each answer's reasoning (as consult always has).
    pub reasoning: bool,
    /// On a joint response: footnotes naming the members each passage came from, and each
    /// item's consensus. Off, the submission as sent.
    pub attribution: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            skip_empty: false,
            answered_only: false,
            reasoning: true,
            attribution: true,
        }
    }
}

/// The folder exported documents go to unless the user names another.
pub const DEFAULT_DIR: &str = "exports";

/// The document for `response` in `format`, as the bytes of its file.
pub fn render(format: Format, response: &Response, set: &QuestionSet, options: &Options) -> Vec<u8> {
    // Web forms and FHIR take the words only: no footnotes there.
    let words_only = Options {
        attribution: false,
        ..*options
    };
    match format {
        Format::Markdown => markdown::render(response, set, *options).into_bytes(),
        Format::Json => json::render(response).into_bytes(),
        Format::Text => paste::render(response, set, words_only).into_bytes(),
        Format::Html => html::render(response, set, *options).into_bytes(),
        Format::Docx => docx::render(response, set, *options),
        Format::Fhir => fhir::response(response, set, words_only).into_bytes(),
    }
}

/// Why `response` cannot be exported yet, if it cannot: a merge left conflicts in it, and a
/// submission must say one thing. The message names where they are.
pub fn unresolved(response: &Response, set: &QuestionSet) -> Option<String> {
    if response.conflicts.is_empty() {
        return None;
    }
    let places: Vec<String> = response
        .conflicted_places()
        .into_iter()
        .map(|place| match (place, set.item(place)) {
            (_, Some(item)) => format!("{} ({})", item.label, item.id),
            ("respondent", None) => "the respondent's details".to_string(),
            ("status", None) => "the response's status".to_string(),
            (other, None) => other.to_string(),
        })
        .collect();
    let count = match response.conflicts.len() {
        1 => "1 unresolved merge conflict".to_string(),
        n => format!("{n} unresolved merge conflicts"),
    };
    Some(
        crate::text::visible_line(&format!(
            "{count}, in {}: choose between the two copies before exporting",
            places.join(", ")
        ))
        .into_owned(),
    )
}

/// `<dir>/<organisation-slug>-<set-id>.<ext>`, the name proposed for an export.
pub fn default_path(dir: &Path, response: &Response, format: Format) -> PathBuf {
    let name = format!(
        "{}-{}.{}",
        slug(&response.respondent.organisation),
        response.question_set.id,
        format.extension()
    );
    dir.join(name)
}
