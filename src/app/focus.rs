//! Which field of an item has focus: the one word the item's editors, its undo history
//! and the key table share.

/// Which part of the current item has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The position picker (or, on a free-text item, nothing: browsing).
    Position,
    Answer,
    Reasoning,
    /// Notes for ourselves: never part of a submission.
    Notes,
}
