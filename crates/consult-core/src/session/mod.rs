//! One drafting session: an open response, its file, autosave, undo and every operation
//! both front ends offer. The full-screen app keeps its view (focus, editors, panels)
//! beside a `Session`; plain mode keeps none. Operations return data, never sentences:
//! each front end words the outcome its own way.

pub mod autosave;
pub mod finish;
pub mod joint;
pub mod placing;
pub mod review;
pub mod undo;
pub mod versions;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

pub use autosave::{Autosave, Due, SaveState};
pub use finish::StillToDo;
pub use placing::{PlacingEdit, PlacingUndone};
pub use review::{AcceptedAll, Decided, ReviewError};
use undo::{Change, History, TextEdit};

use crate::dirs::Dirs;
use crate::drafts::{self, Handle, Opened, SaveJob, SaveKind, SaveOutcome, SaveResult, recovery};
use crate::export;
use crate::export::limits::{Recount, Recounted};
use crate::joint::provenance;
use crate::merge::resolve::{self, Keep};
use crate::model::joint::{Field, JointItem, Passage};
use crate::model::response::{PositionBasis, now};
use crate::model::{Answer, Item, ItemStatus, QuestionSet, Response, ResponseStatus};
use crate::text::Splice;

/// One of an item's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    Answer,
    Reasoning,
    /// Notes for ourselves: never part of a submission.
    Notes,
}

impl TextField {
    /// The answer's copy of this text.
    pub fn of(self, answer: &Answer) -> &str {
        match self {
            TextField::Answer => &answer.answer,
            TextField::Reasoning => &answer.reasoning,
            TextField::Notes => &answer.notes,
        }
    }

    pub fn of_mut(self, answer: &mut Answer) -> &mut String {
        match self {
            TextField::Answer => &mut answer.answer,
            TextField::Reasoning => &mut answer.reasoning,
            TextField::Notes => &mut answer.notes,
        }
    }

    /// The joint response's field a text belongs to (notes are never joint text).
    pub fn joint(self) -> Option<Field> {
        match self {
            TextField::Answer => Some(Field::Answer),
            TextField::Reasoning => Some(Field::Reasoning),
            TextField::Notes => None,
        }
    }
}

impl TextField {
    /// The text named as the response file names it: `answer`, `reasoning` or `notes`.
    pub fn named(name: &str) -> TextField {
        match name {
            "reasoning" => TextField::Reasoning,
            "notes" => TextField::Notes,
            _ => TextField::Answer,
        }
    }
}

impl From<Field> for TextField {
    fn from(field: Field) -> TextField {
        match field {
            Field::Answer => TextField::Answer,
            Field::Reasoning => TextField::Reasoning,
        }
    }
}

/// What a position request did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionSet {
    /// The item takes no position.
    NoScale,
    /// There is no option with that index.
    NoSuchOption,
    Unchanged,
    Changed,
}

/// What taking back (or making again) a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undone {
    /// Nothing left to take back.
    Nothing,
    /// The session put the response back itself; `text` names the text it changed, if
    /// it changed one (a whole-text replacement).
    Applied { text: Option<TextField> },
    /// A run of `steps` edits typed into `field`'s editor: the front end holding the
    /// editor takes them back there and hands the text over (see [`Session::apply_text`]).
    Typed { field: TextField, steps: usize },
    /// A settled merge conflict taken back (or settled again): the session put the field
    /// and the conflict back itself. When `text` names a text, the settlement was one edit
    /// of that text's editor: a front end holding the editor takes that one edit back (or
    /// makes it again) there, without handing the text over.
    Settled { text: Option<TextField> },
}

/// An adopted passage: where it went and where the cursor goes after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adoption {
    /// The field's whole text with the passage in it.
    pub text: String,
    /// Where the passage starts in `text`, and where it ends.
    pub start: usize,
    pub end: usize,
}

