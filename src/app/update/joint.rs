//! The joint walk-through: adopting members' passages, crediting members together,
//! consensus, minority statements, sign-off, and taking a member's new version.

use super::*;
use crate::app::command::JointCommand;
use crate::app::joint::JointPanel;
use crate::model::joint::{Consensus, ConsensusOverride, Field, SignOffState};
use crate::session::joint::Retaken;

/// The open draft's item id and the panel, when the draft is a joint response.
fn parts(app: &mut App) -> Option<(&mut Draft, &mut JointPanel)> {
    let draft = app.draft.as_mut()?;
    draft.response.joint.as_ref()?;
    Some((draft, app.joint.as_mut()?))
}

pub(super) fn joint_command(app: &mut App, command: Command) -> Option<Effect> {
    let now = Instant::now();
    let (draft, panel) = parts(app)?;
    let item = draft.item().id.clone();
    let joint = draft.response.joint.as_ref()?;
    match command {
        Command::Joint(JointCommand::Focus) | Command::Leave => panel.focused = false,
        Command::Down | Command::Up => panel.step_member(joint, &item, command == Command::Down),
        Command::Joint(JointCommand::NextUnit) => {
            let count = panel.unit_count(joint, &item);
            panel.unit = (panel.unit + 1).min(count.saturating_sub(1));
        }
        Command::Joint(JointCommand::PrevUnit) => panel.unit = panel.unit.saturating_sub(1),
        Command::Joint(JointCommand::SwitchField) => {
            panel.field = match panel.field {
                Field::Answer => Field::Reasoning,
                Field::Reasoning => Field::Answer,
            };
            panel.unit = 0;
        }
        Command::Joint(JointCommand::Paragraphs) => {
            panel.paragraphs = !panel.paragraphs;
            panel.unit = 0;
        }
        Command::Joint(JointCommand::Filter) => panel.next_filter(joint, &item),
        Command::Joint(JointCommand::Adopt) => adopt(app, &item, now),
        Command::Joint(JointCommand::Credit) => credit(app, &item, now),
        Command::Joint(JointCommand::Minority) => {
            let member = selected_member(app, &item)?;
            let joint = app.draft.as_ref()?.response.joint.as_ref()?;
            // The statement as recorded, or an empty field: a member's dissent is in its
            // own words, typed, never its key point to be cleared first.
            let current = joint
                .item(&item)
                .and_then(|r| r.minority.iter().find(|m| m.member == member))
                .map(|m| m.text.clone())
                .unwrap_or_default();
            app.dialog = Some(text_dialog(
                TextPurpose::Minority {
                    member: member.clone(),
                },
                format!("Minority statement of {} (empty: none)", visible_line(&member)),
                &current,
            ));
        }
        Command::Joint(JointCommand::Consensus) => app.dialog = Some(consensus_choice()),
        Command::Joint(JointCommand::SignOff) => app.dialog = Some(sign_off_choice(false)),
        Command::Joint(JointCommand::SignOffAll) => app.dialog = Some(sign_off_choice(true)),
        Command::Joint(JointCommand::TakeNew) => take_new(app, &item, now),
        _ => return walk_command(app, command),
    }
    None
}

/// The selected member's organisation, on `item`.
fn selected_member(app: &App, item: &str) -> Option<String> {
    let joint = app.draft.as_ref()?.response.joint.as_ref()?;
    let index = app.joint.as_ref()?.selected(joint, item)?;
    Some(joint.members[index].organisation.clone())
}

/// Which joint text passages go into: the one being typed, else the answer.
fn target(draft: &Draft) -> Field {
    match draft.focus() {
        Focus::Reasoning => Field::Reasoning,
        _ => Field::Answer,
    }
}

