//! The comparison as a Markdown briefing: the matrix as a table, then item by item each
//! organisation's position, answer and reasoning (and, when asked, its notes). All text
//! from the files goes through the core export's [`inline`] and [`block`], so it can never
//! add structure of its own.

use std::fmt::Write as _;

use super::{CONFLICT_LEGEND, Comparison, INFERRED_LEGEND, Quoted, Sort, legend};
use crate::export::markdown::{block, inline, quote};
use crate::text::shown_path;

/// The Markdown document for `comparison`, quoting the answers in `quoted`.
pub fn render(comparison: &Comparison, quoted: Quoted) -> String {
    let mut out = String::new();
    let set = &comparison.set;
    let order = comparison.order(Sort::Name);
    let _ = writeln!(out, "# Comparison of responses — {}\n", inline(&set.title));
    let _ = writeln!(out, "{}\n", inline(&comparison.intro()));
    write_responses(&mut out, comparison, &order);
    write_set_aside(&mut out, comparison);
    write_table(&mut out, comparison, &order);
    write_pairs(&mut out, comparison);
    for (s, section) in set.sections.iter().enumerate() {
        let _ = writeln!(out, "## {}\n", inline(&section.title));
        for i in (0..comparison.item_count()).filter(|&i| comparison.section_of(i) == s) {
            write_item(&mut out, comparison, &order, quoted, i);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn write_responses(out: &mut String, comparison: &Comparison, order: &[usize]) {
    out.push_str("## Responses compared\n\n");
    for &o in order {
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
    out.push('\n');
    for warning in comparison.repeated_warnings() {
        let _ = writeln!(out, "**Warning:** {}.\n", inline(&warning));
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

fn write_item(out: &mut String, comparison: &Comparison, order: &[usize], quoted: Quoted, i: usize) {
    let item = comparison.item(i);
    let _ = writeln!(out, "### {}\n", inline(&item.label));
    let _ = writeln!(out, "{}\n", quote(&block(&item.prompt)));
    let summary = comparison.summary_text(i);
    let heading = if comparison.scale(i).is_some() {
        "Positions"
    } else {
        "Answers"
    };
    let _ = writeln!(out, "**{heading}:** {}\n", inline(&summary));
    for &o in order {
        let organisation = &comparison.organisations[o];
        let name = inline(&comparison.column_name(o));
        if comparison.scale(i).is_some() || comparison.is_unsettled(i, o) {
            let label = inline(&comparison.stance_words(i, o));
            let _ = writeln!(out, "#### {name}: {label}\n");
        } else {
            let _ = writeln!(out, "#### {name}\n");
        }
        let point = organisation.key_point(i);
        if !point.is_empty() {
            let _ = writeln!(out, "*Key point:* {}\n", inline(point));
        }
        let text = match quoted.text(o, i) {
            Ok(text) => text,
            Err(reason) => {
                let _ = writeln!(out, "*The text could not be read: {}*\n", inline(reason));
                continue;
            }
        };
        if text.answer.trim().is_empty() {
            out.push_str("*No written answer.*\n\n");
        } else {
            let _ = writeln!(out, "{}\n", block(&text.answer));
        }
        if !text.reasoning.trim().is_empty() {
            let _ = writeln!(out, "##### Reasoning\n\n{}\n", block(&text.reasoning));
        }
        if quoted.notes && !text.notes.trim().is_empty() {
            let _ = writeln!(
                out,
                "##### Notes (not part of the response)\n\n{}\n",
                block(&text.notes)
            );
        }
    }
}
