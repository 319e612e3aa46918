//! An open response: the document, where the user is in it, its editors, and
//! whether what is on screen is on disk yet.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use super::prose::Prose;
use super::saving::{Autosave, Due, SaveState};
use super::undo::{self, Change, TextEdit};
use crate::dirs::Dirs;
use crate::drafts::{self, Handle, Opened, SaveJob, SaveKind, SaveOutcome, SaveResult, recovery};
use crate::export;
use crate::joint::provenance;
use crate::model::joint::{Field, JointItem};
use crate::model::response::{PositionBasis, now};
use crate::model::{Item, ItemStatus, QuestionSet, Response, ResponseStatus};

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

/// "over the word limit by 12", for an item over `limit`.
fn over_note(item: &str, limit: crate::export::limits::Limit) -> Option<(String, String)> {
    let by = limit.over()?;
    let unit = limit.unit.trim_end_matches('s');
    Some((item.to_string(), format!("over the {unit} limit by {by}")))
}

/// The response's copy of `field`'s text.
fn field_text(answer: &mut crate::model::Answer, field: Focus) -> &mut String {
    match field {
        Focus::Reasoning => &mut answer.reasoning,
        Focus::Notes => &mut answer.notes,
        Focus::Answer | Focus::Position => &mut answer.answer,
    }
}

/// The editors of one item, each counting its own words as it changes. Kept per item so
/// undo history survives moving around.
pub struct Editors {
    pub answer: Prose,
    pub reasoning: Prose,
    pub notes: Prose,
    /// Every change to this item, in order, for undo.
    pub history: undo::History,
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
    pub path: PathBuf,
    pub set: QuestionSet,
    pub response: Response,
    /// Index of the current item in reading order.
    pub current: usize,
    focus: Focus,
    pub context_folded: bool,
    /// The notes field is folded away unless asked for: it is for ourselves.
    pub notes_open: bool,
    editors: HashMap<usize, Editors>,
    pub autosave: Autosave,
    /// The file held open: its lock, recovery copy and history. None for a draft that is
    /// only being looked at in tests.
    pub file: Option<Handle>,
    /// A change has just turned this final response back into a draft (to say so once).
    pub reopened: bool,
    /// Answers over a word or character limit, by item id and what it says ("over the
    /// word limit by 12"), as last counted: on opening, at each save and on review, never
    /// on a keystroke or a frame, since a form's count reads the whole answer.
    pub over_limits: Vec<(String, String)>,
    /// A joint response's passages an edit dropped, by item: their members come back with
    /// their words (an undo redone, a passage cut and pasted back).
    dropped_passages: Vec<(String, crate::model::joint::Passage)>,
}

impl Draft {
    pub fn new(path: PathBuf, set: QuestionSet, mut response: Response) -> Draft {
        provenance::reconcile_all(&mut response);
        let current = response
            .current_item
            .as_deref()
            .and_then(|id| set.item_index(id))
            .unwrap_or(0);
        let mut draft = Draft {
            path,
            set,
            response,
            current,
            focus: Focus::Position,
            context_folded: false,
            notes_open: false,
            editors: HashMap::new(),
            autosave: Autosave::default(),
            file: None,
            reopened: false,
            over_limits: Vec::new(),
            dropped_passages: Vec::new(),
        };
        draft.arrive();
        draft.recount_limits();
        draft
    }

    /// Swaps the content for `response` to `set`, keeping the file, its lock, history,
    /// recovery copy and autosave count (so a save of the old content still under way can
    /// never pass for a save of the new) and the place in the walk-through.
    pub fn replace_content(&mut self, set: QuestionSet, response: Response) {
        let mut fresh = Draft::new(self.path.clone(), set, response);
        fresh.file = self.file.take();
        fresh.autosave = std::mem::take(&mut self.autosave);
        fresh.go_to(self.current);
        *self = fresh;
    }

