//! OpenDocument text (.odt): content.xml's headings (text:h with its outline level),
//! paragraphs, lists with the numbers their list style shows, tables, notes and
//! annotations (comments). Tracked changes are read as accepted: a deletion's words
//! live only inside text:tracked-changes, which is skipped, and inserted words are
//! ordinary text between change marks.

use std::collections::HashMap;

use super::archive::Archive;
use super::gather::{Anchors, Line, comment};
use super::numerals::NumberFormat;
use super::xml::{self, Element};
use super::{ReadError, SAVE_AS};
use crate::import::document::{Block, BlockKind, Comment, Document, SourceFormat, clean};

pub fn read(archive: &Archive<'_>) -> Result<Document, ReadError> {
    if !archive.has("content.xml") {
        return Err(ReadError::new(format!(
            "is an OpenDocument file without its content part (content.xml); {SAVE_AS}"
        )));
    }
    let content = xml::parse("content.xml", &archive.text("content.xml")?)?;
    let styles = match archive.optional_text("styles.xml")? {
        Some(text) => Some(xml::parse("styles.xml", &text)?),
        None => None,
    };
    let meta = match archive.optional_text("meta.xml")? {
        Some(text) => Some(xml::parse("meta.xml", &text)?),
        None => None,
    };
    let body = content
        .path(&["office:document-content", "office:body", "office:text"])
        .ok_or_else(|| {
            ReadError::new(format!(
                "is an OpenDocument file whose content.xml has no office:text; {SAVE_AS}"
            ))
        })?;
    let mut walker = Walker {
        styles: Styles::new([Some(&content), styles.as_ref()].into_iter().flatten()),
        counters: HashMap::new(),
        blocks: Vec::new(),
        anchors: Anchors::default(),
        comments: Vec::new(),
        tracked: false,
    };
    walker.body(body);
    let mut notices = Vec::new();
    if walker.tracked {
        notices.push("tracked changes read as accepted".to_string());
    }
    let comments = std::mem::take(&mut walker.comments);
    notices.extend(walker.anchors.attach(&mut walker.blocks, comments));
    let title = meta.as_ref().and_then(|meta| {
        let mut found = Vec::new();
        meta.descendants("dc:title", &mut found);
        found.first().map(|t| clean(&t.text())).filter(|t| !t.is_empty())
    });
    Ok(Document {
        format: SourceFormat::Odt,
        title,
        organisation: None,
        notices,
        blocks: walker.blocks,
    })
}

/// One level of a list style: how its number shows.
#[derive(Clone)]
struct ListLevel {
    /// `None` for bullets.
    format: Option<NumberFormat>,
    prefix: String,
    suffix: String,
    start: u32,
    /// How many levels' numbers are shown ("1.2" shows two).
    display: usize,
}

/// Bold text and paragraph styles, and list styles by name.
struct Styles<'d> {
    bold: HashMap<&'d str, (Option<bool>, Option<&'d str>)>,
    lists: HashMap<&'d str, &'d Element>,
}

impl<'d> Styles<'d> {
    fn new(trees: impl Iterator<Item = &'d Element>) -> Styles<'d> {
        let mut bold = HashMap::new();
        let mut lists = HashMap::new();
        for tree in trees {
            let mut found = Vec::new();
            tree.descendants("style:style", &mut found);
            for style in found {
                let Some(name) = style.attr("style:name") else {
                    continue;
                };
                let weight = style
                    .child("style:text-properties")
                    .and_then(|p| p.attr("fo:font-weight"))
                    .map(|w| w == "bold" || w.parse::<u32>().is_ok_and(|w| w >= 600));
                bold.insert(name, (weight, style.attr("style:parent-style-name")));
            }
            let mut found = Vec::new();
            tree.descendants("text:list-style", &mut found);
            for style in found {
                if let Some(name) = style.attr("style:name") {
                    lists.insert(name, style);
                }
            }
        }
        Styles { bold, lists }
    }

    /// A paragraph style's own name and those it inherits from (a loop is cut short).
    fn chain<'s>(&'s self, name: Option<&'s str>) -> impl Iterator<Item = &'s str> + 's {
        let mut next = name;
        std::iter::from_fn(move || {
            let this = next?;
            next = self.bold.get(this).and_then(|(_, parent)| *parent);
            Some(this)
        })
        .take(20)
    }

    /// The kind a paragraph style gives a text:p: "Title" is a heading; a quotation
    /// style is quoted.
    fn paragraph_kind(&self, name: Option<&str>) -> BlockKind {
        for style in self.chain(name) {
            let display = style.replace("_20_", " ").to_lowercase();
            if display == "title" {
                return BlockKind::Heading { level: 1 };
            }
            if super::QUOTATION_STYLES.contains(&display.as_str()) {
                return BlockKind::Quoted;
            }
        }
        BlockKind::Paragraph
    }

