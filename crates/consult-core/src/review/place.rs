//! Tying what a reviewed copy holds to the draft's items: each bookmarked text to its
//! item's answer or reasoning, the text of a deleted bookmark found again by its words,
//! each tracked change and each stretch edited without Track Changes made a suggestion
//! in the draft's own words, each comment attached where its range starts; whatever
//! cannot be tied to an item is kept as unplaced, never dropped.

use std::collections::HashMap;
use std::ops::Range;

use jiff::Timestamp;

use super::read::{Change, CommentRead, Copy, Kind, Mark, Passage, Piece, is_removal};
use super::untracked::{self, Alignment, Word};
use crate::import::similarity::quoted_share;
use crate::model::joint::Field;
use crate::model::review::{Made, Received, Reply, ReviewComment, Reviews, Suggestion, Unplaced};
use crate::model::{QuestionSet, Response};

/// Words of context kept on each side of a change.
const CONTEXT_WORDS: usize = 4;

/// How much of a paragraph's words an item's text must share for the paragraph to be
/// taken as that text (its bookmark deleted), or a comment's anchor as on it.
const SAME_WORDS: f32 = 0.6;

/// What reading one reviewed copy needs besides the copy.
pub struct Reading<'a> {
    /// The reviewed file's name, without its folder.
    pub file: &'a str,
    /// The digest of its bytes ([`crate::model::sha256`]).
    pub digest: String,
    /// The draft as it is now.
    pub response: &'a Response,
    pub set: &'a QuestionSet,
    /// The draft as the copy was sent, when its version was found in the draft's history.
    pub sent: Option<&'a Response>,
    /// Who reviewed it, as named with `--from`.
    pub reviewer: Option<&'a str>,
    /// Reviewers' names known to be members' people (a member's respondent contact),
    /// with the member each belongs to.
    pub contacts: &'a [(String, String)],
    pub now: Timestamp,
}

/// What came back in one copy, numbered after what the draft has, and what to tell about
/// how it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gathered {
    pub reviews: Reviews,
    pub notices: Vec<String>,
}

impl Gathered {
    /// Nothing came back: no suggestion, comment or unplaced text.
    pub fn is_empty(&self) -> bool {
        self.reviews.suggestions.is_empty()
            && self.reviews.comments.is_empty()
            && self.reviews.unplaced.is_empty()
    }
}

/// The item and text a bookmarked or matched passage belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Target {
    index: usize,
    field: Field,
}

pub fn gather(copy: &Copy, reading: &Reading<'_>) -> Gathered {
    let mut gathering = Gathering {
        copy,
        reading,
        items: reading.set.items().map(|i| i.id.as_str()).collect(),
        out: Gathered::default(),
        next_suggestion: reading
            .response
            .reviews
            .as_ref()
            .map_or(1, Reviews::next_suggestion_number),
        next_comment: reading
            .response
            .reviews
            .as_ref()
            .map_or(1, Reviews::next_comment_number),
    };
    let reviewer = reading
        .reviewer
        .map(str::to_string)
        .or_else(|| copy.last_author.clone())
        .unwrap_or_default();
    let (targets, leftover) = gathering.assign();
    let mut by_target: Vec<(Target, Vec<usize>)> = Vec::new();
    for (passage, target) in &targets {
        match by_target.iter_mut().find(|(t, _)| t == target) {
            Some((_, passages)) => passages.push(*passage),
            None => by_target.push((*target, vec![*passage])),
        }
    }
    for (target, passages) in &by_target {
        gathering.text(*target, passages, &reviewer);
    }
    gathering.leftovers(&leftover);
    gathering.untracked_outside(&leftover, &reviewer);
    gathering.comments(&targets, &by_target);
    let member = gathering.member_of(&reviewer);
    gathering.out.reviews.received.push(Received {
        file: reading.file.to_string(),
        digest: reading.digest.clone(),
        made_from: copy.properties.version.clone().unwrap_or_default(),
        reviewer,
        member,
        read: reading.now,
    });
    gathering.out
}

struct Gathering<'a> {
    copy: &'a Copy,
    reading: &'a Reading<'a>,
    items: Vec<&'a str>,
    out: Gathered,
    next_suggestion: u32,
    next_comment: u32,
}

