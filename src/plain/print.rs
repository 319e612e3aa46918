//! What the plain dialogue says: pure functions from the response and its question set
//! to lines of text, one idea a line. Text from files stays on its own lines, and
//! one-line fields (labels, titles, names) are kept to one line with
//! [`visible_line`]; the dialogue passes every line through [`crate::text::visible`]
//! again before it is written, so no control character reaches the terminal.

use jiff::tz::TimeZone;

use super::commands::WORDS;
use crate::catalog::{Catalog, Origin};
use crate::drafts::history::Version;
use crate::drafts::{Candidate, DraftSummary};
use crate::model::{Answer, Item, QuestionSet, Respondent, Response, Scale};
use crate::session::StillToDo;
use crate::text::{saved_time, shorten, visible_line, word_count};

/// A one-line field as one line.
fn one(text: &str) -> String {
    visible_line(text).into_owned()
}

/// The item's label, with its short title if it has one: "Question 1, Statutory ICSs".
pub fn name(item: &Item) -> String {
    match &item.short_title {
        Some(title) => format!("{}, {}", one(&item.label), one(title)),
        None => one(&item.label),
    }
}

fn words(n: usize) -> String {
    if n == 1 {
        "1 word".into()
    } else {
        format!("{n} words")
    }
}

/// A text of several lines, each line indented under the line that names it.
fn indented(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split('\n').map(|line| format!("  {line}"))
}

/// The item at `index` (in reading order): where it is, its exact wording, and what the
/// response holds for it. `full` adds the section's introduction and the guidance.
pub fn item(set: &QuestionSet, response: &Response, index: usize, full: bool) -> Vec<String> {
    let Some(item) = set.items().nth(index) else {
        return Vec::new();
    };
    let section = set.section_of(&item.id);
    let mut lines = vec![format!(
        "{}. Item {} of {}, in {}.",
        name(item),
        index + 1,
        set.item_count(),
        section.map_or_else(String::new, |s| one(&s.title))
    )];
    if full && let Some(intro) = section.and_then(|s| s.intro.as_deref()) {
        lines.push("About this section:".into());
        lines.extend(indented(intro));
    }
    lines.push("Wording:".into());
    lines.extend(indented(&item.prompt));
    match (&item.context, full) {
        (Some(context), true) => {
            lines.push("Guidance:".into());
            lines.extend(indented(context));
        }
        (Some(_), false) => lines.push("Guidance: type show to hear it.".into()),
        (None, _) => {}
    }
    if let Some(limit) = item.word_limit {
        lines.push(format!("Word limit: {}.", words(limit as usize)));
    }
    let answer = response.answer(&item.id).cloned().unwrap_or_default();
    if let Some(scale) = set.scale_of(item) {
        lines.extend(positions(scale));
        lines.push(position(scale, answer.position.as_deref()));
        if answer.position.is_some() && !answer.position_basis.is_stated() {
            lines.push("The position is inferred, not stated by the respondent (stated changes it).".into());
        }
    }
    if let Some(point) = answer.key_point.as_deref().filter(|p| !p.trim().is_empty()) {
        lines.push(format!("Key point: {}", one(point)));
    }
    lines.extend(text_field("Answer", &answer.answer, item.word_limit));
    if item.scale.is_some() || !answer.reasoning.is_empty() {
        lines.extend(text_field("Reasoning", &answer.reasoning, None));
    }
    lines.push(format!("Status: {}.", answer.status.label()));
    if let Some(waiting) = response
        .reviews
        .as_ref()
        .and_then(|r| r.describe_waiting(&item.id))
    {
        lines.push(format!(
            "From reviewers, waiting here: {waiting} (suggestions and comments list them)."
        ));
    }
    lines
}

/// The scale's options, numbered from 1 as `position N` picks them.
pub fn positions(scale: &Scale) -> Vec<String> {
    let mut lines = vec![format!("Positions, on the {} scale:", one(&scale.name))];
    lines.extend(
        scale
            .options
            .iter()
            .enumerate()
            .map(|(i, option)| format!("  {}. {}", i + 1, one(&option.label))),
    );
    lines
}