    /// Counts again which answers are over their limits (see [`Draft::over_limits`]).
    pub fn recount_limits(&mut self) {
        self.over_limits = crate::export::limits::over(&self.response, &self.set)
            .into_iter()
            .filter_map(|(_, item, limit)| over_note(&item.id, limit))
            .collect();
    }

    /// Counts the current item's answer again: only it changes while typing, so a save need
    /// not count every answer.
    pub fn recount_current_limits(&mut self) {
        let item = self.item().clone();
        self.over_limits.retain(|(id, _)| *id != item.id);
        let text = self.response.answer(&item.id).map_or("", |a| a.answer.as_str());
        let counts = crate::export::limits::counts(text);
        let notes = crate::export::limits::limits(&item, counts)
            .into_iter()
            .filter_map(|limit| over_note(&item.id, limit));
        self.over_limits.extend(notes);
        let rank = |id: &str| self.set.item_index(id).unwrap_or(usize::MAX);
        let mut over = std::mem::take(&mut self.over_limits);
        over.sort_by_key(|(id, _)| rank(id));
        self.over_limits = over;
    }

    /// How many answers are over a limit, as last counted.
    pub fn answers_over_limits(&self) -> usize {
        let mut items: Vec<&str> = self.over_limits.iter().map(|(id, _)| id.as_str()).collect();
        items.dedup();
        items.len()
    }

    /// A draft on a file just opened or created, holding it until the draft is dropped.
    pub fn opened(opened: Opened) -> Draft {
        let mut draft = Draft::new(opened.path, opened.set, opened.response);
        draft.autosave.on_disk = Some(opened.on_disk);
        draft.file = Some(opened.handle);
        draft
    }

    /// Where the recovery copy goes, when the draft is on a file.
    pub fn journal(&self) -> Option<&PathBuf> {
        self.file.as_ref().map(|f| &f.journal)
    }

    pub fn item(&self) -> &Item {
        self.set
            .items()
            .nth(self.current)
            .expect("current is always a valid index")
    }

    pub fn has_scale(&self) -> bool {
        self.item().scale.is_some()
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
        let index = self.current;
        if self.editors.contains_key(&index) {
            return;
        }
        let item = self.item().clone();
        let answer = self.response.answer(&item.id);
        let text = |f: fn(&crate::model::Answer) -> &str| answer.map_or("", f);
        let answer_prompt = if item.scale.is_some() {
            "Your answer…"
        } else {
            "Type here…"
        };
        self.editors.insert(
            index,
            Editors {
                answer: Prose::new(text(|a| &a.answer), answer_prompt),
                reasoning: Prose::new(text(|a| &a.reasoning), "Why you hold this position…"),
                notes: Prose::new(text(|a| &a.notes), "For ourselves: never sent with the response…"),
                history: undo::History::default(),
            },
        );
    }

    pub fn editors(&self) -> &Editors {
        self.editors
            .get(&self.current)
            .expect("editors exist for the current item")
    }

    pub fn editors_mut(&mut self) -> &mut Editors {
        self.ensure_editors();
        self.editors.get_mut(&self.current).expect("just made")
    }

    /// The focused editor, if a text field has focus.
    pub fn focused_editor(&mut self) -> Option<&mut Prose> {
        let focus = self.focus;
        (focus != Focus::Position).then(|| self.editors_mut().of_mut(focus))
    }

    pub fn go_to(&mut self, index: usize) {
        let last = self.set.item_count().saturating_sub(1);
        self.current = index.min(last);
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
        let field = self.focus;
        if field == Focus::Position {
            return;
        }
        let changes = self.editors_mut().of_mut(field).take_changes();
        if changes.is_empty() {
            return;
        }
        let mut fitted = true;
        self.edit_current(now, |answer| {
            fitted = changes.iter().all(|c| c.apply(field_text(answer, field)));
        });
        // The copy was made from the editor, so every change fits; were one ever not to, take the whole text.
        if !fitted {
            let whole = self.editors().of(field).text();
            let id = self.item().id.clone();
            *field_text(self.response.answer_mut(&self.set, &id), field) = whole;
        }
    }

