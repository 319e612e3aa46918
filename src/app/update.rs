//! The update step: the only place the app's state changes.

use std::path::PathBuf;
use std::time::Instant;

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::draft::{Draft, Focus};
use super::keymap::Command;
use super::saving::{SaveJob, SaveResult, digest, perform};
use super::{
    Action, App, Choice, Decision, Dialog, ExportChoice, Message, Pending, RespondentForm, Screen, home,
};
use crate::catalog::Catalog;
use crate::model::validate::Problem;
use crate::model::{ItemStatus, QuestionSet, Response, ResponseStatus};
use crate::storage::{self, Dirs, NewFileMode};
use crate::text::word_count;
use crate::{documents, export, recovery};

/// Applies `action`. Returns a save for the caller to run in the background, if one is due.
pub fn update(app: &mut App, action: Action) -> Option<SaveJob> {
    match action {
        Action::Tick(now) => {
            super::compare::tick(app);
            app.draft.as_mut()?.autosave_due(now)
        }
        Action::Saved(outcome) => {
            let draft = app.draft.as_mut()?;
            let first_conflict = outcome.result == SaveResult::Conflict && !draft.autosave.conflict;
            draft.finished_save(&outcome, Instant::now());
            if first_conflict && app.dialog.is_none() {
                app.dialog = Some(conflict_dialog(draft));
            }
            if app.leave_when_saved && !draft.autosave.is_saving() {
                app.leave_when_saved = false;
                return go_home(app);
            }
            None
        }
        Action::Paste(text) => {
            paste(app, &text);
            None
        }
        Action::Key(key) => {
            app.message = None;
            type_key(app, key);
            None
        }
        Action::Command(command) => {
            app.message = None;
            run(app, command)
        }
    }
}

fn info(app: &mut App, text: impl Into<String>) {
    app.message = Some(Message {
        text: text.into(),
        error: false,
    });
}

fn error(app: &mut App, text: impl Into<String>) {
    app.message = Some(Message {
        text: text.into(),
        error: true,
    });
}

fn run(app: &mut App, command: Command) -> Option<SaveJob> {
    if app.help.is_some() {
        help_command(app, command);
        return None;
    }
    if app.dialog.is_some() {
        return dialog_command(app, command);
    }
    match command {
        Command::Quit => {
            app.quit = true;
            return None;
        }
        Command::Help => {
            app.help = Some(0);
            return None;
        }
        Command::Save => return save_now(app),
        Command::Export => {
            if app.draft.is_some() {
                app.dialog = Some(export_dialog(app));
            } else if app.screen == Screen::Compare {
                info(
                    app,
                    "To write a comparison out: consult compare FILES --format md|json|csv",
                );
            } else {
                info(app, "Open a draft to export it");
            }
            return None;
        }
        Command::Home if app.screen != Screen::Home => return go_home(app),
        Command::Respondent if app.screen != Screen::Respondent => {
            if let Some(draft) = &app.draft {
                app.respondent = Some(respondent_form(&draft.response));
                app.screen = Screen::Respondent;
            }
            return None;
        }
        _ => {}
    }
    match app.screen {
        Screen::Home => home_command(app, command),
        Screen::Trash => trash_command(app, command),
        Screen::Walk => walk_command(app, command),
        Screen::Respondent => respondent_command(app, command),
        Screen::Review => review_command(app, command),
        Screen::Versions => versions_command(app, command),
        Screen::Compare => {
            super::compare::command(app, command);
            None
        }
    }
}

fn help_command(app: &mut App, command: Command) {
    let offset = app.help.unwrap_or(0);
    app.help = match command {
        Command::Down => Some(offset.saturating_add(1)),
        Command::Up => Some(offset.saturating_sub(1)),
        Command::Leave | Command::Help => None,
        _ => Some(offset),
    };
}