fn adopt(app: &mut App, item: &str, now: Instant) {
    let Some(member) = selected_member(app, item) else {
        return error(app, "No member's text to adopt on this item");
    };
    let (Some(draft), Some(panel)) = (app.draft.as_mut(), app.joint.as_mut()) else {
        return;
    };
    let Some(joint) = draft.response.joint.as_ref() else {
        return;
    };
    let Some((text, unit)) = panel.selection(joint, item) else {
        return error(
            app,
            format!("{} wrote nothing here to adopt", visible_line(&member)),
        );
    };
    let passage = text[unit].to_string();
    let field = target(draft);
    let Some(adopted) = draft.adopt(field, &passage, &member, panel.paragraphs, now) else {
        return;
    };
    panel.last_adopted = Some((item.to_string(), adopted.index));
    // The next sentence is the likely next choice.
    panel.unit += 1;
    info(app, adopted.describe());
}

fn credit(app: &mut App, item: &str, now: Instant) {
    let Some(member) = selected_member(app, item) else {
        return;
    };
    let Some(draft) = app.draft.as_mut() else { return };
    let last = app.joint.as_ref().and_then(|p| p.last_adopted.clone());
    let Some((_, index)) = last.filter(|(at, _)| at == item) else {
        return error(
            app,
            "Adopt a passage first; then + credits the selected member with it too",
        );
    };
    if draft.credit(index, &member, now) {
        info(
            app,
            format!("{} credited with the last passage adopted", visible_line(&member)),
        );
    } else {
        info(
            app,
            format!("{} is already credited with it", visible_line(&member)),
        );
    }
}

fn take_new(app: &mut App, item: &str, now: Instant) {
    let Some(member) = selected_member(app, item) else {
        return;
    };
    let (Some(draft), Some(panel)) = (app.draft.as_mut(), app.joint.as_mut()) else {
        return;
    };
    let Some(index) = draft
        .response
        .joint
        .as_ref()
        .and_then(|joint| joint.members.iter().position(|m| m.organisation == member))
    else {
        return;
    };
    let Some(current) = panel.now.get(index).cloned().flatten() else {
        let why = panel.unread.get(index).cloned().flatten();
        let why = why.map_or_else(
            || "it cannot be read now".into(),
            |why| visible_line(&why).into_owned(),
        );
        return error(app, format!("{}'s file: {why}", visible_line(&member)));
    };
    match draft.take_member_version(&member, &current, now) {
        Retaken::Unchanged => info(
            app,
            format!(
                "{}'s file has not changed since it was taken",
                visible_line(&member)
            ),
        ),
        Retaken::Taken => {
            // Taken as it is now, the member has changed nothing since.
            panel.changes[index].clear();
            info(
                app,
                format!(
                    "Took {}'s new version; the joint text is unchanged",
                    visible_line(&member)
                ),
            );
        }
        Retaken::NoSuchMember => {}
    }
}

