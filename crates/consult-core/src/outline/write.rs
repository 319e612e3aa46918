//! Writing a question set as an outline that reads back into the same set: defaults are left
//! unsaid, and wording that would read as syntax is escaped.

use super::{NOT_STATED, is_syntax, standard_scales, trailing_annotation};
use crate::model::{Item, QuestionSet, Scale};
use crate::text::slug;

/// Indentation for an item's further lines: indented text is never syntax.
const INDENT: &str = "   ";

/// `set` as a Markdown outline.
pub fn write(set: &QuestionSet) -> String {
    let mut out = String::new();
    let id = (set.id != slug(&set.title)).then_some(set.id.as_str());
    out.push_str(&format!("# {}\n", with_attributes(&set.title, id, &[])));
    if let Some(description) = &set.description {
        write_paragraphs(&mut out, description);
    }
    out.push('\n');
    // Said only when stated: an outline without them reads back as "not stated".
    for (name, value) in [("Publisher", &set.publisher), ("Source", &set.source)] {
        if value != NOT_STATED {
            key(&mut out, name, value);
        }
    }
    if let Some(date) = &set.closing_date {
        key(&mut out, "Closing date", date);
    }
    let needs_2 = set.items().any(|i| i.char_limit.is_some());
    if set.format_version != 1 + u32::from(needs_2) {
        key(&mut out, "Format version", &set.format_version.to_string());
    }
    let implied = implied_scales(set);
    for scale in set.scales.iter().filter(|s| !implied.contains(&s.id)) {
        write_scale(&mut out, scale);
    }
    for section in &set.sections {
        let id = (section.id != slug(&section.title)).then_some(section.id.as_str());
        out.push_str(&format!("\n## {}\n", with_attributes(&section.title, id, &[])));
        if let Some(source) = &section.source {
            out.push('\n');
            key(&mut out, "Source", source);
        }
        if let Some(intro) = &section.intro {
            write_paragraphs(&mut out, intro);
        }
        for (i, item) in section.items.iter().enumerate() {
            write_item(&mut out, set, &implied, item, i + 1);
        }
    }
    out
}

/// Paragraphs of text, each after a blank line, any line that would read as syntax escaped.
fn write_paragraphs(out: &mut String, text: &str) {
    for paragraph in text.split("\n\n") {
        out.push('\n');
        for line in lines(paragraph) {
            let escape = if is_syntax(&line) { "\\" } else { "" };
            out.push_str(&format!("{escape}{line}\n"));
        }
    }
}

/// A paragraph's lines as written: each line break kept by a `\` at the end of the line before.
fn lines(paragraph: &str) -> Vec<String> {
    let lines: Vec<&str> = paragraph.split('\n').collect();
    let last = lines.len() - 1;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| format!("{}{}", line.trim(), if i < last { "\\" } else { "" }))
        .collect()
}

/// `Name: value`, its further lines and paragraphs indented so they carry the value on.
fn key(out: &mut String, name: &str, value: &str) {
    for (p, paragraph) in value.split("\n\n").enumerate() {
        if p > 0 {
            out.push('\n');
        }
        for (i, line) in lines(paragraph).iter().enumerate() {
            match (p, i) {
                (0, 0) if line.is_empty() => out.push_str(&format!("{name}:\n")),
                (0, 0) => out.push_str(&format!("{name}: {line}\n")),
                _ => out.push_str(&format!("{INDENT}{line}\n")),
            }
        }
    }
}

fn write_scale(out: &mut String, scale: &Scale) {
    let id = (scale.id != slug(&scale.name)).then_some(scale.id.as_str());
    out.push_str(&format!("\nScale: {}\n", with_attributes(&scale.name, id, &[])));
    for (i, option) in scale.options.iter().enumerate() {
        let id = (option.id != slug(&option.label)).then_some(option.id.as_str());
        let symbol = (option.symbol != (i + 1).to_string()).then_some(option.symbol.as_str());
        let attributes = with_attributes(&option.label, id, &[("symbol", symbol)]);
        out.push_str(&format!("- {attributes}\n"));
    }
}

