//! The walk-through, the respondent form, review and earlier versions.

use super::*;

pub(super) fn walk_command(app: &mut App, command: Command) -> Option<Effect> {
    let now = Instant::now();
    if command == Command::Placing(crate::app::placing::PlacingCommand::Open) {
        open_placing(app);
        return None;
    }
    let draft = app.draft.as_mut()?;
    match command {
        Command::NextItem | Command::PrevItem => {
            let job = Effect::save(draft.save_if_dirty());
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
            draft.toggle_ready(now);
        }
        Command::FoldContext => draft.context_folded = !draft.context_folded,
        Command::Joint(crate::app::command::JointCommand::Focus) => match app.joint.as_mut() {
            Some(panel) if draft.response.joint.is_some() => panel.focused = true,
            _ => info(
                app,
                "Only a joint response has members: start one with J on the comparison, or `consult joint new`",
            ),
        },
        Command::Notes => draft.toggle_notes(),
        Command::Resolve => offer_conflict(app),
        Command::KeyPoint => key_point_dialog(app),
        Command::NotAnswering => {
            let text = if draft.toggle_not_answering(now) {
                "Marked: we are not answering this item. It is no longer to do; exporting answered items only leaves it out (F12: we are)"
            } else {
                "We are answering this item again (F12: not answering)"
            };
            info(app, text);
        }
        Command::ToggleBasis => {
            if !draft.has_scale() {
                info(
                    app,
                    "A free-text item takes no position, so there is nothing to mark as inferred",
                );
                return None;
            }
            let basis = draft.toggle_basis(now);
            let text = match basis {
                crate::model::response::PositionBasis::Inferred => {
                    "Position marked inferred: read from the respondent's documents, to be confirmed (F8: stated)"
                }
                crate::model::response::PositionBasis::Stated => {
                    "Position marked stated by the respondent (F8: inferred)"
                }
            };
            info(app, text);
        }
        Command::Copy => {
            // The answer of the focused field's kind (the answer, unless reasoning has focus), as a form takes it.
            let item = draft.item().clone();
            let answer = draft.response.answer(&item.id).cloned().unwrap_or_default();
            let text = if draft.focus() == Focus::Reasoning {
                answer.reasoning
            } else {
                answer.answer
            };
            let plain = crate::export::rich::plain(&text);
            let counts = crate::export::limits::counts_of_plain(&plain);
            let over: Vec<String> = crate::export::limits::limits(&item, counts)
                .into_iter()
                .filter_map(|l| l.over().map(|by| format!("{by} {} over its limit", l.unit)))
                .collect();
            let note = if over.is_empty() {
                String::new()
            } else {
                format!("; {}", over.join(", "))
            };
            info(
                app,
                format!(
                    "Copied {} characters, {} words, as plain text{note} (if nothing pastes, your terminal does not take OSC 52 copies)",
                    counts.chars, counts.words
                ),
            );
            return Some(Effect::Clipboard(plain));
        }
        Command::GoTo => {
            let mut query = TextArea::default();
            query.set_placeholder_text("a number or a few words");
            app.dialog = Some(Dialog::GoTo { query, selected: 0 });
        }
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
        Command::ChoosePosition(n) => {
            draft.set_position(Some(usize::from(n) - 1), now);
        }
        Command::ClearPosition => {
            draft.set_position(None, now);
        }
        Command::Undo | Command::Redo => {
            draft.undo(command == Command::Redo, now);
        }
        Command::ExternalEditor if draft.typing() => {
            return draft.focused_editor().map(|e| Effect::Edit(e.text()));
        }
        Command::Review => {
            draft.recount_current_limits();
            app.screen = Screen::Review {
                selected: draft.current,
            };
        }
        Command::Versions => {
            let versions = draft.versions();
            app.screen = Screen::Versions {
                versions,
                selected: 0,
            };
        }
        _ => {}
    }
    None
}

