//! Merge conflicts kept in the draft: asking which side to keep, and keeping it.

use super::*;
use crate::merge::resolve::{self, Keep};
use crate::text::{shorten, visible_line};

/// The conflict to settle next: the current item's first, else one of the response's own.
fn next_conflict(draft: &Draft) -> Option<usize> {
    let item = &draft.item().id;
    let conflicts = &draft.response.conflicts;
    conflicts
        .iter()
        .position(|c| c.item.as_deref() == Some(item.as_str()))
        .or_else(|| conflicts.iter().position(|c| c.item.is_none()))
}

/// Asks how to settle the next conflict here, showing both sides.
pub(super) fn offer_conflict(app: &mut App) {
    let Some(draft) = app.draft.as_ref() else { return };
    let Some(index) = next_conflict(draft) else {
        let left = draft.response.conflicts.len();
        let text = match left {
            0 => "No merge conflicts in this response".to_string(),
            n => format!("No merge conflict on this item; {n} elsewhere (marked ! in the outline)"),
        };
        return info(app, text);
    };
    let conflict = &draft.response.conflicts[index];
    let shown = |side: &Option<String>| match side.as_deref() {
        None | Some("") => "(nothing)".to_string(),
        Some(text) => visible_line(&shorten(text, 300)).into_owned(),
    };
    let place = match &conflict.item {
        Some(item) => {
            let label = draft.set.item(item).map_or(item.as_str(), |i| i.label.as_str());
            format!("{label} · {}", conflict.field)
        }
        None => conflict.field.clone(),
    };
    let mut options = vec![
        ('o', "keep ours", Decision::KeepOurs),
        ('t', "keep theirs", Decision::KeepTheirs),
    ];
    if resolve::is_text(conflict) {
        options.push(('b', "keep both, ours then theirs", Decision::KeepBoth));
        options.push(('e', "keep both, then edit the text", Decision::KeepBothAndEdit));
    }
    options.push(('\u{1b}', "not now", Decision::NotNow));
    app.dialog = Some(Dialog::Choose(Choice {
        title: "Merge conflict".into(),
        lines: vec![
            format!("The two copies changed {} differently.", visible_line(&place)),
            format!("Ours: {}", shown(&conflict.ours)),
            format!("Theirs: {}", shown(&conflict.theirs)),
        ],
        options,
    }));
}

/// Keeps the side `decision` names for the next conflict here; the draft is then saved
/// as any change is, and the next conflict on the item, if any, is asked about.
pub(super) fn settle_conflict(app: &mut App, decision: Decision) {
    let Some(draft) = app.draft.as_ref() else { return };
    let Some(index) = next_conflict(draft) else { return };
    let keep = match decision {
        Decision::KeepOurs => Keep::Ours,
        Decision::KeepTheirs => Keep::Theirs,
        _ => Keep::Both,
    };
    let field = match draft.response.conflicts[index].field.as_str() {
        "reasoning" => Focus::Reasoning,
        "notes" => Focus::Notes,
        _ => Focus::Answer,
    };
    let Some(draft) = app.draft.as_mut() else { return };
    if let Err(e) = draft.settle(index, keep, Instant::now()) {
        return error(app, format!("Could not settle it: {e}"));
    }
    let left = draft.response.conflicts.len();
    if decision == Decision::KeepBothAndEdit {
        if field == Focus::Notes {
            draft.notes_open = true;
        }
        draft.set_focus(field);
        return info(app, "Both kept: edit the text as it should read");
    }
    if next_conflict(draft).is_some_and(|i| draft.response.conflicts[i].item.is_some()) {
        return offer_conflict(app);
    }
    match left {
        0 => info(
            app,
            "Every merge conflict is settled: the response can be exported again",
        ),
        n => info(
            app,
            format!("Settled; {n} merge conflicts left (marked ! in the outline)"),
        ),
    }
}

/// The file, changed elsewhere, merged with what is on screen (see [`Session::merge_changed`]).
///
/// [`Session::merge_changed`]: crate::session::Session::merge_changed
pub(super) fn merge_changed(app: &mut App) {
    let Some(draft) = app.draft.as_mut() else { return };
    let merged = match draft.session.merge_changed(&app.catalog) {
        Ok(merged) => merged,
        Err(e) => return error(app, format!("{}; nothing changed", crate::text::capitalised(&e))),
    };
    draft.content_replaced();
    app.content_replaced();
    let said = merged.describe("the changed file", "marked ! in the outline (F6)");
    info(app, said.trim_end_matches('.'));
}

/// Merges a sync tool's conflict copy into the open draft (see
/// [`Session::merge_sync_copy`](crate::session::Session::merge_sync_copy)), which then moves
/// the copy to the trash: the merge is on screen, and saved like any change.
pub(super) fn merge_sync_copy(app: &mut App, copy: &std::path::Path) {
    let Some(draft) = app.draft.as_mut() else { return };
    let (merged, went) = match draft.session.merge_sync_copy(&app.dirs, &app.catalog, copy) {
        Ok(merged) => merged,
        Err(e) => return error(app, format!("{}; nothing changed", crate::text::capitalised(&e))),
    };
    draft.content_replaced();
    app.content_replaced();
    let said = merged.describe("the sync tool's copy", "marked ! in the outline (F6)");
    info(app, format!("{}; {went}", said.trim_end_matches('.')));
}
