//! Markdown (CommonMark with tables and footnotes, by pulldown-cmark): the rendered
//! words without markup characters; headings, list entries with their numbers (a list's
//! start number honoured), block quotes, table rows, footnote definitions, and a
//! strong or emphasised span opening a paragraph as its lead-in.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::gather::Builder;
use super::numerals::NumberFormat;
use crate::import::document::{BlockKind, Document, SourceFormat};

pub fn read(text: &str) -> Document {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder::default();
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => builder.open(BlockKind::Heading { level: level as u8 }),
                Tag::Paragraph => builder.open_paragraph(),
                Tag::List(start) => {
                    let start = start.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
                    builder.open_list(start, NumberFormat::Decimal)
                }
                Tag::Item => builder.open_item(None),
                Tag::BlockQuote(_) => {
                    builder.flush();
                    builder.quotes += 1;
                }
                Tag::TableHead | Tag::TableRow => builder.open_row(),
                Tag::TableCell => builder.open_cell(),
                Tag::FootnoteDefinition(_) => {
                    builder.flush();
                    builder.in_footnote = true;
                }
                Tag::Strong | Tag::Emphasis => builder.emphasis += 1,
                Tag::CodeBlock(_) | Tag::HtmlBlock => builder.open(BlockKind::Paragraph),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock => builder.flush(),
                TagEnd::List(_) => builder.close_list(),
                TagEnd::BlockQuote(_) => {
                    builder.flush();
                    builder.quotes = builder.quotes.saturating_sub(1);
                }
                TagEnd::TableCell => builder.close_cell(),
                TagEnd::TableHead | TagEnd::TableRow | TagEnd::Table => builder.close_row(),
                TagEnd::FootnoteDefinition => {
                    builder.flush();
                    builder.in_footnote = false;
                }
                TagEnd::Strong | TagEnd::Emphasis => builder.emphasis = builder.emphasis.saturating_sub(1),
                _ => {}
            },
            Event::Text(text) | Event::Code(text) => builder.text(&text),
            Event::SoftBreak | Event::HardBreak => builder.text(" "),
            Event::Rule => builder.flush(),
            _ => {}
        }
    }
    let blocks = builder.finish();
    let title = super::gather::title_from_headings(&blocks);
    Document {
        format: SourceFormat::Markdown,
        title,
        organisation: None,
        notices: Vec::new(),
        blocks,
    }
}
