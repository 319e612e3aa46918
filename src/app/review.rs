//! The review panel on an item: what reviewers of a Word copy sent back for it, the
//! suggestions still waiting for a decision and every comment, one of them selected.

use crate::model::review::{ReviewComment, Suggestion};
use crate::session::Session;

/// Whether the panel is open (keys then go to it) and which entry is selected.
#[derive(Debug, Default)]
pub struct ReviewPanel {
    pub open: bool,
    /// By index among [`entries`], kept on the list when it shrinks.
    pub selected: usize,
}

/// One line of the panel, to decide on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry<'a> {
    Suggestion(&'a Suggestion),
    Comment(&'a ReviewComment),
}

/// The current item's pending suggestions, in the order read, then all its comments.
pub fn entries(session: &Session) -> Vec<Entry<'_>> {
    let Some(reviews) = session.reviews() else {
        return Vec::new();
    };
    let item = session.item().id.as_str();
    reviews
        .pending(Some(item))
        .map(Entry::Suggestion)
        .chain(
            reviews
                .comments
                .iter()
                .filter(|c| c.item == item)
                .map(Entry::Comment),
        )
        .collect()
}

impl ReviewPanel {
    /// The selected entry's index among `count` entries, kept on the list.
    pub fn selection_index(&self, count: usize) -> usize {
        self.selected.min(count.saturating_sub(1))
    }
}
