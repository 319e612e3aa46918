//! Checking an imported response's placing, line by line: `passages` lists them (those
//! not placed first, then the least sure), and `place`, `split` and `notanswer` change
//! one; `undo` right after takes the change back.

use std::time::Instant;

use super::commands::SplitAt;
use super::walk::find_item;
use super::{Plain, Stop, print};
use crate::import::edit::EditError;
use crate::session::placing::{after_words, before_words};
use crate::session::{PlacingEdit, PlacingUndone, Session};
use crate::text::{shorten, visible_line};

/// How much of a passage's words a listing shows.
const SHOWN: usize = 60;

impl Plain {
    /// Lists the passages in the order to check them.
    pub(super) fn passages(&self, draft: &Session) {
        if !draft.is_imported() {
            self.say("This response was not imported from a document: it has no passages to check.");
            return;
        }
        let passages = draft.passages();
        let unplaced = passages.iter().filter(|p| !p.is_placed()).count();
        self.say(format!(
            "{} passages, {unplaced} not placed; the least sure first:",
            passages.len()
        ));
        for index in draft.passages_to_check() {
            self.say(passage_line(draft, index));
        }
    }

    pub(super) fn place(&mut self, draft: &mut Session, number: usize, item: &str) -> Result<(), Stop> {
        let to = if item.trim().eq_ignore_ascii_case("none") {
            None
        } else {
            match find_item(&draft.set, item) {
                Ok(index) => Some(draft.set.items().nth(index).expect("found").id.clone()),
                Err(message) => {
                    self.say(message);
                    return Ok(());
                }
            }
        };
        let done = draft.move_passage(number.wrapping_sub(1), to.as_deref(), Instant::now());
        self.placed(draft, done)
    }

    pub(super) fn split(&mut self, draft: &mut Session, number: usize, at: SplitAt) -> Result<(), Stop> {
        let Some(passage) = draft.passages().get(number.wrapping_sub(1)) else {
            return self.placed(draft, Err(EditError::NoSuchPassage(number.wrapping_sub(1))));
        };
        let point = match &at {
            SplitAt::Words(n) => after_words(&passage.text, *n),
            SplitAt::Before(words) => before_words(&passage.text, words),
        };
        let Some(point) = point else {
            self.say(match at {
                SplitAt::Words(n) => {
                    format!("Passage {number} does not go on after {n} words; passages lists it.")
                }
                SplitAt::Before(words) => format!(
                    "Passage {number} has no “{}” after its first word.",
                    visible_line(&words)
                ),
            });
            return Ok(());
        };
        let done = draft.split_passage(number - 1, point, Instant::now());
        self.placed(draft, done)
    }

    pub(super) fn not_answer(&mut self, draft: &mut Session, number: usize) -> Result<(), Stop> {
        let done = draft.mark_not_answer(number.wrapping_sub(1), Instant::now());
        self.placed(draft, done)
    }

    pub(super) fn undo_placing(&mut self, draft: &mut Session, redo: bool) -> Result<(), Stop> {
        match draft.undo_placing(redo, Instant::now()) {
            PlacingUndone::Nothing => {
                self.say(format!(
                    "No placing change to {}.",
                    if redo { "redo" } else { "undo" }
                ));
                Ok(())
            }
            PlacingUndone::ChangedSince => {
                self.say("Those answers were changed since; nothing was put back.");
                Ok(())
            }
            PlacingUndone::Applied(edit) => {
                self.say(format!(
                    "{} {}",
                    if redo { "Made again:" } else { "Taken back:" },
                    said(draft, &edit)
                ));
                self.changed(draft)
            }
        }
    }

    fn placed(&mut self, draft: &mut Session, done: Result<PlacingEdit, EditError>) -> Result<(), Stop> {
        match done {
            Ok(edit) => {
                self.placing_last = true;
                self.say(said(draft, &edit));
                if let PlacingEdit::Split { passage } = edit {
                    self.say(passage_line(draft, passage));
                    self.say(passage_line(draft, passage + 1));
                }
                self.changed(draft)
            }
            Err(e) => {
                self.say(format!("{}.", crate::text::capitalised(&e.to_string())));
                Ok(())
            }
        }
    }
}

/// One passage: its number, item, where on it, reason, how sure, and its first words.
fn passage_line(draft: &Session, index: usize) -> String {
    let passage = &draft.passages()[index];
    let place = match &passage.item {
        Some(id) => {
            let item = item_name(draft, id);
            match passage.field {
                crate::model::PassageField::Answer => item,
                field => format!("{item} ({})", field.label()),
            }
        }
        None => "not placed".to_string(),
    };
    format!(
        "{}. {place}; {}; {}% sure: “{}”",
        index + 1,
        visible_line(&passage.reason),
        passage.confidence,
        shorten(&visible_line(passage.text.trim()), SHOWN)
    )
}

fn item_name(draft: &Session, id: &str) -> String {
    draft
        .set
        .item(id)
        .map_or_else(|| visible_line(id).into_owned(), print::name)
}

/// What a placing step did, in a line: items by label and title.
fn said(draft: &Session, edit: &PlacingEdit) -> String {
    format!("{}.", edit.describe(|id| item_name(draft, id)))
}
