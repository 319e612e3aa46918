//! Word (.docx): the paragraphs of word/document.xml as the document looks with every
//! tracked change accepted. Headings come from paragraph styles (styles.xml) and outline
//! levels; list numbers, which Word keeps out of the text, are worked out from
//! numbering.xml ([`super::docx_numbering`]); footnotes follow the paragraph citing
//! them; comments are attached to the block where their range starts.

use std::collections::HashMap;

use super::archive::Archive;
use super::docx_numbering::{Counters, Numbering};
use super::gather::{Anchors, Line, comment};
use super::xml::{self, Element};
use super::{ReadError, SAVE_AS};
use crate::import::document::{Block, BlockKind, Comment, Document, Named, SourceFormat, clean};

pub fn read(archive: &Archive<'_>) -> Result<Document, ReadError> {
    let main = if archive.has("word/document.xml") {
        "word/document.xml".to_string()
    } else {
        archive.main_document_from_rels().ok_or_else(|| {
            ReadError::new(format!(
                "is a Word file without its document part (word/document.xml); {SAVE_AS}"
            ))
        })?
    };
    let tree = xml::parse(&main, &archive.text(&main)?)?;
    let body = tree.path(&["w:document", "w:body"]).ok_or_else(|| {
        ReadError::new(format!(
            "is a Word file whose {main} has no w:body; open it in Word and save it again, or \
             {SAVE_AS}"
        ))
    })?;
    let styles = optional_part(archive, "word/styles.xml")?;
    let numbering = optional_part(archive, "word/numbering.xml")?;
    let footnotes = optional_part(archive, "word/footnotes.xml")?;
    let endnotes = optional_part(archive, "word/endnotes.xml")?;
    let comments = optional_part(archive, "word/comments.xml")?;
    let core = optional_part(archive, "docProps/core.xml")?;
    let app = optional_part(archive, "docProps/app.xml")?;

    let mut walker = Walker {
        styles: Styles::new(styles.as_ref()),
        numbering: Numbering::new(numbering.as_ref()),
        counters: Counters::default(),
        notes: notes(footnotes.as_ref(), "w:footnote")
            .chain(notes(endnotes.as_ref(), "w:endnote"))
            .collect(),
        blocks: Vec::new(),
        anchors: Anchors::default(),
        fields: Vec::new(),
        carried: None,
        tracked: false,
    };
    walker.body(body);
    if let Some(line) = walker.carried.take() {
        walker.push_line(line, BlockKind::Paragraph, None);
    }

    let mut notices = Vec::new();
    if walker.tracked {
        notices.push("tracked changes read as accepted".to_string());
    }
    let comments = read_comments(comments.as_ref());
    notices.extend(walker.anchors.attach(&mut walker.blocks, comments));
    let title = core
        .as_ref()
        .and_then(|core| first_text(core, "dc:title"))
        .filter(|t| !t.is_empty());
    let organisation = app
        .as_ref()
        .and_then(|app| first_text(app, "Company"))
        .filter(|c| !c.is_empty())
        .map(|name| Named {
            name,
            found_in: "the Word file's properties".into(),
        });
    Ok(Document {
        format: SourceFormat::Docx,
        title,
        organisation,
        notices,
        blocks: walker.blocks,
    })
}

fn optional_part(archive: &Archive<'_>, name: &str) -> Result<Option<Element>, ReadError> {
    archive
        .optional_text(name)?
        .map(|text| xml::parse(name, &text))
        .transpose()
}

/// The cleaned text of the first element named `name` anywhere in `tree`.
fn first_text(tree: &Element, name: &str) -> Option<String> {
    let mut found = Vec::new();
    tree.descendants(name, &mut found);
    found.first().map(|e| clean(&e.text()))
}

/// `w:val` and friends: Word writes a boolean property as the bare element (true) or
/// with w:val "0", "false" or "off".
fn on(element: &Element) -> bool {
    !matches!(element.attr("w:val"), Some("0" | "false" | "off"))
}

fn val<'e>(element: &'e Element, path: &[&str]) -> Option<&'e str> {
    element.path(path).and_then(|e| e.attr("w:val"))
}

/// The paragraph styles' meaning for reading: heading level, list numbering, bold.
struct Styles<'d> {
    by_id: HashMap<&'d str, &'d Element>,
    default_paragraph: Option<&'d str>,
}

