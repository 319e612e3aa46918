//! The update step: the only place the app's state changes.

use std::path::PathBuf;
use std::time::Instant;

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::Effect;
use super::command::Command;
use super::draft::{Draft, Focus};
use super::screen::{DraftList, RespondentField, RespondentForm, step};
use super::{
    Action, App, Choice, Decision, Dialog, ExportChoice, ExportPlan, Focused, Message, Pending, Screen,
    TextPurpose,
};
use crate::drafts::{self, SaveResult, set_version};
use crate::export;
use crate::model::{Response, ResponseStatus};
use crate::session::versions::{ReloadError, RestoreError};
use crate::text::{visible_line, word_count};

mod conflicts;
mod dialogs;
mod home;
mod joint;
mod placing;
mod recovering;
mod review;
mod typing;
mod walk;

use conflicts::*;
use dialogs::*;
use home::*;
use joint::*;
use placing::*;
use recovering::*;
use review::*;
use typing::*;
use walk::*;

pub use home::{new_response_dialog, offer_set_version};
pub use recovering::offer_next_recovery;

/// Applies `action`. Returns a save for the caller to run in the background, if one is due.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Tick(now) => {
            crate::app::compare::tick(app);
            Effect::save(app.draft.as_mut()?.autosave_due(now))
        }
        Action::Saved(outcome) => {
            let draft = app.draft.as_mut()?;
            let first_conflict = outcome.result == SaveResult::Conflict && !draft.autosave.conflict;
            draft.finished_save(&outcome, Instant::now());
            if first_conflict && app.dialog.is_none() {
                app.dialog = Some(conflict_dialog(draft));
            }
            // A sync tool may leave a conflict copy at any time: looked for after each save.
            if outcome.result != SaveResult::Conflict {
                app.offer_sync_copy();
            }
            let draft = app.draft.as_mut()?;
            if draft.leave_when_saved && !draft.autosave.is_saving() {
                draft.leave_when_saved = false;
                return go_home(app);
            }
            None
        }
        Action::Edited(result) => {
            match (result, app.draft.as_mut()) {
                (Ok(text), Some(draft)) => draft.replace_text(&text, Instant::now()),
                (Err(e), _) => error(app, format!("Could not edit in your editor: {e}")),
                (Ok(_), None) => {}
            }
            None
        }
        Action::Layout(layout) => {
            if let Some((width, height)) = layout.editor
                && let Some(editor) = app.draft.as_mut().and_then(|d| d.focused_editor())
            {
                editor.laid_out(width, height);
            }
            if let Some(view) = app.comparison_mut() {
                view.laid_out(layout);
            }
            None
        }
        Action::Paste(text) => {
            paste(app, &text);
            say_if_reopened(app);
            None
        }
        // Typing leaves the last message up, so a notice raised by the first key of a
        // burst (such as a final response becoming a draft) can be read; a command clears it.
        Action::Key(key) => {
            type_key(app, key);
            say_if_reopened(app);
            None
        }
        // An editor's keys are typing too.
        Action::Command(Command::Editor(key)) => {
            edit_text(app, key);
            say_if_reopened(app);
            None
        }
        Action::Command(command) => {
            app.message = None;
            let item = app.draft.as_ref().map(|d| d.session.current);
            let job = run(app, command);
            say_if_reopened(app);
            // Another item: the members panel starts again on its first member and
            // sentence, so one Enter cannot adopt a passage chosen on the item before.
            if app.draft.as_ref().map(|d| d.session.current) != item {
                app.review.selected = 0;
                if let Some(panel) = app.joint.as_mut() {
                    panel.member = 0;
                    panel.unit = 0;
                    panel.field = crate::model::joint::Field::Answer;
                }
            }
            job
        }
    }
}

/// Says once that an edit turned a final response back into a draft.
fn say_if_reopened(app: &mut App) {
    if let Some(draft) = app.draft.as_mut()
        && std::mem::take(&mut draft.reopened)
    {
        let reopened = "This response is a draft again after your change; Ctrl-G then f marks it final";
        // What the change itself said (a key point kept, a position marked inferred) stays up too.
        let text = match app.message.take() {
            Some(said) if !said.error => format!("{} · {reopened}", said.text),
            _ => reopened.to_string(),
        };
        info(app, text);
    }
}

pub(super) fn info(app: &mut App, text: impl Into<String>) {
    app.message = Some(Message {
        text: text.into(),
        error: false,
    });
}