fn save_now(app: &mut App) -> Option<SaveJob> {
    let Some(draft) = app.draft.as_mut() else {
        info(app, "Nothing open to save");
        return None;
    };
    if draft.autosave.conflict {
        let dialog = conflict_dialog(draft);
        app.dialog = Some(dialog);
        return None;
    }
    let job = draft.save_if_dirty();
    if job.is_none() && !draft.is_dirty() {
        let text = format!("Saved: {}", draft.path.display());
        info(app, text);
    }
    job
}

fn go_home(app: &mut App) -> Option<SaveJob> {
    // The draft stays open until everything on screen is in its file.
    if let Some(draft) = app.draft.as_mut() {
        if draft.autosave.conflict {
            app.dialog = Some(conflict_dialog(draft));
            return None;
        }
        if draft.autosave.is_saving() {
            // A background save is under way: leave once it lands, never racing it.
            app.leave_when_saved = true;
            info(app, "Saving…");
            return None;
        }
        if let Some(job) = draft.save_if_dirty() {
            // Write now, so the drafts list shows what was just typed.
            let outcome = perform(&job);
            draft.finished_save(&outcome, Instant::now());
        }
        if draft.is_dirty() {
            error(app, "Could not save; staying on the draft so nothing is lost");
            return None;
        }
    }
    app.draft = None;
    app.respondent = None;
    app.compare = None;
    app.screen = Screen::Home;
    app.refresh_drafts();
    None
}

// ----- Home and trash -------------------------------------------------------

fn home_command(app: &mut App, command: Command) -> Option<SaveJob> {
    match command {
        Command::Down => app.selected = (app.selected + 1).min(app.drafts.len().saturating_sub(1)),
        Command::Up => app.selected = app.selected.saturating_sub(1),
        Command::New => app.dialog = Some(new_response_dialog()),
        Command::Edit => {
            if let Some(path) = app.drafts.get(app.selected).map(|d| d.path.clone()) {
                open_draft(app, path);
            }
        }
        Command::Duplicate => duplicate(app),
        Command::Delete => {
            if let Some(d) = app.drafts.get(app.selected) {
                let question = format!(
                    "Delete the draft for {}? It can be restored later.",
                    name_or_unnamed(&d.organisation)
                );
                app.dialog = Some(Dialog::Confirm {
                    question,
                    pending: Pending::DeleteDraft(d.path.clone()),
                });
            }
        }
        Command::ShowTrash => {
            app.trash = home::list(&app.dirs.trash(), &app.catalog).0;
            app.selected = 0;
            app.screen = Screen::Trash;
        }
        Command::Compare(_) => super::compare::start_from_home(app),
        Command::Quit => app.quit = true,
        _ => {}
    }
    None
}

fn name_or_unnamed(name: &str) -> &str {
    if name.trim().is_empty() {
        "(no organisation yet)"
    } else {
        name
    }
}

fn trash_command(app: &mut App, command: Command) -> Option<SaveJob> {
    match command {
        Command::Down => app.selected = (app.selected + 1).min(app.trash.len().saturating_sub(1)),
        Command::Up => app.selected = app.selected.saturating_sub(1),
        Command::Edit => {
            if let Some(d) = app.trash.get(app.selected).cloned() {
                match home::restore(&d.path, &app.dirs.drafts()) {
                    Ok(_) => {
                        info(
                            app,
                            format!("Restored the draft for {}", name_or_unnamed(&d.organisation)),
                        );
                        app.trash = home::list(&app.dirs.trash(), &app.catalog).0;
                        app.selected = app.selected.min(app.trash.len().saturating_sub(1));
                    }
                    Err(e) => error(app, format!("Could not restore: {e}")),
                }
            }
        }
        Command::Leave => {
            app.screen = Screen::Home;
            app.selected = 0;
            app.refresh_drafts();
        }
        _ => {}
    }
    None
}

fn open_draft(app: &mut App, path: PathBuf) {
    match load_draft(&app.dirs, &app.catalog, path, None) {
        Ok((draft, warnings)) => {
            if let Some(w) = warnings.first() {
                error(app, w.message.clone());
            }
            app.attach(draft);
        }
        Err(e) => error(app, e),
    }
}

