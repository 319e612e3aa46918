//! A reviewed Word copy's XML as consult needs it: the custom properties saying what the
//! copy was made from, each bookmarked answer and reasoning as pieces of text (kept,
//! deleted or inserted, each change with its author and date), the paragraphs outside any
//! bookmark, and the comments with their replies and anchors. Read through the import
//! readers' zip and XML layer, with their limits; every piece of text has its control
//! characters taken out, since the file comes from someone else.

use std::collections::HashMap;

use crate::import::document::{clean, defused};
use crate::import::read::archive::Archive;
use crate::import::read::recognise::{Recognised, recognise};
use crate::import::read::xml::{self, Element};
use crate::import::read::{LIMITS, Limits, ReadError};
use crate::model::joint::Field;

/// The most of a comment's anchored words kept, in bytes.
const MAX_ANCHOR: usize = 600;

/// What the review copy says it was made from (docProps/custom.xml).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Properties {
    pub set: Option<String>,
    pub set_digest: Option<String>,
    pub organisation: Option<String>,
    /// The digest of the draft file's bytes the copy was made from.
    pub version: Option<String>,
    /// The draft's file name.
    pub draft: Option<String>,
}

impl Properties {
    pub fn is_empty(&self) -> bool {
        *self == Properties::default()
    }
}

/// Which text a bookmark marks: item N (1-based, in set order) and its answer or reasoning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub item: usize,
    pub field: Field,
}

impl Mark {
    /// `consult_a3` is item 3's answer, `consult_r3` its reasoning.
    fn parse(name: &str) -> Option<Mark> {
        let rest = name.strip_prefix("consult_")?;
        let field = match rest.as_bytes().first()? {
            b'a' => Field::Answer,
            b'r' => Field::Reasoning,
            _ => return None,
        };
        let item = rest[1..].parse().ok().filter(|n| *n > 0)?;
        Some(Mark { item, field })
    }
}

/// A tracked change's kind, as Word marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Inserted,
    Deleted,
    /// Words moved away from here (`w:moveFrom`).
    MovedFrom,
    /// Words moved to here (`w:moveTo`).
    MovedTo,
}

/// One tracked change: who made it and when, and for a move the name pairing its ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    pub author: String,
    pub date: Option<String>,
    pub moved: Option<String>,
}

/// A piece of text and how it came to be there: kept from the copy sent out (`None`) or
/// part of tracked change number `Some(n)` (an index into [`Copy::changes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub change: Option<usize>,
}

/// A stretch of the document: one bookmarked text, or one paragraph outside them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passage {
    pub mark: Option<Mark>,
    pub pieces: Vec<Piece>,
}

/// Where a comment's range starts: a passage and a byte offset in that passage's text
/// as sent (kept and deleted pieces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub passage: usize,
    pub at: usize,
}

/// A comment as read: its words, thread and anchor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentRead {
    pub id: String,
    pub author: String,
    pub date: Option<String>,
    pub text: String,
    pub resolved: bool,
    /// The comment it replies to (an id), when it is a reply.
    pub parent: Option<String>,
    pub start: Option<Point>,
    /// Where its reference mark is, and whether it has a range of its own.
    pub reference: Option<Point>,
    pub ranged: bool,
    /// The words between its range's start and end, as the document reads with changes.
    pub anchor: String,
}

/// A reviewed copy, read.
#[derive(Debug, Clone, Default)]
pub struct Copy {
    pub properties: Properties,
    /// Who saved the file last (docProps/core.xml), and when.
    pub last_author: Option<String>,
    pub modified: Option<String>,
    pub changes: Vec<Change>,
    pub passages: Vec<Passage>,
    pub comments: Vec<CommentRead>,
}

impl Copy {
    /// Whether any consult bookmark is in the document.
    pub fn has_marks(&self) -> bool {
        self.passages.iter().any(|p| p.mark.is_some())
    }
}

impl Passage {
    /// The text as the copy was sent: kept and deleted pieces.
    pub fn sent(&self, changes: &[Change]) -> String {
        self.pieces
            .iter()
            .filter(|p| p.change.is_none_or(|c| is_removal(changes[c].kind)))
            .map(|p| p.text.as_str())
            .collect()
    }
}

/// Whether a change takes words out (a deletion, or the place words moved away from).
pub fn is_removal(kind: Kind) -> bool {
    matches!(kind, Kind::Deleted | Kind::MovedFrom)
}