    /// Changes the current item's answer and records the change.
    pub fn edit_current(&mut self, now: Instant, change: impl FnOnce(&mut crate::model::Answer)) {
        let id = self.item().id.clone();
        // A joint response's passages follow every change of its text, whatever made it.
        let texts = |a: &crate::model::Answer| (a.answer.clone(), a.reasoning.clone());
        let before = self
            .response
            .joint
            .is_some()
            .then(|| self.response.answer(&id).map(texts).unwrap_or_default());
        let answer = self.response.answer_mut(&self.set, &id);
        change(answer);
        if let Some((answer_before, reasoning_before)) = before {
            let (answer_now, reasoning_now) = texts(answer);
            if let Some(joint) = self.response.joint.as_mut() {
                let record = joint.item_mut(&id);
                for (field, before, now) in [
                    (Field::Answer, &answer_before, &answer_now),
                    (Field::Reasoning, &reasoning_before, &reasoning_now),
                ] {
                    let dropped = provenance::follow_edit(record, field, before, now);
                    self.dropped_passages
                        .extend(dropped.into_iter().map(|p| (id.clone(), p)));
                    let mut candidates: Vec<_> = self
                        .dropped_passages
                        .extract_if(.., |(item, _)| *item == id)
                        .map(|(_, p)| p)
                        .collect();
                    provenance::restore(record, field, now, &mut candidates);
                    self.dropped_passages
                        .extend(candidates.into_iter().map(|p| (id.clone(), p)));
                }
                joint.tidy();
            }
        }
        let answer = self.response.answer_mut(&self.set, &id);
        if answer.status == ItemStatus::NotStarted {
            answer.status = ItemStatus::Draft;
        }
        self.response.current_item = Some(id);
        self.edited(now);
    }

    /// Records a change the user made to the response's content. A final response goes
    /// back to draft, so an export made of the final version cannot go stale unnoticed;
    /// `reopened` says so once.
    pub fn edited(&mut self, now: Instant) {
        if self.response.status == ResponseStatus::Final {
            self.response.status = ResponseStatus::Draft;
            self.reopened = true;
        }
        self.changed(now);
    }

    /// Records that the response changed, for autosave.
    pub fn changed(&mut self, now: Instant) {
        self.autosave.changed(now);
    }

    /// When autosave next has something to write: the event loop sleeps until then.
    pub fn next_autosave(&self) -> Option<Instant> {
        self.autosave.next_due(self.journal().is_some())
    }

    /// The chosen option's index on the current item's scale.
    pub fn position_index(&self) -> Option<usize> {
        let item = self.item();
        let scale = self.set.scale_of(item)?;
        let chosen = self.response.answer(&item.id)?.position.as_deref()?;
        scale.option_index(chosen)
    }

    pub fn set_position(&mut self, index: Option<usize>, now: Instant) {
        let item = self.item().clone();
        let Some(scale) = self.set.scale_of(&item) else {
            return;
        };
        let option = index.and_then(|i| scale.options.get(i)).map(|o| o.id.clone());
        if index.is_some() && option.is_none() {
            return; // a number past the end of the scale
        }
        let before = self.response.answer(&item.id).and_then(|a| a.position.clone());
        self.editors_mut().history.change(Change::Position {
            before,
            after: option.clone(),
        });
        self.edit_current(now, |answer| answer.position = option);
    }

    /// Marks the current item ready, or back to draft; undoable.
    pub fn toggle_ready(&mut self, now: Instant) {
        let before = self
            .response
            .answer(&self.item().id)
            .map_or(ItemStatus::NotStarted, |a| a.status);
        let after = if before == ItemStatus::Ready {
            ItemStatus::Draft
        } else {
            ItemStatus::Ready
        };
        self.editors_mut()
            .history
            .change(Change::Status { before, after });
        self.edit_current(now, |a| a.status = after);
    }