fn consensus_choice() -> Dialog {
    let mut options: Vec<(char, &'static str, Decision)> = Consensus::ALL
        .iter()
        .zip(['1', '2', '3', '4', '5'])
        .map(|(level, key)| (key, level.label(), Decision::Consensus(Some(*level))))
        .collect();
    options.push((
        '0',
        "as counted from the members' positions",
        Decision::Consensus(None),
    ));
    options.push(('\u{1b}', "leave it as it is", Decision::NotNow));
    Dialog::Choose(Choice {
        title: "Consensus on this item".into(),
        lines: vec!["Declare the level yourself (you give the reason next), or go back to the count.".into()],
        options,
    })
}

fn sign_off_choice(whole: bool) -> Dialog {
    let options = [
        SignOffState::Agreed,
        SignOffState::Objected,
        SignOffState::NotAsked,
    ]
    .into_iter()
    .zip(['a', 'o', 'n'])
    .map(|(state, key)| (key, state.label(), Decision::SignOff { state, whole }))
    .chain([('\u{1b}', "leave it as it is", Decision::NotNow)])
    .collect();
    Dialog::Choose(Choice {
        title: if whole {
            "Sign-off on the whole response".into()
        } else {
            "Sign-off on this item".into()
        },
        lines: vec!["Where the selected member stands (you can add a note next).".into()],
        options,
    })
}

/// A decision of the consensus or sign-off questions: the text they need comes next.
pub(super) fn decided(app: &mut App, decision: Decision) {
    let item = app
        .draft
        .as_ref()
        .map(|d| d.item().id.clone())
        .unwrap_or_default();
    match decision {
        Decision::Consensus(None) => {
            if let Some(draft) = app.draft.as_mut() {
                draft.declare_consensus(None, Instant::now());
                info(app, "Consensus on this item is as counted again");
            }
        }
        Decision::Consensus(Some(level)) => {
            app.dialog = Some(text_dialog(
                TextPurpose::ConsensusReason(level),
                format!("Why {}? (the reason is exported with the item)", level.label()),
                "",
            ));
        }
        Decision::SignOff { state, whole } => {
            let Some(member) = selected_member(app, &item) else {
                return;
            };
            app.dialog = Some(text_dialog(
                TextPurpose::SignOff {
                    member: member.clone(),
                    item: (!whole).then_some(item),
                    state,
                },
                format!(
                    "{}: {} — a note (optional), then Enter",
                    visible_line(&member),
                    state.label()
                ),
                "",
            ));
        }
        _ => {}
    }
}

/// The words typed into a text dialog, put where they belong.
pub(super) fn text_entered(app: &mut App, purpose: TextPurpose, text: String) -> Option<Effect> {
    let now = Instant::now();
    if let TextPurpose::NewJoint { files } = purpose {
        return start_joint(app, &files, &text);
    }
    let draft = app.draft.as_mut()?;
    let text = text.trim().to_string();
    let said = match purpose {
        TextPurpose::Minority { member } => {
            if draft.set_minority(&member, &text, now) {
                format!("Minority statement of {} recorded", visible_line(&member))
            } else {
                format!("No minority statement for {}", visible_line(&member))
            }
        }
        TextPurpose::ConsensusReason(level) => {
            if text.is_empty() {
                app.dialog = Some(text_dialog(
                    TextPurpose::ConsensusReason(level),
                    format!("Why {}? A reason is needed to override the count", level.label()),
                    "",
                ));
                return None;
            }
            draft.declare_consensus(Some(ConsensusOverride { level, reason: text }), now);
            format!("Consensus declared: {}", level.label())
        }
        TextPurpose::SignOff { member, item, state } => {
            draft.sign_off(&member, item.is_none(), state, &text, now);
            let on = if item.is_some() {
                "this item"
            } else {
                "the whole response"
            };
            format!("{} {} on {on}", visible_line(&member), state.label())
        }
        TextPurpose::NewJoint { .. } | TextPurpose::KeyPoint => return None, // handled before
    };
    info(app, said);
    None
}

/// Starts a joint response from `organisation` of the compared files, and opens it.
fn start_joint(app: &mut App, files: &[PathBuf], organisation: &str) -> Option<Effect> {
    if organisation.trim().is_empty() {
        error(app, "Type the organisation making the joint response first");
        app.dialog = Some(text_dialog(
            TextPurpose::NewJoint {
                files: files.to_vec(),
            },
            NEW_JOINT_TITLE.into(),
            "",
        ));
        return None;
    }
    let set = app.comparison()?.comparison.as_ref()?.set.clone();
    match drafts::create_joint(&app.dirs, &app.catalog, &set, organisation, files) {
        Ok(opened) => {
            let members = files.len();
            app.attach(Draft::opened(opened));
            info(
                app,
                format!("Joint response of {members} members started: F9 shows their texts"),
            );
        }
        Err(e) => error(app, format!("Could not start the joint response: {e}")),
    }
    None
}

pub const NEW_JOINT_TITLE: &str = "Joint response from (the organisation making it), then Enter";