/// Reads the reviewed file `bytes` (Word, as Word or LibreOffice saved it).
pub fn read(bytes: &[u8]) -> Result<Copy, ReadError> {
    read_with_limits(bytes, LIMITS)
}

/// [`read`] with chosen limits (tests try the refusals with small ones).
pub fn read_with_limits(bytes: &[u8], limits: Limits) -> Result<Copy, ReadError> {
    if bytes.len() > limits.file {
        return Err(ReadError {
            message: format!(
                "is {} MiB, larger than the {} MiB a review copy can be; it cannot be the Word \
                 file consult wrote for review",
                bytes.len() >> 20,
                limits.file >> 20
            ),
        });
    }
    // The import readers' refusals end by suggesting an import; here the file is read
    // for review.
    let for_review = |e: ReadError| ReadError {
        message: e.message.replace("import that", "review that"),
    };
    let archive = match recognise("review.docx", bytes, limits).map_err(for_review)? {
        Recognised::Docx(archive) => archive,
        Recognised::Odt(_) => {
            return Err(ReadError {
                message: "is an OpenDocument file; save it as Word (.docx) and review that".into(),
            });
        }
        _ => {
            return Err(ReadError {
                message: "is not a Word file, so not a review copy consult wrote".into(),
            });
        }
    };
    read_archive(&archive).map_err(for_review)
}

fn read_archive(archive: &Archive<'_>) -> Result<Copy, ReadError> {
    let main = if archive.has("word/document.xml") {
        "word/document.xml".to_string()
    } else {
        archive.main_document_from_rels().unwrap_or_default()
    };
    let document = xml::parse(&main, &archive.text(&main)?)?;
    let part = |name: &str| -> Result<Option<Element>, ReadError> {
        archive
            .optional_text(name)?
            .map(|text| xml::parse(name, &text))
            .transpose()
    };
    let custom = part("docProps/custom.xml")?;
    let core = part("docProps/core.xml")?;
    let comments = part("word/comments.xml")?;
    let extended = part("word/commentsExtended.xml")?;

    let mut walker = Walker::default();
    if let Some(body) = document.path(&["w:document", "w:body"]) {
        walker.walk(body);
    }
    // Paragraphs without words go; comments' points are renumbered to match.
    let keep: Vec<bool> = walker
        .passages
        .iter()
        .map(|p| p.mark.is_some() || !p.pieces.is_empty())
        .collect();
    let kept: Vec<usize> = keep
        .iter()
        .scan(0, |next, keep| {
            let index = *next;
            *next += usize::from(*keep);
            Some(index)
        })
        .collect();
    let mut copy = Copy {
        properties: custom.as_ref().map(properties).unwrap_or_default(),
        last_author: core.as_ref().and_then(|c| first_text(c, "cp:lastModifiedBy")),
        modified: core.as_ref().and_then(|c| first_text(c, "dcterms:modified")),
        changes: walker.changes,
        passages: walker
            .passages
            .into_iter()
            .filter(|p| p.mark.is_some() || !p.pieces.is_empty())
            .collect(),
        comments: Vec::new(),
    };
    copy.comments = read_comments(comments.as_ref(), extended.as_ref());
    for comment in &mut copy.comments {
        if let Some(anchor) = walker.anchors.get(&comment.id) {
            let renumbered = |p: Point| Point {
                passage: kept.get(p.passage).copied().unwrap_or(p.passage),
                at: p.at,
            };
            comment.start = anchor.start.map(renumbered);
            comment.reference = anchor.reference.map(renumbered);
            comment.ranged = anchor.ranged;
            let mut words = clean(&anchor.words);
            if words.len() > MAX_ANCHOR {
                let cut = (0..=MAX_ANCHOR)
                    .rev()
                    .find(|&at| words.is_char_boundary(at))
                    .unwrap_or(0);
                words.truncate(cut);
                words.push('…');
            }
            comment.anchor = words;
        }
    }
    infer_replies(&mut copy.comments, extended.is_some());
    Ok(copy)
}

/// The custom properties named `consult.*`.
fn properties(custom: &Element) -> Properties {
    let mut found = Vec::new();
    custom.descendants("property", &mut found);
    let mut properties = Properties::default();
    for property in found {
        let value = clean(&property.text());
        let slot = match property.attr("name") {
            Some("consult.set") => &mut properties.set,
            Some("consult.set_digest") => &mut properties.set_digest,
            Some("consult.organisation") => &mut properties.organisation,
            Some("consult.version") => &mut properties.version,
            Some("consult.draft") => &mut properties.draft,
            _ => continue,
        };
        *slot = Some(value);
    }
    properties
}

