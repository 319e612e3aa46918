//! Checks that JSON syntax cannot express: unique ids, scales that exist,
//! positions that are on their item's scale. Each problem names a JSON path.

use std::collections::HashSet;
use std::fmt;

use super::question_set::{ItemIndex, QUESTION_SET_FORMAT, QuestionSet};
use super::response::{Conflict, RESPONSE_FORMAT, Response};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with a document, located by line and column or by JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// 1-based line and column in the file.
    Text { line: usize, column: usize },
    /// A JSON path such as `sections[1].items[0].scale`.
    Path(String),
    /// The file as a whole.
    File,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Text { line, column } => write!(f, "line {line}, column {column}"),
            Location::Path(path) => write!(f, "at {path}"),
            Location::File => Ok(()),
        }
    }
}

impl Problem {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Problem::new(Severity::Error, location, message.into())
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Problem::new(Severity::Warning, location, message.into())
    }

    /// Messages and paths quote the file (an unknown field's name, a scale's name), and they
    /// are printed on a terminal and shown on screen: any control character in them is made
    /// visible, so a file cannot send escape sequences that way.
    fn new(severity: Severity, location: Location, message: String) -> Self {
        let location = match location {
            Location::Path(path) => Location::Path(one_line(path)),
            other => other,
        };
        Problem {
            severity,
            location,
            message: one_line(message),
        }
    }

    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem::error(Location::Path(path.into()), message)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

fn check_format_version(found: u32, newest: u32, problems: &mut Vec<Problem>) {
    if found == 0 {
        problems.push(Problem::at(
            "format_version",
            "format version 0 does not exist; the first is 1",
        ));
    } else if found > newest {
        problems.push(Problem::at(
            "format_version",
            future_version_message(found.into(), newest),
        ));
    }
}

pub fn future_version_message(found: u64, newest: u32) -> String {
    format!(
        "format version {found} is from a newer consult (this build reads up to version {newest}); please upgrade consult"
    )
}

/// A lowercase, hyphenated id that is safe in file names and URLs.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Checks one id; its `path` is put together only when there is a problem to report, so a
/// set of 100,000 good items builds no strings.
fn check_id<'a>(
    path: impl Fn() -> String,
    id: &'a str,
    what: &str,
    seen: &mut HashSet<&'a str>,
    problems: &mut Vec<Problem>,
) {
    if !is_valid_id(id) {
        problems.push(Problem::at(
            path(),
            format!("{what} id {id:?} must be 1 to 64 lowercase letters, digits, '-' or '_'"),
        ));
    }
    if !seen.insert(id) {
        problems.push(Problem::at(path(), format!("duplicate {what} id {id:?}")));
    }
}

/// Everything wrong with a question set that its JSON shape alone does not catch.
pub fn question_set(set: &QuestionSet) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_format_version(set.format_version, QUESTION_SET_FORMAT, &mut problems);
    if !is_valid_id(&set.id) {
        problems.push(Problem::at(
            "id",
            format!(
                "question set id {:?} must be 1 to 64 lowercase letters, digits, '-' or '_'",
                set.id
            ),
        ));
    }
    if set.title.trim().is_empty() {
        problems.push(Problem::at("title", "title is empty"));
    }
    if let Some(date) = &set.closing_date
        && date.parse::<jiff::civil::Date>().is_err()
    {
        problems.push(Problem::at(
            "closing_date",
            format!("{date:?} is not a date in the form YYYY-MM-DD"),
        ));
    }

    let mut scale_ids = HashSet::new();
    for (s, scale) in set.scales.iter().enumerate() {
        check_id(
            || format!("scales[{s}].id"),
            &scale.id,
            "scale",
            &mut scale_ids,
            &mut problems,
        );
        if scale.options.is_empty() {
            problems.push(Problem::at(
                format!("scales[{s}].options"),
                format!("scale {:?} has no options", scale.id),
            ));
        }
        let mut option_ids = HashSet::new();
        for (o, option) in scale.options.iter().enumerate() {
            check_id(
                || format!("scales[{s}].options[{o}].id"),
                &option.id,
                "option",
                &mut option_ids,
                &mut problems,
            );
        }
    }

    if set.sections.is_empty() {
        problems.push(Problem::at(
            "sections",
            "a question set needs at least one section",
        ));
    }
    let mut section_ids = HashSet::new();
    let mut item_ids = HashSet::with_capacity(set.item_count());
    for (s, section) in set.sections.iter().enumerate() {
        check_id(
            || format!("sections[{s}].id"),
            &section.id,
            "section",
            &mut section_ids,
            &mut problems,
        );
        if section.items.is_empty() {
            problems.push(Problem::at(
                format!("sections[{s}].items"),
                format!("section {:?} has no items", section.id),
            ));
        }
        for (i, item) in section.items.iter().enumerate() {
            let path = || format!("sections[{s}].items[{i}]");
            check_id(
                || format!("{}.id", path()),
                &item.id,
                "item",
                &mut item_ids,
                &mut problems,
            );
            if item.prompt.trim().is_empty() {
                problems.push(Problem::at(
                    format!("{}.prompt", path()),
                    format!("item {:?} has an empty prompt", item.id),
                ));
            }
            if let Some(limit) = item.char_limit {
                check_char_limit(
                    &format!("{}.char_limit", path()),
                    limit,
                    set.format_version,
                    &mut problems,
                );
            }
            if let Some(scale) = &item.scale
                && set.scale(scale).is_none()
            {
                let known = join_ids(set.scales.iter().map(|s| s.id.as_str()));
                problems.push(Problem::at(
                    format!("{}.scale", path()),
                    format!(
                        "item {:?} uses scale {scale:?}, which does not exist (scales: {known})",
                        item.id
                    ),
                ));
            }
        }
    }
    problems
}

