//! Bytes to a [`Document`]: the format is recognised by content first, then by the
//! file's name. Each format has its own module; this one chooses.

use super::document::{Block, BlockKind, Document, SourceFormat};

/// Why a file could not be read as a document. The message is for the user and says
/// what to do; the command line puts the file's name before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Reads `bytes`, named `name` (a file name, or "-" for standard input).
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, ReadError> {
    let _ = name;
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError {
        message: "is not UTF-8 text".into(),
    })?;
    Ok(plain_text(text))
}

/// Plain text: paragraphs are separated by blank lines; lines within one are joined.
fn plain_text(text: &str) -> Document {
    let mut blocks = Vec::new();
    for paragraph in text.split("\n\n") {
        let joined = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        if !joined.is_empty() {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                text: joined,
                lead_in: None,
                comments: Vec::new(),
            });
        }
    }
    Document {
        format: SourceFormat::Text,
        title: None,
        organisation: None,
        notices: Vec::new(),
        blocks,
    }
}
