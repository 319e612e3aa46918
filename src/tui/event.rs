//! Terminal events become actions here, and only here.

use crossterm::event::{Event, KeyEventKind};

use crate::app::keymap::command_for;
use crate::app::{Action, App};

/// The action `event` means in the app's current state, if any.
pub fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        // Windows reports releases too; acting on them would double every key.
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            Some(command_for(&app.contexts(), &key).map_or(Action::Key(key), Action::Command))
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}