pub struct Session {
    pub path: PathBuf,
    pub set: QuestionSet,
    pub response: Response,
    /// Index of the current item in reading order.
    pub current: usize,
    pub autosave: Autosave,
    /// The file held open: its lock, recovery copy and history. None for a response that
    /// is only being looked at in tests.
    pub file: Option<Handle>,
    /// A change has just turned this final response back into a draft (to say so once).
    pub reopened: bool,
    /// Answers over a word or character limit, by item id and what it says ("over the
    /// word limit by 12"), as last counted: on opening, on review, and at each save by the
    /// thread that writes the file (see [`SaveJob::recount`]); never on a keystroke or a
    /// frame, since a form's count reads the whole answer.
    pub over_limits: Vec<(String, String)>,
    /// Undo, item by item (by index), so moving around keeps each item's history.
    histories: HashMap<usize, History>,
    /// A joint response's passages an edit dropped, by item: their members come back with
    /// their words (an undo redone, a passage cut and pasted back).
    dropped_passages: Vec<(String, Passage)>,
    /// Where the passages of the joint text last typed into stand in it, so the next key
    /// follows them without searching the whole text.
    joint_places: Option<joint::Places>,
    /// Undo of an imported response's placing: whole-response steps (see `placing`).
    placing: placing::PlacingHistory,
    /// Sync tools' conflict copies offered already (see [`Session::sync_copy_to_offer`]).
    offered_copies: Vec<PathBuf>,
}

/// Keeps `dropped`, the passages an edit of item `id` took out of its text, among those the
/// session keeps (`kept`), and offers all of the item's to `restore`, which takes back those
/// whose words are in the text again; the rest stay kept for a later edit.
fn offer_dropped<R>(
    kept: &mut Vec<(String, Passage)>,
    id: &str,
    dropped: Vec<Passage>,
    restore: impl FnOnce(&mut Vec<Passage>) -> R,
) -> R {
    kept.extend(dropped.into_iter().map(|p| (id.to_string(), p)));
    let mut candidates: Vec<Passage> = kept
        .extract_if(.., |(item, _)| item == id)
        .map(|(_, p)| p)
        .collect();
    let restored = restore(&mut candidates);
    kept.extend(candidates.into_iter().map(|p| (id.to_string(), p)));
    restored
}

/// "over the word limit by 12", for an item over `limit`.
fn over_note(item: &str, limit: export::limits::Limit) -> Option<(String, String)> {
    let by = limit.over()?;
    let unit = limit.unit.trim_end_matches('s');
    Some((item.to_string(), format!("over the {unit} limit by {by}")))
}

impl Session {
    pub fn new(path: PathBuf, set: QuestionSet, mut response: Response) -> Session {
        provenance::reconcile_all(&mut response);
        let current = response
            .current_item
            .as_deref()
            .and_then(|id| set.item_index(id))
            .unwrap_or(0);
        let mut session = Session {
            path,
            set,
            response,
            current,
            autosave: Autosave::default(),
            file: None,
            reopened: false,
            over_limits: Vec::new(),
            histories: HashMap::new(),
            dropped_passages: Vec::new(),
            joint_places: None,
            placing: placing::PlacingHistory::default(),
            offered_copies: Vec::new(),
        };
        session.recount_limits();
        session
    }

    /// A session on a file just opened or created, holding it until the session is dropped.
    pub fn opened(opened: Opened) -> Session {
        let mut session = Session::new(opened.path, opened.set, opened.response);
        session.autosave.on_disk = Some(opened.on_disk);
        session.file = Some(opened.handle);
        session
    }

    /// Swaps the content for `response` to `set`, keeping the file, its lock, history,
    /// recovery copy and autosave count (so a save of the old content still under way can
    /// never pass for a save of the new) and the place in the walk-through. Undo starts
    /// again: its steps were of the content that went.
    pub fn replace_content(&mut self, set: QuestionSet, response: Response) {
        let mut fresh = Session::new(self.path.clone(), set, response);
        fresh.file = self.file.take();
        fresh.autosave = std::mem::take(&mut self.autosave);
        fresh.go_to(self.current);
        *self = fresh;
    }

