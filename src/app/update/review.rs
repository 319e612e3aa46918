//! The review panel: accepting or rejecting reviewers' suggestions (each one undo),
//! marking comments resolved, and turning a member's comment into its sign-off.

use super::*;
use crate::app::command::ReviewCommand;
use crate::app::review::{Entry, entries};
use crate::model::joint::SignOffState;
use crate::session::review::{ReviewError, describe_comment_sign_off, describe_resolved};
use crate::text::capitalised;

pub(super) fn review_panel_command(app: &mut App, command: Command) -> Option<Effect> {
    let now = Instant::now();
    let draft = app.draft.as_mut()?;
    let count = entries(draft).len();
    let selected = app.review.selection_index(count);
    match command {
        Command::Reviews(ReviewCommand::Open) => {
            app.review.open = !app.review.open;
            if app.review.open && count == 0 {
                info(
                    app,
                    "Nothing from reviewers on this item; items marked ✎ in the outline have suggestions or comments",
                );
            }
        }
        Command::Down | Command::Up => app.review.selected = step(selected, command == Command::Down, count),
        Command::Reviews(ReviewCommand::Accept | ReviewCommand::Reject) => {
            let Some(Entry::Suggestion(suggestion)) = entries(draft).get(selected).copied() else {
                return fail(app, "Select a suggestion first: a accepts it, r rejects it");
            };
            let number = suggestion.number;
            let decided = if command == Command::Reviews(ReviewCommand::Accept) {
                draft.accept_suggestion(number, now)
            } else {
                draft.reject_suggestion(number, now)
            };
            match decided {
                Ok(decided) => {
                    if let Some(field) = decided.text {
                        draft.text_put_in(field);
                    }
                    info(app, decided.describe());
                }
                Err(e) => return refuse(app, &e),
            }
        }
        Command::Reviews(ReviewCommand::Resolve) => {
            let Some(Entry::Comment(comment)) = entries(draft).get(selected).copied() else {
                return fail(app, "Select a comment first: c marks it resolved");
            };
            let (number, resolved) = (comment.number, !comment.resolved);
            match draft.resolve_comment(number, resolved, now) {
                Ok(_) => info(app, describe_resolved(number, resolved)),
                Err(e) => return refuse(app, &e),
            }
        }
        Command::Reviews(ReviewCommand::SignOff) => {
            let Some(Entry::Comment(comment)) = entries(draft).get(selected).copied() else {
                return fail(
                    app,
                    "Select a member's comment first: s makes it the member's sign-off",
                );
            };
            let number = comment.number;
            match draft.comment_member(number) {
                Ok((member, text)) => app.dialog = Some(sign_off_choice(number, &member, &text)),
                Err(e) => return refuse(app, &e),
            }
        }
        // The members panel takes the review panel's place.
        Command::Joint(crate::app::command::JointCommand::Focus) => {
            app.review.open = false;
            return walk_command(app, command);
        }
        _ => return walk_command(app, command),
    }
    None
}

/// Asks whether the member's comment `number` says it agreed or objected.
fn sign_off_choice(number: u32, member: &str, text: &str) -> Dialog {
    let options = [SignOffState::Agreed, SignOffState::Objected]
        .into_iter()
        .zip(['a', 'o'])
        .map(|(state, key)| (key, state.label(), Decision::CommentSignOff { number, state }))
        .chain([('\u{1b}', "leave it as it is", Decision::NotNow)])
        .collect();
    Dialog::Choose(Choice {
        title: format!("Comment {number} as a sign-off"),
        lines: vec![
            format!(
                "{} wrote: “{}”",
                visible_line(member),
                visible_line(&crate::text::shorten(text, 200))
            ),
            "Its words become the member's sign-off note on this item, and the comment is resolved.".into(),
        ],
        options,
    })
}

/// Records the member's comment `number` as its sign-off on the item, `state`.
pub(super) fn sign_off_from_comment(app: &mut App, number: u32, state: SignOffState) {
    let Some(draft) = app.draft.as_mut() else { return };
    match draft.sign_off_from_comment(number, state, Instant::now()) {
        Ok(member) => info(app, describe_comment_sign_off(number, &member, state)),
        Err(e) => {
            refuse(app, &e);
        }
    }
}

/// Says why a decision could not be made, as the core words it.
fn refuse(app: &mut App, why: &ReviewError) -> Option<Effect> {
    fail(app, capitalised(&why.describe()))
}

fn fail(app: &mut App, text: impl Into<String>) -> Option<Effect> {
    error(app, text);
    None
}
