//! Home and trash: the drafts list, opening, duplicating, deleting, starting a response.

use super::*;
use crate::error::FileError;
use crate::parse;

pub(super) fn home_command(app: &mut App, command: Command) -> Option<SaveJob> {
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
        Command::Compare(_) => crate::app::compare::start_from_home(app),
        Command::Quit => app.quit = true,
        _ => {}
    }
    None
}

pub(super) fn name_or_unnamed(name: &str) -> &str {
    if name.trim().is_empty() {
        "(no organisation yet)"
    } else {
        name
    }
}

pub(super) fn trash_command(app: &mut App, command: Command) -> Option<SaveJob> {
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

pub(super) fn open_draft(app: &mut App, path: PathBuf) {
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
    let lock = storage::lock_draft(&dirs.data, &path).map_err(|e| format!("{}: {e}", path.display()))?; // Read once: the text to open, and the exact bytes to notice changes made elsewhere.
    let bytes = storage::read_bytes(&path).map_err(|e| e.to_string())?;
    let text = parse::decode(&bytes).map_err(|p| FileError::bad(&path, vec![p]).to_string())?;
    let opened = documents::response_from_text(text, catalog, set)
        .map_err(|problems| FileError::bad(&path, problems).to_string())?;
    let on_disk = Some(digest(&bytes));
    let mut draft = Draft::new(path, opened.set, opened.response);
    draft.lock = Some(lock);
    draft.autosave.on_disk = on_disk;
    Ok((draft, opened.warnings))
}

pub(super) fn duplicate(app: &mut App) {
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

pub(super) fn start_response(app: &mut App, set_index: usize, organisation: String) {
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
