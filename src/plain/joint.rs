//! A joint response in the plain dialogue: the members' positions and sentences, numbered,
//! adopting them into the joint text, consensus, minority statements and sign-off. The
//! same domain functions as the full screen's members panel; each change is saved at once.

use std::time::Instant;

use super::commands::Command;
use super::{Plain, Stop};
use crate::drafts::joint::MemberNow;
use crate::joint::consensus;
use crate::joint::provenance::{self, units};
use crate::model::joint::{ConsensusOverride, Field, Joint};
use crate::session::Session;
use crate::session::joint::Retaken;
use crate::text::visible_line;

/// Member `n` (from 1) of `joint`, or the line to say instead.
fn member(joint: &Joint, n: usize) -> Result<usize, String> {
    let count = joint.members.len();
    (1..=count)
        .contains(&n)
        .then(|| n - 1)
        .ok_or_else(|| format!("There is no member {n}; members are numbered 1 to {count}."))
}

/// A member's sentences on `item`: its answer's, then its reasoning's, each with its field.
fn sentences<'a>(joint: &'a Joint, m: usize, item: &str) -> Vec<(Field, &'a str)> {
    let Some(answer) = joint.members[m].answer(item) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    for (field, text) in [
        (Field::Answer, &answer.answer),
        (Field::Reasoning, &answer.reasoning),
    ] {
        all.extend(units(text, false).into_iter().map(|r| (field, &text[r])));
    }
    all
}

impl Plain {
    pub(super) fn joint(&mut self, draft: &mut Session, command: Command) -> Result<(), Stop> {
        let Some(joint) = draft.response.joint.as_ref() else {
            self.say("This is not a joint response; start one with consult joint new --org NAME FILE...");
            return Ok(());
        };
        // The member a command names, checked once: a number out of range is said here.
        let named = match &command {
            Command::Member(n)
            | Command::Adopt { member: n, .. }
            | Command::Credit(n)
            | Command::Minority(n, _)
            | Command::Take(n)
            | Command::SignOff { member: n, .. } => Some(*n),
            _ => None,
        };
        let (m, name) = match named.map(|n| member(joint, n)) {
            Some(Err(why)) => {
                self.say(why);
                return Ok(());
            }
            Some(Ok(m)) => (m, joint.members[m].organisation.clone()),
            None => (0, String::new()),
        };
        let now = Instant::now();
        // Each arm says what it did when it changed the response, or has said why not.
        let changed = match command {
            Command::Members => self.members(draft),
            Command::Member(_) => self.member_text(draft, m),
            Command::Adopt {
                member: n,
                sentence,
                reasoning,
            } => self.adopt(draft, m, n, sentence, reasoning),
            Command::Credit(_) => self.credit(draft, &name),
            Command::Consensus(None) => self.counted(draft),
            Command::Consensus(Some((None, _))) => {
                draft.declare_consensus(None, now);
                Some("Consensus on this item is as counted again.".to_string())
            }
            Command::Consensus(Some((Some(_), reason))) if reason.is_empty() => {
                self.say("Give the reason after the level: consensus full all members agreed at the meeting");
                None
            }
            Command::Consensus(Some((Some(level), reason))) => {
                draft.declare_consensus(Some(ConsensusOverride { level, reason }), now);
                Some(format!("Consensus declared: {}.", level.label()))
            }
            Command::Minority(_, text) => Some(if draft.set_minority(&name, &text, now) {
                format!("Minority statement of {} recorded.", visible_line(&name))
            } else {
                format!("No minority statement for {}.", visible_line(&name))
            }),
            Command::SignOff {
                state, whole, note, ..
            } => {
                draft.sign_off(&name, whole, state, &note, now);
                let what = if whole { "the whole response" } else { "this item" };
                Some(format!("{} {} on {what}.", visible_line(&name), state.label()))
            }
            Command::Take(_) => self.take(draft, m, &name)?,
            _ => None,
        };
        let Some(said) = changed else { return Ok(()) };
        self.say(said);
        self.changed(draft)
    }

    /// Member `m`'s sentences on the item, numbered for `adopt`.
    fn member_text(&self, draft: &Session, m: usize) -> Option<String> {
        let joint = draft.response.joint.as_ref()?;
        let lines = sentences(joint, m, &draft.item().id);
        let name = visible_line(&joint.members[m].organisation);
        if lines.is_empty() {
            self.say(format!("{name} wrote nothing on this item."));
            return None;
        }
        self.say(format!("{name}, a sentence a line:"));
        for (i, (field, text)) in lines.iter().enumerate() {
            self.say(format!("{}. ({}) {}", i + 1, field.label(), visible_line(text)));
        }
        None
    }