/// Opens a response file for editing: locked against a second writer, checked
/// against its question set, and remembering what the file held.
pub fn load_draft(
    dirs: &Dirs,
    catalog: &Catalog,
    path: PathBuf,
    set: Option<&QuestionSet>,
) -> Result<(Draft, Vec<Problem>), String> {
    let lock = storage::lock_draft(&dirs.data, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    let opened = documents::open_response(&path, catalog, set).map_err(|e| e.to_string())?;
    let on_disk = std::fs::read(&path).ok().map(|bytes| digest(&bytes));
    let mut draft = Draft::new(path, opened.set, opened.response);
    draft.lock = Some(lock);
    draft.autosave.on_disk = on_disk;
    Ok((draft, opened.warnings))
}

fn duplicate(app: &mut App) {
    let Some(source) = app.drafts.get(app.selected).map(|d| d.path.clone()) else {
        return;
    };
    let name = source
        .file_name()
        .map_or("draft.json".into(), |n| n.to_string_lossy().into_owned());
    let target = home::free_name(&app.dirs.drafts(), &name);
    let result =
        std::fs::read(&source).and_then(|bytes| storage::write_atomic(&target, &bytes, NewFileMode::Private));
    match result {
        Ok(()) => {
            info(app, format!("Duplicated as {}", target.display()));
            app.refresh_drafts();
        }
        Err(e) => error(app, format!("Could not duplicate: {e}")),
    }
}

pub fn new_response_dialog() -> Dialog {
    let mut organisation = TextArea::default();
    organisation.set_placeholder_text("Your organisation's name");
    Dialog::NewResponse { set: 0, organisation }
}

fn start_response(app: &mut App, set_index: usize, organisation: String) {
    let Some(set) = app.catalog.entries.get(set_index).map(|e| e.set.clone()) else {
        return;
    };
    let response = Response::new(&set, organisation.trim());
    let path = match crate::cli::new_draft_path(&app.dirs.drafts(), &response) {
        Ok(path) => path,
        Err(e) => return error(app, e.message),
    };
    let bytes = export::json::render(&response);
    if let Err(e) = storage::write_atomic(&path, bytes.as_bytes(), NewFileMode::Private) {
        return error(app, format!("Could not create {}: {e}", path.display()));
    }
    app.dialog = None;
    let mut draft = Draft::new(path.clone(), set, response);
    draft.autosave.on_disk = Some(digest(bytes.as_bytes()));
    draft.lock = storage::lock_draft(&app.dirs.data, &path).ok();
    app.attach(draft);
}

// ----- Changed on disk, and recovery -------------------------------------------

fn conflict_dialog(draft: &Draft) -> Dialog {
    let name = draft.path.display();
    Dialog::Choose(Choice {
        title: "The draft file was changed elsewhere".into(),
        lines: vec![
            format!("Another program changed {name} since consult last saved it."),
            "Nothing has been overwritten, and what is on screen is kept safe meanwhile.".into(),
        ],
        options: vec![
            (
                'o',
                "overwrite the file with what is on screen",
                Decision::Overwrite,
            ),
            (
                'r',
                "load the changed file; what is on screen becomes a separate draft",
                Decision::Reload,
            ),
            ('\u{1b}', "decide later (saving waits)", Decision::Later),
        ],
    })
}

/// Shows the next piece of unsaved work found at start-up, if any.
pub fn offer_next_recovery(app: &mut App) {
    let Some(candidate) = app.recovery.first() else {
        return;
    };
    let name = candidate
        .draft
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let organisation = crate::text::visible(&candidate.recovered.respondent.organisation).into_owned();
    let set = app.catalog.find(&candidate.recovered.question_set.id);
    let mut lines = vec![
        format!("consult stopped before saving all of {name} ({organisation})."),
        if candidate.draft_exists {
            "Recovered work that is not in the draft file:".into()
        } else {
            "The draft file is gone; this is what was recovered:".into()
        },
    ];
    for difference in candidate.differences.iter().take(8) {
        let what = describe(set, &difference.what);
        if difference.what.ends_with("answer") || difference.what.ends_with("reasoning") {
            lines.push(format!(
                "• {what}: {} words recovered ({} in the file), ending:",
                word_count(&difference.recovered),
                word_count(&difference.on_disk),
            ));
            lines
                .push(crate::text::visible(&format!("  “{}”", tail(&difference.recovered, 70))).into_owned());
        } else {
            let line = format!(
                "• {what}: “{}” recovered (the file has “{}”)",
                difference.recovered, difference.on_disk
            );
            lines.push(crate::text::visible(&line).into_owned());
        }
    }
    if candidate.differences.len() > 8 {
        lines.push(format!("… and {} more", candidate.differences.len() - 8));
    }
    app.dialog = Some(Dialog::Choose(Choice {
        title: "Unsaved work found".into(),
        lines,
        options: vec![
            ('r', "recover it into the draft", Decision::Recover),
            (
                'c',
                "keep both: the recovered work as a separate draft",
                Decision::RecoverAsCopy,
            ),
            (
                'k',
                "keep the draft as it is (the recovered copy is set aside, not deleted)",
                Decision::KeepFile,
            ),
            ('\u{1b}', "decide later", Decision::Later),
        ],
    }));
}

/// "q1 · answer" as "Question 1 · answer".
fn describe(set: Option<&QuestionSet>, what: &str) -> String {
    let Some((item, field)) = what.split_once(" · ") else {
        return what.to_string();
    };
    let label = set.and_then(|s| s.item(item)).map_or(item, |i| i.label.as_str());
    format!("{label} · {field}")
}

/// The last `max` characters of `text` on one line.
fn tail(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let count = flat.chars().count();
    if count <= max {
        return flat;
    }
    format!("…{}", flat.chars().skip(count - max).collect::<String>())
}

fn decide(app: &mut App, choice: Choice, key: char) -> Option<SaveJob> {
    let Some(decision) = choice
        .options
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, _, d)| *d)
    else {
        app.dialog = Some(Dialog::Choose(choice));
        return None;
    };
    match decision {
        Decision::Overwrite => {
            let draft = app.draft.as_mut()?;
            draft.autosave.conflict = false;
            draft.autosave.on_disk = None;
            return draft.save_if_dirty();
        }
        Decision::Reload => reload_changed_draft(app),
        Decision::Later if app.recovery.is_empty() => {}
        Decision::Later => {
            let candidate = app.recovery.remove(0);
            if is_open(app, &candidate) {
                // This session's recovery copy would overwrite it: keep it safe elsewhere.
                resolve_recovery(app, &candidate, Decision::Later);
            }
            offer_next_recovery(app);
        }
        Decision::Recover | Decision::RecoverAsCopy | Decision::KeepFile => {
            let candidate = app.recovery.remove(0);
            resolve_recovery(app, &candidate, decision);
            app.refresh_drafts();
            offer_next_recovery(app);
        }
    }
    None
}

