//! Checking an imported response's placing: moving a passage to another item, splitting
//! one, marking one not an answer. Each is one undoable step of the whole response (a
//! move changes two items' answers and the passage record at once), kept in a history of
//! its own beside the items' histories; undoing puts the answers and the record back
//! exactly as they were.

use std::time::Instant;

use super::Session;
use crate::import::edit::{self, EditError};
use crate::model::{Answer, Passage, Source};

/// What a placing step did, for the front end to word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlacingEdit {
    /// Passage `passage` went from one item (none: not placed) to another.
    Moved {
        passage: usize,
        from: Option<String>,
        to: Option<String>,
    },
    /// Passage `passage` was cut in two; the second part is passage `passage + 1`.
    Split { passage: usize },
    /// Passage `passage`'s words went to `item`'s notes.
    NotAnswer { passage: usize, item: String },
}

impl PlacingEdit {
    /// What the step did, in one sentence for either front end; `name` says how an item
    /// is named (the app by its label, plain mode by label and title).
    pub fn describe(&self, name: impl Fn(&str) -> String) -> String {
        let place = |item: &Option<String>| item.as_deref().map_or("not placed".to_string(), &name);
        match self {
            PlacingEdit::Moved { passage, from, to } => format!(
                "Passage {} moved from {} to {}",
                passage + 1,
                place(from),
                place(to)
            ),
            PlacingEdit::Split { passage } => format!(
                "Passage {} split in two: {} and {}",
                passage + 1,
                passage + 1,
                passage + 2
            ),
            PlacingEdit::NotAnswer { passage, item } => format!(
                "Passage {} is not an answer: it is in the notes of {}",
                passage + 1,
                name(item)
            ),
        }
    }
}

/// What taking back (or making again) a placing step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlacingUndone {
    Nothing,
    /// The answers or the record were changed since by other means: nothing was put back,
    /// so that change is not lost.
    ChangedSince,
    /// The step taken back or made again.
    Applied(PlacingEdit),
}

/// The response's answers and passage record as they were on one side of a step.
#[derive(Debug, Clone, PartialEq)]
struct State {
    answers: Vec<Answer>,
    source: Option<Source>,
}

#[derive(Debug, Clone)]
struct Step {
    edit: PlacingEdit,
    before: State,
    after: State,
}

/// The undo and redo stacks of the placing.
#[derive(Debug, Default)]
pub struct PlacingHistory {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl Session {
    /// The imported response's passages, in document order (empty when not imported).
    pub fn passages(&self) -> &[Passage] {
        self.response
            .source
            .as_ref()
            .map_or(&[], |s| s.passages.as_slice())
    }

    /// Whether the response came from a member's document with passages to check.
    pub fn is_imported(&self) -> bool {
        !self.passages().is_empty()
    }

    /// The passages' indices in the order to check them: those not placed first, then the
    /// placed ones from the least sure up, each group in document order.
    pub fn passages_to_check(&self) -> Vec<usize> {
        let passages = self.passages();
        let mut order: Vec<usize> = (0..passages.len()).collect();
        order.sort_by_key(|&i| (passages[i].is_placed(), passages[i].confidence, i));
        order
    }

    /// Moves passage `index` to item `to` (none: not placed); one undoable step.
    pub fn move_passage(
        &mut self,
        index: usize,
        to: Option<&str>,
        now: Instant,
    ) -> Result<PlacingEdit, EditError> {
        let from = self.passages().get(index).and_then(|p| p.item.clone());
        let placing = PlacingEdit::Moved {
            passage: index,
            from,
            to: to.map(str::to_string),
        };
        self.placing_step(placing, now, |response, set| {
            edit::move_passage(response, set, index, to)
        })
    }

    /// Cuts passage `index` in two at byte `at` of its text; one undoable step.
    pub fn split_passage(&mut self, index: usize, at: usize, now: Instant) -> Result<PlacingEdit, EditError> {
        self.placing_step(PlacingEdit::Split { passage: index }, now, |response, _| {
            edit::split_passage(response, index, at)
        })
    }

    /// Puts passage `index`'s words in its item's notes; one undoable step.
    pub fn mark_not_answer(&mut self, index: usize, now: Instant) -> Result<PlacingEdit, EditError> {
        let item = self.passages().get(index).and_then(|p| p.item.clone());
        let item = item.ok_or(if index < self.passages().len() {
            EditError::NotPlaced(index)
        } else {
            EditError::NoSuchPassage(index)
        })?;
        self.placing_step(
            PlacingEdit::NotAnswer { passage: index, item },
            now,
            |response, set| edit::mark_not_answer(response, set, index),
        )
    }