impl Gathering<'_> {
    fn target_of(&self, mark: Mark) -> Option<Target> {
        (mark.item <= self.items.len()).then_some(Target {
            index: mark.item - 1,
            field: mark.field,
        })
    }

    /// The text as it was sent (the version the copy was made from, else the draft now).
    fn sent_text(&self, target: Target) -> &str {
        let response = self.reading.sent.unwrap_or(self.reading.response);
        response
            .answer(self.items[target.index])
            .map_or("", |a| match target.field {
                Field::Answer => a.answer.as_str(),
                Field::Reasoning => a.reasoning.as_str(),
            })
    }

    /// Each passage's target: its bookmark's, or for a paragraph outside them, the text
    /// whose bookmark is gone and whose words it has. The rest are left over.
    fn assign(&mut self) -> (Vec<(usize, Target)>, Vec<usize>) {
        let mut targets = Vec::new();
        let mut outside = Vec::new();
        for (index, passage) in self.copy.passages.iter().enumerate() {
            match passage.mark.and_then(|m| self.target_of(m)) {
                Some(target) => targets.push((index, target)),
                None => outside.push(index),
            }
        }
        if self.copy.properties.is_empty() && targets.is_empty() {
            return (targets, outside);
        }
        let marked: Vec<Target> = targets.iter().map(|(_, t)| *t).collect();
        let missing: Vec<Target> = (0..self.items.len())
            .flat_map(|index| [Field::Answer, Field::Reasoning].map(|field| Target { index, field }))
            .filter(|t| !marked.contains(t) && !self.sent_text(*t).trim().is_empty())
            .collect();
        let mut leftover = Vec::new();
        let mut found = Vec::new();
        for index in outside {
            let words = self.copy.passages[index].sent(&self.copy.changes);
            let best = missing
                .iter()
                .map(|t| (*t, quoted_share(&words, self.sent_text(*t))))
                .filter(|(_, share)| *share >= SAME_WORDS && words.split_whitespace().count() >= 3)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((target, _)) => {
                    targets.push((index, target));
                    if !found.contains(&target) {
                        found.push(target);
                    }
                }
                None => leftover.push(index),
            }
        }
        targets.sort_by_key(|(index, _)| *index);
        for target in found {
            self.out.notices.push(format!(
                "{}'s {}: its marks were deleted in the copy; found again by its words",
                self.items[target.index],
                target.field.label()
            ));
        }
        (targets, leftover)
    }

    fn member_of(&self, name: &str) -> Option<String> {
        member_named(
            self.reading.response,
            self.reading.contacts,
            self.reading.reviewer.unwrap_or(name),
        )
    }

    fn suggestion(&mut self, target: Target, found: Found, author: &str, date: Option<String>, made: Made) {
        let author = if author.is_empty() {
            self.reading
                .reviewer
                .map(str::to_string)
                .or_else(|| self.copy.last_author.clone())
                .unwrap_or_else(|| "unknown reviewer".into())
        } else {
            author.to_string()
        };
        let member = self.member_of(&author);
        self.out.reviews.suggestions.push(Suggestion {
            number: self.next_suggestion,
            item: self.items[target.index].to_string(),
            field: target.field,
            before: found.before,
            deleted: found.deleted,
            inserted: found.inserted,
            after: found.after,
            at: found.at,
            author,
            date,
            made,
            file: self.reading.file.to_string(),
            member,
            ..Suggestion::default()
        });
        self.next_suggestion += 1;
    }

    /// One item's answer or reasoning: its tracked changes and untracked edits.
    fn text(&mut self, target: Target, passages: &[usize], reviewer: &str) {
        let joined = join(passages.iter().map(|i| &self.copy.passages[*i]));
        let changes = &self.copy.changes;
        let copy_text = joined.sent(changes);
        let draft_text = self.sent_text(target).to_string();
        let copy_words = untracked::words(&copy_text, false);
        let draft_words = untracked::words(&draft_text, true);
        let alignment = untracked::align(&copy_words, &draft_words);
        let texts = Texts {
            copy: &copy_text,
            copy_words: &copy_words,
            draft: &draft_text,
            draft_words: &draft_words,
            alignment: &alignment,
        };
        for edit in tracked_edits(&joined, changes) {
            let Some(found) = texts.found(&edit) else {
                continue;
            };
            let change = &changes[edit.change];
            let made = if edit.moved { Made::Moved } else { Made::Tracked };
            let author = change.author.clone();
            self.suggestion(target, found, &author, change.date.clone(), made);
        }
        if self.reading.sent.is_none() {
            return;
        }
        for hunk in &alignment.hunks {
            let Some(found) = texts.untracked(hunk) else {
                continue;
            };
            self.suggestion(
                target,
                found,
                reviewer,
                self.copy.modified.clone(),
                Made::Untracked,
            );
        }
    }

    /// Tracked changes in paragraphs outside every answer and reasoning: kept as unplaced.
    fn leftovers(&mut self, leftover: &[usize]) {
        for &index in leftover {
            let passage = &self.copy.passages[index];
            let mut by_kind: Vec<(bool, String, String)> = Vec::new();
            for piece in &passage.pieces {
                let Some(change) = piece.change.map(|c| &self.copy.changes[c]) else {
                    continue;
                };
                let removal = is_removal(change.kind);
                match by_kind.last_mut() {
                    Some((r, author, text)) if *r == removal && *author == change.author => {
                        text.push_str(&piece.text)
                    }
                    _ => by_kind.push((removal, change.author.clone(), piece.text.clone())),
                }
            }
            for (removal, author, text) in by_kind {
                let text = text.trim().to_string();
                if text.is_empty() {
                    continue;
                }
                let why = if removal {
                    "deleted outside every answer and reasoning (a heading or a question's wording, which the draft does not take from the copy)"
                } else {
                    "inserted outside every answer and reasoning, in words no item's text has"
                };
                self.out.reviews.unplaced.push(Unplaced {
                    text,
                    why: why.into(),
                    author,
                    file: self.reading.file.to_string(),
                });
            }
        }
    }

    /// Paragraphs outside every answer and reasoning, with no tracked change in them, that
    /// the copy as sent did not have: a heading retyped or a paragraph added between
    /// questions with Track Changes off. Listed as tied to no item, never dropped. The copy
    /// as sent is made again from the version it records, with every item and text in it,
    /// so whatever options it was made with, its own paragraphs are among those.
    fn untracked_outside(&mut self, leftover: &[usize], reviewer: &str) {
        let Some(sent) = self.reading.sent else {
            return;
        };
        let source = crate::export::ReviewSource {
            version: self.copy.properties.version.clone().unwrap_or_default(),
            draft: self.copy.properties.draft.clone().unwrap_or_default(),
        };
        let options = crate::export::Options {
            review: Some(&source),
            ..crate::export::Options::default()
        };
        let remade = crate::export::docx::render(sent, self.reading.set, options);
        let Ok(remade) = super::read::read(&remade) else {
            return;
        };
        let known: std::collections::HashSet<String> = remade
            .passages
            .iter()
            .filter(|p| p.mark.is_none())
            .map(|p| p.sent(&remade.changes).trim().to_string())
            .collect();
        for &index in leftover {
            let passage = &self.copy.passages[index];
            if passage.pieces.iter().any(|p| p.change.is_some()) {
                continue;
            }
            let text = passage.sent(&self.copy.changes).trim().to_string();
            if text.is_empty() || known.contains(&text) {
                continue;
            }
            self.out.reviews.unplaced.push(Unplaced {
                text,
                why: "typed outside every answer and reasoning without Track Changes: a heading or paragraph the copy sent out did not have".into(),
                author: reviewer.to_string(),
                file: self.reading.file.to_string(),
            });
        }
    }

    /// Each thread: on the text its range starts in, or on the item whose words its
    /// anchor has; else unplaced.
    fn comments(&mut self, targets: &[(usize, Target)], by_target: &[(Target, Vec<usize>)]) {
        let target_of_passage: HashMap<usize, Target> = targets.iter().copied().collect();
        let copy = self.copy;
        for comment in copy.comments.iter().filter(|c| c.parent.is_none()) {
            let placed = comment
                .start
                .and_then(|p| target_of_passage.get(&p.passage).copied())
                .or_else(|| {
                    let words = comment.anchor.split_whitespace().count();
                    (words >= 3)
                        .then(|| {
                            by_target
                                .iter()
                                .map(|(t, _)| (*t, quoted_share(&comment.anchor, self.sent_text(*t))))
                                .filter(|(_, share)| *share >= SAME_WORDS)
                                .max_by(|a, b| a.1.total_cmp(&b.1))
                                .map(|(t, _)| t)
                        })
                        .flatten()
                });
            let replies: Vec<Reply> = copy
                .comments
                .iter()
                .filter(|r| thread_of(&copy.comments, r) == Some(comment.id.as_str()))
                .map(|r| Reply {
                    author: r.author.clone(),
                    date: r.date.clone(),
                    text: r.text.clone(),
                })
                .collect();
            let Some(target) = placed else {
                let on = if comment.anchor.is_empty() {
                    String::new()
                } else {
                    format!(" (on \"{}\")", comment.anchor)
                };
                self.out.reviews.unplaced.push(Unplaced {
                    text: format!("{}{on}", comment.text),
                    why: "a comment outside every answer and reasoning, on words no item's text has".into(),
                    author: comment.author.clone(),
                    file: self.reading.file.to_string(),
                });
                continue;
            };
            let member = self.member_of(&comment.author);
            self.out.reviews.comments.push(ReviewComment {
                number: self.next_comment,
                item: self.items[target.index].to_string(),
                field: target.field,
                anchor: comment.anchor.clone(),
                author: comment.author.clone(),
                date: comment.date.clone(),
                text: comment.text.clone(),
                replies,
                file: self.reading.file.to_string(),
                member,
                resolved: comment.resolved,
            });
            self.next_comment += 1;
        }
    }
}