impl<'d> Styles<'d> {
    fn new(tree: Option<&'d Element>) -> Styles<'d> {
        let mut by_id = HashMap::new();
        let mut default_paragraph = None;
        if let Some(styles) = tree.and_then(|t| t.child("w:styles")) {
            for style in styles.children_named("w:style") {
                let Some(id) = style.attr("w:styleId") else {
                    continue;
                };
                by_id.insert(id, style);
                if style.attr("w:type") == Some("paragraph")
                    && style.attr("w:default").is_some_and(|d| d == "1" || d == "true")
                {
                    default_paragraph = Some(id);
                }
            }
        }
        Styles {
            by_id,
            default_paragraph,
        }
    }

    /// The style and those it is based on, nearest first (a loop is cut short).
    fn chain(&self, id: Option<&str>) -> Vec<&'d Element> {
        let mut out = Vec::new();
        let mut next = id.and_then(|id| self.by_id.get(id).copied());
        while let Some(style) = next {
            if out.len() >= 20 || out.iter().any(|s: &&Element| std::ptr::eq(*s, style)) {
                break;
            }
            out.push(style);
            next = val(style, &["w:basedOn"]).and_then(|id| self.by_id.get(id).copied());
        }
        out
    }

    /// "heading N" is level N and "Title" level 1; otherwise the style's outline level.
    fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        self.chain(id).into_iter().find_map(|style| {
            let name = val(style, &["w:name"]).unwrap_or_default().to_lowercase();
            if name == "title" {
                return Some(1);
            }
            if let Some(n) = name.strip_prefix("heading ") {
                return n.trim().parse::<u8>().ok().filter(|n| (1..=9).contains(n));
            }
            outline_level(style)
        })
    }

    /// A quotation style: Word's "Quote" and "Intense Quote", LibreOffice's "Quotations".
    fn quotation(&self, id: Option<&str>) -> bool {
        self.chain(id).into_iter().any(|style| {
            let name = val(style, &["w:name"]).unwrap_or_default().to_lowercase();
            super::QUOTATION_STYLES.contains(&name.as_str())
        })
    }

    fn numbering(&self, id: Option<&str>) -> Option<(&'d str, u8)> {
        self.chain(id).into_iter().find_map(|style| {
            let num_id = val(style, &["w:pPr", "w:numPr", "w:numId"])?;
            let level = val(style, &["w:pPr", "w:numPr", "w:ilvl"])
                .and_then(|l| l.parse().ok())
                .unwrap_or(0);
            Some((num_id, level))
        })
    }

    fn bold(&self, id: Option<&str>) -> Option<bool> {
        self.chain(id)
            .into_iter()
            .find_map(|style| style.path(&["w:rPr", "w:b"]).map(on))
    }
}

/// An outline level in a paragraph's or style's properties: w:val 0 is level 1; 9 is
/// body text.
fn outline_level(element: &Element) -> Option<u8> {
    val(element, &["w:pPr", "w:outlineLvl"])
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|v| *v < 9)
        .map(|v| v + 1)
}

