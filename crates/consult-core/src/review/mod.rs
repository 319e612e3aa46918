//! Reviews back from Word: reading a reviewed copy's tracked changes, untracked edits and
//! comments into suggestions on the draft (`model::review`), and finding each suggestion
//! again in the text to apply it.

pub mod apply;