    /// Takes back the newest placing step (or makes again the one taken back last).
    pub fn undo_placing(&mut self, redo: bool, now: Instant) -> PlacingUndone {
        let stack = if redo {
            &mut self.placing.redo
        } else {
            &mut self.placing.undo
        };
        let Some(step) = stack.pop() else {
            return PlacingUndone::Nothing;
        };
        let (expected, wanted) = if redo {
            (&step.before, &step.after)
        } else {
            (&step.after, &step.before)
        };
        if self.placing_state() != *expected {
            // Something else changed these texts since: keep it, and the step stays put.
            let stack = if redo {
                &mut self.placing.redo
            } else {
                &mut self.placing.undo
            };
            stack.push(step);
            return PlacingUndone::ChangedSince;
        }
        let wanted = wanted.clone();
        self.put_placing_state(wanted, &step);
        self.edited(now);
        let edit = step.edit.clone();
        if redo {
            self.placing.undo.push(step);
        } else {
            self.placing.redo.push(step);
        }
        PlacingUndone::Applied(edit)
    }

    /// Items whose texts a placing step changes: their own undo no longer fits them.
    pub fn placing_items(edit: &PlacingEdit, passages: &[Passage]) -> Vec<String> {
        let mut items: Vec<String> = match edit {
            PlacingEdit::Moved { from, to, .. } => from.iter().chain(to.iter()).cloned().collect(),
            PlacingEdit::Split { passage } => passages
                .get(*passage)
                .and_then(|p| p.item.clone())
                .into_iter()
                .collect(),
            PlacingEdit::NotAnswer { item, .. } => vec![item.clone()],
        };
        items.dedup();
        items
    }

    fn placing_state(&self) -> State {
        State {
            answers: self.response.answers.clone(),
            source: self.response.source.clone(),
        }
    }

    fn put_placing_state(&mut self, state: State, step: &Step) {
        self.response.answers = state.answers;
        self.response.source = state.source;
        self.forget_item_histories(&step.edit);
    }

    /// The items' own undo histories recorded edits of texts a placing step has since
    /// changed: they are dropped rather than let them put back the wrong words.
    fn forget_item_histories(&mut self, edit: &PlacingEdit) {
        for item in Session::placing_items(edit, self.passages()) {
            if let Some(index) = self.set.item_index(&item) {
                self.histories.remove(&index);
            }
        }
    }

    fn placing_step(
        &mut self,
        placing: PlacingEdit,
        now: Instant,
        change: impl FnOnce(&mut crate::model::Response, &crate::model::QuestionSet) -> Result<(), EditError>,
    ) -> Result<PlacingEdit, EditError> {
        let before = self.placing_state();
        change(&mut self.response, &self.set)?;
        let after = self.placing_state();
        if after == before {
            return Ok(placing);
        }
        self.forget_item_histories(&placing);
        self.placing.redo.clear();
        self.placing.undo.push(Step {
            edit: placing.clone(),
            before,
            after,
        });
        self.edited(now);
        Ok(placing)
    }
}

/// Where to split `text` so the second part starts at word `words + 1` (after `words`
/// words): None when that is not inside it.
pub fn after_words(text: &str, words: usize) -> Option<usize> {
    if words == 0 {
        return None;
    }
    let mut seen = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            if seen == words {
                return Some(at);
            }
            seen += 1;
            in_word = true;
        }
    }
    None
}

