//! What the structured readers (Word, OpenDocument, HTML, Markdown) share while they
//! gather a paragraph: its runs with whether each is bold (for lead-ins), the notes it
//! cites, and the comments whose anchored range is open.

use std::collections::HashMap;

use crate::import::document::{Block, BlockKind, Comment, clean};

/// One paragraph's words as they are gathered.
#[derive(Default)]
pub struct Line {
    runs: Vec<(String, bool)>,
    /// The texts of the footnotes and endnotes the paragraph cites, in order.
    pub notes: Vec<String>,
}

impl Line {
    pub fn push(&mut self, text: &str, bold: bool) {
        match self.runs.last_mut() {
            Some((last, last_bold)) if *last_bold == bold => last.push_str(text),
            _ => self.runs.push((text.to_string(), bold)),
        }
    }

    pub fn text(&self) -> String {
        self.runs.iter().map(|(text, _)| text.as_str()).collect()
    }

    pub fn is_blank(&self) -> bool {
        self.runs.iter().all(|(text, _)| text.trim().is_empty())
    }

    /// The block this line makes: with a lead-in when bold words open it and words
    /// that are not bold follow (only paragraphs and list entries have lead-ins).
    pub fn block(&self, kind: BlockKind) -> Option<Block> {
        let may_lead = matches!(kind, BlockKind::Paragraph | BlockKind::ListItem { .. });
        match may_lead.then(|| self.lead_in()).flatten() {
            Some((lead, rest)) => Block::with_lead_in(kind, &lead, &rest),
            None => Block::new(kind, &self.text()),
        }
    }

    fn lead_in(&self) -> Option<(String, String)> {
        let first_words = self.runs.iter().position(|(t, _)| !t.trim().is_empty())?;
        if !self.runs[first_words].1 {
            return None;
        }
        let plain = self
            .runs
            .iter()
            .position(|(t, bold)| !bold && !t.trim().is_empty())?;
        let lead = self.runs[..plain].iter().map(|(t, _)| t.as_str()).collect();
        let rest = self.runs[plain..].iter().map(|(t, _)| t.as_str()).collect();
        Some((lead, rest))
    }
}

/// A document's title from its headings: the first top-level heading, else a heading
/// that opens the document.
pub fn title_from_headings(blocks: &[Block]) -> Option<String> {
    blocks
        .iter()
        .find(|b| b.kind == BlockKind::Heading { level: 1 })
        .or_else(|| {
            blocks
                .first()
                .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
        })
        .map(|b| b.text.clone())
}

/// Comments' anchors while a document is walked: where each range starts (the index of
/// the block being gathered) and the words inside it.
#[derive(Default)]
pub struct Anchors {
    open: Vec<(String, String)>,
    at: HashMap<String, (usize, Option<String>)>,
}

impl Anchors {
    /// A range (or a point comment) starts while block `block` is gathered.
    pub fn start(&mut self, id: &str, block: usize, range: bool) {
        self.at.entry(id.to_string()).or_insert((block, None));
        if range {
            self.open.push((id.to_string(), String::new()));
        }
    }

    pub fn end(&mut self, id: &str) {
        if let Some(at) = self.open.iter().position(|(open, _)| open == id) {
            let (_, words) = self.open.remove(at);
            if let Some(start) = self.at.get_mut(id) {
                start.1 = Some(words);
            }
        }
    }

    /// Words shown while ranges are open belong to each of them.
    pub fn feed(&mut self, text: &str) {
        for (_, words) in &mut self.open {
            words.push_str(text);
        }
    }

    /// Puts each comment on the block where it starts; one never anchored goes on the
    /// last block so that it is not lost. Returns the notice to give, if any were kept.
    pub fn attach(&self, blocks: &mut [Block], comments: Vec<(String, Comment)>) -> Option<String> {
        let last = blocks.len().checked_sub(1)?;
        let mut kept = 0;
        for (id, mut comment) in comments {
            let (index, anchor) = self.at.get(&id).cloned().unwrap_or((last, None));
            comment.anchor = anchor.map(|a| clean(&a)).filter(|a| !a.is_empty());
            blocks[index.min(last)].comments.push(comment);
            kept += 1;
        }
        (kept > 0).then(|| format!("{kept} comment{} kept as notes", if kept == 1 { "" } else { "s" }))
    }
}

