//! Responses as people read them: a whole response as text, one sentence a line (what git's
//! `textconv` diffs), and the difference between two, item by item: positions, then changed
//! sentences. Everything quoted from a file has its control characters made visible.

use std::fmt::Write;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::sentences::{is_gap, pieces, sentences};
use crate::model::{Answer, Conflict, ItemStatus, QuestionSet, Respondent, Response, ResponseStatus};
use crate::text::visible_line;

fn shown(text: &str) -> String {
    visible_line(text).into_owned()
}

/// The respondent's fields as name and value, in the file's order.
fn respondent_fields(r: &Respondent) -> Vec<(&'static str, String)> {
    let or_none = |v: &Option<String>| v.as_deref().map_or_else(|| "—".to_string(), shown);
    vec![
        ("organisation", shown(&r.organisation)),
        ("contact name", shown(&r.contact_name)),
        ("role", shown(&r.role)),
        ("email", or_none(&r.email)),
        (
            "on behalf",
            if r.on_behalf {
                "yes"
            } else {
                "no, in a personal capacity"
            }
            .to_string(),
        ),
        (
            "members",
            r.members.map_or_else(|| "—".to_string(), |m| m.to_string()),
        ),
        (
            "publication",
            r.publication.map_or("—", |p| p.label()).to_string(),
        ),
        ("confidentiality", or_none(&r.confidentiality)),
    ]
}

/// An item's heading: its label and id, or the id alone for an item the set does not have.
fn heading(set: &QuestionSet, id: &str) -> String {
    match set.item(id) {
        Some(item) => format!("{} ({})", shown(&item.label), shown(id)),
        None => shown(id),
    }
}

/// A position as its label on the item's scale.
fn position(set: &QuestionSet, item: &str, position: Option<&str>) -> String {
    let Some(id) = position else {
        return "no position".to_string();
    };
    set.item(item)
        .and_then(|item| set.scale_of(item))
        .and_then(|scale| scale.option(id))
        .map_or_else(|| shown(id), |option| shown(&option.label))
}

/// One side of a conflict as the rest of the text says it: a position by its label on the
/// item's scale, a status in words, anything else as it is.
fn conflict_side(set: &QuestionSet, conflict: &Conflict, value: Option<&str>) -> String {
    match (conflict.item.as_deref(), conflict.field.as_str(), value) {
        (Some(item), "position", value) => position(set, item, value),
        (_, _, None) => "—".to_string(),
        (Some(_), "status", Some(id)) => {
            parse_word::<ItemStatus>(id).map_or_else(|| shown(id), |s| s.label().into())
        }
        (None, "status", Some(id)) => {
            parse_word::<ResponseStatus>(id).map_or_else(|| shown(id), |s| s.label().into())
        }
        (_, _, Some(text)) => shown(text),
    }
}

/// A status as its file word (`not-started`), read back.
fn parse_word<T: serde::de::DeserializeOwned>(word: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(word.to_string())).ok()
}