fn first_text(tree: &Element, name: &str) -> Option<String> {
    let mut found = Vec::new();
    tree.descendants(name, &mut found);
    found.first().map(|e| clean(&e.text())).filter(|t| !t.is_empty())
}

#[derive(Debug, Default)]
struct Anchor {
    start: Option<Point>,
    /// Where its reference mark is.
    reference: Option<Point>,
    /// Whether it has a range of its own (`w:commentRangeStart`).
    ranged: bool,
    words: String,
    open: bool,
}

/// Walks the body in document order, sending each run's words to the passage open there.
#[derive(Default)]
struct Walker {
    changes: Vec<Change>,
    passages: Vec<Passage>,
    /// Consult bookmarks open, by bookmark id, innermost last.
    open_marks: Vec<(String, Mark)>,
    /// The passage text goes to now, if one is open.
    current: Option<usize>,
    /// A paragraph ended inside a bookmarked text: the next words start a new paragraph.
    paragraph_break: bool,
    /// How many paragraphs the walk is inside.
    paragraphs: usize,
    /// Bookmarks ending in the paragraph being walked, ended with it.
    ends_due: Vec<String>,
    /// Tracked changes the walk is inside, innermost last.
    in_change: Vec<usize>,
    /// The move names open (`w:moveFromRangeStart`/`w:moveToRangeStart`), by range id.
    move_names: Vec<(String, String)>,
    anchors: HashMap<String, Anchor>,
    /// The comment ranges open, by id: the words met go to each.
    open_anchors: Vec<String>,
    /// Per passage, the length of its text as sent so far.
    sent_lengths: Vec<usize>,
}

impl Walker {
    fn walk(&mut self, parent: &Element) {
        for child in parent.elements() {
            match child.name.as_str() {
                "w:p" => {
                    // consult's bookmarks hold whole paragraphs: one starting anywhere in
                    // a paragraph holds all of it, and one ending in it ends with it
                    // (LibreOffice moves a bookmark's ends by a character or two).
                    let mut starts = Vec::new();
                    child.descendants("w:bookmarkStart", &mut starts);
                    for start in starts {
                        self.bookmark_start(start);
                    }
                    self.paragraphs += 1;
                    self.walk(child);
                    self.paragraphs -= 1;
                    for id in std::mem::take(&mut self.ends_due) {
                        self.bookmark_end(&id);
                    }
                    self.end_paragraph();
                }
                "w:pPr"
                | "w:rPr"
                | "w:sectPr"
                | "w:instrText"
                | "w:delInstrText"
                | "mc:Fallback"
                | "w:footnoteReference"
                | "w:endnoteReference"
                | "w:tblPr"
                | "w:tcPr"
                | "w:trPr" => {}
                "w:t" | "w:delText" => self.push(&child.text()),
                "w:tab" | "w:ptab" => self.push(" "),
                "w:br" | "w:cr" => self.push("\n"),
                "w:noBreakHyphen" => self.push("-"),
                "w:ins" | "w:del" | "w:moveFrom" | "w:moveTo" => {
                    let change = self.change(child);
                    self.in_change.push(change);
                    self.walk(child);
                    self.in_change.pop();
                }
                "w:moveFromRangeStart" | "w:moveToRangeStart" => {
                    if let (Some(id), Some(name)) = (child.attr("w:id"), child.attr("w:name")) {
                        self.move_names.push((id.to_string(), clean(name)));
                    }
                }
                "w:moveFromRangeEnd" | "w:moveToRangeEnd" => {
                    if let Some(id) = child.attr("w:id") {
                        self.move_names.retain(|(open, _)| open != id);
                    }
                }
                "w:bookmarkStart" => self.bookmark_start(child),
                "w:bookmarkEnd" => {
                    let id = child.attr("w:id").unwrap_or_default().to_string();
                    if self.paragraphs > 0 {
                        self.ends_due.push(id);
                    } else {
                        self.bookmark_end(&id);
                    }
                }
                "w:commentRangeStart" => self.comment_start(child),
                "w:commentRangeEnd" => {
                    if let Some(anchor) = child.attr("w:id").and_then(|id| self.anchors.get_mut(id)) {
                        anchor.open = false;
                    }
                }
                "w:commentReference" => {
                    // A comment without a range (LibreOffice's comment on a point) is
                    // anchored where its reference is.
                    let id = child.attr("w:id").unwrap_or_default().to_string();
                    let point = self.point();
                    let anchor = self.anchors.entry(id).or_default();
                    anchor.reference = Some(point);
                    if anchor.start.is_none() {
                        anchor.start = Some(point);
                        anchor.open = false;
                    }
                }
                _ => self.walk(child),
            }
        }
    }