    fn is_bold(&self, name: Option<&str>) -> Option<bool> {
        let mut next = name;
        for _ in 0..20 {
            let (weight, parent) = self.bold.get(next?)?;
            if weight.is_some() {
                return *weight;
            }
            next = *parent;
        }
        None
    }

    fn level(&self, list_style: Option<&str>, level: usize) -> ListLevel {
        let wanted = (level + 1).to_string();
        let definition = list_style
            .and_then(|name| self.lists.get(name))
            .and_then(|style| {
                style
                    .elements()
                    .find(|l| l.attr("text:level") == Some(wanted.as_str()))
            });
        let number = definition.filter(|d| d.name == "text:list-level-style-number");
        match number {
            Some(d) => ListLevel {
                format: d.attr("style:num-format").and_then(NumberFormat::from_code),
                prefix: d.attr("style:num-prefix").unwrap_or_default().to_string(),
                suffix: d.attr("style:num-suffix").unwrap_or_default().to_string(),
                start: d
                    .attr("text:start-value")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1),
                display: d
                    .attr("text:display-levels")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1),
            },
            None => ListLevel {
                format: None,
                prefix: String::new(),
                suffix: String::new(),
                start: 1,
                display: 1,
            },
        }
    }
}

struct Walker<'d> {
    styles: Styles<'d>,
    /// Each list style's counters, one per level, kept while lists continue.
    counters: HashMap<String, Vec<u32>>,
    blocks: Vec<Block>,
    anchors: Anchors,
    comments: Vec<(String, Comment)>,
    tracked: bool,
}

impl<'d> Walker<'d> {
    fn body(&mut self, parent: &'d Element) {
        for child in parent.elements() {
            match child.name.as_str() {
                "text:p" => {
                    let kind = self.styles.paragraph_kind(child.attr("text:style-name"));
                    self.paragraph(child, kind, None)
                }
                "text:h" => self.paragraph(child, heading(child), None),
                "text:list" => self.list(child, 0, None),
                "table:table" => self.table(child),
                "text:tracked-changes" => {
                    self.tracked |= child.children_named("text:changed-region").next().is_some()
                }
                "text:section"
                | "text:index-body"
                | "text:table-of-content"
                | "text:alphabetical-index"
                | "text:illustration-index" => self.body(child),
                _ => {}
            }
        }
    }

    /// A paragraph or heading; `number` is a list number shown before a heading's words.
    fn paragraph(&mut self, p: &'d Element, kind: BlockKind, number: Option<&str>) {
        let mut line = Line::default();
        if let Some(number) = number {
            line.push(&format!("{number} "), false);
        }
        let bold = self.styles.is_bold(p.attr("text:style-name")).unwrap_or(false);
        let mut boxes = Vec::new();
        self.inline(p, &mut line, bold, &mut boxes);
        self.blocks.extend(line.block(kind));
        for note in line.notes {
            self.blocks.extend(Block::new(BlockKind::Footnote, &note));
        }
        for text_box in boxes {
            self.body(text_box);
        }
    }

    fn inline(&mut self, parent: &'d Element, line: &mut Line, bold: bool, boxes: &mut Vec<&'d Element>) {
        for node in &parent.children {
            let child = match node {
                xml::Node::Text(text) => {
                    self.anchors.feed(text);
                    line.push(text, bold);
                    continue;
                }
                xml::Node::Element(child) => child,
            };
            match child.name.as_str() {
                "text:s" => {
                    let count = child
                        .attr("text:c")
                        .and_then(|c| c.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(100);
                    let spaces = " ".repeat(count);
                    self.anchors.feed(&spaces);
                    line.push(&spaces, bold);
                }
                "text:tab" | "text:line-break" => {
                    self.anchors.feed(" ");
                    line.push(" ", bold);
                }
                "text:span" | "text:a" => {
                    let bold = self.styles.is_bold(child.attr("text:style-name")).unwrap_or(bold);
                    self.inline(child, line, bold, boxes);
                }
                "text:note" => {
                    if let Some(body) = child.child("text:note-body") {
                        line.notes.push(body_text(body));
                    }
                }
                "office:annotation" => {
                    let id = child
                        .attr("office:name")
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("point {}", self.comments.len()));
                    self.anchors
                        .start(&id, self.blocks.len(), child.attr("office:name").is_some());
                    let author = child.child("dc:creator").map(|c| c.text());
                    let date = child.child("dc:date").map(|c| c.text());
                    let words = child
                        .children_named("text:p")
                        .map(body_text)
                        .collect::<Vec<_>>()
                        .join(" ");
                    let made = comment(author.as_deref(), date.as_deref(), &words);
                    self.comments.push((id, made));
                }
                "office:annotation-end" => {
                    if let Some(id) = child.attr("office:name") {
                        self.anchors.end(id);
                    }
                }
                "text:change" | "text:change-start" | "text:change-end" => self.tracked = true,
                "draw:frame" | "draw:text-box" => {
                    let mut found = Vec::new();
                    child.descendants("draw:text-box", &mut found);
                    if child.name == "draw:text-box" {
                        found.push(child);
                    }
                    boxes.extend(found);
                }
                "text:bookmark"
                | "text:bookmark-start"
                | "text:bookmark-end"
                | "text:soft-page-break"
                | "text:reference-mark"
                | "text:note-citation" => {}
                // Fields and other inline wrappers show their text.
                _ => self.inline(child, line, bold, boxes),
            }
        }
    }

