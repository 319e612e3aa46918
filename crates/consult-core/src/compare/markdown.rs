//! The comparison as a Markdown briefing: the matrix as a table, then item by item each
//! organisation's position, answer and reasoning (and, when asked, its notes). All text
//! from the files goes through the core export's [`inline`] and [`block`], so it can never
//! add structure of its own.

use std::fmt::Write as _;
use std::io;

use super::briefing::{self, Style};
use super::fragments::{Entry, Fragments};
use super::{CONFLICT_LEGEND, Comparison, INFERRED_LEGEND, legend};
use crate::export::markdown::{block, inline, quote};
use crate::text::shown_path;

/// Writes the Markdown document for `comparison`, each entry from `fragments`.
pub fn write(comparison: &Comparison, fragments: &Fragments, out: &mut dyn io::Write) -> io::Result<()> {
    let mut out = OneNewlineAtTheEnd { out, newlines: 0 };
    briefing::write(&Markdown, comparison, fragments, &mut out)?;
    if out.newlines > 0 {
        out.out.write_all(b"\n")?;
    }
    Ok(())
}

/// One organisation's entry on one item, but its name: made as its file is read.
pub(super) fn fragment(entry: &Entry, notes: bool, out: &mut Vec<u8>) {
    briefing::fragment(&Markdown, entry, notes, out);
}

/// Passes everything on but newlines at the end, of which it writes one: every piece of
/// the document ends in a blank line, and the document in none.
struct OneNewlineAtTheEnd<'a> {
    out: &'a mut dyn io::Write,
    /// Newlines held back.
    newlines: usize,
}

impl io::Write for OneNewlineAtTheEnd<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let kept = bytes.iter().rev().take_while(|&&b| b == b'\n').count();
        let body = &bytes[..bytes.len() - kept];
        if !body.is_empty() {
            for _ in 0..self.newlines {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(body)?;
            self.newlines = 0;
        }
        self.newlines += kept;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

struct Markdown;

impl Style for Markdown {
    fn head(&self, comparison: &Comparison, order: &[usize], out: &mut dyn io::Write) -> io::Result<()> {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "# Comparison of responses — {}\n",
            inline(&comparison.set.title)
        );
        let _ = writeln!(text, "{}\n", inline(&comparison.intro()));
        text.push_str("## Responses compared\n\n");
        for &o in order {
            write_response(&mut text, comparison, o);
            out.write_all(text.as_bytes())?;
            text.clear();
        }
        text.push('\n');
        for warning in comparison.repeated_warnings() {
            let _ = writeln!(text, "**Warning:** {}.\n", inline(&warning));
        }
        write_set_aside(&mut text, comparison);
        write_table(&mut text, comparison, order);
        write_pairs(&mut text, comparison);
        out.write_all(text.as_bytes())
    }

    fn section(&self, title: &str, out: &mut String) {
        let _ = writeln!(out, "## {}\n", inline(title));
    }

    fn section_end(&self, _: &mut String) {}

    fn item(&self, label: &str, prompt: &str, heading: &str, summary: &str, out: &mut String) {
        let _ = writeln!(out, "### {}\n", inline(label));
        let _ = writeln!(out, "{}\n", quote(&block(prompt)));
        let _ = writeln!(out, "**{heading}:** {}\n", inline(summary));
    }

    fn entry_start(&self, name: &str) -> String {
        format!("#### {}", inline(name))
    }

    fn position(&self, position: Option<&str>, out: &mut String) {
        match position {
            Some(position) => {
                let _ = writeln!(out, ": {}\n", inline(position));
            }
            None => out.push_str("\n\n"),
        }
    }

    fn key_point(&self, point: &str, out: &mut String) {
        let _ = writeln!(out, "*Key point:* {}\n", inline(point));
    }

    fn unreadable(&self, reason: &str, out: &mut String) {
        let _ = writeln!(out, "*The text could not be read: {}*\n", inline(reason));
    }

    fn no_answer(&self, out: &mut String) {
        out.push_str("*No written answer.*\n\n");
    }

    fn answer(&self, text: &str, out: &mut String) {
        let _ = writeln!(out, "{}\n", block(text));
    }

    fn reasoning(&self, text: &str, out: &mut String) {
        let _ = writeln!(out, "##### Reasoning\n\n{}\n", block(text));
    }

    fn notes(&self, text: &str, out: &mut String) {
        let _ = writeln!(out, "##### Notes (not part of the response)\n\n{}\n", block(text));
    }

    fn end(&self, _: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }
}

fn write_response(out: &mut String, comparison: &Comparison, o: usize) {
    let organisation = &comparison.organisations[o];
    let _ = writeln!(
        out,
        "- {} ({}): {}, updated {}",
        inline(&comparison.column_name(o)),
        inline(&shown_path(&organisation.file)),
        organisation.status.label(),
        organisation.updated_date()
    );
    for note in &organisation.notes {
        let _ = writeln!(out, "  - {}", inline(note));
    }
}

/// Each pair of organisations: on how many items both took a position, and how often the same.
fn write_pairs(out: &mut String, comparison: &Comparison) {
    let pairs = comparison.pairs();
    if pairs.is_empty() {
        return;
    }
    out.push_str("## Who agrees with whom\n\nItems on which both took the same position, of those on which both took one.\n\n");
    out.push_str("| Organisation | Organisation | Same position |\n| --- | --- | --- |\n");
    for pair in pairs {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            inline(&comparison.column_name(pair.first)),
            inline(&comparison.column_name(pair.second)),
            super::pair_words(pair)
        );
    }
    out.push('\n');
}

fn write_set_aside(out: &mut String, comparison: &Comparison) {
    if comparison.set_aside.is_empty() {
        return;
    }
    out.push_str("## Files set aside\n\nThese files are not part of the comparison:\n\n");
    for aside in &comparison.set_aside {
        let _ = writeln!(
            out,
            "- {}: {}",
            inline(&shown_path(&aside.file)),
            inline(&aside.reason)
        );
    }
    out.push('\n');
}

/// A column per organisation, or with very many, the counts per option in one column.
fn write_table(out: &mut String, comparison: &Comparison, order: &[usize]) {
    let rows: Vec<usize> = (0..comparison.item_count())
        .filter(|&i| comparison.scale(i).is_some())
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str("## Positions at a glance\n\n");
    if comparison.is_large() {
        out.push_str("| Item | Positions |\n| --- | --- |\n");
        for i in rows {
            let _ = writeln!(
                out,
                "| {} | {} |",
                inline(&comparison.item(i).label),
                inline(&comparison.summary_text(i))
            );
        }
    } else {
        let mut header = String::from("| Item |");
        let mut rule = String::from("| --- |");
        for &o in order {
            let _ = write!(header, " {} |", inline(&comparison.column_name(o)));
            rule.push_str(" --- |");
        }
        let _ = writeln!(out, "{header} Summary |\n{rule} --- |");
        for i in rows {
            let _ = write!(out, "| {} |", inline(&comparison.item(i).label));
            for &o in order {
                let _ = write!(out, " {} |", inline(&comparison.stance_words(i, o)));
            }
            let _ = writeln!(out, " {} |", inline(&comparison.summary_text(i)));
        }
    }
    let _ = writeln!(out, "\n{}\n", inline(&legend()));
    if comparison.any_inferred() {
        let _ = writeln!(out, "{}\n", inline(INFERRED_LEGEND));
    }
    if comparison.any_unsettled() {
        let _ = writeln!(out, "{}\n", inline(CONFLICT_LEGEND));
    }
}
