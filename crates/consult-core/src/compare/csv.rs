//! The comparison as CSV for spreadsheets: one row per organisation and item, with ids
//! for machines beside labels and the answer for people; or (`--pairs`) one row per pair
//! of organisations. Every cell is made visible and safe from formula injection.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Comparison, Position, Quoted, Sort};
use crate::text::shown_path;
use crate::text::{spreadsheet_safe, visible};

pub const HEADER: [&str; 13] = [
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
/// each answer from `quoted` (empty when it was not read).
pub fn write(comparison: &Comparison, quoted: Quoted, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    let labels: Vec<Cow<str>> = (0..comparison.item_count())
        .map(|i| safe(&comparison.item(i).label))
        .collect();
    for o in comparison.order(Sort::Name) {
        let organisation = &comparison.organisations[o];
        let name = safe(&comparison.column_name(o)).into_owned();
        let file = safe(&shown_path(&organisation.file)).into_owned();
        let updated = organisation.updated.to_string();
        for (i, stance) in organisation.stances.iter().enumerate() {
            let option = comparison.option(i, stance.position);
            let (position, label) = match stance.position {
                Position::Chosen(_) => {
                    option.map_or(("", Cow::Borrowed("")), |o| (o.id.as_str(), safe(&o.label)))
                }
                Position::NotOnScale => (NOT_ON_SCALE, Cow::Borrowed(NOT_ON_SCALE)),
                Position::Unsettled => (UNSETTLED, Cow::Borrowed(UNSETTLED)),
                Position::Unset => ("", Cow::Borrowed("")),
            };
            let basis = match stance.position {
                Position::Unset | Position::Unsettled => "",
                _ if stance.inferred => "inferred",
                _ => "stated",
            };
            let (answer, problem) = match quoted.text(o, i) {
                Ok(text) => (safe(&text.answer), Cow::Borrowed("")),
                Err(reason) => (Cow::Borrowed(""), safe(reason)),
            };
            let words = stance.words.to_string();
            let record = [
                name.as_str(),
                organisation.status.label(),
                &updated,
                comparison.item(i).id.as_str(),
                &labels[i],
                position,
                &label,
                basis,
                &safe(organisation.key_point(i)),
                &answer,
                &words,
                file.as_str(),
                &problem,
            ];
            writer.write_record(record)?;
        }
    }
    writer.flush()
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