/// Whether `candidate` is unsaved work of the draft that is open right now.
fn is_open(app: &App, candidate: &recovery::Candidate) -> bool {
    app.draft
        .as_ref()
        .is_some_and(|d| recovery::same_file(&d.path, &candidate.draft))
}

fn resolve_recovery(app: &mut App, candidate: &recovery::Candidate, decision: Decision) {
    if decision == Decision::Recover && is_open(app, candidate) {
        return recover_into_open_draft(app, candidate);
    }
    let bytes = export::json::render(&candidate.recovered);
    let result = match decision {
        Decision::Recover => storage::write_atomic(&candidate.draft, bytes.as_bytes(), NewFileMode::Private)
            .and_then(|()| std::fs::remove_file(&candidate.source))
            .map(|()| format!("Recovered into {}", candidate.draft.display())),
        Decision::RecoverAsCopy => {
            let stem = candidate
                .draft
                .file_stem()
                .map_or_else(|| "draft".into(), |s| s.to_string_lossy().into_owned());
            let target = home::free_name(&app.dirs.drafts(), &format!("{stem}-recovered.json"));
            std::fs::create_dir_all(app.dirs.drafts())
                .and_then(|()| storage::write_atomic(&target, bytes.as_bytes(), NewFileMode::Private))
                .and_then(|()| recovery::set_aside(&app.dirs.data, &candidate.source))
                .map(|_| format!("The recovered work is a separate draft: {}", target.display()))
        }
        _ => recovery::set_aside(&app.dirs.data, &candidate.source).map(|kept| {
            format!(
                "Kept the draft as it was; the recovered copy is at {}",
                kept.display()
            )
        }),
    };
    match result {
        Ok(text) => info(app, text),
        Err(e) => error(app, format!("Could not do that: {e}; nothing was deleted")),
    }
}

