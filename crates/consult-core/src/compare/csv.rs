//! The comparison as CSV for spreadsheets: one row per organisation and item, with ids
//! for machines beside labels and the answer for people; or (`--pairs`) one row per pair
//! of organisations. Every cell is made visible and safe from formula injection.

use std::borrow::Cow;
use std::io::{self, Write};

use super::fragments::{Entry, Fragments};
use super::{Comparison, Position, Sort};
use crate::text::shown_path;
use crate::text::{spreadsheet_safe, visible};

/// The columns; `from_document` is `yes` for a member imported from its own document
/// (Word, e-mail, text), whose positions were read from its words.
pub const HEADER: [&str; 14] = [
    "organisation",
    "status",
    "updated",
    "item",
    "item_label",
    "position",
    "position_label",
    "position_basis",
    "key_point",
    "answer",
    "answer_words",
    "file",
    "text_problem",
    "from_document",
];

pub const PAIRS_HEADER: [&str; 4] = [
    "organisation",
    "other_organisation",
    "same_position",
    "both_took_a_position",
];

/// What the position column says for a position this version's scale does not have.
pub const NOT_ON_SCALE: &str = "(not on this version's scale)";

/// What the position columns say for an item whose merge conflict nobody has settled.
pub const UNSETTLED: &str = "(conflict not settled)";

/// Writes the CSV for `comparison`: organisations in name order, items in reading order,
/// each row but its first cell taken from `fragments`.
pub fn write(comparison: &Comparison, fragments: &Fragments, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(&record(HEADER))?;
    let mut block = Vec::new();
    for o in comparison.order(Sort::Name) {
        let mut name = record([safe(&comparison.column_name(o)).as_ref()]);
        // The name's cell, then each row's others.
        name.pop();
        name.push(b',');
        let (bytes, ends) = fragments.read_block(o, &mut block)?;
        let mut from = 0;
        for &end in ends {
            out.write_all(&name)?;
            out.write_all(&bytes[from..end as usize])?;
            from = end as usize;
        }
    }
    Ok(())
}

/// One record's bytes, ending in a newline.
fn record<'a>(cells: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(cells);
    writer.into_inner().unwrap_or_default()
}

/// One organisation's rows, all but the organisation's name, an item at a time into `out`,
/// calling `ended` after each: made as its file is read.
pub(super) fn fragments(entries: &[Entry], out: &mut Vec<u8>, mut ended: impl FnMut(&Vec<u8>)) {
    let mut writer = ::csv::Writer::from_writer(out);
    for entry in entries {
        fragment(entry, &mut writer);
        // Writing to memory cannot fail.
        let _ = writer.flush();
        ended(writer.get_ref());
    }
}

fn fragment(entry: &Entry, writer: &mut ::csv::Writer<&mut Vec<u8>>) {
    let (organisation, stance) = (entry.organisation, entry.stance);
    let (position, label) = match stance.position {
        Position::Chosen(_) => super::option(entry.scale, stance.position)
            .map_or(("", Cow::Borrowed("")), |o| (o.id.as_str(), safe(&o.label))),
        Position::NotOnScale => (NOT_ON_SCALE, Cow::Borrowed(NOT_ON_SCALE)),
        Position::Unsettled => (UNSETTLED, Cow::Borrowed(UNSETTLED)),
        Position::Unset => ("", Cow::Borrowed("")),
    };
    let basis = match stance.position {
        Position::Unset | Position::Unsettled => "",
        _ if stance.inferred => "inferred",
        _ => "stated",
    };
    let (answer, problem) = match entry.texts {
        Ok(texts) => (safe(texts.answer), Cow::Borrowed("")),
        Err(reason) => (Cow::Borrowed(""), safe(reason)),
    };
    // Writing to memory cannot fail.
    let _ = writer.write_record([
        organisation.status.label(),
        &organisation.updated.to_string(),
        entry.item.id.as_str(),
        &safe(&entry.item.label),
        position,
        &label,
        basis,
        &safe(entry.key_point),
        &answer,
        &stance.words.to_string(),
        &safe(&shown_path(&organisation.file)),
        &problem,
        if organisation.from_document { "yes" } else { "" },
    ]);
}

/// Writes who agrees with whom: one row per pair of organisations, in name order.
pub fn write_pairs(comparison: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(PAIRS_HEADER)?;
    for pair in comparison.pairs() {
        writer.write_record([
            safe(&comparison.column_name(pair.first)).as_ref(),
            safe(&comparison.column_name(pair.second)).as_ref(),
            &pair.same.to_string(),
            &pair.both.to_string(),
        ])?;
    }
    writer.flush()
}

/// Untrusted text as a cell: control characters made visible, then [`spreadsheet_safe`].
fn safe(text: &str) -> Cow<'_, str> {
    spreadsheet_safe(visible(text))
}
