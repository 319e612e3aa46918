//! What came back from reviewers of a Word copy (response format 6): the edits they
//! suggested and the comments they left, each kept until someone accepts, rejects or
//! resolves it, with who asked for it. Word forgets a change's author once the change is
//! accepted; consult keeps it here.
//!
//! A suggestion is found again in the text by its words (the words it changes and those
//! around them), never by a position, so it still applies after the text around it moved,
//! and it plainly no longer applies once those words are gone.

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::joint::Field;

/// Everything read back from reviewed Word copies of this response.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reviews {
    /// The reviewed files read in, in the order read.
    pub received: Vec<Received>,
    /// Suggested edits, in the order read: pending, accepted or rejected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
    /// Reviewers' comments, in the order read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<ReviewComment>,
    /// Text from a reviewed file that could not be tied to any item: kept to be read,
    /// never dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<Unplaced>,
}

/// One reviewed file, as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Received {
    /// The file's name, without its folder.
    pub file: String,
    /// `sha256:` and the hex SHA-256 of the file's bytes: the same file is not read twice.
    pub digest: String,
    /// The saved version of the draft the review copy was made from (its digest).
    pub made_from: String,
    /// Who reviewed it: as named with `--from`, or the file's last author.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    /// On a joint response: the member the review came from, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// When it was read (RFC 3339).
    #[schemars(with = "String")]
    pub read: Timestamp,
}

/// Whether a suggestion or comment is still waiting for someone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    #[default]
    Pending,
    Accepted,
    Rejected,
}

/// How a reviewer made a suggested edit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Made {
    /// With Track Changes on: an insertion, a deletion or both.
    #[default]
    Tracked,
    /// With Track Changes on, by moving words from one place to another.
    Moved,
    /// With Track Changes off: found by comparing the text with the version sent out.
    Untracked,
}

impl Made {
    pub fn label(self) -> &'static str {
        match self {
            Made::Tracked => "tracked change",
            Made::Moved => "tracked move",
            Made::Untracked => "edit made without Track Changes",
        }
    }
}

/// One suggested edit of an item's answer or reasoning: `deleted` replaced by
/// `inserted`, between `before` and `after`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    /// Its number, from 1, never reused in this response: how people name it ("accept 3").
    pub number: u32,
    pub item: String,
    pub field: Field,
    /// The words just before the change, as the reviewer saw them (a few words, or
    /// nothing at the start of the text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub before: String,
    /// The words the reviewer took out (nothing for an insertion).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deleted: String,
    /// The words the reviewer put in (nothing for a deletion).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub inserted: String,
    /// The words just after the change, as the reviewer saw them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub after: String,
    /// Where the change started in the text the review copy was made from, in bytes: a
    /// hint for when its words occur more than once.
    #[serde(default)]
    pub at: usize,
    /// The reviewer, as the file names the change's author (or `--from`).
    pub author: String,
    /// When the reviewer made it, as the file says (RFC 3339), if it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub made: Made,
    /// The reviewed file it came from (a [`Received::file`]).
    pub file: String,
    /// On a joint response: the member whose reviewer suggested it, credited with the
    /// words it puts in once accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    #[serde(default)]
    pub decision: Decision,
}

impl Suggestion {
    pub fn is_pending(&self) -> bool {
        self.decision == Decision::Pending
    }

    /// The change in its context, in reading order: `…before`, the words taken out as
    /// `[-…-]`, the words put in as `{+…+}`, then `after…`; each piece with what it is, so a
    /// screen can mark it and text can print it as it stands (an empty side is left out).
    pub fn change(&self) -> Vec<(Piece, String)> {
        let mut pieces = vec![(Piece::Context, format!("…{}", self.before))];
        if !self.deleted.is_empty() {
            pieces.push((Piece::Deleted, format!("[-{}-]", self.deleted)));
        }
        if !self.inserted.is_empty() {
            pieces.push((Piece::Inserted, format!("{{+{}+}}", self.inserted)));
        }
        pieces.push((Piece::Context, format!("{}…", self.after)));
        pieces
    }