    /// Sets the current item's key point (`None`: its answer's first sentence); undoable.
    pub fn set_key_point(&mut self, point: Option<String>, now: Instant) {
        let before = self
            .response
            .answer(&self.item().id)
            .and_then(|a| a.key_point.clone());
        if before == point {
            return;
        }
        self.editors_mut().history.change(Change::KeyPoint {
            before,
            after: point.clone(),
        });
        self.edit_current(now, |a| a.key_point = point);
    }

    /// Turns the current item's position from stated to inferred or back; undoable.
    /// Returns what it is now.
    pub fn toggle_basis(&mut self, now: Instant) -> PositionBasis {
        let before = self
            .response
            .answer(&self.item().id)
            .map_or(PositionBasis::Stated, |a| a.position_basis);
        let after = match before {
            PositionBasis::Stated => PositionBasis::Inferred,
            PositionBasis::Inferred => PositionBasis::Stated,
        };
        self.editors_mut().history.change(Change::Basis { before, after });
        self.edit_current(now, |a| a.position_basis = after);
        after
    }

    /// Marks the current item "not answering", or takes the mark off; undoable. Returns
    /// whether it is marked now.
    pub fn toggle_not_answering(&mut self, now: Instant) -> bool {
        let before = self
            .response
            .answer(&self.item().id)
            .is_some_and(|a| a.not_answering);
        let after = !before;
        self.editors_mut().history.change(Change::NotAnswering { before, after });
        self.edit_current(now, |a| a.not_answering = after);
        after
    }

    /// Records that the focused text field took one edit of kind `edit` (already made
    /// in the editor), and copies the text into the response.
    pub fn text_edited(&mut self, edit: TextEdit, now: Instant) {
        let field = self.focus;
        if field == Focus::Position {
            return;
        }
        self.editors_mut().history.text(field, edit);
        self.sync_editor(now);
    }

    /// Replaces the focused field's text with `text` as one undoable edit (what the
    /// user's editor program gave back).
    pub fn replace_text(&mut self, text: &str, now: Instant) {
        if self.focused_editor().is_some_and(|editor| editor.set_text(text)) {
            self.text_edited(TextEdit::Other, now);
        }
    }

    /// Adopts a member's `passage` into the current item's `field` at its cursor, credited
    /// to `members`, as one undoable edit; returns the passage's index in the item's record.
    pub fn adopt(
        &mut self,
        field: Field,
        passage: &str,
        members: Vec<String>,
        paragraph: bool,
        now: Instant,
    ) -> Option<usize> {
        let id = self.item().id.clone();
        let record = self
            .response
            .joint
            .as_ref()?
            .item(&id)
            .cloned()
            .unwrap_or_else(|| JointItem::new(&id));
        self.set_focus(match field {
            Field::Answer => Focus::Answer,
            Field::Reasoning => Focus::Reasoning,
        });
        let old = self.response.answer(&id).map_or(String::new(), |a| match field {
            Field::Answer => a.answer.clone(),
            Field::Reasoning => a.reasoning.clone(),
        });
        // At the cursor of the joint text it goes into (the end, unless the user moved it),
        // and the cursor after it, so passages adopted one after another keep their order.
        let at = self
            .focused_editor()
            .map_or(old.len(), |editor| editor.cursor_offset());
        let (new, start) = provenance::insertion(&record, field, &old, at, passage, paragraph);
        self.replace_text(&new, now);
        if let Some(editor) = self.focused_editor() {
            editor.place_cursor(start + passage.trim().len());
        }
        let joint = self.response.joint.as_mut()?;
        Some(provenance::record_passage(
            joint.item_mut(&id),
            field,
            &new,
            start,
            passage,
            members,
        ))
    }

