//! Changed on disk, and work recovered after a crash: the questions and what each answer does.

use super::*;
use crate::text::tail;

pub(super) fn conflict_dialog(draft: &Draft) -> Dialog {
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
            (
                'm',
                "merge the two: what both changed differently is kept to settle with F6",
                Decision::MergeChanged,
            ),
            ('\u{1b}', "decide later (saving waits)", Decision::Later),
        ],
    })
}

/// Shows the next piece of unsaved work to offer, if any: with a draft open, only that
/// draft's; on the drafts list, any draft's.
pub fn offer_next_recovery(app: &mut App) {
    let Some(next) = app
        .recovery
        .offered
        .iter()
        .position(|candidate| app.draft.is_none() || is_open(app, candidate))
    else {
        return;
    };
    // The one on offer is first: the decision is taken on it.
    let candidate = app.recovery.offered.remove(next);
    app.recovery.offered.insert(0, candidate);
    let candidate = &app.recovery.offered[0];
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
        let what = difference.describe(set);
        if difference.is_prose() {
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

pub(super) fn decide(app: &mut App, choice: Choice, key: char) -> Option<Effect> {
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
            draft.overwrite_changed();
            return Effect::save(draft.save_if_dirty());
        }
        Decision::Reload => reload_changed_draft(app),
        Decision::KeepOurs | Decision::KeepTheirs | Decision::KeepBoth | Decision::KeepBothAndEdit => {
            settle_conflict(app, decision);
        }
        Decision::NotNow => {}
        Decision::BringUpToDate | Decision::KeepEarlierVersion => return answer_set_version(app, decision),
        Decision::Consensus(_) | Decision::SignOff { .. } => decided(app, decision),
        Decision::CommentSignOff { number, state } => sign_off_from_comment(app, number, state),
        Decision::MergeChanged => merge_changed(app),
        Decision::Later if app.recovery.offered.is_empty() => {}
        Decision::Later => {
            let candidate = app.recovery.offered.remove(0);
            if is_open(app, &candidate) {
                // This session's recovery copy would overwrite it: keep it safe elsewhere.
                resolve_recovery(app, &candidate, Decision::Later);
            }
            offer_next_recovery(app);
        }
        Decision::Recover | Decision::RecoverAsCopy | Decision::KeepFile => {
            let candidate = app.recovery.offered.remove(0);
            resolve_recovery(app, &candidate, decision);
            app.refresh_drafts();
            offer_next_recovery(app);
        }
    }
    None
}

/// Whether `candidate` is unsaved work of the draft that is open right now.
pub(super) fn is_open(app: &App, candidate: &drafts::Candidate) -> bool {
    app.draft.as_ref().is_some_and(|d| d.owns(candidate))
}

pub(super) fn resolve_recovery(app: &mut App, candidate: &drafts::Candidate, decision: Decision) {
    if decision == Decision::Recover && is_open(app, candidate) {
        return recover_into_open_draft(app, candidate);
    }
    let result = match decision {
        Decision::Recover => drafts::recover_into_file(candidate)
            .map(|()| format!("Recovered into {}", candidate.draft.display())),
        Decision::RecoverAsCopy => drafts::keep_copy(
            &app.dirs.drafts(),
            &candidate.draft,
            "recovered",
            &candidate.recovered,
        )
        .and_then(|target| drafts::set_aside(&app.dirs, candidate).map(|_| target))
        .map(|target| format!("The recovered work is a separate draft: {}", target.display())),
        _ => drafts::set_aside(&app.dirs, candidate).map(|kept| {
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
pub(super) fn recover_into_open_draft(app: &mut App, candidate: &drafts::Candidate) {
    let Some(draft) = app.draft.as_mut() else { return };
    draft.session.recover(candidate);
    draft.content_replaced();
    // In the answer with the cursor at its end, ready for typing to go on.
    draft.set_focus(crate::app::draft::Focus::Answer);
    draft.editors_mut().answer.place_cursor(usize::MAX);
    app.content_replaced();
    info(app, "Recovered; it is saved in a moment");
}

/// Loads the draft file as changed elsewhere, after saving what was on screen as a separate draft.
pub(super) fn reload_changed_draft(app: &mut App) {
    let Some(draft) = app.draft.as_mut() else { return };
    match draft.session.reload_changed(&app.dirs, &app.catalog) {
        Ok(mine) => {
            draft.content_replaced();
            app.content_replaced();
            info(
                app,
                format!(
                    "Loaded the changed file; what you had is kept as {}",
                    mine.display()
                ),
            );
        }
        Err(ReloadError::NotKept(e)) => error(
            app,
            format!("Could not keep what is on screen ({e}); nothing changed"),
        ),
        Err(ReloadError::Unreadable { error: e, mine }) => error(
            app,
            format!(
                "The changed file cannot be read ({e}); what you had is kept as {}",
                mine.display()
            ),
        ),
    }
}
