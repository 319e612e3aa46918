//! `consult list`: the drafts in consult's drafts folder, as the app's drafts list shows them.

use std::io::Write;

use jiff::Timestamp;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Failure, ListArgs, ListFormat};
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::drafts::{self, DraftSummary};
use crate::model::ResponseStatus;
use crate::text::{fit, saved_time, visible_line};

pub fn run(args: ListArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let (list, problems) = drafts::list(&dirs.drafts(), &catalog);
    match args.format {
        ListFormat::Table => table(&list, out),
        ListFormat::Json => {
            let _ = writeln!(out, "{}", json(&list));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    for problem in &problems {
        let _ = writeln!(err, "{problem}");
    }
    Err(Failure::bad_input(format!(
        "{} file(s) in {} could not be read as drafts",
        problems.len(),
        dirs.drafts().display()
    )))
}

/// The name other commands accept for the draft (`consult export NAME`).
fn file_name(draft: &DraftSummary) -> String {
    draft
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn table(list: &[DraftSummary], out: &mut dyn Write) {
    if list.is_empty() {
        let _ = writeln!(
            out,
            "no drafts yet; start one with `consult new --questions ID --org NAME` or in the app (`consult`)"
        );
        return;
    }
    const HEADINGS: [&str; 6] = ["FILE", "ORGANISATION", "SET", "ANSWERED", "STATUS", "SAVED"];
    let zone = jiff::tz::TimeZone::system();
    // Every cell shown on one line: names from any file may hold control characters.
    let rows: Vec<[String; 6]> = list
        .iter()
        .map(|d| {
            [
                visible_line(&file_name(d)).into_owned(),
                visible_line(&d.organisation).into_owned(),
                visible_line(&d.set_id).into_owned(),
                format!("{}/{}", d.answered, d.total),
                d.status.label().to_string(),
                saved_time(d.updated, &zone),
            ]
        })
        .collect();
    let widths: [usize; 6] = std::array::from_fn(|column| {
        rows.iter()
            .map(|row| row[column].width())
            .chain([HEADINGS[column].width()])
            .max()
            .unwrap_or(0)
    });
    let line = |cells: [&str; 6]| {
        let mut line = String::new();
        for (column, cell) in cells.iter().enumerate() {
            if column > 0 {
                line.push_str("  ");
            }
            // ANSWERED is a number: right-aligned, as in `consult versions`.
            if column == 3 {
                line.push_str(&" ".repeat(widths[column].saturating_sub(cell.width())));
                line.push_str(cell);
            } else {
                line.push_str(&fit(cell, widths[column]));
            }
        }
        line.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(HEADINGS));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row.each_ref().map(String::as_str)));
    }
}

/// One draft in `consult list --format json`, fields in this order.
#[derive(Serialize)]
struct JsonRow<'a> {
    file: String,
    path: String,
    organisation: &'a str,
    question_set: &'a str,
    title: &'a str,
    answered: usize,
    total: usize,
    status: ResponseStatus,
    updated: Timestamp,
}

/// The same list for scripts; text as in the files (JSON escapes any control character).
fn json(list: &[DraftSummary]) -> String {
    let rows: Vec<JsonRow> = list
        .iter()
        .map(|d| JsonRow {
            file: file_name(d),
            path: d.path.display().to_string(),
            organisation: &d.organisation,
            question_set: &d.set_id,
            title: &d.consultation,
            answered: d.answered,
            total: d.total,
            status: d.status,
            updated: d.updated,
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default()
}
