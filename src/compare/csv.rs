//! The comparison as CSV for spreadsheets: one row per organisation and item.

use std::io::{self, Write};

use super::{Comparison, Position, Sort, shown_path};
use crate::text::{spreadsheet_safe, visible};

pub const HEADER: [&str; 5] = ["organisation", "item", "position", "answer_words", "file"];

/// What the position column says for a position this version's scale does not have.
pub const NOT_ON_SCALE: &str = "(not on this version's scale)";

/// Writes the CSV for `comparison`: organisations in name order, items in reading order.
pub fn write(comparison: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for o in comparison.order(Sort::Name) {
        let organisation = &comparison.organisations[o];
        let name = spreadsheet_safe(visible(organisation.display_name()));
        let file = spreadsheet_safe(shown_path(&organisation.file).into());
        for (i, stance) in organisation.stances.iter().enumerate() {
            let position = match stance.position {
                Position::Chosen(_) => comparison
                    .option(i, stance.position)
                    .map_or("", |option| option.id.as_str()),
                Position::NotOnScale => NOT_ON_SCALE,
                Position::Unset => "",
            };
            let words = stance.words.to_string();
            let record = [
                name.as_ref(),
                comparison.item(i).id.as_str(),
                position,
                &words,
                file.as_ref(),
            ];
            writer.write_record(record)?;
        }
    }
    writer.flush()
}
