//! The editor of an answer, its reasoning and notes: prose held as paragraphs, a cursor,
//! and each paragraph's word-wrapped lines kept at the width last drawn, so that a key
//! costs what it changed (one paragraph), not the length of the text. Drawing only reads
//! it ([`Prose::view`]); where it scrolls to is worked out here, in the update step.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub use crate::text::Splice;
use crate::text::{recount_words, visible_line, word_count};

/// A place in the text: a paragraph and a byte offset into it, at a character boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub row: usize,
    pub col: usize,
}

/// Where a movement key takes the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// A character back (a whole glyph, with its combining marks).
    Left,
    Right,
    /// A line up on screen (wrapped lines too), keeping to the column.
    Up,
    Down,
    /// A screenful up, keeping to the column.
    PageUp,
    PageDown,
    /// To the start of the word before.
    WordLeft,
    /// To the start of the next word.
    WordRight,
    /// To the start of the paragraph.
    LineStart,
    LineEnd,
    /// To the start of the paragraph after the blank line before.
    ParagraphUp,
    /// To the start of the next paragraph after a blank line.
    ParagraphDown,
    TextStart,
    TextEnd,
}

/// One edit, for undo: at `at`, `removed` gave way to `inserted`, the cursor then at `cursor`.
#[derive(Debug, Clone)]
struct Step {
    at: Pos,
    removed: String,
    inserted: String,
    cursor: Pos,
}

/// Steps kept for undo; older ones are dropped.
const MAX_STEPS: usize = 5_000;

/// The first line in view: a paragraph and a line of its wrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Top {
    pub row: usize,
    pub line: usize,
}

/// What a frame shows of the editor: each row's paragraph and byte range, and where the
/// cursor is on screen (column, row), if it is shown.
#[derive(Debug, Default)]
pub struct View {
    pub rows: Vec<(usize, Range<usize>)>,
    pub cursor: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Prose {
    paragraphs: Vec<String>,
    cursor: Pos,
    /// The other end of a selection made with Shift and a movement key.
    anchor: Option<Pos>,
    /// The screen column Up and Down keep to.
    goal: Option<usize>,
    words: usize,
    /// Each paragraph's words.
    counts: Vec<usize>,
    placeholder: String,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    changes: Vec<Splice>,
    /// Each paragraph's lines wrapped at `width`, where already worked out.
    wraps: Vec<Option<Vec<Range<usize>>>>,
    /// The size last drawn; 0 until then.
    width: usize,
    height: usize,
    top: Top,
}

/// Display cells of a piece of text as drawn (controls shown as one-cell pictures).
pub fn cells(text: &str) -> usize {
    visible_line(text)
        .graphemes(true)
        .map(UnicodeWidthStr::width)
        .sum()
}

/// Greedy word wrap of one paragraph at `width` cells: the spaces after a word stay on
/// its line (past the edge if need be), so no line but the first starts with a space; a
/// word longer than a line is broken between characters.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    wrap_from(text, width, 0, |_| false).0
}

/// [`wrap`] from byte `from`, where a line starts after whitespace (or the text does).
/// Stops at the first later line start that `done` accepts and returns it too: from a line
/// start on, the lines depend only on the text that follows.
fn wrap_from(
    text: &str,
    width: usize,
    from: usize,
    mut done: impl FnMut(usize) -> bool,
) -> (Vec<Range<usize>>, Option<usize>) {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start = from;
    let mut used = 0;
    for (at, token) in tokens(&text[from..]) {
        let at = from + at;
        let w = cells(token);
        if token.starts_with(char::is_whitespace) || used + w <= width {
            used += w;
            continue;
        }
        if used > 0 {
            lines.push(start..at);
            start = at;
            used = 0;
            if done(at) {
                return (lines, Some(at));
            }
        }
        if w <= width {
            used = w;
            continue;
        }
        for (offset, glyph) in token.grapheme_indices(true) {
            let gw = cells(glyph);
            if used + gw > width && used > 0 {
                lines.push(start..at + offset);
                start = at + offset;
                used = 0;
            }
            used += gw;
        }
    }
    lines.push(start..text.len());
    (lines, None)
}

/// The lines of `text` at `width`, given its `old` lines before `removed` bytes at `at`
/// gave way to `inserted` bytes: wrapped again from the line before the edit only until
/// a line starts where one started before, so a key in a long paragraph costs a few lines.
fn rewrap(
    old: &[Range<usize>],
    text: &str,
    width: usize,
    at: usize,
    removed: usize,
    inserted: usize,
) -> Vec<Range<usize>> {
    // The word edited may now fit on the line before its own (or no longer fit there);
    // a line that starts inside a word broken across lines depends on that word's start.
    let word = text[..at].trim_end_matches(|c: char| !c.is_whitespace()).len();
    let mut first = Prose::line_of(old, word).saturating_sub(1);
    while first > 0 && !text[..old[first].start].ends_with(char::is_whitespace) {
        first -= 1;
    }
    let old_start = |new: usize| new + removed - inserted;
    let found =
        |new: usize| new >= at + inserted && old.binary_search_by_key(&old_start(new), |l| l.start).is_ok();
    let (lines, resumed) = wrap_from(text, width, old[first].start, found);
    let mut all = old[..first].to_vec();
    all.extend(lines);
    if let Some(new) = resumed {
        let from = old.partition_point(|l| l.start < old_start(new));
        let shift = |i: usize| i + inserted - removed;
        all.extend(old[from..].iter().map(|l| shift(l.start)..shift(l.end)));
    }
    all
}