/// Puts recovered work on screen in the open draft; autosave then writes it.
fn recover_into_open_draft(app: &mut App, candidate: &recovery::Candidate) {
    let Some(draft) = app.draft.as_ref() else { return };
    let fresh = Draft::new(draft.path.clone(), draft.set.clone(), candidate.recovered.clone());
    app.replace_draft(fresh);
    if let Some(draft) = app.draft.as_mut() {
        draft.changed(Instant::now());
        // A leftover temporary file has done its job; a recovery copy is this draft's own.
        if Some(&candidate.source) != draft.journal.as_ref() {
            let _ = std::fs::remove_file(&candidate.source);
        }
    }
    info(app, "Recovered; it is saved in a moment");
}

/// Loads the draft file as changed elsewhere, after saving what was on screen as a separate draft.
fn reload_changed_draft(app: &mut App) {
    let Some(draft) = app.draft.as_mut() else { return };
    let stem = draft
        .path
        .file_stem()
        .map_or_else(|| "draft".into(), |s| s.to_string_lossy().into_owned());
    let mine = home::free_name(&app.dirs.drafts(), &format!("{stem}-mine.json"));
    let bytes = export::json::render(&draft.response);
    let saved = std::fs::create_dir_all(app.dirs.drafts())
        .and_then(|()| storage::write_atomic(&mine, bytes.as_bytes(), NewFileMode::Private));
    if let Err(e) = saved {
        return error(
            app,
            format!("Could not keep what is on screen ({e}); nothing changed"),
        );
    }
    let path = draft.path.clone();
    match documents::open_response(&path, &app.catalog, None) {
        Ok(opened) => {
            app.replace_draft(Draft::new(path.clone(), opened.set, opened.response));
            if let Some(draft) = app.draft.as_mut() {
                draft
                    .autosave
                    .settle(std::fs::read(&path).ok().map(|b| digest(&b)));
            }
            info(
                app,
                format!(
                    "Loaded the changed file; what you had is kept as {}",
                    mine.display()
                ),
            );
        }
        Err(e) => {
            error(
                app,
                format!(
                    "The changed file cannot be read ({e}); what you had is kept as {}",
                    mine.display()
                ),
            );
        }
    }
}

// ----- Dialogs ---------------------------------------------------------------

