//! A read document, placed, made into an ordinary response: each item's answer is its
//! passages' words in document order, its notes the passages marked as notes and the
//! reviewers' comments on it; positions are read from the answers and marked inferred;
//! the response keeps the source document and every passage.

use jiff::Timestamp;

use super::document::Document;
use super::{place, stance};
use crate::model::{ItemStatus, PositionBasis, QuestionSet, Response, Source, SourceComment};

/// Between two passages joined in one answer or notes.
pub const JOIN: &str = "\n\n";

/// The file an import reads: its name as given and its bytes' digest.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// As given on the command line, without its folder (`-` for standard input).
    pub name: String,
    /// `sha256:…` of the bytes read.
    pub digest: String,
}

/// A response made from a document, and what a user is told about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub response: Response,
    pub summary: Summary,
}

/// What the import did, in counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Passages placed on an item (answer, notes or heading).
    pub placed: usize,
    /// Passages not placed.
    pub not_placed: usize,
    /// Items given an answer.
    pub items_answered: usize,
    /// Positions read from the words (all marked inferred).
    pub inferred: usize,
    /// Comments kept as notes on an item, and comments on passages not placed (kept in
    /// the source record only).
    pub comments_kept: usize,
    pub comments_unplaced: usize,
}

impl Summary {
    /// Whether the document answered nothing in the set.
    pub fn answers_nothing(&self) -> bool {
        self.items_answered == 0
    }
}

/// `document`, read from `file`, placed on `set` as a response from `organisation`.
pub fn import(
    document: &Document,
    set: &QuestionSet,
    file: SourceFile,
    organisation: &str,
    now: Timestamp,
) -> Imported {
    let passages = place::place(document, set);
    let mut response = Response::new(set, organisation);
    response.created = now;
    response.updated = now;
    let comments: Vec<SourceComment> = document
        .blocks
        .iter()
        .enumerate()
        .flat_map(|(paragraph, block)| {
            block.comments.iter().map(move |c| SourceComment {
                paragraph,
                author: c.author.clone(),
                date: c.date.clone(),
                text: c.text.clone(),
            })
        })
        .collect();
    response.source = Some(Source {
        file: file.name,
        format: document.format.name().to_string(),
        digest: file.digest,
        imported: now,
        notices: document.notices.clone(),
        passages,
        comments,
    });
    let mut summary = Summary::default();
    rebuild_answers(&mut response, set, &mut summary);
    let source = response.source.as_ref().expect("set above");
    summary.placed = source.passages.iter().filter(|p| p.is_placed()).count();
    summary.not_placed = source.passages.len() - summary.placed;
    summary.items_answered = response.answers.iter().filter(|a| a.is_answered()).count();
    response.current_item = response
        .answers
        .first()
        .map(|a| a.item.clone())
        .or(response.current_item);
    response.format_version = response.format_to_write();
    Imported { response, summary }
}

/// Each item's answer, notes, source paragraphs and inferred position, from the passages.
fn rebuild_answers(response: &mut Response, set: &QuestionSet, summary: &mut Summary) {
    let source = response.source.clone().expect("an imported response");
    for item in set.items() {
        let mine = |field| {
            source
                .passages
                .iter()
                .filter(move |p| p.item.as_deref() == Some(&item.id) && p.field == field)
        };
        let answer_text = joined(mine(crate::model::PassageField::Answer).map(|p| p.text.as_str()));
        let paragraphs: Vec<usize> = {
            let mut all: Vec<usize> = source
                .passages
                .iter()
                .filter(|p| p.item.as_deref() == Some(&item.id))
                .map(|p| p.paragraph)
                .collect();
            all.dedup();
            all
        };
        let comments: Vec<String> = source
            .comments
            .iter()
            .filter(|c| {
                source
                    .passages
                    .iter()
                    .find(|p| p.paragraph == c.paragraph && p.is_placed())
                    .and_then(|p| p.item.as_deref())
                    == Some(&item.id)
            })
            .map(comment_note)
            .collect();
        summary.comments_kept += comments.len();
        let notes_text = joined(
            mine(crate::model::PassageField::Notes)
                .map(|p| p.text.trim().to_string())
                .chain(comments)
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        );
        if answer_text.is_empty() && notes_text.is_empty() && paragraphs.is_empty() {
            continue;
        }
        let position = set
            .scale_of(item)
            .and_then(|scale| stance::infer(&answer_text, scale, &item.prompt));
        if position.is_some() {
            summary.inferred += 1;
        }
        let answer = response.answer_mut(set, &item.id);
        answer.answer = answer_text;
        answer.notes = notes_text;
        answer.source_paragraphs = paragraphs;
        answer.status = if answer.answer.is_empty() {
            ItemStatus::NotStarted
        } else {
            ItemStatus::Draft
        };
        if let Some(found) = position {
            answer.position = Some(found.option);
            answer.position_basis = PositionBasis::Inferred;
        }
    }
    summary.comments_unplaced = source.comments.len() - summary.comments_kept;
}

/// A reviewer's comment as a line of an item's notes.
fn comment_note(comment: &SourceComment) -> String {
    match &comment.date {
        Some(date) => format!("Comment from {} ({date}): {}", comment.author, comment.text),
        None => format!("Comment from {}: {}", comment.author, comment.text),
    }
}

/// Passages' words joined as one answer: each trimmed, blank ones left out.
pub fn joined<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for text in texts.map(str::trim).filter(|t| !t.is_empty()) {
        if !out.is_empty() {
            out.push_str(JOIN);
        }
        out.push_str(text);
    }
    out
}
