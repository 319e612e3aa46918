//! Text input: keys and pastes into whichever text field has focus.

use super::*;

/// The text field that unbound keys and pastes go to, and whether it is one line:
/// wherever [`App::focused`] says keys go, if that takes text.
pub(super) fn focused_field(app: &mut App) -> Option<(&mut TextArea<'static>, bool)> {
    let focused = app.focused();
    if !focused.takes_text() {
        return None;
    }
    let field = match focused {
        Focused::NewResponse | Focused::Export | Focused::GoTo => match app.dialog.as_mut()? {
            Dialog::NewResponse { organisation, .. } => organisation,
            Dialog::Export { folder, .. } => folder,
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

pub(super) fn type_key(app: &mut App, key: KeyEvent) {
    // On the position picker, a printable key that is not a command starts the answer.
    let printable = matches!(key.code, crossterm::event::KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT);
    if printable
        && app.focused() == Focused::Walk(Focus::Position)
        && let Some(draft) = app.draft.as_mut()
    {
        draft.set_focus(Focus::Answer);
    }
    let Some((field, single_line)) = focused_field(app) else {
        return;
    };
    let input = ratatui_textarea::Input::from(key);
    // One-line fields never take a newline.
    if single_line && matches!(input.key, ratatui_textarea::Key::Enter) {
        return;
    }
    if field.input(input) {
        after_text_change(app);
    }
}

pub(super) fn paste(app: &mut App, text: &str) {
    // Pasting while browsing an item means "this is my answer".
    if app.focused() == Focused::Walk(Focus::Position)
        && let Some(draft) = app.draft.as_mut()
    {
        draft.set_focus(Focus::Answer);
    }
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
        after_text_change(app);
    }
}

/// Copies a changed field into the response. Dialog fields are read when the dialog is confirmed.
pub(super) fn after_text_change(app: &mut App) {
    match app.focused() {
        Focused::Walk(_) => {
            if let Some(draft) = app.draft.as_mut() {
                draft.sync_editor(Instant::now());
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
