//! Home and trash: the drafts list, opening, duplicating, deleting, starting a response.

use super::*;

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
            app.trash = drafts::list(&app.dirs.trash(), &app.catalog).0;
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
                match drafts::restore(&d.path, &app.dirs.drafts()) {
                    Ok(_) => {
                        info(
                            app,
                            format!("Restored the draft for {}", name_or_unnamed(&d.organisation)),
                        );
                        app.trash = drafts::list(&app.dirs.trash(), &app.catalog).0;
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
    match drafts::open(&app.dirs, &app.catalog, &path, None) {
        Ok(opened) => {
            if let Some(w) = opened.warnings.first() {
                error(app, w.message.clone());
            }
            app.attach(Draft::opened(opened));
        }
        Err(e) => error(app, e),
    }
}

pub(super) fn duplicate(app: &mut App) {
    let Some(source) = app.drafts.get(app.selected).map(|d| d.path.clone()) else {
        return;
    };
    match drafts::duplicate(&source, &app.dirs.drafts()) {
        Ok(target) => {
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
    match drafts::create(&app.dirs, &set, &organisation) {
        Ok(opened) => {
            app.dialog = None;
            app.attach(Draft::opened(opened));
        }
        Err(e) => error(app, e),
    }
}
