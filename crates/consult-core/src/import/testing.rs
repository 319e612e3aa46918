//! What the import's unit tests share: the built-in set and documents made of blocks.

use super::document::{Block, BlockKind, Document, SourceFormat};
use crate::model::QuestionSet;

/// The built-in `integrating-care` set: questions, elements, a summary and comments.
pub fn set() -> QuestionSet {
    crate::catalog::Catalog::built_in()
        .find("integrating-care")
        .expect("a built-in set")
        .clone()
}

pub fn block(kind: BlockKind, text: &str) -> Block {
    Block {
        kind,
        text: text.into(),
        lead_in: None,
        comments: Vec::new(),
    }
}

pub fn paragraph(text: &str) -> Block {
    block(BlockKind::Paragraph, text)
}

/// A plain-text document of `blocks`, naming no one.
pub fn document(blocks: Vec<Block>) -> Document {
    Document {
        format: SourceFormat::Text,
        title: None,
        organisation: None,
        notices: Vec::new(),
        blocks,
    }
}
