//! The comparison as one self-contained, printable HTML page: the same briefing as the
//! Markdown, with the matrix as a table. Text from the files is escaped and its formatting
//! rendered by the core export's [`html`](crate::export::html) helpers.

use std::fmt::Write as _;
use std::io;

use super::briefing::{self, Style};
use super::fragments::{Entry, Fragments};
use super::{CONFLICT_LEGEND, Comparison, INFERRED_LEGEND, legend, pair_words};
use crate::export::html::{blocks, close, open, text};
use crate::text::shown_path;

/// Writes the HTML page for `comparison`, each entry from `fragments`.
pub fn write(comparison: &Comparison, fragments: &Fragments, out: &mut dyn io::Write) -> io::Result<()> {
    briefing::write(&Html, comparison, fragments, out)
}

/// One organisation's entry on one item, but its name: made as its file is read.
pub(super) fn fragment(entry: &Entry, notes: bool, out: &mut Vec<u8>) {
    briefing::fragment(&Html, entry, notes, out);
}

struct Html;

impl Style for Html {
    fn head(&self, comparison: &Comparison, order: &[usize], out: &mut dyn io::Write) -> io::Result<()> {
        let mut page = String::new();
        let title = format!("Comparison of responses — {}", comparison.set.title);
        open(&mut page, &title, "consult");
        let _ = writeln!(
            page,
            "<h1>{}</h1>\n<p>{}</p>",
            text(&title),
            text(&comparison.intro())
        );
        page.push_str("<section>\n<h2>Responses compared</h2>\n<ul>\n");
        for &o in order {
            write_response(&mut page, comparison, o);
            out.write_all(page.as_bytes())?;
            page.clear();
        }
        page.push_str("</ul>\n");
        for warning in comparison.repeated_warnings() {
            let _ = writeln!(
                page,
                "<p class=\"warning\"><strong>Warning:</strong> {}.</p>",
                text(&warning)
            );
        }
        page.push_str("</section>\n");
        if !comparison.set_aside.is_empty() {
            page.push_str(
                "<section>\n<h2>Files set aside</h2>\n<p>These files are not part of the comparison:</p>\n<ul>\n",
            );
            for aside in &comparison.set_aside {
                let _ = writeln!(
                    page,
                    "<li>{}: {}</li>",
                    text(&shown_path(&aside.file)),
                    text(&aside.reason)
                );
            }
            page.push_str("</ul>\n</section>\n");
        }
        write_matrix(&mut page, comparison, order);
        write_pairs(&mut page, comparison);
        out.write_all(page.as_bytes())
    }

    fn section(&self, title: &str, out: &mut String) {
        let _ = writeln!(out, "<section class=\"part\">\n<h2>{}</h2>", text(title));
    }

    fn section_end(&self, out: &mut String) {
        out.push_str("</section>\n");
    }

    fn item(&self, label: &str, prompt: &str, heading: &str, summary: &str, out: &mut String) {
        let _ = writeln!(out, "<h3>{}</h3>", text(label));
        let _ = writeln!(out, "<blockquote>\n{}</blockquote>", blocks(prompt));
        let _ = writeln!(out, "<p><strong>{heading}:</strong> {}</p>", text(summary));
    }

    fn entry_start(&self, name: &str) -> String {
        format!("<h4>{}", text(name))
    }

    fn position(&self, position: Option<&str>, out: &mut String) {
        match position {
            Some(position) => {
                let _ = writeln!(out, ": {}</h4>", text(position));
            }
            None => out.push_str("</h4>\n"),
        }
    }

    fn key_point(&self, point: &str, out: &mut String) {
        let _ = writeln!(
            out,
            "<p class=\"key-point\"><em>Key point:</em> {}</p>",
            text(point)
        );
    }

    fn unreadable(&self, reason: &str, out: &mut String) {
        let _ = writeln!(
            out,
            "<p class=\"missing\"><em>The text could not be read: {}</em></p>",
            text(reason)
        );
    }

    fn no_answer(&self, out: &mut String) {
        out.push_str("<p class=\"missing\"><em>No written answer.</em></p>\n");
    }

    fn answer(&self, answer: &str, out: &mut String) {
        out.push_str(&blocks(answer));
    }

    fn reasoning(&self, reasoning: &str, out: &mut String) {
        let _ = writeln!(out, "<h5>Reasoning</h5>\n{}", blocks(reasoning));
    }

    fn notes(&self, notes: &str, out: &mut String) {
        let _ = writeln!(
            out,
            "<h5>Notes (not part of the response)</h5>\n{}",
            blocks(notes)
        );
    }

    fn end(&self, out: &mut dyn io::Write) -> io::Result<()> {
        let mut page = String::new();
        close(&mut page);
        out.write_all(page.as_bytes())
    }
}

fn write_response(out: &mut String, comparison: &Comparison, o: usize) {
    let organisation = &comparison.organisations[o];
    let _ = write!(
        out,
        "<li>{} ({}): {}, updated {}",
        text(&comparison.column_name(o)),
        text(&shown_path(&organisation.file)),
        organisation.status.label(),
        organisation.updated_date()
    );
    if !organisation.notes.is_empty() {
        out.push_str("<ul>");
        for note in &organisation.notes {
            let _ = write!(out, "<li>{}</li>", text(note));
        }
        out.push_str("</ul>");
    }
    out.push_str("</li>\n");
}

/// A column per organisation, or with very many, the counts per option in one column.
fn write_matrix(out: &mut String, comparison: &Comparison, order: &[usize]) {
    let rows: Vec<usize> = (0..comparison.item_count())
        .filter(|&i| comparison.scale(i).is_some())
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str("<section>\n<h2>Positions at a glance</h2>\n<table>\n<thead><tr><th>Item</th>");
    let large = comparison.is_large();
    if large {
        out.push_str("<th>Positions</th>");
    } else {
        for &o in order {
            let _ = write!(out, "<th>{}</th>", text(&comparison.column_name(o)));
        }
        out.push_str("<th>Summary</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for i in rows {
        let _ = write!(out, "<tr><th>{}</th>", text(&comparison.item(i).label));
        if !large {
            for &o in order {
                let _ = write!(out, "<td>{}</td>", text(&comparison.stance_words(i, o)));
            }
        }
        let _ = writeln!(out, "<td>{}</td></tr>", text(&comparison.summary_text(i)));
    }
    let _ = writeln!(out, "</tbody>\n</table>\n<p>{}</p>", text(&legend()));
    if comparison.any_inferred() {
        let _ = writeln!(out, "<p>{}</p>", text(INFERRED_LEGEND));
    }
    if comparison.any_unsettled() {
        let _ = writeln!(out, "<p>{}</p>", text(CONFLICT_LEGEND));
    }
    out.push_str("</section>\n");
}

/// Each pair of organisations and how often they took the same position.
fn write_pairs(out: &mut String, comparison: &Comparison) {
    let pairs = comparison.pairs();
    if pairs.is_empty() {
        return;
    }
    out.push_str("<section>\n<h2>Who agrees with whom</h2>\n<p>Items on which both took the same position, of those on which both took one.</p>\n<table>\n<thead><tr><th>Organisation</th><th>Organisation</th><th>Same position</th></tr></thead>\n<tbody>\n");
    for pair in pairs {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            text(&comparison.column_name(pair.first)),
            text(&comparison.column_name(pair.second)),
            pair_words(pair)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}
