//! An open response: the document, where the user is in it, its editors, and
//! whether what is on screen is on disk yet.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};

use crate::export;
use crate::model::response::now;
use crate::model::{Item, ItemStatus, QuestionSet, Response};

/// Typing pauses this long before an autosave...
pub const SAVE_AFTER_IDLE: Duration = Duration::from_millis(700);
/// ...and continuous typing is saved at least this often, so a crash loses under two seconds.
pub const SAVE_AT_LEAST_EVERY: Duration = Duration::from_millis(1500);
/// How long to wait before trying a failed save again.
pub const RETRY_AFTER: Duration = Duration::from_secs(3);

/// Which part of the current item has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The position picker (or, on a free-text item, nothing: browsing).
    Position,
    Answer,
    Reasoning,
}

/// The two editors of one item. Kept per item so undo history survives moving around.
pub struct Editors {
    pub answer: TextArea<'static>,
    pub reasoning: TextArea<'static>,
}

fn editor(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_placeholder_text(placeholder);
    area.set_max_histories(500);
    area.set_cursor_line_style(Style::new());
    // Carry on writing where the text ends.
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// What a save needs: which version, where, and the bytes.
#[derive(Debug, Clone)]
pub struct SaveJob {
    pub generation: u64,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// What the header says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Unsaved,
    Saving,
    Failed(String),
}

pub struct Draft {
    pub path: PathBuf,
    pub set: QuestionSet,
    pub response: Response,
    /// Index of the current item in reading order.
    pub current: usize,
    focus: Focus,
    pub context_folded: bool,
    editors: HashMap<usize, Editors>,
    /// Bumped by every change; a save records the generation it wrote.
    generation: u64,
    saved_generation: u64,
    in_flight: Option<u64>,
    first_unsaved: Option<Instant>,
    last_change: Option<Instant>,
    failure: Option<(String, Instant)>,
}

impl Draft {
    pub fn new(path: PathBuf, set: QuestionSet, response: Response) -> Draft {
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
            editors: HashMap::new(),
            generation: 0,
            saved_generation: 0,
            in_flight: None,
            first_unsaved: None,
            last_change: None,
            failure: None,
        };
        draft.arrive();
        draft
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
        if self.has_scale() {
            &[Focus::Position, Focus::Answer, Focus::Reasoning]
        } else {
            &[Focus::Answer]
        }
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Moves focus; only the focused editor shows a cursor.
    pub fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        let editors = self.editors_mut();
        let cursor = |on: bool| {
            if on {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            }
        };
        editors.answer.set_cursor_style(cursor(focus == Focus::Answer));
        editors
            .reasoning
            .set_cursor_style(cursor(focus == Focus::Reasoning));
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
        let text = |f: fn(&crate::model::Answer) -> &str| answer.map_or("", f).to_string();
        let answer_prompt = if item.scale.is_some() {
            "Your answer…"
        } else {
            "Type here…"
        };
        self.editors.insert(
            index,
            Editors {
                answer: editor(&text(|a| &a.answer), answer_prompt),
                reasoning: editor(&text(|a| &a.reasoning), "Why you hold this position…"),
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
    pub fn focused_editor(&mut self) -> Option<&mut TextArea<'static>> {
        let focus = self.focus;
        let editors = self.editors_mut();
        match focus {
            Focus::Answer => Some(&mut editors.answer),
            Focus::Reasoning => Some(&mut editors.reasoning),
            Focus::Position => None,
        }
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

    /// Copies the focused editor's text into the response after it changed.
    pub fn sync_editor(&mut self, now: Instant) {
        let focus = self.focus;
        let editors = self.editors_mut();
        let text = match focus {
            Focus::Answer => editors.answer.lines().join("\n"),
            Focus::Reasoning => editors.reasoning.lines().join("\n"),
            Focus::Position => return,
        };
        self.edit_current(now, |answer| match focus {
            Focus::Answer => answer.answer = text,
            _ => answer.reasoning = text,
        });
    }

    /// Changes the current item's answer and records the change.
    pub fn edit_current(&mut self, now: Instant, change: impl FnOnce(&mut crate::model::Answer)) {
        let id = self.item().id.clone();
        let answer = self.response.answer_mut(&self.set, &id);
        change(answer);
        if answer.status == ItemStatus::NotStarted {
            answer.status = ItemStatus::Draft;
        }
        self.response.current_item = Some(id);
        self.changed(now);
    }

    /// Records that the response changed, for autosave.
    pub fn changed(&mut self, now: Instant) {
        self.generation += 1;
        self.first_unsaved.get_or_insert(now);
        self.last_change = Some(now);
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
        self.edit_current(now, |answer| answer.position = option);
    }

    pub fn save_state(&self) -> SaveState {
        if let Some((error, _)) = &self.failure {
            SaveState::Failed(error.clone())
        } else if self.in_flight.is_some() {
            SaveState::Saving
        } else if self.generation > self.saved_generation {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.generation > self.saved_generation
    }

    /// A save of the current state, stamped with the time of the change.
    pub fn save_job(&mut self) -> SaveJob {
        if self.is_dirty() {
            self.response.updated = now();
        }
        self.in_flight = Some(self.generation);
        SaveJob {
            generation: self.generation,
            path: self.path.clone(),
            bytes: export::json::render(&self.response).into_bytes(),
        }
    }

    /// A save job if autosave is due at `now`.
    pub fn autosave_due(&mut self, now: Instant) -> Option<SaveJob> {
        if !self.is_dirty() || self.in_flight.is_some() {
            return None;
        }
        if let Some((_, failed_at)) = &self.failure {
            return (now.duration_since(*failed_at) >= RETRY_AFTER).then(|| self.save_job());
        }
        let idle = self
            .last_change
            .is_some_and(|t| now.duration_since(t) >= SAVE_AFTER_IDLE);
        let overdue = self
            .first_unsaved
            .is_some_and(|t| now.duration_since(t) >= SAVE_AT_LEAST_EVERY);
        (idle || overdue).then(|| self.save_job())
    }

    /// A save job now, if anything is unsaved and no save is under way.
    pub fn save_if_dirty(&mut self) -> Option<SaveJob> {
        (self.is_dirty() && self.in_flight.is_none()).then(|| self.save_job())
    }

    pub fn finished_save(&mut self, generation: u64, error: Option<String>, now: Instant) {
        if self.in_flight == Some(generation) {
            self.in_flight = None;
        }
        match error {
            None => {
                self.saved_generation = self.saved_generation.max(generation);
                self.failure = None;
                if !self.is_dirty() {
                    self.first_unsaved = None;
                } else {
                    self.first_unsaved = self.last_change;
                }
            }
            Some(error) => self.failure = Some((error, now)),
        }
    }

    /// Words in the current answer.
    pub fn answer_words(&self) -> usize {
        self.response
            .answer(&self.item().id)
            .map_or(0, |a| crate::text::word_count(&a.answer))
    }
}