/// "Position: 2, Partly agree." or "Position: none chosen."
pub fn position(scale: &Scale, chosen: Option<&str>) -> String {
    let found = chosen.and_then(|id| Some((scale.option_index(id)?, scale.option(id)?)));
    match (found, chosen) {
        (Some((i, option)), _) => format!("Position: {}, {}.", i + 1, one(&option.label)),
        (None, Some(id)) => format!("Position: {}, which is not on this scale.", one(id)),
        (None, None) => "Position: none chosen.".into(),
    }
}

/// "Answer: none yet." or "Answer, 12 words:" and the text, line by line.
pub fn text_field(title: &str, text: &str, limit: Option<u32>) -> Vec<String> {
    if text.trim().is_empty() {
        return vec![format!("{title}: none yet.")];
    }
    let count = word_count(text);
    let over = match limit {
        Some(limit) if count > limit as usize => format!(", over the limit of {limit}"),
        _ => String::new(),
    };
    let mut lines = vec![format!("{title}, {}{over}:", words(count))];
    lines.extend(indented(text));
    lines
}

/// What is said once a text is set: its length, and whether it is over the item's limit.
pub fn text_set(title: &str, text: &str, limit: Option<u32>) -> Vec<String> {
    let count = word_count(text);
    let mut lines = vec![format!("{title} set: {}.", words(count))];
    if let Some(limit) = limit.filter(|l| count > *l as usize) {
        lines.push(format!(
            "That is {} over the limit of {limit}.",
            words(count - limit as usize)
        ));
    }
    lines
}

/// Every item on a line, and then what is still to do.
pub fn review(set: &QuestionSet, response: &Response) -> Vec<String> {
    let mut lines = vec![format!(
        "Review: {} of {} answered; the response is {}.",
        response.answered_count(set),
        set.item_count(),
        status(response)
    )];
    for (i, item) in set.items().enumerate() {
        let answer = response.answer(&item.id).cloned().unwrap_or_default();
        let waiting = response
            .reviews
            .as_ref()
            .and_then(|r| r.describe_waiting(&item.id))
            .map_or_else(String::new, |w| format!("; from reviewers, {w} waiting"));
        lines.push(format!(
            "{}. {}: {}{waiting}.",
            i + 1,
            name(item),
            at_a_glance(set, item, &answer)
        ));
    }
    let to_do = still_to_do(set, &StillToDo::of(set, response));
    if to_do.is_empty() {
        lines.push("Every item is answered and within its word limit.".into());
    }
    lines.extend(to_do);
    lines.push(
        if response.status == crate::model::ResponseStatus::Final {
            "go and a number goes to an item; final makes the response a draft again."
        } else {
            "go and a number goes to an item; final marks the response final."
        }
        .into(),
    );
    lines
}

fn at_a_glance(set: &QuestionSet, item: &Item, answer: &Answer) -> String {
    if !answer.is_answered() {
        return if answer.not_answering {
            "not answering"
        } else {
            "no answer yet"
        }
        .into();
    }
    let mut parts = Vec::new();
    if let Some(scale) = set.scale_of(item) {
        let option = answer.position.as_deref().and_then(|id| scale.option(id));
        let inferred = if answer.is_inferred() { " (inferred)" } else { "" };
        parts.push(option.map_or_else(
            || "no position".into(),
            |o| format!("{}{inferred}", one(&o.label)),
        ));
    }
    let count = word_count(&answer.answer);
    parts.push(match (count, item.word_limit) {
        (0, _) => "no answer text".to_string(),
        (n, Some(limit)) if n > limit as usize => format!("answer {}, over the limit of {limit}", words(n)),
        (n, _) => format!("answer {}", words(n)),
    });
    if !answer.reasoning.trim().is_empty() {
        parts.push(format!("reasoning {}", words(word_count(&answer.reasoning))));
    }
    parts.push(answer.status.label().to_string());
    parts.join(", ")
}

