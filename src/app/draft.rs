//! An open response on screen: the drafting [`Session`] (document, file, autosave, undo,
//! every operation) and the app's view of it: which field has focus, what is folded,
//! and the prose editors of the items visited. A `Draft` reads as its session, so
//! `draft.response` is the session's.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::time::Instant;

use super::prose::Prose;
use crate::drafts::Opened;
use crate::merge::resolve::Keep;
use crate::model::QuestionSet;
use crate::model::Response;
use crate::model::joint::Field;
use crate::session::joint::Adopted;
use crate::session::undo::TextEdit;
use crate::session::{Session, TextField, Undone};

/// Which part of the current item has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The position picker (or, on a free-text item, nothing: browsing).
    Position,
    Answer,
    Reasoning,
    /// Notes for ourselves: never part of a submission.
    Notes,
}

impl Focus {
    /// The text this focus edits; none for the position picker.
    pub fn text(self) -> Option<TextField> {
        match self {
            Focus::Position => None,
            Focus::Answer => Some(TextField::Answer),
            Focus::Reasoning => Some(TextField::Reasoning),
            Focus::Notes => Some(TextField::Notes),
        }
    }
}

impl From<TextField> for Focus {
    fn from(field: TextField) -> Focus {
        match field {
            TextField::Answer => Focus::Answer,
            TextField::Reasoning => Focus::Reasoning,
            TextField::Notes => Focus::Notes,
        }
    }
}

/// The editors of one item, each counting its own words as it changes. Kept per item so
/// their own undo steps survive moving around.
pub struct Editors {
    pub answer: Prose,
    pub reasoning: Prose,
    pub notes: Prose,
}

impl Editors {
    /// The editor of `field`; the answer's for the position picker.
    pub fn of(&self, field: Focus) -> &Prose {
        match field {
            Focus::Reasoning => &self.reasoning,
            Focus::Notes => &self.notes,
            Focus::Answer | Focus::Position => &self.answer,
        }
    }

    fn of_mut(&mut self, field: Focus) -> &mut Prose {
        match field {
            Focus::Reasoning => &mut self.reasoning,
            Focus::Notes => &mut self.notes,
            Focus::Answer | Focus::Position => &mut self.answer,
        }
    }
}

pub struct Draft {
    pub session: Session,
    focus: Focus,
    pub context_folded: bool,
    /// The notes field is folded away unless asked for: it is for ourselves.
    pub notes_open: bool,
    editors: HashMap<usize, Editors>,
    /// Back to the drafts list as soon as the save under way lands.
    pub leave_when_saved: bool,
}

impl Deref for Draft {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}

impl DerefMut for Draft {
    fn deref_mut(&mut self) -> &mut Session {
        &mut self.session
    }
}

impl Draft {
    pub fn new(path: PathBuf, set: QuestionSet, response: Response) -> Draft {
        Draft::on(Session::new(path, set, response))
    }

    /// A draft on a file just opened or created, holding it until the draft is dropped.
    pub fn opened(opened: Opened) -> Draft {
        Draft::on(Session::opened(opened))
    }

    fn on(session: Session) -> Draft {
        let mut draft = Draft {
            session,
            focus: Focus::Position,
            context_folded: false,
            notes_open: false,
            editors: HashMap::new(),
            leave_when_saved: false,
        };
        draft.arrive();
        draft
    }

    /// Swaps the content (see [`Session::replace_content`]); the editors start again on it.
    pub fn replace_content(&mut self, set: QuestionSet, response: Response) {
        self.session.replace_content(set, response);
        self.editors.clear();
        self.arrive();
    }

    /// The session's content was swapped by one of its own operations (a version put
    /// back, a reload, a recovery): the editors start again on it.
    pub fn content_replaced(&mut self) {
        self.editors.clear();
        self.arrive();
    }

    /// Something other than typing changed these items' texts (a passage moved, split or
    /// marked not an answer): their editors read them again.
    pub fn texts_replaced(&mut self, items: &[String]) {
        for id in items {
            if let Some(index) = self.session.set.item_index(id) {
                self.editors.remove(&index);
            }
        }
        self.ensure_editors();
    }

