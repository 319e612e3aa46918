//! Text input: keys and pastes into whichever text field has focus.

use super::*;
use crate::app::command::EditKey;
use crate::app::prose::Prose;
use crate::session::undo::{self, TextEdit};
use crossterm::event::{KeyCode, KeyModifiers};

/// The text field that unbound keys and pastes go to.
enum Field<'a> {
    /// One of the draft's editors of prose.
    Prose(&'a mut Prose),
    /// A one-line field: a name, a folder, a query.
    Line(&'a mut TextArea<'static>),
}

/// Wherever [`App::focused`] says keys go, if that takes text.
fn focused_field(app: &mut App) -> Option<Field<'_>> {
    let focused = app.focused();
    if !focused.takes_text() {
        return None;
    }
    if let Focused::Walk(_) = focused {
        return app.draft.as_mut()?.focused_editor().map(Field::Prose);
    }
    let field = match focused {
        Focused::NewResponse | Focused::Export | Focused::GoTo | Focused::Text | Focused::CompareExport => {
            match app.dialog.as_mut()? {
                Dialog::NewResponse { organisation, .. } => organisation,
                Dialog::Text { field, .. } => field,
                Dialog::Export { folder, .. } | Dialog::CompareExport { folder, .. } => folder,
                Dialog::GoTo { query, .. } => query,
                _ => return None,
            }
        }
        Focused::Respondent(_) => match &mut app.screen {
            Screen::Respondent(form) => form.focused_text()?,
            _ => return None,
        },
        _ => return None,
    };
    Some(Field::Line(field))
}

/// Text arriving while the position picker has focus is the start of the answer.
fn start_answer_if_choosing(app: &mut App) {
    if app.focused() == Focused::Walk(Focus::Position)
        && let Some(draft) = app.draft.as_mut()
    {
        draft.set_focus(Focus::Answer);
    }
}

/// A key no binding took: a character typed (Shift is part of it), or a key a one-line
/// field handles itself.
pub(super) fn type_key(app: &mut App, key: KeyEvent) {
    let typed = match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    };
    // On the position picker, a printable key that is not a command starts the answer.
    if typed.is_some() {
        start_answer_if_choosing(app);
    }
    let changed = match focused_field(app) {
        Some(Field::Prose(editor)) => typed.is_some_and(|c| editor.type_char(c)),
        // One-line fields never take a newline.
        Some(Field::Line(_)) if key.code == KeyCode::Enter => false,
        Some(Field::Line(field)) => field.input(ratatui_textarea::Input::from(key)),
        None => false,
    };
    if changed {
        after_text_change(app, undo::edit_of(typed));
    }
}

/// An editor's key from the key table, applied to the focused editor of prose.
pub(super) fn edit_text(app: &mut App, key: EditKey) {
    let Some(Field::Prose(editor)) = focused_field(app) else {
        return;
    };
    let changed = match key {
        EditKey::Newline => editor.newline(),
        EditKey::DeleteBack => editor.delete_back(),
        EditKey::DeleteForward => editor.delete_forward(),
        EditKey::DeleteWordBack => editor.delete_word_back(),
        EditKey::DeleteWordForward => editor.delete_word_forward(),
        EditKey::DeleteToLineEnd => editor.delete_to_line_end(),
        EditKey::DeleteToLineStart => editor.delete_to_line_start(),
        EditKey::Move(motion) | EditKey::Select(motion) => {
            editor.move_cursor(motion, matches!(key, EditKey::Select(_)));
            false
        }
    };
    // For undo, a line break is typed like a space, and deleting a character joins the
    // deletions around it; the rest are an undo each.
    let edit = match key {
        EditKey::Newline => TextEdit::Space,
        EditKey::DeleteBack | EditKey::DeleteForward => TextEdit::Delete,
        _ => TextEdit::Other,
    };
    if changed {
        after_text_change(app, edit);
    }
}

pub(super) fn paste(app: &mut App, text: &str) {
    // Pasting while browsing an item means "this is my answer".
    start_answer_if_choosing(app);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // Copying a paragraph takes its line end with it: pasted, that would leave an empty
    // line after the answer.
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let changed = match focused_field(app) {
        Some(Field::Prose(editor)) => editor.insert_str(text),
        Some(Field::Line(field)) => field.insert_str(text.replace('\n', " ")),
        None => false,
    };
    if changed {
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
