//! Paste-ready text for online forms: per item a block between rule lines, with the item's
//! label and section, its wording, then the answer as plain text (lists as `- ` and `1. ` lines, no other
//! marks) and how many characters and words it has, against the item's limits.

use std::fmt::Write as _;

use super::Options;
use super::limits;
use super::parts::{self, ItemPart};
use super::rich::{self, one_line};
use crate::model::{QuestionSet, Response};
use crate::text::grouped;

/// Opens each item's block.
const ITEM_RULE: &str = "=====";
/// Opens the answer and the reasoning within a block.
const TEXT_RULE: &str = "-----";
const WIDTH: usize = 72;

/// The paste-ready text for `response` to `set`.
pub fn render(response: &Response, set: &QuestionSet, options: Options) -> String {
    let submission = parts::submission(response, set, options);
    let mut out = String::new();
    let _ = writeln!(out, "{}", one_line(&submission.title));
    let _ = writeln!(out, "{}\n", one_line(&submission.preamble));
    out.push_str("Respondent\n");
    for (name, value) in &submission.respondent {
        let _ = writeln!(out, "{name}: {}", one_line(value));
    }
    out.push_str(
        "\nEach item below is one box of the form: paste the text under its Answer line, \
         up to the next line of dashes or equals signs.\n",
    );
    for part in &submission.sections {
        for item in &part.items {
            // The section is named in each block, so nothing stands between two blocks.
            let mut label = one_line(&item.item.label);
            if item.item.label != part.section.title {
                label = format!("{label} · {}", one_line(&part.section.title));
            }
            let _ = writeln!(out, "\n{}", rule(ITEM_RULE, &label));
            write_item(&mut out, item);
        }
    }
    let _ = writeln!(out, "\n{}", rule(ITEM_RULE, "end"));
    out
}

fn write_item(out: &mut String, part: &ItemPart) {
    let item = part.item;
    let _ = writeln!(out, "{}", one_line(&item.prompt));
    if item.scale.is_some() {
        let _ = writeln!(
            out,
            "Position: {}",
            part.position.map_or("none given".into(), one_line)
        );
    }
    let answer = rich::plain(&part.answer);
    let counts = limits::counts_of_plain(&answer);
    let mut heading = format!("Answer: {}", count_words(counts));
    for limit in limits::limits(item, counts) {
        let _ = match limit.over() {
            Some(over) => write!(
                heading,
                "; {} OVER the limit of {} {}",
                grouped(over),
                grouped(limit.limit),
                limit.unit
            ),
            None => write!(heading, "; limit {} {}", grouped(limit.limit), limit.unit),
        };
    }
    let _ = writeln!(out, "{}", rule(TEXT_RULE, &heading));
    if answer.is_empty() {
        let _ = writeln!(
            out,
            "({})",
            part.missing.unwrap_or("No written answer.").trim_end_matches('.')
        );
    } else {
        write_text(out, &answer);
    }
    if !part.reasoning.is_empty() {
        let reasoning = rich::plain(&part.reasoning);
        let counts = limits::counts_of_plain(&reasoning);
        let _ = writeln!(
            out,
            "{}",
            rule(TEXT_RULE, &format!("Reasoning: {}", count_words(counts)))
        );
        write_text(out, &reasoning);
    }
}

fn count_words(counts: limits::Counts) -> String {
    format!(
        "{} characters, {} words",
        grouped(counts.chars),
        grouped(counts.words)
    )
}

/// `text` line by line. A line that starts like a rule gets a space before it, so no answer
/// can end its block early or open another.
fn write_text(out: &mut String, text: &str) {
    for line in text.split('\n') {
        if line.starts_with(ITEM_RULE) || line.starts_with(TEXT_RULE) {
            out.push(' ');
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// `===== label ====…` to the page width (or just past `label`).
fn rule(mark: &str, label: &str) -> String {
    let fill = mark.chars().next().unwrap_or('=');
    let mut line = format!("{mark} {label} ");
    let used = line.chars().count();
    line.extend(std::iter::repeat_n(fill, WIDTH.saturating_sub(used).max(3)));
    line
}