    /// Fields in reading order for the current item.
    pub fn fields(&self) -> &'static [Focus] {
        match (self.has_scale(), self.notes_open) {
            (true, false) => &[Focus::Position, Focus::Answer, Focus::Reasoning],
            (true, true) => &[Focus::Position, Focus::Answer, Focus::Reasoning, Focus::Notes],
            (false, false) => &[Focus::Answer],
            (false, true) => &[Focus::Answer, Focus::Notes],
        }
    }

    /// Opens the notes and goes to them, or folds them away again.
    pub fn toggle_notes(&mut self) {
        self.notes_open = !self.notes_open;
        if self.notes_open {
            self.set_focus(Focus::Notes);
        } else if self.focus == Focus::Notes {
            self.set_focus(Focus::Answer);
        }
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Moves focus; only the focused editor shows a cursor.
    pub fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.ensure_editors();
    }

    pub fn typing(&self) -> bool {
        self.focus != Focus::Position
    }

    /// Focus on arriving at an item: the picker, or the editor of a free-text item.
    fn arrive(&mut self) {
        self.ensure_editors();
        self.set_focus(if self.has_scale() {
            Focus::Position
        } else {
            Focus::Answer
        });
    }

    fn ensure_editors(&mut self) {
        let index = self.session.current;
        if self.editors.contains_key(&index) {
            return;
        }
        let answer_prompt = if self.has_scale() {
            "Your answer…"
        } else {
            "Type here…"
        };
        let text = |field| self.session.text(field);
        let editors = Editors {
            answer: Prose::new(text(TextField::Answer), answer_prompt),
            reasoning: Prose::new(text(TextField::Reasoning), "Why you hold this position…"),
            notes: Prose::new(
                text(TextField::Notes),
                "For ourselves: never sent with the response…",
            ),
        };
        self.editors.insert(index, editors);
    }

    pub fn editors(&self) -> &Editors {
        self.editors
            .get(&self.session.current)
            .expect("editors exist for the current item")
    }

    pub fn editors_mut(&mut self) -> &mut Editors {
        self.ensure_editors();
        self.editors.get_mut(&self.session.current).expect("just made")
    }

    /// The focused editor, if a text field has focus.
    pub fn focused_editor(&mut self) -> Option<&mut Prose> {
        let focus = self.focus;
        (focus != Focus::Position).then(|| self.editors_mut().of_mut(focus))
    }

    pub fn go_to(&mut self, index: usize) {
        self.session.go_to(index);
        self.arrive();
    }

    pub fn cycle_field(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % fields.len()
        } else {
            (at + fields.len() - 1) % fields.len()
        };
        self.set_focus(fields[next]);
    }

    /// Makes the response's copy of the focused editor's text follow what changed in it:
    /// only the changed part is copied, so a key costs the same at any length.
    pub fn sync_editor(&mut self, now: Instant) {
        let focus = self.focus;
        let Some(field) = focus.text() else { return };
        let changes = self.editors_mut().of_mut(focus).take_changes();
        if changes.is_empty() {
            return;
        }
        let editor = &self.editors[&self.session.current];
        // The copy was made from the editor, so every change fits; were one ever not to, take the whole text.
        self.session
            .apply_text(field, now, &changes, || editor.of(focus).text());
    }

    /// Records that the focused text field took one edit of kind `edit` (already made
    /// in the editor), and copies the text into the response.
    pub fn text_edited(&mut self, edit: TextEdit, now: Instant) {
        let Some(field) = self.focus.text() else { return };
        self.session.typed(field, edit);
        self.sync_editor(now);
    }

    /// Replaces the focused field's text with `text` as one undoable edit (what the
    /// user's editor program gave back).
    pub fn replace_text(&mut self, text: &str, now: Instant) {
        if self.focused_editor().is_some_and(|editor| editor.set_text(text)) {
            self.text_edited(TextEdit::Other, now);
        }
    }

    /// Adopts `from`'s `passage` into the current item's `field` at its cursor, credited
    /// to every member who said the same, as one undoable edit.
    pub fn adopt(
        &mut self,
        field: Field,
        passage: &str,
        from: &str,
        paragraph: bool,
        now: Instant,
    ) -> Option<Adopted> {
        self.set_focus(TextField::from(field).into());
        // At the cursor of the joint text it goes into (the end, unless the user moved it),
        // and the cursor after it, so passages adopted one after another keep their order.
        let at = self.focused_editor().map(|editor| editor.cursor_offset());
        let adoption = self.session.adoption(field, passage, at, paragraph)?;
        self.replace_text(&adoption.text, now);
        if let Some(editor) = self.focused_editor() {
            editor.place_cursor(adoption.end);
        }
        self.session.credit_adoption(field, &adoption, passage, from)
    }

    /// Settles the response's conflict at `index` keeping `keep`, as one undoable change of
    /// the current item (see [`Session::settle`]): its editors and their history stay, and
    /// a settled text is one edit of its field's editor. Err says why it cannot be settled.
    pub fn settle(&mut self, index: usize, keep: Keep, now: Instant) -> Result<(), String> {
        if let Some(field) = self.session.settle(index, keep, now)? {
            self.text_put_in(field);
        }
        Ok(())
    }

    /// The session put a whole text of the current item in itself (a settled conflict, a
    /// reviewer's suggestion accepted): its editor takes it as one edit of its own, so the
    /// editor's undo steps stay in step with the session's.
    pub fn text_put_in(&mut self, field: TextField) {
        let text = self.session.text(field).to_string();
        let editor = self.editors_mut().of_mut(field.into());
        editor.set_text(&text);
        // The response holds the text already.
        editor.take_changes();
    }

    /// Takes back the item's newest change (or makes again the one taken back last):
    /// text, position or ready mark, whichever came last. Returns whether anything changed.
    pub fn undo(&mut self, redo: bool, now: Instant) -> bool {
        match self.session.undo(redo, now) {
            Undone::Nothing => false,
            Undone::Applied { text: None } => true,
            Undone::Applied { text: Some(field) } => {
                // A text the session put in whole (see `text_put_in`) and now took back or
                // made again itself: its editor does the same with that one edit. Should
                // the editor not hold that edit (its history started again since), it
                // reads the text afresh rather than differ from the response.
                let text = self.session.text(field).to_string();
                let editor = self.editors_mut().of_mut(field.into());
                if redo {
                    editor.redo()
                } else {
                    editor.undo()
                };
                editor.take_changes();
                if editor.text() != text {
                    let index = self.session.current;
                    self.editors.remove(&index);
                    self.ensure_editors();
                }
                true
            }
            Undone::Settled { text } => {
                if let Some(field) = text {
                    self.set_focus(field.into());
                    if let Some(editor) = self.focused_editor() {
                        if redo {
                            editor.redo()
                        } else {
                            editor.undo()
                        };
                        // The session put the text back itself.
                        editor.take_changes();
                    }
                }
                true
            }
            Undone::Typed { field, steps } => {
                self.set_focus(field.into());
                if let Some(editor) = self.focused_editor() {
                    for _ in 0..steps {
                        if redo {
                            editor.redo()
                        } else {
                            editor.undo()
                        };
                    }
                }
                self.sync_editor(now);
                true
            }
        }
    }
}
