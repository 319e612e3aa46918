//! Dialogs: yes/no questions, new response and export.

use super::*;

pub(super) fn dialog_command(app: &mut App, command: Command) -> Option<SaveJob> {
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
        (
            Dialog::Export {
                choice,
                folder,
                reasoning,
            },
            Command::Toggle,
        ) => {
            app.dialog = Some(Dialog::Export {
                choice: choice.next(),
                folder,
                reasoning,
            });
        }
        (
            Dialog::Export {
                choice,
                folder,
                reasoning,
            },
            Command::MarkReady,
        ) => {
            app.dialog = Some(Dialog::Export {
                choice,
                folder,
                reasoning: !reasoning,
            });
        }
        (
            Dialog::Export {
                choice,
                folder,
                reasoning,
            },
            Command::Yes,
        ) => {
            let typed = folder.lines().concat();
            let plan = ExportPlan {
                files: app.export_paths(choice, &typed),
                folder: typed,
                reasoning,
            };
            let existing: Vec<PathBuf> = plan
                .files
                .iter()
                .map(|(_, p)| p)
                .filter(|p| p.exists())
                .cloned()
                .collect();
            if existing.is_empty() {
                write_exports(app, &plan);
            } else {
                let names: Vec<String> = existing.iter().map(|p| p.display().to_string()).collect();
                app.dialog = Some(Dialog::Confirm {
                    question: if names.len() == 1 {
                        format!("{} already exists. Overwrite it?", names[0])
                    } else {
                        format!("{} already exist. Overwrite them?", names.join(" and "))
                    },
                    pending: Pending::Overwrite(plan),
                });
            }
        }
        (Dialog::Export { .. }, Command::No) => {}
        (Dialog::GoTo { query, selected }, Command::Down | Command::Up) => {
            let found = app
                .draft
                .as_ref()
                .map_or(0, |d| d.set.find(&query.lines().concat()).len());
            let selected = step(selected, command == Command::Down, found);
            app.dialog = Some(Dialog::GoTo { query, selected });
        }
        (Dialog::GoTo { query, selected }, Command::Yes) => {
            return go_to_found(app, &query.lines().concat(), selected, query);
        }
        (Dialog::GoTo { .. }, Command::No) => {}
        (Dialog::Text { purpose, field, .. }, Command::Yes) => {
            return text_entered(app, purpose, field.lines().concat());
        }
        (Dialog::Text { .. }, Command::No) => {}
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

/// Goes to the `selected` item of those `query` finds; with none found, says so and keeps asking.
fn go_to_found(app: &mut App, query: &str, selected: usize, field: TextArea<'static>) -> Option<SaveJob> {
    let draft = app.draft.as_mut()?;
    let Some(&index) = draft.set.find(query).get(selected) else {
        app.dialog = Some(Dialog::GoTo {
            query: field,
            selected,
        });
        error(
            app,
            format!("No item matches “{}”", crate::text::visible_line(query)),
        );
        return None;
    };
    let job = draft.save_if_dirty();
    draft.go_to(index);
    job
}

pub(super) fn confirmed(app: &mut App, pending: Pending) -> Option<SaveJob> {
    match pending {
        Pending::DeleteDraft(path) => {
            match drafts::delete(&path, &app.dirs.trash()) {
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
        Pending::Overwrite(plan) => {
            write_exports(app, &plan);
            None
        }
    }
}

/// The export dialog, proposing the folder this draft was last exported to, else the default.
pub(super) fn export_dialog(app: &App) -> Dialog {
    let last = app
        .draft
        .as_ref()
        .and_then(|d| d.file.as_ref())
        .and_then(|file| drafts::last_export_folder(&app.dirs, &file.id));
    let shown = last.unwrap_or_else(|| app.exports_dir.display().to_string());
    let mut folder = TextArea::new(vec![shown]);
    folder.move_cursor(ratatui_textarea::CursorMove::End);
    Dialog::Export {
        choice: ExportChoice::Both,
        reasoning: true,
        folder,
    }
}

pub(super) fn write_exports(app: &mut App, plan: &ExportPlan) {
    let Some(draft) = &app.draft else { return };
    let options = export::Options {
        reasoning: plan.reasoning,
        ..export::Options::default()
    };
    let mut written = Vec::new();
    for (format, path) in &plan.files {
        match drafts::export(&draft.response, &draft.set, *format, path, &options) {
            Ok(()) => written.push(std::path::absolute(path).unwrap_or_else(|_| path.clone())),
            Err(e) => return error(app, format!("Could not export to {}: {e}", path.display())),
        }
    }
    if let Some(file) = draft.file.as_ref()
        && !plan.folder.trim().is_empty()
    {
        // Remembered as typed (`~/submissions`), for the next export of this draft.
        drafts::remember_export_folder(&app.dirs, &file.id, plan.folder.trim());
    }
    let list: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    info(app, format!("Exported to {}", list.join(" and ")));
}