fn dialog_command(app: &mut App, command: Command) -> Option<SaveJob> {
    let dialog = app.dialog.take()?;
    match (dialog, command) {
        (Dialog::Choose(choice), Command::Choose(key)) => return decide(app, choice, key),
        (Dialog::Confirm { pending, .. }, Command::Yes) => return confirmed(app, pending),
        (Dialog::Confirm { .. }, _) => {}
        (Dialog::NewResponse { organisation, .. }, Command::Yes)
            if organisation.lines().concat().trim().is_empty() =>
        {
            error(app, "Type the organisation's name first");
            app.dialog = Some(Dialog::NewResponse { set: 0, organisation });
        }
        (Dialog::NewResponse { set, organisation }, Command::Yes) => {
            start_response(app, set, organisation.lines().concat());
        }
        (Dialog::NewResponse { set, organisation }, Command::Down | Command::Up) => {
            let last = app.catalog.entries.len().saturating_sub(1);
            let set = if command == Command::Down {
                (set + 1).min(last)
            } else {
                set.saturating_sub(1)
            };
            app.dialog = Some(Dialog::NewResponse { set, organisation });
        }
        (Dialog::NewResponse { .. }, Command::No) => {}
        (Dialog::Export { choice, folder }, Command::Toggle) => {
            app.dialog = Some(Dialog::Export {
                choice: choice.next(),
                folder,
            });
        }
        (Dialog::Export { choice, folder }, Command::Yes) => {
            let paths = export_paths(app, choice, &folder.lines().concat());
            let existing: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
            if existing.is_empty() {
                write_exports(app, &paths);
            } else {
                let names: Vec<String> = existing.iter().map(|p| p.display().to_string()).collect();
                app.dialog = Some(Dialog::Confirm {
                    question: format!("{} already exists. Overwrite?", names.join(" and ")),
                    pending: Pending::Overwrite(paths),
                });
            }
        }
        (Dialog::Export { .. }, Command::No) => {}
        (dialog, Command::Quit) => {
            app.dialog = Some(dialog);
            app.quit = true;
        }
        (dialog, Command::Save) => {
            app.dialog = Some(dialog);
            return save_now(app);
        }
        (dialog, _) => app.dialog = Some(dialog),
    }
    None
}

fn confirmed(app: &mut App, pending: Pending) -> Option<SaveJob> {
    match pending {
        Pending::DeleteDraft(path) => {
            match home::delete(&path, &app.dirs.trash()) {
                Ok(_) => info(app, "Deleted. Press t to see deleted drafts and restore one."),
                Err(e) => error(app, format!("Could not delete: {e}")),
            }
            app.refresh_drafts();
            None
        }
        Pending::MarkFinal => {
            set_status(app, ResponseStatus::Final);
            None
        }
        Pending::RestoreVersion(number) => {
            restore_version(app, number);
            None
        }
        Pending::Overwrite(paths) => {
            write_exports(app, &paths);
            None
        }
    }
}

fn export_dialog(app: &App) -> Dialog {
    let mut folder = TextArea::new(vec![app.exports_dir.display().to_string()]);
    folder.move_cursor(ratatui_textarea::CursorMove::End);
    Dialog::Export {
        choice: ExportChoice::Both,
        folder,
    }
}

/// The files an export in `choice` to `folder` would write.
pub fn export_paths(app: &App, choice: ExportChoice, folder: &str) -> Vec<PathBuf> {
    let Some(draft) = &app.draft else {
        return Vec::new();
    };
    let folder = if folder.trim().is_empty() {
        app.exports_dir.clone()
    } else {
        PathBuf::from(folder.trim())
    };
    choice
        .formats()
        .iter()
        .map(|format| export::default_path(&folder, &draft.response, *format))
        .collect()
}

fn write_exports(app: &mut App, paths: &[PathBuf]) {
    let Some(draft) = &app.draft else { return };
    let mut written = Vec::new();
    for path in paths {
        let format = if path.extension().is_some_and(|x| x == "md") {
            export::Format::Markdown
        } else {
            export::Format::Json
        };
        let document = export::render(format, &draft.response, &draft.set, false);
        let result = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| storage::write_atomic(path, document.as_bytes(), NewFileMode::Shared));
        match result {
            Ok(()) => written.push(std::path::absolute(path).unwrap_or_else(|_| path.clone())),
            Err(e) => return error(app, format!("Could not export to {}: {e}", path.display())),
        }
    }
    let list: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    info(app, format!("Exported to {}", list.join(" and ")));
}

// ----- The walk-through ------------------------------------------------------