/// Footnotes or endnotes by id, each note's paragraphs joined.
fn notes<'d>(
    tree: Option<&'d Element>,
    name: &'d str,
) -> impl Iterator<Item = ((&'static str, String), String)> + 'd {
    let kind: &'static str = if name == "w:footnote" {
        "footnote"
    } else {
        "endnote"
    };
    let mut found = Vec::new();
    if let Some(tree) = tree {
        tree.descendants(name, &mut found);
    }
    found.into_iter().filter_map(move |note| {
        let separator = note.attr("w:type").is_some_and(|t| t != "normal");
        let id = note.attr("w:id")?;
        (!separator).then(|| ((kind, id.to_string()), accepted_text(note)))
    })
}

/// The text of a note or comment as it reads with changes accepted: paragraphs joined
/// by spaces, deletions and field codes left out.
fn accepted_text(element: &Element) -> String {
    let mut out = String::new();
    collect_accepted(element, &mut out);
    clean(&out)
}

fn collect_accepted(element: &Element, out: &mut String) {
    for child in element.elements() {
        match child.name.as_str() {
            "w:t" | "m:t" => out.push_str(&child.text()),
            "w:tab" | "w:br" | "w:cr" => out.push(' '),
            "w:del" | "w:moveFrom" | "w:delText" | "w:instrText" | "w:rPr" | "w:pPr" => {}
            "w:p" => {
                if !out.is_empty() {
                    out.push(' ');
                }
                collect_accepted(child, out);
            }
            _ => collect_accepted(child, out),
        }
    }
}

struct Walker<'d> {
    styles: Styles<'d>,
    numbering: Numbering<'d>,
    counters: Counters,
    notes: HashMap<(&'static str, String), String>,
    blocks: Vec<Block>,
    anchors: Anchors,
    /// Open fields, innermost last: whether their result (shown text) has begun.
    fields: Vec<bool>,
    /// A paragraph whose mark was deleted: accepted, it runs on into the next one.
    carried: Option<Line>,
    tracked: bool,
}

impl<'d> Walker<'d> {
    fn body(&mut self, parent: &'d Element) {
        for child in parent.elements() {
            match child.name.as_str() {
                "w:p" => self.paragraph(child),
                "w:tbl" => self.table(child),
                "w:sdt" | "w:sdtContent" | "w:customXml" | "w:ins" | "w:moveTo" => {
                    self.tracked |= matches!(child.name.as_str(), "w:ins" | "w:moveTo");
                    self.body(child)
                }
                "w:del" | "w:moveFrom" => self.tracked = true,
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: &'d Element) {
        let mut line = self.carried.take().unwrap_or_default();
        let mut boxes = Vec::new();
        let style = val(p, &["w:pPr", "w:pStyle"]).or(self.styles.default_paragraph);
        let bold = self.styles.bold(style).unwrap_or(false);
        self.inline(p, &mut line, bold, &mut boxes);
        // A field's instructions end within their paragraph; one never separated (a
        // damaged file) must not hide the rest of the document.
        self.fields.retain(|result| *result);
        if p.path(&["w:pPr", "w:rPr", "w:del"]).is_some() {
            // The paragraph mark itself was deleted: accepted, this runs on.
            self.tracked = true;
            self.carried = Some(line);
        } else {
            let (kind, number) = self.kind(p, style);
            self.push_line(line, kind, number);
        }
        for text_box in boxes {
            self.body(text_box);
        }
    }

    /// Heading, numbered or bulleted list entry, or plain paragraph, with the number a
    /// numbered heading shows before its words. A list entry's counter advances only
    /// here, in document order.
    fn kind(&mut self, p: &Element, style: Option<&str>) -> (BlockKind, Option<String>) {
        let own_num = val(p, &["w:pPr", "w:numPr", "w:numId"]).map(|num_id| {
            let level = val(p, &["w:pPr", "w:numPr", "w:ilvl"]).and_then(|l| l.parse().ok());
            (num_id, level.unwrap_or(0))
        });
        let numbered = own_num
            .or_else(|| self.styles.numbering(style))
            .filter(|(num_id, _)| *num_id != "0");
        let number = numbered.and_then(|(num_id, level)| {
            let shown = self.numbering.next(&mut self.counters, num_id, level)?;
            Some((shown, level))
        });
        let heading = outline_level(p).or_else(|| self.styles.heading_level(style));
        match (heading, number) {
            (Some(level), number) => (BlockKind::Heading { level }, number.and_then(|(shown, _)| shown)),
            (None, Some((shown, level))) => (BlockKind::ListItem { number: shown, level }, None),
            (None, None) if self.styles.quotation(style) => (BlockKind::Quoted, None),
            (None, None) => (BlockKind::Paragraph, None),
        }
    }

    /// Pushes a gathered paragraph (and the notes it cites after it); an empty one
    /// leaves nothing, and comments starting in it go to the next block.
    fn push_line(&mut self, mut line: Line, kind: BlockKind, number: Option<String>) {
        if let Some(number) = number {
            let mut numbered = Line::default();
            numbered.push(&format!("{number} {}", line.text()), false);
            numbered.notes = std::mem::take(&mut line.notes);
            line = numbered;
        }
        self.blocks.extend(line.block(kind));
        for note in line.notes {
            self.blocks.extend(Block::new(BlockKind::Footnote, &note));
        }
    }

    /// The words of a paragraph's runs, through insertions, hyperlinks, content
    /// controls and simple fields; deletions are skipped. Text boxes met on the way
    /// are kept in `boxes`, to be read as paragraphs after this one.
    fn inline(&mut self, parent: &'d Element, line: &mut Line, bold: bool, boxes: &mut Vec<&'d Element>) {
        for child in parent.elements() {
            match child.name.as_str() {
                "w:r" => self.run(child, line, bold, boxes),
                "w:ins" | "w:moveTo" => {
                    self.tracked = true;
                    self.inline(child, line, bold, boxes);
                }
                "w:del" | "w:moveFrom" => self.tracked = true,
                "w:hyperlink" | "w:smartTag" | "w:customXml" | "w:fldSimple" | "w:sdt" | "w:sdtContent"
                | "w:bdo" | "w:dir" => self.inline(child, line, bold, boxes),
                "m:oMath" | "m:oMathPara" => {
                    let mut found = Vec::new();
                    child.descendants("m:t", &mut found);
                    let text: String = found.iter().map(|t| t.text()).collect();
                    self.push_text(line, &text, bold);
                }
                "w:commentRangeStart" => {
                    if let Some(id) = child.attr("w:id") {
                        self.anchors.start(id, self.blocks.len(), true);
                    }
                }
                "w:commentRangeEnd" => {
                    if let Some(id) = child.attr("w:id") {
                        self.anchors.end(id);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &'d Element, line: &mut Line, paragraph_bold: bool, boxes: &mut Vec<&'d Element>) {
        let bold = match r.path(&["w:rPr", "w:b"]) {
            Some(b) => on(b),
            None => val(r, &["w:rPr", "w:rStyle"])
                .and_then(|style| self.styles.bold(Some(style)))
                .unwrap_or(paragraph_bold),
        };
        for child in r.elements() {
            match child.name.as_str() {
                "w:t" => self.push_text(line, &child.text(), bold),
                "w:tab" | "w:ptab" | "w:br" | "w:cr" => self.push_text(line, " ", bold),
                "w:noBreakHyphen" => self.push_text(line, "-", bold),
                "w:sym" => {
                    if let Some(c) = child.attr("w:char").and_then(symbol) {
                        self.push_text(line, &c.to_string(), bold);
                    }
                }
                "w:fldChar" => match child.attr("w:fldCharType") {
                    Some("begin") => self.fields.push(false),
                    Some("separate") => {
                        if let Some(result) = self.fields.last_mut() {
                            *result = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                "w:footnoteReference" | "w:endnoteReference" => {
                    let kind = if child.name == "w:footnoteReference" {
                        "footnote"
                    } else {
                        "endnote"
                    };
                    let note = child
                        .attr("w:id")
                        .and_then(|id| self.notes.get(&(kind, id.to_string())));
                    line.notes.extend(note.cloned());
                }
                "w:commentReference" => {
                    if let Some(id) = child.attr("w:id") {
                        self.anchors.start(id, self.blocks.len(), false);
                    }
                }
                "w:drawing" | "w:pict" | "w:object" | "mc:AlternateContent" => text_boxes(child, boxes),
                _ => {}
            }
        }
    }

    /// Words shown in the document: outside field instructions, added to the
    /// paragraph and to every comment range open here.
    fn push_text(&mut self, line: &mut Line, text: &str, bold: bool) {
        if self.fields.iter().any(|result| !result) {
            return;
        }
        self.anchors.feed(text);
        line.push(text, bold);
    }

    /// Each row a block, its cells' words joined by " | ".
    fn table(&mut self, table: &'d Element) {
        let mut rows = Vec::new();
        table.descendants("w:tr", &mut rows);
        for row in rows {
            let mut cells = Vec::new();
            let mut notes = Vec::new();
            let mut tcs = Vec::new();
            row.descendants("w:tc", &mut tcs);
            let mut boxes = Vec::new();
            for cell in tcs {
                let mut line = Line::default();
                let mut paragraphs = Vec::new();
                cell.descendants("w:p", &mut paragraphs);
                for (i, p) in paragraphs.into_iter().enumerate() {
                    if i > 0 {
                        self.push_text(&mut line, " ", false);
                    }
                    self.inline(p, &mut line, false, &mut boxes);
                }
                cells.push(clean(&line.text()));
                notes.extend(line.notes);
            }
            if cells.iter().any(|c| !c.is_empty()) {
                let mut line = Line::default();
                line.push(&cells.join(" | "), false);
                line.notes = notes;
                self.push_line(line, BlockKind::TableRow, None);
            }
            for text_box in boxes {
                self.body(text_box);
            }
        }
    }
}

/// The text boxes inside a drawing; of an mc:AlternateContent only the first choice,
/// since its fallback repeats the same box.
fn text_boxes<'d>(element: &'d Element, boxes: &mut Vec<&'d Element>) {
    for child in element.elements() {
        match child.name.as_str() {
            "w:txbxContent" => boxes.push(child),
            "mc:Fallback" => {}
            "mc:Choice" => {
                text_boxes(child, boxes);
                return;
            }
            _ => text_boxes(child, boxes),
        }
    }
}

/// A w:sym character: hexadecimal, in the private-use area for symbol fonts, where
/// F0xx stands for the font's character xx.
fn symbol(code: &str) -> Option<char> {
    let code = u32::from_str_radix(code, 16).ok()?;
    let code = if (0xF020..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    char::from_u32(code).filter(|c| !c.is_control())
}

/// Comments by id: author, date and words.
fn read_comments(tree: Option<&Element>) -> Vec<(String, Comment)> {
    let mut found = Vec::new();
    if let Some(tree) = tree {
        tree.descendants("w:comment", &mut found);
    }
    found
        .into_iter()
        .filter_map(|element| {
            let id = element.attr("w:id")?.to_string();
            let made = comment(
                element.attr("w:author"),
                element.attr("w:date"),
                &accepted_text(element),
            );
            Some((id, made))
        })
        .collect()
}
