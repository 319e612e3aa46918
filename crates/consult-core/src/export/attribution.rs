//! Footnotes naming the members each passage of a joint response came from. A passage's
//! end is marked in the answer text with a character of Unicode's private use plane 15,
//! which every format's writer renders as text like any other; each writer then turns the
//! marks into its own footnote references. Marks already in the text (a hostile file)
//! are replaced first, so no text can make a footnote of its own.

use std::borrow::Cow;

use crate::joint::provenance::{Owner, owners};
use crate::model::joint::{Field, JointItem, Passage};

const FIRST: u32 = 0xF0000;
const LAST: u32 = 0xFFFFD;

fn is_mark(c: char) -> bool {
    (FIRST..=LAST).contains(&(c as u32))
}

/// The footnote number a mark stands for.
pub fn number(c: char) -> Option<usize> {
    is_mark(c).then(|| (c as u32 - FIRST) as usize + 1)
}

fn mark(n: usize) -> char {
    char::from_u32(FIRST + n as u32 - 1).unwrap_or('\u{FFFD}')
}

/// `text` with any marks of its own replaced.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_mark) {
        Cow::Owned(
            text.chars()
                .map(|c| if is_mark(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// The footnotes of a whole document, numbered from 1 in the order the passages come.
#[derive(Debug, Default)]
pub struct Notes {
    pub texts: Vec<String>,
}

impl Notes {
    /// `text` (the item's `field`) with a mark after each passage, each passage's note added.
    pub fn marked<'a>(&mut self, text: &'a str, record: Option<&JointItem>, field: Field) -> Cow<'a, str> {
        let Some(record) = record.filter(|r| r.passages.iter().any(|p| p.field == field)) else {
            return clean(text);
        };
        let mut out = String::with_capacity(text.len() + 16);
        for (range, owner) in owners(text, &record.passages, field) {
            out.push_str(&clean(&text[range]));
            if let Owner::Passage(i) = owner {
                self.texts.push(note(&record.passages[i]));
                out.push(mark(self.texts.len()));
            }
        }
        Cow::Owned(out)
    }
}

/// "From A.", "From A and B; edited by the secretariat."
fn note(passage: &Passage) -> String {
    let names: Vec<&str> = passage.members.iter().map(|m| m.trim()).collect();
    let joined = match names.as_slice() {
        [] => "the members".to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    if passage.edited {
        format!("From {joined}; edited by the secretariat.")
    } else {
        format!("From {joined}.")
    }
}

/// `rendered` with each mark replaced by `reference(n)`.
pub fn references(rendered: &str, reference: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(rendered.len());
    for c in rendered.chars() {
        match number(c) {
            Some(n) => out.push_str(&reference(n)),
            None => out.push(c),
        }
    }
    out
}

/// `text` split at its marks: each stretch of text, then the footnote it ends with.
pub fn split(text: &str) -> Vec<(&str, Option<usize>)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if let Some(n) = number(c) {
            pieces.push((&text[start..at], Some(n)));
            start = at + c.len_utf8();
        }
    }
    if start < text.len() || pieces.is_empty() {
        pieces.push((&text[start..], None));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_in_the_text_itself_is_not_a_footnote() {
        let hostile = format!("See{}", mark(1));
        let mut notes = Notes::default();
        let marked = notes.marked(&hostile, None, Field::Answer);
        assert!(marked.chars().all(|c| number(c).is_none()));
        assert!(notes.texts.is_empty());
    }

    #[test]
    fn each_passage_ends_with_its_note() {
        let record = JointItem {
            item: "q1".into(),
            passages: vec![Passage {
                field: Field::Answer,
                text: "Cities should lead.".into(),
                members: vec!["A".into(), "B".into(), "C".into()],
                edited: true,
            }],
            ..JointItem::default()
        };
        let mut notes = Notes::default();
        let marked = notes.marked(
            "We agree. Cities should lead. Fully.",
            Some(&record),
            Field::Answer,
        );
        assert_eq!(
            references(&marked, |n| format!("[{n}]")),
            "We agree. Cities should lead.[1] Fully."
        );
        assert_eq!(notes.texts, ["From A, B and C; edited by the secretariat."]);
    }
}
