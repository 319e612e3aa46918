//! The placing view's keys: choose a passage, move it to another item, split it at a
//! point, mark it not an answer, undo and redo; each change goes through the session as
//! one undoable step, and the footer says what it did.

use std::time::Instant;

use super::{error, info};
use crate::app::command::Command;
use crate::app::placing::{PlacingCommand, PlacingMode, PlacingView, word_after, word_before};
use crate::app::screen::step;
use crate::app::{App, Draft, Effect, Screen};
use crate::import::edit::EditError;
use crate::session::{PlacingEdit, PlacingUndone, Session};
use crate::text::visible_line;

/// From the walk-through: the placing view, on an imported response.
pub(super) fn open_placing(app: &mut App) {
    match app.draft.as_ref() {
        Some(draft) if draft.is_imported() => app.screen = Screen::Placing(PlacingView::new()),
        Some(_) => info(
            app,
            "This response was not imported from a document: there is no placing to check",
        ),
        None => {}
    }
}

pub(super) fn placing_command(app: &mut App, command: Command) -> Option<Effect> {
    let (Screen::Placing(view), Some(draft)) = (&mut app.screen, app.draft.as_mut()) else {
        return None;
    };
    let now = Instant::now();
    let order = draft.passages_to_check();
    view.selected = view.selected.min(order.len().saturating_sub(1));
    let Some(&passage) = order.get(view.selected) else {
        if command == Command::Leave {
            app.screen = Screen::Walk;
        }
        return None;
    };
    let said = match (view.mode, command) {
        (PlacingMode::Browse, Command::Down | Command::Up) => {
            view.selected = step(view.selected, command == Command::Down, order.len());
            None
        }
        (PlacingMode::Browse, Command::Placing(PlacingCommand::Move)) => {
            let items = draft.set.item_count();
            let at = draft.passages()[passage]
                .item
                .as_deref()
                .and_then(|id| draft.set.item_index(id));
            view.mode = PlacingMode::Move {
                choice: at.unwrap_or(items),
            };
            None
        }
        (PlacingMode::Browse, Command::Placing(PlacingCommand::Split)) => {
            let text = &draft.passages()[passage].text;
            let at = word_after(text, first_word(text));
            if at >= text.trim_end().len() {
                Some(Err(
                    "This passage is one word: there is nowhere to split it".to_string()
                ))
            } else {
                view.mode = PlacingMode::Split { at };
                None
            }
        }
        (PlacingMode::Browse, Command::Placing(PlacingCommand::NotAnswer)) => {
            Some(draft_step(draft, |s| s.mark_not_answer(passage, now)))
        }
        (PlacingMode::Browse, Command::Undo | Command::Redo) => {
            let redo = command == Command::Redo;
            Some(undone(draft, redo, now))
        }
        (PlacingMode::Browse, Command::Edit) => {
            let item = draft.passages()[passage].item.clone();
            let index = item.as_deref().and_then(|id| draft.set.item_index(id));
            if let Some(index) = index {
                draft.go_to(index);
            }
            app.screen = Screen::Walk;
            None
        }
        (PlacingMode::Browse, Command::Leave) => {
            app.screen = Screen::Walk;
            None
        }
        (PlacingMode::Move { choice }, Command::Down | Command::Up) => {
            let choices = draft.set.item_count() + 1;
            view.mode = PlacingMode::Move {
                choice: step(choice, command == Command::Down, choices),
            };
            None
        }
        (PlacingMode::Move { choice }, Command::Yes) => {
            view.mode = PlacingMode::Browse;
            let to = draft.set.items().nth(choice).map(|item| item.id.clone());
            Some(draft_step(draft, |s| s.move_passage(passage, to.as_deref(), now)))
        }
        (
            PlacingMode::Split { at },
            Command::Placing(PlacingCommand::WordLeft | PlacingCommand::WordRight),
        ) => {
            let text = &draft.passages()[passage].text;
            let next = if command == Command::Placing(PlacingCommand::WordRight) {
                word_after(text, at)
            } else {
                word_before(text, at)
            };
            // The point stays between two words: never before the first or past the last.
            if next > first_word(text) && next < text.trim_end().len() {
                view.mode = PlacingMode::Split { at: next };
            }
            None
        }
        (PlacingMode::Split { at }, Command::Yes) => {
            view.mode = PlacingMode::Browse;
            Some(draft_step(draft, |s| s.split_passage(passage, at, now)))
        }
        (PlacingMode::Move { .. } | PlacingMode::Split { .. }, Command::No) => {
            view.mode = PlacingMode::Browse;
            None
        }
        _ => None,
    };
    match said {
        Some(Ok(text)) => info(app, text),
        Some(Err(text)) => error(app, text),
        None => {}
    }
    None
}

/// Where a passage's first word starts (a passage may open with spaces).
fn first_word(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// Runs one placing step on the draft's session, and says what it did; the editors of
/// the items it changed read their texts again.
fn draft_step(
    draft: &mut Draft,
    change: impl FnOnce(&mut Session) -> Result<PlacingEdit, EditError>,
) -> Result<String, String> {
    let done = change(&mut draft.session);
    if let Ok(edit) = &done {
        let items = Session::placing_items(edit, draft.passages());
        draft.texts_replaced(&items);
    }
    placed(draft, done)
}

fn undone(draft: &mut Draft, redo: bool, now: Instant) -> Result<String, String> {
    let what = if redo { "redo" } else { "undo" };
    match draft.session.undo_placing(redo, now) {
        PlacingUndone::Nothing => Ok(format!("No placing change to {what}")),
        PlacingUndone::ChangedSince => {
            Err("Those answers were changed since in the walk-through; nothing was put back".into())
        }
        PlacingUndone::Applied(edit) => {
            let items = Session::placing_items(&edit, draft.passages());
            draft.texts_replaced(&items);
            let said = said(draft, &edit);
            Ok(format!(
                "{}: {said}",
                if redo { "Made again" } else { "Taken back" }
            ))
        }
    }
}

fn placed(draft: &Draft, done: Result<PlacingEdit, EditError>) -> Result<String, String> {
    match done {
        Ok(edit) => Ok(said(draft, &edit)),
        Err(e) => Err(format!("Not changed: {e}")),
    }
}

/// What a placing step did, in the footer's words: items by their labels.
fn said(draft: &Draft, edit: &PlacingEdit) -> String {
    edit.describe(|id| {
        draft.set.item(id).map_or_else(
            || visible_line(id).into_owned(),
            |item| visible_line(&item.label).into_owned(),
        )
    })
}
