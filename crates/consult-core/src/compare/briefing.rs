//! The briefing both [`super::markdown`] and [`super::html`] write: after the document's
//! head, section by section, each item's question and summary, then every organisation's
//! entry in name order — its position, key point, answer, reasoning and (when asked) notes.
//! What goes where is decided here once; each format only says how a piece looks.

use std::io::{self, Write};

use super::fragments::{Entry, Fragments};
use super::{Comparison, Position, Sort, stance_words};

/// How one format writes each piece of a briefing. Untrusted text is made safe here.
pub(super) trait Style {
    /// Everything before the items: title, responses, files set aside, matrix, pairs.
    fn head(&self, comparison: &Comparison, order: &[usize], out: &mut dyn Write) -> io::Result<()>;
    fn section(&self, title: &str, out: &mut String);
    fn section_end(&self, out: &mut String);
    /// An item's label, question and summary (`heading` says whether of positions or answers).
    fn item(&self, label: &str, prompt: &str, heading: &str, summary: &str, out: &mut String);
    /// An entry's start: the organisation's name. The rest is its fragment.
    fn entry_start(&self, name: &str) -> String;
    /// The end of the entry's heading, with the position when there is one to show.
    fn position(&self, position: Option<&str>, out: &mut String);
    fn key_point(&self, point: &str, out: &mut String);
    fn unreadable(&self, reason: &str, out: &mut String);
    fn no_answer(&self, out: &mut String);
    fn answer(&self, text: &str, out: &mut String);
    fn reasoning(&self, text: &str, out: &mut String);
    fn notes(&self, text: &str, out: &mut String);
    fn end(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes the briefing for `comparison` in `style`, each entry from `fragments`.
pub(super) fn write(
    style: &impl Style,
    comparison: &Comparison,
    fragments: &Fragments,
    out: &mut dyn Write,
) -> io::Result<()> {
    let order = comparison.order(Sort::Name);
    style.head(comparison, &order, out)?;
    let starts: Vec<String> = order
        .iter()
        .map(|&o| style.entry_start(&comparison.column_name(o)))
        .collect();
    let mut buffer = Vec::new();
    let mut text = String::new();
    for (s, section) in comparison.set.sections.iter().enumerate() {
        style.section(&section.title, &mut text);
        for i in (0..comparison.item_count()).filter(|&i| comparison.section_of(i) == s) {
            let item = comparison.item(i);
            let heading = if comparison.scale(i).is_some() {
                "Positions"
            } else {
                "Answers"
            };
            style.item(
                &item.label,
                &item.prompt,
                heading,
                &comparison.summary_text(i),
                &mut text,
            );
            out.write_all(text.as_bytes())?;
            text.clear();
            for (&o, start) in order.iter().zip(&starts) {
                out.write_all(start.as_bytes())?;
                out.write_all(fragments.read(o, i, &mut buffer)?)?;
            }
        }
        style.section_end(&mut text);
    }
    out.write_all(text.as_bytes())?;
    style.end(out)
}

/// One organisation's entry on one item, all but its name: made as its file is read.
pub(super) fn fragment(style: &impl Style, entry: &Entry, notes: bool, out: &mut Vec<u8>) {
    let mut text = String::new();
    let shown = entry.scale.is_some() || entry.stance.position == Position::Unsettled;
    let position = shown.then(|| stance_words(entry.scale, entry.stance));
    style.position(position.as_deref(), &mut text);
    if !entry.key_point.is_empty() {
        style.key_point(entry.key_point, &mut text);
    }
    match entry.texts {
        Err(reason) => style.unreadable(reason, &mut text),
        Ok(texts) => {
            if texts.answer.trim().is_empty() {
                style.no_answer(&mut text);
            } else {
                style.answer(texts.answer, &mut text);
            }
            if !texts.reasoning.trim().is_empty() {
                style.reasoning(texts.reasoning, &mut text);
            }
            if notes && !texts.notes.trim().is_empty() {
                style.notes(texts.notes, &mut text);
            }
        }
    }
    out.extend_from_slice(text.as_bytes());
}