/// What stands between the response and final, a line each. Empty when nothing does.
pub fn still_to_do(set: &QuestionSet, to_do: &StillToDo) -> Vec<String> {
    to_do.describe(|id| set.item(id).map_or_else(|| one(id), |i| one(&i.label)))
}

fn or_none(text: &str) -> String {
    if text.trim().is_empty() {
        "none".into()
    } else {
        one(text)
    }
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "yes" } else { "no" }
}

/// Who is responding, a detail a line.
pub fn respondent(r: &Respondent) -> Vec<String> {
    vec![
        format!("Organisation: {}.", or_none(&r.organisation)),
        format!("Contact name: {}.", or_none(&r.contact_name)),
        format!("Role: {}.", or_none(&r.role)),
        format!("Email: {}.", or_none(r.email.as_deref().unwrap_or(""))),
        format!("On behalf of the organisation: {}.", yes_no(r.on_behalf)),
        format!(
            "How the members' views were gathered: {}.",
            or_none(r.views_gathered.as_deref().unwrap_or(""))
        ),
    ]
}

/// "a draft" or "final", as in "the response is …".
fn status(response: &Response) -> &'static str {
    match response.status {
        crate::model::ResponseStatus::Draft => "a draft",
        crate::model::ResponseStatus::Final => "final",
    }
}

/// What is said on opening a draft (`new`: one just started).
pub fn opened(shown_path: &str, new: bool, set: &QuestionSet, response: &Response) -> Vec<String> {
    let what = if new { "Started a new draft:" } else { "Opened" };
    vec![
        format!("{what} {}.", one(shown_path)),
        format!(
            "The response of {} to {}.",
            or_none(&response.respondent.organisation),
            one(&set.title)
        ),
        format!(
            "{} of {} answered; the response is {}.",
            response.answered_count(set),
            set.item_count(),
            status(response)
        ),
        "Every change is saved at once. Type help for the commands.".into(),
    ]
}

/// The drafts, numbered, newest first.
pub fn drafts(list: &[DraftSummary], zone: &TimeZone) -> Vec<String> {
    let mut lines = vec![match list.len() {
        1 => "1 draft:".to_string(),
        n => format!("{n} drafts, newest first:"),
    }];
    for (i, draft) in list.iter().enumerate() {
        lines.push(format!(
            "{}. {}: {}; {} of {} answered, {}, saved {}.",
            i + 1,
            or_none(&draft.organisation),
            shorten(&one(&draft.consultation), 60),
            draft.answered,
            draft.total,
            draft.status.label(),
            saved_time(draft.updated, zone)
        ));
    }
    lines
}

/// The question sets, numbered.
pub fn sets(catalog: &Catalog) -> Vec<String> {
    let mut lines = vec!["Question sets:".to_string()];
    for (i, entry) in catalog.entries.iter().enumerate() {
        let origin = match &entry.origin {
            Origin::BuiltIn => "built in".to_string(),
            Origin::User(path) => one(&path.display().to_string()),
        };
        lines.push(format!(
            "{}. {} ({}, {} items, {origin}).",
            i + 1,
            one(&entry.set.title),
            one(&entry.set.id),
            entry.set.item_count()
        ));
    }
    lines
}

/// A draft's saved versions, newest first.
pub fn versions(list: &[Version], zone: &TimeZone) -> Vec<String> {
    if list.is_empty() {
        return vec!["There are no saved versions yet.".into()];
    }
    let mut lines: Vec<String> = list
        .iter()
        .map(|v| {
            format!(
                "Version {}, saved {}: {}.",
                v.number,
                saved_time(v.saved, zone),
                v.summary
            )
        })
        .collect();
    lines.push("restore and a number goes back to that version.".into());
    lines
}