pub(super) fn respondent_form(response: &Response) -> RespondentForm {
    let r = &response.respondent;
    let field = |text: &str| {
        let mut area = TextArea::new(vec![text.to_string()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area
    };
    RespondentForm {
        focus: RespondentField::Organisation,
        fields: [
            field(&r.organisation),
            field(&r.contact_name),
            field(&r.role),
            field(r.email.as_deref().unwrap_or("")),
            field(&r.members.map_or_else(String::new, |n| n.to_string())),
            field(r.views_gathered.as_deref().unwrap_or("")),
            field(r.confidentiality.as_deref().unwrap_or("")),
        ],
    }
}

pub(super) fn respondent_command(app: &mut App, command: Command) -> Option<Effect> {
    let Screen::Respondent(form) = &mut app.screen else {
        return None;
    };
    match command {
        Command::NextField | Command::PrevField => {
            form.focus = form.focus.cycle(command == Command::NextField)
        }
        Command::Toggle => {
            let field = form.focus;
            let draft = app.draft.as_mut()?;
            let r = &mut draft.response.respondent;
            if field == RespondentField::Publication {
                use crate::model::Publication;
                r.publication = match r.publication {
                    None => Some(Publication::Yes),
                    Some(Publication::Yes) => Some(Publication::Anonymised),
                    Some(Publication::Anonymised) => Some(Publication::No),
                    Some(Publication::No) => None,
                };
            } else {
                r.on_behalf = !r.on_behalf;
            }
            draft.edited(Instant::now());
        }
        Command::Leave => app.screen = Screen::Walk,
        _ => {}
    }
    None
}

/// Copies the respondent form's text fields into the response.
pub(super) fn sync_respondent(app: &mut App) {
    let (Screen::Respondent(form), Some(draft)) = (&app.screen, app.draft.as_mut()) else {
        return;
    };
    let r = &mut draft.response.respondent;
    r.organisation = form.text(RespondentField::Organisation);
    r.contact_name = form.text(RespondentField::ContactName);
    r.role = form.text(RespondentField::Role);
    let email = form.text(RespondentField::Email);
    r.email = (!email.trim().is_empty()).then_some(email);
    // Not a number yet (being typed, or a slip): no count, and the form says so.
    r.members = form.text(RespondentField::Members).trim().parse().ok();
    let gathered = form.text(RespondentField::ViewsGathered);
    r.views_gathered = (!gathered.trim().is_empty()).then_some(gathered);
    let confidentiality = form.text(RespondentField::Confidentiality);
    r.confidentiality = (!confidentiality.trim().is_empty()).then_some(confidentiality);
    draft.edited(Instant::now());
}

pub(super) fn review_command(app: &mut App, command: Command) -> Option<Effect> {
    let (Screen::Review { selected }, Some(draft)) = (&mut app.screen, app.draft.as_mut()) else {
        return None;
    };
    let last = draft.set.item_count().saturating_sub(1);
    match command {
        Command::Down | Command::Up => *selected = step(*selected, command == Command::Down, last + 1),
        Command::Edit => {
            let job = Effect::save(draft.save_if_dirty());
            let at = *selected;
            draft.go_to(at);
            app.screen = Screen::Walk;
            return job;
        }
        Command::ToggleFinal => {
            if draft.response.status == ResponseStatus::Final {
                set_status(app, ResponseStatus::Draft);
            } else {
                match still_to_do(draft) {
                    None => set_status(app, ResponseStatus::Final),
                    Some(what) => {
                        app.dialog = Some(Dialog::Confirm {
                            question: format!("{what}. Mark the response final anyway?"),
                            pending: Pending::MarkFinal,
                        });
                    }
                }
            }
        }
        Command::Leave => app.screen = Screen::Walk,
        _ => {}
    }
    None
}

/// What stands between the response and final, as one sentence of counts. None when
/// nothing does.
fn still_to_do(draft: &Draft) -> Option<String> {
    let label = |id: &str| draft.set.item(id).map_or(id, |i| i.label.as_str()).to_string();
    draft.still_to_do().summary(label)
}

pub(super) fn set_status(app: &mut App, status: ResponseStatus) {
    if let Some(draft) = app.draft.as_mut() {
        draft.set_status(status, Instant::now());
        let text = if status == ResponseStatus::Final {
            "Marked final"
        } else {
            "Back to draft"
        };
        info(app, text);
    }
}

pub(super) fn versions_command(app: &mut App, command: Command) -> Option<Effect> {
    let Screen::Versions { versions, selected } = &mut app.screen else {
        return None;
    };
    match command {
        Command::Down | Command::Up => *selected = step(*selected, command == Command::Down, versions.len()),
        Command::Edit => {
            if let Some(version) = versions.get(*selected) {
                let saved = crate::text::saved_time(version.saved, &app.look.time_zone);
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
pub(super) fn restore_version(app: &mut App, number: usize) {
    let Some(draft) = app.draft.as_mut() else { return };
    match draft.session.restore_version(&app.catalog, number) {
        Ok(()) => {
            draft.content_replaced();
            app.content_replaced();
            info(
                app,
                format!("Back to version {number}; what you had is kept as version 1 (Ctrl-T)"),
            );
        }
        Err(RestoreError::NoSuchVersion { .. }) => {}
        Err(RestoreError::Unreadable(e)) => error(app, format!("Could not read version {number}: {e}")),
        Err(RestoreError::NotKept(e)) => error(
            app,
            format!("Could not keep what is on screen ({e}); nothing changed"),
        ),
    }
}
