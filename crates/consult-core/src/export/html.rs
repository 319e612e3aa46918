//! The submission as one self-contained HTML page, to read in a browser or print for a
//! meeting: its style is inline, it refers to nothing on the network, and printed on A4
//! each section starts a new page. Every text is escaped; the formatting of [`rich`]
//! becomes real lists, `<em>` and `<strong>`.

use std::fmt::Write as _;

use super::Options;
use super::parts::{self, ItemPart};
use super::rich::{self, Block, Inline, List, one_line};
use crate::model::{QuestionSet, Response};

/// The style of every page consult writes: readable on screen, and on A4 paper a new
/// page for each section.
pub const STYLE: &str = "\
body { font: 11pt/1.5 Georgia, 'Times New Roman', serif; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.7em; line-height: 1.25; }
h2 { font-size: 1.35em; border-bottom: 1px solid #999; padding-bottom: .15em; margin-top: 2em; }
h3 { font-size: 1.15em; margin-top: 1.6em; }
h4 { font-size: 1em; margin-bottom: .3em; }
blockquote { margin: .8em 0; padding: .2em 1em; border-left: 4px solid #888; color: #333; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #999; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #eee; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dt { font-weight: bold; }
dd { margin: 0; }
.missing, .source { color: #444; }
@page { size: A4; margin: 20mm 18mm 22mm; @bottom-center { content: \"Page \" counter(page) \" of \" counter(pages); font: 9pt Georgia, serif; color: #444; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  section.part { break-before: page; page-break-before: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  h3 + blockquote { break-before: avoid; page-break-before: avoid; }
  blockquote, tr, li, p.position, .item.unanswered { break-inside: avoid; page-break-inside: avoid; }
  .item.unanswered h3 { font-size: 1em; margin: .8em 0 .2em; }
  .item.unanswered blockquote { font-size: .9em; margin: .2em 0; }
  .item.unanswered p { margin: .2em 0; }
}
";

/// The HTML page for `response` to `set`.
pub fn render(response: &Response, set: &QuestionSet, options: Options) -> String {
    let submission = parts::submission(response, set, options);
    let mut out = String::new();
    open(&mut out, &submission.title, submission.organisation);
    let _ = writeln!(out, "<h1>{}</h1>", text(&submission.title));
    let _ = writeln!(out, "<p>{}</p>", text(&submission.preamble));
    out.push_str("<section class=\"respondent\">\n<h2>Respondent</h2>\n<dl>\n");
    for (name, value) in &submission.respondent {
        let _ = writeln!(out, "<dt>{name}</dt><dd>{}</dd>", text(value));
    }
    out.push_str("</dl>\n</section>\n");
    if !submission.positions.is_empty() {
        out.push_str("<section class=\"positions\">\n<h2>Positions at a glance</h2>\n<table>\n");
        out.push_str("<thead><tr><th>Item</th><th>Wording</th><th>Position</th></tr></thead>\n<tbody>\n");
        for row in &submission.positions {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                text(&row.item.label),
                text(&row.item.prompt),
                text(row.position.unwrap_or("No position"))
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    for part in &submission.sections {
        out.push_str("<section class=\"part\">\n");
        let _ = writeln!(out, "<h2>{}</h2>", text(&part.section.title));
        if let Some(source) = &part.section.source {
            let _ = writeln!(
                out,
                "<p class=\"source\"><em>Wording quoted from: {}</em></p>",
                text(source)
            );
        }
        for item in &part.items {
            write_item(&mut out, item, part.lone_free_text);
        }
        out.push_str("</section>\n");
    }
    if !submission.notes.is_empty() {
        out.push_str("<section class=\"sources\">\n<h2>Sources</h2>\n<ol>\n");
        for (n, note) in submission.notes.iter().enumerate() {
            let n = n + 1;
            let _ = writeln!(
                out,
                "<li id=\"source-{n}\">{} <a href=\"#cite-{n}\">↩</a></li>",
                text(note)
            );
        }
        out.push_str("</ol>\n</section>\n");
    }
    close(&mut out);
    out
}

fn write_item(out: &mut String, part: &ItemPart, lone_free_text: bool) {
    // An item with nothing written prints compact, and never split from its heading.
    let class = if part.answer.trim().is_empty() {
        "item unanswered"
    } else {
        "item"
    };
    let _ = writeln!(out, "<article class=\"{class}\">");
    write_item_body(out, part, lone_free_text);
    out.push_str("</article>\n");
}

fn write_item_body(out: &mut String, part: &ItemPart, lone_free_text: bool) {
    if !lone_free_text {
        let _ = writeln!(out, "<h3>{}</h3>", text(&part.item.label));
        let _ = writeln!(out, "<blockquote>\n{}</blockquote>", blocks(&part.item.prompt));
    }
    if let Some(label) = part.position {
        let _ = writeln!(
            out,
            "<p class=\"position\"><strong>Position: {}</strong></p>",
            text(label)
        );
    }
    if let Some(missing) = part.missing {
        let _ = writeln!(out, "<p class=\"missing\"><em>{missing}</em></p>");
    }
    if let Some(consensus) = &part.consensus {
        let _ = writeln!(out, "<p class=\"consensus\"><em>{}</em></p>", text(consensus));
    }
    out.push_str(&attributed(&part.answer));
    let level = if lone_free_text { 3 } else { 4 };
    if !part.reasoning.is_empty() {
        let _ = writeln!(out, "<h{level}>Reasoning</h{level}>");
        out.push_str(&attributed(&part.reasoning));
    }
    for (member, statement) in &part.minority {
        let _ = writeln!(out, "<h{level}>Minority statement: {}</h{level}>", text(member));
        out.push_str(&blocks(statement));
    }
}

/// Answer text as HTML, with a linked footnote number where each passage ends.
fn attributed(value: &str) -> String {
    super::attribution::references(&blocks(value), |n| {
        format!("<sup><a href=\"#source-{n}\" id=\"cite-{n}\">{n}</a></sup>")
    })
}

/// The start of a page titled `title`, by `author`, up to the opening of its body.
pub fn open(out: &mut String, title: &str, author: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        content_security_policy()
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", text(title));
    let _ = writeln!(out, "<meta name=\"author\" content=\"{}\">", text(author));
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"consult\">\n<style>\n{STYLE}</style>"
    );
    out.push_str("</head>\n<body>\n<main>\n");
}

/// The page's policy, before anything it governs: nothing may load or run, no script, no
/// image, no font, no link target for forms; only the page's own style sheet, by its digest.
/// A hostile answer that slipped past the escaping still could not fetch or run anything.
pub fn content_security_policy() -> &'static str {
    static POLICY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        use base64::Engine;
        use sha2::Digest;
        // The digest covers the style element's whole text, newlines included.
        let digest = sha2::Sha256::digest(format!("\n{STYLE}").as_bytes());
        let digest = base64::engine::general_purpose::STANDARD.encode(digest);
        format!("default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")
    });
    &POLICY
}

pub fn close(out: &mut String) {
    out.push_str("</main>\n</body>\n</html>\n");
}

/// One line of untrusted text, escaped.
pub fn text(value: &str) -> String {
    escape(&one_line(value))
}

/// Answer text as HTML: paragraphs, lists, `<em>` and `<strong>`, everything else escaped.
pub fn blocks(value: &str) -> String {
    let mut out = String::new();
    for block in rich::parse(value) {
        match block {
            Block::Paragraph(lines) => {
                out.push_str("<p>");
                write_lines(&mut out, &lines);
                out.push_str("</p>\n");
            }
            Block::List(list) => write_list(&mut out, &list),
        }
    }
    out
}

fn write_list(out: &mut String, list: &List) {
    match list.start {
        Some(1) => out.push_str("<ol>\n"),
        Some(start) => {
            let _ = writeln!(out, "<ol start=\"{start}\">");
        }
        None => out.push_str("<ul>\n"),
    }
    for item in &list.items {
        out.push_str("<li>");
        write_lines(out, &item.lines);
        for nested in &item.nested {
            out.push('\n');
            write_list(out, nested);
        }
        out.push_str("</li>\n");
    }
    out.push_str(if list.start.is_some() {
        "</ol>\n"
    } else {
        "</ul>\n"
    });
}

fn write_lines(out: &mut String, lines: &[rich::Line]) {
    for (l, line) in lines.iter().enumerate() {
        if l > 0 {
            out.push_str("<br>\n");
        }
        for piece in line {
            write_inline(out, piece);
        }
    }
}

fn write_inline(out: &mut String, piece: &Inline) {
    let (tag, inner) = match piece {
        Inline::Text(value) => return out.push_str(&escape(value)),
        Inline::Emphasis(inner) => ("em", inner),
        Inline::Strong(inner) => ("strong", inner),
    };
    let _ = write!(out, "<{tag}>");
    for piece in inner {
        write_inline(out, piece);
    }
    let _ = write!(out, "</{tag}>");
}

/// `value` with the characters HTML gives meaning to as references.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_lets_in_exactly_the_pages_own_style_sheet() {
        use base64::Engine;
        use sha2::Digest;
        let mut page = String::new();
        open(&mut page, "Title", "Author");
        let style = page
            .split_once("<style>")
            .and_then(|(_, rest)| rest.split_once("</style>"))
            .map(|(style, _)| style)
            .unwrap();
        let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style.as_bytes()));
        let policy = content_security_policy();
        assert!(
            policy.contains(&format!("style-src 'sha256-{digest}'")),
            "{policy}"
        );
        assert!(policy.starts_with("default-src 'none';"), "{policy}");
        assert!(
            page.find("Content-Security-Policy").unwrap() < page.find("<style>").unwrap(),
            "the policy comes before what it governs"
        );
    }
}