/// Unsaved work an earlier session left, and what differs from the draft file.
pub fn recovered(candidate: &Candidate, set: &QuestionSet) -> Vec<String> {
    let mut lines = vec![
        "consult stopped before saving all of this draft.".to_string(),
        "Work was recovered that is not in the draft file:".to_string(),
    ];
    for difference in &candidate.differences {
        let what = difference.describe(Some(set));
        if difference.is_prose() {
            lines.push(format!(
                "{what}: {} recovered, {} in the file.",
                words(word_count(&difference.recovered)),
                word_count(&difference.on_disk)
            ));
        } else {
            lines.push(format!(
                "{what}: {} recovered, {} in the file.",
                one(&difference.recovered),
                one(&difference.on_disk)
            ));
        }
    }
    lines
}

/// Every command, a line each.
pub fn help() -> Vec<String> {
    let mut lines = vec!["Commands, with their short forms:".to_string()];
    for word in WORDS {
        let short = if word.short.is_empty() {
            String::new()
        } else {
            format!(" ({})", word.short.join(", "))
        };
        lines.push(format!("{}{short}: {}.", word.usage, word.help));
    }
    lines.push("A command can be cut to its first letters while no other starts the same way.".into());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemStatus;

    fn built_in() -> QuestionSet {
        Catalog::built_in().find("integrating-care").unwrap().clone()
    }

    #[test]
    fn an_item_says_where_it_is_its_wording_its_positions_and_what_it_holds() {
        let set = built_in();
        let mut response = Response::new(&set, "Example Trust");
        let answer = response.answer_mut(&set, "q1");
        answer.position = Some("partly-agree".into());
        answer.answer = "Yes, with care.\nSecond line.".into();
        answer.status = ItemStatus::Draft;
        let lines = item(&set, &response, 1, false);
        assert_eq!(
            lines[0],
            "Question 1, Statutory ICSs. Item 2 of 14, in Consultation questions."
        );
        assert_eq!(lines[1], "Wording:");
        assert!(
            lines[2].starts_with("  Do you agree that giving ICSs"),
            "{}",
            lines[2]
        );
        let tail: Vec<&str> = lines[lines.len() - 13..].iter().map(String::as_str).collect();
        assert_eq!(
            tail,
            [
                "Word limit: 500 words.",
                "Positions, on the Agreement scale:",
                "  1. Agree",
                "  2. Partly agree",
                "  3. Neither agree nor disagree",
                "  4. Partly disagree",
                "  5. Disagree",
                "Position: 2, Partly agree.",
                "Answer, 5 words:",
                "  Yes, with care.",
                "  Second line.",
                "Reasoning: none yet.",
                "Status: draft.",
            ]
        );
        assert!(lines.contains(&"Guidance: type show to hear it.".to_string()));
        let full = item(&set, &response, 1, true);
        assert!(full.contains(&"Guidance:".to_string()) && full.contains(&"About this section:".to_string()));
    }

    #[test]
    fn review_lists_every_item_and_what_is_still_to_do() {
        let set = built_in();
        let mut response = Response::new(&set, "Example Trust");
        response.answer_mut(&set, "summary").answer = "word ".repeat(301);
        let lines = review(&set, &response);
        assert_eq!(lines[0], "Review: 1 of 14 answered; the response is a draft.");
        assert_eq!(
            lines[1],
            "1. Executive summary: answer 301 words, over the limit of 300, not started."
        );
        assert_eq!(lines[2], "2. Question 1, Statutory ICSs: no answer yet.");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("13 items have no answer yet: Question 1,"))
        );
        assert!(lines.contains(&"Executive summary is over its word limit: 301 of 300.".to_string()));
    }

    #[test]
    fn one_line_fields_stay_on_one_line() {
        let r = Respondent {
            organisation: "Evil\nCorp\x1b[2J".into(),
            ..Respondent::default()
        };
        assert_eq!(respondent(&r)[0], "Organisation: Evil\u{240A}Corp\u{241B}[2J.");
    }
}