/// The first comment of the thread `comment` is a reply in (None for a thread's first).
fn thread_of<'c>(comments: &'c [CommentRead], comment: &'c CommentRead) -> Option<&'c str> {
    let mut parent = comment.parent.as_deref()?;
    for _ in 0..comments.len() {
        match comments
            .iter()
            .find(|c| c.id == parent)
            .and_then(|c| c.parent.as_deref())
        {
            Some(grand) => parent = grand,
            None => break,
        }
    }
    Some(parent)
}

/// The member of a joint response a reviewer named `name` speaks for: a member whose
/// organisation has that name (letter case aside), or whose respondent contact it is.
pub fn member_named(response: &Response, contacts: &[(String, String)], name: &str) -> Option<String> {
    let joint = response.joint.as_ref()?;
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    joint
        .members
        .iter()
        .find(|m| m.organisation.trim().to_lowercase() == name.to_lowercase())
        .map(|m| m.organisation.clone())
        .or_else(|| {
            contacts
                .iter()
                .find(|(contact, _)| contact.trim().to_lowercase() == name.to_lowercase())
                .map(|(_, member)| member.clone())
        })
}

/// Several passages of one text (a deleted bookmark's paragraphs) as one.
fn join<'p>(passages: impl Iterator<Item = &'p Passage>) -> Passage {
    let mut joined = Passage::default();
    for passage in passages {
        if !joined.pieces.is_empty() {
            joined.pieces.push(Piece {
                text: "\n\n".into(),
                change: None,
            });
        }
        joined.pieces.extend(passage.pieces.iter().cloned());
    }
    joined
}