    /// Sentence `sentence` of member `m` (numbered `n` to the user) into the joint text.
    fn adopt(
        &mut self,
        draft: &mut Session,
        m: usize,
        n: usize,
        sentence: usize,
        reasoning: bool,
    ) -> Option<String> {
        let joint = draft.response.joint.as_ref()?;
        let item = draft.item().id.clone();
        let lines = sentences(joint, m, &item);
        let Some((_, passage)) = sentence.checked_sub(1).and_then(|i| lines.get(i)) else {
            self.say(format!(
                "Member {n} has {} sentences here; member {n} lists them.",
                lines.len()
            ));
            return None;
        };
        let passage = passage.to_string();
        let from = joint.members[m].organisation.clone();
        let field = if reasoning {
            Field::Reasoning
        } else {
            Field::Answer
        };
        let adopted = draft.adopt(field, &passage, &from, false, Instant::now())?;
        self.last_adopted = Some((item, adopted.index));
        Some(format!("{}.", adopted.describe()))
    }

    fn credit(&mut self, draft: &mut Session, name: &str) -> Option<String> {
        let item = &draft.item().id;
        let Some((_, index)) = self.last_adopted.clone().filter(|(at, _)| at == item) else {
            self.say("Adopt a sentence on this item first; then credit N adds member N to it.");
            return None;
        };
        if !draft.credit(index, name, Instant::now()) {
            self.say(format!("{} is already credited with it.", visible_line(name)));
            return None;
        }
        Some(format!(
            "{} credited with the sentence adopted last.",
            visible_line(name)
        ))
    }

    /// The consensus as counted, and as declared if it is.
    fn counted(&self, draft: &Session) -> Option<String> {
        let joint = draft.response.joint.as_ref()?;
        let item = &draft.item().id;
        let tally = consensus::tally(joint, &draft.set, draft.item());
        let counts = tally.describe(&draft.set, draft.item());
        let mut line = format!("Counted: {} ({counts}).", tally.computed.label());
        if let Some(d) = joint.item(item).and_then(|r| r.consensus.as_ref()) {
            line.push_str(&format!(
                " Declared: {}, because {}",
                d.level.label(),
                visible_line(&d.reason)
            ));
        }
        self.say(line);
        None
    }

    /// Member `m`'s file as it is now, in place of the copy taken.
    fn take(&mut self, draft: &mut Session, m: usize, name: &str) -> Result<Option<String>, Stop> {
        let mut found = draft.member_now(m, &self.dirs, &self.catalog, &[]);
        // A file outside the joint draft's folder is read only once the user says so.
        if let Some(MemberNow::Outside(path)) = found.clone() {
            let question = format!(
                "{}'s file {} is outside this joint draft's folder; a joint draft from someone else could name any file. Read it? yes or no",
                visible_line(name),
                visible_line(&path.display().to_string())
            );
            if self.yes_no(&question)? {
                found = draft.member_now(m, &self.dirs, &self.catalog, &[path]);
            }
        }
        let current = match found {
            Some(MemberNow::Read(current)) => current,
            other => {
                let why = other
                    .and_then(|o| o.problem(name))
                    .unwrap_or_else(|| "it cannot be read now".into());
                self.say(format!("{}'s file: {}.", visible_line(name), visible_line(&why)));
                return Ok(None);
            }
        };
        if draft.take_member_version(name, &current, Instant::now()) == Retaken::Taken {
            return Ok(Some(format!(
                "Took {}'s new version; the joint text is unchanged.",
                visible_line(name)
            )));
        }
        self.say(format!(
            "{}'s file has not changed since it was taken.",
            visible_line(name)
        ));
        Ok(None)
    }

    /// Each member on the current item: number, name, position, key point, and whether
    /// the joint text credits it; then the consensus. Changes nothing.
    fn members(&self, draft: &Session) -> Option<String> {
        let joint = draft.response.joint.as_ref()?;
        let item = draft.item();
        let scale = draft.set.scale_of(item);
        for (i, member) in joint.members.iter().enumerate() {
            let answer = member.answer(&item.id);
            let position = answer
                .and_then(|a| a.position.as_deref())
                .and_then(|id| scale?.option(id))
                .map_or("no position".to_string(), |o| o.label.clone());
            let inferred = if answer.is_some_and(crate::model::Answer::is_inferred) {
                " (inferred)"
            } else {
                ""
            };
            let credited = provenance::credited(joint, &item.id, &member.organisation);
            let point = answer.map_or("", |a| a.key_point());
            self.say(format!(
                "{}. {}: {position}{inferred}{}{}",
                i + 1,
                visible_line(&member.organisation),
                if point.is_empty() {
                    String::new()
                } else {
                    format!(". {}", visible_line(point))
                },
                if credited { " In the joint text." } else { "" }
            ));
        }
        if item.scale.is_some() {
            let tally = consensus::tally(joint, &draft.set, item);
            self.say(format!(
                "Consensus: {} ({}).",
                tally
                    .level(joint.item(&item.id).and_then(|r| r.consensus.as_ref()))
                    .label(),
                tally.describe(&draft.set, item)
            ));
        }
        None
    }
}