fn walk_command(app: &mut App, command: Command) -> Option<SaveJob> {
    let now = Instant::now();
    let draft = app.draft.as_mut()?;
    match command {
        Command::NextItem | Command::PrevItem => {
            let job = draft.save_if_dirty();
            let next = if command == Command::NextItem {
                draft.current + 1
            } else {
                draft.current.saturating_sub(1)
            };
            draft.go_to(next);
            return job;
        }
        Command::NextField => draft.cycle_field(true),
        Command::PrevField => draft.cycle_field(false),
        Command::Leave => draft.set_focus(Focus::Position),
        Command::Edit => draft.set_focus(Focus::Answer),
        Command::MarkReady => {
            let ready = draft
                .response
                .answer(&draft.item().id)
                .is_some_and(|a| a.status == ItemStatus::Ready);
            draft.edit_current(now, |a| {
                a.status = if ready {
                    ItemStatus::Draft
                } else {
                    ItemStatus::Ready
                }
            });
        }
        Command::FoldContext => draft.context_folded = !draft.context_folded,
        Command::PositionLeft | Command::PositionRight => {
            let scale = draft.set.scale_of(draft.item())?;
            let last = scale.options.len().saturating_sub(1);
            let next = match (draft.position_index(), command) {
                (None, _) => 0,
                (Some(i), Command::PositionRight) => (i + 1).min(last),
                (Some(i), _) => i.saturating_sub(1),
            };
            draft.set_position(Some(next), now);
        }
        Command::ChoosePosition(n) => draft.set_position(Some(usize::from(n) - 1), now),
        Command::ClearPosition => draft.set_position(None, now),
        Command::Undo | Command::Redo => {
            if let Some(editor) = draft.focused_editor() {
                let changed = if command == Command::Undo {
                    editor.undo()
                } else {
                    editor.redo()
                };
                if changed {
                    draft.sync_editor(now);
                }
            }
        }
        Command::Review => {
            app.review_selected = draft.current;
            app.screen = Screen::Review;
        }
        Command::Versions => {
            let set = draft.set.clone();
            app.versions = draft
                .history
                .as_ref()
                .map(|h| h.list_with(|id| (id == set.id).then_some(&set)))
                .unwrap_or_default();
            app.versions_selected = 0;
            app.screen = Screen::Versions;
        }
        _ => {}
    }
    None
}

// ----- Respondent ------------------------------------------------------------