/// A tracked change in a text, in the copy's text as sent: `range` replaced by
/// `inserted`. `change` is the first of the changes it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    range: Range<usize>,
    inserted: String,
    change: usize,
    moved: bool,
}

/// The ends of one move found in a text, paired by the move's name: the range its words
/// left (in the text as sent) and the place they went with the words.
struct Move {
    name: String,
    from: Option<Range<usize>>,
    to: Option<(usize, String)>,
    change: usize,
}

/// The tracked changes of `passage`: a deletion next to an insertion by the same author
/// is one replacement; a move within the text is one replacement of the stretch it
/// spans; a move's end whose other end is elsewhere is a deletion or an insertion.
fn tracked_edits(passage: &Passage, changes: &[Change]) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    let mut moves: Vec<Move> = Vec::new();
    let mut at = 0;
    let mut joining = false;
    for piece in &passage.pieces {
        let Some(index) = piece.change else {
            at += piece.text.len();
            joining = false;
            continue;
        };
        let change = &changes[index];
        let removal = is_removal(change.kind);
        let length = if removal { piece.text.len() } else { 0 };
        if let Some(name) = &change.moved {
            let entry = match moves.iter_mut().position(|m| &m.name == name) {
                Some(found) => &mut moves[found],
                None => {
                    moves.push(Move {
                        name: name.clone(),
                        from: None,
                        to: None,
                        change: index,
                    });
                    moves.last_mut().expect("pushed")
                }
            };
            if change.kind == Kind::MovedFrom {
                let range = entry.from.get_or_insert(at..at);
                range.end = at + length;
            } else {
                entry
                    .to
                    .get_or_insert((at, String::new()))
                    .1
                    .push_str(&piece.text);
            }
            at += length;
            joining = false;
            continue;
        }
        match edits.last_mut() {
            Some(edit) if joining && changes[edit.change].author == change.author => {
                edit.range.end += length;
                if !removal {
                    edit.inserted.push_str(&piece.text);
                }
            }
            _ => edits.push(Edit {
                range: at..at + length,
                inserted: if removal {
                    String::new()
                } else {
                    piece.text.clone()
                },
                change: index,
                moved: false,
            }),
        }
        at += length;
        joining = true;
    }
    let sent = passage.sent(changes);
    for Move { from, to, change, .. } in moves {
        match (from, to) {
            (Some(from), Some((point, words))) => {
                let span = from.start.min(point)..from.end.max(point);
                let mut rearranged = String::new();
                for (i, c) in sent[span.clone()].char_indices() {
                    let at = span.start + i;
                    if at == point {
                        rearranged.push_str(&words);
                    }
                    if !from.contains(&at) {
                        rearranged.push(c);
                    }
                }
                if point == span.end {
                    rearranged.push_str(&words);
                }
                edits.push(Edit {
                    range: span,
                    inserted: rearranged,
                    change,
                    moved: true,
                });
            }
            (Some(from), None) => edits.push(Edit {
                range: from,
                inserted: String::new(),
                change,
                moved: true,
            }),
            (None, Some((point, words))) => edits.push(Edit {
                range: point..point,
                inserted: words,
                change,
                moved: true,
            }),
            (None, None) => {}
        }
    }
    edits.sort_by_key(|e| e.range.start);
    edits
}