/// A set that limits characters must say it is format 2: an older consult then says it needs
/// upgrading, rather than that `char_limit` is an unknown field.
fn check_char_limit(path: &str, limit: u32, format_version: u32, problems: &mut Vec<Problem>) {
    if limit == 0 {
        problems.push(Problem::at(
            path,
            "a character limit of 0 leaves no room for an answer",
        ));
    }
    if format_version < 2 {
        problems.push(Problem::at(
            path,
            "char_limit is new in question-set format version 2: set \"format_version\" to 2, so that older consults know they cannot read this set",
        ));
    }
}

/// Everything wrong with a response to `set`. A digest mismatch is only a warning:
/// the response still loads, but it answered a different version of the set.
pub fn response(response: &Response, set: &QuestionSet) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_format_version(response.format_version, RESPONSE_FORMAT, &mut problems);
    if response.question_set.id != set.id {
        problems.push(Problem::at(
            "question_set.id",
            format!(
                "response is to question set {:?}, not {:?}",
                response.question_set.id, set.id
            ),
        ));
        return problems;
    }
    let digest = set.digest();
    if response.question_set.digest != digest {
        problems.push(Problem::warning(
            Location::Path("question_set.digest".into()),
            format!(
                "this response answered another version of question set {:?} (digest {}, the set now is {}): its wording, guidance or scales have changed since; check positions and wording before you submit",
                set.id, response.question_set.digest, digest
            ),
        ));
    }
    let index = set.index();
    if let Some(current) = &response.current_item
        && index.item(current).is_none()
    {
        problems.push(Problem::warning(
            Location::Path("current_item".into()),
            format!(
                "item {current:?} is not in question set {:?}; editing starts at the first item",
                set.id
            ),
        ));
    }

    if response.respondent.members.is_some() && !response.respondent.on_behalf {
        problems.push(Problem::warning(
            Location::Path("respondent.members".into()),
            "the number of members represented is given, but the response is made in a personal capacity (on_behalf is false); exports leave the number out",
        ));
    }

    let mut seen = HashSet::with_capacity(response.answers.len());
    for (a, answer) in response.answers.iter().enumerate() {
        let path = || format!("answers[{a}]");
        let Some(item) = index.item(&answer.item) else {
            problems.push(Problem::at(
                format!("{}.item", path()),
                format!("item {:?} is not in question set {:?}", answer.item, set.id),
            ));
            continue;
        };
        if !seen.insert(answer.item.as_str()) {
            problems.push(Problem::at(
                format!("{}.item", path()),
                format!("item {:?} is answered twice", answer.item),
            ));
        }
        let Some(position) = &answer.position else {
            continue;
        };
        match set.scale_of(item) {
            None => problems.push(Problem::at(
                format!("{}.position", path()),
                format!(
                    "item {:?} is free text and takes no position, but has {position:?}",
                    item.id
                ),
            )),
            Some(scale) if scale.option(position).is_none() => {
                let options = join_ids(scale.options.iter().map(|o| o.id.as_str()));
                problems.push(Problem::at(
                    format!("{}.position", path()),
                    format!(
                        "{position:?} is not an option on the {} scale of item {:?} (options: {options})",
                        scale.name, item.id
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    check_conflicts(response, set, &index, &mut problems);
    if let Some(joint) = &response.joint {
        check_joint(joint, response.format_version, set, &index, &mut problems);
    }
    if let Some(source) = &response.source {
        check_source(source, response.format_version, set, &index, &mut problems);
    }
    if let Some(reviews) = &response.reviews {
        check_reviews(reviews, response.format_version, set, &index, &mut problems);
    }
    problems
}

/// What a response file holds that only `version` of the format reads: an older consult
/// then says it needs upgrading, rather than that a field is unknown.
fn needs_format(path: &str, what: &str, version: u32, found: u32, problems: &mut Vec<Problem>) {
    if found < version {
        problems.push(Problem::at(
            path,
            format!(
                "{what} new in response format version {version}: set \"format_version\" to {version}, so that older consults know they cannot read this file"
            ),
        ));
    }
}

/// Reviews read back from Word must be on the set's items, and need format 6.
fn check_reviews(
    reviews: &super::review::Reviews,
    format_version: u32,
    set: &QuestionSet,
    index: &ItemIndex,
    problems: &mut Vec<Problem>,
) {
    needs_format(
        "reviews",
        "reviews read back from Word are",
        6,
        format_version,
        problems,
    );
    let items = reviews
        .suggestions
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("reviews.suggestions[{i}].item"), &s.item))
        .chain(
            reviews
                .comments
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("reviews.comments[{i}].item"), &c.item)),
        );
    for (path, item) in items {
        if index.item(item).is_none() {
            problems.push(Problem::at(
                path,
                format!("item {item:?} is not in question set {:?}", set.id),
            ));
        }
    }
}

/// An imported response's passages must be on the set's items and, in order, make up the
/// document's paragraphs: each paragraph's passages follow on from one another.
fn check_source(
    source: &super::Source,
    format_version: u32,
    set: &QuestionSet,
    index: &ItemIndex,
    problems: &mut Vec<Problem>,
) {
    needs_format(
        "source",
        "an imported response's source is",
        5,
        format_version,
        problems,
    );
    let mut next = (0, 0);
    for (p, passage) in source.passages.iter().enumerate() {
        let path = format!("source.passages[{p}]");
        if let Some(item) = &passage.item
            && index.item(item).is_none()
        {
            problems.push(Problem::at(
                format!("{path}.item"),
                format!("item {item:?} is not in question set {:?}", set.id),
            ));
        }
        let (paragraph, offset) = next;
        let follows = (passage.paragraph == paragraph && passage.offset == offset)
            || (p > 0 && passage.paragraph == paragraph + 1 && passage.offset == 0);
        if !follows {
            problems.push(Problem::at(
                format!("{path}.paragraph"),
                format!(
                    "passage starts at paragraph {} byte {}, but the passage before it ends at paragraph {paragraph} byte {offset}: passages must follow one another",
                    passage.paragraph, passage.offset
                ),
            ));
        }
        if passage.confidence > 100 {
            problems.push(Problem::at(
                format!("{path}.confidence"),
                "confidence is from 0 to 100",
            ));
        }
        next = (passage.paragraph, passage.offset + passage.text.len());
    }
}

/// A joint response's records must name its members and the set's items, and need format 4.
fn check_joint(
    joint: &crate::model::Joint,
    format_version: u32,
    set: &QuestionSet,
    index: &ItemIndex,
    problems: &mut Vec<Problem>,
) {
    needs_format("joint", "joint responses are", 4, format_version, problems);
    let mut names = HashSet::new();
    for (m, member) in joint.members.iter().enumerate() {
        if member.organisation.trim().is_empty() {
            problems.push(Problem::at(
                format!("joint.members[{m}].organisation"),
                "a member needs an organisation name",
            ));
        } else if !names.insert(member.organisation.as_str()) {
            problems.push(Problem::at(
                format!("joint.members[{m}].organisation"),
                format!("{:?} is a member twice", one_line(member.organisation.clone())),
            ));
        }
    }
    let member = |path: String, name: &str, problems: &mut Vec<Problem>| {
        if !names.contains(name) {
            problems.push(Problem::at(
                path,
                format!(
                    "{:?} is not one of the joint response's members",
                    one_line(name.to_string())
                ),
            ));
        }
    };
    let item = |path: String, id: &str, problems: &mut Vec<Problem>| {
        if index.item(id).is_none() {
            problems.push(Problem::at(
                path,
                format!("item {id:?} is not in question set {:?}", set.id),
            ));
        }
    };
    for (i, record) in joint.items.iter().enumerate() {
        let path = format!("joint.items[{i}]");
        item(format!("{path}.item"), &record.item, problems);
        for (p, passage) in record.passages.iter().enumerate() {
            if passage.members.is_empty() {
                problems.push(Problem::at(
                    format!("{path}.passages[{p}].members"),
                    "a passage names at least one member",
                ));
            }
            for (n, name) in passage.members.iter().enumerate() {
                member(format!("{path}.passages[{p}].members[{n}]"), name, problems);
            }
        }
        for (n, minority) in record.minority.iter().enumerate() {
            member(format!("{path}.minority[{n}].member"), &minority.member, problems);
        }
    }
    for (s, sign_off) in joint.sign_offs.iter().enumerate() {
        let path = format!("joint.sign_offs[{s}]");
        member(format!("{path}.member"), &sign_off.member, problems);
        if let Some(id) = &sign_off.item {
            item(format!("{path}.item"), id, problems);
        }
    }
}

/// What a value in a conflict may be, by its field.
enum Kind {
    /// Any text, never `null`.
    Text,
    /// Text or `null`.
    Optional,
    /// One of these words, never `null`.
    Word(&'static [&'static str]),
    /// One of these words, or `null`.
    OptionalWord(&'static [&'static str]),
    /// A whole number, or `null`.
    Count,
    /// An option on the item's scale, or `null`.
    Position,
}