fn write_item(out: &mut String, set: &QuestionSet, implied: &[String], item: &Item, position: usize) {
    // `Question 3: …` for an item labelled so, else a numbered entry with its label given.
    let number = item
        .label
        .strip_prefix("Question ")
        .filter(|n| {
            !n.is_empty() && n.len() <= super::MAX_NUMBER_DIGITS && n.chars().all(|c| c.is_ascii_digit())
        })
        .filter(|n| !n.starts_with('0'));
    let (marker, default_id) = match number {
        Some(n) => (format!("Question {n}:"), format!("q{n}")),
        None => {
            // Numbered as its label is (`Issue 4` is `4.`), else by its place in the section.
            let digits = item.label.len() - item.label.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let n = match &item.label[item.label.len() - digits..] {
                n if (1..=super::MAX_NUMBER_DIGITS).contains(&n.len()) && !n.starts_with('0') => {
                    n.to_string()
                }
                _ => position.to_string(),
            };
            (format!("{n}."), format!("q{n}"))
        }
    };
    let label = number.is_none().then_some(item.label.as_str());
    let id = (item.id != default_id).then_some(item.id.as_str());
    let mut end = String::new();
    if let Some(scale) = &item.scale {
        let tag = match set.scale(scale) {
            Some(s) if implied.contains(&s.id) && s.id == "agreement" => "agree",
            _ => scale,
        };
        end.push_str(&format!(" [{tag}]"));
    }
    let plural = |n: u32| if n == 1 { "" } else { "s" };
    if let Some(n) = item.word_limit {
        end.push_str(&format!(" (max {n} word{})", plural(n)));
    }
    if let Some(n) = item.char_limit {
        end.push_str(&format!(" (max {n} character{})", plural(n)));
    }
    let attributes = with_attributes(
        "",
        id,
        &[("label", label), ("short", item.short_title.as_deref())],
    );
    if !attributes.is_empty() {
        end.push(' ');
        end.push_str(&attributes);
    }
    let mut wording = lines(&item.prompt.replace("\n\n", "\n"));
    let last = wording.len() - 1;
    wording[last] = escape_end(&wording[last], false);
    out.push_str(&format!("\n{marker} {}", wording[0]));
    for line in &wording[1..] {
        out.push_str(&format!("\n{INDENT}{line}"));
    }
    out.push_str(&end);
    out.push('\n');
    if let Some(context) = &item.context {
        for paragraph in context.split("\n\n") {
            out.push('\n');
            for line in lines(paragraph) {
                out.push_str(&format!("{INDENT}{line}\n"));
            }
        }
    }
}

/// `text` with a `\` before an ending that would read as an annotation.
fn escape_end(text: &str, attributes_only: bool) -> String {
    let mut text = text.to_string();
    if let Some(start) = trailing_annotation(&text, attributes_only) {
        text.insert(start, '\\');
    }
    text
}

/// `text {#id key="value"}`, with only what is given; `text` escaped where it ends like attributes.
fn with_attributes(text: &str, id: Option<&str>, values: &[(&str, Option<&str>)]) -> String {
    let mut parts: Vec<String> = id.map(|id| format!("#{id}")).into_iter().collect();
    for (name, value) in values {
        if let Some(value) = value {
            let value = value.replace('\\', "\\\\").replace('"', "\\\"");
            parts.push(format!("{name}=\"{value}\""));
        }
    }
    let text = escape_end(text, true);
    match (text.is_empty(), parts.is_empty()) {
        (_, true) => text,
        (true, false) => format!("{{{}}}", parts.join(" ")),
        (false, false) => format!("{text} {{{}}}", parts.join(" ")),
    }
}

/// The scales an outline need not define: standard ones, used by an item, which reading the
/// outline puts back in the same order (defined ones first, then standard ones as first used).
fn implied_scales(set: &QuestionSet) -> Vec<String> {
    let standard = standard_scales();
    let mut implied: Vec<String> = Vec::new();
    for item in set.items() {
        if let Some(scale) = set.scale_of(item)
            && standard.contains(scale)
            && !implied.contains(&scale.id)
        {
            implied.push(scale.id.clone());
        }
    }
    let defined = set
        .scales
        .iter()
        .map(|s| &s.id)
        .filter(|id| !implied.contains(id));
    let order: Vec<&String> = defined.chain(implied.iter()).collect();
    if order.iter().copied().eq(set.scales.iter().map(|s| &s.id)) {
        implied
    } else {
        Vec::new()
    }
}
