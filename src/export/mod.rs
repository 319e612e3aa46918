//! Response documents out: JSON (lossless) and Markdown (ready to submit). Pure functions.

pub mod json;
pub mod markdown;

use std::path::{Path, PathBuf};

use crate::model::{QuestionSet, Response};
use crate::text::slug;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
        }
    }
}

/// The folder exported documents go to unless the user names another.
pub const DEFAULT_DIR: &str = "exports";

/// The document for `response` in `format`.
pub fn render(format: Format, response: &Response, set: &QuestionSet, skip_empty: bool) -> String {
    match format {
        Format::Markdown => markdown::render(response, set, markdown::Options { skip_empty }),
        Format::Json => json::render(response),
    }
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