const ITEM_STATUSES: &[&str] = &["not-started", "draft", "ready"];

fn kind_of(conflict: &Conflict) -> Option<Kind> {
    Some(match (conflict.item.is_some(), conflict.field.as_str()) {
        (true, "position") => Kind::Position,
        (true, "answer" | "reasoning" | "notes") => Kind::Text,
        (true, "status") => Kind::Word(ITEM_STATUSES),
        (true, "key_point") => Kind::Optional,
        (true, "position_basis") => Kind::Word(&["stated", "inferred"]),
        (true, "not_answering") => Kind::Word(&["true", "false"]),
        (false, "status") => Kind::Word(&["draft", "final"]),
        (false, "respondent.organisation" | "respondent.contact_name" | "respondent.role") => Kind::Text,
        (false, "respondent.email" | "respondent.confidentiality" | "respondent.views_gathered") => {
            Kind::Optional
        }
        (false, "respondent.on_behalf") => Kind::Word(&["true", "false"]),
        (false, "respondent.members") => Kind::Count,
        (false, "respondent.publication") => Kind::OptionalWord(&["yes", "anonymised", "no"]),
        _ => return None,
    })
}

/// A merge's conflicts must name fields that exist, with values those fields could hold,
/// and need format 3: an older consult then says it needs upgrading.
fn check_conflicts(response: &Response, set: &QuestionSet, index: &ItemIndex, problems: &mut Vec<Problem>) {
    if !response.conflicts.is_empty() {
        needs_format("conflicts", "conflicts are", 3, response.format_version, problems);
    }
    for (c, conflict) in response.conflicts.iter().enumerate() {
        let path = format!("conflicts[{c}]");
        let item = match &conflict.item {
            Some(id) => match index.item(id) {
                Some(item) => Some(item),
                None => {
                    problems.push(Problem::at(
                        format!("{path}.item"),
                        format!("item {id:?} is not in question set {:?}", set.id),
                    ));
                    continue;
                }
            },
            None => None,
        };
        let Some(kind) = kind_of(conflict) else {
            let fields = if item.is_some() {
                "position, answer, reasoning, notes, status, key_point, position_basis, not_answering"
            } else {
                "status, respondent.organisation, respondent.contact_name, respondent.role, respondent.email, respondent.on_behalf, respondent.members, respondent.views_gathered, respondent.publication, respondent.confidentiality"
            };
            problems.push(Problem::at(
                format!("{path}.field"),
                format!(
                    "{:?} is not a field a conflict can be on here (fields: {fields})",
                    conflict.field
                ),
            ));
            continue;
        };
        let scale = item.and_then(|item| set.scale_of(item));
        for (side, value) in [("ours", &conflict.ours), ("theirs", &conflict.theirs)] {
            let value = value.as_deref();
            let fits = match (&kind, value) {
                (Kind::Optional | Kind::OptionalWord(_) | Kind::Count | Kind::Position, None) => true,
                (Kind::Text | Kind::Word(_), None) => false,
                (Kind::Text | Kind::Optional, Some(_)) => true,
                (Kind::Word(words) | Kind::OptionalWord(words), Some(v)) => words.contains(&v),
                (Kind::Count, Some(v)) => v.parse::<u64>().is_ok(),
                (Kind::Position, Some(v)) => scale.is_some_and(|s| s.option(v).is_some()),
            };
            if !fits {
                let shown = value.map_or_else(|| "null".to_string(), |v| format!("{v:?}"));
                problems.push(Problem::at(
                    format!("{path}.{side}"),
                    format!("{shown} is not a value {} can have", conflict.place()),
                ));
            }
        }
    }
}