    /// Takes back the item's newest change (or makes again the one taken back last):
    /// text, position or ready mark, whichever came last. Returns whether anything changed.
    pub fn undo(&mut self, redo: bool, now: Instant) -> bool {
        let history = &mut self.editors_mut().history;
        let Some(change) = (if redo { history.redo() } else { history.undo() }) else {
            return false;
        };
        match change {
            Change::Text { field, steps, .. } => {
                self.set_focus(field);
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
            }
            Change::Position { before, after } => {
                let position = if redo { after } else { before };
                self.edit_current(now, |a| a.position = position);
            }
            Change::Status { before, after } => {
                let status = if redo { after } else { before };
                self.edit_current(now, |a| a.status = status);
            }
            Change::KeyPoint { before, after } => {
                let point = if redo { after } else { before };
                self.edit_current(now, |a| a.key_point = point);
            }
            Change::Basis { before, after } => {
                let basis = if redo { after } else { before };
                self.edit_current(now, |a| a.position_basis = basis);
            }
            Change::NotAnswering { before, after } => {
                let not_answering = if redo { after } else { before };
                self.edit_current(now, |a| a.not_answering = not_answering);
            }
        }
        true
    }

    pub fn save_state(&self) -> SaveState {
        self.autosave.state()
    }

    pub fn is_dirty(&self) -> bool {
        self.autosave.is_dirty()
    }

    /// A save of the draft file as it is now, stamped with the time of the change.
    pub fn save_job(&mut self) -> SaveJob {
        if self.is_dirty() {
            self.response.updated = now();
        }
        self.recount_current_limits();
        let generation = self.autosave.start_draft_save();
        let journal = self
            .journal()
            .cloned()
            .filter(|_| self.autosave.journal_covered());
        SaveJob {
            generation,
            kind: SaveKind::Draft {
                expected: self.autosave.on_disk,
                journal,
                history: self.file.as_ref().map(|f| f.history.clone()),
            },
            path: self.path.clone(),
            bytes: export::json::render(&self.response).into_bytes(),
        }
    }

    /// The write that is due at `now`, if any: the draft once typing pauses, else a recovery copy.
    pub fn autosave_due(&mut self, now: Instant) -> Option<SaveJob> {
        match self.autosave.due(now) {
            Due::Draft => Some(self.save_job()),
            Due::Journal => {
                let path = self.journal()?.clone();
                let generation = self.autosave.start_journal(now);
                Some(SaveJob {
                    generation,
                    kind: SaveKind::Journal,
                    bytes: recovery::journal_bytes(&self.path, &self.response),
                    path,
                })
            }
            Due::Nothing => None,
        }
    }

    /// A save now, if anything is unsaved and no save is under way.
    pub fn save_if_dirty(&mut self) -> Option<SaveJob> {
        self.autosave.can_save().then(|| self.save_job())
    }

    pub fn finished_save(&mut self, outcome: &SaveOutcome, now: Instant) {
        self.autosave.finished(outcome, now);
    }

    /// Writes what is still unsaved, now, through the usual save path; once everything is
    /// in the file, lets go of the recovery copy and keeps how the draft was left as a
    /// version. Leaving the draft and quitting both end here. Err says why work is still
    /// unsaved (a failed write, or a change made elsewhere that the user must settle).
    pub fn save_and_close(&mut self, dirs: &Dirs) -> Result<(), String> {
        if self.is_dirty() && !self.autosave.conflict {
            let job = self.save_job();
            let outcome = drafts::perform(&job);
            self.finished_save(&outcome, Instant::now());
            if let SaveResult::Failed(e) = outcome.result {
                return Err(format!("could not save {}: {e}", self.path.display()));
            }
        }
        if self.is_dirty() {
            return Err(format!("{} was changed elsewhere", self.path.display()));
        }
        if let Some(file) = &self.file {
            drafts::closed(dirs, file, &self.path);
        }
        Ok(())
    }
}
