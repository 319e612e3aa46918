//! HTML pages and HTML e-mail bodies: headings, paragraphs, list entries with the
//! numbers an ordered list shows (start=, type=, value=), block quotes, table rows,
//! and lead-ins from a <strong>/<b> opening a paragraph. Scripts, styles and the head
//! are dropped except the <title>. html5gum tokenises (entities decoded as a browser
//! would); this module keeps only what a reader sees.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::gather::Builder;
use super::numerals::NumberFormat;
use crate::import::document::{BlockKind, Document, SourceFormat, clean};

pub fn read(html: &str) -> Document {
    let (blocks, title) = blocks(html);
    let title = title.or_else(|| super::gather::title_from_headings(&blocks));
    Document {
        format: SourceFormat::Html,
        title,
        organisation: None,
        notices: Vec::new(),
        blocks,
    }
}

/// The blocks a page shows, and its <title>.
pub fn blocks(html: &str) -> (Vec<crate::import::document::Block>, Option<String>) {
    let mut emitter = DefaultEmitter::default();
    // Without a tree builder, script and style bodies are only raw text if the
    // tokenizer switches state on their start tags.
    emitter.naively_switch_states(true);
    let mut builder = Builder::default();
    let mut hidden = 0usize;
    let mut in_head = false;
    let mut title: Option<String> = None;
    let mut in_title = false;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).trim().to_string())
                };
                match name.as_str() {
                    "script" | "style" | "noscript" | "template" | "svg" | "math" if !tag.self_closing => {
                        hidden += 1
                    }
                    "head" => in_head = true,
                    "body" => in_head = false,
                    "title" => in_title = true,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        let level = name.as_bytes()[1] - b'0';
                        builder.open(BlockKind::Heading { level });
                    }
                    "li" => {
                        builder.open_item(attr("value").and_then(|v| v.parse().ok()));
                    }
                    "ol" => {
                        let start = attr("start").and_then(|s| s.parse().ok()).unwrap_or(1);
                        let format = attr("type")
                            .and_then(|t| NumberFormat::from_code(&t))
                            .unwrap_or(NumberFormat::Decimal);
                        builder.open_list(Some(start), format);
                    }
                    "ul" | "menu" => builder.open_list(None, NumberFormat::Decimal),
                    "blockquote" => {
                        builder.flush();
                        builder.quotes += 1;
                    }
                    "tr" => builder.open_row(),
                    "td" | "th" => builder.open_cell(),
                    "strong" | "b" => builder.emphasis += 1,
                    "br" => builder.text(" "),
                    name if is_block(name) => builder.open_paragraph(),
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                match name.as_str() {
                    "script" | "style" | "noscript" | "template" | "svg" | "math" => {
                        hidden = hidden.saturating_sub(1)
                    }
                    "head" => in_head = false,
                    "title" => in_title = false,
                    "ol" | "ul" | "menu" => builder.close_list(),
                    "blockquote" => {
                        builder.flush();
                        builder.quotes = builder.quotes.saturating_sub(1);
                    }
                    "tr" => builder.close_row(),
                    "td" | "th" => builder.close_cell(),
                    "table" => builder.close_row(),
                    "strong" | "b" => builder.emphasis = builder.emphasis.saturating_sub(1),
                    "br" => builder.text(" "),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" => builder.flush(),
                    name if is_block(name) => builder.flush(),
                    _ => {}
                }
            }
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text);
                if in_title {
                    title.get_or_insert_with(String::new).push_str(&text);
                } else if hidden == 0 && !in_head {
                    builder.text(&collapse_spaces(&text));
                }
            }
            _ => {}
        }
    }
    let title = title
        .map(|t| clean(&collapse_spaces(&t)))
        .filter(|t| !t.is_empty());
    (builder.finish(), title)
}

/// Tags that start and end a paragraph of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "aside"
            | "address"
            | "dd"
            | "dt"
            | "dl"
            | "figure"
            | "figcaption"
            | "pre"
            | "hr"
            | "form"
            | "fieldset"
            | "center"
            | "caption"
            | "table"
            | "body"
    )
}

/// HTML shows any run of white space as one space.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{A0}' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}
