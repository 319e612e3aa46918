//! Lining up a text as the review copy holds it with the same text as it was sent, word
//! by word: the words both have tie a place in the copy to a place in the draft's text
//! (so a tracked change's context is the draft's own words), and the words that differ
//! are the edits a reviewer made with Track Changes off.
//!
//! Words are compared without the marks the Word copy does not show (a list's bullet or
//! number at the start of a line, the asterisks of emphasis), so the formatting consult
//! turned into Word's own never reads as an edit.

use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// A word of a text: where it is, and what it is compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    key: String,
}

/// The words of `text`. With `draft_marks`, the text is a draft's own (marked up as
/// consult's exports read it): list markers are left out and emphasis marks ignored.
pub fn words(text: &str, draft_marks: bool) -> Vec<Word> {
    let mut words = Vec::new();
    let mut line_start = true;
    let mut at = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end_matches(char::is_whitespace);
        let range = at..at + word.len();
        at += piece.len();
        if word.is_empty() {
            line_start |= piece.contains('\n');
            continue;
        }
        let marker = draft_marks && line_start && is_list_marker(word);
        line_start = piece.contains('\n');
        if marker {
            continue;
        }
        let key = if draft_marks {
            word.trim_matches('*').to_string()
        } else {
            word.to_string()
        };
        if key.is_empty() {
            continue;
        }
        words.push(Word { range, key });
    }
    words
}

/// `- `, `* `, `+ `, `• ` or a number of up to three digits with `.` or `)`.
fn is_list_marker(word: &str) -> bool {
    matches!(word, "-" | "*" | "+" | "•")
        || word
            .strip_suffix(['.', ')'])
            .is_some_and(|n| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Where two texts' words meet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    /// For each word of the copy, the draft's word it is.
    pub copy_to_draft: Vec<Option<usize>>,
    /// Stretches that differ: the draft's words and the copy's words there.
    pub hunks: Vec<Hunk>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    pub draft: Range<usize>,
    pub copy: Range<usize>,
}

pub fn align(copy: &[Word], draft: &[Word]) -> Alignment {
    let copy_keys: Vec<&str> = copy.iter().map(|w| w.key.as_str()).collect();
    let draft_keys: Vec<&str> = draft.iter().map(|w| w.key.as_str()).collect();
    let mut alignment = Alignment {
        copy_to_draft: vec![None; copy.len()],
        hunks: Vec::new(),
    };
    for op in capture_diff_slices(Algorithm::Myers, &draft_keys, &copy_keys) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for i in 0..len {
                    alignment.copy_to_draft[new_index + i] = Some(old_index + i);
                }
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => alignment.push(old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => alignment.push(old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => alignment.push(old_index..old_index + old_len, new_index..new_index + new_len),
        }
    }
    alignment
}

impl Alignment {
    /// Next to each other, a deletion and an insertion are one replacement.
    fn push(&mut self, draft: Range<usize>, copy: Range<usize>) {
        if let Some(last) = self.hunks.last_mut()
            && last.draft.end == draft.start
            && last.copy.end == copy.start
        {
            last.draft.end = draft.end;
            last.copy.end = copy.end;
            return;
        }
        self.hunks.push(Hunk { draft, copy });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, marks: bool) -> Vec<String> {
        words(text, marks).into_iter().map(|w| w.key).collect()
    }

    #[test]
    fn list_markers_and_emphasis_are_not_words_of_a_draft() {
        assert_eq!(
            keys("We *strongly* agree:\n- funding\n2. staff", true),
            ["We", "strongly", "agree:", "funding", "staff"]
        );
        assert_eq!(keys("- a dash mid-line - stays", false)[0], "-");
    }

    #[test]
    fn differing_words_are_hunks_and_the_rest_lines_up() {
        let draft = words("Funding should follow need, not history.", true);
        let copy = words("Funding must follow need, not history alone.", false);
        let alignment = align(&copy, &draft);
        assert_eq!(
            alignment.hunks,
            [
                Hunk {
                    draft: 1..2,
                    copy: 1..2
                },
                Hunk {
                    draft: 5..6,
                    copy: 5..7
                }
            ]
        );
        assert_eq!(alignment.copy_to_draft[0], Some(0));
        assert_eq!(alignment.copy_to_draft[2], Some(2));
    }
}
