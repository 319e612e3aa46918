//! Text input: keys and pastes into whichever text field has focus.

use super::*;

/// The text field that unbound keys and pastes go to, and whether it is one line.
pub(super) fn focused_field(app: &mut App) -> Option<(&mut TextArea<'static>, bool)> {
    match app.dialog.as_mut() {
        Some(Dialog::NewResponse { organisation, .. }) => return Some((organisation, true)),
        Some(Dialog::Export { folder, .. }) => return Some((folder, true)),
        Some(Dialog::Confirm { .. } | Dialog::Choose(_)) => return None,
        None => {}
    }
    match app.screen {
        Screen::Walk => app.draft.as_mut()?.focused_editor().map(|e| (e, false)),
        Screen::Respondent => {
            let form = app.respondent.as_mut()?;
            form.fields.get_mut(form.focus).map(|f| (f, true))
        }
        _ => None,
    }
}

pub(super) fn type_key(app: &mut App, key: KeyEvent) {
    if !app.takes_text() {
        return;
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
    if app.dialog.is_none()
        && app.screen == Screen::Walk
        && app.help.is_none()
        && let Some(draft) = app.draft.as_mut()
        && !draft.typing()
    {
        draft.set_focus(Focus::Answer);
    }
    if !app.takes_text() {
        return;
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

pub(super) fn after_text_change(app: &mut App) {
    if app.dialog.is_some() {
        return; // dialog fields are read when the dialog is confirmed
    }
    match app.screen {
        Screen::Walk => {
            if let Some(draft) = app.draft.as_mut() {
                draft.sync_editor(Instant::now());
            }
        }
        Screen::Respondent => sync_respondent(app),
        _ => {}
    }
}
