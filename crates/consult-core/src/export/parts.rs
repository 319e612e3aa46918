//! What a submission says, whatever its format: the title, who responds, the positions at a
//! glance, and each section's items with what was answered. The writers only lay it out;
//! every text here is as the files hold it, for each writer to make safe in its own way.
//! Notes are never part of it.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::Options;
use super::attribution::Notes;
use crate::joint::consensus;
use crate::model::joint::{Field, Joint};
use crate::model::{Answer, Item, Publication, QuestionSet, Respondent, Response, ResponseStatus, Section};

pub struct Submission<'a> {
    /// `<consultation> — response from <organisation>`.
    pub title: String,
    /// Who it is to, when the consultation closed, and whether this is the final version.
    pub preamble: String,
    pub organisation: &'a str,
    /// Each detail given, as a label and its value.
    pub respondent: Vec<(&'static str, String)>,
    /// One row per item answered on a scale (or every such item, unless skipping empty ones).
    pub positions: Vec<Row<'a>>,
    /// Sections with at least one item shown.
    pub sections: Vec<Part<'a>>,
    /// With attribution, what each footnote mark in the answers stands for, from 1.
    pub notes: Vec<String>,
}

pub struct Row<'a> {
    pub item: &'a Item,
    /// The option's label, or `None` for no position.
    pub position: Option<&'a str>,
}

pub struct Part<'a> {
    pub section: &'a Section,
    pub items: Vec<ItemPart<'a>>,
    /// A lone free-text item named like its section needs no heading or wording of its own.
    pub lone_free_text: bool,
}

pub struct ItemPart<'a> {
    pub item: &'a Item,
    /// The item's place among all the set's items, from 1, in set order (shown or not).
    pub ordinal: usize,
    /// The label of the position taken, for an item on a scale.
    pub position: Option<&'a str>,
    /// What to say in place of what is missing, such as "No written answer."
    pub missing: Option<&'static str>,
    /// The answer; empty if there is none. With attribution, footnote marks in it
    /// (see [`super::attribution`]).
    pub answer: Cow<'a, str>,
    /// The reasoning; empty if there is none or it is left out.
    pub reasoning: Cow<'a, str>,
    /// On a joint response with attribution: how far members agree, in a sentence.
    pub consensus: Option<String>,
    /// On a joint response: members' minority statements, as (member, statement).
    pub minority: Vec<(&'a str, &'a str)>,
}

/// What the submission of `response` to `set` contains.
pub fn submission<'a>(response: &'a Response, set: &'a QuestionSet, options: Options) -> Submission<'a> {
    // Looked up once per item: built once, so a set of any size costs in step with its items.
    let answers = response.answers_by_item();
    let answer = |item: &Item| answers.get(item.id.as_str()).copied();
    let shown = |item: &Item| {
        let answered = answer(item).is_some_and(Answer::is_answered);
        if options.answered_only {
            answered && !answer(item).is_some_and(|a| a.not_answering)
        } else {
            !options.skip_empty || answered
        }
    };
    let mut notes = Notes::default();
    let organisation = organisation_name(response);
    let positions = set
        .items()
        .filter(|item| shown(item) && item.scale.is_some())
        .map(|item| Row {
            item,
            position: position_of(answer(item), set, item),
        })
        .collect();
    let mut before = 0;
    let sections = set
        .sections
        .iter()
        .filter_map(|section| {
            let first = before + 1;
            before += section.items.len();
            let items: Vec<(usize, &Item)> =
                (first..).zip(&section.items).filter(|(_, i)| shown(i)).collect();
            if items.is_empty() {
                return None;
            }
            let lone_free_text =
                items.len() == 1 && items[0].1.scale.is_none() && items[0].1.label == section.title;
            let items = items
                .into_iter()
                .map(|(ordinal, item)| {
                    item_part(response, answer(item), set, (ordinal, item), options, &mut notes)
                })
                .collect();
            Some(Part {
                section,
                items,
                lone_free_text,
            })
        })
        .collect();
    let mut respondent = respondent(&response.respondent);
    if let Some(joint) = &response.joint {
        respondent.push(("Joint response of", joint_members(joint)));
    }
    Submission {
        title: format!("{} — response from {organisation}", set.title),
        preamble: preamble(response, set),
        organisation,
        respondent,
        positions,
        sections,
        notes: notes.texts,
    }
}

