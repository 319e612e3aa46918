//! Terminal events become actions here, and only here.

use crossterm::event::{Event, KeyCode, KeyEventKind};

use crate::app::keymap::command_for;
use crate::app::{Action, App};

/// The action `event` means in the app's current state, if any.
pub fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        // A hidden failpoint for the crash tests: with CONSULT_TEST_PANIC set, F12 panics.
        Event::Key(key) if key.code == KeyCode::F(12) && std::env::var_os("CONSULT_TEST_PANIC").is_some() => {
            panic!("test panic requested with F12")
        }
        // Windows reports releases too; acting on them would double every key.
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            Some(command_for(&app.contexts(), &key).map_or(Action::Key(key), Action::Command))
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}