/// Runs of whitespace and of everything else, with their byte offsets.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &text[at..];
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let len = rest
            .find(|c: char| c.is_whitespace() != space)
            .unwrap_or(rest.len());
        let token = (at, &rest[..len]);
        at += len;
        Some(token)
    })
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    Space,
    Punct,
    Other,
}

fn kind(c: char) -> Kind {
    if c.is_whitespace() {
        Kind::Space
    } else if c.is_ascii_punctuation() && c != '_' {
        Kind::Punct
    } else {
        Kind::Other
    }
}

/// Where the next word after `col` starts or, with `end`, where the word at or after
/// `col` ends, if that is on this line.
fn word_forward_from(line: &str, col: usize, end: bool) -> Option<usize> {
    let mut chars = line[col..].char_indices();
    let mut prev = kind(chars.next()?.1);
    for (i, c) in chars {
        let cur = kind(c);
        let word = if end { prev } else { cur };
        if word != Kind::Space && cur != prev {
            return Some(col + i);
        }
        prev = cur;
    }
    None
}

/// Where the word before `col` starts, if there is one on this line.
fn word_start_backward(line: &str, col: usize) -> Option<usize> {
    let mut chars = line[..col].char_indices().rev();
    let (mut at, c) = chars.next()?;
    let mut cur = kind(c);
    for (i, c) in chars {
        let next = kind(c);
        if cur != Kind::Space && next != cur {
            return Some(at);
        }
        cur = next;
        at = i;
    }
    (cur != Kind::Space).then_some(0)
}

/// Where `text` inserted at `at` ends.
fn end_of(at: Pos, text: &str) -> Pos {
    match text.rfind('\n') {
        None => Pos {
            row: at.row,
            col: at.col + text.len(),
        },
        Some(last) => Pos {
            row: at.row + text.matches('\n').count(),
            col: text.len() - last - 1,
        },
    }
}

impl Prose {
    /// An editor holding `text`, its cursor at the end (carry on writing where it stops).
    pub fn new(text: &str, placeholder: &str) -> Prose {
        let mut prose = Prose {
            paragraphs: vec![String::new()],
            cursor: Pos::default(),
            anchor: None,
            goal: None,
            words: 0,
            counts: vec![0],
            placeholder: placeholder.to_string(),
            undo: VecDeque::new(),
            redo: Vec::new(),
            changes: Vec::new(),
            wraps: vec![None],
            width: 0,
            height: 0,
            top: Top::default(),
        };
        prose.load(text);
        prose
    }

    fn load(&mut self, text: &str) {
        self.paragraphs = text.split('\n').map(str::to_string).collect();
        self.wraps = vec![None; self.paragraphs.len()];
        self.counts = self.paragraphs.iter().map(|p| word_count(p)).collect();
        self.words = self.counts.iter().sum();
        self.cursor = self.end();
        self.anchor = None;
        self.goal = None;
        self.top = Top::default();
        self.changes.clear();
        self.follow();
    }