fn item_part<'a>(
    response: &'a Response,
    answer: Option<&'a Answer>,
    set: &'a QuestionSet,
    (ordinal, item): (usize, &'a Item),
    options: Options,
    notes: &mut Notes,
) -> ItemPart<'a> {
    let text = answer.map_or("", |a| a.answer.as_str());
    let reasoning = answer
        .filter(|_| options.reasoning)
        .map_or("", |a| a.reasoning.as_str());
    let has_text = !text.trim().is_empty();
    let position = position_of(answer, set, item);
    let missing = match (item.scale.is_some(), position) {
        (true, Some(_)) if !has_text => Some("No written answer."),
        (true, None) if has_text => Some("No position given."),
        (_, None) if !has_text && answer.is_some_and(|a| a.not_answering) => {
            Some("We are not answering this item.")
        }
        (_, None) if !has_text => Some("Not answered."),
        _ => None,
    };
    let joint = response.joint.as_ref();
    // The item's joint record, found once: attribution, consensus and minority read it.
    let joint_item = joint.and_then(|j| j.item(&item.id));
    let record = joint_item.filter(|_| options.attribution);
    let answer = if has_text { text } else { "" };
    let reasoning = if reasoning.trim().is_empty() {
        ""
    } else {
        reasoning
    };
    ItemPart {
        item,
        ordinal,
        position,
        missing,
        answer: notes.marked(answer, record, Field::Answer),
        reasoning: notes.marked(reasoning, record, Field::Reasoning),
        consensus: joint
            .filter(|_| options.attribution && item.scale.is_some())
            .map(|j| consensus_sentence(j, set, item)),
        minority: joint_item
            .map(|r| {
                r.minority
                    .iter()
                    .filter(|m| !m.text.trim().is_empty())
                    .map(|m| (m.member.as_str(), m.text.as_str()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// "Members: consensus (3 Agree, 1 Disagree)." and, when the secretariat judged otherwise,
/// what it declared and why.
pub fn consensus_sentence(joint: &Joint, set: &QuestionSet, item: &Item) -> String {
    let tally = consensus::tally(joint, set, item);
    let counts = tally.describe(set, item);
    let declared = joint.item(&item.id).and_then(|r| r.consensus.as_ref());
    let counted = if counts.is_empty() {
        tally.computed.label().to_string()
    } else {
        format!("{} ({counts})", tally.computed.label())
    };
    match declared {
        Some(d) if d.level != tally.computed => format!(
            "Members: {}, as the secretariat judges it; counted, {counted}. {}",
            d.level.label(),
            d.reason.trim()
        ),
        _ => format!("Members: {counted}."),
    }
}

/// The members' organisations, in the order they joined.
fn joint_members(joint: &Joint) -> String {
    joint
        .members
        .iter()
        .map(|m| m.organisation.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn organisation_name(response: &Response) -> &str {
    let name = response.respondent.organisation.trim();
    if name.is_empty() {
        "an unnamed organisation"
    } else {
        name
    }
}

fn preamble(response: &Response, set: &QuestionSet) -> String {
    let mut text = format!("A response to {}'s consultation", set.publisher);
    if let Some(date) = set
        .closing_date
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
    {
        let _ = write!(text, ", which closed on {}", date.strftime("%-d %B %Y"));
    }
    let updated = response.updated.strftime("%-d %B %Y");
    match response.status {
        ResponseStatus::Final => write!(text, ". Final version, {updated}."),
        ResponseStatus::Draft => write!(text, ". Draft, last changed {updated}: not yet final."),
    }
    .expect("writing to a String cannot fail");
    text
}

/// The respondent's details that were given, in the order consultations ask for them.
pub fn respondent(r: &Respondent) -> Vec<(&'static str, String)> {
    let mut fields = Vec::new();
    let mut field = |name: &'static str, value: &str| {
        if !value.trim().is_empty() {
            fields.push((name, value.to_string()));
        }
    };
    field("Organisation", &r.organisation);
    field("Contact", &r.contact_name);
    field("Role", &r.role);
    field("Email", r.email.as_deref().unwrap_or(""));
    let capacity = match (r.on_behalf, r.members) {
        (false, _) => "in a personal capacity".to_string(),
        (true, None) => "on behalf of the organisation".to_string(),
        (true, Some(1)) => "on behalf of the organisation, which represents 1 member".to_string(),
        (true, Some(n)) => format!("on behalf of the organisation, which represents {n} members"),
    };
    field("Responding", &capacity);
    field(
        "How members' views were gathered",
        r.views_gathered.as_deref().unwrap_or(""),
    );
    field("May be published", r.publication.map_or("", Publication::label));
    field("Confidentiality", r.confidentiality.as_deref().unwrap_or(""));
    fields
}

/// The label of the position taken on `item`, if any. Symbols are for the screen:
/// in a document the words say it.
pub fn position<'a>(response: &Response, set: &'a QuestionSet, item: &Item) -> Option<&'a str> {
    position_of(response.answer(&item.id), set, item)
}

/// [`position`] of the answer already found.
fn position_of<'a>(answer: Option<&Answer>, set: &'a QuestionSet, item: &Item) -> Option<&'a str> {
    let scale = set.scale_of(item)?;
    let id = answer?.position.as_deref()?;
    scale.option(id).map(|o| o.label.as_str())
}