pub(super) fn error(app: &mut App, text: impl Into<String>) {
    app.message = Some(Message {
        text: text.into(),
        error: true,
    });
}

fn run(app: &mut App, command: Command) -> Option<Effect> {
    if app.help.is_some() {
        help_command(app, command);
        return None;
    }
    if app.dialog.is_some() {
        return dialog_command(app, command);
    }
    match command {
        Command::Quit => return Some(Effect::Quit),
        Command::Help => {
            app.help = Some(0);
            return None;
        }
        Command::Save => return save_now(app),
        Command::Export => {
            if matches!(app.screen, Screen::Compare(_)) {
                compare_export_dialog(app);
            } else if app.draft.is_some() {
                app.dialog = Some(export_dialog(app));
            } else {
                info(app, "Open a draft to export it");
            }
            return None;
        }
        Command::Home if !matches!(app.screen, Screen::Home(_)) => return go_home(app),
        Command::Respondent if !matches!(app.screen, Screen::Respondent(_)) => {
            if let Some(draft) = &app.draft {
                app.screen = Screen::Respondent(Box::new(respondent_form(&draft.response)));
            }
            return None;
        }
        _ => {}
    }
    if app.focused() == Focused::Reviews || matches!(command, Command::Reviews(_)) {
        return review_panel_command(app, command);
    }
    if app.focused() == Focused::Members {
        return joint_command(app, command);
    }
    match app.screen {
        Screen::Home(_) => home_command(app, command),
        Screen::Trash(_) => trash_command(app, command),
        Screen::Walk => walk_command(app, command),
        Screen::Respondent(_) => respondent_command(app, command),
        Screen::Review { .. } => review_command(app, command),
        Screen::Versions { .. } => versions_command(app, command),
        Screen::Placing(_) => placing_command(app, command),
        Screen::Compare(_) if command == Command::Joint(crate::app::command::JointCommand::Start) => {
            let files: Vec<PathBuf> = app
                .comparison()
                .and_then(|view| view.comparison.as_ref())
                .map(|c| c.organisations.iter().map(|o| o.file.clone()).collect())
                .unwrap_or_default();
            if files.is_empty() {
                info(app, "Nothing compared yet to start a joint response from");
            } else {
                app.dialog = Some(text_dialog(
                    super::TextPurpose::NewJoint { files },
                    NEW_JOINT_TITLE.into(),
                    "",
                ));
            }
            None
        }
        Screen::Compare(_) => crate::app::compare::command(app, command),
    }
}

/// Lines PgDn and PgUp move the help by: most of a 24-line screen.
const HELP_PAGE: u16 = 18;

fn help_command(app: &mut App, command: Command) {
    let offset = app.help.unwrap_or(0);
    app.help = match command {
        Command::Down => Some(offset.saturating_add(1)),
        Command::Up => Some(offset.saturating_sub(1)),
        Command::NextItem => Some(offset.saturating_add(HELP_PAGE)),
        Command::PrevItem => Some(offset.saturating_sub(HELP_PAGE)),
        Command::Leave | Command::Help => None,
        _ => Some(offset),
    };
}

pub(super) fn save_now(app: &mut App) -> Option<Effect> {
    let Some(draft) = app.draft.as_mut() else {
        info(app, "Nothing open to save");
        return None;
    };
    if draft.autosave.conflict {
        let dialog = conflict_dialog(draft);
        app.dialog = Some(dialog);
        return None;
    }
    let job = Effect::save(draft.save_if_dirty());
    if job.is_none() && !draft.is_dirty() {
        let text = format!("Saved: {}", draft.path.display());
        info(app, text);
    }
    job
}

pub(super) fn go_home(app: &mut App) -> Option<Effect> {
    // The draft stays open until everything on screen is in its file.
    if let Some(draft) = app.draft.as_mut() {
        if draft.autosave.conflict {
            app.dialog = Some(conflict_dialog(draft));
            return None;
        }
        if draft.autosave.is_saving() {
            // A background save is under way: leave once it lands, never racing it.
            draft.leave_when_saved = true;
            info(app, "Saving…");
            return None;
        }
        // Write now, so the drafts list shows what was just typed.
        if let Err(e) = draft.save_and_close(&app.dirs) {
            error(
                app,
                format!("Could not save ({e}); staying on the draft so nothing is lost"),
            );
            return None;
        }
    }
    app.draft = None;
    app.joint = None;
    app.review = Default::default();
    app.refresh_drafts();
    // Other drafts' unsaved work waits for the drafts list.
    offer_next_recovery(app);
    None
}
