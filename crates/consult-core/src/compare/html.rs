//! The comparison as one self-contained, printable HTML page: the same briefing as the
//! Markdown, with the matrix as a table. Text from the files is escaped and its formatting
//! rendered by the core export's [`html`](crate::export::html) helpers.

use std::fmt::Write as _;

use super::{CONFLICT_LEGEND, Comparison, INFERRED_LEGEND, Quoted, Sort, legend, pair_words};
use crate::export::html::{blocks, close, open, text};
use crate::text::shown_path;

/// The HTML page for `comparison`, quoting the answers in `quoted`.
pub fn render(comparison: &Comparison, quoted: Quoted) -> String {
    let mut out = String::new();
    let title = format!("Comparison of responses — {}", comparison.set.title);
    open(&mut out, &title, "consult");
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p>{}</p>",
        text(&title),
        text(&comparison.intro())
    );
    let order = comparison.order(Sort::Name);
    out.push_str("<section>\n<h2>Responses compared</h2>\n<ul>\n");
    for &o in &order {
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
    out.push_str("</ul>\n");
    for warning in comparison.repeated_warnings() {
        let _ = writeln!(
            out,
            "<p class=\"warning\"><strong>Warning:</strong> {}.</p>",
            text(&warning)
        );
    }
    out.push_str("</section>\n");
    if !comparison.set_aside.is_empty() {
        out.push_str(
            "<section>\n<h2>Files set aside</h2>\n<p>These files are not part of the comparison:</p>\n<ul>\n",
        );
        for aside in &comparison.set_aside {
            let _ = writeln!(
                out,
                "<li>{}: {}</li>",
                text(&shown_path(&aside.file)),
                text(&aside.reason)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    write_matrix(&mut out, comparison, &order);
    write_pairs(&mut out, comparison);
    for (s, section) in comparison.set.sections.iter().enumerate() {
        let _ = writeln!(out, "<section class=\"part\">\n<h2>{}</h2>", text(&section.title));
        for i in (0..comparison.item_count()).filter(|&i| comparison.section_of(i) == s) {
            write_item(&mut out, comparison, &order, quoted, i);
        }
        out.push_str("</section>\n");
    }
    close(&mut out);
    out
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

fn write_item(out: &mut String, comparison: &Comparison, order: &[usize], quoted: Quoted, i: usize) {
    let item = comparison.item(i);
    let _ = writeln!(out, "<h3>{}</h3>", text(&item.label));
    let _ = writeln!(out, "<blockquote>\n{}</blockquote>", blocks(&item.prompt));
    let heading = if comparison.scale(i).is_some() {
        "Positions"
    } else {
        "Answers"
    };
    let _ = writeln!(
        out,
        "<p><strong>{heading}:</strong> {}</p>",
        text(&comparison.summary_text(i))
    );
    for &o in order {
        let organisation = &comparison.organisations[o];
        let name = text(&comparison.column_name(o));
        if comparison.scale(i).is_some() || comparison.is_unsettled(i, o) {
            let position = comparison.stance_words(i, o);
            let _ = writeln!(out, "<h4>{name}: {}</h4>", text(&position));
        } else {
            let _ = writeln!(out, "<h4>{name}</h4>");
        }
        let point = organisation.key_point(i);
        if !point.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"key-point\"><em>Key point:</em> {}</p>",
                text(point)
            );
        }
        let answer = match quoted.text(o, i) {
            Ok(answer) => answer,
            Err(reason) => {
                let _ = writeln!(
                    out,
                    "<p class=\"missing\"><em>The text could not be read: {}</em></p>",
                    text(reason)
                );
                continue;
            }
        };
        if answer.answer.trim().is_empty() {
            out.push_str("<p class=\"missing\"><em>No written answer.</em></p>\n");
        } else {
            out.push_str(&blocks(&answer.answer));
        }
        if !answer.reasoning.trim().is_empty() {
            let _ = writeln!(out, "<h5>Reasoning</h5>\n{}", blocks(&answer.reasoning));
        }
        if quoted.notes && !answer.notes.trim().is_empty() {
            let _ = writeln!(
                out,
                "<h5>Notes (not part of the response)</h5>\n{}",
                blocks(&answer.notes)
            );
        }
    }
}
