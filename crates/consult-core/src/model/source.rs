//! Where an imported response came from: the member's document, and every passage of it
//! with the item it was placed on (or none), why, and how sure. The passages, in order,
//! are the document's paragraphs: nothing is lost and nothing is added, so a reviewer can
//! check each placement against the original and move what was placed wrong.

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The document a response was imported from (response format version 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The file's name as given (`-` for standard input), without its folder.
    pub file: String,
    /// What it was read as: Word, OpenDocument, Markdown, text, HTML or e-mail.
    pub format: String,
    /// `sha256:` and the hex SHA-256 of the file's bytes.
    pub digest: String,
    /// When it was imported (RFC 3339).
    #[schemars(with = "String")]
    pub imported: Timestamp,
    /// What the reader did that a reviewer should know ("tracked changes read as accepted").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
    /// Every passage of the document in reading order; together, its paragraphs.
    #[serde(default)]
    pub passages: Vec<Passage>,
    /// Reviewers' comments in the document, with the paragraph they are anchored in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<SourceComment>,
}

/// One paragraph of the document, or a part of one where a marker started mid-paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    /// The paragraph's index in the document, from 0.
    pub paragraph: usize,
    /// Where in the paragraph this passage starts, in bytes (0: at its start).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub offset: usize,
    /// The words exactly as the document has them.
    pub text: String,
    /// The item it was placed on; absent: not placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Where on the item it went.
    #[serde(default, skip_serializing_if = "PassageField::is_answer")]
    pub field: PassageField,
    /// Why it went there, or why it was not placed, in words.
    pub reason: String,
    /// How sure the placing is, from 0 to 100.
    pub confidence: u8,
}

/// Where a placed passage's words went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PassageField {
    /// Into the item's answer.
    #[default]
    Answer,
    /// Into the item's notes: words about the item that are not the answer.
    Notes,
    /// A heading that only names or repeats the item: kept here, not in the answer.
    Heading,
}

impl PassageField {
    pub fn is_answer(&self) -> bool {
        *self == PassageField::Answer
    }

    pub fn label(self) -> &'static str {
        match self {
            PassageField::Answer => "answer",
            PassageField::Notes => "notes",
            PassageField::Heading => "heading",
        }
    }
}

/// A reviewer's comment kept from the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceComment {
    /// The paragraph it is anchored in.
    pub paragraph: usize,
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub text: String,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Passage {
    pub fn is_placed(&self) -> bool {
        self.item.is_some()
    }
}

impl Source {
    /// The document's paragraphs as the passages give them back: each paragraph's
    /// passages joined, in order. Equal to the document's paragraphs when nothing was lost.
    pub fn paragraphs(&self) -> Vec<String> {
        let mut paragraphs: Vec<String> = Vec::new();
        for passage in &self.passages {
            if paragraphs.len() == passage.paragraph + 1 {
                paragraphs[passage.paragraph].push_str(&passage.text);
            } else {
                paragraphs.push(passage.text.clone());
            }
        }
        paragraphs
    }

    /// The passages not placed on any item.
    pub fn unplaced(&self) -> impl Iterator<Item = &Passage> {
        self.passages.iter().filter(|p| !p.is_placed())
    }
}