/// The three texts of an answer, by name.
fn texts(answer: &Answer) -> [(&'static str, &str); 3] {
    [
        ("answer", &answer.answer),
        ("reasoning", &answer.reasoning),
        ("notes", &answer.notes),
    ]
}

/// The whole response as text, one sentence a line and a blank line between paragraphs.
pub fn render(response: &Response, set: &QuestionSet) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}), {}",
        shown(&response.question_set.title),
        shown(&response.question_set.id),
        response.status.label()
    );
    for (name, value) in respondent_fields(&response.respondent) {
        let _ = writeln!(out, "{name}: {value}");
    }
    if !response.conflicts.is_empty() {
        let _ = writeln!(out, "\nunresolved conflicts:");
        for conflict in &response.conflicts {
            let _ = writeln!(
                out,
                "  {}: ours {} | theirs {}",
                shown(&conflict.place()),
                conflict_side(set, conflict, conflict.ours.as_deref()),
                conflict_side(set, conflict, conflict.theirs.as_deref())
            );
        }
    }
    for answer in &response.answers {
        let _ = writeln!(out, "\n## {}", heading(set, &answer.item));
        let _ = writeln!(
            out,
            "position: {}",
            position(set, &answer.item, answer.position.as_deref())
        );
        let _ = writeln!(out, "status: {}", answer.status.label());
        for (name, text) in texts(answer) {
            if text.trim().is_empty() {
                continue;
            }
            let _ = writeln!(out, "{name}:");
            for piece in pieces(text) {
                if !is_gap(piece) {
                    let _ = writeln!(out, "  {}", shown(piece));
                } else if piece.matches('\n').count() > 1 {
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// How `b` differs from `a`, item by item; empty when they say the same. `names` are the
/// two files' names, for the heading.
pub fn difference(a: &Response, b: &Response, set: &QuestionSet, names: (&str, &str)) -> String {
    let mut out = String::new();
    let mut response = Vec::new();
    for ((name, was), (_, now)) in respondent_fields(&a.respondent)
        .into_iter()
        .zip(respondent_fields(&b.respondent))
    {
        if was != now {
            response.push(format!("  {name}: {was} → {now}"));
        }
    }
    if a.status != b.status {
        response.push(format!("  status: {} → {}", a.status.label(), b.status.label()));
    }
    let (was, now) = (a.conflicted_places(), b.conflicted_places());
    if was != now {
        let list = |places: &[&str]| match places {
            [] => "none".to_string(),
            _ => shown(&places.join(", ")),
        };
        response.push(format!("  conflicts in: {} → {}", list(&was), list(&now)));
    }
    if !response.is_empty() {
        let _ = writeln!(out, "response\n{}", response.join("\n"));
    }

    let mut ids: Vec<&str> = set.items().map(|i| i.id.as_str()).collect();
    for answer in a.answers.iter().chain(&b.answers) {
        if !ids.contains(&answer.item.as_str()) {
            ids.push(&answer.item);
        }
    }
    for id in ids {
        let (was, now) = (a.answer(id), b.answer(id));
        let lines = match (was, now) {
            (None, None) => continue,
            (Some(was), Some(now)) => answer_difference(set, was, now),
            (Some(was), None) => only_in(names.0, set, was),
            (None, Some(now)) => only_in(names.1, set, now),
        };
        if !lines.is_empty() {
            let _ = writeln!(out, "{}\n{}", heading(set, id), lines.join("\n"));
        }
    }
    if out.is_empty() {
        return out;
    }
    format!("--- {}\n+++ {}\n{out}", shown(names.0), shown(names.1))
}

/// An item answered in one file only: everything in it, as if added to an empty answer.
fn only_in(file: &str, set: &QuestionSet, answer: &Answer) -> Vec<String> {
    let empty = Answer::new(&answer.item);
    if *answer == empty {
        return Vec::new();
    }
    let mut lines = vec![format!("  only in {}", shown(file))];
    lines.extend(answer_difference(set, &empty, answer));
    lines
}

fn answer_difference(set: &QuestionSet, was: &Answer, now: &Answer) -> Vec<String> {
    let mut lines = Vec::new();
    if was.position != now.position {
        lines.push(format!(
            "  position: {} → {}",
            position(set, &was.item, was.position.as_deref()),
            position(set, &now.item, now.position.as_deref())
        ));
    }
    if was.status != now.status {
        lines.push(format!(
            "  status: {} → {}",
            was.status.label(),
            now.status.label()
        ));
    }
    for ((name, was), (_, now)) in texts(was).into_iter().zip(texts(now)) {
        if was == now {
            continue;
        }
        let (old, new): (Vec<&str>, Vec<&str>) = (sentences(was).collect(), sentences(now).collect());
        let changed = sentence_changes(&old, &new);
        if changed.is_empty() {
            lines.push(format!("  {name}: only the spacing changed"));
        } else {
            lines.push(format!("  {name}:"));
            lines.extend(changed);
        }
    }
    lines
}

/// The sentences removed (`-`) and added (`+`), in order, made visible.
pub fn sentence_changes(old: &[&str], new: &[&str]) -> Vec<String> {
    let mut lines = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        if let DiffOp::Equal { .. } = op {
            continue;
        }
        lines.extend(old[op.old_range()].iter().map(|s| format!("    - {}", shown(s))));
        lines.extend(new[op.new_range()].iter().map(|s| format!("    + {}", shown(s))));
    }
    lines
}
