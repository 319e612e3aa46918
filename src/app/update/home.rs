//! Home and trash: the drafts list, opening, duplicating, deleting, starting a response.

use super::*;

pub(super) fn home_command(app: &mut App, command: Command) -> Option<Effect> {
    let Screen::Home(list) = &mut app.screen else {
        return None;
    };
    let selected = list.selected().cloned();
    match command {
        Command::Down | Command::Up => list.step(command == Command::Down),
        Command::New => app.dialog = Some(new_response_dialog()),
        Command::Edit => {
            if let Some(d) = selected {
                open_draft(app, d.path);
            }
        }
        Command::Duplicate => {
            if let Some(d) = selected {
                duplicate(app, &d.path);
            }
        }
        Command::Delete => {
            if let Some(d) = selected {
                let file = d
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                let question = format!(
                    "Delete the draft for {} ({file})? It can be restored later.",
                    name_or_unnamed(&d.organisation)
                );
                app.dialog = Some(Dialog::Confirm {
                    question,
                    pending: Pending::DeleteDraft(d.path),
                });
            }
        }
        Command::ShowTrash => show_trash(app, 0),
        Command::Compare(_) => crate::app::compare::start_from_home(app),
        Command::Quit => return Some(Effect::Quit),
        _ => {}
    }
    None
}

/// The deleted drafts, with the one at `selected` (or the last) selected.
fn show_trash(app: &mut App, selected: usize) {
    let (drafts, unreadable) = drafts::list(&app.dirs.trash(), &app.catalog);
    app.screen = Screen::Trash(DraftList::new(drafts, unreadable, selected));
}

pub(super) fn name_or_unnamed(name: &str) -> &str {
    if name.trim().is_empty() {
        "(no organisation yet)"
    } else {
        name
    }
}

pub(super) fn trash_command(app: &mut App, command: Command) -> Option<Effect> {
    let Screen::Trash(list) = &mut app.screen else {
        return None;
    };
    match command {
        Command::Down | Command::Up => list.step(command == Command::Down),
        Command::Edit => {
            let at = list.selected;
            if let Some(d) = list.selected().cloned() {
                match drafts::restore(&d.path, &app.dirs.drafts()) {
                    Ok(_) => {
                        show_trash(app, at);
                        info(
                            app,
                            format!("Restored the draft for {}", name_or_unnamed(&d.organisation)),
                        );
                    }
                    Err(e) => error(app, format!("Could not restore: {e}")),
                }
            }
        }
        Command::Leave => {
            app.screen = Screen::home();
            app.refresh_drafts();
        }
        _ => {}
    }
    None
}

pub(super) fn open_draft(app: &mut App, path: PathBuf) {
    match drafts::open(&app.dirs, &app.catalog, &path, None) {
        Ok(mut opened) => {
            let offer = set_version::on_opening(&mut opened, &app.catalog);
            if let Some(w) = opened.warnings.first() {
                error(app, w.message.clone());
            }
            app.attach(Draft::opened(opened));
            if let Some(offer) = offer {
                offer_set_version(app, &offer);
            }
        }
        Err(e) => error(app, e),
    }
}

/// The most lines of changed wording the offer shows: its choices must stay on a small screen.
const OFFER_LINES: usize = 12;

/// Asks whether to bring the open draft, which answered an earlier version of its set, up
/// to the version it is now, showing what changed. Behind another question (unsaved work
/// offered back) it only says so, and asks on the next opening.
pub fn offer_set_version(app: &mut App, offer: &set_version::Offer) {
    let mut lines = offer.describe();
    if app.dialog.is_some() {
        return error(
            app,
            format!("{} Check your positions and answers before you submit.", lines[0]),
        );
    }
    if lines.len() > OFFER_LINES {
        let more = lines.len() - OFFER_LINES;
        lines.truncate(OFFER_LINES);
        lines.push(format!("… and {more} more lines of changes"));
    }
    app.dialog = Some(Dialog::Choose(Choice {
        title: "An earlier version of the question set".into(),
        lines,
        options: vec![
            ('u', "bring the draft up to this version", Decision::BringUpToDate),
            (
                'k',
                "keep it on the earlier version, and do not ask again",
                Decision::KeepEarlierVersion,
            ),
            ('\u{1b}', "decide next time it opens", Decision::NotNow),
        ],
    }));
}

/// The user's answer to [`offer_set_version`]: a save that brings the draft up to date, or
/// the choice to keep it as it is, remembered.
pub(super) fn answer_set_version(app: &mut App, decision: Decision) -> Option<Effect> {
    let draft = app.draft.as_mut()?;
    let title = crate::text::main_title(&draft.set.title).to_string();
    if decision == Decision::BringUpToDate {
        draft.bring_up_to_date(Instant::now());
        let save = Effect::save(draft.save_if_dirty());
        info(
            app,
            format!(
                "The draft now answers \"{title}\" as it is; as it was, it is among its versions (Ctrl-T)"
            ),
        );
        return save;
    }
    match draft.keep_earlier_set() {
        Err(e) => error(
            app,
            format!("Could not note that choice ({e}); you will be asked again"),
        ),
        Ok(()) => info(
            app,
            format!(
                "Kept on the earlier version of \"{title}\"; you will be asked again only if the set changes"
            ),
        ),
    }
    None
}

pub(super) fn duplicate(app: &mut App, source: &std::path::Path) {
    match drafts::duplicate(source, &app.dirs.drafts()) {
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