/// A comment made safe: author (or "unknown"), date if given, words.
pub fn comment(author: Option<&str>, date: Option<&str>, text: &str) -> Comment {
    Comment {
        author: author
            .map(clean)
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| "unknown".into()),
        date: date.map(clean).filter(|d| !d.is_empty()),
        text: clean(text),
        anchor: None,
    }
}

/// Blocks built from a stream of tags (HTML's and Markdown's readers): the open
/// paragraph, block quotes, lists with their counters, and table rows.
#[derive(Default)]
pub struct Builder {
    pub blocks: Vec<Block>,
    line: Line,
    kind: Option<BlockKind>,
    /// How many block quotes are open: their blocks are quoted.
    pub quotes: usize,
    /// How many bold or emphasis spans are open, for lead-ins.
    pub emphasis: usize,
    /// True inside a footnote's definition.
    pub in_footnote: bool,
    lists: Vec<List>,
    row: Option<Vec<String>>,
    cell: Option<String>,
}

/// An open list: ordered ones count with their format.
struct List {
    next: Option<u32>,
    format: NumberFormat,
}

use super::numerals::NumberFormat;

impl Builder {
    /// Words: into the open table cell, else the open paragraph.
    pub fn text(&mut self, text: &str) {
        if let Some(cell) = &mut self.cell {
            cell.push_str(text);
        } else {
            if !text.trim().is_empty() {
                self.leave_row();
            }
            self.line.push(text, self.emphasis > 0);
        }
    }

    /// Ends the open paragraph, making it a block of the kind it was opened as.
    pub fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        let kind = self.kind.take().unwrap_or(BlockKind::Paragraph);
        let kind = match kind {
            _ if self.in_footnote => BlockKind::Footnote,
            _ if self.quotes > 0 => BlockKind::Quoted,
            kind => kind,
        };
        self.blocks.extend(line.block(kind));
    }

    /// Opens a paragraph of `kind`, ending the one before.
    pub fn open(&mut self, kind: BlockKind) {
        self.leave_row();
        self.flush();
        self.kind = Some(kind);
    }

    /// Opens a paragraph only if nothing is gathered yet: a list entry's first
    /// paragraph continues the entry.
    pub fn open_paragraph(&mut self) {
        if self.line.is_blank() && self.kind.is_some() {
            return;
        }
        self.open(BlockKind::Paragraph);
    }

    pub fn open_list(&mut self, start: Option<u32>, format: NumberFormat) {
        self.flush();
        self.lists.push(List { next: start, format });
    }

    pub fn close_list(&mut self) {
        self.flush();
        self.lists.pop();
    }

    /// A list entry; `value` renumbers it (and those after it).
    pub fn open_item(&mut self, value: Option<u32>) {
        let level = self.lists.len().saturating_sub(1).min(usize::from(u8::MAX)) as u8;
        let number = self.lists.last_mut().and_then(|list| {
            let n = value.or(list.next)?;
            list.next = Some(n.saturating_add(1));
            Some(format!("{}.", list.format.format(n)))
        });
        self.open(BlockKind::ListItem { number, level });
    }

    pub fn open_row(&mut self) {
        self.flush();
        self.row = Some(Vec::new());
    }

    /// A cell; one outside any row (a stray `<td>`) opens a row for itself.
    pub fn open_cell(&mut self) {
        if self.row.is_none() {
            self.open_row();
        }
        self.close_cell();
        self.cell = Some(String::new());
    }

    pub fn close_cell(&mut self) {
        if let (Some(cell), Some(row)) = (self.cell.take(), &mut self.row) {
            row.push(clean(&cell));
        }
    }

    /// Words or a paragraph outside any cell end the row they follow (a row whose
    /// table was never closed, or a stray cell's).
    fn leave_row(&mut self) {
        if self.cell.is_none() && self.row.is_some() {
            self.close_row();
        }
    }

    pub fn close_row(&mut self) {
        self.close_cell();
        if let Some(cells) = self.row.take()
            && cells.iter().any(|c| !c.is_empty())
        {
            let kind = if self.quotes > 0 {
                BlockKind::Quoted
            } else {
                BlockKind::TableRow
            };
            self.blocks.extend(Block::new(kind, &cells.join(" | ")));
        }
    }

    pub fn finish(mut self) -> Vec<Block> {
        self.close_row();
        self.flush();
        self.blocks
    }
}