    /// A list's entries, numbered as the list style says. A list that neither continues
    /// another (text:continue-numbering, text:continue-list) nor is nested starts its
    /// style's counting again.
    fn list(&mut self, list: &'d Element, level: usize, inherited: Option<&'d str>) {
        let style = list.attr("text:style-name").or(inherited);
        let key = style.unwrap_or_default().to_string();
        let continues =
            list.attr("text:continue-numbering") == Some("true") || list.attr("text:continue-list").is_some();
        if level == 0 && !continues {
            self.counters.remove(&key);
        }
        for item in list.elements() {
            let header = item.name == "text:list-header";
            if !header && item.name != "text:list-item" {
                continue;
            }
            let number = if header {
                None
            } else {
                self.advance(&key, style, level, item.attr("text:start-value"))
            };
            let mut first = true;
            for child in item.elements() {
                match child.name.as_str() {
                    // A numbered heading keeps its heading level, its number before its words.
                    "text:h" => {
                        let shown = if first { number.as_deref() } else { None };
                        first = false;
                        self.paragraph(child, heading(child), shown);
                    }
                    "text:p" => {
                        let kind = if first && !header {
                            BlockKind::ListItem {
                                number: number.clone(),
                                level: level.min(usize::from(u8::MAX)) as u8,
                            }
                        } else {
                            BlockKind::Paragraph
                        };
                        first = false;
                        self.paragraph(child, kind, None);
                    }
                    "text:list" if level < 50 => self.list(child, level + 1, style),
                    _ => {}
                }
            }
        }
    }

    /// Advances `level` of the list style's counters and gives the number shown.
    fn advance(
        &mut self,
        key: &str,
        style: Option<&str>,
        level: usize,
        restart: Option<&str>,
    ) -> Option<String> {
        let definitions: Vec<ListLevel> = (0..=level).map(|l| self.styles.level(style, l)).collect();
        let counts = self.counters.entry(key.to_string()).or_default();
        counts.resize(level + 1, 0);
        for (at, count) in counts.iter_mut().enumerate().take(level) {
            if *count == 0 {
                *count = definitions[at].start;
            }
        }
        counts[level] = match restart.and_then(|s| s.parse().ok()) {
            Some(n) => n,
            None if counts[level] == 0 => definitions[level].start,
            None => counts[level].saturating_add(1),
        };
        let definition = &definitions[level];
        definition.format?;
        let shown_from = (level + 1).saturating_sub(definition.display.max(1));
        let numbers: Vec<String> = (shown_from..=level)
            .map(|at| {
                definitions[at]
                    .format
                    .unwrap_or(NumberFormat::Decimal)
                    .format(counts[at])
            })
            .collect();
        Some(clean(&format!(
            "{}{}{}",
            definition.prefix,
            numbers.join("."),
            definition.suffix
        )))
        .filter(|n| !n.is_empty())
    }

    /// Each row a block, its cells' words joined by " | ".
    fn table(&mut self, table: &'d Element) {
        let mut rows = Vec::new();
        table.descendants("table:table-row", &mut rows);
        for row in rows {
            let cells: Vec<String> = row
                .elements()
                .filter(|c| c.name == "table:table-cell")
                .map(|cell| {
                    let mut paragraphs = Vec::new();
                    cell.descendants("text:p", &mut paragraphs);
                    let words: Vec<String> = paragraphs.into_iter().map(body_text).collect();
                    clean(&words.join(" "))
                })
                .collect();
            if cells.iter().any(|c| !c.is_empty()) {
                self.blocks
                    .extend(Block::new(BlockKind::TableRow, &cells.join(" | ")));
            }
        }
    }
}

fn heading(h: &Element) -> BlockKind {
    let level = h
        .attr("text:outline-level")
        .and_then(|l| l.parse::<u8>().ok())
        .unwrap_or(1)
        .clamp(1, 10);
    BlockKind::Heading { level }
}

/// The words of a note body or annotation paragraph: text, spaces and tabs, nothing
/// from nested annotations.
fn body_text(element: &Element) -> String {
    let mut out = String::new();
    collect(element, &mut out);
    clean(&out)
}

fn collect(element: &Element, out: &mut String) {
    for node in &element.children {
        match node {
            xml::Node::Text(text) => out.push_str(text),
            xml::Node::Element(child) => match child.name.as_str() {
                "text:s" => out.push(' '),
                "text:tab" | "text:line-break" => out.push(' '),
                "office:annotation" | "text:note-citation" | "text:tracked-changes" => {}
                "text:p" | "text:h" => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    collect(child, out);
                }
                _ => collect(child, out),
            },
        }
    }
}