/// A suggestion's words, in the draft's text as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Found {
    before: String,
    deleted: String,
    inserted: String,
    after: String,
    at: usize,
}

/// A text in the copy and as sent, with their words lined up.
struct Texts<'t> {
    copy: &'t str,
    copy_words: &'t [Word],
    draft: &'t str,
    draft_words: &'t [Word],
    alignment: &'t Alignment,
}

impl Texts<'_> {
    /// A tracked change in the draft's words: whole words, without spaces at its ends.
    fn found(&self, edit: &Edit) -> Option<Found> {
        let (range, inserted) = whole_words(self.copy, edit.range.clone(), &edit.inserted);
        let range = trimmed(self.copy, range);
        let inserted = inserted.trim();
        if range.is_empty() && inserted.is_empty() {
            return None;
        }
        if range.is_empty() {
            return self.insertion(range.start, inserted);
        }
        let inside: Vec<usize> = (0..self.copy_words.len())
            .filter(|&w| {
                let r = &self.copy_words[w].range;
                r.start < range.end && r.end > range.start
            })
            .collect();
        let mapped: Option<Vec<usize>> = inside.iter().map(|&w| self.alignment.copy_to_draft[w]).collect();
        let draft = match mapped {
            Some(mapped) if !mapped.is_empty() && mapped.windows(2).all(|w| w[1] == w[0] + 1) => {
                let start = self.in_draft(inside[0], mapped[0], range.start, true);
                let end = self.in_draft(*inside.last()?, *mapped.last()?, range.end, false);
                start..end
            }
            // Words the draft does not have as sent: the copy's own words stand.
            _ => return Some(self.in_copy(range, inserted)),
        };
        Some(self.replacement(draft, inserted))
    }

    /// Where `at`, in the copy's word `copy`, is in the draft's word `draft`: the same
    /// place in the word when both spell it alike, else the word's start (or `end`).
    fn in_draft(&self, copy: usize, draft: usize, at: usize, start: bool) -> usize {
        let (c, d) = (&self.copy_words[copy].range, &self.draft_words[draft].range);
        if self.copy[c.clone()] == self.draft[d.clone()] {
            d.start + (at.clamp(c.start, c.end) - c.start)
        } else if start {
            d.start
        } else {
            d.end
        }
    }

    /// An edit made without Track Changes: the draft's words of the hunk replaced by the
    /// copy's.
    fn untracked(&self, hunk: &untracked::Hunk) -> Option<Found> {
        let inserted = if hunk.copy.is_empty() {
            ""
        } else {
            &self.copy
                [self.copy_words[hunk.copy.start].range.start..self.copy_words[hunk.copy.end - 1].range.end]
        };
        if hunk.draft.is_empty() {
            let point = match hunk.copy.start {
                0 => 0,
                w => self.copy_words[w - 1].range.end,
            };
            return self.insertion(point, inserted);
        }
        let draft =
            self.draft_words[hunk.draft.start].range.start..self.draft_words[hunk.draft.end - 1].range.end;
        Some(self.replacement(draft, inserted))
    }

    /// Words put in at `point` of the copy's text, placed between the draft's words
    /// there, with the space (or paragraph break) the copy has around them.
    fn insertion(&self, point: usize, inserted: &str) -> Option<Found> {
        let previous = self.copy_words.iter().rposition(|w| w.range.end <= point);
        let next = self.copy_words.iter().position(|w| w.range.start >= point);
        let separator = gap(self.copy, point);
        let after_word = point > 0 && !self.copy[..point].ends_with(char::is_whitespace);
        let mapped = |w: Option<usize>| w.and_then(|w| self.alignment.copy_to_draft[w]);
        let (at, inserted) = match (mapped(previous), mapped(next)) {
            (_, Some(next)) if !after_word => (
                self.draft_words[next].range.start,
                format!("{inserted}{separator}"),
            ),
            (Some(previous), _) => (
                self.draft_words[previous].range.end,
                format!("{separator}{inserted}"),
            ),
            (None, None) if self.draft_words.is_empty() => (0, inserted.to_string()),
            _ => return Some(self.in_copy(point..point, inserted)),
        };
        Some(self.around(at..at, inserted))
    }

    /// The draft's `range` replaced by `inserted`; a deletion takes one space with it.
    fn replacement(&self, mut range: Range<usize>, inserted: &str) -> Found {
        if inserted.is_empty() {
            if self.draft[range.end..].starts_with(' ') {
                range.end += 1;
            } else if self.draft[..range.start].ends_with(' ') {
                range.start -= 1;
            }
        }
        self.around(range, inserted.to_string())
    }

    /// `range` of the draft's text, with its context.
    fn around(&self, range: Range<usize>, inserted: String) -> Found {
        let (before, after) = context(self.draft, self.draft_words, &range);
        Found {
            before,
            deleted: self.draft[range.clone()].to_string(),
            inserted,
            after,
            at: range.start,
        }
    }

    /// The change in the copy's own words, where the draft's could not be lined up.
    fn in_copy(&self, range: Range<usize>, inserted: &str) -> Found {
        let (before, after) = context(self.copy, self.copy_words, &range);
        Found {
            before,
            deleted: self.copy[range].to_string(),
            inserted: inserted.to_string(),
            after,
            at: 0,
        }
    }
}