/// Where to split `text` so the second part starts with `words` (matched ignoring case):
/// None when they are not in it after its first word.
pub fn before_words(text: &str, words: &str) -> Option<usize> {
    let words = words.trim();
    if words.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    // Lower-casing can change lengths; only where it did not can its offsets be used.
    if lower.len() != text.len() {
        return text.find(words).filter(|&at| at > 0);
    }
    lower
        .match_indices(&words.to_lowercase())
        .map(|(at, _)| at)
        .find(|&at| at > 0 && !text[..at].trim().is_empty())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::export::json::render;
    use crate::import::response::{SourceFile, import};
    use crate::session::TextField;

    /// Question 1 with two paragraphs, Question 2 with one, read as a text file is.
    fn session() -> Session {
        let set = crate::catalog::Catalog::built_in()
            .find("integrating-care")
            .unwrap()
            .clone();
        let text = "Question 1: We agree with the statutory footing.\n\n\
                    Option 2 is the better model, for its clarity.\n\n\
                    Question 2: We partly agree.\n";
        let document = crate::import::read::read("reply.txt", text.as_bytes()).unwrap();
        let file = SourceFile {
            name: "reply.txt".into(),
            digest: "sha256:00".into(),
        };
        let response = import(&document, &set, file, "Test Council", jiff::Timestamp::UNIX_EPOCH).response;
        Session::new(PathBuf::from("reply.json"), set, response)
    }

    fn answer(session: &Session, item: &str) -> String {
        session
            .response
            .answer(item)
            .map_or(String::new(), |a| a.answer.clone())
    }

    #[test]
    fn a_move_is_one_step_that_undo_and_redo_put_back_byte_for_byte() {
        let mut session = session();
        let now = Instant::now();
        let original = render(&session.response);
        let edit = session.move_passage(1, Some("q2"), now).unwrap();
        assert_eq!(
            edit,
            PlacingEdit::Moved {
                passage: 1,
                from: Some("q1".into()),
                to: Some("q2".into())
            }
        );
        assert!(answer(&session, "q2").starts_with("Option 2"));
        assert!(!answer(&session, "q1").contains("Option 2"));
        assert!(session.is_dirty(), "recorded for autosave");
        let moved = render(&session.response);
        assert_eq!(
            session.undo_placing(false, now),
            PlacingUndone::Applied(edit.clone())
        );
        assert_eq!(render(&session.response), original);
        assert_eq!(session.undo_placing(false, now), PlacingUndone::Nothing);
        assert_eq!(session.undo_placing(true, now), PlacingUndone::Applied(edit));
        assert_eq!(render(&session.response), moved);
    }

    #[test]
    fn split_and_not_an_answer_undo_exactly_in_order() {
        let mut session = session();
        let now = Instant::now();
        let original = render(&session.response);
        let at = "Option 2 is the better model,".len();
        assert_eq!(
            session.split_passage(1, at, now),
            Ok(PlacingEdit::Split { passage: 1 })
        );
        assert_eq!(session.passages().len(), 4);
        let split = render(&session.response);
        assert_eq!(
            session.mark_not_answer(2, now),
            Ok(PlacingEdit::NotAnswer {
                passage: 2,
                item: "q1".into()
            })
        );
        assert!(
            session
                .response
                .answer("q1")
                .unwrap()
                .notes
                .contains("for its clarity.")
        );
        assert!(matches!(
            session.undo_placing(false, now),
            PlacingUndone::Applied(PlacingEdit::NotAnswer { .. })
        ));
        assert_eq!(render(&session.response), split);
        assert!(matches!(
            session.undo_placing(false, now),
            PlacingUndone::Applied(PlacingEdit::Split { .. })
        ));
        assert_eq!(render(&session.response), original);
    }

    #[test]
    fn split_points_by_words_counted_or_quoted() {
        let text = "Option 2 is  the better model, for its clarity.";
        assert_eq!(
            &text[after_words(text, 2).unwrap()..],
            "is  the better model, for its clarity."
        );
        assert_eq!(after_words(text, 0), None);
        assert_eq!(after_words(text, 9), None);
        assert_eq!(
            &text[before_words(text, "FOR its").unwrap()..],
            "for its clarity."
        );
        assert_eq!(before_words(text, "Option"), None, "not at the very start");
        assert_eq!(before_words(text, "nowhere"), None);
    }

    #[test]
    fn passages_not_placed_come_first_then_the_least_sure() {
        let mut session = session();
        let now = Instant::now();
        session.move_passage(2, None, now).unwrap();
        let order = session.passages_to_check();
        assert_eq!(order[0], 2);
        let passages = session.passages();
        let sure: Vec<u8> = order[1..].iter().map(|&i| passages[i].confidence).collect();
        assert!(sure.windows(2).all(|w| w[0] <= w[1]), "{sure:?}");
    }

    #[test]
    fn bad_edits_change_nothing_and_leave_no_step() {
        let mut session = session();
        let now = Instant::now();
        let original = render(&session.response);
        assert_eq!(
            session.move_passage(7, Some("q2"), now),
            Err(EditError::NoSuchPassage(7))
        );
        assert_eq!(
            session.move_passage(0, Some("q99"), now),
            Err(EditError::UnknownItem("q99".into()))
        );
        assert!(matches!(
            session.split_passage(1, 0, now),
            Err(EditError::BadSplit { .. })
        ));
        assert_eq!(session.mark_not_answer(9, now), Err(EditError::NoSuchPassage(9)));
        assert_eq!(render(&session.response), original);
        assert!(!session.is_dirty());
        assert_eq!(session.undo_placing(false, now), PlacingUndone::Nothing);
    }

    #[test]
    fn an_answer_typed_over_after_a_move_is_not_undone_away() {
        let mut session = session();
        let now = Instant::now();
        session.move_passage(1, Some("q2"), now).unwrap();
        session.go_to(session.set.item_index("q2").unwrap());
        session.replace_text(TextField::Answer, "Our own words now.", now);
        let typed = render(&session.response);
        assert_eq!(session.undo_placing(false, now), PlacingUndone::ChangedSince);
        assert_eq!(render(&session.response), typed);
    }

    #[test]
    fn a_move_drops_the_moved_items_own_undo() {
        let mut session = session();
        let now = Instant::now();
        session.go_to(session.set.item_index("q1").unwrap());
        session.replace_text(TextField::Answer, "Question 1: We agree with the statutory footing.\n\nOption 2 is the better model, for its clarity.", now);
        session.move_passage(1, Some("q2"), now).unwrap();
        assert_eq!(session.undo(false, now), crate::session::Undone::Nothing);
    }
}
