//! Undo for one item: every change in the order it happened, text, position and ready
//! marks alike. Text edits are kept by the editors' own histories; this records how many
//! of their steps make one undo, so typing is taken back a word at a time, as editors
//! group insertions, rather than a character at a time. Settling a merge conflict is one
//! change too, among the others.

use super::TextField;
use crate::merge::resolve::Settlement;
use crate::model::ItemStatus;
use crate::model::response::PositionBasis;
use crate::model::review::Decision;

/// What one edit of a text field was, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEdit {
    /// A letter, digit or punctuation typed.
    Word,
    /// A space or a line break typed.
    Space,
    /// A character deleted.
    Delete,
    /// Anything else (a paste, a cut, text from the editor program): an undo of its own.
    Other,
}

/// One undoable change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `steps` edits of a text field, undone and redone by that field's own history.
    Text {
        field: TextField,
        steps: usize,
        last: TextEdit,
    },
    Position {
        before: Option<String>,
        after: Option<String>,
    },
    Status {
        before: ItemStatus,
        after: ItemStatus,
    },
    KeyPoint {
        before: Option<String>,
        after: Option<String>,
    },
    Basis {
        before: PositionBasis,
        after: PositionBasis,
    },
    NotAnswering {
        before: bool,
        after: bool,
    },
    /// A field's whole text replaced at once (plain mode's answers, an adopted passage
    /// there): the session puts either side back itself.
    Replace {
        field: TextField,
        before: String,
        after: String,
    },
    /// A reviewer's suggestion accepted or rejected: its decision, and the text accepting
    /// it changed (`before` equals `after` for a rejection).
    Suggestion {
        number: u32,
        field: TextField,
        before: String,
        after: String,
        decision: Decision,
    },
    /// A reviewer's comment marked resolved, or open again.
    Resolved {
        number: u32,
        resolved: bool,
    },
    /// A merge conflict settled: the session puts the field and the conflict back itself.
    /// `text` names the current item's text it changed, which an editor of that text took
    /// as one edit of its own.
    Settle {
        settlement: Box<Settlement>,
        text: Option<TextField>,
    },
}

/// The undo and redo stacks of one item.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Records an edit of `field`, joining the group typed just before it where an
    /// editor would: a word and the spaces after it are one undo, and so is a run of
    /// deletions; a new word, a paste or a change of field starts another.
    pub fn text(&mut self, field: TextField, edit: TextEdit) {
        self.redo.clear();
        if let Some(Change::Text {
            field: f,
            steps,
            last,
        }) = self.undo.last_mut()
        {
            let joins = *f == field
                && edit != TextEdit::Other
                && *last != TextEdit::Other
                && (edit == TextEdit::Delete) == (*last == TextEdit::Delete)
                && !(*last == TextEdit::Space && edit == TextEdit::Word);
            if joins {
                *steps += 1;
                *last = edit;
                return;
            }
        }
        self.undo.push(Change::Text {
            field,
            steps: 1,
            last: edit,
        });
    }

    /// Records any other change (a position, a ready mark), unless it changed nothing.
    pub fn change(&mut self, change: Change) {
        let nothing = match &change {
            Change::Position { before, after } => before == after,
            Change::Status { before, after } => before == after,
            Change::KeyPoint { before, after } => before == after,
            Change::Basis { before, after } => before == after,
            Change::NotAnswering { before, after } => before == after,
            Change::Replace { before, after, .. } => before == after,
            Change::Text { steps, .. } => *steps == 0,
            Change::Settle { .. } | Change::Suggestion { .. } | Change::Resolved { .. } => false,
        };
        if !nothing {
            self.redo.clear();
            self.undo.push(change);
        }
    }

    /// The newest change, moved to the redo stack: the caller takes it back.
    pub fn undo(&mut self) -> Option<Change> {
        let change = self.undo.pop()?;
        self.redo.push(change.clone());
        Some(change)
    }

    /// The change undone last, moved back: the caller makes it again.
    pub fn redo(&mut self) -> Option<Change> {
        let change = self.redo.pop()?;
        self.undo.push(change.clone());
        Some(change)
    }
}

/// How a key's edit groups: by the character it typed, if it typed one.
pub fn edit_of(typed: Option<char>) -> TextEdit {
    match typed {
        Some(c) if c.is_whitespace() => TextEdit::Space,
        Some(_) => TextEdit::Word,
        None => TextEdit::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(history: &mut History, text: &str) {
        for c in text.chars() {
            history.text(TextField::Answer, edit_of(Some(c)));
        }
    }

    fn steps(change: Option<Change>) -> usize {
        match change {
            Some(Change::Text { steps, .. }) => steps,
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn typing_is_undone_a_word_at_a_time() {
        let mut history = History::default();
        typed(&mut history, " hello world");
        assert_eq!(steps(history.undo()), "world".len());
        assert_eq!(steps(history.undo()), "hello ".len());
        assert_eq!(steps(history.undo()), " ".len());
        assert_eq!(history.undo(), None);
    }

    #[test]
    fn a_run_of_deletions_is_one_undo_and_a_paste_is_its_own() {
        let mut history = History::default();
        typed(&mut history, "abc");
        for _ in 0..3 {
            history.text(TextField::Answer, TextEdit::Delete);
        }
        history.text(TextField::Answer, TextEdit::Other);
        history.text(TextField::Answer, TextEdit::Other);
        assert_eq!(steps(history.undo()), 1, "the second paste");
        assert_eq!(steps(history.undo()), 1, "the first paste");
        assert_eq!(steps(history.undo()), 3, "the deletions");
        assert_eq!(steps(history.undo()), 3, "the word");
    }

    #[test]
    fn positions_and_marks_are_undone_in_the_order_they_happened() {
        let mut history = History::default();
        let position = Change::Position {
            before: None,
            after: Some("agree".into()),
        };
        history.change(position.clone());
        typed(&mut history, "Yes");
        let ready = Change::Status {
            before: ItemStatus::Draft,
            after: ItemStatus::Ready,
        };
        history.change(ready.clone());
        assert_eq!(history.undo(), Some(ready.clone()));
        assert_eq!(steps(history.undo()), 3);
        assert_eq!(history.undo(), Some(position.clone()));
        assert_eq!(history.redo(), Some(position));
        history.change(Change::Status {
            before: ItemStatus::Draft,
            after: ItemStatus::Draft,
        });
        assert!(
            history.redo().is_some(),
            "a change that changed nothing keeps redo"
        );
        typed(&mut history, "x");
        assert_eq!(history.redo(), None, "a new change ends redo");
    }

    #[test]
    fn another_field_starts_another_undo() {
        let mut history = History::default();
        typed(&mut history, "ab");
        history.text(TextField::Reasoning, TextEdit::Word);
        assert!(matches!(
            history.undo(),
            Some(Change::Text {
                field: TextField::Reasoning,
                steps: 1,
                ..
            })
        ));
    }
}
