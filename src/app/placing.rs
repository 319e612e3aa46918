//! The placing view's state: which passage is selected (counted in the order to check
//! them: not placed first, then the least sure), and whether an item is being chosen to
//! move it to, or a point chosen to split it at.

/// A key of the placing view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacingCommand {
    /// From the walk-through: show the placing view of an imported response.
    Open,
    /// Choose an item to move the selected passage to.
    Move,
    /// Choose a point to split the selected passage at.
    Split,
    /// The selected passage is not an answer: its words go to its item's notes.
    NotAnswer,
    /// The split point: a word back or on.
    WordLeft,
    WordRight,
}

/// What the placing view is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacingMode {
    Browse,
    /// Choosing where to move the selected passage: `choice` indexes the set's items in
    /// reading order, and one past the last means "not placed".
    Move {
        choice: usize,
    },
    /// Choosing where to split the selected passage: at byte `at` of its text.
    Split {
        at: usize,
    },
}

/// Which part of the placing view has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacingPart {
    List,
    Move,
    Split,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacingView {
    /// The selected passage's place in the order to check them.
    pub selected: usize,
    pub mode: PlacingMode,
}

impl PlacingView {
    pub fn new() -> PlacingView {
        PlacingView {
            selected: 0,
            mode: PlacingMode::Browse,
        }
    }

    pub fn part(&self) -> PlacingPart {
        match self.mode {
            PlacingMode::Browse => PlacingPart::List,
            PlacingMode::Move { .. } => PlacingPart::Move,
            PlacingMode::Split { .. } => PlacingPart::Split,
        }
    }
}

impl Default for PlacingView {
    fn default() -> Self {
        PlacingView::new()
    }
}

/// The start of the word before byte `at` of `text` (0 at the first word).
pub fn word_before(text: &str, at: usize) -> usize {
    let head = &text[..at.min(text.len())];
    let trimmed = head.trim_end();
    trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The start of the word after the one at byte `at` of `text` (the end, past the last).
pub fn word_after(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    let rest = &text[at..];
    let past_word = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let gap = &rest[past_word..];
    let next = gap.find(|c: char| !c.is_whitespace()).unwrap_or(gap.len());
    at + past_word + next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_point_moves_a_word_at_a_time() {
        let text = "We agree.  Option 2 is better.";
        assert_eq!(word_after(text, 0), 3);
        assert_eq!(word_after(text, 3), 11);
        assert_eq!(&text[word_after(text, 11)..], "2 is better.");
        assert_eq!(word_before(text, 11), 3);
        assert_eq!(word_before(text, 3), 0);
        assert_eq!(word_after(text, text.len()), text.len());
    }
}
