//! Text input: keys and pastes into whichever text field has focus.

use super::*;
use crate::app::undo::{self, TextEdit};

/// The text field that unbound keys and pastes go to, and whether it is one line:
/// wherever [`App::focused`] says keys go, if that takes text.
pub(super) fn focused_field(app: &mut App) -> Option<(&mut TextArea<'static>, bool)> {
    let focused = app.focused();
    if !focused.takes_text() {
        return None;
    }
    let field = match focused {
        Focused::NewResponse
        | Focused::Export
        | Focused::GoTo
        | Focused::Text
        | Focused::CompareExport
        | Focused::KeyPoint => match app.dialog.as_mut()? {
            Dialog::NewResponse { organisation, .. } => organisation,
            Dialog::Text { field, .. } => field,
            Dialog::Export { folder, .. } | Dialog::CompareExport { folder, .. } => folder,
            Dialog::KeyPoint { field } => field,
            Dialog::GoTo { query, .. } => query,
            _ => return None,
        },
        Focused::Walk(_) => app.draft.as_mut()?.focused_editor()?,
        Focused::Respondent(_) => match &mut app.screen {
            Screen::Respondent(form) => form.focused_text()?,
            _ => return None,
        },
        _ => return None,
    };
    Some((field, focused.single_line()))
}

/// Text arriving while the position picker has focus is the start of the answer.
fn start_answer_if_choosing(app: &mut App) {
    if app.focused() == Focused::Walk(Focus::Position)
        && let Some(draft) = app.draft.as_mut()
    {
        draft.set_focus(Focus::Answer);
    }
}

pub(super) fn type_key(app: &mut App, key: KeyEvent) {
    // On the position picker, a printable key that is not a command starts the answer.
    let printable = matches!(key.code, crossterm::event::KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT);
    if printable {
        start_answer_if_choosing(app);
    }
    let Some((field, single_line)) = focused_field(app) else {
        return;
    };
    let input = ratatui_textarea::Input::from(key);
    // One-line fields never take a newline.
    if single_line && matches!(input.key, ratatui_textarea::Key::Enter) {
        return;
    }
    let edit = match input.key {
        _ if input.ctrl || input.alt => TextEdit::Other,
        ratatui_textarea::Key::Char(c) => undo::edit_of(Some(c)),
        ratatui_textarea::Key::Enter | ratatui_textarea::Key::Tab => TextEdit::Space,
        ratatui_textarea::Key::Backspace | ratatui_textarea::Key::Delete => TextEdit::Delete,
        _ => TextEdit::Other,
    };
    if field.input(input) {
        after_text_change(app, edit);
    }
}

pub(super) fn paste(app: &mut App, text: &str) {
    // Pasting while browsing an item means "this is my answer".
    start_answer_if_choosing(app);
    let Some((field, single_line)) = focused_field(app) else {
        return;
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = if single_line {
        text.replace('\n', " ")
    } else {
        text
    };
    if field.insert_str(text) {
        after_text_change(app, TextEdit::Other);
    }
}

/// Copies a changed field into the response. Dialog fields are read when the dialog is confirmed.
/// Takes in a field's change of kind `edit`: the draft's text fields record it for undo.
pub(super) fn after_text_change(app: &mut App, edit: TextEdit) {
    match app.focused() {
        Focused::Walk(_) => {
            if let Some(draft) = app.draft.as_mut() {
                draft.text_edited(edit, Instant::now());
            }
        }
        Focused::Respondent(_) => sync_respondent(app),
        // A changed query starts again from the best item found.
        Focused::GoTo => {
            if let Some(Dialog::GoTo { selected, .. }) = app.dialog.as_mut() {
                *selected = 0;
            }
        }
        _ => {}
    }
}
