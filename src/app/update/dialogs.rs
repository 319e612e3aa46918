//! Dialogs: yes/no questions, new response and export.

use super::*;

pub(super) fn dialog_command(app: &mut App, command: Command) -> Option<Effect> {
    // Choices inside a dialog change it where it is: taken and rebuilt, a dialog could come
    // back with something reset.
    if changed_in_place(app, command) {
        return None;
    }
    let dialog = app.dialog.take()?;
    match (dialog, command) {
        (Dialog::Choose(choice), Command::Choose(key)) => return decide(app, choice, key),
        (Dialog::Confirm { pending, .. }, Command::Yes) => return confirmed(app, pending),
        (Dialog::Confirm { .. }, _) => {}
        (Dialog::NewResponse { set, organisation }, Command::Yes) => {
            start_response(app, set, organisation.lines().concat());
        }
        (Dialog::NewResponse { .. }, Command::No) => {}
        (
            Dialog::Export {
                choice,
                folder,
                reasoning,
                answered_only,
                attribution,
                for_review,
            },
            Command::Yes,
        ) => {
            let typed = folder.lines().concat();
            let plan = ExportPlan {
                files: app.export_paths(choice, &typed),
                folder: typed,
                reasoning,
                answered_only,
                attribution,
                for_review: for_review && choice == ExportChoice::One(export::Format::Docx),
                choice,
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
        (Dialog::GoTo { query, selected }, Command::Yes) => {
            return go_to_found(app, &query.lines().concat(), selected, query);
        }
        (Dialog::GoTo { .. }, Command::No) => {}
        (
            Dialog::Text {
                purpose: TextPurpose::KeyPoint,
                field,
                ..
            },
            Command::Yes,
        ) => set_key_point(app, &field.lines().concat()),
        (Dialog::Text { purpose, field, .. }, Command::Yes) => {
            return text_entered(app, purpose, field.lines().concat());
        }
        (Dialog::Text { .. }, Command::No) => {}
        (Dialog::CompareExport { format, folder }, Command::Yes) => {
            let path = app.comparison_export_path(format, &folder.lines().concat())?;
            if path.exists() {
                app.dialog = Some(Dialog::Confirm {
                    question: format!("{} already exists. Overwrite it?", path.display()),
                    pending: Pending::OverwriteComparison(format, path),
                });
            } else {
                write_comparison(app, format, &path);
            }
        }
        (Dialog::CompareExport { .. }, Command::No) => {}
        (dialog, Command::Quit) => {
            app.dialog = Some(dialog);
            return Some(Effect::Quit);
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
fn go_to_found(app: &mut App, query: &str, selected: usize, field: TextArea<'static>) -> Option<Effect> {
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
    let job = Effect::save(draft.save_if_dirty());
    draft.go_to(index);
    job
}

/// A choice made inside the open dialog, changing it where it is; false when `command`
/// is not one of those.
fn changed_in_place(app: &mut App, command: Command) -> bool {
    let joint = app.draft.as_ref().is_some_and(|d| d.response.joint.is_some());
    let catalog_last = app.catalog.entries.len().saturating_sub(1);
    let set = app.draft.as_ref().map(|d| &d.set);
    let mut message = None;
    match (app.dialog.as_mut(), command) {
        (Some(Dialog::GoTo { query, selected }), Command::Down | Command::Up) => {
            let found = set.map_or(0, |s| s.find(&query.lines().concat()).len());
            *selected = step(*selected, command == Command::Down, found);
        }
        (Some(Dialog::CompareExport { format, .. }), Command::Toggle) => *format = format.next(),
        (Some(Dialog::NewResponse { organisation, .. }), Command::Yes)
            if organisation.lines().concat().trim().is_empty() =>
        {
            message = Some("Type the organisation's name first");
        }
        (Some(Dialog::NewResponse { set, .. }), Command::Down) => *set = (*set + 1).min(catalog_last),
        (Some(Dialog::NewResponse { set, .. }), Command::Up) => *set = set.saturating_sub(1),
        (Some(Dialog::Export { choice, .. }), Command::Toggle) => *choice = choice.next(),
        (Some(Dialog::Export { choice, .. }), Command::PrevField) => *choice = choice.previous(),
        (Some(Dialog::Export { reasoning, .. }), Command::MarkReady) => *reasoning = !*reasoning,
        (Some(Dialog::Export { answered_only, .. }), Command::AnsweredOnly) => {
            *answered_only = !*answered_only
        }
        (Some(Dialog::Export { attribution, .. }), Command::Attribution) if joint => {
            *attribution = !*attribution
        }
        (Some(Dialog::Export { .. }), Command::Attribution) => {
            message = Some("Only a joint response has members to name");
        }
        (
            Some(Dialog::Export {
                choice: ExportChoice::One(export::Format::Docx),
                for_review,
                attribution,
                ..
            }),
            Command::ForReview,
        ) => {
            *for_review = !*for_review;
            // A copy for review is the submission as sent, unless footnotes are asked for again.
            *attribution = !*for_review;
        }
        (Some(Dialog::Export { .. }), Command::ForReview) => {
            message = Some("Only a Word document can be a copy for review: Tab to Word first");
        }
        _ => return false,
    }
    if let Some(message) = message {
        error(app, message);
    }
    true
}

pub(super) fn confirmed(app: &mut App, pending: Pending) -> Option<Effect> {
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
        Pending::OverwriteComparison(format, path) => {
            write_comparison(app, format, &path);
            None
        }
        Pending::ReadOutsideMembers => {
            app.open_joint_panel(true);
            None
        }
        Pending::MergeSyncCopy(copy) => {
            super::conflicts::merge_sync_copy(app, &copy);
            None
        }
    }
}

/// The export dialog, proposing the folder and format this draft was last exported with,
/// else the default folder and Markdown + JSON.
pub(super) fn export_dialog(app: &App) -> Dialog {
    let id = app
        .draft
        .as_ref()
        .and_then(|d| d.file.as_ref())
        .map(|file| &file.id);
    let last = id.and_then(|id| drafts::last_export_folder(&app.dirs, id));
    let choice = id
        .and_then(|id| drafts::last_export_format(&app.dirs, id))
        .and_then(|id| ExportChoice::from_id(&id))
        .unwrap_or(ExportChoice::Both);
    let shown = last.unwrap_or_else(|| app.exports_dir.display().to_string());
    let mut folder = TextArea::new(vec![shown]);
    folder.move_cursor(ratatui_textarea::CursorMove::End);
    Dialog::Export {
        choice,
        reasoning: true,
        answered_only: false,
        attribution: true,
        for_review: false,
        folder,
    }
}

pub(super) fn write_exports(app: &mut App, plan: &ExportPlan) {
    if plan.for_review
        && let Err(why) = saved_for_review(app)
    {
        return error(app, why);
    }
    let Some(draft) = &app.draft else { return };
    let options = export::Options {
        reasoning: plan.reasoning,
        answered_only: plan.answered_only,
        attribution: plan.attribution,
        ..export::Options::default()
    };
    let mut written = Vec::new();
    for (format, path) in &plan.files {
        let result = if plan.for_review && *format == export::Format::Docx {
            let saved = draft.autosave.on_disk;
            drafts::export_review_copy(&app.dirs, (&draft.path, path), &draft.set, saved, &options)
        } else {
            drafts::export(
                &draft.response,
                &draft.set,
                *format,
                (&draft.path, path),
                &options,
            )
        };
        match result {
            Ok(()) => written.push(std::path::absolute(path).unwrap_or_else(|_| path.clone())),
            Err(e) => return error(app, format!("Could not export to {}: {e}", path.display())),
        }
    }
    if let (Some(file), Some(first)) = (draft.file.as_ref(), written.first()) {
        drafts::remember_export(&app.dirs, &file.id, first, plan.choice.id());
    }
    let list: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    info(app, format!("Exported to {}", list.join(" and ")));
}

/// A copy for review is made from the draft as saved, so that what comes back can be
/// compared with what was sent: anything unsaved is saved first, here and now.
fn saved_for_review(app: &mut App) -> Result<(), String> {
    let Some(draft) = app.draft.as_mut() else {
        return Ok(());
    };
    if draft.autosave.is_saving() {
        return Err("A save is under way: make the copy for review again in a moment".into());
    }
    draft.save_now().map_err(|result| match result {
        SaveResult::Failed(e) => format!("Could not save before making the copy for review: {e}"),
        _ => "The draft was changed elsewhere: settle that before making a copy for review".to_string(),
    })
}

/// The comparison's export dialog, proposing the usual exports folder; only once
/// something has been compared.
pub(super) fn compare_export_dialog(app: &mut App) {
    if app.comparison().is_none_or(|v| v.comparison.is_none()) {
        return info(app, "Nothing compared to export yet");
    }
    let mut folder = TextArea::new(vec![app.exports_dir.display().to_string()]);
    folder.move_cursor(ratatui_textarea::CursorMove::End);
    app.dialog = Some(Dialog::CompareExport {
        format: crate::compare::Format::Markdown,
        folder,
    });
}

/// Writes the comparison on screen through the drafts module, and says where.
fn write_comparison(app: &mut App, format: crate::compare::Format, path: &std::path::Path) {
    let Some(comparison) = app.comparison().and_then(|v| v.comparison.as_ref()) else {
        return;
    };
    match drafts::export_comparison(comparison, format, path) {
        Ok(()) => {
            let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            info(app, format!("Comparison written to {}", shown.display()));
        }
        Err(e) => error(app, format!("Could not write to {}: {e}", path.display())),
    }
}

/// A one-line text dialog for `purpose`, titled `title`, holding `text` with the cursor at its end.
pub(super) fn text_dialog(purpose: TextPurpose, title: String, text: &str) -> Dialog {
    let mut field = TextArea::new(vec![crate::text::flat(text)]);
    field.move_cursor(ratatui_textarea::CursorMove::End);
    Dialog::Text {
        purpose,
        title,
        hint: "",
        field,
    }
}

/// The key point dialog on the current item, prefilled with the key point it has.
pub(super) fn key_point_dialog(app: &mut App) {
    let Some(draft) = app.draft.as_ref() else { return };
    let current = draft
        .response
        .answer(&draft.item().id)
        .and_then(|a| a.key_point.clone())
        .unwrap_or_default();
    // Shown (and so kept, if left as it is) with any control characters as pictures.
    let mut dialog = text_dialog(
        TextPurpose::KeyPoint,
        "Key point (type, then Enter)".into(),
        &crate::text::visible_line(&current),
    );
    if let Dialog::Text { hint, .. } = &mut dialog {
        *hint = "One line for comparisons; leave empty to use the answer's first sentence.";
    }
    app.dialog = Some(dialog);
}

/// Keeps `typed` as the current item's key point (undoably); empty goes back to the answer's first sentence.
fn set_key_point(app: &mut App, typed: &str) {
    let Some(draft) = app.draft.as_mut() else { return };
    let point = crate::text::flat(typed);
    draft.set_key_point((!point.is_empty()).then_some(point), std::time::Instant::now());
    let shown = draft
        .response
        .answer(&draft.item().id)
        .map(|a| a.key_point().to_string())
        .unwrap_or_default();
    let text = if typed.trim().is_empty() {
        if shown.is_empty() {
            "No key point: the answer has no text yet, so its first sentence will stand for it".to_string()
        } else {
            format!(
                "Key point: the answer's first sentence, “{}”",
                crate::text::shorten(&shown, 60)
            )
        }
    } else {
        "Key point kept".to_string()
    };
    info(app, crate::text::visible_line(&text).into_owned());
}