/// A few words before and after `range` of `text`.
fn context(text: &str, words: &[Word], range: &Range<usize>) -> (String, String) {
    let before: Vec<&Word> = words.iter().filter(|w| w.range.end <= range.start).collect();
    let before = before
        .len()
        .checked_sub(CONTEXT_WORDS)
        .map_or(before.first(), |skip| before.get(skip))
        .map_or(String::new(), |w| text[w.range.start..range.start].to_string());
    let after = words
        .iter()
        .filter(|w| w.range.start >= range.end)
        .take(CONTEXT_WORDS)
        .last()
        .map_or(String::new(), |w| text[range.end..w.range.end].to_string());
    (before, after)
}

/// A change that starts or ends inside a word made to change the whole word ("fund[ed]"
/// to "fund{ing}" becomes "funded" to "funding"), so it reads and applies as words.
/// Punctuation next to it stays outside.
fn whole_words(text: &str, mut range: Range<usize>, inserted: &str) -> (Range<usize>, String) {
    let mut inserted = inserted.to_string();
    let outside_word = |c: char| !c.is_alphanumeric();
    let first = text[range.clone()].chars().next().or(inserted.chars().next());
    if first.is_some_and(char::is_alphanumeric) {
        let start = text[..range.start]
            .rfind(outside_word)
            .map_or(0, |at| at + text[at..].chars().next().map_or(1, char::len_utf8));
        inserted.insert_str(0, &text[start..range.start]);
        range.start = start;
    }
    let last = text[range.clone()].chars().last().or(inserted.chars().last());
    if last.is_some_and(char::is_alphanumeric) {
        let end = text[range.end..]
            .find(outside_word)
            .map_or(text.len(), |at| range.end + at);
        inserted.push_str(&text[range.end..end]);
        range.end = end;
    }
    (range, inserted)
}

/// `range` without the spaces at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let inside = &text[range.clone()];
    let start = range.start + (inside.len() - inside.trim_start().len());
    let end = (range.end - (inside.len() - inside.trim_end().len())).max(start);
    start..end
}

/// The space around `point` in `text`, as a separator: a paragraph break, a line break
/// or a space.
fn gap(text: &str, point: usize) -> &'static str {
    let start = text[..point].trim_end().len();
    let end = point + (text[point..].len() - text[point..].trim_start().len());
    let space = &text[start..end];
    if space.contains("\n\n") {
        "\n\n"
    } else if space.contains('\n') {
        "\n"
    } else {
        " "
    }
}