fn respondent_form(response: &Response) -> RespondentForm {
    let r = &response.respondent;
    let field = |text: &str| {
        let mut area = TextArea::new(vec![text.to_string()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area
    };
    RespondentForm {
        focus: 0,
        fields: [
            field(&r.organisation),
            field(&r.contact_name),
            field(&r.role),
            field(r.email.as_deref().unwrap_or("")),
        ],
    }
}

fn respondent_command(app: &mut App, command: Command) -> Option<SaveJob> {
    let form = app.respondent.as_mut()?;
    match command {
        Command::NextField => form.focus = (form.focus + 1) % 5,
        Command::PrevField => form.focus = (form.focus + 4) % 5,
        Command::Toggle => {
            let draft = app.draft.as_mut()?;
            draft.response.respondent.on_behalf = !draft.response.respondent.on_behalf;
            draft.changed(Instant::now());
        }
        Command::Leave => {
            app.screen = Screen::Walk;
            app.respondent = None;
        }
        _ => {}
    }
    None
}

/// Copies the respondent form's text fields into the response.
fn sync_respondent(app: &mut App) {
    let (Some(form), Some(draft)) = (app.respondent.as_ref(), app.draft.as_mut()) else {
        return;
    };
    let text = |i: usize| form.fields[i].lines().concat();
    let r = &mut draft.response.respondent;
    r.organisation = text(0);
    r.contact_name = text(1);
    r.role = text(2);
    let email = text(3);
    r.email = (!email.trim().is_empty()).then_some(email);
    draft.changed(Instant::now());
}

// ----- Review ----------------------------------------------------------------

fn review_command(app: &mut App, command: Command) -> Option<SaveJob> {
    let draft = app.draft.as_mut()?;
    let last = draft.set.item_count().saturating_sub(1);
    match command {
        Command::Down => app.review_selected = (app.review_selected + 1).min(last),
        Command::Up => app.review_selected = app.review_selected.saturating_sub(1),
        Command::Edit => {
            let job = draft.save_if_dirty();
            draft.go_to(app.review_selected);
            app.screen = Screen::Walk;
            return job;
        }
        Command::ToggleFinal => {
            if draft.response.status == ResponseStatus::Final {
                set_status(app, ResponseStatus::Draft);
            } else {
                let open = draft.set.item_count() - draft.response.answered_count(&draft.set);
                if open == 0 {
                    set_status(app, ResponseStatus::Final);
                } else {
                    let items = if open == 1 { "1 item has" } else { "items have" };
                    let count = if open == 1 {
                        String::new()
                    } else {
                        format!("{open} ")
                    };
                    app.dialog = Some(Dialog::Confirm {
                        question: format!("{count}{items} no answer yet. Mark the response final anyway?"),
                        pending: Pending::MarkFinal,
                    });
                }
            }
        }
        Command::Leave => app.screen = Screen::Walk,
        _ => {}
    }
    None
}

fn set_status(app: &mut App, status: ResponseStatus) {
    if let Some(draft) = app.draft.as_mut() {
        draft.response.status = status;
        draft.changed(Instant::now());
        let text = if status == ResponseStatus::Final {
            "Marked final"
        } else {
            "Back to draft"
        };
        info(app, text);
    }
}

// ----- Text input ------------------------------------------------------------

/// The text field that unbound keys and pastes go to, and whether it is one line.
fn focused_field(app: &mut App) -> Option<(&mut TextArea<'static>, bool)> {
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

fn type_key(app: &mut App, key: KeyEvent) {
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

fn paste(app: &mut App, text: &str) {
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

fn after_text_change(app: &mut App) {
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

// ----- Earlier versions --------------------------------------------------------

fn versions_command(app: &mut App, command: Command) -> Option<SaveJob> {
    let last = app.versions.len().saturating_sub(1);
    match command {
        Command::Down => app.versions_selected = (app.versions_selected + 1).min(last),
        Command::Up => app.versions_selected = app.versions_selected.saturating_sub(1),
        Command::Edit => {
            if let Some(version) = app.versions.get(app.versions_selected) {
                let saved = version
                    .saved
                    .to_zoned(app.time_zone.clone())
                    .strftime("%-d %b %Y %H:%M");
                app.dialog = Some(Dialog::Confirm {
                    question: format!(
                        "Go back to version {} ({saved}, {})? What is on screen now is kept as a version first.",
                        version.number, version.summary
                    ),
                    pending: Pending::RestoreVersion(version.number),
                });
            }
        }
        Command::Leave => app.screen = Screen::Walk,
        _ => {}
    }
    None
}

/// Puts saved version `number` on screen (and so, by autosave, in the file), after
/// keeping what was on screen as a version of its own.
fn restore_version(app: &mut App, number: usize) {
    let Some(draft) = app.draft.as_mut() else { return };
    let Some(history) = draft.history.clone() else {
        return;
    };
    let result = history.read(number).map_err(|e| e.to_string()).and_then(|bytes| {
        let text = String::from_utf8(bytes).map_err(|_| "that version is not text".to_string())?;
        documents::response_from_text(&text, &app.catalog, Some(&draft.set))
            .map_err(|p| p.first().map_or_else(String::new, |p| p.message.clone()))
    });
    let opened = match result {
        Ok(opened) => opened,
        Err(e) => return error(app, format!("Could not read version {number}: {e}")),
    };
    let current = export::json::render(&draft.response);
    if let Err(e) = history.record_now(current.as_bytes(), jiff::Timestamp::now()) {
        return error(
            app,
            format!("Could not keep what is on screen ({e}); nothing changed"),
        );
    }
    let restored = Draft::new(draft.path.clone(), opened.set, opened.response);
    app.versions.clear();
    app.replace_draft(restored);
    if let Some(draft) = app.draft.as_mut() {
        draft.changed(Instant::now());
    }
    info(
        app,
        format!("Back to version {number}; what you had is kept as version 1 (Ctrl-T)"),
    );
}
