//! What input becomes: the one type the update step takes.

use std::time::Instant;

use crossterm::event::KeyEvent;

use super::command::Command;
use crate::drafts::SaveOutcome;

#[derive(Debug, Clone)]
pub enum Action {
    /// A bound key.
    Command(Command),
    /// Any other key, for the focused text field.
    Key(KeyEvent),
    /// Bracketed paste: lands as one edit.
    Paste(String),
    /// Time passes: autosave and retries run from here.
    Tick(Instant),
    /// A background save finished.
    Saved(SaveOutcome),
    /// The user's editor program has finished with the text it was given, or failed.
    Edited(Result<String, String>),
    /// What the frame just drawn showed of the comparison (see [`super::compare::Layout`]).
    Layout(super::compare::Layout),
}
