//! The Markdown submission. Every piece of user text passes through [`inline`] or
//! [`block`], which escape anything CommonMark would read as structure, so an answer
//! can never add a heading, a quote or a table row of its own: only the paragraphs,
//! lists, emphasis and strong of [`rich`].

use std::fmt::Write as _;

use super::Options;
use super::parts::{self, ItemPart, Submission};
use super::rich::{self, Block, Inline, Line, List, one_line};
use crate::model::{QuestionSet, Response};
use crate::text::shorten;

/// The Markdown document for `response` to `set`.
pub fn render(response: &Response, set: &QuestionSet, options: Options) -> String {
    let submission = parts::submission(response, set, options);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&submission.title));
    let _ = writeln!(out, "{}\n", inline(&submission.preamble));
    out.push_str("## Respondent\n\n");
    for (name, value) in &submission.respondent {
        let _ = writeln!(out, "- **{name}:** {}", inline(value));
    }
    out.push('\n');
    write_positions_table(&mut out, &submission);
    for part in &submission.sections {
        let _ = writeln!(out, "## {}\n", inline(&part.section.title));
        if let Some(source) = &part.section.source {
            let _ = writeln!(out, "*Wording quoted from: {}*\n", inline(source));
        }
        for item in &part.items {
            write_item(&mut out, item, part.lone_free_text);
        }
    }
    if !submission.notes.is_empty() {
        out.push_str("## Sources\n\n");
        for (n, note) in submission.notes.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {}", n + 1, inline(note));
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Answer text as Markdown, with footnote references where its passages end.
fn attributed(text: &str) -> String {
    super::attribution::references(&block(text), |n| format!("[^{n}]"))
}

fn write_positions_table(out: &mut String, submission: &Submission) {
    if submission.positions.is_empty() {
        return;
    }
    out.push_str("## Positions at a glance\n\n| Item | Wording | Position |\n| --- | --- | --- |\n");
    for row in &submission.positions {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            inline(&row.item.label),
            inline(&shorten(&row.item.prompt, 72)),
            row.position.map_or("No position".to_string(), inline)
        );
    }
    out.push('\n');
}

fn write_item(out: &mut String, part: &ItemPart, lone_free_text: bool) {
    if !lone_free_text {
        let _ = writeln!(out, "### {}\n", inline(&part.item.label));
        let _ = writeln!(out, "{}\n", quote(&block(&part.item.prompt)));
    }
    if let Some(label) = part.position {
        let _ = writeln!(out, "**Position: {}**\n", inline(label));
    }
    if let Some(missing) = part.missing {
        let _ = writeln!(out, "*{missing}*\n");
    }
    if let Some(consensus) = &part.consensus {
        let _ = writeln!(out, "*{}*\n", inline(consensus));
    }
    if !part.answer.is_empty() {
        let _ = writeln!(out, "{}\n", attributed(&part.answer));
    }
    let level = if lone_free_text { "###" } else { "####" };
    if !part.reasoning.is_empty() {
        let _ = writeln!(out, "{level} Reasoning\n\n{}\n", attributed(&part.reasoning));
    }
    for (member, statement) in &part.minority {
        let _ = writeln!(
            out,
            "{level} Minority statement: {}\n\n{}\n",
            inline(member),
            block(statement)
        );
    }
}

/// `text` as a Markdown block quote, blank lines included.
pub fn quote(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                ">".to_string()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line of user text, safe in a heading, list item or table cell.
pub fn inline(text: &str) -> String {
    // In a heading a run of `#` could close it, and `{…}` could be read as attributes.
    escape_line(&one_line(text), &['#', '{', '}'], true)
}

/// Answer text as Markdown: the subset of [`rich`] as Markdown's own paragraphs (line
/// breaks kept as hard breaks), lists, emphasis and strong, and nothing else read as structure.
pub fn block(text: &str) -> String {
    let mut out = String::new();
    for block in rich::parse(text) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        match block {
            Block::Paragraph(lines) => write_lines(&mut out, &lines, ""),
            Block::List(list) => write_list(&mut out, &list, ""),
        }
    }
    out
}