    /// A consult bookmark opens its text, unless it is open already: LibreOffice writes
    /// an empty bookmark twice under one name, and ends only the second.
    fn bookmark_start(&mut self, element: &Element) {
        let (Some(id), Some(mark)) = (element.attr("w:id"), element.attr("w:name").and_then(Mark::parse))
        else {
            return;
        };
        if self.open_marks.iter().any(|(open, _)| open == id) {
            return;
        }
        let already = self.open_marks.iter().any(|(_, open)| *open == mark);
        self.open_marks.push((id.to_string(), mark));
        if !already {
            self.start_passage(Some(mark));
        }
    }

    /// Ends the text of the bookmark `id`, under every id it was opened with.
    fn bookmark_end(&mut self, id: &str) {
        let Some(mark) = self
            .open_marks
            .iter()
            .find(|(open, _)| open == id)
            .map(|(_, m)| *m)
        else {
            return;
        };
        self.open_marks.retain(|(_, open)| *open != mark);
        self.current = None;
        if let Some(&(_, outer)) = self.open_marks.last() {
            self.start_passage(Some(outer));
        }
    }

    fn change(&mut self, element: &Element) -> usize {
        let kind = match element.name.as_str() {
            "w:ins" => Kind::Inserted,
            "w:del" => Kind::Deleted,
            "w:moveFrom" => Kind::MovedFrom,
            _ => Kind::MovedTo,
        };
        let moved = matches!(kind, Kind::MovedFrom | Kind::MovedTo)
            .then(|| self.move_names.last().map(|(_, name)| name.clone()))
            .flatten();
        self.changes.push(Change {
            kind,
            author: clean(element.attr("w:author").unwrap_or_default()),
            date: element.attr("w:date").map(clean).filter(|d| !d.is_empty()),
            moved,
        });
        self.changes.len() - 1
    }

    fn start_passage(&mut self, mark: Option<Mark>) {
        self.passages.push(Passage {
            mark,
            pieces: Vec::new(),
        });
        self.sent_lengths.push(0);
        self.current = Some(self.passages.len() - 1);
        self.paragraph_break = false;
    }

    /// Outside bookmarks each paragraph is a passage of its own; inside one, the
    /// paragraphs of a text are separated by a blank line, as consult keeps them.
    fn end_paragraph(&mut self) {
        if self.open_marks.is_empty() {
            self.current = None;
        } else {
            self.paragraph_break = true;
        }
    }

    fn push(&mut self, text: &str) {
        let text = defused(text);
        if text.is_empty() {
            return;
        }
        if self.current.is_none() {
            let mark = self.open_marks.last().map(|(_, m)| *m);
            self.start_passage(mark);
        }
        let index = self.current.unwrap_or_default();
        if self.paragraph_break {
            self.paragraph_break = false;
            if !self.passages[index].pieces.is_empty() {
                self.passages[index].pieces.push(Piece {
                    text: "\n\n".into(),
                    change: None,
                });
            }
        }
        let change = self.in_change.last().copied();
        let removal = change.is_some_and(|c| is_removal(self.changes[c].kind));
        // Words one reviewer put in and another took out were never sent and are not
        // kept: nothing to suggest.
        if removal && self.in_change.iter().any(|&c| !is_removal(self.changes[c].kind)) {
            return;
        }
        if !removal {
            let anchors = &mut self.anchors;
            self.open_anchors.retain(|id| {
                let Some(anchor) = anchors.get_mut(id).filter(|a| a.open) else {
                    return false;
                };
                anchor.words.push_str(&text);
                // Enough to say what it is on; a range never closed costs no more.
                anchor.words.len() < MAX_ANCHOR
            });
        }
        if change.is_none() || removal {
            self.sent_lengths[index] += text.len();
        }
        self.passages[index].pieces.push(Piece { text, change });
    }

