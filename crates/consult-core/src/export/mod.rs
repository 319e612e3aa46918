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
pub mod review_copy;
pub mod rich;

use std::path::{Path, PathBuf};

use crate::model::{QuestionSet, Response};
use crate::text::slug;

pub use review_copy::ReviewSource;

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

/// What each front end knows of a format, in one place: the command line's `--format`
/// values and their help, plain mode's `export` words, the app's export dialog.
pub struct FormatInfo {
    pub format: Format,
    /// Its word on the command line and in plain mode.
    pub id: &'static str,
    /// Other words that name it.
    pub aliases: &'static [&'static str],
    /// What a sentence calls it: "Exported Word to …".
    pub name: &'static str,
    /// Its name in the app's export dialog.
    pub label: &'static str,
    /// What it is, for `--help`.
    pub help: &'static str,
    pub extension: &'static str,
}

/// Every format, in the order the export dialog and `--help` list them.
pub const FORMATS: &[FormatInfo] = &[
    FormatInfo {
        format: Format::Markdown,
        id: "md",
        aliases: &["markdown"],
        name: "Markdown",
        label: "Markdown",
        help: "The submission as Markdown",
        extension: "md",
    },
    FormatInfo {
        format: Format::Docx,
        id: "docx",
        aliases: &["word"],
        name: "Word",
        label: "Word",
        help: "A Word document, with Word's own headings, lists and document properties",
        extension: "docx",
    },
    FormatInfo {
        format: Format::Text,
        id: "text",
        aliases: &[],
        name: "paste-ready text",
        label: "Text for web forms",
        help: "Paste-ready plain text for online forms, with character and word counts per item",
        extension: "txt",
    },
    FormatInfo {
        format: Format::Html,
        id: "html",
        aliases: &[],
        name: "HTML",
        label: "HTML to print",
        help: "One self-contained HTML page, to read or print (A4, a page per section)",
        extension: "html",
    },
    FormatInfo {
        format: Format::Fhir,
        id: "fhir",
        aliases: &[],
        name: "FHIR",
        label: "FHIR",
        help: "An HL7 FHIR R4 QuestionnaireResponse (JSON)",
        extension: "fhir.json",
    },
    FormatInfo {
        format: Format::Json,
        id: "json",
        aliases: &[],
        name: "JSON",
        label: "JSON",
        help: "The response document itself, for other tools",
        extension: "json",
    },
];

impl Format {
    pub fn info(self) -> &'static FormatInfo {
        FORMATS
            .iter()
            .find(|f| f.format == self)
            .expect("every format is in FORMATS")
    }

    /// The format a word names (its id or an alias, in any case).
    pub fn named(word: &str) -> Option<Format> {
        let word = word.to_lowercase();
        FORMATS
            .iter()
            .find(|f| f.id == word || f.aliases.contains(&word.as_str()))
            .map(|f| f.format)
    }

    pub fn extension(self) -> &'static str {
        self.info().extension
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }
}

/// What a submission leaves out, and whether a Word export is a copy for review. JSON, the
/// response itself, always has everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options<'a> {
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
    /// A Word copy for review (see [`review_copy`]), made from this saved version of the
    /// draft; `None` for the submission. Other formats ignore it.
    pub review: Option<&'a ReviewSource>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            skip_empty: false,
            answered_only: false,
            reasoning: true,
            attribution: true,
            review: None,
        }
    }
}

/// The folder exported documents go to unless the user names another.
pub const DEFAULT_DIR: &str = "exports";

/// The document for `response` in `format`, as the bytes of its file.
pub fn render(format: Format, response: &Response, set: &QuestionSet, options: &Options<'_>) -> Vec<u8> {
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
    let index = set.index();
    let places: Vec<String> = response
        .conflicted_places()
        .into_iter()
        .map(|place| match (place, index.item(place)) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_listed_once_and_every_word_names_one_format() {
        for format in [
            Format::Markdown,
            Format::Json,
            Format::Text,
            Format::Html,
            Format::Docx,
            Format::Fhir,
        ] {
            assert_eq!(
                FORMATS.iter().filter(|f| f.format == format).count(),
                1,
                "{format:?}"
            );
            assert_eq!(Format::named(format.info().id), Some(format));
        }
        let mut words: Vec<&str> = FORMATS
            .iter()
            .flat_map(|f| std::iter::once(f.id).chain(f.aliases.iter().copied()))
            .collect();
        let count = words.len();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), count, "a word names two formats");
        assert_eq!(Format::named("WORD"), Some(Format::Docx));
        assert_eq!(Format::named("pdf"), None);
    }
}