fn one_line(text: String) -> String {
    match crate::text::visible_line(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(shown) => shown,
    }
}

fn join_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small set made here (the catalog reads sets through the checks tested here): a
    /// section of two items on an agreement scale and two free-text ones.
    pub(crate) fn small_set() -> QuestionSet {
        let item = |id: &str, scale: Option<&str>| serde_json::json!({"id": id, "label": id, "prompt": "Do you agree?", "scale": scale});
        let option = |id: &str| serde_json::json!({"id": id, "label": id, "symbol": "+"});
        serde_json::from_value(serde_json::json!({
            "format_version": 1,
            "id": "a-set",
            "title": "A set",
            "publisher": "Us",
            "source": "Here",
            "scales": [{"id": "agreement", "name": "agreement", "options": [option("agree"), option("disagree")]}],
            "sections": [{"id": "s1", "title": "Questions", "items": [
                item("q1", Some("agreement")), item("q2", None), item("q3", Some("agreement")), item("q4", None)
            ]}]
        }))
        .unwrap()
    }

    fn paths(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(|p| p.location.to_string()).collect()
    }

    // Paths are put together only when a problem is found: each must still name its place.
    #[test]
    fn a_set_s_problems_name_their_field_path() {
        let mut set = small_set();
        let s = set.sections.iter().position(|s| s.items.len() >= 4).unwrap();
        let items = &mut set.sections[s].items;
        items[0].id = "Not An Id".into();
        items[1].id = items[3].id.clone();
        items[2].prompt = " ".into();
        items[3].scale = Some("no-such-scale".into());
        set.scales[0].options[1].id = set.scales[0].options[0].id.clone();
        assert_eq!(
            paths(&question_set(&set)),
            [
                "at scales[0].options[1].id".to_string(),
                format!("at sections[{s}].items[0].id"),
                format!("at sections[{s}].items[2].prompt"),
                format!("at sections[{s}].items[3].id"),
                format!("at sections[{s}].items[3].scale"),
            ]
        );
    }

    #[test]
    fn a_response_s_problems_name_their_field_path() {
        let set = small_set();
        let mut response = Response::new(&set, "Example Trust");
        let scaled = set.items().find(|i| i.scale.is_some()).unwrap().id.clone();
        let free = set.items().find(|i| i.scale.is_none()).unwrap().id.clone();
        let answer = |item: &str, position: Option<&str>| crate::model::Answer {
            item: item.into(),
            position: position.map(str::to_string),
            ..Default::default()
        };
        response.answers = vec![
            answer(&scaled, Some("no-such-option")),
            answer("no-such-item", None),
            answer(&scaled, None),
            answer(&free, Some("agree")),
        ];
        assert_eq!(
            paths(&super::response(&response, &set)),
            [
                "at answers[0].position",
                "at answers[1].item",
                "at answers[2].item",
                "at answers[3].position",
            ]
        );
    }

    #[test]
    fn reviews_need_format_6_and_the_sets_items() {
        let set = small_set();
        let mut r = Response::new(&set, "Org");
        r.format_version = 5;
        r.reviews = Some(crate::model::review::Reviews {
            suggestions: vec![crate::model::review::Suggestion {
                item: "q99".into(),
                ..Default::default()
            }],
            ..Default::default()
        });
        let found: Vec<String> = response(&r, &set)
            .iter()
            .map(|p| format!("{:?} {}", p.location, p.message))
            .collect();
        assert!(
            found
                .iter()
                .any(|p| p.contains("reviews") && p.contains("new in response format version 6")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("reviews.suggestions[0].item")
                    && p.contains("\"q99\" is not in question set")),
            "{found:?}"
        );
        r.format_version = 6;
        r.reviews.as_mut().unwrap().suggestions[0].item = "q1".into();
        assert!(response(&r, &set).is_empty(), "{:?}", response(&r, &set));
    }
}