    /// Where the next words will go: the passage open (or the next one) and the length
    /// of its sent text so far.
    fn point(&self) -> Point {
        match self.current {
            Some(index) => Point {
                passage: index,
                at: self.sent_lengths[index],
            },
            None => Point {
                passage: self.passages.len(),
                at: 0,
            },
        }
    }

    fn comment_start(&mut self, element: &Element) {
        let Some(id) = element.attr("w:id") else {
            return;
        };
        let point = self.point();
        let anchor = self.anchors.entry(id.to_string()).or_default();
        anchor.start = Some(point);
        anchor.ranged = true;
        anchor.open = true;
        self.open_anchors.push(id.to_string());
    }
}

/// Comments from comments.xml, with their threads from commentsExtended.xml (Word: a
/// reply's last paragraph names its parent's last paragraph, `w15:paraIdParent`; done
/// threads are `w15:done="1"`).
fn read_comments(comments: Option<&Element>, extended: Option<&Element>) -> Vec<CommentRead> {
    let mut found = Vec::new();
    if let Some(comments) = comments {
        comments.descendants("w:comment", &mut found);
    }
    let mut by_para: HashMap<String, (Option<String>, bool)> = HashMap::new();
    if let Some(extended) = extended {
        let mut entries = Vec::new();
        extended.descendants("w15:commentEx", &mut entries);
        for entry in entries {
            if let Some(para) = entry.attr("w15:paraId") {
                by_para.insert(
                    para.to_string(),
                    (
                        entry.attr("w15:paraIdParent").map(str::to_string),
                        entry.attr("w15:done").is_some_and(|d| d == "1" || d == "true"),
                    ),
                );
            }
        }
    }
    let mut last_para_of: HashMap<String, String> = HashMap::new();
    let mut read = Vec::new();
    for element in found {
        let Some(id) = element.attr("w:id") else {
            continue;
        };
        let mut paragraphs = Vec::new();
        element.descendants("w:p", &mut paragraphs);
        let words: Vec<String> = paragraphs
            .iter()
            .map(|p| {
                let mut text = String::new();
                comment_words(p, &mut text);
                clean(&text)
            })
            .filter(|t| !t.is_empty())
            .collect();
        let last_para = paragraphs
            .last()
            .and_then(|p| p.attr("w14:paraId"))
            .map(str::to_string);
        let (parent_para, resolved) = last_para
            .as_ref()
            .and_then(|p| by_para.get(p).cloned())
            .unwrap_or_default();
        if let Some(para) = &last_para {
            last_para_of.insert(para.clone(), id.to_string());
        }
        read.push((
            parent_para,
            CommentRead {
                id: clean(id),
                author: clean(element.attr("w:author").unwrap_or_default()),
                date: element.attr("w:date").map(clean).filter(|d| !d.is_empty()),
                text: words.join("\n"),
                resolved,
                ..CommentRead::default()
            },
        ));
    }
    read.into_iter()
        .map(|(parent_para, mut comment)| {
            comment.parent = parent_para.and_then(|p| last_para_of.get(&p).cloned());
            comment
        })
        .collect()
}

/// A comment's words: its runs, without deleted text.
fn comment_words(element: &Element, out: &mut String) {
    for child in element.elements() {
        match child.name.as_str() {
            "w:t" => out.push_str(&child.text()),
            "w:tab" | "w:br" => out.push(' '),
            "w:del" | "w:rPr" | "w:pPr" | "w:instrText" => {}
            _ => comment_words(child, out),
        }
    }
}

/// LibreOffice writes no thread when it writes no commentsExtended.xml: a reply is then
/// a comment without a range whose reference mark is right where an earlier comment's
/// is, or a comment on exactly the same words at the same place as an earlier one.
fn infer_replies(comments: &mut [CommentRead], threads_written: bool) {
    if threads_written {
        return;
    }
    for i in 1..comments.len() {
        let (earlier, rest) = comments.split_at_mut(i);
        let comment = &mut rest[0];
        if comment.start.is_none() {
            continue;
        }
        comment.parent = earlier
            .iter()
            .find(|e| {
                let same_range = comment.ranged && e.start == comment.start && e.anchor == comment.anchor;
                let same_mark = !comment.ranged && e.reference.is_some() && e.reference == comment.reference;
                e.parent.is_none() && (same_range || same_mark)
            })
            .map(|e| e.id.clone());
    }
}