    /// The whole text, made afresh: for saving, exporting and the like, never per key.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n")
    }

    /// Replaces the whole text as one undoable edit; false if it was the same.
    pub fn set_text(&mut self, text: &str) -> bool {
        if self.text() == text {
            return false;
        }
        self.anchor = None;
        let end = self.end();
        let cursor = self.cursor;
        self.cursor = self.edit(Pos::default(), end, text, cursor);
        self.after_edit();
        true
    }

    pub fn paragraphs(&self) -> &[String] {
        &self.paragraphs
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.len() == 1 && self.paragraphs[0].is_empty()
    }

    pub fn words(&self) -> usize {
        self.words
    }

    pub fn placeholder(&self) -> &str {
        &self.placeholder
    }

    pub fn cursor(&self) -> Pos {
        self.cursor
    }

    /// Where the cursor is, as a byte offset into the whole text.
    pub fn cursor_offset(&self) -> usize {
        self.offset(self.cursor)
    }

    /// Puts the cursor at byte `at` of the whole text (the nearest character boundary
    /// before it, and no further than the end).
    pub fn place_cursor(&mut self, at: usize) {
        let mut rest = at;
        let mut place = self.end();
        for (row, paragraph) in self.paragraphs.iter().enumerate() {
            if rest <= paragraph.len() {
                let mut col = rest;
                while !paragraph.is_char_boundary(col) {
                    col -= 1;
                }
                place = Pos { row, col };
                break;
            }
            rest -= paragraph.len() + 1;
        }
        self.cursor = place;
        self.anchor = None;
        self.goal = None;
        self.follow();
    }

    /// The selection, start first, if one is made.
    pub fn selection(&self) -> Option<(Pos, Pos)> {
        let anchor = self.anchor.filter(|a| *a != self.cursor)?;
        Some((anchor.min(self.cursor), anchor.max(self.cursor)))
    }

    /// The changes made since last asked, in order, for a copy of the text to follow.
    pub fn take_changes(&mut self) -> Vec<Splice> {
        std::mem::take(&mut self.changes)
    }

    fn end(&self) -> Pos {
        let row = self.paragraphs.len() - 1;
        Pos {
            row,
            col: self.paragraphs[row].len(),
        }
    }

    /// The byte offset of `at` in the whole text.
    fn offset(&self, at: Pos) -> usize {
        self.paragraphs[..at.row]
            .iter()
            .map(|p| p.len() + 1)
            .sum::<usize>()
            + at.col
    }

    fn slice(&self, start: Pos, end: Pos) -> String {
        if start.row == end.row {
            return self.paragraphs[start.row][start.col..end.col].to_string();
        }
        let mut text = self.paragraphs[start.row][start.col..].to_string();
        for paragraph in &self.paragraphs[start.row + 1..end.row] {
            text.push('\n');
            text.push_str(paragraph);
        }
        text.push('\n');
        text.push_str(&self.paragraphs[end.row][..end.col]);
        text
    }

    /// The one way the text changes: `start..end` becomes `text`. Recounts the words of
    /// the paragraphs touched only, re-wraps only them, and keeps the step for undo.
    /// Returns where the inserted text ends.
    fn replace(&mut self, start: Pos, end: Pos, text: &str) -> Pos {
        let removed = self.slice(start, end);
        self.changes.push(Splice {
            at: self.offset(start),
            removed: removed.len(),
            inserted: text.to_string(),
        });
        let before: usize = self.counts[start.row..=end.row].iter().sum();
        if start.row == end.row && !text.contains('\n') {
            // Within one paragraph, the common case: its words are counted again from what
            // changed, and its lines wrapped again from where they change.
            let row = start.row;
            let old = self.paragraphs[row].clone();
            self.paragraphs[row].replace_range(start.col..end.col, text);
            self.counts[row] = recount_words(&old, before, &self.paragraphs[row]);
            self.words = self.words + self.counts[row] - before;
            let width = self.width;
            self.wraps[row] = match self.wraps[row].take() {
                Some(lines) if width > 0 => Some(rewrap(
                    &lines,
                    &self.paragraphs[row],
                    width,
                    start.col,
                    end.col - start.col,
                    text.len(),
                )),
                _ if width > 0 => Some(wrap(&self.paragraphs[row], width)),
                _ => None,
            };
            return end_of(start, text);
        }
        let mut joined = self.paragraphs[start.row][..start.col].to_string();
        joined.push_str(text);
        joined.push_str(&self.paragraphs[end.row][end.col..]);
        let new: Vec<String> = joined.split('\n').map(str::to_string).collect();
        let counts: Vec<usize> = new.iter().map(|p| word_count(p)).collect();
        self.words = self.words + counts.iter().sum::<usize>() - before;
        let count = new.len();
        self.paragraphs.splice(start.row..=end.row, new);
        self.counts.splice(start.row..=end.row, counts);
        self.wraps.splice(start.row..=end.row, (0..count).map(|_| None));
        if self.width > 0 {
            for row in start.row..start.row + count {
                self.wraps[row] = Some(wrap(&self.paragraphs[row], self.width));
            }
        }
        end_of(start, text)
    }

    /// [`Prose::replace`], kept for undo (and ending redo). Returns where the cursor goes.
    fn edit(&mut self, start: Pos, end: Pos, text: &str, cursor: Pos) -> Pos {
        let removed = self.slice(start, end);
        let after = self.replace(start, end, text);
        self.redo.clear();
        self.undo.push_back(Step {
            at: start,
            removed,
            inserted: text.to_string(),
            cursor,
        });
        if self.undo.len() > MAX_STEPS {
            self.undo.pop_front();
        }
        after
    }

    fn after_edit(&mut self) {
        self.anchor = None;
        self.goal = None;
        self.follow();
    }

    /// Takes back the newest edit; false if there is none.
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop_back() else {
            return false;
        };
        let end = end_of(step.at, &step.inserted);
        self.replace(step.at, end, &step.removed);
        self.cursor = step.cursor;
        self.redo.push(step);
        self.after_edit();
        true
    }

    /// Makes again the edit taken back last; false if there is none.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let end = end_of(step.at, &step.removed);
        self.cursor = self.replace(step.at, end, &step.inserted);
        self.undo.push_back(step);
        self.after_edit();
        true
    }

    /// Inserts `text` at the cursor, in place of the selection if there is one.
    pub fn insert_str(&mut self, text: &str) -> bool {
        let (start, end) = self.selection().unwrap_or((self.cursor, self.cursor));
        // Nothing to undo where nothing changes (the selection typed over with itself).
        if self.slice(start, end) == text {
            return false;
        }
        let cursor = self.cursor;
        self.cursor = self.edit(start, end, text, cursor);
        self.after_edit();
        true
    }

    /// Deletes `start..end` (or the selection, if one is made); false if that is nothing.
    fn delete(&mut self, start: Pos, end: Pos) -> bool {
        let (start, end) = self.selection().unwrap_or((start.min(end), start.max(end)));
        if start == end {
            self.anchor = None;
            return false;
        }
        let cursor = self.cursor;
        self.cursor = self.edit(start, end, "", cursor);
        self.after_edit();
        true
    }

    /// The place one character (a whole glyph, with its combining marks) before `at`.
    fn back(&self, at: Pos) -> Pos {
        if at.col == 0 {
            return match at.row {
                0 => at,
                row => Pos {
                    row: row - 1,
                    col: self.paragraphs[row - 1].len(),
                },
            };
        }
        let line = &self.paragraphs[at.row][..at.col];
        let col = line.grapheme_indices(true).next_back().map_or(0, |(i, _)| i);
        Pos { row: at.row, col }
    }

    fn forward(&self, at: Pos) -> Pos {
        let line = &self.paragraphs[at.row];
        if at.col >= line.len() {
            return if at.row + 1 < self.paragraphs.len() {
                Pos {
                    row: at.row + 1,
                    col: 0,
                }
            } else {
                at
            };
        }
        let next = line[at.col..].graphemes(true).next().map_or(0, str::len);
        Pos {
            row: at.row,
            col: at.col + next,
        }
    }

    fn word_forward(&self, at: Pos) -> Pos {
        let line = &self.paragraphs[at.row];
        match word_forward_from(line, at.col, false) {
            Some(col) => Pos { row: at.row, col },
            None if at.row + 1 < self.paragraphs.len() => Pos {
                row: at.row + 1,
                col: 0,
            },
            None => Pos {
                row: at.row,
                col: line.len(),
            },
        }
    }

    fn word_back(&self, at: Pos) -> Pos {
        match word_start_backward(&self.paragraphs[at.row], at.col) {
            Some(col) => Pos { row: at.row, col },
            None if at.row > 0 => Pos {
                row: at.row - 1,
                col: self.paragraphs[at.row - 1].len(),
            },
            None => Pos { row: at.row, col: 0 },
        }
    }

    /// The start of the next paragraph after a blank line (or the end).
    fn paragraph_forward(&self, at: Pos) -> Pos {
        let mut blank = self.paragraphs[at.row].is_empty();
        for row in at.row + 1..self.paragraphs.len() {
            let empty = self.paragraphs[row].is_empty();
            if !empty && blank {
                return Pos { row, col: 0 };
            }
            blank = empty;
        }
        self.end()
    }

    fn paragraph_back(&self, at: Pos) -> Pos {
        let mut blank = self.paragraphs[at.row].is_empty();
        for row in (0..at.row).rev() {
            let empty = self.paragraphs[row].is_empty();
            if empty && !blank {
                return Pos { row: row + 1, col: 0 };
            }
            blank = empty;
        }
        Pos::default()
    }

    /// The lines of paragraph `row` wrapped at `width` (0: not wrapped).
    fn lines_of(&self, row: usize, width: usize) -> Cow<'_, [Range<usize>]> {
        let paragraph = &self.paragraphs[row];
        if width == 0 {
            return Cow::Owned(std::iter::once(0..paragraph.len()).collect());
        }
        match &self.wraps[row] {
            Some(lines) if width == self.width => Cow::Borrowed(lines),
            _ => Cow::Owned(wrap(paragraph, width)),
        }
    }

    /// Which of its paragraph's lines `at` is on: the next one's start, where two meet.
    fn line_of(lines: &[Range<usize>], col: usize) -> usize {
        lines.iter().rposition(|l| l.start <= col).unwrap_or(0)
    }

    /// Where `at` is on screen at `width`: its paragraph's line and its column.
    fn screen_of(&self, at: Pos, width: usize) -> (usize, usize) {
        let lines = self.lines_of(at.row, width);
        let line = Self::line_of(&lines, at.col);
        let x = cells(&self.paragraphs[at.row][lines[line].start..at.col]);
        (line, x)
    }

    /// The place on line `line` of paragraph `row` nearest to screen column `x`.
    fn at_column(&self, row: usize, line: usize, x: usize, width: usize) -> Pos {
        let lines = self.lines_of(row, width);
        let range = lines[line].clone();
        let last = line + 1 == lines.len();
        let text = &self.paragraphs[row][range.clone()];
        let mut used = 0;
        for (i, glyph) in text.grapheme_indices(true) {
            let w = cells(glyph);
            // The end of a wrapped line is the next one's start: stop before its last glyph.
            let at_end = !last && i + glyph.len() == text.len();
            if used + w > x || at_end {
                return Pos {
                    row,
                    col: range.start + i,
                };
            }
            used += w;
        }
        Pos { row, col: range.end }
    }

    /// `lines` screen lines down (or up, negative) from the cursor, keeping to its column.
    fn vertical(&mut self, lines: isize) -> Pos {
        let width = self.width;
        let (mut line, x) = self.screen_of(self.cursor, width);
        let x = *self.goal.get_or_insert(x);
        let mut row = self.cursor.row;
        for _ in 0..lines.unsigned_abs() {
            if lines > 0 {
                if line + 1 < self.lines_of(row, width).len() {
                    line += 1;
                } else if row + 1 < self.paragraphs.len() {
                    row += 1;
                    line = 0;
                } else {
                    break;
                }
            } else if line > 0 {
                line -= 1;
            } else if row > 0 {
                row -= 1;
                line = self.lines_of(row, width).len() - 1;
            } else {
                break;
            }
        }
        self.at_column(row, line, x, width)
    }

    /// Moves the cursor to `to`, making a selection with Shift.
    fn go(&mut self, to: Pos, select: bool, vertical: bool) {
        if select {
            self.anchor.get_or_insert(self.cursor);
        } else {
            self.anchor = None;
        }
        if !vertical {
            self.goal = None;
        }
        self.cursor = to;
        self.follow();
    }

    /// Types `c` at the cursor, over the selection if there is one; a carriage return is a
    /// line break. Returns whether the text changed, as the other edits do.
    pub fn type_char(&mut self, c: char) -> bool {
        match c {
            '\r' | '\n' => self.newline(),
            c => self.insert_str(c.encode_utf8(&mut [0; 4])),
        }
    }

    /// Splits the paragraph at the cursor.
    pub fn newline(&mut self) -> bool {
        self.insert_str("\n")
    }

    /// Deletes the character before the cursor (or the selection).
    pub fn delete_back(&mut self) -> bool {
        let at = self.cursor;
        self.delete(self.back(at), at)
    }

    /// Deletes the character after the cursor (or the selection).
    pub fn delete_forward(&mut self) -> bool {
        let at = self.cursor;
        self.delete(at, self.forward(at))
    }

    /// Deletes the word before the cursor (or, at a paragraph's start, the line break).
    pub fn delete_word_back(&mut self) -> bool {
        let at = self.cursor;
        let start = match word_start_backward(&self.paragraphs[at.row], at.col) {
            Some(col) => Pos { row: at.row, col },
            None if at.col > 0 => Pos { row: at.row, col: 0 },
            None => self.back(at),
        };
        self.delete(start, at)
    }

    /// Deletes to the end of the word at or after the cursor (or, at a paragraph's end,
    /// the line break).
    pub fn delete_word_forward(&mut self) -> bool {
        let at = self.cursor;
        let line_end = self.line_end();
        let end = match word_forward_from(&self.paragraphs[at.row], at.col, true) {
            Some(col) => Pos { row: at.row, col },
            None if at.col < line_end.col => line_end,
            None => self.forward(at),
        };
        self.delete(at, end)
    }

    /// Deletes to the end of the paragraph; at its end, joins the next one.
    pub fn delete_to_line_end(&mut self) -> bool {
        let (at, line_end) = (self.cursor, self.line_end());
        if at.col < line_end.col {
            self.delete(at, line_end)
        } else {
            self.delete(at, self.forward(at))
        }
    }

    /// Deletes back to the start of the paragraph; at its start, joins the one before.
    pub fn delete_to_line_start(&mut self) -> bool {
        let at = self.cursor;
        if at.col > 0 {
            self.delete(Pos { row: at.row, col: 0 }, at)
        } else {
            self.delete(self.back(at), at)
        }
    }

    /// Moves the cursor by `motion`; with `select`, the selection follows it.
    pub fn move_cursor(&mut self, motion: Motion, select: bool) {
        let at = self.cursor;
        let page = self.height.saturating_sub(1).max(1) as isize;
        let (to, vertical) = match motion {
            Motion::Left => (self.back(at), false),
            Motion::Right => (self.forward(at), false),
            Motion::Up => (self.vertical(-1), true),
            Motion::Down => (self.vertical(1), true),
            Motion::PageUp => (self.vertical(-page), true),
            Motion::PageDown => (self.vertical(page), true),
            Motion::WordLeft => (self.word_back(at), false),
            Motion::WordRight => (self.word_forward(at), false),
            Motion::LineStart => (Pos { row: at.row, col: 0 }, false),
            Motion::LineEnd => (self.line_end(), false),
            Motion::ParagraphUp => (self.paragraph_back(at), false),
            Motion::ParagraphDown => (self.paragraph_forward(at), false),
            Motion::TextStart => (Pos::default(), false),
            Motion::TextEnd => (self.end(), false),
        };
        self.go(to, select, vertical);
    }

    /// The end of the cursor's paragraph.
    fn line_end(&self) -> Pos {
        Pos {
            row: self.cursor.row,
            col: self.paragraphs[self.cursor.row].len(),
        }
    }

    /// Takes in the size the editor was last drawn at (its inside): lines are wrapped
    /// again only when the width changed, and the view follows the cursor.
    pub fn laid_out(&mut self, width: u16, height: u16) {
        let (width, height) = (usize::from(width), usize::from(height));
        if width != self.width {
            self.width = width;
            self.wraps.iter_mut().for_each(|w| *w = None);
        }
        self.height = height;
        self.follow();
    }

    /// Wraps paragraph `row` at the current width, if not yet done.
    fn wrapped(&mut self, row: usize) {
        if self.width > 0 && self.wraps[row].is_none() {
            self.wraps[row] = Some(wrap(&self.paragraphs[row], self.width));
        }
    }

    /// Keeps the cursor in view, scrolling as little as will do.
    fn follow(&mut self) {
        if self.width == 0 || self.height == 0 {
            return;
        }
        // The paragraphs from the cursor's back up a screen, and those in view, are wrapped
        // once here so that drawing finds them ready.
        let from = self.cursor.row.saturating_sub(self.height);
        let to = (self.top.row.min(self.paragraphs.len() - 1) + self.height).min(self.paragraphs.len());
        for row in from..=self.cursor.row {
            self.wrapped(row);
        }
        for row in self.top.row.min(self.paragraphs.len())..to {
            self.wrapped(row);
        }
        self.top = self.placed_top(self.width, self.height);
    }

    /// The first line in view at `width` × `height` so that the cursor shows, moving from
    /// the last one as little as will do.
    fn placed_top(&self, width: usize, height: usize) -> Top {
        let (line, _) = self.screen_of(self.cursor, width);
        let cursor = Top {
            row: self.cursor.row,
            line,
        };
        let row = self.top.row.min(self.paragraphs.len() - 1);
        let mut top = Top {
            row,
            line: self.top.line.min(self.lines_of(row, width).len() - 1),
        };
        if cursor < top {
            return cursor;
        }
        // Every paragraph takes a line at least: this far back, the cursor is out of view.
        if cursor.row - top.row < height {
            let mut distance = 0;
            let mut at = top;
            while at < cursor && distance < height {
                distance += 1;
                if at.line + 1 < self.lines_of(at.row, width).len() {
                    at.line += 1;
                } else {
                    at = Top {
                        row: at.row + 1,
                        line: 0,
                    };
                }
            }
            if distance < height {
                return top;
            }
        }
        // The cursor on the last line in view.
        top = cursor;
        for _ in 1..height {
            if top.line > 0 {
                top.line -= 1;
            } else if top.row > 0 {
                top.row -= 1;
                top.line = self.lines_of(top.row, width).len() - 1;
            } else {
                break;
            }
        }
        top
    }

    /// What a frame `width` × `height` shows: from the first line in view and with the
    /// cursor if `focused`, else from the start. Reads only the paragraphs in view.
    pub fn view(&self, width: u16, height: u16, focused: bool) -> View {
        let (width, height) = (usize::from(width), usize::from(height));
        if width == 0 || height == 0 {
            return View::default();
        }
        let top = if focused {
            self.placed_top(width, height)
        } else {
            Top::default()
        };
        let mut rows = Vec::with_capacity(height);
        let mut cursor = None;
        let mut row = top.row;
        let mut first = top.line;
        while rows.len() < height && row < self.paragraphs.len() {
            let lines = self.lines_of(row, width);
            if focused && row == self.cursor.row {
                let line = Self::line_of(&lines, self.cursor.col);
                if line >= first && rows.len() + line - first < height {
                    let x = cells(&self.paragraphs[row][lines[line].start..self.cursor.col]);
                    cursor = Some((x.min(width - 1), rows.len() + line - first));
                }
            }
            for line in lines.iter().skip(first).take(height - rows.len()) {
                rows.push((row, line.clone()));
            }
            row += 1;
            first = 0;
        }
        View { rows, cursor }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(prose: &mut Prose, text: &str) {
        for c in text.chars() {
            prose.type_char(c);
        }
    }

    fn shown(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn lines_break_between_words_and_none_starts_with_a_space() {
        assert_eq!(
            shown("the cat sat on the mat", 8),
            ["the cat ", "sat on ", "the mat"]
        );
        assert_eq!(shown("aaaa   bbbb", 4), ["aaaa   ", "bbbb"]);
        assert_eq!(shown("", 10), [""]);
        assert_eq!(shown("abcdefghij kl", 4), ["abcd", "efgh", "ij ", "kl"]);
    }

    #[test]
    fn wide_characters_take_two_cells_and_combining_marks_none() {
        assert_eq!(shown("東京都庁舎", 4), ["東京", "都庁", "舎"]);
        assert_eq!(
            shown("cafe\u{301} cafe\u{301}", 5),
            ["cafe\u{301} ", "cafe\u{301}"]
        );
        assert_eq!(cells("👍🏽"), 2);
    }

    #[test]
    fn the_edits_change_the_text_as_expected() {
        let mut p = Prose::new("one two", "");
        typed(&mut p, " three");
        assert_eq!(p.text(), "one two three");
        p.delete_word_back();
        assert_eq!(p.text(), "one two ");
        p.delete_back();
        assert_eq!(p.text(), "one two");
        p.move_cursor(Motion::LineStart, false);
        p.delete_word_forward();
        assert_eq!(p.text(), " two");
        p.delete_forward();
        typed(&mut p, "\n");
        assert_eq!(p.text(), "\ntwo");
        p.delete_to_line_end();
        assert_eq!(p.text(), "\n");
        assert_eq!(p.words(), 0);
        typed(&mut p, "a\rb");
        assert_eq!(p.text(), "\na\nb", "a carriage return typed is a line break");
        p.delete_to_line_start();
        p.delete_to_line_start();
        assert_eq!(p.text(), "\na");
    }

    #[test]
    fn a_glyph_with_combining_marks_is_stepped_over_and_deleted_whole() {
        let mut p = Prose::new("ae\u{301}", "");
        p.delete_back();
        assert_eq!(p.text(), "a");
        let mut p = Prose::new("東e\u{301}", "");
        p.move_cursor(Motion::Left, false);
        p.move_cursor(Motion::Left, false);
        assert_eq!(p.cursor().col, 0);
    }

    #[test]
    fn shift_selects_and_typing_replaces_the_selection() {
        let mut p = Prose::new("one two", "");
        p.move_cursor(Motion::Left, true);
        p.move_cursor(Motion::Left, true);
        p.move_cursor(Motion::Left, true);
        typed(&mut p, "2");
        assert_eq!(p.text(), "one 2");
        assert!(p.undo());
        assert_eq!(p.text(), "one two");
    }

    #[test]
    fn up_and_down_move_by_screen_line_keeping_the_column() {
        let mut p = Prose::new("the cat sat on the mat\nend", "");
        p.laid_out(8, 5);
        p.move_cursor(Motion::TextStart, false);
        p.move_cursor(Motion::Right, false);
        p.move_cursor(Motion::Down, false);
        assert_eq!(p.cursor(), Pos { row: 0, col: 9 }, "the a of sat");
        p.move_cursor(Motion::Down, false);
        p.move_cursor(Motion::Down, false);
        assert_eq!(p.cursor(), Pos { row: 1, col: 1 });
        p.move_cursor(Motion::Up, false);
        assert_eq!(p.cursor(), Pos { row: 0, col: 16 }, "the h of the");
    }

    #[test]
    fn the_view_follows_the_cursor_and_shows_it_where_it_is() {
        let text = (0..50)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut p = Prose::new(&text, "");
        p.laid_out(20, 10);
        let view = p.view(20, 10, true);
        assert_eq!(view.rows.first().unwrap().0, 40);
        assert_eq!(view.cursor, Some((7, 9)));
        p.move_cursor(Motion::TextStart, false);
        let view = p.view(20, 10, true);
        assert_eq!(view.rows.first().unwrap().0, 0);
        assert_eq!(view.cursor, Some((0, 0)));
        assert_eq!(p.view(20, 10, false).cursor, None);
    }

    #[test]
    fn the_changes_make_a_copy_of_the_text_follow() {
        let mut p = Prose::new("a\nb", "");
        let mut copy = p.text();
        typed(&mut p, "c\nd");
        p.move_cursor(Motion::Up, false);
        p.delete_back();
        p.undo();
        p.redo();
        for change in p.take_changes() {
            assert!(change.apply(&mut copy));
        }
        assert_eq!(copy, p.text());
    }

    /// What a user can do to a text, as a step of a property test.
    #[derive(Debug, Clone)]
    enum Op {
        Type(char),
        Newline,
        DeleteBack,
        DeleteForward,
        /// A word or a line's worth deleted: 0 to 3 for the four ways.
        Cut(u8),
        Move(Motion, bool),
        Paste(String),
        Undo,
        Redo,
        Width(u16),
    }

    const MOTIONS: [Motion; 14] = [
        Motion::Left,
        Motion::Right,
        Motion::Up,
        Motion::Down,
        Motion::PageUp,
        Motion::PageDown,
        Motion::WordLeft,
        Motion::WordRight,
        Motion::LineStart,
        Motion::LineEnd,
        Motion::ParagraphUp,
        Motion::ParagraphDown,
        Motion::TextStart,
        Motion::TextEnd,
    ];

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            4 => "[a é東\u{301}]".prop_map(|s: String| Op::Type(s.chars().next().unwrap())),
            1 => Just(Op::Newline),
            1 => Just(Op::DeleteBack),
            1 => Just(Op::DeleteForward),
            1 => (0u8..4).prop_map(Op::Cut),
            4 => (0..MOTIONS.len(), any::<bool>()).prop_map(|(m, select)| Op::Move(MOTIONS[m], select)),
            1 => "[ab \n東]{0,8}".prop_map(Op::Paste),
            1 => Just(Op::Undo),
            1 => Just(Op::Redo),
            1 => (1u16..12).prop_map(Op::Width),
        ]
    }

    fn apply(p: &mut Prose, op: &Op) {
        match op {
            Op::Type(c) => _ = p.type_char(*c),
            Op::Newline => _ = p.newline(),
            Op::DeleteBack => _ = p.delete_back(),
            Op::DeleteForward => _ = p.delete_forward(),
            Op::Cut(0) => _ = p.delete_word_back(),
            Op::Cut(1) => _ = p.delete_word_forward(),
            Op::Cut(2) => _ = p.delete_to_line_end(),
            Op::Cut(_) => _ = p.delete_to_line_start(),
            Op::Move(motion, select) => p.move_cursor(*motion, *select),
            Op::Paste(text) => _ = p.insert_str(text),
            Op::Undo => _ = p.undo(),
            Op::Redo => _ = p.redo(),
            Op::Width(w) => p.laid_out(*w, 4),
        }
    }

    /// The reference model: the text as one String and the cursor as a byte offset in it.
    fn offset(text: &str, at: Pos) -> usize {
        text.split('\n').take(at.row).map(|p| p.len() + 1).sum::<usize>() + at.col
    }

    /// What the model expects of `op`, if it is an edit it models: the range replaced and by what.
    fn expected(
        before: &str,
        cursor: usize,
        selection: Option<(usize, usize)>,
        op: &Op,
    ) -> Option<(usize, usize, String)> {
        let (from, to) = selection.unwrap_or((cursor, cursor));
        match op {
            Op::Paste(text) if !(text.is_empty() && from == to) => Some((from, to, text.clone())),
            Op::Type(c) => Some((from, to, c.to_string())),
            Op::Newline => Some((from, to, "\n".into())),
            Op::DeleteBack | Op::DeleteForward if selection.is_some() => Some((from, to, String::new())),
            Op::DeleteBack if cursor > 0 => {
                let (at, _) = before[..cursor].grapheme_indices(true).next_back()?;
                Some((at, cursor, String::new()))
            }
            Op::DeleteForward if cursor < before.len() => {
                let glyph = before[cursor..].graphemes(true).next()?;
                Some((cursor, cursor + glyph.len(), String::new()))
            }
            _ => None,
        }
    }

    proptest::proptest! {
        #[test]
        fn any_edits_leave_the_text_the_copy_and_the_count_right(
            start in "[ab \n東é]{0,30}",
            ops in proptest::collection::vec(op(), 0..60),
        ) {
            let mut p = Prose::new(&start, "");
            let mut copy = start.clone();
            let mut model = start.clone();
            // The model's undo: every text before an edit, newest last.
            let (mut undone, mut redone): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
            for op in ops {
                let before = p.text();
                let cursor = offset(&before, p.cursor());
                let selection = p.selection().map(|(a, b)| (offset(&before, a), offset(&before, b)));
                let expected = expected(&before, cursor, selection, &op);
                apply(&mut p, &op);
                // Typing over a selection with the same text changes nothing: nothing to undo.
                let expected = expected.filter(|(from, to, text)| before[*from..*to] != **text);
                match (&op, expected) {
                    (Op::Undo, _) => if let Some(text) = undone.pop() {
                        redone.push(std::mem::replace(&mut model, text));
                    },
                    (Op::Redo, _) => if let Some(text) = redone.pop() {
                        undone.push(std::mem::replace(&mut model, text));
                    },
                    (_, Some((from, to, text))) => {
                        undone.push(model.clone());
                        redone.clear();
                        model.replace_range(from..to, &text);
                    }
                    // Other edits (word and line deletion, moving) are checked by the copy, the count and undo.
                    (_, None) => if p.text() != model {
                        undone.push(std::mem::replace(&mut model, p.text()));
                        redone.clear();
                    },
                }
                for change in p.take_changes() {
                    proptest::prop_assert!(change.apply(&mut copy));
                }
                proptest::prop_assert_eq!(&p.text(), &model);
                proptest::prop_assert_eq!(&copy, &model);
                proptest::prop_assert_eq!(p.words(), word_count(&model));
                // What is kept up to date a piece at a time is what working it out afresh gives.
                for (row, paragraph) in p.paragraphs().iter().enumerate() {
                    proptest::prop_assert_eq!(p.counts[row], word_count(paragraph));
                    if let Some(lines) = &p.wraps[row] {
                        proptest::prop_assert_eq!(lines, &wrap(paragraph, p.width), "{:?}", paragraph);
                    }
                }
                let c = p.cursor();
                proptest::prop_assert!(p.paragraphs()[c.row].is_char_boundary(c.col));
                // None of the lines in view but a paragraph's first starts with a space, and the cursor shows.
                let view = p.view(7, 4, true);
                for (row, range) in &view.rows {
                    let line = &p.paragraphs()[*row][range.clone()];
                    proptest::prop_assert!(range.start == 0 || !line.starts_with(' '), "{:?}", line);
                }
                proptest::prop_assert!(view.cursor.is_some());
            }
        }
    }
}
