//! The Markdown submission. Every piece of user text passes through [`inline`] or
//! [`block`], which escape anything CommonMark would read as structure, so an answer
//! can never add a heading, a quote, a list or a table row of its own.

use std::fmt::Write as _;

use crate::model::{Item, QuestionSet, Response, ResponseStatus, Scale};
use crate::text::{flat, shorten, visible};

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Leave out items with neither a position nor an answer.
    pub skip_empty: bool,
}

/// The Markdown document for `response` to `set`.
pub fn render(response: &Response, set: &QuestionSet, options: Options) -> String {
    let mut out = String::new();
    let organisation = organisation_name(response);
    let _ = writeln!(
        out,
        "# {} — response from {}\n",
        inline(&set.title),
        inline(organisation)
    );
    let _ = writeln!(out, "{}\n", inline(&preamble(response, set)));
    write_respondent(&mut out, response);
    write_positions_table(&mut out, response, set, options);
    for section in &set.sections {
        let items: Vec<&Item> = section
            .items
            .iter()
            .filter(|item| !options.skip_empty || is_answered(response, item))
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}\n", inline(&section.title));
        if let Some(source) = &section.source {
            let _ = writeln!(out, "*Wording quoted from: {}*\n", inline(source));
        }
        // A lone free-text item named like its section needs no heading or prompt of its own.
        let lone_free_text = items.len() == 1 && items[0].scale.is_none() && items[0].label == section.title;
        for item in items {
            write_item(&mut out, response, set, item, lone_free_text);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
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

fn write_respondent(out: &mut String, response: &Response) {
    let r = &response.respondent;
    out.push_str("## Respondent\n\n");
    let mut field = |name: &str, value: &str| {
        if !value.trim().is_empty() {
            let _ = writeln!(out, "- **{name}:** {}", inline(value));
        }
    };
    field("Organisation", &r.organisation);
    field("Contact", &r.contact_name);
    field("Role", &r.role);
    field("Email", r.email.as_deref().unwrap_or(""));
    field(
        "Responding",
        if r.on_behalf {
            "on behalf of the organisation"
        } else {
            "in a personal capacity"
        },
    );
    out.push('\n');
}

fn write_positions_table(out: &mut String, response: &Response, set: &QuestionSet, options: Options) {
    let rows: Vec<(&Item, &Scale)> = set
        .items()
        .filter(|item| !options.skip_empty || is_answered(response, item))
        .filter_map(|item| set.scale_of(item).map(|scale| (item, scale)))
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str("## Positions at a glance\n\n| Item | Wording | Position |\n| --- | --- | --- |\n");
    for (item, scale) in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            inline(&item.label),
            inline(&shorten(&item.prompt, 72)),
            position(response, item, scale).map_or("No position".to_string(), inline)
        );
    }
    out.push('\n');
}

/// The label of the position taken on `item`, if any. Symbols are for the screen:
/// in a document the words say it.
fn position<'a>(response: &Response, item: &Item, scale: &'a Scale) -> Option<&'a str> {
    response
        .answer(&item.id)
        .and_then(|a| a.position.as_deref())
        .and_then(|id| scale.option(id))
        .map(|o| o.label.as_str())
}

fn is_answered(response: &Response, item: &Item) -> bool {
    response.answer(&item.id).is_some_and(|a| a.is_answered())
}

fn write_item(out: &mut String, response: &Response, set: &QuestionSet, item: &Item, lone_free_text: bool) {
    let answer = response.answer(&item.id);
    if !lone_free_text {
        let _ = writeln!(out, "### {}\n", inline(&item.label));
        let _ = writeln!(out, "{}\n", quote(&block(&item.prompt)));
    }
    let text = answer.map_or("", |a| a.answer.as_str());
    let has_text = !text.trim().is_empty();
    match set.scale_of(item).map(|scale| position(response, item, scale)) {
        Some(Some(label)) => {
            let _ = writeln!(out, "**Position: {}**\n", inline(label));
            if !has_text {
                out.push_str("*No written answer.*\n\n");
            }
        }
        Some(None) if has_text => out.push_str("*No position given.*\n\n"),
        _ if !has_text => out.push_str("*Not answered.*\n\n"),
        _ => {}
    }
    if has_text {
        let _ = writeln!(out, "{}\n", block(text));
    }
    let reasoning = answer.map_or("", |a| a.reasoning.as_str());
    if !reasoning.trim().is_empty() {
        let level = if lone_free_text { "###" } else { "####" };
        let _ = writeln!(out, "{level} Reasoning\n\n{}\n", block(reasoning));
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
    let text = unify_line_endings(text);
    let line = flat(&visible(&text));
    // In a heading a run of `#` could close it, and `{…}` could be read as attributes.
    escape_line(&line, &['#', '{', '}'])
}

/// Paragraphs of user text: line breaks kept as hard breaks, blank lines as
/// paragraph breaks, and nothing read as structure.
pub fn block(text: &str) -> String {
    let text = unify_line_endings(text);
    let text = visible(&text);
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.split('\n') {
        // Leading spaces would make an indented code block; trailing ones a hard break.
        let line = line.trim_matches([' ', '\t']);
        if line.is_empty() {
            if !paragraphs.last().is_some_and(Vec::is_empty) {
                paragraphs.push(Vec::new());
            }
        } else {
            paragraphs
                .last_mut()
                .expect("never empty")
                .push(escape_line(line, &[]));
        }
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|lines| lines.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `\r\n` and a lone `\r` (both line endings to CommonMark) as `\n`.
fn unify_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Characters that open a block at the start of a line: heading, quote, list,
/// thematic break, setext underline, table delimiter row, link definition.
const LINE_START_SPECIAL: &[char] = &['#', '>', '-', '+', '=', ':', '['];

/// Characters that start code, emphasis, strikethrough, superscript, maths or a table cell
/// wherever they stand.
const ALWAYS_SPECIAL: &[char] = &['`', '*', '~', '|', '$', '^'];

/// Backslash-escapes what CommonMark (and the common extensions: tables,
/// strikethrough, maths) would read as markup in one line, plus `also`.
/// Characters that can only be markup in some company are escaped only there,
/// so ordinary prose (`R&D`, `snake_case`, `a < b`, `[sic]`) stays as written.
fn escape_line(line: &str, also: &[char]) -> String {
    let chars: Vec<char> = line.chars().collect();
    // `1.` or `2)` followed by a space at the start of a line opens an ordered list.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_mark_at = ((1..=9).contains(&digits)
        && matches!(chars.get(digits), Some('.' | ')'))
        && chars.get(digits + 1).is_none_or(|c| c.is_whitespace()))
    .then_some(digits);
    let mut out = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let special = match c {
            _ if i == 0 && LINE_START_SPECIAL.contains(&c) => true,
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