    /// [`Suggestion::change`] as one line of text.
    pub fn change_text(&self) -> String {
        self.change().into_iter().map(|(_, text)| text).collect()
    }
}

/// What a piece of a suggestion's change is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Context,
    Deleted,
    Inserted,
}

/// A reply to a comment, from a reviewer's thread.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub text: String,
}

/// A reviewer's comment on an item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewComment {
    /// Its number, from 1, never reused in this response ("resolve 2").
    pub number: u32,
    pub item: String,
    pub field: Field,
    /// The words it is anchored to, as the reviewer saw them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub anchor: String,
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub text: String,
    /// Replies in the comment's thread, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
    /// The reviewed file it came from.
    pub file: String,
    /// On a joint response: the member whose reviewer wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resolved: bool,
}

/// Reviewed text consult could not tie to an item, kept as the file had it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unplaced {
    pub text: String,
    /// What it was: "inserted text", "comment", "edited heading"…, and why it could not
    /// be placed, in words.
    pub why: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    pub file: String,
}

impl Reviews {
    pub fn is_empty(&self) -> bool {
        self.received.is_empty()
            && self.suggestions.is_empty()
            && self.comments.is_empty()
            && self.unplaced.is_empty()
    }

    pub fn suggestion(&self, number: u32) -> Option<&Suggestion> {
        self.suggestions.iter().find(|s| s.number == number)
    }

    pub fn suggestion_mut(&mut self, number: u32) -> Option<&mut Suggestion> {
        self.suggestions.iter_mut().find(|s| s.number == number)
    }

    pub fn comment_mut(&mut self, number: u32) -> Option<&mut ReviewComment> {
        self.comments.iter_mut().find(|c| c.number == number)
    }

    /// The number the next suggestion read gets.
    pub fn next_suggestion_number(&self) -> u32 {
        self.suggestions.iter().map(|s| s.number).max().unwrap_or(0) + 1
    }

    /// The number the next comment read gets.
    pub fn next_comment_number(&self) -> u32 {
        self.comments.iter().map(|c| c.number).max().unwrap_or(0) + 1
    }

    /// Suggestions still waiting for a decision, on `item` (None: on any item).
    pub fn pending<'a>(&'a self, item: Option<&'a str>) -> impl Iterator<Item = &'a Suggestion> + 'a {
        self.suggestions
            .iter()
            .filter(move |s| s.is_pending() && item.is_none_or(|i| s.item == i))
    }

    /// Comments nobody has marked resolved, on `item` (None: on any item).
    pub fn open_comments<'a>(
        &'a self,
        item: Option<&'a str>,
    ) -> impl Iterator<Item = &'a ReviewComment> + 'a {
        self.comments
            .iter()
            .filter(move |c| !c.resolved && item.is_none_or(|i| c.item == i))
    }

    /// Whether anything on `item` still waits: a pending suggestion or an open comment.
    pub fn waiting_on(&self, item: &str) -> bool {
        self.pending(Some(item)).next().is_some() || self.open_comments(Some(item)).next().is_some()
    }

    /// Takes in what one more reviewed file brought (numbered after these already).
    pub fn add(&mut self, more: Reviews) {
        self.received.extend(more.received);
        self.suggestions.extend(more.suggestions);
        self.comments.extend(more.comments);
        self.unplaced.extend(more.unplaced);
    }

    /// What still waits on `item`, in words ("2 suggestions, 1 comment"), if anything does.
    pub fn describe_waiting(&self, item: &str) -> Option<String> {
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")),
        };
        let parts: Vec<String> = [
            count(self.pending(Some(item)).count(), "suggestion"),
            count(self.open_comments(Some(item)).count(), "comment"),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// Whether the file with this digest has been read already.
    pub fn has_received(&self, digest: &str) -> bool {
        self.received.iter().any(|r| r.digest == digest)
    }
}