    /// Counts again which answers are over their limits (see [`Session::over_limits`]).
    pub fn recount_limits(&mut self) {
        self.over_limits = export::limits::over(&self.response, &self.set)
            .into_iter()
            .filter_map(|(_, item, limit)| over_note(&item.id, limit))
            .collect();
    }

    /// Counts the current item's answer again, here and now (the review, which lists them).
    pub fn recount_current_limits(&mut self) {
        self.take_recount(&self.current_recount().count());
    }

    /// The current item's answer, to count against its limits: only it changes while typing,
    /// so a save need not count every answer. A save counts it on the saving thread.
    fn current_recount(&self) -> Recount {
        Recount {
            item: self.item().clone(),
            text: self.text(TextField::Answer).to_string(),
        }
    }

    /// Takes in what counting one answer found: its notes replace the item's old ones.
    fn take_recount(&mut self, recounted: &Recounted) {
        let item = &recounted.item;
        self.over_limits.retain(|(id, _)| id != item);
        let notes = recounted
            .limits
            .iter()
            .filter_map(|&limit| over_note(item, limit));
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

    /// Where the recovery copy goes, when the session is on a file.
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

    /// The current item's answer, if it has one yet.
    pub fn answer(&self) -> Option<&Answer> {
        self.response.answer(&self.item().id)
    }

    /// The current item's `field` text ("" before anything is written).
    pub fn text(&self, field: TextField) -> &str {
        self.answer().map_or("", |a| field.of(a))
    }

    /// Goes to the item at `index` in reading order (the last, past the end).
    pub fn go_to(&mut self, index: usize) {
        let last = self.set.item_count().saturating_sub(1);
        self.current = index.min(last);
    }

    /// The current item's undo history.
    pub fn history(&mut self) -> &mut History {
        self.histories.entry(self.current).or_default()
    }

    /// Changes the current item's answer and records the change.
    pub fn edit_current(&mut self, now: Instant, change: impl FnOnce(&mut Answer)) {
        let id = self.item().id.clone();
        // A joint response's passages follow every change of its text, whatever made it.
        let texts = |a: &Answer| (a.answer.clone(), a.reasoning.clone());
        let before = self
            .response
            .joint
            .is_some()
            .then(|| self.response.answer(&id).map(texts).unwrap_or_default());
        let answer = self.response.answer_mut(&self.set, &id);
        change(answer);
        if let Some((answer_before, reasoning_before)) = before {
            let (answer_now, reasoning_now) = texts(answer);
            self.follow_joint_text(
                &id,
                [(answer_before, answer_now), (reasoning_before, reasoning_now)],
            );
        }
        self.touched(&id, now);
    }

    /// Records that item `id`'s answer was changed: it is started, and the response is edited.
    fn touched(&mut self, id: &str, now: Instant) {
        let answer = self.response.answer_mut(&self.set, id);
        if answer.status == ItemStatus::NotStarted {
            answer.status = ItemStatus::Draft;
        }
        self.response.current_item = Some(id.to_string());
        self.edited(now);
    }

    /// Keeps a joint item's passages on their words after its texts changed.
    fn follow_joint_text(&mut self, id: &str, changes: [(String, String); 2]) {
        let Some(joint) = self.response.joint.as_mut() else {
            return;
        };
        let record = joint.item_mut(id);
        for (field, (before, now)) in [Field::Answer, Field::Reasoning].into_iter().zip(changes) {
            let dropped = provenance::follow_edit(record, field, &before, &now);
            offer_dropped(&mut self.dropped_passages, id, dropped, |candidates| {
                provenance::restore(record, field, &now, candidates)
            });
        }
        joint.tidy();
        // Passages may have moved anywhere: found afresh when next typed into.
        self.joint_places = None;
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

    /// Chooses option `index` of the current item's scale (`None`: no position); undoable.
    pub fn set_position(&mut self, index: Option<usize>, now: Instant) -> PositionSet {
        let item = self.item().clone();
        let Some(scale) = self.set.scale_of(&item) else {
            return PositionSet::NoScale;
        };
        let option = index.and_then(|i| scale.options.get(i)).map(|o| o.id.clone());
        if index.is_some() && option.is_none() {
            return PositionSet::NoSuchOption;
        }
        let before = self.response.answer(&item.id).and_then(|a| a.position.clone());
        if before == option {
            return PositionSet::Unchanged;
        }
        self.history().change(Change::Position {
            before,
            after: option.clone(),
        });
        self.edit_current(now, |answer| answer.position = option);
        PositionSet::Changed
    }

    /// Marks the current item ready, or back to draft; undoable. Returns the new status.
    pub fn toggle_ready(&mut self, now: Instant) -> ItemStatus {
        let before = self.answer().map_or(ItemStatus::NotStarted, |a| a.status);
        let after = if before == ItemStatus::Ready {
            ItemStatus::Draft
        } else {
            ItemStatus::Ready
        };
        self.history().change(Change::Status { before, after });
        self.edit_current(now, |a| a.status = after);
        after
    }

    /// Sets the current item's key point (`None`: its answer's first sentence); undoable.
    /// Returns whether it changed.
    pub fn set_key_point(&mut self, point: Option<String>, now: Instant) -> bool {
        let before = self.answer().and_then(|a| a.key_point.clone());
        if before == point {
            return false;
        }
        self.history().change(Change::KeyPoint {
            before,
            after: point.clone(),
        });
        self.edit_current(now, |a| a.key_point = point);
        true
    }

    /// Marks the current item's position stated or inferred; undoable. Returns whether it changed.
    pub fn set_basis(&mut self, basis: PositionBasis, now: Instant) -> bool {
        let before = self.answer().map_or(PositionBasis::Stated, |a| a.position_basis);
        if before == basis {
            return false;
        }
        self.history().change(Change::Basis { before, after: basis });
        self.edit_current(now, |a| a.position_basis = basis);
        true
    }

    /// Turns the current item's position from stated to inferred or back; undoable.
    /// Returns what it is now.
    pub fn toggle_basis(&mut self, now: Instant) -> PositionBasis {
        let after = match self.answer().map_or(PositionBasis::Stated, |a| a.position_basis) {
            PositionBasis::Stated => PositionBasis::Inferred,
            PositionBasis::Inferred => PositionBasis::Stated,
        };
        self.set_basis(after, now);
        after
    }

    /// Marks the current item "not answering", or takes the mark off; undoable. Returns
    /// whether it is marked now.
    pub fn toggle_not_answering(&mut self, now: Instant) -> bool {
        let before = self.answer().is_some_and(|a| a.not_answering);
        let after = !before;
        self.history().change(Change::NotAnswering { before, after });
        self.edit_current(now, |a| a.not_answering = after);
        after
    }

    /// Replaces the current item's `field` text with `text` as one undoable change.
    /// Returns whether it changed.
    pub fn replace_text(&mut self, field: TextField, text: &str, now: Instant) -> bool {
        let before = self.text(field).to_string();
        if before == text {
            return false;
        }
        self.history().change(Change::Replace {
            field,
            before,
            after: text.to_string(),
        });
        self.edit_current(now, |a| *field.of_mut(a) = text.to_string());
        true
    }

    /// Records that an editor's text of `field` took one edit of kind `edit`, typed there;
    /// the text itself comes over with [`Session::apply_text`].
    pub fn typed(&mut self, field: TextField, edit: TextEdit) {
        self.history().text(field, edit);
    }

    /// Makes the current item's `field` follow an editor: each of `splices` (its changes,
    /// in order) is made to the response's copy, and a joint response's passages follow
    /// each at what it touched, so a key costs the same at any length; should one not fit,
    /// `whole` gives the editor's whole text.
    pub fn apply_text(
        &mut self,
        field: TextField,
        now: Instant,
        splices: &[Splice],
        whole: impl FnOnce() -> String,
    ) {
        let id = self.item().id.clone();
        let joint = field.joint().filter(|_| self.response.joint.is_some());
        let mut fitted = true;
        for splice in splices {
            let places = joint.map(|f| self.passage_places(&id, f));
            fitted = splice.apply(field.of_mut(self.response.answer_mut(&self.set, &id)));
            match (fitted, joint.zip(places)) {
                (false, _) => break,
                (true, Some((f, places))) => self.follow_splice(&id, f, places, splice),
                (true, None) => {}
            }
        }
        if !fitted {
            let text = whole();
            self.edit_current(now, |answer| *field.of_mut(answer) = text);
            return;
        }
        self.touched(&id, now);
    }

    /// Takes back the current item's newest change (or makes again the one taken back
    /// last): text, position, ready mark or key point, whichever came last.
    pub fn undo(&mut self, redo: bool, now: Instant) -> Undone {
        let history = self.history();
        let Some(change) = (if redo { history.redo() } else { history.undo() }) else {
            return Undone::Nothing;
        };
        match change {
            Change::Text { field, steps, .. } => return Undone::Typed { field, steps },
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
            Change::Replace { field, before, after } => {
                let text = if redo { after } else { before };
                self.edit_current(now, |a| *field.of_mut(a) = text);
                return Undone::Applied { text: Some(field) };
            }
            change @ (Change::Suggestion { .. } | Change::Resolved { .. }) => {
                let text = self.undo_review(change, redo, now);
                return Undone::Applied { text };
            }
            Change::Settle { settlement, text } => {
                // It was settled on this very response, written as JSON and read back:
                // taking it back (or making it again) cannot fail.
                let _ = if redo {
                    settlement.redo(&mut self.response)
                } else {
                    settlement.undo(&mut self.response)
                };
                if self.response.joint.is_some() {
                    provenance::reconcile_all(&mut self.response);
                }
                self.changed(now);
                return Undone::Settled { text };
            }
        }
        Undone::Applied { text: None }
    }

    /// Settles the response's conflict at `index`, keeping `keep`, as one undoable change of
    /// the current item (a conflict on another item is settled from there). Returns the
    /// current item's text it changed, if any: a front end with an editor of that text puts
    /// the settled text in as one edit of its own. Err says why it cannot be settled.
    pub fn settle(&mut self, index: usize, keep: Keep, now: Instant) -> Result<Option<TextField>, String> {
        let conflict = self
            .response
            .conflicts
            .get(index)
            .ok_or_else(|| "that conflict is already settled".to_string())?;
        if conflict.item.as_ref().is_some_and(|item| *item != self.item().id) {
            return Err(format!("{} is on another item: go to it first", conflict.place()));
        }
        let settlement = resolve::resolve(&mut self.response, index, keep)?;
        let text = settlement
            .text_field()
            .map(TextField::named)
            .filter(|_| settlement.changed_text());
        if self.response.joint.is_some() {
            provenance::reconcile_all(&mut self.response);
        }
        self.history().change(Change::Settle {
            settlement: Box::new(settlement),
            text,
        });
        self.changed(now);
        Ok(text)
    }

    /// The user's answer to the offer of [`drafts::set_version`]: the response now answers
    /// the set as it is, a change saved as any other.
    pub fn bring_up_to_date(&mut self, now: Instant) {
        drafts::set_version::bring_up(&mut self.response, &self.set);
        self.changed(now);
    }

    /// The other answer: keep the response on the earlier version, not asked again while
    /// the set stays as it is. The file is left alone.
    pub fn keep_earlier_set(&self) -> std::io::Result<()> {
        match &self.file {
            Some(file) => drafts::set_version::keep_earlier(&file.history, &self.set),
            None => Ok(()),
        }
    }

    /// Marks the response final, or a draft again.
    pub fn set_status(&mut self, status: ResponseStatus, now: Instant) {
        self.response.status = status;
        self.changed(now);
    }

    /// What stands between the response and final.
    pub fn still_to_do(&self) -> StillToDo {
        StillToDo::of(&self.set, &self.response)
    }

    /// Where a member's `passage` goes in the current item's `field` of a joint response,
    /// at byte `at` of its text (the end, unless the user moved the cursor): the text with
    /// it in. None on a response that is not joint. The front end puts the text in (the
    /// app through its editor, plain mode with [`Session::replace_text`]), then calls
    /// [`Session::credit_adopted`].
    pub fn adoption(
        &self,
        field: Field,
        passage: &str,
        at: Option<usize>,
        paragraph: bool,
    ) -> Option<Adoption> {
        let id = &self.item().id;
        let joint = self.response.joint.as_ref()?;
        let record = joint.item(id).cloned().unwrap_or_else(|| JointItem::new(id));
        let old = self.text(field.into());
        let at = at.unwrap_or(old.len()).min(old.len());
        let (text, start) = provenance::insertion(&record, field, old, at, passage, paragraph);
        Some(Adoption {
            text,
            start,
            end: start + passage.trim().len(),
        })
    }

    /// Credits an adopted passage (now in the text at `adoption.start`) to `members`;
    /// returns the passage's index in the item's record. See also [`Session::adopt`].
    pub fn credit_adopted(
        &mut self,
        field: Field,
        adoption: &Adoption,
        passage: &str,
        members: Vec<String>,
    ) -> Option<usize> {
        let id = self.item().id.clone();
        let text = self.text(field.into()).to_string();
        let joint = self.response.joint.as_mut()?;
        Some(provenance::record_passage(
            joint.item_mut(&id),
            field,
            &text,
            adoption.start,
            passage,
            members,
        ))
    }

    pub fn save_state(&self) -> SaveState {
        self.autosave.state()
    }

    pub fn is_dirty(&self) -> bool {
        self.autosave.is_dirty()
    }

    /// A save of the draft file as it is now, stamped with the time of the change.
    pub fn save_job(&mut self) -> SaveJob {
        if let Some(file) = &mut self.file {
            file.keep_opened_version();
        }
        if self.is_dirty() {
            self.response.updated = now();
        }
        let recount = Some(Box::new(self.current_recount()));
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
            recount,
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
                    recount: None,
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
        if let Some(recounted) = &outcome.recounted {
            self.take_recount(recounted);
        }
    }

    /// Saves now, on this thread, if anything is unsaved and no save is under way (plain
    /// mode saves every change so). Err says why the work is not in the file.
    pub fn save_now(&mut self) -> Result<(), SaveResult> {
        let Some(job) = self.save_if_dirty() else {
            return Ok(());
        };
        let outcome = drafts::perform(&job);
        self.finished_save(&outcome, Instant::now());
        match outcome.result {
            SaveResult::Saved(_) => Ok(()),
            other => Err(other),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_opened_to_draw_first_is_locked_at_once_and_kept_as_a_version_before_any_save() {
        let dir = tempfile::tempdir().unwrap();
        let (dirs, catalog, path) = drafts::tests::a_draft(dir.path());
        let opened = drafts::open_keeping_version_later(&dirs, &catalog, &path, None).unwrap();
        // Locked before anything can be typed: a second opening is refused.
        assert!(
            drafts::open(&dirs, &catalog, &path, None)
                .unwrap_err()
                .contains("open in another")
        );
        let history = opened.handle.history.clone();
        assert_eq!(history.count(), 0, "no copy of the file before the first frame");

        let mut session = Session::opened(opened);
        session.response.respondent.contact_name = "Jo".into();
        let job = session.save_job();
        assert_eq!(
            history.count(),
            1,
            "the opened state is kept before the first save"
        );
        assert_eq!(history.read(1).unwrap(), std::fs::read(&path).unwrap());
        drop(job);
        session.file.as_mut().unwrap().keep_opened_version();
        assert_eq!(history.count(), 1, "kept once");
    }
}