/// Each item on a line of its own, starting where `out` is; what carries an item on, and
/// the lists nested in it, indented to its text.
fn write_list(out: &mut String, list: &List, indent: &str) {
    for (i, item) in list.items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let marker = rich::marker(list, i);
        let hang = format!("{indent}{}", " ".repeat(marker.len()));
        out.push_str(indent);
        out.push_str(&marker);
        write_lines(out, &item.lines, &hang);
        for nested in &item.nested {
            out.push('\n');
            // CommonMark lets only a list numbered from 1 break into an item's text.
            if nested.start.is_some_and(|n| n != 1) {
                out.push('\n');
            }
            write_list(out, nested, &hang);
        }
    }
}

/// Lines joined by hard breaks, each after the first indented by `indent`.
fn write_lines(out: &mut String, lines: &[Line], indent: &str) {
    for (l, line) in lines.iter().enumerate() {
        if l > 0 {
            out.push_str("\\\n");
            out.push_str(indent);
        }
        for (p, piece) in line.iter().enumerate() {
            write_inline(out, piece, p == 0);
        }
    }
}

fn write_inline(out: &mut String, piece: &Inline, at_line_start: bool) {
    let (mark, inner) = match piece {
        Inline::Text(text) => return out.push_str(&escape_line(text, &[], at_line_start)),
        Inline::Emphasis(inner) => ("*", inner),
        Inline::Strong(inner) => ("**", inner),
    };
    out.push_str(mark);
    for piece in inner {
        write_inline(out, piece, false);
    }
    out.push_str(mark);
}

/// Characters that open a block at the start of a line: heading, quote, list,
/// thematic break, setext underline, table delimiter row, link definition.
const LINE_START_SPECIAL: &[char] = &['#', '>', '-', '+', '=', ':', '['];

/// Characters that start code, emphasis, strikethrough, superscript, maths or a table cell
/// wherever they stand.
const ALWAYS_SPECIAL: &[char] = &['`', '*', '~', '|', '$', '^'];

/// Backslash-escapes what CommonMark (and the common extensions: tables,
/// strikethrough, maths) would read as markup in one line, plus `also`: the
/// line's start too, if `line` is at one. Characters that can only be markup in some
/// company are escaped only there, so ordinary prose (`R&D`, `snake_case`, `a < b`,
/// `[sic]`) stays as written. A character at either end is escaped as if anything
/// could stand beside it, since emphasis marks may.
fn escape_line(line: &str, also: &[char], at_line_start: bool) -> String {
    let chars: Vec<char> = line.chars().collect();
    // `1.` or `2)` followed by a space at the start of a line opens an ordered list.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_mark_at = (at_line_start
        && (1..=9).contains(&digits)
        && matches!(chars.get(digits), Some('.' | ')'))
        && chars.get(digits + 1).is_none_or(|c| c.is_whitespace()))
    .then_some(digits);
    let mut out = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let special = match c {
            _ if i == 0 && at_line_start && LINE_START_SPECIAL.contains(&c) => true,
            _ if Some(i) == list_mark_at => true,
            _ if ALWAYS_SPECIAL.contains(&c) || also.contains(&c) => true,
            // A backslash escapes only ASCII punctuation, or makes a hard break at the end.
            '\\' => after.is_none_or(|a| a.is_ascii_punctuation()),
            // Inside a word `_` can neither open nor close emphasis.
            '_' => !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)),
            // HTML, comments and autolinks start `<` and a non-space.
            '<' => after.is_some_and(|a| !a.is_whitespace()),
            // An entity or numeric character reference: `&name;`, `&#35;`.
            '&' => is_reference(&chars[i + 1..]),
            // Links and images need `](`; wiki links `[[`.
            '[' => after == Some('['),
            ']' => matches!(after, Some('(' | '[')),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest` (what follows an `&`) completes a character reference.
fn is_reference(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}
