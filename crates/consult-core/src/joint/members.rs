//! Members of a joint response: starting one from members' responses, taking a member's
//! answers (and, when the member changes its mind, its new ones), and what changed since.

use jiff::Timestamp;

use crate::model::joint::{Joint, Member};
use crate::model::{Answer, QuestionSet, Response};

/// Why a joint response cannot be started from these files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JointError {
    /// This member's response answers another question set.
    OtherSet { file: String, set: String },
    /// Two files are from one organisation: which one speaks for it?
    SameOrganisation {
        organisation: String,
        first: String,
        second: String,
    },
    /// A member's response is itself a joint response.
    Nested { file: String },
    /// No member responses were given.
    NoMembers,
}

impl std::fmt::Display for JointError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::text::visible_line as shown;
        match self {
            JointError::OtherSet { file, set } => write!(
                f,
                "{} answers question set {:?}: every member must answer the joint response's set",
                shown(file),
                shown(set)
            ),
            JointError::SameOrganisation {
                organisation,
                first,
                second,
            } => write!(
                f,
                "{} and {} are both from {:?}: give one response per member",
                shown(first),
                shown(second),
                shown(organisation)
            ),
            JointError::Nested { file } => write!(
                f,
                "{} is itself a joint response: give the members' own responses",
                shown(file)
            ),
            JointError::NoMembers => write!(f, "a joint response needs at least one member's response"),
        }
    }
}

/// What a joint response keeps of a member's answer: the member's notes to itself are
/// not the secretariat's to read, and its progress marks mean nothing here.
fn kept(answer: &Answer) -> Answer {
    Answer {
        notes: String::new(),
        status: Default::default(),
        ..answer.clone()
    }
}

/// `response`, read from `file`, as a member taken `now`.
pub fn take(response: &Response, file: &str, now: Timestamp) -> Member {
    let answers: Vec<Answer> = response
        .answers
        .iter()
        .filter(|a| a.is_answered() || !a.reasoning.trim().is_empty())
        .map(kept)
        .collect();
    Member {
        organisation: response.respondent.organisation.trim().to_string(),
        file: file.to_string(),
        digest: Member::digest_of(&answers),
        taken: now,
        answers,
    }
}

/// A new joint response to `set` from `organisation`, with `members` (each a file as
/// given and the response read from it).
pub fn start(
    set: &QuestionSet,
    organisation: &str,
    members: &[(String, Response)],
    now: Timestamp,
) -> Result<Response, JointError> {
    if members.is_empty() {
        return Err(JointError::NoMembers);
    }
    let mut joint = Joint::default();
    for (file, response) in members {
        if response.question_set.id != set.id {
            return Err(JointError::OtherSet {
                file: file.clone(),
                set: response.question_set.id.clone(),
            });
        }
        if response.joint.is_some() {
            return Err(JointError::Nested { file: file.clone() });
        }
        let member = take(response, file, now);
        if let Some(first) = joint.member(&member.organisation) {
            return Err(JointError::SameOrganisation {
                organisation: member.organisation.clone(),
                first: first.file.clone(),
                second: file.clone(),
            });
        }
        joint.members.push(member);
    }
    let mut response = Response::new(set, organisation);
    response.joint = Some(joint);
    response.format_version = response.format_to_write();
    Ok(response)
}

/// What to say of a member, read from `file`, whose response still holds merge conflicts
/// nobody has settled: where they are, that its values there are not positions it took,
/// and what to do. `None` when it has none.
pub fn unsettled_warning(file: &str, response: &Response, set: &QuestionSet) -> Option<String> {
    use crate::text::visible_line as shown;
    let places: Vec<String> = response
        .conflicted_places()
        .into_iter()
        .map(|place| match set.item(place) {
            Some(item) => format!("{} ({place})", item.label),
            None => place.to_string(),
        })
        .collect();
    let count = match response.conflicts.len() {
        0 => return None,
        1 => "a merge conflict".to_string(),
        n => format!("{n} merge conflicts"),
    };
    Some(format!(
        "{} ({}) has {count} not settled, in {}: what it holds there is what both merged copies started from, not a position it took; settle them with `consult edit {}`, then take its new version (u in the members panel)",
        shown(response.respondent.organisation.trim()),
        shown(file),
        shown(&places.join(", ")),
        shown(file)
    ))
}

/// What a member changed on one item since the version the joint response used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub item: String,
    /// The position before and after, when it changed.
    pub position: Option<(Option<String>, Option<String>)>,
    pub answer: bool,
    pub reasoning: bool,
}

/// Per item of `set`, in reading order, what `now` (the member's response as it is)
/// changed since `member` was taken.
pub fn changes(member: &Member, now: &Response, set: &QuestionSet) -> Vec<Change> {
    let blank = Answer::default();
    let was_by_item = Answer::by_item(&member.answers);
    let is_by_item = now.answers_by_item();
    set.items()
        .filter_map(|item| {
            let was = was_by_item.get(item.id.as_str()).copied().unwrap_or(&blank);
            let is = is_by_item.get(item.id.as_str()).copied().unwrap_or(&blank);
            let change = Change {
                item: item.id.clone(),
                position: (was.position != is.position).then(|| (was.position.clone(), is.position.clone())),
                answer: was.answer.trim() != is.answer.trim(),
                reasoning: was.reasoning.trim() != is.reasoning.trim(),
            };
            (change.position.is_some() || change.answer || change.reasoning).then_some(change)
        })
        .collect()
}

/// Whether `now` differs from the version of the member the joint response used.
pub fn has_changed(member: &Member, now: &Response) -> bool {
    take(now, &member.file, member.taken).digest != member.digest
}

/// Replaces the member's answers with those of `now`, its response as it is: the joint
/// text and its passages stay as they are.
pub fn retake(joint: &mut Joint, organisation: &str, now: &Response, at: Timestamp) -> bool {
    let Some(member) = joint.members.iter_mut().find(|m| m.organisation == organisation) else {
        return false;
    };
    let file = member.file.clone();
    let mut taken = take(now, &file, at);
    // The member keeps the name passages know it by, even if its file now spells it otherwise.
    taken.organisation = member.organisation.clone();
    *member = taken;
    true
}
