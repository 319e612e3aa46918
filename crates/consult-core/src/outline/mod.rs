//! Question sets as Markdown outlines, the form a policy officer can write by hand: the title
//! as the first heading, sections as the headings after it, items as numbered entries or
//! `Question N` lines. [`read`] turns an outline into a set, with errors that name the line;
//! [`write`] turns a set back into an outline that reads back into the same set.
//!
//! What an outline can say, beyond headings and items:
//! - between the title and the first section, `Publisher:`, `Source:`, `Closing date:` and
//!   `Format version:` lines, and `Scale: Name` lines each followed by its options as `- Label`;
//! - under a section heading, a `Source:` line and paragraphs of introduction;
//! - at the end of an item's wording, a scale tag (`[agree]`, `[support]`, `[free]` or the id of
//!   a scale the outline defines) and limits, `(max 300 words)` and `(max 2000 characters)`;
//! - at the end of any heading, scale, option or item line, `{#id key="value"}` attributes for
//!   what is not the default: ids (by default made from the text), an item's `label` and
//!   `short` title, an option's `symbol`;
//! - paragraphs under an item: its guidance (context).
//!
//! Paragraphs are Markdown's: lines are joined by a space, a line ending in `\` keeps its line
//! break, and a blank line starts a new paragraph. Only unindented lines can be headings, items,
//! keys or options, so indented text is always text.

mod read;
mod write;

pub use read::{read, read_with_warnings};

/// What a set says of its publisher or source when its outline did not say.
pub const NOT_STATED: &str = "not stated";
pub use write::write;

use crate::model::{Scale, ScaleOption};

/// The two scales an outline can name without defining: `[agree]` and `[support]`.
fn standard_scales() -> [Scale; 2] {
    let scale = |id: &str, name: &str, options: &[(&str, &str, &str)]| Scale {
        id: id.into(),
        name: name.into(),
        options: options
            .iter()
            .map(|(id, label, symbol)| ScaleOption {
                id: (*id).into(),
                label: (*label).into(),
                symbol: (*symbol).into(),
            })
            .collect(),
    };
    [
        scale(
            "agreement",
            "Agreement",
            &[
                ("agree", "Agree", "++"),
                ("partly-agree", "Partly agree", "+"),
                ("neither", "Neither agree nor disagree", "="),
                ("partly-disagree", "Partly disagree", "-"),
                ("disagree", "Disagree", "--"),
            ],
        ),
        scale(
            "support",
            "Support",
            &[
                ("support", "Support", "++"),
                ("support-with-changes", "Support with changes", "+~"),
                ("neutral", "Neutral", "="),
                ("oppose", "Oppose", "--"),
            ],
        ),
    ]
}

/// The scale id a tag names when the outline defines no scale of that id: `[agree]` is the
/// standard agreement scale, whose id is `agreement`.
fn tag_to_scale_id(tag: &str) -> &str {
    if tag == "agree" { "agreement" } else { tag }
}

/// The keys an outline's lines can start with.
const KEYS: [&str; 5] = ["Publisher", "Source", "Closing date", "Format version", "Scale"];

/// Where, at the end of `text`, something that reads as an annotation starts, if it does:
/// a tag (`[agree]`), a limit (`(max 300 words)`) or, alone when `attributes_only`, attributes
/// (`{#id}`). The reader strips it; the writer escapes wording that happens to end so.
fn trailing_annotation(text: &str, attributes_only: bool) -> Option<usize> {
    let (open, close) = match text.chars().last()? {
        '}' => ('{', '}'),
        _ if attributes_only => return None,
        ']' => ('[', ']'),
        ')' => ('(', ')'),
        _ => return None,
    };
    let start = text.rfind(open)?;
    let inside = &text[start + 1..text.len() - 1];
    let shaped = match close {
        ']' => !inside.is_empty() && !inside.contains(|c: char| c.is_whitespace() || c == '['),
        ')' => inside.to_lowercase().starts_with("max "),
        _ => !inside.contains('{'),
    };
    shaped.then_some(start)
}

/// The most digits an item's number may have: any `u32` of nine digits.
const MAX_NUMBER_DIGITS: usize = 9;

/// Whether `line`, unindented, would be read as an item (`1. …`, `12) …`, `Question 3: …` or
/// `Question 3` with the wording on the next line):
/// its number, and where its wording starts.
fn item_start(line: &str) -> Option<(u32, usize)> {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = digits(line);
    // Up to nine digits: a set of 100,000 items numbers its entries past 9,999, and any
    // line of guidance that looks like this is escaped by the writer.
    if (1..=MAX_NUMBER_DIGITS).contains(&n) {
        let rest = &line[n..];
        let numbered = (rest.starts_with(". ") || rest.starts_with(") ")) && !rest[2..].trim().is_empty();
        return numbered.then(|| Some((line[..n].parse().ok()?, n + 2))).flatten();
    }
    let rest = line.strip_prefix("Question ")?;
    let n = digits(rest);
    let after = &rest[n..];
    // One separator at most (`Question 3: …`, `Question 3 – …`), so wording keeps its own dash.
    let spaced = after.trim_start();
    let separated = spaced
        .strip_prefix([':', '.', ')', '-', '–', '—'])
        .unwrap_or(spaced);
    let wording = separated.trim_start();
    // The wording may also start on the next line, as consultation papers often print it.
    if !(1..=MAX_NUMBER_DIGITS).contains(&n) || (!after.is_empty() && after.len() == wording.len()) {
        return None;
    }
    Some((rest[..n].parse().ok()?, line.len() - wording.len()))
}

/// Whether `line`, unindented, is a heading: its text after the `#`s.
fn heading(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with(' '))).then(|| rest.trim())
}

/// Whether `line`, unindented, starts with one of [`KEYS`]: the key, and its value.
fn key(line: &str) -> Option<(&'static str, &str)> {
    let (name, value) = line.split_once(':')?;
    KEYS.iter()
        .find(|k| k.eq_ignore_ascii_case(name.trim_end()))
        .map(|k| (*k, value.trim()))
}

/// Whether `line`, unindented, is a scale's option (`- Label`): its text.
fn option(line: &str) -> Option<&str> {
    line.strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .map(str::trim)
}

/// Whether `line`, unindented, would be read as anything but text.
fn is_syntax(line: &str) -> bool {
    line.starts_with('\\')
        || heading(line).is_some()
        || item_start(line).is_some()
        || key(line).is_some()
        || option(line).is_some()
}
